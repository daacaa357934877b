"""The learned crack model: its synthetic training data, the shipped ONNX model run by
onnxruntime, and its findings through analyze()."""

from __future__ import annotations

import json
import math

import cv2
import numpy as np
import pytest

from vision import crack_model, crack_synth
from vision.__main__ import main
from vision.analyze import analyze
from vision.crack_model import (
    CrackMap,
    CrackModelError,
    crack_probabilities,
    crack_regions,
    regions,
)
from vision.finding import FindingKind, Severity, Surface
from vision.synthetic import Defect, render_scene


def _cracked_glass(seed: int, size: int = 512) -> tuple[np.ndarray, np.ndarray]:
    """A close-up of dark glass with a radial crack: (BGR photo, crack mask)."""
    rng = np.random.default_rng(seed)
    grey = crack_synth.dark_glass(rng, size)
    paths = crack_synth.radial_cracks(rng, size)
    mask = crack_synth.draw_cracks(rng, grey, paths)
    return cv2.cvtColor(grey, cv2.COLOR_GRAY2BGR), mask


def test_training_data_is_reproducible_and_labelled_from_the_mask() -> None:
    first_images, first_targets = crack_synth.dataset(seed=5, canvases=6)
    again_images, again_targets = crack_synth.dataset(seed=5, canvases=6)
    assert np.array_equal(first_images, again_images)
    assert np.array_equal(first_targets, again_targets)
    assert first_images.shape[1:] == (crack_synth.CROP, crack_synth.CROP, 3)
    cells = crack_synth.CROP // crack_synth.CELL
    assert first_targets.shape[1:] == (cells, cells)
    values = set(np.unique(first_targets).tolist())
    assert values <= {0, 1, crack_synth.IGNORE} and {0, 1} <= values
    other, _ = crack_synth.dataset(seed=6, canvases=6)
    assert not np.array_equal(first_images[:4], other[:4])


def test_a_clean_canvas_has_no_crack_pixels_and_a_cracked_one_has() -> None:
    rng = np.random.default_rng(11)
    clean = crack_synth.render_canvas(rng, cracked=False)
    cracked = crack_synth.render_canvas(rng, cracked=True)
    assert not clean.mask.any()
    assert np.count_nonzero(cracked.mask) > 200
    images, targets = crack_synth.crops(rng, cracked, 8)
    for image, target in zip(images, targets, strict=True):
        assert image.shape == (crack_synth.CROP, crack_synth.CROP, 3)
        assert target.shape == (crack_synth.CROP // crack_synth.CELL,) * 2


def test_printed_fabrics_and_curved_cracks_stay_out_of_the_shipped_recipe() -> None:
    rng = np.random.default_rng(3)
    for _ in range(8):
        fabric = crack_synth.prints(rng, 256)
        assert fabric.shape == (256, 256) and fabric.dtype == np.uint8
        assert float(fabric.std()) > 5  # a pattern, not a plain sheet
    glass = crack_synth.dark_glass(rng, 256)
    assert np.count_nonzero(crack_synth.draw_cracks(rng, glass, crack_synth.arcs(rng, 256))) > 200
    # Only the backbone experiment adds them: the shipped model's data stays as it was.
    assert crack_synth.prints not in crack_synth.BACKGROUNDS
    assert crack_synth.arcs not in crack_synth.CRACKS


def test_the_model_finds_a_radial_crack_where_it_was_drawn() -> None:
    photo, mask = _cracked_glass(seed=3)
    regions = crack_regions(photo)
    assert regions, "no crack found in a cracked close-up"
    x, y, w, h = regions[0].bbox_px
    inside = mask[y : y + h, x : x + w]
    assert np.count_nonzero(inside) > 0.5 * np.count_nonzero(mask)
    assert 0.5 <= regions[0].confidence <= 1.0


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_the_model_leaves_clean_glass_and_wallpapers_alone(seed: int) -> None:
    rng = np.random.default_rng(100 + seed)
    for background in (crack_synth.dark_glass, crack_synth.wallpaper, crack_synth.keypad):
        grey = background(rng, 384)
        assert crack_regions(cv2.cvtColor(grey, cv2.COLOR_GRAY2BGR)) == [], background.__name__


def test_the_probability_map_has_one_cell_per_8_pixels_of_the_working_image() -> None:
    photo = np.zeros((600, 1200, 3), np.uint8)
    probabilities, factor = crack_probabilities(photo, work_side=512)
    assert probabilities.shape == (32, 64)
    assert factor == pytest.approx(1200 / 512 * 8)
    probabilities, factor = crack_probabilities(photo)  # the whole-photo default
    assert probabilities.shape == (crack_model.WORK_SIDE // 16, crack_model.WORK_SIDE // 8)
    assert float(probabilities.max()) < crack_model.CELL_THRESHOLD


def test_looking_both_ways_averages_the_photo_and_its_mirror_image() -> None:
    photo, _ = _cracked_glass(seed=4)
    one_way, _ = crack_probabilities(photo, work_side=256)
    mirrored, _ = crack_probabilities(np.ascontiguousarray(photo[:, ::-1]), work_side=256)
    both, _ = crack_probabilities(photo, work_side=256, both_ways=True)
    assert np.allclose(both, (one_way + mirrored[:, ::-1]) / 2, atol=1e-5)
    assert not np.allclose(one_way, mirrored[:, ::-1], atol=1e-3)  # the views differ
    assert crack_model.crack_map(photo, work_side=256, both_ways=True).threshold == (
        crack_model.MIRRORED_THRESHOLD
    )
    held = CrackMap(np.full((2, 2), 0.65, np.float32), 8.0, np.ones((2, 2), bool), 0.6)
    assert held.hot.all() and not CrackMap(held.probabilities, 8.0, held.valid).hot.any()


def test_only_a_photo_the_station_cannot_measure_is_looked_at_both_ways(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import vision.analyze

    calls: list[bool] = []

    def spy(*args, both_ways: bool = False, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(both_ways)
        return crack_model.crack_map(*args, both_ways=both_ways, **kwargs)

    monkeypatch.setattr(vision.analyze, "crack_map", spy)
    scene = render_scene((), size_mm=(71.0, 146.0))
    analyze(scene.image, Surface.SCREEN, size_mm=(71.0, 146.0))
    photo, _ = _cracked_glass(seed=3, size=640)
    analyze(photo, Surface.SCREEN)
    assert calls == [False, True]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, r"crack model missing: .*crack-net\.onnx"),
        (4000, r"crack model unreadable: .*crack-net\.onnx"),  # a copy cut short
    ],
)
def test_a_missing_or_corrupt_model_is_a_clear_error(  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch, tmp_path, content: int | None, message: str
) -> None:
    model = tmp_path / "crack-net.onnx"
    if content is not None:
        model.write_bytes(crack_model.MODEL.read_bytes()[:content])
    monkeypatch.setattr(crack_model, "MODEL", model)
    crack_model._net.cache_clear()
    try:
        with pytest.raises(CrackModelError, match=message):
            crack_probabilities(np.zeros((64, 64), np.uint8))
    finally:
        monkeypatch.undo()
        crack_model._net.cache_clear()


def test_a_close_up_without_an_outline_still_reports_the_crack() -> None:
    photo, _ = _cracked_glass(seed=3, size=640)
    result = analyze(photo, Surface.SCREEN)
    cracks = [f for f in result.findings if f.kind is FindingKind.CRACK]
    assert cracks, result
    assert all(f.bbox_px is not None for f in cracks)
    assert not result.usable  # nothing to measure against: sizes stay unmeasured
    if not result.phone_found:
        assert cracks[0].length_mm == 0.0 and cracks[0].polygon_mm == ()


def test_a_shattered_screen_on_the_station_is_a_measured_crack() -> None:
    rng = np.random.default_rng(21)
    rays = tuple(
        Defect(
            FindingKind.CRACK,
            35.0,
            70.0,
            length_mm=float(rng.uniform(20, 40)),
            width_mm=0.2,
            angle_deg=float(angle),
            brightness=170,
        )
        for angle in np.degrees(np.linspace(0, 2 * math.pi, 9, endpoint=False))
    )
    scene = render_scene(rays, size_mm=(71.0, 146.0), rotate_deg=5)
    result = analyze(scene.image, Surface.SCREEN, size_mm=(71.0, 146.0))
    cracks = [f for f in result.findings if f.kind is FindingKind.CRACK]
    assert cracks
    biggest = max(cracks, key=lambda f: f.length_mm)
    assert 30 <= biggest.length_mm <= 90
    assert biggest.severity in (Severity.MODERATE, Severity.SEVERE)
    # The rays' splinters (the glass detector reads the star as a smear) are absorbed.
    assert [f.kind for f in result.findings if f.kind is not FindingKind.CRACK] == []


def test_clean_station_glass_gets_no_crack() -> None:
    scene = render_scene((), size_mm=(71.0, 146.0), rotate_deg=12)
    result = analyze(scene.image, Surface.SCREEN, size_mm=(71.0, 146.0))
    assert [f for f in result.findings if f.kind is FindingKind.CRACK] == []


def _map(hot_cells: list[tuple[int, int]], shape: tuple[int, int] = (20, 30)) -> CrackMap:
    probabilities = np.zeros(shape, np.float32)
    for row, col in hot_cells:
        probabilities[row, col] = 0.9
    return CrackMap(probabilities, factor=10.0, valid=np.ones(shape, bool))


def test_regions_group_neighbouring_cells_and_drop_small_groups() -> None:
    line = [(5, c) for c in range(2, 12)]  # ten cells in a row, one of them a gap apart
    line.remove((5, 6))
    speck = [(15, 25), (15, 26)]
    found = _map(line + speck)
    groups = regions(found, min_cells=5)
    assert len(groups) == 1
    (group,) = groups
    assert group.cells == 9
    assert group.bbox_px == (20, 50, 100, 10)  # cells 2..11 of row 5, 10 px a cell
    assert group.share == pytest.approx(9 / 600)
    assert group.confidence == pytest.approx(0.9)
    assert [g.cells for g in regions(found, min_cells=1)] == [9, 2]
    assert [g.cells for g in regions(found, min_cells=1, min_share=0.01)] == [9]


def test_cells_outside_the_glass_do_not_count() -> None:
    found = _map([(5, c) for c in range(2, 12)])
    valid = np.ones(found.probabilities.shape, bool)
    valid[:, 7:] = False
    clipped = CrackMap(found.probabilities, found.factor, valid)
    assert [g.cells for g in regions(clipped, min_cells=1)] == [5]
    assert clipped.cells_in((0, 0, 300, 200)) == 5
    assert found.cells_in((30, 40, 25, 15)) == 3  # columns 3..5 of row 5
    assert found.cells_in((0, 100, 300, 50)) == 0


def test_the_command_line_shows_an_unmeasured_crack_without_a_length(
    tmp_path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    photo, _ = _cracked_glass(seed=3, size=640)
    path = tmp_path / "close-up.png"
    cv2.imwrite(str(path), photo)
    assert main(["analyze", str(path)]) == 0
    out = capsys.readouterr().out
    assert "crack" in out and "— mm" in out
    assert main(["analyze", str(path), "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert any(f["kind"] == "crack" and f["length_mm"] == 0.0 for f in found["findings"])

    monkeypatch.setattr(crack_model, "MODEL", tmp_path / "gone.onnx")
    crack_model._net.cache_clear()
    try:
        assert main(["analyze", str(path)]) == 1
        assert "crack model missing" in capsys.readouterr().err
    finally:
        monkeypatch.undo()
        crack_model._net.cache_clear()
