"""StationWindow: the pages of one inspection, from plug-in to sealed record, with
history and settings; Ctrl+1…8 jumps to a page, and every step has a keyboard route."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app import flow
from app.disk import PHONE_PHOTOS_BYTES, DiskSpace, station_space
from app.errors import YanjiError
from app.records import Inspection, PhotoRef
from app.text import money, size_text
from devices.report import DeviceReport, Platform
from devices.watcher import PhoneEvent
from ui.context import StationContext
from ui.history_page import HistoryPage
from ui.identify_page import IdentifyPage
from ui.overview_page import OverviewPage
from ui.photograph_page import PhotographPage
from ui.problem_text import error_text, filled, lock_name, where_data_is
from ui.quote_page import QuotePage
from ui.review_page import ReviewPage
from ui.seal_page import SealPage
from ui.settings_page import SettingsPage

STYLE = """
QLabel#heading { font-size: 20px; font-weight: bold; }
QLabel#warnings { background: #c62828; color: white; font-size: 16px; padding: 8px; }
QLabel#grade { font-size: 22px; font-weight: bold; }
QLabel#total { font-size: 22px; font-weight: bold; }
QLabel#summary { font-size: 16px; font-weight: bold; }
QLabel#demo { background: #ff6f00; color: white; font-weight: bold; padding: 4px 10px; }
QLabel#disk { background: #c62828; color: white; font-weight: bold; padding: 4px 10px; }
"""

#: How often the free space on the data's disk is looked at again (ms), besides after
#: each photo.
DISK_CHECK_MS = 60_000


class PhoneEvents(QObject):
    """Carries watcher events from its thread to the GUI thread (a queued signal)."""

    arrived = Signal(object)


class StationWindow(QMainWindow):
    """The station's window; it is given the context it shows (no globals).

    In demo mode for want of a camera, ``find_camera`` (returning an opened camera, or
    None when none answers) is tried when the clerk asks; once one answers it is kept
    in ``found_camera`` and ``restart_requested`` is emitted: the station then starts
    afresh on it, with the phones on USB (`ui.station.run_station`). A new language
    is shown the same way: the window is built afresh in it (``resume_point``)."""

    restart_requested = Signal()

    def __init__(
        self,
        context: StationContext,
        frame_source: Any,
        camera: Any = None,
        find_camera: Callable[[], Any] | None = None,
    ) -> None:
        super().__init__()
        self._context = context
        self._find_camera = find_camera
        self.found_camera: Any = None
        self._search_from_settings = False
        self.setWindowTitle(self.tr("Yanji inspection station"))
        self.setStyleSheet(STYLE)
        # Shown only when the disk holding the data runs low (`app.disk.LOW_BYTES`).
        self.disk_warning = QLabel()
        self.disk_warning.setObjectName("disk")
        self.disk_warning.setWordWrap(True)
        self.disk_warning.setVisible(False)
        self.phone_events = PhoneEvents()
        self.overview = OverviewPage(context)
        self.identify = IdentifyPage(context)
        self.photograph = PhotographPage(context, frame_source)
        self.review = ReviewPage(context)
        self.quote = QuotePage(context)
        self.seal = SealPage(context)
        self.history = HistoryPage(context)
        self.settings = SettingsPage(context, camera)
        self.pages = QStackedWidget()
        self.nav = QListWidget()
        self.nav.setMaximumWidth(200)
        names = [
            self.tr("1 Phones"),
            self.tr("2 Identify"),
            self.tr("3 Photograph"),
            self.tr("4 Review"),
            self.tr("5 Grade & quote"),
            self.tr("6 Seal"),
            self.tr("7 History"),
            self.tr("8 Settings"),
        ]
        for name, page in zip(names, self._page_list(), strict=True):
            self.nav.addItem(name)
            self.pages.addWidget(page)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.currentRowChanged.connect(self._on_nav_changed)
        for index in range(8):
            QShortcut(
                QKeySequence(f"Ctrl+{index + 1}"), self, lambda i=index: self.nav.setCurrentRow(i)
            )
        self._wire()
        self.setCentralWidget(self._body())
        self.busy = QProgressBar()
        self.busy.setMaximumWidth(160)
        self.busy.setRange(0, 0)
        self.busy.setVisible(False)
        self.statusBar().addPermanentWidget(self.busy)
        context.runner.busy_changed.connect(self._on_runner_busy_changed)
        self.disk_timer = QTimer(self)
        self.disk_timer.timeout.connect(self.check_disk_space)
        self.disk_timer.start(DISK_CHECK_MS)
        self.check_disk_space()
        self.nav.setCurrentRow(0)
        self.resize(1200, 780)

    def _page_list(self) -> list[QWidget]:
        return [
            self.overview,
            self.identify,
            self.photograph,
            self.review,
            self.quote,
            self.seal,
            self.history,
            self.settings,
        ]

    def _body(self) -> QWidget:
        header = QHBoxLayout()
        title = QLabel(self._context.settings.station.station_name)
        title.setObjectName("heading")
        header.addWidget(title)
        header.addStretch(1)
        if self._context.demo:
            demo = QLabel(
                self.tr("NO CAMERA: demo photos for the recorded phones, files for real ones")
                if self._context.no_camera
                else self.tr("DEMO: recorded phones and generated photos")
            )
            demo.setObjectName("demo")
            header.addWidget(demo)
        content = QHBoxLayout()
        content.addWidget(self.nav)
        content.addWidget(self.pages, 1)
        body = QVBoxLayout()
        body.addLayout(header)
        body.addWidget(self.disk_warning)
        body.addLayout(content)
        widget = QWidget()
        widget.setLayout(body)
        return widget

    def _wire(self) -> None:
        self.phone_events.arrived.connect(self.overview.on_phone_event)
        self.overview.inspect_requested.connect(self._on_overview_inspect_requested)
        self.identify.next_requested.connect(lambda: self.nav.setCurrentRow(2))
        self.photograph.next_requested.connect(lambda: self.nav.setCurrentRow(3))
        self.photograph.store_attempted.connect(self.check_disk_space)
        self.review.next_requested.connect(self._on_review_next_requested)
        self.review.retake_requested.connect(self._on_retake_requested)
        self.quote.next_requested.connect(lambda: self.nav.setCurrentRow(5))
        self.quote.evidence_requested.connect(self._on_quote_evidence_requested)
        self.seal.sealed.connect(lambda _: self.nav.setCurrentRow(6))
        self.history.open_requested.connect(self._on_history_open_requested)
        self.settings.sheet_imported.connect(self._on_settings_sheet_imported)
        self.overview.camera_search_requested.connect(self.look_for_camera)
        self.settings.camera_search_requested.connect(lambda: self.look_for_camera(True))
        self.settings.language_changed.connect(self.restart_requested)

    def resume_point(self) -> tuple[str | None, int]:
        """The inspection in hand (its id) and the page shown, for the next window;
        none once a camera was found: a demo phone's inspection is not carried into
        live work, which starts from the Phones page."""
        if self.found_camera is not None:
            return (None, 0)
        current = self._context.inspection.current
        return (current.id if current is not None else None, self.nav.currentRow())

    def resume(self, point: tuple[str | None, int]) -> None:
        """Take up where the last window left off (``resume_point``)."""
        inspection_id, page = point
        if inspection_id is not None:
            try:
                self._context.inspection.set(self._context.store.get(inspection_id))
            except YanjiError:  # gone meanwhile: start from the Phones page
                return
        self.nav.setCurrentRow(page)

    def look_for_camera(self, from_settings: bool = False) -> None:
        """Try the camera the settings name, off the GUI thread (opening one takes up to
        a few seconds); see the class's text. ``from_settings``: the answer is shown on
        the Settings page too."""
        self._search_from_settings |= from_settings
        if self._find_camera is None or not self.overview.camera_button.isEnabled():
            return
        self.overview.camera_button.setEnabled(False)
        index = str(self._context.settings.camera.index)
        self.overview.camera_note.setText(filled(self.tr("Looking for camera %1…"), index))
        self._context.runner.work(self._find_camera, self._on_camera_searched, self._on_camera_lost)

    def _on_camera_searched(self, camera: Any) -> None:
        if camera is None:
            self._on_camera_lost(None)
            return
        self.found_camera = camera
        self.overview.camera_note.setText(self.tr("Camera found: starting with it…"))
        self.restart_requested.emit()

    def _on_camera_lost(self, error: BaseException | None) -> None:
        self.overview.camera_button.setEnabled(True)
        text = self.tr("No camera at index %1: plug it in, or pick another index in Settings.")
        text = filled(text, str(self._context.settings.camera.index))
        if error is not None:
            text += f" ({error_text(error)})"
        self.overview.camera_note.setText(text)
        if self._search_from_settings:
            self.settings.message.setText(self.tr("Saved.") + " " + text)
        self._search_from_settings = False

    def on_phone_event(self, event: PhoneEvent) -> None:
        """Thread-safe: called by the watcher from its thread."""
        self.phone_events.arrived.emit(event)

    def _on_nav_changed(self, row: int) -> None:
        if self.pages.widget(row) is self.history:
            self.history.refresh()
        if self.pages.widget(row) is self.photograph:
            self.photograph.refresh_preview()

    def _on_overview_inspect_requested(self, report: DeviceReport) -> None:
        context = self._context
        self.context_run(
            lambda: flow.unfinished(context.store, context.station_id, report),
            lambda found: self._on_unfinished_looked_for(report, found),
        )

    def _on_unfinished_looked_for(self, report: DeviceReport, found: Inspection | None) -> None:
        """Begin the phone's inspection, or carry on with the one not finished (a phone
        refused for a lock, back once the seller removed it), as the clerk chooses."""
        context = self._context
        carry_on = self._ask_carry_on(found) if found is not None else False
        if carry_on is None:
            return
        if carry_on and found is not None:
            self.context_run(
                lambda: flow.carry_on(context.store, found.id, context.clerk, report),
                self._on_started,
            )
            return
        self.context_run(
            lambda: flow.start(context.store, context.station_id, context.clerk, report),
            self._on_started,
        )

    def _ask_carry_on(self, found: Inspection) -> bool | None:
        """Whether to carry on with ``found`` (True), begin anew (False), or neither."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Not finished"),
            filled(
                self.tr(
                    "This phone's inspection of %1 was not finished: %2.\n\nCarry on with "
                    "it, with what the phone says now? Its photos and findings are kept, "
                    "and it is priced again."
                ),
                found.created_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                self._how_far(found),
            ),
            parent=self,
        )
        carry = box.addButton(self.tr("&Carry on with it"), QMessageBox.ButtonRole.AcceptRole)
        anew = box.addButton(self.tr("Begin a &new one"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(carry)
        box.exec()
        clicked = box.clickedButton()
        return True if clicked is carry else False if clicked is anew else None

    def _how_far(self, found: Inspection) -> str:
        """How far an unfinished inspection went: refused and why, priced, or not."""
        quote = found.quote
        if quote is not None and quote.refused:
            device = found.device
            android = device is not None and device.platform is Platform.ANDROID
            locks = device.locks.blocking() if device is not None else ()
            if not locks:
                return self.tr("refused")
            names = [lock_name(lock, android=android) for lock in locks]
            return filled(self.tr("refused (%1)"), self.tr(", ").join(names))
        if quote is not None:
            return filled(self.tr("priced at %1, not sealed"), money(quote.total_fen))
        photos = len(flow.current_photos(found))  # one taken again counts once
        return filled(self.tr("not priced; photos taken: %1"), str(photos))

    def _on_started(self, inspection: Inspection) -> None:
        self._context.inspection.set(inspection)
        self.nav.setCurrentRow(1)

    def _on_review_next_requested(self) -> None:
        self.nav.setCurrentRow(4)
        self.quote.price_button.click()

    def _on_retake_requested(self, photo: PhotoRef) -> None:
        self.photograph.take_again(photo)
        self.nav.setCurrentRow(2)

    def _on_quote_evidence_requested(self, finding_id: str) -> None:
        self.nav.setCurrentRow(3)
        self.review.show_finding(finding_id)

    def _on_history_open_requested(self, inspection_id: str) -> None:
        store = self._context.store
        self.context_run(lambda: store.get(inspection_id), self._on_opened)

    def _on_opened(self, inspection: Inspection) -> None:
        self._context.inspection.set(inspection)
        self.nav.setCurrentRow(4)

    def _on_settings_sheet_imported(self, _sheet: object) -> None:
        from app.quoting import pricing_setup

        store = self._context.store
        self.context_run(lambda: pricing_setup(store), self._on_pricing_loaded)

    def _on_pricing_loaded(self, setup: Any) -> None:
        self._context.pricing = setup
        self.overview.refresh_status()

    def context_run(self, fn: Any, on_done: Any) -> None:
        """Database work off the GUI thread; a failure is shown, not raised."""
        self._context.runner.db(fn, on_done, self._on_failed)

    def _on_failed(self, error: BaseException) -> None:
        QMessageBox.warning(self, self.tr("Something went wrong"), error_text(error))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        # The task runner is shut down once the window is closed: nothing more to ask it
        # but the last (it finishes the tasks running).
        self.disk_timer.stop()
        self.photograph.take_patterns_off()
        super().closeEvent(event)

    def check_disk_space(self) -> None:
        """Look at the free space on the disk holding the station's data (off the GUI
        thread: the data may be on a network drive) and warn when it is low."""
        data_dir = self._context.data_dir
        self._context.runner.work(
            lambda: station_space(data_dir),
            self._on_disk_space,
            self._on_disk_space_unknown,
            quiet=True,
        )

    def _on_disk_space(self, space: DiskSpace) -> None:
        self.photograph.set_disk_full(space.full)
        self.disk_warning.setVisible(space.low)
        if space.low:
            self.disk_warning.setText(
                filled(
                    self.tr(
                        "The disk holding the station's data has only %1 free; a phone's photos "
                        "take about %2. Free space on it, or move the station's data to a larger "
                        "disk%3."
                    ),
                    size_text(space.free),
                    size_text(PHONE_PHOTOS_BYTES),
                    where_data_is(),
                )
            )

    def _on_disk_space_unknown(self, error: BaseException) -> None:
        self.photograph.set_disk_full(False)  # not known: a photo will say for itself
        self.disk_warning.setVisible(True)
        self.disk_warning.setText(
            filled(
                self.tr("The free space on the disk holding the station's data cannot be read: %1"),
                error_text(error),
            )
        )

    def _on_runner_busy_changed(self, count: int) -> None:
        self.busy.setVisible(count > 0)
