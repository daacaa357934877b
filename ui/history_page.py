"""HistoryPage: search by IMEI, serial, seller, date or grade (a barcode scanner that
types an IMEI and Enter works), newest first; open a record read-only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.records import InspectionState
from app.store import HistoryQuery, HistoryRow, Page
from ui.context import StationContext


class HistoryPage(QWidget):
    """Past inspections."""

    open_requested = Signal(str)

    def __init__(self, context: StationContext) -> None:
        super().__init__()
        self._context = context
        self._ids: list[str] = []
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            self.tr("IMEI, serial, seller name or phone; Enter to search")
        )
        self.search.returnPressed.connect(self.refresh)
        self.grade = QComboBox()
        self.grade.addItem(self.tr("any grade"), None)
        for level, label in context.pricing.standard.vocabularies["chengse"].items():
            self.grade.addItem(label, level)
        self.grade.currentIndexChanged.connect(self.refresh)
        self.period = QComboBox()
        for text, days in (
            (self.tr("any time"), None),
            (self.tr("today"), 0),
            (self.tr("last 7 days"), 7),
            (self.tr("last 30 days"), 30),
        ):
            self.period.addItem(text, days)
        self.period.currentIndexChanged.connect(self.refresh)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Created"),
                self.tr("Phone"),
                self.tr("State"),
                self.tr("Grade"),
                self.tr("Price"),
                self.tr("Seller"),
            ]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.itemActivated.connect(self._on_table_activated)
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("History"))
        heading.setObjectName("heading")
        layout.addWidget(heading)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.grade, 1)
        filters.addWidget(self.period, 1)
        layout.addLayout(filters)
        layout.addWidget(self.table)

    def refresh(self) -> None:
        """Search with what is typed (off the GUI thread)."""
        days = self.period.currentData()
        since = None
        if days is not None:
            midnight = (
                datetime.now().astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
            )
            since = (midnight - timedelta(days=days)).astimezone(UTC)
        query = HistoryQuery(
            text=self.search.text().strip() or None, grade=self.grade.currentData(), since=since
        )
        store = self._context.store
        self._context.runner.db(lambda: store.history(query, limit=50), self._show)

    def _show(self, page: Page) -> None:
        self.table.setRowCount(len(page.rows))
        self._ids = [row.id for row in page.rows]
        for index, row in enumerate(page.rows):
            for column, text in enumerate(self._cells(row)):
                item = QTableWidgetItem(text)
                if column == 4:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(index, column, item)

    def _cells(self, row: HistoryRow) -> list[str]:
        refused = row.refused and not row.state.is_final
        price = "" if row.total_fen is None or refused else f"¥{row.total_fen / 100:,.0f}"
        chengse = self._context.pricing.standard.vocabularies["chengse"]
        grade = chengse.get(row.grade, row.grade) if row.grade else ""
        return [
            row.created_at.astimezone().strftime("%Y-%m-%d %H:%M"),
            row.model or self.tr("unknown phone"),
            self.tr("refused") if refused else self._state_text(row.state),
            grade,
            price,
            row.seller_name or "",
        ]

    def _state_text(self, state: InspectionState) -> str:
        return {
            InspectionState.DRAFT: self.tr("draft"),
            InspectionState.REVIEWED: self.tr("reviewed"),
            InspectionState.QUOTED: self.tr("quoted"),
            InspectionState.SEALED: self.tr("sealed"),
            InspectionState.ERASED: self.tr("erased"),
        }[state]

    def _on_table_activated(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self._ids):
            self.open_requested.emit(self._ids[row])
