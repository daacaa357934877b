"""SettingsPage: station and store names, clerk, camera, resolution and exposure, language,
price sheet import, and where the data lives."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.grading import load_standard
from app.price_sheet import PriceSheet, PriceSheetError
from app.settings import Settings, save_settings
from ui.context import StationContext
from ui.file_dialog import ask_open, ask_save
from ui.problem_text import (
    camera_text,
    error_text,
    filled,
    os_reason,
    sheet_error_text,
    sheet_problem_text,
    whole_file_problem,
)
from vision.camera import CameraError, camera_names

#: The exposure box's lowest step, shown as "Auto"; the settings allow -13 and up.
AUTO_EXPOSURE = -14.0


class SettingsPage(QWidget):
    """Edits the station's settings; ``saved`` carries the new Settings."""

    saved = Signal(object)
    sheet_imported = Signal(object)
    #: Camera settings saved while no camera answered at start (demo mode for want of
    #: one): the window looks for it (`StationWindow.look_for_camera`).
    camera_search_requested = Signal()
    #: The language was changed and saved: the window is built afresh in it.
    language_changed = Signal()

    def __init__(self, context: StationContext, camera: Any = None) -> None:
        """``camera`` (a `vision.camera.CameraSource`; None in demo mode) is opened
        afresh when its settings are saved."""
        super().__init__()
        self._context = context
        self._camera = camera
        s = context.settings
        self.station_name = QLineEdit(s.station.station_name)
        self.store_name = QLineEdit(s.station.store_name)
        self.clerk = QLineEdit(s.station.clerk)
        self.camera_index = QSpinBox()
        self.camera_index.setRange(0, 63)
        self.camera_index.setValue(s.camera.index)
        #: The name of the camera at that index, or which indices have one.
        self.camera_name = QLabel()
        self.camera_name.setWordWrap(True)  # a long list of cameras does not widen the window
        self.resolution = _resolution_box((s.camera.width, s.camera.height))
        self.exposure = self._exposure_box(s.camera.exposure)
        self.language = QComboBox()
        self.language.addItem(self.tr("System language"), "auto")
        self.language.addItem("中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(self.language.findData(s.ui.language), 0))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.sheet_problems = _problems_box()
        save = QPushButton(self.tr("&Save settings"))
        save.clicked.connect(self._on_save_clicked)
        import_button = QPushButton(self.tr("&Import a price sheet (CSV or XLSX)…"))
        import_button.clicked.connect(self._on_import_clicked)
        marker_button = QPushButton(self.tr("Save the scale &marker sheet to print…"))
        marker_button.clicked.connect(self._on_marker_clicked)
        form = QFormLayout()
        form.addRow(self.tr("Station name"), self.station_name)
        form.addRow(self.tr("Store name"), self.store_name)
        form.addRow(self.tr("Clerk"), self.clerk)
        form.addRow(self.tr("Camera"), self._camera_row())
        form.addRow(self.tr("Resolution"), self.resolution)
        form.addRow(self.tr("Exposure"), self.exposure)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Data directory"), QLabel(str(context.data_dir.root)))
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Settings"))
        heading.setObjectName("heading")
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(save)
        layout.addWidget(import_button)
        layout.addWidget(marker_button)
        layout.addWidget(self.message)
        layout.addWidget(self.sheet_problems, 3)
        layout.addStretch(1)

    def _camera_row(self) -> QHBoxLayout:
        """The camera's index, and the name of the camera there beside it."""
        self.camera_index.valueChanged.connect(self.show_camera_name)
        row = QHBoxLayout()
        row.addWidget(self.camera_index)
        row.addWidget(self.camera_name, 1)
        return row

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        """Cameras come and go: the list is read each time the page is shown (a few
        small files)."""
        self.show_camera_name()
        super().showEvent(event)

    def show_camera_name(self) -> None:
        """Name the camera at the chosen index as the system lists it, or say which
        indices have one; nothing where the system does not list cameras (Windows)."""
        names = camera_names()
        index = self.camera_index.value()
        if names is None:
            text = ""
        elif index in names:
            text = names[index]
        elif not names:
            text = self.tr("No camera is plugged in.")
        else:
            listed = ", ".join(filled(self.tr("%1 (%2)"), str(i), n) for i, n in names.items())
            text = filled(self.tr("No camera at %1. Cameras: %2"), str(index), listed)
        self.camera_name.setText(text)

    def _exposure_box(self, exposure: float | None) -> QDoubleSpinBox:
        """OpenCV's exposure value means what the camera driver makes of it; the step
        below the range is "Auto" (None: the camera's automatic exposure)."""
        box = QDoubleSpinBox()
        box.setDecimals(0)
        box.setRange(AUTO_EXPOSURE, 10_000)
        box.setSpecialValueText(self.tr("Auto"))
        box.setValue(AUTO_EXPOSURE if exposure is None else exposure)
        box.setToolTip(
            self.tr(
                "A fixed exposure keeps black glass from glaring. Linux: in units of "
                "0.1 ms (e.g. 150); Windows: a power of two in seconds (e.g. -6 is 1/64 s)."
            )
        )
        return box

    def edited(self) -> Settings:
        """The settings as edited (validated by the model)."""
        s = self._context.settings
        width, height = self.resolution.currentData()
        return s.model_copy(
            update={
                "station": s.station.model_copy(
                    update={
                        "station_name": self.station_name.text().strip() or s.station.station_name,
                        "store_name": self.store_name.text().strip(),
                        "clerk": self.clerk.text().strip() or s.station.clerk,
                    }
                ),
                "camera": s.camera.model_copy(
                    update={
                        "index": self.camera_index.value(),
                        "width": width,
                        "height": height,
                        "exposure": None
                        if self.exposure.value() <= AUTO_EXPOSURE
                        else self.exposure.value(),
                    }
                ),
                "ui": s.ui.model_copy(update={"language": self.language.currentData()}),
            }
        )

    def _on_save_clicked(self) -> None:
        settings = self.edited()
        before = self._context.settings.camera
        language = self._context.settings.ui.language
        save_settings(self._context.data_dir.settings, settings)
        self._context.settings = settings
        self.message.setText(self.tr("Saved."))
        if settings.camera != before:
            self._apply_camera()
        self.saved.emit(settings)
        if settings.ui.language != language:
            self.message.setText(self.tr("Saved. Switching the language…"))
            self.language_changed.emit()

    def _apply_camera(self) -> None:
        """Open the camera afresh with the saved settings, off the GUI thread (opening
        one takes up to a few seconds)."""
        camera, context = self._camera, self._context
        index = str(context.settings.camera.index)
        if camera is None:
            if context.no_camera:
                self.message.setText(filled(self.tr("Saved. Looking for camera %1…"), index))
                self.camera_search_requested.emit()
            else:
                self.message.setText(self.tr("Saved. The demo (--demo) does not use the camera."))
            return
        self.message.setText(filled(self.tr("Saved. Opening camera %1…"), index))

        def reopen() -> tuple[int, tuple[int, int]]:
            # The newest saved settings, should two saves overlap: the last one wins
            # whichever task runs first.
            now = context.settings.camera
            return now.index, camera.reopen(now.index, now.width, now.height, now.exposure)

        self._context.runner.work(reopen, self._on_camera_opened, self._on_camera_failed)

    def _on_camera_opened(self, result: tuple[int, tuple[int, int]]) -> None:
        index, (width, height) = result
        self.message.setText(
            filled(self.tr("Saved. Camera %1 gives %2×%3."), str(index), str(width), str(height))
        )

    def _on_camera_failed(self, error: BaseException) -> None:
        if isinstance(error, CameraError):  # names the camera and what to check itself
            self.message.setText(filled(self.tr("Saved, but %1"), camera_text(error)))
            return
        self.message.setText(
            filled(
                self.tr("Saved, but camera %1 does not answer: %2"),
                str(self._context.settings.camera.index),
                error_text(error),
            )
        )

    def _on_import_clicked(self) -> None:
        name = ask_open(
            self, self.tr("Price sheet"), "", self.tr("Price sheets (*.csv *.xlsx *.txt)")
        )
        if name:
            self.import_sheet(Path(name))

    def _on_marker_clicked(self) -> None:
        name = ask_save(
            self, self.tr("Scale marker"), "yanji-marker.png", self.tr("PNG image (*.png)")
        )
        if name:
            self.save_marker(Path(name))

    def save_marker(self, path: Path) -> None:
        """Write the printable marker sheet (A4, 300 dpi) for phones not in the size
        table: laid on the mat, it gives the photo's scale."""
        from vision.marker import MARKER_MM, write_sheet

        path = path if path.suffix.lower() == ".png" else path.with_name(path.name + ".png")
        try:
            write_sheet(path)
        except OSError as error:
            self.message.setText(
                filled(self.tr("%1 could not be written: %2"), str(path), os_reason(error))
            )
            return
        self.message.setText(
            filled(
                self.tr(
                    "Saved %1: print it at 100 % (actual size); "
                    "its black square must measure %2 mm."
                ),
                str(path),
                f"{MARKER_MM:.0f}",
            )
        )

    def import_sheet(self, path: Path) -> None:
        """Import a sheet off the GUI thread; every bad line is shown."""
        store = self._context.store
        self.message.setText(filled(self.tr("Importing %1…"), path.name))
        self.sheet_problems.clear()
        self.sheet_problems.hide()

        def imported() -> tuple[PriceSheet, PriceSheet | None]:
            sheet = store.prices.import_file(path, load_standard())
            return sheet, store.prices.in_force()

        self._context.runner.db(imported, self._on_imported, self._on_import_failed)

    def _on_imported(self, result: tuple[PriceSheet, PriceSheet | None]) -> None:
        """Say what came in and whether it prices phones now: a sheet dated ahead waits
        for its day, and one dated before the sheet in force does not replace it, which
        the clerk would not otherwise know."""
        sheet, in_force = result
        if in_force is not None and in_force.id == sheet.id:
            words = self.tr("Imported as version %1 (%2 rows): it prices phones from now on.")
        elif sheet.effective > date.today():
            words = self.tr("Imported as version %1 (%2 rows): it prices phones from %3.")
        else:
            words = self.tr(
                "Imported as version %1 (%2 rows); version %4, dated later (%5), stays in force."
            )
        self.message.setText(
            filled(
                words,
                str(sheet.version),
                str(len(sheet.rows)),
                sheet.effective.isoformat(),
                str(in_force.version if in_force else ""),
                in_force.effective.isoformat() if in_force else "",
            )
        )
        self.sheet_imported.emit(sheet)

    def _on_import_failed(self, error: BaseException) -> None:
        if isinstance(error, PriceSheetError) and not whole_file_problem(error):
            self.message.setText(sheet_error_text(error))
            self.sheet_problems.setPlainText("\n".join(map(sheet_problem_text, error.problems)))
            self.sheet_problems.show()
            return
        self.message.setText(error_text(error))


def _resolution_box(saved: tuple[int, int]) -> QComboBox:
    """The camera sizes on offer, ``saved`` selected: it is offered too when
    settings.json names one not in the list (findData cannot match a tuple: the index
    is looked up here)."""
    box = QComboBox()
    sizes = sorted({(1280, 720), (1920, 1080), (3840, 2160), (4000, 3000), saved})
    for width, height in sizes:
        box.addItem(f"{width}×{height}", (width, height))
    box.setCurrentIndex(sizes.index(saved))
    return box


def _problems_box() -> QPlainTextEdit:
    """Where a price sheet's problems are listed, one per line, hidden until there are
    some: a long list scrolls instead of stretching the window, and can be copied to
    whoever keeps the sheet."""
    box = QPlainTextEdit()
    box.setReadOnly(True)
    box.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    box.hide()
    return box
