"""Cracked glass in any photo, by a small learned model.

The black-glass detector (`vision/glass.py`) measures cracks on a rectified, screen-off
phone under the station's camera. Photos from a stall or a web listing are different:
the screen may be lit, the phone tilted, the glass cropped. For those, a small fully
convolutional network scores every 8×8-pixel cell of the photo (scaled to
``WORK_SIDE`` pixels on its long side) for "a crack passes through here".
Groups of crack cells become crack regions with a box in the photo's pixels.

The model is trained on synthetic cracks only (`vision/crack_synth.py`,
`scripts/train_crack_model.py`) and ships as ONNX (``MODEL``), run on the CPU by
onnxruntime: no deep-learning framework is needed at run time.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from vision.types import Image

MODEL = Path(__file__).resolve().parents[1] / "resources" / "vision" / "crack-net.onnx"
#: A whole photo is scaled so its long side is this many px: a phone that fills a
#: third of a market photo then still shows its cracks (at 512 px they blur away).
#: A located phone is cut out and scaled by the same factor.
WORK_SIDE = 1024
CELL = 8
#: The image given to the model has sides that are multiples of this (the model's
#: coarsest stride: 8 for the shipped model).
SIDE_MULTIPLE = 8
#: A cell is a crack cell above this probability.
CELL_THRESHOLD = 0.7
#: ... or above this one when the map is the mean of the photo and its mirror image
#: (``both_ways``): a crack is seen from both sides, a glint or a letter often from
#: one, and the mean of two views lies nearer the middle.
MIRRORED_THRESHOLD = 0.6
#: A region is reported with at least MIN_CELLS crack cells (at WORK_SIDE): smaller
#: ones are a glint, a hair, a letter or the rim of an icon as often as a crack. Set
#: on the web photos of vision-dev (docs/vision.md).
MIN_CELLS = 60
#: A crack the glass detector measured stands when this many crack cells lie in its
#: box; otherwise the model does not see a crack there and it is a scratch.
CONFIRM_CELLS = 8
#: Crack cells up to JOIN - 1 cells apart belong to one region (the rays of one
#: impact, interrupted where the glass caught no light).
JOIN = 5


class CrackModelError(RuntimeError):
    """The model file is missing or unreadable."""


@dataclass(frozen=True, slots=True)
class CrackRegion:
    """Connected crack cells: their box in the photo's pixels (x, y, w, h), outline
    polygon in the photo's pixels, number of cells, share of the examined area and the
    mean cell probability."""

    bbox_px: tuple[int, int, int, int]
    polygon_px: npt.NDArray[Any]
    cells: int
    share: float
    confidence: float


@functools.cache
def _net() -> Any:
    """The model (an ``onnxruntime.InferenceSession``), loaded once. onnxruntime runs
    it about 30 % faster than OpenCV's dnn module (100 against 142 ms for a 1024×576
    image on one core). It is imported here, not at the top, so that the live preview,
    which imports `vision.analyze`, does not pay for it (about 0.1 s). The session may
    use as many threads as OpenCV is allowed when it is first loaded
    (``cv2.getNumThreads``), so one setting bounds all of `vision`; idle threads do
    not spin, which would take the CPU from the window between photos."""
    if not MODEL.is_file():
        raise CrackModelError(f"crack model missing: {MODEL}")
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = max(1, cv2.getNumThreads())
    options.inter_op_num_threads = 1
    # Photos come in many sizes: planning memory for one size only grows the heap
    # (370 against 260 MB after a dozen 12 MP photos) and saves no time.
    options.enable_mem_pattern = False
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.log_severity_level = 3  # errors only: the station's log is for clerks
    try:
        return onnxruntime.InferenceSession(str(MODEL), options, providers=["CPUExecutionProvider"])
    except Exception as error:  # onnxruntime's own exception types are not public
        raise CrackModelError(f"crack model unreadable: {MODEL}: {error}") from error


def crack_probabilities(
    image: Image, work_side: int = WORK_SIDE, *, both_ways: bool = False
) -> tuple[npt.NDArray[np.float32], float]:
    """Per-cell crack probabilities for a BGR or grey uint8 image scaled to
    ``work_side`` px on its long side, and the factor from the map's cells to the
    image's pixels (one cell covers ``factor`` × ``factor`` px). ``both_ways``
    averages them with those of the mirrored image (twice the time)."""
    bgr = image if image.ndim == 3 else cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    height, width = bgr.shape[:2]
    scale = work_side / max(height, width)
    w = max(SIDE_MULTIPLE, round(width * scale / SIDE_MULTIPLE) * SIDE_MULTIPLE)
    h = max(SIDE_MULTIPLE, round(height * scale / SIDE_MULTIPLE) * SIDE_MULTIPLE)
    interpolation = cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
    small = cv2.resize(bgr, (w, h), interpolation=interpolation)
    net = _net()
    views = [small, small[:, ::-1]] if both_ways else [small]
    maps = []
    for index, view in enumerate(views):
        batch = np.ascontiguousarray(view.astype(np.float32).transpose(2, 0, 1)[None])
        logits = np.asarray(net.run(None, {"bgr": batch})[0][0, 0], np.float32)
        maps.append(logits if index == 0 else logits[:, ::-1])
    probabilities = np.mean([1.0 / (1.0 + np.exp(-m)) for m in maps], axis=0)
    return probabilities.astype(np.float32), CELL * width / w


@dataclass(frozen=True, slots=True)
class CrackMap:
    """The model's answer for one image: per-cell probabilities, the size of a cell in
    the image's pixels, the cells that count (inside the glass), and the probability
    above which a cell is a crack cell."""

    probabilities: npt.NDArray[np.float32]
    factor: float
    valid: npt.NDArray[np.bool_]
    threshold: float = CELL_THRESHOLD

    @property
    def hot(self) -> npt.NDArray[np.bool_]:
        hot: npt.NDArray[np.bool_] = (self.probabilities > self.threshold) & self.valid
        return hot

    def cells_in(self, box: tuple[int, int, int, int]) -> int:
        """Crack cells within a box (x, y, w, h) in the image's pixels."""
        x, y, w, h = box
        c0, r0 = int(x // self.factor), int(y // self.factor)
        c1, r1 = math.ceil((x + w) / self.factor), math.ceil((y + h) / self.factor)
        return int(np.count_nonzero(self.hot[max(0, r0) : r1, max(0, c0) : c1]))


def crack_map(
    image: Image, valid: Image | None = None, work_side: int = WORK_SIDE, *, both_ways: bool = False
) -> CrackMap:
    """Run the model on ``image`` (and its mirror image, ``both_ways``); ``valid`` (a
    mask the size of the image, non-zero where glass is) limits which cells count."""
    probabilities, factor = crack_probabilities(image, work_side, both_ways=both_ways)
    if valid is None:
        cells_valid = np.ones(probabilities.shape, bool)
    else:
        small = cv2.resize(
            (valid > 0).astype(np.uint8), probabilities.shape[::-1], interpolation=cv2.INTER_NEAREST
        )
        cells_valid = small > 0
    threshold = MIRRORED_THRESHOLD if both_ways else CELL_THRESHOLD
    return CrackMap(probabilities, factor, cells_valid, threshold)


def crack_regions(
    image: Image,
    valid: Image | None = None,
    work_side: int = WORK_SIDE,
    min_cells: int = MIN_CELLS,
    min_share: float = 0.0,
) -> list[CrackRegion]:
    """Crack regions in a photo, largest first (see ``regions``)."""
    return regions(crack_map(image, valid, work_side), min_cells, min_share)


def regions(
    found: CrackMap, min_cells: int = MIN_CELLS, min_share: float = 0.0
) -> list[CrackRegion]:
    """Groups of crack cells with at least ``min_cells`` cells covering at least
    ``min_share`` of the valid cells, largest first."""
    hot = found.hot
    examined = max(1, int(np.count_nonzero(found.valid)))
    # Cells of one crack may be a few cells apart: join them before counting.
    joined = cv2.dilate(hot.astype(np.uint8), np.ones((JOIN, JOIN), np.uint8))
    count, labels = cv2.connectedComponents(joined, connectivity=8)
    out = []
    for label in range(1, count):
        member = (labels == label) & hot
        cells = int(np.count_nonzero(member))
        if cells < min_cells or cells / examined < min_share:
            continue
        ys, xs = np.nonzero(member)
        points = np.stack([xs, ys], axis=1).astype(np.float32)
        offsets = np.array([[0, 0], [1, 0], [0, 1], [1, 1]], np.float32)
        corners = (points[None] + offsets[:, None]).reshape(-1, 2)
        hull = cv2.convexHull(corners).reshape(-1, 2) * found.factor
        (x, y), (x1, y1) = np.floor(hull.min(axis=0)), np.ceil(hull.max(axis=0))
        w, h = x1 - x, y1 - y
        out.append(
            CrackRegion(
                bbox_px=(int(x), int(y), int(w), int(h)),
                polygon_px=hull,
                cells=cells,
                share=cells / examined,
                confidence=round(float(found.probabilities[member].mean()), 3),
            )
        )
    out.sort(key=lambda r: -r.cells)
    return out
