"""`yanji price import|list`, `yanji quote` and `yanji settings manager-pin|repair`."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from app import codec
from app.errors import YanjiError
from app.paths import DataDir
from app.records import Grade, LineKind, Quote
from app.text import money, pad


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Register the pricing commands on the main parser's subparsers."""
    price = sub.add_parser("price", parents=[common], help="price sheets")
    price_sub = price.add_subparsers(title="price commands", metavar="COMMAND", required=True)
    imp = price_sub.add_parser("import", parents=[common], help="import a CSV or XLSX sheet")
    imp.add_argument("file", type=Path)
    imp.add_argument("--source", help="where the prices come from (else the sheet's own line)")
    imp.add_argument("--effective", type=date.fromisoformat, help="YYYY-MM-DD (else the sheet's)")
    imp.set_defaults(handler=_cmd_price_import)
    lst = price_sub.add_parser("list", parents=[common], help="imported sheets")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=_cmd_price_list)

    q = sub.add_parser("quote", parents=[common], help="grade and price a phone from JSON")
    q.add_argument("--report", type=Path, required=True, help="`python -m devices parse` JSON")
    q.add_argument("--findings", type=Path, help="`python -m vision analyze --json` JSON")
    q.add_argument("--sheet", help="price sheet id or version (else the one in force)")
    q.add_argument("--missing", default="", help="missing accessories, e.g. box,charger")
    q.add_argument("--lang", choices=["zh", "en"], default="zh")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=_cmd_quote)

    settings = sub.add_parser("settings", parents=[common], help="station settings")
    settings_sub = settings.add_subparsers(title="settings", metavar="COMMAND", required=True)
    pin = settings_sub.add_parser(
        "manager-pin", parents=[common], help="set the manager PIN (read from the terminal)"
    )
    pin.set_defaults(handler=_cmd_manager_pin)
    repair = settings_sub.add_parser(
        "repair",
        parents=[common],
        help="put each setting that cannot be used back to its default (the file is kept)",
    )
    repair.set_defaults(handler=_cmd_repair_settings)


def _open(data_dir: DataDir) -> Any:
    from app.store import Store

    return Store.open(data_dir)


def _cmd_price_import(args: argparse.Namespace, data_dir: DataDir) -> int:
    from app.grading import load_standard
    from app.price_sheet import PriceSheetError

    store = _open(data_dir)
    try:
        sheet = store.prices.import_file(args.file, load_standard(), args.source, args.effective)
    except PriceSheetError as exc:
        for problem in exc.problems:
            print(f"{args.file}: {problem}", file=sys.stderr)
        print(f"yanji: {len(exc.problems)} problem(s); nothing imported", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"yanji: error: cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    models = len({(r.brand, r.model) for r in sheet.rows})
    print(f"Imported {args.file.name} as price sheet version {sheet.version} ({sheet.id}):")
    print(
        f"  {len(sheet.rows)} rows, {models} models, effective {sheet.effective}, "
        f"source {sheet.source}"
    )
    return 0


def _cmd_price_list(args: argparse.Namespace, data_dir: DataDir) -> int:
    store = _open(data_dir)
    try:
        sheets = store.prices.list()
        current = store.prices.in_force()
    finally:
        store.close()
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "id": s.id,
                        "version": s.version,
                        "effective": s.effective.isoformat(),
                        "source": s.source,
                        "rows": len(s.rows),
                        "file": s.file_name,
                        "in_force": current is not None and s.id == current.id,
                    }
                    for s in sheets
                ],
                ensure_ascii=False,
            )
        )
        return 0
    if not sheets:
        print(
            "No price sheets imported; quotes use the bundled sample. "
            "Import one with `yanji price import FILE`."
        )
        return 0
    print(f"{'':2}{'version':>7}  {'effective':<10}  {'rows':>5}  source")
    for s in sheets:
        mark = "*" if current is not None and s.id == current.id else " "
        print(
            f"{mark:2}{s.version:>7}  {s.effective.isoformat():<10}  {len(s.rows):>5}  {s.source}"
        )
    print("* in force (the newest already effective)")
    return 0


def _cmd_quote(args: argparse.Namespace, data_dir: DataDir) -> int:
    from app.grading import grade
    from app.price_sheet import sale_region
    from app.pricing import QuoteContext, quote, region_label
    from app.quoting import pricing_setup, read_findings, read_report

    report = read_report(args.report)
    findings = read_findings(args.findings) if args.findings else []
    store = _open(data_dir)
    try:
        setup = pricing_setup(store, args.sheet)
    finally:
        store.close()
    if setup.sample:
        print("yanji: no price sheet imported; using the bundled sample prices", file=sys.stderr)
    missing = frozenset(a.strip() for a in args.missing.split(",") if a.strip())
    unknown = missing - set(setup.rules.accessories)
    if unknown:
        raise YanjiError(
            f"unknown accessory {', '.join(sorted(unknown))}; "
            f"known: {', '.join(setup.rules.accessories)}"
        )
    verdict = grade(report, findings, setup.standard)
    offer = quote(
        report,
        verdict,
        setup.sheet,
        setup.rules,
        findings=findings,
        standard=setup.standard,
        context=QuoteContext(missing_accessories=missing),
    )
    if args.json:
        print(
            json.dumps(
                {
                    "grade": codec.to_jsonable(verdict),
                    "quote": codec.to_jsonable(offer),
                    "sheet": {
                        "id": setup.sheet.id,
                        "version": setup.sheet.version,
                        "source": setup.sheet.source,
                        "effective": setup.sheet.effective.isoformat(),
                    },
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    zh = args.lang == "zh"
    name = report.marketing_name or report.model_code or "?"
    region = region_label(sale_region(report.region)) if report.region else ""
    print(f"{name}  {report.storage_gb or '?'}GB  {region}".rstrip())
    print(_grade_line(verdict, zh))
    for hit in verdict.rules:
        text = hit.description_zh if zh else hit.description_en
        print(f"  · {text}  [{hit.rule_id}; {', '.join(hit.facts)}]")
    head = "报价" if zh else "Quote"
    print(f"{head} (v{setup.sheet.version} {setup.sheet.source}, {setup.sheet.effective}):")
    _print_lines(offer, zh)
    return 0


def _grade_line(verdict: Grade, zh: bool) -> str:
    labels = {g.vocabulary: g.label for g in verdict.labels}
    state = {
        "sellable": ("可回收", "can be bought"),
        "parts_only": ("仅回收配件", "parts only"),
        "blocked": ("不能回收", "cannot be bought"),
    }[verdict.verdict.value]
    if zh:
        return (
            f"成色 {labels['chengse']} · CTIA {labels['ctia_cosmetic']}/"
            f"{labels['ctia_functional']} · 屏幕 {labels['screen']} · {state[0]}"
        )
    return (
        f"Grade {verdict.level} ({labels['chengse']}) · CTIA {labels['ctia_cosmetic']}/"
        f"{labels['ctia_functional']} · screen {labels['screen']} · {state[1]}"
    )


def _print_lines(offer: Quote, zh: bool) -> None:
    width = 52
    for line in offer.lines:
        text = line.reason_zh if zh else line.reason_en
        amount = "—" if line.kind is LineKind.REFUSAL else money(line.amount_fen)
        print(f"  {pad(text, width)} {amount:>12}")
    total = "合计" if zh else "Total"
    print(f"  {pad(total, width)} {money(offer.total_fen):>12}")


def _cmd_manager_pin(args: argparse.Namespace, data_dir: DataDir) -> int:
    from app.pricing import hash_pin
    from app.settings import load_settings, save_settings

    settings = load_settings(data_dir.settings)
    pin = getpass.getpass("New manager PIN (4-12 digits): ")
    if getpass.getpass("Again: ") != pin:
        raise YanjiError("the two PINs differ; nothing changed")
    pricing = settings.pricing.model_copy(update={"manager_pin_hash": hash_pin(pin)})
    save_settings(data_dir.settings, settings.model_copy(update={"pricing": pricing}))
    print("Manager PIN set.")
    return 0


def _cmd_repair_settings(args: argparse.Namespace, data_dir: DataDir) -> int:
    from app.errors import SettingsError
    from app.settings import load_settings, recover_settings

    try:
        load_settings(data_dir.settings)
    except SettingsError:
        pass
    else:
        print("Nothing to repair: the settings can be used.")
        return 0
    recovered = recover_settings(data_dir.settings)
    for problem in recovered.problems:
        print(f"{problem}: {_now(recovered.settings, problem)}")
    print(f"The file as it was is kept as {recovered.kept}.")
    if recovered.settings.pricing.manager_pin_hash is None:
        print("No manager PIN is set: set one with `yanji settings manager-pin`.")
    return 0


def _now(settings: Any, problem: Any) -> str:
    """What a setting that could not be used is now."""
    if problem.setting is None:
        return f"every setting is back to its default (station id {settings.station.station_id})"
    if problem.code == "unknown":
        return "removed"
    value: Any = settings
    for key in problem.setting.split("."):
        value = getattr(value, key, None)
    if isinstance(value, BaseModel):
        return "the section is back to its defaults"
    return f"now {json.dumps(value, ensure_ascii=False)} (the default)"
