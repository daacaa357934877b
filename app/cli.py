"""The `yanji` command line (also `python -m app`).

Errors a person can act on are one line on stderr and exit status 1; anything else is
logged with its traceback and reported in one line (exit 70) unless --verbose.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from app.errors import YanjiError
from app.paths import DataDir, resolve_data_dir
from app.text import pad, size_text

log = logging.getLogger("yanji")

EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70

Handler = Callable[[argparse.Namespace, DataDir], int]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    # OpenCV (imported later, when a photo is read) would print its own warning on a
    # truncated photo beside the one line that says what is wrong.
    os.environ.setdefault("OPENCV_LOG_LEVEL", "ERROR")
    parser = build_parser()
    args = parser.parse_args(argv)
    # Absent unless given, before or after the command (see build_parser).
    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    verbose = bool(getattr(args, "verbose", False))
    try:
        data_dir.ensure()
        from app.logs import setup_logging

        setup_logging(data_dir.logs, verbose)
        handler: Handler = args.handler
        return handler(args, data_dir)
    except YanjiError as exc:
        log.info("error: %s", exc)
        print(f"yanji: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if verbose:
            raise
        log.exception("internal error")
        print(
            f"yanji: internal error: {type(exc).__name__}: {exc} "
            f"(details in {data_dir.logs / 'yanji.log'}; rerun with --verbose)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir", default=argparse.SUPPRESS, help="data directory (else $YANJI_DATA_DIR)"
    )
    common.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=argparse.SUPPRESS,
        help="log to the terminal too, and show tracebacks",
    )
    parser = argparse.ArgumentParser(
        prog="yanji",
        description="Yanji (验机台): phone trade-in inspection station",
        parents=[common],
    )
    # No defaults for --data-dir and --verbose here: the parser and its commands share
    # those two options, and a default set on one is set on all, so that the command's
    # default would undo `yanji --data-dir DIR station`.
    parser.set_defaults(handler=_cmd_station, demo=False, headless=False)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    station = sub.add_parser("station", parents=[common], help="start the station (default)")
    station.add_argument("--demo", action="store_true", help="use the recorded demo phones")
    station.add_argument(
        "--headless", action="store_true", help="run the recorded demo without a window"
    )
    station.set_defaults(handler=_cmd_station)

    history = sub.add_parser("history", parents=[common], help="search and list inspections")
    history.add_argument("text", nargs="?", help="IMEI, serial, seller name or phone")
    history.add_argument("--imei")
    history.add_argument("--serial")
    history.add_argument("--seller", help="seller name (prefix) or phone number")
    history.add_argument("--since", type=_parse_date, help="from this date (YYYY-MM-DD)")
    history.add_argument("--until", type=_parse_date, help="up to and including this date")
    history.add_argument(
        "--grade", type=_parse_grade, help="a grade's letter (B) or its 成色 (9成新)"
    )
    history.add_argument("--state", choices=["draft", "reviewed", "quoted", "sealed", "erased"])
    history.add_argument("--limit", type=int, default=50, help="rows per page (default 50)")
    history.add_argument("--cursor", help="continue after the page that printed this cursor")
    history.add_argument("--json", action="store_true", help="print JSON instead of a table")
    history.set_defaults(handler=_cmd_history)

    show = sub.add_parser("show", parents=[common], help="one inspection as JSON")
    show.add_argument("id")
    show.set_defaults(handler=_cmd_show)

    db = sub.add_parser("db", parents=[common], help="database maintenance")
    db_sub = db.add_subparsers(title="db commands", metavar="COMMAND", required=True)
    db_check = db_sub.add_parser("check", parents=[common], help="check database and photos")
    db_check.set_defaults(handler=_cmd_db_check)
    db_backup = db_sub.add_parser("backup", parents=[common], help="online backup to PATH")
    db_backup.add_argument("path", type=Path)
    db_backup.set_defaults(handler=_cmd_db_backup)

    from app import cli_pricing

    cli_pricing.add_commands(sub, common)
    return parser


def _parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _parse_grade(value: str) -> str:
    """The grade's level (B) from its letter in any case or its 成色 label (9成新), as
    the shipped grading standard names them."""
    from app.grading import load_standard

    standard = load_standard()
    level = standard.level_for_label(value.strip()) or standard.level_for_label(
        value.strip().upper()
    )
    if level is None:
        chengse = standard.vocabularies["chengse"]
        named = ", ".join(f"{lv} ({chengse[lv]})" for lv in standard.levels)
        raise argparse.ArgumentTypeError(f"not a grade: {value!r} (the grades: {named})")
    return level


def _open_store(data_dir: DataDir) -> Any:
    from app.store import Store

    return Store.open(data_dir)


def _cmd_station(args: argparse.Namespace, data_dir: DataDir) -> int:
    if args.headless or not has_display():
        return _run_headless_demo(data_dir, explain=not args.headless)
    run_station = _load_gui()
    return run_station(data_dir, args.demo)


def _load_gui() -> Callable[[DataDir, bool], int]:
    """The GUI's entry function, found through the ``yanji.gui`` entry point that `ui`
    declares in pyproject.toml: app/ never imports ui/ (see docs/architecture.md)."""
    from importlib.metadata import entry_points

    found = entry_points(group="yanji.gui", name="station")
    if not found:
        raise YanjiError("the station window is not installed (no yanji.gui entry point)")
    try:
        run_station: Callable[[DataDir, bool], int] = next(iter(found)).load()
    except ImportError as exc:
        raise YanjiError(
            f"the window cannot start ({exc}); install the GUI libraries (see README) or run "
            "`yanji station --headless`"
        ) from None
    return run_station


def has_display() -> bool:
    """Whether a window can be shown (always on Windows and macOS)."""
    if not sys.platform.startswith("linux"):
        return True
    if os.environ.get("QT_QPA_PLATFORM", "").startswith(("offscreen", "minimal")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _run_headless_demo(data_dir: DataDir, explain: bool) -> int:
    from app.demo import run_headless_demo
    from app.settings import load_settings

    settings = load_settings(data_dir.settings)
    if explain:
        print("No display found: running the recorded demo without a window.")
    store = _open_store(data_dir)
    try:
        outcomes = run_headless_demo(store, settings.station.station_id, data_dir.exports)
    finally:
        store.close()
    for outcome in outcomes:
        device = outcome.inspection.device
        name = (device.marketing_name or device.model_code or "?") if device else "?"
        record = outcome.inspection
        if outcome.refusal:
            verdict = outcome.refusal
        elif record.grade and record.quote:
            chengse = record.grade.label("chengse")
            verdict = f"sealed, {chengse}, ¥{record.quote.total_fen / 100:,.0f}"
        else:
            verdict = record.state.value
        print(f"  {pad(name, 20)} {verdict}")
    print(f"Each record is written as JSON in {data_dir.exports}.")
    print(f"Records are in {data_dir.database}; see them with `yanji history`.")
    return 0


def _cmd_history(args: argparse.Namespace, data_dir: DataDir) -> int:
    from app.records import InspectionState
    from app.store import HistoryQuery

    if args.limit < 1:
        raise YanjiError("--limit must be at least 1")
    if args.since and args.until and args.since > args.until:
        # Else "No inspections match", as if the store were empty for those days.
        raise YanjiError(f"--since {args.since} is after --until {args.until}")
    query = HistoryQuery(
        text=args.text,
        imei=args.imei,
        serial=args.serial,
        seller=args.seller,
        since=_day_start(args.since),
        until=_day_start(args.until + timedelta(days=1)) if args.until else None,
        grade=args.grade,
        state=InspectionState(args.state) if args.state else None,
    )
    store = _open_store(data_dir)
    try:
        page = store.history(query, limit=args.limit, cursor=args.cursor)
    finally:
        store.close()
    if args.json:
        rows = [
            {
                "id": r.id,
                "created_at": r.created_at.isoformat(),
                "state": r.state.value,
                "model": r.model,
                "serial": r.serial,
                "grade": r.grade,
                "total_yuan": None if r.total_fen is None or r.refused else r.total_fen / 100,
                "refused": r.refused,
                "seller": r.seller_name,
            }
            for r in page.rows
        ]
        print(json.dumps({"rows": rows, "next_cursor": page.next_cursor}, ensure_ascii=False))
        return 0
    _print_table(page)
    return 0


def _day_start(day: date | None) -> datetime | None:
    if day is None:
        return None
    local = datetime.combine(day, time()).astimezone()
    return local.astimezone(UTC)


def _print_table(page: Any) -> None:
    if not page.rows:
        print("No inspections match.")
        return
    print(f"{'ID':<36}  {'created (local)':<16}  {'state':<8}  {'grade':<5}  {'price':>9}  model")
    for r in page.rows:
        created = r.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        price = "" if r.total_fen is None or r.refused else f"¥{r.total_fen / 100:,.0f}"
        state = "refused" if r.refused else r.state.value
        print(
            f"{r.id:<36}  {created:<16}  {state:<8}  {r.grade or '':<5}  "
            f"{price:>9}  {r.model or ''}"
        )
    if page.next_cursor:
        print(f"More: --cursor {page.next_cursor}")


def _cmd_show(args: argparse.Namespace, data_dir: DataDir) -> int:
    from app import codec

    store = _open_store(data_dir)
    try:
        inspection = store.get(args.id)
        events = store.audit_events(args.id)
    finally:
        store.close()
    record = codec.to_jsonable(inspection)
    print(json.dumps({"inspection": record, "audit": events}, indent=2, ensure_ascii=False))
    return 0


def _cmd_db_check(args: argparse.Namespace, data_dir: DataDir) -> int:
    from app.disk import LOW_BYTES, station_space
    from app.maintenance import check

    _open_store(data_dir).close()  # migrate first, so an old database is checked as used
    report = check(data_dir)
    print(f"{report.inspections} inspections, {report.photos} photos in {data_dir.root}")
    problems = {
        "SQLite integrity": report.integrity,
        "foreign keys": report.foreign_keys,
        "records altered after writing": report.altered_records,
        "photo files missing": report.missing_photos,
        "photo files corrupt": report.corrupt_photos,
        "photo files orphaned (not in database)": report.orphaned_photos,
    }
    for label, items in problems.items():
        status = "ok" if not items else f"{len(items)} problem(s)"
        print(f"  {label}: {status}")
        for item in items[:20]:
            print(f"    {item}")
    space = station_space(data_dir)
    low = f" (low: under {size_text(LOW_BYTES)})" if space.low else ""
    print(f"  disk: {size_text(space.free)} free of {size_text(space.total)}{low}")
    return 0 if report.ok else EXIT_ERROR


def _cmd_db_backup(args: argparse.Namespace, data_dir: DataDir) -> int:
    from app.maintenance import backup

    written = backup(data_dir, args.path.expanduser())
    print(f"Backed up the database to {written} ({written.stat().st_size:,} bytes).")
    print(f"Photos are not inside it; copy {data_dir.photos} as well.")
    return 0
