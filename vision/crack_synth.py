"""Synthetic training tiles for the crack classifier (`vision/crack_model.py`).

A canvas is a background the model must learn to ignore (dark glass with soft
reflections, lit wallpapers with icons and text, keypads, wood, fabric and stone
textures, straight and smooth lines) with, for positives, cracks drawn over it: radial
cracks from an impact point with ring segments between the rays, long cracks across
the glass that branch, and crazed patches of short fragments. Cracks show as bright
lines (light caught in the fracture) or dark ones (on a lit screen). Crops are cut
from the canvas with a target per 8×8 cell: crack pixels in it or none.

Everything is drawn from a seed. Natural photos may be passed in as backdrops and
screen contents: the training script uses the sample photos that scikit-image ships
(never the vision-dev photos), so the model can be retrained from the repository and
public packages alone (`scripts/train_crack_model.py`). Printed fabrics (``prints``)
and long curved cracks (``arcs``) are drawn only when added to BACKGROUNDS and CRACKS,
as the backbone experiment does (`scripts/crack_backbone_experiment.py`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from vision.types import Image

CANVAS = 256
#: Training crops are CROP pixels square; the model answers once per CELL×CELL cell.
CROP = 128
CELL = 8
#: A cell is a crack cell with this many crack pixels in it, clean with none.
CELL_PIXELS = 5
IGNORE = 255

Rng = np.random.Generator
Polyline = npt.NDArray[Any]

_WORDS = (  # noqa: SIM905
    "Messages Camera Photos Settings Clock Weather Maps Mail Music Phone Google "
    "12:45 08:41 10:35 5G LTE 100% Mon Tue 1 2 3 4 5 6 7 8 9 0 * # OK Menu Back "
    "SAMSUNG NOKIA HUAWEI XIAOMI OPPO vivo Galaxy iPhone Pro Max 256GB"
).split()
_FONTS = (
    cv2.FONT_HERSHEY_SIMPLEX,
    cv2.FONT_HERSHEY_DUPLEX,
    cv2.FONT_HERSHEY_PLAIN,
    cv2.FONT_HERSHEY_COMPLEX,
    cv2.FONT_HERSHEY_TRIPLEX,
)


@dataclass(frozen=True, slots=True)
class Canvas:
    """A rendered grey canvas (uint8) and its crack mask (uint8, 255 on cracks)."""

    image: Image
    mask: Image


# ---------------------------------------------------------------- cracks


def _walk(rng: Rng, start: Any, angle: float, length: float, wobble: float) -> Polyline:
    """A jagged path: short straight steps whose direction drifts."""
    points = [np.asarray(start, np.float64)]
    travelled = 0.0
    while travelled < length:
        step = rng.uniform(3.0, 14.0)
        angle += rng.normal(0.0, wobble)
        if rng.random() < 0.08:  # glass breaks in straight runs with sudden kinks
            angle += rng.choice((-1, 1)) * rng.uniform(0.3, 0.8)
        points.append(points[-1] + step * np.array([math.cos(angle), math.sin(angle)]))
        travelled += step
    return np.array(points)


def _branching(rng: Rng, start: Any, angle: float, length: float, depth: int = 0) -> list[Polyline]:
    path = _walk(rng, start, angle, length, wobble=rng.uniform(0.02, 0.15))
    paths = [path]
    if depth < 2:
        for _ in range(rng.poisson(1.2 if depth == 0 else 0.5)):
            at = rng.integers(1, len(path))
            turn = rng.choice((-1, 1)) * rng.uniform(0.3, 1.1)
            paths += _branching(
                rng, path[at], angle + turn, length * rng.uniform(0.2, 0.6), depth + 1
            )
    return paths


def radial_cracks(rng: Rng, size: int) -> list[Polyline]:
    """Rays from an impact point, with ring segments between neighbouring rays."""
    centre = rng.uniform(-0.2 * size, 1.2 * size, 2)
    rays = int(rng.integers(4, 16))
    angles = np.sort(rng.uniform(0, 2 * math.pi, rays))
    paths: list[Polyline] = []
    ray_paths = []
    for angle in angles:
        ray = _branching(rng, centre, float(angle), rng.uniform(0.4, 1.6) * size)
        paths += ray
        ray_paths.append(ray[0])
    for radius in rng.uniform(0.04, 0.5, int(rng.integers(0, 4))) * size:
        for a, b in zip(ray_paths, ray_paths[1:] + ray_paths[:1], strict=True):
            if rng.random() < 0.6:
                pa = _point_at(a, radius)
                pb = _point_at(b, radius * rng.uniform(0.8, 1.2))
                if pa is not None and pb is not None:
                    paths.append(_jagged_segment(rng, pa, pb))
    return paths


def _point_at(path: Polyline, distance: float) -> Any:
    steps = np.linalg.norm(np.diff(path, axis=0), axis=1)
    along = np.cumsum(steps)
    index = int(np.searchsorted(along, distance))
    return path[index + 1] if index < len(steps) else None


def _jagged_segment(rng: Rng, a: Any, b: Any) -> Polyline:
    count = max(2, int(np.linalg.norm(b - a) / 6))
    t = np.linspace(0, 1, count)[:, None]
    points = a + t * (b - a)
    normal = np.array([-(b - a)[1], (b - a)[0]]) / (np.linalg.norm(b - a) + 1e-9)
    points[1:-1] += normal * rng.normal(0, 1.2, (count - 2, 1))
    return np.asarray(points)


def across_cracks(rng: Rng, size: int) -> list[Polyline]:
    """Long branching cracks running across the glass (a shattered screen)."""
    paths: list[Polyline] = []
    for _ in range(int(rng.integers(1, 9))):
        start = rng.uniform(-0.1 * size, 1.1 * size, 2)
        paths += _branching(rng, start, rng.uniform(0, 2 * math.pi), rng.uniform(0.5, 2.0) * size)
    return paths


def crazing(rng: Rng, size: int) -> list[Polyline]:
    """A patch of many short fragments, the powdery area around an impact: from a few
    dozen splinters to a white mat of hundreds."""
    centre = rng.uniform(0.1 * size, 0.9 * size, 2)
    radius = rng.uniform(0.08, 0.5) * size
    paths = []
    for _ in range(int(rng.integers(20, 700))):
        start = centre + rng.normal(0, radius / 2, 2)
        paths.append(_walk(rng, start, rng.uniform(0, 2 * math.pi), rng.uniform(4, 24), 0.2))
    return paths


def shattered(rng: Rng, size: int) -> list[Polyline]:
    """A screen broken into polygons: the edges of a jittered Voronoi tessellation,
    denser towards the impact."""
    centre = rng.uniform(0, size, 2)
    count = int(rng.integers(15, 500))
    spread = rng.uniform(0.15, 0.8) * size
    points = centre + rng.normal(0, spread, (count, 2))
    subdiv = cv2.Subdiv2D((-size, -size, 3 * size, 3 * size))
    for point in points:
        x, y = (float(v) for v in np.clip(point, -size + 1, 2 * size - 1))
        subdiv.insert((x, y))
    facets, _ = subdiv.getVoronoiFacetList([])
    paths = []
    for facet in facets:
        ring = np.vstack([facet, facet[:1]])
        for a, b in zip(ring[:-1], ring[1:], strict=True):  # noqa: RUF007
            if rng.random() < 0.85 and np.linalg.norm(b - a) < 2 * size:
                paths.append(_jagged_segment(rng, a, b))
    return paths


def arcs(rng: Rng, size: int) -> list[Polyline]:
    """Long, gently curving cracks that cross one another and fork at shallow angles,
    as a screen protector or laminated glass breaks under a bend; unlike a wallpaper's
    swooshes they are not parallel and end on one another. (Used by the backbone
    experiment, not by the shipped model's recipe.)"""
    paths: list[Polyline] = []
    for _ in range(int(rng.integers(2, 12))):
        t = np.linspace(0, 1, 80)[:, None]
        a, b = rng.uniform(-0.2 * size, 1.2 * size, (2, 2))
        bend = (a + b) / 2 + rng.normal(0, 0.25 * size, 2)
        curve = (1 - t) ** 2 * a + 2 * (1 - t) * t * bend + t**2 * b
        curve = curve + rng.normal(0, 0.35, curve.shape)
        start, end = sorted(rng.uniform(0, 1, 2))
        piece = curve[int(start * 40) : 40 + int(end * 40)]
        if len(piece) < 2:
            continue
        paths.append(piece)
        if rng.random() < 0.5:  # a fork leaving at a shallow angle
            at = int(rng.integers(0, len(piece)))
            direction = piece[-1] - piece[0]
            angle = math.atan2(direction[1], direction[0]) + rng.choice((-1, 1)) * rng.uniform(
                0.15, 0.6
            )
            paths.append(_walk(rng, piece[at], angle, rng.uniform(0.1, 0.5) * size, 0.02))
    return paths


def draw_cracks(rng: Rng, image: Image, paths: list[Polyline]) -> Image:
    """Draw ``paths`` over a grey or BGR ``image`` in place, as light or shadow (no
    colour of their own); returns the crack mask."""
    size = image.shape[:2]
    layer: npt.NDArray[Any] = np.zeros(size, np.float32)
    mask = np.zeros(size, np.uint8)
    thick = 2 if rng.random() < 0.25 else 1
    for path in paths:
        points = np.round(path * 4).astype(np.int32)  # 2 fractional bits
        strength = float(rng.uniform(0.45, 1.0))
        cv2.polylines(layer, [points], False, strength, thick, cv2.LINE_AA, shift=2)
        cv2.polylines(mask, [points], False, 255, thick, cv2.LINE_8, shift=2)
    sigma = rng.uniform(0.3, 0.9)
    layer = cv2.GaussianBlur(layer, (0, 0), sigma)
    flicker = cv2.resize(
        rng.uniform(0.5, 1.0, (size[0] // 8 + 1, size[1] // 8 + 1)).astype(np.float32),
        (size[1], size[0]),
    )
    layer = np.clip(layer * flicker * rng.uniform(0.7, 1.6), 0, 1)
    base = image.astype(np.float32)
    if image.ndim == 3:
        layer = layer[:, :, None]
    mean = float(base.mean())
    dark = (mean > 140 and rng.random() < 0.7) or rng.random() < 0.12
    if dark:
        out = base * (1 - 0.85 * layer)
    else:
        out = base + (255 - base) * layer
        if rng.random() < 0.3:  # a dark core with bright edges
            core = cv2.erode(layer, np.ones((2, 2), np.uint8)).reshape(layer.shape)
            out = out * (1 - 0.5 * core)
    image[:] = np.clip(out, 0, 255).astype(np.uint8)
    return mask


# ---------------------------------------------------------------- backgrounds


def _smooth_noise(rng: Rng, size: int, cells: int) -> npt.NDArray[Any]:
    grid = rng.uniform(0, 1, (cells + 1, cells + 1)).astype(np.float32)
    return cv2.resize(grid, (size, size), interpolation=cv2.INTER_CUBIC)


def _fractal(rng: Rng, size: int) -> npt.NDArray[Any]:
    total: npt.NDArray[Any] = np.zeros((size, size), np.float32)
    weight = 1.0
    for cells in (2, 4, 8, 16, 32, 64):
        total += weight * _smooth_noise(rng, size, cells)
        weight *= rng.uniform(0.4, 0.7)
    total -= total.min()
    scaled: npt.NDArray[Any] = total / (total.max() + 1e-6)
    return scaled


def dark_glass(rng: Rng, size: int) -> Image:
    """Black glass: a dim gradient, soft reflections, sensor noise."""
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32) / size
    base = rng.uniform(3, 55) + rng.uniform(-30, 30) * (xx * rng.normal() + yy * rng.normal())
    img = base + rng.uniform(0, 60) * _smooth_noise(rng, size, 2)
    for _ in range(int(rng.integers(0, 3))):  # reflection of a window or lamp
        blob = np.zeros((size, size), np.float32)
        x, y = rng.uniform(0, size, 2)
        w, h = rng.uniform(10, size / 2, 2)
        cv2.rectangle(blob, (int(x), int(y)), (int(x + w), int(y + h)), 1.0, -1)
        img += rng.uniform(20, 140) * cv2.GaussianBlur(blob, (0, 0), rng.uniform(3, 25))
    return _finish(img)


def wallpaper(rng: Rng, size: int) -> Image:
    """A lit home screen: gradient, soft shapes, icons, text and a status bar."""
    img = rng.uniform(20, 230) + rng.uniform(-80, 80) * _smooth_noise(rng, size, 2)
    for _ in range(int(rng.integers(0, 6))):  # wave and blob shapes
        shape = np.zeros((size, size), np.float32)
        centre = (int(rng.uniform(0, size)), int(rng.uniform(0, size)))
        axes = (int(rng.uniform(10, size)), int(rng.uniform(5, size / 2)))
        cv2.ellipse(shape, centre, axes, rng.uniform(0, 180), 0, 360, 1.0, -1, cv2.LINE_AA)
        img += rng.uniform(-90, 90) * cv2.GaussianBlur(shape, (0, 0), rng.uniform(0.5, 8))
    if rng.random() < 0.6:
        _icons(rng, img, size)
    if rng.random() < 0.6:
        _text(rng, img, size)
    return _finish(img)


def _icons(rng: Rng, img: npt.NDArray[Any], size: int) -> None:
    pitch = rng.uniform(28, 70)
    icon = pitch * rng.uniform(0.5, 0.8)
    radius = int(icon * rng.uniform(0.1, 0.3))
    for row in range(int(size / pitch) + 1):
        for col in range(int(size / pitch) + 1):
            if rng.random() < 0.2:
                continue
            x, y = col * pitch + rng.uniform(0, 3), row * pitch + rng.uniform(0, 3)
            _rounded_rect(img, x, y, icon, icon, radius, float(rng.uniform(0, 255)))
            if rng.random() < 0.6:  # a glyph on the icon
                cx, cy = int(x + icon / 2), int(y + icon / 2)
                cv2.circle(
                    img,
                    (cx, cy),
                    int(icon / 4),
                    float(rng.uniform(0, 255)),
                    int(rng.integers(1, 3)),
                    cv2.LINE_AA,
                )


def _rounded_rect(  # noqa: PLR0917
    img: Any, x: float, y: float, w: float, h: float, r: int, value: Any
) -> None:
    x0, y0, x1, y1 = int(x), int(y), int(x + w), int(y + h)
    r = max(0, min(r, (x1 - x0) // 2, (y1 - y0) // 2))
    cv2.rectangle(img, (x0 + r, y0), (x1 - r, y1), value, -1)
    cv2.rectangle(img, (x0, y0 + r), (x1, y1 - r), value, -1)
    for cx, cy in ((x0 + r, y0 + r), (x1 - r, y0 + r), (x0 + r, y1 - r), (x1 - r, y1 - r)):
        cv2.circle(img, (cx, cy), r, value, -1, cv2.LINE_AA)


def _text(rng: Rng, img: Any, size: int) -> None:
    canvas = np.clip(img, 0, 255).astype(np.uint8)  # putText draws on 8-bit images only
    for _ in range(int(rng.integers(1, 12))):
        words = " ".join(rng.choice(_WORDS, int(rng.integers(1, 5))))
        scale = rng.uniform(0.25, 1.4)
        origin = (int(rng.uniform(-20, size)), int(rng.uniform(10, size)))
        font = int(rng.choice(_FONTS))
        cv2.putText(
            canvas,
            words,
            origin,
            font,
            scale,
            float(rng.uniform(0, 255)),
            int(rng.integers(1, 3)),
            cv2.LINE_AA,
        )
    img[:] = canvas


def keypad(rng: Rng, size: int) -> Image:
    """A feature phone's keys: rounded keys with digits and letters."""
    img = np.full((size, size), rng.uniform(10, 220), np.uint8)
    pitch_x, pitch_y = rng.uniform(30, 80), rng.uniform(20, 50)
    for row in range(int(size / pitch_y) + 1):
        for col in range(int(size / pitch_x) + 1):
            x, y = col * pitch_x, row * pitch_y
            _rounded_rect(
                img,
                x + 2,
                y + 2,
                pitch_x - 4,
                pitch_y - 4,
                int(pitch_y / 3),
                float(rng.uniform(0, 255)),
            )
            label = str(rng.choice(_WORDS))[:3]
            cv2.putText(
                img,
                label,
                (int(x + 6), int(y + pitch_y * 0.7)),
                cv2.FONT_HERSHEY_SIMPLEX,
                0.4,
                float(rng.uniform(0, 255)),
                1,
                cv2.LINE_AA,
            )
    return _finish(img)


def texture(rng: Rng, size: int) -> Image:
    """Wood grain, stone, fabric or a plain mat: what phones lie on."""
    choice = rng.integers(0, 4)
    noise = _fractal(rng, size)
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
    if choice == 0:  # wood: warped stripes
        angle = rng.uniform(0, math.pi)
        u = xx * math.cos(angle) + yy * math.sin(angle)
        img = 128 + 60 * np.sin(u / rng.uniform(2, 12) + 8 * noise)
    elif choice == 1:  # stone
        img = 60 + 150 * noise + rng.normal(0, 12, (size, size))
    elif choice == 2:  # fabric: fine weave
        period = rng.uniform(2.5, 6)
        img = 128 + 30 * np.sin(xx / period) * np.sin(yy / period) + 60 * noise
    else:
        img = rng.uniform(40, 220) + 30 * noise
    return _finish(img * rng.uniform(0.5, 1.2))


def phone_edges(rng: Rng, size: int) -> Image:
    """A phone lying on a surface: straight body edges, rounded corners, camera rings."""
    img = texture(rng, size).astype(np.float32)
    x, y = rng.uniform(-size, size * 0.6, 2)
    w, h = rng.uniform(size * 0.4, size * 1.5, 2)
    _rounded_rect(img, x, y, w, h, int(rng.uniform(5, 40)), float(rng.uniform(0, 80)))
    inset = rng.uniform(3, 15)
    _rounded_rect(
        img,
        x + inset,
        y + inset,
        w - 2 * inset,
        h - 2 * inset,
        int(rng.uniform(3, 30)),
        float(rng.uniform(0, 60)),
    )
    for _ in range(int(rng.integers(0, 3))):
        centre = (int(rng.uniform(0, size)), int(rng.uniform(0, size)))
        cv2.circle(
            img,
            centre,
            int(rng.uniform(4, 25)),
            float(rng.uniform(60, 255)),
            int(rng.integers(1, 3)),
            cv2.LINE_AA,
        )
    return _finish(img)


def lines(rng: Rng, size: int) -> Image:
    """Straight lines, smooth curves, families of parallel swooshes (wave wallpapers)
    and rings (clock faces, camera lenses): thin lines that are not cracks."""
    img = (dark_glass if rng.random() < 0.5 else wallpaper)(rng, size).astype(np.float32)
    for _ in range(int(rng.integers(1, 6))):
        value = float(rng.uniform(0, 255))
        choice = rng.integers(0, 4)
        if choice == 0:
            a, b = rng.uniform(-20, size + 20, (2, 2))
            cv2.line(img, _int(a), _int(b), value, int(rng.integers(1, 3)), cv2.LINE_AA)
        elif choice == 1:
            _curves(rng, img, size, value, copies=1)
        elif choice == 2:
            _curves(rng, img, size, value, copies=int(rng.integers(3, 16)))
        else:
            centre = _int(rng.uniform(0, size, 2))
            for radius in np.cumsum(rng.uniform(3, 30, int(rng.integers(1, 5)))):
                cv2.circle(img, centre, int(radius), value, int(rng.integers(1, 3)), cv2.LINE_AA)
    return _finish(img)


def prints(rng: Rng, size: int) -> Image:
    """Printed fabric, a bedsheet or a phone case: branches with leaves and blossoms,
    paisley drops, or checks and stripes, sometimes quilted, creased into soft folds.
    Dark branching strokes on a light ground: the model must tell them from cracks by
    their width, their leaves and their repeats. (Used by the backbone experiment,
    `scripts/crack_backbone_experiment.py`, not by the shipped model's recipe.)"""
    ground = float(rng.uniform(90, 245))
    ink = float(np.clip(ground - rng.uniform(50, 200), 0, 255))
    img: Any = np.full((size, size), ground, np.float32)
    choice = rng.integers(0, 4)
    if choice <= 1:
        _foliage(rng, img, size, ink)
    elif choice == 2:
        _paisley(rng, img, size, ink, ground)
    else:
        img = _checks(rng, size, ink, ground)
    if rng.random() < 0.4:
        _stitches(rng, img, size)
    folds = _smooth_noise(rng, size, int(rng.integers(2, 5)))
    img = img * (1 - rng.uniform(0, 0.6) * folds)
    weave = np.sin(np.arange(size) / rng.uniform(1.5, 3.0))
    img += rng.uniform(0, 10) * weave[None, :] * weave[:, None]
    return _finish(img)


def _foliage(rng: Rng, img: Any, size: int, ink: float) -> None:
    """Branches 2 to 6 px wide with leaves along them, and blossoms."""
    leaf = rng.uniform(1.0, 2.5)
    for _ in range(int(rng.integers(3, 14))):
        start = rng.uniform(-0.1 * size, 1.1 * size, 2)
        for path in _branching(
            rng, start, rng.uniform(0, 2 * math.pi), rng.uniform(0.2, 0.9) * size
        ):
            points = np.round(path * 4).astype(np.int32)
            cv2.polylines(img, [points], False, ink, int(rng.integers(2, 7)), cv2.LINE_AA, shift=2)
            for point in path[1 :: int(rng.integers(1, 4))]:
                axes = (int(leaf * rng.uniform(3, 12)), int(leaf * rng.uniform(2, 5)))
                shade = float(np.clip(ink + rng.normal(0, 30), 0, 255))
                cv2.ellipse(
                    img, _int(point), axes, rng.uniform(0, 180), 0, 360, shade, -1, cv2.LINE_AA
                )
    for _ in range(int(rng.integers(0, 8))):
        centre = rng.uniform(0, size, 2)
        petal = leaf * rng.uniform(3, 10)
        shade = float(rng.uniform(0, 255))
        for k in range(int(rng.integers(4, 8))):
            a = k * math.pi / 3 + rng.normal(0, 0.2)
            at = centre + petal * np.array([math.cos(a), math.sin(a)])
            cv2.circle(img, _int(at), int(petal * 0.7), shade, -1, cv2.LINE_AA)


def _paisley(rng: Rng, img: Any, size: int, ink: float, ground: float) -> None:
    """Drops and dots in a loose half-drop repeat, some outlined."""
    pitch = rng.uniform(15, 60)
    for row in range(int(size / pitch) + 2):
        for col in range(int(size / pitch) + 2):
            centre = (
                int(col * pitch + (row % 2) * pitch / 2 + rng.normal(0, 2)),
                int(row * pitch + rng.normal(0, 2)),
            )
            axes = (int(pitch * rng.uniform(0.15, 0.35)), int(pitch * rng.uniform(0.1, 0.25)))
            cv2.ellipse(img, centre, axes, rng.uniform(0, 180), 0, 360, ink, -1)
            if rng.random() < 0.5:
                cv2.ellipse(img, centre, axes, 0, 0, 360, ground, int(rng.integers(1, 3)))


def _checks(rng: Rng, size: int, ink: float, ground: float) -> Any:
    """Stripes at any angle, or checks (two sets of stripes)."""
    period = rng.uniform(6, 40)
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
    angle = rng.uniform(0, math.pi)
    u = xx * math.cos(angle) + yy * math.sin(angle)
    v = -xx * math.sin(angle) + yy * math.cos(angle)
    band = (np.sin(u / period) > rng.uniform(-0.5, 0.5)).astype(np.float32)
    if rng.random() < 0.6:
        band = 0.5 * (band + (np.sin(v / period) > 0).astype(np.float32))
    return ground + (ink - ground) * band


def _stitches(rng: Rng, img: Any, size: int) -> None:
    """Quilting: dashed stitches in straight rows or a diamond grid."""
    pitch, dash = rng.uniform(20, 80), rng.uniform(2, 6)
    thread = float(rng.uniform(0, 255))
    for angle in (math.pi / 4, -math.pi / 4) if rng.random() < 0.6 else (0.0,):
        along_row = np.array([math.cos(angle), math.sin(angle)])
        across = np.array([-along_row[1], along_row[0]])
        for offset in np.arange(-size, 2 * size, pitch):
            for along in np.arange(-size, 2 * size, 2 * dash):
                p0 = across * offset + along_row * along
                cv2.line(img, _int(p0), _int(p0 + along_row * dash), thread, 1, cv2.LINE_AA)


def _curves(rng: Rng, img: Any, size: int, value: float, copies: int) -> None:
    t = np.linspace(0, 1, 60)[:, None]
    p = rng.uniform(-40, size + 40, (4, 2))
    curve = (
        (1 - t) ** 3 * p[0] + 3 * (1 - t) ** 2 * t * p[1] + 3 * (1 - t) * t**2 * p[2] + t**3 * p[3]
    )
    step = rng.uniform(3, 12) * rng.normal(size=2)
    for index in range(copies):
        shade = float(np.clip(value + rng.normal(0, 30), 0, 255))
        path = np.round((curve + index * step) * 4).astype(np.int32)
        cv2.polylines(img, [path], False, shade, int(rng.integers(1, 3)), cv2.LINE_AA, shift=2)


def _int(point: Any) -> tuple[int, int]:
    return int(point[0]), int(point[1])


def _finish(img: Any) -> Image:
    finished: Image = np.clip(img, 0, 255).astype(np.uint8)
    return finished


BACKGROUNDS = (dark_glass, dark_glass, wallpaper, keypad, texture, phone_edges, lines)
CRACKS = (radial_cracks, radial_cracks, across_cracks, crazing, shattered)
#: The share of backgrounds (and screen contents) cut from the natural photos, when
#: there are any.
NATURAL_SHARE = 0.3


def colourize(rng: Rng, grey: Image, saturation: float) -> Image:
    """A grey background in colour: its levels mapped through a random colour ramp,
    blended with the grey by ``saturation`` (0 keeps it grey)."""
    stops = np.sort(np.concatenate([[0, 255], rng.uniform(0, 255, int(rng.integers(0, 3)))]))
    colours = rng.uniform(0, 255, (len(stops), 3))
    levels = np.arange(256)
    ramp = np.stack([np.interp(levels, stops, colours[:, c]) for c in range(3)], axis=1)
    grey_ramp = np.repeat(levels[:, None], 3, axis=1)
    lut = (grey_ramp + saturation * (ramp - grey_ramp)).clip(0, 255).astype(np.uint8)
    return np.ascontiguousarray(lut[grey])


def natural(rng: Rng, size: int, photos: Sequence[Image]) -> Image:
    """A random crop of one of ``photos`` (BGR), rescaled and flipped."""
    photo = photos[int(rng.integers(0, len(photos)))]
    scale = rng.uniform(0.3, 1.5) * size / min(photo.shape[:2]) * 2
    scaled = cv2.resize(photo, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    if min(scaled.shape[:2]) < size:
        scaled = cv2.resize(photo, (size, size), interpolation=cv2.INTER_AREA)
    y = int(rng.integers(0, scaled.shape[0] - size + 1))
    x = int(rng.integers(0, scaled.shape[1] - size + 1))
    crop = scaled[y : y + size, x : x + size]
    return np.ascontiguousarray(crop[:, ::-1] if rng.random() < 0.5 else crop)


def _any_background(rng: Rng, size: int, photos: Sequence[Image]) -> Image:
    if photos and rng.random() < NATURAL_SHARE:
        return natural(rng, size, photos)
    background = BACKGROUNDS[int(rng.integers(0, len(BACKGROUNDS)))]
    limit = 0.3 if background is dark_glass else 1.0
    return colourize(rng, background(rng, size), float(rng.uniform(0, limit)))


def product(rng: Rng, size: int, photos: Sequence[Image]) -> tuple[Image, Image]:
    """A phone as a listing or a stall photo shows it: a body with rounded corners on a
    plain, textured or photographic backdrop, its screen off, lit with a wallpaper, or
    showing a photo. Returns (BGR image, mask of the screen's glass)."""
    if rng.random() < 0.4:
        image = np.full((size, size, 3), rng.uniform(200, 256), np.float32).astype(np.uint8)
    else:
        image = _any_background(rng, size, photos)
    w = rng.uniform(0.25, 1.0) * size
    h = w * rng.uniform(1.6, 2.3)
    x, y = rng.uniform(-0.3 * w, size - 0.6 * w), rng.uniform(-0.3 * h, size - 0.5 * h)
    radius = int(rng.uniform(0.05, 0.2) * w)
    body = tuple(float(v) for v in rng.uniform(0, 255, 3) * rng.uniform(0.1, 1.0))
    _rounded_rect(image, x, y, w, h, radius, body)
    bezel = rng.uniform(0.02, 0.12) * w
    screen = np.zeros((size, size), np.uint8)
    sx, sy, sw, sh = x + bezel, y + bezel * rng.uniform(1, 3), w - 2 * bezel, h - 2 * bezel * 2
    _rounded_rect(screen, sx, sy, sw, sh, max(0, radius - int(bezel)), 255)
    content = (
        _any_background(rng, size, photos)
        if rng.random() < 0.7
        else colourize(rng, dark_glass(rng, size), float(rng.uniform(0, 0.3)))
    )
    image[screen > 0] = content[screen > 0]
    for _ in range(int(rng.integers(0, 3))):  # earpiece, camera, buttons on the bezel
        centre = _int(rng.uniform([x, y], [x + w, y + bezel * 2]))
        cv2.circle(image, centre, int(rng.uniform(2, 8)), body, -1, cv2.LINE_AA)
    return image, screen


def render_canvas(
    rng: Rng, cracked: bool, size: int = CANVAS, photos: Sequence[Image] = ()
) -> Canvas:
    """One BGR canvas with, when ``cracked``, cracks drawn over it: a close-up of glass
    (any background) or a whole phone (cracks only on its screen). ``photos`` are
    natural BGR photos to use as backdrops and screen contents."""
    if rng.random() < 0.4:
        image, glass = product(rng, size, photos)
    else:
        image, glass = _any_background(rng, size, photos), None
    mask = np.zeros((size, size), np.uint8)
    if cracked:
        paths: list[Polyline] = []
        for _ in range(int(rng.integers(1, 3))):
            paths += CRACKS[int(rng.integers(0, len(CRACKS)))](rng, size)
        if glass is None:
            mask = draw_cracks(rng, image, paths)
        else:
            drawn = image.copy()
            mask = draw_cracks(rng, drawn, paths)
            image[glass > 0] = drawn[glass > 0]
            mask[glass == 0] = 0
    return Canvas(degrade(rng, image), mask)


def degrade(rng: Rng, image: Image) -> Image:
    """Camera and web artefacts: blur, rescaling, noise, gamma, JPEG."""
    out: npt.NDArray[Any] = image.astype(np.float32)
    if rng.random() < 0.5:
        out = cv2.GaussianBlur(out, (0, 0), rng.uniform(0.3, 1.0))
    gamma = rng.uniform(0.7, 1.4)
    out = 255 * (np.clip(out, 0, 255) / 255) ** gamma
    out += rng.normal(0, rng.uniform(0, 6), out.shape)
    result: Any = np.clip(out, 0, 255).astype(np.uint8)
    if rng.random() < 0.6:
        ok, data = cv2.imencode(
            ".jpg", result, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(35, 95))]
        )
        if ok:
            result = cv2.imdecode(data, cv2.IMREAD_UNCHANGED)
    degraded: Image = result
    return degraded


def crops(rng: Rng, canvas: Canvas, count: int) -> tuple[list[Image], list[Image]]:
    """``count`` random CROP×CROP crops from the canvas, each with its target map: one
    cell per CELL×CELL pixels, 1 where the cell holds at least CELL_PIXELS crack pixels,
    0 where it holds none, and IGNORE for a graze (not used in the loss)."""
    size = canvas.image.shape[0]
    images, targets = [], []
    for _ in range(count):
        x, y = (int(v) for v in rng.integers(0, size - CROP + 1, 2))
        image = canvas.image[y : y + CROP, x : x + CROP]
        mask = canvas.mask[y : y + CROP, x : x + CROP] > 0
        if rng.random() < 0.5:
            image, mask = image[:, ::-1], mask[:, ::-1]
        if rng.random() < 0.5:
            image, mask = image.transpose(1, 0, 2), mask.T
        cells = mask.reshape(CROP // CELL, CELL, CROP // CELL, CELL).sum(axis=(1, 3))
        target = np.full(cells.shape, IGNORE, np.uint8)
        target[cells == 0] = 0
        target[cells >= CELL_PIXELS] = 1
        images.append(np.ascontiguousarray(image))
        targets.append(target)
    return images, targets


def dataset(
    seed: int, canvases: int, per_canvas: int = 4, photos: Sequence[Image] = ()
) -> tuple[Image, Image]:
    """``canvases`` canvases, half cracked, cut into crops: (N×CROP×CROP×3 BGR images,
    N×(CROP/CELL)×(CROP/CELL) uint8 targets)."""
    rng = np.random.default_rng(seed)
    images: list[Image] = []
    targets: list[Image] = []
    for index in range(canvases):
        canvas = render_canvas(rng, cracked=index % 2 == 0, photos=photos)
        got, maps = crops(rng, canvas, per_canvas)
        images += got
        targets += maps
    return np.stack(images), np.stack(targets)
