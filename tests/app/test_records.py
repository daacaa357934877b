"""Records: immutability, JSON round trip, schema version, the committed schema."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from hypothesis import given, settings

from app import codec
from app.codec import RecordError
from app.records import (
    SCHEMA_VERSION,
    IdDocument,
    Inspection,
    LineKind,
    Quote,
    QuoteLine,
    Seller,
    new_id,
)
from devices.report import DeviceReport, Platform
from tests import strategies
from vision.finding import Finding, FindingKind, Severity, Surface

SCHEMA_FILE = Path(__file__).parents[2] / "docs" / "schema" / f"inspection-v{SCHEMA_VERSION}.json"


@settings(max_examples=60, deadline=None)
@given(strategies.inspections)
def test_inspection_round_trips_through_json(inspection: Inspection) -> None:
    assert codec.from_json(Inspection, codec.to_json(inspection)) == inspection


@settings(max_examples=60, deadline=None)
@given(strategies.reports)
def test_device_report_round_trips_through_json(report: DeviceReport) -> None:
    assert codec.from_json(DeviceReport, codec.to_json(report)) == report


def test_records_are_immutable() -> None:
    inspection = Inspection.new("station", "clerk")
    with pytest.raises(dataclasses.FrozenInstanceError):
        inspection.clerk = "someone else"  # type: ignore[misc]


def test_ids_are_uuid7_and_time_ordered() -> None:
    made = [new_id() for _ in range(200)]
    assert all(i[14] == "7" for i in made), "version nibble of a UUIDv7"
    assert made == sorted(made)
    assert len(set(made)) == len(made)


def test_json_carries_the_schema_version() -> None:
    data = json.loads(codec.to_json(Inspection.new("s", "c")))
    assert data["schema_version"] == SCHEMA_VERSION


def test_a_newer_schema_version_is_refused_with_a_clear_message() -> None:
    data = json.loads(codec.to_json(Inspection.new("s", "c")))
    data["schema_version"] = SCHEMA_VERSION + 1
    with pytest.raises(RecordError, match="newer than this Yanji"):
        codec.from_json(Inspection, data)


def test_an_older_schema_version_is_migrated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(codec, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setitem(
        codec._MIGRATIONS, SCHEMA_VERSION, lambda d: {**d, "clerk": d["clerk"].upper()}
    )
    data = json.loads(codec.to_json(Inspection.new("s", "alice")))
    assert codec.from_json(Inspection, data).clerk == "ALICE"


def test_a_version_1_seller_showed_a_resident_id_card() -> None:
    """Version 1 took only resident ID numbers: its sellers read as having shown one."""
    data = json.loads(codec.to_json(Inspection.new("s", "c")))
    data["schema_version"] = 1
    data["seller"] = {"name": "王小明", "id_number": "", "phone": "13800138000"}
    inspection = codec.from_json(Inspection, data)
    assert inspection.seller == Seller("王小明", "", "13800138000", IdDocument.CN_ID)
    assert inspection.schema_version == SCHEMA_VERSION == 2
    assert json.loads(codec.to_json(inspection))["seller"]["document"] == "cn_id"


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[]", "must be a JSON object"),
        ('{"schema_version": "one"}', "positive integer"),
        ('{"schema_version": 1, "id": "x"}', "invalid Inspection: station_id"),
    ],
)
def test_malformed_json_is_a_record_error(payload: str, message: str) -> None:
    with pytest.raises(RecordError, match=message):
        codec.from_json(Inspection, payload)


def test_invalid_enum_names_the_field() -> None:
    with pytest.raises(RecordError, match="platform"):
        codec.from_json(DeviceReport, {"platform": "symbian"})


def test_quote_total_must_be_the_sum_of_its_lines() -> None:
    lines = (
        QuoteLine(LineKind.BASE, "base", "基础价", "base price", 150_000),
        QuoteLine(LineKind.DEDUCTION, "battery", "电池", "battery", -20_000),
    )
    assert Quote.from_lines("sheet", "1", lines).total_fen == 130_000
    with pytest.raises(ValueError, match="not the sum"):
        Quote("sheet", "1", lines, total_fen=150_000)


def test_finding_validates_its_numbers() -> None:
    with pytest.raises(ValueError, match="confidence"):
        Finding(Surface.SCREEN, FindingKind.CRACK, Severity.SEVERE, confidence=1.5)
    with pytest.raises(ValueError, match="negative"):
        Finding(Surface.SCREEN, FindingKind.CRACK, Severity.SEVERE, 0.5, length_mm=-1)
    assert Finding(Surface.SCREEN, FindingKind.CRACK, Severity.SEVERE, 0.5).id


def test_severity_is_ordered() -> None:
    assert Severity.LIGHT.rank < Severity.MODERATE.rank < Severity.SEVERE.rank


def test_device_report_json_uses_the_documented_names() -> None:
    data = codec.to_jsonable(DeviceReport(platform=Platform.ANDROID))
    assert data["locks"]["activation_lock"] == "unknown"
    assert data["integrity"]["bootloader_unlocked"] is None
    assert data["platform"] == "android"


def test_committed_schema_matches_this_build() -> None:
    """docs/schema is the contract with headquarters and signed reports: a change to the
    records must come with a new schema file (and, if incompatible, a new version)."""
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert committed == codec.json_schema(Inspection), (
        "record types changed: regenerate with `python -m app.codec > "
        f"{SCHEMA_FILE.relative_to(SCHEMA_FILE.parents[2])}` and bump SCHEMA_VERSION "
        "if old readers cannot read the new form"
    )
