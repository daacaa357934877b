"""Dents and chips along the frame, from a side shot: the phone lies on its edge and
the top edge of its silhouette should be a straight line; a short dip below that line
is a dent (a chip when it sits at a corner)."""

from __future__ import annotations

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


@dataclass(frozen=True, slots=True)
class Dent:
    """A dent in rectified pixels (the strip lying with its long side horizontal)."""

    kind: FindingKind
    contour: npt.NDArray[Any]
    length_mm: float
    depth_mm: float
    severity: Severity


def detect_side_defects(image: Image, px_per_mm: float) -> list[Dent]:
    """Dents along both long edges of a rectified side shot (BGR uint8, the phone
    filling the image, its long side either way)."""
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    if gray.shape[0] > gray.shape[1]:
        gray = cv2.rotate(gray, cv2.ROTATE_90_CLOCKWISE)
    height = gray.shape[0]
    dents = _edge_dents(gray, px_per_mm)
    for dent in _edge_dents(cv2.flip(gray, 0), px_per_mm):  # the lower edge, mirrored
        contour = dent.contour.copy()
        contour[:, :, 1] = height - 1 - contour[:, :, 1]
        dents.append(Dent(dent.kind, contour, dent.length_mm, dent.depth_mm, dent.severity))
    return dents


def _edge_dents(gray: Image, px_per_mm: float) -> list[Dent]:
    """Dips below the straight upper edge of the silhouette."""
    pad = max(4, round(3 * px_per_mm))  # the rounded ends of the frame
    band = gray[:, pad:-pad] if gray.shape[1] > 2 * pad else gray
    level, _ = cv2.threshold(band, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    middle = float(band[band.shape[0] // 2].mean())
    body = band < level if middle < level else band >= level
    edge = np.where(body.any(axis=0), body.argmax(axis=0), band.shape[0]).astype(np.float32)
    baseline = float(np.median(edge))
    depth = (edge - baseline) / px_per_mm
    dips = (depth >= MIN_DEPTH_MM).astype(np.uint8).reshape(1, -1)
    count, _, stats, _ = cv2.connectedComponentsWithStats(dips)
    dents = []
    for index in range(1, count):
        x, w = int(stats[index][0]), int(stats[index][2])
        width_mm = w / px_per_mm
        if width_mm > MAX_WIDTH_MM:
            continue
        deepest = float(depth[x : x + w].max())
        at_corner = x <= 2 or x + w >= len(edge) - 2
        left, right = x + pad, x + w + pad
        top, bottom = round(baseline), round(baseline + deepest * px_per_mm)
        contour = np.array(
            [[left, top], [right, top], [right, bottom], [left, bottom]], np.int32
        ).reshape(-1, 1, 2)
        dents.append(
            Dent(
                FindingKind.CHIP if at_corner else FindingKind.DENT,
                contour,
                round(width_mm, 2),
                round(deepest, 2),
                Severity.SEVERE if deepest > 1.0 else Severity.MODERATE,
            )
        )
    return dents
