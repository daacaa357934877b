"""SealPage: the seller's details as second-hand trade rules require (name, ID number,
phone), the seller's agreement, and the seal; afterwards the record is read-only."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import flow
from app.errors import YanjiError
from app.records import Inspection, InspectionState, Seller
from ui.context import StationContext
from ui.problem_text import error_text


class SealPage(QWidget):
    """Seller details and the seal."""

    sealed = Signal(object)

    def __init__(self, context: StationContext) -> None:
        super().__init__()
        self._context = context
        self.name = QLineEdit()
        self.id_number = QLineEdit()
        self.id_number.setMaxLength(18)
        self.phone = QLineEdit()
        self.agreed = QCheckBox(self.tr("The seller has seen the itemised quote and agrees"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.seal_button = QPushButton(self.tr("&Seal the record"))
        self.seal_button.clicked.connect(self._on_seal_clicked)
        self._shown: str | None = None  # the inspection whose seller the fields hold
        # Each number is checked as it is typed, once it is whole: a mistyped check
        # digit shows at once, not after Seal is pressed.
        self.id_check = QLabel()
        self.phone_check = QLabel()
        self.id_number.textChanged.connect(self._on_id_number_edited)
        self.phone.textChanged.connect(self._on_phone_edited)
        form = QFormLayout()
        form.addRow(self.tr("Seller's name"), self.name)
        form.addRow(self.tr("ID number"), _with_check(self.id_number, self.id_check))
        form.addRow(self.tr("Mobile"), _with_check(self.phone, self.phone_check))
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Seal"))
        heading.setObjectName("heading")
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.agreed)
        layout.addWidget(self.seal_button)
        layout.addWidget(self.message)
        layout.addStretch(1)
        context.inspection.changed.connect(self._on_inspection_changed)

    def _on_id_number_edited(self, text: str) -> None:
        whole = len(text.strip()) >= 18
        self._show_check(self.id_check, flow.check_id_number, text if whole else None)

    def _on_phone_edited(self, text: str) -> None:
        whole = len(re.sub(r"\D", "", text)) >= 11
        self._show_check(self.phone_check, flow.check_mobile, text if whole else None)

    def _show_check(self, label: QLabel, check: Callable[[str], str], text: str | None) -> None:
        """✓, or what is wrong, beside a number once it is typed in full (None: not yet)."""
        if text is None:
            label.setText("")
            return
        try:
            check(text)
        except YanjiError as exc:
            label.setText(f"✗ {error_text(exc)}")
            label.setStyleSheet("color: #c62828;")
            return
        label.setText("✓")
        label.setStyleSheet("color: #2e7d32;")

    def _on_inspection_changed(self, inspection: Inspection | None) -> None:
        final = inspection is not None and inspection.state.is_final
        for widget in (self.name, self.id_number, self.phone, self.agreed, self.seal_button):
            widget.setEnabled(inspection is not None and not final)
        shown = inspection.id if inspection is not None else None
        if shown != self._shown or final:
            # Another phone, another seller: nothing typed for the last one carries
            # over, the agreement least of all. A sealed record shows its own seller,
            # whatever was typed before.
            self._shown = shown
            self._fill(inspection.seller if inspection is not None else None)
        if final and inspection is not None:
            self.message.setText(self.tr("Sealed. This record is now read-only."))

    def _fill(self, seller: Seller | None) -> None:
        """The seller's details as recorded (the ID number masked: the record keeps it
        whole, the screen need not), or empty fields."""
        self.name.setText(seller.name if seller else "")
        self.id_number.setText(_masked(seller.id_number) if seller else "")
        self.phone.setText(seller.phone if seller else "")
        self.agreed.setChecked(seller is not None)
        self.message.setText("")
        if seller is not None:  # not checked again: shown as sealed
            self.id_check.setText("")
            self.phone_check.setText("")

    def _on_seal_clicked(self) -> None:
        inspection = self._context.inspection.current
        if inspection is None:
            return
        if not self.agreed.isChecked():
            self.message.setText(self.tr("Tick the seller's agreement first."))
            return
        try:
            seller = flow.check_seller(self.name.text(), self.id_number.text(), self.phone.text())
        except YanjiError as exc:
            self.message.setText(error_text(exc))
            return
        store, clerk = self._context.store, self._context.clerk
        self._context.runner.db(
            lambda: flow.seal(store, inspection.id, clerk, seller), self._on_sealed, self._on_failed
        )

    def _on_sealed(self, inspection: Inspection) -> None:
        assert inspection.state is InspectionState.SEALED
        self._context.inspection.set(inspection)
        self.sealed.emit(inspection)

    def _on_failed(self, error: BaseException) -> None:
        self.message.setText(error_text(error))


def _masked(id_number: str) -> str:
    """ "110105194912310021" -> "110105********0021": the region and the last four, as
    receipts print an ID number."""
    if len(id_number) <= 10:
        return id_number
    return id_number[:6] + "*" * (len(id_number) - 10) + id_number[-4:]


def _with_check(field: QLineEdit, check: QLabel) -> QWidget:
    """A field with its check beside it."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(field, 1)
    layout.addWidget(check)
    return row
