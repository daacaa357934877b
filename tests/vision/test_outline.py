"""Outlines spread into evenly spaced points."""

from __future__ import annotations

import numpy as np

from vision.outline import points_along


def test_points_along_a_simplified_outline_keep_to_it_a_step_apart() -> None:
    """A 40 × 2 px stroke's simplified contour (OpenCV's N×1×2, four corners): the
    points run round all of it, none more than the step from the next, the corners
    among them, and every point on a side."""
    corners = np.array([[[10, 10]], [[50, 10]], [[50, 12]], [[10, 12]]], np.int32)
    points = points_along(corners, 1.5)
    gaps = np.linalg.norm(np.roll(points, -1, axis=0) - points, axis=1)
    assert gaps.max() <= 1.5 and len(points) == 2 * (27 + 2)
    assert all((points == c).all(axis=1).any() for c in corners.reshape(-1, 2))
    on_side = (np.isin(points[:, 0], (10, 50)) & (points[:, 1] >= 10) & (points[:, 1] <= 12)) | (
        np.isin(points[:, 1], (10, 12)) & (points[:, 0] >= 10) & (points[:, 0] <= 50)
    )
    assert on_side.all()
