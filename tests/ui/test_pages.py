"""Each page on its own, fed by a real store on a fresh data directory."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QLocale, QPoint, QSize, Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFormLayout, QInputDialog, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from app import flow
from app.demo import probe_recording
from app.pricing import hash_pin
from app.quoting import override_price, price_inspection
from app.records import (
    Inspection,
    InspectionState,
    LineKind,
    PhoneSide,
    PhotoRef,
    PhotoStep,
    Quote,
    QuoteLine,
)
from app.text import money
from devices.errors import PhoneState
from devices.replay import recorded_phones
from devices.watcher import PhoneEvent, PhoneRef
from tests.devices.fake_adbd import FakeAdbd
from tests.vision.fake_capture import FakeCapture
from ui.context import StationContext
from ui.history_page import HistoryPage
from ui.identify_page import IdentifyPage
from ui.overview_page import OverviewPage
from ui.photograph_page import PhotographPage
from ui.quote_page import QuotePage
from ui.review_page import ReviewPage
from ui.seal_page import SealPage
from ui.seller_view_dialog import SellerViewDialog
from ui.settings_page import SettingsPage
from ui.station import demo_frame
from vision.camera import CameraError, CameraSource, encode_still
from vision.finding import FindingKind, Surface

PHONES = recorded_phones()


def _start(context: StationContext, name: str):  # type: ignore[no-untyped-def]
    record = flow.start(context.store, "st", "clerk", probe_recording(PHONES[name]))
    context.inspection.set(record)
    return record


def _photographed(context: StationContext, name: str = "ios-iphone7-cn", frame=None):  # type: ignore[no-untyped-def]
    """A demo phone's inspection with one screen-off photo analysed: the demo camera's
    frame unless ``frame`` is given."""
    record = _start(context, name)
    if frame is None:
        frame = demo_frame(record, PhotoStep.SCREEN_OFF)
    record = flow.photograph(
        context.store,
        record.id,
        encode_still(frame),
        step=PhotoStep.SCREEN_OFF,
        surface=Surface.SCREEN,
        size_mm=(71.0, 146.0),
    )
    context.inspection.set(record)
    return record


def test_overview_shows_states_and_starts_an_inspection(
    qtbot: QtBot, context: StationContext
) -> None:
    page = OverviewPage(context)
    qtbot.addWidget(page)
    phone = PhoneRef("ios", "FK3NMRC3G5QQ", "replay", "ios-iphone6plus-locked")
    page.on_phone_event(PhoneEvent("added", phone, PhoneState.PROBING))
    assert page.phones.item(0, 2).text() == "reading…"
    assert page.phones.item(0, 1).text() == "recorded"
    report = probe_recording(PHONES["ios-iphone6plus-locked"])
    page.on_phone_event(PhoneEvent("report", phone, PhoneState.LOCKED, report=report))
    assert (page.phones.item(0, 0).text(), page.phones.item(0, 2).text()) == (
        "iPhone 6 Plus",
        "LOCKED",
    )
    assert "bundled sample" in page.status_label.text()
    assert page.status_label.text().startswith("Camera: demo photos ·")
    # Demo mode because no camera answered at start: the clerk is told what to do.
    context.no_camera = True
    page.refresh_status()
    assert page.status_label.text().startswith(
        "Camera: none at index 0 (demo photos until one is plugged in) ·"
    )
    context.no_camera, context.demo = False, False
    page.refresh_status()
    assert page.status_label.text().startswith("Camera: camera 0 ·")
    context.demo = True
    with qtbot.waitSignal(page.inspect_requested) as signal:
        page.inspect_button.click()
    assert signal.args[0] == report
    page.on_phone_event(PhoneEvent("removed", phone, PhoneState.GONE))
    assert page.phones.item(0, 2).text() == "unplugged"


def test_identify_puts_locks_first_and_blocks_the_flow(
    qtbot: QtBot, context: StationContext
) -> None:
    page = IdentifyPage(context)
    qtbot.addWidget(page)
    _start(context, "android-poco-x5-pro-locked")
    # What the seller must do, and how the phone is read afresh after.
    assert page.warnings.text().startswith("⚠ The maker's account lock is ON")
    assert page.warnings.text().count("plug it in again") == 2
    # Android's lock after a reset is its maker's account; it has FRP, an iPhone none.
    assert identify_rows(page)["Locks"] == (
        "maker account: ON · FRP: ON · MDM: off · carrier: unknown"
    )
    assert "A Google account (FRP) is signed in: the seller must remove it" in (
        page.warnings.text()
    )
    assert not page.next_button.isEnabled()
    _start(context, "ios-iphone6plus-locked")
    assert page.warnings.text().startswith("⚠ Activation Lock (Find My) is ON")
    _start(context, "android-poco-f6-unlocked")
    assert "Rooted" in page.warnings.text() and "Bootloader unlocked" in page.warnings.text()
    assert page.next_button.isEnabled()
    assert page.problems.count() >= 1
    # The version of sale by the phone's code and its trade name, as the sheet has it.
    _start(context, "ios-iphone7-cn")
    rows = identify_rows(page)
    assert rows["Colour / region"] == "Rose Gold / CH/A (国行)"
    assert rows["Battery health"] == "81 %, 612 cycles"
    assert rows["Locks"] == "activation: off · MDM: off · carrier: unknown"
    # Hong Kong's ZP/A is 港版; a version the sheet does not tell apart is not 国行.
    for code, name in (("ZP/A", "港版"), ("VN/A", "其他版本")):
        report = replace(probe_recording(PHONES["ios-iphone7-cn"]), region=code)
        context.inspection.set(flow.start(context.store, "st", "clerk", report))
        assert identify_rows(page)["Colour / region"] == f"Rose Gold / {code} ({name})"


def identify_rows(page: IdentifyPage) -> dict[str, str]:
    """The identify page's rows, each label's text to its value's (the IMEI editor's
    box, where the clerk types the IMEI in)."""
    rows = {}
    for row in range(page.fields.rowCount()):
        label = page.fields.itemAt(row, QFormLayout.ItemRole.LabelRole).widget()
        value = page.fields.itemAt(row, QFormLayout.ItemRole.FieldRole).widget()
        rows[label.text()] = page.imei_box.text() if value is page.imei_editor else value.text()
    return rows


def test_the_clerk_types_the_imei_a_phone_did_not_give(
    qtbot: QtBot, context: StationContext
) -> None:
    page = IdentifyPage(context)
    qtbot.addWidget(page)
    page.show()
    record = _start(context, "android-poco-f6-unlocked")  # Android 15: no IMEI over adb
    assert record.imeis() == () and page.imei_editor.isVisible()
    # A typo the Luhn check catches: said under the box, and nothing recorded.
    qtbot.keyClicks(page.imei_box, "869168060447063")
    qtbot.keyClick(page.imei_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "mistyped" in page.imei_message.text())
    assert page.imei_message.text() == (
        "IMEI 869168060447063: its last digit does not match, mistyped?"
    )
    assert context.store.get(record.id).typed_imeis == ()
    page.imei_box.setText("86 916806 044706 2, 869168060447070")  # grouped as *#06# shows it
    page.imei_button.click()
    qtbot.waitUntil(lambda: context.store.get(record.id).typed_imeis != ())
    qtbot.waitUntil(lambda: page.imei_message.text().startswith("Recorded"))
    assert page.imei_message.text() == (
        "Recorded: 869168060447062, 869168060447070. History finds the phone by its IMEI."
    )
    assert context.inspection.current is not None
    assert context.inspection.current.imeis() == ("869168060447062", "869168060447070")
    # The page is built again from the record: the box and its message stay, and the
    # IMEI the phone did not give is marked as typed in.
    assert page.imei_editor.isVisible()
    not_read = [page.problems.item(i).text() for i in range(page.problems.count())]
    assert [t for t in not_read if t.startswith("IMEI")] == [
        "IMEI: Android 10+ does not give it over adb without root; dial *#06# on the phone "
        "and type it in (typed in: 869168060447062, 869168060447070)"
    ]
    assert identify_rows(page)["IMEI"] == "869168060447062 869168060447070"
    # Another phone that gave its IMEI: no box; then back to the first, its IMEIs.
    _start(context, "ios-iphone7-cn")
    assert not page.imei_editor.isVisible() and identify_rows(page)["IMEI"] == "355341083159771"
    # The label of the box's row went with it, at once: not left drawn over another row
    # until Qt deletes it (processEvents shows the new rows, and deletes nothing).
    QApplication.processEvents()
    shown = [w for w in page.findChildren(QLabel) if w.text() == "IMEI" and w.isVisible()]
    assert len(shown) == 1
    _start(context, "android-infinix-x670-mdm")  # gave none either: an empty box
    assert page.imei_editor.isVisible() and identify_rows(page)["IMEI"] == ""
    # A refusal that comes back once the clerk has moved on is not said under the
    # next phone's box (the database worker is held until then).
    held = threading.Event()
    context.runner.db(held.wait, lambda _: None)
    page.imei_box.setText("123")
    page.record_imeis()
    context.inspection.set(context.store.get(record.id))
    held.set()
    qtbot.waitUntil(lambda: context.runner.in_flight == 0)
    assert page.imei_box.text() == "869168060447062 869168060447070"
    assert page.imei_message.text() == ""
    # Sealed: shown, marked as typed, and no longer editable.
    priced = price_inspection(context.store, record.id, context.pricing)
    seller = flow.check_seller("王小明", "11010519491231002X", "13800138000")
    sealed = flow.seal(context.store, record.id, "clerk", seller)
    assert priced.quote is not None
    context.inspection.set(sealed)
    assert not page.imei_editor.isVisible()
    assert identify_rows(page)["IMEI"] == ("869168060447062, 869168060447070 (typed by the clerk)")


def test_photograph_stores_the_capture(qtbot: QtBot, context: StationContext) -> None:
    page = PhotographPage(context, demo_frame)
    qtbot.addWidget(page)
    record = _start(context, "ios-iphone7-cn")
    # First the bare phone: out of its case, its screen protector peeled off.
    assert not page.bare_help.isHidden() and "screen protector" in page.bare_help.text()
    with qtbot.waitSignal(page.captured, timeout=20000) as signal:
        page.capture_button.click()
    captured = signal.args[0]
    assert captured.id == record.id and captured.photos[0].step is PhotoStep.SCREEN_OFF
    assert page.steps.item(0).text().endswith("✓") and page.bare_help.isHidden()
    assert context.store.photos.verify(captured.photos[0].sha256)


def test_photograph_uses_a_photo_from_a_file_and_says_when_one_is_unusable(
    qtbot: QtBot, context: StationContext, tmp_path: Path
) -> None:
    import cv2
    import numpy as np

    from vision.patterns import Pattern

    def no_camera(record, step):  # type: ignore[no-untyped-def]
        raise CameraError("no camera at index 0")

    page = PhotographPage(context, no_camera)
    qtbot.addWidget(page)
    record = _start(context, "ios-iphone7-cn")
    assert page.file_button.isEnabled()
    broken = tmp_path / "IMG_0007.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 cut short")
    page.use_photo_file(broken)
    qtbot.waitUntil(page.file_button.isEnabled, timeout=20000)
    assert page.outcome.text().startswith("This photo cannot be used: ")
    assert "IMG_0007.jpg is not a photo that can be read" in page.outcome.text()
    assert context.store.get(record.id).photos == ()
    # The live view's next frame (here: none, no camera) does not wipe the message.
    page.refresh_preview()
    qtbot.waitUntil(lambda: page.hints.text().startswith("No picture: "))
    assert "IMG_0007.jpg is not a photo that can be read" in page.outcome.text()
    # An iPhone photo cut short on its way: said to be one.
    heic = tmp_path / "IMG_0009.HEIC"
    heic.write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic")
    page.use_photo_file(heic)
    qtbot.waitUntil(lambda: "HEIC" in page.outcome.text(), timeout=20000)
    assert page.outcome.text().startswith("This photo cannot be used: ")
    assert "IMG_0009.HEIC is a HEIC photo that cannot be read" in page.outcome.text()
    assert page.file_button.isEnabled() and context.store.get(record.id).photos == ()
    # A photo taken at the stall with another phone: stored and analysed as a capture.
    photo = tmp_path / "IMG_0008.jpg"
    assert cv2.imwrite(str(photo), demo_frame(record, PhotoStep.SCREEN_OFF))
    with qtbot.waitSignal(page.captured, timeout=20000) as signal:
        page.use_photo_file(photo)
    done = signal.args[0]
    assert [p.step for p in done.photos if p.step is not PhotoStep.OTHER] == [PhotoStep.SCREEN_OFF]
    assert {f.kind for f in done.findings} == {FindingKind.SCRATCH}
    assert page.steps.item(0).text().endswith("✓") and page.outcome.text() == ""
    # A photo that shows no phone is said to be one at once, not only in Review.
    empty = tmp_path / "IMG_0010.jpg"
    assert cv2.imwrite(str(empty), np.full((900, 1200, 3), 128, np.uint8))
    with qtbot.waitSignal(page.captured, timeout=20000):
        page.use_photo_file(empty)
    assert page.outcome.text() == (
        "No phone was found in the photo just taken (2. Screen on, test pattern: White): "
        "take it again."
    )
    # That capture is not done: no tick, and it is still the one to take.
    assert page.steps.item(1).text() == "2. Screen on, test pattern (no phone: take again)"
    assert page.steps.currentRow() == 1 and page.file_button.isEnabled()
    assert page.chosen_pattern() is Pattern.WHITE
    lit = tmp_path / "IMG_0011.jpg"
    assert cv2.imwrite(str(lit), demo_frame(record, PhotoStep.PATTERN))
    with qtbot.waitSignal(page.captured, timeout=20000):
        page.use_photo_file(lit)
    assert page.steps.item(1).text().endswith("✓") and page.steps.currentRow() == 2
    assert [
        e["details"]["file"]
        for e in context.store.audit_events(record.id)
        if e["action"] == "photo.from_file"
    ] == ["IMG_0008.jpg", "IMG_0010.jpg", "IMG_0011.jpg"]


def test_photograph_says_when_the_camera_is_unplugged_and_stores_nothing(
    qtbot: QtBot, context: StationContext
) -> None:
    from vision.camera import CameraError

    plugged = [False]

    def camera(record, step):  # type: ignore[no-untyped-def]
        if not plugged[0]:
            raise CameraError("camera 0 stopped sending frames (unplugged?)")
        return demo_frame(record, step)

    page = PhotographPage(context, camera)
    qtbot.addWidget(page)
    record = _start(context, "ios-iphone7-cn")
    page.capture_button.click()
    assert page.hints.text() == "No picture: camera 0 stopped sending pictures (unplugged?)"
    assert page.capture_button.isEnabled()
    assert context.store.get(record.id).photos == ()
    plugged[0] = True
    with qtbot.waitSignal(page.captured, timeout=20000) as signal:
        page.capture_button.click()
    assert signal.args[0].photos[0].step is PhotoStep.SCREEN_OFF


def _disk_with(monkeypatch: pytest.MonkeyPatch, free: int) -> None:
    """Every disk answers that it has ``free`` bytes free (of 100 GB)."""
    import shutil
    from collections import namedtuple

    usage = namedtuple("usage", "total used free")(100_000_000_000, 100_000_000_000 - free, free)
    monkeypatch.setattr(shutil, "disk_usage", lambda path: usage)


def test_photograph_says_when_the_disk_is_full_and_keeps_what_was_taken(
    qtbot: QtBot, context: StationContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.disk import FLOOR_BYTES

    page = PhotographPage(context, demo_frame)
    qtbot.addWidget(page)
    record = _start(context, "ios-iphone7-cn")
    with qtbot.waitSignal(page.captured, timeout=20000):
        page.capture_button.click()
    taken = context.store.get(record.id)
    _disk_with(monkeypatch, FLOOR_BYTES + 1_000_000)
    page.capture_button.click()
    qtbot.waitUntil(page.capture_button.isEnabled, timeout=20000)
    assert page.outcome.text().startswith(
        "The photo could not be stored: the disk holding the station's data has only 251 MB "
        "free, and "
    )
    assert page.capture_button.isEnabled() and page.file_button.isEnabled()
    assert context.store.get(record.id) == taken


def test_photograph_hints_say_when_the_disk_is_full(
    qtbot: QtBot, context: StationContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.disk import FLOOR_BYTES, PHONE_PHOTOS_BYTES
    from ui.station_window import StationWindow

    _disk_with(monkeypatch, FLOOR_BYTES + PHONE_PHOTOS_BYTES)
    window = StationWindow(context, demo_frame)
    qtbot.addWidget(window)
    page = window.photograph
    _start(context, "ios-iphone7-cn")
    qtbot.waitUntil(lambda: page.hints.text() == "Looks good: capture", timeout=10000)
    # A good picture is no plain "capture" while the phone's photos may be refused.
    _disk_with(monkeypatch, FLOOR_BYTES + PHONE_PHOTOS_BYTES - 1)
    window.check_disk_space()
    qtbot.waitUntil(
        lambda: page.hints.text() == "The disk is full: this phone's photos may not all be stored",
        timeout=10000,
    )
    _disk_with(monkeypatch, FLOOR_BYTES + PHONE_PHOTOS_BYTES)
    page.store_attempted.emit()  # room again: looked at after a photo, or each minute
    qtbot.waitUntil(lambda: page.hints.text() == "Looks good: capture", timeout=10000)


def _answer(choice: str, asked: list[str]) -> None:
    """Click ``choice`` in the message box the station is about to show (modal), and
    keep what it said in ``asked``."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        asked.append(box.text())
        next(b for b in box.buttons() if b.text() == choice).click()

    QTimer.singleShot(0, click)


def test_a_phone_refused_for_a_lock_is_carried_on_with_when_inspected_again(
    qtbot: QtBot, context: StationContext
) -> None:
    """The seller signed out of iCloud and the phone was plugged in again: inspecting
    it offers to carry on with its refused inspection, photos kept, priced afresh."""
    from dataclasses import replace

    from devices.report import LockState
    from ui.station_window import StationWindow

    window = StationWindow(context, demo_frame)
    qtbot.addWidget(window)
    locked = probe_recording(PHONES["ios-iphone6plus-locked"])
    record = flow.start(context.store, context.station_id, "clerk", locked)
    refused = price_inspection(context.store, record.id, context.pricing)
    signed_out = replace(locked, locks=replace(locked.locks, activation_lock=LockState.OFF))
    asked: list[str] = []
    _answer("&Carry on with it", asked)
    with qtbot.waitSignal(context.inspection.changed, timeout=20000):
        window.overview.inspect_requested.emit(signed_out)
    assert asked[0].startswith("This phone's inspection of ")
    assert asked[0].split("\n")[0].endswith(" was not finished: refused (activation lock).")
    carried = context.inspection.current
    assert carried is not None and carried.id == record.id
    assert carried.device is not None and carried.device.locks.activation_lock is LockState.OFF
    assert carried.quote is None and refused.quote is not None
    assert window.pages.currentWidget() is window.identify
    # Begin a new one instead: another record. Cancel: nothing is begun.
    _answer("Begin a &new one", asked)
    with qtbot.waitSignal(context.inspection.changed, timeout=20000):
        window.overview.inspect_requested.emit(signed_out)
    assert "not priced; photos taken: 0" in asked[1]
    begun = context.inspection.current
    assert begun is not None and begun.id != record.id
    _answer("Cancel", asked)
    window.overview.inspect_requested.emit(signed_out)
    qtbot.waitUntil(lambda: len(asked) == 3, timeout=20000)
    assert context.inspection.current == begun
    assert len(context.store.history().rows) == 2
    # A phone with no inspection unfinished is begun without a question.
    with qtbot.waitSignal(context.inspection.changed, timeout=20000):
        window.overview.inspect_requested.emit(probe_recording(PHONES["ios-iphone7-cn"]))
    assert len(asked) == 3 and len(context.store.history().rows) == 3


def test_a_station_that_cannot_start_for_a_full_disk_names_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from app.errors import DiskFullError
    from app.paths import DataDir
    from ui.station import show_start_error

    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: said.append(text))
    show_start_error(DiskFullError(str(tmp_path), 1_000_000, 250_000_000), DataDir(tmp_path))
    # Not "Settings shows where it is": the window with Settings does not open.
    assert said == [
        "The station cannot start: the disk holding the station's data has only 1.0 MB "
        "free, and 250 MB are needed. Free space on it, or move the station's data to a "
        f"larger disk.\n\nIts data: {tmp_path}"
    ]


def test_a_broken_settings_file_is_asked_about_then_repaired_or_left(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A clerk sees what is wrong with the settings, in the file's language, and may
    start on defaults for that alone (the file kept beside it), or quit with the file
    left as it was."""
    import json

    from PySide6.QtWidgets import QMessageBox

    from app.paths import DataDir
    from app.settings import SettingsFileError, load_settings
    from ui.station import _settings

    data_dir = DataDir(tmp_path)
    settings = load_settings(data_dir.settings)
    raw = json.loads(data_dir.settings.read_text())
    raw["ui"]["language"] = "zh_CN"
    raw["camera"]["width"] = 5
    data_dir.settings.write_text(json.dumps(raw))
    asked: list[str] = []

    def answer(choice: str) -> None:
        def exec_(box: QMessageBox) -> int:
            asked.append(box.text())
            [button] = [b for b in box.buttons() if b.text() == choice]
            button.click()
            return 0

        monkeypatch.setattr(QMessageBox, "exec", exec_)

    answer("退出")
    with pytest.raises(SettingsFileError):
        _settings(data_dir)
    assert json.loads(data_dir.settings.read_text()) == raw  # left as it was
    assert asked[0].splitlines()[1:3] == ["• camera.width 是 5，低于最小允许值（320）", ""]
    assert "店长密码" not in asked[0]  # the PIN was fine: not lost
    answer("用默认值启动")
    repaired = _settings(data_dir)
    assert repaired.camera.width == 1920
    assert repaired.station == settings.station and repaired.ui.language == "zh_CN"
    [kept] = tmp_path.glob("settings.json.broken-*")
    assert json.loads(kept.read_text()) == raw
    assert len(asked) == 2 and _settings(data_dir) == repaired  # not asked again


def test_the_window_warns_while_the_disk_is_low(
    qtbot: QtBot, context: StationContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.disk import LOW_BYTES
    from ui.station_window import StationWindow

    _disk_with(monkeypatch, LOW_BYTES - 300_000_000)
    window = StationWindow(context, demo_frame)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not window.disk_warning.isHidden(), timeout=10000)
    assert window.disk_warning.text() == (
        "The disk holding the station's data has only 2.5 GB free; a phone's photos take "
        "about 22 MB. Free space on it, or move the station's data to a larger disk "
        "(Settings shows where it is)."
    )
    # Looked at again after each photo stored, or refused.
    _disk_with(monkeypatch, LOW_BYTES)
    window.photograph.store_attempted.emit()
    qtbot.waitUntil(window.disk_warning.isHidden, timeout=10000)

    def unreadable(path: object) -> object:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("shutil.disk_usage", unreadable)
    window.check_disk_space()
    qtbot.waitUntil(lambda: not window.disk_warning.isHidden(), timeout=10000)
    assert window.disk_warning.text() == (
        "The free space on the disk holding the station's data cannot be read: permission denied"
    )
    # Closed, the window asks no more (its task runner is shut down next).
    assert window.disk_timer.isActive()
    window.close()
    assert not window.disk_timer.isActive()


def _poco_showing_patterns(  # type: ignore[no-untyped-def]
    context: StationContext, tmp_path: Path, *names: str, timeout_s: float = 10.0
):
    """A fake adbd for the POCO F6 that indexes the patterns ``names`` as they are
    pushed (as Android 14 does) and opens each by its address; and those intents. The
    station reaches real phones through its own prober (waiting ``timeout_s`` for
    each command)."""
    from devices.android import MEDIA_IMAGES, PATTERN_DIR
    from devices.sources import StationProber

    context.demo, context.recordings = False, {}
    prober = StationProber(tmp_path, timeout_s=timeout_s)
    context.send_pattern, context.remove_patterns = prober.show_pattern, prober.remove_patterns
    adbd = FakeAdbd(PHONES["android-poco-f6-unlocked"], auth="none")
    adbd.outputs["mkdir -p " + PATTERN_DIR] = ""
    views = {}
    for media_id, name in enumerate(names, start=30):
        where = f"_data LIKE '%/Pictures/yanji/{name}.png'"
        query = f'content query --uri {MEDIA_IMAGES} --projection _id --where "{where}"'
        adbd.outputs[query] = f"Row: 0 _id={media_id}\n"
        view = f"am start -a android.intent.action.VIEW -d {MEDIA_IMAGES}/{media_id} -t image/png"
        adbd.outputs[view] = "Starting: Intent { act=android.intent.action.VIEW typ=image/png }\n"
        views[name] = view
    return adbd, views


def _plug(context: StationContext, record: Inspection, adbd: FakeAdbd) -> None:
    """The phone of ``record`` seen connected (on the fake adbd), as the Phones page
    records it."""
    assert record.device is not None
    serial = record.device.serial or ""
    context.phones[serial] = PhoneRef("android", serial, "tcp", f"127.0.0.1:{adbd.port}")


def test_photograph_puts_each_pattern_on_an_android_phone(
    qtbot: QtBot, context: StationContext, tmp_path: Path
) -> None:
    """The screen-on step pushes the chosen pattern through the station's own adb path
    (a fake adbd on loopback, driven by adb-shell) at the phone's resolution, one on
    the phone at a time, and takes it off again once the step is photographed."""
    import cv2
    import numpy as np

    from devices.android import MEDIA_IMAGES, PATTERN_DIR
    from vision.patterns import Pattern

    adbd, views = _poco_showing_patterns(context, tmp_path, "white", "black")
    page = PhotographPage(context, demo_frame)
    qtbot.addWidget(page)
    page.show()
    record = _photographed(context, "android-poco-f6-unlocked")  # screen-off photo taken
    try:
        assert page.pattern_button.isVisible() and page.pattern_button.isEnabled()
        assert page.chosen_pattern() is Pattern.WHITE  # white first
        assert page.pattern_help.text().startswith("Unlock the phone, press the button")
        page.pattern_button.click()  # the Phones page has not seen it connected
        assert page.pattern_help.text().startswith("The phone is not connected")
        _plug(context, record, adbd)
        for pattern, level in ((Pattern.WHITE, 255), (Pattern.BLACK, 0)):
            page.pattern_choice.setCurrentIndex(page.pattern_choice.findData(pattern))
            page.pattern_button.click()
            qtbot.waitUntil(
                lambda: "now show the pattern" in page.pattern_help.text(), timeout=20000
            )
            png = adbd.files[f"{PATTERN_DIR}/{pattern.value}.png"]
            shown = cv2.imdecode(np.frombuffer(png, np.uint8), 1)
            assert shown.shape == (2712, 1220, 3)  # the POCO F6's screen
            assert int(shown.min()) == int(shown.max()) == level
            assert adbd.commands[-1] == views[pattern.value]
            assert list(adbd.files)[1:] == [f"{PATTERN_DIR}/{pattern.value}.png"]
        with qtbot.waitSignal(page.captured, timeout=20000):
            page.capture_button.click()  # black, photographed: on to the back
        assert page.steps.currentRow() == 2 and not page.pattern_button.isVisible()
        qtbot.waitUntil(lambda: list(adbd.files)[1:] == [], timeout=20000)
        assert adbd.commands[-2].startswith(f"content delete --uri {MEDIA_IMAGES} --where")
        page.more_patterns_button.click()  # back to the screen-on step
        adbd.unplug()
        page.pattern_button.click()
        qtbot.waitUntil(lambda: "could not be shown" in page.pattern_help.text(), timeout=20000)
        assert "on the phone (the phone is unplugged). Open it" in page.pattern_help.text()
        assert page.pattern_button.isEnabled()  # the clerk may try again
    finally:
        adbd.close()


def test_a_phone_that_opens_no_pattern_says_so(
    qtbot: QtBot, context: StationContext, tmp_path: Path
) -> None:
    """No viewer on the phone takes the picture, or the phone does not answer: the
    clerk is told why (in words for `am`'s "unable to resolve Intent", else with the
    phone's own answer), and to open it by hand."""
    from devices.android import PATTERN_DIR

    adbd, views = _poco_showing_patterns(context, tmp_path, "white", timeout_s=1.0)
    refused = "Error: Activity not started, unable to resolve Intent { act=VIEW }\n"
    by_file = (
        f"am start -a android.intent.action.VIEW -d file://{PATTERN_DIR}/white.png -t image/png"
    )
    adbd.outputs[views["white"]] = adbd.outputs[by_file] = refused
    page = PhotographPage(context, demo_frame)
    qtbot.addWidget(page)
    record = _photographed(context, "android-poco-f6-unlocked")
    _plug(context, record, adbd)
    try:
        page.pattern_button.click()
        qtbot.waitUntil(lambda: "could not be shown" in page.pattern_help.text(), timeout=20000)
        assert page.pattern_help.text() == (
            "The pattern could not be shown on the phone (the phone has no app that opens "
            "pictures). Open it on the phone by hand, then capture."
        )
        other = "Error: Permission Denial: starting Intent { act=VIEW }\n"
        adbd.outputs[views["white"]] = adbd.outputs[by_file] = other
        page.pattern_button.click()
        qtbot.waitUntil(lambda: "Permission Denial" in page.pattern_help.text(), timeout=20000)
        assert "(no app on the phone opened it: Error: Permission Denial:" in (
            page.pattern_help.text()
        )
        adbd.latency_s = 3.0  # longer than the station waits for a command
        page.pattern_button.click()
        qtbot.waitUntil(lambda: "did not answer" in page.pattern_help.text(), timeout=20000)
        assert page.pattern_help.text().startswith(
            "The pattern could not be shown on the phone (the phone did not answer)."
        )
    finally:
        adbd.close()


def test_closing_the_station_takes_the_pattern_off_the_phone(
    qtbot: QtBot, context: StationContext, tmp_path: Path
) -> None:
    from devices.android import PATTERN_DIR
    from ui.station_window import StationWindow

    adbd, views = _poco_showing_patterns(context, tmp_path, "white")
    window = StationWindow(context, demo_frame)
    qtbot.addWidget(window)
    window.show()
    record = _photographed(context, "android-poco-f6-unlocked")
    _plug(context, record, adbd)
    try:
        adbd.latency_s = 0.2  # per shell command: the push takes over a second
        window.photograph.pattern_button.click()
        window.close()  # at once, the screen-on step still open: the removal waits
        qtbot.waitUntil(
            lambda: views["white"] in adbd.commands and list(adbd.files)[1:] == [],
            timeout=20000,
        )
        assert adbd.commands[-1] == f"rm -rf {PATTERN_DIR}"
        assert window.photograph.pattern_help.text().startswith("The phone should now show")
    finally:
        adbd.close()


def test_photograph_says_how_to_show_a_pattern_without_adb(
    qtbot: QtBot, context: StationContext
) -> None:
    from vision.patterns import Pattern

    context.demo, context.recordings = False, {}
    page = PhotographPage(context, demo_frame)
    qtbot.addWidget(page)
    page.show()
    _photographed(context, "ios-iphone7-cn")  # nothing can be pushed to an iPhone
    assert not page.pattern_button.isVisible()
    assert page.pattern_help.text().startswith("On the iPhone: turn Dark Mode off")
    page.pattern_choice.setCurrentIndex(page.pattern_choice.findData(Pattern.BLACK))
    assert page.pattern_help.text().startswith("On the iPhone: turn Dark Mode on")
    context.demo, context.recordings, context.send_pattern = True, PHONES, None  # no screen
    _photographed(context, "android-oneplus-nord-n10")
    assert page.pattern_button.isVisible() and not page.pattern_button.isEnabled()
    assert page.pattern_help.text().startswith("A recorded phone")
    assert not page.pattern_choice.isEnabled() and page.chosen_pattern() is Pattern.WHITE
    context.inspection.set(None)
    assert not page.pattern_help.isVisible() and not page.pattern_button.isVisible()


def test_several_test_patterns_are_photographed_and_named(
    qtbot: QtBot, context: StationContext
) -> None:
    """White first; then the clerk may go back for black and the others, each photo
    analysed for its own pattern and named by it in Review."""
    from vision.patterns import COLORS, Pattern
    from vision.synthetic import render_scene

    context.demo, context.recordings = False, {}
    page: PhotographPage

    def camera(_inspection: object, step: PhotoStep) -> object:
        screen = COLORS[page.chosen_pattern()] if step is PhotoStep.PATTERN else None
        return render_scene((), size_mm=(71.0, 146.0), screen_bgr=screen).image

    page = PhotographPage(context, camera)
    qtbot.addWidget(page)
    page.show()
    _photographed(context, "android-oneplus-nord-n10")
    assert not page.more_patterns_button.isVisible()
    with qtbot.waitSignal(page.captured, timeout=20000):
        page.capture_button.click()  # white
    assert page.steps.currentRow() == 2  # on to the back
    assert page.more_patterns_button.isVisible()
    page.more_patterns_button.click()
    assert page.steps.currentRow() == 1 and page.chosen_pattern() is Pattern.BLACK
    assert not page.more_patterns_button.isVisible()
    with qtbot.waitSignal(page.captured, timeout=20000) as signal:
        page.capture_button.click()  # black
    inspection = signal.args[0]
    shown = [flow.photo_pattern(p) for p in inspection.photos if p.step is PhotoStep.PATTERN]
    assert shown == ["white", "black"]
    assert not inspection.findings  # a clean black screen analysed as black: no pixels lit
    review = ReviewPage(context)
    qtbot.addWidget(review)
    context.inspection.set(inspection)
    names = [review.photo_choice.itemText(i) for i in range(review.photo_choice.count())]
    assert names == [
        "1. Screen off, glass up",
        "2. Screen on, test pattern: White",
        "2. Screen on, test pattern: Black",
    ]


def test_live_hints_do_not_call_a_lit_pattern_glare() -> None:
    from ui.photograph_page import _preview
    from vision.locate import Quality
    from vision.synthetic import render_scene

    white = render_scene((), size_mm=(71.0, 146.0), screen_bgr=(255, 255, 255)).image
    _, off, _ = _preview(white, PhotoStep.SCREEN_OFF, (71.0, 146.0))
    _, on, _ = _preview(white, PhotoStep.PATTERN, (71.0, 146.0))
    assert Quality.GLARE in off  # bright glass where it should be black
    assert Quality.GLARE not in on and Quality.OVEREXPOSED not in on


def test_live_hints_say_an_always_on_clock_lights_the_screen() -> None:
    """A phone "off" with its always-on clock showing is lit before the clerk
    captures it (a line of date text is too fine to be seen at the live view's scale;
    a clock is not); a dark one is not."""
    from ui.photograph_page import _preview
    from vision.locate import Quality
    from vision.synthetic import Label, render_scene

    size = (71.0, 146.0)
    for height_mm in (8.0, 14.0):
        clock = render_scene(size_mm=size, labels=(Label("9:41", 45, height_mm, 150),))
        assert Quality.SCREEN_LIT in _preview(clock.image, PhotoStep.SCREEN_OFF, size)[1]
    dark = render_scene(size_mm=size, rotate_deg=4.0)
    assert Quality.SCREEN_LIT not in _preview(dark.image, PhotoStep.SCREEN_OFF, size)[1]


@pytest.mark.parametrize(
    ("name", "assumed"), [("ios-iphone7-cn", False), ("android-infinix-x670-mdm", True)]
)
def test_photograph_measures_by_the_catalogue_size(
    qtbot: QtBot, context: StationContext, name: str, assumed: bool
) -> None:
    """A listed phone is measured at its real size; an unlisted one (no printed marker
    in the demo photos) at an assumed scale, which its photo's problems say."""
    page = PhotographPage(context, demo_frame)
    qtbot.addWidget(page)
    _start(context, name)
    with qtbot.waitSignal(page.captured, timeout=20000) as signal:
        page.capture_button.click()
    assert ("scale_assumed" in signal.args[0].photos[0].problems) is assumed


def test_live_view_outlines_a_tilted_phone_by_its_corners() -> None:
    """The outline drawn is the phone's own, at its angle: not the upright box around
    it, which would show the clerk nothing of where the corners were found."""
    import numpy as np

    from ui.photograph_page import _preview
    from vision.synthetic import render_scene

    scene = render_scene(rotate_deg=12.0, size_mm=(71.0, 146.0))
    small, _, outline = _preview(scene.image, PhotoStep.SCREEN_OFF, (71.0, 146.0))
    assert outline is not None and len(outline) == 4
    scale = small.shape[1] / scene.image.shape[1]
    truth = scene.corners * scale
    found = np.array(outline)
    # Each true corner has a found one within 1.5 mm (at the preview's scale).
    gaps = [np.linalg.norm(found - corner, axis=1).min() for corner in truth]
    assert max(gaps) < 1.5 * scene.px_per_mm * scale, gaps
    blank = np.full((400, 300, 3), 128, np.uint8)
    assert _preview(blank, PhotoStep.SCREEN_OFF)[2] is None


def test_live_view_says_a_phone_is_a_little_out_of_the_picture() -> None:
    from ui.photograph_page import _preview
    from vision.locate import Quality
    from vision.synthetic import render_scene

    size = (71.0, 146.0)
    cut = render_scene(size_mm=size, margin_mm=20).image[160 + 12 * 8 :]  # 12 mm out
    assert Quality.CUT_OFF in _preview(cut, PhotoStep.SCREEN_OFF, size)[1]
    assert Quality.CUT_OFF in _preview(cut, PhotoStep.SCREEN_OFF)[1]  # its size unknown too
    whole = render_scene(size_mm=size, margin_mm=20).image
    assert _preview(whole, PhotoStep.SCREEN_OFF, size)[1] == []


def test_demo_side_shot_is_a_side_the_analysis_finds(context: StationContext) -> None:
    from vision.analyze import analyze

    record = _start(context, "ios-iphone7-cn")
    side = demo_frame(record, PhotoStep.SIDE)
    size = flow.photo_size_mm(record.device, PhotoStep.SIDE, PhoneSide.LEFT)
    analysis = analyze(side, Surface.FRAME, size_mm=size)
    assert analysis.phone_found and analysis.quality == () and analysis.findings == ()
    # The top end, next after the left and right sides, is as long as the phone is wide
    # (drawn at 8 px/mm with 15 mm of mat each side).
    record = replace(
        record,
        photos=tuple(
            PhotoRef("0" * 64, PhotoStep.SIDE, record.created_at, note=f"side:{s}")
            for s in ("left", "right")
        ),
    )
    end = demo_frame(record, PhotoStep.SIDE)
    width = flow.photo_size_mm(record.device, PhotoStep.SIDE, PhoneSide.TOP)
    assert width is not None and end.shape[1] == round((width[1] + 30) * 8)
    assert analyze(end, Surface.FRAME, size_mm=width).quality == ()


def test_photograph_takes_each_side_in_turn(
    qtbot: QtBot, context: StationContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sides are four captures: the page says which is next, counts them, and a
    photo from a file stands for the side it asked for, measured at that side's length."""
    import cv2

    import ui.photograph_page

    page = PhotographPage(context, demo_frame)
    qtbot.addWidget(page)
    _start(context, "ios-iphone7-cn")
    assert page.side_help.isHidden()
    for _ in range(4):  # screen off, test pattern, back, the left side
        with qtbot.waitSignal(page.captured, timeout=20000):
            page.capture_button.click()
    assert page.steps.currentRow() == 3
    assert page.steps.item(3).text() == "4. Sides (1 of 4 taken)"
    assert page.side_help.text().startswith("Next: the right side. Stand the phone")
    with qtbot.waitSignal(page.captured, timeout=20000):
        page.capture_button.click()
    assert page.side_help.text().startswith("Next: the top end.")
    # The top end from a file: the file dialog names it.
    top = tmp_path / "top.jpg"
    assert cv2.imwrite(str(top), demo_frame(context.inspection.current, PhotoStep.SIDE))
    titles: list[str] = []
    monkeypatch.setattr(
        ui.photograph_page, "ask_open", lambda _p, title, *_: titles.append(title) or str(top)
    )
    with qtbot.waitSignal(page.captured, timeout=20000):
        page.file_button.click()
    assert titles == ["Photo for: 4. Sides: top end"]
    shot = flow.captured(context.inspection.current)[-1]
    assert shot.note == "side:top" and shot.problems == ()  # measured at the width: whole
    assert page.steps.item(3).text() == "4. Sides (3 of 4 taken)"
    with qtbot.waitSignal(page.captured, timeout=20000):
        page.capture_button.click()
    assert page.steps.item(3).text() == "4. Sides ✓" and page.side_help.isHidden()
    assert not page.capture_button.isEnabled()
    notes = [p.note for p in flow.captured(context.inspection.current)]
    assert notes[3:] == ["side:left", "side:right", "side:top", "side:bottom"]
    # Nothing is left to capture: the live hint no longer says "capture", even once
    # the frame being looked at comes back.
    qtbot.waitUntil(lambda: context.runner.in_flight == 0)
    assert page.hints.text() == "Every photo is taken: review the findings, or take one again"
    context.inspection.set(context.inspection.current.evolve(state=InspectionState.SEALED))
    assert page.hints.text() == "This phone is sealed: its photos cannot change"


def test_a_photo_with_problems_is_taken_again_in_its_place(
    qtbot: QtBot, context: StationContext
) -> None:
    """A capture with something wrong (here a lit screen) is taken again from the page
    at once: the step goes back to it, and the new photo takes the old one's place."""
    from vision.synthetic import render_scene

    lit = render_scene(size_mm=(71.0, 146.0), screen_bgr=(230, 220, 200)).image
    frames = {"now": lit}
    page = PhotographPage(context, lambda record, step: frames["now"])
    qtbot.addWidget(page)
    record = _start(context, "ios-iphone7-cn")
    assert page.retake_button.isHidden() and page.retake_help.isHidden()
    with qtbot.waitSignal(page.captured, timeout=20000):
        page.capture_button.click()
    assert "has problems" in page.outcome.text() and page.steps.currentRow() == 1
    assert not page.retake_button.isHidden()
    assert page.retake_button.text() == "Take the last photo &again (1. Screen off, glass up)"
    page.retake_button.click()
    assert page.steps.currentRow() == 0 and page.retaking() is not None
    assert page.retake_help.text().startswith("Taking again: 1. Screen off, glass up. The new")
    assert page.retake_button.isHidden() and not page.keep_button.isHidden()
    page.keep_button.click()  # the clerk thinks better of it
    assert page.steps.currentRow() == 1 and page.retaking() is None
    assert page.retake_help.isHidden() and not page.retake_button.isHidden()
    page.retake_button.click()
    frames["now"] = demo_frame(record, PhotoStep.SCREEN_OFF)  # the screen turned off
    with qtbot.waitSignal(page.captured, timeout=20000) as signal:
        page.capture_button.click()
    done = signal.args[0]
    first, second = flow.captured(done)
    assert flow.current_photos(done) == [second] and second.problems == ()
    assert first.problems == ("screen_lit",)
    assert {f.kind for f in done.findings} == {FindingKind.SCRATCH}
    assert {f.photo_sha256 for f in done.findings} == {second.sha256}
    assert page.retaking() is None and page.retake_help.isHidden()
    assert page.steps.currentRow() == 1 and page.outcome.text() == ""
    assert context.store.audit_events(record.id)[-1]["action"] == "photo.replaced"
    assert context.store.audit_events(record.id)[-1]["actor"] == context.clerk
    # On a phone already priced, the clerk is told the price is withdrawn.
    priced = price_inspection(context.store, record.id, context.pricing)
    assert priced.quote is not None
    context.inspection.set(priced)
    assert _take_first_again(qtbot, page, priced).quote is None
    assert page.outcome.text() == (
        "The price given before this photo is withdrawn: review the findings and price the "
        "phone again."
    )


def _take_first_again(qtbot: QtBot, page: PhotographPage, record: Inspection) -> Inspection:
    """Take ``record``'s first current photo again on ``page``: the inspection stored."""
    page.take_again(flow.current_photos(record)[0])
    with qtbot.waitSignal(page.captured, timeout=20000) as signal:
        page.capture_button.click()
    stored: Inspection = signal.args[0]
    return stored


def test_a_photo_names_the_price_change_it_withdraws(qtbot: QtBot, context: StationContext) -> None:
    """A photo taken again after the clerk changed the price withdraws the change with
    the price; the page names the change, so the clerk makes it again if it holds."""
    page = PhotographPage(context, demo_frame)
    qtbot.addWidget(page)
    record = _start(context, "ios-iphone7-cn")
    with qtbot.waitSignal(page.captured, timeout=20000):
        page.capture_button.click()
    priced = price_inspection(context.store, record.id, context.pricing)
    assert priced.quote is not None
    total = priced.quote.total_fen
    changed = override_price(context.store, record.id, total + 5000, clerk="小王", reason="带发票")
    context.inspection.set(changed)
    assert _take_first_again(qtbot, page, changed).quote is None
    assert page.outcome.text() == (
        f"The price given before this photo is withdrawn, with the change from {money(total)} "
        f"to {money(total + 5000)} made by 小王: review the findings, price the phone again, "
        "and change the price again if the change still holds."
    )


def test_the_clerk_moves_the_phone_to_show_a_reflection(
    qtbot: QtBot, context: StationContext
) -> None:
    """A real phone under the station's camera, a strip light reflected in its glass:
    the page says how to tell a reflection from a mark. Taken again with the phone
    moved, the reflection is left out and the page says so; a demo phone's made-up
    photo is not asked to be moved."""
    from devices.report import DeviceReport, Platform
    from vision.synthetic import Defect, Lamp, under_lamps

    phone = DeviceReport(
        platform=Platform.IOS, brand="Apple", marketing_name="iPhone 15", serial="REAL1"
    )
    size = flow.photo_size_mm(phone, PhotoStep.SCREEN_OFF)
    assert size is not None
    scratch = (Defect(FindingKind.SCRATCH, 20.0, 40.0, 12.0, 0.15, 30.0),)
    strip = (Lamp((-5.0, -50.0), length_mm=20.0, width_mm=0.8, angle_deg=10.0),)
    frames = {"now": under_lamps(scratch, strip, size_mm=size).image}
    page = PhotographPage(context, lambda record, step: frames["now"])
    qtbot.addWidget(page)
    context.inspection.set(flow.start(context.store, "st", "clerk", phone))
    with qtbot.waitSignal(page.captured, timeout=20000) as signal:
        page.capture_button.click()
    assert {f.kind for f in signal.args[0].findings} == {FindingKind.SCRATCH, FindingKind.OIL}
    assert page.outcome.text() == (
        "A lamp's reflection in the glass can read as a mark. If one of the marks found is a "
        "reflection, slide the phone a hand's width across the mat and take this photo "
        "again: marks that stay put in the picture are left out."
    )
    page.retake_button.click()
    frames["now"] = under_lamps(scratch, strip, size_mm=size, move_mm=(15.0, 10.0)).image
    with qtbot.waitSignal(page.captured, timeout=20000) as signal:
        page.capture_button.click()
    assert {f.kind for f in signal.args[0].findings} == {FindingKind.SCRATCH}
    assert page.outcome.text() == (
        "Marks that stayed put in the picture while the phone moved are reflections: they "
        "were left out of the photo just taken (1. Screen off, glass up)."
    )
    # A demo phone: its photo is made up, and stays where it is.
    demo = PhotographPage(context, demo_frame)
    qtbot.addWidget(demo)
    _start(context, "ios-iphone7-cn")
    with qtbot.waitSignal(demo.captured, timeout=20000) as signal:
        demo.capture_button.click()
    assert signal.args[0].findings and demo.outcome.text() == ""


def test_a_side_or_pattern_taken_again_is_that_side_or_pattern(
    qtbot: QtBot, context: StationContext
) -> None:
    from vision.patterns import Pattern

    context.demo, context.recordings = False, {}
    page = PhotographPage(context, demo_frame)
    qtbot.addWidget(page)
    record = _photographed(context, "android-oneplus-nord-n10")
    for step, detail in ((PhotoStep.PATTERN, Pattern.BLACK), (PhotoStep.SIDE, PhoneSide.LEFT)):
        record = flow.photograph(
            context.store,
            record.id,
            encode_still(demo_frame(record, step)),
            step=step,
            surface=flow.STEP_SURFACE[step],
            pattern=detail if step is PhotoStep.PATTERN else None,
            side=detail if step is PhotoStep.SIDE else None,
        )
    context.inspection.set(record)
    black, left = flow.captured(record)[1:]
    assert page.next_side() is None and page.pattern_choice.isEnabled()
    page.take_again(left)
    assert page.steps.currentRow() == 3 and page.next_side() is PhoneSide.LEFT
    assert page.side_help.text().startswith("Next: the left side")
    page.take_again(black)
    assert page.steps.currentRow() == 1 and page.chosen_pattern() is Pattern.BLACK
    assert not page.pattern_choice.isEnabled()  # another pattern would replace nothing
    # A photo from before sides were named cannot be taken again: it stands for none.
    page.take_again(replace(left, note="side"))
    assert page.retaking() is black


def test_photograph_hints_say_when_the_screen_is_lit(qtbot: QtBot, context: StationContext) -> None:
    from vision.synthetic import render_scene

    lit_frame = render_scene(size_mm=(71.0, 146.0), screen_bgr=(230, 220, 200)).image
    frames = [demo_frame]

    def camera(record, step):  # type: ignore[no-untyped-def]
        return frames[-1](record, step)

    page = PhotographPage(context, camera)
    qtbot.addWidget(page)
    _start(context, "ios-iphone7-cn")
    qtbot.waitUntil(lambda: page.hints.text() == "Looks good: capture", timeout=10000)
    frames.append(lambda record, step: lit_frame)
    page.refresh_preview()
    qtbot.waitUntil(
        lambda: page.hints.text() == "The screen is lit: turn it off to check the glass",
        timeout=10000,
    )


def test_review_rejects_and_adds(qtbot: QtBot, context: StationContext) -> None:
    page = ReviewPage(context)
    qtbot.addWidget(page)
    page.resize(900, 600)
    page.show()
    record = _photographed(context)
    assert page.findings.count() == len(record.findings) == 2
    page.show_finding(record.findings[1].id)
    assert page.findings.currentRow() == 1
    qtbot.waitUntil(lambda: not page.evidence.pixmap().isNull(), timeout=10000)
    assert page.evidence.pixmap().height() == 140
    page.findings.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert page.rejected_ids() == {record.findings[0].id}
    page._on_view_box_drawn((10, 10, 40, 30))
    with qtbot.waitSignal(page.next_requested, timeout=20000):
        page.next_button.click()
    decided = context.inspection.current
    assert [f.source.value for f in decided.findings] == ["detector", "clerk"]


def test_review_shows_each_findings_own_evidence_or_why_not(
    qtbot: QtBot, context: StationContext
) -> None:
    """The crop is read off the GUI thread; a missing file says so, and a finding with
    no crop shows none (not the last finding's)."""
    from dataclasses import replace

    page = ReviewPage(context)
    qtbot.addWidget(page)
    page.show()
    record = _photographed(context)
    first, second = record.findings
    assert first.evidence_sha256 and second.evidence_sha256
    assert page.evidence.text() == "Pick a finding to see its evidence here"
    context.store.photos.path_for(first.evidence_sha256).unlink()
    page.show_finding(first.id)
    qtbot.waitUntil(lambda: page.evidence.text() != "", timeout=10000)
    assert page.evidence.text().startswith(
        "The evidence crop could not be opened:\nno such file or folder: "
    )
    assert first.evidence_sha256[:12] + "…" in page.evidence.text()
    assert first.evidence_sha256 not in page.evidence.text()  # too long to wrap
    page.show_finding(second.id)
    qtbot.waitUntil(lambda: not page.evidence.pixmap().isNull(), timeout=10000)
    assert page.evidence.text() == ""
    context.inspection.set(replace(record, findings=(replace(first, evidence_sha256=None), second)))
    none = "This finding has no evidence crop"
    page.show_finding(first.id)
    assert page.evidence.pixmap().isNull() and page.evidence.text() == none
    page.show_finding(second.id)
    page.show_finding(first.id)  # at once: the second's crop, still being read, is not shown
    qtbot.wait(300)
    assert page.evidence.pixmap().isNull() and page.evidence.text() == none


def test_review_shows_each_photo_and_places_drawn_findings_on_it(
    qtbot: QtBot, context: StationContext
) -> None:
    page = ReviewPage(context)
    qtbot.addWidget(page)
    page.resize(900, 600)
    page.show()
    record = _photographed(context)
    back = demo_frame(record, PhotoStep.BACK)
    record = flow.photograph(
        context.store, record.id, encode_still(back), step=PhotoStep.BACK, surface=Surface.BACK
    )
    context.inspection.set(record)
    screen_photo, back_photo = (p for p in record.photos if p.step is not PhotoStep.OTHER)
    choices = [page.photo_choice.itemText(i) for i in range(page.photo_choice.count())]
    assert choices == ["1. Screen off, glass up", "3. Back"]
    assert page.current_photo() == screen_photo
    page.photo_choice.setCurrentIndex(1)
    assert page.current_photo() == back_photo
    page._on_view_box_drawn((100, 200, 60, 40))
    # Selecting a finding shows the photo it was found on.
    page.show_finding(record.findings[0].id)
    assert page.current_photo() == screen_photo
    with qtbot.waitSignal(page.next_requested, timeout=20000):
        page.next_button.click()
    drawn = context.inspection.current.findings[-1]
    assert (drawn.source.value, drawn.surface, drawn.kind) == (
        "clerk",
        Surface.BACK,
        FindingKind.CRACK,
    )
    assert drawn.photo_sha256 == back_photo.sha256 and drawn.bbox_px == (100, 200, 60, 40)
    assert drawn.evidence_sha256 and context.store.photos.verify(drawn.evidence_sha256)


def test_review_says_what_was_wrong_with_a_photo(qtbot: QtBot, context: StationContext) -> None:
    from vision.synthetic import render_scene

    page = ReviewPage(context)
    qtbot.addWidget(page)
    _photographed(context)
    assert page.photo_problems.isHidden()  # a good photo: nothing to say
    lit = render_scene(size_mm=(71.0, 146.0), screen_bgr=(230, 220, 200)).image
    _photographed(context, frame=lit)
    assert not page.photo_problems.isHidden()
    assert page.photo_problems.text().splitlines() == [
        "Photo problems (its findings may be incomplete):",
        "1. Screen off, glass up",
        "  · The screen is lit: turn it off to check the glass",
    ]
    assert page.findings.item(0).text() == "No findings, but see the photo problems above"


def test_review_takes_a_photo_again_and_shows_the_one_it_replaced(
    qtbot: QtBot, context: StationContext
) -> None:
    from vision.synthetic import render_scene

    page = ReviewPage(context)
    qtbot.addWidget(page)
    lit = render_scene(size_mm=(71.0, 146.0), screen_bgr=(230, 220, 200)).image
    record = _photographed(context, frame=lit)
    assert not page.photo_problems.isHidden() and page.retake_button.isEnabled()
    with qtbot.waitSignal(page.retake_requested) as wanted:
        page.retake_button.click()
    assert wanted.args == [record.photos[0]]
    record = flow.photograph(
        context.store,
        record.id,
        encode_still(demo_frame(record, PhotoStep.SCREEN_OFF)),
        step=PhotoStep.SCREEN_OFF,
        surface=Surface.SCREEN,
        size_mm=(71.0, 146.0),
    )
    context.inspection.set(record)
    choices = [page.photo_choice.itemText(i) for i in range(page.photo_choice.count())]
    assert choices == ["1. Screen off, glass up (1) — replaced", "1. Screen off, glass up (2)"]
    assert page.photo_problems.isHidden()  # the lit screen was the replaced photo's
    assert page.current_photo() is flow.captured(record)[1]  # the one that counts
    assert page.retake_button.isEnabled()
    page.photo_choice.setCurrentIndex(0)
    assert not page.retake_button.isEnabled()  # replaced: nothing to take again
    page.show_finding(record.findings[0].id)
    assert page.current_photo() is flow.captured(record)[1] and page.retake_button.isEnabled()
    context.inspection.set(record.evolve(state=InspectionState.SEALED))  # as shown
    page.photo_choice.setCurrentIndex(1)
    assert not page.retake_button.isEnabled()


def test_quote_waits_for_the_captures_the_shipped_standard_requires(
    qtbot: QtBot, context: StationContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With only the screen-off photo taken, the clerk is told which captures are
    still to take, as the Photograph page names them, and nothing is priced."""
    from app.demo import photograph
    from app.quoting import pricing_setup
    from ui.i18n import install_translators

    context.pricing = pricing_setup(context.store)
    page = QuotePage(context)
    qtbot.addWidget(page)
    warned: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _p, title, text: warned.append((title, text))
    )
    record = _photographed(context)
    page.price_button.click()
    qtbot.waitUntil(lambda: bool(warned), timeout=20000)
    assert warned == [
        (
            "Cannot price",
            "not photographed yet: 2. Screen on, test pattern; 3. Back; 4. Sides; take "
            "these photos first, each showing the phone",
        )
    ]
    assert context.store.get(record.id).quote is None
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app, "zh_CN")
    try:
        page.price_button.click()
        qtbot.waitUntil(lambda: len(warned) == 2, timeout=20000)
        assert warned[1][1] == (
            "还没有拍：2. 亮屏，显示测试图；3. 背面；4. 侧面。请先拍好这些照片，每张都要拍到手机"
        )
    finally:
        for translator in translators:
            app.removeTranslator(translator)
    photograph(context.store, record.id)  # the rest: priced
    context.inspection.set(context.store.get(record.id))
    with qtbot.waitSignal(context.inspection.changed, timeout=20000):
        page.price_button.click()
    assert context.inspection.current.quote is not None


def test_quote_prices_refuses_and_overrides(
    qtbot: QtBot, context: StationContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = QuotePage(context)
    qtbot.addWidget(page)
    _start(context, "ios-iphone6plus-locked")
    with qtbot.waitSignal(context.inspection.changed, timeout=20000):
        page.price_button.click()
    assert page.total.text().startswith("REFUSED") and not page.next_button.isEnabled()
    assert page.lines.item(0, 0).text().startswith("Activation Lock (Find My iPhone) is on")
    assert page.lines.item(0, 2).text() == "activation lock: ON"
    # An Android phone's lock is its maker's account, in the reason and the evidence.
    locked = _start(context, "android-poco-x5-pro-locked")
    context.inspection.set(price_inspection(context.store, locked.id, context.pricing))
    assert page.lines.item(0, 0).text().startswith("Maker account lock is on")
    assert page.lines.item(0, 2).text() == "maker account lock: ON"
    record = _photographed(context)
    context.inspection.set(price_inspection(context.store, record.id, context.pricing))
    assert "9成新" in page.grade.text() and page.lines.rowCount() >= 2
    assert page.next_button.isEnabled()
    # A line that cites a finding leads to that finding's evidence.
    priced = context.inspection.current
    finding_id = priced.findings[0].id
    cited = QuoteLine(
        LineKind.DEDUCTION, "finding.x", "划痕", "scratch", -1000, finding_ids=(finding_id,)
    )
    quote = Quote.from_lines("s", "1", (*priced.quote.lines, cited))
    context.inspection.set(priced.evolve(quote=quote))
    row = len(quote.lines) - 1
    page.lines.setCurrentCell(row, 0)
    with qtbot.waitSignal(page.evidence_requested) as wanted:
        page.lines.itemActivated.emit(page.lines.item(row, 0))
    assert wanted.args == [finding_id]
    context.inspection.set(priced)
    pricing = context.settings.pricing.model_copy(update={"manager_pin_hash": hash_pin("2468")})
    context.settings = context.settings.model_copy(update={"pricing": pricing})
    total = context.inspection.current.quote.total_fen
    monkeypatch.setattr(QInputDialog, "getDouble", lambda *a, **k: (total / 100 - 20, True))
    answers = iter([("dent on the frame", True), ("2468", True)])
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: next(answers))
    with qtbot.waitSignal(context.inspection.changed, timeout=20000):
        page.override_button.click()
    assert context.inspection.current.quote.total_fen == total - 2000
    assert context.inspection.current.quote.overrides[0].approved_by == "manager"
    # A wrong PIN: the price stays, and the box says why under its own title.
    warned: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _p, title, text: warned.append((title, text))
    )
    answers = iter([("scratches", True), ("1111", True)])
    page.override_button.click()
    qtbot.waitUntil(lambda: bool(warned), timeout=20000)
    assert warned == [("Price not changed", "the manager PIN is wrong")]
    assert context.inspection.current.quote.total_fen == total - 2000


def test_accessories_the_seller_did_not_bring_are_priced_in(
    qtbot: QtBot, context: StationContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A box per accessory the rules deduct for; ticking one prices a priced phone
    again with its line, asking first where the clerk changed the price; the next
    phone starts unticked; a record opened again shows what its quote deducted for; a
    sealed one cannot be changed."""
    page = QuotePage(context)
    qtbot.addWidget(page)
    assert {name: box.text() for name, box in page.accessories.items()} == {
        "box": "No original box",
        "charger": "No charger",
        "cable": "No cable",
    }
    record = _photographed(context)
    assert all(box.isEnabled() and not box.isChecked() for box in page.accessories.values())
    page.accessories["charger"].setChecked(True)  # before pricing: priced in with it
    with qtbot.waitSignal(context.inspection.changed, timeout=20000):
        page.price_button.click()
    charged = context.inspection.current.quote
    assert [line.rule_id for line in charged.lines if line.rule_id.startswith("accessory.")] == [
        "accessory.charger"
    ]
    assert any(
        page.lines.item(row, 0).text() == "No charger" for row in range(page.lines.rowCount())
    )
    with qtbot.waitSignal(context.inspection.changed, timeout=20000):
        page.accessories["box"].setChecked(True)
    both = context.inspection.current.quote
    assert {
        line.rule_id: line.amount_fen
        for line in both.lines
        if line.rule_id.startswith("accessory.")
    } == {
        "accessory.box": -3000,
        "accessory.charger": -2000,
    }
    assert both.total_fen == charged.total_fen - 3000
    with qtbot.waitSignal(context.inspection.changed, timeout=20000):
        page.accessories["charger"].setChecked(False)
    assert context.inspection.current.quote.total_fen == both.total_fen + 2000
    priced = context.inspection.current
    # A price the clerk changed is not quoted afresh unless the clerk says so.
    from app.quoting import override_price

    changed = override_price(
        context.store, priced.id, priced.quote.total_fen + 1000, clerk="小王", reason="成色好"
    )
    context.inspection.set(changed)
    asked: list[str] = []
    answer = QMessageBox.StandardButton.No
    monkeypatch.setattr(
        QMessageBox, "question", lambda _p, _title, text, *a: asked.append(text) or answer
    )
    page.accessories["cable"].setChecked(True)
    page.price_button.click()
    assert len(asked) == 2 and "(成色好)" in asked[0] and not page.accessories["cable"].isChecked()
    assert context.runner.in_flight == 0  # nothing priced again
    assert context.store.get(priced.id).quote == changed.quote
    answer = QMessageBox.StandardButton.Yes
    with qtbot.waitSignal(context.inspection.changed, timeout=20000):
        page.price_button.click()
    assert context.inspection.current.quote == priced.quote  # the ticks as they were
    # The next phone: nothing ticked. The first again (from History): its box ticked.
    _start(context, "android-poco-f6-unlocked")
    assert not any(box.isChecked() for box in page.accessories.values())
    context.inspection.set(context.store.get(record.id))
    assert [name for name, box in page.accessories.items() if box.isChecked()] == ["box"]
    seller = flow.check_seller("王小明", "11010519491231002X", "13800138000")
    sealed = flow.seal(context.store, priced.id, "clerk", seller)
    context.inspection.set(sealed)
    assert not any(box.isEnabled() for box in page.accessories.values())
    assert page.accessories["box"].isChecked()


def test_the_seller_sees_a_receipt(qtbot: QtBot, context: StationContext) -> None:
    priced = price_inspection(context.store, _photographed(context).id, context.pricing)
    view = SellerViewDialog(priced, False, store_name="华强北 3号柜台")
    qtbot.addWidget(view)
    assert view.title.text() == "iPhone 7 128GB" and view.grade is not None
    assert view.imei is not None and view.imei.text() == "IMEI 355341083159771"
    assert view.grade.text() == "Grade 9成新"
    assert [label.text() for label in view.lines] == [line.reason_en for line in priced.quote.lines]
    # Amounts as the clerk's page writes them: a deduction is -¥7.60, not ¥-7.60.
    assert [label.text() for label in view.amounts] == ["¥190.00", "-¥7.60", "-¥2.40"]
    assert view.total is not None and view.total.text() == "Total ¥180.00"
    assert view.again is None
    assert "华强北 3号柜台" in [label.text() for label in view.findChildren(QLabel)]
    locked = _start(context, "ios-iphone6plus-locked")
    refused = price_inspection(context.store, locked.id, context.pricing)
    view = SellerViewDialog(refused, True)
    qtbot.addWidget(view)
    assert view.amounts[0].text() == "" and "不能回收" in view.lines[0].text()
    assert view.total is not None and view.total.text().startswith("REFUSED")
    # A lock is the seller's to remove, and the seller is told so.
    assert view.again is not None
    assert view.again.text() == "Once this lock is removed from the phone, it can be checked again."
    poco = _start(context, "android-poco-x5-pro-locked")  # a Mi account and Google's
    view = SellerViewDialog(price_inspection(context.store, poco.id, context.pricing), False)
    qtbot.addWidget(view)
    assert [label.text() for label in view.lines] == [
        "Maker account lock is on (Find Device of a Mi, Huawei, Samsung … account); "
        "cannot be bought",
        "Google account lock (FRP) is on; cannot be bought",
    ]
    assert view.again is not None and view.again.text().startswith("Once these locks are")
    # A phone that gave no IMEI shows the one the clerk typed, and none before.
    poco = _start(context, "android-poco-f6-unlocked")
    view = SellerViewDialog(poco, True)
    qtbot.addWidget(view)
    assert view.imei is None
    typed = flow.type_imeis(context.store, poco.id, "clerk", "869168060447062")
    view = SellerViewDialog(typed, True)
    qtbot.addWidget(view)
    assert view.imei is not None and view.imei.text() == "IMEI 869168060447062"


def _receipt(
    qtbot: QtBot, context: StationContext, *, chinese: bool, clerk: str, reason: str, size: QSize
) -> SellerViewDialog:
    """The seller's receipt for the photographed phone, its price raised ¥20 by the
    clerk for ``reason``, shown in a window of ``size``."""
    from app.quoting import override_price

    priced = price_inspection(context.store, _photographed(context).id, context.pricing)
    assert priced.quote is not None
    priced = override_price(
        context.store, priced.id, priced.quote.total_fen + 2000, clerk=clerk, reason=reason
    )
    view = SellerViewDialog(priced, chinese, store_name="华强北 3号柜台")
    qtbot.addWidget(view)
    view.setWindowState(Qt.WindowState.WindowNoState)  # a known size, not full screen
    view.resize(size)
    view.show()
    qtbot.waitExposed(view)
    # The pads are set as each reason is laid out; the grid then lays out afresh.
    qtbot.waitUntil(lambda: all(a.height() == a.sizeHint().height() for a in view.amounts))
    return view


def _ink(label: QLabel) -> np.ndarray:
    """Where the label, as drawn, has ink: a boolean image of it."""
    image = label.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    width, height = image.width(), image.height()
    pixels = np.frombuffer(image.constBits(), np.uint8).reshape(height, image.bytesPerLine())
    return pixels[:, :width] < 100


def _ink_bottom(label: QLabel, rightmost_px: int | None = None) -> int:
    """The lowest row with ink in the label, in its window's coordinates; with
    ``rightmost_px``, only the last glyphs' columns (where the digits are)."""
    ink = _ink(label)
    if rightmost_px is not None:
        columns = np.flatnonzero(ink.any(axis=0))
        ink = ink[:, columns[-1] - rightmost_px + 1 : columns[-1] + 1]
    rows = np.flatnonzero(ink.any(axis=1))
    return label.mapTo(label.window(), QPoint(0, int(rows[-1]))).y()


def _first_line_baseline(label: QLabel) -> int:
    """The baseline of the label's first line of Latin text, in its window's
    coordinates: the row on which most of that line's columns of ink end."""
    ink = _ink(label)
    rows = ink.any(axis=1)
    top = int(np.argmax(rows))
    bottom = top + int(np.argmin(rows[top:]))  # the first blank row under the line
    band = ink[top:bottom]
    ends = [top + int(np.flatnonzero(column)[-1]) for column in band.T if column.any()]
    return label.mapTo(label.window(), QPoint(0, int(np.bincount(ends).argmax()))).y()


def test_the_amounts_stand_on_their_reasons_lines(qtbot: QtBot, context: StationContext) -> None:
    """Chinese reasons are drawn in a CJK font that sits lower than the amounts'
    digits; on the receipt each amount stands on its reason's first line, even when
    the reason runs to two lines."""
    long_reason = "卖家提供原装盒子、充电器和购机发票，经与店长商量后加价二十元成交" * 2
    view = _receipt(
        qtbot, context, chinese=True, clerk="小王", reason=long_reason, size=QSize(1200, 800)
    )
    battery, override = view.lines[1], view.lines[-1]
    assert battery.text().endswith("85%")  # digits: the baseline is their lowest ink
    assert abs(_ink_bottom(battery, 12) - _ink_bottom(view.amounts[1])) <= 1
    assert override.height() > 2 * view.amounts[-1].sizeHint().height() > 0  # wrapped
    assert view.amounts[-1].y() - override.y() < override.height() / 4  # on its top line


def test_an_amount_stands_on_the_first_line_as_it_is_wrapped(
    qtbot: QtBot, context: StationContext
) -> None:
    """Only the first line counts: an English reason whose Chinese words wrap onto a
    later line keeps its amount on the Latin first line."""
    reason = (
        "the seller brought the original box, the charger and the receipt, so the manager"
        " agreed to pay twenty yuan more than the sheet says 加价成交"
    )
    view = _receipt(
        qtbot, context, chinese=False, clerk="Wang", reason=reason, size=QSize(1200, 800)
    )
    override, amount = view.lines[-1], view.amounts[-1]
    assert override.height() > 2 * amount.height()  # wrapped, its Chinese on a later line
    assert abs(_first_line_baseline(override) - _first_line_baseline(amount)) <= 1
    # Narrower, the words on the first line change; the amount follows them.
    view.resize(700, 800)
    qtbot.waitUntil(
        lambda: override.width() < 500 and amount.height() == amount.sizeHint().height()
    )
    assert abs(_first_line_baseline(override) - _first_line_baseline(amount)) <= 1


def test_a_long_receipt_on_a_small_screen_scrolls_its_lines_not_its_total(
    qtbot: QtBot, context: StationContext
) -> None:
    """On a customer display of 1024 × 600 a long receipt's lines scroll, and its total
    stays in view; on a larger screen nothing scrolls and the total follows the lines."""
    reason = "卖家提供原装盒子、充电器和购机发票，经与店长商量后加价二十元成交" * 3
    view = _receipt(
        qtbot, context, chinese=True, clerk="小王", reason=reason, size=QSize(1024, 600)
    )
    assert view.total is not None
    scroll_bar = view.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: scroll_bar.maximum() > 0)
    total_bottom = view.total.mapTo(view, QPoint(0, view.total.height())).y()
    assert view.total.isVisible() and total_bottom <= view.height()
    # Scrolled to the end, the last line shows whole, above the total.
    scroll_bar.setValue(scroll_bar.maximum())
    last = view.lines[-1]
    last_bottom = last.mapTo(view, QPoint(0, last.height())).y()
    assert last_bottom <= view.scroll.geometry().bottom() + 1
    assert last.height() >= last.heightForWidth(last.width())  # not squeezed: scrolled
    # The scroll bar takes its room from the total's column too: the amounts and the
    # total end at the same place.
    amount, total = view.amounts[0], view.total
    assert scroll_bar.isVisible()
    qtbot.waitUntil(
        lambda: (
            amount.mapTo(view, QPoint(amount.width(), 0)).x()
            == total.mapTo(view, QPoint(total.width(), 0)).x()
        )
    )
    view.resize(1366, 900)
    qtbot.waitUntil(lambda: scroll_bar.maximum() == 0)
    qtbot.waitUntil(lambda: not scroll_bar.isVisible())
    qtbot.waitUntil(
        lambda: (
            amount.mapTo(view, QPoint(amount.width(), 0)).x()
            == total.mapTo(view, QPoint(total.width(), 0)).x()
        )
    )
    gap = view.total.mapTo(view, QPoint(0, 0)).y() - last.mapTo(view, QPoint(0, last.height())).y()
    assert 0 < gap < 100  # the total under the lines, not at the foot of the screen


def test_quote_lines_follow_the_window_s_language(
    qtbot: QtBot, context: StationContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the language left to the system, the lines are in the window's language."""
    import ui.i18n

    priced = price_inspection(context.store, _photographed(context).id, context.pricing)
    assert context.settings.ui.language == "auto"
    for system, chinese in (("en_US", False), ("zh_CN", True)):
        monkeypatch.setattr(ui.i18n.QLocale, "system", lambda s=system: QLocale(s))
        page = QuotePage(context)
        qtbot.addWidget(page)
        context.inspection.set(priced)
        reason = priced.quote.lines[0].reason_zh if chinese else priced.quote.lines[0].reason_en
        assert page.lines.item(0, 0).text() == reason
        hit = priced.grade.rules[0]
        expected = hit.description_zh if chinese else hit.description_en
        assert page.rules.item(0).text().startswith(expected)


def _seal_page_for_a_priced_phone(
    qtbot: QtBot, context: StationContext
) -> tuple[SealPage, Inspection]:
    """A Seal page, and the phone it seals: photographed and priced, now current."""
    page = SealPage(context)
    qtbot.addWidget(page)
    record = _photographed(context)
    context.inspection.set(price_inspection(context.store, record.id, context.pricing))
    return page, record


def test_seal_checks_the_seller(qtbot: QtBot, context: StationContext) -> None:
    page, _ = _seal_page_for_a_priced_phone(qtbot, context)
    page.name.setText("王小明")
    # Each number is checked as soon as it is whole, before Seal is pressed.
    page.id_number.setText("11010519491231002")
    assert page.id_check.text() == ""  # 17 characters: not yet
    page.id_number.setText("110105194912310021")
    assert page.id_check.text() == ("✗ the ID number's last character does not match: mistyped?")
    page.phone.setText("238 0013 8000")
    assert page.phone_check.text() == (
        "✗ a mobile number has 11 digits and starts with 1 (others: +852…)"
    )
    page.phone.setText("138 0013 8000")
    assert page.phone_check.text() == "✓"
    page.seal_button.click()
    assert "agreement" in page.message.text()
    page.agreed.setChecked(True)
    page.seal_button.click()
    assert "does not match" in page.message.text()
    page.id_number.setText("11010519491231002X")
    assert page.id_check.text() == "✓"
    with qtbot.waitSignal(page.sealed, timeout=20000):
        page.seal_button.click()
    assert not page.seal_button.isEnabled() and "read-only" in page.message.text()
    # Once sealed, the page shows the record's seller, the ID number masked.
    assert page.id_number.text() == "110105********002X" and page.id_check.text() == ""
    sealed = context.inspection.current
    # The next phone is another seller's: nothing carries over, the agreement least.
    _start(context, "android-poco-f6-unlocked")
    assert page.seal_button.isEnabled() and not page.agreed.isChecked()
    assert (page.name.text(), page.id_number.text(), page.phone.text()) == ("", "", "")
    assert page.id_check.text() == page.phone_check.text() == page.message.text() == ""
    # A sealed record opened again shows its own seller, the ID number masked.
    context.inspection.set(context.store.get(sealed.id))
    assert (page.name.text(), page.id_number.text(), page.phone.text()) == (
        "王小明",
        "110105********002X",
        "13800138000",
    )
    assert page.agreed.isChecked() and not page.id_number.isEnabled()
    assert page.id_check.text() == "" and "read-only" in page.message.text()


def test_the_seller_agrees_to_the_price_shown(qtbot: QtBot, context: StationContext) -> None:
    """The seal page shows the phone and its price; a price that changes after the
    seller agreed takes the agreement back."""
    from app.quoting import override_price

    page, record = _seal_page_for_a_priced_phone(qtbot, context)
    assert page.summary.text() == "iPhone 7 128GB · grade 9成新 · total ¥180.00"
    page.agreed.setChecked(True)
    context.inspection.set(context.store.get(record.id))  # saved again, the same price
    assert page.agreed.isChecked() and page.message.text() == ""
    raised = override_price(context.store, record.id, 19000, clerk="小王", reason="带发票")
    context.inspection.set(raised)
    assert page.summary.text() == "iPhone 7 128GB · grade 9成新 · total ¥190.00"
    assert not page.agreed.isChecked()
    assert page.message.text() == "The price is now ¥190.00: the seller must agree to it again."
    page.seal_button.click()
    assert "agreement" in page.message.text()  # nothing sealed
    assert context.store.get(record.id).state is not InspectionState.SEALED
    # A price changed while Seal is on its way (pricing again, queued before it) is
    # refused by the seal itself.
    page.name.setText("王小明")
    page.id_number.setText("11010519491231002X")
    page.phone.setText("13800138000")
    page.agreed.setChecked(True)
    override_price(context.store, record.id, 20000, clerk="小王", reason="再加十元")
    page.seal_button.click()
    qtbot.waitUntil(lambda: "¥200.00" in page.message.text(), timeout=20000)
    assert page.message.text() == "the price is now ¥200.00: the seller must agree to it again"
    assert context.store.get(record.id).state is not InspectionState.SEALED
    assert page.imei.text() == "IMEI 355341083159771"
    # A phone that gave no IMEI: the clerk is told where to type it, and then it shows.
    poco = _start(context, "android-poco-f6-unlocked")
    assert page.summary.text().endswith(" · not priced yet")
    assert page.imei.text().startswith("⚠ No IMEI is recorded: the phone gave none.")
    context.inspection.set(flow.type_imeis(context.store, poco.id, "小王", "869168060447062"))
    assert page.imei.text() == "IMEI 869168060447062"
    locked = _start(context, "ios-iphone6plus-locked")
    context.inspection.set(price_inspection(context.store, locked.id, context.pricing))
    assert page.summary.text() == "iPhone 6 Plus 16GB · cannot be bought"


def test_a_seller_from_hong_kong_is_sealed_with_a_home_return_permit(
    qtbot: QtBot, context: StationContext
) -> None:
    from app.records import IdDocument

    page, record = _seal_page_for_a_priced_phone(qtbot, context)
    assert page.document.currentData() == IdDocument.CN_ID  # the usual one first
    page.name.setText("陈大文")
    page.document.setCurrentIndex(page.document.findData(IdDocument.HK_MO_PERMIT))
    page.id_number.setText("H1234")
    assert page.id_check.text() == ""  # maybe not typed in full yet: nothing said
    page.id_number.editingFinished.emit()  # the clerk moved on: now it is said
    assert page.id_check.text() == "✗ a Home Return Permit number is H or M and 8 digits"
    page.id_number.setText("h12345678")
    assert page.id_check.text() == "✓"
    page.phone.setText("+852 9123")
    assert page.phone_check.text() == ""
    page.phone.setText("+852 9123 4567")
    assert page.phone_check.text() == "✓"
    # The same number is no resident ID number: changing the document checks it again.
    page.document.setCurrentIndex(page.document.findData(IdDocument.CN_ID))
    assert page.id_check.text() == ""
    page.document.setCurrentIndex(page.document.findData(IdDocument.HK_MO_PERMIT))
    page.agreed.setChecked(True)
    with qtbot.waitSignal(page.sealed, timeout=20000):
        page.seal_button.click()
    sealed = context.store.get(record.id)
    assert sealed.seller is not None
    assert (sealed.seller.document, sealed.seller.id_number, sealed.seller.phone) == (
        IdDocument.HK_MO_PERMIT,
        "H12345678",
        "+85291234567",
    )
    _start(context, "android-poco-f6-unlocked")
    assert page.document.currentData() == IdDocument.CN_ID  # the next seller: afresh
    context.inspection.set(sealed)
    assert page.document.currentData() == IdDocument.HK_MO_PERMIT
    assert page.id_number.text() == "H1****678" and not page.document.isEnabled()


# The completions' popup, under the offscreen platform the tests run on.
@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")
def test_a_passport_is_sealed_with_the_country_that_issued_it(
    qtbot: QtBot, context: StationContext
) -> None:
    from app.records import IdDocument

    page, record = _seal_page_for_a_priced_phone(qtbot, context)
    assert not page._form.isRowVisible(page.country)  # asked of passports alone
    page.name.setText("Ivan Petrov")
    page.document.setCurrentIndex(page.document.findData(IdDocument.PASSPORT))
    assert page._form.isRowVisible(page.country)
    assert page.country.findData("RUS") >= 0 and page.country.currentText() == ""
    page.id_number.setText("753123456")
    page.phone.setText("+7 912 345 6789")
    page.agreed.setChecked(True)
    page.seal_button.click()
    assert page.message.text() == "choose the country that issued the passport"
    page.country.setEditText("Narnia")
    page.seal_button.click()
    assert page.message.text() == "Narnia is not a country: choose one from the list"
    # Typed as the list writes it, or by its name or code alone, in any case.
    for typed in ("Russian Federation (RUS)", "russian federation", "rus"):
        page.country.setEditText(typed)
        assert page._chosen_country() == "RUS", typed
    # Typed by another name it goes by: offered, and picked, as the list's item.
    page.country.setEditText("")
    page.country.show()
    qtbot.keyClicks(page.country.lineEdit(), "Turk")
    popup = page.country.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    completions = page.country.completer().completionModel()
    offered = [completions.index(row, 0).data() for row in range(completions.rowCount())]
    assert offered == ["Turkey (TUR)", "Turkmenistan (TKM)", "Turks and Caicos Islands (TCA)"]
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.country.currentText() == "Türkiye (TUR)")
    assert page._chosen_country() == "TUR"
    page.country.setEditText("Russia")
    with qtbot.waitSignal(page.sealed, timeout=20000):
        page.seal_button.click()
    sealed = context.store.get(record.id)
    assert sealed.seller is not None
    assert (sealed.seller.document, sealed.seller.country) == (IdDocument.PASSPORT, "RUS")
    _start(context, "android-poco-f6-unlocked")
    assert not page._form.isRowVisible(page.country) and page.country.currentText() == ""
    context.inspection.set(sealed)
    assert page._form.isRowVisible(page.country) and not page.country.isEnabled()
    assert page.country.currentText() == "Russian Federation (RUS)"
    assert page.id_number.text() == "75****456"
    # A 2017 foreigner's card goes with the resident ID card: checked at 15 characters.
    _start(context, "android-poco-f6-unlocked")
    page.id_number.setText("USA 1234 5678 901")
    assert page.id_check.text() == ""
    page.id_number.setText("USA 1234 5678 9012")
    assert page.id_check.text() == "✓" and not page._form.isRowVisible(page.country)
    page.id_number.setText("XYZ123456789012")
    assert "XYZ is none" in page.id_check.text()


def test_history_searches_and_opens(qtbot: QtBot, context: StationContext) -> None:
    page = HistoryPage(context)
    qtbot.addWidget(page)
    record = _start(context, "android-oneplus-nord-n10")
    page.search.setText("866190040514210")
    page.refresh()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    assert page.table.item(0, 1).text() == "OnePlus Nord N10 5G"
    page.table.selectRow(0)
    with qtbot.waitSignal(page.open_requested) as signal:
        page.table.itemActivated.emit(page.table.item(0, 0))
    assert signal.args == [record.id]
    page.search.setText("")
    page.grade.setCurrentIndex(page.grade.findData("A"))  # nothing graded yet
    qtbot.waitUntil(lambda: page.table.rowCount() == 0)
    page.grade.setCurrentIndex(0)
    page.period.setCurrentIndex(page.period.findData(0))  # today
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    # A phone refused for a lock is said to be refused, with no price of ¥0.
    locked = _start(context, "ios-iphone6plus-locked")
    price_inspection(context.store, locked.id, context.pricing)
    page.refresh()
    qtbot.waitUntil(lambda: page.table.rowCount() == 2)
    assert page.table.item(0, 1).text() == "iPhone 6 Plus"
    assert (page.table.item(0, 2).text(), page.table.item(0, 4).text()) == ("refused", "")


def test_settings_save_and_import(qtbot: QtBot, context: StationContext, tmp_path: Path) -> None:
    page = SettingsPage(context)
    qtbot.addWidget(page)
    # The saved resolution is shown, and saving other settings keeps it.
    assert page.resolution.currentData() == (1920, 1080)
    page.station_name.setText("华强北 3号柜台")
    page.language.setCurrentIndex(page.language.findData("en"))
    with qtbot.waitSignal(page.saved):
        page._on_save_clicked()
    saved = context.data_dir.settings.read_text(encoding="utf-8")
    assert "华强北 3号柜台" in saved and '"language": "en"' in saved
    assert (context.settings.camera.width, context.settings.camera.height) == (1920, 1080)
    # A size set in settings.json that the list lacks is offered and kept as well.
    camera = context.settings.camera.model_copy(update={"width": 2592, "height": 1944})
    context.settings = context.settings.model_copy(update={"camera": camera})
    odd = SettingsPage(context)
    qtbot.addWidget(odd)
    assert odd.resolution.currentData() == (2592, 1944)
    assert odd.edited().camera.width == 2592
    # Exposure: automatic unless a fixed value is set, and back.
    assert odd.exposure.text() == "Auto" and odd.edited().camera.exposure is None
    odd.exposure.setValue(150)
    assert odd.edited().camera.exposure == 150
    odd.exposure.setValue(-100)  # below the range: the lowest step, "Auto"
    assert odd.exposure.text() == "Auto" and odd.edited().camera.exposure is None
    bad = tmp_path / "bad.csv"
    bad.write_text("品牌,型号,容量,99新\n苹果,iPhone 15,12x,1\n", encoding="utf-8")
    page.import_sheet(bad)
    qtbot.waitUntil(lambda: "nothing was imported" in page.message.text(), timeout=20000)
    # The problems are listed in a box of their own, which scrolls however many there are.
    assert page.message.text() == (
        "bad.csv: nothing was imported (problems: 1). Mend the sheet and import it again."
    )
    assert not page.sheet_problems.isHidden()
    assert page.sheet_problems.toPlainText() == (
        "line 2: storage '12x' is not a capacity like 128G or 1T"
    )
    good = tmp_path / "good.csv"
    good.write_text("品牌,型号,容量,99新\n苹果,iPhone 15,128G,2600\n", encoding="utf-8")
    with qtbot.waitSignal(page.sheet_imported, timeout=20000):
        page.import_sheet(good)
    assert page.message.text() == "Imported as version 1 (1 rows): it prices phones from now on."
    # Whether a sheet prices phones now: one dated ahead waits, an older one does not.
    for effective, said in (
        ("2099-01-01", "Imported as version 2 (1 rows): it prices phones from 2099-01-01."),
        (
            "2020-01-01",
            f"Imported as version 3 (1 rows); version 1, dated later ({date.today()}), "
            "stays in force.",
        ),
    ):
        dated = tmp_path / f"{effective}.csv"
        dated.write_text(f"生效日期,{effective}\n{good.read_text(encoding='utf-8')}", "utf-8")
        with qtbot.waitSignal(page.sheet_imported, timeout=20000):
            page.import_sheet(dated)
        assert page.message.text() == said
    assert page.sheet_problems.isHidden() and not page.sheet_problems.toPlainText()
    # A file the OS will not give: its reason, the file named; nothing listed.
    page.import_sheet(tmp_path / "gone.csv")
    qtbot.waitUntil(lambda: "no such file" in page.message.text(), timeout=20000)
    assert page.message.text() == f"no such file or folder: {tmp_path / 'gone.csv'}"
    assert page.sheet_problems.isHidden()
    (tmp_path / "empty.csv").touch()
    page.import_sheet(tmp_path / "empty.csv")
    qtbot.waitUntil(lambda: "not imported" in page.message.text(), timeout=20000)
    assert page.message.text() == "empty.csv was not imported: the file is empty"
    assert page.sheet_problems.isHidden()


def test_saved_camera_settings_reopen_the_camera(qtbot: QtBot, context: StationContext) -> None:
    captures = {0: [FakeCapture(50)], 1: [FakeCapture(0, opened=False)]}
    opened: list[int] = []

    def opener(index: int) -> FakeCapture:
        opened.append(index)
        return captures[index].pop(0)

    page = SettingsPage(context, CameraSource(0, opener=opener))
    qtbot.addWidget(page)
    page.camera_index.setValue(1)  # not plugged in yet
    page._on_save_clicked()
    qtbot.waitUntil(lambda: "no camera" in page.message.text())
    # The camera's own words say what to check, once.
    assert page.message.text() == (
        "Saved, but no camera at index 1 (is it plugged in, and not in use elsewhere?)"
    )
    assert context.settings.camera.index == 1  # kept: the clerk plugs it in next
    captures[1].append(FakeCapture(5))
    page.exposure.setValue(150)
    page._on_save_clicked()
    qtbot.waitUntil(lambda: page.message.text() == "Saved. Camera 1 gives 1280×720.")
    assert opened == [0, 1, 1]
    page.clerk.setText("小王")  # no camera change: the camera is left alone
    page._on_save_clicked()
    assert page.message.text() == "Saved." and opened == [0, 1, 1]
    demo = SettingsPage(context)  # --demo: no camera is used
    qtbot.addWidget(demo)
    demo.camera_index.setValue(0)
    demo._on_save_clicked()
    assert demo.message.text() == "Saved. The demo (--demo) does not use the camera."
    # Demo mode for want of a camera: the window is asked to look for the new one
    # (tests/e2e/test_station_command.py follows it to the restart).
    context.no_camera = True
    demo.camera_index.setValue(2)
    with qtbot.waitSignal(demo.camera_search_requested):
        demo._on_save_clicked()
    assert demo.message.text() == "Saved. Looking for camera 2…"


def test_settings_names_the_camera_at_the_chosen_index(
    qtbot: QtBot, context: StationContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ui.settings_page

    listed: dict[int, str] | None = {0: "Integrated Camera", 2: "HD USB Camera"}
    monkeypatch.setattr(ui.settings_page, "camera_names", lambda: listed)
    page = SettingsPage(context)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    assert page.camera_name.text() == "Integrated Camera"
    page.camera_index.setValue(2)
    assert page.camera_name.text() == "HD USB Camera"
    page.camera_index.setValue(1)
    assert page.camera_name.text() == (
        "No camera at 1. Cameras: 0 (Integrated Camera), 2 (HD USB Camera)"
    )
    # The list is read again when the page is shown: a camera unplugged meanwhile.
    listed = {}
    page.hide()
    page.show()
    assert page.camera_name.text() == "No camera is plugged in."
    listed = None  # a system that does not list its cameras: nothing is guessed
    page.camera_index.setValue(0)
    assert page.camera_name.text() == ""


def test_settings_saves_the_marker_sheet_to_print(
    qtbot: QtBot, context: StationContext, tmp_path: Path
) -> None:
    import cv2
    import numpy as np

    from vision.marker import px_per_mm_from_marker

    page = SettingsPage(context)
    qtbot.addWidget(page)
    page.save_marker(tmp_path / "marker")  # the dialog's name without an ending
    sheet = cv2.imdecode(np.fromfile(tmp_path / "marker.png", np.uint8), cv2.IMREAD_COLOR)
    assert px_per_mm_from_marker(sheet) is not None
    assert "print it at 100 %" in page.message.text() and "30 mm" in page.message.text()
    page.save_marker(tmp_path / "gone" / "marker.png")
    assert page.message.text().startswith(
        f"{tmp_path / 'gone' / 'marker.png'} could not be written"
    )
