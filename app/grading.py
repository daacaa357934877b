"""Grading: a standard kept as data (resources/grading/*.yaml) and the pure function
that applies it to a device report and the findings.

Every rule's condition only grows with more or worse findings (counts, lengths, widths
and areas compared with "at least" / "more than"), and the grade is the worst level
among the rules that fired. So adding a finding or making one worse can never improve
the grade, and the order of the findings does not matter.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from app.datafile import load_model
from app.records import Grade, GradeLabel, PhotoStep, RuleHit, Verdict
from devices.report import DeviceReport, LockState, PartStatus, Platform
from vision.finding import Finding, FindingKind, Severity, Surface, Zone

VERDICT_ORDER = (Verdict.SELLABLE, Verdict.PARTS_ONLY, Verdict.BLOCKED)
REQUIRED_VOCABULARIES = ("chengse", "ctia_cosmetic", "ctia_functional")


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FindingMatch(_Frozen):
    """Which findings a rule looks at."""

    surface: Surface | None = None
    kinds: tuple[FindingKind, ...] = Field(min_length=1)
    zone: Zone | None = None
    min_severity: Severity = Severity.LIGHT

    def selects(self, finding: Finding) -> bool:
        """Whether ``finding`` is one this rule counts."""
        return (
            finding.kind in self.kinds
            and (self.surface is None or finding.surface is self.surface)
            and (self.zone is None or finding.zone is self.zone)
            and finding.severity.rank >= self.min_severity.rank
        )


class FindingCondition(_Frozen):
    """Thresholds on the matched findings; every one given must hold."""

    count_at_least: int | None = Field(default=None, ge=1)
    longer_than_mm: float | None = Field(default=None, ge=0)
    total_length_over_mm: float | None = Field(default=None, ge=0)
    wider_than_mm: float | None = Field(default=None, ge=0)
    area_over_mm2: float | None = Field(default=None, ge=0)
    total_area_over_mm2: float | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _something_given(self) -> Self:
        if all(v is None for v in self.model_dump().values()):
            raise ValueError("give at least one threshold")
        return self

    def holds(self, found: Sequence[Finding]) -> bool:
        """Whether the matched findings pass every threshold (none matched: never)."""
        if not found:
            return False
        checks = (
            (self.count_at_least, len(found), True),
            (self.longer_than_mm, max(f.length_mm for f in found), False),
            (self.total_length_over_mm, sum(f.length_mm for f in found), False),
            (self.wider_than_mm, max(f.width_mm for f in found), False),
            (self.area_over_mm2, max(f.area_mm2 for f in found), False),
            (self.total_area_over_mm2, sum(f.area_mm2 for f in found), False),
        )
        return all(
            limit is None or (value >= limit if inclusive else value > limit)
            for limit, value, inclusive in checks
        )


def _part_status(name: str) -> Callable[[DeviceReport], Any]:
    def read(report: DeviceReport) -> Any:
        part = next((p for p in report.parts if p.name == name), None)
        return part.status.value if part else PartStatus.UNKNOWN.value

    return read


FACTS: dict[str, Callable[[DeviceReport], Any]] = {
    "battery.health_percent": lambda r: r.battery.health_percent,
    "battery.cycle_count": lambda r: r.battery.cycle_count,
    "locks.activation_lock": lambda r: r.locks.activation_lock.value,
    "locks.frp": lambda r: r.locks.frp.value,
    "locks.mdm": lambda r: r.locks.mdm.value,
    "locks.carrier": lambda r: r.locks.carrier.value,
    "integrity.bootloader_unlocked": lambda r: r.integrity.bootloader_unlocked,
    "integrity.rooted": lambda r: r.integrity.rooted,
    "parts.any_replaced": lambda r: any(p.status is PartStatus.REPLACED for p in r.parts),
}


def read_fact(report: DeviceReport, name: str) -> Any:
    """The value of a named fact of ``report`` (``parts.<name>`` for any part)."""
    if name in FACTS:
        return FACTS[name](report)
    return _part_status(name.removeprefix("parts."))(report)


class FactCondition(_Frozen):
    """A test on one fact of the device report: ``below`` or ``at_least`` a number, or
    ``equals`` a value. An unknown (None) fact never passes a numeric test."""

    fact: str
    below: float | None = None
    at_least: float | None = None
    equals: str | bool | None = None

    @field_validator("fact")
    @classmethod
    def _known_fact(cls, value: str) -> str:
        if value not in FACTS and not value.startswith("parts."):
            raise ValueError(f"unknown fact {value!r}; known: {', '.join(sorted(FACTS))}")
        return value

    @model_validator(mode="after")
    def _one_test(self) -> Self:
        given = [t for t in (self.below, self.at_least, self.equals) if t is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of 'below', 'at_least' and 'equals'")
        if self.fact.startswith("locks.") and isinstance(self.equals, bool):
            # YAML 1.1 reads a bare on/off as true/false; lock states are strings.
            object.__setattr__(self, "equals", "on" if self.equals else "off")
        if self.fact.startswith("locks.") and self.equals is not None:
            LockState(str(self.equals))
        return self

    def holds(self, report: DeviceReport) -> tuple[bool, str]:
        """Whether it passes, and the fact as evidence (``name=value``)."""
        value = read_fact(report, self.fact)
        evidence = f"{self.fact}={value}"
        if self.below is not None:
            return (value is not None and value < self.below), evidence
        if self.at_least is not None:
            return (value is not None and value >= self.at_least), evidence
        return value == self.equals, evidence


class Dimension(enum.StrEnum):
    """What a rule grades: looks (from findings) or function (from facts)."""

    COSMETIC = "cosmetic"
    FUNCTIONAL = "functional"


class Rule(_Frozen):
    """One rule: a condition on findings or on a fact, and what it does when it holds
    (cap the level, set a verdict, name the screen's trade term, or just notify). A rule
    with a ``platform`` applies only to phones of it: the locks are named, and removed,
    differently on an iPhone and on an Android phone."""

    id: str = Field(pattern=r"^[a-z0-9_.-]+$")
    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)
    source: str = Field(min_length=1)
    level: str | None = None
    verdict: Verdict | None = None
    screen_term: str | None = None
    match: FindingMatch | None = None
    when: FindingCondition | None = None
    fact: FactCondition | None = None
    platform: Platform | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Self:
        on_findings = self.match is not None and self.when is not None
        if on_findings == (self.fact is not None) or (self.match is None) != (self.when is None):
            raise ValueError("a rule has either 'match' and 'when', or 'fact'")
        return self

    @property
    def dimension(self) -> Dimension:
        return Dimension.FUNCTIONAL if self.fact is not None else Dimension.COSMETIC


class Standard(_Frozen):
    """A grading standard: levels best first, vocabularies, screen terms, rules."""

    id: str = Field(min_length=1)
    version: str = Field(min_length=1)
    name_zh: str
    name_en: str
    levels: tuple[str, ...] = Field(min_length=2)
    vocabularies: dict[str, dict[str, str]]
    screen_terms: tuple[str, ...] = Field(min_length=1)
    #: The guided captures a phone must have (each a photo that shows the phone)
    #: before it is graded for a price: a surface never photographed has no findings,
    #: and so would be priced as flawless.
    photos_required: tuple[PhotoStep, ...] = ()
    rules: tuple[Rule, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if len(set(self.levels)) != len(self.levels):
            raise ValueError("levels must be unique")
        if PhotoStep.OTHER in self.photos_required:
            raise ValueError("at photos_required: 'other' is not a guided capture")
        if len(set(self.photos_required)) != len(self.photos_required):
            raise ValueError("at photos_required: a capture is named twice")
        for name in REQUIRED_VOCABULARIES:
            if name not in self.vocabularies:
                raise ValueError(f"vocabulary {name!r} is missing")
        for name, mapping in self.vocabularies.items():
            if set(mapping) != set(self.levels):
                raise ValueError(f"vocabulary {name!r} must name exactly the levels")
        seen: set[str] = set()
        # "at <path>:" lets the loader point at the line of the offending rule.
        for index, rule in enumerate(self.rules):
            if rule.id in seen:
                raise ValueError(f"at rules.{index}.id: rule id {rule.id!r} is used twice")
            seen.add(rule.id)
            if rule.level is not None and rule.level not in self.levels:
                raise ValueError(f"at rules.{index}.level: {rule.level!r} is not a level")
            if rule.screen_term is not None and rule.screen_term not in self.screen_terms:
                raise ValueError(
                    f"at rules.{index}.screen_term: {rule.screen_term!r} is not a screen term"
                )
        return self

    def worst(self, levels: Sequence[str]) -> str:
        """The worst of ``levels`` (the best level when there are none)."""
        return max(levels, key=self.levels.index, default=self.levels[0])

    def level_for_label(self, label: str) -> str | None:
        """The level a label names: a level id or a 成色 label (e.g. "95新")."""
        if label in self.levels:
            return label
        matches = [lv for lv, text in self.vocabularies["chengse"].items() if text == label]
        return matches[0] if len(matches) == 1 else None


def default_standard_path() -> Path:
    """The standard shipped in resources/grading/."""
    return Path(str(resources.files("resources").joinpath("grading", "yanji-default.yaml")))


def load_standard(path: Path | None = None) -> Standard:
    """Load and validate a standard (the shipped one by default)."""
    return load_model(Standard, path or default_standard_path())


def grade(report: DeviceReport, findings: Sequence[Finding], standard: Standard) -> Grade:
    """Apply ``standard``: pure and deterministic. The Grade lists every rule that fired
    with the findings and facts it used."""
    hits: list[tuple[Rule, RuleHit]] = []
    for rule in standard.rules:
        hit = _apply(rule, report, findings)
        if hit is not None:
            hits.append((rule, hit))
    cosmetic = [r.level for r, _ in hits if r.level and r.dimension is Dimension.COSMETIC]
    functional = [r.level for r, _ in hits if r.level and r.dimension is Dimension.FUNCTIONAL]
    level = standard.worst(cosmetic + functional)
    verdicts = [r.verdict for r, _ in hits if r.verdict is not None]
    verdict = max(verdicts, key=VERDICT_ORDER.index, default=Verdict.SELLABLE)
    terms = [r.screen_term for r, _ in hits if r.screen_term]
    screen = max(terms, key=standard.screen_terms.index, default=standard.screen_terms[0])
    vocab = standard.vocabularies
    labels = (
        GradeLabel("chengse", vocab["chengse"][level]),
        GradeLabel("ctia_cosmetic", vocab["ctia_cosmetic"][standard.worst(cosmetic)]),
        GradeLabel("ctia_functional", vocab["ctia_functional"][standard.worst(functional)]),
        GradeLabel("screen", screen),
    )
    return Grade(
        level=level,
        verdict=verdict,
        standard_id=standard.id,
        standard_version=standard.version,
        labels=labels,
        rules=tuple(hit for _, hit in hits),
    )


def _apply(rule: Rule, report: DeviceReport, findings: Sequence[Finding]) -> RuleHit | None:
    finding_ids: tuple[str, ...] = ()
    facts: tuple[str, ...] = ()
    if rule.platform is not None and rule.platform is not report.platform:
        return None
    if rule.fact is not None:
        passed, evidence = rule.fact.holds(report)
        if not passed:
            return None
        facts = (evidence,)
    else:
        assert rule.match is not None and rule.when is not None
        matched = [f for f in findings if rule.match.selects(f)]
        if not rule.when.holds(matched):
            return None
        finding_ids = tuple(sorted(f.id for f in matched))
        facts = (f"count={len(matched)}", f"longest_mm={max(f.length_mm for f in matched):g}")
    return RuleHit(
        rule_id=rule.id,
        description_zh=rule.zh,
        description_en=rule.en,
        level=rule.level or "",
        finding_ids=finding_ids,
        facts=facts,
    )
