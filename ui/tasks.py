"""The one task runner (STYLE.md §3): database work on a single serial worker, device
and vision work in a pool, results delivered back on the GUI thread by a signal.
Workers get plain data and never touch widgets."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

log = logging.getLogger(__name__)


class TaskRunner(QObject):
    """Runs callables off the GUI thread; ``on_done`` / ``on_error`` run on the GUI
    thread. ``busy_changed`` reports how many tasks the clerk waits for are in flight
    (not the quiet ones: the live preview's frame every 100 ms would keep the busy bar
    running for as long as the Photograph page is shown)."""

    busy_changed = Signal(int)
    _finished = Signal(object)

    def __init__(self, pool_size: int = 4) -> None:
        super().__init__()
        self._db = ThreadPoolExecutor(1, thread_name_prefix="db")
        self._pool = ThreadPoolExecutor(pool_size, thread_name_prefix="work")
        self._in_flight = 0
        self._quiet: set[Future[Any]] = set()
        # Queued even from the GUI thread (a task done before its callback is added
        # reports back at once): results always arrive from the event loop.
        self._finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)

    def db(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Future[Any]:
        """Database work, one at a time, in submission order."""
        return self._submit(self._db, fn, on_done, on_error)

    def work(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
        *,
        quiet: bool = False,
    ) -> Future[Any]:
        """Device or vision work, in parallel; ``quiet`` work is not reported busy."""
        return self._submit(self._pool, fn, on_done, on_error, quiet)

    @property
    def in_flight(self) -> int:
        """Tasks submitted and not yet reported back, quiet ones included."""
        return self._in_flight

    @property
    def busy(self) -> int:
        """Tasks in flight that the clerk waits for."""
        return self._in_flight - len(self._quiet)

    def _submit(
        self,
        executor: ThreadPoolExecutor,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None,
        quiet: bool = False,
    ) -> Future[Any]:
        self._in_flight += 1
        future = executor.submit(fn)
        # Reported back through a queued signal, so after this returns: the quiet set
        # is up to date by then however fast the task is.
        future.add_done_callback(lambda f: self._finished.emit((f, on_done, on_error)))
        if quiet:
            self._quiet.add(future)
        else:
            self.busy_changed.emit(self.busy)
        return future

    def _on_finished(self, payload: Any) -> None:
        future, on_done, on_error = payload
        self._in_flight -= 1
        if future in self._quiet:
            self._quiet.discard(future)
        else:
            self.busy_changed.emit(self.busy)
        if future.cancelled():  # dropped at shutdown: nobody waits for it any more
            return
        error = future.exception()
        if error is None:
            on_done(future.result())
        elif on_error is not None:
            on_error(error)
        else:
            log.error("background task failed", exc_info=error)

    def shutdown(self) -> None:
        """Finish running tasks and stop the workers."""
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._db.shutdown(wait=True)
