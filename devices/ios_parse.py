"""Pure parsers of what an iPhone answers over lockdown, and the DeviceReport built
from them. Values arrive as the dict pymobiledevice3's ``LockdownClient.all_values``
returns, or as the text ``ideviceinfo`` prints, or as a plist/JSON file.

Signals and their caveats (docs/devices.md has the longer story):
- Activation Lock: lockdown domain ``com.apple.fmip`` key ``IsAssociated`` (Find My is
  on). ``ActivationState`` only says whether the phone finished setup, not whether it
  is locked to an Apple ID, so alone it decides nothing.
- MDM / supervision: the MCInstall service's cloud configuration (``IsSupervised``,
  ``IsMDMUnremovable``) and installed configuration profiles.
"""

from __future__ import annotations

import json
import plistlib
import re
from collections.abc import Mapping, Sequence
from typing import Any

from devices.catalogue import apple_model, iphone_name, parse_gb
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
    PartStatus,
    Platform,
)
from devices.textio import decode, luhn_ok

JAILBREAK_APPS = {
    "com.saurik.Cydia": "Cydia",
    "org.coolstar.SileoStore": "Sileo",
    "xyz.willy.Zebra": "Zebra",
    "com.opa334.Dopamine": "Dopamine",
    "com.tigisoftware.Filza": "Filza",
    "org.palera1n.palera1n": "palera1n",
}
MARKET_SIZES_GB = (16, 32, 64, 128, 256, 512, 1024, 2048)


def load_values(data: bytes | str) -> dict[str, Any]:
    """Lockdown values from an XML or binary plist, JSON, or ``ideviceinfo`` text."""
    raw = data.encode() if isinstance(data, str) else data
    stripped = raw.lstrip()
    if stripped.startswith((b"<dict", b"<array")):
        # A fragment as pasted from a plist (tools print the inner dict alone).
        stripped = b'<?xml version="1.0"?><plist version="1.0">' + stripped + b"</plist>"
    if stripped.startswith((b"<?xml", b"bplist", b"<plist")):
        try:
            value = plistlib.loads(stripped)
        except Exception as exc:  # plistlib raises several kinds for a damaged plist
            raise ParseError(f"broken plist: {exc}") from None
    elif stripped.startswith(b"{"):
        try:
            value = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise ParseError(f"broken JSON at line {exc.lineno}: {exc.msg}") from None
        except UnicodeDecodeError:
            raise ParseError("JSON that is not UTF-8 text") from None
    else:
        value = parse_ideviceinfo(decode(raw))
    if not isinstance(value, dict):
        raise ParseError("expected a dictionary of lockdown values")
    return value


def parse_ideviceinfo(text: str) -> dict[str, Any]:
    """The ``Key: value`` text that libimobiledevice's ideviceinfo prints, nested blocks
    (indented) and arrays (``Key[n]:`` then ``i:``) included."""
    lines = [line for line in decode(text).split("\n") if line.strip()]
    if not lines:
        raise ParseError("empty ideviceinfo output")
    value, end = _block(lines, 0, _indent(lines[0]))
    if end != len(lines) or not isinstance(value, dict) or not value:
        raise ParseError(f"line {end + 1}: not ideviceinfo 'Key: value' output")
    return value


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _block(lines: list[str], start: int, indent: int) -> tuple[dict[str, Any] | list[Any], int]:
    result: dict[str, Any] = {}
    is_list = False
    index = start
    while index < len(lines) and _indent(lines[index]) >= indent:
        line = lines[index]
        if _indent(line) > indent:
            raise ParseError(f"line {index + 1}: unexpected indentation")
        match = re.match(r"^\s*([^:]+?)(\[\d+\])?:(?: (.*))?$", line)
        if not match:
            raise ParseError(f"line {index + 1}: not 'Key: value': {line.strip()[:60]!r}")
        key, array, scalar = match[1], match[2], match[3]
        index += 1
        if scalar is not None and not array:
            result[key] = scalar if key in _STRING_KEYS else _scalar(scalar)
            continue
        if index < len(lines) and _indent(lines[index]) > indent:
            child, index = _block(lines, index, _indent(lines[index]))
        else:
            child = [] if array else {}
        if array and isinstance(child, dict):
            child = [child[k] for k in sorted(child, key=lambda k: int(k) if k.isdigit() else 0)]
        result[key] = child
        is_list = is_list or key.isdigit()
    if is_list and all(k.isdigit() for k in result):
        return [result[k] for k in sorted(result, key=int)], index
    return result, index


# ideviceinfo prints plist strings and integers alike; these are strings in lockdown
# even when they are all digits.
_STRING_KEYS = {
    "InternationalMobileEquipmentIdentity",
    "InternationalMobileEquipmentIdentity2",
    "IntegratedCircuitCardIdentity",
    "InternationalMobileSubscriberIdentity",
    "MobileEquipmentIdentifier",
    "PhoneNumber",
    "SerialNumber",
    "MLBSerialNumber",
    "ModelNumber",
    "ProductVersion",
    "BuildVersion",
    "CFBundleVersion",
    "MobileSubscriberCountryCode",
    "MobileSubscriberNetworkCode",
}


def _scalar(text: str) -> Any:
    if text in ("true", "false"):
        return text == "true"
    # Integers in lockdown fit 64 bits; longer digit strings (ICCIDs) are strings.
    if re.fullmatch(r"-?\d{1,19}", text) and not (len(text) > 1 and text.startswith("0")):
        return int(text)
    return text


def parse_battery(data: Mapping[str, Any]) -> tuple[Battery, tuple[str, ...], str | None]:
    """Battery, problems, and battery serial from the diagnostics relay: an IORegistry
    ``AppleSmartBattery`` / ``IOPMPowerSource`` dict, or a ``GasGauge`` report. Newer
    iOS gives some capacities as percentages: values of 100 or less next to a design
    capacity in mAh are percentages, never taken for mAh (nor for health)."""
    entry = _unwrap(data)
    problems: list[str] = []
    design = _int(entry.get("DesignCapacity"))
    raw_max = _int(entry.get("AppleRawMaxCapacity") or entry.get("NominalChargeCapacity"))
    full = _int(entry.get("FullChargeCapacity") or entry.get("MaxCapacity"))
    health: float | None = None
    full_mah: int | None = None
    if design and raw_max and raw_max > 100:
        full_mah, health = raw_max, round(100 * raw_max / design, 1)
    elif design and full and full > 100:
        full_mah, health = full, round(100 * full / design, 1)
    elif full is not None and 0 < full <= 100 and design and design > 100:
        # iOS 12.2+ gives FullChargeCapacity as a percentage (usually exactly 100),
        # which is not the battery's health; only the raw mAh figure tells it.
        problems.append(
            f"battery health: this iOS reports capacity as {full} %, not mAh; "
            "read Settings > Battery > Battery Health"
        )
    else:
        problems.append("battery health: the diagnostics relay gave no capacity")
    cycles = _int(entry.get("CycleCount"))
    if cycles is None:
        problems.append("battery cycle count: not reported")
    temperature = _int(entry.get("Temperature"))
    serial = entry.get("Serial") or entry.get("BatterySerialNumber")
    return (
        Battery(
            health_percent=health,
            cycle_count=cycles,
            design_capacity_mah=design,
            full_capacity_mah=full_mah,
            temperature_c=None if temperature is None else temperature / 100,
            charge_state=_charge_state(entry),
            level_percent=_int(entry.get("CurrentCapacity")) if full_mah is None else None,
        ),
        tuple(problems),
        str(serial) if serial else None,
    )


def _unwrap(data: Mapping[str, Any]) -> Mapping[str, Any]:
    entry: Any = data
    for key in ("Diagnostics", "IORegistry", "GasGauge"):
        if isinstance(entry, Mapping) and isinstance(entry.get(key), Mapping):
            entry = entry[key]
    if not isinstance(entry, Mapping):
        raise ParseError("battery data is not a dictionary")
    return entry


def _int(value: Any) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _charge_state(entry: Mapping[str, Any]) -> ChargeState:
    if entry.get("FullyCharged") is True:
        return ChargeState.FULL
    if entry.get("IsCharging") is True:
        return ChargeState.CHARGING
    if entry.get("ExternalConnected") is True:
        return ChargeState.NOT_CHARGING
    if entry.get("IsCharging") is False:
        return ChargeState.DISCHARGING
    return ChargeState.UNKNOWN


def ios_report(
    values: Mapping[str, Any],
    *,
    battery: Mapping[str, Any] | None = None,
    domains: Mapping[str, Mapping[str, Any]] | None = None,
    cloud_configuration: Mapping[str, Any] | None = None,
    profiles: Mapping[str, Any] | None = None,
    apps: Sequence[str] | None = None,
    missing: Mapping[str, str] | None = None,
) -> DeviceReport:
    """The report from lockdown values and whatever else the probe could read; each
    absent part is None (and ``missing`` says why, e.g. "disconnected")."""
    if "ProductType" not in values and "SerialNumber" not in values:
        raise ParseError("no ProductType or SerialNumber; are these iPhone lockdown values?")
    domains = domains or {}
    problems = [f"{what}: {why}" for what, why in (missing or {}).items()]
    model = apple_model(values.get("ModelNumber"))
    name = iphone_name(values.get("ProductType")) or (model.name if model else None)
    parts: list[Part] = []
    battery_report = Battery()
    if battery is not None:
        battery_report, battery_problems, serial = parse_battery(battery)
        problems.extend(battery_problems)
        parts.append(Part("battery", PartStatus.UNKNOWN, serial))
    problems.append("parts: iOS does not say over USB whether a part is genuine")
    problems.append("RAM and screen resolution: not reported over lockdown")
    imeis = _imeis(values, problems)
    region = values.get("RegionInfo")
    return DeviceReport(
        platform=Platform.IOS,
        brand="Apple",
        manufacturer="Apple",
        model_code=values.get("ProductType"),
        marketing_name=name,
        storage_gb=model.storage_gb if model else _disk_gb(domains),
        color=model.color if model else None,
        region=str(region) if region else None,
        serial=values.get("SerialNumber"),
        imeis=imeis,
        os_version=values.get("ProductVersion"),
        os_build=values.get("BuildVersion"),
        battery=battery_report,
        locks=_locks(values, domains, cloud_configuration, profiles, problems),
        integrity=_integrity(apps),
        parts=tuple(parts),
        problems=tuple(problems),
    )


def _imeis(values: Mapping[str, Any], problems: list[str]) -> tuple[str, ...]:
    found = [
        values.get("InternationalMobileEquipmentIdentity"),
        values.get("InternationalMobileEquipmentIdentity2"),
    ]
    imeis = [str(i) for i in found if i]
    bad = [i for i in imeis if not luhn_ok(i)]
    if bad:
        problems.append(f"IMEI: {', '.join(bad)} fails the Luhn check; ignored")
    if not imeis:
        problems.append("IMEI: not reported (Wi-Fi-only model, or before pairing)")
    return tuple(i for i in imeis if luhn_ok(i))


def _disk_gb(domains: Mapping[str, Mapping[str, Any]]) -> int | None:
    total = _int(domains.get("com.apple.disk_usage", {}).get("TotalDiskCapacity"))
    if not total:
        return None
    gb = total / 1e9
    return next((s for s in MARKET_SIZES_GB if s >= gb * 0.98), None)


def _locks(
    values: Mapping[str, Any],
    domains: Mapping[str, Mapping[str, Any]],
    cloud: Mapping[str, Any] | None,
    profiles: Mapping[str, Any] | None,
    problems: list[str],
) -> Locks:
    evidence = [
        LockEvidence("activation_lock", "ActivationState", str(values.get("ActivationState")))
    ]
    fmip = domains.get("com.apple.fmip", {}).get("IsAssociated")
    if isinstance(fmip, bool):
        activation = LockState.ON if fmip else LockState.OFF
        evidence.append(LockEvidence("activation_lock", "com.apple.fmip IsAssociated", str(fmip)))
    else:
        activation = LockState.UNKNOWN
        problems.append("Activation Lock: Find My state not readable; check Settings > Apple ID")
    mdm = LockState.UNKNOWN
    if cloud is not None:
        supervised = bool(cloud.get("IsSupervised")) or bool(cloud.get("IsMDMUnremovable"))
        org = cloud.get("OrganizationName") or cloud.get("ConfigurationSource") or ""
        evidence.append(
            LockEvidence("mdm", "cloud configuration", f"supervised={supervised} {org}".strip())
        )
        mdm = LockState.ON if supervised else LockState.OFF
    if profiles is not None:
        installed = _profile_names(profiles)
        evidence.append(
            LockEvidence("mdm", "configuration profiles", ", ".join(installed) or "none")
        )
        if installed:
            mdm = LockState.ON
        elif mdm is LockState.UNKNOWN:
            mdm = LockState.OFF
    if mdm is LockState.UNKNOWN:
        problems.append(
            "MDM: supervision and profiles not readable; check Settings > VPN & Device Management"
        )
    problems.append("carrier lock: not readable over lockdown; try a foreign SIM")
    return Locks(
        activation_lock=activation,
        frp=LockState.OFF,
        mdm=mdm,
        carrier=LockState.UNKNOWN,
        evidence=tuple(evidence),
    )


def _profile_names(profiles: Mapping[str, Any]) -> list[str]:
    metadata = profiles.get("ProfileMetadata", {})
    if not isinstance(metadata, Mapping):
        raise ParseError("ProfileMetadata is not a dictionary")
    names = []
    for identifier, given in metadata.items():
        meta = given if isinstance(given, Mapping) else {}
        label = meta.get("PayloadDisplayName") or identifier
        org = meta.get("PayloadOrganization")
        names.append(f"{label} ({org})" if org else str(label))
    return sorted(names)


def _integrity(apps: Sequence[str] | None) -> Integrity:
    if apps is None:
        return Integrity(bootloader_unlocked=None, rooted=None)
    found = sorted(JAILBREAK_APPS[a] for a in apps if a in JAILBREAK_APPS)
    evidence = tuple(f"jailbreak app installed: {n}" for n in found) or (
        "no known jailbreak app installed",
    )
    return Integrity(bootloader_unlocked=None, rooted=bool(found), evidence=evidence)


__all__ = ["ios_report", "load_values", "parse_battery", "parse_gb", "parse_ideviceinfo"]
