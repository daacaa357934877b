"""SealPage: the seller's details as second-hand trade rules require (name, identity
document and its number, for a passport the country that issued it, mobile), the
seller's agreement, and the seal; afterwards the record is read-only."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cmp_to_key

from PySide6.QtCore import QCollator, QCoreApplication, QLocale, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
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
from app.records import IdDocument, Inspection, InspectionState, Seller
from app.text import money
from ui.context import StationContext
from ui.problem_text import error_text, filled
from ui.seller_view_dialog import phone_name


class SealPage(QWidget):
    """Seller details and the seal."""

    sealed = Signal(object)

    def __init__(self, context: StationContext) -> None:
        super().__init__()
        self._context = context
        self.name = QLineEdit()
        self.document = QComboBox()
        for document in IdDocument:
            self.document.addItem(document_name(document), document)
        self.document.currentIndexChanged.connect(self._on_document_changed)
        self.id_number = QLineEdit()
        self.id_number.setMaxLength(18)
        self.country = self._country_box()
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("11 digits, or +852… with the country code"))
        self.agreed = QCheckBox(self.tr("The seller has seen the itemised quote and agrees"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.seal_button = QPushButton(self.tr("&Seal the record"))
        self.seal_button.clicked.connect(self._on_seal_clicked)
        self._shown: str | None = None  # the inspection whose seller the fields hold
        self._total: int | None = None  # its price when shown, in fen
        # Each number is checked as it is typed, once it is whole: a mistyped check
        # digit shows at once, not after Seal is pressed.
        self.id_check = QLabel()
        self.phone_check = QLabel()
        self.id_number.textChanged.connect(self._on_id_number_edited)
        self.id_number.editingFinished.connect(self._on_id_number_finished)
        self.phone.textChanged.connect(self._on_phone_edited)
        self.phone.editingFinished.connect(self._on_phone_finished)
        form = self._form = QFormLayout()
        form.addRow(self.tr("Seller's name"), self.name)
        form.addRow(self.tr("Identity document"), self.document)
        form.addRow(self.tr("Document number"), _with_check(self.id_number, self.id_check))
        form.addRow(self.tr("Issued by (country)"), self.country)
        form.setRowVisible(self.country, False)
        form.addRow(self.tr("Mobile"), _with_check(self.phone, self.phone_check))
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Seal"))
        heading.setObjectName("heading")
        layout.addWidget(heading)
        # What the seller agrees to: the phone and its price, as the quote has them.
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        # The IMEI the record will keep, or a word that it keeps none (a phone that
        # gave none over USB and whose IMEI the clerk has not typed in).
        self.imei = QLabel()
        self.imei.setWordWrap(True)
        layout.addWidget(self.imei)
        layout.addLayout(form)
        layout.addWidget(self.agreed)
        layout.addWidget(self.seal_button)
        layout.addWidget(self.message)
        layout.addStretch(1)
        context.inspection.changed.connect(self._on_inspection_changed)

    def _country_box(self) -> QComboBox:
        """A passport's country: chosen from the list, or typed (a name in the clerk's
        language or English, or the code the passport prints). Filled the first time a
        passport is chosen: the names take about 50 ms to load."""
        box = QComboBox()
        box.setEditable(True)
        box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        box.lineEdit().setPlaceholderText(self.tr("Type or choose: a name, or RUS"))
        return box

    def _chosen(self) -> IdDocument:
        return IdDocument(self.document.currentData())

    def _check_id_number(self, text: str) -> str:
        return flow.check_id_number(text, self._chosen())

    def _chosen_country(self) -> str | None:
        """The passport's country as its code, where what the field holds names one;
        else what it holds, for `flow.check_seller` to refuse (None: no passport)."""
        if self._chosen() is not IdDocument.PASSPORT:
            return None
        text = self.country.currentText().strip()
        return _country_code(text) or text

    def _on_document_changed(self) -> None:
        self.id_number.setMaxLength(18 if self._chosen() is IdDocument.CN_ID else 20)
        passport = self._chosen() is IdDocument.PASSPORT
        if passport:
            self._load_countries()
        self._form.setRowVisible(self.country, passport)
        self._on_id_number_edited(self.id_number.text())

    def _load_countries(self) -> None:
        if self.country.count():
            return
        # The list has each country once; what the clerk types is also matched against
        # the other names it goes by (韩国 for 大韩民国, Turkey for Türkiye).
        completions = []
        for code, name, others in country_names():
            shown = f"{name} ({code})"
            self.country.addItem(shown, code)
            completions.append(shown)
            completions += [f"{other} ({code})" for other in others]
        self.country.setCurrentIndex(-1)
        # Matches anywhere in an item, as the list writes it ("俄" finds 白俄罗斯 too).
        completer = QCompleter(completions, self.country)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.activated.connect(self._on_country_completed)
        self.country.setCompleter(completer)

    def _on_country_completed(self, text: str) -> None:
        """A name picked from the completions: the country's item in the list, though
        the name picked be another it goes by ("Turkey (TUR)" is "Türkiye (TUR)")."""
        code = _country_code(text)
        if code is not None:  # after the combo box has put the name picked in its field
            index = self.country.findData(code)
            QTimer.singleShot(0, self.country, lambda: self.country.setCurrentIndex(index))

    def _on_id_number_edited(self, text: str) -> None:
        # A resident ID number is checked once it has its 18 characters (a 2017
        # foreigner's card, which starts with letters, its 15); the other documents'
        # numbers vary in length: they show ✓ as soon as they are in form, and what is
        # wrong when the clerk leaves the field.
        if self._chosen() is IdDocument.CN_ID:
            typed = re.sub(r"\s", "", text)
            whole = len(typed) >= (15 if typed[:1].isalpha() else 18)
            self._show_check(self.id_check, self._check_id_number, text if whole else None)
        else:
            self._show_check(self.id_check, self._check_id_number, text, only_good=True)

    def _on_id_number_finished(self) -> None:
        if self.id_number.isEnabled() and self.id_number.text().strip():
            self._show_check(self.id_check, self._check_id_number, self.id_number.text())

    def _on_phone_edited(self, text: str) -> None:
        # A mainland mobile is checked at 11 digits; a number with its country code
        # as for the other documents.
        if text.strip().startswith(("+", "00")):
            self._show_check(self.phone_check, flow.check_mobile, text, only_good=True)
            return
        whole = len(re.sub(r"\D", "", text)) >= 11
        self._show_check(self.phone_check, flow.check_mobile, text if whole else None)

    def _on_phone_finished(self) -> None:
        if self.phone.isEnabled() and self.phone.text().strip():
            self._show_check(self.phone_check, flow.check_mobile, self.phone.text())

    def _show_check(
        self,
        label: QLabel,
        check: Callable[[str], str],
        text: str | None,
        *,
        only_good: bool = False,
    ) -> None:
        """✓, or what is wrong, beside a number once it is typed in full (None: not yet;
        ``only_good``: ✓ if it is in form, else nothing yet)."""
        if text is None:
            label.setText("")
            return
        try:
            check(text)
        except YanjiError as exc:
            label.setText("" if only_good else f"✗ {error_text(exc)}")
            label.setStyleSheet("color: #c62828;")
            return
        label.setText("✓")
        label.setStyleSheet("color: #2e7d32;")

    def _on_inspection_changed(self, inspection: Inspection | None) -> None:
        final = inspection is not None and inspection.state.is_final
        for widget in (
            self.name,
            self.document,
            self.id_number,
            self.country,
            self.phone,
            self.agreed,
            self.seal_button,
        ):
            widget.setEnabled(inspection is not None and not final)
        shown = inspection.id if inspection is not None else None
        quote = inspection.quote if inspection is not None else None
        total = quote.total_fen if quote is not None else None
        self.summary.setText(self._summary(inspection))
        self._show_imei(inspection)
        if shown != self._shown or final:
            # Another phone, another seller: nothing typed for the last one carries
            # over, the agreement least of all. A sealed record shows its own seller,
            # whatever was typed before.
            self._shown = shown
            self._fill(inspection.seller if inspection is not None else None)
        elif total != self._total and self.agreed.isChecked():
            # The price changed after the seller agreed (an accessory ticked, a price
            # changed): the seller agrees to the new one, or nothing is sealed.
            self.agreed.setChecked(False)
            self.message.setText(
                filled(
                    self.tr("The price is now %1: the seller must agree to it again."),
                    money(total) if total is not None else "—",
                )
            )
        self._total = total
        if final and inspection is not None:
            self.message.setText(self.tr("Sealed. This record is now read-only."))

    def _summary(self, inspection: Inspection | None) -> str:
        """The phone and its price, as the seller agrees to them."""
        if inspection is None:
            return ""
        name = phone_name(inspection) or self.tr("unknown phone")
        quote, grade = inspection.quote, inspection.grade
        if quote is None or grade is None:
            return filled(self.tr("%1 · not priced yet"), name)
        if quote.refused:
            return filled(self.tr("%1 · cannot be bought"), name)
        label = grade.label("chengse") or grade.level
        return filled(self.tr("%1 · grade %2 · total %3"), name, label, money(quote.total_fen))

    def _show_imei(self, inspection: Inspection | None) -> None:
        """The phone's IMEIs; where there are none, the clerk is told, before money
        changes hands, where to type them (sealing is not refused: a phone with a
        broken screen cannot show *#06#)."""
        imeis = inspection.imeis() if inspection is not None else ()
        if imeis:
            self.imei.setText(filled(self.tr("IMEI %1"), ", ".join(imeis)))
            self.imei.setStyleSheet("")
        elif inspection is not None and not inspection.state.is_final:
            self.imei.setText(
                self.tr(
                    "⚠ No IMEI is recorded: the phone gave none. Dial *#06# on it and "
                    "type the IMEI on the Identify page before sealing."
                )
            )
            self.imei.setStyleSheet("color: #c62828;")
        else:
            self.imei.setText(self.tr("IMEI: none recorded") if inspection else "")
            self.imei.setStyleSheet("")

    def _fill(self, seller: Seller | None) -> None:
        """The seller's details as recorded (the ID number masked: the record keeps it
        whole, the screen need not), or empty fields."""
        self.name.setText(seller.name if seller else "")
        document = seller.document if seller else IdDocument.CN_ID
        self.document.setCurrentIndex(self.document.findData(document))
        if seller is not None and seller.country:
            self._load_countries()
            self.country.setCurrentIndex(self.country.findData(seller.country))
        else:
            self.country.setCurrentIndex(-1)
            self.country.setEditText("")
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
            seller = flow.check_seller(
                self.name.text(),
                self.id_number.text(),
                self.phone.text(),
                self._chosen(),
                self._chosen_country(),
            )
        except YanjiError as exc:
            self.message.setText(error_text(exc))
            return
        store, clerk, agreed = self._context.store, self._context.clerk, self._total
        self._context.runner.db(
            lambda: flow.seal(store, inspection.id, clerk, seller, agreed_total_fen=agreed),
            self._on_sealed,
            self._on_failed,
        )

    def _on_sealed(self, inspection: Inspection) -> None:
        assert inspection.state is InspectionState.SEALED
        self._context.inspection.set(inspection)
        self.sealed.emit(inspection)

    def _on_failed(self, error: BaseException) -> None:
        self.message.setText(error_text(error))


def _masked(id_number: str) -> str:
    """ "110105194912310021" -> "110105********0021": the region and the last four, as
    receipts print an ID number; a shorter number (a permit's, a passport's) keeps its
    first two and last three: "H1****678"."""
    if len(id_number) > 10:
        return id_number[:6] + "*" * (len(id_number) - 10) + id_number[-4:]
    if len(id_number) >= 6:
        return id_number[:2] + "*" * (len(id_number) - 5) + id_number[-3:]
    return id_number


def document_name(document: IdDocument) -> str:
    """An identity document's name, as the clerk knows it."""
    names = {  # literal calls, so that lupdate finds them
        IdDocument.CN_ID: QCoreApplication.translate(
            "SealPage", "Resident ID card, residence permit or permanent residence card"
        ),
        IdDocument.HK_MO_PERMIT: QCoreApplication.translate(
            "SealPage", "Home Return Permit (Hong Kong, Macao)"
        ),
        IdDocument.TW_PERMIT: QCoreApplication.translate(
            "SealPage", "Taiwan residents' travel permit"
        ),
        IdDocument.PASSPORT: QCoreApplication.translate("SealPage", "Passport"),
    }
    return names[document]


def _country_code(text: str) -> str | None:
    """The three-letter code of the country ``text`` names, as the list writes it
    ("Türkiye (TUR)") or as `flow.check_country` reads it (a name in English or
    Chinese, a code); None where it names none."""
    listed = re.fullmatch(r".*\(([A-Za-z]{3})\)", text.strip())
    try:
        return flow.check_country(listed[1] if listed else text)
    except flow.SealError:
        return None


def country_names() -> list[tuple[str, str, list[str]]]:
    """Every country and territory of ISO 3166-1, as (its three-letter code, its name in
    the clerk's language, the other names it goes by there), in that language's order
    (pinyin for Chinese)."""
    import gettext

    import pycountry  # about 50 ms to import: only once a passport is chosen

    language = QCoreApplication.translate(
        "Language", "en", "the language of this catalogue, as ui.language names it"
    )
    names = gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )
    english = language == "en"
    countries = []
    for country in pycountry.countries:
        code = str(country.alpha_3)
        written = [
            str(getattr(country, field))
            for field in ("common_name", "name")  # official names: too long to type
            if hasattr(country, field)
        ]
        if english:
            written += [n for n, c in flow.OTHER_ENGLISH_NAMES.items() if c == code]
        else:
            written = [names.gettext(n) for n in written]
        # English shows the common name ("South Korea"); Chinese ISO's short name as
        # pycountry translates it (大韩民国): its common names' Chinese, which include
        # 韩国, are not all standard (波利维亚 for 玻利维亚), so they are only matched.
        shown = written[0] if english else names.gettext(country.name)
        others = [n for n in dict.fromkeys(written) if n != shown]
        countries.append((code, shown, others))
    collator = QCollator(QLocale(language))
    return sorted(countries, key=cmp_to_key(lambda a, b: collator.compare(a[1], b[1])))


def _with_check(field: QLineEdit, check: QLabel) -> QWidget:
    """A field with its check beside it."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(field, 1)
    layout.addWidget(check)
    return row
