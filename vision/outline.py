"""Outlines as evenly spaced points. OpenCV's simplified contours
(``CHAIN_APPROX_SIMPLE``) keep only the ends of each straight run, so the outline of
a straight scratch is a handful of points at its two ends: a test on an outline's
points (does it keep to a circle, does it lie in a band, is it near another) must
first spread them along the whole of it."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt


def points_along(polygon: npt.NDArray[Any], step: float) -> npt.NDArray[Any]:
    """Points round a closed ``polygon`` (N×2, or N×1×2 as OpenCV gives it) at most
    ``step`` apart, each vertex among them (float64, M×2)."""
    start = polygon.reshape(-1, 2).astype(np.float64)
    end = np.roll(start, -1, axis=0)
    counts = np.maximum(1, np.ceil(np.linalg.norm(end - start, axis=1) / step)).astype(np.int64)
    side = np.repeat(np.arange(len(start)), counts)
    within = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    share = (within / counts[side])[:, None]
    points: npt.NDArray[Any] = start[side] + (end[side] - start[side]) * share
    return points
