"""A ring light round the camera's lens, reflected in black glass. Glass is a mirror:
a camera looking straight down sees itself where the glass is beneath it, at the
photo's middle, and its ring light round that spot, at half the ring's size. The
ring's LEDs read as a circle of stains, its diffuser as a ring of oil 40 to 80 mm
long. `ring_reflections` finds them among the glass detector's blobs so that they
are left out (and the photo's problems say why), where real marks would not lie:

- dots: six or more small blobs alike in size on one circle, centred near the
  photo's middle, standing at even places round it, most places taken (LEDs hidden
  by the edge margin leave gaps, never odd spacing);
- a ring: one blob whose outline keeps to one circle centred near the photo's
  middle, along half of it or more.

A scratch or a smear does not keep to a circle round the spot where the camera sees
itself; stains do not stand at even angles round it."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from vision.glass import Blob
from vision.outline import points_along
from vision.types import Image

#: A reflected ring's radius on the glass (mm): half the ring light's, from a small
#: LED ring round a USB camera's lens to a large one.
RING_RADIUS_MM = (6.0, 40.0)
#: Its centre lies within this share of the photo's shorter side from the photo's
#: middle (a camera's axis is not quite straight down, its lens not quite centred).
CENTRE_SHARE = 0.12
#: An LED's reflection: a blob this large (mm²; half an LED 1.6 to 7 mm across, a
#: speck of dust is smaller), and as large as the others within this ratio; at least
#: this many of them, and this share of the places round the circle.
DOT_AREA_MM2 = (0.4, 12.0)
DOT_AREA_RATIO = 3.0
DOT_MIN_COUNT = 6
DOT_MIN_SHARE = 0.6
#: More small marks than this (a field of specks) are not looked through for a ring.
DOT_MAX_LOOKED = 60
#: On the circle within this share of its radius (and at least `ON_CIRCLE_MM`).
ON_CIRCLE_SHARE = 0.05
ON_CIRCLE_MM = 0.5
#: The angles between neighbouring dots are whole numbers of places (a place: the
#: commonest angle between them), within this share of a place.
SPACING_SHARE = 0.25
#: A ring: its outline's points within this share of the radius (and at least the
#: blob's own width) of one circle, along at least this much of it (degrees).
RING_SHARE = 0.08
RING_MIN_ARC_DEG = 180.0
#: Left out round the reflection's band (mm), and the share of a mark's outline in
#: that band that makes it part of the reflection.
MARGIN_MM = 1.0
ON_RING_SHARE = 0.9

#: A reflection's circle: centre (x, y) and radius in rectified pixels, and how far
#: its light reaches either side of it.
Circle = tuple[tuple[float, float], float, float]


def ring_reflections(
    blobs: Sequence[Blob],
    shape: tuple[int, ...],
    middle: tuple[float, float],
    short_side_mm: float,
    px_per_mm: float,
) -> Image | None:
    """The mask (255) on the rectified glass (``shape``, ``px_per_mm``) of a ring
    light's reflection among ``blobs``, its LEDs or its diffuser: the band round the
    circle they keep to, `MARGIN_MM` wider each way; None when there is none.
    ``middle``: the photo's middle in rectified pixels; ``short_side_mm``: the
    photo's shorter side in mm on the glass."""
    reach = CENTRE_SHARE * short_side_mm * px_per_mm
    centre = np.array(middle, np.float64)
    circles = _dots(blobs, centre, reach, px_per_mm)
    circles += [c for blob in blobs if (c := _ring(blob, centre, reach, px_per_mm))]
    if not circles:
        return None
    mask: Image = np.zeros(shape[:2], np.uint8)
    shift = 4
    for (cx, cy), radius, half in circles:
        width = max(1, round(2 * (half + MARGIN_MM * px_per_mm)))
        centre_fixed = (round(cx * 2**shift), round(cy * 2**shift))
        cv2.circle(mask, centre_fixed, round(radius * 2**shift), 255, width, cv2.LINE_8, shift)
    return mask


def on_ring(blob: Blob, mask: Image) -> bool:
    """Whether ``blob`` lies on a ring light's reflection (``mask``): nearly all its
    outline inside it (an LED half hidden by the edge margin is smaller than the
    others, but as much on the ring)."""
    points = np.round(points_along(blob.contour, 1.0)).astype(np.int64)
    h, w = mask.shape[:2]
    xs, ys = np.clip(points[:, 0], 0, w - 1), np.clip(points[:, 1], 0, h - 1)
    return bool(np.mean(mask[ys, xs] > 0) >= ON_RING_SHARE)


def _dots(
    blobs: Sequence[Blob], centre: npt.NDArray[Any], reach: float, px_per_mm: float
) -> list[Circle]:
    """The circle of a ring light's LEDs among ``blobs``, as a list of one or none."""
    small = [i for i, b in enumerate(blobs) if DOT_AREA_MM2[0] <= b.area_mm2 <= DOT_AREA_MM2[1]]
    if not DOT_MIN_COUNT <= len(small) <= DOT_MAX_LOOKED:
        return []
    points = np.array([_middle(blobs[i].contour) for i in small])
    # Any three dots of the ring give its circle: every triple is tried at once.
    triples = np.array(list(itertools.combinations(range(len(small)), 3)))
    (x1, y1), (x2, y2), (x3, y3) = (points[triples[:, k]].T for k in range(3))
    d = 2 * (x1 * (y2 - y3) + x2 * (y3 - y1) + x3 * (y1 - y2))
    line = np.abs(d) < 1e-9
    d = np.where(line, 1.0, d)
    s1, s2, s3 = x1 * x1 + y1 * y1, x2 * x2 + y2 * y2, x3 * x3 + y3 * y3
    cx = (s1 * (y2 - y3) + s2 * (y3 - y1) + s3 * (y1 - y2)) / d
    cy = (s1 * (x3 - x2) + s2 * (x1 - x3) + s3 * (x2 - x1)) / d
    radius = np.hypot(x1 - cx, y1 - cy)
    low, high = (r * px_per_mm for r in RING_RADIUS_MM)
    near = np.hypot(cx - centre[0], cy - centre[1]) <= reach
    keep = ~line & (radius >= low) & (radius <= high) & near
    cx, cy, radius = cx[keep], cy[keep], radius[keep]
    if not len(radius):
        return []
    tolerance = np.maximum(ON_CIRCLE_SHARE * radius, ON_CIRCLE_MM * px_per_mm)
    off = np.abs(
        np.hypot(points[None, :, 0] - cx[:, None], points[None, :, 1] - cy[:, None])
        - radius[:, None]
    )
    on = off <= tolerance[:, None]
    counts = on.sum(axis=1)
    for k in np.argsort(-counts, kind="stable"):
        if counts[k] < DOT_MIN_COUNT:
            break
        members = np.flatnonzero(on[k])
        areas = [blobs[small[m]].area_mm2 for m in members]
        angles = np.sort(np.arctan2(points[members, 1] - cy[k], points[members, 0] - cx[k]))
        if max(areas) <= DOT_AREA_RATIO * min(areas) and _evenly_spaced(angles):
            half = math.sqrt(max(areas) / math.pi) * px_per_mm + float(tolerance[k])
            return [((float(cx[k]), float(cy[k])), float(radius[k]), half)]
    return []


def _evenly_spaced(angles: npt.NDArray[Any]) -> bool:
    """Sorted angles (radians) standing at even places round the circle: most places
    taken (`DOT_MIN_SHARE`), so the commonest gap is one place, and every gap a whole
    number of places (within `SPACING_SHARE` of one)."""
    gaps = np.diff(np.append(angles, angles[0] + 2 * math.pi))
    places = round(2 * math.pi / float(np.median(gaps)))
    if places < DOT_MIN_COUNT or len(angles) < DOT_MIN_SHARE * places:
        return False
    multiples = gaps / (2 * math.pi / places)
    return bool(np.all(np.abs(multiples - np.round(multiples)) <= SPACING_SHARE))


def _ring(blob: Blob, centre: npt.NDArray[Any], reach: float, px_per_mm: float) -> Circle | None:
    """The circle of a ring light's diffuser, when ``blob`` is (part of) one."""
    if len(blob.contour) < 8:
        return None
    # Spread along the outline: a straight scratch's simplified contour is only its
    # two ends, which keep to the circle they are a diameter of.
    points = points_along(blob.contour, 1.0)
    circle = _fit(points)
    if circle is None:
        return None
    (cx, cy), radius = circle
    low, high = (r * px_per_mm for r in RING_RADIUS_MM)
    if not low <= radius <= high or math.dist((cx, cy), centre) > reach:
        return None
    spread = float(np.abs(np.hypot(points[:, 0] - cx, points[:, 1] - cy) - radius).max())
    if spread > max(RING_SHARE * radius, blob.width_mm * px_per_mm):
        return None
    angles = np.sort(np.arctan2(points[:, 1] - cy, points[:, 0] - cx))
    gaps = np.diff(np.append(angles, angles[0] + 2 * math.pi))
    if math.degrees(2 * math.pi - float(gaps.max())) < RING_MIN_ARC_DEG:
        return None
    return (cx, cy), radius, spread


def _middle(contour: npt.NDArray[Any]) -> tuple[float, float]:
    """The centre of the area a contour encloses."""
    moments = cv2.moments(contour.astype(np.float32))
    if moments["m00"] <= 0:
        points = contour.reshape(-1, 2).astype(np.float64)
        return float(points[:, 0].mean()), float(points[:, 1].mean())
    return moments["m10"] / moments["m00"], moments["m01"] / moments["m00"]


def _fit(points: npt.NDArray[Any]) -> tuple[tuple[float, float], float] | None:
    """The least-squares circle through ``points`` (Kåsa's fit)."""
    x, y = points[:, 0], points[:, 1]
    a = np.column_stack((x, y, np.ones_like(x)))
    solution, *_ = np.linalg.lstsq(a, x * x + y * y, rcond=None)
    cx, cy = solution[0] / 2, solution[1] / 2
    squared = solution[2] + cx * cx + cy * cy
    if squared <= 0:
        return None
    return (float(cx), float(cy)), float(math.sqrt(squared))
