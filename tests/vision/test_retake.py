"""A photo taken again with the phone moved tells a lamp's reflection (which stays put in
the picture) from a mark on the glass (which moves with the phone)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from vision.analyze import Analysis, analyze
from vision.finding import Finding, FindingKind, FindingSource, Surface
from vision.retake import frame_px_per_mm, stayed_put
from vision.synthetic import Defect, Lamp, under_lamps

SIZE = (71.0, 146.0)
#: A scratch and a stain on the glass: they move with the phone.
MARKS = (
    Defect(FindingKind.SCRATCH, 20.0, 40.0, 12.0, 0.15, 30.0),
    Defect(FindingKind.STAIN, 50.0, 100.0, 0.0, 1.2, 0.0, 150),
)
#: A strip light's reflection up and left of the photo's middle, fixed in the picture.
STRIP = Lamp((-5.0, -50.0), length_mm=20.0, width_mm=0.8, angle_deg=10.0)


def _photo(
    move_mm: tuple[float, float],
    *,
    turn: float = 0.0,
    lamps: tuple[Lamp, ...] = (STRIP,),
    marks: tuple[Defect, ...] = MARKS,
    px_per_mm: float = 8.0,
) -> Analysis:
    """The phone photographed by a fixed camera under fixed lamps, moved ``move_mm``
    (and turned ``turn`` degrees) on the mat."""
    scene = under_lamps(marks, lamps, move_mm=move_mm, turn_deg=turn, px_per_mm=px_per_mm)
    return analyze(scene.image, Surface.SCREEN, size_mm=SIZE)


def _left_out(before: Analysis, after: Analysis) -> list[Finding]:
    assert before.rectified is not None and after.rectified is not None
    return stayed_put(before.findings, before.rectified, after.findings, after.rectified)


def _kinds(findings: tuple[Finding, ...] | list[Finding]) -> list[FindingKind]:
    return sorted(f.kind for f in findings)


@pytest.mark.parametrize(
    ("move_mm", "turn"), [((15.0, 10.0), 0.0), ((-12.0, -15.0), 0.0), ((10.0, 10.0), 20.0)]
)
def test_a_reflection_that_stays_put_is_left_out(move_mm: tuple[float, float], turn: float) -> None:
    """The strip light reads as oil on both photos, at the same place in the picture;
    the glass under it moved, so it is a reflection. The scratch and the stain moved
    with the phone: they stay. Turned 20 degrees, the glass's edge cuts the reflection
    short, and it is still known."""
    before = _photo((0.0, 0.0))
    after = _photo(move_mm, turn=turn)
    marks = _kinds(_photo(move_mm, turn=turn, lamps=()).findings)
    assert FindingKind.SCRATCH in marks and FindingKind.STAIN in marks
    gone = _left_out(before, after)
    assert len(gone) == 1
    assert _kinds([f for f in after.findings if f not in gone]) == marks


@pytest.mark.parametrize("px_per_mm", [5.0, 12.0])
def test_a_bulbs_spot_is_left_out_at_other_scales(px_per_mm: float) -> None:
    """A bare bulb reads as a stain; moved, the phone shows it is none."""
    bulb = (Lamp((0.0, 30.0), width_mm=1.0, brightness=200),)
    before = _photo((0.0, 0.0), lamps=bulb, px_per_mm=px_per_mm)
    after = _photo((-14.0, 8.0), lamps=bulb, px_per_mm=px_per_mm)
    gone = _left_out(before, after)
    assert _kinds(gone) == [FindingKind.STAIN]
    assert _kinds([f for f in after.findings if f not in gone]) == _kinds(
        _photo((-14.0, 8.0), lamps=(), px_per_mm=px_per_mm).findings
    )


def test_a_phone_turned_half_round_still_tells_them_apart() -> None:
    """Its outline looks the same both ways up: the comparison allows for either, and
    the marks turned with the phone are kept."""
    before = _photo((0.0, 0.0))
    after = _photo((12.0, 8.0), turn=180.0)
    gone = _left_out(before, after)
    assert _kinds(gone) == [FindingKind.OIL]
    assert {FindingKind.SCRATCH, FindingKind.STAIN} <= {f.kind for f in after.findings}


def test_the_phones_look_tells_whether_it_turned() -> None:
    """Slid 15 mm right and 10 mm down, the phone would keep a point midway still had
    it turned half round instead: a strip light there could be a mark it turned about.
    The scratch and the stain, where they are in the rectified phone, show it did not
    turn (the strip itself is set aside: it looks as if it turned), so the strip is
    left out."""
    middle = (Lamp((7.5, 5.0), length_mm=10.0, width_mm=0.5),)
    before = _photo((0.0, 0.0), lamps=middle)
    after = _photo((15.0, 10.0), lamps=middle)
    assert _kinds(_left_out(before, after)) == [FindingKind.SCRATCH]
    assert {FindingKind.SCRATCH, FindingKind.STAIN} <= {f.kind for f in after.findings}


def test_nothing_is_left_out_when_the_phone_did_not_move() -> None:
    """Taken again in place, a reflection and a mark cannot be told apart: both stay."""
    before = _photo((0.0, 0.0))
    after = _photo((0.0, 0.0))
    assert after.findings and _left_out(before, after) == []
    nudged = _photo((0.0, 4.0))  # across the strip: too little to tell
    assert _left_out(before, nudged) == []


def test_a_mark_the_phone_turned_about_is_kept() -> None:
    """Turned half round about a stain, the phone shows it at the same place in the
    picture: the stain's glass did not move, so it is no reflection, while the strip
    light is."""
    stain = (Defect(FindingKind.STAIN, 40.0, 80.0, 0.0, 1.2, 0.0, 150),)
    strip = (Lamp((-5.0, -20.0), length_mm=20.0, width_mm=0.8, angle_deg=10.0),)
    before = _photo((0.0, 0.0), marks=stain, lamps=strip)
    after = _photo((9.0, 14.0), turn=180.0, marks=stain, lamps=strip)
    assert _kinds(after.findings) == [FindingKind.OIL, FindingKind.STAIN]
    assert _kinds(_left_out(before, after)) == [FindingKind.OIL]


def test_a_mark_seen_only_after_the_move_is_kept() -> None:
    """A mark with nothing at its place in the earlier picture is new glass in view."""
    before = _photo((0.0, 0.0), lamps=())
    after = _photo((15.0, 10.0))
    assert FindingKind.OIL in _kinds(after.findings)
    assert _left_out(before, after) == []


def test_marks_spaced_as_the_phone_moved_are_kept() -> None:
    """Two alike scratches 14 mm apart, the phone moved 14 mm along the line between
    them: the second lands where the first was in the picture. It moved with the phone,
    since the first is seen where the glass under it was, so both stay."""
    twins = (
        Defect(FindingKind.SCRATCH, 20.0, 40.0, 12.0, 0.15, 90.0),
        Defect(FindingKind.SCRATCH, 34.0, 40.0, 12.0, 0.15, 90.0),
    )
    before = _photo((0.0, 0.0), lamps=(), marks=twins)
    after = _photo((-14.0, 0.0), lamps=(), marks=twins)
    assert _kinds(before.findings) == [FindingKind.SCRATCH] * 2 == _kinds(after.findings)
    assert _left_out(before, after) == []


def test_a_mark_run_into_a_reflection_is_kept() -> None:
    """Slid up, the phone brings its scratch across the strip light's bar: the two read
    as one 50 mm mark, larger than the reflection alone. Leaving it out would lose the
    scratch, so it is kept."""
    bar = (Lamp((-5.0, -45.0), length_mm=40.0, width_mm=0.5, angle_deg=80.0),)
    before = _photo((0.0, 0.0), lamps=bar)
    after = _photo((0.0, -25.0), lamps=bar)
    assert [f.length_mm > 45 for f in after.findings if f.kind is not FindingKind.STAIN] == [True]
    assert _left_out(before, after) == []


def test_the_frames_scale_is_measured_on_the_phones_outline() -> None:
    """The photo's scale, from the outline found: 8 px/mm drawn, within 3 %."""
    analysis = _photo((0.0, 0.0), lamps=())
    assert analysis.rectified is not None
    assert frame_px_per_mm(analysis.rectified) == pytest.approx(8.0, rel=0.03)


def test_findings_without_a_box_or_drawn_by_the_clerk_are_not_compared() -> None:
    """A clerk's finding is the clerk's word: it is never taken for a reflection."""
    before = _photo((0.0, 0.0))
    after = _photo((15.0, 10.0))
    assert before.rectified is not None and after.rectified is not None
    assert len(stayed_put(before.findings, before.rectified, after.findings, after.rectified)) == 1
    drawn = tuple(replace(f, source=FindingSource.CLERK) for f in after.findings)
    assert stayed_put(before.findings, before.rectified, drawn, after.rectified) == []
    boxless = tuple(replace(f, bbox_px=None) for f in after.findings)
    assert stayed_put(before.findings, before.rectified, boxless, after.rectified) == []
