"""Dents and marks on the frame, from synthetic side shots with exact ground truth: how
many are found, how well their length is measured, and how many clean frames get a
finding, at phone sizes whose rectified strip shows no mat. Every frame carries the
parts of a long side (`vision.synthetic.phone_parts`: buttons and the SIM tray).

    .venv/bin/python benchmarks/side_dents.py

Each row is one way of taking the photo: as drawn (a light frame on a grey mat),
turned 3 degrees, inverted (a dark frame on a light mat), and at 5 and 12 pixels a
millimetre instead of 8. Each has 7 phone sizes x 5 dent widths (1 to 5 mm) x 3
depths (0.3 to 0.8 mm), one dent a photo, beside the left side's buttons and tray;
and 168 clean frames: 7 sizes x the left and the right side x 4 button shades (the
frame's, lighter, darker, black) x 3 outlines (a shadow all round, or its upper half
a bright or a faint glint). A length's error is (measured - true) / true; the
table gives its mean and its largest size per width (the dent's mouth along the
edge). A second table draws scratches 3 to 25 mm long, flat and at 10 degrees, at
three places along the left side (one of them running into the SIM tray), and
counts those found as one scratch within 10 % of their length. It also prints the
median time of one side analysis (one core).
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from vision.analyze import analyze  # noqa: E402
from vision.finding import FindingKind, Surface  # noqa: E402
from vision.synthetic import Defect, phone_parts, render_side  # noqa: E402

#: (length, thickness) in mm: an iPhone 15, 15 Pro Max and SE-sized and other phones.
SIZES = (
    (146.0, 8.0),
    (147.6, 7.8),
    (150.0, 7.8),
    (160.0, 8.2),
    (139.0, 7.4),
    (163.0, 8.25),
    (155.0, 8.9),
)
WIDTHS_MM = (1.0, 1.5, 2.0, 3.0, 5.0)
DEPTHS_MM = (0.3, 0.5, 0.8)
#: Button shades: the frame's own, lighter, darker, black.
SHADES = (None, 245, 150, 30)
#: The outline's upper half: a shadow like the rest, or a chamfer's glint, bright or
#: faint.
GLINTS = (None, 250, 235)
SCRATCHES_MM = (3.0, 6.0, 12.0, 25.0)
#: Where scratches start along the frame, as a share of its length: clear of the
#: buttons, before the tray (the longer ones run into it), near the far end.
SCRATCH_AT = (0.03, 0.5, 0.75)


def turned(image: np.ndarray, degrees: float) -> np.ndarray:  # type: ignore[type-arg]
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    return cv2.warpAffine(image, matrix, (w, h), borderValue=(128, 128, 128))


WAYS: dict[str, tuple[Callable[[np.ndarray], np.ndarray], float]] = {  # type: ignore[type-arg]
    "as drawn": (lambda image: image, 8.0),
    "turned 3 deg": (lambda image: turned(image, 3.0), 8.0),
    "dark frame": (lambda image: 255 - image, 8.0),
    "5 px/mm": (lambda image: image, 5.0),
    "12 px/mm": (lambda image: image, 12.0),
}


def main() -> None:
    cv2.setNumThreads(1)
    timings = []
    print("way            dents found   clean flagged   length error by width (mean / largest)")
    for name, (way, px_per_mm) in WAYS.items():
        found = total = flagged = cleans = 0
        errors: dict[float, list[float]] = defaultdict(list)
        for length, thickness in SIZES:
            size = (thickness, length)
            for side, shade, glint in itertools.product(("left", "right"), SHADES, GLINTS):
                parts = tuple(
                    dataclasses.replace(part, glint=glint)
                    for part in phone_parts(side, length, shade=shade)
                )
                clean = render_side(
                    size_mm=(length, thickness), px_per_mm=px_per_mm, parts=parts, seed=1
                )
                flagged += bool(analyze(way(clean.image), Surface.FRAME, size_mm=size).findings)
                cleans += 1
            for width, depth in itertools.product(WIDTHS_MM, DEPTHS_MM):
                scene = render_side(
                    ((50.0, width, depth),),
                    size_mm=(length, thickness),
                    px_per_mm=px_per_mm,
                    parts=phone_parts("left", length),
                )
                image = way(scene.image)
                start = time.perf_counter()
                result = analyze(image, Surface.FRAME, size_mm=size)
                timings.append(time.perf_counter() - start)
                dents = [
                    f for f in result.findings if f.kind in (FindingKind.DENT, FindingKind.CHIP)
                ]
                total += 1
                if dents:
                    found += 1
                    errors[width].append((dents[0].length_mm - width) / width)
        table = "  ".join(
            f"{w:g} mm {statistics.mean(e):+.0%} / {max(abs(x) for x in e):.0%}"
            for w, e in sorted(errors.items())
        )
        print(f"{name:<14} {found:>4}/{total:<8} {flagged:>4}/{cleans:<10} {table}")
    print(f"one side analysis: {statistics.median(timings) * 1000:.1f} ms median")
    print()
    print("way            scratches found as one, within 10 % of their length")
    print("               clear of the parts   by length            running into a part")
    for name, (way, px_per_mm) in WAYS.items():
        hits: dict[tuple[bool, float], list[bool]] = defaultdict(list)
        for (length, thickness), scratch_mm, at, angle in itertools.product(
            SIZES, SCRATCHES_MM, SCRATCH_AT, (0.0, 10.0)
        ):
            parts = phone_parts("left", length)
            start_mm = at * length
            end_mm = start_mm + scratch_mm * math.cos(math.radians(angle))
            into = any(p.x_mm < end_mm and start_mm < p.x_mm + p.length_mm for p in parts)
            scratch = Defect(
                FindingKind.SCRATCH,
                start_mm,
                thickness / 2 - 0.5 * math.sin(math.radians(angle)) * scratch_mm,
                length_mm=scratch_mm,
                width_mm=0.2,
                angle_deg=angle,
                brightness=250,
            )
            scene = render_side(
                size_mm=(length, thickness), px_per_mm=px_per_mm, parts=parts, marks=(scratch,)
            )
            findings = analyze(
                way(scene.image), Surface.FRAME, size_mm=(thickness, length)
            ).findings
            hits[(into, scratch_mm)].append(
                len(findings) == 1
                and findings[0].kind is FindingKind.SCRATCH
                and abs(findings[0].length_mm - scratch_mm) <= 0.1 * scratch_mm
            )

        clear, by_length = _share(hits, False)
        into, _ = _share(hits, True)
        print(f"{name:<14} {clear:<20} {by_length:<20} {into}")


def _share(hits: dict[tuple[bool, float], list[bool]], into: bool) -> tuple[str, str]:
    """Scratches found of those drawn running ``into`` a part or not: in all, and by
    length."""
    rows = sorted((m, h) for (i, m), h in hits.items() if i is into)
    found = sum(sum(h) for _, h in rows)
    every = sum(len(h) for _, h in rows)
    return f"{found}/{every}", " ".join(f"{m:g}:{sum(h)}/{len(h)}" for m, h in rows)


if __name__ == "__main__":
    main()
