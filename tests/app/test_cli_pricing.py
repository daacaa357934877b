"""`yanji price import|list`, `yanji quote` and `yanji settings manager-pin|repair`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from app.paths import DataDir
from app.pricing import verify_pin
from app.settings import load_settings

ROOT = Path(__file__).parents[2]
SAMPLE = ROOT / "resources" / "prices" / "sample-2026-11.csv"


@pytest.fixture(scope="module")
def phones(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Report JSON files, as `python -m devices probe --json` writes them."""
    from app.demo import probe_recording
    from devices.jsonio import report_to_json
    from devices.replay import recorded_phones

    folder = tmp_path_factory.mktemp("reports")
    found = {}
    for name, recording in recorded_phones().items():
        found[name] = folder / f"{name}.json"
        found[name].write_text(report_to_json(probe_recording(recording)), encoding="utf-8")
    return found


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_import_then_list(data_dir: DataDir, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "price", "list")
    assert "No price sheets imported" in out
    status, out, _ = _run(capsys, "price", "import", str(SAMPLE))
    assert status == 0
    assert "version 1" in out and "76 rows, 52 models, effective 2026-11-20" in out
    status, out, _ = _run(capsys, "price", "list")
    assert out.splitlines()[1].startswith("*       1  2026-11-20     76")
    _, out, _ = _run(capsys, "price", "list", "--json")
    listed = json.loads(out)
    assert listed[0]["in_force"] is True and listed[0]["rows"] == 76


def test_a_bad_sheet_reports_every_line_and_imports_nothing(
    data_dir: DataDir, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "品牌,型号,容量,99新\n苹果,iPhone 15,12x,1\n苹果,iPhone 16,128G,abc\n", encoding="utf-8"
    )
    status, _, err = _run(capsys, "price", "import", str(bad))
    assert status == 1
    assert f"{bad}: line 2: storage '12x'" in err
    assert f"{bad}: line 3: 99新: price 'abc'" in err
    assert "2 problem(s); nothing imported" in err
    # A file the station cannot read is named with the OS's reason, not a traceback.
    status, _, err = _run(capsys, "price", "import", str(tmp_path / "gone.csv"))
    assert (status, err) == (
        1,
        f"yanji: error: cannot read {tmp_path / 'gone.csv'}: No such file or directory\n",
    )
    status, _, err = _run(capsys, "price", "import", str(tmp_path))
    assert (status, err) == (1, f"yanji: error: cannot read {tmp_path}: Is a directory\n")
    _, out, _ = _run(capsys, "price", "list", "--json")
    assert json.loads(out) == []


def test_import_options_override_the_sheet(
    data_dir: DataDir, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = _run(
        capsys, "price", "import", str(SAMPLE), "--source", "王老板", "--effective", "2026-11-21"
    )
    assert status == 0 and "effective 2026-11-21, source 王老板" in out


def test_quote_as_json_uses_the_sheet_in_force(
    data_dir: DataDir,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    phones: dict[str, Path],
) -> None:
    iphone7 = phones["ios-iphone7-cn"]
    _run(capsys, "price", "import", str(SAMPLE))
    findings = tmp_path / "f.json"
    findings.write_text(
        json.dumps(
            {
                "phone_found": True,
                "problems": [],
                "surface": "screen",
                "findings": [
                    {"kind": "scratch", "severity": "light", "confidence": 0.9, "length_mm": 4.0}
                ],
            }
        )
    )
    status, out, err = _run(
        capsys,
        "quote",
        "--report",
        str(iphone7),
        "--findings",
        str(findings),
        "--json",
        "--missing",
        "box",
    )
    assert status == 0 and err == ""
    result = json.loads(out)
    assert result["grade"]["level"] == "B"
    assert result["sheet"]["version"] == 1
    lines = result["quote"]["lines"]
    assert [line["rule_id"] for line in lines] == [
        "base",
        "battery.below-85",
        "accessory.box",
        "rounding",
    ]
    assert result["quote"]["total_fen"] == sum(line["amount_fen"] for line in lines)


def test_quote_table_in_chinese_and_english(
    data_dir: DataDir, capsys: pytest.CaptureFixture[str], phones: dict[str, Path]
) -> None:
    iphone7, locked = phones["ios-iphone7-cn"], phones["ios-iphone6plus-locked"]
    status, out, err = _run(capsys, "quote", "--report", str(iphone7))
    assert status == 0
    assert "using the bundled sample prices" in err
    assert "成色 9成新" in out and "合计" in out and "¥180.00" in out
    _, out, _ = _run(capsys, "quote", "--report", str(iphone7), "--lang", "en")
    assert "Grade B (9成新)" in out and "Total" in out
    _, out, _ = _run(capsys, "quote", "--report", str(locked), "--lang", "en")
    assert "cannot be bought" in out and "Activation Lock (Find My iPhone) is on" in out


def test_quote_errors_are_one_line(
    data_dir: DataDir,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    phones: dict[str, Path],
) -> None:
    iphone7 = phones["ios-iphone7-cn"]
    status, _, err = _run(capsys, "quote", "--report", str(tmp_path / "none.json"))
    assert status == 1 and err.startswith("yanji: error: cannot read") and err.count("\n") == 1
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"platform": "symbian"}))
    status, _, err = _run(capsys, "quote", "--report", str(bad))
    assert status == 1 and "invalid DeviceReport: platform" in err
    status, _, err = _run(capsys, "quote", "--report", str(iphone7), "--missing", "hat")
    assert status == 1 and "unknown accessory hat" in err
    status, _, err = _run(capsys, "quote", "--report", str(iphone7), "--sheet", "7")
    assert status == 1 and "no price sheet 7" in err


def test_manager_pin_is_set_from_the_terminal(
    data_dir: DataDir, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter(["2468", "2468", "1111", "2222"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    status, out, _ = _run(capsys, "settings", "manager-pin")
    assert status == 0 and "Manager PIN set" in out
    assert verify_pin("2468", load_settings(data_dir.settings).pricing.manager_pin_hash)
    status, _, err = _run(capsys, "settings", "manager-pin")
    assert status == 1 and "differ" in err


def test_settings_repair_says_what_it_put_back(
    data_dir: DataDir, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter(["2468", "2468"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert _run(capsys, "settings", "manager-pin")[0] == 0
    raw = json.loads(data_dir.settings.read_text())
    raw["camera"]["width"] = 5
    raw["ui"]["langauge"] = "en"
    data_dir.settings.write_text(json.dumps(raw))
    # Any command that needs the settings names what is wrong and how to mend it.
    status, _, err = _run(capsys, "settings", "manager-pin")
    assert status == 1
    assert "camera.width is 5, below the least allowed (320)" in err
    assert "yanji settings repair" in err
    status, out, _ = _run(capsys, "settings", "repair")
    assert status == 0
    assert out.splitlines()[:2] == [
        "camera.width is 5, below the least allowed (320): now 1920 (the default)",
        "ui.langauge is not a setting (misspelt?): removed",
    ]
    kept = next(data_dir.root.glob("settings.json.broken-*"))
    assert f"kept as {kept}" in out and json.loads(kept.read_text()) == raw
    settings = load_settings(data_dir.settings)
    assert settings.camera.width == 1920
    assert verify_pin("2468", settings.pricing.manager_pin_hash)  # the PIN was fine: kept
    assert "No manager PIN" not in out
    status, out, _ = _run(capsys, "settings", "repair")
    assert status == 0 and out == "Nothing to repair: the settings can be used.\n"
