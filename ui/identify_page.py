"""IdentifyPage: the phone's report in plain words. Locks, management, root or
jailbreak and replaced parts come first as warnings; what could not be read is listed
with the reason."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.price_sheet import REGIONS, region_code
from app.records import Inspection
from devices.report import DeviceReport, LockState, PartStatus, Platform
from ui.context import StationContext
from ui.problem_text import explain, filled, lock_state_text, part_text


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

    def _on_inspection_changed(self, inspection: Inspection | None) -> None:
        while self.fields.rowCount():
            self.fields.removeRow(0)
        self.problems.clear()
        report = inspection.device if inspection else None
        if report is None:
            self.warnings.setText("")
            return
        warnings = self.warning_lines(report)
        self.warnings.setText("\n".join(f"⚠ {w}" for w in warnings))
        self.warnings.setVisible(bool(warnings))
        self.next_button.setEnabled(not report.locks.blocking())
        for label, value in self._rows(report):
            self.fields.addRow(label, QLabel(value))
        self.problems.addItems(
            [explain(p) for p in report.problems] or [self.tr("nothing: every item was read")]
        )

    def warning_lines(self, report: DeviceReport) -> list[str]:
        """The prominent warnings, worst first."""
        lines = []
        locks = report.locks
        if locks.activation_lock is LockState.ON:
            lines.append(self.tr("Activation lock / account lock is ON: do not buy"))
        if locks.frp is LockState.ON:
            lines.append(self.tr("Google account (FRP) is signed in: have it removed first"))
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

    def _rows(self, report: DeviceReport) -> list[tuple[str, str]]:
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
            (self.tr("IMEI"), ", ".join(report.imeis) or "?"),
            (
                self.tr("Battery health"),
                filled(self.tr("%1, %2 cycles"), health, cycles),
            ),
            (self.tr("Locks"), self._locks(report)),
        ]

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
        name = REGIONS.get(region_code(report.region) or "")
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
