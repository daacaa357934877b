"""Station settings: one typed, validated model per section, versioned, kept as JSON in
the data directory. Older files are migrated forward (the original kept beside them).
A broken file is reported with everything wrong in it (`SettingsProblem`) and never
overwritten by `load_settings`; `recover_settings` puts each unusable setting back to
its default, keeping the file as it was beside it."""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app.errors import Problem, SettingsError
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


#: What can be wrong with a settings file, by `SettingsProblem` code: {0}, {1}, … are
#: its values. The window words the same codes in the clerk's language.
SETTINGS_PROBLEMS = {
    # the whole file
    "unreadable": "cannot be read: {0}",
    "not_text": "not UTF-8 text",
    "not_json": "not JSON: line {0} column {1}: {2}",
    "empty_file": "the file is empty",
    "json_value": "not JSON: line {0} column {1}: a value was expected (a comma too many, "
    "or text without double quotes?)",
    "json_name": "not JSON: line {0} column {1}: a name in double quotes was expected "
    "(a comma too many before }}, or single quotes?)",
    "json_colon": "not JSON: line {0} column {1}: a colon is missing after the name",
    "json_comma": "not JSON: line {0} column {1}: a comma is missing before this",
    "json_open_text": "not JSON: line {0} column {1}: the text in quotes is never closed",
    "json_control": "not JSON: line {0} column {1}: a tab or line break inside quotes",
    "json_escape": "not JSON: line {0} column {1}: a backslash inside quotes must be "
    "written twice (C:\\\\photos)",
    "json_extra": "not JSON: line {0} column {1}: more text after the settings' closing }}",
    "not_object": "not a JSON object",
    "bad_version": "schema_version {0} is not a positive whole number",
    "newer": "written by a newer Yanji (settings version {0}); update Yanji",
    # one setting ({0} its name, {1} the value found)
    "unknown": "{0} is not a setting (misspelt?)",
    "not_section": "{0} is {1}, not a section of settings",
    "too_small": "{0} is {1}, below the least allowed ({2})",
    "too_large": "{0} is {1}, above the most allowed ({2})",
    "empty": "{0} must not be empty",
    "too_long": "{0} is longer than {2} characters",
    "not_one_of": "{0} is {1}, not one of {2}",
    "not_whole_number": "{0} is {1}, not a whole number",
    "not_number": "{0} is {1}, not a number",
    "not_true_false": "{0} is {1}, not true or false",
    "not_text_value": "{0} is {1}, not text in quotes",
    "not_url": "{0} is {1}, not an address starting with http:// or https://",
    "not_pin_hash": "{0} is not a PIN set by `yanji settings manager-pin`",
    "invalid": "{0} is {1}: {2}",
}

#: Codes for the whole file: nothing in it can be read setting by setting.
WHOLE_FILE = frozenset(
    {"unreadable", "not_text", "not_json", "empty_file", "not_object", "newer"}
    | {code for code in SETTINGS_PROBLEMS if code.startswith("json_")}
)


@dataclass(frozen=True, slots=True)
class SettingsProblem(Problem):
    """One thing wrong with the settings file: ``code`` (a key of `SETTINGS_PROBLEMS`)
    and the values that fill in its words (for one setting, its dotted name first)."""

    WORDS: ClassVar[Mapping[str, str]] = SETTINGS_PROBLEMS

    @property
    def setting(self) -> str | None:
        """The setting it is about (``camera.width``); None for the whole file."""
        if self.code == "bad_version":
            return "schema_version"
        return None if self.code in WHOLE_FILE else self.values[0]


class SettingsFileError(SettingsError):
    """A settings file that cannot be used as it is: ``problems`` has everything wrong
    with it; ``language`` is the file's ``ui.language`` where that could be read
    ("auto" otherwise), so that the problems can be said in the clerk's language."""

    def __init__(
        self, path: Path, problems: Sequence[SettingsProblem], language: str = "auto"
    ) -> None:
        self.path = path
        self.problems = list(problems)
        self.language = language
        hint = (
            "update Yanji"
            if self.problems[0].code == "newer"
            else "fix the file, or run `yanji settings repair` to put what cannot be used "
            "back to its default (the file is kept beside it)"
        )
        super().__init__(f"{path}: {'; '.join(map(str, self.problems))}; {hint}")

    @property
    def recoverable(self) -> bool:
        """Whether `recover_settings` can start the station from this file: not one
        written by a newer Yanji (defaults would then lose its settings for that
        version), nor one the OS will not give."""
        return self.problems[0].code not in ("newer", "unreadable")


def load_settings(path: Path) -> Settings:
    """Read the settings file, creating it with defaults (and a new station id) the first
    time, migrating an older version (keeping the original as ``*.v{N}.bak``). A file
    that cannot be used raises `SettingsFileError`, the file left as it is."""
    if not path.exists():
        settings = Settings()
        save_settings(path, settings)
        return settings
    raw, version = _read_versioned(path)
    migrated = _migrate(raw, version)
    try:
        settings = Settings.model_validate(migrated)
    except ValidationError as exc:
        raise SettingsFileError(
            path, [_problem(error) for error in exc.errors()], _language(migrated)
        ) from None
    if version < SETTINGS_VERSION:
        shutil.copy2(path, path.with_name(f"{path.name}.v{version}.bak"))
        save_settings(path, settings)
    return settings


@dataclass(frozen=True)
class Recovered:
    """What `recover_settings` did: the settings now in force, what was put back to
    its default, and where the file as it was is kept."""

    settings: Settings
    problems: tuple[SettingsProblem, ...]
    kept: Path


def recover_settings(path: Path, now: datetime | None = None) -> Recovered:
    """Put each setting that cannot be used back to its default, keep everything else,
    and write the result; the file as it was is kept beside it as
    ``settings.json.broken-YYYYMMDD-HHMMSS``. A file that is not JSON at all starts
    from defaults, keeping its station id where one can be found in the text; one whose
    ``schema_version`` is not a version number is read as this version's. Raises
    `SettingsFileError` where that is not `recoverable` (and for a file that is fine:
    there is nothing to recover)."""
    try:
        load_settings(path)
    except SettingsFileError as error:
        if not error.recoverable:
            raise
        problems = error.problems
    else:
        raise SettingsError(f"{path}: nothing to repair, the settings can be used")
    if problems[0].code == "bad_version":  # the rest is read as this version's
        raw = {**_read_json(path), "schema_version": SETTINGS_VERSION}
    elif problems[0].code in WHOLE_FILE:
        raw = {}
        station_id = _station_id_in(path.read_bytes().decode("utf-8", "replace"))
        if station_id:
            raw["station"] = {"station_id": station_id}
    else:
        raw = _migrate(*_read_versioned(path))
    for setting in filter(None, (problem.setting for problem in problems)):
        if setting != "schema_version":
            _drop(raw, setting.split("."))
    try:
        settings = Settings.model_validate(raw)
    except ValidationError:  # what is left still fails: start from defaults
        settings = Settings()
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    kept, n = path.with_name(f"{path.name}.broken-{stamp}"), 1
    while kept.exists():  # never over an earlier kept file
        n += 1
        kept = path.with_name(f"{path.name}.broken-{stamp}-{n}")
    shutil.copy2(path, kept)
    save_settings(path, settings)
    return Recovered(settings, tuple(problems), kept)


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


def _read_versioned(path: Path) -> tuple[dict[str, Any], int]:
    """The file's JSON object and its schema version (one this build can read)."""
    raw = _read_json(path)
    version = raw.get("schema_version", 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        # Say what else is wrong, were it this version's file (as repair reads it).
        problems = [SettingsProblem("bad_version", (_shown(version),))]
        try:
            Settings.model_validate({**raw, "schema_version": SETTINGS_VERSION})
        except ValidationError as exc:
            problems += [_problem(error) for error in exc.errors()]
        raise SettingsFileError(path, problems, _language(raw))
    if version > SETTINGS_VERSION:
        raise SettingsFileError(path, [SettingsProblem("newer", (str(version),))])
    return raw, version


def _read_json(path: Path) -> dict[str, Any]:
    def refused(code: str, *values: str) -> SettingsFileError:
        return SettingsFileError(path, [SettingsProblem(code, values)])

    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        if not exc.doc.strip():
            raise refused("empty_file") from None
        code = next((code for start, code in _JSON_FAULTS if exc.msg.startswith(start)), "not_json")
        where = (str(exc.lineno), str(exc.colno))
        raise refused(code, *where, *([exc.msg] if code == "not_json" else [])) from None
    except UnicodeDecodeError:
        raise refused("not_text") from None
    except OSError as exc:
        raise refused("unreadable", exc.strerror or str(exc)) from None
    if not isinstance(raw, dict):
        raise refused("not_object")
    return raw


#: The start of the json module's message -> our code (the rest keep its words).
_JSON_FAULTS = (
    ("Expecting value", "json_value"),
    ("Expecting property name", "json_name"),
    ("Illegal trailing comma before end of object", "json_name"),  # Python 3.13
    ("Illegal trailing comma", "json_value"),
    ("Expecting ':'", "json_colon"),
    ("Expecting ','", "json_comma"),
    ("Unterminated string", "json_open_text"),
    ("Invalid control character", "json_control"),
    ("Invalid \\", "json_escape"),
    ("Extra data", "json_extra"),
)

#: pydantic's error type -> our code, for those that need no more than the type.
_BY_TYPE = {
    "extra_forbidden": "unknown",
    "model_type": "not_section",
    "model_attributes_type": "not_section",
    "greater_than_equal": "too_small",
    "less_than_equal": "too_large",
    "string_too_short": "empty",
    "string_too_long": "too_long",
    "literal_error": "not_one_of",
    "int_parsing": "not_whole_number",
    "int_type": "not_whole_number",
    "int_from_float": "not_whole_number",
    "float_parsing": "not_number",
    "float_type": "not_number",
    "bool_parsing": "not_true_false",
    "bool_type": "not_true_false",
    "string_type": "not_text_value",
}
#: The form a pattern asks for, by setting.
_BY_PATTERN = {"sync.server_url": "not_url", "pricing.manager_pin_hash": "not_pin_hash"}


def _problem(error: Any) -> SettingsProblem:
    """One of pydantic's errors as a `SettingsProblem`: the setting (section.name), the
    value found, and the bound it broke, where there is one."""
    setting = ".".join(str(part) for part in error["loc"][:2])
    context = error.get("ctx") or {}
    bound = next(
        (str(context[key]) for key in ("ge", "le", "max_length", "expected") if key in context),
        "",
    )
    if error["type"] == "literal_error":
        bound = ", ".join(json.dumps(value, ensure_ascii=False) for value in _allowed(setting))
    code = _BY_TYPE.get(error["type"])
    if error["type"] == "string_pattern_mismatch":
        code = _BY_PATTERN.get(setting)
    if code is None:
        return SettingsProblem("invalid", (setting, _shown(error["input"]), error["msg"]))
    return SettingsProblem(code, (setting, _shown(error["input"]), bound))


def _allowed(setting: str) -> tuple[Any, ...]:
    """The values a `Literal` setting (``section.name``) takes."""
    section, name = setting.split(".")
    model = Settings.model_fields[section].annotation
    assert isinstance(model, type) and issubclass(model, BaseModel)
    return get_args(model.model_fields[name].annotation)


def _shown(value: Any) -> str:
    """A value as it is written in the file, cut short."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:39] + "…"


def _language(raw: dict[str, Any]) -> str:
    """The file's ``ui.language`` where it is one of those allowed, else "auto"."""
    ui = raw.get("ui")
    language = ui.get("language") if isinstance(ui, dict) else None
    return language if language in ("zh_CN", "en") else "auto"


def _station_id_in(text: str) -> str | None:
    """The station id written in a file that is not JSON as a whole (so that the
    station's records go on carrying it), where one can be found."""
    found = re.search(r'"station_id"\s*:\s*"([^"\\]{1,64})"', text)
    return found.group(1) if found else None


def _drop(raw: dict[str, Any], keys: list[str]) -> None:
    """Remove ``raw[keys[0]][keys[1]]`` (or ``raw[keys[0]]``), where it is there."""
    *sections, last = keys
    node: Any = raw
    for key in sections:
        node = node.get(key) if isinstance(node, dict) else None
    if isinstance(node, dict):
        node.pop(last, None)


def _migrate(raw: dict[str, Any], version: int) -> dict[str, Any]:
    while version < SETTINGS_VERSION:
        raw = MIGRATIONS[version](dict(raw))
        version += 1
        raw["schema_version"] = version
    return raw
