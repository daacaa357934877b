"""Pure parsers of what an Android phone prints over adb, and the DeviceReport built
from them. No I/O: the transport (devices/android.py) runs the commands in
``PROBE_SECTIONS`` in one batched shell call and hands the text here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from devices.catalogue import android_name
from devices.errors import ParseError
from devices.report import (
    Battery,
    ChargeState,
    DeviceReport,
    Integrity,
    LockEvidence,
    Locks,
    LockState,
    Part,
    Platform,
)
from devices.textio import decode, luhn_ok

#: What one probe asks, in order: (section name, shell command). Run as one batch per
#: group so a probe costs two round trips.
PROBE_GROUPS: tuple[tuple[tuple[str, str], ...], ...] = (
    (
        ("getprop", "getprop"),
        ("battery", "dumpsys battery"),
        ("uevent", "cat /sys/class/power_supply/battery/uevent"),
        ("screen", "wm size"),
        ("memory", "cat /proc/meminfo"),
        ("storage", "df /data"),
    ),
    (
        ("accounts", "dumpsys account"),
        ("owners", "dpm list-owners"),
        ("su", "which su"),
        ("magisk", "pm list packages com.topjohnwu.magisk"),
        ("imei", "service call iphonesubinfo 1 s16 com.android.shell"),
        ("imei2", "service call iphonesubinfo 3 i32 1 s16 com.android.shell"),
    ),
)
SECTION_WHAT = {
    "getprop": "identity",
    "battery": "battery",
    "uevent": "battery details",
    "screen": "screen size",
    "memory": "memory",
    "storage": "storage",
    "accounts": "accounts (maker account lock, FRP)",
    "owners": "device owner (MDM)",
    "su": "root",
    "magisk": "root",
    "imei": "IMEI",
    "imei2": "IMEI",
}
END_MARK = "@@end"
_MARK = re.compile(r"^@@([a-z0-9_]+)$")

# Marketing-name properties, the phone's own words first (Xiaomi; Huawei/Honor;
# OPPO/OnePlus/realme; vivo; then vendor/odm copies some firmwares carry).
MARKETING_PROPS = (
    "ro.product.marketname",
    "ro.config.marketing_name",
    "ro.vendor.oplus.market.name",
    "ro.oppo.market.name",
    "ro.vendor.oplus.market.enname",
    "ro.vivo.market.name",
    "ro.product.vendor.marketname",
    "ro.product.odm.marketname",
)
#: Where an Android phone says which market its hardware was made for (its version of
#: sale, 国行 or 海外版): Xiaomi's and realme's hardware country (CN, GL, IN, GLOBAL,
#: INDIA), and OPPO's and OnePlus's region (CN, OverSeas). The user's own region and
#: language (ro.miui.region, persist.sys.locale) say where the phone is used, not
#: where it was sold, so they are not read.
REGION_PROPS = ("ro.boot.hwc", "persist.sys.oem.region")
IMEI_PROPS = ("persist.radio.imei1", "persist.radio.imei", "ro.ril.oem.imei", "persist.radio.imei2")
MARKET_SIZES_GB = (8, 16, 32, 64, 128, 256, 512, 1024, 2048)
CHARGE_STATES = {
    "2": ChargeState.CHARGING,
    "3": ChargeState.DISCHARGING,
    "4": ChargeState.NOT_CHARGING,
    "5": ChargeState.FULL,
}


def batch_command(group: tuple[tuple[str, str], ...]) -> str:
    """One shell line that runs every command of ``group``, each after a marker line,
    with errors folded into the output and an end marker to detect a cut-off."""
    parts = [f"echo @@{name}; {command} 2>&1" for name, command in group]
    return "; ".join([*parts, f"echo {END_MARK}"])


def split_sections(text: str) -> tuple[dict[str, str], bool]:
    """Sections of a batch's output by name, and whether the end marker arrived."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    complete = False
    for line in decode(text).split("\n"):
        mark = _MARK.match(line.strip())
        if mark and mark[1] == END_MARK[2:]:
            complete = True
            break
        if mark:
            current = sections.setdefault(mark[1], [])
        elif current is not None:
            current.append(line)
    return {k: "\n".join(v).strip("\n") for k, v in sections.items()}, complete


def parse_getprop(text: str | bytes) -> dict[str, str]:
    """``getprop`` output as a dict. Values may span lines; UTF-16 with a BOM and CRLF
    are accepted. ParseError when nothing in it looks like getprop."""
    body = decode(text)
    props = {
        m[1]: m[2]
        for m in re.finditer(r"^\[([^\]\n]+)\]: \[(.*?)\]$(?=\n\[|\n*\Z)", body, re.M | re.S)
    }
    if not props and body.strip():
        raise ParseError("no [property]: [value] lines found; is this `adb shell getprop`?")
    return props


def parse_key_values(text: str) -> dict[str, str]:
    """``key: value`` (dumpsys) and ``KEY=value`` (uevent, POWER_SUPPLY_ prefix dropped)
    lines; the first occurrence of a key wins."""
    found: dict[str, str] = {}
    for raw in decode(text).split("\n"):
        line = raw.strip()
        match = re.match(r"^([A-Za-z][\w .-]*?)\s*(?::\s|=)(.*)$", line) or re.match(
            r"^([A-Za-z][\w .-]*?):$", line
        )
        if match:
            key = match[1].removeprefix("POWER_SUPPLY_")
            found.setdefault(key, match[2].strip() if match.lastindex == 2 else "")
    return found


def parse_battery(dumpsys: str, uevent: str = "") -> tuple[Battery, tuple[str, ...]]:
    """Battery from ``dumpsys battery`` and the power-supply uevent, plus problems.
    Health: the vendor's own figure (Samsung ``mSavedBatteryAsoc``) else full charge
    over design capacity; cycle count where the kernel or vendor exposes it."""
    state = parse_key_values(dumpsys)
    kernel = parse_key_values(uevent)
    problems: list[str] = []
    if dumpsys.strip() and "level" not in state:
        raise ParseError("no 'level:' line; is this `adb shell dumpsys battery`?")
    health = _number(state.get("mSavedBatteryAsoc"))
    full, design = _number(kernel.get("CHARGE_FULL")), _number(kernel.get("CHARGE_FULL_DESIGN"))
    if health is None and full and design:
        health = round(100 * full / design, 1)
    if health is None:
        problems.append("battery health: this phone does not expose its capacity over adb")
    cycles = _number(kernel.get("CYCLE_COUNT") or state.get("cycle count"))
    if cycles is None:
        problems.append("battery cycle count: not exposed by this phone")
    temperature = _number(state.get("temperature"))
    return (
        Battery(
            health_percent=health,
            cycle_count=None if cycles is None else int(cycles),
            design_capacity_mah=None if design is None else round(design / 1000),
            full_capacity_mah=None if full is None else round(full / 1000),
            temperature_c=None if temperature is None else temperature / 10,
            charge_state=CHARGE_STATES.get(state.get("status", ""), ChargeState.UNKNOWN),
            level_percent=None if _number(state.get("level")) is None else int(state["level"]),
        ),
        tuple(problems),
    )


def _number(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        return float(text)
    except ValueError:
        return None


def parse_parcel_string(text: str) -> str | None:
    """The digits of a ``service call`` Parcel holding a string (an IMEI), or None when
    the call was refused (Android 10+ without privileged permission)."""
    if "Parcel" not in text:
        return None
    chunks = "".join(re.findall(r"'([^']*)'", text)).replace(".", "")
    digits = re.sub(r"\D", "", chunks)
    return digits if 14 <= len(digits) <= 16 else None


def parse_accounts(text: str) -> list[tuple[str, str]]:
    """(name, type) of every account ``dumpsys account`` lists."""
    return re.findall(r"Account \{name=([^,]*), type=([^}]*)\}", text)


def _round_up(value: float, sizes: tuple[int, ...]) -> int | None:
    return next((size for size in sizes if size >= value * 0.98), None)


def parse_memory_gb(text: str) -> float | None:
    """Marketed RAM from /proc/meminfo (MemTotal is a little under the chip size)."""
    match = re.search(r"MemTotal:\s+(\d+)\s*kB", text)
    if not match:
        return None
    return _round_up(int(match[1]) / 1024 / 1024, (1, 2, 3, 4, 6, 8, 12, 16, 18, 24, 32))


def parse_storage_gb(text: str) -> int | None:
    """Marketed capacity from ``df /data`` (1K blocks): the next size up from /data."""
    for line in text.split("\n")[1:]:
        fields = line.split()
        if len(fields) >= 2 and fields[1].isdigit():
            # /data is the capacity less the system partitions: the next size up.
            return _round_up(int(fields[1]) / 1024 / 1024, MARKET_SIZES_GB)
    return None


def parse_screen(text: str) -> tuple[int, int] | None:
    """(width, height) from ``wm size``'s physical size."""
    match = re.search(r"Physical size:\s*(\d+)x(\d+)", text)
    return (int(match[1]), int(match[2])) if match else None


def android_report(sections: Mapping[str, str], missing: Mapping[str, str]) -> DeviceReport:
    """The report from the sections a probe got; ``missing`` maps a section that was not
    read to why (e.g. "disconnected", giving "disconnected while reading battery")."""
    problems = list(
        dict.fromkeys(f"{why} while reading {SECTION_WHAT[n]}" for n, why in missing.items())
    )
    props = parse_getprop(sections.get("getprop", ""))
    battery: Battery = Battery()
    battery_problems: tuple[str, ...] = ()
    if "battery" in sections:
        battery, battery_problems = parse_battery(sections["battery"], sections.get("uevent", ""))
    problems.extend(battery_problems)
    imeis = _imeis(props, sections, problems)
    locks = _locks(sections)
    brand, name = _names(props)
    storage = parse_storage_gb(sections.get("storage", ""))
    ram = parse_memory_gb(sections.get("memory", ""))
    screen = parse_screen(sections.get("screen", ""))
    for key, value, what in (
        ("storage", storage, "storage: `df /data` gave no size"),
        ("memory", ram, "RAM: /proc/meminfo gave no MemTotal"),
        ("screen", screen, "screen resolution: `wm size` gave none"),
    ):
        if key in sections and value is None:
            problems.append(what)
    # Android has no adb-readable carrier-lock state (locks.carrier stays unknown).
    problems.append("carrier lock: Android does not report it over adb; try a foreign SIM")
    return DeviceReport(
        platform=Platform.ANDROID,
        brand=brand,
        manufacturer=props.get("ro.product.manufacturer"),
        model_code=props.get("ro.product.model"),
        marketing_name=name,
        storage_gb=storage,
        ram_gb=ram,
        region=next((props[k].strip() for k in REGION_PROPS if props.get(k, "").strip()), None),
        serial=props.get("ro.serialno") or props.get("ro.boot.serialno"),
        imeis=imeis,
        os_version=props.get("ro.build.version.release"),
        os_build=props.get("ro.build.display.id") or props.get("ro.build.id"),
        screen_resolution=screen,
        battery=battery,
        locks=locks,
        integrity=_integrity(props, sections),
        parts=_parts(sections),
        problems=tuple(problems),
    )


def _names(props: Mapping[str, str]) -> tuple[str | None, str | None]:
    brand = props.get("ro.product.brand")
    for key in MARKETING_PROPS:
        if props.get(key):
            return brand, props[key]
    known = android_name(props.get("ro.product.model"))
    if known:
        return brand or known[0], known[1]
    return brand, None


def _imeis(
    props: Mapping[str, str], sections: Mapping[str, str], problems: list[str]
) -> tuple[str, ...]:
    found = [parse_parcel_string(sections.get(n, "")) for n in ("imei", "imei2")]
    found += [props.get(key) for key in IMEI_PROPS]
    valid = tuple(dict.fromkeys(i for i in found if i and luhn_ok(i)))
    bad = [i for i in found if i and not luhn_ok(i)]
    if bad:
        problems.append(f"IMEI: {', '.join(sorted(set(bad)))} fails the Luhn check; ignored")
    if not valid and "imei" in sections:
        problems.append(
            "IMEI: Android 10+ does not give it over adb without root; "
            "dial *#06# on the phone and type it in"
        )
    return valid


def _locks(sections: Mapping[str, str]) -> Locks:
    evidence: list[LockEvidence] = []
    frp = activation = LockState.UNKNOWN
    if "accounts" in sections:
        accounts = parse_accounts(sections["accounts"])
        # A Google account arms Factory Reset Protection; a vendor account with "find
        # my device" (Xiaomi, Huawei ID, Honor ID, Samsung, OPPO, vivo) re-locks the
        # phone to that account after a reset, like Apple's Activation Lock.
        google = [n for n, t in accounts if t == "com.google"]
        vendor = [(n, t) for n, t in accounts if t in _VENDOR_ACCOUNTS]
        frp = LockState.ON if google else LockState.OFF
        activation = LockState.ON if vendor else LockState.OFF
        evidence.append(
            LockEvidence("frp", "dumpsys account com.google", ", ".join(google) or "none")
        )
        evidence.append(
            LockEvidence(
                "activation_lock",
                "dumpsys account (vendor accounts)",
                ", ".join(f"{_VENDOR_ACCOUNTS[t]}:{n}" for n, t in vendor) or "none",
            )
        )
    mdm = LockState.UNKNOWN
    owners = sections.get("owners")
    if owners is not None:
        if re.search(r"(Device|Profile) owner", owners, re.I):
            mdm = LockState.ON
        elif "no owners" in owners.lower():
            mdm = LockState.OFF
        evidence.append(LockEvidence("mdm", "dpm list-owners", owners.strip()[:200] or "(empty)"))
    return Locks(
        activation_lock=activation,
        frp=frp,
        mdm=mdm,
        carrier=LockState.UNKNOWN,
        evidence=tuple(evidence),
    )


_VENDOR_ACCOUNTS = {
    "com.xiaomi": "Xiaomi",
    "com.huawei.hwid": "Huawei ID",
    "com.osp.app.signin": "Samsung account",
    "com.hihonor.id": "Honor ID",
    "com.oplus.account": "OPPO account",
    "com.bbk.account": "vivo account",
}


def _integrity(props: Mapping[str, str], sections: Mapping[str, str]) -> Integrity:
    evidence: list[str] = []
    unlocked: bool | None = None
    flash = props.get("ro.boot.flash.locked")
    state = props.get("ro.boot.verifiedbootstate")
    vbmeta = props.get("ro.boot.vbmeta.device_state")
    if flash in ("0", "1"):
        unlocked = flash == "0"
        evidence.append(f"ro.boot.flash.locked={flash}")
    if state:
        evidence.append(f"ro.boot.verifiedbootstate={state}")
        if state in ("orange", "yellow"):
            unlocked = True
        elif unlocked is None and state == "green":
            unlocked = False
    if vbmeta:
        evidence.append(f"ro.boot.vbmeta.device_state={vbmeta}")
        unlocked = True if vbmeta == "unlocked" else unlocked
    rooted = _rooted(props, sections, evidence)
    return Integrity(bootloader_unlocked=unlocked, rooted=rooted, evidence=tuple(evidence))


def _rooted(
    props: Mapping[str, str], sections: Mapping[str, str], evidence: list[str]
) -> bool | None:
    signs = []
    su = sections.get("su", "").strip().splitlines()
    if su and re.fullmatch(r"/\S*/su", su[0]):
        signs.append(f"su at {su[0]}")
    if "package:com.topjohnwu.magisk" in sections.get("magisk", ""):
        signs.append("Magisk app installed")
    if props.get("ro.debuggable") == "1" and props.get("ro.build.type") == "user":
        signs.append("ro.debuggable=1 on a user build")
    evidence.extend(signs)
    if signs:
        return True
    if "su" in sections and "magisk" in sections:
        return False
    return None


def _parts(sections: Mapping[str, str]) -> tuple[Part, ...]:
    kernel = parse_key_values(sections.get("uevent", ""))
    serial = kernel.get("SERIAL_NUMBER") or None
    return (Part("battery", serial=serial),) if serial else ()
