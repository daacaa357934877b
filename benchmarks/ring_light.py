"""A ring light round the camera's lens, reflected in a phone's black glass: how many
of its reflections are left out (the photo's problems say so) rather than read as
stains and oil, and whether real marks beside it are still found.

    .venv/bin/python benchmarks/ring_light.py [DATA_DIR]

Synthetic screen-off photos (`vision.synthetic.ring_light`): 8, 12, 16 or 24 LEDs
0.8, 1.2 or 2 mm across, or a diffuser ring 0.3, 0.8 or 1.5 mm wide; reflected rings
8, 14, 20 and 28 mm in radius, centred on the photo's middle or 6 mm off it (the
camera's axis not quite straight down); taken upright at 8 pixels a millimetre,
turned 4 degrees, and at 5 and 12 pixels a millimetre. Each photo also has a 12 mm
scratch and a 1.2 mm stain away from the ring; they count as found when a finding of
their kind overlaps one found without the ring light; other findings are leftovers
of the ring. As a control, the same LEDs 30 mm off the photo's middle
(no camera sees its own light there) are counted when taken for a reflection. With
DATA_DIR (`../shared/data/vision-dev`), every real photo is analysed as a screen and
as a back, and those said to show a ring light are listed (none should be). A second
control: straight scratches 15 to 60 mm long, 0.15 or 0.45 mm wide, whose middle is
the photo's middle, at four angles, with no ring light, and 36 mm ones across a
ring of LEDs (their ends in its band, between two LEDs): each counts as found when
a scratch is measured within 10 % of its length. It also prints the median time the
ring light check takes on one photo."""

from __future__ import annotations

import itertools
import math
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import cv2  # noqa: E402

from vision import analyze as analyze_module  # noqa: E402
from vision.analyze import analyze  # noqa: E402
from vision.finding import Finding, FindingKind, Surface  # noqa: E402
from vision.locate import Quality  # noqa: E402
from vision.synthetic import Defect, render_scene, ring_light  # noqa: E402
from vision.types import Image  # noqa: E402

SIZE = (71.0, 146.0)
RADII_MM = (8.0, 14.0, 20.0, 28.0)
LIGHTS = (
    *((f"{n} LEDs {d:g} mm", n, d, 0.0) for n in (8, 12, 16, 24) for d in (0.8, 1.2, 2.0)),
    *((f"diffuser {w:g} mm", 0, 0.0, w) for w in (0.3, 0.8, 1.5)),
)
#: (name, rotate_deg, px_per_mm)
WAYS = (
    ("upright", 0.0, 8.0),
    ("turned 4°", 4.0, 8.0),
    ("5 px/mm", 0.0, 5.0),
    ("12 px/mm", 0.0, 12.0),
)
#: Real marks away from the ring (mm on the phone): a scratch and a stain.
MARKS = (
    Defect(FindingKind.SCRATCH, 10.0, 20.0, 12.0, 0.15, 10.0),
    Defect(FindingKind.STAIN, 55.0, 100.0, 0.0, 1.2, 0.0, 200),
)


def overlaps(a: Finding, b: Finding) -> bool:
    """Same kind, boxes in the photo overlapping."""
    if a.kind is not b.kind or a.bbox_px is None or b.bbox_px is None:
        return False
    ax, ay, aw, ah = a.bbox_px
    bx, by, bw, bh = b.bbox_px
    return ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah


def synthetic() -> None:
    said: Counter[str] = Counter()
    total: Counter[str] = Counter()
    #: (light, with the check) -> findings the ring left / photos with any
    leftovers: Counter[tuple[str, bool]] = Counter()
    marred: Counter[tuple[str, bool]] = Counter()
    marks_found = marks_total = control_taken = control_total = 0
    check = analyze_module.ring_reflections
    for _, turn, px in WAYS:
        scene = render_scene(MARKS, size_mm=SIZE, px_per_mm=px, rotate_deg=turn)
        # The marks as found without a ring light: what must still be found with one.
        marks = analyze(scene.image, Surface.SCREEN, size_mm=SIZE).findings
        for name, leds, led_mm, diffuser in LIGHTS:
            for radius in RADII_MM:
                for offset in ((0.0, 0.0), (6.0, 0.0)):
                    photo = ring_light(
                        scene.image,
                        px,
                        radius,
                        leds=leds or 12,
                        led_mm=led_mm or 1.2,
                        diffuser_mm=diffuser,
                        offset_mm=offset,
                    )
                    total[name] += 1
                    for checked in (True, False):
                        analyze_module.ring_reflections = check if checked else lambda *_: None
                        result = analyze(photo, Surface.SCREEN, size_mm=SIZE)
                        kept = [f for f in result.findings if any(overlaps(f, m) for m in marks)]
                        left = len(result.findings) - len(kept)
                        leftovers[name, checked] += left
                        marred[name, checked] += left > 0
                        if checked:
                            said[name] += Quality.RING_LIGHT in result.quality
                            marks_total += len(marks)
                            marks_found += sum(any(overlaps(f, m) for f in kept) for m in marks)
                    analyze_module.ring_reflections = check
                if leds:
                    control = ring_light(
                        scene.image, px, radius, leds=leds, led_mm=led_mm, offset_mm=(0.0, 30.0)
                    )
                    control_total += 1
                    taken = analyze(control, Surface.SCREEN, size_mm=SIZE).quality
                    control_taken += Quality.RING_LIGHT in taken
    print("Photos whose ring light left findings (the ring's findings), now and before;")
    print("and photos whose problems say a ring light was left out:")
    print(f"  {'light':<18}{'photos':>7}{'now':>13}{'before':>15}{'said':>7}")
    for name, *_ in LIGHTS:
        now = f"{marred[name, True]} ({leftovers[name, True]})"
        before = f"{marred[name, False]} ({leftovers[name, False]})"
        print(f"  {name:<18}{total[name]:>7}{now:>13}{before:>15}{said[name]:>7}")
    names = [n for n, *_ in LIGHTS]
    now = f"{sum(marred[n, True] for n in names)} ({sum(leftovers[n, True] for n in names)})"
    before = f"{sum(marred[n, False] for n in names)} ({sum(leftovers[n, False] for n in names)})"
    print(f"  {'all':<18}{sum(total.values()):>7}{now:>13}{before:>15}{sum(said.values()):>7}")
    print(f"Real marks beside the ring still found: {marks_found}/{marks_total}")
    print(
        f"LEDs 30 mm off the photo's middle taken for a reflection: {control_taken}/{control_total}"
    )


def across(length_mm: float, angle_deg: float, width_mm: float, below_mm: float = 0.0) -> Defect:
    """A straight scratch whose middle is ``below_mm`` below the photo's middle."""
    turn = math.radians(angle_deg)
    return Defect(
        FindingKind.SCRATCH,
        SIZE[0] / 2 - length_mm / 2 * math.cos(turn),
        SIZE[1] / 2 + below_mm - length_mm / 2 * math.sin(turn),
        length_mm,
        width_mm,
        angle_deg,
    )


def measured(photo: Image, length_mm: float) -> bool:
    """A scratch is found in ``photo`` and measured within 10 % of ``length_mm``."""
    findings = analyze(photo, Surface.SCREEN, size_mm=SIZE).findings
    return any(
        f.kind is FindingKind.SCRATCH and abs(f.length_mm - length_mm) <= 0.1 * length_mm
        for f in findings
    )


def scratches_across() -> None:
    found = total = 0
    for _, turn, px in (*WAYS, ("12 px/mm turned 3°", 3.0, 12.0)):
        for length, angle, width in itertools.product(
            (15.0, 25.0, 40.0, 60.0), (0.0, 45.0, 90.0, 120.0), (0.15, 0.45)
        ):
            scene = render_scene(
                (across(length, angle, width),), size_mm=SIZE, px_per_mm=px, rotate_deg=turn
            )
            total += 1
            found += measured(scene.image, length)
    print(f"Straight scratches across the photo's middle, no ring light, found: {found}/{total}")
    found = total = 0
    for _, turn, px in WAYS:
        for width in (0.15, 0.45):
            scene = render_scene(
                (across(36.0, 0.0, width, below_mm=5.0),),
                size_mm=SIZE,
                px_per_mm=px,
                rotate_deg=turn,
            )
            for radius in (19.0, 20.0):
                photo = ring_light(scene.image, px, radius, leds=12, led_mm=0.8)
                total += 1
                found += measured(photo, 36.0)
    print(f"36 mm scratches across a ring of LEDs, found: {found}/{total}")


def real(data: Path) -> None:
    said = []
    looked = 0
    for path in sorted(data.rglob("*")):
        if path.suffix.lower() not in (".jpg", ".jpeg", ".png"):
            continue
        image = cv2.imread(str(path))
        if image is None:
            continue
        for surface in (Surface.SCREEN, Surface.BACK):
            looked += 1
            if Quality.RING_LIGHT in analyze(image, surface).quality:
                said.append(f"{path.relative_to(data)} ({surface.value})")
    print(f"Real photos analysed (as screen and as back): {looked}; ring light said: {len(said)}")
    for name in said:
        print(f"  {name}")


def speed() -> None:
    scene = render_scene(MARKS, size_mm=SIZE)
    photo = ring_light(scene.image, 8.0, 14.0, led_mm=0.8)
    spent: list[float] = []
    check = analyze_module.ring_reflections

    def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return check(*args, **kwargs)
        finally:
            spent.append(time.perf_counter() - start)

    analyze_module.ring_reflections = timed
    try:
        for _ in range(20):
            analyze(photo, Surface.SCREEN, size_mm=SIZE)
    finally:
        analyze_module.ring_reflections = check
    median_ms = 1000 * statistics.median(spent)
    print(f"Ring light check on a photo with 12 LEDs 0.8 mm across: {median_ms:.1f} ms")


if __name__ == "__main__":
    cv2.setNumThreads(1)
    synthetic()
    scratches_across()
    if len(sys.argv) > 1:
        real(Path(sys.argv[1]))
    speed()
