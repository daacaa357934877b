"""Errors the station expects and explains to a person in one line (never a traceback)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from app.text import size_text


class YanjiError(Exception):
    """An expected failure with a message fit for a clerk or support staff."""


class WordedError(YanjiError):
    """A refusal a clerk reads: ``code`` is a key of the class's ``WORDS`` (English,
    ``{0}``, ``{1}``, … for ``values``), which the command line prints. The window words
    each code in the clerk's language (`ui.problem_text.worded_text`), so a new code
    needs words there and in the zh_CN catalogue; a test checks both cover every code."""

    WORDS: ClassVar[Mapping[str, str]] = {}

    def __init__(self, code: str, *parts: object) -> None:
        self.code = code
        #: The values as given (one may be worded itself, such as a sheet's problem),
        #: and as the English words print them.
        self.parts = parts
        self.values = tuple(str(part) for part in parts)
        super().__init__(self.WORDS[code].format(*self.values))


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a file the station reads (a price sheet, the settings):
    ``code`` is a key of the class's ``WORDS`` (English, ``{0}``, ``{1}``, … for
    ``values``), which the command line prints; the window words each code in the
    clerk's language (`ui.problem_text`), as for a `WordedError`."""

    WORDS: ClassVar[Mapping[str, str]] = {}

    code: str
    values: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.WORDS[self.code].format(*self.values)


class NotFoundError(YanjiError):
    """A record that does not exist."""


class SealedError(YanjiError):
    """An attempt to change a sealed (read-only) inspection."""


class DatabaseError(YanjiError):
    """The database cannot be used: newer than this build, corrupt, or locked."""


class SettingsError(YanjiError):
    """The settings file cannot be read or is invalid."""


class DiskFullError(YanjiError):
    """Too little room left on the disk that holds the station's data: a photo refused
    before it would leave less than `app.disk.FLOOR_BYTES`, or a write the disk
    turned away. Nothing already saved is lost; the write did not happen."""

    def __init__(self, folder: str, free: int, needed: int | None = None) -> None:
        self.folder = folder
        self.free = free
        self.needed = needed
        wanted = "" if needed is None else f", {size_text(needed)} needed"
        super().__init__(
            f"not enough room on the disk holding {folder}: {size_text(free)} free"
            f"{wanted}; free space there or move the station's data to a larger disk "
            "(--data-dir or YANJI_DATA_DIR)"
        )
