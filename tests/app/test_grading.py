"""Grading: the shipped standard, each kind of rule, vocabularies, locks, properties,
and line-numbered errors in standard files."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from app.datafile import DataFileError, load_model, parse_model
from app.grading import Standard, default_standard_path, grade, load_standard, read_fact
from app.records import Verdict
from devices.report import (
    Battery,
    DeviceReport,
    Integrity,
    Locks,
    LockState,
    Part,
    PartStatus,
    Platform,
)
from tests import strategies
from vision.finding import Finding, FindingKind, Severity, Surface, Zone

STANDARD = load_standard()
CLEAN = DeviceReport(
    platform=Platform.IOS,
    battery=Battery(health_percent=92.0),
    locks=Locks(LockState.OFF, LockState.OFF, LockState.OFF, LockState.OFF),
    integrity=Integrity(False, False),
)


def _f(
    kind: FindingKind,
    surface: Surface = Surface.SCREEN,
    length: float = 2.0,
    severity: Severity = Severity.LIGHT,
    **extra: object,
) -> Finding:
    return Finding(surface, kind, severity, 0.9, length_mm=length, **extra)  # type: ignore[arg-type]


def _labels(findings: list[Finding], report: DeviceReport = CLEAN) -> tuple[str, str, str]:
    result = grade(report, findings, STANDARD)
    return result.level, result.label("chengse") or "", result.label("screen") or ""


def test_shipped_standard_loads_and_cites_every_rule() -> None:
    assert STANDARD.levels == ("S", "A", "B", "C", "D")
    assert all(rule.source for rule in STANDARD.rules)
    assert STANDARD.vocabularies["chengse"]["S"] == "99新"


def test_clean_phone_is_top_grade() -> None:
    result = grade(CLEAN, [], STANDARD)
    assert (result.level, result.verdict, result.rules) == ("S", Verdict.SELLABLE, ())
    assert [g.label for g in result.labels] == ["99新", "A", "0", "无花"]
    assert (result.standard_id, result.standard_version) == ("yanji-default", "2026.11.4")


@pytest.mark.parametrize(
    ("findings", "expected"),
    [
        ([_f(FindingKind.SCRATCH, length=2.0)], ("A", "95新", "小花")),
        ([_f(FindingKind.SCRATCH, length=3.5)], ("B", "9成新", "小花")),
        ([_f(FindingKind.SCRATCH, length=1.0) for _ in range(6)], ("B", "9成新", "小花")),
        ([_f(FindingKind.SCRATCH, length=1.0) for _ in range(11)], ("C", "8成新", "大花")),
        ([_f(FindingKind.SCRATCH, length=2.0, severity=Severity.SEVERE)], ("C", "8成新", "大花")),
        ([_f(FindingKind.SCRATCH, length=3.0) for _ in range(5)], ("A", "95新", "小花")),
        ([_f(FindingKind.CRACK, length=30)], ("D", "7成新及以下", "外爆")),
        ([_f(FindingKind.DEAD_PIXEL, length=0.1)], ("C", "8成新", "内爆")),
        ([_f(FindingKind.BURN_IN, length=20)], ("D", "7成新及以下", "内爆")),
        ([_f(FindingKind.OIL, length=9)], ("S", "99新", "无花")),
        ([_f(FindingKind.CHIP, length=1)], ("B", "9成新", "无花")),
        ([_f(FindingKind.SCUFF, Surface.BACK)], ("A", "95新", "无花")),
        (
            [_f(FindingKind.SCRATCH, Surface.BACK, length=11) for _ in range(2)],
            ("B", "9成新", "无花"),
        ),
        ([_f(FindingKind.SCUFF, Surface.BACK) for _ in range(8)], ("C", "8成新", "无花")),
        ([_f(FindingKind.CRACK, Surface.BACK)], ("C", "8成新", "无花")),
        (
            [_f(FindingKind.CRACK, Surface.BACK, severity=Severity.SEVERE)],
            ("D", "7成新及以下", "无花"),
        ),
        ([_f(FindingKind.SCUFF, Surface.FRAME)], ("A", "95新", "无花")),
        ([_f(FindingKind.DENT, Surface.FRAME) for _ in range(2)], ("B", "9成新", "无花")),
        ([_f(FindingKind.DENT, Surface.FRAME) for _ in range(3)], ("C", "8成新", "无花")),
    ],
)
def test_findings_set_the_grade(findings: list[Finding], expected: tuple[str, str, str]) -> None:
    assert _labels(findings) == expected


def test_a_fired_rule_names_its_findings_and_facts() -> None:
    long, short = _f(FindingKind.SCRATCH, length=4.0), _f(FindingKind.SCRATCH, length=1.0)
    hits = {h.rule_id: h for h in grade(CLEAN, [long, short], STANDARD).rules}
    assert set(hits) == {"screen.scratch.light", "screen.scratch.long"}
    assert hits["screen.scratch.long"].finding_ids == tuple(sorted([long.id, short.id]))
    assert hits["screen.scratch.long"].facts == ("count=2", "longest_mm=4")
    assert hits["screen.scratch.long"].description_en.startswith("A screen scratch longer")


@pytest.mark.parametrize("surface", [Surface.SCREEN, Surface.BACK])
def test_oil_asks_for_a_wipe_and_costs_nothing(surface: Surface) -> None:
    """Oil wipes off: on the screen or the back it asks the clerk to wipe the glass and
    photograph it again, and leaves the grade as it was. (The back's smears were
    graded by no rule, so nothing asked for the wipe.)"""
    oil = _f(FindingKind.OIL, surface, length=9)
    result = grade(CLEAN, [oil], STANDARD)
    assert result.level == "S"
    hits = {h.rule_id: h for h in result.rules}
    assert set(hits) == {f"{surface.value}.needs-cleaning"}
    assert hits[f"{surface.value}.needs-cleaning"].finding_ids == (oil.id,)
    assert "wipe it" in hits[f"{surface.value}.needs-cleaning"].description_en


def test_zone_and_area_thresholds() -> None:
    standard = _standard_with_rule(
        {
            "id": "x",
            "zh": "x",
            "en": "x",
            "source": "t",
            "level": "D",
            "match": {"surface": "screen", "kinds": ["stain"], "zone": "border"},
            "when": {"area_over_mm2": 5, "total_area_over_mm2": 6, "wider_than_mm": 0.5},
        }
    )
    active = _f(FindingKind.STAIN, area_mm2=10, width_mm=1, zone=Zone.ACTIVE)
    border = _f(FindingKind.STAIN, area_mm2=10, width_mm=1, zone=Zone.BORDER)
    assert grade(CLEAN, [active], standard).level == "S"
    assert grade(CLEAN, [border], standard).level == "D"
    assert grade(CLEAN, [replace(border, area_mm2=5.0)], standard).level == "S"


@pytest.mark.parametrize(
    ("report", "level", "rule_ids"),
    [
        (replace(CLEAN, battery=Battery(health_percent=84)), "B", ["battery.worn"]),
        (
            replace(CLEAN, battery=Battery(health_percent=79.9)),
            "C",
            ["battery.worn", "battery.service"],
        ),
        (replace(CLEAN, battery=Battery()), "S", []),
        (replace(CLEAN, parts=(Part("display", PartStatus.REPLACED),)), "C", ["parts.replaced"]),
        (replace(CLEAN, integrity=Integrity(True, False)), "C", ["integrity.bootloader"]),
        (replace(CLEAN, integrity=Integrity(False, True)), "C", ["integrity.root"]),
    ],
)
def test_facts_set_the_functional_grade(
    report: DeviceReport, level: str, rule_ids: list[str]
) -> None:
    result = grade(report, [], STANDARD)
    assert result.level == level
    assert [h.rule_id for h in result.rules] == rule_ids
    assert result.label("ctia_cosmetic") == "A"  # looks untouched


def test_cosmetic_and_functional_labels_are_separate() -> None:
    report = replace(CLEAN, battery=Battery(health_percent=84))
    result = grade(report, [_f(FindingKind.CRACK)], STANDARD)
    assert (result.label("ctia_cosmetic"), result.label("ctia_functional")) == ("D", "1")
    assert result.level == "D"


@pytest.mark.parametrize(
    ("platform", "locks", "rule_id"),
    [
        (Platform.IOS, Locks(activation_lock=LockState.ON, mdm=LockState.OFF), "lock.activation"),
        (Platform.ANDROID, Locks(activation_lock=LockState.ON, mdm=LockState.OFF), "lock.account"),
        (
            Platform.ANDROID,
            Locks(activation_lock=LockState.OFF, frp=LockState.ON, mdm=LockState.OFF),
            "lock.frp",
        ),
        (Platform.IOS, Locks(activation_lock=LockState.OFF, mdm=LockState.ON), "lock.mdm"),
        (Platform.ANDROID, Locks(activation_lock=LockState.OFF, mdm=LockState.ON), "lock.mdm"),
    ],
)
def test_a_blocking_lock_is_a_verdict_not_a_low_grade(
    platform: Platform, locks: Locks, rule_id: str
) -> None:
    result = grade(replace(CLEAN, platform=platform, locks=locks), [], STANDARD)
    assert result.verdict is Verdict.BLOCKED
    assert result.level == "S"
    assert [h.rule_id for h in result.rules] == [rule_id]


def test_unknown_and_carrier_locks_are_notices() -> None:
    report = replace(CLEAN, locks=Locks(carrier=LockState.ON))
    result = grade(report, [], STANDARD)
    assert result.verdict is Verdict.SELLABLE
    ids = [h.rule_id for h in result.rules]
    assert ids == ["lock.carrier", "lock.activation.unknown", "lock.mdm.unknown"]
    assert all(h.level == "" for h in result.rules)


def test_an_android_phone_is_told_of_its_own_locks_not_an_iphones() -> None:
    """An Android phone whose accounts and owners could not be read: the clerk is sent
    to its accounts and device admin apps, not told to have Apple ID signed out."""
    report = replace(CLEAN, platform=Platform.ANDROID, locks=Locks())
    result = grade(report, [], STANDARD)
    assert [h.rule_id for h in result.rules] == ["lock.account.unknown", "lock.mdm.unknown.android"]
    assert result.verdict is Verdict.SELLABLE
    words = " ".join(h.description_en + h.description_zh for h in result.rules)
    assert "Apple" not in words
    assert "描述文件" not in words  # an iPhone's profiles


def test_an_iphone_is_never_told_of_an_android_lock() -> None:
    report = replace(CLEAN, locks=Locks(frp=LockState.ON))  # not a state an iPhone has
    ids = [h.rule_id for h in grade(report, [], STANDARD).rules]
    assert ids == ["lock.activation.unknown", "lock.mdm.unknown"]


def test_a_rule_names_a_platform_the_report_knows() -> None:
    raw = yaml.safe_load(default_standard_path().read_text(encoding="utf-8"))
    raw["rules"][0]["platform"] = "windows"
    with pytest.raises(ValidationError, match="platform"):
        Standard.model_validate(raw)


def test_read_fact_of_a_part_that_is_not_reported_is_unknown() -> None:
    assert read_fact(CLEAN, "parts.camera") == "unknown"
    report = replace(CLEAN, parts=(Part("camera", PartStatus.ORIGINAL),))
    assert read_fact(report, "parts.camera") == "original"


def test_level_for_label() -> None:
    assert STANDARD.level_for_label("95新") == "A"
    assert STANDARD.level_for_label("C") == "C"
    assert STANDARD.level_for_label("全新") is None


# --- properties ----------------------------------------------------------------------

finding_lists = st.lists(strategies.findings, max_size=8)


def _rank(findings: list[Finding], report: DeviceReport = CLEAN) -> int:
    return STANDARD.levels.index(grade(report, findings, STANDARD).level)


@settings(max_examples=150, deadline=None)
@given(finding_lists, strategies.findings, strategies.reports)
def test_adding_a_finding_never_improves_the_grade(
    findings: list[Finding], extra: Finding, report: DeviceReport
) -> None:
    assert _rank([*findings, extra], report) >= _rank(findings, report)


@settings(max_examples=150, deadline=None)
@given(
    finding_lists.filter(bool),
    st.data(),
    st.floats(0, 50, allow_nan=False),
    st.floats(0, 50, allow_nan=False),
)
def test_making_a_finding_worse_never_improves_the_grade(
    findings: list[Finding], data: st.DataObject, longer: float, wider: float
) -> None:
    index = data.draw(st.integers(0, len(findings) - 1))
    old = findings[index]
    severity = data.draw(st.sampled_from([s for s in Severity if s.rank >= old.severity.rank]))
    worse = replace(
        old,
        length_mm=old.length_mm + longer,
        width_mm=old.width_mm + wider,
        area_mm2=old.area_mm2 + longer * wider,
        severity=severity,
    )
    changed = [*findings[:index], worse, *findings[index + 1 :]]
    assert _rank(changed) >= _rank(findings)


@settings(max_examples=100, deadline=None)
@given(finding_lists, st.randoms(use_true_random=False), strategies.reports)
def test_the_order_of_findings_does_not_matter(findings, rng, report) -> None:  # type: ignore[no-untyped-def]
    shuffled = list(findings)
    rng.shuffle(shuffled)
    assert grade(report, shuffled, STANDARD) == grade(report, findings, STANDARD)


# --- standard files ------------------------------------------------------------------


def _raw() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load(default_standard_path().read_text(encoding="utf-8"))


def _standard_with_rule(rule: dict) -> Standard:  # type: ignore[type-arg]
    raw = _raw()
    raw["rules"] = [rule]
    return Standard.model_validate(raw)


def _error_for(text: str) -> str:
    with pytest.raises(DataFileError) as caught:
        parse_model(Standard, text, "std.yaml")
    return str(caught.value)


def test_yaml_syntax_error_names_the_line() -> None:
    assert _error_for("id: x\nlevels: [S, A\nrules: []\n").startswith("std.yaml line 3:")


def test_invalid_rule_names_its_line() -> None:
    text = default_standard_path().read_text(encoding="utf-8")
    broken = text.replace(
        "    level: B\n    screen_term: 小花\n", "    level: Q\n    screen_term: 小花\n", 1
    )
    line = broken.splitlines().index("    level: Q") + 1
    message = _error_for(broken)
    assert message == f"std.yaml line {line}: rules.1.level: 'Q' is not a level"


def test_unknown_key_names_its_line() -> None:
    text = default_standard_path().read_text(encoding="utf-8")
    broken = text.replace("    when: {count_at_least: 11}", "    when: {count_atleast: 11}", 1)
    line = broken.splitlines().index("    when: {count_atleast: 11}") + 1
    assert f"std.yaml line {line}: rules.3.when.count_atleast" in _error_for(broken)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r["rules"].append(dict(r["rules"][0])), "used twice"),
        (lambda r: r["vocabularies"].pop("ctia_functional"), "'ctia_functional' is missing"),
        (lambda r: r["vocabularies"]["chengse"].pop("D"), "exactly the levels"),
        (lambda r: r.update(levels=["S", "S"]), "unique"),
        (lambda r: r.update(photos_required=["back", "other"]), "not a guided capture"),
        (lambda r: r.update(photos_required=["back", "back"]), "named twice"),
        (lambda r: r.update(photos_required=["front"]), "photos_required.0"),
        (lambda r: r["rules"][0].update(screen_term="碎"), "is not a screen term"),
        (
            lambda r: r["rules"][0].update(fact={"fact": "battery.health_percent", "below": 1}),
            "either 'match' and 'when', or 'fact'",
        ),
        (lambda r: r["rules"][0].update(when={}), "at least one threshold"),
        (
            lambda r: r["rules"][-1].update(fact={"fact": "battery.colour", "equals": "x"}),
            "unknown fact",
        ),
        (
            lambda r: r["rules"][-1].update(fact={"fact": "locks.mdm", "equals": "x", "below": 1}),
            "exactly one of",
        ),
        (
            lambda r: r["rules"][-1].update(fact={"fact": "locks.mdm", "equals": "maybe"}),
            "is not a valid LockState",
        ),
    ],
)
def test_inconsistent_standards_are_refused(change, message: str) -> None:  # type: ignore[no-untyped-def]
    raw = _raw()
    change(raw)
    assert message in _error_for(yaml.safe_dump(raw, allow_unicode=True))


def test_bare_on_in_yaml_still_means_the_lock_state() -> None:
    rule = {
        "id": "x",
        "zh": "x",
        "en": "x",
        "source": "t",
        "verdict": "blocked",
        "fact": {"fact": "locks.mdm", "equals": True},
    }
    standard = _standard_with_rule(rule)
    assert standard.rules[0].fact is not None and standard.rules[0].fact.equals == "on"
    assert grade(replace(CLEAN, locks=Locks(mdm=LockState.ON)), [], standard).verdict is (
        Verdict.BLOCKED
    )


def test_unreadable_standard_file(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="cannot read"):
        load_model(Standard, tmp_path / "missing.yaml")
    empty = tmp_path / "empty.yaml"
    empty.write_text("")
    with pytest.raises(DataFileError, match=r"empty.yaml line 1: \(top level\)"):
        load_model(Standard, empty)
