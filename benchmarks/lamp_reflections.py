"""Lamps reflected in black glass, told from marks by taking the photo again with the
phone moved (`vision.retake`): how many of the lamps' reflections are left out, and
whether real marks are ever left out with them.

    .venv/bin/python benchmarks/lamp_reflections.py

Synthetic screen-off photos from a fixed camera (`vision.synthetic.under_lamps`): a
strip light's bar 10, 25 or 40 mm long, 0.5 or 1 mm wide, at 0, 30 or 80 degrees, or
a bare bulb's spot 0.8, 1 or 1.5 mm across, at three places in the picture. Each
phone carries a 12 mm scratch and a 1.2 mm stain. The first photo is taken with the
phone at the middle; the second with it slid 15 mm right and 10 mm down, 20 mm left
and 5 mm down, or 25 mm up, slid 10 mm and turned 20 degrees, or turned half round
and slid; at 5, 8 and 12 pixels a millimetre. A finding of the second photo counts
as a mark when it is the one at the place of a finding on the same photo without
lamps (of its kind if one is), and as the lamp's otherwise. As controls, every lamp
is also taken twice with the phone not moved, and nudged 3 mm (too little to tell):
nothing should be left out; and the marks alone, moved: nothing should be left out
either. It also prints what the comparison adds to a capture taken again: the median
time of `stayed_put`, and of `app.flow.photograph` for a 12 MP photo taken again
against taken first."""

from __future__ import annotations

import math
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import cv2  # noqa: E402

from vision.analyze import Analysis, analyze  # noqa: E402
from vision.finding import Finding, FindingKind, Surface  # noqa: E402
from vision.retake import stayed_put  # noqa: E402
from vision.synthetic import Defect, Lamp, under_lamps  # noqa: E402

SIZE = (71.0, 146.0)
MARKS = (
    Defect(FindingKind.SCRATCH, 20.0, 40.0, 12.0, 0.15, 30.0),
    Defect(FindingKind.STAIN, 50.0, 100.0, 0.0, 1.2, 0.0, 150),
)
#: Where the lamps are reflected: mm from the picture's middle (right, down).
PLACES = ((-5.0, -45.0), (8.0, 5.0), (-12.0, 45.0))
LAMPS = (
    *(
        (f"strip {n:g}×{w:g} mm", Lamp((0.0, 0.0), length_mm=n, width_mm=w, angle_deg=a))
        for n in (10.0, 25.0, 40.0)
        for w in (0.5, 1.0)
        for a in (0.0, 30.0, 80.0)
    ),
    *((f"bulb {d:g} mm", Lamp((0.0, 0.0), width_mm=d, brightness=200)) for d in (0.8, 1.0, 1.5)),
)
#: (name, move_mm, turn_deg)
MOVES = (
    ("slid 15, 10 mm", (15.0, 10.0), 0.0),
    ("slid 20 mm left", (-20.0, 5.0), 0.0),
    ("slid 25 mm up", (0.0, -25.0), 0.0),
    ("slid and turned 20°", (10.0, 10.0), 20.0),
    ("turned half round", (12.0, 8.0), 180.0),
)
SCALES = (5.0, 8.0, 12.0)


def shot(lamps: tuple[Lamp, ...], move: tuple[float, float], turn: float, px: float) -> Analysis:
    scene = under_lamps(MARKS, lamps, move_mm=move, turn_deg=turn, px_per_mm=px, size_mm=SIZE)
    return analyze(scene.image, Surface.SCREEN, size_mm=SIZE)


def centre(f: Finding) -> tuple[float, float]:
    assert f.bbox_px is not None
    x, y, w, h = f.bbox_px
    return x + w / 2, y + h / 2


def near(f: Finding, o: Finding, px: float) -> bool:
    """Whether ``f`` and ``o`` lie at one place: box centres within 2 mm, or boxes
    overlapping by half the smaller."""
    if math.dist(centre(f), centre(o)) <= 2.0 * px:
        return True
    assert f.bbox_px is not None and o.bbox_px is not None
    (x, y, w, h), (u, v, p, q) = f.bbox_px, o.bbox_px
    dx = min(x + w, u + p) - max(x, u)
    dy = min(y + h, v + q) - max(y, v)
    return dx > 0 and dy > 0 and dx * dy >= 0.5 * min(w * h, p * q)


def match(mark: Finding, findings: tuple[Finding, ...], px: float) -> Finding | None:
    """The finding of ``findings`` that is ``mark`` (found without lamps): one at its
    place, of its kind if one is, the nearest."""
    at = [f for f in findings if near(f, mark, px)]
    at.sort(key=lambda f: (f.kind is not mark.kind, math.dist(centre(f), centre(mark))))
    return at[0] if at else None


def left_out(before: Analysis, after: Analysis) -> list[Finding]:
    assert before.rectified is not None and after.rectified is not None
    return stayed_put(before.findings, before.rectified, after.findings, after.rectified)


def main() -> None:
    rows: dict[str, list[int]] = {}
    ways: dict[str, list[int]] = {}
    totals = [0, 0, 0, 0, 0]  # pairs, lamp findings, of them left out, marks, marks lost
    controls = [0, 0]  # pairs, pairs with anything left out
    marks_alone = [0, 0]
    times: list[float] = []
    for px in SCALES:
        unlit = {m: shot((), mv, t, px) for m, mv, t in MOVES}
        unlit["middle"] = shot((), (0.0, 0.0), 0.0, px)
        for name, _, _ in MOVES:  # the marks alone, moved: nothing is a reflection
            marks_alone[0] += 1
            marks_alone[1] += bool(left_out(unlit["middle"], unlit[name]))
        for lamp_name, lamp in LAMPS:
            for place in PLACES:
                lamps = (
                    Lamp(place, lamp.length_mm, lamp.width_mm, lamp.angle_deg, lamp.brightness),
                )
                first = shot(lamps, (0.0, 0.0), 0.0, px)
                for still in ((0.0, 0.0), (0.0, 3.0), (3.0, 0.0)):
                    controls[0] += 1
                    controls[1] += bool(left_out(first, shot(lamps, still, 0.0, px)))
                for move_name, move, turn in MOVES:
                    second = shot(lamps, move, turn, px)
                    start = time.perf_counter()
                    gone = left_out(first, second)
                    times.append(time.perf_counter() - start)
                    found = [match(m, second.findings, px) for m in unlit[move_name].findings]
                    real = [f for f in found if f is not None]
                    own = [f for f in second.findings if f not in real]
                    lost = [f for f in gone if f in real]
                    row = rows.setdefault(f"{lamp_name} · {px:g} px/mm", [0, 0, 0, 0, 0])
                    way = ways.setdefault(f"{move_name} · at {place}", [0, 0, 0, 0, 0])
                    for counts in (row, way, totals):
                        counts[0] += 1
                        counts[1] += len(own)
                        counts[2] += len([f for f in gone if f in own])
                        counts[3] += len(real)
                        counts[4] += len(lost)
    print("lamp · scale | pairs | lamp findings | left out | marks | marks left out")
    for name, (pairs, own, gone, real, lost) in rows.items():
        print(f"{name} | {pairs} | {own} | {gone} | {real} | {lost}")
    print("\nmove · lamp's place (mm from the picture's middle) | pairs | lamp findings | left out")
    for name, (pairs, own, gone, _, _) in sorted(ways.items()):
        print(f"{name} | {pairs} | {own} | {gone}")
    pairs, own, gone, real, lost = totals
    print(f"all | {pairs} | {own} | {gone} ({100 * gone / max(own, 1):.1f} %) | {real} | {lost}")
    print(
        f"controls: phone not moved or nudged 3 mm, {controls[1]} of {controls[0]} pairs "
        "had anything left out"
    )
    print(f"marks alone, moved: {marks_alone[1]} of {marks_alone[0]} pairs had anything left out")
    print(f"stayed_put: {1000 * statistics.median(times):.2f} ms median")
    retake_cost()


def retake_cost() -> None:
    """`flow.photograph` for a 12 MP photo (3000 × 4000) taken first and taken again
    with the phone moved, median of 5 each."""
    from app import flow
    from app.paths import DataDir
    from app.records import PhotoStep
    from app.store import Store
    from devices.report import DeviceReport, Platform
    from vision.camera import encode_still

    strip = (Lamp((-5.0, -50.0), length_mm=20.0, width_mm=0.8, angle_deg=10.0),)
    frames = [
        encode_still(
            under_lamps(MARKS, strip, move_mm=m, frame_mm=(150.0, 200.0), px_per_mm=20.0).image
        )
        for m in ((0.0, 0.0), (15.0, 10.0))
    ]
    phone = DeviceReport(platform=Platform.IOS, brand="Apple", marketing_name="iPhone 15")
    first, again = [], []
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(DataDir(Path(folder)).ensure())
        try:
            for _ in range(5):
                record = flow.start(store, "st", "clerk", phone)
                for data, into in zip(frames, (first, again), strict=True):
                    start = time.perf_counter()
                    record = flow.photograph(
                        store,
                        record.id,
                        data,
                        step=PhotoStep.SCREEN_OFF,
                        surface=Surface.SCREEN,
                        size_mm=SIZE,
                    )
                    into.append(time.perf_counter() - start)
                assert flow.captured(record)[-1].problems == ("reflection",)
        finally:
            store.close()
    print(
        f"12 MP capture: taken first {1000 * statistics.median(first):.0f} ms, taken again "
        f"with the phone moved {1000 * statistics.median(again):.0f} ms (median of 5)"
    )


if __name__ == "__main__":
    cv2.setNumThreads(1)  # one core, as the other vision benchmarks
    main()
