"""A stand-in for OpenCV's VideoCapture, for camera tests without a camera."""

from __future__ import annotations

import cv2
import numpy as np


class FakeCapture:
    """Speaks the part of OpenCV's VideoCapture that CameraSource uses: a camera that
    gives ``frames`` frames (then is unplugged), at 1280x720 whatever is asked."""

    def __init__(self, frames: int, opened: bool = True) -> None:
        self.frames, self.opened, self.released, self.props = frames, opened, False, {}

    def isOpened(self) -> bool:  # noqa: N802 (OpenCV's name)
        return self.opened

    def set(self, prop: int, value: float) -> bool:
        self.props[prop] = value
        return True

    def get(self, prop: int) -> float:
        return {cv2.CAP_PROP_FRAME_WIDTH: 1280.0, cv2.CAP_PROP_FRAME_HEIGHT: 720.0}[prop]

    def read(self) -> tuple[bool, np.ndarray | None]:
        if self.released or self.frames == 0:
            return False, None
        self.frames -= 1
        return True, np.full((720, 1280, 3), 40, np.uint8)

    def release(self) -> None:
        self.released = True
