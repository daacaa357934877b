"""Errors the station expects and explains to a person in one line (never a traceback)."""

from __future__ import annotations

from app.text import size_text


class YanjiError(Exception):
    """An expected failure with a message fit for a clerk or support staff."""


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
