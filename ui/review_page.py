"""ReviewPage: each captured photo (screen, pattern, back, sides: the clerk picks which)
with its findings drawn on it; the clerk accepts or rejects each (Space toggles), or
adds one by drawing a box on the photo shown and picking a kind; the evidence crop of
the selected finding is shown enlarged."""

from __future__ import annotations

import logging
from collections import Counter

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import flow
from app.records import Inspection, PhotoRef
from ui.context import StationContext
from ui.photo_view import PhotoView, decode_photo, unreadable_text
from ui.problem_text import kind_text, photo_text, quality_text, severity_text
from vision.finding import Finding, FindingKind, Severity

#: Box colours: findings on the record, and those the clerk drew but has not saved.
FOUND_COLOUR = "#ff6d00"
DRAWN_COLOUR = "#2962ff"
#: How tall the evidence crop is shown beside the findings, in pixels.
EVIDENCE_HEIGHT = 140

log = logging.getLogger(__name__)


class ReviewPage(QWidget):
    """The clerk's review of what the camera found."""

    next_requested = Signal()
    #: The clerk would take this photo (a `PhotoRef`) again.
    retake_requested = Signal(object)

    def __init__(self, context: StationContext) -> None:
        super().__init__()
        self._context = context
        self._added: list[Finding] = []
        # Which captured photo is shown (and drawn on).
        self.photo_choice = QComboBox()
        self.photo_choice.currentIndexChanged.connect(self._on_photo_choice_changed)
        # A blurred photo, or one with glare, is better taken again than reviewed.
        self.retake_button = QPushButton(self.tr("Take this photo a&gain"))
        self.retake_button.clicked.connect(self._on_retake_clicked)
        self.view = PhotoView()
        self.view.drawing_enabled = True
        self.view.box_drawn.connect(self._on_view_box_drawn)
        self.findings = QListWidget()
        self.findings.currentRowChanged.connect(self._on_findings_current_changed)
        self.findings.itemDoubleClicked.connect(self._on_findings_double_clicked)
        self.evidence = QLabel()
        self.evidence.setMinimumHeight(EVIDENCE_HEIGHT)
        self.evidence.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.evidence.setWordWrap(True)
        #: Evidence crops asked for: one that arrives after another was asked is dropped.
        self._evidence_asked = 0
        # What was wrong with the photos themselves: their findings may be incomplete.
        self.photo_problems = QLabel()
        self.photo_problems.setWordWrap(True)
        self.photo_problems.setStyleSheet("color: #b35c00;")
        self.photo_problems.hide()
        self.kind = QComboBox()
        for kind in FindingKind:
            self.kind.addItem(kind_text(kind.value), kind)
        self.next_button = QPushButton(self.tr("&Accept review and price"))
        self.next_button.clicked.connect(self._on_next_clicked)
        side = QVBoxLayout()
        side.addWidget(self.photo_problems)
        side.addWidget(QLabel(self.tr("Findings (untick to reject):")))
        side.addWidget(self.findings)
        side.addWidget(QLabel(self.tr("Evidence:")))
        side.addWidget(self.evidence)
        side.addWidget(QLabel(self.tr("Draw a box on the photo to add a finding of kind:")))
        side.addWidget(self.kind)
        side.addWidget(self.next_button)
        choice = QHBoxLayout()
        choice.addWidget(self.photo_choice, 1)
        choice.addWidget(self.retake_button)
        shown = QVBoxLayout()
        shown.addLayout(choice)
        shown.addWidget(self.view)
        row = QHBoxLayout(self)
        row.addLayout(shown, 3)
        row.addLayout(side, 2)
        context.inspection.changed.connect(self._on_inspection_changed)

    def _on_inspection_changed(self, inspection: Inspection | None) -> None:
        self.findings.clear()
        self._added = []
        final = inspection is not None and inspection.state.is_final
        self.next_button.setEnabled(inspection is not None and not final)
        self.view.drawing_enabled = not final
        self._show_photo_problems(inspection)
        if inspection is None:
            self._show_evidence(None)
            self._list_photos(None)
            return
        for finding in inspection.findings:
            text = " · ".join(
                (
                    kind_text(finding.kind.value),
                    f"{finding.length_mm:.1f} mm",
                    severity_text(finding.severity.value),
                )
            )
            if finding.source.value == "clerk":
                text += self.tr(" (clerk)")
            item = QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setData(Qt.ItemDataRole.UserRole, finding.id)
            self.findings.addItem(item)
        if not inspection.findings:
            self.findings.addItem(
                self.tr("No findings, but see the photo problems above")
                if _troubled(inspection)
                else self.tr("No findings: the glass looks clean")
            )
        self._show_evidence(None)  # until one is picked
        self._list_photos(inspection)

    def _show_photo_problems(self, inspection: Inspection | None) -> None:
        lines = []
        for photo in _troubled(inspection) if inspection else ():
            lines.append(photo_text(photo))
            lines += [f"  · {quality_text(q)}" for q in photo.problems]
        if lines:
            heading = self.tr("Photo problems (its findings may be incomplete):")
            self.photo_problems.setText("\n".join([heading, *lines]))
        self.photo_problems.setVisible(bool(lines))

    def _list_photos(self, inspection: Inspection | None) -> None:
        """Fill the photo chooser with the captured photos, in the order taken, and
        show the first that counts (a repeated step is numbered: sides 1 to 4); one
        taken again says it was replaced."""
        photos = flow.captured(inspection) if inspection else []
        replaced = {id(p) for p in flow.replaced_photos(inspection)} if inspection else set()
        names = [photo_text(p) for p in photos]
        taken = Counter(names)
        seen: Counter[str] = Counter()
        self.photo_choice.blockSignals(True)
        self.photo_choice.clear()
        for photo, name in zip(photos, names, strict=True):
            seen[name] += 1
            number = f" ({seen[name]})" if taken[name] > 1 else ""
            if id(photo) in replaced:
                number += self.tr(" — replaced")
            self.photo_choice.addItem(name + number, photo.sha256)
        first = next((i for i, p in enumerate(photos) if id(p) not in replaced), 0)
        self.photo_choice.setCurrentIndex(first)
        self.photo_choice.blockSignals(False)
        self.photo_choice.setEnabled(len(photos) > 1)
        self._show_photo()

    def current_photo(self) -> PhotoRef | None:
        """The captured photo shown, which a box drawn now is placed on."""
        inspection = self._context.inspection.current
        index = self.photo_choice.currentIndex()  # a row for each captured photo
        photos = flow.captured(inspection) if inspection is not None else []
        return photos[index] if 0 <= index < len(photos) else None

    def _on_photo_choice_changed(self, _index: int) -> None:
        self._show_photo()

    def _enable_retake(self) -> None:
        """Taking again is for a photo that counts, of a draft."""
        inspection, photo = self._context.inspection.current, self.current_photo()
        self.retake_button.setEnabled(
            inspection is not None
            and not inspection.state.is_final
            and photo is not None
            and flow.capture_of(photo) is not None
            and any(p is photo for p in flow.current_photos(inspection))
        )

    def _on_retake_clicked(self) -> None:
        photo = self.current_photo()
        if photo is not None:
            self.retake_requested.emit(photo)

    def _show_photo(self) -> None:
        """The chosen photo with the findings on it: the detector's, the saved ones the
        clerk drew, and those drawn since."""
        self._enable_retake()
        inspection = self._context.inspection.current
        photo = self.current_photo()
        if inspection is None or photo is None:
            self.view.show_nothing()
            return
        boxes = [
            (f.bbox_px, FOUND_COLOUR, kind_text(f.kind.value))
            for f in inspection.findings
            if f.bbox_px and f.photo_sha256 == photo.sha256
        ]
        boxes += [
            (f.bbox_px, DRAWN_COLOUR, kind_text(f.kind.value))
            for f in self._added
            if f.bbox_px and f.photo_sha256 == photo.sha256
        ]
        photos, sha = self._context.store.photos, photo.sha256
        self.view.load(self._context.runner, sha, lambda: photos.read(sha), boxes)

    def _on_findings_current_changed(self, row: int) -> None:
        inspection = self._context.inspection.current
        if inspection is None or not 0 <= row < len(inspection.findings):
            self._show_evidence(None)
            return
        finding = inspection.findings[row]
        if finding.photo_sha256 and finding.photo_sha256 != self.photo_choice.currentData():
            rows = range(self.photo_choice.count())
            # The last photo with that hash: one taken again, and so replaced, is first.
            row = max(
                (r for r in rows if self.photo_choice.itemData(r) == finding.photo_sha256),
                default=-1,
            )
            self.photo_choice.setCurrentIndex(row)
        self._show_evidence(finding)

    def _show_evidence(self, finding: Finding | None) -> None:
        """The finding's evidence crop, read and decoded off the GUI thread (the photos
        folder may be on a network drive); a finding with none says so (never the
        last one's crop), and with no finding picked the clerk is told to pick one."""
        self._evidence_asked += 1
        asked = self._evidence_asked
        self.evidence.clear()
        if finding is None:
            inspection = self._context.inspection.current
            if inspection is not None and inspection.findings:
                self.evidence.setText(self.tr("Pick a finding to see its evidence here"))
            return
        sha = finding.evidence_sha256
        if not sha:
            self.evidence.setText(self.tr("This finding has no evidence crop"))
            return
        photos = self._context.store.photos
        self._context.runner.work(
            lambda: decode_photo(photos.read(sha))[0],
            lambda image: self._on_evidence(asked, image),
            lambda error: self._on_evidence_failed(asked, error),
        )

    def _on_evidence(self, asked: int, image: QImage) -> None:
        if shiboken6.isValid(self) and asked == self._evidence_asked:
            self.evidence.setPixmap(
                QPixmap.fromImage(image).scaledToHeight(
                    EVIDENCE_HEIGHT, Qt.TransformationMode.SmoothTransformation
                )
            )

    def _on_evidence_failed(self, asked: int, error: BaseException) -> None:
        if not shiboken6.isValid(self) or asked != self._evidence_asked:
            return
        log.warning("an evidence crop could not be opened", exc_info=error)
        self.evidence.setText(
            self.tr("The evidence crop could not be opened:\n%1").replace(
                "%1", unreadable_text(error)
            )
        )

    def show_finding(self, finding_id: str) -> None:
        """Select the finding with this id (its evidence crop shows)."""
        for index in range(self.findings.count()):
            if self.findings.item(index).data(Qt.ItemDataRole.UserRole) == finding_id:
                self.findings.setCurrentRow(index)
                return

    def _on_findings_double_clicked(self) -> None:
        """The evidence crop enlarged four times, in its own window."""
        pixmap = self.evidence.pixmap()
        if pixmap is None or pixmap.isNull():
            return
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Evidence"))
        label = QLabel()
        label.setPixmap(
            pixmap.scaledToHeight(pixmap.height() * 4, Qt.TransformationMode.SmoothTransformation)
        )
        QVBoxLayout(dialog).addWidget(label)
        dialog.exec()

    def _on_view_box_drawn(self, box: tuple[int, int, int, int]) -> None:
        photo = self.current_photo()
        if photo is None or box[2] < 3 or box[3] < 3:
            return
        kind = FindingKind(self.kind.currentData())
        surface = flow.STEP_SURFACE[photo.step]
        finding = Finding(
            surface, kind, Severity.MODERATE, 1.0, bbox_px=box, photo_sha256=photo.sha256
        )
        self._added.append(finding)
        drawn = self.tr("drawn by the clerk")
        item = QListWidgetItem(f"{kind_text(kind.value)} · {drawn}")
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked)
        self.findings.addItem(item)
        self._show_photo()

    def rejected_ids(self) -> set[str]:
        """Ids of the detector's findings the clerk unticked."""
        rejected = set()
        for index in range(self.findings.count()):
            item = self.findings.item(index)
            finding_id = item.data(Qt.ItemDataRole.UserRole)
            if finding_id and item.checkState() is Qt.CheckState.Unchecked:
                rejected.add(finding_id)
        return rejected

    def _on_next_clicked(self) -> None:
        inspection = self._context.inspection.current
        if inspection is None:
            return
        rejected, added = self.rejected_ids(), tuple(self._added)
        store, clerk = self._context.store, self._context.clerk
        self._context.runner.db(
            lambda: flow.decide_findings(store, inspection.id, clerk, rejected, added),
            self._on_decided,
        )

    def _on_decided(self, inspection: Inspection) -> None:
        self._context.inspection.set(inspection)
        self.next_requested.emit()


def _troubled(inspection: Inspection) -> list[PhotoRef]:
    """The photos that count with something wrong with them (not those taken again)."""
    return [p for p in flow.current_photos(inspection) if p.problems]
