"""The station end to end: the README's first command opens the window, and the demo
drives from plug-in to a sealed record that History then finds, with its stored grade
and quote lines."""

from __future__ import annotations

import copy
from concurrent.futures import wait
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app import flow
from app.cli import main
from app.paths import DataDir
from app.records import InspectionState, PhotoStep
from devices.replay import recorded_phones
from devices.watcher import Watcher
from tests.devices.fake_lockdownd import FakeLockdownd
from tests.devices.fake_usbmuxd import FakeUsbmuxd
from ui.context import StationContext
from ui.station import build_window
from ui.station_window import StationWindow

SELLER = ("王小明", "11010519491231002X", "13800138000")


def _shut(watcher: Watcher, context: StationContext, *fakes: Any) -> None:
    """Stop a window's watcher, tasks and store, then the fake phones it read."""
    watcher.stop()
    context.runner.shutdown()
    context.store.close()
    for fake in fakes:
        fake.close()


def test_station_command_opens_the_window(qtbot: QtBot, data_dir: DataDir) -> None:
    seen: list[str] = []

    def inspect_and_close() -> None:
        for window in QApplication.topLevelWidgets():
            if isinstance(window, StationWindow):
                seen.append(window.windowTitle())
                window.close()

    QTimer.singleShot(200, inspect_and_close)
    assert main(["station", "--demo"]) == 0
    assert seen == ["Yanji inspection station"]


def test_a_station_that_cannot_start_says_why_in_a_window(
    qtbot: QtBot,
    data_dir: DataDir,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Started from a menu, the clerk sees no terminal: the reason is shown in a window
    as well as printed, for a database it cannot open and for broken settings."""
    import sqlite3

    from PySide6.QtWidgets import QMessageBox

    from app.db import open_engine

    def windows() -> set[int]:
        return {id(w) for w in QApplication.topLevelWidgets() if isinstance(w, StationWindow)}

    before = windows()
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: said.append(text))
    open_engine(data_dir.database).dispose()
    with sqlite3.connect(data_dir.database) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff'")
    conn.close()
    assert main(["station", "--demo"]) == 1
    assert len(said) == 1 and said[0].startswith("The station cannot start: database ")
    assert "newer version of Yanji" in said[0]
    assert said[0].endswith(f"\n\nIts data: {data_dir.root}")
    assert "newer version of Yanji" in capsys.readouterr().err
    assert windows() == before  # no window was opened

    # Settings a newer Yanji wrote: defaults would lose them, so nothing is offered.
    data_dir.settings.write_text('{"schema_version": 99}', encoding="utf-8")
    assert main(["station", "--demo"]) == 1
    assert len(said) == 2 and said[1].startswith(f"The station cannot start: {data_dir.settings}")
    assert "written by a newer Yanji (settings version 99); update Yanji" in said[1]
    # Settings that are not JSON: the clerk is asked, and quits; the file stays as it was.
    asked: list[str] = []

    def quit_(box: QMessageBox) -> int:
        asked.append(box.text())
        [button] = [b for b in box.buttons() if b.text() == "Quit"]
        button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", quit_)
    data_dir.settings.write_text("{ not json", encoding="utf-8")
    assert main(["station", "--demo"]) == 1
    assert len(said) == 2 and len(asked) == 1
    assert asked[0].startswith(f"The station's settings file cannot be read ({data_dir.settings})")
    assert "• not JSON: line 1 column 3" in asked[0]
    assert "yanji settings repair" in capsys.readouterr().err
    assert data_dir.settings.read_text(encoding="utf-8") == "{ not json"
    assert windows() == before


class FakeCamera:
    """Stands in for `vision.camera.CameraSource`: what the station calls on one."""

    def __init__(self) -> None:
        self.closed = False

    def read(self) -> object:
        from vision.synthetic import render_scene

        return render_scene((), size_mm=(71.0, 146.0)).image

    def reopen(self, index: int, width: int, height: int, exposure: object) -> tuple[int, int]:
        return width, height

    def close(self) -> None:
        self.closed = True


def test_station_starts_afresh_on_a_camera_plugged_in_after_start(
    qtbot: QtBot, data_dir: DataDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No camera at start: demo mode, with a button to look again. The first look finds
    none and says so; the clerk plugs the camera in, looks again, and the station
    starts afresh on it, watching the phones on USB instead of the recorded ones."""
    import ui.station

    camera = FakeCamera()
    answers: list[FakeCamera | None] = [None, None, camera]  # start, first look, second
    monkeypatch.setattr(ui.station, "open_camera", lambda _settings: answers.pop(0))
    monkeypatch.setenv("USBMUXD_SOCKET_ADDRESS", "127.0.0.1:9")  # no usbmuxd: no iPhones
    seen: list[tuple[str, str]] = []

    def windows() -> list[StationWindow]:
        found = [w for w in QApplication.topLevelWidgets() if isinstance(w, StationWindow)]
        return [w for w in found if w.isVisible()]

    def step() -> None:
        shown = windows()
        if not shown:
            return
        window = shown[0]
        button, note = window.overview.camera_button, window.overview.camera_note
        if button.isVisible() and button.isEnabled():
            if len(answers) == 2:
                button.click()  # finds none
            elif len(answers) == 1 and "No camera at index 0" in note.text():
                seen.append(("demo", note.text()))
                window.nav.setCurrentRow(6)  # History: not where live work starts
                button.click()  # finds the camera: the station starts afresh
        elif not button.isVisible() and not answers:
            seen.append(("live", window.overview.status_label.text()))
            seen.append(("page", str(window.nav.currentRow())))
            window.close()
            return
        QTimer.singleShot(50, step)

    QTimer.singleShot(100, step)
    assert main(["station"]) == 0
    assert [kind for kind, _ in seen] == ["demo", "live", "page"]
    assert seen[2][1] == "0"  # live work starts from the Phones page, not History
    assert "plug it in" in seen[0][1]
    assert seen[1][1].startswith("Camera: camera 0")
    assert camera.closed  # closed with the window that used it


def _take_the_captures(qtbot: QtBot, window: StationWindow, context: StationContext) -> None:
    """The standard's captures, with the demo camera: screen off, test pattern, back,
    and each of the four sides, which the page counts as they are taken."""
    for _ in range(7):
        with qtbot.waitSignal(window.photograph.captured, timeout=20000):
            window.photograph.capture_button.click()
        if len(flow.captured(context.inspection.current)) == 5:
            assert window.photograph.steps.item(3).text() == "4. Sides (2 of 4 taken)"
            assert window.photograph.side_help.text().startswith("Next: the top end.")
    steps = window.photograph.steps
    assert [steps.item(i).text()[-1] for i in range(4)] == ["✓"] * 4
    shots = flow.captured(context.inspection.current)
    assert [p.note for p in shots][3:] == ["side:left", "side:right", "side:top", "side:bottom"]


def _take_the_first_photo_again(qtbot: QtBot, window: StationWindow) -> None:
    """From Review, take the screen-off photo again: the new one takes its place."""
    first = window.review.current_photo()
    assert first is not None and first.step is PhotoStep.SCREEN_OFF
    window.review.retake_button.click()
    assert window.pages.currentWidget() is window.photograph
    assert window.photograph.retaking() is first
    with qtbot.waitSignal(window.photograph.captured, timeout=20000):
        window.photograph.capture_button.click()
    assert window.photograph.retaking() is None
    window.photograph.next_button.click()
    assert window.review.photo_choice.itemText(0).endswith(" — replaced")
    assert window.review.photo_choice.currentIndex() == 1  # the first photo that counts
    assert window.review.findings.count() == 2


def test_demo_from_plug_in_to_sealed_record_found_in_history(
    qtbot: QtBot, data_dir: DataDir
) -> None:
    window, context, watcher = build_window(data_dir, demo=True)
    qtbot.addWidget(window)
    window.show()
    try:
        wait(watcher.poll_once())
        phones = window.overview.phones

        def iphone_row() -> int | None:
            names = [phones.item(r, 0).text() for r in range(phones.rowCount())]
            return names.index("iPhone 7") if "iPhone 7" in names else None

        qtbot.waitUntil(lambda: iphone_row() is not None, timeout=20000)
        row = iphone_row()
        assert row is not None and phones.item(row, 2).text() == "ready"
        qtbot.waitUntil(lambda: phones.rowCount() == 6)
        phones.selectRow(row)
        with qtbot.waitSignal(context.inspection.changed):
            window.overview.inspect_button.click()
        assert window.pages.currentWidget() is window.identify
        assert not window.identify.warnings.isVisible()  # a clean phone: no warnings
        assert window.identify.next_button.isEnabled()
        window.identify.next_button.click()
        _take_the_captures(qtbot, window, context)
        window.photograph.next_button.click()
        assert window.review.findings.count() == 2  # the demo's two scratches
        _take_the_first_photo_again(qtbot, window)
        with qtbot.waitSignal(context.inspection.changed, timeout=20000):
            window.review.next_button.click()
        qtbot.waitUntil(lambda: context.inspection.current.quote is not None, timeout=20000)
        assert "9成新" in window.quote.grade.text()

        window.quote.next_button.click()
        window.seal.name.setText(SELLER[0])
        window.seal.id_number.setText(SELLER[1])
        window.seal.phone.setText(SELLER[2])
        window.seal.agreed.setChecked(True)
        with qtbot.waitSignal(window.seal.sealed, timeout=20000):
            window.seal.seal_button.click()
        sealed = context.inspection.current
        assert sealed.state is InspectionState.SEALED
        window.history.search.setText("355341083159771")
        window.history.refresh()
        qtbot.waitUntil(lambda: window.history.table.rowCount() == 1)
        assert window.history.table.item(0, 2).text() == "sealed"
        assert window.history.table.item(0, 3).text() == "9成新"
        stored = context.store.get(sealed.id)
        assert stored.grade == sealed.grade and stored.quote == sealed.quote
        assert stored.quote.lines[0].rule_id == "base"
        assert stored.seller is not None and stored.seller.id_number == SELLER[1]
    finally:
        _shut(watcher, context)


def test_live_station_lists_an_iphone_on_usb(
    qtbot: QtBot, data_dir: DataDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not the demo: the station watches usbmuxd (a fake one, driven by pymobiledevice3)
    and reads the iPhone plugged in, through the same pairing and probe as a real one."""
    recording = recorded_phones()["ios-iphone7-cn"]
    phone, usbmuxd = FakeLockdownd(recording), FakeUsbmuxd()
    monkeypatch.setenv("USBMUXD_SOCKET_ADDRESS", usbmuxd.address)
    device_id = usbmuxd.plug(recording.data["lockdown"]["UniqueDeviceID"], phone)
    window, context, watcher = build_window(data_dir, demo=False, frame_source=lambda *_: None)
    qtbot.addWidget(window)
    table = window.overview.phones
    try:
        wait(watcher.poll_once())
        qtbot.waitUntil(lambda: table.rowCount() == 1 and table.item(0, 2).text() == "ready")
        assert table.item(0, 0).text() == "iPhone 7"
        assert table.item(0, 1).text() == "USB"
        assert "Connect" in usbmuxd.requests
        usbmuxd.unplug(device_id)
        wait(watcher.poll_once())
        qtbot.waitUntil(lambda: table.item(0, 2).text() == "unplugged")
    finally:
        _shut(watcher, context, usbmuxd, phone)


def test_saving_camera_settings_without_a_camera_looks_for_it(
    qtbot: QtBot, data_dir: DataDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ui.station

    asked: list[int] = []

    def nothing_there(settings: object) -> None:
        asked.append(settings.camera.index)  # type: ignore[attr-defined]

    monkeypatch.setattr(ui.station, "open_camera", nothing_there)
    window, context, watcher = build_window(data_dir, demo=True, no_camera=True)
    qtbot.addWidget(window)
    try:
        window.settings.camera_index.setValue(3)
        window.settings._on_save_clicked()
        qtbot.waitUntil(lambda: "No camera at index 3" in window.settings.message.text())
        assert window.settings.message.text().startswith("Saved. No camera at index 3: plug")
        assert asked == [3] and window.found_camera is None
        assert window.overview.camera_button.isEnabled()  # the clerk may look again
    finally:
        _shut(watcher, context)


def test_a_new_language_rebuilds_the_window_where_the_clerk_was(
    qtbot: QtBot, data_dir: DataDir
) -> None:
    """Saved in Settings, Chinese takes effect at once: the window is built afresh in
    it, with the inspection in hand and the page kept."""
    from app import flow
    from app.demo import probe_recording
    from app.store import Store

    store = Store.open(data_dir)
    try:
        report = probe_recording(recorded_phones()["ios-iphone7-cn"])
        record = flow.start(store, "st", "clerk", report)
    finally:
        store.close()
    seen: list[tuple[str, str | None, int]] = []

    def step() -> None:
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, StationWindow)]
        shown = [w for w in shown if w.isVisible()]
        if shown:
            window = shown[0]
            inspection_id, page = window.resume_point()
            if not seen and inspection_id is None:
                window.history.open_requested.emit(record.id)  # the clerk opens it
            elif not seen and page == 4:  # Grade & quote, with it in hand
                seen.append((window.windowTitle(), inspection_id, page))
                language = window.settings.language
                language.setCurrentIndex(language.findData("zh_CN"))
                window.settings._on_save_clicked()
            elif seen and window.windowTitle() != seen[0][0]:
                seen.append((window.windowTitle(), inspection_id, page))
                window.close()
                return
        QTimer.singleShot(50, step)

    QTimer.singleShot(100, step)
    assert main(["station", "--demo"]) == 0
    assert seen == [("Yanji inspection station", record.id, 4), ("验机台", record.id, 4)]


def test_without_a_camera_real_phones_are_read_beside_the_demo_ones_and_photographed_from_files(
    qtbot: QtBot, data_dir: DataDir, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """No camera at start: the recorded phones come with generated photos, as before,
    and an iPhone really plugged in (a fake usbmuxd and lockdownd, driven by
    pymobiledevice3) is read too. Its photos cannot be generated: Capture is off and
    the clerk is told to use a photo file, which is stored and analysed."""
    import cv2

    from devices.replay import Recording
    from ui.station import demo_frame

    base = recorded_phones()["ios-iphone7-cn"]
    data = copy.deepcopy(base.data)
    data["lockdown"]["SerialNumber"] = "F17REALPHONE"  # another iPhone 7, not the recording
    data["lockdown"]["UniqueDeviceID"] = "00008020-00REALPHONE0001E"
    real = Recording("real", "ios", base.title, base.source, data)
    phone, usbmuxd = FakeLockdownd(real), FakeUsbmuxd()
    monkeypatch.setenv("USBMUXD_SOCKET_ADDRESS", usbmuxd.address)
    usbmuxd.plug(data["lockdown"]["UniqueDeviceID"], phone)
    window, context, watcher = build_window(data_dir, demo=True, no_camera=True)
    qtbot.addWidget(window)
    window.show()
    table = window.overview.phones

    def usb_row() -> int | None:
        links = [table.item(r, 1).text() for r in range(table.rowCount())]
        return links.index("USB") if "USB" in links else None

    try:
        wait(watcher.poll_once())
        qtbot.waitUntil(lambda: table.rowCount() == 7, timeout=20000)
        qtbot.waitUntil(lambda: table.item(usb_row() or 0, 2).text() == "ready", timeout=20000)
        row = usb_row()
        assert row is not None and table.item(row, 0).text() == "iPhone 7"
        assert sum(table.item(r, 1).text() == "recorded" for r in range(7)) == 6
        table.selectRow(row)
        with qtbot.waitSignal(context.inspection.changed):
            window.overview.inspect_button.click()
        record = context.inspection.current
        assert record is not None and record.device.serial == "F17REALPHONE"
        window.identify.next_button.click()
        page = window.photograph
        assert window.pages.currentWidget() is page
        assert not page.capture_button.isEnabled() and page.file_button.isEnabled()
        assert page.hints.text().startswith("No camera: the demo photos are for the recorded")
        assert page.view.pixmap().isNull()  # no generated frame of a real phone
        photo = tmp_path / "IMG_0101.jpg"
        assert cv2.imwrite(str(photo), demo_frame(record, PhotoStep.SCREEN_OFF))
        with qtbot.waitSignal(page.captured, timeout=20000) as signal:
            page.use_photo_file(photo)
        assert [p.step for p in signal.args[0].photos][:1] == [PhotoStep.SCREEN_OFF]
        assert not page.capture_button.isEnabled()  # the next step: still no camera
        qtbot.waitUntil(lambda: not page.view.loading, timeout=20000)  # read off-thread
        assert page.view.pixmap().width() > 0  # the photo just used is shown
    finally:
        _shut(watcher, context, usbmuxd, phone)
