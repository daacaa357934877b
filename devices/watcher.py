"""Noticing phones plugged in and removed, and probing several at once.

A ``Watcher`` polls its sources (adb over USB and TCP, usbmuxd, recorded phones) and
reports what changed through a callback, from its own thread: a phone appears, its
state moves (probing, waiting for "Trust" or "Allow USB debugging", ready, locked),
its report arrives, it goes away. Probes run in a pool (a station may have 8 ports);
a phone that needs the clerk's or seller's tap is retried on the next poll.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Protocol

from devices.errors import PhoneState, PhoneUnavailable
from devices.report import DeviceReport

log = logging.getLogger(__name__)

RETRY_STATES = {
    PhoneState.NEEDS_USB_DEBUGGING,
    PhoneState.NEEDS_TRUST,
    PhoneState.PASSCODE_LOCKED,
}


@dataclass(frozen=True, slots=True)
class PhoneRef:
    """A connected phone: platform, serial (adb serial or iPhone UDID), how it is
    reached ("usb", "tcp", "replay"), and the address for that transport."""

    platform: str
    serial: str
    transport: str
    address: str = ""


@dataclass(frozen=True, slots=True)
class PhoneEvent:
    """Something that changed: ``kind`` is "added", "state", "report" or "removed"."""

    kind: str
    phone: PhoneRef
    state: PhoneState
    message: str = ""
    report: DeviceReport | None = None


class PhoneSource(Protocol):
    """Lists the phones one kind of connection can see right now."""

    def list_phones(self) -> list[PhoneRef]: ...


Prober = Callable[[PhoneRef], DeviceReport]


class Watcher:
    """Polls sources, probes new phones in parallel, reports changes to ``on_event``."""

    def __init__(
        self,
        sources: list[PhoneSource],
        prober: Prober,
        on_event: Callable[[PhoneEvent], None],
        max_parallel: int = 8,
        poll_s: float = 1.0,
    ) -> None:
        self._sources = sources
        self._prober = prober
        self._on_event = on_event
        self._pool = ThreadPoolExecutor(max_parallel, thread_name_prefix="probe")
        self._poll_s = poll_s
        self._known: dict[PhoneRef, PhoneState] = {}
        self._running: dict[PhoneRef, Future[None]] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Poll on a background thread until ``stop``."""
        self._thread = threading.Thread(target=self._loop, name="phone-watcher", daemon=True)
        self._thread.start()

    @property
    def prober(self) -> Prober:
        """What reads each phone found."""
        return self._prober

    def stop(self) -> None:
        """Stop polling; running probes finish (each has its own timeouts)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.poll_once()
            self._stop.wait(self._poll_s)

    def poll_once(self) -> list[Future[None]]:
        """One look at every source; returns the probes it started."""
        seen: set[PhoneRef] = set()
        for source in self._sources:
            try:
                seen.update(source.list_phones())
            except Exception:  # a source that fails (usbmuxd down) must not stop others
                log.exception("listing phones failed for %s", type(source).__name__)
        started = []
        with self._lock:
            for phone in list(self._known):
                if phone not in seen:
                    del self._known[phone]
                    self._emit(PhoneEvent("removed", phone, PhoneState.GONE, "unplugged"))
            for phone in seen:
                state = self._known.get(phone)
                if state is None:
                    self._emit(PhoneEvent("added", phone, PhoneState.PROBING))
                if (state is None or state in RETRY_STATES) and phone not in self._running:
                    self._known[phone] = PhoneState.PROBING
                    future = self._pool.submit(self._probe, phone)
                    self._running[phone] = future
                    started.append(future)
        return started

    def _probe(self, phone: PhoneRef) -> None:
        try:
            report = self._prober(phone)
        except PhoneUnavailable as exc:
            self._settle(phone, PhoneEvent("state", phone, exc.state, str(exc)))
        except Exception as exc:
            log.exception("probe of %s failed", phone)
            self._settle(
                phone, PhoneEvent("state", phone, PhoneState.FAILED, f"probe failed: {exc}")
            )
        else:
            state = PhoneState.LOCKED if report.locks.blocking() else PhoneState.READY
            self._settle(phone, PhoneEvent("report", phone, state, report=report))

    def _settle(self, phone: PhoneRef, event: PhoneEvent) -> None:
        with self._lock:
            self._running.pop(phone, None)
            if phone in self._known:
                self._known[phone] = event.state
                self._emit(event)

    def _emit(self, event: PhoneEvent) -> None:
        try:
            self._on_event(event)
        except Exception:
            log.exception("phone event handler failed")
