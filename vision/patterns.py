"""Test patterns on a screen that is on: the images to show, and the analysis of a
rectified photo of one. Full white, black, red, green, blue and 50 % grey reveal dead
pixels (dark on a lit pattern), bright or stuck pixels (lit on black, or the wrong
colour), lines (a whole row or column off) and mura or burn-in (broad patches that
differ from the rest)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from vision.finding import FindingKind, Severity
from vision.types import Image


class Pattern(enum.StrEnum):
    """The patterns, in the order the station shows them."""

    WHITE = "white"
    BLACK = "black"
    RED = "red"
    GREEN = "green"
    BLUE = "blue"
    GREY = "grey"


#: BGR colour of each pattern.
COLORS = {
    Pattern.WHITE: (255, 255, 255),
    Pattern.BLACK: (0, 0, 0),
    Pattern.RED: (0, 0, 255),
    Pattern.GREEN: (0, 255, 0),
    Pattern.BLUE: (255, 0, 0),
    Pattern.GREY: (128, 128, 128),
}


def pattern_image(pattern: Pattern, width: int = 1080, height: int = 2400) -> Image:
    """The full-screen image to show (or push to an Android phone) for ``pattern``."""
    return np.full((height, width, 3), COLORS[pattern], np.uint8)


def pattern_png(pattern: Pattern, width: int = 1080, height: int = 2400) -> bytes:
    """``pattern_image`` as PNG bytes (a few kB: one colour compresses well)."""
    ok, encoded = cv2.imencode(".png", pattern_image(pattern, width, height))
    if not ok:  # pragma: no cover - OpenCV always encodes a plain uint8 image
        raise ValueError("PNG encoding failed")
    return bytes(encoded)


@dataclass(frozen=True, slots=True)
class Spot:
    """A pattern defect in rectified pixels, with its size in mm."""

    kind: FindingKind
    contour: npt.NDArray[Any]
    length_mm: float
    width_mm: float
    area_mm2: float
    severity: Severity
    confidence: float


def detect_pattern_defects(image: Image, pattern: Pattern, px_per_mm: float) -> list[Spot]:
    """Defects in a rectified photo (BGR uint8) of the screen showing ``pattern``."""
    expected = np.array(COLORS[pattern], np.float32)
    lit = expected.max() > 0
    x0, y0, x1, y1 = _display_area(image, lit, px_per_mm)
    screen = image[y0:y1, x0:x1].astype(np.float32)
    if screen.size == 0:
        return []
    margin = np.array([x0, y0])
    level = screen.max(axis=2)
    smooth = cv2.medianBlur(level.astype(np.uint8), _odd(round(3 * px_per_mm)))
    spots: list[Spot] = []
    deviation = level - smooth.astype(np.float32)
    if lit:
        _spots(spots, (deviation < -60).astype(np.uint8), FindingKind.DEAD_PIXEL, px_per_mm, margin)
    else:
        _spots(
            spots, (deviation > 60).astype(np.uint8), FindingKind.BRIGHT_PIXEL, px_per_mm, margin
        )
    if lit and pattern is not Pattern.WHITE and pattern is not Pattern.GREY:
        wrong = _wrong_colour(screen, expected)
        _spots(spots, wrong, FindingKind.STUCK_PIXEL, px_per_mm, margin)
    _lines(spots, level, px_per_mm, margin)
    if pattern in (Pattern.GREY, Pattern.WHITE):
        _mura(spots, smooth.astype(np.float32), px_per_mm, margin)
    return spots


def _display_area(image: Image, lit: bool, px_per_mm: float) -> tuple[int, int, int, int]:
    """The lit display inside the bezel (for a dark pattern, the glass less 4 mm),
    shrunk by 1 mm so that its edge is not read as a defect."""
    h, w = image.shape[:2]
    inset = round(1 * px_per_mm)
    if lit:
        level = image.max(axis=2)
        on = (
            level > 0.5 * float(np.median(level[h // 4 : 3 * h // 4, w // 4 : 3 * w // 4]))
        ).astype(np.uint8)
        # Bridge dead lines and pixels, which would otherwise split the display in two.
        on = cv2.morphologyEx(on, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
        count, _, stats, _ = cv2.connectedComponentsWithStats(on)
        if count > 1:
            best = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
            x, y, bw, bh = stats[best, :4]
            return x + inset, y + inset, x + bw - inset, y + bh - inset
    edge = round(4 * px_per_mm)
    return edge, edge, w - edge, h - edge


def _odd(size: int) -> int:
    return max(3, size | 1)


def _wrong_colour(screen: npt.NDArray[Any], expected: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """Pixels lit in a channel the pattern leaves dark (a stuck sub-pixel)."""
    off = expected == 0
    lit: npt.NDArray[Any] = (screen[:, :, off].max(axis=2) > 120).astype(np.uint8)
    return lit


def _spots(
    spots: list[Spot],
    mask: npt.NDArray[Any],
    kind: FindingKind,
    px_per_mm: float,
    margin: npt.NDArray[Any],
) -> None:
    contours, _ = cv2.findContours(mask * 255, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    for contour in contours:
        area = cv2.contourArea(contour) + 1
        _, _, w, h = cv2.boundingRect(contour)
        if max(w, h) > 3 * px_per_mm:
            continue  # too big for a pixel defect: a line or a patch, judged elsewhere
        spots.append(
            Spot(
                kind,
                contour + margin,
                round(max(w, h) / px_per_mm, 2),
                round(min(w, h) / px_per_mm, 2),
                round(area / px_per_mm**2, 3),
                Severity.MODERATE,
                0.9,
            )
        )


def _lines(
    spots: list[Spot], level: npt.NDArray[Any], px_per_mm: float, margin: npt.NDArray[Any]
) -> None:
    """A row or column whose brightness differs from its neighbours along most of it."""
    for axis in (0, 1):
        profile = np.median(level, axis=axis)
        baseline = cv2.medianBlur(profile.astype(np.uint8).reshape(1, -1), 5).ravel()
        off = np.abs(profile - baseline.astype(np.float32)) > 40
        for index in np.flatnonzero(off):
            span = level.shape[0] if axis == 0 else level.shape[1]
            if axis == 0:
                box = np.array([[index, 0], [index + 1, 0], [index + 1, span], [index, span]])
            else:
                box = np.array([[0, index], [span, index], [span, index + 1], [0, index + 1]])
            spots.append(
                Spot(
                    FindingKind.LINE,
                    (box + margin).reshape(-1, 1, 2).astype(np.int32),
                    round(span / px_per_mm, 1),
                    round(1 / px_per_mm, 2),
                    round(span / px_per_mm**2, 2),
                    Severity.SEVERE,
                    0.8,
                )
            )


def _mura(
    spots: list[Spot], smooth: npt.NDArray[Any], px_per_mm: float, margin: npt.NDArray[Any]
) -> None:
    """Broad patches (burn-in, mura) departing from the screen's overall level."""
    background = cv2.GaussianBlur(smooth, (0, 0), 15 * px_per_mm)
    patch = np.abs(smooth - background) > 18
    mask = cv2.morphologyEx(patch.astype(np.uint8), cv2.MORPH_OPEN, np.ones((5, 5), np.uint8))
    contours, _ = cv2.findContours(mask * 255, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    for contour in contours:
        _, _, w, h = cv2.boundingRect(contour)
        if min(w, h) < 4 * px_per_mm:
            continue
        spots.append(
            Spot(
                FindingKind.MURA,
                contour + margin,
                round(max(w, h) / px_per_mm, 1),
                round(min(w, h) / px_per_mm, 1),
                round(cv2.contourArea(contour) / px_per_mm**2, 1),
                Severity.MODERATE,
                0.7,
            )
        )
