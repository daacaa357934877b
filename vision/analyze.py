"""One photo in, findings out: locate the phone, judge the photo, rectify it, run the
detector for the surface (black glass, a test pattern, the back), and turn what was
found into ``Finding``s measured in mm, with boxes in the photo's pixels and an
evidence crop each."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from vision import glass
from vision.back import camera_area, clock_lines, printed_lines, printing
from vision.crack_model import (
    CONFIRM_CELLS,
    MIN_CELLS,
    WORK_SIDE,
    CrackMap,
    crack_map,
    regions,
)
from vision.finding import Finding, FindingKind, FindingSource, Severity, Surface, Zone
from vision.glass import detect_edge_chips, detect_glass_defects
from vision.locate import (
    QUALITY_TEXT,
    UNUSABLE,
    Location,
    Quality,
    Rectified,
    check_quality,
    locate,
    rectify,
)
from vision.patterns import Pattern, detect_pattern_defects
from vision.reflection import on_ring, ring_reflections
from vision.side import detect_side_defects
from vision.types import Image

CROP_PAD_PX = 24


@dataclass(frozen=True, slots=True)
class Analysis:
    """The result for one photo. ``crops`` maps a finding's id to its evidence crop
    (BGR uint8, cut from the photo); ``rectified`` is None when no phone was found."""

    phone_found: bool
    quality: tuple[Quality, ...]
    findings: tuple[Finding, ...]
    crops: dict[str, Image] = field(default_factory=dict, repr=False)
    rectified: Rectified | None = field(default=None, repr=False)

    @property
    def problems(self) -> tuple[str, ...]:
        """The quality problems in words."""
        return tuple(QUALITY_TEXT[q] for q in self.quality)

    @property
    def usable(self) -> bool:
        """False when the findings cannot be trusted (no phone, cut off, blurred...)."""
        return self.phone_found and not (set(self.quality) & UNUSABLE)


def analyze(
    image: Image,
    surface: Surface = Surface.SCREEN,
    pattern: Pattern | None = None,
    size_mm: tuple[float, float] | None = None,
    *,
    end: bool = False,
) -> Analysis:
    """Analyse a BGR photo (uint8, H×W×3) of one face of the phone. ``end``: a side
    shot of its top or bottom end, where only dents and chips are looked for (its face
    carries the charging port and the speaker and microphone holes, which would read
    as scuffs)."""
    if image.ndim != 3 or image.shape[2] != 3 or image.dtype != np.uint8:
        raise ValueError("expected a BGR uint8 image (H×W×3)")
    location = locate(image, side=surface is Surface.FRAME)
    learned = surface in LEARNED_SURFACES and pattern is None
    if location is None:
        # A close-up of the glass has no outline to find; cracks in it still count.
        found, crops = _learned_cracks(image, surface) if learned else ([], {})
        return Analysis(False, (Quality.NO_PHONE,), tuple(found), crops)
    if surface is Surface.FRAME and size_mm is not None:
        size_mm = (min(size_mm), max(size_mm))  # a side: thickness across, length along
    if size_mm is None:
        size_mm = _size_from_marker(image, location.corners)
    quality = check_quality(image, location)
    if pattern is not None:  # a lit test pattern is meant to be bright
        quality = tuple(q for q in quality if q not in (Quality.GLARE, Quality.OVEREXPOSED))
    rect = rectify(image, location, size_mm)
    quality = tuple(dict.fromkeys((*quality, *rect.problems)))
    if set(quality) & UNUSABLE:
        # Nothing is measured on such a photo, but a crack seen in it is reported.
        found, crops = _learned_cracks(image, surface) if learned else ([], {})
        return Analysis(True, quality, tuple(found), crops, rect)
    findings: list[Finding] = []
    crops = {}
    # A back's camera (lens rings, the plate's rim) and its printing are no wear:
    # neither the glass detector nor the model looks there (the model read a line of
    # regulatory print as a 50 mm crack).
    own = _not_wear(rect) if surface is Surface.BACK else None
    if surface is Surface.SCREEN and pattern is None and (screen_lit(rect) or shows_text(rect)):
        # The black-glass detector would read the picture on the screen as marks (an
        # always-on display's clock and date as oil and a scratch); the learned model
        # still looks for cracks.
        quality = (*quality, Quality.SCREEN_LIT)
    else:
        findings, crops, reflection = _findings(image, rect, surface, pattern, end, leave_out=own)
        if reflection is not None:  # nor does the model look there
            quality = (*quality, Quality.RING_LIGHT)
            own = reflection if own is None else cv2.bitwise_or(own, reflection)
    if learned:
        findings, more_crops = _learned_cracks(
            image, surface, findings, (location, rect), leave_out=own
        )
        crops.update(more_crops)
    return Analysis(True, quality, tuple(findings), crops, rect)


#: Surfaces whose photos also go through the learned crack model (screen off or lit
#: with whatever it shows, and the back), besides the measuring detectors.
LEARNED_SURFACES = {Surface.SCREEN, Surface.BACK}
#: The glass within this share of the phone's size from its outline is not examined
#: by the model: the outline's own edges and corners look like lines.
OUTLINE_MARGIN = 0.03
#: A crack spread over this share of the glass is severe.
SEVERE_SHARE = 0.15


#: A screen photographed "off" is lit when less than this share of its middle is dark
#: (darker than the black-glass detector's `glass.DARK_GLASS_LEVEL`).
LIT_DARK_SHARE = 0.5


def screen_lit(rect: Rectified) -> bool:
    """The middle of the glass (the phone less a tenth each side) is mostly not dark:
    the screen shows a picture, not black glass."""
    grey = rect.image if rect.image.ndim == 2 else cv2.cvtColor(rect.image, cv2.COLOR_BGR2GRAY)
    h, w = grey.shape[:2]
    middle = grey[h // 10 : h - h // 10, w // 10 : w - w // 10]
    return middle.size > 0 and float(np.mean(middle < glass.DARK_GLASS_LEVEL)) < LIT_DARK_SHARE


#: A line lit on a dark screen with at least this many glyphs is text (an always-on
#: display's date): a back's print rule asks for 3, but three oil droplets in a row
#: make such a line on black glass.
TEXT_MIN_GLYPHS = 5


def shows_text(rect: Rectified) -> bool:
    """A line of text lit on a rectified screen that is otherwise dark (an always-on
    display's date) on the glass the black-glass detector reads, clear of the edge
    margin and the end bands; or a clock (`shows_clock`)."""
    x0, y0, x1, y1 = _examined(rect)
    return any(
        glyphs >= TEXT_MIN_GLYPHS and bx0 >= x0 and by0 >= y0 and bx1 <= x1 and by1 <= y1
        for (bx0, by0, bx1, by1), glyphs in printed_lines(rect.image, rect.px_per_mm)
    ) or shows_clock(rect)


def shows_clock(rect: Rectified) -> bool:
    """An always-on display's clock (`back.clock_lines`) lit on a rectified screen,
    its middle on the glass the black-glass detector reads (a large clock reaches
    across the screen into the edge margin). Coarse enough for the live view: a
    clock's digits are 5 mm tall or more."""
    x0, y0, x1, y1 = _examined(rect)
    return any(
        x0 <= (bx0 + bx1) / 2 <= x1 and y0 <= (by0 + by1) / 2 <= y1
        for bx0, by0, bx1, by1 in clock_lines(rect.image, rect.px_per_mm)
    )


def _examined(rect: Rectified) -> tuple[int, int, int, int]:
    """The box (x0, y0, x1, y1) of a rectified screen that the black-glass detector
    examines: clear of the edge margin and the end bands."""
    h, w = rect.image.shape[:2]
    side = round(glass.EDGE_MARGIN_MM * rect.px_per_mm)
    end = round(glass.END_BAND_MM * rect.px_per_mm)
    return side, end, w - side, h - end


def _learned_cracks(
    image: Image,
    surface: Surface,
    existing: Sequence[Finding] = (),
    phone: tuple[Location, Rectified] | None = None,
    *,
    leave_out: Image | None = None,
) -> tuple[list[Finding], dict[str, Image]]:
    """``existing`` findings with the learned model's view added
    (`vision/crack_model.py`). On a usable photo (``phone`` located and rectified)
    the model looks at the phone's glass only: a crack the glass detector measured
    stands only where the model sees crack cells too (else it is a scratch), and a
    crack network the detector did not trace is added. Otherwise the model looks at
    the whole photo, both ways. Sizes in mm need the rectified phone; without it they
    stay 0 and only ``bbox_px`` places the crack. ``leave_out`` (a mask on the
    rectified phone) is not looked at."""
    height, width = image.shape[:2]
    x0, y0, x1, y1 = 0, 0, width, height
    valid = None
    location, rect = phone if phone is not None else (None, None)
    if location is not None:
        bx, by, bw, bh = cv2.boundingRect(location.corners.astype(np.float32))
        x0, y0 = max(0, bx), max(0, by)
        x1, y1 = min(width, bx + bw), min(height, by + bh)
        if x1 - x0 < 32 or y1 - y0 < 32:
            return list(existing), {}
        centre = location.corners.mean(axis=0)
        inset = centre + (location.corners - centre) * (1 - 2 * OUTLINE_MARGIN)
        valid = np.zeros((y1 - y0, x1 - x0), np.uint8)
        cv2.fillConvexPoly(valid, np.round(inset - [x0, y0]).astype(np.int32), 255)
        if leave_out is not None and rect is not None:
            to_crop = np.array([[1, 0, -x0], [0, 1, -y0], [0, 0, 1]]) @ rect.to_source
            size = (x1 - x0, y1 - y0)
            left = cv2.warpPerspective(leave_out, to_crop, size, flags=cv2.INTER_NEAREST)
            valid[left > 0] = 0
    # The phone is looked at on the same scale as a whole photo would be, so that one
    # rule (MIN_CELLS) holds for both, and the time spent follows the phone's size.
    side = max(32, round(max(x1 - x0, y1 - y0) * WORK_SIDE / max(width, height)))
    # A photo the station cannot measure (a stall photo, a close-up) is looked at twice,
    # as taken and mirrored: it has no glass detector behind it, and the time is
    # spent where no speed target applies.
    found = crack_map(image[y0:y1, x0:x1], valid, side, both_ways=rect is None)
    findings = [_confirmed(f, found, x0, y0) for f in existing]
    known = [f.bbox_px for f in findings if f.kind is FindingKind.CRACK and f.bbox_px]
    crops: dict[str, Image] = {}
    groups = regions(found, min_cells=MIN_CELLS)
    networks = []
    for region in groups:
        x, y, w, h = region.bbox_px
        box = (x + x0, y + y0, w, h)
        networks.append(box)
        if any(_inside(box, other) > 0.5 for other in known):  # already measured
            continue
        polygon_mm: tuple[tuple[float, float], ...] = ()
        length = breadth = area = 0.0
        if rect is not None:
            source = (region.polygon_px + np.array([x0, y0])).astype(np.float64)
            to_rect = np.linalg.inv(rect.to_source)
            points = cv2.perspectiveTransform(source.reshape(-1, 1, 2), to_rect).reshape(-1, 2)
            points_mm = points / rect.px_per_mm
            (_, _), (a, b), _ = cv2.minAreaRect(points_mm.astype(np.float32))
            length, breadth = round(max(a, b), 1), round(min(a, b), 1)
            area = round(float(cv2.contourArea(points_mm.astype(np.float32))), 1)
            polygon_mm = tuple((round(px, 2), round(py, 2)) for px, py in points_mm.tolist())
        finding = Finding(
            surface=surface,
            kind=FindingKind.CRACK,
            severity=Severity.SEVERE if region.share >= SEVERE_SHARE else Severity.MODERATE,
            confidence=region.confidence,
            polygon_mm=polygon_mm,
            bbox_px=box,
            length_mm=length,
            width_mm=breadth,
            area_mm2=area,
            zone=Zone.ACTIVE,
            source=FindingSource.DETECTOR,
        )
        findings.append(finding)
        crops[finding.id] = evidence_crop(image, box)
    # Scratches, stains and oil inside a crack network are its splinters: on shattered
    # glass they number in the hundreds and say nothing the crack does not.
    kept = [
        f
        for f in findings
        if not (
            f.kind in ABSORBED
            and f.bbox_px is not None
            and any(_inside(f.bbox_px, box) > 0.5 for box in networks)
        )
    ]
    return kept, crops


#: Kinds that a crack network found by the model absorbs.
ABSORBED = {FindingKind.SCRATCH, FindingKind.STAIN, FindingKind.OIL}


#: A side shot is rectified with this much of the mat beside each long edge of the
#: frame (mm), so that its silhouette's edge is in view. Rectified to the frame's own
#: thickness, the strip is often all frame, and a dent shows only as a few pixels of
#: mat at its border (one 3 mm wide and 0.8 mm deep was missed).
SIDE_SURROUND_MM = 1.5


def _back_face(rect: Rectified) -> Image:
    """A rectified back as the glass detector reads it: a light back inverted, so
    that marks show light on it as on black glass."""
    face = rect.image
    return cv2.bitwise_not(face) if float(face.mean()) > 110 else face


def _not_wear(rect: Rectified) -> Image | None:
    """A mask of what on a rectified back is the phone's own: its camera and printing
    (`vision.back`); None when there is neither."""
    camera = camera_area(rect.image, rect.px_per_mm)
    printed = printing(_back_face(rect), rect.px_per_mm)
    if camera is None or printed is None:
        return camera if printed is None else printed
    return cv2.bitwise_or(camera, printed)


def _surrounded(image: Image, rect: Rectified, surround_px: int) -> Image:
    """``rect``'s rectified phone with ``surround_px`` more pixels of the photo beside
    each long side (the rectified image's left and right; its long side is vertical)."""
    to_rect = np.linalg.inv(rect.to_source)
    shift = np.array([[1.0, 0.0, surround_px], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
    height, width = rect.image.shape[:2]
    return cv2.warpPerspective(
        image,
        shift @ to_rect,
        (width + 2 * surround_px, height),
        flags=cv2.INTER_AREA,
        borderMode=cv2.BORDER_REPLICATE,
    )


def _inside(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> float:
    """The share of box ``a`` that lies in box ``b``."""
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return 0.0
    return w * h / max(1, a[2] * a[3])


def _confirmed(finding: Finding, found: CrackMap, x0: int, y0: int) -> Finding:
    """A measured crack without crack cells under it becomes a scratch, graded as one."""
    if finding.kind is not FindingKind.CRACK or finding.bbox_px is None:
        return finding
    x, y, w, h = finding.bbox_px
    if found.cells_in((x - x0, y - y0, w, h)) >= CONFIRM_CELLS:
        return finding
    graded = glass.severity(FindingKind.SCRATCH, finding.length_mm, finding.width_mm)
    return dataclasses.replace(finding, kind=FindingKind.SCRATCH, severity=graded)


def _size_from_marker(image: Image, corners: Any) -> tuple[float, float] | None:
    """The phone's size in mm measured against the printed marker, when it is in view."""
    from vision.marker import px_per_mm_from_marker

    scale = px_per_mm_from_marker(image)
    if scale is None:
        return None
    width = float(np.linalg.norm(corners[1] - corners[0])) / scale
    height = float(np.linalg.norm(corners[3] - corners[0])) / scale
    return (round(width, 1), round(height, 1))


def _findings(
    image: Image,
    rect: Rectified,
    surface: Surface,
    pattern: Pattern | None,
    end: bool = False,
    *,
    leave_out: Image | None = None,
) -> tuple[list[Finding], dict[str, Image], Image | None]:
    """The measuring detector's findings for ``surface`` on the rectified photo, their
    evidence crops, and the mask (on the rectified phone) of a ring light's reflection
    in the glass that was left out (`vision.reflection`), None when there was none."""
    found: list[tuple[FindingKind, npt.NDArray[Any], float, float, float, Zone, Severity, float]]
    reflection: Image | None = None
    if surface is Surface.SCREEN and pattern is not None:
        spots = detect_pattern_defects(rect.image, pattern, rect.px_per_mm)
        found = [
            (
                s.kind,
                s.contour,
                s.length_mm,
                s.width_mm,
                s.area_mm2,
                Zone.ACTIVE,
                s.severity,
                s.confidence,
            )
            for s in spots
        ]
    elif surface is Surface.FRAME:
        surround = round(SIDE_SURROUND_MM * rect.px_per_mm)
        dents = detect_side_defects(
            _surrounded(image, rect, surround), rect.px_per_mm, surround, marks=not end
        )
        found = [
            (
                d.kind,
                d.contour,
                d.length_mm,
                d.depth_mm,
                d.area_mm2,
                Zone.BORDER,
                d.severity,
                0.8,
            )
            for d in dents
        ]
    else:
        face = _back_face(rect) if surface is Surface.BACK else rect.image
        blobs = detect_glass_defects(face, rect.px_per_mm, leave_out)
        middle, short_side_mm = _photo_middle(image, rect)
        reflection = ring_reflections(blobs, face.shape, middle, short_side_mm, rect.px_per_mm)
        if reflection is not None:
            blobs = [b for b in blobs if not on_ring(b, reflection)]
        if surface is Surface.SCREEN:
            blobs += detect_edge_chips(face, rect.px_per_mm)
        kinds = {FindingKind.STAIN: FindingKind.SCUFF} if surface is Surface.BACK else {}
        found = [
            (
                kinds.get(b.kind, b.kind),
                b.contour,
                b.length_mm,
                b.width_mm,
                b.area_mm2,
                b.zone,
                b.severity,
                b.confidence,
            )
            for b in blobs
        ]
    findings = []
    crops: dict[str, Image] = {}
    for kind, contour, length, width, area, zone, severity, confidence in found:
        polygon = cv2.approxPolyDP(contour.astype(np.int32), 1.5, True).reshape(-1, 2)
        source = rect.source_points(polygon.astype(np.float64))
        x, y, w, h = cv2.boundingRect(source.astype(np.float32))
        finding = Finding(
            surface=surface,
            kind=kind,
            severity=severity,
            confidence=confidence,
            polygon_mm=tuple(
                (round(px / rect.px_per_mm, 2), round(py / rect.px_per_mm, 2))
                for px, py in polygon.tolist()
            ),
            bbox_px=(int(x), int(y), int(w), int(h)),
            length_mm=length,
            width_mm=width,
            area_mm2=area,
            zone=zone,
            source=FindingSource.DETECTOR,
        )
        findings.append(finding)
        crops[finding.id] = evidence_crop(image, (x, y, w, h))
    return findings, crops, reflection


def _photo_middle(image: Image, rect: Rectified) -> tuple[tuple[float, float], float]:
    """The photo's middle in the rectified phone's pixels (where a camera looking
    straight down sees itself in the glass), and the photo's shorter side in mm
    there."""
    h, w = image.shape[:2]
    ends = np.array([[[w / 2, h / 2], [w / 2 + min(w, h) / 2, h / 2]]], np.float64)
    (mx, my), edge = cv2.perspectiveTransform(ends, np.linalg.inv(rect.to_source))[0]
    return (float(mx), float(my)), 2 * math.dist((mx, my), edge) / rect.px_per_mm


def evidence_crop(image: Image, box: tuple[int, int, int, int]) -> Image:
    """The part of ``image`` around ``box`` (x, y, w, h in its pixels), padded by
    ``CROP_PAD_PX`` and clipped to the image: a finding's evidence."""
    x, y, w, h = box
    height, width = image.shape[:2]
    x0, y0 = max(0, x - CROP_PAD_PX), max(0, y - CROP_PAD_PX)
    x1, y1 = min(width, x + w + CROP_PAD_PX), min(height, y + h + CROP_PAD_PX)
    return image[y0:y1, x0:x1].copy()


COLOURS = {
    FindingKind.CRACK: (0, 0, 255),
    FindingKind.SCRATCH: (0, 128, 255),
    FindingKind.OIL: (255, 0, 255),
    FindingKind.STAIN: (0, 255, 255),
    FindingKind.CHIP: (255, 128, 0),
}


def overlay(image: Image, analysis: Analysis) -> Image:
    """The photo with every finding outlined and labelled, and the phone's outline."""
    out = image.copy()
    scale = max(1, round(max(image.shape[:2]) / 1000))
    if analysis.rectified is not None:
        h, w = analysis.rectified.image.shape[:2]
        outline = analysis.rectified.source_points(
            np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float64)
        )
        cv2.polylines(out, [outline.astype(np.int32)], True, (0, 255, 0), scale)
    for finding in analysis.findings:
        if finding.bbox_px is None:
            continue
        x, y, w, h = finding.bbox_px
        colour = COLOURS.get(finding.kind, (255, 255, 0))
        cv2.rectangle(out, (x - 4, y - 4), (x + w + 4, y + h + 4), colour, scale)
        label = finding.kind.value
        if finding.polygon_mm:  # measured on the rectified phone
            label += f" {finding.length_mm:.1f}mm"
        cv2.putText(
            out,
            label,
            (x, max(12, y - 8)),
            cv2.FONT_HERSHEY_SIMPLEX,
            0.5 * scale,
            colour,
            scale,
            cv2.LINE_AA,
        )
    return out
