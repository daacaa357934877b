"""A phone's back: its camera (lens rings, the plate's rim, the flash) and its printing
are no wear, and marks beside them are still found."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

import vision.analyze
from vision import back
from vision.analyze import analyze
from vision.back import camera_area, printed_lines, printing
from vision.finding import FindingKind, Surface
from vision.synthetic import Defect, Label, phone_camera, render_scene

SIZE = (71.6, 147.6)  # an iPhone 15
KINDS = ("square", "square3", "bar", "lenses", "round")
DARK, LIGHT = (18, 18, 20), (225, 225, 228)


def _back(kind: str, *, light: bool = False, defects=(), turn: float = 4.0, px: float = 8.0):  # type: ignore[no-untyped-def]
    camera = phone_camera(kind, SIZE[0], light=light)
    return render_scene(
        tuple(defects),
        size_mm=SIZE,
        px_per_mm=px,
        rotate_deg=turn,
        camera=camera,
        body_bgr=LIGHT if light else DARK,
    )


@pytest.mark.parametrize("light", [False, True], ids=["dark", "light"])
@pytest.mark.parametrize("kind", KINDS)
def test_a_backs_camera_is_no_wear(kind: str, light: bool) -> None:
    """An iPhone's plate, a Pixel's bar, a Galaxy's lenses, a Mate's round plate: on a
    dark or a light back, none gets a finding."""
    result = analyze(_back(kind, light=light).image, Surface.BACK, size_mm=SIZE)
    assert result.usable and result.findings == ()


def test_unless_left_out_the_camera_reads_as_scratches_oil_and_cracks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What the test above guards against: every camera, looked at as glass."""
    monkeypatch.setattr(vision.analyze, "camera_area", lambda *_: None)
    kinds = {
        kind: {f.kind for f in analyze(_back(kind).image, Surface.BACK, size_mm=SIZE).findings}
        for kind in KINDS
    }
    assert all(kinds.values()), kinds
    assert FindingKind.SCRATCH in kinds["square"] and FindingKind.CRACK in kinds["round"]


@pytest.mark.parametrize("px", [5.0, 12.0])
@pytest.mark.parametrize("turn", [0.0, 180.0], ids=["upright", "upside down"])
@pytest.mark.parametrize("kind", KINDS)
def test_the_camera_is_left_out_at_either_end(kind: str, turn: float, px: float) -> None:
    """The back is photographed either way up, at the camera's resolution: the camera
    is found at whichever end it is, and little glass beside it is left out."""
    camera = phone_camera(kind, SIZE[0])
    result = analyze(_back(kind, turn=turn, px=px).image, Surface.BACK, size_mm=SIZE)
    assert result.findings == ()
    rect = result.rectified
    assert rect is not None
    mask = camera_area(rect.image, rect.px_per_mm)
    assert mask is not None
    scale = rect.px_per_mm
    x, y, w, h = camera.area()
    ends = [(x, y), (SIZE[0] - x - w, SIZE[1] - y - h)]
    lenses = [(lx, ly) for lx, ly, _ in camera.lenses]
    flipped = [(SIZE[0] - lx, SIZE[1] - ly) for lx, ly in lenses]
    centres = lenses if turn == 0 else flipped
    # Every lens's middle is left out, and nothing far from the camera's box is.
    assert all(mask[round(cy * scale), round(cx * scale)] for cx, cy in centres)
    bx, by = ends[0 if turn == 0 else 1]
    ys, xs = np.nonzero(mask)
    margin = 3.0
    assert xs.min() / scale >= bx - margin and xs.max() / scale <= bx + w + margin
    assert ys.min() / scale >= by - margin and ys.max() / scale <= by + h + margin


def test_a_plate_is_left_out_whole_lenses_standing_alone_by_their_hull() -> None:
    """An iPhone's plate is left out to its rim (the corner without a lens too); a
    Galaxy's lenses, with no plate, by the hull round them and the flash beside."""
    for kind, corner in (("square", (10.0, 31.0)), ("lenses", (22.0, 13.0))):
        result = analyze(_back(kind, turn=0.0).image, Surface.BACK, size_mm=SIZE)
        rect = result.rectified
        assert rect is not None
        mask = camera_area(rect.image, rect.px_per_mm)
        assert mask is not None
        x, y = (round(v * rect.px_per_mm) for v in corner)
        assert mask[y, x], kind


def test_marks_beside_the_camera_are_found_and_measured() -> None:
    """Scratches starting 3 mm below and beside an iPhone's plate, flat and slanted,
    and a crack in the middle of the back."""
    scratches = [
        Defect(FindingKind.SCRATCH, x, y, length, 0.15, angle, 90)
        for x, y in ((8.0, 38.0), (38.0, 14.0))
        for length in (10.0, 20.0)
        for angle in (0.0, 30.0)
    ]
    for scratch in scratches:
        found = analyze(_back("square", defects=(scratch,)).image, Surface.BACK, size_mm=SIZE)
        lengths = [f.length_mm for f in found.findings if f.kind is FindingKind.SCRATCH]
        assert lengths == [pytest.approx(scratch.length_mm, rel=0.1)], scratch
    crack = Defect(FindingKind.CRACK, 36, 100, 12, 0.2, 10, 160)
    found = analyze(_back("round", defects=(crack,)).image, Surface.BACK, size_mm=SIZE)
    assert [f.kind for f in found.findings] == [FindingKind.CRACK]


def test_a_back_without_a_camera_leaves_nothing_out() -> None:
    """Marks are no lenses: a back with scratches, a crack and stains but no camera
    has nothing left out."""
    defects = (
        Defect(FindingKind.SCRATCH, 10, 30, 20, 0.15, 20, 90),
        Defect(FindingKind.CRACK, 36, 100, 12, 0.2, 10, 160),
        Defect(FindingKind.STAIN, 20, 60, 0, 1.5, 0, 90),
        Defect(FindingKind.STAIN, 50, 20, 0, 2.5, 0, 60),
    )
    scene = render_scene(defects, size_mm=SIZE, rotate_deg=4.0)
    result = analyze(scene.image, Surface.BACK, size_mm=SIZE)
    assert result.rectified is not None and result.findings
    assert camera_area(result.rectified.image, result.rectified.px_per_mm) is None


#: A maker's name and regulatory lines, as printed on many backs.
PRINT = (
    ("GALAXY", 92.0, 3.5),
    ("CE 0700  FCC ID: A3LSMG991U", 126.0, 1.5),
    ("Designed in California  Assembled in China", 129.5, 1.5),
)


@pytest.mark.parametrize("px", [5.0, 8.0, 12.0])
@pytest.mark.parametrize("light", [False, True], ids=["dark", "light"])
def test_printing_on_the_back_is_no_wear(light: bool, px: float) -> None:
    """Print lighter than a dark back or darker than a light one, turned or not, from
    a 1080p camera over a large mat (5 pixels a millimetre, where the maker's name
    runs together) to a 12 MP one: no finding."""
    labels = tuple(Label(text, y, h, 130 if light else 70) for text, y, h in PRINT)
    for turn in (0.0, 4.0, 180.0):
        scene = render_scene(
            size_mm=SIZE,
            px_per_mm=px,
            rotate_deg=turn,
            body_bgr=LIGHT if light else DARK,
            labels=labels,
        )
        result = analyze(scene.image, Surface.BACK, size_mm=SIZE)
        assert result.findings == (), turn


def test_unless_left_out_printing_reads_as_scratches_and_cracks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(vision.analyze, "printing", lambda *_: None)
    kinds = set()
    for text, y, height in PRINT:
        scene = render_scene(size_mm=SIZE, labels=(Label(text, y, height),))
        kinds |= {f.kind for f in analyze(scene.image, Surface.BACK, size_mm=SIZE).findings}
    line = Label("CE 0700  FCC ID: A3LSMG991", 100, 3.0)
    big = render_scene(size_mm=SIZE, px_per_mm=6.0, labels=(line,))
    kinds |= {f.kind for f in analyze(big.image, Surface.BACK, size_mm=SIZE).findings}
    assert {FindingKind.SCRATCH, FindingKind.CRACK} <= kinds


def _face(px: float = 8.0) -> np.ndarray:
    """A plain dark back face, rectified, 70 × 140 mm."""
    return np.full((round(140 * px), round(70 * px), 3), 20, np.uint8)


def test_capitals_run_together_are_cut_into_letters() -> None:
    """A maker's name whose capitals run together at the glyph threshold (blurred, as
    a coarse photo scaled up to the rectified scale leaves it) is one long mark: cut
    higher, it parts into its letters, and with them it is a line of print (four
    glyphs: the L's foot runs under the A, and those two stay one)."""
    face = _face()
    cv2.putText(face, "ALAXY", (200, 600), cv2.FONT_HERSHEY_SIMPLEX, 1.2, (110,) * 3, 5)
    face = cv2.GaussianBlur(face, (0, 0), 2.5)
    gray = cv2.cvtColor(face, cv2.COLOR_BGR2GRAY)
    _, _, stats, _ = cv2.connectedComponentsWithStats(
        (gray >= 20 + back.GLYPH_CONTRAST).astype(np.uint8)
    )
    assert len(stats) == 2  # one mark: the letters run together
    assert [glyphs for _, glyphs in printed_lines(face, 8.0)] == [4]


def test_a_smear_or_a_word_in_lower_case_is_not_cut() -> None:
    """A smear as long as a word, brighter in spots, stays one mark: its spots are
    lower than the smear, not letters. A word in lower case stays whole too: its
    letters are not as tall as each other."""
    face = _face()
    cv2.ellipse(face, (280, 600), (70, 14), 0, 0, 360, (80,) * 3, -1)
    for x in (240, 280, 320):
        cv2.circle(face, (x, 600), 5, (140,) * 3, -1)
    face = cv2.GaussianBlur(face, (0, 0), 3)
    assert printed_lines(face, 8.0) == []
    word = _face()
    cv2.putText(word, "Galaxy", (200, 600), cv2.FONT_HERSHEY_SIMPLEX, 1.2, (110,) * 3, 5)
    word = cv2.GaussianBlur(word, (0, 0), 2.5)
    assert printed_lines(word, 8.0) == []


def test_marks_beside_printing_are_found_and_a_row_of_scratches_is_no_print() -> None:
    """Scratches just below a maker's name are found and measured; a row of short
    parallel scratches (wear from a pocket) lines up as print does, but its marks are
    straight strokes, and it is not taken for print."""
    labels = (Label("GALAXY", 92.0, 3.5),)
    for angle in (0.0, 30.0):
        scratch = Defect(FindingKind.SCRATCH, 25, 95, 10, 0.15, angle, 90)
        scene = render_scene((scratch,), size_mm=SIZE, labels=labels)
        found = analyze(scene.image, Surface.BACK, size_mm=SIZE).findings
        assert [f.length_mm for f in found] == [pytest.approx(10, rel=0.1)], angle
    for angle in (20.0, 60.0, 90.0):
        row = tuple(Defect(FindingKind.SCRATCH, 20 + 2.5 * i, 70, 4, 0.15, angle) for i in range(6))
        scene = render_scene(row, size_mm=SIZE)
        result = analyze(scene.image, Surface.BACK, size_mm=SIZE)
        assert result.rectified is not None
        assert printing(result.rectified.image, result.rectified.px_per_mm) is None, angle
