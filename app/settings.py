"""Station settings: one typed, validated model per section, versioned, kept as JSON in
the data directory. Older files are migrated forward (the original kept beside them);
a broken file is reported by name and line and never overwritten."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app.errors import SettingsError
from app.records import new_id

#: Version of the settings file this build writes.
SETTINGS_VERSION = 1

#: version N -> function turning a version-N dict into a version N+1 dict.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True, frozen=True)


class StationSettings(_Section):
    """Who and where this station is."""

    station_id: str = Field(default_factory=new_id, min_length=1, max_length=64)
    station_name: str = Field(default="验机台 1", min_length=1, max_length=64)
    store_name: str = Field(default="", max_length=128)
    clerk: str = Field(default="clerk", min_length=1, max_length=64)


class CameraSettings(_Section):
    """The top-down camera."""

    index: int = Field(default=0, ge=0, le=63)
    width: int = Field(default=1920, ge=320, le=8192)
    height: int = Field(default=1080, ge=240, le=8192)
    exposure: float | None = Field(default=None, ge=-13, le=10_000)


class UiSettings(_Section):
    """Language and display; "auto" follows the system locale (Chinese in zh locales)."""

    language: Literal["auto", "zh_CN", "en"] = "auto"
    seller_screen: int | None = Field(default=None, ge=0, le=8)


class PricingSettings(_Section):
    """How quotes are rounded (fen; 1000 = ¥10) and the manager PIN (a scrypt hash,
    set with `yanji settings manager-pin`) needed to go below a quote."""

    rounding_step_fen: int = Field(default=1000, ge=1, le=100_000)
    manager_pin_hash: str | None = Field(default=None, pattern=r"^scrypt\$[0-9a-f]+\$[0-9a-f]+$")


class SyncSettings(_Section):
    """Headquarters sync; off until a server and a credential are configured."""

    enabled: bool = False
    server_url: str | None = Field(default=None, pattern=r"^https?://")
    interval_s: int = Field(default=300, ge=10, le=86_400)


class Settings(_Section):
    """All settings of one station."""

    schema_version: int = SETTINGS_VERSION
    station: StationSettings = Field(default_factory=StationSettings)
    camera: CameraSettings = Field(default_factory=CameraSettings)
    ui: UiSettings = Field(default_factory=UiSettings)
    pricing: PricingSettings = Field(default_factory=PricingSettings)
    sync: SyncSettings = Field(default_factory=SyncSettings)


def load_settings(path: Path) -> Settings:
    """Read the settings file, creating it with defaults (and a new station id) the first
    time, migrating an older version (keeping the original as ``*.v{N}.bak``)."""
    if not path.exists():
        settings = Settings()
        save_settings(path, settings)
        return settings
    raw = _read_json(path)
    version = raw.get("schema_version", 1)
    if not isinstance(version, int) or version < 1:
        raise SettingsError(f"{path}: schema_version must be a positive integer")
    if version > SETTINGS_VERSION:
        raise SettingsError(
            f"{path} was written by a newer Yanji (settings version {version}); update Yanji"
        )
    migrated = _migrate(raw, version)
    try:
        settings = Settings.model_validate(migrated)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise SettingsError(f"{path}: {where}: {first['msg']}") from None
    if version < SETTINGS_VERSION:
        shutil.copy2(path, path.with_name(f"{path.name}.v{version}.bak"))
        save_settings(path, settings)
    return settings


def save_settings(path: Path, settings: Settings) -> None:
    """Write the settings atomically (a crash leaves the old file or the new, never half)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(settings.model_dump(mode="json"), indent=2, ensure_ascii=False)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".settings-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read_json(path: Path) -> dict[str, Any]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise SettingsError(
            f"{path} line {exc.lineno} column {exc.colno}: {exc.msg}; fix the file or move it "
            "away to start from defaults"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"cannot read {path}: {exc}") from None
    if not isinstance(raw, dict):
        raise SettingsError(f"{path}: settings must be a JSON object")
    return raw


def _migrate(raw: dict[str, Any], version: int) -> dict[str, Any]:
    while version < SETTINGS_VERSION:
        raw = MIGRATIONS[version](dict(raw))
        version += 1
        raw["schema_version"] = version
    return raw
