"""PhotoView: a photo scaled to fit, with boxes drawn on it, and a box the clerk can
draw with the mouse (reported in the photo's own pixels)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QMouseEvent, QPainter, QPen, QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QRubberBand, QSizePolicy


def to_qimage(image: np.ndarray) -> QImage:  # type: ignore[type-arg]
    """A BGR uint8 array as a QImage (copied, so the array may go)."""
    rgb = np.ascontiguousarray(image[:, :, ::-1])
    h, w = rgb.shape[:2]
    return QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


class PhotoView(QLabel):
    """Shows a photo; ``box_drawn`` gives (x, y, w, h) in photo pixels."""

    box_drawn = Signal(tuple)

    def __init__(self) -> None:
        super().__init__()
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(QSize(240, 240))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._image = QImage()
        self._boxes: list[tuple[tuple[int, int, int, int], str, str]] = []
        self._band = QRubberBand(QRubberBand.Shape.Rectangle, self)
        self._origin = QPoint()
        self.drawing_enabled = False

    def show_image(
        self, image: QImage, boxes: list[tuple[tuple[int, int, int, int], str, str]]
    ) -> None:
        """The photo, with (box, colour, label) drawn on it."""
        self._image = image
        self._boxes = boxes
        self._render()

    def _render(self) -> None:
        if self._image.isNull():
            self.clear()
            return
        pixmap = QPixmap.fromImage(self._image)
        painter = QPainter(pixmap)
        width = max(2, self._image.width() // 300)
        # Labels sized to the photo, so that they read at the size the view shows it.
        font = QFont(painter.font())
        font.setPixelSize(max(12, self._image.width() // 40))
        painter.setFont(font)
        for (x, y, w, h), colour, label in self._boxes:
            painter.setPen(QPen(QColor(colour), width))
            painter.drawRect(QRect(x - 6, y - 6, w + 12, h + 12))
            painter.drawText(x - 6, max(font.pixelSize(), y - 6 - 2 * width), label)
        painter.end()
        self.setPixmap(
            pixmap.scaled(
                self.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

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
            self._band.setGeometry(QRect(self._origin, event.position().toPoint()).normalized())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if not self._band.isVisible():
            return
        self._band.hide()
        self.box_drawn.emit(self.to_photo(self._band.geometry()))

    def to_photo(self, rect: QRect) -> tuple[int, int, int, int]:
        """A rectangle in widget pixels, in the photo's pixels."""
        pixmap = self.pixmap()
        if pixmap is None or pixmap.isNull() or self._image.isNull():
            return (0, 0, 0, 0)
        scale = self._image.width() / pixmap.width()
        left = (self.width() - pixmap.width()) / 2
        top = (self.height() - pixmap.height()) / 2
        return (
            round((rect.x() - left) * scale),
            round((rect.y() - top) * scale),
            round(rect.width() * scale),
            round(rect.height() * scale),
        )
