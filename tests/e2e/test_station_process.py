"""The station started as the README starts it: `yanji station` in a fresh process.

Every other window test runs inside pytest, where the project's modules, pydantic
among them, are imported before Qt. A fresh process imports them in the window's
own order, and one such order once kept the window from starting at all (see
`ui/__init__.py`). The station is started, its log must say that the window is
shown, and it must still be running then."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.paths import DataDir
from app.settings import load_settings, save_settings

pytestmark = pytest.mark.timeout(300)


@pytest.mark.parametrize(
    ("argv", "mode"), [(("--demo",), "demo"), ((), "no camera")], ids=["demo", "no-camera"]
)
def test_the_station_starts_in_a_fresh_process(
    tmp_path: Path, argv: tuple[str, ...], mode: str
) -> None:
    data = DataDir(tmp_path / "data").ensure()
    settings = load_settings(data.settings)
    # No camera answers at this index, on any machine.
    camera = settings.camera.model_copy(update={"index": 57})
    save_settings(data.settings, settings.model_copy(update={"camera": camera}))
    env = {k: v for k, v in os.environ.items() if k != "YANJI_DATA_DIR"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    station = subprocess.Popen(
        [sys.executable, "-m", "app", "--data-dir", str(data.root), "station", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    log = data.logs / "yanji.log"
    shown = f"station window shown: {mode}"
    try:
        for _ in range(240):
            if station.poll() is not None or (log.is_file() and shown in log.read_text()):
                break
            time.sleep(0.5)
        assert station.poll() is None, f"the station exited: {station.communicate()[0]}"
        assert shown in log.read_text()
    finally:
        station.terminate()
        output = station.communicate(timeout=60)[0]
    assert "Traceback" not in output and "error" not in output.lower(), output
