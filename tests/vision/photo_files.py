"""Photo files as phones write them, for tests."""

from __future__ import annotations

import struct

import cv2
import numpy as np


def jpeg_with_orientation(picture: np.ndarray, orientation: int) -> bytes:  # type: ignore[type-arg]
    """``picture`` as a JPEG whose EXIF block gives ``orientation`` (6: "turn 90 degrees
    clockwise to show", as a phone held upright writes it), after the start-of-image
    marker."""
    ok, jpeg = cv2.imencode(".jpg", picture, [cv2.IMWRITE_JPEG_QUALITY, 95])
    assert ok
    entry = struct.pack(">HHIHH", 0x0112, 3, 1, orientation, 0)
    tiff = b"MM\x00*" + struct.pack(">I", 8) + struct.pack(">H", 1) + entry + b"\x00" * 4
    app1 = b"Exif\x00\x00" + tiff
    data = jpeg.tobytes()
    return bytes(data[:2] + b"\xff\xe1" + struct.pack(">H", len(app1) + 2) + app1 + data[2:])


def heic_with_orientation(picture: np.ndarray, orientation: int = 1) -> bytes:  # type: ignore[type-arg]
    """``picture`` (BGR) as an iPhone-style HEIC photo by libheif's encoder; an
    ``orientation`` other than 1 is written as the file's own rotation (and in its
    EXIF), so the pixels are stored turned the other way, as an iPhone held upright
    stores them."""
    import io

    import pillow_heif
    from PIL import Image

    pillow_heif.register_heif_opener()
    image = Image.fromarray(cv2.cvtColor(picture, cv2.COLOR_BGR2RGB))
    exif = image.getexif()
    exif[0x0112] = orientation
    if orientation == 6:  # what the camera stores: the upright picture turned back
        image = image.transpose(Image.Transpose.ROTATE_90)
    buffer = io.BytesIO()
    image.save(buffer, format="HEIF", quality=90, exif=exif.tobytes())
    return buffer.getvalue()
