"""Defects on glass (a screen that is off, or a glass back) in a rectified image:
scratches and cracks (thin bright lines; cracks branch and radiate), oil (a smear with
a bright rim) and stains (small bright spots). The edge of the glass is left out (its
glints look like marks), so chips there are not looked for yet (docs/vision.md).

Bright structures smaller than a few millimetres are isolated with a white top-hat,
which removes the large soft reflections of the camera rig; each structure is then
measured and classed by shape. Sizes are in millimetres via ``px_per_mm``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from vision.finding import FindingKind, Severity, Zone
from vision.types import Image

#: Glass within this distance of the outline is the curved edge: glints, not defects.
EDGE_MARGIN_MM = 3.0
#: The ends of the glass hold the earpiece, cameras and sensors, whose rims look like
#: defects; they are left out (a clerk checks them by eye).
END_BAND_MM = 11.0
#: The display's border (bezel) width used to decide the zone.
BORDER_MM = 4.0


@dataclass(frozen=True, slots=True)
class Blob:
    """One defect candidate in rectified pixels, with its measurements in mm."""

    kind: FindingKind
    contour: npt.NDArray[Any]
    length_mm: float
    width_mm: float
    area_mm2: float
    contrast: float
    zone: Zone
    severity: Severity
    confidence: float


def detect_glass_defects(image: Image, px_per_mm: float) -> list[Blob]:
    """Defect candidates on rectified glass (BGR uint8, long side vertical)."""
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    inner = cv2.bitwise_and(
        _inner_mask(gray.shape, px_per_mm, EDGE_MARGIN_MM), _dark_glass(gray, px_per_mm)
    )
    band = round(END_BAND_MM * px_per_mm)
    inner[:band] = 0
    inner[-band:] = 0
    kernel = _disc(max(3, round(2.5 * px_per_mm)))
    tophat = cv2.morphologyEx(gray, cv2.MORPH_TOPHAT, kernel)
    tophat[inner == 0] = 0
    noise = _noise_level(tophat, inner)
    threshold = max(14.0, 6.0 * noise)
    _, binary = cv2.threshold(tophat, threshold, 255, cv2.THRESH_BINARY)
    # Join the dashes of one scratch and the rim of one oil smear.
    joined = cv2.morphologyEx(binary, cv2.MORPH_CLOSE, _disc(max(3, round(0.6 * px_per_mm))))
    contours, _ = cv2.findContours(joined, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    border = _inner_mask(gray.shape, px_per_mm, EDGE_MARGIN_MM + BORDER_MM)
    blobs = []
    for contour in contours:
        blob = _classify(contour, binary, tophat, px_per_mm, border)
        if blob is not None:
            blobs.append(blob)
    return _stain_field(blobs)


#: Clean glass still carries a little dust: a stain is reported when the specks make a
#: field (at least this many) or one stands out (top-hat contrast at least this high).
STAIN_FIELD_COUNT = 18
STAIN_STANDOUT_CONTRAST = 70.0


def _stain_field(blobs: list[Blob]) -> list[Blob]:
    """Drop isolated faint specks (dust on clean glass); keep a field of stains, or a
    stain that stands out."""
    stains = [b for b in blobs if b.kind is FindingKind.STAIN]
    if len(stains) >= STAIN_FIELD_COUNT:
        return blobs
    return [
        b for b in blobs if b.kind is not FindingKind.STAIN or b.contrast >= STAIN_STANDOUT_CONTRAST
    ]


def _dark_glass(gray: Image, px_per_mm: float) -> Image:
    """The black glass itself: dark pixels, with small bright marks on it (what we look
    for) filled in, minus a margin around openings (earpiece, camera, sensors) and a
    light bezel, whose rims would look like defects."""
    level, _ = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    dark: Image = (gray < min(level, 90)).astype(np.uint8) * 255
    dark = cv2.morphologyEx(dark, cv2.MORPH_CLOSE, _disc(round(3 * px_per_mm)))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(dark)
    if count > 1:
        largest = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
        dark = (labels == largest).astype(np.uint8) * 255
    holes = cv2.bitwise_not(dark)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(holes)
    small_hole = 1.2 * px_per_mm
    for index in range(1, count):
        w, h = stats[index, cv2.CC_STAT_WIDTH], stats[index, cv2.CC_STAT_HEIGHT]
        if max(w, h) < small_hole:  # a stain, not an opening: keep it on the glass
            dark[labels == index] = 255
    return cv2.erode(dark, _disc(round(1.5 * px_per_mm)))


def _disc(size: int) -> npt.NDArray[Any]:
    size += 1 - size % 2
    return cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))


def _inner_mask(shape: tuple[int, ...], px_per_mm: float, margin_mm: float) -> Image:
    mask = np.zeros(shape[:2], np.uint8)
    m = round(margin_mm * px_per_mm)
    radius = round(6 * px_per_mm)  # rounded corners of the phone
    h, w = shape[:2]
    cv2.rectangle(mask, (m + radius, m), (w - 1 - m - radius, h - 1 - m), 255, -1)
    cv2.rectangle(mask, (m, m + radius), (w - 1 - m, h - 1 - m - radius), 255, -1)
    for cx, cy in (
        (m + radius, m + radius),
        (w - 1 - m - radius, m + radius),
        (m + radius, h - 1 - m - radius),
        (w - 1 - m - radius, h - 1 - m - radius),
    ):
        cv2.circle(mask, (cx, cy), radius, 255, -1)
    return mask


def _noise_level(tophat: Image, inner: Image) -> float:
    values = tophat[inner > 0]
    if values.size == 0:
        return 0.0
    median = float(np.median(values))
    mad = float(np.median(np.abs(values.astype(np.float32) - median)))
    return median + 1.4826 * mad


def _classify(
    contour: npt.NDArray[Any],
    binary: Image,
    tophat: Image,
    px_per_mm: float,
    border: Image,
) -> Blob | None:
    x, y, w, h = cv2.boundingRect(contour)
    region = np.zeros((h, w), np.uint8)
    cv2.drawContours(region, [contour - [x, y]], -1, 255, -1)
    strokes = cv2.bitwise_and(binary[y : y + h, x : x + w], region)
    stroke_px = int(cv2.countNonZero(strokes))
    if stroke_px == 0:
        return None
    contrast = float(np.percentile(tophat[y : y + h, x : x + w][strokes > 0], 90))
    (_, _), (rw, rh), _ = cv2.minAreaRect(contour)
    extent_mm = max(rw, rh) / px_per_mm
    skeleton = _skeleton(strokes)
    skeleton_px = _curve_length_px(skeleton)
    length_mm = max(skeleton_px / px_per_mm, extent_mm * 0.95)
    width_mm = stroke_px / max(skeleton_px, 1) / px_per_mm
    area_mm2 = stroke_px / px_per_mm**2
    filled_mm2 = cv2.contourArea(contour) / px_per_mm**2
    cx, cy = x + w // 2, y + h // 2
    zone = (
        Zone.ACTIVE
        if border[min(cy, border.shape[0] - 1), min(cx, border.shape[1] - 1)]
        else Zone.BORDER
    )
    kind = _kind(
        length_mm,
        width_mm=width_mm,
        area_mm2=area_mm2,
        filled_mm2=filled_mm2,
        extent_mm=extent_mm,
        skeleton=skeleton,
        contrast=contrast,
    )
    if kind is None:
        return None
    graded = severity(kind, length_mm, width_mm, contrast)
    confidence = float(min(0.99, 0.5 + contrast / 120))
    return Blob(
        kind,
        contour,
        round(length_mm, 2),
        round(width_mm, 3),
        round(area_mm2, 3),
        contrast,
        zone,
        graded,
        round(confidence, 2),
    )


def _kind(
    length_mm: float,
    *,
    width_mm: float,
    area_mm2: float,
    filled_mm2: float,
    extent_mm: float,
    skeleton: Image,
    contrast: float,
) -> FindingKind | None:
    elongation = length_mm / max(width_mm, 0.05)
    if extent_mm >= 3.0 and filled_mm2 >= 3.0 * area_mm2:
        return FindingKind.OIL  # a bright rim round a darker middle: a smear
    if extent_mm >= 2.0 and width_mm <= 0.8 and elongation >= 12:
        # A crack branches and radiates; a scratch is one stroke, however curved.
        return FindingKind.CRACK if _branch_points(skeleton) >= 3 else FindingKind.SCRATCH
    if extent_mm <= 1.5 and contrast >= 18:
        return FindingKind.STAIN
    if extent_mm >= 3.0 and area_mm2 >= 2.0:
        return FindingKind.OIL
    return None


def _skeleton(strokes: Image) -> Image:
    """One-pixel-wide centre lines of the strokes (Zhang-Suen thinning; opencv-contrib's
    ximgproc.thinning is not in the headless wheel). Each pass codes every pixel's eight
    neighbours as one byte and looks the rule up in a table."""
    img = (strokes > 0).astype(np.uint8)
    while True:
        changed = False
        for table in _THINNING:
            remove = (img == 1) & table[_neighbour_code(img)]
            if remove.any():
                img[remove] = 0
                changed = True
        if not changed:
            break
    return img * 255


def _neighbour_code(img: Image) -> Image:
    """Each pixel's eight neighbours (0 or 1) as one byte: bit i is neighbour _RING[i]
    (N, NE, E, SE, S, SW, W, NW); outside the image counts as 0."""
    code: Image = cv2.filter2D(img, cv2.CV_16U, _NEIGHBOUR_BITS, borderType=cv2.BORDER_CONSTANT)
    return code


def _transitions_table() -> Image:
    """For each neighbourhood code, the 0->1 transitions walking once round it."""
    bits = [(np.arange(256) >> i) & 1 for i in range(8)]
    transitions = sum((bits[i] == 0) & (bits[(i + 1) % 8] == 1) for i in range(8))
    table: Image = np.asarray(transitions, np.uint8)
    return table


def _thinning_tables() -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """Zhang-Suen's two sub-iteration rules over the 256 neighbourhood codes."""
    bits = [(np.arange(256) >> i) & 1 for i in range(8)]
    neighbours = sum(bits)
    base = (neighbours >= 2) & (neighbours <= 6) & (_TRANSITIONS == 1)
    first = base & (bits[0] * bits[2] * bits[4] == 0) & (bits[2] * bits[4] * bits[6] == 0)
    second = base & (bits[0] * bits[2] * bits[6] == 0) & (bits[0] * bits[4] * bits[6] == 0)
    return first, second


def _neighbour_bits() -> npt.NDArray[np.float32]:
    """The kernel with which filter2D (a correlation) gives the neighbour code."""
    kernel = np.zeros((3, 3), np.float32)
    for bit, (dy, dx) in enumerate(_RING):
        kernel[1 + dy, 1 + dx] = 1 << bit
    return kernel


# Neighbours P2..P9 of Zhang-Suen: north, then clockwise.
_RING = ((-1, 0), (-1, 1), (0, 1), (1, 1), (1, 0), (1, -1), (0, -1), (-1, -1))
_NEIGHBOUR_BITS = _neighbour_bits()
_TRANSITIONS = _transitions_table()
_THINNING = _thinning_tables()


def _curve_length_px(skeleton: Image) -> float:
    """Length of a one-pixel-wide curve: the outline OpenCV traces round it walks the
    curve twice, so half its arc length."""
    contours, _ = cv2.findContours(skeleton, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    return float(max(1.0, sum(cv2.arcLength(c, True) for c in contours) / 2))


def _branch_points(skeleton: Image, spur_px: int = 10) -> int:
    """Junctions of a skeleton once spurs shorter than ``spur_px`` are pruned, so that
    the ragged edge of a thick scratch does not count as branching."""
    on = cv2.copyMakeBorder((skeleton > 0).astype(np.uint8), 1, 1, 1, 1, cv2.BORDER_CONSTANT)
    ones = np.ones((3, 3), np.float32)
    for _ in range(spur_px):
        neighbours = cv2.filter2D(on, -1, ones, borderType=cv2.BORDER_CONSTANT) - on
        ends = (on > 0) & (neighbours <= 1)
        if not ends.any():
            break
        on[ends] = 0
    # A junction is where three or more separate runs of the curve meet: three or more
    # 0->1 transitions walking round its eight neighbours (a staircase has two).
    junctions: Image = ((on > 0) & (_TRANSITIONS[_neighbour_code(on)] >= 3)).astype(np.uint8)
    junctions = cv2.dilate(junctions, np.ones((5, 5), np.uint8))
    count, _ = cv2.connectedComponents(junctions)
    return count - 1


def severity(
    kind: FindingKind, length_mm: float, width_mm: float, contrast: float = 0.0
) -> Severity:
    """How bad a mark on glass is, by its kind and size (and brightness, when known)."""
    if kind is FindingKind.CRACK:
        return Severity.SEVERE
    if kind is FindingKind.SCRATCH:
        # Deep scratches catch the light: bright, or wide enough to see their walls.
        if width_mm > 0.5 or contrast > 80:
            return Severity.SEVERE
        return Severity.MODERATE if length_mm > 10 else Severity.LIGHT
    return Severity.LIGHT
