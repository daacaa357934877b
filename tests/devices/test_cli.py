"""`python -m devices`: parse, probe; the JSON it prints is what `yanji quote` reads."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app import codec
from devices.__main__ import main
from devices.report import DeviceReport

DUMPS = Path(__file__).parent / "dumps"
NORD = DUMPS / "android" / "getprop_oneplus_nord-n10-5g_BE2028_android11.txt"
ONEPLUS7 = (
    DUMPS
    / "android"
    / "acc-info_dumpsys+power_supply-uevent_oneplus7_android13_PARTIAL_issue-acc195.txt"
)
IPHONE7 = DUMPS / "ios" / "ideviceinfo_iPhone9-1_iPhone7_iOS13.3.1.txt"
ROOT = Path(__file__).parents[2]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_parse_getprop_and_battery(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(
        capsys,
        "parse",
        "--getprop",
        str(DUMPS / "android" / "getprop_oneplus_nord-n10-5g_BE2028_android11.txt"),
        "--battery",
        str(
            DUMPS
            / "android"
            / "acc-info_dumpsys+power_supply-uevent_oneplus7_android13_PARTIAL_issue-acc195.txt"
        ),
    )
    assert status == 0
    report = json.loads(out)
    assert report["platform"] == "android"
    assert (report["brand"], report["model_code"], report["marketing_name"]) == (
        "OnePlus",
        "BE2028",
        "OnePlus Nord N10 5G",
    )
    assert report["battery"]["health_percent"] == pytest.approx(97.3)
    assert report["locks"] == {
        **report["locks"],
        "activation_lock": "unknown",
        "frp": "unknown",
        "mdm": "unknown",
        "carrier": "unknown",
    }
    assert report["integrity"]["bootloader_unlocked"] is False
    assert set(report) >= {
        "manufacturer",
        "os_version",
        "serial",
        "imeis",
        "storage_gb",
        "color",
        "region",
        "problems",
    }
    codec.from_json(DeviceReport, out)  # and the app reads it back


def test_parse_lockdown_with_battery(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    battery = tmp_path / "battery.json"
    battery.write_text(
        json.dumps({"AppleRawMaxCapacity": 1700, "DesignCapacity": 1960, "CycleCount": 500})
    )
    status, out, _ = _run(
        capsys,
        "parse",
        "--lockdown",
        str(DUMPS / "ios" / "ideviceinfo_iPhone9-1_iPhone7_iOS13.3.1.txt"),
        "--battery",
        str(battery),
    )
    report = json.loads(out)
    assert status == 0
    assert (report["platform"], report["marketing_name"], report["region"]) == (
        "ios",
        "iPhone 7",
        "CH/A",
    )
    assert report["imeis"] == ["355341083159771"]
    assert report["battery"] == {**report["battery"], "health_percent": 86.7, "cycle_count": 500}


@pytest.mark.parametrize(
    ("flag", "content", "message"),
    [
        ("--getprop", b"hello world\n", "no [property]: [value] lines"),
        ("--lockdown", b"<?xml version='1.0'?><plist><dict>", "broken plist"),
        ("--lockdown", b'{"Foo": 1}', "ProductType"),
    ],
)
def test_malformed_files_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, flag: str, content: bytes, message: str
) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    status, out, err = _run(capsys, "parse", flag, str(path))
    assert status == 2 and out == ""
    assert err.startswith(f"devices: {path}: ") and message in err and err.count("\n") == 1


def test_missing_file_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "devices", "parse", "--getprop", str(tmp_path / "none.txt")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 2
    assert "none.txt: No such file or directory" in result.stderr


def test_probe_a_recorded_phone(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, _ = _run(
        capsys, "probe", "--replay", "ios-iphone6plus-locked", "--data-dir", str(tmp_path)
    )
    assert status == 0
    assert out.startswith("!! LOCK activation_lock is ON")
    status, out, _ = _run(
        capsys,
        "probe",
        "--replay",
        "android-poco-f6-unlocked",
        "--json",
        "--data-dir",
        str(tmp_path),
    )
    assert json.loads(out)["integrity"] == {
        **json.loads(out)["integrity"],
        "bootloader_unlocked": True,
        "rooted": True,
    }


def test_probe_with_nothing_attached(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, _, err = _run(
        capsys, "probe", "--tcp", "127.0.0.1:1", "--serial", "nope", "--data-dir", str(tmp_path)
    )
    assert status == 1 and "no phone found" in err
