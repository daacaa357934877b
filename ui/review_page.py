"""ReviewPage: each photo with its findings drawn on it; the clerk accepts or rejects
each (Space toggles), or adds one by drawing a box and picking a kind; the evidence
crop of the selected finding is shown enlarged."""

from __future__ import annotations

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
from app.records import Inspection, PhotoRef, PhotoStep
from ui.context import StationContext
from ui.photo_view import PhotoView
from ui.photograph_page import step_text
from ui.problem_text import quality_text
from vision.finding import Finding, FindingKind, Severity, Surface


class ReviewPage(QWidget):
    """The clerk's review of what the camera found."""

    next_requested = Signal()

    def __init__(self, context: StationContext) -> None:
        super().__init__()
        self._context = context
        self._added: list[Finding] = []
        self.view = PhotoView()
        self.view.drawing_enabled = True
        self.view.box_drawn.connect(self._on_view_box_drawn)
        self.findings = QListWidget()
        self.findings.currentRowChanged.connect(self._on_findings_current_changed)
        self.findings.itemDoubleClicked.connect(self._on_findings_double_clicked)
        self.evidence = QLabel()
        self.evidence.setMinimumHeight(140)
        self.evidence.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # What was wrong with the photos themselves: their findings may be incomplete.
        self.photo_problems = QLabel()
        self.photo_problems.setWordWrap(True)
        self.photo_problems.setStyleSheet("color: #b35c00;")
        self.photo_problems.hide()
        self.kind = QComboBox()
        for kind in FindingKind:
            self.kind.addItem(kind.value, kind)
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
        row = QHBoxLayout(self)
        row.addWidget(self.view, 3)
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
            return
        for finding in inspection.findings:
            text = f"{finding.kind.value} · {finding.length_mm:.1f} mm · {finding.severity.value}"
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
        self._show_photo(inspection)

    def _show_photo_problems(self, inspection: Inspection | None) -> None:
        lines = []
        for photo in _troubled(inspection) if inspection else ():
            lines.append(step_text(photo.step))
            lines += [f"  · {quality_text(q)}" for q in photo.problems]
        if lines:
            heading = self.tr("Photo problems (its findings may be incomplete):")
            self.photo_problems.setText("\n".join([heading, *lines]))
        self.photo_problems.setVisible(bool(lines))

    def _show_photo(self, inspection: Inspection) -> None:
        photo = next((p for p in inspection.photos if p.step is not PhotoStep.OTHER), None)
        if photo is None:
            return
        image = QImage.fromData(self._context.store.photos.read(photo.sha256))
        boxes = [
            (f.bbox_px, "#ff6d00", f.kind.value)
            for f in inspection.findings
            if f.bbox_px and f.photo_sha256 == photo.sha256
        ]
        self.view.show_image(image, boxes)

    def _on_findings_current_changed(self, row: int) -> None:
        inspection = self._context.inspection.current
        if inspection is None or not 0 <= row < len(inspection.findings):
            self.evidence.clear()
            return
        finding = inspection.findings[row]
        if finding.evidence_sha256:
            image = QImage.fromData(self._context.store.photos.read(finding.evidence_sha256))
            self.evidence.setPixmap(
                QPixmap.fromImage(image).scaledToHeight(
                    140, Qt.TransformationMode.SmoothTransformation
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
        if box[2] < 3 or box[3] < 3:
            return
        kind = FindingKind(self.kind.currentData())
        finding = Finding(Surface.SCREEN, kind, Severity.MODERATE, 1.0, bbox_px=box)
        self._added.append(finding)
        drawn = self.tr("drawn by the clerk")
        item = QListWidgetItem(f"{kind.value} · {drawn}")
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked)
        self.findings.addItem(item)

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
    """The captured photos (not evidence crops) with something wrong with them."""
    return [p for p in inspection.photos if p.problems and p.step is not PhotoStep.OTHER]
