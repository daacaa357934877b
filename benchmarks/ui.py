"""UI benchmark: cold start to a shown, responsive window; the event loop's worst
delay (a repeating 10 ms timer's lateness) while 4 phones are probed and a photo is
analysed, and while a stored 12 MP photo is opened with its boxes and the view resized
(what the Review page does when the clerk picks a photo).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/ui.py     (or under xvfb-run)

Targets (issue #6): start <= 1.5 s; worst delay <= 50 ms.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

START = """
import time, sys
t0 = time.perf_counter()
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from app.paths import DataDir
from ui.station import build_window
app = QApplication([])
window, context, watcher = build_window(DataDir(Path(sys.argv[1])).ensure(), demo=True)
window.show()
def shown():
    print(time.perf_counter() - t0, flush=True)
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
context.runner.shutdown()
"""


def cold_start() -> list[float]:
    runs = []
    for _ in range(5):
        folder = tempfile.mkdtemp()
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", START, folder],
            check=True,
            capture_output=True,
            cwd=ROOT,
            env=dict(os.environ),
        )
        runs.append(time.perf_counter() - started)
    return runs


def responsiveness() -> tuple[float, float, int]:
    from concurrent.futures import wait

    from PySide6.QtWidgets import QApplication

    from app.paths import DataDir
    from devices.sources import ReplaySource, StationProber
    from devices.watcher import PhoneRef, Watcher
    from ui.station import build_window
    from vision.analyze import analyze
    from vision.synthetic import render_scene

    app = QApplication.instance() or QApplication([])
    window, context, _ = build_window(DataDir(Path(tempfile.mkdtemp())).ensure(), demo=True)
    window.show()
    recording = context.recordings["android-oneplus-nord-n10"]
    phones = [PhoneRef("android", f"S{i}", "replay", recording.name) for i in range(4)]

    class Four(ReplaySource):
        def list_phones(self) -> list[PhoneRef]:
            return phones

    prober = StationProber(context.data_dir.root, context.recordings, latency_s=0.015)
    watcher = Watcher([Four([])], prober, window.on_phone_event)
    photo = render_scene(size_mm=(71.0, 146.0), px_per_mm=27).image  # about 12 MP
    futures: list[Any] = []

    def start() -> None:
        futures.extend(watcher.poll_once())
        futures.append(context.runner.work(lambda: analyze(photo), lambda _result: None))

    late = _ticking(
        app, start, lambda: all(f.done() for f in futures) and not context.runner.in_flight
    )
    wait(futures)
    watcher.stop()
    context.runner.shutdown()
    return max(late), statistics.median(late), len(late)


def _ticking(app: Any, work: Callable[[], None], done: Callable[[], bool]) -> list[float]:
    """The lateness of a 10 ms timer, in ms, while ``work`` is started and until ``done``."""
    from PySide6.QtCore import QElapsedTimer, QTimer

    late: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def tick() -> None:
        now = clock.elapsed()
        late.append(now - last[0] - 10)
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    work()
    deadline = time.monotonic() + 30
    while not done():
        app.processEvents()
        time.sleep(0.001)
        if time.monotonic() > deadline:
            raise TimeoutError("work did not finish")
    for _ in range(20):
        app.processEvents()
        time.sleep(0.01)
    timer.stop()
    return late


def photo_opening() -> tuple[float, float, float, float, float]:
    """Worst and median timer delay while a 12 MP still (JPEG, as the station keeps
    one) is opened in a PhotoView, the decode's own time (off the GUI thread), and a
    resize's time (median, worst)."""
    from PySide6.QtWidgets import QApplication

    from ui.photo_view import PhotoView, decode_photo
    from ui.tasks import TaskRunner
    from vision.camera import encode_still
    from vision.synthetic import render_scene

    app = QApplication.instance() or QApplication([])
    photo = render_scene(size_mm=(71.0, 146.0), px_per_mm=27).image  # about 12 MP
    data = encode_still(photo)
    started = time.perf_counter()
    decode_photo(data)
    decode_s = time.perf_counter() - started
    runner = TaskRunner()
    view = PhotoView()
    view.resize(900, 700)
    view.show()
    boxes = [
        ((900, 1400, 600, 300), "#ff6d00", "scratch"),
        ((500, 2600, 200, 400), "#ff6d00", "crack"),
    ]
    late = _ticking(
        app, lambda: view.load(runner, "a" * 64, lambda: data, boxes), lambda: not view.loading
    )
    resizes = []
    for size in ((800, 650), (1000, 760), (700, 560), (900, 700)) * 3:
        started = time.perf_counter()
        view.resize(*size)
        app.processEvents()
        resizes.append(time.perf_counter() - started)
    runner.shutdown()
    return max(late), statistics.median(late), decode_s, statistics.median(resizes), max(resizes)


def main() -> None:
    runs = cold_start()
    print(
        f"Cold start to a shown window (new process, demo, empty data dir): median "
        f"{statistics.median(runs):.2f} s, min {min(runs):.2f} s (5 runs)"
    )
    worst, median, ticks = responsiveness()
    print(
        f"Event loop while 4 phones are probed and a 12 MP photo is analysed: worst "
        f"delay {worst:.0f} ms, median {median:.1f} ms ({ticks} ticks of 10 ms)"
    )
    worst, median, decode_s, resize_s, resize_worst_s = photo_opening()
    print(
        f"Opening a stored 12 MP photo in the photo view: decode {decode_s * 1000:.0f} ms off "
        f"the GUI thread; event loop worst delay {worst:.0f} ms, median {median:.1f} ms; "
        f"a resize {resize_s * 1000:.0f} ms (worst {resize_worst_s * 1000:.0f} ms)"
    )


if __name__ == "__main__":
    main()
