"""The camera and the printing on a phone's back, from synthetic backs with exact
ground truth: how many clean backs get a finding from them, how much of the camera is
left out and how much glass beside it, and how many marks beside them are still found.

    .venv/bin/python benchmarks/back_camera.py

Five cameras (`vision.synthetic.phone_camera`: an iPhone 15's and 15 Pro's plate, a
Pixel's bar, a Galaxy's column of lenses, a Mate's round plate), on a dark and a light
back, each taken five ways: as drawn (8 pixels a millimetre in the photo), turned 4
degrees, upside down, and at 5 and 12 pixels a millimetre. Every back carries a
maker's name (3.5 mm capitals) in the middle and two regulatory lines (1.5 mm) near
the bottom, lighter than a dark back or darker than a light one. "Camera left out" is the
share of the camera's box (its plate and lenses) inside the mask the analysis leaves
out; "glass beside it" is the mask's area outside that box, in mm² (the margin round
a 29 mm plate alone is about 180 mm²). Marks: scratches 10 and 20 mm long, flat and
at 30 degrees, starting 3 mm below the camera's box and 3 mm beside it (where there
is room), two 3 mm below the maker's name, and a crack in the middle of the back
(beside the name); a scratch counts when found as one
within 10 % of its length. It also prints the median time of finding the camera and
the printing on one back (one core)."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from vision.analyze import analyze  # noqa: E402
from vision.back import camera_area, printing  # noqa: E402
from vision.finding import FindingKind, Surface  # noqa: E402
from vision.synthetic import Defect, Label, phone_camera, render_scene  # noqa: E402

SIZE = (71.6, 147.6)
KINDS = ("square", "square3", "bar", "lenses", "round")
#: (name, rotate_deg, px_per_mm)
WAYS = (
    ("as drawn", 0.0, 8.0),
    ("turned 4°", 4.0, 8.0),
    ("upside down", 180.0, 8.0),
    ("5 px/mm", 0.0, 5.0),
    ("12 px/mm", 0.0, 12.0),
)
BACKS = {"dark": ((18, 18, 20), False), "light": ((225, 225, 228), True)}
#: (text, baseline from the top, capitals' height) in mm.
PRINT = (
    ("GALAXY", 92.0, 3.5),
    ("CE 0700  FCC ID: A3LSMG991U", 126.0, 1.5),
    ("Designed in California  Assembled in China", 129.5, 1.5),
)


def _labels(light: bool) -> tuple[Label, ...]:
    return tuple(Label(text, y, h, 130 if light else 70) for text, y, h in PRINT)


def _marks(kind: str) -> list[Defect]:
    """Scratches 3 mm below the camera's box, and 3 mm beside it where there is room
    (past the 11 mm band at the end, which no detector looks at)."""
    x, y, w, h = phone_camera(kind).area()
    beside = x + w + 3
    marks = []
    for length in (10.0, 20.0):
        for angle in (0.0, 30.0):
            left = max(x + 2, 6.0)  # clear of the 3 mm at the edge, which is not looked at
            marks.append(Defect(FindingKind.SCRATCH, left, y + h + 3, length, 0.15, angle, 90))
            if beside + 22 < SIZE[0]:
                start = max(y + 4, 14.0)
                marks.append(Defect(FindingKind.SCRATCH, beside, start, length, 0.15, angle, 90))
    marks += [Defect(FindingKind.SCRATCH, 25, 95, 10, 0.15, angle, 90) for angle in (0.0, 30.0)]
    return marks


def _drawn(defects: tuple[Defect, ...], way: dict[str, Any]) -> np.ndarray:
    """A back with ``defects``, drawn as ``way`` says (`render_scene`'s keywords)."""
    return render_scene(defects, size_mm=SIZE, **way).image


def _found(defect: Defect, findings: list) -> bool:  # type: ignore[type-arg]
    if defect.kind is FindingKind.CRACK:
        return any(f.kind is FindingKind.CRACK for f in findings)
    return any(
        f.kind is FindingKind.SCRATCH
        and abs(f.length_mm - defect.length_mm) <= 0.1 * defect.length_mm
        for f in findings
    )


def main() -> None:
    times = []
    print(
        "| way | back | clean flagged | camera left out (min, mean) "
        "| glass beside it (mean, max mm²) | marks found |"
    )
    print("|---|---|---|---|---|---|")
    for name, turn, px in WAYS:
        for back, (body, light) in BACKS.items():
            flagged = 0
            covered, excess = [], []
            found = total = 0
            for kind in KINDS:
                camera = phone_camera(kind, SIZE[0], light=light)
                way = {"px_per_mm": px, "rotate_deg": turn, "camera": camera, "body_bgr": body}
                way["labels"] = _labels(light)
                result = analyze(_drawn((), way), Surface.BACK, size_mm=SIZE)
                flagged += bool(result.findings)
                rect = result.rectified
                assert rect is not None
                start = time.perf_counter()
                mask = camera_area(rect.image, rect.px_per_mm)
                printing(rect.image, rect.px_per_mm)
                times.append(time.perf_counter() - start)
                share, outside = _coverage(mask, camera.area(), rect.px_per_mm)
                covered.append(share)
                excess.append(outside)
                for defect in (*_marks(kind), Defect(FindingKind.CRACK, 36, 100, 12, 0.2, 10, 160)):
                    marked = analyze(_drawn((defect,), way), Surface.BACK, size_mm=SIZE)
                    found += _found(defect, list(marked.findings))
                    total += 1
            print(
                f"| {name} | {back} | {flagged}/{len(KINDS)} | {min(covered):.0%}, "
                f"{statistics.mean(covered):.0%} | {statistics.mean(excess):.0f}, "
                f"{max(excess):.0f} | {found}/{total} |"
            )
    median = 1000 * statistics.median(times)
    print(f"\nfinding the camera and the printing on one back: {median:.1f} ms median")


def _coverage(
    mask: np.ndarray | None, box: tuple[float, float, float, float], px: float
) -> tuple[float, float]:
    """The share of ``box`` (mm) inside ``mask``, and the mask's area outside it
    (mm²); the box is taken at whichever end of the back the mask is."""
    if mask is None:
        return 0.0, 0.0
    x, y, bw, bh = box
    best = (0.0, 0.0)
    for bx, by in ((x, y), (SIZE[0] - x - bw, SIZE[1] - y - bh)):
        truth = np.zeros_like(mask)
        cv2.rectangle(
            truth,
            (round(bx * px), round(by * px)),
            (round((bx + bw) * px) - 1, round((by + bh) * px) - 1),
            255,
            -1,
        )
        inside = np.count_nonzero(mask & truth) / max(1, np.count_nonzero(truth))
        outside = np.count_nonzero(mask & ~truth) / px**2
        if inside > best[0]:
            best = (inside, outside)
    return best


if __name__ == "__main__":
    main()
