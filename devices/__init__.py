"""Talking to phones: transports kept apart from pure parsers, and the DeviceReport type."""

from devices.report import (
    Battery,
    ChargeState,
    DeviceReport,
    Integrity,
    LockEvidence,
    Locks,
    LockState,
    Part,
    PartStatus,
    Platform,
)

__all__ = [
    "Battery",
    "ChargeState",
    "DeviceReport",
    "Integrity",
    "LockEvidence",
    "LockState",
    "Locks",
    "Part",
    "PartStatus",
    "Platform",
]
