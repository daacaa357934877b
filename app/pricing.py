"""Pricing: adjustment rules kept as data (resources/pricing/*.yaml) and the pure
function that turns a report, its grade and a price sheet into an itemised quote;
clerk overrides with their reason and, below the quote, a manager's approval.

Percentages are of the base price and do not compound, so each line can be checked
by hand. The total is exactly the sum of the lines.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import ClassVar, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from app.datafile import load_model
from app.errors import WordedError
from app.grading import FactCondition, FindingCondition, FindingMatch, Standard, load_standard
from app.price_sheet import REGIONS, PriceRow, PriceSheet, SheetProblem, sale_region
from app.records import (
    Grade,
    LineKind,
    Override,
    PhoneSide,
    PhotoStep,
    Quote,
    QuoteLine,
    Verdict,
)
from devices.report import DeviceReport
from vision.finding import Finding


class QuoteError(WordedError):
    """No quote can be made (no price row, no price at this grade); says which. With
    no price row, the last value is the sheet's `SheetProblem`: why it has none."""

    WORDS: ClassVar[Mapping[str, str]] = {
        "model_unknown": "the phone's model is unknown, so it cannot be priced",
        "not_bought": "the sheet does not buy {0} at {1} ({2})",
        "no_price": "no price on sheet {0} ({1}): {2}",
        "not_photographed": "not photographed yet: {0}; take these photos first, each "
        "showing the phone",
    }


@dataclass(frozen=True, slots=True)
class MissingPhotos:
    """The guided captures a standard requires that an inspection lacks (the value of
    a "not_photographed" `QuoteError`), in the order they are taken."""

    steps: tuple[PhotoStep, ...]
    #: The sides of the frame with no side shot, when the sides are among ``steps``.
    sides: tuple[PhoneSide, ...] = ()

    @property
    def some_sides(self) -> tuple[PhoneSide, ...]:
        """The sides to name beside the sides' capture: those still to take, when some
        of the four are taken already (none when all four are missing)."""
        return self.sides if len(self.sides) < len(PhoneSide) else ()

    def __str__(self) -> str:
        return ", ".join(self._name(step) for step in self.steps)

    def _name(self, step: PhotoStep) -> str:
        if step is PhotoStep.SIDE and self.some_sides:
            return f"{STEP_NAMES[step]} ({', '.join(side.value for side in self.some_sides)})"
        return STEP_NAMES[step]


#: The guided captures' names as the command line says them.
STEP_NAMES = {
    PhotoStep.SCREEN_OFF: "screen off",
    PhotoStep.PATTERN: "test pattern",
    PhotoStep.BACK: "back",
    PhotoStep.SIDE: "sides",
    PhotoStep.OTHER: "other",
}


class OverrideError(WordedError):
    """A price change that cannot be made as asked."""

    WORDS: ClassVar[Mapping[str, str]] = {
        "refused_phone": "a refused phone has no price to override",
        "reason_needed": "an override needs a reason",
        "negative_price": "a price cannot be negative",
    }


class PinError(WordedError):
    """A manager's approval was needed and the PIN was missing or wrong, or a new PIN
    is not one."""

    WORDS: ClassVar[Mapping[str, str]] = {
        "pin_needed": "going below the quote needs a manager's PIN",
        "pin_not_set": "no manager PIN is set; set one with `yanji settings manager-pin`",
        "pin_wrong": "the manager PIN is wrong",
        "pin_form": "a manager PIN is 4 to 12 digits",
    }


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Adjustment(_Frozen):
    """A deduction (negative) or bonus (positive), by percent of the base price or a
    fixed amount in yuan, when its condition holds: a fact of the report, a missing
    accessory, or findings (once, or ``per_finding``)."""

    id: str = Field(pattern=r"^[a-z0-9_.-]+$")
    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)
    source: str = "[Yanji]"
    percent: float | None = Field(default=None, ge=-100, le=100)
    fixed_yuan: float | None = Field(default=None, ge=-100_000, le=100_000)
    fact: FactCondition | None = None
    accessory_missing: str | None = None
    match: FindingMatch | None = None
    when: FindingCondition | None = None
    per_finding: bool = False
    #: Only when the grade is better than this level: at that level or below, the
    #: sheet's grade price already accounts for the defect.
    above_level: str | None = None

    @model_validator(mode="after")
    def _well_formed(self) -> Self:
        if (self.percent is None) == (self.fixed_yuan is None):
            raise ValueError("give exactly one of 'percent' and 'fixed_yuan'")
        conditions = [self.fact, self.accessory_missing, self.match]
        if sum(c is not None for c in conditions) != 1:
            raise ValueError("give exactly one of 'fact', 'accessory_missing' and 'match'")
        if self.when is not None and self.match is None:
            raise ValueError("'when' needs 'match'")
        if self.per_finding and self.match is None:
            raise ValueError("'per_finding' needs 'match'")
        return self


class PricingRules(_Frozen):
    """Adjustments plus how totals are floored and rounded."""

    id: str
    version: str
    rounding_step_yuan: float = Field(default=10, gt=0, le=1000)
    floor_percent_of_base: float = Field(default=20, ge=0, le=100)
    parts_only_percent: float = Field(default=25, gt=0, le=100)
    accessories: tuple[str, ...] = ()
    adjustments: tuple[Adjustment, ...] = ()

    @model_validator(mode="after")
    def _unique(self) -> Self:
        ids = [a.id for a in self.adjustments]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"adjustment ids used twice: {', '.join(duplicates)}")
        for adj in self.adjustments:
            if adj.accessory_missing and adj.accessory_missing not in self.accessories:
                raise ValueError(f"{adj.id}: accessory {adj.accessory_missing!r} not listed")
        return self


@dataclass(frozen=True, slots=True)
class QuoteContext:
    """What the clerk adds at the counter: accessories the seller did not bring, and
    the store's rounding step when it differs from the rules' default."""

    missing_accessories: frozenset[str] = field(default_factory=frozenset)
    rounding_step_fen: int | None = None


def default_rules_path() -> Path:
    """The adjustment rules shipped in resources/pricing/."""
    return Path(str(resources.files("resources").joinpath("pricing", "adjustments.yaml")))


def load_rules(path: Path | None = None) -> PricingRules:
    """Load and validate pricing rules (the shipped ones by default)."""
    return load_model(PricingRules, path or default_rules_path())


def quote(
    report: DeviceReport,
    grade: Grade,
    sheet: PriceSheet,
    rules: PricingRules,
    *,
    findings: Sequence[Finding] = (),
    standard: Standard | None = None,
    context: QuoteContext | None = None,
) -> Quote:
    """An itemised quote: a base line, one line per adjustment, a floor and rounding
    line when they apply; a refusal for a blocked phone; a parts-only price when the
    grade says so. ``findings`` feed the finding adjustments; ``standard`` is the one
    the grade was made with (the shipped one by default). Raises QuoteError when the
    sheet has no price for the phone."""
    context = context or QuoteContext()
    standard = standard or load_standard()
    version = str(sheet.version)
    if grade.verdict is Verdict.BLOCKED:
        return Quote.from_lines(sheet.id, version, _refusals(grade, standard))
    row, how = _row_for(report, sheet)
    describe = row.describe()
    facts = (f"sheet {sheet.version} line {row.line}: {describe}", how)
    if grade.verdict is Verdict.PARTS_ONLY:
        lowest = min(fen for _, fen in row.prices_fen)
        base = round(lowest * rules.parts_only_percent / 100)
        line = QuoteLine(
            LineKind.BASE,
            "parts-only",
            f"仅按配件回收：{describe}",
            f"Parts only: {describe}",
            base,
            facts=facts,
        )
        return Quote.from_lines(sheet.id, version, _rounded([line], rules, context))
    base_fen = row.price(grade.level)
    if base_fen is None:
        label = standard.vocabularies["chengse"][grade.level]
        raise QuoteError("not_bought", describe, label, grade.level)
    label = standard.vocabularies["chengse"][grade.level]
    lines = [
        QuoteLine(
            LineKind.BASE,
            "base",
            f"基础价：{describe} {label}",
            f"Base price: {describe}, grade {grade.level} ({label})",
            base_fen,
            facts=(*facts, f"grade={grade.level}"),
        )
    ]
    for adjustment in rules.adjustments:
        adjusted = _adjust(
            adjustment,
            report,
            grade,
            findings,
            base_fen=base_fen,
            standard=standard,
            context=context,
        )
        if adjusted is not None:
            lines.append(adjusted)
    floor = round(base_fen * rules.floor_percent_of_base / 100)
    subtotal = sum(line.amount_fen for line in lines)
    if subtotal < floor:
        lines.append(
            QuoteLine(
                LineKind.FLOOR,
                "floor",
                f"保底价：基础价的{rules.floor_percent_of_base:g}%",
                f"Floor: {rules.floor_percent_of_base:g}% of the base price",
                floor - subtotal,
            )
        )
    return Quote.from_lines(sheet.id, version, _rounded(lines, rules, context))


def _row_for(report: DeviceReport, sheet: PriceSheet) -> tuple[PriceRow, str]:
    model = report.marketing_name or report.model_code
    if not model:
        raise QuoteError("model_unknown")
    region = sale_region(report.region)
    found = sheet.find(report.brand or report.manufacturer, model, report.storage_gb, region)
    if isinstance(found, SheetProblem):
        raise QuoteError("no_price", sheet.version, sheet.source, found)
    return found


def _refusals(grade: Grade, standard: Standard) -> tuple[QuoteLine, ...]:
    """A refused phone's lines: one for each rule that blocked it (each lock that is
    on), so that the seller hears of every lock to remove at once, not of the next one
    only after removing the first."""
    blocking = {rule.id for rule in standard.rules if rule.verdict is Verdict.BLOCKED}
    locks = [hit for hit in grade.rules if hit.rule_id in blocking]
    if not locks:
        return (QuoteLine(LineKind.REFUSAL, "blocked", "不能回收", "Cannot be bought", 0),)
    return tuple(
        QuoteLine(
            LineKind.REFUSAL,
            hit.rule_id,
            hit.description_zh,
            hit.description_en,
            0,
            facts=hit.facts,
        )
        for hit in locks
    )


def _adjust(
    adjustment: Adjustment,
    report: DeviceReport,
    grade: Grade,
    findings: Sequence[Finding],
    *,
    base_fen: int,
    standard: Standard,
    context: QuoteContext,
) -> QuoteLine | None:
    if adjustment.above_level is not None and standard.levels.index(
        grade.level
    ) >= standard.levels.index(adjustment.above_level):
        return None
    times, finding_ids, facts = _applies(adjustment, report, findings, context)
    if times == 0:
        return None
    if adjustment.percent is not None:
        amount = round(base_fen * adjustment.percent / 100) * times
    else:
        amount = round((adjustment.fixed_yuan or 0) * 100) * times
    kind = LineKind.BONUS if amount > 0 else LineKind.DEDUCTION
    suffix_zh = f" ×{times}" if times > 1 else ""
    return QuoteLine(
        kind,
        adjustment.id,
        adjustment.zh + suffix_zh,
        adjustment.en + suffix_zh,
        amount,
        finding_ids=finding_ids,
        facts=facts,
    )


def _applies(
    adjustment: Adjustment,
    report: DeviceReport,
    findings: Sequence[Finding],
    context: QuoteContext,
) -> tuple[int, tuple[str, ...], tuple[str, ...]]:
    """How many times the adjustment applies, with its evidence."""
    if adjustment.fact is not None:
        passed, evidence = adjustment.fact.holds(report)
        return (1 if passed else 0), (), (evidence,)
    if adjustment.accessory_missing is not None:
        missing = adjustment.accessory_missing in context.missing_accessories
        return (1 if missing else 0), (), (f"accessory {adjustment.accessory_missing} missing",)
    assert adjustment.match is not None
    matched = [f for f in findings if adjustment.match.selects(f)]
    condition = adjustment.when or FindingCondition(count_at_least=1)
    if not condition.holds(matched):
        return 0, (), ()
    ids = tuple(sorted(f.id for f in matched))
    return (len(matched) if adjustment.per_finding else 1), ids, (f"count={len(matched)}",)


def _rounded(
    lines: list[QuoteLine], rules: PricingRules, context: QuoteContext
) -> tuple[QuoteLine, ...]:
    step = context.rounding_step_fen or round(rules.rounding_step_yuan * 100)
    total = sum(line.amount_fen for line in lines)
    rounded = max(0, total - total % step)
    if rounded != total:
        lines.append(
            QuoteLine(
                LineKind.ROUNDING,
                "rounding",
                f"抹零到{step / 100:g}元",
                f"Rounded down to ¥{step / 100:g}",
                rounded - total,
            )
        )
    return tuple(lines)


def region_label(code: str | None) -> str:
    """ "CN" -> "国行"; unknown -> "?"."""
    return REGIONS.get(code or "", "?")


# --- overrides -----------------------------------------------------------------------


def override(
    current: Quote,
    new_total_fen: int,
    *,
    clerk: str,
    reason: str,
    at: datetime,
    approved_by: str | None = None,
) -> Quote:
    """The quote with a clerk's new total: an override line for the difference and the
    override record. A reason is always needed; going below the computed quote needs a
    manager (``approved_by``, whose PIN the caller has checked)."""
    if current.refused:
        raise OverrideError("refused_phone")
    if not reason.strip():
        raise OverrideError("reason_needed")
    if new_total_fen < 0:
        raise OverrideError("negative_price")
    if new_total_fen < current.quoted_fen and not approved_by:
        raise PinError("pin_needed")
    delta = new_total_fen - current.total_fen
    record = Override(clerk, at, reason.strip(), current.total_fen, new_total_fen, approved_by)
    line = QuoteLine(
        LineKind.OVERRIDE,
        "override",
        f"人工调价：{reason.strip()}",
        f"Price changed by {clerk}: {reason.strip()}",
        delta,
        facts=(f"by={clerk}", f"approved_by={approved_by or '-'}", f"at={at.isoformat()}"),
    )
    return Quote(
        sheet_id=current.sheet_id,
        sheet_version=current.sheet_version,
        lines=(*current.lines, line),
        total_fen=new_total_fen,
        currency=current.currency,
        overrides=(*current.overrides, record),
    )


def hash_pin(pin: str) -> str:
    """A salted scrypt hash of a manager PIN, for the settings file."""
    if not (pin.isdigit() and 4 <= len(pin) <= 12):
        raise PinError("pin_form")
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=2**14, r=8, p=1)
    return f"scrypt${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored: str | None) -> bool:
    """Whether ``pin`` matches the stored hash (False when no PIN is set)."""
    if not stored:
        return False
    try:
        scheme, salt_hex, digest_hex = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    digest = hashlib.scrypt(pin.encode(), salt=bytes.fromhex(salt_hex), n=2**14, r=8, p=1)
    return hmac.compare_digest(digest.hex(), digest_hex)
