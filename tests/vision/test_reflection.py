"""A ring light round the camera's lens, reflected in black glass, is left out of the
findings and named in the photo's problems; marks that only look like it are kept."""

from __future__ import annotations

import math

import cv2
import numpy as np
import pytest

from vision.analyze import analyze
from vision.finding import FindingKind, Surface
from vision.locate import Quality
from vision.synthetic import Defect, render_scene, ring_light

SIZE = (71.0, 146.0)
#: A scratch and a stain away from the ring: still found beside it.
MARKS = (
    Defect(FindingKind.SCRATCH, 10.0, 20.0, 12.0, 0.15, 10.0),
    Defect(FindingKind.STAIN, 55.0, 100.0, 0.0, 1.2, 0.0, 200),
)


@pytest.mark.parametrize(("px_per_mm", "turn"), [(8.0, 0.0), (8.0, 4.0), (5.0, 0.0), (12.0, 0.0)])
@pytest.mark.parametrize(("leds", "radius_mm"), [(8, 20.0), (12, 14.0), (24, 28.0)])
def test_a_ring_lights_leds_are_left_out(
    px_per_mm: float, turn: float, leds: int, radius_mm: float
) -> None:
    """Its LEDs, seen in the glass as a circle of dots round the photo's middle, read
    as 8 to 24 stains; they are left out, the photo says why, and the marks beside
    them are still found."""
    scene = render_scene(MARKS, size_mm=SIZE, px_per_mm=px_per_mm, rotate_deg=turn)
    # The marks as found without the ring light (the stain is missed turned or at 5 px/mm).
    marks = sorted(f.kind for f in analyze(scene.image, Surface.SCREEN, size_mm=SIZE).findings)
    assert FindingKind.SCRATCH in marks
    photo = ring_light(scene.image, px_per_mm, radius_mm, leds=leds, led_mm=0.8)
    result = analyze(photo, Surface.SCREEN, size_mm=SIZE)
    assert Quality.RING_LIGHT in result.quality and result.usable
    assert sorted(f.kind for f in result.findings) == marks
    assert "ring light" in " ".join(result.problems)


@pytest.mark.parametrize("width_mm", [0.3, 0.8, 1.5])
@pytest.mark.parametrize("offset_mm", [(0.0, 0.0), (6.0, -4.0)])
def test_a_ring_lights_diffuser_is_left_out(
    width_mm: float, offset_mm: tuple[float, float]
) -> None:
    """Its diffuser, a ring in the glass, read as up to 80 mm of oil (or, thin, as a
    crack); neither the glass detector nor the crack model reports it. The camera's
    axis need not be quite straight down (``offset_mm``)."""
    scene = render_scene(MARKS, size_mm=SIZE)
    photo = ring_light(scene.image, 8.0, 20.0, diffuser_mm=width_mm, offset_mm=offset_mm)
    result = analyze(photo, Surface.SCREEN, size_mm=SIZE)
    assert Quality.RING_LIGHT in result.quality
    assert sorted(f.kind for f in result.findings) == [FindingKind.SCRATCH, FindingKind.STAIN]


def test_leds_away_from_the_photos_middle_are_marks() -> None:
    """A camera sees its own light only where it sees itself, at the photo's middle:
    a circle of dots 30 mm from there is no reflection of it, and is reported."""
    scene = render_scene(size_mm=SIZE)
    photo = ring_light(scene.image, 8.0, 14.0, leds=12, led_mm=0.8, offset_mm=(0.0, 30.0))
    result = analyze(photo, Surface.SCREEN, size_mm=SIZE)
    assert Quality.RING_LIGHT not in result.quality
    assert [f.kind for f in result.findings] == [FindingKind.STAIN] * 12


def test_stains_round_the_middle_at_uneven_places_are_marks() -> None:
    """Eight stains on a circle round the photo's middle, but not at even places as
    LEDs stand, are stains."""
    angles = (0, 20, 75, 110, 160, 230, 250, 320)
    stains = tuple(
        Defect(
            FindingKind.STAIN,
            SIZE[0] / 2 + 14 * math.cos(math.radians(a)),
            SIZE[1] / 2 + 14 * math.sin(math.radians(a)),
            0.0,
            0.8,
            0.0,
            200,
        )
        for a in angles
    )
    result = analyze(render_scene(stains, size_mm=SIZE).image, Surface.SCREEN, size_mm=SIZE)
    assert Quality.RING_LIGHT not in result.quality
    assert [f.kind for f in result.findings] == [FindingKind.STAIN] * 8


def test_a_curved_mark_round_the_middle_along_less_than_half_a_circle_is_kept() -> None:
    """An arc of a third of a circle round the photo's middle may be a curved scratch
    or the rim of a smear; only a ring along half its circle or more is a diffuser."""
    scene = render_scene(size_mm=SIZE)
    photo = scene.image.copy()
    h, w = photo.shape[:2]
    centre = (w // 2, h // 2)
    cv2.ellipse(photo, centre, (112, 112), 0, 200, 320, (150, 150, 150), 2, cv2.LINE_AA)
    result = analyze(photo, Surface.SCREEN, size_mm=SIZE)
    assert Quality.RING_LIGHT not in result.quality
    assert result.findings
    assert np.isclose(sum(f.length_mm for f in result.findings), 2 * math.pi * 14 / 3, rtol=0.2)


def _across_the_middle(length_mm: float, angle_deg: float, width_mm: float = 0.15) -> Defect:
    """A straight scratch whose middle is the phone's middle, which `render_scene`
    puts at the photo's middle."""
    turn = math.radians(angle_deg)
    return Defect(
        FindingKind.SCRATCH,
        SIZE[0] / 2 - length_mm / 2 * math.cos(turn),
        SIZE[1] / 2 - length_mm / 2 * math.sin(turn),
        length_mm,
        width_mm,
        angle_deg,
    )


@pytest.mark.parametrize(
    ("px_per_mm", "length_mm", "angle_deg", "width_mm"),
    [
        (12.0, 25.0, 0.0, 0.15),
        (12.0, 60.0, 90.0, 0.15),
        (8.0, 20.0, 90.0, 0.45),
        (8.0, 40.0, 30.0, 0.15),
    ],
)
def test_a_straight_scratch_across_the_photos_middle_is_kept(
    px_per_mm: float, length_mm: float, angle_deg: float, width_mm: float
) -> None:
    """A straight scratch's simplified outline is little more than its two ends, and
    they lie on the circle they are a diameter of, centred on the photo's middle: the
    scratch was taken for a ring light's diffuser and left out. Its whole outline
    keeps to no circle."""
    scratch = _across_the_middle(length_mm, angle_deg, width_mm)
    scene = render_scene((scratch,), size_mm=SIZE, px_per_mm=px_per_mm, rotate_deg=3.0)
    result = analyze(scene.image, Surface.SCREEN, size_mm=SIZE)
    assert Quality.RING_LIGHT not in result.quality
    assert [f.kind for f in result.findings] == [FindingKind.SCRATCH]
    assert result.findings[0].length_mm == pytest.approx(length_mm, rel=0.1)


@pytest.mark.parametrize("px_per_mm", [5.0, 8.0, 12.0])
def test_a_scratch_whose_ends_touch_a_ring_lights_reflection_is_kept(px_per_mm: float) -> None:
    """A 36 mm scratch across a ring light's reflection, its ends in the band of the
    LEDs' circle (20 mm round the photo's middle), between two LEDs: the LEDs are
    left out, the scratch, which crosses the ring's inside, is kept."""
    scratch = Defect(FindingKind.SCRATCH, SIZE[0] / 2 - 18.0, SIZE[1] / 2 + 5.0, 36.0, 0.15)
    scene = render_scene((scratch,), size_mm=SIZE, px_per_mm=px_per_mm)
    photo = ring_light(scene.image, px_per_mm, 20.0, leds=12, led_mm=0.8)
    result = analyze(photo, Surface.SCREEN, size_mm=SIZE)
    assert Quality.RING_LIGHT in result.quality
    assert [f.kind for f in result.findings] == [FindingKind.SCRATCH]
    assert result.findings[0].length_mm == pytest.approx(36.0, rel=0.1)
