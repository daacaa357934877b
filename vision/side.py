"""The frame, from a side shot: the phone lies on its edge, seen side-on.

Dents and chips: the top edge of its silhouette should be a straight line; a short dip
below that line is a dent (a chip when it sits at a corner). Scratches and scuffs: the
frame's face is even along its length (its shading changes only across it, as it
curves), so a mark is where a pixel stands out from its row's usual level; a thin
long mark is a scratch, a broad patch a scuff. Marks spanning the face's whole
thickness in a narrow band are the frame's own seams (antenna lines, button edges).
A closed outline lying along the frame (the gap round a button or a SIM tray), or a
straight-sided patch so lying (a button of its own colour), is a part of the phone,
not a mark: it and what it encloses are not read."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from vision.finding import FindingKind, Severity
from vision.types import Image

#: A dip must be at least this deep to be a dent rather than the frame's own finish.
MIN_DEPTH_MM = 0.25
#: Dents are short; a long shallow dip is the frame's curvature or a lens bump.
MAX_WIDTH_MM = 12.0
#: The mat seen beside the edge (or through a dent) differs from the frame by at least
#: this (grey levels, between the two sides' means); a smaller split is only the
#: frame's own shading across its curve: a strip with no mat in view, or a mat as
#: light or dark as the frame.
MIN_SILHOUETTE_CONTRAST = 20.0


#: Marks on the face: at least this far (grey levels) from the row's usual level ...
MARK_MIN_CONTRAST = 18.0
#: ... and this many times the face's own grain (robust spread of the residual).
MARK_NOISE_FACTOR = 5.0
#: A scratch is at least this long and this many times longer than wide.
SCRATCH_MIN_MM = 1.5
SCRATCH_ELONGATION = 6.0
#: A scuff covers at least this area; smaller specks are dust.
SCUFF_MIN_MM2 = 1.0
#: The face is read this far in from each long edge (the rounded edges shine).
FACE_MARGIN_MM = 0.8
#: The light's fall-off along the frame is read from this share of the face's rows at
#: either edge, clear of the buttons in the middle.
OUTER_ROWS = 0.25
#: A part's outline (the gap round a button or a SIM tray) encloses at least this much
#: of the face (mm along the frame and across it), lies along the frame within this
#: angle, and fills at least this share of its turned box (a rounded rectangle; a loop
#: that two scratches close by chance is not so even).
PART_MIN_MM = (2.0, 0.8)
PART_MAX_TILT_DEG = 5.0
PART_MIN_FILL = 0.75
#: A button of its own colour shows as a solid patch, not an outline: its long sides
#: are straight over at least this share of its length (a button 2.3 times as long as
#: it is high, 0.6; 7 times, 0.84; an oval scuff, 0.27 to 0.37).
PART_MIN_STRAIGHT = 0.5
#: ... and, unlike a scrape along the frame, it is at least this high (mm) and sits
#: across the middle of the face: its centre within this share of the face's height
#: of the middle line.
PART_SOLID_MIN_MM = 1.5
PART_OFF_MIDDLE = 0.15
#: An outline may stand out only this share of the level a mark does in places: a
#: glint along one side of a button may be fainter than the gap's shadow.
PART_FAINT = 0.5
#: A part's outline is at most this wide: this much round the face it encloses (or
#: round a solid part) is left out with it.
PART_GAP_MM = 0.6


@dataclass(frozen=True, slots=True)
class FrameDefect:
    """A defect on the frame in rectified pixels of the image as given. For a dent or
    chip, ``depth_mm`` is how deep it goes; for a scratch or scuff, how wide it is."""

    kind: FindingKind
    contour: npt.NDArray[Any]
    length_mm: float
    depth_mm: float
    severity: Severity
    area_mm2: float = 0.0


def detect_side_defects(
    image: Image, px_per_mm: float, surround_px: int = 0, *, marks: bool = True
) -> list[FrameDefect]:
    """Dents along both long edges of a rectified side shot (BGR uint8, the phone's
    long side either way), and scratches and scuffs on the face between them.

    ``image`` shows ``surround_px`` pixels of what lies beyond each long edge (the mat)
    besides the frame, so that the edge itself is in view: a frame that fills the
    strip to its border shows no edge to dip below. Contours are in the pixels of
    ``image`` less that surround (the frame filling it, as rectified). Without
    ``marks``, only dents and chips are looked for."""
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    upright = gray.shape[0] > gray.shape[1]
    if upright:
        gray = cv2.rotate(gray, cv2.ROTATE_90_CLOCKWISE)
    height = gray.shape[0]
    face_height = height - 2 * surround_px
    dents = []
    for lower in (False, True):  # the lower edge, mirrored
        for dent in _edge_dents(cv2.flip(gray, 0) if lower else gray, px_per_mm, face_height):
            contour = dent.contour.copy()
            if lower:
                contour[:, :, 1] = height - 1 - contour[:, :, 1]
            contour[:, :, 1] -= surround_px
            dents.append(dataclasses.replace(dent, contour=contour))
    face = gray[surround_px : height - surround_px]
    found = dents + (_face_marks(face, px_per_mm, dents) if marks else [])
    if not upright:
        return found
    # Back into the image as given: it was turned clockwise, so a point (x, y) of the
    # turned image is (y, H-1-x) there, H being the given image's height.
    h0 = gray.shape[1]
    turned_back = []
    for item in found:
        contour = item.contour.copy()
        x, y = contour[:, :, 0].copy(), contour[:, :, 1].copy()
        contour[:, :, 0], contour[:, :, 1] = y, h0 - 1 - x
        turned_back.append(dataclasses.replace(item, contour=contour))
    return turned_back


def _face_marks(gray: Image, px_per_mm: float, dents: list[FrameDefect]) -> list[FrameDefect]:
    """Scratches and scuffs on the face of the frame (the strip lying horizontal)."""
    h, w = gray.shape
    margin = max(1, round(FACE_MARGIN_MM * px_per_mm))
    pad = max(4, round(3 * px_per_mm))  # the rounded ends of the frame
    if h <= 2 * margin + 4 or w <= 2 * pad + 8:
        return []
    face = gray[margin : h - margin, pad : w - pad].astype(np.float32)
    residual, level = _residual(face, px_per_mm)
    parts = _parts(residual, level, px_per_mm)
    marks: Image = (np.abs(residual) > level).astype(np.uint8) * 255
    marks[parts > 0] = 0
    for dent in dents:  # the mat seen through a dent is not a mark
        x, y, dw, dh = cv2.boundingRect(dent.contour)
        grow = round(0.5 * px_per_mm)
        cv2.rectangle(
            marks,
            (x - pad - grow, y - margin - grow),
            (x - pad + dw + grow, y - margin + dh + grow),
            0,
            -1,
        )
    joined = cv2.morphologyEx(marks, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
    contours, _ = cv2.findContours(joined, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    found = []
    for contour in contours:
        x, y, cw, ch = cv2.boundingRect(contour)
        if ch >= 0.8 * face.shape[0] and cw <= 2 * px_per_mm:
            continue  # a seam across the whole face: an antenna line or a button's edge
        region = np.zeros((ch, cw), np.uint8)
        cv2.drawContours(region, [contour - [x, y]], -1, 255, -1)
        stroke_px = int(cv2.countNonZero(cv2.bitwise_and(marks[y : y + ch, x : x + cw], region)))
        (_, _), (rw, rh), _ = cv2.minAreaRect(contour)
        length_mm = max(rw, rh, 1.0) / px_per_mm
        area_mm2 = stroke_px / px_per_mm**2
        width_mm = area_mm2 / length_mm
        if length_mm >= SCRATCH_MIN_MM and length_mm >= SCRATCH_ELONGATION * width_mm:
            kind = FindingKind.SCRATCH
            # Its stroke's box runs on half the stroke's width past either end.
            length_mm -= width_mm / 2
            width_mm = area_mm2 / length_mm
            graded = Severity.MODERATE if length_mm > 10 else Severity.LIGHT
        elif area_mm2 >= SCUFF_MIN_MM2:
            kind = FindingKind.SCUFF
            graded = Severity.MODERATE if area_mm2 > 10 else Severity.LIGHT
        else:
            continue
        found.append(
            FrameDefect(
                kind,
                contour + np.array([pad, margin], np.int32),
                round(length_mm, 2),
                round(width_mm, 2),
                graded,
                round(area_mm2, 2),
            )
        )
    return found


def _residual(
    face: npt.NDArray[np.float32], px_per_mm: float
) -> tuple[npt.NDArray[np.float32], float]:
    """How far each pixel of the ``face`` (the strip lying horizontal) stands from its
    usual level, and the level a mark stands out by. The usual level is each row's
    median (the shading across the curved face), then each column's median offset in
    the outer rows, smoothed (light falling off along the length). The middle rows
    are left out of that: a button sits there, and one as high as half the face,
    darker than the frame, would be the median of its columns."""
    usual = np.median(face, axis=1, keepdims=True)
    offset = face - usual
    rows = face.shape[0]
    outer = np.r_[0 : round(rows * OUTER_ROWS), rows - round(rows * OUTER_ROWS) : rows]
    drift = np.median(offset[outer], axis=0, keepdims=True)
    drift = cv2.blur(drift, (max(3, round(10 * px_per_mm)) | 1, 1), borderType=cv2.BORDER_REPLICATE)
    residual = offset - drift
    spread = 1.4826 * float(np.median(np.abs(residual)))
    return residual, max(MARK_MIN_CONTRAST, MARK_NOISE_FACTOR * spread)


def _parts(residual: npt.NDArray[np.float32], level: float, px_per_mm: float) -> Image:
    """`_part_outlines` of the marks darker than the frame, of those lighter, of both
    (a gap's shadow below a chamfer's glint closes an outline only together, and a
    black button inside a glint is solid only apart from it), and of both down to
    ``PART_FAINT`` of the level. Those faint marks only ever hide marks, on a part
    they outline; they are never findings."""
    found = np.zeros(residual.shape, np.uint8)
    both, faint = np.abs(residual) > level, np.abs(residual) > level * PART_FAINT
    for marks in (residual < -level, residual > level, both, faint):
        found |= _part_outlines(marks.astype(np.uint8) * 255, px_per_mm)
    return found


def _part_outlines(marks: Image, px_per_mm: float) -> Image:
    """Where the face shows a part of the phone, from the ``marks`` of one shade (all
    darker than the frame, or all lighter): each closed outline that encloses a
    rounded rectangle lying along the frame (the gap round a button or a SIM tray, a
    shadow, or its chamfer catching the light), that face and its outline; and each
    solid rounded rectangle so lying across the middle of the face, with straight
    sides (a button of a colour of its own). A scratch beside a part is still found;
    on the part itself it is not looked for."""
    closed = cv2.morphologyEx(marks, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
    contours, hierarchy = cv2.findContours(closed, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    parts = np.zeros_like(marks)
    if not contours:  # and no hierarchy either
        return parts
    min_along, min_across = (size * px_per_mm for size in PART_MIN_MM)
    for contour, (_, _, child, parent) in zip(contours, hierarchy[0], strict=True):
        # A hole is the face an outline encloses; an outer boundary enclosing none may
        # be a solid part.
        hole = parent >= 0
        if not hole and child >= 0:
            continue
        box = cv2.minAreaRect(contour)
        corners = cv2.boxPoints(box)
        sides = (corners[1] - corners[0], corners[2] - corners[1])
        dx, dy = max(sides, key=lambda v: float(np.hypot(*v)))
        tilt = math.degrees(math.atan2(abs(float(dy)), abs(float(dx))))
        along, across = max(box[1]), min(box[1])
        fill = cv2.contourArea(contour) / max(along * across, 1.0)
        if along < min_along or across < min_across or tilt > PART_MAX_TILT_DEG:
            continue
        if fill < PART_MIN_FILL:
            continue
        middle = abs(box[0][1] - marks.shape[0] / 2) <= PART_OFF_MIDDLE * marks.shape[0]
        solid = across >= PART_SOLID_MIN_MM * px_per_mm and middle and _straight_sided(contour)
        if hole or solid:
            cv2.drawContours(parts, [contour], -1, 255, -1)
    if cv2.countNonZero(parts):
        grow = 2 * max(1, round(PART_GAP_MM * px_per_mm)) + 1
        parts = cv2.dilate(parts, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (grow, grow)))
    return parts


def _straight_sided(contour: npt.NDArray[Any]) -> bool:
    """Whether the region inside ``contour`` (lying along the frame) has the straight
    long sides of a button: over at least ``PART_MIN_STRAIGHT`` of its length it is
    within a pixel of its full height (the height a quarter of it reaches). An oval
    patch (a scuff) is that tall over 0.4 of its length at most."""
    x, y, w, h = cv2.boundingRect(contour)
    region = np.zeros((h, w), np.uint8)
    cv2.drawContours(region, [contour - [x, y]], -1, 1, -1)
    heights = region.sum(axis=0)
    full = float(np.percentile(heights, 75))  # not the largest: a ragged edge's spur
    return float(np.mean(heights >= full - 1)) >= PART_MIN_STRAIGHT


def _edge_dents(gray: Image, px_per_mm: float, face_height: int) -> list[FrameDefect]:
    """Dips below the straight upper edge of the silhouette; the frame's face is
    ``face_height`` pixels thick."""
    pad = max(4, round(3 * px_per_mm))  # the rounded ends of the frame
    band = gray[:, pad:-pad] if gray.shape[1] > 2 * pad else gray
    level, _ = cv2.threshold(band, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    darker, lighter = band[band < level], band[band >= level]
    if not darker.size or float(lighter.mean()) - float(darker.mean()) < MIN_SILHOUETTE_CONTRAST:
        # No mat to tell from the frame (none in view, or one of the frame's shade):
        # the split would follow the shading of the curved frame and call every step
        # in it a dent.
        return []
    middle = float(band[band.shape[0] // 2].mean())
    body = band < level if middle < level else band >= level
    edge = np.where(body.any(axis=0), body.argmax(axis=0), band.shape[0]).astype(np.float32)
    baseline = float(np.median(edge))
    depth = (edge - baseline) / px_per_mm
    dips = (depth >= MIN_DEPTH_MM).astype(np.uint8).reshape(1, -1)
    count, _, stats, _ = cv2.connectedComponentsWithStats(dips)
    # A dent's mouth runs on beyond where it is MIN_DEPTH_MM deep, as far as the edge
    # stays a pixel or more below the line; measured there, a shallow dent is not
    # read short.
    sunk = np.concatenate(([False], depth * px_per_mm >= 1.0, [False]))
    starts, ends = np.flatnonzero(sunk[1:] & ~sunk[:-1]), np.flatnonzero(~sunk[1:] & sunk[:-1])
    dents, measured = [], set()
    for index in range(1, count):
        x, w = int(stats[index][0]), int(stats[index][2])
        run = int(np.searchsorted(starts, x, side="right")) - 1
        if run in measured:
            continue  # a second deep part of one dent's mouth
        inside = run >= 0 and ends[run] > x  # not so at a scale under 4 px/mm
        if inside and ends[run] - starts[run] <= MAX_WIDTH_MM * px_per_mm:
            measured.add(run)
            x, w = int(starts[run]), int(ends[run] - starts[run])
        width_mm = w / px_per_mm
        if width_mm > MAX_WIDTH_MM:
            continue
        deepest = float(depth[x : x + w].max())
        if deepest * px_per_mm >= 0.6 * face_height and deepest > width_mm:
            continue  # a narrow gap through the whole face: a seam (antenna line)
        at_corner = x <= 2 or x + w >= len(edge) - 2
        left, right = x + pad, x + w + pad
        top, bottom = round(baseline), round(baseline + deepest * px_per_mm)
        contour = np.array(
            [[left, top], [right, top], [right, bottom], [left, bottom]], np.int32
        ).reshape(-1, 1, 2)
        dents.append(
            FrameDefect(
                FindingKind.CHIP if at_corner else FindingKind.DENT,
                contour,
                round(width_mm, 2),
                round(deepest, 2),
                Severity.SEVERE if deepest > 1.0 else Severity.MODERATE,
                round(round(width_mm, 2) * round(deepest, 2), 2),  # as the two read
            )
        )
    return dents
