"""PhotographPage: the live view with the phone's outline and quality hints, and the
guided captures in order (screen off, back, sides). Each photo is stored the moment
it is taken, then analysed off the GUI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, wait
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import flow
from app.records import Inspection, PhoneSide, PhotoRef, PhotoStep
from app.text import money
from devices.android import PatternRefused
from devices.errors import NO_ANSWER, PhoneState, PhoneUnavailable
from devices.report import DeviceReport, Platform
from devices.watcher import PhoneRef
from ui.context import StationContext
from ui.file_dialog import ask_open
from ui.photo_view import PhotoView
from ui.problem_text import (
    camera_text,
    error_text,
    filled,
    pattern_text,
    photo_text,
    quality_text,
    side_text,
    step_text,
)
from vision.camera import IMAGE_SUFFIXES, CameraError
from vision.finding import FindingSource
from vision.locate import Quality
from vision.patterns import Pattern

#: The guided captures in order, with the surface each shows.
STEPS = tuple(flow.STEP_SURFACE.items())
STEP_INDEX = {step: index for index, (step, _) in enumerate(STEPS)}
PATTERN_INDEX = STEP_INDEX[PhotoStep.PATTERN]
#: The photo files the file dialog lists.
PHOTO_PATTERNS = " ".join(f"*{suffix}" for suffix in sorted(IMAGE_SUFFIXES))

log = logging.getLogger(__name__)


class PhotographPage(QWidget):
    """Guided captures; ``frame_source`` gives the next camera frame (BGR array)."""

    next_requested = Signal()
    captured = Signal(object)
    #: A photo was stored, or could not be: the disk's free space has changed.
    store_attempted = Signal()

    def __init__(self, context: StationContext, frame_source: Any) -> None:
        super().__init__()
        self._context = context
        self._frame_source = frame_source
        self._step = 0
        #: The clerk asked to photograph one more test pattern (the step is done).
        self._again = False
        #: The photo the clerk is taking again, and its inspection's id: the next
        #: photo takes its place (`flow.photograph`).
        self._retake: tuple[PhotoRef, str] | None = None
        self.view = PhotoView()
        self.hints = QLabel()
        self.hints.setWordWrap(True)
        # What became of the last photo taken or chosen: kept until the next one, as the
        # live hints change with every frame.
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.steps = QListWidget()
        self.steps.setWordWrap(True)  # a long step name wraps, not cut off
        self.steps.addItems([step_text(step) for step, _ in STEPS])
        self.capture_button = QPushButton(self.tr("&Capture"))
        self.capture_button.setDefault(True)
        self.capture_button.clicked.connect(self._on_capture_clicked)
        # A photo taken elsewhere: with a handheld phone at a stall, or a camera that
        # has no cable to the station.
        self.file_button = QPushButton(self.tr("Use a photo from a &file…"))
        self.file_button.clicked.connect(self._on_file_clicked)
        self._photo_folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.PicturesLocation
        )
        self.next_button = QPushButton(self.tr("&Review the findings"))
        self.next_button.clicked.connect(self.next_requested)
        # The screen-on step: which test pattern, and how it gets onto the phone's
        # screen. White shows dead pixels, black bright ones, the colours stuck ones,
        # grey mura and burn-in: one is photographed at a time, white first.
        self.pattern_choice = QComboBox()
        for pattern in Pattern:
            self.pattern_choice.addItem(pattern_text(pattern), pattern)
        self.pattern_choice.currentIndexChanged.connect(
            lambda _: self._show_pattern_help(self._context.inspection.current)
        )
        self.pattern_help = QLabel()
        self.pattern_help.setWordWrap(True)
        self.pattern_button = QPushButton(self.tr("Show the pattern on the &phone"))
        self.pattern_button.clicked.connect(self._on_pattern_clicked)
        self.more_patterns_button = QPushButton(self.tr("Capture another test pa&ttern"))
        self.more_patterns_button.clicked.connect(self._on_more_patterns_clicked)
        self._make_retake_controls()
        # The sides step: each side of the frame is a photo of its own, in order.
        self.side_help = QLabel()
        self.side_help.setObjectName("side_help")
        self.side_help.setWordWrap(True)
        # The first capture: the bare phone. A case hides the frame, and a screen
        # protector's edge reads as a long scratch or a crack (docs/vision.md).
        self.bare_help = QLabel(
            self.tr(
                "First take the phone out of its case and peel off any screen protector: its edge would read as a scratch. Then lay it screen up, screen off, with the always-on display (clock) off too."
            )
        )
        self.bare_help.setObjectName("bare_help")
        self.bare_help.setWordWrap(True)
        self._lay_out()
        # The live view: a frame every 100 ms while the page is shown; a frame that
        # arrives while the last one is still being located is dropped, not queued.
        self.preview_timer = QTimer(self)
        self.preview_timer.setObjectName("preview_timer")
        self.preview_timer.setInterval(100)
        self.preview_timer.timeout.connect(self.refresh_preview)
        self._previewing = False
        #: The last look at the disk found no room for a phone's photos (the window
        #: looks, `set_disk_full`).
        self._disk_full = False
        #: The inspection whose phone was sent a test pattern, and that phone: the
        #: patterns are taken off it again once the screen-on step is left.
        self._patterns_on: tuple[str, PhoneRef] | None = None
        #: The last push or removal of a pattern, which the next waits for.
        self._pattern_task: Future[Any] | None = None
        context.inspection.changed.connect(self._on_inspection_changed)

    def _make_retake_controls(self) -> None:
        """Taking a photo again (a blurred one, glare, a finger in the picture): the new
        photo takes the old one's place, whose findings are dropped."""
        self.retake_help = QLabel()
        self.retake_help.setObjectName("retake_help")
        self.retake_help.setWordWrap(True)
        self.retake_help.setStyleSheet("color: #b35c00;")
        self.keep_button = QPushButton(self.tr("&Keep the photo taken"))
        self.keep_button.clicked.connect(self._on_keep_clicked)
        self.retake_button = QPushButton(self.tr("Take the last photo &again"))
        self.retake_button.clicked.connect(self._on_retake_clicked)

    def _lay_out(self) -> None:
        """The live view, and beside it the steps, the pattern's controls, what is
        wrong with the picture or the last photo, and the buttons."""
        side = QVBoxLayout()
        side.addWidget(QLabel(self.tr("Captures, in order:")))
        side.addWidget(self.steps)
        side.addWidget(self.retake_help)
        side.addWidget(self.keep_button)
        side.addWidget(self.pattern_choice)
        side.addWidget(self.pattern_help)
        side.addWidget(self.pattern_button)
        side.addWidget(self.more_patterns_button)
        side.addWidget(self.side_help)
        side.addWidget(self.bare_help)
        side.addWidget(self.hints)
        side.addWidget(self.outcome)
        side.addWidget(self.retake_button)
        side.addWidget(self.capture_button)
        side.addWidget(self.file_button)
        side.addWidget(self.next_button)
        row = QHBoxLayout(self)
        row.addWidget(self.view, 3)
        row.addLayout(side, 1)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.preview_timer.start()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        super().hideEvent(event)
        self.preview_timer.stop()

    def _on_inspection_changed(self, inspection: Inspection | None) -> None:
        self._again = False
        if self._retake is not None and (inspection is None or inspection.id != self._retake[1]):
            self._retake = None
        self.outcome.clear()
        self._update(inspection)

    def take_again(self, photo: PhotoRef) -> None:
        """Take ``photo`` (one of the current inspection's) again: the page goes to its
        capture, and the next photo taken or chosen takes its place."""
        inspection = self._context.inspection.current
        if inspection is None or inspection.state.is_final or flow.capture_of(photo) is None:
            return
        self._again = False
        self._retake = (photo, inspection.id)
        self.outcome.clear()
        self._update(inspection)

    def retaking(self) -> PhotoRef | None:
        """The photo the next one is to take the place of; None when none is."""
        return self._retake[0] if self._retake is not None else None

    def _on_retake_clicked(self) -> None:
        inspection = self._context.inspection.current
        last = self._last_photo(inspection)
        if last is not None:
            self.take_again(last)

    def _on_keep_clicked(self) -> None:
        self._retake = None
        self._update(self._context.inspection.current)

    @staticmethod
    def _last_photo(inspection: Inspection | None) -> PhotoRef | None:
        """The last photo taken, if it counts and showed the phone (one that showed
        none is taken again as the step it was of)."""
        taken = flow.captured(inspection) if inspection is not None else []
        if not taken or not flow.shows_phone(taken[-1]) or flow.capture_of(taken[-1]) is None:
            return None
        current = flow.current_photos(inspection) if inspection is not None else []
        return taken[-1] if current and current[-1] is taken[-1] else None

    def _update(self, inspection: Inspection | None) -> None:
        # A capture is done once a photo of it shows the phone; one that showed none
        # stays the current step, to be taken again (pricing asks for it too).
        done = flow.photographed(inspection) if inspection else frozenset()
        self._step = next((i for i, (s, _) in enumerate(STEPS) if s not in done), len(STEPS))
        if self._again:
            self._step = PATTERN_INDEX
        retake = self.retaking()
        if retake is not None:
            self._step = STEP_INDEX[retake.step]
        self._remove_patterns(inspection)
        for index in range(self.steps.count()):
            self.steps.item(index).setText(self._step_line(STEPS[index][0], inspection, done))
        self.steps.setCurrentRow(min(self._step, len(STEPS) - 1))
        final = inspection is not None and inspection.state.is_final
        open_step = inspection is not None and self._step < len(STEPS) and not final
        camera = self._enable_taking(inspection, open_step)
        if inspection is not None and not camera:
            self._show_last_photo(inspection)
            if open_step:
                self.hints.setText(self._no_camera_text())
        if inspection is not None and not open_step:  # no "capture" hint left standing
            self.hints.setText(self._done_text(final))
        self._choose_pattern(inspection)
        self._show_pattern_help(inspection)
        self._show_side_help()
        self._show_retake(inspection, final)
        self.refresh_preview()

    def _show_retake(self, inspection: Inspection | None, final: bool) -> None:
        """While a photo is taken again: which, and a way back; otherwise a button to
        take the last photo again."""
        retake = self.retaking()
        self.retake_help.setVisible(retake is not None)
        self.keep_button.setVisible(retake is not None)
        if retake is not None:
            self.retake_help.setText(
                filled(
                    self.tr(
                        "Taking again: %1. The new photo takes the place of the one taken, and that one's findings are dropped."
                    ),
                    photo_text(retake),
                )
            )
        last = self._last_photo(inspection)
        self.retake_button.setVisible(retake is None and last is not None and not final)
        if last is not None:
            self.retake_button.setText(
                filled(self.tr("Take the last photo &again (%1)"), photo_text(last))
            )

    def _step_line(
        self, step: PhotoStep, inspection: Inspection | None, done: frozenset[PhotoStep]
    ) -> str:
        """A capture as the list of steps shows it: ticked when done; the sides with
        how many of the four are taken; one whose last photo showed no phone, so."""
        if step in done:
            return step_text(step) + " ✓"
        shots = [p for p in flow.captured(inspection) if p.step is step] if inspection else []
        if shots and not flow.shows_phone(shots[-1]):
            return filled(self.tr("%1 (no phone: take again)"), step_text(step))
        if step is PhotoStep.SIDE and inspection is not None and shots:
            taken = len(PhoneSide) - len(flow.sides_left(inspection))
            return filled(self.tr("%1 (%2 of 4 taken)"), step_text(step), str(taken))
        return step_text(step)

    def next_side(self) -> PhoneSide | None:
        """The side of the frame the next side shot is of; None off the sides step."""
        inspection = self._context.inspection.current
        if (
            inspection is None
            or self._step >= len(STEPS)
            or STEPS[self._step][0] is not PhotoStep.SIDE
        ):
            return None
        retake = self.retaking()
        if retake is not None and flow.photo_side(retake) is not None:
            return flow.photo_side(retake)
        return next(iter(flow.sides_left(inspection)), PhoneSide.LEFT)

    def _capture_text(self) -> str:
        """The capture to take next, as named to the clerk (the sides: which side)."""
        step, side = STEPS[self._step][0], self.next_side()
        if side is None:
            return step_text(step)
        return filled(self.tr("%1: %2"), step_text(step), side_text(side))

    def _show_side_help(self) -> None:
        """At the sides step: which side to photograph next, and how to lay the phone.
        At the screen-off step: the phone bare, out of its case, no protector."""
        screen_off = self._step < len(STEPS) and STEPS[self._step][0] is PhotoStep.SCREEN_OFF
        self.bare_help.setVisible(self._context.inspection.current is not None and screen_off)
        side = self.next_side()
        self.side_help.setVisible(side is not None)
        if side is None:
            return
        how = {
            PhoneSide.LEFT: self.tr(
                "Next: the left side (as you face the screen). Stand the phone on its right side (hold it, or lean it on a stand), the left side up to the camera."
            ),
            PhoneSide.RIGHT: self.tr(
                "Next: the right side. Stand the phone on its left side (hold it, or lean it on a stand), the right side up to the camera."
            ),
            PhoneSide.TOP: self.tr(
                "Next: the top end. Stand the phone upright on its bottom end (hold it, or lean it on a stand), the top end up to the camera."
            ),
            PhoneSide.BOTTOM: self.tr(
                "Next: the bottom end (charging port). Stand the phone upright on its top end (hold it, or lean it on a stand), the bottom end up to the camera."
            ),
        }[side]
        self.side_help.setText(how)

    def _enable_taking(self, inspection: Inspection | None, open_step: bool) -> bool:
        """Capture and "use a photo from a file" on an open step; Capture only with a
        camera for this phone (returned)."""
        camera = inspection is not None and self._context.camera_for(inspection.device)
        self.capture_button.setEnabled(open_step and camera)
        self.file_button.setEnabled(open_step)
        return camera

    def _patterns_left(self, inspection: Inspection | None) -> list[Pattern]:
        """The test patterns not yet photographed for ``inspection``, in order; a demo
        phone shows white only (its photos are drawn so)."""
        taken = {
            flow.photo_pattern(p) or Pattern.WHITE.value
            for p in (flow.current_photos(inspection) if inspection else ())
            if p.step is PhotoStep.PATTERN and flow.shows_phone(p)
        }
        left = [p for p in Pattern if p.value not in taken]
        recorded = inspection is not None and self._context.recorded(inspection.device)
        return [p for p in left if p is Pattern.WHITE] if recorded else left

    def _choose_pattern(self, inspection: Inspection | None) -> None:
        left = self._patterns_left(inspection)
        first = left[0] if left else Pattern.WHITE
        retake = self.retaking()
        shown = flow.photo_pattern(retake) if retake is not None else None
        if shown in {p.value for p in Pattern}:
            first = Pattern(shown)
        self.pattern_choice.blockSignals(True)
        self.pattern_choice.setCurrentIndex(self.pattern_choice.findData(first))
        self.pattern_choice.blockSignals(False)
        # A pattern taken again is that pattern: another would take no photo's place.
        self.pattern_choice.setEnabled(
            (inspection is None or not self._context.recorded(inspection.device)) and retake is None
        )
        final = inspection is None or inspection.state.is_final
        done = any(p.step is PhotoStep.PATTERN for p in inspection.photos) if inspection else False
        self.more_patterns_button.setVisible(
            done and not final and bool(left) and self._step != PATTERN_INDEX
        )

    def _on_more_patterns_clicked(self) -> None:
        self._again = True
        self._retake = None  # another pattern, not the photo being taken again
        self._update(self._context.inspection.current)

    def chosen_pattern(self) -> Pattern:
        """The test pattern the next screen-on photo shows."""
        return Pattern(self.pattern_choice.currentData())

    def _show_pattern_help(self, inspection: Inspection | None) -> None:
        """At the screen-on step: the pattern to show, a button that puts it on an
        Android phone over adb, or what to do on an iPhone (nothing can be pushed to
        one)."""
        at_pattern = inspection is not None and self._step == PATTERN_INDEX
        device = inspection.device if inspection is not None else None
        android = device is not None and device.platform is Platform.ANDROID
        self.pattern_choice.setVisible(at_pattern)
        self.pattern_help.setVisible(at_pattern)
        self.pattern_button.setVisible(at_pattern and android)
        self.pattern_button.setEnabled(True)
        if not at_pattern:
            return
        pattern = self.chosen_pattern()
        if device is not None and device.platform is Platform.IOS:
            text = {
                Pattern.WHITE: self.tr(
                    "On the iPhone: turn Dark Mode off and the brightness up, open Notes and start a new note, so that the screen is white. Then capture."
                ),
                Pattern.BLACK: self.tr(
                    "On the iPhone: turn Dark Mode on and the brightness up, open Notes and start a new note, so that the screen is black. Then capture."
                ),
            }.get(
                pattern,
                self.tr(
                    "On the iPhone: open a picture of this colour full screen in Photos, brightness up. Then capture."
                ),
            )
        elif self._context.send_pattern is None or self._context.recorded(device):
            text = self.tr("A recorded phone: the demo photo shows the white pattern.")
            self.pattern_button.setEnabled(False)
        else:
            text = self.tr(
                "Unlock the phone, press the button: it opens the pattern full screen. Turn its brightness up, then capture."
            )
        self.pattern_help.setText(text)

    def _on_pattern_clicked(self) -> None:
        inspection = self._context.inspection.current
        send = self._context.send_pattern
        if inspection is None or inspection.device is None or send is None:
            return
        phone = self._context.phones.get(inspection.device.serial or "")
        if phone is None:
            self.pattern_help.setText(
                self.tr("The phone is not connected: plug it in, wait until it reads ready.")
            )
            return
        pattern = self.chosen_pattern()
        png = _pattern_png(inspection.device, pattern)
        self.pattern_button.setEnabled(False)
        self.pattern_help.setText(self.tr("Sending the pattern to the phone…"))
        self._patterns_on = (inspection.id, phone)
        self._in_turn(
            lambda: send(phone, pattern.value, png), self._on_pattern_shown, self._on_pattern_failed
        )

    def _in_turn(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        *,
        quiet: bool = False,
    ) -> None:
        """Pattern work ``fn`` off the GUI thread, once the last is done: a removal
        must not overtake a push (and take off the pattern as it is shown), nor a push
        a removal. The pool takes tasks in order, so the last has a worker first."""
        last = self._pattern_task

        def run() -> Any:
            if last is not None:
                wait([last])
            return fn()

        self._pattern_task = self._context.runner.work(run, on_done, on_error, quiet=quiet)

    def take_patterns_off(self) -> None:
        """Take any test pattern sent off the phone now (the station is closing)."""
        self._remove_patterns(None)

    def _remove_patterns(self, inspection: Inspection | None) -> None:
        """Once the screen-on step is left (or the phone put aside), the test patterns
        sent are taken off the phone: a seller who keeps the phone does not find them
        in its gallery. A phone already unplugged keeps them; that is only logged."""
        if self._patterns_on is None or self._context.remove_patterns is None:
            return
        inspection_id, phone = self._patterns_on
        if (
            inspection is not None
            and inspection.id == inspection_id
            and self._step == PATTERN_INDEX
            and not inspection.state.is_final
        ):
            return
        self._patterns_on = None
        remove = self._context.remove_patterns

        def failed(error: BaseException) -> None:
            log.warning("test patterns left on the phone %s: %s", phone.serial, error)

        self._in_turn(lambda: remove(phone), lambda _: None, failed, quiet=True)

    def _on_pattern_shown(self, _answer: str) -> None:
        self.pattern_button.setEnabled(True)
        self.pattern_help.setText(
            self.tr("The phone should now show the pattern: brightness up, then capture.")
        )

    def _on_pattern_failed(self, error: BaseException) -> None:
        self.pattern_button.setEnabled(True)
        self.pattern_help.setText(
            filled(
                self.tr(
                    "The pattern could not be shown on the phone (%1). Open it on the phone by hand, then capture."
                ),
                self._pattern_failure_text(error),
            )
        )

    def _pattern_failure_text(self, error: BaseException) -> str:
        """Why a pattern could not be put on the phone, in the clerk's words; what the
        phone itself answered stays as it said it."""
        if isinstance(error, PhoneUnavailable):
            if error.state is PhoneState.GONE and error.reason == NO_ANSWER:
                return self.tr("the phone did not answer")
            if error.state is PhoneState.GONE:
                return self.tr("the phone is unplugged")
            if error.state is PhoneState.NEEDS_USB_DEBUGGING:
                return self.tr("tap “Allow USB debugging” on the phone")
            if isinstance(error, PatternRefused):
                if error.no_viewer:
                    return self.tr("the phone has no app that opens pictures")
                return filled(self.tr("no app on the phone opened it: %1"), error.answer)
        return error_text(error)

    def _show_last_photo(self, inspection: Inspection) -> None:
        """Without a camera for this phone: the last photo taken from a file, or
        nothing (never a frame of another phone)."""
        taken = flow.captured(inspection)
        if not taken:
            self.view.show_nothing()
            return
        photos, sha = self._context.store.photos, taken[-1].sha256
        self.view.load(self._context.runner, sha, lambda: photos.read(sha), [])

    def _no_camera_text(self) -> str:
        return self.tr(
            "No camera: the demo photos are for the recorded phones only. Use a photo from a file, or plug a camera in and press Look for the camera again on the Phones page."
        )

    def refresh_preview(self) -> None:
        """Grab a frame and show it with the phone's outline and hints (off-thread)."""
        inspection = self._context.inspection.current
        if inspection is None or self._step >= len(STEPS) or self._previewing:
            return
        if inspection.state.is_final:  # a sealed phone's photos cannot change
            return
        if not self._context.camera_for(inspection.device):
            return  # no frames: the view shows the last photo used (``_update``)
        self._previewing = True
        source, step = self._frame_source, STEPS[self._step][0]
        size_mm = flow.photo_size_mm(inspection.device, step, self.next_side())
        self._context.runner.work(
            lambda: _preview(source(inspection, step), step, size_mm),
            self._on_preview,
            self._on_preview_failed,
            quiet=True,  # a frame every 100 ms: not something the clerk waits for
        )

    def _on_preview_failed(self, error: BaseException) -> None:
        self._previewing = False
        self.hints.setText(self._failure_text(error))

    def _failure_text(self, error: BaseException) -> str:
        """What the clerk is told when a frame could not be had or looked at."""
        if not isinstance(error, CameraError):
            return error_text(error)
        # camera_text says what to check ("unplugged?"): not said a second time here.
        return filled(self.tr("No picture: %1"), camera_text(error))

    def _done_text(self, final: bool) -> str:
        """The hint when there is nothing left to capture."""
        if final:
            return self.tr("This phone is sealed: its photos cannot change")
        return self.tr("Every photo is taken: review the findings, or take one again")

    def _on_preview(self, result: tuple[Any, list[Quality], Any]) -> None:
        self._previewing = False
        inspection = self._context.inspection.current
        if inspection is None or self._step >= len(STEPS) or inspection.state.is_final:
            return  # the last capture finished while this frame was looked at
        image, problems, outline = result
        self.view.show_frame(image, [], outline or ())
        hints = [quality_text(q) for q in problems]
        if self._disk_full:  # a good picture that may be refused is no plain "capture"
            hints.append(self.tr("The disk is full: this phone's photos may not all be stored"))
        self.hints.setText("\n".join(hints) or self.tr("Looks good: capture"))

    def set_disk_full(self, full: bool) -> None:
        """Whether the disk has room for a phone's photos, as last looked at: the live
        hints say so while it has not."""
        if full != self._disk_full:
            self._disk_full = full
            self.refresh_preview()

    def _on_capture_clicked(self) -> None:
        inspection = self._context.inspection.current
        if inspection is None or self._step >= len(STEPS):
            return
        if not self._context.camera_for(inspection.device):  # never a made-up photo
            self.hints.setText(self._no_camera_text())
            return
        try:
            frame = self._frame_source(inspection, STEPS[self._step][0])
        except Exception as error:  # unplugged, busy, gone: said, not raised in a slot
            # Nothing is stored; the clerk plugs the camera back in and captures again.
            self.hints.setText(self._failure_text(error))
            return
        store = self._context.store

        def photograph(**step: Any) -> Inspection:
            from vision.camera import encode_still

            return flow.photograph(store, inspection.id, encode_still(frame), **step)

        # A fixed camera over a real phone: moving it and taking the photo again shows
        # a reflection (a demo phone's photo is made up, and stays as it is).
        self._take(photograph, fixed_camera=not self._context.recorded(inspection.device))

    def _on_file_clicked(self) -> None:
        inspection = self._context.inspection.current
        if inspection is None or self._step >= len(STEPS):
            return
        name = ask_open(
            self,
            filled(self.tr("Photo for: %1"), self._capture_text()),
            self._photo_folder,
            filled(self.tr("Photos (%1);;All files (*)"), PHOTO_PATTERNS),
        )
        if name:
            self._photo_folder = str(Path(name).parent)
            self.use_photo_file(Path(name))

    def use_photo_file(self, path: Path) -> None:
        """Use the photo in ``path`` for the current step, as if the camera had taken it."""
        inspection = self._context.inspection.current
        if inspection is None or self._step >= len(STEPS):
            return
        store, clerk = self._context.store, self._context.clerk
        self._take(
            lambda **step: flow.photograph_file(store, inspection.id, path, clerk=clerk, **step)
        )

    def _take(self, photograph: Callable[..., Inspection], *, fixed_camera: bool = False) -> None:
        """Store and analyse a photo for the current step off the GUI thread, by
        ``photograph(step=, surface=, size_mm=, pattern=, side=)``; ``fixed_camera``:
        the station's camera took it."""
        inspection = self._context.inspection.current
        assert inspection is not None
        step, surface = STEPS[self._step]
        pattern = self.chosen_pattern() if step is PhotoStep.PATTERN else None
        side = self.next_side()
        size_mm = flow.photo_size_mm(inspection.device, step, side)
        self.capture_button.setEnabled(False)
        self.file_button.setEnabled(False)
        self.outcome.setText(self.tr("Storing and analysing the photo…"))
        self._context.runner.db(
            lambda: photograph(
                step=step, surface=surface, size_mm=size_mm, pattern=pattern, side=side
            ),
            lambda stored: self._on_captured(stored, fixed_camera=fixed_camera),
            self._on_failed,
        )

    def _on_captured(self, inspection: Inspection, *, fixed_camera: bool) -> None:
        """The photo is stored and analysed: what became of it is said at once, and for
        a photo of the station's ``fixed_camera`` how to tell a lamp's reflection."""
        self._retake = None  # taken: the new photo is in the old one's place
        before = self._context.inspection.current
        self._context.inspection.set(inspection)
        # Said at once, not only in Review: a stall photo that shows no phone, or a
        # blurred capture, is better taken again while the phone is still here.
        taken = flow.captured(inspection)
        problems = taken[-1].problems if taken else ()
        troubles = [q for q in problems if q != Quality.REFLECTION.value]
        said = []
        if taken and not flow.shows_phone(taken[-1]):
            said.append(
                filled(
                    self.tr("No phone was found in the photo just taken (%1): take it again."),
                    photo_text(taken[-1]),
                )
            )
        elif troubles:
            said.append(
                filled(
                    self.tr(
                        "The photo just taken (%1) has problems, so its findings may be incomplete: %2"
                    ),
                    photo_text(taken[-1]),
                    "; ".join(quality_text(q) for q in troubles),
                )
            )
        if Quality.REFLECTION.value in problems:
            said.append(
                filled(
                    self.tr(
                        "Marks that stayed put in the picture while the phone moved are reflections: they were left out of the photo just taken (%1)."
                    ),
                    photo_text(taken[-1]),
                )
            )
        if (
            before is not None
            and before.id == inspection.id
            and before.quote is not None
            and inspection.quote is None
        ):
            changes = before.quote.overrides
            if changes:  # the clerk's change goes with it (the audit trail keeps both)
                said.append(
                    filled(
                        self.tr(
                            "The price given before this photo is withdrawn, with the change from %1 to %2 made by %3: review the findings, price the phone again, and change the price again if the change still holds."
                        ),
                        money(changes[-1].from_fen),
                        money(changes[-1].to_fen),
                        changes[-1].clerk,
                    )
                )
            else:
                said.append(
                    self.tr(
                        "The price given before this photo is withdrawn: review the findings and price the phone again."
                    )
                )
        # Last: the least pressing.
        if taken and fixed_camera and self._may_show_reflections(inspection, taken[-1]):
            said.append(
                self.tr(
                    "A lamp's reflection in the glass can read as a mark. If one of the marks found is a reflection, slide the phone a hand's width across the mat and take this photo again: marks that stay put in the picture are left out."
                )
            )
        if said:
            self.outcome.setText("\n".join(said))
        self.captured.emit(inspection)
        self.store_attempted.emit()

    @staticmethod
    def _may_show_reflections(inspection: Inspection, photo: PhotoRef) -> bool:
        """Whether the detector found marks on ``photo``, a photo of the glass with the
        screen off or of the back, that a lamp's reflection could be among (not known
        yet: the photo was not compared with an earlier one taken with the phone moved)."""
        if photo.step not in flow.REFLECTING_STEPS:
            return False
        if Quality.REFLECTION.value in photo.problems:  # already compared: said so
            return False
        return any(
            f.photo_sha256 == photo.sha256 and f.source is FindingSource.DETECTOR
            for f in inspection.findings
        )

    def _on_failed(self, error: BaseException) -> None:
        self.store_attempted.emit()
        self._enable_taking(self._context.inspection.current, open_step=True)
        if isinstance(error, CameraError):  # a photo file that cannot be read
            self.outcome.setText(
                filled(self.tr("This photo cannot be used: %1"), camera_text(error))
            )
            return
        self.outcome.setText(
            filled(self.tr("The photo could not be stored: %1"), error_text(error))
        )


def _preview(
    frame: Any, step: PhotoStep, size_mm: tuple[float, float] | None = None
) -> tuple[Any, list[Quality], list[tuple[float, float]] | None]:
    """The frame scaled for the screen, what is wrong with it (a phone a little out
    of the picture too, when its real ``size_mm`` is known), and the phone's outline
    there (its four corners, in order), None when no phone is found."""
    from vision.analyze import screen_lit, shows_clock
    from vision.camera import preview
    from vision.locate import UNUSABLE, check_quality, locate, rectify

    small = preview(frame, 960)
    location = locate(small, side=step is PhotoStep.SIDE)
    if location is None:
        return small, [Quality.NO_PHONE], None
    quality = list(check_quality(small, location))
    if step is PhotoStep.PATTERN:  # a lit test pattern is meant to be bright (as in analyze)
        quality = [q for q in quality if q not in (Quality.GLARE, Quality.OVEREXPOSED)]
    fitted = None if set(quality) & UNUSABLE else rectify(small, location, size_mm, px_per_mm=2.0)
    if fitted is not None and size_mm is not None:  # (an unknown size is no hint to give)
        quality += [q for q in fitted.problems if q not in quality]
    if (
        step is PhotoStep.SCREEN_OFF
        and fitted is not None
        and not set(quality) & UNUSABLE
        and (screen_lit(fitted) or shows_clock(fitted))
    ):
        quality.append(Quality.SCREEN_LIT)
    return small, quality, [(float(x), float(y)) for x, y in location.corners]


def _pattern_png(device: DeviceReport, pattern: Pattern) -> bytes:
    """``pattern`` at the phone's own resolution, so the viewer fills the screen (a
    default size when the phone did not say)."""
    from vision.patterns import pattern_png

    width, height = device.screen_resolution or (1080, 2400)
    return pattern_png(pattern, width, height)
