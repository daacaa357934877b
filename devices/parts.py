"""Comparing a phone's parts between two reports of the same phone (say, when it was
bought in and when it is sold on): a part whose serial changed has been swapped."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from devices.report import DeviceReport, PartStatus


class Change(enum.StrEnum):
    """What happened to one part between the two reports."""

    SAME = "same"
    SWAPPED = "swapped"  # both serials known and different
    NOW_REPLACED = "now_replaced"  # the OS now calls it non-genuine
    UNKNOWN = "unknown"  # a serial or status is missing on either side


@dataclass(frozen=True, slots=True)
class PartChange:
    """One part's comparison, with the serials that decided it."""

    part: str
    change: Change
    before: str | None
    after: str | None


class DifferentPhoneError(ValueError):
    """The two reports are not of the same phone (serial or IMEIs differ)."""


def compare_parts(earlier: DeviceReport, later: DeviceReport) -> list[PartChange]:
    """Every part either report names, compared. Unknown stays unknown: a part with no
    serial on one side is never called the same or swapped."""
    if not _same_phone(earlier, later):
        raise DifferentPhoneError(
            f"reports are of different phones ({earlier.serial} and {later.serial})"
        )
    before = {p.name: p for p in earlier.parts}
    after = {p.name: p for p in later.parts}
    changes = []
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        old_serial = old.serial if old else None
        new_serial = new.serial if new else None
        if (
            new is not None
            and new.status is PartStatus.REPLACED
            and (old is None or old.status is not PartStatus.REPLACED)
        ):
            change = Change.NOW_REPLACED
        elif old_serial and new_serial:
            change = Change.SAME if old_serial == new_serial else Change.SWAPPED
        else:
            change = Change.UNKNOWN
        changes.append(PartChange(name, change, old_serial, new_serial))
    return changes


def _same_phone(a: DeviceReport, b: DeviceReport) -> bool:
    if a.serial and b.serial:
        return a.serial == b.serial
    return bool(set(a.imeis) & set(b.imeis))
