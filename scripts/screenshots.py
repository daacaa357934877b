"""Screenshots of every page of the station, in zh_CN and en, driven through the demo.

    xvfb-run -a .venv/bin/python scripts/screenshots.py OUT_DIR   (or scripts/screenshots.sh)

Each language runs in its own process (translators must be in place before the
window is built) on a fresh temporary data directory.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PAGES = ("phones", "identify", "photograph", "review", "quote", "seal", "history", "settings")


def wait_for(app, condition: Callable[[], bool], timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the demo did not get there in time")
        app.processEvents()
        time.sleep(0.02)


def shoot(out: Path, language: str) -> None:
    from concurrent.futures import wait

    from PySide6.QtWidgets import QApplication

    from app.paths import DataDir
    from app.settings import load_settings, save_settings
    from ui.i18n import install_translators
    from ui.station import build_window

    app = QApplication([])
    translators = install_translators(app, language)
    data_dir = DataDir(Path(tempfile.mkdtemp()) / "data").ensure()
    settings = load_settings(data_dir.settings)
    save_settings(
        data_dir.settings,
        settings.model_copy(update={"ui": settings.ui.model_copy(update={"language": language})}),
    )
    window, context, watcher = build_window(data_dir, demo=True)
    window.resize(1280, 800)
    window.show()

    def snap(index: int) -> None:
        window.nav.setCurrentRow(index)
        for _ in range(20):
            app.processEvents()
            time.sleep(0.02)
        wait_for(app, lambda: context.runner.in_flight == 0)
        app.processEvents()
        window.grab().save(str(out / f"{language}-{index + 1}-{PAGES[index]}.png"))

    wait(watcher.poll_once())
    phones = window.overview.phones
    wait_for(
        app, lambda: sum(bool(phones.item(r, 0).text()) for r in range(phones.rowCount())) == 6
    )
    snap(0)
    row = next(r for r in range(phones.rowCount()) if phones.item(r, 0).text() == "iPhone 7")
    phones.selectRow(row)
    window.overview.inspect_button.click()
    wait_for(app, lambda: context.inspection.current is not None)
    snap(1)
    snap(2)
    for step in range(7):  # screen off, pattern, back, the four sides: each waits
        window.photograph.capture_button.click()
        wait_for(app, lambda n=step + 1: _captured(context) >= n)
    window.nav.setCurrentRow(3)
    snap(3)
    # The back photo, with a box the clerk drew on it; then the drawing is dropped
    # (the inspection shown afresh), so review is accepted with the detector's
    # findings alone, as the demo phone's quote expects.
    window.review.photo_choice.setCurrentIndex(2)
    wait_for(app, lambda: context.runner.in_flight == 0)  # the photo is read off-thread
    window.review._on_view_box_drawn((300, 400, 180, 120))
    app.processEvents()
    window.grab().save(str(out / f"{language}-4b-review-back.png"))
    context.inspection.set(context.inspection.current)
    window.review.next_button.click()
    wait_for(app, lambda: context.inspection.current.quote is not None)
    window.quote.accessories["charger"].setChecked(True)  # the seller brought none
    wait_for(
        app,
        lambda: any(
            line.rule_id == "accessory.charger" for line in context.inspection.current.quote.lines
        ),
    )
    snap(4)
    window.seal.name.setText("王小明")
    window.seal.id_number.setText("11010519491231002X")
    window.seal.phone.setText("13800138000")
    window.seal.agreed.setChecked(True)
    snap(5)
    window.seal.seal_button.click()
    wait_for(app, lambda: context.inspection.current.state.is_final)
    snap(6)
    snap(7)
    # An Android phone that gives no IMEI over adb: the clerk types it off *#06#.
    window.nav.setCurrentRow(0)
    row = next(r for r in range(phones.rowCount()) if phones.item(r, 0).text() == "POCO F6")
    phones.selectRow(row)
    window.overview.inspect_button.click()
    wait_for(app, lambda: context.inspection.current.device.marketing_name == "POCO F6")
    window.identify.imei_box.setText("86 916806 044706 2")
    window.identify.record_imeis()
    wait_for(app, lambda: context.inspection.current.typed_imeis != ())
    app.processEvents()
    window.grab().save(str(out / f"{language}-2b-identify-android.png"))
    watcher.stop()
    context.runner.shutdown()
    context.store.close()
    del translators


def _captured(context: Any) -> int:
    """How many guided captures the inspection has (evidence crops not counted)."""
    from app.records import PhotoStep

    return sum(p.step is not PhotoStep.OTHER for p in context.inspection.current.photos)


def main() -> None:
    out = Path(sys.argv[1]).resolve()
    out.mkdir(parents=True, exist_ok=True)
    if len(sys.argv) > 2:
        shoot(out, sys.argv[2])
        return
    for language in ("zh_CN", "en"):
        subprocess.run([sys.executable, __file__, str(out), language], check=True)
    print(f"Screenshots of {len(PAGES)} pages in zh_CN and en are in {out}")


if __name__ == "__main__":
    main()
