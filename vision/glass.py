"""Defects on glass (a screen that is off, or a glass back) in a rectified image:
scratches and cracks (thin bright lines; cracks branch and radiate), oil (a smear with
a bright rim) and stains (small bright spots); and chips at the glass edge. The edge
band of the glass is left out of the search for marks (its glints look like marks);
chips are found there as bites out of the dark glass (``detect_edge_chips``).

Bright structures smaller than a few millimetres are isolated with a white top-hat,
which removes the large soft reflections of the camera rig; each structure is then
measured and classed by shape. Sizes are in millimetres via ``px_per_mm``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
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
    #: A scratch by `_short_stroke` alone: oil's streak if oil lies near it.
    short: bool = False


def detect_glass_defects(
    image: Image, px_per_mm: float, leave_out: Image | None = None
) -> list[Blob]:
    """Defect candidates on rectified glass (BGR uint8, long side vertical), not
    looked for where the mask ``leave_out`` is set (a back's camera and printing)."""
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    inner = cv2.bitwise_and(
        _inner_mask(gray.shape, px_per_mm, EDGE_MARGIN_MM), _dark_glass(gray, px_per_mm)
    )
    band = round(END_BAND_MM * px_per_mm)
    inner[:band] = 0
    inner[-band:] = 0
    if leave_out is not None:
        inner[leave_out > 0] = 0
    kernel = disc(max(3, round(2.5 * px_per_mm)))
    tophat = cv2.morphologyEx(gray, cv2.MORPH_TOPHAT, kernel)
    tophat[inner == 0] = 0
    noise = _noise_level(tophat, inner)
    threshold = max(14.0, 6.0 * noise)
    _, binary = cv2.threshold(tophat, threshold, 255, cv2.THRESH_BINARY)
    # Join the dashes of one scratch and the rim of one oil smear.
    joined = cv2.morphologyEx(binary, cv2.MORPH_CLOSE, disc(max(3, round(0.6 * px_per_mm))))
    contours, _ = cv2.findContours(joined, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    border = _inner_mask(gray.shape, px_per_mm, EDGE_MARGIN_MM + BORDER_MM)
    blobs = []
    for contour in contours:
        blob = _classify(contour, binary, tophat, px_per_mm, border)
        if blob is not None:
            blobs.append(blob)
    return _stain_field(_streaks_of_oil(blobs, px_per_mm))


def _streaks_of_oil(blobs: list[Blob], px_per_mm: float) -> list[Blob]:
    """Short strokes within `SHORT_STROKE_OIL_MM` of oil, or of such a stroke, as oil."""
    reach = SHORT_STROKE_OIL_MM * px_per_mm
    boxes = [cv2.boundingRect(b.contour) for b in blobs]
    oil = [i for i, b in enumerate(blobs) if b.kind is FindingKind.OIL]
    short = {i for i, b in enumerate(blobs) if b.short}
    while oil:
        ox, oy, ow, oh = boxes[oil.pop()]
        for i in list(short):
            x, y, w, h = boxes[i]
            if max(ox - (x + w), x - (ox + ow), oy - (y + h), y - (oy + oh)) <= reach:
                short.discard(i)
                oil.append(i)
                blobs[i] = replace(
                    blobs[i], kind=FindingKind.OIL, severity=Severity.LIGHT, short=False
                )
    return blobs


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


#: A chip bites at least this deep into the outline of the dark glass (glints on the
#: rim of clean MSD glass bite up to 0.75 mm) ...
CHIP_MIN_DEPTH_MM = 0.8
#: ... across a mouth no wider than this (a longer dip is glare along a curved edge) ...
CHIP_MAX_MOUTH_MM = 10.0
#: ... and is a bite rather than a shallow wave: depth at least this share of the mouth
#: (an earpiece slit along the top edge is long and shallow).
CHIP_MIN_DEPTH_SHARE = 0.25
#: A chip is a bite, not a fissure: no deeper than its mouth is wide, nor than this.
CHIP_MAX_DEPTH_MM = 3.0
#: The mouth of a chip lies on the glass edge: within this distance of the outline.
CHIP_EDGE_MM = 4.0
#: Chips are looked for along the straight sides only: within this distance of two
#: sides (the rounded corners), the curved glass's glints and the corner's own shape
#: make bites out of every corner of clean MSD glass. Corner chips show on side shots.
CHIP_CORNER_MM = 14.0
#: A chip this deep, or this wide, is severe.
CHIP_SEVERE_DEPTH_MM = 1.5
CHIP_SEVERE_MOUTH_MM = 4.0
#: Glass darker than this grey level is black glass (screen off).
DARK_GLASS_LEVEL = 90


def detect_edge_chips(image: Image, px_per_mm: float) -> list[Blob]:
    """Chips at the edge of black glass (BGR uint8, rectified, the phone filling the
    image). Whole glass is convex, so the outline of the dark glass runs along its
    convex hull; a chip is a bite where the frosted break or the frame shows through:
    a short stretch of that outline that sinks below its hull, on the phone's edge.
    A chip's ``length_mm`` is its mouth along the edge and ``width_mm`` its depth.
    Returns nothing when the glass is not mostly dark (a lit screen, a light front)."""
    gray = cv2.medianBlur(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), 5)
    level, dark = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    if level > DARK_GLASS_LEVEL:
        _, dark = cv2.threshold(gray, DARK_GLASS_LEVEL, 255, cv2.THRESH_BINARY_INV)
    small = disc(max(3, round(0.3 * px_per_mm)))
    dark = cv2.morphologyEx(dark, cv2.MORPH_OPEN, small)
    dark = cv2.morphologyEx(dark, cv2.MORPH_CLOSE, small)
    contours, _ = cv2.findContours(dark, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    if not contours:
        return []
    outline = max(contours, key=cv2.contourArea)
    h, w = gray.shape
    if cv2.contourArea(outline) < 0.5 * h * w:
        return []
    margin = CHIP_EDGE_MM * px_per_mm
    corner = CHIP_CORNER_MM * px_per_mm
    chips = []
    for notch, depth_px in _bites(outline.reshape(-1, 2), px_per_mm):
        depth_mm = depth_px / px_per_mm
        mouth_mm = float(np.linalg.norm(notch[-1] - notch[0])) / px_per_mm
        if (
            depth_mm < CHIP_MIN_DEPTH_MM
            or mouth_mm > CHIP_MAX_MOUTH_MM
            or depth_mm < CHIP_MIN_DEPTH_SHARE * mouth_mm
            or depth_mm > min(mouth_mm, CHIP_MAX_DEPTH_MM)
            or not all(_on_side(p, w, h, margin, corner) for p in (notch[0], notch[-1]))
        ):
            continue
        polygon = notch.reshape(-1, 1, 2).astype(np.int32)
        chips.append(
            Blob(
                FindingKind.CHIP,
                polygon,
                round(mouth_mm, 2),
                round(depth_mm, 2),
                round(cv2.contourArea(polygon) / px_per_mm**2, 3),
                0.0,
                Zone.BORDER,
                Severity.SEVERE
                if depth_mm >= CHIP_SEVERE_DEPTH_MM or mouth_mm >= CHIP_SEVERE_MOUTH_MM
                else Severity.MODERATE,
                round(min(0.95, 0.5 + depth_mm / 2), 2),
            )
        )
    return chips


def _on_side(point: npt.NDArray[Any], w: int, h: int, margin: float, corner: float) -> bool:
    """The point lies within ``margin`` of a side of the w×h image, and not within
    ``corner`` of two sides (the rounded corners)."""
    x, y = float(point[0]), float(point[1])
    near_x = min(x, w - 1 - x)
    near_y = min(y, h - 1 - y)
    return min(near_x, near_y) <= margin and max(near_x, near_y) >= corner


def _bites(outline: npt.NDArray[Any], px_per_mm: float) -> list[tuple[npt.NDArray[Any], float]]:
    """Stretches of a closed outline (N×2 points) that sink below its convex hull, as
    (the stretch's points, its depth in px). Between two hull vertices the outline
    should run along the chord; how far each point lies inside it is measured against
    the running median of that distance (so a gently bowed side is not a bite), and a
    bite is a run of points more than a pixel or two below it: its first and last
    points are the mouth."""
    hull = np.sort(cv2.convexHull(outline.reshape(-1, 1, 2), returnPoints=False).ravel())
    if len(hull) < 3:
        return []
    # Roll the outline so that it starts on a hull vertex: each stretch is then one
    # slice, and every point's distance inside its chord is worked out at once.
    points = np.roll(outline, -int(hull[0]), axis=0).astype(np.float64)
    vertices = np.r_[hull - hull[0], len(points)]
    stretch_of = np.searchsorted(vertices, np.arange(len(points)), side="right") - 1
    a = points[vertices[:-1]][stretch_of]
    b = points[vertices[1:] % len(points)][stretch_of]
    chord = b - a
    span = np.maximum(np.hypot(chord[:, 0], chord[:, 1]), 1.0)
    inside = np.abs(chord[:, 0] * (points[:, 1] - a[:, 1]) - chord[:, 1] * (points[:, 0] - a[:, 0]))
    inside /= span
    tolerance = max(2.0, 0.25 * px_per_mm)
    window = round(2 * CHIP_MAX_MOUTH_MM * px_per_mm) | 1
    deep = np.zeros(len(vertices) - 1)
    np.maximum.at(deep, stretch_of, inside)
    bites = []
    for index in np.flatnonzero(deep >= CHIP_MIN_DEPTH_MM * px_per_mm):
        first, last = vertices[index], vertices[index + 1] + 1
        distance = inside[first:last]
        if last > len(points):  # the last stretch closes the outline on its first point
            distance = np.r_[distance, 0.0]
        # The running median, in quarter pixels (OpenCV's median filter of any width
        # takes 8-bit values; a row image repeats at its border, as "edge" padding).
        quarters = np.clip(np.round(distance * 4), 0, 255).astype(np.uint8).reshape(1, -1)
        rise = distance - cv2.medianBlur(quarters, window).ravel() / 4.0
        stretch = np.concatenate([points, points[:1]])[first:last]
        below = np.flatnonzero(np.diff(np.r_[0, (rise > tolerance).astype(np.int8), 0]))
        for begin, stop in zip(below[::2], below[1::2], strict=True):
            run = stretch[begin:stop].round().astype(np.int32)
            bites.append((run, float(rise[begin:stop].max())))
    return bites


def _dark_glass(gray: Image, px_per_mm: float) -> Image:
    """The black glass itself: dark pixels, with small bright marks on it (what we look
    for) filled in, minus a margin around openings (earpiece, camera, sensors) and a
    light bezel, whose rims would look like defects."""
    level, _ = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    # Otsu puts the level itself in the dark class (all of flat, fully black glass).
    dark: Image = ((gray <= level) & (gray < DARK_GLASS_LEVEL)).astype(np.uint8) * 255
    # A light bezel round the glass, wider than a mark, stays out: closed over, a
    # thin one (a white phone's sides) joined the glass to the mat beyond it, and its
    # inner edge read as a scratch the length of the screen.
    bezel = _light_surround(dark, px_per_mm)
    dark = cv2.morphologyEx(dark, cv2.MORPH_CLOSE, disc(round(3 * px_per_mm)))
    dark[bezel > 0] = 0
    # Components without their statistics, and areas counted by numpy: OpenCV's
    # statistics cost six times the labelling itself (5 against 0.8 ms at 1080p).
    count, labels = cv2.connectedComponents(dark)
    if count > 2:
        largest = 1 + int(np.argmax(np.bincount(labels.ravel(), minlength=count)[1:]))
        dark = (labels == largest).astype(np.uint8) * 255
    # The holes in it (and the light around it), each by its outer border; filling a
    # border fills its component, and anything inside that is dark glass already.
    holes = cv2.bitwise_not(dark)
    borders, hierarchy = cv2.findContours(holes, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_NONE)
    small_hole = 1.2 * px_per_mm
    for border, (_, _, _, parent) in zip(borders, hierarchy[0] if borders else (), strict=True):
        _, _, w, h = cv2.boundingRect(border)
        if parent < 0 and max(w, h) < small_hole:  # a stain, not an opening: on the glass
            cv2.drawContours(dark, [border], 0, 255, cv2.FILLED)
    return cv2.erode(dark, disc(round(1.5 * px_per_mm)))


#: Light wider than this (mm), this large (mm²), and reaching the phone's edge (the
#: glass's edge margin) is no mark on the glass but a bezel round it, with the light
#: beyond: a scratch is narrower, a glint or a stain smaller, and both lie on the
#: glass.
BEZEL_MIN_WIDTH_MM = 0.6
BEZEL_MIN_AREA_MM2 = 40.0


def _light_surround(dark: Image, px_per_mm: float) -> Image:
    """What is light on a rectified face whose dark part is ``dark`` (255), wider
    than `BEZEL_MIN_WIDTH_MM`, in a region of `BEZEL_MIN_AREA_MM2` or more that comes
    within `EDGE_MARGIN_MM` of the face's edge: a light bezel, with the light beyond."""
    wide = cv2.morphologyEx(
        cv2.bitwise_not(dark), cv2.MORPH_OPEN, disc(round(BEZEL_MIN_WIDTH_MM * px_per_mm))
    )
    count, labels = cv2.connectedComponents(wide)
    if count < 2:
        return wide
    areas = np.bincount(labels.ravel(), minlength=count)
    edge = round(EDGE_MARGIN_MM * px_per_mm)
    inner = labels[edge:-edge, edge:-edge]
    reaching = areas > np.bincount(inner.ravel(), minlength=count)
    bezel = np.flatnonzero((areas >= BEZEL_MIN_AREA_MM2 * px_per_mm**2) & reaching)
    return np.isin(labels, bezel[bezel > 0]).astype(np.uint8) * 255


def disc(size: int) -> npt.NDArray[Any]:
    """An elliptic structuring element ``size`` pixels across (made odd)."""
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
    """Median + 1.4826 × median absolute deviation of the top-hat on the glass, from its
    histogram (the same figures as numpy's medians, in a quarter of the time)."""
    counts = cv2.calcHist([tophat], [0], inner, [256], [0, 256]).ravel()
    if counts.sum() == 0:
        return 0.0
    median = _histogram_median(np.arange(256, dtype=np.float64), counts)
    deviation = np.abs(np.arange(256, dtype=np.float64) - median)
    order = np.argsort(deviation, kind="stable")
    return median + 1.4826 * _histogram_median(deviation[order], counts[order])


def _histogram_median(values: npt.NDArray[np.float64], counts: npt.NDArray[Any]) -> float:
    """The median of ``values`` (ascending) each repeated ``counts`` times, as numpy's
    median gives it: the mean of the two middle ones when their number is even."""
    total = int(counts.sum())
    cumulative = np.cumsum(counts)
    low = values[int(np.searchsorted(cumulative, (total - 1) // 2, side="right"))]
    high = values[int(np.searchsorted(cumulative, total // 2, side="right"))]
    return float(low + high) / 2.0


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
    across_mm = min(rw, rh) / px_per_mm
    skeleton = _skeleton(strokes)
    skeleton_px = _curve_length_px(skeleton)
    length_mm = max(skeleton_px / px_per_mm, extent_mm * 0.95)
    width_mm = stroke_px / (length_mm * px_per_mm**2)
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
        across_mm=across_mm,
        box_fill=stroke_px / max(1.0, (rw + 1) * (rh + 1)),
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
        short=kind is FindingKind.SCRATCH and not _long_stroke(length_mm, width_mm, extent_mm),
    )


def _kind(
    length_mm: float,
    *,
    width_mm: float,
    area_mm2: float,
    filled_mm2: float,
    extent_mm: float,
    across_mm: float,
    box_fill: float,
    skeleton: Image,
    contrast: float,
) -> FindingKind | None:
    if extent_mm >= OIL_MIN_MM and filled_mm2 >= 3.0 * area_mm2:
        return FindingKind.OIL  # a bright rim round a darker middle: a smear
    if _long_stroke(length_mm, width_mm, extent_mm):
        # A crack branches and radiates; a scratch is one stroke, however curved.
        return FindingKind.CRACK if _branch_points(skeleton) >= 3 else FindingKind.SCRATCH
    if _short_stroke(extent_mm, across_mm, box_fill):
        return FindingKind.SCRATCH  # (marked short by the caller)
    if contrast >= STAIN_MIN_CONTRAST and (
        extent_mm <= STAIN_SPECK_MM
        or (extent_mm < OIL_MIN_MM and across_mm >= STAIN_ROUND * extent_mm)
    ):
        return FindingKind.STAIN
    if extent_mm >= OIL_MIN_MM and area_mm2 >= 2.0:
        return FindingKind.OIL
    return None


#: A stain is a small bright spot: a speck of any shape up to `STAIN_SPECK_MM`, or a
#: round one (across its tightest box at least `STAIN_ROUND` of its length) smaller
#: than oil (`OIL_MIN_MM`), at least `STAIN_MIN_CONTRAST` grey levels above the glass.
#: Blur widens a spot by about 4 pixels, 0.8 mm at 5 px/mm: before the round rule, a
#: 1.2 mm stain read 1.6 mm there and was dropped, as were the 1.6 to 2.5 mm spots of
#: the MSD stain photos; marks between 1.5 and 3 mm were neither stain nor oil.
STAIN_SPECK_MM = 1.5
STAIN_ROUND = 0.6
STAIN_MIN_CONTRAST = 18
#: Oil: a smear at least this long (mm).
OIL_MIN_MM = 3.0
#: A stroke this many times longer than wide (and 2 mm or longer, 0.8 mm wide at
#: most) is a scratch, or a crack when it branches.
SCRATCH_ELONGATION = 12
#: A short straight stroke is a scratch too: at least `SHORT_STROKE_RATIO` times longer
#: than it is across (its tightest box), at most `SHORT_STROKE_ACROSS_MM` across, and
#: filling `SHORT_STROKE_FILL` of that box (an arc or a smear does not). Blur widens a
#: hairline to several pixels, so the length-to-width rule above misses scratches
#: shorter than about 6 mm (8 mm at 5 px/mm), the length the grading standard's
#: first line (3 mm) is drawn at; they read as oil or nothing.
SHORT_STROKE_RATIO = 4.0
SHORT_STROKE_ACROSS_MM = 1.0
SHORT_STROKE_FILL = 0.6
#: A short stroke within this distance (mm) of oil is a streak of the oil, not a
#: scratch: the highlights on a drop's edge are short straight strokes too.
SHORT_STROKE_OIL_MM = 8.0


def _long_stroke(length_mm: float, width_mm: float, extent_mm: float) -> bool:
    return (
        extent_mm >= 2.0
        and width_mm <= 0.8
        and length_mm >= SCRATCH_ELONGATION * max(width_mm, 0.05)
    )


def _short_stroke(extent_mm: float, across_mm: float, box_fill: float) -> bool:
    return (
        extent_mm >= 2.0
        and across_mm <= SHORT_STROKE_ACROSS_MM
        and extent_mm >= SHORT_STROKE_RATIO * across_mm
        and box_fill >= SHORT_STROKE_FILL
    )


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
