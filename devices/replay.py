"""Recorded phones (resources/devices/*.json) and transports that replay them, for the
demo and tests. A replayed phone answers exactly what the real one said, through the
same probe code as a live phone; it can be given a round-trip latency and can be
"unplugged" after a number of round trips."""

from __future__ import annotations

import asyncio
import json
import re
import time
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from devices.errors import ParseError, PhoneState, PhoneUnavailable

_SECTION = re.compile(r"echo @@([a-z0-9_]+); (.*?) 2>&1(?=; |$)")


@dataclass(frozen=True, slots=True)
class Recording:
    """One recorded phone: Android shell outputs by probe section, or iPhone lockdown
    values and service answers."""

    name: str
    platform: str
    title: str
    source: str
    data: dict[str, Any] = field(repr=False)
    #: The phone's serial (Android ro.serialno) or UDID-like id (iPhone serial), read
    #: once from ``data``: the window asks it of every phone it shows, every frame.
    serial: str = field(init=False)

    def __post_init__(self) -> None:
        if self.platform == "android":
            found = re.search(r"^\[ro\.serialno\]: \[(.*)\]$", self.data["shell"]["getprop"], re.M)
            serial = found[1] if found else self.name
        else:
            serial = str(self.data["lockdown"].get("SerialNumber", self.name))
        object.__setattr__(self, "serial", serial)


def load_recording(path: Path) -> Recording:
    """Read and check one recording file; ParseError naming the file otherwise."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ParseError(f"{path}: cannot read recording: {exc}") from None
    platform = data.get("platform") if isinstance(data, dict) else None
    needed = {"android": "shell", "ios": "lockdown"}.get(str(platform))
    if needed is None or not isinstance(data.get(needed), dict):
        raise ParseError(f"{path}: a recording needs platform android+shell or ios+lockdown")
    return Recording(
        path.stem, str(platform), data.get("name", path.stem), data.get("source", ""), data
    )


def recorded_phones() -> dict[str, Recording]:
    """The recorded phones shipped in resources/devices, by name."""
    folder = resources.files("resources").joinpath("devices")
    found = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            recording = load_recording(Path(str(entry)))
            found[recording.name] = recording
    return found


class ReplayShell:
    """ShellTransport answering from an Android recording. A batched command (echo
    @@section; command ...) is answered section by section, as a phone would."""

    def __init__(
        self, recording: Recording, latency_s: float = 0.0, unplug_after: int | None = None
    ) -> None:
        self._outputs: dict[str, str] = recording.data["shell"]
        self._latency_s = latency_s
        self._left = unplug_after
        self.calls = 0

    def shell(self, command: str, timeout_s: float) -> str:
        """The recorded answer to ``command``."""
        self.calls += 1
        if self._left is not None:
            if self._left <= 0:
                raise PhoneUnavailable(PhoneState.GONE, "unplugged")
            self._left -= 1
        if self._latency_s:
            time.sleep(self._latency_s)
        return answer_batch(self._outputs, command)

    def close(self) -> None:
        """Nothing to release."""


def answer_batch(outputs: dict[str, str], command: str) -> str:
    """What a phone prints for a batched probe command, from recorded outputs."""
    lines: list[str] = []
    for section in _SECTION.finditer(command):
        lines.append(f"@@{section[1]}")
        lines.append(outputs.get(section[1], f"/system/bin/sh: {section[2].split()[0]}: not found"))
    end = re.search(r"echo (@@end)$", command)
    if end:
        lines.append(end[1])
    return "\n".join(lines) + "\n"


class ReplayLockdown:
    """LockdownSource answering from an iPhone recording."""

    def __init__(
        self, recording: Recording, latency_s: float = 0.0, unplug_after: int | None = None
    ) -> None:
        self._data = recording.data
        self._latency_s = latency_s
        self._left = unplug_after

    async def _tick(self) -> None:
        if self._left is not None:
            if self._left <= 0:
                raise PhoneUnavailable(PhoneState.GONE, "unplugged")
            self._left -= 1
        if self._latency_s:
            await asyncio.sleep(self._latency_s)

    async def values(self) -> dict[str, Any]:
        await self._tick()
        return dict(self._data["lockdown"])

    async def domain(self, name: str) -> dict[str, Any] | None:
        await self._tick()
        found = self._data.get("domains", {}).get(name)
        return None if found is None else dict(found)

    async def battery(self) -> dict[str, Any] | None:
        await self._tick()
        return self._data.get("battery")

    async def cloud_configuration(self) -> dict[str, Any] | None:
        await self._tick()
        return self._data.get("cloud_configuration")

    async def profiles(self) -> dict[str, Any] | None:
        await self._tick()
        return self._data.get("profiles")

    async def apps(self) -> list[str] | None:
        await self._tick()
        found = self._data.get("apps")
        return None if found is None else list(found)

    async def close(self) -> None:
        """Nothing to release."""
