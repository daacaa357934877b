"""IdentifyPage: the phone's report in plain words. Locks, management, root or
jailbreak and replaced parts come first as warnings; what could not be read is listed
with the reason."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import flow
from app.price_sheet import REGIONS, sale_region
from app.records import Inspection
from devices.report import DeviceReport, LockState, PartStatus, Platform
from ui.context import StationContext
from ui.problem_text import error_text, explain, filled, lock_state_text, part_text


class IdentifyPage(QWidget):
    """The device report of the inspection in hand."""

    next_requested = Signal()

    def __init__(self, context: StationContext) -> None:
        super().__init__()
        self._context = context
        self.warnings = QLabel()
        self.warnings.setObjectName("warnings")
        self.warnings.setWordWrap(True)
        self.fields = QFormLayout()
        self.problems = QListWidget()
        self.next_button = QPushButton(self.tr("&Photograph the phone"))
        self.next_button.clicked.connect(self.next_requested)
        self.imei_editor = self._imei_editor()
        self._shown: str | None = None  # the inspection the page shows
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Identify"))
        heading.setObjectName("heading")
        layout.addWidget(heading)
        layout.addWidget(self.warnings)
        layout.addLayout(self.fields)
        layout.addWidget(QLabel(self.tr("Could not be read:")))
        layout.addWidget(self.problems)
        layout.addWidget(self.next_button)
        context.inspection.changed.connect(self._on_inspection_changed)

    def _imei_editor(self) -> QWidget:
        """Where the clerk types the IMEI a phone did not give over USB: kept across
        rebuilds of the rows, so typing is not lost to a write elsewhere."""
        self.imei_box = QLineEdit()
        self.imei_box.setPlaceholderText(
            self.tr("Dial *#06# on the phone and type its IMEI (two for two SIM slots)")
        )
        self.imei_box.returnPressed.connect(self.record_imeis)
        self.imei_button = QPushButton(self.tr("Record &IMEI"))
        self.imei_button.clicked.connect(self.record_imeis)
        self.imei_message = QLabel()
        self.imei_message.setWordWrap(True)
        editor = QWidget()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.imei_box, 1)
        row.addWidget(self.imei_button)
        column = QVBoxLayout(editor)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addWidget(self.imei_message)
        editor.hide()
        return editor

    def _on_inspection_changed(self, inspection: Inspection | None) -> None:
        self._take_imei_editor()
        another = inspection is None or inspection.id != self._shown
        self._shown = inspection.id if inspection is not None else None
        while self.fields.rowCount():
            self.fields.removeRow(0)
        self.problems.clear()
        report = inspection.device if inspection else None
        if inspection is None or report is None:
            self.warnings.setText("")
            return
        warnings = self.warning_lines(report)
        self.warnings.setText("\n".join(f"⚠ {w}" for w in warnings))
        self.warnings.setVisible(bool(warnings))
        self.next_button.setEnabled(not report.locks.blocking())
        imei_label = self.tr("IMEI")
        for label, value in self._rows(report, inspection):
            if label == imei_label and not report.imeis and not inspection.state.is_final:
                if another:  # its own IMEIs, no word on the last phone's
                    self.imei_box.setText(" ".join(inspection.typed_imeis))
                    self._say("")
                self.fields.addRow(label, self.imei_editor)
                self.imei_editor.show()
            else:
                self.fields.addRow(label, QLabel(value))
        self.problems.addItems(
            [self._problem_text(p, inspection) for p in report.problems]
            or [self.tr("nothing: every item was read")]
        )

    def _problem_text(self, problem: str, inspection: Inspection) -> str:
        """What could not be read, and for the IMEI whether the clerk has typed it in
        since, so that it is not typed twice."""
        text = explain(problem)
        if problem.startswith("IMEI:") and inspection.typed_imeis:
            text = filled(self.tr("%1 (typed in: %2)"), text, ", ".join(inspection.typed_imeis))
        return text

    def _take_imei_editor(self) -> None:
        """Take the IMEI editor out of the rows (removing a row deletes its widgets)."""
        row, _role = self.fields.getWidgetPosition(self.imei_editor)
        if row < 0:
            return
        taken = self.fields.takeRow(row)
        label = taken.labelItem.widget() if taken.labelItem else None
        if label is not None:  # hidden now: it is deleted only once the loop runs
            label.hide()
            label.deleteLater()
        self.imei_editor.hide()

    def record_imeis(self) -> None:
        """Record what the clerk typed as the phone's IMEIs, off the GUI thread."""
        inspection = self._context.inspection.current
        if inspection is None:
            return
        store, clerk, text = self._context.store, self._context.clerk, self.imei_box.text()
        self._say(self.tr("Recording…"))
        self._context.runner.db(
            lambda: flow.type_imeis(store, inspection.id, clerk, text),
            self._on_imeis_recorded,
            lambda error: self._on_imeis_refused(error, inspection.id),
        )

    def _on_imeis_recorded(self, inspection: Inspection) -> None:
        if self._shown != inspection.id:
            return  # the clerk has moved on to another phone
        self.imei_box.setText(" ".join(inspection.typed_imeis))  # as recorded: 15 digits
        if inspection.typed_imeis:
            words = self.tr("Recorded: %1. History finds the phone by its IMEI.")
            self._say(filled(words, ", ".join(inspection.typed_imeis)))
        else:
            self._say(self.tr("No IMEI is recorded for this phone."))
        self._context.inspection.set(inspection)

    def _say(self, text: str) -> None:
        """A word under the IMEI box; no blank line under it when there is none."""
        self.imei_message.setText(text)
        self.imei_message.setVisible(bool(text))

    def _on_imeis_refused(self, error: BaseException, inspection_id: str) -> None:
        if self._shown != inspection_id:
            return  # the clerk has moved on to another phone
        self._say(error_text(error))
        self.imei_box.setFocus()

    def warning_lines(self, report: DeviceReport) -> list[str]:
        """The prominent warnings, worst first."""
        lines = []
        locks = report.locks
        # What the seller can do, and how the station reads the phone afresh after:
        # the phones are read as they are plugged in.
        if locks.activation_lock is LockState.ON and report.platform is Platform.IOS:
            lines.append(
                self.tr(
                    "Activation Lock (Find My) is ON: do not buy until the seller signs out "
                    "of iCloud on the phone; then unplug it and plug it in again"
                )
            )
        elif locks.activation_lock is LockState.ON:
            lines.append(
                self.tr(
                    "The maker's account lock is ON (Mi account, HUAWEI ID, …): do not buy "
                    "until the seller signs out on the phone; then unplug it and plug it in "
                    "again"
                )
            )
        if locks.frp is LockState.ON:
            lines.append(
                self.tr(
                    "A Google account (FRP) is signed in: the seller must remove it; then "
                    "unplug the phone and plug it in again"
                )
            )
        if locks.mdm is LockState.ON:
            lines.append(self.tr("Managed by an organisation (MDM, 监控机): do not buy"))
        if report.integrity.rooted:
            lines.append(self.tr("Rooted or jailbroken"))
        if report.integrity.bootloader_unlocked:
            lines.append(self.tr("Bootloader unlocked"))
        replaced = [part_text(p.name) for p in report.parts if p.status is PartStatus.REPLACED]
        if replaced:
            lines.append(filled(self.tr("Replaced parts: %1"), ", ".join(replaced)))
        return lines

    def _rows(self, report: DeviceReport, inspection: Inspection) -> list[tuple[str, str]]:
        battery = report.battery
        health = (
            "?"
            if battery.health_percent is None
            else filled(self.tr("%1 %"), f"{battery.health_percent:g}")  # 81%: no space
        )
        cycles = "?" if battery.cycle_count is None else str(battery.cycle_count)
        return [
            (self.tr("Phone"), report.full_name()),
            (self.tr("Model code"), report.model_code or "?"),
            (self.tr("Storage"), f"{report.storage_gb} GB" if report.storage_gb else "?"),
            (self.tr("Colour / region"), self._colour_and_region(report)),
            (self.tr("System"), f"{report.os_version or '?'} ({report.os_build or '?'})"),
            (self.tr("Serial"), report.serial or "?"),
            (self.tr("IMEI"), self._imei_text(report, inspection)),
            (
                self.tr("Battery health"),
                filled(self.tr("%1, %2 cycles"), health, cycles),
            ),
            (self.tr("Locks"), self._locks(report)),
        ]

    def _imei_text(self, report: DeviceReport, inspection: Inspection) -> str:
        """The IMEIs the phone gave, or those the clerk typed, marked so."""
        if report.imeis:
            return ", ".join(report.imeis)
        if inspection.typed_imeis:
            return filled(self.tr("%1 (typed by the clerk)"), ", ".join(inspection.typed_imeis))
        return "?"

    def _locks(self, report: DeviceReport) -> str:
        """The locks that exist on the phone's platform: an iPhone has no FRP, and an
        Android phone's "activation" lock is its maker's account (Mi, HUAWEI ID, …)."""
        locks = report.locks
        if report.platform is Platform.IOS:
            shown = [(self.tr("activation"), locks.activation_lock)]
        else:
            shown = [(self.tr("maker account"), locks.activation_lock), ("FRP", locks.frp)]
        shown += [("MDM", locks.mdm), (self.tr("carrier"), locks.carrier)]
        each = self.tr("%1: %2")  # "激活锁：关闭" in Chinese
        return " · ".join(filled(each, name, lock_state_text(state)) for name, state in shown)

    def _colour_and_region(self, report: DeviceReport) -> str:
        """The colour and the version of sale: the phone's own code with its trade name
        (CH/A: 国行), as the price sheet names it."""
        region = report.region or "?"
        name = REGIONS.get(sale_region(report.region) or "")
        if name and name != region:
            region = filled(self.tr("%1 (%2)"), region, name)
        return f"{colour_text(report.color) if report.color else '?'} / {region}"


def colour_text(colour: str) -> str:
    """An iPhone's colour as the catalogue names it (Apple's English name) in the
    clerk's language, as Apple names it there (Rose Gold: 玫瑰金色); a colour not
    known here is shown as it is."""
    texts = {  # literal calls, so that lupdate finds them
        "Alpine Green": QCoreApplication.translate("Colours", "Alpine Green"),
        "Black": QCoreApplication.translate("Colours", "Black"),
        "Blue": QCoreApplication.translate("Colours", "Blue"),
        "Coral": QCoreApplication.translate("Colours", "Coral"),
        "Deep Purple": QCoreApplication.translate("Colours", "Deep Purple"),
        "Gold": QCoreApplication.translate("Colours", "Gold"),
        "Graphite": QCoreApplication.translate("Colours", "Graphite"),
        "Green": QCoreApplication.translate("Colours", "Green"),
        "Jet Black": QCoreApplication.translate("Colours", "Jet Black"),
        "Midnight": QCoreApplication.translate("Colours", "Midnight"),
        "Midnight Green": QCoreApplication.translate("Colours", "Midnight Green"),
        "Pacific Blue": QCoreApplication.translate("Colours", "Pacific Blue"),
        "Pink": QCoreApplication.translate("Colours", "Pink"),
        "Purple": QCoreApplication.translate("Colours", "Purple"),
        "Red": QCoreApplication.translate("Colours", "Red"),
        "Rose Gold": QCoreApplication.translate("Colours", "Rose Gold"),
        "Sierra Blue": QCoreApplication.translate("Colours", "Sierra Blue"),
        "Silver": QCoreApplication.translate("Colours", "Silver"),
        "Space Black": QCoreApplication.translate("Colours", "Space Black"),
        "Space Gray": QCoreApplication.translate("Colours", "Space Gray"),
        "Starlight": QCoreApplication.translate("Colours", "Starlight"),
        "White": QCoreApplication.translate("Colours", "White"),
        "Yellow": QCoreApplication.translate("Colours", "Yellow"),
    }
    return texts.get(colour, colour)
