"""The model catalogue in resources/catalogue: iPhone ProductType and ModelNumber to
name, colour and storage (the MIT-licensed ios-device-list table plus later models),
Android model codes to the marketing name when the phone does not say it, and the
outer size of each phone in mm (which the camera's measurements are scaled by)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True, slots=True)
class AppleModel:
    """What a ModelNumber (e.g. MNH12) tells: generation, colour, storage in GB."""

    name: str
    color: str | None
    storage_gb: int | None


def _read(name: str) -> Any:
    text = resources.files("resources").joinpath("catalogue", name).read_text(encoding="utf-8")
    return json.loads(text)


@cache
def _iphones() -> tuple[dict[str, str], dict[str, AppleModel]]:
    names: dict[str, str] = {}
    models: dict[str, AppleModel] = {}
    for entry in _read("ios-device-list_iphone.json"):
        identifiers = entry["Identifier"]
        for identifier in [identifiers] if isinstance(identifiers, str) else identifiers:
            names[identifier] = entry["Generation"]
        for variant in entry.get("Models", []):
            storage = parse_gb(variant.get("Storage"))
            for number in variant.get("Model", []):
                models[number] = AppleModel(entry["Generation"], variant.get("Color"), storage)
    for identifier, name in _read("iphone-extra.json").items():
        if not identifier.startswith("_"):
            names[identifier] = name
    return names, models


def parse_gb(text: str | None) -> int | None:
    """ "128 GB" -> 128, "1 TB" -> 1024; None when absent or not a size."""
    if not text:
        return None
    parts = text.replace("GB", " GB").replace("TB", " TB").split()
    try:
        number = int(parts[0])
    except (ValueError, IndexError):
        return None
    return number * 1024 if len(parts) > 1 and parts[1].upper() == "TB" else number


def iphone_name(product_type: str | None) -> str | None:
    """ "iPhone9,1" -> "iPhone 7"."""
    return _iphones()[0].get(product_type or "")


def apple_model(model_number: str | None) -> AppleModel | None:
    """Name, colour and storage for a lockdown ModelNumber (region suffix ignored)."""
    if not model_number:
        return None
    return _iphones()[1].get(model_number.split("/")[0][:5])


@cache
def _android() -> dict[str, tuple[str, str]]:
    return {k: (v[0], v[1]) for k, v in _read("android.json").items() if not k.startswith("_")}


def android_name(model_code: str | None) -> tuple[str, str] | None:
    """(brand, marketing name) for an Android model code, when the catalogue has it."""
    return _android().get(model_code or "")


@dataclass(frozen=True, slots=True)
class Size:
    """A phone's outer size in mm, as its maker publishes it."""

    width: float
    height: float
    depth: float


@cache
def _sizes() -> dict[str, Size]:
    return {
        k.casefold(): Size(*(float(v) for v in values))
        for k, values in _read("dimensions.json").items()
        if not k.startswith("_")
    }


#: Makers whose phones may give their name with the maker in front ("HUAWEI Mate 60
#: Pro" in ro.config.marketing_name) while the table lists it without. Xiaomi, OnePlus
#: and POCO are part of the name itself ("Xiaomi 15") and stay.
MAKER_PREFIXES = ("samsung ", "huawei ", "honor ", "apple ")


def phone_size(name: str | None) -> Size | None:
    """The outer size of the phone of this marketing name ("iPhone 7", "POCO F6"; any
    case, and "Samsung Galaxy S24" or "HUAWEI Mate 60 Pro" as well as "Galaxy S24" or
    "Mate 60 Pro"); None when not listed."""
    if not name:
        return None
    sizes = _sizes()
    key = " ".join(name.split()).casefold()
    if key in sizes:
        return sizes[key]
    for maker in MAKER_PREFIXES:
        if key.startswith(maker) and key.removeprefix(maker) in sizes:
            return sizes[key.removeprefix(maker)]
    return None
