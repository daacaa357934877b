"""`python -m vision analyze IMAGE [--surface screen|back|side] [--pattern P] [--json]
[--overlay OUT.png] [--size W,H]`: the findings in a photo. An unreadable file exits 2
with one line."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import cv2

from vision.analyze import analyze, overlay
from vision.camera import CameraError, read_image
from vision.crack_model import CrackModelError
from vision.finding import Surface
from vision.patterns import Pattern

SURFACES = {"screen": Surface.SCREEN, "back": Surface.BACK, "side": Surface.FRAME}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m vision")
    sub = parser.add_subparsers(required=True, metavar="COMMAND")
    command = sub.add_parser("analyze", help="find and measure defects in a photo")
    command.add_argument("image", type=Path)
    command.add_argument("--surface", choices=sorted(SURFACES), default="screen")
    command.add_argument("--pattern", choices=[p.value for p in Pattern])
    command.add_argument("--size", help="the phone's width,height in mm (else assumed)")
    command.add_argument("--json", action="store_true")
    command.add_argument("--overlay", type=Path, help="write the annotated photo here")
    args = parser.parse_args(argv)
    try:
        image = read_image(args.image)
    except CameraError as exc:
        print(f"vision: {exc}", file=sys.stderr)
        return 2
    size = None
    if args.size:
        try:
            width, height = (float(v) for v in args.size.split(","))
        except ValueError:
            print(f"vision: --size {args.size!r} is not WIDTH,HEIGHT in mm", file=sys.stderr)
            return 2
        size = (width, height)
    pattern = Pattern(args.pattern) if args.pattern else None
    try:
        result = analyze(image, SURFACES[args.surface], pattern, size)
    except CrackModelError as exc:  # a broken install, not a bad photo
        print(f"vision: {exc}", file=sys.stderr)
        return 1
    if args.overlay:
        cv2.imwrite(str(args.overlay), overlay(image, result))
    output = {
        "phone_found": result.phone_found,
        "usable": result.usable,
        "surface": SURFACES[args.surface].value,
        "problems": list(result.problems),
        "findings": [
            {
                "id": f.id,
                "surface": f.surface.value,
                "kind": f.kind.value,
                "bbox_px": list(f.bbox_px or ()),
                "polygon_mm": [list(p) for p in f.polygon_mm],
                "length_mm": f.length_mm,
                "width_mm": f.width_mm,
                "area_mm2": f.area_mm2,
                "zone": f.zone.value,
                "severity": f.severity.value,
                "confidence": f.confidence,
            }
            for f in result.findings
        ],
    }
    if args.json:
        print(json.dumps(output, indent=2))
    else:
        print(f"phone found: {result.phone_found}; {len(result.findings)} finding(s)")
        for problem in result.problems:
            print(f"  ! {problem}")
        for finding in result.findings:
            # A crack seen in a photo without a measurable phone has no length.
            length = f"{finding.length_mm:6.1f} mm" if finding.polygon_mm else "     — mm"
            print(
                f"  {finding.kind.value:<12} {length}  {finding.severity.value:<8} at "
                f"{finding.bbox_px}"
            )
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # the reader (head, less) stopped early
        sys.stderr.close()
        sys.exit(0)
