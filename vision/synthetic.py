"""Synthetic photos of phones with known defects and exact ground truth, for the demo
and for tests: a phone with black glass on a matte grey mat, optionally rotated, with
scratches, cracks and stains drawn at given positions and sizes in millimetres."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from vision.finding import FindingKind
from vision.types import Image


@dataclass(frozen=True, slots=True)
class Defect:
    """A defect to draw: where it starts on the glass (mm from the top-left corner of
    the upright phone), its length and width in mm, and direction in degrees. A chip
    is a bite out of the glass edge nearest (x_mm, y_mm): ``length_mm`` along the
    edge, ``width_mm`` deep, showing the frosted break at ``brightness``."""

    kind: FindingKind
    x_mm: float
    y_mm: float
    length_mm: float = 0.0
    width_mm: float = 0.15
    angle_deg: float = 0.0
    brightness: int = 150


@dataclass(frozen=True, slots=True)
class SidePart:
    """A part of the phone set in the face of its frame, as a side shot shows it: a
    rounded rectangle ``length_mm`` along the frame from ``x_mm`` (mm from the frame's
    left end), ``height_mm`` across it, centred on the face, outlined by the dark gap
    round it. A button's face has the frame's shade, or ``shade`` (a coloured or
    black button); a SIM tray has its eject ``pin_hole`` near its far end; a port is
    a dark slot (``shade`` dark, ``gap`` None: no gap round it). With ``glint``, the
    outline's upper half is that shade instead: a chamfer catching the light."""

    x_mm: float
    length_mm: float
    height_mm: float
    shade: int | None = None
    pin_hole: bool = False
    gap: int | None = 90
    glint: int | None = None


@dataclass(frozen=True, slots=True)
class Camera:
    """The camera on a phone's back as a photo of the back shows it, in mm from the
    back's top-left corner: an ``island`` (a raised plate, x, y, width, height, with
    rounded corners of ``corner_mm``; None for lenses standing on their own), its
    ``lenses`` (centre x, y and radius, each a dark glass in a metal ring) and a
    ``flash`` (centre and radius). The plate has the ``plate`` shade and a ``rim``."""

    island: tuple[float, float, float, float] | None
    lenses: tuple[tuple[float, float, float], ...]
    flash: tuple[float, float, float] | None = None
    corner_mm: float = 7.0
    plate: int = 34
    rim: int = 70

    def area(self) -> tuple[float, float, float, float]:
        """The box round the island and everything on it (x, y, width, height, mm)."""
        circles = (*self.lenses, self.flash) if self.flash is not None else self.lenses
        boxes = [(x - r, y - r, 2 * r, 2 * r) for x, y, r in circles]
        if self.island is not None:
            boxes.append(self.island)
        x0 = min(b[0] for b in boxes)
        y0 = min(b[1] for b in boxes)
        x1 = max(b[0] + b[2] for b in boxes)
        y1 = max(b[1] + b[3] for b in boxes)
        return x0, y0, x1 - x0, y1 - y0


@dataclass(frozen=True, slots=True)
class Label:
    """Printing on a phone's back (a maker's name, the regulatory lines): ``text``
    centred across the back with its baseline ``y_mm`` from the back's top, capitals
    ``height_mm`` tall, in the grey ``shade``."""

    text: str
    y_mm: float
    height_mm: float = 3.0
    shade: int = 70


def phone_camera(kind: str, width_mm: float = 71.6, *, light: bool = False) -> Camera:
    """A camera laid out as one kind of phone has it, roughly, on a back ``width_mm``
    wide (a dark back, or a ``light`` one): "square" (an iPhone 15: two lenses on the
    diagonal of a 29 mm plate at the top left), "square3" (an iPhone 15 Pro: three on
    a 36 mm plate), "bar" (a Pixel: a band across the back), "lenses" (a Galaxy S:
    three lenses in a column, no plate) or "round" (a round plate in the middle, four
    lenses: a Huawei Mate)."""
    plate, rim = (205, 150) if light else (34, 70)
    lenses: tuple[tuple[float, float, float], ...]
    if kind == "square":
        return Camera((6, 6, 29, 29), ((14, 14, 6), (27, 27, 6)), (27, 14, 1.8), 7, plate, rim)
    if kind == "square3":
        lenses = ((14.5, 14.5, 7), (14.5, 30.5, 7), (30.5, 22.5, 7))
        return Camera((5, 5, 36, 36), lenses, (30.5, 11, 2), 8, plate, rim)
    if kind == "bar":
        lenses = ((14, 26, 5), (27, 26, 5))
        return Camera((0, 18, width_mm, 16), lenses, (40, 26, 1.5), 8, plate, rim)
    if kind == "lenses":
        return Camera(None, ((12, 13, 5), (12, 27, 5), (12, 41, 5)), (22, 13, 1.5))
    if kind == "round":
        middle = width_mm / 2
        lenses = tuple((middle + dx, 29 + dy, 5.5) for dx in (-8, 8) for dy in (-8, 8))
        return Camera((middle - 19, 10, 38, 38), lenses, None, 19, plate, rim)
    raise ValueError(f"no such camera: {kind}")


def phone_parts(side: str, length_mm: float, *, shade: int | None = None) -> tuple[SidePart, ...]:
    """The parts on one ``side`` of a typical phone ("left", "right", "top" or
    "bottom", as the seller faces the screen) ``length_mm`` long there, sized and
    placed roughly as on an iPhone 15 sold in China, their places scaled to that
    length: on the left the action button, the volume buttons and the SIM tray; on
    the right the side button; the charging port in the middle of the bottom end;
    none at the top. The buttons' face is ``shade`` (None: the frame's)."""
    if side == "bottom":
        return (SidePart(length_mm / 2 - 4.3, 8.6, 3.2, shade=30, gap=None),)
    scale = length_mm / 147.6
    at = {
        "left": (
            (24.0, 5.5, 2.4, shade, False),
            (38.0, 9.0, 2.4, shade, False),
            (51.0, 9.0, 2.4, shade, False),
            (88.0, 15.5, 3.6, None, True),
        ),
        "right": ((36.0, 17.0, 2.8, shade, False),),
        "top": (),
    }[side]
    return tuple(
        SidePart(x * scale, length, height, part_shade, pin)
        for x, length, height, part_shade, pin in at
    )


@dataclass(frozen=True, slots=True)
class Scene:
    """A rendered photo and its truth: the phone's corners in photo pixels (clockwise
    from the upright top-left) and the defects drawn."""

    image: Image
    corners: npt.NDArray[Any]
    px_per_mm: float
    size_mm: tuple[float, float]
    defects: tuple[Defect, ...] = field(default=())


def render_scene(
    defects: tuple[Defect, ...] = (),
    *,
    size_mm: tuple[float, float] = (71.0, 146.0),
    px_per_mm: float = 8.0,
    margin_mm: float = 20.0,
    corner_mm: float = 9.0,
    rotate_deg: float = 0.0,
    seed: int = 0,
    screen_bgr: tuple[int, int, int] | None = None,
    bezel_mm: float = 4.0,
    camera: Camera | None = None,
    body_bgr: tuple[int, int, int] = (18, 18, 20),
    labels: tuple[Label, ...] = (),
) -> Scene:
    """Render the phone with ``defects``, then rotate the whole photo by
    ``rotate_deg`` about its centre (the truth rotates with it). ``screen_bgr`` lights
    the screen in that colour inside a ``bezel_mm`` border (a test pattern). The back:
    its glass ``body_bgr``, its ``camera`` and printed ``labels`` drawn under the
    defects."""
    width_mm, height_mm = size_mm
    w = round((width_mm + 2 * margin_mm) * px_per_mm)
    h = round((height_mm + 2 * margin_mm) * px_per_mm)
    rng = np.random.default_rng(seed)
    image = np.clip(rng.normal(128, 3, (h, w, 3)), 0, 255).astype(np.uint8)
    origin = np.array([margin_mm, margin_mm]) * px_per_mm
    body = np.zeros((h, w), np.uint8)
    x0, y0 = origin
    x1, y1 = x0 + width_mm * px_per_mm, y0 + height_mm * px_per_mm
    r = corner_mm * px_per_mm
    cv2.rectangle(body, (round(x0 + r), round(y0)), (round(x1 - r), round(y1)), 255, -1)
    cv2.rectangle(body, (round(x0), round(y0 + r)), (round(x1), round(y1 - r)), 255, -1)
    for cx, cy in ((x0 + r, y0 + r), (x1 - r, y0 + r), (x0 + r, y1 - r), (x1 - r, y1 - r)):
        cv2.circle(body, (round(cx), round(cy)), round(r), 255, -1)
    image[body > 0] = body_bgr
    if camera is not None:
        _camera(image, camera, origin, px_per_mm)
    for label in labels:
        _label(image, label, origin, width_mm, px_per_mm)
    if screen_bgr is not None:  # the screen on, showing a test pattern inside the bezel
        b = bezel_mm * px_per_mm
        cv2.rectangle(
            image, (round(x0 + b), round(y0 + b)), (round(x1 - b), round(y1 - b)), screen_bgr, -1
        )
    for defect in defects:
        if defect.kind is FindingKind.CHIP:
            _chip(image, body, defect, size_mm=size_mm, origin=origin, scale=px_per_mm)
        else:
            _draw(image, defect, origin, px_per_mm)
    corners = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], np.float32)
    if rotate_deg:
        turn = cv2.getRotationMatrix2D((w / 2, h / 2), rotate_deg, 1.0)
        turned: Image = cv2.warpAffine(
            image, turn, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT
        )
        moved = cv2.transform(corners.reshape(-1, 1, 2), turn).reshape(-1, 2)
        return Scene(turned, moved.astype(np.float32), px_per_mm, size_mm, tuple(defects))
    return Scene(image, corners, px_per_mm, size_mm, tuple(defects))


def render_side(
    dents: tuple[tuple[float, float, float], ...] = (),
    *,
    size_mm: tuple[float, float] = (146.0, 8.0),
    px_per_mm: float = 8.0,
    margin_mm: float = 15.0,
    marks: tuple[Defect, ...] = (),
    parts: tuple[SidePart, ...] = (),
    seed: int = 0,
) -> Scene:
    """A side shot: the phone on its edge, ``size_mm`` = (length, thickness), as a
    light frame on the grey mat, shaded across its thickness as a curved frame is,
    with ``dents`` = (x_mm from the left end, width_mm, depth_mm) cut into its upper
    edge, its ``parts`` (buttons, SIM tray, port: `phone_parts`) set in its face, and
    ``marks`` (scratches as lines; scuffs as patches ``length_mm`` by ``width_mm``
    about their centre) drawn on it, in mm from the frame's top-left."""
    length_mm, thickness_mm = size_mm
    w = round((length_mm + 2 * margin_mm) * px_per_mm)
    h = round((thickness_mm + 2 * margin_mm) * px_per_mm)
    rng = np.random.default_rng(seed)
    image = np.clip(rng.normal(128, 2, (h, w, 3)), 0, 255).astype(np.uint8)
    x0, y0 = margin_mm * px_per_mm, margin_mm * px_per_mm
    x1, y1 = x0 + length_mm * px_per_mm, y0 + thickness_mm * px_per_mm
    top, bottom = round(y0), round(y1)
    across = np.linspace(-1.0, 1.0, bottom - top + 1)
    shade = 212 - 14 * across**2  # brightest along the middle of the curved face
    face = np.repeat(shade[:, None], round(x1) - round(x0) + 1, axis=1)
    face = face + rng.normal(0, 2, face.shape)
    image[top : bottom + 1, round(x0) : round(x1) + 1] = np.clip(face, 0, 255)[..., None]
    origin = np.array([x0, y0])
    for part in parts:
        _part(image, part, origin + np.array([0.0, thickness_mm / 2 * px_per_mm]), px_per_mm)
    for mark in marks:
        if mark.kind is FindingKind.SCUFF:
            centre = origin + np.array([mark.x_mm, mark.y_mm]) * px_per_mm
            axes = (mark.length_mm * px_per_mm / 2, mark.width_mm * px_per_mm / 2)
            cv2.ellipse(
                image,
                _pt(centre),
                (round(axes[0]), round(axes[1])),
                mark.angle_deg,
                0,
                360,
                (mark.brightness,) * 3,
                -1,
                cv2.LINE_AA,
            )
        else:
            _draw(image, mark, origin, px_per_mm)
    for x_mm, width_mm, depth_mm in dents:
        left = round(x0 + x_mm * px_per_mm)
        right = round(x0 + (x_mm + width_mm) * px_per_mm)
        deepest = round(y0 + depth_mm * px_per_mm)
        cv2.ellipse(
            image,
            ((left + right) // 2, round(y0)),
            ((right - left) // 2, deepest - round(y0)),
            0,
            0,
            180,
            (128, 128, 128),
            -1,
        )
    corners = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], np.float32)
    return Scene(image, corners, px_per_mm, size_mm, tuple(marks))


def _camera(image: Image, camera: Camera, origin: npt.NDArray[Any], scale: float) -> None:
    """``camera`` drawn on the back whose top-left corner is at ``origin``."""
    shift = 4  # sub-pixel drawing: placed in mm, not whole pixels
    unit = scale * (1 << shift)

    def at(x: float, y: float) -> tuple[int, int]:
        return _pt(origin * (1 << shift) + np.array([x, y]) * unit)

    def size(mm: float) -> int:
        return round(mm * unit)

    if camera.island is not None:
        x, y, w, h = camera.island
        r = min(camera.corner_mm, w / 2, h / 2)
        arcs = (
            (x + w - r, y + r, -90),
            (x + w - r, y + h - r, 0),
            (x + r, y + h - r, 90),
            (x + r, y + r, 180),
        )
        outline = [
            (cx + r * math.cos(math.radians(a0 + a)), cy + r * math.sin(math.radians(a0 + a)))
            for cx, cy, a0 in arcs
            for a in range(0, 91, 10)
        ]
        points = np.array([at(px, py) for px, py in outline], np.int32).reshape(-1, 1, 2)
        cv2.fillPoly(image, [points], (camera.plate,) * 3, cv2.LINE_AA, shift)
        rim = max(1, round(0.25 * scale))
        cv2.polylines(image, [points], True, (camera.rim,) * 3, rim, cv2.LINE_AA, shift)
    for cx, cy, r in camera.lenses:
        cv2.circle(image, at(cx, cy), size(r), (140, 140, 145), -1, cv2.LINE_AA, shift)
        cv2.circle(image, at(cx, cy), size(r - 1), (10, 10, 12), -1, cv2.LINE_AA, shift)
        cv2.circle(image, at(cx, cy), size(r * 0.4), (40, 30, 50), -1, cv2.LINE_AA, shift)
    if camera.flash is not None:
        cx, cy, r = camera.flash
        cv2.circle(image, at(cx, cy), size(r), (200, 200, 190), -1, cv2.LINE_AA, shift)


def _label(
    image: Image, label: Label, origin: npt.NDArray[Any], width_mm: float, scale: float
) -> None:
    """``label`` printed across the back whose top-left corner is at ``origin``."""
    font = cv2.FONT_HERSHEY_SIMPLEX
    size = label.height_mm * scale / 22  # the font's capitals are 22 units tall
    thick = max(1, round(0.18 * label.height_mm * scale / 2))
    (w, _), _ = cv2.getTextSize(label.text, font, size, thick)
    x = origin[0] + width_mm * scale / 2 - w / 2
    y = origin[1] + label.y_mm * scale
    colour = (label.shade,) * 3
    cv2.putText(image, label.text, _pt(np.array([x, y])), font, size, colour, thick, cv2.LINE_AA)


def _part(image: Image, part: SidePart, axis: npt.NDArray[Any], scale: float) -> None:
    """``part`` drawn on a side shot whose face's middle line starts at ``axis``."""
    shift = 4  # sub-pixel drawing: parts are placed in mm, not whole pixels
    radius = part.height_mm / 2
    ends = (part.x_mm + radius, part.x_mm + part.length_mm - radius)
    outline = [
        (x + radius * math.cos(math.radians(a)), radius * math.sin(math.radians(a)))
        for x, arc in zip(ends, (range(90, 271, 10), range(-90, 91, 10)), strict=True)
        for a in arc
    ]
    points = np.round((axis + np.array(outline) * scale) * 2**shift).astype(np.int32)
    points = points.reshape(-1, 1, 2)
    if part.shade is not None:
        cv2.fillPoly(image, [points], (part.shade,) * 3, cv2.LINE_AA, shift)
    gap, glint = part.gap, part.glint
    if gap is not None and glint is None:
        cv2.polylines(image, [points], True, (gap,) * 3, 1, cv2.LINE_AA, shift)
    elif gap is not None and glint is not None:  # the upper half, tip to tip, glints
        arc = len(points) // 2  # each end's points, from below round to above
        upper = points[arc // 2 : arc + arc // 2 + 1]
        lower = np.concatenate((points[arc + arc // 2 :], points[: arc // 2 + 1]))
        cv2.polylines(image, [upper], False, (glint,) * 3, 1, cv2.LINE_AA, shift)
        cv2.polylines(image, [lower], False, (gap,) * 3, 1, cv2.LINE_AA, shift)
    if part.pin_hole:
        hole = axis + np.array([part.x_mm + part.length_mm - 2.0, 0.0]) * scale
        cv2.circle(image, _pt(hole), max(1, round(0.45 * scale)), (60, 60, 60), -1, cv2.LINE_AA)


def _draw(image: Image, defect: Defect, origin: npt.NDArray[Any], scale: float) -> None:
    start = origin + np.array([defect.x_mm, defect.y_mm]) * scale
    color = (defect.brightness,) * 3
    thickness = max(1, round(defect.width_mm * scale))
    if defect.kind is FindingKind.STAIN:
        radius = max(1, round(defect.width_mm * scale / 2))
        cv2.circle(image, _pt(start), radius, color, -1, cv2.LINE_AA)
        return
    if defect.kind is not FindingKind.CRACK:
        rad = math.radians(defect.angle_deg)
        end = start + np.array([math.cos(rad), math.sin(rad)]) * defect.length_mm * scale
        cv2.line(image, _pt(start), _pt(end), color, thickness, cv2.LINE_AA)
        return
    # A cracked screen: five arms radiate from the point of impact, each forking once
    # half-way, so the crack branches as real ones do.
    for k in range(5):
        rad = math.radians(defect.angle_deg + k * 72)
        direction = np.array([math.cos(rad), math.sin(rad)])
        middle = start + direction * defect.length_mm * scale / 2
        end = start + direction * defect.length_mm * scale
        cv2.line(image, _pt(start), _pt(end), color, thickness, cv2.LINE_AA)
        fork = math.radians(defect.angle_deg + k * 72 + 35)
        twig = middle + np.array([math.cos(fork), math.sin(fork)]) * defect.length_mm * scale / 3
        cv2.line(image, _pt(middle), _pt(twig), color, thickness, cv2.LINE_AA)


def _chip(
    image: Image,
    body: Image,
    defect: Defect,
    *,
    size_mm: tuple[float, float],
    origin: npt.NDArray[Any],
    scale: float,
) -> None:
    """A half-ellipse bitten out of the nearest edge, the mouth centred on the defect's
    point, clipped to the phone."""
    width_mm, height_mm = size_mm
    x, y = defect.x_mm, defect.y_mm
    gaps = {"left": x, "right": width_mm - x, "top": y, "bottom": height_mm - y}
    side = min(gaps, key=lambda k: gaps[k])
    x = 0.0 if side == "left" else width_mm if side == "right" else x
    y = 0.0 if side == "top" else height_mm if side == "bottom" else y
    along = side in ("top", "bottom")
    axes = (
        (defect.length_mm / 2, defect.width_mm)
        if along
        else (defect.width_mm, defect.length_mm / 2)
    )
    bite = np.zeros(body.shape, np.uint8)
    centre = origin + np.array([x, y]) * scale
    shift = 4  # sub-pixel drawing: the truth is in mm, not whole pixels
    cv2.ellipse(
        bite,
        (round(float(centre[0]) * 2**shift), round(float(centre[1]) * 2**shift)),
        (round(axes[0] * scale * 2**shift), round(axes[1] * scale * 2**shift)),
        0,
        0,
        360,
        255,
        -1,
        cv2.LINE_8,
        shift,
    )
    image[(bite > 0) & (body > 0)] = defect.brightness


def _pt(point: npt.NDArray[Any]) -> tuple[int, int]:
    return round(float(point[0])), round(float(point[1]))


def ring_light(
    photo: Image,
    px_per_mm: float,
    radius_mm: float,
    *,
    leds: int = 12,
    led_mm: float = 1.2,
    diffuser_mm: float = 0.0,
    offset_mm: tuple[float, float] = (0.0, 0.0),
    brightness: int = 200,
) -> Image:
    """``photo`` with a ring light's reflection in its glass, centred on the photo's
    middle (moved by ``offset_mm``): ``leds`` dots ``led_mm`` across on a circle
    ``radius_mm`` in radius, or with ``diffuser_mm`` > 0 a ring that wide instead,
    slightly soft, as a mirror shows them to a camera looking straight down."""
    h, w = photo.shape[:2]
    centre = np.array([w / 2, h / 2]) + np.array(offset_mm) * px_per_mm
    layer = np.zeros((h, w), np.float32)
    shift = 4
    if diffuser_mm > 0:
        thickness = max(1, round(diffuser_mm * px_per_mm))
        cv2.circle(
            layer,
            _pt(centre * 2**shift),
            round(radius_mm * px_per_mm * 2**shift),
            1.0,
            thickness,
            cv2.LINE_AA,
            shift,
        )
    else:
        for k in range(leds):
            angle = 2 * math.pi * k / leds
            spot = centre + radius_mm * px_per_mm * np.array([math.cos(angle), math.sin(angle)])
            cv2.circle(
                layer,
                _pt(spot * 2**shift),
                round(led_mm / 2 * px_per_mm * 2**shift),
                1.0,
                -1,
                cv2.LINE_AA,
                shift,
            )
    return _lit(photo, brightness * cv2.GaussianBlur(layer, (0, 0), 0.2 * px_per_mm))


def _lit(photo: Image, light: npt.NDArray[Any]) -> Image:
    """``photo`` lighter by the grey levels of ``light`` (H×W float32): a reflection."""
    lit = np.clip(photo.astype(np.float32) + light[..., None], 0, 255)
    out: Image = lit.astype(np.uint8)
    return out


@dataclass(frozen=True, slots=True)
class Lamp:
    """A lamp's sharp reflection as a fixed camera sees it in black glass: at ``at_mm``
    from the photo's middle (right, down), a strip light's bar ``length_mm`` long and
    ``width_mm`` wide at ``angle_deg``, or with no length a bare bulb's spot
    ``width_mm`` across. It stays put in the photo wherever the phone lies."""

    at_mm: tuple[float, float]
    length_mm: float = 0.0
    width_mm: float = 1.0
    angle_deg: float = 0.0
    brightness: int = 180


def under_lamps(
    defects: tuple[Defect, ...] = (),
    lamps: tuple[Lamp, ...] = (),
    *,
    move_mm: tuple[float, float] = (0.0, 0.0),
    turn_deg: float = 0.0,
    frame_mm: tuple[float, float] = (140.0, 200.0),
    size_mm: tuple[float, float] = (71.0, 146.0),
    px_per_mm: float = 8.0,
) -> Scene:
    """The phone with ``defects`` photographed by a fixed camera (a ``frame_mm`` view
    of the mat) under fixed ``lamps``: moved ``move_mm`` (right, down) from the
    view's middle and turned ``turn_deg`` about it. The lamps are reflected only where
    the phone's glass is beneath them."""
    margin = (max(frame_mm) - min(size_mm)) / 2 + max(abs(m) for m in move_mm) + 1.0
    scene = render_scene(
        defects, size_mm=size_mm, px_per_mm=px_per_mm, margin_mm=margin, rotate_deg=turn_deg
    )
    h, w = scene.image.shape[:2]
    fw, fh = (round(side * px_per_mm) for side in frame_mm)
    x0 = round(w / 2 - move_mm[0] * px_per_mm - fw / 2)
    y0 = round(h / 2 - move_mm[1] * px_per_mm - fh / 2)
    corners = (scene.corners - np.array([x0, y0], np.float32)).astype(np.float32)
    image = scene.image[y0 : y0 + fh, x0 : x0 + fw].copy()
    glass = np.zeros((fh, fw), np.float32)
    cv2.fillPoly(glass, [np.round(corners).astype(np.int32).reshape(-1, 1, 2)], 1.0)
    layer = np.zeros((fh, fw), np.float32)
    for lamp in lamps:
        _lamp(layer, lamp, np.array([fw / 2, fh / 2]), px_per_mm)
    soft = cv2.GaussianBlur(layer, (0, 0), 0.15 * px_per_mm) * glass
    return Scene(_lit(image, soft), corners, px_per_mm, size_mm, scene.defects)


def _lamp(layer: Image, lamp: Lamp, middle: npt.NDArray[Any], px_per_mm: float) -> None:
    """Draw ``lamp`` at its brightness on ``layer`` (float32)."""
    shift = 4
    centre = middle + np.array(lamp.at_mm) * px_per_mm
    thickness = max(1, round(lamp.width_mm * px_per_mm))
    if lamp.length_mm > 0:
        turn = math.radians(lamp.angle_deg)
        step = lamp.length_mm / 2 * px_per_mm * np.array([math.cos(turn), math.sin(turn)])
        start, end = _pt((centre - step) * 2**shift), _pt((centre + step) * 2**shift)
        cv2.line(layer, start, end, float(lamp.brightness), thickness, cv2.LINE_AA, shift)
    else:
        radius = round(lamp.width_mm / 2 * px_per_mm * 2**shift)
        centre_fixed = _pt(centre * 2**shift)
        cv2.circle(layer, centre_fixed, radius, float(lamp.brightness), -1, cv2.LINE_AA, shift)


def encode_png(image: Image) -> bytes:
    """PNG bytes of ``image``."""
    ok, buffer = cv2.imencode(".png", image)
    if not ok:
        raise ValueError("PNG encoding failed")
    return bytes(buffer.tobytes())
