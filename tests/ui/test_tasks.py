"""The task runner: results and errors come back on the GUI thread; work cancelled at
shutdown is dropped quietly."""

from __future__ import annotations

import threading
from concurrent.futures import Future

from pytestqt.qtbot import QtBot

from ui.tasks import TaskRunner


def test_results_errors_and_cancellation(qtbot: QtBot) -> None:
    runner = TaskRunner(pool_size=1)
    gui = threading.current_thread()
    seen: list[object] = []
    with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda n: n == 0):
        runner.work(
            lambda: 21 * 2, lambda value: seen.append((value, threading.current_thread() is gui))
        )
    assert seen == [(42, True)]

    def boom() -> None:
        raise ValueError("bad photo")

    with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda n: n == 0):
        runner.db(boom, seen.append, lambda error: seen.append(str(error)))
    assert seen[-1] == "bad photo"
    # A future cancelled at shutdown still reports back; it must be dropped quietly.
    cancelled: Future[object] = Future()
    cancelled.cancel()
    runner._in_flight += 1
    with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda n: n == 0):
        runner._finished.emit((cancelled, seen.append, seen.append))
    assert seen[-1] == "bad photo"
    runner.shutdown()


def test_quiet_work_is_not_reported_busy(qtbot: QtBot) -> None:
    runner = TaskRunner(pool_size=2)
    reported: list[int] = []
    runner.busy_changed.connect(reported.append)
    release = threading.Event()
    seen: list[object] = []
    runner.work(release.wait, seen.append, quiet=True)  # the preview's frame
    assert (runner.in_flight, runner.busy, reported) == (1, 0, [])
    with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda n: n == 0):
        runner.work(lambda: "photo", seen.append)  # what the clerk waits for
    assert reported == [1, 0] and seen == ["photo"]
    release.set()
    qtbot.waitUntil(lambda: runner.in_flight == 0)
    assert reported == [1, 0] and seen == ["photo", True]
    runner.shutdown()
