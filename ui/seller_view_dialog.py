"""SellerViewDialog: the quote for the seller, in large type, full screen (or on a
second screen): the same lines the clerk sees, laid out as a receipt."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QKeySequence,
    QResizeEvent,
    QShortcut,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.price_sheet import format_storage
from app.records import Inspection, LineKind
from app.text import money
from ui.problem_text import filled

#: Type sizes in points: read across a counter.
TEXT_PT = 22
TOTAL_PT = 36
#: The receipt's widest: on a wide screen the amounts stay near their lines.
COLUMN_PX = 1100
#: The least room on either side of the receipt.
SIDE_PX = 40


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
        receipt = QVBoxLayout()
        receipt.setSpacing(18)
        self._add_heading(receipt, inspection, store_name)
        self.lines: list[QLabel] = []
        self.amounts: list[QLabel] = []
        if inspection.quote is not None:
            receipt.addWidget(_rule())
            receipt.addLayout(self._lines_grid(inspection, chinese))
        # Under the lines, the total, always in view: where a long receipt does not fit
        # a small screen (a customer display of 1024 × 600), its lines scroll.
        self.scroll = _FittingScrollArea(_centred(receipt, bottom=0))
        foot = QVBoxLayout()
        foot.setSpacing(18)
        self.total: QLabel | None = None
        self.again: QLabel | None = None
        if inspection.quote is not None:
            foot.addWidget(_rule())
            self.total = QLabel(
                self.tr("REFUSED: this phone cannot be bought")
                if inspection.quote.refused
                else filled(self.tr("Total %1"), money(inspection.quote.total_fen))
            )
            self.total.setFont(_font(TOTAL_PT, bold=True))
            self.total.setWordWrap(True)
            self.total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            foot.addWidget(self.total)
            locks = [
                line
                for line in inspection.quote.lines
                if line.kind is LineKind.REFUSAL and line.rule_id.startswith("lock.")
            ]
            if locks:
                # A lock is the seller's to remove: the phone is not refused for good.
                self.again = QLabel(
                    self.tr("Once this lock is removed from the phone, it can be checked again.")
                    if len(locks) == 1
                    else self.tr(
                        "Once these locks are removed from the phone, it can be checked again."
                    )
                )
                self.again.setFont(_font(TEXT_PT - 4))
                self.again.setWordWrap(True)
                self.again.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                foot.addWidget(self.again)
        hint = QLabel(self.tr("Esc: back to the station"))
        hint.setEnabled(False)  # drawn greyed: it is for the clerk
        foot.addWidget(hint)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(18)
        outer.addWidget(self.scroll)
        self._foot = _centred(foot, top=0)
        outer.addWidget(self._foot)
        outer.addStretch(1)
        self.scroll.bar_width_changed.connect(self._make_room_for_bar)
        QShortcut(QKeySequence("Esc"), self, self.accept)
        screens = QGuiApplication.screens()
        if len(screens) > 1:  # the seller's screen faces the counter
            self.setGeometry(screens[1].geometry())
        self.setWindowState(Qt.WindowState.WindowFullScreen)

    def _add_heading(self, receipt: QVBoxLayout, inspection: Inspection, store_name: str) -> None:
        """The store, the phone, its IMEI (which the seller can match against *#06# on
        the phone) and its grade."""
        if store_name:
            store = QLabel(store_name)
            store.setFont(_font(TEXT_PT - 4))
            receipt.addWidget(store)
        self.title = QLabel(phone_name(inspection))
        self.title.setFont(_font(TEXT_PT + 6, bold=True))
        self.title.setWordWrap(True)
        receipt.addWidget(self.title)
        self.imei: QLabel | None = None
        if inspection.imeis():
            self.imei = QLabel(filled(self.tr("IMEI %1"), ", ".join(inspection.imeis())))
            self.imei.setFont(_font(TEXT_PT - 4))
            self.imei.setWordWrap(True)
            receipt.addWidget(self.imei)
        self.grade: QLabel | None = None
        if inspection.grade is not None:
            name = inspection.grade.label("chengse") or inspection.grade.level
            self.grade = QLabel(filled(self.tr("Grade %1"), name))
            self.grade.setFont(_font(TEXT_PT))
            receipt.addWidget(self.grade)

    def _make_room_for_bar(self, width: int) -> None:
        """Narrow the total's column as the scroll bar narrows the lines' column, so
        that the total ends where the amounts do."""
        margins = self._foot.layout().contentsMargins()
        margins.setRight(SIDE_PX + width)
        self._foot.layout().setContentsMargins(margins)

    def _lines_grid(self, inspection: Inspection, chinese: bool) -> QGridLayout:
        """Each quote line: its reason (wrapping when long) and its amount."""
        assert inspection.quote is not None
        grid = QGridLayout()
        grid.setHorizontalSpacing(40)
        grid.setVerticalSpacing(12)
        grid.setColumnStretch(0, 1)
        for row, line in enumerate(inspection.quote.lines):
            amount = QLabel("" if line.kind is LineKind.REFUSAL else money(line.amount_fen))
            amount.setFont(_font(TEXT_PT))
            amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            reason = _Reason(line.reason_zh if chinese else line.reason_en, amount)
            grid.addWidget(reason, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(amount, row, 1, Qt.AlignmentFlag.AlignTop)
            self.lines.append(reason)
            self.amounts.append(amount)
        return grid


class _Reason(QLabel):
    """A quote line's reason (wrapping when long), which keeps its amount standing on
    its first line, as on a printed receipt: Chinese, drawn in a CJK font, sits lower
    than the amount's digits, and which words make the first line depends on the
    width the reason is given."""

    def __init__(self, text: str, amount: QLabel) -> None:
        super().__init__(text)
        self._amount = amount
        self.setFont(_font(TEXT_PT))
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._share_baseline(None)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._share_baseline(self.contentsRect().width())

    def _share_baseline(self, width: int | None) -> None:
        """Pad the top of whichever label's first line sits higher by the gap;
        ``width`` is this label's for its text (None: one long line)."""
        gap = round(_first_line_ascent(self, width) - _first_line_ascent(self._amount, None))
        self.setContentsMargins(0, max(0, -gap), 0, 0)
        self._amount.setContentsMargins(0, max(0, gap), 0, 0)


def _first_line_ascent(label: QLabel, width: int | None) -> float:
    """How far the first line of the label's text, wrapped at ``width``, has its
    baseline below the top of the text."""
    layout = QTextLayout(label.text(), label.font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    if line.isValid():
        line.setLineWidth(1e6 if width is None else max(width, 1))
    layout.endLayout()
    return line.ascent() if line.isValid() else 0.0


def phone_name(inspection: Inspection) -> str:
    """The phone as the seller knows it: "iPhone 7 128GB"."""
    device = inspection.device
    if device is None:
        return ""
    name = device.marketing_name or device.model_code or ""
    if device.storage_gb:
        name = f"{name} {format_storage(device.storage_gb)}"
    return name.strip()


def _centred(column: QVBoxLayout, top: int = 40, bottom: int = 40) -> QWidget:
    """The column in the middle of the screen, however wide the screen, and no wider
    than COLUMN_PX: on a wide screen the amounts stay near their lines."""
    holder = QWidget()
    inner = QWidget()
    inner.setMaximumWidth(COLUMN_PX)
    inner.setLayout(column)
    column.setContentsMargins(0, 0, 0, 0)
    middle = QHBoxLayout(holder)
    middle.setContentsMargins(SIDE_PX, top, SIDE_PX, bottom)
    middle.addStretch(1)
    middle.addWidget(inner, 100)
    middle.addStretch(1)
    return holder


class _FittingScrollArea(QScrollArea):
    """Scrolls its content where the screen is too short for it, and is no taller
    than the content where it is not (so that what follows stays beneath it); says
    how wide its scroll bar is as it comes and goes (0: not shown)."""

    bar_width_changed = Signal(int)

    def __init__(self, content: QWidget) -> None:
        super().__init__()
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        content = self.widget()
        height = content.heightForWidth(self.viewport().width())
        if height < 0:  # nothing in it wraps: its height is the same at any width
            height = content.sizeHint().height()
        return QSize(super().sizeHint().width(), height)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(super().minimumSizeHint().width(), 0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # a new width: the content's height changes with it

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Resize:  # the scroll bar came or went, or a resize
            self.bar_width_changed.emit(self.width() - self.viewport().width())
        return super().viewportEvent(event)


def _rule() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line
