"""SealPage: the seller's details as second-hand trade rules require (name, ID number,
phone), the seller's agreement, and the seal; afterwards the record is read-only."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import flow
from app.errors import YanjiError
from app.records import Inspection, InspectionState
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
        form = QFormLayout()
        form.addRow(self.tr("Seller's name"), self.name)
        form.addRow(self.tr("ID number"), self.id_number)
        form.addRow(self.tr("Mobile"), self.phone)
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

    def _on_inspection_changed(self, inspection: Inspection | None) -> None:
        final = inspection is not None and inspection.state.is_final
        for widget in (self.name, self.id_number, self.phone, self.agreed, self.seal_button):
            widget.setEnabled(inspection is not None and not final)
        if final and inspection is not None:
            self.message.setText(self.tr("Sealed. This record is now read-only."))

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
