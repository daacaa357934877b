"""SellerViewDialog: the quote for the seller, in large type, full screen (or on a
second screen): the same lines the clerk sees."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from app.records import Inspection, LineKind


class SellerViewDialog(QDialog):
    """Large-type quote; Esc closes it."""

    def __init__(
        self, inspection: Inspection, chinese: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Your quote"))
        layout = QVBoxLayout(self)
        font = QFont()
        font.setPointSize(22)
        device = inspection.device
        title = QLabel(device.marketing_name or "" if device else "")
        title.setFont(font)
        layout.addWidget(title)
        if inspection.grade is not None:
            grade = QLabel(inspection.grade.label("chengse") or inspection.grade.level)
            grade.setFont(font)
            layout.addWidget(grade)
        self.lines: list[QLabel] = []
        if inspection.quote is not None:
            for line in inspection.quote.lines:
                amount = "" if line.kind is LineKind.REFUSAL else f"¥{line.amount_fen / 100:,.2f}"
                label = QLabel(f"{line.reason_zh if chinese else line.reason_en}    {amount}")
                label.setFont(font)
                layout.addWidget(label)
                self.lines.append(label)
            big = QFont(font)
            big.setPointSize(36)
            big.setBold(True)
            total = QLabel(
                self.tr("Total ¥%1").replace("%1", f"{inspection.quote.total_fen / 100:,.2f}")
            )
            total.setFont(big)
            layout.addWidget(total)
        QShortcut(QKeySequence("Esc"), self, self.accept)
        screens = QGuiApplication.screens()
        if len(screens) > 1:  # the seller's screen faces the counter
            self.setGeometry(screens[1].geometry())
        self.setWindowState(Qt.WindowState.WindowFullScreen)
