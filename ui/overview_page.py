"""OverviewPage: every connected phone with its live state, the camera, the price sheet
in force and the sync state; Enter on a phone starts its inspection."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from devices.errors import PhoneState
from devices.report import DeviceReport
from devices.watcher import PhoneEvent, PhoneRef
from ui.context import StationContext
from ui.problem_text import filled

STATE_COLOURS = {
    PhoneState.LOCKED: "#c62828",
    PhoneState.READY: "#2e7d32",
    PhoneState.NEEDS_TRUST: "#ef6c00",
    PhoneState.NEEDS_USB_DEBUGGING: "#ef6c00",
    PhoneState.FAILED: "#c62828",
}


class OverviewPage(QWidget):
    """The station at a glance."""

    inspect_requested = Signal(object)  # DeviceReport
    #: The clerk plugged the camera in after the start (demo mode for want of one).
    camera_search_requested = Signal()

    def __init__(self, context: StationContext) -> None:
        super().__init__()
        self._context = context
        self._rows: dict[PhoneRef, int] = {}
        self._reports: dict[PhoneRef, DeviceReport] = {}
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.phones = QTableWidget(0, 4)
        self.phones.setHorizontalHeaderLabels(
            [self.tr("Phone"), self.tr("Connection"), self.tr("State"), self.tr("Serial")]
        )
        self.phones.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.phones.verticalHeader().setVisible(False)
        self.phones.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.phones.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.phones.itemActivated.connect(self._on_phones_activated)
        self.inspect_button = QPushButton(self.tr("&Inspect the selected phone"))
        self.inspect_button.clicked.connect(self._on_inspect_clicked)
        # Only in demo mode for want of a camera: the way out without a restart.
        self.camera_button = QPushButton(self.tr("&Look for the camera again"))
        self.camera_button.clicked.connect(self.camera_search_requested)
        self.camera_note = QLabel()
        self.camera_note.setWordWrap(True)
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Connected phones"))
        heading.setObjectName("heading")
        layout.addWidget(heading)
        layout.addWidget(self.status_label)
        if context.no_camera:
            camera_row = QHBoxLayout()
            camera_row.addWidget(self.camera_button)
            camera_row.addWidget(self.camera_note, 1)
            layout.addLayout(camera_row)
        layout.addWidget(self.phones)
        layout.addWidget(self.inspect_button)
        self.refresh_status()

    def refresh_status(self) -> None:
        """The camera, price sheet and sync lines."""
        sheet = self._context.pricing.sheet
        sample = self.tr(" (bundled sample)") if self._context.pricing.sample else ""
        index = str(self._context.settings.camera.index)
        if self._context.no_camera:
            camera = self.tr("none at index %1 (demo photos until one is plugged in)")
        elif self._context.demo:
            camera = self.tr("demo photos")
        else:
            camera = self.tr("camera %1")
        camera = filled(camera, index)
        sync = (
            self.tr("on")
            if self._context.settings.sync.enabled
            else self.tr("off (not configured)")
        )
        self.status_label.setText(
            filled(
                self.tr("Camera: %1 · Price sheet: v%2 %3, effective %4%5 · Sync: %6"),
                camera,
                str(sheet.version),
                sheet.source,
                sheet.effective.isoformat(),
                sample,
                sync,
            )
        )

    def on_phone_event(self, event: PhoneEvent) -> None:
        """Show a watcher event (called on the GUI thread)."""
        row = self._rows.get(event.phone)
        if event.kind == "removed":
            if row is not None:
                self.phones.item(row, 2).setText(self.tr("unplugged"))
            connected = self._context.phones
            for serial in [s for s, ref in connected.items() if ref == event.phone]:
                del connected[serial]
            return
        if row is None:
            row = self.phones.rowCount()
            self.phones.insertRow(row)
            self._rows[event.phone] = row
            for column in range(4):
                self.phones.setItem(row, column, QTableWidgetItem(""))
            self.phones.item(row, 1).setText(self._transport_text(event.phone.transport))
            self.phones.item(row, 3).setText(event.phone.serial)
        if event.report is not None:
            self._reports[event.phone] = event.report
            self._context.phones[event.report.serial or event.phone.serial] = event.phone
            name = event.report.marketing_name or event.report.model_code or "?"
            self.phones.item(row, 0).setText(name)
        state_item = self.phones.item(row, 2)
        state_item.setText(self._state_text(event.state))
        colour = STATE_COLOURS.get(event.state)
        if colour:
            state_item.setForeground(Qt.GlobalColor.white)
            state_item.setBackground(QBrush(QColor(colour)))
        if self.phones.currentRow() < 0:
            self.phones.selectRow(row)

    def _transport_text(self, transport: str) -> str:
        texts = {
            "usb": self.tr("USB"),
            "tcp": self.tr("Wi-Fi"),
            "replay": self.tr("recorded"),
        }
        return texts.get(transport, transport)

    def _state_text(self, state: PhoneState) -> str:
        texts = {
            PhoneState.PROBING: self.tr("reading…"),
            PhoneState.NEEDS_USB_DEBUGGING: self.tr("tap “Allow USB debugging” on the phone"),
            PhoneState.NEEDS_TRUST: self.tr("tap “Trust” on the iPhone"),
            PhoneState.TRUST_DECLINED: self.tr("trust declined: replug"),
            PhoneState.PASSCODE_LOCKED: self.tr("unlock the iPhone"),
            PhoneState.NOT_PAIRED: self.tr("not paired"),
            PhoneState.READY: self.tr("ready"),
            PhoneState.LOCKED: self.tr("LOCKED"),
            PhoneState.GONE: self.tr("unplugged"),
            PhoneState.FAILED: self.tr("could not be read"),
        }
        return texts[state]

    def _selected_report(self) -> DeviceReport | None:
        row = self.phones.currentRow()
        phone = next((p for p, r in self._rows.items() if r == row), None)
        return self._reports.get(phone) if phone else None

    def _on_phones_activated(self) -> None:
        self._on_inspect_clicked()

    def _on_inspect_clicked(self) -> None:
        report = self._selected_report()
        if report is not None:
            self.inspect_requested.emit(report)
