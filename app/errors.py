"""Errors the station expects and explains to a person in one line (never a traceback)."""

from __future__ import annotations


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
