"""Scale from a printed ArUco marker on the mat: with the marker's real side length
known, pixels per millimetre follow, and so does the phone's size, without needing
the phone's model from the catalogue."""

from __future__ import annotations

import functools
import struct
import zlib
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from vision.types import Image

#: The marker the station prints (ArUco 4x4 dictionary, id 0), and its side in mm.
DICTIONARY = cv2.aruco.DICT_4X4_50
MARKER_ID = 0
MARKER_MM = 30.0


def marker_image(side_px: int = 400) -> Image:
    """The marker to print (grey levels, white quiet zone included), for MARKER_MM."""
    dictionary = cv2.aruco.getPredefinedDictionary(DICTIONARY)
    inner = cv2.aruco.generateImageMarker(dictionary, MARKER_ID, side_px)
    return cv2.copyMakeBorder(
        inner,
        side_px // 8,
        side_px // 8,
        side_px // 8,
        side_px // 8,
        cv2.BORDER_CONSTANT,
        value=255,
    )


#: The printable sheet: A4 at this many dots per inch.
SHEET_DPI = 300
SHEET_MM = (210.0, 297.0)
#: A bar this long on the sheet, to check with a ruler that it printed at 100 %.
RULER_MM = 100.0


def marker_sheet(dpi: int = SHEET_DPI) -> Image:
    """An A4 page (grey levels, ``dpi`` dots per inch) with the marker, its black square
    MARKER_MM across, a RULER_MM bar with a tick every 10 mm to check the print's scale
    with a ruler, and how to print and lay it. ``sheet_png`` encodes it with its size."""
    px_mm = dpi / 25.4
    width, height = (round(side * px_mm) for side in SHEET_MM)
    sheet = np.full((height, width), 255, np.uint8)
    side = round(MARKER_MM * px_mm)
    marker = marker_image(side)  # its white quiet zone included
    left = round(20 * px_mm)  # the black square's top left corner, above the ruler's start
    at = left - (marker.shape[0] - side) // 2
    sheet[at : at + marker.shape[0], at : at + marker.shape[1]] = marker
    y = round(70 * px_mm)
    thick = max(1, round(0.6 * px_mm))
    cv2.rectangle(sheet, (left, y), (left + round(RULER_MM * px_mm), y + thick), 0, -1)
    for tick in range(0, int(RULER_MM) + 1, 10):
        x = left + round(tick * px_mm)
        cv2.rectangle(sheet, (x, y - round(3 * px_mm)), (x + thick, y + thick), 0, -1)
    lines = (
        f"Yanji scale marker: ArUco 4x4 id {MARKER_ID}, black square {MARKER_MM:.0f} mm.",
        "Print at 100 % (actual size, no fit to page). The bar above must measure",
        f"{RULER_MM:.0f} mm and the square {MARKER_MM:.0f} mm: measure both with a ruler.",
        "Cut the square out with a white margin of 5 mm or more and lay it flat on",
        "the mat beside the phone, fully in the camera's view.",
    )
    scale = 0.9 * dpi / 300
    for row, text in enumerate(lines):
        baseline = round((85 + 8 * row) * px_mm)
        cv2.putText(
            sheet, text, (left, baseline), cv2.FONT_HERSHEY_SIMPLEX, scale, 0, max(1, dpi // 150)
        )
    return sheet


def sheet_png(sheet: Image, dpi: int = SHEET_DPI) -> bytes:
    """The sheet as PNG with its resolution recorded (a pHYs chunk), so that a viewer or
    printer that honours it prints the marker at its real size."""
    ok, encoded = cv2.imencode(".png", sheet)
    if not ok:
        raise ValueError("the marker sheet could not be encoded")
    data = encoded.tobytes()
    per_metre = round(dpi / 0.0254)
    body = b"pHYs" + struct.pack(">IIB", per_metre, per_metre, 1)  # unit 1: the metre
    chunk = struct.pack(">I", 9) + body + struct.pack(">I", zlib.crc32(body))
    end_of_header = 8 + 8 + 13 + 4  # signature, IHDR length and type, its data, CRC
    return data[:end_of_header] + chunk + data[end_of_header:]


def write_sheet(path: Path) -> None:
    """Write the printable sheet to ``path`` as a PNG at SHEET_DPI; OSError when the
    file cannot be written."""
    path.write_bytes(sheet_png(marker_sheet()))


@functools.cache
def _detector() -> cv2.aruco.ArucoDetector:
    """One thresholding pass (window 23 px) instead of OpenCV's three (3, 13, 23): the
    marker's cells are far larger than 3 px at the station's scales, it is found as
    often (in all 36 synthetic shots from 3 to 16 px/mm, blurred and turned, as with
    the default), and a 1080p photo with no marker in view costs about 2.5 ms instead
    of 7.5."""
    params = cv2.aruco.DetectorParameters()
    params.adaptiveThreshWinSizeMin = 23
    params.adaptiveThreshWinSizeMax = 23
    # Corners to a fraction of a pixel: without it the side reads up to a pixel short,
    # every millimetre up to 0.8 % long; with it 0.06 to 0.25 % (4 to 12 px/mm).
    # It runs only on a marker found, so a photo without one costs no more.
    params.cornerRefinementMethod = cv2.aruco.CORNER_REFINE_SUBPIX
    return cv2.aruco.ArucoDetector(cv2.aruco.getPredefinedDictionary(DICTIONARY), params)


def px_per_mm_from_marker(image: Image, marker_mm: float = MARKER_MM) -> float | None:
    """Pixels per mm at the mat from the station's marker in a BGR photo, or None when
    the marker is not in view."""
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    corners, found, _ = _detector().detectMarkers(gray)
    ids: Any = found  # None when no marker is seen (the stubs say otherwise)
    if ids is None:
        return None
    for quad, marker in zip(corners, ids.ravel(), strict=True):
        if int(marker) == MARKER_ID:
            points = quad.reshape(4, 2)
            sides = np.linalg.norm(points - np.roll(points, 1, axis=0), axis=1)
            return float(sides.mean() / marker_mm)
    return None
