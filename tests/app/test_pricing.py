"""Pricing: itemised quotes tied to evidence, floors, rounding, refusals, parts-only,
overrides with reasons and manager PINs, and the rules file."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np
import pytest
import yaml

from app.datafile import DataFileError, parse_model
from app.demo import photograph
from app.errors import YanjiError
from app.grading import Standard, grade, load_standard
from app.price_sheet import PriceRow, PriceSheet
from app.pricing import (
    PinError,
    PricingRules,
    QuoteContext,
    QuoteError,
    default_rules_path,
    hash_pin,
    load_rules,
    override,
    quote,
    region_label,
    verify_pin,
)
from app.quoting import (
    bundled_sample_sheet,
    override_price,
    price_inspection,
    pricing_setup,
    read_findings,
    read_report,
)
from app.records import InspectionState, LineKind, PhoneSide, PhotoStep, Verdict
from app.store import Store
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
from vision.camera import encode_still
from vision.finding import Finding, FindingKind, Severity, Surface
from vision.patterns import Pattern

STANDARD = load_standard()
RULES = load_rules()
AT = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)
PHONE = DeviceReport(
    platform=Platform.IOS,
    brand="Apple",
    marketing_name="iPhone 15",
    storage_gb=128,
    region="CH/A",
    battery=Battery(health_percent=90.0),
    locks=Locks(LockState.OFF, LockState.OFF, LockState.OFF, LockState.OFF),
    integrity=Integrity(False, False),
)
ROWS = (
    PriceRow(
        7,
        "苹果",
        "iPhone 15",
        128,
        "CN",
        (("S", 270_000), ("A", 250_000), ("B", 230_000), ("C", 200_000), ("D", 140_000)),
    ),
    PriceRow(8, "苹果", "iPhone 15", 128, "HK", (("S", 260_000), ("B", 220_000))),
)
SHEET = PriceSheet(
    "sheet-1", 4, "dealer", date(2026, 11, 1), AT, "f.csv", "", ("S", "A", "B"), ROWS
)


def _quote(report: DeviceReport = PHONE, findings: list[Finding] | None = None, **ctx):  # type: ignore[no-untyped-def]
    found = findings or []
    verdict = grade(report, found, STANDARD)
    return quote(
        report,
        verdict,
        SHEET,
        RULES,
        findings=found,
        standard=STANDARD,
        context=QuoteContext(**ctx),
    )


def _lines(offer) -> list[tuple[str, str, int]]:  # type: ignore[no-untyped-def]
    return [(line.kind.value, line.rule_id, line.amount_fen) for line in offer.lines]


def test_base_price_comes_from_the_sheet_row_for_the_grade() -> None:
    offer = _quote()
    assert _lines(offer) == [("base", "base", 270_000)]
    base = offer.lines[0]
    assert base.facts[0] == "sheet 4 line 7: 苹果 iPhone 15 128GB 国行"
    assert "grade=S" in base.facts
    assert "99新" in base.reason_zh and "iPhone 15" in base.reason_en
    assert (offer.sheet_id, offer.sheet_version, offer.total_fen) == ("sheet-1", "4", 270_000)


def test_each_adjustment_is_a_line_with_its_evidence() -> None:
    report = replace(
        PHONE,
        battery=Battery(health_percent=78.0),
        parts=(Part("display", PartStatus.REPLACED), Part("battery", PartStatus.REPLACED)),
        integrity=Integrity(True, True),
    )
    offer = _quote(report, missing_accessories=frozenset({"box", "cable"}))
    # Grade C (battery below 80, replaced parts, bootloader, root): base 2000.
    assert _lines(offer) == [
        ("base", "base", 200_000),
        ("deduction", "battery.below-85", -8_000),
        ("deduction", "battery.below-80", -12_000),
        ("deduction", "part.display.replaced", -30_000),
        ("deduction", "part.battery.replaced", -10_000),
        ("deduction", "integrity.bootloader", -16_000),
        ("deduction", "integrity.root", -16_000),
        ("deduction", "accessory.box", -3_000),
        ("deduction", "accessory.cable", -1_000),
    ]
    assert offer.total_fen == sum(line.amount_fen for line in offer.lines) == 104_000
    battery = offer.lines[2]
    assert battery.facts == ("battery.health_percent=78.0",)
    assert battery.reason_zh.startswith("电池健康低于80%")


def test_finding_adjustments_name_their_findings_and_stop_at_the_grade_that_prices_them() -> None:
    pixels = [
        Finding(Surface.SCREEN, FindingKind.DEAD_PIXEL, Severity.LIGHT, 0.9) for _ in range(2)
    ]
    offer = _quote(findings=pixels)
    pixel_line = offer.lines[1]
    assert (pixel_line.rule_id, pixel_line.amount_fen) == ("finding.display-pixel", -12_000)
    assert pixel_line.finding_ids == tuple(sorted(f.id for f in pixels))
    assert "×2" in pixel_line.reason_zh
    crack = Finding(Surface.SCREEN, FindingKind.CRACK, Severity.SEVERE, 0.9)
    at_d = _quote(findings=[*pixels, crack])
    assert [line.rule_id for line in at_d.lines] == ["base"]  # D already prices a bad screen


def test_back_crack_is_a_fixed_deduction() -> None:
    crack = Finding(Surface.BACK, FindingKind.CRACK, Severity.LIGHT, 0.9)
    offer = _quote(findings=[crack])
    assert _lines(offer)[1] == ("deduction", "finding.back-crack", -20_000)


def test_bonus_and_rounding() -> None:
    offer = _quote(replace(PHONE, battery=Battery(health_percent=97.0)))
    assert _lines(offer) == [
        ("base", "base", 270_000),
        ("bonus", "battery.excellent", 5_400),
        ("rounding", "rounding", -400),
    ]
    assert offer.total_fen == 275_000
    store_step = _quote(
        replace(PHONE, battery=Battery(health_percent=97.0)), rounding_step_fen=10_000
    )
    assert store_step.total_fen == 270_000


def test_floor_keeps_a_sellable_phone_above_a_share_of_its_base() -> None:
    report = replace(
        PHONE,
        locks=replace(PHONE.locks, carrier=LockState.ON),
        battery=Battery(health_percent=70.0),
        parts=(Part("display", PartStatus.REPLACED), Part("camera", PartStatus.REPLACED)),
        integrity=Integrity(True, True),
    )
    # -79 % from the report and -3 % for accessories would leave 18 % of the base.
    offer = _quote(report, missing_accessories=frozenset({"box", "charger", "cable"}))
    floor = next(line for line in offer.lines if line.kind is LineKind.FLOOR)
    assert offer.total_fen == 40_000  # 20 % of the C price of ¥2,000
    assert floor.amount_fen > 0


def test_region_decides_the_row() -> None:
    assert _quote(replace(PHONE, region="ZA/A")).lines[0].amount_fen == 260_000
    assert _quote(replace(PHONE, region="ZP/A")).lines[0].amount_fen == 260_000
    unknown = _quote(replace(PHONE, region=None)).lines[0]
    assert "version unknown, priced as 国行" in unknown.facts
    # An iPhone sold in Vietnam is not 国行, though the sheet has no row for it.
    with pytest.raises(QuoteError, match="has no 其他版本 row"):
        _quote(replace(PHONE, region="VN/A"))
    with pytest.raises(QuoteError, match="has no 美版 row"):
        _quote(replace(PHONE, region="LL/A"))


def test_no_price_is_a_clear_error() -> None:
    with pytest.raises(QuoteError, match="'iPhone 99' is not on the sheet"):
        _quote(replace(PHONE, marketing_name="iPhone 99"))
    with pytest.raises(QuoteError, match="has no 256GB row"):
        _quote(replace(PHONE, storage_gb=256))
    with pytest.raises(QuoteError, match="model is unknown"):
        _quote(replace(PHONE, marketing_name=None, model_code=None))
    hk_c = replace(PHONE, region="ZA/A", battery=Battery(health_percent=70.0))
    with pytest.raises(QuoteError, match="does not buy 苹果 iPhone 15 128GB 港版 at 8成新"):
        _quote(hk_c)


def test_a_locked_phone_is_refused_with_the_reason() -> None:
    locked = replace(PHONE, locks=replace(PHONE.locks, activation_lock=LockState.ON))
    offer = _quote(locked)
    assert offer.refused
    assert _lines(offer) == [("refusal", "lock.activation", 0)]
    assert offer.lines[0].facts == ("locks.activation_lock=on",)
    with pytest.raises(YanjiError, match="refused"):
        override(offer, 10_000, clerk="clerk", reason="seller insists", at=AT)


def test_every_lock_on_is_its_own_refusal_line() -> None:
    """A phone with its maker's account and Google's still signed in, and carrier-locked:
    the seller hears of both accounts at once. The carrier lock is no refusal."""
    both = replace(
        PHONE,
        platform=Platform.ANDROID,
        locks=Locks(
            activation_lock=LockState.ON,
            frp=LockState.ON,
            mdm=LockState.OFF,
            carrier=LockState.ON,
        ),
    )
    offer = _quote(both)
    assert _lines(offer) == [("refusal", "lock.account", 0), ("refusal", "lock.frp", 0)]
    assert [line.facts for line in offer.lines] == [
        ("locks.activation_lock=on",),
        ("locks.frp=on",),
    ]
    assert offer.total_fen == 0


def test_parts_only_verdict_prices_the_phone_for_parts() -> None:
    raw = yaml.safe_load(Path(STANDARD_PATH()).read_text(encoding="utf-8"))
    for rule in raw["rules"]:
        if rule["id"] == "lock.activation":
            rule["verdict"] = "parts_only"
    standard = Standard.model_validate(raw)
    locked = replace(PHONE, locks=replace(PHONE.locks, activation_lock=LockState.ON))
    verdict = grade(locked, [], standard)
    assert verdict.verdict is Verdict.PARTS_ONLY
    offer = quote(locked, verdict, SHEET, RULES, standard=standard)
    assert _lines(offer) == [("base", "parts-only", 35_000)]  # 25 % of the D price
    assert offer.lines[0].reason_zh.startswith("仅按配件回收")


def test_a_blocked_grade_without_a_lock_rule_is_still_refused() -> None:
    verdict = replace(grade(PHONE, [], STANDARD), verdict=Verdict.BLOCKED)
    offer = quote(PHONE, verdict, SHEET, RULES)
    assert _lines(offer) == [("refusal", "blocked", 0)]


def STANDARD_PATH() -> Path:  # noqa: N802
    from app.grading import default_standard_path

    return default_standard_path()


# --- overrides -----------------------------------------------------------------------


def test_override_up_needs_a_reason_but_no_manager() -> None:
    offer = _quote()
    raised = override(offer, 280_000, clerk="clerk-1", reason="seller has the receipt", at=AT)
    assert raised.total_fen == 280_000
    assert raised.lines[-1].kind is LineKind.OVERRIDE
    assert raised.lines[-1].amount_fen == 10_000
    assert raised.overrides[0].reason == "seller has the receipt"
    assert raised.quoted_fen == 270_000
    with pytest.raises(YanjiError, match="needs a reason"):
        override(offer, 280_000, clerk="clerk-1", reason="  ", at=AT)
    with pytest.raises(YanjiError, match="negative"):
        override(offer, -1, clerk="clerk-1", reason="x", at=AT, approved_by="boss")


def test_override_below_the_quote_needs_a_manager() -> None:
    offer = _quote()
    with pytest.raises(PinError, match="manager"):
        override(offer, 250_000, clerk="clerk-1", reason="scratch under the case", at=AT)
    lowered = override(
        offer, 250_000, clerk="clerk-1", reason="scratch under the case", at=AT, approved_by="boss"
    )
    assert lowered.overrides[0].approved_by == "boss"
    assert lowered.total_fen == 250_000


def test_pins_are_hashed_and_checked() -> None:
    stored = hash_pin("2468")
    # Stored as scheme, salt and digest, never the PIN itself. (The hex salt and digest
    # may contain "2468" by chance, about once in 400 runs, so no substring check.)
    scheme, salt, digest = stored.split("$")
    assert scheme == "scrypt" and len(bytes.fromhex(salt)) == 16 and len(digest) == 128
    assert hash_pin("2468") != stored  # salted: the same PIN never stores the same
    assert verify_pin("2468", stored)
    assert not verify_pin("1357", stored)
    assert not verify_pin("2468", None)
    assert not verify_pin("2468", "garbage")
    assert not verify_pin("2468", "md5$00$00")
    with pytest.raises(YanjiError, match="4 to 12 digits"):
        hash_pin("12")


def test_override_price_is_stored_and_audited(store: Store) -> None:
    record = store.create_draft("s", "clerk-1", PHONE)
    photograph(store, record.id)
    setup = pricing_setup(store)
    assert setup.sample
    quoted = price_inspection(store, record.id, setup)
    assert quoted.state is InspectionState.QUOTED
    assert quoted.grade is not None and quoted.grade.level == "S"
    assert quoted.quote is not None
    total = quoted.quote.total_fen
    pin_hash = hash_pin("2468")
    with pytest.raises(PinError, match="wrong"):
        override_price(
            store,
            record.id,
            total - 10_000,
            clerk="clerk-1",
            reason="dent",
            pin="1111",
            pin_hash=pin_hash,
        )
    with pytest.raises(PinError, match="no manager PIN"):
        override_price(
            store,
            record.id,
            total - 10_000,
            clerk="clerk-1",
            reason="dent",
            pin="1111",
            pin_hash=None,
        )
    changed = override_price(
        store,
        record.id,
        total - 10_000,
        clerk="clerk-1",
        reason="dent",
        pin="2468",
        pin_hash=pin_hash,
    )
    assert changed.quote is not None and changed.quote.total_fen == total - 10_000
    assert store.get(record.id).quote == changed.quote
    events = store.audit_events(record.id)
    assert [e["action"] for e in events][-2:] == ["quote.override_refused", "quote.override"]
    details = events[-1]["details"]
    assert (details["from_fen"], details["to_fen"], details["reason"], details["approved_by"]) == (
        total,
        total - 10_000,
        "dent",
        "manager",
    )


def test_a_phone_is_priced_once_each_capture_the_standard_requires_shows_it(
    store: Store,
) -> None:
    """A surface never photographed has no findings: priced, it would be priced as
    flawless. So the quote waits for the captures; a lock refuses the phone anyway."""
    from app import flow
    from app.demo import demo_frame

    setup = pricing_setup(store)
    assert setup.standard.photos_required == (
        PhotoStep.SCREEN_OFF,
        PhotoStep.PATTERN,
        PhotoStep.BACK,
        PhotoStep.SIDE,
    )
    record = store.create_draft("s", "clerk", PHONE)
    with pytest.raises(QuoteError) as missing:
        price_inspection(store, record.id, setup)
    assert missing.value.code == "not_photographed"
    assert str(missing.value) == (
        "not photographed yet: screen off, test pattern, back, sides; take these photos "
        "first, each showing the phone"
    )
    assert store.get(record.id).quote is None
    # A photo of the back in which no phone was found shows nothing: it does not count.
    mat = np.full((1080, 1440, 3), 90, np.uint8)
    back = flow.photograph(
        store, record.id, encode_still(mat), step=PhotoStep.BACK, surface=Surface.BACK
    )
    assert "no_phone" in back.photos[-1].problems
    with pytest.raises(QuoteError, match="not photographed yet: screen off, test pattern, back, "):
        price_inspection(store, record.id, setup)
    for step in (PhotoStep.SCREEN_OFF, PhotoStep.PATTERN):
        flow.photograph(
            store,
            record.id,
            encode_still(demo_frame(back, step)),
            step=step,
            surface=flow.STEP_SURFACE[step],
            pattern=Pattern.WHITE if step is PhotoStep.PATTERN else None,
        )
    # Each of the four sides is a capture of its own: two taken, two to go.
    for side in (PhoneSide.LEFT, PhoneSide.RIGHT):
        flow.photograph(
            store,
            record.id,
            encode_still(demo_frame(store.get(record.id), PhotoStep.SIDE)),
            step=PhotoStep.SIDE,
            surface=Surface.FRAME,
            size_mm=flow.photo_size_mm(PHONE, PhotoStep.SIDE, side),
            side=side,
        )
    with pytest.raises(QuoteError) as still:
        price_inspection(store, record.id, setup)
    assert str(still.value).startswith("not photographed yet: back, sides (top, bottom);")
    # The demo takes again the capture that showed no phone, and the sides left.
    again = photograph(store, record.id)
    assert [p.note for p in flow.captured(again)] == [
        "back",
        "screen_off",
        "pattern:white",
        "side:left",
        "side:right",
        "back",
        "side:top",
        "side:bottom",
    ]
    assert flow.sides_left(again) == ()
    assert price_inspection(store, record.id, setup).quote is not None
    # A locked phone is refused without a photo; a store that requires none prices so.
    locked = store.create_draft("s", "clerk", replace(PHONE, locks=Locks(LockState.ON)))
    refused = price_inspection(store, locked.id, setup).quote
    assert refused is not None and refused.refused
    lax = replace(setup, standard=setup.standard.model_copy(update={"photos_required": ()}))
    unphotographed = store.create_draft("s", "clerk", PHONE)
    assert price_inspection(store, unphotographed.id, lax).quote is not None


def test_pricing_needs_a_report_and_a_quote(store: Store) -> None:
    empty = store.create_draft("s", "c")
    with pytest.raises(YanjiError, match="no device report"):
        price_inspection(store, empty.id, pricing_setup(store))
    with pytest.raises(YanjiError, match="no quote"):
        override_price(store, empty.id, 1, clerk="c", reason="x")


def test_an_imported_sheet_is_used_before_the_sample(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("品牌,型号,容量,99新\n苹果,iPhone 15,128G,2600\n", encoding="utf-8")
    sheet = store.prices.import_file(path, STANDARD, effective=date(2026, 1, 1))
    assert pricing_setup(store).sheet == sheet
    assert pricing_setup(store, "1").sheet == sheet
    assert bundled_sample_sheet(STANDARD).version == 0


# --- reading the command-line inputs ----------------------------------------------------


def test_findings_from_vision_output(tmp_path: Path) -> None:
    one = {
        "phone_found": True,
        "problems": [],
        "surface": "screen",
        "findings": [
            {
                "kind": "scratch",
                "severity": "light",
                "confidence": 0.8,
                "length_mm": 2.5,
                "bbox_px": [1, 2, 3, 4],
                "extra": "ignored",
            }
        ],
    }
    two = {
        "phone_found": True,
        "problems": [],
        "findings": [{"kind": "crack", "surface": "back", "severity": "severe", "confidence": 0.7}],
    }
    path = tmp_path / "f.json"
    path.write_text(json.dumps([one, two]))
    found = read_findings(path)
    assert [(f.surface.value, f.kind.value) for f in found] == [
        ("screen", "scratch"),
        ("back", "crack"),
    ]
    path.write_text(json.dumps({"findings": [{"kind": "laser", "surface": "screen"}]}))
    with pytest.raises(YanjiError, match="entry 0: invalid Finding"):
        read_findings(path)
    path.write_text(json.dumps({"findings": "none"}))
    with pytest.raises(YanjiError, match="must be a list"):
        read_findings(path)
    path.write_text(
        json.dumps([{"kind": "dent", "surface": "frame", "severity": "light", "confidence": 1}])
    )
    assert read_findings(path)[0].kind is FindingKind.DENT


def test_report_file_errors_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text("{oops")
    with pytest.raises(YanjiError, match=r"r.json line 1: not valid JSON"):
        read_report(path)
    with pytest.raises(YanjiError, match="cannot read"):
        read_report(tmp_path / "missing.json")


# --- the rules file ---------------------------------------------------------------------


def _rules_error(change) -> str:  # type: ignore[no-untyped-def]
    raw = yaml.safe_load(default_rules_path().read_text(encoding="utf-8"))
    change(raw)
    with pytest.raises(DataFileError) as caught:
        parse_model(PricingRules, yaml.safe_dump(raw, allow_unicode=True), "adj.yaml")
    return str(caught.value)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r["adjustments"][0].update(fixed_yuan=5), "exactly one of 'percent'"),
        (lambda r: r["adjustments"][0].update(accessory_missing="box"), "exactly one of 'fact'"),
        (lambda r: r["adjustments"][0].update(when={"count_at_least": 1}), "'when' needs"),
        (lambda r: r["adjustments"][0].update(per_finding=True), "'per_finding' needs"),
        (lambda r: r["adjustments"].append(dict(r["adjustments"][0])), "used twice"),
        (lambda r: r["adjustments"][9].update(accessory_missing="hat"), "'hat' not listed"),
        (lambda r: r.update(rounding_step_yuan=0), "rounding_step_yuan"),
    ],
)
def test_bad_rules_are_refused(change, message: str) -> None:  # type: ignore[no-untyped-def]
    assert message in _rules_error(change)


def test_region_label() -> None:
    assert (region_label("HK"), region_label(None)) == ("港版", "?")


def test_an_android_phone_is_priced_for_the_market_its_hardware_was_made_for(
    store: Store,
) -> None:
    """The recorded POCO F6 says its hardware is India's (ro.boot.hwc=IN): the sample
    sheet's 海外版 row prices it, by the phone's word, not for want of another row."""
    from app import flow
    from app.demo import probe_recording
    from devices.replay import recorded_phones

    report = probe_recording(recorded_phones()["android-poco-f6-unlocked"])
    assert report.region == "IN"
    record = flow.start(store, "st", "clerk", report)
    photograph(store, record.id)
    base = price_inspection(store, record.id, pricing_setup(store)).quote.lines[0]
    assert base.kind is LineKind.BASE and "version 其他版本 from the phone" in base.facts
    # One made for China's market would be refused by this sheet, which has no 国行 row.
    chinese = flow.start(store, "st", "clerk", replace(report, region="CN"))
    photograph(store, chinese.id)
    with pytest.raises(QuoteError, match="has no 国行 row"):
        price_inspection(store, chinese.id, pricing_setup(store))
