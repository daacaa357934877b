"""Android phones over adb-shell (USB through libusb, or TCP), with the station's own
RSA key. A probe is two batched shell calls (devices/android_parse.py); a phone that
stops answering ends the probe with a partial report, never a hang."""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path
from typing import Any, Protocol

from devices.android_parse import (
    PROBE_GROUPS,
    android_report,
    batch_command,
    split_sections,
)
from devices.errors import NO_ANSWER, PhoneState, PhoneUnavailable
from devices.report import DeviceReport

log = logging.getLogger(__name__)

#: How long the clerk has to tap "Allow USB debugging?" before the probe says so.
AUTH_WAIT_S = 2.0


class ShellTransport(Protocol):
    """Runs a shell command on one phone. Raises PhoneUnavailable when the phone goes
    away or does not answer within ``timeout_s``."""

    def shell(self, command: str, timeout_s: float) -> str: ...

    def close(self) -> None: ...


def probe_android(transport: ShellTransport, timeout_s: float = 10.0) -> DeviceReport:
    """Read one Android phone. Whatever could not be read is a problem in the report."""
    sections: dict[str, str] = {}
    missing: dict[str, str] = {}
    for group in PROBE_GROUPS:
        try:
            text = transport.shell(batch_command(group), timeout_s)
        except PhoneUnavailable as exc:
            _mark_missing(group, sections, missing, exc.reason)
            break
        got, complete = split_sections(text)
        if not complete:
            # The output stopped mid-way: the last section may be cut short.
            if got:
                got.pop(list(got)[-1])
            sections.update(got)
            _mark_missing(group, sections, missing, "disconnected")
            break
        sections.update(got)
    return android_report(sections, missing)


def _mark_missing(
    group: tuple[tuple[str, str], ...],
    sections: dict[str, str],
    missing: dict[str, str],
    reason: str,
) -> None:
    for later in PROBE_GROUPS[PROBE_GROUPS.index(group) :]:
        for name, _ in later:
            if name not in sections:
                missing[name] = reason


def station_signer(keys_dir: Path) -> Any:
    """The station's ADB RSA key (made once, kept as keys_dir/adbkey[.pub])."""
    from adb_shell.auth.keygen import keygen
    from adb_shell.auth.sign_pythonrsa import PythonRSASigner

    private = keys_dir / "adbkey"
    if not private.exists():
        keys_dir.mkdir(parents=True, exist_ok=True)
        keygen(str(private))
        private.chmod(0o600)
    public = private.with_name("adbkey.pub")
    return PythonRSASigner(public.read_text(), private.read_text())


class AdbShell:
    """ShellTransport over adb-shell. Use ``tcp`` or ``usb`` to connect."""

    def __init__(self, device: Any) -> None:
        self._device = device

    @classmethod
    def tcp(cls, host: str, port: int, signer: Any, timeout_s: float = 5.0) -> AdbShell:
        """Connect over TCP (``adb tcpip`` phones, and the test fake)."""
        from adb_shell.adb_device import AdbDeviceTcp

        device = AdbDeviceTcp(host, port, default_transport_timeout_s=timeout_s)
        return cls._connected(device, signer, f"{host}:{port}")

    @classmethod
    def usb(cls, serial: str | None, signer: Any, timeout_s: float = 5.0) -> AdbShell:
        """Connect over USB through libusb (needs permission to the USB device)."""
        from adb_shell.adb_device import AdbDeviceUsb

        try:
            device = AdbDeviceUsb(serial=serial, default_transport_timeout_s=timeout_s)
        except Exception as exc:  # adb-shell raises its own and libusb's errors here
            raise PhoneUnavailable(PhoneState.GONE, f"no Android phone on USB: {exc}") from None
        return cls._connected(device, signer, serial or "usb")

    @classmethod
    def _connected(cls, device: Any, signer: Any, name: str) -> AdbShell:
        from adb_shell.exceptions import (
            AdbTimeoutError,
            DeviceAuthError,
            TcpTimeoutException,
            UsbReadFailedError,
        )

        try:
            device.connect(
                rsa_keys=[signer],
                auth_timeout_s=AUTH_WAIT_S,
                read_timeout_s=5.0,
                transport_timeout_s=AUTH_WAIT_S,
            )
        except (DeviceAuthError, AdbTimeoutError, TcpTimeoutException, UsbReadFailedError):
            # The phone took the connection but not our key: its "Allow USB debugging?"
            # dialog is waiting for a tap. (A phone that is gone refuses to connect.)
            device.close()
            raise PhoneUnavailable(
                PhoneState.NEEDS_USB_DEBUGGING,
                f'{name}: tap "Allow" on the phone\'s "Allow USB debugging?" prompt',
            ) from None
        except OSError as exc:
            device.close()
            raise PhoneUnavailable(PhoneState.GONE, f"{name}: cannot connect ({exc})") from None
        return cls(device)

    def shell(self, command: str, timeout_s: float) -> str:
        """Run ``command``; PhoneUnavailable(GONE) when the phone stops answering."""
        from adb_shell.exceptions import AdbTimeoutError, TcpTimeoutException

        try:
            result = self._device.shell(command, timeout_s=timeout_s, read_timeout_s=timeout_s)
        except (AdbTimeoutError, TcpTimeoutException) as exc:
            raise PhoneUnavailable(PhoneState.GONE, f"{NO_ANSWER} ({exc})", NO_ANSWER) from None
        except (OSError, ConnectionError) as exc:
            raise PhoneUnavailable(PhoneState.GONE, f"disconnected ({exc})") from None
        except Exception as exc:  # adb-shell's USB and protocol errors
            if type(exc).__module__.startswith(("adb_shell", "usb1")):
                raise PhoneUnavailable(PhoneState.GONE, f"disconnected ({exc})") from None
            raise
        return str(result)

    def push(self, data: bytes, device_path: str, timeout_s: float = 10.0) -> None:
        """Write ``data`` to ``device_path`` on the phone (ADB file sync)."""
        import io

        from adb_shell.exceptions import AdbTimeoutError, TcpTimeoutException

        try:
            self._device.push(io.BytesIO(data), device_path, read_timeout_s=timeout_s)
        except (AdbTimeoutError, TcpTimeoutException, OSError) as exc:
            raise PhoneUnavailable(PhoneState.GONE, f"disconnected ({exc})") from None

    def close(self) -> None:
        """Close the connection."""
        self._device.close()


#: Where test patterns go on the phone, and how the phone is asked to show one.
PATTERN_DIR = "/sdcard/Pictures/yanji"
#: The phone's index of pictures (MediaStore). A pattern is opened by its address
#: there: image viewers on Android 10 and later need not take a ``file://`` one.
MEDIA_IMAGES = "content://media/external/images/media"
#: How long a pushed pattern is waited for in the index after asking for a scan.
SCAN_WAIT_S = 2.0


class PatternRefused(PhoneUnavailable):
    """No viewer on the phone opened the test pattern; ``answer`` is the phone's own
    refusal (the `am` tool's "Error: …" line)."""

    def __init__(self, answer: str) -> None:
        super().__init__(PhoneState.FAILED, f"the phone did not open the pattern: {answer}")
        self.answer = answer

    @property
    def no_viewer(self) -> bool:
        """Whether the phone has no app that takes a picture at all (`am`: "unable to
        resolve Intent"), rather than one that refused it."""
        return "unable to resolve Intent" in self.answer


def show_pattern(shell: AdbShell, name: str, png: bytes) -> str:
    """Push a test-pattern image to an Android phone and open it full screen in the
    phone's image viewer; returns the phone's answer to the viewer intent.

    The picture is opened by its MediaStore address (``content://``) where the index
    has it, else by its file: Android 11 and later index a file pushed to shared
    storage as it is written; older ones on a scan, asked for here."""
    path = f"{PATTERN_DIR}/{name}.png"
    remove_patterns(shell)  # one pattern on the phone at a time
    shell.shell(f"mkdir -p {PATTERN_DIR}", 5.0)
    shell.push(png, path)
    media_id = _media_id(shell, path)
    if media_id is None:
        shell.shell(
            f"am broadcast -a android.intent.action.MEDIA_SCANNER_SCAN_FILE -d file://{path}", 5.0
        )
        deadline = time.monotonic() + SCAN_WAIT_S
        while media_id is None and time.monotonic() < deadline:
            time.sleep(0.25)
            media_id = _media_id(shell, path)
    addresses = ([f"{MEDIA_IMAGES}/{media_id}"] if media_id else []) + [f"file://{path}"]
    for address in addresses:
        answer = shell.shell(
            f"am start -a android.intent.action.VIEW -d {address} -t image/png", 5.0
        ).strip()
        # `am` says "Error: Activity not started, unable to resolve Intent ..." (no
        # viewer for the picture) in its output, with a zero exit status: the next
        # address is tried, and the last refusal told, not taken as shown.
        refused = [line for line in answer.splitlines() if line.startswith("Error")]
        if not refused:
            return answer
    raise PatternRefused(refused[-1].strip())


def remove_patterns(shell: AdbShell) -> None:
    """Take the station's test patterns off the phone: out of its index of pictures
    (so that no gallery keeps a blank thumbnail; on Android 11 and later this deletes
    the file too), then the folder. The phone's answers are not checked (a picture
    left behind is harmless); a lost connection raises `PhoneUnavailable`."""
    where = f"_data LIKE '%{PATTERN_DIR.removeprefix('/sdcard')}/%'"
    shell.shell(f'content delete --uri {MEDIA_IMAGES} --where "{where}"', 5.0)
    shell.shell(f"rm -rf {PATTERN_DIR}", 5.0)


def _media_id(shell: AdbShell, path: str) -> str | None:
    """The MediaStore id of the picture at ``path`` (under /sdcard, which the index
    names /storage/emulated/0), or None while it is not indexed. The shell's `content`
    tool answers "Row: 0 _id=1234" per row, or "No result found."."""
    where = f"_data LIKE '%{path.removeprefix('/sdcard')}'"
    answer = shell.shell(
        f'content query --uri {MEDIA_IMAGES} --projection _id --where "{where}"', 5.0
    )
    ids = re.findall(r"^Row: \d+ _id=(\d+)", answer, re.M)
    return ids[-1] if ids else None
