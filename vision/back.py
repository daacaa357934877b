"""The camera on a phone's back, found on the rectified back so that the glass
detector and the crack model leave it out: its lens rings read as oil, the raised
plate's rim as a long scratch, four lenses on a round plate as a crack (on synthetic
backs drawn as an iPhone's, a Pixel's, a Galaxy's and a Mate's cameras are laid out).

A lens is a circle with a sharp edge (the metal ring round its glass): OpenCV's
gradient Hough transform finds those and passes soft round smudges by. The lenses
at one end of the back are the camera (the back is photographed either way up, so
either end). The plate they stand on is the region round them that edges enclose;
where none does (lenses standing on their own), the lenses' hull is left out.

Printing on the back (a maker's name, regulatory lines) read as scratches and oil,
and a large line as a crack; it is left out too (`printing`): a row of three or more
glyph-sized marks of like height on one line, across the back or along it, not
mostly straight strokes (a row of short scratches).

The same rows, looked for in larger glyphs, find an always-on display's clock on a
screen photographed "off" (`clock_lines`), whose digits read as oil."""

from __future__ import annotations

import math

import cv2
import numpy as np

from vision.glass import disc
from vision.types import Image

#: A lens ring's radius on the back (mm): from a small depth or macro lens to an
#: iPhone Pro's main camera.
LENS_RADIUS_MM = (2.5, 10.0)
#: How perfect a circle must be to be a lens (OpenCV's HOUGH_GRADIENT_ALT param2).
LENS_ROUNDNESS = 0.85
#: A flash or a sensor beside the lenses: a small disc (radius, mm) at most
#: `FLASH_REACH_MM` from a lens's ring. A flash standing apart read as scuffs.
FLASH_RADIUS_MM = (0.8, 2.5)
FLASH_REACH_MM = 12.0
#: A lens's centre lies within this share of the back's length from an end.
CAMERA_END_SHARE = 0.4
#: A plate round the lenses is at most this share of the back (a Pixel's bar is about
#: a tenth; the whole back, enclosed by its own outline, is no plate).
PLATE_MAX_SHARE = 0.35
#: Left out round the camera (mm): the plate's rim casts a shadow or catches light.
CAMERA_MARGIN_MM = 1.5

#: A printed glyph's height (mm), from regulatory lines to a maker's name, and the
#: least share of its box its strokes fill (a slanting scratch's box is nearly empty).
GLYPH_HEIGHT_MM = (0.8, 8.0)
GLYPH_MIN_FILL = 0.08
#: A glyph's mark is this much lighter than the back round it (grey levels, top-hat).
GLYPH_CONTRAST = 20
#: Glyphs on one line: at least this many, heights within this ratio, centres within
#: this share of the height of the line, gaps at most this many heights.
LINE_MIN_GLYPHS = 3
LINE_HEIGHT_RATIO = 2.0
LINE_CENTRE_SHARE = 0.35
LINE_GAP_HEIGHTS = 1.5
#: Letters run together at a coarse scale: a word up to this many heights long is
#: one glyph of its line.
WORD_HEIGHTS = 20
#: A mark at least this many heights long may be capitals run together: it is cut
#: at these shares of its brightest top-hat level, and where the first cut that
#: parts it gives only glyphs, each at least `SPLIT_KEEP_HEIGHT` of the mark's
#: height, they replace it (a letter's strokes are as bright as each other to their
#: ends; a scuff or smear shrinks as the cut rises, and a scratch's pieces are
#: strokes). A word with lower-case letters, shorter than its capitals, stays whole.
SPLIT_HEIGHTS = 2.0
SPLIT_LEVELS = (0.5, 0.65, 0.8)
SPLIT_KEEP_HEIGHT = 0.75
#: Pieces of a cut smaller than this share of it are specks, not letters.
SPLIT_MIN_AREA = 0.02
#: A mark whose tightest box is this many times longer than wide is a straight
#: stroke: a scratch, or a letter such as I or l. A line of more than half strokes
#: is a row of short scratches, not print.
STROKE_ASPECT = 4.0
LINE_MAX_STROKES = 0.5
#: Left out round printing (mm).
PRINT_MARGIN_MM = 0.6
#: An always-on display's clock (`clock_lines`): digits this tall (mm), looked for
#: at this scale (px/mm, the face made smaller) through a top-hat this wide (mm), so
#: that a bold digit's strokes stay whole.
CLOCK_HEIGHT_MM = (5.0, 30.0)
CLOCK_PX_PER_MM = 3.0
CLOCK_TOPHAT_MM = 5.0
#: A clock's digits are alike in height (within this ratio), their centres on one
#: line (within this share of a digit's height), their gaps at most this many
#: heights (the colon's); two digits that run together are one mark up to this many
#: heights wide.
CLOCK_HEIGHT_RATIO = 1.25
CLOCK_CENTRE_SHARE = 0.15
CLOCK_GAP_HEIGHTS = 1.0
CLOCK_MAX_WIDTH = 2.2
#: A digit is drawn in strokes: the widest disc inside it is at most this share of
#: its height, where a stain or a drop of oil is a blob as wide inside as it is tall
#: (a bold synthetic digit's joints reach 0.64, a round stain 0.92).
CLOCK_MAX_STROKE = 0.75


def camera_area(face: Image, px_per_mm: float) -> Image | None:
    """A mask (255) of the camera on a rectified back (BGR, long side vertical), with
    a margin round it; None when no lens is found."""
    gray = cv2.GaussianBlur(cv2.cvtColor(face, cv2.COLOR_BGR2GRAY), (5, 5), 0)
    lenses = _lenses(gray, px_per_mm)
    if not lenses:
        return None
    h, w = gray.shape
    area = np.zeros((h, w), np.uint8)
    margin = round(CAMERA_MARGIN_MM * px_per_mm)
    for x, y, r in (*lenses, *_flashes(gray, lenses, px_per_mm)):
        cv2.circle(area, (round(x), round(y)), round(r) + margin, 255, -1)
    hull = cv2.convexHull(cv2.findNonZero(area))
    cv2.fillConvexPoly(area, hull, 255)
    plate = _plate(gray, lenses, px_per_mm)
    if plate is not None:  # grown by the margin within its box (a whole-back dilation
        # takes longer than the rest together)
        x, y, pw, ph = cv2.boundingRect(plate)
        x0, y0 = max(0, x - margin), max(0, y - margin)
        x1, y1 = min(w, x + pw + margin), min(h, y + ph + margin)
        grown = cv2.dilate(plate[y0:y1, x0:x1], disc(2 * margin + 1))
        area[y0:y1, x0:x1] |= grown
    return area


def printing(face: Image, px_per_mm: float) -> Image | None:
    """A mask (255) of the lines printed on a rectified back, lighter than the back as
    the glass detector sees it (a light back inverted), with a margin; None when there
    are none. (The darker gaps between light letters or scratches are not looked at:
    a row of parallel scratches has glyph-like gaps.)"""
    boxes = [box for box, _ in printed_lines(face, px_per_mm)]
    if not boxes:
        return None
    mask = np.zeros(face.shape[:2], np.uint8)
    for x0, y0, x1, y1 in boxes:
        cv2.rectangle(mask, (x0, y0), (x1, y1), 255, -1)
    return mask


def printed_lines(face: Image, px_per_mm: float) -> list[tuple[tuple[int, int, int, int], int]]:
    """The lines of print on a rectified face, lighter than the face round them: each
    line's box (x0, y0, x1, y1 in pixels, `PRINT_MARGIN_MM` round it) and how many
    glyphs it has."""
    gray = cv2.cvtColor(face, cv2.COLOR_BGR2GRAY)
    kernel = disc(max(3, round(2.5 * px_per_mm)))
    lighter = cv2.morphologyEx(gray, cv2.MORPH_TOPHAT, kernel)
    glyphs = _glyphs(lighter, px_per_mm)
    strokes = {box for box, stroke in glyphs.items() if stroke}
    turned = [
        [(x, y, w, h) for y, x, h, w in line]  # print along the back
        for line in _lines([(y, x, h, w) for x, y, w, h in glyphs])
    ]
    lines = [
        line
        for line in (*_lines(list(glyphs)), *turned)
        if sum(box in strokes for box in line) <= LINE_MAX_STROKES * len(line)
    ]
    margin = round(PRINT_MARGIN_MM * px_per_mm)
    return [
        (
            (
                min(x for x, _, _, _ in line) - margin,
                min(y for _, y, _, _ in line) - margin,
                max(x + w for x, _, w, _ in line) + margin,
                max(y + h for _, y, _, h in line) + margin,
            ),
            len(line),
        )
        for line in lines
    ]


def clock_lines(face: Image, px_per_mm: float) -> list[tuple[int, int, int, int]]:
    """The boxes (x0, y0, x1, y1 in the face's pixels) of rows of three or more
    digit-sized marks lighter than a rectified face round them, drawn in strokes,
    alike in height and level, not mostly straight strokes: an always-on display's
    clock ("9:41"; the colon's dots are too small to count)."""
    scale = min(1.0, CLOCK_PX_PER_MM / px_per_mm)
    small = cv2.resize(face, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    ppm = px_per_mm * scale
    gray = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY) if small.ndim == 3 else small
    lighter = cv2.morphologyEx(gray, cv2.MORPH_TOPHAT, disc(max(3, round(CLOCK_TOPHAT_MM * ppm))))
    marks = (lighter >= GLYPH_CONTRAST).astype(np.uint8)
    _, labels, stats, _ = cv2.connectedComponentsWithStats(marks)
    low, high = (v * ppm for v in CLOCK_HEIGHT_MM)
    digits = {}
    for label, (x, y, w, h, area) in enumerate(stats[1:], start=1):
        if not (low <= h <= high and w <= CLOCK_MAX_WIDTH * h and area >= GLYPH_MIN_FILL * w * h):
            continue
        own = labels[y : y + h, x : x + w] == label
        inside = cv2.distanceTransform(own.astype(np.uint8), cv2.DIST_L2, 3)
        if 2 * float(inside.max()) <= CLOCK_MAX_STROKE * h:
            digits[int(x), int(y), int(w), int(h)] = _stroke(own)
    rows = _lines(
        list(digits),
        height_ratio=CLOCK_HEIGHT_RATIO,
        centre_share=CLOCK_CENTRE_SHARE,
        gap_heights=CLOCK_GAP_HEIGHTS,
    )
    return [
        (
            math.floor(min(x for x, _, _, _ in row) / scale),
            math.floor(min(y for _, y, _, _ in row) / scale),
            math.ceil(max(x + w for x, _, w, _ in row) / scale),
            math.ceil(max(y + h for _, y, _, h in row) / scale),
        )
        for row in rows
        if sum(digits[box] for box in row) <= LINE_MAX_STROKES * len(row)
    ]


def _glyphs(lighter: Image, px_per_mm: float) -> dict[tuple[int, int, int, int], bool]:
    """The boxes (x, y, w, h) of the marks at least `GLYPH_CONTRAST` lighter than round
    them (``lighter``: a top-hat) that could be printed glyphs (as tall as print is, or
    as wide for print along the back; no longer than a word whose letters run
    together; filling enough of their box), each with whether it is a straight
    stroke. A long mark is split into its letters where a higher cut parts them."""
    marks = (lighter >= GLYPH_CONTRAST).astype(np.uint8)
    _, labels, stats, _ = cv2.connectedComponentsWithStats(marks)
    glyphs = {}
    for label, (x, y, w, h, area) in enumerate(stats[1:], start=1):
        if not _glyph_sized(w, h, area, px_per_mm):
            continue
        own = labels[y : y + h, x : x + w] == label
        parts = _letters(np.where(own, lighter[y : y + h, x : x + w], 0), w, h, px_per_mm)
        for (px, py, pw, ph), part in parts or [((0, 0, w, h), own)]:
            glyphs[int(x + px), int(y + py), int(pw), int(ph)] = _stroke(part)
    return glyphs


def _glyph_sized(w: int, h: int, area: int, px_per_mm: float) -> bool:
    low, high = (v * px_per_mm for v in GLYPH_HEIGHT_MM)
    long = WORD_HEIGHTS
    sized = (low <= h <= high and w <= long * h) or (low <= w <= high and h <= long * w)
    return sized and area >= GLYPH_MIN_FILL * w * h


def _stroke(mark: Image) -> bool:
    """Whether a mark (a boolean image) is a straight stroke."""
    ys, xs = np.nonzero(mark)
    (_, _), (a, b), _ = cv2.minAreaRect(np.column_stack((xs, ys)).astype(np.float32))
    return bool(max(a, b) >= STROKE_ASPECT * max(1.0, min(a, b)))


def _letters(
    mark: Image, w: int, h: int, px_per_mm: float
) -> list[tuple[tuple[int, int, int, int], Image]]:
    """A long mark's letters (box within the mark, and the letter as a boolean image)
    where a higher cut through its top-hat levels parts it into glyphs as tall as the
    mark; empty when none does."""
    across = min(w, h)
    if max(w, h) < SPLIT_HEIGHTS * across:
        return []
    peak = float(mark.max())
    for share in SPLIT_LEVELS:
        cut = (mark >= share * peak).astype(np.uint8)
        _, labels, stats, _ = cv2.connectedComponentsWithStats(cut)
        pieces = [
            ((int(x), int(y), int(pw), int(ph)), labels == i)
            for i, (x, y, pw, ph, area) in enumerate(stats[1:], start=1)
            if area >= SPLIT_MIN_AREA * stats[1:, 4].sum()
        ]
        letters = [
            ((x, y, pw, ph), part[y : y + ph, x : x + pw])
            for (x, y, pw, ph), part in pieces
            if _glyph_sized(pw, ph, int(part.sum()), px_per_mm)
            and (pw if h > w else ph) >= SPLIT_KEEP_HEIGHT * across
        ]
        if len(pieces) >= 2:  # parted: into letters, or into letters and lower ones
            return letters if len(letters) == len(pieces) else []
    return []


def _lines(
    boxes: list[tuple[int, int, int, int]],
    *,
    height_ratio: float = LINE_HEIGHT_RATIO,
    centre_share: float = LINE_CENTRE_SHARE,
    gap_heights: float = LINE_GAP_HEIGHTS,
) -> list[list[tuple[int, int, int, int]]]:
    """Rows of glyph boxes (x, y, w, h) along x: heights within ``height_ratio``,
    centres on one line (within ``centre_share`` of the taller's height), gaps at
    most ``gap_heights`` heights; those with `LINE_MIN_GLYPHS` or more."""
    boxes = sorted(boxes)
    parent = list(range(len(boxes)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (xi, yi, wi, hi) in enumerate(boxes):
        for j in range(i + 1, len(boxes)):
            xj, yj, _, hj = boxes[j]
            if xj - (xi + wi) > gap_heights * height_ratio * hi:
                break  # sorted by x: the rest are further still
            tall = max(hi, hj)
            if xj - (xi + wi) > gap_heights * tall:
                continue
            same = max(hi, hj) <= height_ratio * min(hi, hj)
            level = abs((yi + hi / 2) - (yj + hj / 2)) <= centre_share * tall
            if same and level:
                parent[root(j)] = root(i)
    rows: dict[int, list[tuple[int, int, int, int]]] = {}
    for i, box in enumerate(boxes):
        rows.setdefault(root(i), []).append(box)
    return [row for row in rows.values() if len(row) >= LINE_MIN_GLYPHS]


def _lenses(gray: Image, px_per_mm: float) -> list[tuple[float, float, float]]:
    """The lens rings at one end of the back: (x, y, radius) in pixels."""
    kept = _circles(gray, LENS_RADIUS_MM, px_per_mm)
    length = gray.shape[0]
    ends = (
        [c for c in kept if c[1] < CAMERA_END_SHARE * length],
        [c for c in kept if c[1] > (1 - CAMERA_END_SHARE) * length],
    )
    return max(ends, key=lambda group: (len(group), sum(r for _, _, r in group)))


def _flashes(
    gray: Image, lenses: list[tuple[float, float, float]], px_per_mm: float
) -> list[tuple[float, float, float]]:
    """Small discs (a flash, a sensor) within `FLASH_REACH_MM` of a lens's ring."""
    reach = FLASH_REACH_MM * px_per_mm
    # Looked for in the box that reach allows only: a fifth of the time of the whole.
    h, w = gray.shape
    x0 = max(0, int(min(x - r for x, _, r in lenses) - reach))
    y0 = max(0, int(min(y - r for _, y, r in lenses) - reach))
    x1 = min(w, int(max(x + r for x, _, r in lenses) + reach) + 1)
    y1 = min(h, int(max(y + r for _, y, r in lenses) + reach) + 1)
    return [
        (x + x0, y + y0, r)
        for x, y, r in _circles(gray[y0:y1, x0:x1], FLASH_RADIUS_MM, px_per_mm)
        if any(np.hypot(x + x0 - lx, y + y0 - ly) - lr <= reach for lx, ly, lr in lenses)
    ]


def _circles(
    gray: Image, radius_mm: tuple[float, float], px_per_mm: float
) -> list[tuple[float, float, float]]:
    """Sharp-edged circles of a radius in ``radius_mm``: (x, y, radius) in pixels,
    largest first; of circles one inside another (a ring and its glass), the largest."""
    low, high = (max(2, round(r * px_per_mm)) for r in radius_mm)
    found = cv2.HoughCircles(
        gray,
        cv2.HOUGH_GRADIENT_ALT,
        dp=1.5,
        minDist=2 * low,
        param1=300,
        param2=LENS_ROUNDNESS,
        minRadius=low,
        maxRadius=high,
    )
    if found is None:
        return []
    circles = sorted(
        ((float(x), float(y), float(r)) for x, y, r in found.reshape(-1, 3)), key=lambda c: -c[2]
    )
    kept: list[tuple[float, float, float]] = []
    for x, y, r in circles:
        if all(np.hypot(x - kx, y - ky) > kr for kx, ky, kr in kept):
            kept.append((x, y, r))
    return kept


def _plate(gray: Image, lenses: list[tuple[float, float, float]], px_per_mm: float) -> Image | None:
    """The raised plate the lenses stand on: the region enclosed by edges round the
    lenses' middle, if it holds every lens's centre (not one lens's own glass) and is
    no more than `PLATE_MAX_SHARE` of the back; None otherwise."""
    edges = cv2.Canny(gray, 20, 60)
    edges = cv2.dilate(edges, disc(max(3, round(0.4 * px_per_mm))))
    _, labels = cv2.connectedComponents(cv2.bitwise_not(edges))
    mx = round(float(np.mean([x for x, _, _ in lenses])))
    my = round(float(np.mean([y for _, y, _ in lenses])))
    label = int(labels[my, mx])
    if label == 0:  # the middle is on an edge
        return None
    region: Image = (labels == label).astype(np.uint8) * 255
    outer, _ = cv2.findContours(region, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    plate = np.zeros_like(region)
    cv2.drawContours(plate, outer, -1, 255, cv2.FILLED)
    if np.count_nonzero(plate) > PLATE_MAX_SHARE * gray.size:
        return None
    if len(lenses) < 2 or not all(plate[round(y), round(x)] for x, y, _ in lenses):
        return None
    return plate
