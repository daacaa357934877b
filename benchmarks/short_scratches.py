"""Short scratches on black glass, from synthetic screens with exact ground truth: how
many are found as scratches, measured within 10 % (or half a millimetre), and how many
are taken for something else (oil, a stain) or missed.

    .venv/bin/python benchmarks/short_scratches.py

The grading standard's first line is drawn at 3 mm (a grade A screen has only light
scratches no longer than 3 mm), so scratches from 2 to 10 mm matter. Each is drawn
0.1, 0.15 and 0.3 mm wide, at 0, 30, 60 and 90 degrees, in the middle of the screen,
at 5, 8 and 12 pixels a millimetre in the photo (a 1080p camera over a large mat to a
12 MP one), the photo turned 3 degrees, and analysed as the station does, with the
phone's size known.

With --wide, gouges instead: 5, 20 and 40 mm long, 0.45 to 1 mm wide. What reads as
oil there is the known gap in `docs/vision.md` (a straight solid band is also what a
strip light's reflection looks like)."""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from vision.analyze import analyze  # noqa: E402
from vision.finding import FindingKind, Surface  # noqa: E402
from vision.synthetic import Defect, render_scene  # noqa: E402

SIZE = (71.6, 147.6)
LENGTHS = (2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)
WIDTHS = (0.1, 0.15, 0.3)
ANGLES = (0.0, 30.0, 60.0, 90.0)
SCALES = (5.0, 8.0, 12.0)
WIDE_LENGTHS = (5.0, 20.0, 40.0)
WIDE_WIDTHS = (0.45, 0.6, 0.8, 1.0)


def outcome(length: float, width: float, angle: float, px: float) -> str:
    """What became of one scratch: found and measured ("scratch"), found but measured
    outside 10 % and 0.5 mm ("long", "short"), taken for another kind, or "missed"."""
    scratch = Defect(FindingKind.SCRATCH, 30.0, 70.0, length, width, angle)
    scene = render_scene((scratch,), size_mm=SIZE, px_per_mm=px, rotate_deg=3.0)
    findings = analyze(scene.image, Surface.SCREEN, size_mm=SIZE).findings
    scratches = [f for f in findings if f.kind is FindingKind.SCRATCH]
    if scratches:
        measured = max(f.length_mm for f in scratches)
        if abs(measured - length) <= max(0.1 * length, 0.5):
            return "scratch"
        return "long" if measured > length else "short"
    kinds = sorted({f.kind.value for f in findings})
    return "+".join(kinds) if kinds else "missed"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wide", action="store_true", help="gouges 0.45 to 1 mm wide")
    wide = parser.parse_args().wide
    print(
        f"| {'width' if wide else 'length'} | "
        + " | ".join(f"{px:g} px/mm" for px in SCALES)
        + " |"
    )
    print("|---|" + "---|" * len(SCALES))
    totals: collections.Counter[str] = collections.Counter()
    rows = WIDE_WIDTHS if wide else LENGTHS
    for row in rows:
        cells = []
        for px in SCALES:
            drawn = (
                [(length, row, angle) for length in WIDE_LENGTHS for angle in ANGLES]
                if wide
                else [(row, width, angle) for width in WIDTHS for angle in ANGLES]
            )
            counts = collections.Counter(outcome(*each, px) for each in drawn)
            totals.update(counts)
            found = counts.pop("scratch", 0)
            rest = ", ".join(f"{kind} {n}" for kind, n in counts.most_common())
            cells.append(f"{found}/{len(drawn)}" + (f" ({rest})" if rest else ""))
        print(f"| {row:g} mm | " + " | ".join(cells) + " |")
    found = totals.pop("scratch", 0)
    total = found + sum(totals.values())
    print(f"\nfound and measured: {found}/{total}; otherwise: {dict(totals)}")


if __name__ == "__main__":
    main()
