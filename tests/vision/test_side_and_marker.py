"""Side shots (dents and chips along the frame) and scale from the printed marker."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from vision.analyze import analyze
from vision.finding import FindingKind, Surface
from vision.locate import Quality
from vision.marker import MARKER_MM, marker_image, px_per_mm_from_marker
from vision.synthetic import Defect, render_scene, render_side


def test_dents_are_found_where_they_are_and_measured() -> None:
    scene = render_side(((40.0, 4.0, 0.6), (100.0, 3.0, 1.2)))
    result = analyze(scene.image, Surface.FRAME, size_mm=(146.0, 8.0))
    assert result.usable
    dents = sorted(result.findings, key=lambda f: f.polygon_mm[0][0])
    assert [f.kind for f in dents] == [FindingKind.DENT, FindingKind.DENT]
    assert [f.polygon_mm[0][0] for f in dents] == [
        pytest.approx(40, abs=1),
        pytest.approx(100, abs=1),
    ]
    assert [f.length_mm for f in dents] == [pytest.approx(4, rel=0.1), pytest.approx(3, rel=0.1)]
    assert dents[0].width_mm < dents[1].width_mm  # depth: the second is deeper
    assert dents[1].severity.value == "severe"


def test_a_clean_frame_and_a_dent_on_the_other_edge() -> None:
    assert analyze(render_side().image, Surface.FRAME, size_mm=(146.0, 8.0)).findings == ()
    flipped = cv2.flip(render_side(((70.0, 5.0, 0.8),)).image, 0)
    found = analyze(flipped, Surface.FRAME, size_mm=(146.0, 8.0)).findings
    assert [f.kind for f in found] == [FindingKind.DENT]


def _with_marker(offset: int = 80):  # type: ignore[no-untyped-def]
    scene = render_scene(
        (Defect(FindingKind.SCRATCH, 20, 40, length_mm=12),), size_mm=(71.0, 146.0), margin_mm=60
    )
    marker = cv2.cvtColor(marker_image(round(MARKER_MM * scene.px_per_mm)), cv2.COLOR_GRAY2BGR)
    image = scene.image.copy()
    h, w = marker.shape[:2]
    image[offset : offset + h, offset : offset + w] = marker
    return scene, image


def test_the_printed_marker_gives_the_scale() -> None:
    scene, image = _with_marker()
    assert px_per_mm_from_marker(image) == pytest.approx(scene.px_per_mm, rel=0.01)
    assert px_per_mm_from_marker(scene.image) is None


def test_with_the_marker_in_view_the_phone_is_measured_not_assumed() -> None:
    _, image = _with_marker()
    result = analyze(image)
    assert Quality.SCALE_ASSUMED not in result.quality
    assert result.rectified is not None
    assert result.rectified.size_mm == (pytest.approx(71, rel=0.02), pytest.approx(146, rel=0.02))
    (finding,) = result.findings
    assert finding.length_mm == pytest.approx(12, rel=0.1)
    assert np.asarray(image).dtype == np.uint8
