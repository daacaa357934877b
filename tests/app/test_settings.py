"""Settings: defaults, validation, a stable station id, migration, broken files."""

from __future__ import annotations

import json
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
