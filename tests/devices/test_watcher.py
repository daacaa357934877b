"""The watcher: phones coming and going, probes in parallel, taps retried."""

from __future__ import annotations

import threading
from concurrent.futures import wait
from pathlib import Path

from devices.errors import PhoneState, PhoneUnavailable
from devices.replay import Recording
from devices.report import DeviceReport, Platform
from devices.sources import AdbTcpSource, ReplaySource, StationProber
from devices.watcher import PhoneEvent, PhoneRef, Watcher


class Recorder:
    def __init__(self) -> None:
        self.events: list[PhoneEvent] = []
        self.lock = threading.Lock()

    def __call__(self, event: PhoneEvent) -> None:
        with self.lock:
            self.events.append(event)

    def kinds(self, serial: str) -> list[tuple[str, str]]:
        return [(e.kind, e.state.value) for e in self.events if e.phone.serial == serial]


def test_plugging_probing_and_unplugging(recordings: dict[str, Recording], tmp_path: Path) -> None:
    source = ReplaySource(recordings.values())
    events = Recorder()
    prober = StationProber(tmp_path, recordings)
    watcher = Watcher([source], prober, events)
    try:
        wait(watcher.poll_once())
        reports = {e.phone.address: e for e in events.events if e.kind == "report"}
        assert set(reports) == set(recordings)
        assert reports["ios-iphone6plus-locked"].state is PhoneState.LOCKED
        assert reports["android-oneplus-nord-n10"].state is PhoneState.READY
        serial = recordings["android-oneplus-nord-n10"].serial
        assert events.kinds(serial) == [("added", "probing"), ("report", "ready")]
        assert watcher.poll_once() == []  # nothing new: no second probe
        source.unplug("android-oneplus-nord-n10")
        watcher.poll_once()
        assert events.kinds(serial)[-1] == ("removed", "gone")
    finally:
        watcher.stop()
        prober.loop.stop()


def test_a_phone_waiting_for_a_tap_is_retried(tmp_path: Path) -> None:
    phone = PhoneRef("android", "SER1", "tcp", "10.0.0.5:5555")
    attempts: list[int] = []

    def prober(ref: PhoneRef) -> DeviceReport:
        attempts.append(1)
        if len(attempts) == 1:
            raise PhoneUnavailable(PhoneState.NEEDS_USB_DEBUGGING, "tap Allow")
        return DeviceReport(platform=Platform.ANDROID, serial=ref.serial)

    events = Recorder()
    watcher = Watcher([AdbTcpSource(["10.0.0.5:5555"])], prober, events)
    try:
        wait(watcher.poll_once())
        assert events.kinds("10.0.0.5:5555")[-1] == ("state", "needs_usb_debugging")
        wait(watcher.poll_once())
        assert events.kinds("10.0.0.5:5555")[-1] == ("report", "ready")
        assert len(attempts) == 2
        assert phone.platform == "android"
    finally:
        watcher.stop()


def test_a_failing_source_or_probe_does_not_stop_the_others(tmp_path: Path) -> None:
    class Broken:
        def list_phones(self) -> list[PhoneRef]:
            raise OSError("usbmuxd is not running")

    def prober(ref: PhoneRef) -> DeviceReport:
        raise RuntimeError("bug in a parser")

    events = Recorder()
    watcher = Watcher([Broken(), AdbTcpSource(["h:1"])], prober, events)
    try:
        wait(watcher.poll_once())
        assert events.kinds("h:1") == [("added", "probing"), ("state", "failed")]
        assert "bug in a parser" in events.events[-1].message
    finally:
        watcher.stop()


def test_eight_phones_are_probed_at_once(recordings: dict[str, Recording], tmp_path: Path) -> None:
    one = recordings["android-oneplus-nord-n10"]
    phones = [PhoneRef("android", f"S{i}", "replay", one.name) for i in range(8)]

    class Eight:
        def list_phones(self) -> list[PhoneRef]:
            return phones

    running = []
    peak = []
    lock = threading.Lock()
    prober = StationProber(tmp_path, recordings, latency_s=0.05)

    def counting(ref: PhoneRef) -> DeviceReport:
        with lock:
            running.append(ref)
            peak.append(len(running))
        try:
            return prober(ref)
        finally:
            with lock:
                running.remove(ref)

    events = Recorder()
    watcher = Watcher([Eight()], counting, events, max_parallel=8)
    try:
        wait(watcher.poll_once())
    finally:
        watcher.stop()
    assert max(peak) > 1
    assert sum(1 for e in events.events if e.kind == "report") == 8
