"""Side shots (dents and chips along the frame, scratches and scuffs on its face) and
scale from the printed marker."""

from __future__ import annotations

import dataclasses
import itertools
import struct
import zlib
from pathlib import Path

import cv2
import numpy as np
import pytest

from vision.__main__ import main
from vision.analyze import analyze
from vision.finding import Finding, FindingKind, Surface
from vision.locate import Quality
from vision.marker import MARKER_MM, marker_image, px_per_mm_from_marker
from vision.synthetic import Defect, phone_parts, render_scene, render_side


def _along(finding: Finding) -> float:
    """Where a finding starts along the frame, in mm from whichever end is nearer
    the synthetic photo's left (the rectified side stands upright, either way up)."""
    ys = [y for _, y in finding.polygon_mm]
    return min(ys)


def test_dents_are_found_where_they_are_and_measured() -> None:
    scene = render_side(((40.0, 4.0, 0.6), (100.0, 3.0, 1.2)))
    result = analyze(scene.image, Surface.FRAME, size_mm=(146.0, 8.0))
    assert result.usable
    dents = sorted(result.findings, key=lambda f: f.bbox_px[0] if f.bbox_px else 0)
    assert [f.kind for f in dents] == [FindingKind.DENT, FindingKind.DENT]
    # In the photo: the box starts where the dent was cut (x0 = 15 mm margin).
    assert [f.bbox_px[0] / scene.px_per_mm - 15 for f in dents if f.bbox_px] == [
        pytest.approx(40, abs=1),
        pytest.approx(100, abs=1),
    ]
    # On the rectified frame (upright, 146 mm long): the same places along it.
    starts = sorted(min(_along(f), 146 - max(y for _, y in f.polygon_mm)) for f in dents)
    assert starts == [pytest.approx(40, abs=1), pytest.approx(146 - 103, abs=1)]
    assert [f.length_mm for f in dents] == [pytest.approx(4, rel=0.1), pytest.approx(3, rel=0.1)]
    assert dents[0].width_mm < dents[1].width_mm  # depth: the second is deeper
    assert dents[1].severity.value == "severe"
    assert dents[0].area_mm2 == pytest.approx(dents[0].length_mm * dents[0].width_mm, rel=0.01)


@pytest.mark.parametrize(("length", "angle"), [(12.0, 0.0), (6.0, 20.0), (25.0, -4.0)])
def test_a_scratch_on_the_frame_is_found_and_measured(length: float, angle: float) -> None:
    scratch = Defect(
        FindingKind.SCRATCH,
        50.0,
        3.5,
        length_mm=length,
        width_mm=0.2,
        angle_deg=angle,
        brightness=250,
    )
    scene = render_side(marks=(scratch,))
    found = analyze(scene.image, Surface.FRAME, size_mm=(146.0, 8.0)).findings
    assert [f.kind for f in found] == [FindingKind.SCRATCH]
    assert found[0].length_mm == pytest.approx(length, rel=0.1)
    assert found[0].surface is Surface.FRAME
    assert found[0].bbox_px is not None
    x = found[0].bbox_px[0]
    assert x / scene.px_per_mm - 15 == pytest.approx(50, abs=1)  # where it was drawn


@pytest.mark.parametrize("size", [(146.0, 8.0), (147.6, 7.8), (139.0, 7.4)])
@pytest.mark.parametrize("angle", [0.0, 10.0])
def test_a_short_frame_scratch_is_measured_without_its_stroke_s_ends(
    size: tuple[float, float], angle: float
) -> None:
    """A scratch's stroke runs on half its width past either end: measured by its
    box, a 3 mm scratch read 3.25 to 3.41 mm (14 % long on an iPhone 15's frame)."""
    scratch = Defect(
        FindingKind.SCRATCH,
        50.0,
        3.5,
        length_mm=3.0,
        width_mm=0.2,
        angle_deg=angle,
        brightness=250,
    )
    length, thickness = size
    image = render_side(size_mm=size, marks=(scratch,)).image
    found = analyze(image, Surface.FRAME, size_mm=(thickness, length)).findings
    assert [(f.kind, f.length_mm) for f in found] == [
        (FindingKind.SCRATCH, pytest.approx(3.0, rel=0.1))
    ]


def test_a_scuff_on_the_frame_and_seams_that_are_not_marks() -> None:
    scuff = Defect(FindingKind.SCUFF, 90.0, 4.0, length_mm=5.0, width_mm=3.0, brightness=170)
    # Antenna lines: thin dark bands across the whole face, neither dents nor marks.
    seams = tuple(
        Defect(
            FindingKind.SCRATCH, x, 0.0, length_mm=8.0, width_mm=0.6, angle_deg=90, brightness=90
        )
        for x in (12.0, 130.0)
    )
    found = analyze(
        render_side(marks=(scuff, *seams)).image, Surface.FRAME, size_mm=(146.0, 8.0)
    ).findings
    assert [f.kind for f in found] == [FindingKind.SCUFF]
    assert found[0].area_mm2 == pytest.approx(3.14159 * 2.5 * 1.5, rel=0.2)
    # A dent deep enough to reach the face is a dent, not also a scuff on the face.
    deep = analyze(
        render_side(((60.0, 4.0, 2.0),)).image, Surface.FRAME, size_mm=(146.0, 8.0)
    ).findings
    assert [f.kind for f in deep] == [FindingKind.DENT]


@pytest.mark.parametrize("size", [(147.6, 7.8), (139.0, 7.4), (163.0, 8.25)])
@pytest.mark.parametrize("side", ["left", "right"])
@pytest.mark.parametrize("dark", [False, True])
def test_buttons_and_the_sim_tray_are_not_marks(
    size: tuple[float, float], side: str, dark: bool
) -> None:
    """The gap round a button or the SIM tray was a moderate scratch as long as the
    part (17.1 mm for an iPhone's side button, 15.6 mm for its tray), so a phone
    could lose money for its own buttons. Buttons of the frame's shade, lighter,
    darker and black; their outline a shadow all round, or lit along its upper half
    (a chamfer's glint, bright or faint); ``dark``: the photo inverted, a black phone
    on a light mat."""
    length, thickness = size
    for shade, glint in itertools.product((None, 245, 150, 30), (None, 250, 235)):
        parts = tuple(
            dataclasses.replace(part, glint=glint)
            for part in phone_parts(side, length, shade=shade)
        )
        image = render_side(size_mm=size, parts=parts).image
        image = 255 - image if dark else image
        found = analyze(image, Surface.FRAME, size_mm=(thickness, length)).findings
        assert found == (), f"buttons {shade}, glint {glint}: {found}"


def test_marks_beside_and_across_the_parts_are_found() -> None:
    """A part hides only what lies on it: a scratch beside the tray, one across it,
    an oval scuff and a scrape along the frame's edge are found, and a dent below a
    button."""
    length, thickness = 147.6, 7.8
    parts = phone_parts("left", length, shade=30)
    beside = Defect(FindingKind.SCRATCH, 110.0, 2.0, length_mm=10.0, width_mm=0.2, brightness=250)
    scuff = Defect(FindingKind.SCUFF, 130.0, 4.0, length_mm=5.0, width_mm=3.0, brightness=170)
    scene = render_side(
        ((40.0, 4.0, 0.6),), size_mm=(length, thickness), parts=parts, marks=(beside, scuff)
    )
    found = analyze(scene.image, Surface.FRAME, size_mm=(thickness, length)).findings
    by_kind = sorted((f.kind.value, f.length_mm) for f in found)
    assert by_kind == [
        ("dent", pytest.approx(4.0, rel=0.1)),
        ("scratch", pytest.approx(10.0, rel=0.1)),
        ("scuff", pytest.approx(5.0, rel=0.15)),
    ]
    # Across the tray (x 86.4 to 101.9 mm): found whole, the tray's gap with it.
    across = Defect(
        FindingKind.SCRATCH,
        80.0,
        1.5,
        length_mm=30.4,
        width_mm=0.25,
        angle_deg=9.5,
        brightness=250,
    )
    scene = render_side(size_mm=(length, thickness), parts=parts, marks=(across,))
    found = analyze(scene.image, Surface.FRAME, size_mm=(thickness, length)).findings
    assert [(f.kind, f.length_mm) for f in found] == [
        (FindingKind.SCRATCH, pytest.approx(30.4, rel=0.1))
    ]
    # A scrape along the frame's edge, straight-sided as a button is but off the middle
    # of the face, and thinner than a button.
    scrape = Defect(FindingKind.SCRATCH, 115.0, 1.6, length_mm=12.0, width_mm=1.1, brightness=150)
    scene = render_side(size_mm=(length, thickness), parts=parts, marks=(scrape,))
    found = analyze(scene.image, Surface.FRAME, size_mm=(thickness, length)).findings
    assert [(f.kind, f.length_mm) for f in found] == [
        (FindingKind.SCRATCH, pytest.approx(12.0, rel=0.1))
    ]


def test_a_clean_frame_and_a_dent_on_the_other_edge() -> None:
    assert analyze(render_side().image, Surface.FRAME, size_mm=(146.0, 8.0)).findings == ()
    flipped = cv2.flip(render_side(((70.0, 5.0, 0.8),)).image, 0)
    found = analyze(flipped, Surface.FRAME, size_mm=(146.0, 8.0)).findings
    assert [f.kind for f in found] == [FindingKind.DENT]


@pytest.mark.parametrize("size", [(147.6, 7.8), (150.0, 7.8), (160.0, 8.2), (139.0, 7.4)])
@pytest.mark.parametrize("dark", [False, True])
def test_a_frame_filling_the_strip_has_no_dents_from_its_own_shading_and_its_dents_are_found(
    size: tuple[float, float], dark: bool
) -> None:
    """At these sizes (the first an iPhone 15's) the strip rectified to the frame's own
    thickness is all frame, no mat in view: its shading across the curve was read as
    150 to 330 dents, and then, with that mended, dents as deep as 0.8 mm were
    missed. The strip is now cut with the mat beside it. A dark frame (``dark``: the
    photo inverted, a black phone on a light mat) the same."""
    length, thickness = size

    def photo(dents: tuple[tuple[float, float, float], ...] = ()) -> np.ndarray:
        image = render_side(dents, size_mm=size).image
        return 255 - image if dark else image

    clean = analyze(photo(), Surface.FRAME, size_mm=(thickness, length))
    assert clean.findings == ()
    dents = ((40.0, 4.0, 0.6), (100.0, 3.0, 1.2), (70.0, 1.5, 0.3), (120.0, 3.0, 0.8))
    found = analyze(photo(dents), Surface.FRAME, size_mm=(thickness, length)).findings
    assert {f.kind for f in found} == {FindingKind.DENT}
    by_place = sorted(found, key=lambda f: f.bbox_px[0] if f.bbox_px else 0)
    assert [f.length_mm for f in by_place] == [
        pytest.approx(4.0, rel=0.1),
        pytest.approx(1.5, rel=0.2),  # 12 pixels wide: a pixel either end is 8 %
        pytest.approx(3.0, rel=0.1),
        pytest.approx(3.0, rel=0.1),
    ]
    # Depth: the 1.2 mm dent deepest, the 0.3 mm one shallowest.
    depths = [f.width_mm for f in by_place]
    assert depths.index(max(depths)) == 2 and depths.index(min(depths)) == 1
    assert [f.severity.value for f in by_place][2] == "severe"


def _bottom_end(dents: tuple[tuple[float, float, float], ...] = ()) -> np.ndarray:
    """An iPhone 15's bottom end (71.6 x 7.8 mm): a USB-C port and two rows of speaker
    and microphone holes, dark in the middle of the frame's face."""
    length, thickness = 71.6, 7.8
    scene = render_side(dents, size_mm=(length, thickness))
    image, ppm = scene.image.copy(), scene.px_per_mm
    cx, cy = (15 + length / 2) * ppm, (15 + thickness / 2) * ppm
    port = (
        (round(cx - 4.2 * ppm), round(cy - 1.3 * ppm)),
        (round(cx + 4.2 * ppm), round(cy + 1.3 * ppm)),
    )
    cv2.rectangle(image, *port, (30, 30, 30), -1)
    for i in range(6):
        for way in (1, -1):
            centre = (round(cx + way * (8 + 1.6 * i) * ppm), round(cy))
            cv2.circle(image, centre, round(0.5 * ppm), (40, 40, 40), -1)
    return image


def test_an_end_s_port_and_holes_are_not_scuffs_and_its_dents_are_found(tmp_path: Path) -> None:
    """Read as a long side, the speaker holes are scuffs (the port, a dark slot across
    the middle, is taken for a button): an end is looked at for dents and chips only."""
    size = (7.8, 71.6)
    as_side = analyze(_bottom_end(), Surface.FRAME, size_mm=size).findings
    assert {f.kind for f in as_side} == {FindingKind.SCUFF}
    assert all(f.area_mm2 < 5 for f in as_side)  # holes, not the 8.4 x 2.6 mm port
    assert analyze(_bottom_end(), Surface.FRAME, size_mm=size, end=True).findings == ()
    dented = analyze(_bottom_end(((10.0, 3.0, 0.8),)), Surface.FRAME, size_mm=size, end=True)
    assert [(f.kind, f.length_mm) for f in dented.findings] == [
        (FindingKind.DENT, pytest.approx(3.0, rel=0.1))
    ]
    photo = tmp_path / "end.png"
    assert cv2.imwrite(str(photo), _bottom_end())
    assert main(["analyze", str(photo), "--surface", "end", "--size", "7.8,71.6"]) == 0
    assert main(["analyze", str(photo), "--surface", "end", "--json"]) == 0


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
    # Within 0.3 %: the corners are refined below a pixel (else the side reads short).
    assert px_per_mm_from_marker(image) == pytest.approx(scene.px_per_mm, rel=0.003)
    assert px_per_mm_from_marker(scene.image) is None


def test_the_printable_sheet_is_a4_at_its_dpi_and_its_marker_measures_30_mm(
    tmp_path: Path,
) -> None:
    out = tmp_path / "marker.png"
    assert main(["marker", str(out)]) == 0
    data = out.read_bytes()
    # The PNG says its resolution (pHYs: pixels per metre, x and y, unit metre) ...
    at = data.index(b"pHYs")
    per_metre_x, per_metre_y, unit = struct.unpack(">IIB", data[at + 4 : at + 13])
    assert per_metre_x == per_metre_y == round(300 / 0.0254) and unit == 1
    (crc,) = struct.unpack(">I", data[at + 13 : at + 17])
    assert crc == zlib.crc32(data[at : at + 13])
    assert at < data.index(b"IDAT")  # where the PNG standard puts it
    # ... it is A4 at that resolution, and the marker on it is 30 mm across.
    sheet = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    px_mm = 300 / 25.4
    assert sheet.shape[:2] == (round(297 * px_mm), round(210 * px_mm))
    assert px_per_mm_from_marker(sheet) == pytest.approx(px_mm, rel=0.003)
    assert main(["marker", str(tmp_path / "marker.jpg")]) == 2  # the resolution needs PNG


def test_with_the_marker_in_view_the_phone_is_measured_not_assumed() -> None:
    _, image = _with_marker()
    result = analyze(image)
    assert Quality.SCALE_ASSUMED not in result.quality
    assert result.rectified is not None
    assert result.rectified.size_mm == (pytest.approx(71, rel=0.02), pytest.approx(146, rel=0.02))
    (finding,) = result.findings
    assert finding.length_mm == pytest.approx(12, rel=0.1)
    assert np.asarray(image).dtype == np.uint8
