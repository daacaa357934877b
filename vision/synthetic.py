"""Synthetic photos of phones with exact ground truth, for the demo and for tests."""

from __future__ import annotations

import cv2
import numpy as np
import numpy.typing as npt

Image = npt.NDArray[np.uint8]


def render_phone(
    size_mm: tuple[float, float] = (71.0, 146.0),
    px_per_mm: float = 6.0,
    margin_mm: float = 20.0,
    corner_mm: float = 9.0,
) -> Image:
    """A top-down BGR photo (uint8, H×W×3) of a phone with black glass lying on a matte
    grey mat, axis-aligned and centred. ``size_mm`` is (width, height) of the phone."""
    width_mm, height_mm = size_mm
    w = round((width_mm + 2 * margin_mm) * px_per_mm)
    h = round((height_mm + 2 * margin_mm) * px_per_mm)
    image = np.full((h, w, 3), 128, np.uint8)
    x0, y0 = round(margin_mm * px_per_mm), round(margin_mm * px_per_mm)
    x1, y1 = x0 + round(width_mm * px_per_mm), y0 + round(height_mm * px_per_mm)
    r = round(corner_mm * px_per_mm)
    body = np.zeros((h, w), np.uint8)
    cv2.rectangle(body, (x0 + r, y0), (x1 - r, y1), 255, -1)
    cv2.rectangle(body, (x0, y0 + r), (x1, y1 - r), 255, -1)
    for cx, cy in ((x0 + r, y0 + r), (x1 - r, y0 + r), (x0 + r, y1 - r), (x1 - r, y1 - r)):
        cv2.circle(body, (cx, cy), r, 255, -1)
    image[body > 0] = (18, 18, 20)
    return image


def encode_png(image: Image) -> bytes:
    """PNG bytes of ``image``."""
    ok, buffer = cv2.imencode(".png", image)
    if not ok:
        raise ValueError("PNG encoding failed")
    return bytes(buffer.tobytes())
