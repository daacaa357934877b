"""Grading and pricing applied to stored inspections: the price sheet in force, grade +
quote of a draft, and clerk overrides checked against the manager PIN and audited."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app import codec
from app.errors import YanjiError
from app.flow import photographed, sides_left
from app.grading import Standard, grade, load_standard
from app.price_sheet import PriceSheet, parse_sheet, read_table
from app.pricing import (
    MissingPhotos,
    PinError,
    PricingRules,
    QuoteContext,
    QuoteError,
    load_rules,
    override,
    quote,
    verify_pin,
)
from app.records import Inspection, InspectionState, PhotoStep, Verdict, utc_now
from app.store import Store
from devices.report import DeviceReport
from vision.finding import Finding


@dataclass(frozen=True, slots=True)
class PricingSetup:
    """What a quote needs besides the phone: standard, rules, and the price sheet."""

    standard: Standard
    rules: PricingRules
    sheet: PriceSheet
    sample: bool = False


def bundled_sample_sheet(standard: Standard) -> PriceSheet:
    """The sample sheet shipped in resources/prices/, not stored (version 0)."""
    from importlib import resources

    path = Path(str(resources.files("resources").joinpath("prices", "sample-2026-11.csv")))
    parsed = parse_sheet(read_table(path), standard, path.name)
    assert parsed.effective is not None
    return PriceSheet(
        id="sample",
        version=0,
        source=parsed.source or "sample",
        effective=parsed.effective,
        imported_at=utc_now(),
        file_name=path.name,
        file_sha256="",
        levels=parsed.levels,
        rows=parsed.rows,
    )


def pricing_setup(store: Store, sheet_key: str | None = None) -> PricingSetup:
    """The shipped standard and rules with the chosen sheet, else the one in force, else
    the bundled sample (flagged ``sample`` so callers can say so)."""
    standard = load_standard()
    rules = load_rules()
    if sheet_key:
        return PricingSetup(standard, rules, store.prices.get(sheet_key))
    sheet = store.prices.in_force()
    if sheet is not None:
        return PricingSetup(standard, rules, sheet)
    return PricingSetup(standard, rules, bundled_sample_sheet(standard), sample=True)


def price_inspection(
    store: Store, inspection_id: str, setup: PricingSetup, context: QuoteContext | None = None
) -> Inspection:
    """Grade and quote a stored draft from its report and findings; stores the result
    (state "quoted") and returns it. A `QuoteError` ("not_photographed") names the
    captures the standard requires that it lacks, unless a lock refuses the phone
    anyway."""
    record = store.get(inspection_id)
    if record.device is None:
        raise YanjiError(f"inspection {inspection_id} has no device report to price")
    verdict = grade(record.device, record.findings, setup.standard)
    missing = photos_missing(record, setup.standard)
    if missing and verdict.verdict is not Verdict.BLOCKED:
        raise QuoteError("not_photographed", MissingPhotos(missing, sides_left(record)))
    offer = quote(
        record.device,
        verdict,
        setup.sheet,
        setup.rules,
        findings=record.findings,
        standard=setup.standard,
        context=context,
    )
    return store.update(record.evolve(grade=verdict, quote=offer, state=InspectionState.QUOTED))


def photos_missing(record: Inspection, standard: Standard) -> tuple[PhotoStep, ...]:
    """The captures ``standard`` requires that ``record`` has no photo of the phone
    for (the sides: until each of the four has one): a photo in which no phone was
    found shows nothing to grade."""
    shown = photographed(record)
    return tuple(step for step in standard.photos_required if step not in shown)


def override_price(
    store: Store,
    inspection_id: str,
    new_total_fen: int,
    *,
    clerk: str,
    reason: str,
    pin: str | None = None,
    pin_hash: str | None = None,
    manager: str = "manager",
) -> Inspection:
    """Change the quoted total. A reason is always needed; below the quote the manager's
    PIN must match ``pin_hash``. The change is stored and audited (who, when, why)."""
    record = store.get(inspection_id)
    if record.quote is None:
        raise YanjiError(f"inspection {inspection_id} has no quote to change")
    approved_by = None
    if new_total_fen < record.quote.quoted_fen:
        if not pin_hash:
            raise PinError("pin_not_set")
        if not pin or not verify_pin(pin, pin_hash):
            store.record_event(clerk, "quote.override_refused", inspection_id, {"reason": reason})
            raise PinError("pin_wrong")
        approved_by = manager
    at = utc_now()
    changed = override(
        record.quote, new_total_fen, clerk=clerk, reason=reason, at=at, approved_by=approved_by
    )
    updated = store.update(record.evolve(quote=changed))
    store.record_event(
        clerk,
        "quote.override",
        inspection_id,
        {
            "from_fen": record.quote.total_fen,
            "to_fen": new_total_fen,
            "reason": reason,
            "approved_by": approved_by,
            "at": at.isoformat(),
        },
    )
    return updated


def read_report(path: Path) -> DeviceReport:
    """A DeviceReport from the JSON `python -m devices parse` prints."""
    try:
        return codec.from_json(DeviceReport, _read_json(path))
    except codec.RecordError as exc:
        raise YanjiError(f"{path}: {exc}") from None


def read_findings(path: Path) -> list[Finding]:
    """Findings from the JSON `python -m vision analyze --json` prints, or a list of such
    outputs, or a plain list of findings."""
    data = _read_json(path)
    outputs: Sequence[Any] = data if isinstance(data, list) else [data]
    found: list[Finding] = []
    for index, output in enumerate(outputs):
        if isinstance(output, dict) and "findings" in output:
            surface = output.get("surface")
            items = output["findings"]
        else:
            surface, items = None, [output]
        if not isinstance(items, list):
            raise YanjiError(f"{path}: entry {index}: 'findings' must be a list")
        for item in items:
            given = item
            if isinstance(item, dict) and surface and "surface" not in item:
                given = {**item, "surface": surface}
            try:
                found.append(codec.from_json(Finding, given))
            except codec.RecordError as exc:
                raise YanjiError(f"{path}: entry {index}: {exc}") from None
    return found


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise YanjiError(f"cannot read {path}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise YanjiError(f"{path} line {exc.lineno}: not valid JSON ({exc.msg})") from None
