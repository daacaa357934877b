"""JSON form of the records, validated on the way in, with a versioned schema.

The JSON of an Inspection carries ``schema_version``. A newer version than this build
knows is refused (a newer station wrote it); an older one is migrated forward by the
functions in ``_MIGRATIONS`` before validation. `python -m app.codec` prints the JSON
Schema that docs/schema/ keeps under version control.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from app.errors import YanjiError
from app.records import SCHEMA_VERSION, Grade, Inspection, Quote
from devices.report import DeviceReport
from vision.finding import Finding

T = TypeVar("T")

JsonDict = dict[str, Any]


#: schema_version N -> function turning a version-N dict into a version N+1 dict.
def _v1_to_v2(value: JsonDict) -> JsonDict:
    """Version 2 names the seller's identity document; every version-1 seller showed a
    resident ID card (the only one version 1 took)."""
    if isinstance(value.get("seller"), dict):
        value["seller"] = {**value["seller"], "document": "cn_id"}
    return value


_MIGRATIONS: dict[int, Callable[[JsonDict], JsonDict]] = {1: _v1_to_v2}


class RecordError(YanjiError, ValueError):
    """A JSON record that cannot be read: malformed, invalid, or from a newer version."""


_ADAPTERS: dict[type[Any], TypeAdapter[Any]] = {}


def _adapter(kind: type[T]) -> TypeAdapter[T]:
    adapter = _ADAPTERS.get(kind)
    if adapter is None:
        adapter = _ADAPTERS[kind] = TypeAdapter(kind)
    return adapter


def to_json(record: object) -> str:
    """Compact JSON of any record type (Inspection, DeviceReport, Finding, Grade, Quote)."""
    return _adapter(type(record)).dump_json(record).decode()


def to_jsonable(record: object) -> Any:
    """The record as plain JSON-compatible Python values (dicts, lists, strings...)."""
    return _adapter(type(record)).dump_python(record, mode="json")


def from_json(kind: type[T], data: str | bytes | JsonDict | list[Any]) -> T:
    """Parse and validate ``data`` as ``kind``; raises RecordError naming what is wrong."""
    try:
        value = json.loads(data) if isinstance(data, (str, bytes)) else data
    except json.JSONDecodeError as exc:
        raise RecordError(f"not valid JSON: {exc}") from None
    if kind is Inspection:
        value = _upgrade(value)
    try:
        validated: T = _adapter(kind).validate_python(value)
        return validated
    except ValidationError as exc:
        raise RecordError(_describe(kind, exc)) from None


def _upgrade(value: Any) -> Any:
    if not isinstance(value, dict):
        raise RecordError("an inspection must be a JSON object")
    version = value.get("schema_version", SCHEMA_VERSION)
    if not isinstance(version, int) or version < 1:
        raise RecordError(f"schema_version must be a positive integer, got {version!r}")
    if version > SCHEMA_VERSION:
        raise RecordError(
            f"record has schema_version {version}, newer than this Yanji understands "
            f"({SCHEMA_VERSION}); update Yanji to read it"
        )
    while version < SCHEMA_VERSION:
        value = _MIGRATIONS[version](value)
        version += 1
        value["schema_version"] = version
    return value


def _describe(kind: type[Any], exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "(top level)"
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return f"invalid {kind.__name__}: {where}: {first['msg']}{more}"


def json_schema(kind: type[Any] = Inspection) -> JsonDict:
    """The JSON Schema of ``kind`` as this build validates it."""
    schema = _adapter(kind).json_schema()
    if kind is Inspection:
        schema["$id"] = f"https://yanji.invalid/schema/inspection-v{SCHEMA_VERSION}.json"
    return schema


__all__ = [
    "DeviceReport",
    "Finding",
    "Grade",
    "Inspection",
    "Quote",
    "RecordError",
    "from_json",
    "json_schema",
    "to_json",
    "to_jsonable",
]

if __name__ == "__main__":
    print(json.dumps(json_schema(), indent=2, ensure_ascii=False, sort_keys=True))
