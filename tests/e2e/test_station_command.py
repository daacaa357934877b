"""The station end to end: the README's first command opens the window, and the demo
drives from plug-in to a sealed record that History then finds, with its stored grade
and quote lines."""

from __future__ import annotations

from concurrent.futures import wait

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.cli import main
from app.paths import DataDir
from app.records import InspectionState
from devices.replay import recorded_phones
from tests.devices.fake_lockdownd import FakeLockdownd
from tests.devices.fake_usbmuxd import FakeUsbmuxd
from ui.station import build_window
from ui.station_window import StationWindow

SELLER = ("王小明", "11010519491231002X", "13800138000")


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
        with qtbot.waitSignal(window.photograph.captured, timeout=20000):
            window.photograph.capture_button.click()
        window.photograph.next_button.click()
        assert window.review.findings.count() == 2  # the demo's two scratches
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
        watcher.stop()
        context.runner.shutdown()
        context.store.close()


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
        assert table.item(0, 1).text() == "usb"
        assert "Connect" in usbmuxd.requests
        usbmuxd.unplug(device_id)
        wait(watcher.poll_once())
        qtbot.waitUntil(lambda: table.item(0, 2).text() == "unplugged")
    finally:
        watcher.stop()
        context.runner.shutdown()
        context.store.close()
        usbmuxd.close()
        phone.close()
