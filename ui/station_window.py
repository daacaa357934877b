"""StationWindow: the main window, showing the station and its recent inspections."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QMainWindow,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.settings import Settings
from app.store import HistoryRow, Store


class StationWindow(QMainWindow):
    """The station's main window; it is given the store and settings it shows."""

    def __init__(self, store: Store, settings: Settings, demo: bool = False) -> None:
        super().__init__()
        self._store = store
        self._settings = settings
        self.setWindowTitle(self.tr("Yanji inspection station"))
        title = settings.station.station_name
        if demo:
            title += "  " + self.tr("[DEMO]")
        self.title_label = QLabel(title)
        font = QFont(self.title_label.font())
        font.setPointSize(font.pointSize() + 6)
        font.setBold(True)
        self.title_label.setFont(font)
        self.history_table = QTableWidget(0, 5)
        self.history_table.setHorizontalHeaderLabels(
            [
                self.tr("Created"),
                self.tr("Phone"),
                self.tr("State"),
                self.tr("Grade"),
                self.tr("Price"),
            ]
        )
        header = self.history_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.history_table.verticalHeader().setVisible(False)
        self.history_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout()
        layout.addWidget(self.title_label)
        layout.addWidget(QLabel(self.tr("Recent inspections")))
        layout.addWidget(self.history_table)
        central = QWidget()
        central.setLayout(layout)
        self.setCentralWidget(central)
        self.resize(960, 640)
        self.refresh()

    def refresh(self) -> None:
        """Reload the newest page of history (one indexed query of 50 rows)."""
        rows = self._store.history(limit=50).rows
        self.history_table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            for column, text in enumerate(self._cells(row)):
                item = QTableWidgetItem(text)
                if column == 4:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.history_table.setItem(index, column, item)

    def _cells(self, row: HistoryRow) -> list[str]:
        price = "" if row.total_fen is None else f"¥{row.total_fen / 100:,.0f}"
        return [
            row.created_at.astimezone().strftime("%Y-%m-%d %H:%M"),
            row.model or self.tr("unknown phone"),
            row.state.value,
            row.grade or "",
            price,
        ]
