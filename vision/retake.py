"""What a photo taken again tells: a lamp's reflection stays put when the phone moves.

Black glass is a mirror. With the camera and the lamps fixed over the mat, sliding or
turning the phone flat on the mat leaves the reflection of a lamp where it was in the
photo, while every mark on the glass moves with the phone. So when the clerk moves the
phone and takes a photo again, a mark found in both photos at the same place in the
picture, where the glass beneath it is not the same glass, is a reflection (a bare
bulb as a stain, a strip light as a scratch), and is left out. A mark that moved with
the phone is real, whatever it looks like.

`stayed_put` compares the findings of the two analyses; it says nothing where the
phone was not moved far enough to tell (`MOVED_MM`). Its caller compares only
photos from the same fixed camera (`app.flow`: photos of one size)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from vision.finding import Finding, FindingSource
from vision.locate import Rectified
from vision.outline import points_along

#: A finding at the same place in both photos: most of the later one's outline
#: (`SAME_SHARE`) within this distance (mm on the glass, at the photo's scale) of the
#: earlier one's (a reflection's outline shifts a little as other glass passes under
#: it, and the examined glass's edge may cut it short in the later photo).
STILL_MM = 2.0
SAME_SHARE = 0.8
#: Nor is it larger than the other by more than this share, or this many mm (its
#: length, or for a spot the side of a square of its area).
LARGER_SHARE = 0.15
LARGER_MM = 1.0
#: The glass under it moved at least this far between the photos (a real mark there
#: would have moved with it).
MOVED_MM = 6.0
#: Which way round the phone lies is told from its rectified pictures at this scale,
#: by the area where they differ by more than this many grey levels: one way's must
#: be at most this share of the other's, and smaller by this many mm².
LOOK_PX_PER_MM = 2.0
LOOK_GREY = 12
LOOK_SHARE = 0.7
LOOK_MIN_MM2 = 2.0
#: ... leaving out this much round the edge and the rounded corners, and round the
#: findings compared (a reflection may look as if it turned with the phone).
LOOK_EDGE_MM = 3.0
LOOK_ASIDE_MM = 2.0
#: Outlines are compared at points this far apart (mm).
STEP_MM = 0.5


def stayed_put(
    before: Sequence[Finding],
    before_rect: Rectified,
    after: Sequence[Finding],
    after_rect: Rectified,
) -> list[Finding]:
    """The findings of ``after`` that are reflections: each found in ``before`` (an
    earlier photo of the same face from the same camera) at the same place in the
    picture and no larger, while the glass under it moved `MOVED_MM` or more between
    the photos, and no mark in ``before`` lies where that glass was then (two alike
    marks as far apart as the phone moved). Which way round the phone now lies is
    told by its look (`_turns`); where that cannot tell, the glass must have moved
    either way. Only the detector's findings with a box in the photo are compared;
    ``*_rect``: each photo's rectified phone (where it lies in the photo)."""
    scale = frame_px_per_mm(after_rect)
    near, moved = STILL_MM * scale, MOVED_MM * scale
    old = [_Seen(f, before_rect, scale) for f in before if _comparable(f)]
    new = [_Seen(f, after_rect, scale) for f in after if _comparable(f)]
    if not old or not new:
        return []
    pairs = [(seen, [o for o in old if seen.same_place(o, near)]) for seen in new]
    pairs = [(seen, partners) for seen, partners in pairs if partners]
    if not pairs:
        return []
    # Which way round the phone now lies, from its look away from those marks (a
    # reflection may look as if it turned with the phone).
    turns = _turns(
        before_rect,
        after_rect,
        [o.finding for _, partners in pairs for o in partners],
        [seen.finding for seen, _ in pairs],
    )
    back = _motions(after_rect, before_rect, turns)  # a later photo's glass, then
    found = []
    for seen, _ in pairs:
        was = [_map(h, seen.middle[None])[0] for h in back]
        if min(math.dist(seen.middle, w) for w in was) < moved:
            continue  # the glass here did not move (or turned about this point)
        if any(_touches(w, old, near) for w in was):
            continue  # a mark where this glass was: it moved with the phone
        found.append(seen.finding)
    return found


class _Seen:
    """A finding's outline in its photo: points `STEP_MM` apart along it, and its
    middle."""

    def __init__(self, finding: Finding, rect: Rectified, scale: float) -> None:
        self.finding = finding
        if finding.polygon_mm:
            polygon = rect.source_points(np.array(finding.polygon_mm) * rect.px_per_mm)
        else:
            assert finding.bbox_px is not None
            x, y, w, h = finding.bbox_px
            polygon = np.array([[x, y], [x + w, y], [x + w, y + h], [x, y + h]], np.float64)
        self.polygon = polygon.astype(np.float32).reshape(-1, 1, 2)
        self.points = points_along(polygon, STEP_MM * scale)
        self.middle = self.points.mean(axis=0)
        low, high = self.points.min(axis=0), self.points.max(axis=0)
        self.box = (low, high)

    def distance(self, point: npt.NDArray[Any]) -> float:
        """How far ``point`` lies outside the outline (0 inside)."""
        inside = cv2.pointPolygonTest(self.polygon, (float(point[0]), float(point[1])), True)
        return max(0.0, -float(inside))

    def same_place(self, other: _Seen, near: float) -> bool:
        """Whether this one lies (`SAME_SHARE` of its outline) within ``near`` of
        ``other``: as large as it or smaller (the glass's edge may cut a reflection
        short), not larger (a mark merged with the reflection is no reflection)."""
        (a0, a1), (b0, b1) = self.box, other.box
        if np.any(a0 > b1 + near) or np.any(b0 > a1 + near):
            return False
        if _size(self.finding) > (1 + LARGER_SHARE) * _size(other.finding) + LARGER_MM:
            return False
        return _within(self, other, near)


def _within(inner: _Seen, outer: _Seen, near: float) -> bool:
    close = [outer.distance(p) <= near for p in inner.points]
    return sum(close) >= SAME_SHARE * len(close)


def _touches(point: npt.NDArray[Any], seen: Sequence[_Seen], near: float) -> bool:
    """Whether ``point`` lies within ``near`` of one of the outlines ``seen``."""
    return any(s.distance(point) <= near for s in seen)


def frame_px_per_mm(rect: Rectified) -> float:
    """The photo's scale on the phone: its outline's length in the photo's pixels over
    its length in mm."""
    corners = _corners(rect)
    perimeter = float(np.linalg.norm(corners - np.roll(corners, 1, axis=0), axis=1).sum())
    return perimeter / (2 * sum(rect.size_mm))


def _corners(rect: Rectified) -> npt.NDArray[Any]:
    """The rectified phone's corners in the photo, from its top-left clockwise."""
    h, w = rect.image.shape[:2]
    return rect.source_points(np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float64))


def _motions(
    source: Rectified, target: Rectified, turns: tuple[int, ...]
) -> list[npt.NDArray[Any]]:
    """The homographies taking a point of the phone in ``source``'s photo to the same
    point in ``target``'s, for each way round the phone may lie (`_turns`)."""
    a = _corners(source).astype(np.float32)
    b = _corners(target).astype(np.float32)
    return [cv2.getPerspectiveTransform(np.roll(a, k, axis=0), b) for k in turns]


def _turns(
    first: Rectified,
    second: Rectified,
    first_aside: Sequence[Finding],
    second_aside: Sequence[Finding],
) -> tuple[int, ...]:
    """Which way round the phone lies in ``second`` against ``first``, as quarter
    turns of its rectified corners: 0 as found, 2 half a turn round (its outline looks
    the same both ways up), or both when its look does not tell. Its look: its
    rectified pictures at `LOOK_PX_PER_MM` (its marks, camera, notch or button), away
    from its edge and from the findings ``*_aside`` of each (`LOOK_GREY`,
    `LOOK_SHARE`, `LOOK_MIN_MM2`)."""
    if first.image.shape != second.image.shape or first.size_mm != second.size_mm:
        return (0, 2)
    scale = LOOK_PX_PER_MM / first.px_per_mm
    edge = max(1, round(LOOK_EDGE_MM * LOOK_PX_PER_MM))
    aside_px = max(1, round(LOOK_ASIDE_MM * LOOK_PX_PER_MM))
    looks: list[npt.NDArray[np.float32]] = []
    shown: list[npt.NDArray[np.bool_]] = []
    for rect, aside in ((first, first_aside), (second, second_aside)):
        gray = cv2.cvtColor(rect.image, cv2.COLOR_BGR2GRAY)
        small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        looks.append(small.astype(np.float32))
        phone = cv2.resize(
            rect.mask, (small.shape[1], small.shape[0]), interpolation=cv2.INTER_NEAREST
        )
        inner = np.zeros_like(phone)
        inner[edge:-edge, edge:-edge] = phone[edge:-edge, edge:-edge]
        for finding in aside:
            if finding.polygon_mm:
                points = np.round(np.array(finding.polygon_mm) * LOOK_PX_PER_MM)
                hull = cv2.convexHull(points.astype(np.int32))
                cv2.fillConvexPoly(inner, hull, 0)
                cv2.polylines(inner, [hull], True, 0, 2 * aside_px)
        shown.append(inner > 0)
    a, b = looks
    differ = []
    for turned, seen in ((a, shown[0]), (a[::-1, ::-1], shown[0][::-1, ::-1])):
        both = seen & shown[1]
        differ.append(float(np.count_nonzero((np.abs(turned - b) > LOOK_GREY) & both)))
    straight, round_ = differ
    if abs(straight - round_) < LOOK_MIN_MM2 * LOOK_PX_PER_MM**2:
        return (0, 2)
    if straight <= LOOK_SHARE * round_:
        return (0,)
    if round_ <= LOOK_SHARE * straight:
        return (2,)
    return (0, 2)


def _map(homography: npt.NDArray[Any], points: npt.NDArray[Any]) -> npt.NDArray[Any]:
    mapped = cv2.perspectiveTransform(points.reshape(-1, 1, 2).astype(np.float64), homography)
    return mapped.reshape(-1, 2)


def _comparable(finding: Finding) -> bool:
    return finding.source is FindingSource.DETECTOR and finding.bbox_px is not None


def _size(finding: Finding) -> float:
    return max(finding.length_mm, math.sqrt(finding.area_mm2))
