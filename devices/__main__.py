"""`python -m devices`: parse recorded output, watch for phones, probe a phone.

    python -m devices parse --getprop FILE [--battery FILE]
    python -m devices parse --lockdown FILE [--battery FILE]
    python -m devices watch [--tcp HOST:PORT ...] [--replay]
    python -m devices probe [--serial S] [--tcp HOST:PORT] [--replay NAME] [--json]

An unreadable or malformed file exits 2 with one line naming the file.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from devices.errors import ParseError, PhoneUnavailable
from devices.jsonio import report_to_json
from devices.report import DeviceReport

if TYPE_CHECKING:
    from devices.replay import Recording
    from devices.sources import StationProber
    from devices.watcher import PhoneRef, PhoneSource


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except PhoneUnavailable as exc:
        print(f"devices: {exc.state.value}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m devices", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(required=True, metavar="COMMAND")
    parse = sub.add_parser("parse", help="parse recorded device output into a report (JSON)")
    source = parse.add_mutually_exclusive_group(required=True)
    source.add_argument("--getprop", type=Path, help="`adb shell getprop` output")
    source.add_argument("--lockdown", type=Path, help="lockdown values: JSON, plist or ideviceinfo")
    parse.add_argument(
        "--battery", type=Path, help="`dumpsys battery` text or AppleSmartBattery dict"
    )
    parse.set_defaults(handler=_cmd_parse)
    for name, helptext in (
        ("watch", "list phones as they come and go"),
        ("probe", "probe one phone"),
    ):
        command = sub.add_parser(name, help=helptext)
        command.add_argument("--tcp", action="append", default=[], help="adb over TCP: HOST:PORT")
        command.add_argument(
            "--replay", nargs="?", const="*", help="recorded phones (or one by name)"
        )
        command.add_argument(
            "--data-dir", type=Path, help="where the ADB key and pair records live"
        )
        command.add_argument("--json", action="store_true")
        if name == "probe":
            command.add_argument("--serial", help="the phone's serial or UDID (else the first)")
        command.set_defaults(handler=_cmd_watch if name == "watch" else _cmd_probe)
    return parser


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SystemExit(_fail(path, exc.strerror or str(exc))) from None


def _fail(path: Path, why: str) -> int:
    print(f"devices: {path}: {why}", file=sys.stderr)
    return 2


def _cmd_parse(args: argparse.Namespace) -> int:
    from devices.android_parse import android_report, parse_getprop
    from devices.ios_parse import ios_report, load_values
    from devices.textio import decode

    path = args.getprop or args.lockdown
    try:
        if args.getprop:
            text = decode(_read(args.getprop))
            parse_getprop(text)
            sections = {"getprop": text}
            if args.battery:
                path = args.battery
                battery = decode(_read(args.battery))
                dumpsys, _, uevent = battery.partition("\nUevent\n")
                sections |= {"battery": dumpsys, "uevent": uevent}
            report: DeviceReport = android_report(sections, {})
        else:
            values = load_values(_read(args.lockdown))
            battery_values = None
            if args.battery:
                path = args.battery
                battery_values = load_values(_read(args.battery))
            path = args.lockdown
            report = ios_report(values, battery=battery_values)
    except ParseError as exc:
        return _fail(path, str(exc))
    print(report_to_json(report))
    return 0


def _data_dir(args: argparse.Namespace) -> Path:
    if args.data_dir:
        return Path(args.data_dir)
    if os.environ.get("YANJI_DATA_DIR"):
        return Path(os.environ["YANJI_DATA_DIR"])
    from platformdirs import user_data_dir

    return Path(user_data_dir("yanji", appauthor=False))


def _setup(args: argparse.Namespace) -> tuple[list[PhoneSource], StationProber]:
    from devices.replay import recorded_phones
    from devices.sources import AdbTcpSource, AdbUsbSource, ReplaySource, StationProber

    recordings: dict[str, Recording] = {}
    sources: list[PhoneSource] = []
    if args.replay:
        everything = recorded_phones()
        recordings = everything if args.replay == "*" else {args.replay: everything[args.replay]}
        sources.append(ReplaySource(recordings.values()))
    else:
        sources.append(AdbUsbSource())
        if args.tcp:
            sources.append(AdbTcpSource(args.tcp))
    return sources, StationProber(_data_dir(args), recordings)


def _cmd_probe(args: argparse.Namespace) -> int:
    sources, prober = _setup(args)
    phones = [p for s in sources for p in s.list_phones()]
    if not args.replay:
        phones += _iphones(prober)
    if args.serial:
        phones = [p for p in phones if args.serial in (p.serial, p.address)]
    if not phones:
        print(
            "devices: no phone found (is USB debugging on / is the iPhone trusted?)",
            file=sys.stderr,
        )
        return 1
    report = prober(phones[0])
    if args.json:
        print(report_to_json(report))
    else:
        _print_report(report)
    return 0


def _iphones(prober: StationProber) -> list[PhoneRef]:
    from devices.sources import UsbmuxSource

    try:
        return UsbmuxSource(prober.loop).list_phones()
    except (OSError, ConnectionError, TimeoutError):
        return []  # no usbmuxd running: no iPhones


def _print_report(report: DeviceReport) -> None:
    warnings = [f"LOCK {name} is ON" for name in report.locks.blocking()]
    if report.integrity.bootloader_unlocked:
        warnings.append("bootloader UNLOCKED")
    if report.integrity.rooted:
        warnings.append("ROOTED / jailbroken")
    for line in warnings:
        print(f"!! {line}")
    print(
        f"{report.full_name()}  "
        f"{report.storage_gb or '?'} GB  {report.os_version or ''}  serial {report.serial}"
    )
    print(
        f"IMEI {', '.join(report.imeis) or '-'}  battery {report.battery.health_percent or '?'} %"
        f"  cycles {report.battery.cycle_count or '?'}"
    )
    for problem in report.problems:
        print(f"   ? {problem}")


def _cmd_watch(args: argparse.Namespace) -> int:
    from devices.watcher import PhoneEvent, Watcher

    sources, prober = _setup(args)
    if not args.replay:
        from devices.sources import UsbmuxSource

        sources.append(UsbmuxSource(prober.loop))
    printed = threading.Lock()

    def show(event: PhoneEvent) -> None:
        with printed:
            what = event.report.marketing_name if event.report else event.message
            print(
                f"{event.kind:<8} {event.phone.platform:<8} {event.phone.serial:<20} "
                f"{event.state.value:<20} {what or ''}",
                flush=True,
            )

    watcher = Watcher(sources, prober, show)
    print("Watching for phones; Ctrl+C to stop.", flush=True)
    watcher.start()
    try:
        threading.Event().wait()
    finally:
        watcher.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
