"""The inspection record and its parts: Grade, Quote, Seller, PhotoRef, Inspection.

All are frozen dataclasses. ``DeviceReport`` (from `devices`) and ``Finding`` (from
`vision`) are nested as they are. Money is integer fen (1/100 yuan) so that a quote's
total is exactly the sum of its lines. The JSON form is produced and validated by
`app.codec`; see docs/schema.md for the versioning rules.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import NewType

from uuid6 import uuid7

from devices.report import DeviceReport
from vision.finding import Finding

#: Version of the JSON form of an Inspection. Bump it (and add a migration in
#: `app.codec`) whenever a field is renamed, removed or changes meaning.
SCHEMA_VERSION = 2

InspectionId = NewType("InspectionId", str)
StationId = NewType("StationId", str)


def new_id() -> str:
    """A UUIDv7 string: time-ordered, made on the station, unique across stations."""
    return str(uuid7())


def utc_now() -> datetime:
    """The current time, timezone-aware in UTC (what every stored timestamp is)."""
    return datetime.now(UTC)


class InspectionState(enum.StrEnum):
    """Lifecycle of an inspection; only the forward moves in ``_NEXT`` are allowed."""

    DRAFT = "draft"
    REVIEWED = "reviewed"
    QUOTED = "quoted"
    SEALED = "sealed"
    ERASED = "erased"

    @property
    def is_final(self) -> bool:
        """True once the record is sealed: nothing about it may change any more."""
        return self in (InspectionState.SEALED, InspectionState.ERASED)


class Verdict(enum.StrEnum):
    """Whether the phone may be bought: normally, only for parts, or not at all."""

    SELLABLE = "sellable"
    PARTS_ONLY = "parts_only"
    BLOCKED = "blocked"


@dataclass(frozen=True, slots=True)
class RuleHit:
    """One grading rule that fired, with the findings and report facts it used."""

    rule_id: str
    description_zh: str
    description_en: str
    level: str
    finding_ids: tuple[str, ...] = ()
    facts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GradeLabel:
    """The grade in one vocabulary, e.g. ("chengse", "95新") or ("ctia", "B")."""

    vocabulary: str
    label: str


@dataclass(frozen=True, slots=True)
class Grade:
    """The internal level, its labels in each vocabulary, and why."""

    level: str
    verdict: Verdict
    standard_id: str
    standard_version: str
    labels: tuple[GradeLabel, ...] = ()
    rules: tuple[RuleHit, ...] = ()

    def label(self, vocabulary: str) -> str | None:
        """The label in ``vocabulary``, or None when the standard gives none."""
        return next((g.label for g in self.labels if g.vocabulary == vocabulary), None)


class LineKind(enum.StrEnum):
    """What a quote line is."""

    BASE = "base"
    DEDUCTION = "deduction"
    BONUS = "bonus"
    FLOOR = "floor"
    ROUNDING = "rounding"
    OVERRIDE = "override"
    REFUSAL = "refusal"


@dataclass(frozen=True, slots=True)
class QuoteLine:
    """One line of a quote; ``amount_fen`` is negative for deductions."""

    kind: LineKind
    rule_id: str
    reason_zh: str
    reason_en: str
    amount_fen: int
    finding_ids: tuple[str, ...] = ()
    facts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Override:
    """A clerk's change to a quoted price: who, when, why, and who approved it."""

    clerk: str
    at: datetime
    reason: str
    from_fen: int
    to_fen: int
    approved_by: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """An itemised price. ``total_fen`` must equal the sum of the lines."""

    sheet_id: str
    sheet_version: str
    lines: tuple[QuoteLine, ...]
    total_fen: int
    currency: str = "CNY"
    overrides: tuple[Override, ...] = ()

    def __post_init__(self) -> None:
        line_sum = sum(line.amount_fen for line in self.lines)
        if line_sum != self.total_fen:
            raise ValueError(f"quote total {self.total_fen} is not the sum of its lines {line_sum}")

    @property
    def refused(self) -> bool:
        """True when the phone may not be bought (a blocking lock): the quote is only the
        refusal and its reason."""
        return any(line.kind is LineKind.REFUSAL for line in self.lines)

    @property
    def quoted_fen(self) -> int:
        """The total before any clerk's override."""
        return sum(line.amount_fen for line in self.lines if line.kind is not LineKind.OVERRIDE)

    @classmethod
    def from_lines(cls, sheet_id: str, sheet_version: str, lines: tuple[QuoteLine, ...]) -> Quote:
        """A quote whose total is the sum of ``lines``."""
        total = sum(line.amount_fen for line in lines)
        return cls(sheet_id=sheet_id, sheet_version=sheet_version, lines=lines, total_fen=total)


class IdDocument(enum.StrEnum):
    """The identity document a seller shows (`app.flow.check_id_number` checks each
    one's number)."""

    #: 居民身份证, and the 18-character cards on the same scheme (GB 11643): residence
    #: permits for Hong Kong, Macao and Taiwan residents, the 2023 foreigner's card;
    #: also the 2017 foreigner's card (永居证: nationality in 3 letters, 12 digits).
    CN_ID = "cn_id"
    #: 港澳居民来往内地通行证 (Home Return Permit): H or M and 8 digits.
    HK_MO_PERMIT = "hk_mo_permit"
    #: 台湾居民来往大陆通行证: 8 digits.
    TW_PERMIT = "tw_permit"
    #: A passport (a foreign seller without a permanent residence card).
    PASSPORT = "passport"


@dataclass(frozen=True, slots=True)
class Seller:
    """The seller as local second-hand trade rules require. ``id_number`` is the number
    of the ``document`` shown; it is encrypted at rest by the store, in memory plain.
    ``phone`` is a mainland mobile (11 digits) or one with its country code (+852…).
    ``country`` is the country that issued a passport, as its ISO 3166-1 three-letter
    code ("RUS"; passports print the same code); None for the other documents, whose
    issuer their kind names."""

    name: str
    id_number: str
    phone: str
    document: IdDocument = IdDocument.CN_ID
    country: str | None = None


class PhotoStep(enum.StrEnum):
    """Which guided capture a photo is."""

    SCREEN_OFF = "screen_off"
    PATTERN = "pattern"
    BACK = "back"
    SIDE = "side"
    OTHER = "other"


class PhoneSide(enum.StrEnum):
    """Which side of the frame a side shot shows, as the clerk faces the screen held
    upright; side shots are taken in this order."""

    LEFT = "left"
    RIGHT = "right"
    TOP = "top"
    BOTTOM = "bottom"


@dataclass(frozen=True, slots=True)
class PhotoRef:
    """A photo kept as a content-addressed file; the record holds only its hash.
    ``problems`` are what the analysis said about the photo itself (``glare``,
    ``blurred``, ``screen_lit``, ... as `vision.locate.Quality` names them): its
    findings may be incomplete or, for an unusable photo, unmeasured."""

    sha256: str
    step: PhotoStep
    taken_at: datetime
    media_type: str = "image/jpeg"
    note: str = ""
    problems: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Inspection:
    """One phone's inspection from plug-in to sealed record."""

    id: str
    station_id: str
    clerk: str
    created_at: datetime
    updated_at: datetime
    state: InspectionState = InspectionState.DRAFT
    device: DeviceReport | None = None
    #: IMEIs the clerk typed in (read off the phone's *#06# screen) because the phone
    #: did not give them over USB, as Android 10 and later do not; Luhn-checked.
    typed_imeis: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()
    photos: tuple[PhotoRef, ...] = ()
    grade: Grade | None = None
    quote: Quote | None = None
    seller: Seller | None = None
    sealed_at: datetime | None = None
    signature: str | None = None
    schema_version: int = field(default=SCHEMA_VERSION)

    @classmethod
    def new(cls, station_id: str, clerk: str, device: DeviceReport | None = None) -> Inspection:
        """A fresh draft with a new UUIDv7 id."""
        now = utc_now()
        return cls(
            id=new_id(),
            station_id=station_id,
            clerk=clerk,
            created_at=now,
            updated_at=now,
            device=device,
        )

    def imeis(self) -> tuple[str, ...]:
        """The phone's IMEIs: those it gave, then those the clerk typed in."""
        given = self.device.imeis if self.device else ()
        return tuple(dict.fromkeys((*given, *self.typed_imeis)))

    def evolve(self, **changes: object) -> Inspection:
        """A copy with ``changes`` applied (the record itself never mutates)."""
        return replace(self, **changes)  # type: ignore[arg-type]
