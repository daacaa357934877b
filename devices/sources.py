"""Where phones come from (adb over USB or TCP, usbmuxd, recordings) and the station
prober that reads whichever kind a PhoneRef names."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from devices.android import (
    AdbShell,
    probe_android,
    remove_patterns,
    show_pattern,
    station_signer,
)
from devices.errors import PhoneState, PhoneUnavailable
from devices.ios import LoopThread, Pmd3Source, probe_ios
from devices.replay import Recording, ReplayLockdown, ReplayShell
from devices.report import DeviceReport
from devices.watcher import PhoneRef

log = logging.getLogger(__name__)

# ADB's USB interface: vendor class 0xFF, subclass 0x42, protocol 0x01.
ADB_INTERFACE = (0xFF, 0x42, 0x01)


class ReplaySource:
    """Recorded phones, "plugged in" until removed (demo mode and tests)."""

    def __init__(self, recordings: Iterable[Recording]) -> None:
        self.recordings = {r.name: r for r in recordings}

    def list_phones(self) -> list[PhoneRef]:
        return [PhoneRef(r.platform, r.serial, "replay", r.name) for r in self.recordings.values()]

    def unplug(self, name: str) -> None:
        """Take a recorded phone away, as if its cable were pulled."""
        self.recordings.pop(name, None)


class AdbTcpSource:
    """Android phones reachable over TCP (``adb tcpip``), by configured address."""

    def __init__(self, addresses: Iterable[str]) -> None:
        self.addresses = list(addresses)

    def list_phones(self) -> list[PhoneRef]:
        return [PhoneRef("android", address, "tcp", address) for address in self.addresses]


class AdbUsbSource:
    """Android phones on USB with debugging on, found through libusb."""

    def list_phones(self) -> list[PhoneRef]:
        try:
            import usb1
        except ImportError:  # pragma: no cover - libusb1 is a dependency
            return []
        found = []
        with usb1.USBContext() as context:
            for device in context.getDeviceIterator(skip_on_error=True):
                if not _has_adb_interface(device):
                    continue
                path = "-".join(
                    str(p) for p in [device.getBusNumber(), *device.getPortNumberList()]
                )
                serial = _usb_serial(device) or path
                found.append(PhoneRef("android", serial, "usb", path))
        return found


def _has_adb_interface(device: Any) -> bool:
    for configuration in device.iterConfigurations():
        for interface in configuration:
            for setting in interface:
                wanted = (setting.getClass(), setting.getSubClass(), setting.getProtocol())
                if wanted == ADB_INTERFACE:
                    return True
    return False


def _usb_serial(device: Any) -> str | None:
    try:
        return str(device.getSerialNumber())
    except Exception:  # no permission to open the device: fall back to the port path
        return None


class UsbmuxSource:
    """iPhones that usbmuxd sees on USB."""

    def __init__(self, loop: LoopThread) -> None:
        self._loop = loop
        self.warned = False

    def list_phones(self) -> list[PhoneRef]:
        from pymobiledevice3 import usbmux
        from pymobiledevice3.exceptions import ConnectionFailedToUsbmuxdError

        try:
            devices = self._loop.run(usbmux.list_devices(), timeout_s=5)
        except ConnectionFailedToUsbmuxdError:
            if not self.warned:
                log.warning(
                    "usbmuxd is not running: iPhones cannot be seen (apt-get install usbmuxd)"
                )
                self.warned = True
            return []
        return [
            PhoneRef("ios", d.serial, "usb", d.serial)
            for d in devices
            if d.connection_type == "USB"
        ]


class StationProber:
    """Reads a phone of any kind; pairing records and the ADB key live under
    ``data_dir``. ``latency_s`` slows replayed phones to a real phone's pace."""

    def __init__(
        self,
        data_dir: Path,
        recordings: dict[str, Recording] | None = None,
        loop: LoopThread | None = None,
        timeout_s: float = 10.0,
        latency_s: float = 0.0,
    ) -> None:
        self.data_dir = data_dir
        self.recordings = recordings or {}
        self._loop = loop
        self.timeout_s = timeout_s
        self.latency_s = latency_s
        self._signer: Any = None

    @property
    def loop(self) -> LoopThread:
        """The iPhone event loop, started on first use."""
        if self._loop is None:
            self._loop = LoopThread()
        return self._loop

    def close(self) -> None:
        """Stop the iPhone event loop, if one was started (a station window that is
        built afresh starts its own)."""
        if self._loop is not None:
            self._loop.stop()
            self._loop = None

    def __call__(self, phone: PhoneRef) -> DeviceReport:
        if phone.transport == "replay":
            return self._replay(phone)
        if phone.platform == "android":
            return self._android(phone)
        return self._ios(phone)

    def _replay(self, phone: PhoneRef) -> DeviceReport:
        recording = self.recordings.get(phone.address)
        if recording is None:
            raise PhoneUnavailable(PhoneState.GONE, f"no recorded phone {phone.address}")
        if recording.platform == "android":
            return probe_android(ReplayShell(recording, self.latency_s), self.timeout_s)
        source = ReplayLockdown(recording, self.latency_s)
        return self.loop.run(probe_ios(source, self.timeout_s), self.timeout_s * 8)

    def show_pattern(self, phone: PhoneRef, name: str, png: bytes) -> str:
        """Push a test-pattern image to an Android phone and open it full screen
        (`devices.android.show_pattern`); returns the phone's answer. A recorded phone
        has no screen to show it on."""
        shell = self._pattern_shell(phone)
        try:
            return show_pattern(shell, name, png)
        finally:
            shell.close()

    def remove_patterns(self, phone: PhoneRef) -> None:
        """Take the test patterns pushed by `show_pattern` off the phone again
        (`devices.android.remove_patterns`)."""
        shell = self._pattern_shell(phone)
        try:
            remove_patterns(shell)
        finally:
            shell.close()

    def _pattern_shell(self, phone: PhoneRef) -> AdbShell:
        if phone.platform != "android" or phone.transport == "replay":
            raise PhoneUnavailable(
                PhoneState.FAILED, "only a connected Android phone can be sent a pattern"
            )
        return self._adb(phone)

    def _adb(self, phone: PhoneRef) -> AdbShell:
        if self._signer is None:
            self._signer = station_signer(self.data_dir / "keys")
        if phone.transport == "tcp":
            host, _, port = phone.address.rpartition(":")
            return AdbShell.tcp(host, int(port or 5555), self._signer, self.timeout_s)
        return AdbShell.usb(phone.serial, self._signer, self.timeout_s)

    def _android(self, phone: PhoneRef) -> DeviceReport:
        shell = self._adb(phone)
        try:
            return probe_android(shell, self.timeout_s)
        finally:
            shell.close()

    def _ios(self, phone: PhoneRef) -> DeviceReport:
        records = self.data_dir / "pair-records"
        records.mkdir(parents=True, exist_ok=True)

        async def run() -> DeviceReport:
            source = await Pmd3Source.usbmux(phone.serial, records)
            try:
                return await probe_ios(source, self.timeout_s)
            finally:
                await source.close()

        return self.loop.run(run(), self.timeout_s * 8)
