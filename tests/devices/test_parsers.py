"""Parsers on real recorded output: getprop, dumpsys battery, uevent, ideviceinfo,
battery diagnostics; encodings; and fuzzing (nothing escapes but ParseError)."""

from __future__ import annotations

import contextlib
import json
import plistlib
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import devices
from devices.android_parse import (
    android_report,
    parse_battery,
    parse_getprop,
    parse_parcel_string,
    split_sections,
)
from devices.catalogue import Size, android_name, apple_model, iphone_name, parse_gb, phone_size
from devices.errors import ParseError
from devices.ios_parse import ios_report, load_values
from devices.ios_parse import parse_battery as ios_battery
from devices.report import ChargeState, DeviceReport, LockState, Platform
from devices.textio import decode, luhn_ok

DUMPS = Path(__file__).parent / "dumps"
ANDROID = DUMPS / "android"
IOS = DUMPS / "ios"
POCO_F6 = ANDROID / "getprop_xiaomi_poco-f6_24069PC21I_android15.txt"
POCO_X5 = ANDROID / "getprop_xiaomi_poco-x5-pro-5g_22101320G_android12.txt"
ONEPLUS7 = (
    ANDROID / "acc-info_dumpsys+power_supply-uevent_oneplus7_android13_PARTIAL_issue-acc195.txt"
)
GAS_GAUGE = IOS / "idevicediagnostics-diagnostics_GasGauge_PARTIAL_issue1068.xml"
IPHONE6P = "ideviceinfo_iPhone7-1_iPhone6Plus_iOS12.4.8.txt"
GETPROPS = {
    "getprop_xiaomi_poco-f6_24069PC21I_android15.txt": ("POCO", "24069PC21I", "POCO F6", "15"),
    "getprop_xiaomi_poco-x5-pro-5g_22101320G_android12.txt": (
        "POCO",
        "22101320G",
        "POCO X5 Pro 5G",
        "12",
    ),
    "getprop_oneplus_nord-n10-5g_BE2028_android11.txt": (
        "OnePlus",
        "BE2028",
        "OnePlus Nord N10 5G",
        "11",
    ),
    "getprop_infinix_X670_android13.txt": ("Infinix", "Infinix X670", "Infinix NOTE 30 5G", "13"),
}


REGIONS_SAID = {
    "getprop_xiaomi_poco-f6_24069PC21I_android15.txt": "IN",  # ro.boot.hwc
    "getprop_xiaomi_poco-x5-pro-5g_22101320G_android12.txt": "GL",  # not ro.miui.region EE
    "getprop_oneplus_nord-n10-5g_BE2028_android11.txt": "OverSeas",  # persist.sys.oem.region
    "getprop_infinix_X670_android13.txt": None,
}


@pytest.mark.parametrize(("name", "expected"), GETPROPS.items())
def test_real_getprop_dumps(name: str, expected: tuple[str, str, str, str]) -> None:
    report = android_report({"getprop": (ANDROID / name).read_text(encoding="utf-8")}, {})
    assert (report.brand, report.model_code, report.marketing_name, report.os_version) == expected
    assert report.full_name() == expected[2]  # its own name says the brand: once, not twice
    # The market its hardware was made for, as the phone says it (Infinix does not).
    assert report.region == REGIONS_SAID[name]
    assert report.integrity.bootloader_unlocked is False
    assert report.serial


def test_values_that_span_lines_are_kept_whole() -> None:
    props = parse_getprop(POCO_F6.read_bytes())
    multi = [v for v in props.values() if "\n" in v]
    assert multi, "the POCO F6 dump has a multi-line value"
    assert any(v.startswith("reboot,") or "reboot," in v for v in multi)
    assert props["ro.product.marketname"] == "POCO F6"


@pytest.mark.parametrize("name", list(GETPROPS))
def test_utf16_with_bom_and_crlf_parse_the_same(name: str) -> None:
    text = (ANDROID / name).read_text(encoding="utf-8")
    windows = text.replace("\n", "\r\n").encode("utf-16")
    assert windows[:2] == b"\xff\xfe"
    assert parse_getprop(windows) == parse_getprop(text)
    assert parse_getprop(text.encode("utf-8-sig")) == parse_getprop(text)


def test_imeis_from_properties_pass_luhn() -> None:
    report = android_report(
        {
            "getprop": (
                ANDROID / "getprop_xiaomi_poco-x5-pro-5g_22101320G_android12.txt"
            ).read_text()
        },
        {},
    )
    assert report.imeis == ("869168060447062", "869168060447070")
    assert all(luhn_ok(i) for i in report.imeis)


def test_samsung_battery_uses_the_vendor_health_figure() -> None:
    text = (ANDROID / "dumpsys-battery_samsung_unknown-model_issue-zebrunner150.txt").read_text()
    battery, problems = parse_battery(text)
    assert battery.health_percent == 96.0  # mSavedBatteryAsoc
    assert (battery.temperature_c, battery.level_percent) == (30.9, 100)
    assert battery.charge_state is ChargeState.FULL
    assert "battery cycle count: not exposed by this phone" in problems


def test_pixel_battery_without_capacity_says_so() -> None:
    text = (ANDROID / "dumpsys-battery_google_pixel-c-dragon_issue-syzkaller79.txt").read_text()
    battery, problems = parse_battery(text)
    assert battery.health_percent is None
    assert battery.charge_state is ChargeState.CHARGING
    assert any(p.startswith("battery health:") for p in problems)


def test_oneplus_uevent_gives_health_from_full_and_design_capacity() -> None:
    text = (
        ANDROID / "acc-info_dumpsys+power_supply-uevent_oneplus7_android13_PARTIAL_issue-acc195.txt"
    ).read_text()
    dumpsys, _, uevent = text.partition("Uevent")
    battery, _ = parse_battery(dumpsys, uevent)
    assert (battery.design_capacity_mah, battery.full_capacity_mah) == (3588, 3492)
    assert battery.health_percent == pytest.approx(97.3)
    assert battery.charge_state is ChargeState.DISCHARGING


def test_dumpsys_that_is_not_battery_output() -> None:
    with pytest.raises(ParseError, match="level"):
        parse_battery("Current Battery Service state:\n  AC powered: false\n")


def test_imei_parcels() -> None:
    granted = (
        "Result: Parcel(\n  0x00000000: 00000000 0000000f 00360038 00310039 '........8.6.9.1.'\n"
        "  0x00000010: 00380036 00360030 00340030 00370034 '6.8.0.6.0.4.4.7.'\n"
        "  0x00000020: 00360030 00000032                   '0.6.2...        ')"
    )
    assert parse_parcel_string(granted) == "869168060447062"
    refused = "Result: Parcel(ffffffff 'R.e.q.u.i.r.e.s. .R.E.A.D.')"
    assert parse_parcel_string(refused) is None
    assert parse_parcel_string("service: not found") is None


def test_sections_and_a_cut_off_batch() -> None:
    sections, complete = split_sections("@@a\nx\ny\n@@b\nz\n@@end\n")
    assert (sections, complete) == ({"a": "x\ny", "b": "z"}, True)
    sections, complete = split_sections("@@a\nx\n@@b\nhal")
    assert not complete and sections["b"] == "hal"


def test_ideviceinfo_text_nested_blocks_and_arrays() -> None:
    values = load_values((IOS / "ideviceinfo_iPhone9-1_iPhone7_iOS13.3.1.txt").read_bytes())
    assert values["ProductType"] == "iPhone9,1"
    assert values["BasebandKeyHashInformation"]["AKeyStatus"] == 2
    assert isinstance(values["CarrierBundleInfoArray"], list)
    assert values["InternationalMobileEquipmentIdentity"] == "355341083159771"
    assert values["IntegratedCircuitCardIdentity"].isdigit()  # kept a string


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("ideviceinfo_iPhone9-1_iPhone7_iOS13.3.1.txt", ("iPhone 7", "Rose Gold", 128, "CH/A")),
        (
            "ideviceinfo_iPhone7-1_iPhone6Plus_iOS12.4.8.txt",
            ("iPhone 6 Plus", "Space Gray", 16, "CH/A"),
        ),
    ],
)
def test_real_lockdown_values(name: str, expected: tuple[str, str, int, str]) -> None:
    report = ios_report(load_values((IOS / name).read_bytes()))
    assert (report.marketing_name, report.color, report.storage_gb, report.region) == expected
    assert report.full_name() == f"Apple {expected[0]}"
    assert report.locks.activation_lock is LockState.UNKNOWN  # not decided by ActivationState
    assert any("Find My state not readable" in p for p in report.problems)


def test_a_phone_s_full_name_from_what_it_reports() -> None:
    android = DeviceReport(Platform.ANDROID, brand="Redmi", marketing_name="Note 13 4G")
    assert android.full_name() == "Redmi Note 13 4G"
    assert replace(android, marketing_name="redmi Note 13").full_name() == "redmi Note 13"
    assert replace(android, marketing_name=None, model_code="23129RAA4G").full_name() == (
        "Redmi 23129RAA4G"
    )
    assert replace(android, marketing_name=None).full_name() == "Redmi"
    assert DeviceReport(Platform.ANDROID, model_code="X670").full_name() == "X670"
    assert DeviceReport(Platform.IOS).full_name() == "?"


def test_the_same_values_as_plist_json_and_binary_plist() -> None:
    values = load_values((IOS / "ideviceinfo_iPhone9-1_iPhone7_iOS13.3.1.txt").read_bytes())
    assert load_values(plistlib.dumps(values)) == values
    assert load_values(plistlib.dumps(values, fmt=plistlib.FMT_BINARY)) == values
    assert load_values(json.dumps(values)) == values


def test_gas_gauge_percentage_is_not_taken_for_health() -> None:
    raw = load_values(GAS_GAUGE.read_bytes())
    battery, problems, _ = ios_battery(raw)
    assert battery.health_percent is None
    assert battery.cycle_count == 425 and battery.design_capacity_mah == 1751
    assert "reports capacity as 100 %" in problems[0]


def test_apple_smart_battery_in_mah() -> None:
    battery, problems, serial = ios_battery(
        {
            "IORegistry": {
                "AppleRawMaxCapacity": 2400,
                "DesignCapacity": 3000,
                "CycleCount": 300,
                "Temperature": 3050,
                "FullyCharged": True,
                "Serial": "F5D1",
            }
        }
    )
    assert (battery.health_percent, battery.temperature_c, serial) == (80.0, 30.5, "F5D1")
    assert battery.charge_state is ChargeState.FULL and problems == ()


def test_supervision_and_profiles_decide_mdm() -> None:
    values = load_values((IOS / "ideviceinfo_iPhone9-1_iPhone7_iOS13.3.1.txt").read_bytes())
    managed = ios_report(
        values, cloud_configuration={"IsSupervised": True, "OrganizationName": "某公司"}
    )
    assert managed.locks.mdm is LockState.ON
    profiles = {
        "ProfileMetadata": {
            "com.x.mdm": {
                "PayloadDisplayName": "Remote Management",
                "PayloadOrganization": "Fleet Co",
            }
        }
    }
    assert ios_report(values, profiles=profiles).locks.mdm is LockState.ON
    clean = ios_report(
        values, cloud_configuration={"IsSupervised": False}, profiles={"ProfileMetadata": {}}
    )
    assert clean.locks.mdm is LockState.OFF


def test_jailbreak_apps() -> None:
    values = load_values((IOS / "ideviceinfo_iPhone9-1_iPhone7_iOS13.3.1.txt").read_bytes())
    report = ios_report(values, apps=["com.tencent.xin", "org.coolstar.SileoStore"])
    assert report.integrity.rooted is True
    assert report.integrity.evidence == ("jailbreak app installed: Sileo",)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"<?xml version='1.0'?><plist><dict><key>a</key>", "broken plist"),
        (b'{"ProductType": ', "broken JSON"),
        (b"\x00\x01\x02\xff\xfe", "not UTF-8"),
        (b"Key: value\n   Deeper: x\n", "unexpected indentation"),
        (b"[1, 2]", "not 'Key: value'"),
    ],
)
def test_broken_lockdown_input(data: bytes, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        load_values(data)


def test_lockdown_values_of_something_else() -> None:
    with pytest.raises(ParseError, match="ProductType"):
        ios_report({"Hello": "world"})


def test_catalogue() -> None:
    assert iphone_name("iPhone18,3") == "iPhone 17"
    assert apple_model("MNH12/A") is not None
    assert apple_model(None) is None
    assert android_name("SM-S9280") == ("Samsung", "Galaxy S24 Ultra")
    assert android_name("RMX3800") == ("realme", "realme GT5 Pro")
    assert (parse_gb("1 TB"), parse_gb("64 GB"), parse_gb("lots"), parse_gb(None)) == (
        1024,
        64,
        None,
        None,
    )


def test_phone_sizes() -> None:
    assert phone_size("iPhone 7") == Size(67.1, 138.3, 7.1)
    assert phone_size("  iphone  15 PRO max ") == Size(76.7, 159.9, 8.25)
    assert phone_size("Samsung Galaxy S24") == phone_size("Galaxy S24") is not None
    assert phone_size("HUAWEI Mate 60 Pro") == Size(79.0, 163.65, 8.1)
    assert phone_size("Xiaomi 15") == Size(71.2, 152.3, 8.08)
    assert phone_size("Infinix NOTE 30 5G") is None and phone_size(None) is None
    assert phone_size("HUAWEI") is None and phone_size("HUAWEI Mate 99") is None
    # Every iPhone from the 5 on that the catalogue names has a size, the newest too.
    extra = json.loads(
        (Path(devices.__file__).parents[1] / "resources/catalogue/iphone-extra.json").read_text()
    )
    newest = [k for k in extra if not k.startswith("_")]
    assert "iPhone18,4" in newest
    for identifier in ("iPhone5,1", "iPhone8,4", "iPhone12,8", "iPhone14,6", *newest):
        assert phone_size(iphone_name(identifier)) is not None, identifier


def test_every_listed_size_is_a_phone() -> None:
    """A typo in the table (a swapped pair, a misplaced decimal point) would scale
    every measurement of that phone: each entry must look like a phone."""
    table = json.loads(
        (Path(devices.__file__).parents[1] / "resources/catalogue/dimensions.json").read_text()
    )
    for name in (k for k in table if not k.startswith("_")):
        size = phone_size(name)
        assert size is not None, name
        assert 55 <= size.width <= 80 and 120 <= size.height <= 170, name
        assert 5 <= size.depth <= 10 and 1.7 <= size.height / size.width <= 2.3, name


def test_luhn_and_decoding() -> None:
    assert luhn_ok("355341083159771") and not luhn_ok("355341083159772")
    assert not luhn_ok("35534108315977a") and not luhn_ok("")
    assert decode(b"a\r\nb\rc") == "a\nb\nc"
    with pytest.raises(ParseError, match="UTF-16"):
        decode(b"\xff\xfe\x00\xd8")


# --- fuzzing: garbage in, ParseError (or a report) out, nothing else ---------------------

texts = st.one_of(
    st.text(max_size=400),
    st.lists(
        st.sampled_from(
            [
                "[a.b]: [c]",
                "[x]: [multi",
                "line]",
                "@@getprop",
                "@@end",
                "level: 5",
                "status: 2",
                "temperature: abc",
                "POWER_SUPPLY_CHARGE_FULL=1",
                "Key: value",
                " Sub: 3",
                "Arr[1]:",
                " 0: x",
                "",
                "[",
                "]",
            ]
        ),
        max_size=30,
    ).map("\n".join),
)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_android_parsers_raise_only_parse_errors(text: str) -> None:
    try:
        sections, _ = split_sections(text)
        android_report({"getprop": text, "battery": text, "uevent": text, **sections}, {})
    except ParseError:
        pass


@settings(max_examples=300, deadline=None)
@given(st.one_of(texts.map(str.encode), st.binary(max_size=300)))
def test_ios_parsers_raise_only_parse_errors(data: bytes) -> None:
    try:
        values = load_values(data)
        ios_report({**values, "ProductType": "iPhone9,1"}, battery=values)
    except ParseError:
        pass


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "AppleRawMaxCapacity",
                "DesignCapacity",
                "CycleCount",
                "FullChargeCapacity",
                "Temperature",
                "IsCharging",
                "GasGauge",
                "IORegistry",
            ]
        ),
        st.one_of(
            st.integers(-5, 10_000),
            st.booleans(),
            st.text(max_size=5),
            st.none(),
            st.dictionaries(st.text(max_size=5), st.integers()),
        ),
    )
)
def test_battery_dicts_raise_only_parse_errors(data: dict) -> None:  # type: ignore[type-arg]
    with contextlib.suppress(ParseError):
        ios_battery(data)


def test_sections_read_but_not_understood_are_problems() -> None:
    getprop = POCO_F6.read_text(encoding="utf-8")
    report = android_report(
        {
            "getprop": getprop,
            "storage": "df: /data: Permission denied",
            "memory": "cat: /proc/meminfo: No such file",
            "screen": "wm: not found",
        },
        {},
    )
    assert (report.storage_gb, report.ram_gb, report.screen_resolution) == (None, None, None)
    assert {
        "storage: `df /data` gave no size",
        "RAM: /proc/meminfo gave no MemTotal",
        "screen resolution: `wm size` gave none",
    } <= set(report.problems)
    iphone = ios_report(load_values((IOS / IPHONE6P).read_bytes()))
    assert "RAM and screen resolution: not reported over lockdown" in iphone.problems
