"""Settings: defaults, validation, a stable station id, migration, broken files."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from app import settings as settings_module
from app.errors import SettingsError
from app.settings import Settings, load_settings, save_settings


def test_first_load_writes_defaults_with_a_stable_station_id(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    first = load_settings(path)
    assert path.exists()
    assert load_settings(path).station.station_id == first.station.station_id


def test_saved_changes_are_read_back(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    changed = Settings().model_copy(
        update={"ui": Settings().ui.model_copy(update={"language": "en"})}
    )
    save_settings(path, changed)
    assert load_settings(path).ui.language == "en"


def test_out_of_bounds_value_names_the_setting(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"schema_version": 1, "camera": {"width": 5}}))
    with pytest.raises(SettingsError, match=r"camera\.width"):
        load_settings(path)


def test_unknown_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"schema_version": 1, "ui": {"langauge": "en"}}))
    with pytest.raises(SettingsError, match="langauge"):
        load_settings(path)


def test_broken_json_names_the_line_and_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    broken = '{\n  "schema_version": 1,\n  "ui": {"language": "en",}\n}'
    path.write_text(broken)
    with pytest.raises(SettingsError, match="line 3"):
        load_settings(path)
    assert path.read_text() == broken


@pytest.mark.parametrize(
    ("text", "code", "line", "column"),
    [
        ('{\n "ui": {"language": "en",}\n}', "json_name", 2, 26),  # a comma too many
        ("{\n 'ui': {}\n}", "json_name", 2, 2),  # single quotes
        ('{\n "camera": {"index": 0,\n  "width": }\n}', "json_value", 3, 12),
        ('{\n "camera" {}\n}', "json_colon", 2, 11),
        ('{\n "camera": {}\n "ui": {}\n}', "json_comma", 3, 2),
        ('{\n "station": {"store_name": "华强北}\n}', "json_control", 2, 33),  # line break
        ('{"station": {"store_name": "华强北}}', "json_open_text", 1, 28),
        ('{"station": {"store_name": "a\tb"}}', "json_control", 1, 30),
        ('{"station": {"store_name": "C:\\photos"}}', "json_escape", 1, 31),
        ('{"ui": {}}\n}', "json_extra", 2, 1),
    ],
)
def test_each_kind_of_json_fault_is_named_where_it_is(
    tmp_path: Path, text: str, code: str, line: int, column: int
) -> None:
    """A clerk who edited the file by hand is told what is wrong in words, not in the
    json module's ("Expecting property name enclosed in double quotes")."""
    from app.settings import SettingsFileError

    path = tmp_path / "settings.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SettingsFileError) as caught:
        load_settings(path)
    [problem] = caught.value.problems
    assert (problem.code, problem.values) == (code, (str(line), str(column)))
    assert problem.setting is None  # the whole file: repair starts from defaults
    assert f"line {line} column {column}: " in str(caught.value)
    assert "Expecting" not in str(caught.value) and "Invalid" not in str(caught.value)
    assert caught.value.recoverable
    assert path.read_text(encoding="utf-8") == text


def test_an_empty_file_is_called_empty(tmp_path: Path) -> None:
    from app.settings import SettingsFileError, recover_settings

    path = tmp_path / "settings.json"
    path.write_text(" \n")  # as a full disk or a crash of an editor may leave it
    with pytest.raises(SettingsFileError, match="the file is empty") as caught:
        load_settings(path)
    assert [p.code for p in caught.value.problems] == ["empty_file"]
    assert recover_settings(path).settings.station.station_id


def test_a_bad_schema_version_keeps_the_other_settings_on_repair(tmp_path: Path) -> None:
    from app.settings import SETTINGS_VERSION, SettingsFileError, recover_settings

    path = tmp_path / "settings.json"
    path.write_text(
        json.dumps(
            {
                "schema_version": "two",
                "station": {"station_id": "s-9", "store_name": "华强北 5 号"},
                "camera": {"width": 5, "height": 720},
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    with pytest.raises(SettingsFileError) as caught:
        load_settings(path)
    # Everything wrong is named at once, as this version's file would be checked.
    assert [(p.code, p.setting) for p in caught.value.problems] == [
        ("bad_version", "schema_version"),
        ("too_small", "camera.width"),
    ]
    assert str(caught.value.problems[0]) == 'schema_version "two" is not a positive whole number'
    recovered = recover_settings(path)
    s = recovered.settings
    assert (s.station.station_id, s.station.store_name) == ("s-9", "华强北 5 号")
    assert (s.camera.width, s.camera.height) == (Settings().camera.width, 720)
    assert json.loads(path.read_text(encoding="utf-8"))["schema_version"] == SETTINGS_VERSION
    assert load_settings(path) == s


def test_newer_settings_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"schema_version": 99}))
    with pytest.raises(SettingsError, match="newer"):
        load_settings(path)


def test_older_settings_are_migrated_and_the_original_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "settings.json"
    old = {"schema_version": 1, "ui": {"language": "en"}, "station": {"station_id": "s-1"}}
    path.write_text(json.dumps(old))
    # Pretend this build writes version 2, where "ui.language" "en" became "zh_CN".
    monkeypatch.setattr(settings_module, "SETTINGS_VERSION", 2)
    monkeypatch.setitem(settings_module.MIGRATIONS, 1, lambda d: {**d, "ui": {"language": "zh_CN"}})
    loaded = load_settings(path)
    assert loaded.ui.language == "zh_CN"
    assert loaded.station.station_id == "s-1"
    assert json.loads(path.with_name("settings.json.v1.bak").read_text()) == old
    assert json.loads(path.read_text())["ui"]["language"] == "zh_CN"


BROKEN = {
    "schema_version": 1,
    "station": {"station_id": "s-42", "store_name": "华强北 3 号", "clerk": ""},
    "camera": {"index": 1.5, "width": 5, "height": 720},
    "ui": {"language": "fr", "langauge": "en"},
    "pricing": {"rounding_step_fen": 500, "manager_pin_hash": "1234"},
    "sync": "on",
}


def test_every_problem_in_the_file_is_named_with_its_value_and_bound(tmp_path: Path) -> None:
    from app.settings import SettingsFileError

    path = tmp_path / "settings.json"
    path.write_text(json.dumps(BROKEN))
    with pytest.raises(SettingsFileError) as caught:
        load_settings(path)
    found = {(p.code, p.setting): p.values for p in caught.value.problems}
    assert found == {
        ("empty", "station.clerk"): ("station.clerk", '""', ""),
        ("not_whole_number", "camera.index"): ("camera.index", "1.5", ""),
        ("too_small", "camera.width"): ("camera.width", "5", "320"),
        ("not_one_of", "ui.language"): ("ui.language", '"fr"', '"auto", "zh_CN", "en"'),
        ("unknown", "ui.langauge"): ("ui.langauge", '"en"', ""),
        ("not_pin_hash", "pricing.manager_pin_hash"): ("pricing.manager_pin_hash", '"1234"', ""),
        ("not_section", "sync"): ("sync", '"on"', ""),
    }
    assert "camera.width is 5, below the least allowed (320)" in str(caught.value)
    assert "yanji settings repair" in str(caught.value)
    assert caught.value.recoverable
    assert caught.value.language == "auto"  # "fr" is not one the window speaks
    assert json.loads(path.read_text()) == BROKEN  # never overwritten by loading


def test_repair_resets_only_what_cannot_be_used_and_keeps_the_file(tmp_path: Path) -> None:
    from app.settings import recover_settings

    path = tmp_path / "settings.json"
    path.write_text(json.dumps(BROKEN, ensure_ascii=False), encoding="utf-8")
    original = path.read_bytes()
    now = datetime(2026, 11, 23, 9, 30, 5)
    recovered = recover_settings(path, now)
    s = recovered.settings
    # Kept: everything that could be used.
    assert (s.station.station_id, s.station.store_name) == ("s-42", "华强北 3 号")
    assert (s.camera.height, s.pricing.rounding_step_fen) == (720, 500)
    # Back to defaults: each setting that could not.
    default = Settings()
    assert (s.station.clerk, s.camera.index, s.camera.width) == ("clerk", 0, 1920)
    assert s.ui.language == default.ui.language and s.sync == default.sync
    assert s.pricing.manager_pin_hash is None  # no PIN: price cuts are refused, not free
    assert len(recovered.problems) == 7
    assert recovered.kept == tmp_path / "settings.json.broken-20261123-093005"
    assert recovered.kept.read_bytes() == original
    assert load_settings(path) == s
    # A second file broken within the same second does not overwrite the first kept.
    path.write_text("{")
    again = recover_settings(path, now)
    assert again.kept == tmp_path / "settings.json.broken-20261123-093005-2"
    assert recovered.kept.read_bytes() == original and again.kept.read_text() == "{"


def test_a_file_that_is_not_json_starts_from_defaults_with_its_station_id(
    tmp_path: Path,
) -> None:
    from app.settings import SettingsFileError, recover_settings

    path = tmp_path / "settings.json"
    path.write_text('{\n "station": {"station_id": "s-77", "clerk": "王"},\n "ui": {,}\n}')
    with pytest.raises(SettingsFileError) as caught:
        load_settings(path)
    assert [(p.code, p.values) for p in caught.value.problems] == [("json_name", ("3", "9"))]
    recovered = recover_settings(path)
    assert recovered.settings.station.station_id == "s-77"
    assert recovered.settings.station.clerk == Settings().station.clerk
    # Not even a station id to be found: a new one.
    path.write_bytes(b"\xff\xfe garbage")
    with pytest.raises(SettingsFileError, match="not UTF-8 text"):
        load_settings(path)
    assert recover_settings(path).settings.station.station_id not in ("", "s-77")


def test_what_defaults_cannot_stand_in_for_is_not_repaired(tmp_path: Path) -> None:
    from app.settings import SettingsFileError, recover_settings

    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"schema_version": 99, "ui": {"language": "en"}}))
    with pytest.raises(SettingsFileError, match="newer") as caught:
        recover_settings(path)
    assert not caught.value.recoverable
    assert json.loads(path.read_text())["schema_version"] == 99
    assert list(tmp_path.iterdir()) == [path]
    folder = tmp_path / "as-folder" / "settings.json"
    folder.mkdir(parents=True)
    with pytest.raises(SettingsFileError, match="cannot be read") as caught:
        recover_settings(folder)
    assert not caught.value.recoverable
    fine = tmp_path / "fine" / "settings.json"
    load_settings(fine)
    with pytest.raises(SettingsError, match="nothing to repair"):
        recover_settings(fine)
