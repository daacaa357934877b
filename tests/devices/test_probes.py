"""Probing recorded phones through replay, and the real client libraries over loopback:
adb-shell (and Debian's adb) against a fake adbd, pymobiledevice3 against a fake
lockdownd. Locks, pairing states, unplugging and timeouts."""

from __future__ import annotations

import asyncio
import io
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from devices.android import AdbShell, probe_android, station_signer
from devices.errors import PhoneState, PhoneUnavailable
from devices.ios import LoopThread, Pmd3Source, probe_ios
from devices.replay import Recording, ReplayLockdown, ReplayShell
from devices.report import LockState
from devices.watcher import PhoneRef
from tests.devices.fake_adbd import FakeAdbd, adb_key_text
from tests.devices.fake_lockdownd import FakeLockdownd
from tests.devices.fake_usbmuxd import FakeUsbmuxd


def _replay(recording: Recording, **options):  # type: ignore[no-untyped-def]
    if recording.platform == "android":
        return probe_android(ReplayShell(recording, **options), timeout_s=2)
    return asyncio.run(probe_ios(ReplayLockdown(recording, **options), timeout_s=2))


def test_every_recorded_phone_probes(recordings: dict[str, Recording]) -> None:
    assert len(recordings) >= 4
    assert {r.platform for r in recordings.values()} == {"android", "ios"}
    reports = {name: _replay(r) for name, r in recordings.items()}
    assert all(r.marketing_name and r.serial for r in reports.values())
    locked = reports["ios-iphone6plus-locked"]
    assert locked.locks.activation_lock is LockState.ON
    assert locked.locks.blocking() == ("activation_lock",)
    google = reports["android-poco-x5-pro-locked"]
    assert (google.locks.frp, google.locks.activation_lock) == (LockState.ON, LockState.ON)
    assert any("com.google" in e.signal for e in google.locks.evidence)
    unlocked = reports["android-poco-f6-unlocked"]
    assert unlocked.integrity.bootloader_unlocked is True and unlocked.integrity.rooted is True
    assert reports["android-infinix-x670-mdm"].locks.mdm is LockState.ON
    clean = reports["android-oneplus-nord-n10"]
    assert clean.locks.blocking() == () and clean.imeis == ("866190040514210",)
    assert (clean.storage_gb, clean.ram_gb, clean.screen_resolution) == (128, 6, (1080, 2400))


def test_android_unplugged_mid_probe_gives_a_partial_report(
    recordings: dict[str, Recording],
) -> None:
    report = _replay(recordings["android-oneplus-nord-n10"], unplug_after=1)
    assert report.marketing_name == "OnePlus Nord N10 5G"  # identity was read
    assert "disconnected while reading accounts (maker account lock, FRP)" in report.problems
    assert report.locks.frp is LockState.UNKNOWN


def test_iphone_unplugged_mid_probe_gives_a_partial_report(
    recordings: dict[str, Recording],
) -> None:
    report = _replay(recordings["ios-iphone7-cn"], unplug_after=3)
    assert report.marketing_name == "iPhone 7"
    assert "battery: disconnected while reading battery" in report.problems
    assert "profiles: disconnected before reading profiles" in report.problems


def test_iphone_that_stops_answering_times_out(recordings: dict[str, Recording]) -> None:
    source = ReplayLockdown(recordings["ios-iphone7-cn"], latency_s=5)
    started = time.monotonic()
    with pytest.raises(PhoneUnavailable) as caught:
        asyncio.run(probe_ios(source, timeout_s=0.2))
    assert caught.value.state is PhoneState.GONE
    assert time.monotonic() - started < 3


# --- adb-shell against the fake adbd ------------------------------------------------------


def test_adb_probe_over_the_real_protocol_matches_the_recording(
    adbd: FakeAdbd, tmp_path: Path, recordings: dict[str, Recording]
) -> None:
    signer = station_signer(tmp_path / "keys")
    adbd.authorized.append(adb_key_text(signer))
    shell = AdbShell.tcp("127.0.0.1", adbd.port, signer)
    try:
        report = probe_android(shell)
    finally:
        shell.close()
    assert report == _replay(recordings["android-oneplus-nord-n10"])
    assert len(adbd.commands) == 2  # the whole probe is two batched round trips


def test_an_unapproved_key_is_the_usb_debugging_state(adbd: FakeAdbd, tmp_path: Path) -> None:
    adbd.auth = "pending"
    signer = station_signer(tmp_path / "keys")
    with pytest.raises(PhoneUnavailable) as caught:
        AdbShell.tcp("127.0.0.1", adbd.port, signer)
    assert caught.value.state is PhoneState.NEEDS_USB_DEBUGGING
    assert "Allow USB debugging" in str(caught.value)


def test_approving_the_prompt_remembers_the_station_key(adbd: FakeAdbd, tmp_path: Path) -> None:
    adbd.auth = "approve"
    signer = station_signer(tmp_path / "keys")
    AdbShell.tcp("127.0.0.1", adbd.port, signer).close()
    adbd.auth = "keys"  # from now on only known keys
    again = station_signer(tmp_path / "keys")  # the same key, read back from the data dir
    assert adb_key_text(again) == adb_key_text(signer)
    AdbShell.tcp("127.0.0.1", adbd.port, again).close()
    assert (tmp_path / "keys" / "adbkey").stat().st_mode & 0o777 == 0o600


def test_sync_push_pull_and_stat(adbd: FakeAdbd, tmp_path: Path) -> None:
    adbd.auth = "none"
    shell = AdbShell.tcp("127.0.0.1", adbd.port, station_signer(tmp_path / "keys"))
    device = shell._device
    try:
        device.push(io.BytesIO(b"\x89PNG pattern"), "/sdcard/Pictures/white.png")
        assert adbd.files["/sdcard/Pictures/white.png"] == b"\x89PNG pattern"
        pulled = io.BytesIO()
        device.pull("/sdcard/Pictures/white.png", pulled)
        assert pulled.getvalue() == b"\x89PNG pattern"
        mode, size, _ = device.stat("/sdcard/Pictures/white.png")
        assert (mode & 0o170000, size) == (0o100000, len(b"\x89PNG pattern"))
    finally:
        shell.close()


def test_adb_phone_unplugged_mid_probe(adbd: FakeAdbd, tmp_path: Path) -> None:
    adbd.auth = "none"
    adbd.unplug_after = 1
    shell = AdbShell.tcp("127.0.0.1", adbd.port, station_signer(tmp_path / "keys"), timeout_s=2)
    try:
        report = probe_android(shell, timeout_s=2)
    finally:
        shell.close()
    assert report.model_code == "BE2028"
    # Over TCP a vanished phone reads as silence (over USB libusb says "no device").
    assert any(p.endswith("while reading device owner (MDM)") for p in report.problems)
    assert report.locks.mdm is LockState.UNKNOWN


def test_adb_phone_that_stops_answering_times_out(adbd: FakeAdbd, tmp_path: Path) -> None:
    adbd.auth = "none"
    adbd.latency_s = 3
    shell = AdbShell.tcp("127.0.0.1", adbd.port, station_signer(tmp_path / "keys"), timeout_s=0.5)
    started = time.monotonic()
    try:
        report = probe_android(shell, timeout_s=0.5)
    finally:
        shell.close()
    assert time.monotonic() - started < 2.5
    assert report.model_code is None
    assert report.problems[0].startswith("no answer")


def test_debian_adb_client_talks_to_the_fake(adbd: FakeAdbd, tmp_path: Path) -> None:
    """The fake is only worth trusting if Google's own client accepts it. Needs the
    Debian `adb` package (dev.py installs it); its absence fails, never skips."""
    adb = shutil.which("adb")
    assert adb, "the Debian `adb` client is missing: apt-get install adb"
    adbd.auth = "keys"
    home = tmp_path / ".android"
    home.mkdir()
    subprocess.run(
        [adb, "keygen", str(home / "adbkey")], capture_output=True, check=True, timeout=60
    )
    adbd.authorized.append((home / "adbkey.pub").read_text())  # as if allowed before
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    server_port = probe.getsockname()[1]
    probe.close()
    env = dict(
        os.environ,
        HOME=str(tmp_path),
        ANDROID_ADB_SERVER_PORT=str(server_port),
        ANDROID_USER_HOME=str(home),
    )
    target = f"127.0.0.1:{adbd.port}"

    def run(*args: str) -> str:
        done = subprocess.run(
            [adb, *args], env=env, capture_output=True, text=True, timeout=60, check=True
        )
        return done.stdout

    try:
        assert "connected" in run("connect", target)
        assert f"{target}\tdevice" in run("devices")
        assert run("-s", target, "shell", "getprop", "ro.product.model").strip() == "BE2028"
        (tmp_path / "p.png").write_bytes(b"pattern")
        run("-s", target, "push", str(tmp_path / "p.png"), "/sdcard/p.png")
        assert adbd.files["/sdcard/p.png"] == b"pattern"
        run("-s", target, "pull", "/sys/class/power_supply/battery/uevent", str(tmp_path / "u"))
        assert (tmp_path / "u").read_text().startswith("POWER_SUPPLY_NAME=battery")
    finally:
        subprocess.run([adb, "kill-server"], env=env, capture_output=True, timeout=30, check=False)


# --- pymobiledevice3 against the fake lockdownd ---------------------------------------------


@pytest.fixture(scope="module")
def loop():  # type: ignore[no-untyped-def]
    thread = LoopThread()
    yield thread
    thread.stop()


def _ios_probe(loop: LoopThread, fake: FakeLockdownd, records: Path, pair_record=None):  # type: ignore[no-untyped-def]
    async def run():  # type: ignore[no-untyped-def]
        source = await Pmd3Source.tcp("127.0.0.1", fake.port, pair_record, records)
        try:
            return await probe_ios(source, timeout_s=5)
        finally:
            await source.close()

    return loop.run(run(), 30)


def test_pymobiledevice3_probe_matches_the_recording(
    loop: LoopThread, lockdownd: FakeLockdownd, tmp_path: Path, recordings: dict[str, Recording]
) -> None:
    report = _ios_probe(loop, lockdownd, tmp_path, lockdownd.pair_record())
    assert report == _replay(recordings["ios-iphone7-cn"])
    assert {"IORegistry", "GetCloudConfiguration", "GetProfileList", "Lookup"} <= set(
        lockdownd.requests
    )


@pytest.mark.parametrize(
    ("mode", "state"),
    [
        ("pending", PhoneState.NEEDS_TRUST),
        ("denied", PhoneState.TRUST_DECLINED),
        ("passcode", PhoneState.PASSCODE_LOCKED),
    ],
)
def test_pairing_states(
    loop: LoopThread, lockdownd: FakeLockdownd, tmp_path: Path, mode: str, state: PhoneState
) -> None:
    lockdownd.pair_mode = mode
    with pytest.raises(PhoneUnavailable) as caught:
        _ios_probe(loop, lockdownd, tmp_path)
    assert caught.value.state is state


def test_trusting_saves_a_pair_record_in_the_data_dir(
    loop: LoopThread, lockdownd: FakeLockdownd, tmp_path: Path
) -> None:
    report = _ios_probe(loop, lockdownd, tmp_path)
    assert report.marketing_name == "iPhone 7"
    saved = list(tmp_path.glob("*.plist"))
    assert saved, "the pair record is kept in the station's folder"
    lockdownd.pair_mode = "denied"  # a second visit needs no new trust
    assert _ios_probe(loop, lockdownd, tmp_path).marketing_name == "iPhone 7"


def test_iphone_unplugged_during_a_real_protocol_probe(
    loop: LoopThread, lockdownd: FakeLockdownd, tmp_path: Path
) -> None:
    lockdownd.unplug_after = 6  # after the session, mid-way through the services
    report = _ios_probe(loop, lockdownd, tmp_path, lockdownd.pair_record())
    assert report.marketing_name == "iPhone 7"
    assert any("disconnected" in p for p in report.problems)


@pytest.mark.parametrize(
    "phone",
    [
        PhoneRef("ios", "DNPT1P8EHG74", "usb", "DNPT1P8EHG74"),
        PhoneRef("android", "f89a5ec6", "replay", "android-poco-f6-unlocked"),
    ],
)
def test_only_a_connected_android_phone_is_sent_a_pattern(phone: PhoneRef, tmp_path: Path) -> None:
    from devices.sources import StationProber

    with pytest.raises(PhoneUnavailable, match="only a connected Android phone"):
        StationProber(tmp_path).show_pattern(phone, "white", b"\x89PNG")
    with pytest.raises(PhoneUnavailable, match="only a connected Android phone"):
        StationProber(tmp_path).remove_patterns(phone)


@pytest.fixture
def usbmuxd(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    fake = FakeUsbmuxd()
    monkeypatch.setenv("USBMUXD_SOCKET_ADDRESS", fake.address)
    yield fake
    fake.close()


def test_iphone_on_usb_is_listed_and_probed_through_usbmuxd(
    loop: LoopThread,
    lockdownd: FakeLockdownd,
    usbmuxd: FakeUsbmuxd,
    tmp_path: Path,
    recordings: dict[str, Recording],
) -> None:
    from devices.sources import StationProber, UsbmuxSource

    udid = recordings["ios-iphone7-cn"].data["lockdown"]["UniqueDeviceID"]
    source = UsbmuxSource(loop)
    assert source.list_phones() == []
    device_id = usbmuxd.plug(udid, lockdownd)
    phones = source.list_phones()
    assert phones == [PhoneRef("ios", udid, "usb", udid)]
    # The station's own path: pairing (the phone trusts this station), then the probe,
    # every byte through usbmuxd's Connect.
    report = StationProber(tmp_path, loop=loop)(phones[0])
    assert report == _replay(recordings["ios-iphone7-cn"])
    assert "Connect" in usbmuxd.requests and "Pair" in lockdownd.requests
    usbmuxd.unplug(device_id)
    assert source.list_phones() == []


def test_no_usbmuxd_means_no_iphones_and_one_warning(
    loop: LoopThread, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from devices.sources import UsbmuxSource

    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    monkeypatch.setenv("USBMUXD_SOCKET_ADDRESS", f"127.0.0.1:{port}")  # nobody listens
    source = UsbmuxSource(loop)
    assert source.list_phones() == [] and source.list_phones() == []
    assert [r.message for r in caplog.records if "usbmuxd" in r.message] == [
        "usbmuxd is not running: iPhones cannot be seen (apt-get install usbmuxd)"
    ]


def test_import_devices_does_not_import_pymobiledevice3() -> None:
    code = (
        "import sys, devices, devices.sources, devices.watcher; "
        "print('pymobiledevice3' in sys.modules, 'adb_shell' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parents[2],
    )
    assert result.stdout.split() == ["False", "False"]


def _pattern_commands(name: str, media_id: int | None = None) -> tuple[str, str, str]:
    """The index query for a pushed pattern, and the viewer intents by its MediaStore
    address and by its file, as `devices.android.show_pattern` sends them."""
    from devices.android import MEDIA_IMAGES, PATTERN_DIR

    query = (
        f"content query --uri {MEDIA_IMAGES} --projection _id "
        f"--where \"_data LIKE '%/Pictures/yanji/{name}.png'\""
    )
    view = "am start -a android.intent.action.VIEW -d {} -t image/png"
    return (
        query,
        view.format(f"{MEDIA_IMAGES}/{media_id}"),
        view.format(f"file://{PATTERN_DIR}/{name}.png"),
    )


STARTED = "Starting: Intent { act=android.intent.action.VIEW typ=image/png }\n"
UNRESOLVED = (
    STARTED + "Error: Activity not started, unable to resolve Intent "
    "{ act=android.intent.action.VIEW typ=image/png }\n"
)


def _show(adbd: FakeAdbd, tmp_path: Path, name: str) -> str:
    from devices.android import show_pattern

    shell = AdbShell.tcp("127.0.0.1", adbd.port, station_signer(tmp_path / "keys"))
    try:
        return show_pattern(shell, name, b"\x89PNG " + name.encode())
    finally:
        shell.close()


def test_a_test_pattern_is_pushed_and_shown_by_its_mediastore_address(
    adbd: FakeAdbd, tmp_path: Path
) -> None:
    """Android 11 and later index a pushed picture at once: it is opened by its
    content:// address, which viewers on Android 10 and later take."""
    from devices.android import PATTERN_DIR

    adbd.auth = "none"
    adbd.outputs["mkdir -p " + PATTERN_DIR] = ""
    query, by_address, by_file = _pattern_commands("white", 4711)
    adbd.outputs[query] = "Row: 0 _id=4711\n"
    adbd.outputs[by_address] = STARTED
    adbd.outputs[by_file] = UNRESOLVED  # a viewer that takes no file:// address
    assert _show(adbd, tmp_path, "white") == STARTED.strip()
    assert adbd.files[f"{PATTERN_DIR}/white.png"] == b"\x89PNG white"
    assert adbd.commands[-2:] == [query, by_address]
    # A viewer that takes only the file (older phones) is given the file.
    adbd.outputs[by_address] = UNRESOLVED
    adbd.outputs[by_file] = STARTED
    assert _show(adbd, tmp_path, "white") == STARTED.strip()
    assert adbd.commands[-2:] == [by_address, by_file]


def test_a_pattern_not_indexed_yet_is_scanned_for_then_shown(
    adbd: FakeAdbd, tmp_path: Path
) -> None:
    """Android 10 and older index a pushed picture on a scan: asked for, then waited."""
    from devices.android import PATTERN_DIR

    adbd.auth = "none"
    adbd.outputs["mkdir -p " + PATTERN_DIR] = ""
    query, by_address, _ = _pattern_commands("grey", 15)
    scan = (
        "am broadcast -a android.intent.action.MEDIA_SCANNER_SCAN_FILE "
        f"-d file://{PATTERN_DIR}/grey.png"
    )
    adbd.outputs[by_address] = STARTED

    class IndexedOnScan(dict[str, str]):
        """The query finds the picture only once the scan was asked for."""

        def get(self, key: str, default: object = None) -> object:
            if key == query:
                scanned = scan in adbd.commands
                return "Row: 0 _id=15\n" if scanned else "No result found.\n"
            return super().get(key, default)

    adbd.outputs = IndexedOnScan(adbd.outputs)
    assert _show(adbd, tmp_path, "grey") == STARTED.strip()
    asked = adbd.commands[adbd.commands.index(scan) :]
    assert asked[0] == scan and asked[1] == query and asked[-1] == by_address


def test_a_phone_that_shows_the_pattern_neither_way_says_so(
    adbd: FakeAdbd, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No index to ask (or the picture never indexed) and no viewer for the file: the
    phone's refusal is told on, the pattern pushed all the same."""
    from devices import android
    from devices.android import PATTERN_DIR

    monkeypatch.setattr(android, "SCAN_WAIT_S", 0.3)
    adbd.auth = "none"
    adbd.outputs["mkdir -p " + PATTERN_DIR] = ""
    _, _, by_file = _pattern_commands("black")
    adbd.outputs[by_file] = UNRESOLVED  # the query is answered "content: not found"
    with pytest.raises(PhoneUnavailable, match="did not open the pattern: Error: Activity") as no:
        _show(adbd, tmp_path, "black")
    assert isinstance(no.value, android.PatternRefused) and no.value.no_viewer
    assert not android.PatternRefused("Error: Permission Denial: starting Intent").no_viewer
    assert adbd.files[f"{PATTERN_DIR}/black.png"] == b"\x89PNG black"
    assert adbd.commands[-1] == by_file
    assert not any(c.startswith("am start") and "content://" in c for c in adbd.commands)


def test_test_patterns_are_taken_off_the_phone_again(adbd: FakeAdbd, tmp_path: Path) -> None:
    """Out of the phone's index of pictures, then off its storage; the seller's own
    pictures stay. A phone unplugged meanwhile says so."""
    from devices.android import MEDIA_IMAGES, PATTERN_DIR
    from devices.sources import StationProber

    adbd.auth = "none"
    own = "/sdcard/Pictures/Screenshots/yanji.png"
    for path in (f"{PATTERN_DIR}/white.png", f"{PATTERN_DIR}/grey.png", own):
        adbd.files[path] = b"\x89PNG"
    phone = PhoneRef("android", "f89a5ec6", "tcp", f"127.0.0.1:{adbd.port}")
    StationProber(tmp_path).remove_patterns(phone)
    assert sorted(adbd.files) == [own, "/sys/class/power_supply/battery/uevent"]
    assert adbd.commands[-2:] == [
        f"content delete --uri {MEDIA_IMAGES} --where \"_data LIKE '%/Pictures/yanji/%'\"",
        f"rm -rf {PATTERN_DIR}",
    ]
    adbd.unplug()
    with pytest.raises(PhoneUnavailable):
        StationProber(tmp_path, timeout_s=2.0).remove_patterns(phone)


def test_a_new_pattern_takes_the_last_ones_place(adbd: FakeAdbd, tmp_path: Path) -> None:
    """One pattern on the phone at a time: the last is taken off before the next."""
    from devices.android import PATTERN_DIR

    adbd.auth = "none"
    adbd.outputs["mkdir -p " + PATTERN_DIR] = ""
    for name, media_id in (("red", 7), ("green", 8)):
        query, by_address, _ = _pattern_commands(name, media_id)
        adbd.outputs[query] = f"Row: 0 _id={media_id}\n"
        adbd.outputs[by_address] = STARTED
        assert _show(adbd, tmp_path, name) == STARTED.strip()
    assert [p for p in adbd.files if p.startswith(PATTERN_DIR)] == [f"{PATTERN_DIR}/green.png"]
    assert adbd.commands.count(f"rm -rf {PATTERN_DIR}") == 2


def test_closing_the_prober_stops_its_iphone_loop(tmp_path: Path) -> None:
    import threading

    from devices.sources import StationProber

    def loops() -> int:
        return sum(t.name == "ios-loop" and t.is_alive() for t in threading.enumerate())

    before = loops()
    prober = StationProber(tmp_path)
    prober.close()  # none started yet: nothing to stop
    assert prober.loop is not None and loops() == before + 1
    prober.close()
    assert loops() == before
