"""QuotePage: the grade in 成色 and CTIA terms with the rules that fired, the itemised
quote with each line's evidence, the accessories the seller did not bring, the
seller's view, and price changes (a reason always; the manager's PIN to go below the
quote)."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.pricing import QuoteContext
from app.quoting import override_price, price_inspection
from app.records import Inspection, LineKind
from app.text import money
from devices.report import Platform
from ui.context import StationContext
from ui.i18n import choose_language
from ui.problem_text import error_text, evidence_text, filled
from ui.seller_view_dialog import SellerViewDialog


class QuotePage(QWidget):
    """Grade and quote of the inspection in hand."""

    next_requested = Signal()
    evidence_requested = Signal(str)  # a finding id

    def __init__(self, context: StationContext) -> None:
        super().__init__()
        self._context = context
        self.grade = QLabel()
        self.grade.setObjectName("grade")
        self.rules = QListWidget()
        self.lines = QTableWidget(0, 3)
        self.lines.setHorizontalHeaderLabels(
            [self.tr("Line"), self.tr("Amount"), self.tr("Evidence")]
        )
        self.lines.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.lines.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.lines.verticalHeader().setVisible(False)
        # Evidence is often longer than its column: it wraps, and each row is as tall
        # as its text, so it is read whole (Chinese breaks between characters).
        self.lines.setWordWrap(True)
        rows = self.lines.verticalHeader()
        rows.setMinimumSectionSize(rows.defaultSectionSize())  # one line keeps its room
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.lines.itemActivated.connect(self._on_lines_activated)
        self.total = QLabel()
        self.total.setObjectName("total")
        self.accessories: dict[str, QCheckBox] = {}
        self._accessories_of: str | None = None  # the inspection the ticks are for
        accessories = self._accessory_boxes()
        self.price_button = QPushButton(self.tr("&Price the phone"))
        self.price_button.clicked.connect(self._on_price_clicked)
        self.seller_button = QPushButton(self.tr("Show the &seller"))
        self.seller_button.clicked.connect(self._on_seller_clicked)
        self.override_button = QPushButton(self.tr("&Change the price…"))
        self.override_button.clicked.connect(self._on_override_clicked)
        self.next_button = QPushButton(self.tr("&Agree and seal"))
        self.next_button.clicked.connect(self.next_requested)
        buttons = QHBoxLayout()
        for button in (
            self.price_button,
            self.seller_button,
            self.override_button,
            self.next_button,
        ):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.grade)
        layout.addWidget(QLabel(self.tr("Rules that decided the grade:")))
        layout.addWidget(self.rules, 1)
        layout.addWidget(self.lines, 2)
        if self.accessories:
            layout.addLayout(accessories)
        layout.addWidget(self.total)
        layout.addLayout(buttons)
        context.inspection.changed.connect(self._on_inspection_changed)

    def _accessory_boxes(self) -> QHBoxLayout:
        """A box for each accessory the rules deduct for, as the rules word it
        ("缺少充电器"): ticked ones are priced in, and a phone already priced is priced
        again at once."""
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Accessories:")))
        for adjustment in self._context.pricing.rules.adjustments:
            name = adjustment.accessory_missing
            if name is None or name in self.accessories:
                continue
            box = QCheckBox(adjustment.zh if self._chinese() else adjustment.en)
            box.toggled.connect(self._on_accessories_toggled)
            self.accessories[name] = box
            row.addWidget(box)
        row.addStretch(1)
        return row

    def _on_inspection_changed(self, inspection: Inspection | None) -> None:
        self._show_accessories(inspection)
        self.rules.clear()
        self.lines.setRowCount(0)
        quoted = inspection is not None and inspection.quote is not None
        for button in (self.seller_button, self.override_button, self.next_button):
            button.setEnabled(quoted)
        if inspection is None or inspection.grade is None or inspection.quote is None:
            self.grade.setText(self.tr("Not priced yet"))
            self.total.setText("")
            return
        grade, quote = inspection.grade, inspection.quote
        self.grade.setText(
            filled(
                self.tr("Grade %1 · CTIA %2/%3 · screen %4"),
                grade.label("chengse") or grade.level,
                grade.label("ctia_cosmetic") or "",
                grade.label("ctia_functional") or "",
                grade.label("screen") or "",
            )
        )
        zh = self._chinese()
        for hit in grade.rules:
            self.rules.addItem(
                f"{hit.description_zh if zh else hit.description_en}  [{hit.rule_id}]"
            )
        # The grade priced is named as the seller and the sheet know it (9成新), not by
        # its level id.
        chengse = grade.label("chengse")
        grade_names = {grade.level: chengse} if chengse else None
        device = inspection.device
        android = device is not None and device.platform is Platform.ANDROID
        for line in quote.lines:
            row = self.lines.rowCount()
            self.lines.insertRow(row)
            amount = "—" if line.kind is LineKind.REFUSAL else money(line.amount_fen)
            evidence = evidence_text(line.facts, line.finding_ids, grade_names, android=android)
            cells = (line.reason_zh if zh else line.reason_en, amount, evidence)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 2:  # often wider than its column
                    item.setToolTip(text)
                if column == 1:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.lines.setItem(row, column, item)
        final = inspection.state.is_final
        self.next_button.setEnabled(not quote.refused and not final)
        self.override_button.setEnabled(not quote.refused and not final)
        self.price_button.setEnabled(not final)
        text = (
            self.tr("REFUSED: this phone cannot be bought")
            if quote.refused
            else (filled(self.tr("Total: %1"), money(quote.total_fen)))
        )
        self.total.setText(text)

    def _on_lines_activated(self) -> None:
        """Enter or double-click on a line that cites findings: show the first one."""
        inspection = self._context.inspection.current
        row = self.lines.currentRow()
        if inspection is None or inspection.quote is None:
            return
        lines = inspection.quote.lines
        if 0 <= row < len(lines) and lines[row].finding_ids:
            self.evidence_requested.emit(lines[row].finding_ids[0])

    def _show_accessories(self, inspection: Inspection | None) -> None:
        """Tick what the inspection's quote deducts for when another phone comes in
        hand (none before it is priced); keep the clerk's ticks while it is the same
        one (a parts-only or refused quote deducts for none)."""
        quote = inspection.quote if inspection is not None else None
        if inspection is None or inspection.id != self._accessories_of:
            deducted = {line.rule_id for line in quote.lines} if quote is not None else set()
            missing = {
                a.accessory_missing
                for a in self._context.pricing.rules.adjustments
                if a.accessory_missing and a.id in deducted
            }
            for name, box in self.accessories.items():
                _tick_quietly(box, name in missing)
            self._accessories_of = inspection.id if inspection is not None else None
        open_ = inspection is not None and not inspection.state.is_final
        for box in self.accessories.values():
            box.setEnabled(open_ and not (quote is not None and quote.refused))

    def _missing(self) -> frozenset[str]:
        return frozenset(name for name, box in self.accessories.items() if box.isChecked())

    def _on_accessories_toggled(self, ticked: bool) -> None:
        inspection = self._context.inspection.current
        if inspection is None or inspection.quote is None:
            return  # priced in when the phone is priced
        if not self._may_price_again():
            box = self.sender()
            assert isinstance(box, QCheckBox)
            _tick_quietly(box, not ticked)
            return
        self._price()

    def _may_price_again(self) -> bool:
        """Whether to price the phone again: where the clerk has changed its price,
        the new quote takes that price's place, so the clerk is asked first."""
        inspection = self._context.inspection.current
        quote = inspection.quote if inspection is not None else None
        if quote is None or not quote.overrides:
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Price again"),
            filled(
                self.tr(
                    "The price was changed to %1 (%2). Pricing the phone again puts a new "
                    "quote in its place. Price it again?"
                ),
                money(quote.total_fen),
                quote.overrides[-1].reason,
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _on_price_clicked(self) -> None:
        if self._may_price_again():
            self._price()

    def _price(self) -> None:
        inspection = self._context.inspection.current
        if inspection is None:
            return
        store, setup = self._context.store, self._context.pricing
        context = QuoteContext(missing_accessories=self._missing())
        self._context.runner.db(
            lambda: price_inspection(store, inspection.id, setup, context),
            self._context.inspection.set,
            self._on_failed,
        )

    def _on_failed(self, error: BaseException) -> None:
        QMessageBox.warning(self, self.tr("Cannot price"), error_text(error))

    def _on_seller_clicked(self) -> None:
        inspection = self._context.inspection.current
        if inspection is not None:
            SellerViewDialog(
                inspection,
                self._chinese(),
                self,
                store_name=self._context.settings.station.store_name,
            ).exec()

    def _chinese(self) -> bool:
        """Whether the window speaks Chinese: the quote's lines and the rules are shown
        in its language (the setting may be "auto", the system's)."""
        return choose_language(self._context.settings.ui.language) == "zh_CN"

    def _on_override_clicked(self) -> None:
        inspection = self._context.inspection.current
        if inspection is None or inspection.quote is None:
            return
        yuan, ok = QInputDialog.getDouble(
            self,
            self.tr("Change the price"),
            self.tr("New price (¥):"),
            inspection.quote.total_fen / 100,
            0,
            1_000_000,
            0,
        )
        if not ok:
            return
        reason, ok = QInputDialog.getText(self, self.tr("Change the price"), self.tr("Why?"))
        if not ok:
            return
        new_fen = round(yuan * 100)
        pin = None
        if new_fen < inspection.quote.quoted_fen:
            pin, ok = QInputDialog.getText(
                self,
                self.tr("Manager approval"),
                self.tr("Manager PIN:"),
                QLineEdit.EchoMode.Password,
            )
            if not ok:
                return
        store, clerk = self._context.store, self._context.clerk
        pin_hash = self._context.settings.pricing.manager_pin_hash
        self._context.runner.db(
            lambda: override_price(
                store,
                inspection.id,
                new_fen,
                clerk=clerk,
                reason=reason,
                pin=pin,
                pin_hash=pin_hash,
            ),
            self._context.inspection.set,
            self._on_override_failed,
        )

    def _on_override_failed(self, error: BaseException) -> None:
        QMessageBox.warning(self, self.tr("Price not changed"), error_text(error))


def _tick_quietly(box: QCheckBox, ticked: bool) -> None:
    """Tick or untick ``box`` without pricing the phone again (its toggled signal is
    held back)."""
    with QSignalBlocker(box):
        box.setChecked(ticked)
