"""Dents on the frame, from synthetic side shots with exact ground truth: how many are
found, how well their length (the mouth along the edge) is measured, and how many
clean frames get a finding, at phone sizes whose rectified strip shows no mat.

    .venv/bin/python benchmarks/side_dents.py

Each row is one way of taking the photo: as drawn (a light frame on a grey mat),
turned 3 degrees, inverted (a dark frame on a light mat), and at 5 and 12 pixels a
millimetre instead of 8. Each has 7 phone sizes x 5 dent widths (1 to 5 mm) x 3
depths (0.3 to 0.8 mm), one dent a photo, and 7 clean frames. A length's error is
(measured - true) / true; the table gives its mean and its largest size per width.
It also prints the median time of one side analysis (one core).
"""

from __future__ import annotations

import itertools
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
from vision.synthetic import render_side  # noqa: E402

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
        found = total = flagged = 0
        errors: dict[float, list[float]] = defaultdict(list)
        for length, thickness in SIZES:
            size = (thickness, length)
            clean = render_side(size_mm=(length, thickness), px_per_mm=px_per_mm, seed=1)
            flagged += bool(analyze(way(clean.image), Surface.FRAME, size_mm=size).findings)
            for width, depth in itertools.product(WIDTHS_MM, DEPTHS_MM):
                scene = render_side(
                    ((50.0, width, depth),), size_mm=(length, thickness), px_per_mm=px_per_mm
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
        print(f"{name:<14} {found:>4}/{total:<8} {flagged:>4}/{len(SIZES):<10} {table}")
    print(f"one side analysis: {statistics.median(timings) * 1000:.1f} ms median")


if __name__ == "__main__":
    main()
