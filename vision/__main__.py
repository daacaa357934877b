"""`python -m vision analyze IMAGE [--surface screen|back|side|end] [--pattern P] [--json]
[--overlay OUT.png] [--size W,H]`: the findings in a photo (``end``: a side shot of the
top or bottom end, dents and chips only; a side shot's --size is DEPTH,LENGTH).
`python -m vision marker OUT.png`: the scale marker's sheet, to print and lay on the
mat. An unreadable file, a --size that is not a phone's, a --pattern on a surface
other than the screen or an --overlay that cannot be written exits 2 with one line,
before any analysis."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import cv2

from vision.analyze import analyze, overlay
from vision.camera import CameraError, read_image
from vision.crack_model import CrackModelError
from vision.finding import Surface
from vision.marker import MARKER_MM, write_sheet
from vision.patterns import Pattern

#: "end": a side shot of the top or bottom end (dents and chips only; `analyze`).
SURFACES = {
    "screen": Surface.SCREEN,
    "back": Surface.BACK,
    "side": Surface.FRAME,
    "end": Surface.FRAME,
}
#: A --size side outside this range (mm) is a typo, not a phone (a watch is 40 mm, a
#: tablet's long side 250 to 350 mm).
MIN_SIDE_MM = 20.0
MAX_SIDE_MM = 400.0
#: A side shot's --size is DEPTH,LENGTH; a phone's depth lies in this range (mm): the
#: thinnest are about 5.5 mm, a folded foldable up to about 17.
MIN_DEPTH_MM = 3.0
MAX_DEPTH_MM = 20.0


def _unwritable(path: Path) -> str | None:
    """Why the overlay cannot be written to ``path``, or None; said before the analysis
    runs, so the clerk does not wait for nothing."""
    if path.is_dir():
        return "a folder, not a file name"
    if not path.parent.is_dir():
        return f"no such folder {path.parent}"
    if not cv2.haveImageWriter(str(path)):
        return "name it .png or .jpg (no image format has that ending)"
    return None


def _write_marker(out: Path) -> int:
    problem = _unwritable(out) or (None if out.suffix.lower() == ".png" else "name it .png")
    if problem:
        print(f"vision: {out}: {problem}", file=sys.stderr)
        return 2
    try:
        write_sheet(out)
    except OSError as error:
        print(f"vision: {out}: could not be written ({error.strerror or error})", file=sys.stderr)
        return 1
    print(
        f"wrote {out}: print it at 100 % (actual size); its black square must measure "
        f"{MARKER_MM:.0f} mm"
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m vision")
    sub = parser.add_subparsers(required=True, metavar="COMMAND", dest="command")
    sheet = sub.add_parser("marker", help="write the scale marker's A4 sheet, to print")
    sheet.add_argument("out", type=Path, help="the PNG to write (300 dpi)")
    command = sub.add_parser("analyze", help="find and measure defects in a photo")
    command.add_argument("image", type=Path)
    command.add_argument("--surface", choices=sorted(SURFACES), default="screen")
    command.add_argument(
        "--pattern",
        choices=[p.value for p in Pattern],
        help="the test pattern the lit screen shows (screen photos only)",
    )
    command.add_argument("--size", help="the phone's width,height in mm (else assumed)")
    command.add_argument("--json", action="store_true")
    command.add_argument("--overlay", type=Path, help="write the annotated photo here")
    args = parser.parse_args(argv)
    if "OPENCV_LOG_LEVEL" not in os.environ:
        # OpenCV's own warning on a truncated file ("PNG input buffer is incomplete")
        # would come before the one line that says what is wrong.
        cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_ERROR)
    return _write_marker(args.out) if args.command == "marker" else _analyze(args)


def _parse_size(text: str, side: bool = False) -> tuple[float, float] | None:
    """--size's WIDTH,HEIGHT in mm (a side shot's: DEPTH,LENGTH); None when they are
    not a phone's."""
    try:
        width, height = (float(v) for v in text.split(","))
    except ValueError:
        return None
    low, high = MIN_DEPTH_MM if side else MIN_SIDE_MM, MAX_DEPTH_MM if side else MAX_SIDE_MM
    if low <= min(width, height) <= high and MIN_SIDE_MM <= max(width, height) <= MAX_SIDE_MM:
        return width, height
    return None


def _option_problem(args: argparse.Namespace) -> str | None:
    """What is wrong with the options, in one line; None when nothing is."""
    if args.pattern and args.surface != "screen":  # a lit pattern is shown on the screen
        return (
            f"--pattern {args.pattern} is for screen photos (--surface screen), "
            f"not --surface {args.surface}"
        )
    side = SURFACES[args.surface] is Surface.FRAME
    if args.size and _parse_size(args.size, side) is None:
        if side:
            return (
                f"--size {args.size!r} is not DEPTH,LENGTH of a phone's side in mm (depth "
                f"{MIN_DEPTH_MM:.0f} to {MAX_DEPTH_MM:.0f}, length {MIN_SIDE_MM:.0f} to "
                f"{MAX_SIDE_MM:.0f}, e.g. 7.8,147.6)"
            )
        return (
            f"--size {args.size!r} is not WIDTH,HEIGHT of a phone in mm "
            f"(each {MIN_SIDE_MM:.0f} to {MAX_SIDE_MM:.0f}, e.g. 71.5,146.7)"
        )
    if args.overlay and (problem := _unwritable(args.overlay)):
        return f"--overlay {args.overlay}: {problem}"
    return None


def _analyze(args: argparse.Namespace) -> int:
    if problem := _option_problem(args):
        print(f"vision: {problem}", file=sys.stderr)
        return 2
    try:
        image = read_image(args.image)
    except CameraError as exc:
        print(f"vision: {exc}", file=sys.stderr)
        return 2
    size = _parse_size(args.size, SURFACES[args.surface] is Surface.FRAME) if args.size else None
    pattern = Pattern(args.pattern) if args.pattern else None
    try:
        result = analyze(image, SURFACES[args.surface], pattern, size, end=args.surface == "end")
    except CrackModelError as exc:  # a broken install, not a bad photo
        print(f"vision: {exc}", file=sys.stderr)
        return 1
    # Checked above; a full disk or a folder gone meanwhile still fails here, and the
    # findings are printed all the same.
    written = not args.overlay or cv2.imwrite(str(args.overlay), overlay(image, result))
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
    if not written:
        print(f"vision: --overlay {args.overlay}: could not be written", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # the reader (head, less) stopped early
        sys.stderr.close()
        sys.exit(0)
