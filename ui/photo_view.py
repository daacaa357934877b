"""PhotoView: a photo scaled to fit, with boxes drawn on it, and a box the clerk can
draw with the mouse (reported in the photo's own pixels).

A stored photo is read and decoded off the GUI thread (``load``): a 12 MP photo
takes from 0.15 s (a camera still, JPEG) to 0.8 s (an iPhone's HEIC) to decode, which
would freeze the window each time the clerk picks a photo. What is kept for showing
is reduced to a screen's worth (``SHOWN_LONGEST``), so a resize rescales that, not
twelve million pixels; boxes stay in the photo's own pixels."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence

import cv2
import shiboken6
from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QImage,
    QMouseEvent,
    QPainter,
    QPen,
    QPixmap,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import QLabel, QRubberBand, QSizePolicy

from ui.problem_text import error_text, filled
from ui.tasks import TaskRunner
from vision.camera import decode_image, preview
from vision.types import Image

log = logging.getLogger(__name__)

_LONG_HASH = re.compile(r"\b([0-9a-f]{12})[0-9a-f]{52}\b")

#: The longest side of the copy of a photo kept for showing.
SHOWN_LONGEST = 2560

#: (box in photo pixels as x, y, w, h; colour; label)
Box = tuple[tuple[int, int, int, int], str, str]
#: The phone's outline in the live view: its corners in photo pixels, in order.
Outline = Sequence[tuple[float, float]]
#: The outline's colour: the green of "phone found".
OUTLINE_COLOUR = "#00c853"


def to_qimage(image: Image) -> QImage:
    """A BGR uint8 array as a QImage (copied, so the array may go)."""
    rgb = cv2.cvtColor(image, cv2.COLOR_BGR2RGB)
    h, w = rgb.shape[:2]
    return QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


def _for_showing(image: Image) -> tuple[QImage, QSize]:
    """The copy of a BGR picture to show (no side over ``SHOWN_LONGEST``) and the
    picture's own size, which boxes are given in. Safe off the GUI thread."""
    height, width = image.shape[:2]
    shown = preview(image, max(1, width * SHOWN_LONGEST // max(height, width)))
    return to_qimage(shown), QSize(width, height)


def decode_photo(data: bytes) -> tuple[QImage, QSize]:
    """A stored photo's bytes as ``_for_showing`` gives them; ValueError if they are not
    a picture. Decoded by OpenCV (`vision.camera.decode_image`), as the detector
    decoded it; OpenCV (and libheif, for HEIC) lets go of Python's lock while it
    decodes and scales, where ``QImage.fromData`` holds it, stalling the GUI thread
    for as long as the decode takes however it is run."""
    image = decode_image(data)
    if image is None:
        raise ValueError(f"{len(data)} bytes that are not a picture")
    return _for_showing(image)


def unreadable_text(error: BaseException) -> str:
    """Why a stored photo could not be opened, in the clerk's language where the
    station knows the reason, its file named short: a photo's file is named by its
    64-letter hash, too long to wrap, and its first 12 letters name it well enough on
    screen (the log has it whole)."""
    return _LONG_HASH.sub(r"\1…", error_text(error))


class PhotoView(QLabel):
    """Shows a photo; ``box_drawn`` gives (x, y, w, h) in photo pixels."""

    box_drawn = Signal(tuple)

    def __init__(self) -> None:
        super().__init__()
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setMinimumSize(QSize(240, 240))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._image = QImage()  # the copy shown (perhaps reduced)
        self._photo_size = QSize()  # the photo's own pixels, which boxes are in
        self._boxes: list[Box] = []
        self._outline: Outline = ()
        self._key: str | None = None  # the stored photo shown, or being loaded
        self._generation = 0  # bumped by each show or load: a late decode is dropped
        self._band = QRubberBand(QRubberBand.Shape.Rectangle, self)
        self._origin = QPoint()
        self.drawing_enabled = False

    @property
    def photo_size(self) -> QSize:
        """The shown photo's own size (empty when none is shown)."""
        return QSize(self._photo_size)

    @property
    def loading(self) -> bool:
        """Whether a stored photo is being read to be shown."""
        return self._key is not None and self._image.isNull()

    def show_frame(self, frame: Image, boxes: list[Box], outline: Outline = ()) -> None:
        """A BGR picture in hand (a live frame), with (box, colour, label) drawn on it,
        and the phone's ``outline`` (its corners, the phone at any angle) where found."""
        self._generation += 1
        self._key = None
        self._outline = tuple(outline)
        self._show(*_for_showing(frame), boxes)

    def show_nothing(self) -> None:
        """No photo (and no photo still being read will appear)."""
        self._generation += 1
        self._key = None
        self._outline = ()
        self._show(QImage(), QSize(), [])

    def load(
        self, runner: TaskRunner, key: str, read: Callable[[], bytes], boxes: list[Box]
    ) -> None:
        """The stored photo ``key`` (``read`` gives its bytes), read and decoded on
        ``runner``'s pool and shown when ready, unless another photo was asked for in
        the meantime. The photo already shown, or being read, only gets the new boxes."""
        if key == self._key:
            self._boxes = boxes
            self._render()
            return
        self._generation += 1
        generation = self._generation
        self._key, self._image, self._photo_size, self._boxes = key, QImage(), QSize(), boxes
        self._outline = ()
        self.clear()
        self.setText(self.tr("Opening the photo…"))
        runner.work(
            lambda: decode_photo(read()),
            lambda result: self._on_loaded(generation, result),
            lambda error: self._on_load_failed(generation, error),
        )

    def _current(self, generation: int) -> bool:
        """Whether a decode that finished is still wanted: nothing was asked for since,
        and the view was not closed meanwhile (a page torn down at the window's close)."""
        return shiboken6.isValid(self) and generation == self._generation

    def _on_loaded(self, generation: int, result: tuple[QImage, QSize]) -> None:
        if self._current(generation):
            self._show(result[0], result[1], self._boxes)

    def _on_load_failed(self, generation: int, error: BaseException) -> None:
        if not self._current(generation):
            return
        self._key = None  # asking again tries again
        log.warning("a photo could not be opened", exc_info=error)
        self.clear()
        self.setText(filled(self.tr("This photo could not be opened:\n%1"), unreadable_text(error)))

    def _show(self, image: QImage, photo_size: QSize, boxes: list[Box]) -> None:
        self._image, self._photo_size, self._boxes = image, photo_size, boxes
        if image.isNull():
            self.clear()
        self._render()

    def _render(self) -> None:
        if self._image.isNull():
            return
        ratio = self.devicePixelRatioF()
        shown = self._image.size().scaled(self.size() * ratio, Qt.AspectRatioMode.KeepAspectRatio)
        if shown.isEmpty():  # not laid out yet: drawn at the first resize
            return
        pixmap = QPixmap.fromImage(
            self._image.scaled(
                shown,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        pixmap.setDevicePixelRatio(ratio)
        if self._boxes or self._outline:
            self._draw_boxes(pixmap)
        self.setPixmap(pixmap)

    def _draw_boxes(self, pixmap: QPixmap) -> None:
        """Boxes and the outline drawn at the size the view shows the photo: lines two
        pixels wide and labels in the window's own font, on a dark band so they read on
        any photo."""
        factor = pixmap.deviceIndependentSize().width() / max(1, self._photo_size.width())
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        metrics = QFontMetrics(font)
        if self._outline:
            painter.setPen(QPen(QColor(OUTLINE_COLOUR), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPolygon(
                QPolygonF([QPointF(x * factor, y * factor) for x, y in self._outline])
            )
        for (x, y, w, h), colour, label in self._boxes:
            box = QRectF(x * factor - 3, y * factor - 3, w * factor + 6, h * factor + 6)
            painter.setPen(QPen(QColor(colour), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(box)
            if not label:
                continue
            band = QRectF(metrics.boundingRect(label)).adjusted(-3, -1, 3, 1)
            top = box.top() - band.height() if box.top() >= band.height() else box.bottom()
            band.moveTo(box.left(), top)
            painter.fillRect(band, QColor(0, 0, 0, 170))
            painter.drawText(band, Qt.AlignmentFlag.AlignCenter, label)
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._render()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self.drawing_enabled:
            self._origin = event.position().toPoint()
            self._band.setGeometry(QRect(self._origin, QSize()))
            self._band.show()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._band.isVisible():
            self._band.setGeometry(_spanned(self._origin, event.position().toPoint()))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if not self._band.isVisible():
            return
        self._band.hide()
        self.box_drawn.emit(self.to_photo(self._band.geometry()))

    def to_photo(self, rect: QRect) -> tuple[int, int, int, int]:
        """A rectangle in widget pixels, in the photo's pixels (the part on the photo)."""
        pixmap = self.pixmap()
        if pixmap is None or pixmap.isNull() or self._image.isNull():
            return (0, 0, 0, 0)
        shown = pixmap.deviceIndependentSize()
        scale = self._photo_size.width() / shown.width()
        left = (self.width() - shown.width()) / 2
        top = (self.height() - shown.height()) / 2
        placed = QRect(
            round((rect.x() - left) * scale),
            round((rect.y() - top) * scale),
            round(rect.width() * scale),
            round(rect.height() * scale),
        ).intersected(QRect(QPoint(0, 0), self._photo_size))
        if placed.isEmpty():
            return (0, 0, 0, 0)
        return (placed.x(), placed.y(), placed.width(), placed.height())


def _spanned(a: QPoint, b: QPoint) -> QRect:
    """The rectangle between two corners, as wide as they are apart (QRect(a, b) is
    one pixel wider: it counts both corner pixels)."""
    return QRect(min(a.x(), b.x()), min(a.y(), b.y()), abs(b.x() - a.x()), abs(b.y() - a.y()))
