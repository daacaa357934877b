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
