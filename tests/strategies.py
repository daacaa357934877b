"""Hypothesis strategies for the domain records."""

from __future__ import annotations

from datetime import UTC

from hypothesis import strategies as st

from app.records import (
    Grade,
    GradeLabel,
    IdDocument,
    Inspection,
    InspectionState,
    LineKind,
    PhotoRef,
    PhotoStep,
    Quote,
    QuoteLine,
    RuleHit,
    Seller,
    Verdict,
)
from devices.report import (
    Battery,
    ChargeState,
    DeviceReport,
    Integrity,
    LockEvidence,
    Locks,
    LockState,
    Part,
    PartStatus,
    Platform,
)
from vision.finding import Finding, FindingKind, FindingSource, Severity, Surface, Zone

text = st.text(max_size=20)
opt_text = st.none() | text
small_float = st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False)
times = st.datetimes(timezones=st.just(UTC))
sha = st.text(alphabet="0123456789abcdef", min_size=64, max_size=64)
ids = st.uuids().map(str)

batteries = st.builds(
    Battery,
    health_percent=st.none() | st.floats(0, 150, allow_nan=False),
    cycle_count=st.none() | st.integers(0, 10_000),
    design_capacity_mah=st.none() | st.integers(0, 20_000),
    full_capacity_mah=st.none() | st.integers(0, 20_000),
    temperature_c=st.none() | st.floats(-40, 90, allow_nan=False),
    charge_state=st.sampled_from(ChargeState),
    level_percent=st.none() | st.integers(0, 100),
)
locks = st.builds(
    Locks,
    activation_lock=st.sampled_from(LockState),
    frp=st.sampled_from(LockState),
    mdm=st.sampled_from(LockState),
    carrier=st.sampled_from(LockState),
    evidence=st.lists(st.builds(LockEvidence, text, text, text), max_size=3).map(tuple),
)
reports = st.builds(
    DeviceReport,
    platform=st.sampled_from(Platform),
    brand=opt_text,
    model_code=opt_text,
    marketing_name=opt_text,
    storage_gb=st.none() | st.integers(1, 2048),
    ram_gb=st.none() | st.floats(0.5, 32, allow_nan=False),
    serial=opt_text,
    imeis=st.lists(st.text("0123456789", min_size=15, max_size=15), max_size=2).map(tuple),
    screen_resolution=st.none() | st.tuples(st.integers(1, 4000), st.integers(1, 4000)),
    battery=batteries,
    locks=locks,
    integrity=st.builds(
        Integrity,
        st.none() | st.booleans(),
        st.none() | st.booleans(),
        st.lists(text, max_size=2).map(tuple),
    ),
    parts=st.lists(st.builds(Part, text, st.sampled_from(PartStatus), opt_text), max_size=3).map(
        tuple
    ),
    problems=st.lists(text, max_size=3).map(tuple),
)
findings = st.builds(
    Finding,
    surface=st.sampled_from(Surface),
    kind=st.sampled_from(FindingKind),
    severity=st.sampled_from(Severity),
    confidence=st.floats(0, 1, allow_nan=False),
    id=ids,
    polygon_mm=st.lists(st.tuples(small_float, small_float), max_size=4).map(tuple),
    bbox_px=st.none() | st.tuples(*[st.integers(0, 10_000)] * 4),
    length_mm=small_float,
    width_mm=small_float,
    area_mm2=small_float,
    zone=st.sampled_from(Zone),
    source=st.sampled_from(FindingSource),
    photo_sha256=st.none() | sha,
)
grades = st.builds(
    Grade,
    level=text,
    verdict=st.sampled_from(Verdict),
    standard_id=text,
    standard_version=text,
    labels=st.lists(st.builds(GradeLabel, text, text), max_size=3).map(tuple),
    rules=st.lists(
        st.builds(RuleHit, text, text, text, text, st.lists(ids, max_size=2).map(tuple)),
        max_size=3,
    ).map(tuple),
)
quote_lines = st.builds(
    QuoteLine, st.sampled_from(LineKind), text, text, text, st.integers(-(10**8), 10**8)
)
quotes = st.builds(Quote.from_lines, text, text, st.lists(quote_lines, max_size=5).map(tuple))
inspections = st.builds(
    Inspection,
    id=ids,
    station_id=text,
    clerk=text,
    created_at=times,
    updated_at=times,
    state=st.sampled_from(InspectionState),
    device=st.none() | reports,
    findings=st.lists(findings, max_size=3).map(tuple),
    photos=st.lists(st.builds(PhotoRef, sha, st.sampled_from(PhotoStep), times), max_size=2).map(
        tuple
    ),
    grade=st.none() | grades,
    quote=st.none() | quotes,
    seller=st.none() | st.builds(Seller, text, text, text, st.sampled_from(IdDocument)),
    sealed_at=st.none() | times,
    signature=opt_text,
)
