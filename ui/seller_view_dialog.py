"""SellerViewDialog: the quote for the seller, in large type, full screen (or on a
second screen): the same lines the clerk sees, laid out as a receipt."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication, QKeySequence, QShortcut, QTextLayout
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.price_sheet import format_storage
from app.records import Inspection, LineKind
from app.text import money

#: Type sizes in points: read across a counter.
TEXT_PT = 22
TOTAL_PT = 36
#: The receipt's widest: on a wide screen the amounts stay near their lines.
COLUMN_PX = 1100


def _font(points: int, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSize(points)
    font.setBold(bold)
    return font


class SellerViewDialog(QDialog):
    """Large-type quote: the store, the phone, its grade, each line with its amount
    (reasons left, amounts right), the total; Esc closes it. ``chinese`` picks the
    lines' language (a quote keeps both)."""

    def __init__(
        self,
        inspection: Inspection,
        chinese: bool,
        parent: QWidget | None = None,
        store_name: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Your quote"))
        receipt = QWidget()
        receipt.setMaximumWidth(COLUMN_PX)
        column = QVBoxLayout(receipt)
        column.setSpacing(18)
        if store_name:
            store = QLabel(store_name)
            store.setFont(_font(TEXT_PT - 4))
            column.addWidget(store)
        self.title = QLabel(_phone_name(inspection))
        self.title.setFont(_font(TEXT_PT + 6, bold=True))
        self.title.setWordWrap(True)
        column.addWidget(self.title)
        self.grade: QLabel | None = None
        if inspection.grade is not None:
            name = inspection.grade.label("chengse") or inspection.grade.level
            self.grade = QLabel(self.tr("Grade %1").replace("%1", name))
            self.grade.setFont(_font(TEXT_PT))
            column.addWidget(self.grade)
        self.lines: list[QLabel] = []
        self.amounts: list[QLabel] = []
        self.total: QLabel | None = None
        if inspection.quote is not None:
            column.addWidget(_rule())
            column.addLayout(self._lines_grid(inspection, chinese))
            column.addWidget(_rule())
            quote = inspection.quote
            self.total = QLabel(
                self.tr("REFUSED: this phone cannot be bought")
                if quote.refused
                else self.tr("Total %1").replace("%1", money(quote.total_fen))
            )
            self.total.setFont(_font(TOTAL_PT, bold=True))
            self.total.setWordWrap(True)
            self.total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            column.addWidget(self.total)
        column.addStretch(1)
        hint = QLabel(self.tr("Esc: back to the station"))
        hint.setEnabled(False)  # drawn greyed: it is for the clerk
        column.addWidget(hint)
        # The receipt in the middle of the screen, however wide the screen.
        outer = QHBoxLayout(self)
        outer.setContentsMargins(40, 40, 40, 40)
        outer.addStretch(1)
        outer.addWidget(receipt, 100)
        outer.addStretch(1)
        QShortcut(QKeySequence("Esc"), self, self.accept)
        screens = QGuiApplication.screens()
        if len(screens) > 1:  # the seller's screen faces the counter
            self.setGeometry(screens[1].geometry())
        self.setWindowState(Qt.WindowState.WindowFullScreen)

    def _lines_grid(self, inspection: Inspection, chinese: bool) -> QGridLayout:
        """Each quote line: its reason (wrapping when long) and its amount."""
        assert inspection.quote is not None
        grid = QGridLayout()
        grid.setHorizontalSpacing(40)
        grid.setVerticalSpacing(12)
        grid.setColumnStretch(0, 1)
        for row, line in enumerate(inspection.quote.lines):
            reason = QLabel(line.reason_zh if chinese else line.reason_en)
            reason.setFont(_font(TEXT_PT))
            reason.setWordWrap(True)
            amount = QLabel("" if line.kind is LineKind.REFUSAL else money(line.amount_fen))
            amount.setFont(_font(TEXT_PT))
            amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            _share_baseline(reason, amount)
            grid.addWidget(reason, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(amount, row, 1, Qt.AlignmentFlag.AlignTop)
            self.lines.append(reason)
            self.amounts.append(amount)
        return grid


def _ascent(label: QLabel) -> float:
    """How far the label's first line of text sits below its top: Chinese text
    (drawn in a CJK fallback font) sits lower than digits in the same font."""
    layout = QTextLayout(label.text(), label.font())
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(1e6)
    layout.endLayout()
    return line.ascent() if line.isValid() else 0.0


def _share_baseline(reason: QLabel, amount: QLabel) -> None:
    """Pad the top of whichever label's first line sits higher, so that an amount
    stands on its reason's first line, as on a printed receipt."""
    gap = round(_ascent(reason) - _ascent(amount))
    if gap > 0:
        amount.setContentsMargins(0, gap, 0, 0)
    elif gap < 0:
        reason.setContentsMargins(0, -gap, 0, 0)


def _phone_name(inspection: Inspection) -> str:
    """The phone as the seller knows it: "iPhone 7 128GB"."""
    device = inspection.device
    if device is None:
        return ""
    name = device.marketing_name or device.model_code or ""
    if device.storage_gb:
        name = f"{name} {format_storage(device.storage_gb)}"
    return name.strip()


def _rule() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line
