"""Comparing parts between two reports of the same phone."""

from __future__ import annotations

from dataclasses import replace

import pytest

from devices.parts import Change, DifferentPhoneError, compare_parts
from devices.report import DeviceReport, Part, PartStatus, Platform

BEFORE = DeviceReport(
    platform=Platform.IOS,
    serial="DNPT1P8EHG74",
    imeis=("355341083159771",),
    parts=(
        Part("battery", PartStatus.UNKNOWN, "F5D7465A1"),
        Part("display"),
        Part("camera", PartStatus.ORIGINAL, "CAM1"),
    ),
)


def test_unchanged_swapped_replaced_and_unknown() -> None:
    after = replace(
        BEFORE,
        parts=(
            Part("battery", PartStatus.UNKNOWN, "F9X000000"),
            Part("display"),
            Part("camera", PartStatus.REPLACED, "CAM1"),
            Part("face_id", PartStatus.ORIGINAL, "FID1"),
        ),
    )
    changes = {c.part: (c.change, c.before, c.after) for c in compare_parts(BEFORE, after)}
    assert changes == {
        "battery": (Change.SWAPPED, "F5D7465A1", "F9X000000"),
        "camera": (Change.NOW_REPLACED, "CAM1", "CAM1"),
        "display": (Change.UNKNOWN, None, None),
        "face_id": (Change.UNKNOWN, None, "FID1"),
    }
    assert all(
        c.change is Change.SAME for c in compare_parts(BEFORE, BEFORE) if c.before is not None
    )


def test_reports_of_different_phones_are_refused() -> None:
    with pytest.raises(DifferentPhoneError, match="different phones"):
        compare_parts(BEFORE, replace(BEFORE, serial="OTHER"))
    no_serial = replace(BEFORE, serial=None)
    assert compare_parts(no_serial, no_serial)  # matched by IMEI
    with pytest.raises(DifferentPhoneError):
        compare_parts(no_serial, replace(no_serial, imeis=("354442067957452",)))
