"""Find the phone in a photo, judge whether the photo is usable, and rectify the phone
to a top-down image with a known scale (pixels per millimetre).

The phone is the largest region that differs from the mat (black glass on a light
mat, or a light back on a dark one), found at a quarter of the resolution; its outline
is a rotated rectangle whose corners are refined at full resolution. The scale comes
from the phone's real size (from the catalogue) when given, else from a typical phone
length, and says so in ``problems``.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from vision.types import Image, Points

#: Long side assumed when the phone's size is not known (most phones are 140-165 mm).
TYPICAL_LENGTH_MM = 150.0
#: Working scale of the rectified image: enough for 0.1 mm scratches, fast on one core.
WORK_PX_PER_MM = 8.0


class Quality(enum.StrEnum):
    """Why a photo may be unusable."""

    NO_PHONE = "no_phone"
    CUT_OFF = "cut_off"
    TOO_SMALL = "too_small"
    BLURRED = "blurred"
    GLARE = "glare"
    OVEREXPOSED = "overexposed"
    SCALE_ASSUMED = "scale_assumed"
    SCREEN_LIT = "screen_lit"
    RING_LIGHT = "ring_light"
    #: Marks found again at the same place in the picture after the phone was moved
    #: (`vision.retake`): a lamp's reflections, left out.
    REFLECTION = "reflection"


QUALITY_TEXT = {
    Quality.NO_PHONE: "no phone found in the photo",
    Quality.CUT_OFF: "the phone is cut off at the edge of the photo",
    Quality.TOO_SMALL: "the phone is too small in the photo: move the camera closer",
    Quality.BLURRED: "the photo is blurred: hold still or refocus",
    Quality.GLARE: "glare on the glass: tilt the light or the phone",
    Quality.OVEREXPOSED: "the photo is overexposed: lower the exposure",
    Quality.SCALE_ASSUMED: "phone size unknown: millimetres assume a 150 mm phone",
    Quality.SCREEN_LIT: "the screen is lit: turn it off to check the glass, or name the "
    "test pattern it shows",
    Quality.RING_LIGHT: "a ring light is reflected in the glass (left out): light the phone "
    "from the sides",
    Quality.REFLECTION: "marks that stayed put in the picture while the phone moved are "
    "reflections (left out)",
}
#: Problems after which findings cannot be trusted at all.
UNUSABLE = {Quality.NO_PHONE, Quality.CUT_OFF, Quality.TOO_SMALL, Quality.BLURRED}


@dataclass(frozen=True, slots=True)
class Location:
    """The phone's four corners in source pixels (clockwise from the top-left of the
    phone held upright, long side vertical) and the mask of its outline."""

    corners: Points
    area_fraction: float
    problems: tuple[Quality, ...] = ()


@dataclass(frozen=True, slots=True)
class Rectified:
    """The phone warped top-down: ``image`` (H×W×3 uint8, long side vertical),
    ``mask`` (H×W uint8, 255 on the phone), ``px_per_mm``, and the homography from
    rectified to source pixels."""

    image: Image
    mask: Image
    px_per_mm: float
    to_source: npt.NDArray[Any]
    size_mm: tuple[float, float]
    problems: tuple[Quality, ...] = field(default=())

    def source_points(self, points: npt.NDArray[Any]) -> npt.NDArray[Any]:
        """Rectified pixel points (N×2) mapped into the source photo."""
        if len(points) == 0:
            return np.zeros((0, 2))
        mapped = cv2.perspectiveTransform(
            points.reshape(-1, 1, 2).astype(np.float64), self.to_source
        )
        return mapped.reshape(-1, 2)


def locate(image: Image, side: bool = False) -> Location | None:
    """The phone in a BGR photo, or None when nothing phone-like is there. ``side``
    looks for a phone lying on its edge: a long thin strip."""
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    scale = 0.25 if max(gray.shape) > 1200 else 0.5
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (5, 5), 0)
    contour = _largest_region(small, (6.0, 40.0) if side else (1.2, 3.2))
    if contour is None:
        return None
    area_fraction = cv2.contourArea(contour) / small.size
    # Pixel centres: coarse pixel i covers full-resolution pixels i/scale .. (i+1)/scale.
    rect = cv2.minAreaRect((contour.astype(np.float32) + 0.5) / scale - 0.5)
    corners = _order(cv2.boxPoints(rect))
    problems = []
    (_, _), (rw, rh), _ = cv2.minAreaRect(contour)
    aspect = max(rw, rh) / max(min(rw, rh), 1.0)
    # A phone that merely touches the frame keeps a phone's proportions (about 2:1);
    # one the frame cuts is stubbier. An outline along all four edges is the photo's
    # own edge: the phone fills the frame or runs past it, whatever the proportions.
    followed = _borders_followed(contour, small.shape)
    phone_like = 1.75 <= aspect <= 2.5
    if not side and (
        followed == 4 or (followed and (not phone_like or _cut_across(contour, small.shape)))
    ):
        problems.append(Quality.CUT_OFF)
    if area_fraction < (0.005 if side else 0.04):
        problems.append(Quality.TOO_SMALL)
    return Location(corners, float(area_fraction), tuple(problems))


def _largest_region(
    small: Image, aspects: tuple[float, float] = (1.2, 3.2)
) -> npt.NDArray[Any] | None:
    """The outline of the largest phone-shaped region that differs from the mat. The
    mat's brightness is read from the photo's border, where the phone rarely is."""
    border = np.concatenate(
        [small[:4].ravel(), small[-4:].ravel(), small[:, :4].ravel(), small[:, -4:].ravel()]
    )
    mat = float(np.median(border))
    spread = float(np.median(np.abs(border.astype(np.float32) - mat))) * 1.4826
    # Capped: when the phone fills the frame its edge leaks into the border strips.
    delta = min(40.0, max(25.0, 3.0 * spread))
    differs = (np.abs(small.astype(np.float32) - mat) > delta).astype(np.uint8) * 255
    masks = [differs]
    # Otsu splits of the whole frame catch a dark phone on a mat that darkens in the
    # corners, where the difference from the border is not enough.
    for flag in (cv2.THRESH_BINARY_INV, cv2.THRESH_BINARY):
        masks.append(cv2.threshold(small, 0, 255, flag + cv2.THRESH_OTSU)[1])
    best = None
    best_key = (False, 0.0)
    for raw in masks:
        closed = cv2.morphologyEx(raw, cv2.MORPH_CLOSE, np.ones((7, 7), np.uint8))
        opened = cv2.morphologyEx(closed, cv2.MORPH_OPEN, np.ones((5, 5), np.uint8))
        contours, _ = cv2.findContours(opened, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        best, best_key = _best_contour(contours, small.shape, best, best_key, aspects)
    return best


def _runs_along_border(contour: npt.NDArray[Any], shape: tuple[int, ...]) -> bool:
    """Whether the outline follows the photo's edge for a stretch (a phone cut off by
    the frame), rather than just coming close to it."""
    return _borders_followed(contour, shape) > 0


def _borders_followed(contour: npt.NDArray[Any], shape: tuple[int, ...]) -> int:
    """On how many of the photo's four edges the outline runs for a stretch (over 5 %
    of the photo's mean side), rather than just coming close."""
    points = contour.reshape(-1, 2)
    dense = cv2.approxPolyDP(contour, 0.5, True).reshape(-1, 2) if len(points) < 8 else points
    h, w = shape[:2]
    least = 0.05 * (w + h) / 2
    return sum(bool(np.ptp(run) > least) for run, _ in _edge_runs(dense, shape))


def _edge_runs(
    points: npt.NDArray[Any], shape: tuple[int, ...]
) -> list[tuple[npt.NDArray[Any], int]]:
    """For each of the photo's four edges that outline points (N×2) lie on: their
    coordinates along that edge, and the axis along it (0: x, 1: y)."""
    h, w = shape[:2]
    edges = (
        (points[:, 0] <= 1, 1),
        (points[:, 1] <= 1, 0),
        (points[:, 0] >= w - 2, 1),
        (points[:, 1] >= h - 2, 0),
    )
    return [(points[on][:, along], along) for on, along in edges if on.any()]


#: An outline that runs along the photo's edge for this share of the phone's side there
#: (its width at an end, its length along a side) is cut across by the edge. A phone
#: that only touches the edge leaves its rounded corners in the picture: 0.95 at most
#: on the vision-dev photos (0.88 on MSD); cut by 8 mm or more, 0.975 and up.
CUT_ACROSS_SHARE = 0.97


def _cut_across(contour: npt.NDArray[Any], shape: tuple[int, ...]) -> bool:
    """Whether the photo's edge cuts straight across the phone: the outline runs along
    an edge for nearly the whole of the phone's side there, its corners out of the
    picture. This finds a phone cut by a few mm, which keeps a phone's proportions,
    with its real size unknown (`_cut_short` needs it)."""
    (_, _), (rw, rh), angle = cv2.minAreaRect(contour)
    theta = np.deg2rad(angle)
    sides = (
        (np.array([np.cos(theta), np.sin(theta)]), rw),
        (np.array([-np.sin(theta), np.cos(theta)]), rh),
    )
    for run, along in _edge_runs(contour.reshape(-1, 2), shape):
        # The side of the phone's box most nearly along this edge: the outline's run
        # on the edge, projected onto that side, against the side's length.
        cosine, length = max((abs(float(u[along])), n) for u, n in sides)
        if float(np.ptp(run)) * cosine >= CUT_ACROSS_SHARE * max(length, 1.0):
            return True
    return False


def _best_contour(
    contours: Sequence[npt.NDArray[Any]],
    shape: tuple[int, ...],
    best: npt.NDArray[Any] | None,
    best_key: tuple[bool, float],
    aspects: tuple[float, float] = (1.2, 3.2),
) -> tuple[npt.NDArray[Any] | None, tuple[bool, float]]:
    """The best phone-shaped contour so far: one clear of the photo's edge beats one
    that runs along it (a shadow or dark mat corner joined to the phone), then the
    larger wins. A phone cut by the edge may have any proportions."""
    total = shape[0] * shape[1]
    for contour in contours:
        area = cv2.contourArea(contour)
        if area < 0.004 * total or area > 0.97 * total:
            continue
        (_, _), (rw, rh), _ = cv2.minAreaRect(contour)
        fill = area / max(rw * rh, 1.0)
        aspect = max(rw, rh) / max(min(rw, rh), 1.0)
        touching = _runs_along_border(contour, shape)
        shortest = 1.0 if touching else aspects[0]
        key = (not touching, area)
        if fill > 0.8 and shortest <= aspect < aspects[1] and key > best_key:
            best, best_key = contour, key
    return best, best_key


def _order(box: Points) -> Points:
    """Corners clockwise starting top-left, with the long side as the height."""
    center = box.mean(axis=0)
    angles = np.arctan2(box[:, 1] - center[1], box[:, 0] - center[0])
    ordered = box[np.argsort(angles)]  # clockwise in image coordinates, from the left
    start = int(np.argmin(ordered.sum(axis=1)))
    ordered = np.roll(ordered, -start, axis=0)
    top = np.linalg.norm(ordered[1] - ordered[0])
    side = np.linalg.norm(ordered[3] - ordered[0])
    if top > side:  # lying sideways: start from the corner that makes it upright
        ordered = np.roll(ordered, -1, axis=0)
    return ordered.astype(np.float32)


def check_quality(image: Image, location: Location) -> tuple[Quality, ...]:
    """Blur, glare and exposure inside the phone's outline, judged at half size (the
    measures are shares of the phone's area and its outline's sharpness there)."""
    gray = cv2.cvtColor(cv2.resize(image, None, fx=0.5, fy=0.5), cv2.COLOR_BGR2GRAY)
    mask = np.zeros(gray.shape, np.uint8)
    cv2.fillConvexPoly(mask, np.round(location.corners * 0.5).astype(np.int32), 255)
    inner = cv2.erode(mask, np.ones((8, 8), np.uint8))
    inside = gray[inner > 0]
    problems = list(location.problems)
    if inside.size == 0:
        return (*problems, Quality.NO_PHONE)
    saturated = float(np.mean(inside >= 250))
    if saturated > 0.02:
        problems.append(Quality.GLARE)
    if float(np.mean(gray >= 250)) > 0.25:
        problems.append(Quality.OVEREXPOSED)
    edges = cv2.Laplacian(gray, cv2.CV_32F)
    ring = np.ones((5, 5), np.uint8)
    band = (cv2.dilate(mask, ring) - cv2.erode(mask, ring)) > 0
    if band.any() and float(edges[band].var()) < 40.0:
        problems.append(Quality.BLURRED)
    return tuple(problems)


#: A phone's outline at the photo's edge whose proportions differ from the phone's
#: real ones by more than this share is cut off there (at 2:1, about 7 mm of 146).
CUT_SHORT_SHARE = 0.05
#: An outline corner this share of the photo's long side from its edge is at the edge.
EDGE_SHARE = 0.01


def _cut_short(image: Image, corners: npt.NDArray[Any], size_mm: tuple[float, float]) -> bool:
    """Whether a face whose real size is known runs out of the photo: its outline
    reaches the photo's edge and is stubbier (or longer) than the phone. A phone
    cut by a few millimetres keeps a phone-like shape, which `locate` alone accepts;
    the real size tells. Side shots (a few mm across) are not judged this way."""
    if min(size_mm) < 30:
        return False
    h, w = image.shape[:2]
    margin = EDGE_SHARE * max(h, w)
    xs, ys = corners[:, 0], corners[:, 1]
    if not (
        xs.min() < margin
        or ys.min() < margin
        or xs.max() > w - 1 - margin
        or ys.max() > h - 1 - margin
    ):
        return False
    seen = float(np.linalg.norm(corners[3] - corners[0]) / np.linalg.norm(corners[1] - corners[0]))
    real = size_mm[1] / size_mm[0]
    return abs(seen / real - 1) > CUT_SHORT_SHARE


def rectify(
    image: Image,
    location: Location,
    size_mm: tuple[float, float] | None = None,
    px_per_mm: float = WORK_PX_PER_MM,
) -> Rectified:
    """Warp the phone top-down at ``px_per_mm``. ``size_mm`` is (width, height) of the
    phone from the catalogue; without it the long side is taken as 150 mm."""
    corners = location.corners
    width_px = float(np.linalg.norm(corners[1] - corners[0]))
    height_px = float(np.linalg.norm(corners[3] - corners[0]))
    problems = list(location.problems)
    if size_mm is None:
        height_mm = TYPICAL_LENGTH_MM
        size_mm = (height_mm * width_px / height_px, height_mm)
        problems.append(Quality.SCALE_ASSUMED)
    elif Quality.CUT_OFF not in problems and _cut_short(image, corners, size_mm):
        problems.append(Quality.CUT_OFF)
    out_w, out_h = round(size_mm[0] * px_per_mm), round(size_mm[1] * px_per_mm)
    target = np.array([[0, 0], [out_w - 1, 0], [out_w - 1, out_h - 1], [0, out_h - 1]], np.float32)
    to_rect = cv2.getPerspectiveTransform(corners, target)
    warped = cv2.warpPerspective(image, to_rect, (out_w, out_h), flags=cv2.INTER_AREA)
    mask = np.full((out_h, out_w), 255, np.uint8)
    return Rectified(
        image=warped,
        mask=mask,
        px_per_mm=px_per_mm,
        to_source=np.linalg.inv(to_rect),
        size_mm=size_mm,
        problems=tuple(problems),
    )
