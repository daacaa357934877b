"""UI benchmark: cold start to a shown, responsive window; and the event loop's worst
delay while 4 phones are probed and a photo is analysed (a repeating 10 ms timer's
lateness).

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
from pathlib import Path

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

    from PySide6.QtCore import QElapsedTimer, QTimer
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
    futures = watcher.poll_once()
    futures.append(context.runner.work(lambda: analyze(photo), lambda _result: None))
    deadline = time.monotonic() + 30
    while not all(f.done() for f in futures) or context.runner.in_flight:
        app.processEvents()
        time.sleep(0.001)
        if time.monotonic() > deadline:
            raise TimeoutError("work did not finish")
    for _ in range(20):
        app.processEvents()
        time.sleep(0.01)
    timer.stop()
    wait(futures)
    watcher.stop()
    context.runner.shutdown()
    return max(late), statistics.median(late), len(late)


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


if __name__ == "__main__":
    main()
