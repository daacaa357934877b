"""Finding: one defect on one surface of the phone, measured in millimetres.

Plain frozen dataclasses so that `vision/` stays free of `app/`; `app.records` owns the
JSON codec and its schema version.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from uuid6 import uuid7


class Surface(enum.StrEnum):
    """Which face of the phone a photo and its findings belong to."""

    SCREEN = "screen"
    BACK = "back"
    FRAME = "frame"


class FindingKind(enum.StrEnum):
    """What was found; lower-case English words, as the command line prints them."""

    CRACK = "crack"
    SCRATCH = "scratch"
    SCUFF = "scuff"
    OIL = "oil"
    STAIN = "stain"
    DEAD_PIXEL = "dead_pixel"
    STUCK_PIXEL = "stuck_pixel"
    BRIGHT_PIXEL = "bright_pixel"
    LINE = "line"
    BURN_IN = "burn_in"
    MURA = "mura"
    DENT = "dent"
    CHIP = "chip"


class Severity(enum.StrEnum):
    """How bad a finding is; ``rank`` orders them (higher is worse)."""

    LIGHT = "light"
    MODERATE = "moderate"
    SEVERE = "severe"

    @property
    def rank(self) -> int:
        """1 for light, 2 for moderate, 3 for severe."""
        return list(Severity).index(self) + 1


class Zone(enum.StrEnum):
    """Where on the surface: the active display area or the border around it."""

    ACTIVE = "active"
    BORDER = "border"


class FindingSource(enum.StrEnum):
    """Who made the finding: the detector or the clerk (whose word is final)."""

    DETECTOR = "detector"
    CLERK = "clerk"


def new_finding_id() -> str:
    """A UUIDv7 string, time-ordered and unique across stations."""
    return str(uuid7())


@dataclass(frozen=True, slots=True)
class Finding:
    """One defect. Geometry in millimetres on the rectified phone; ``bbox_px`` is
    [x, y, w, h] in the source photo's pixels; ``photo_sha256`` names that photo and
    ``evidence_sha256`` the stored evidence crop."""

    surface: Surface
    kind: FindingKind
    severity: Severity
    confidence: float
    id: str = ""
    polygon_mm: tuple[tuple[float, float], ...] = ()
    bbox_px: tuple[int, int, int, int] | None = None
    length_mm: float = 0.0
    width_mm: float = 0.0
    area_mm2: float = 0.0
    zone: Zone = Zone.ACTIVE
    source: FindingSource = FindingSource.DETECTOR
    photo_sha256: str | None = None
    evidence_sha256: str | None = None

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", new_finding_id())
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence must be within 0..1, got {self.confidence}")
        if min(self.length_mm, self.width_mm, self.area_mm2) < 0:
            raise ValueError("lengths and areas cannot be negative")
