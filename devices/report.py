"""DeviceReport: everything read from a phone, plus what could not be read and why.

Plain frozen dataclasses (stdlib only) so that `devices/` stays free of `app/`; the JSON
codec and its versioned schema live in `app.records`. A partial report is a normal
result: fields that could not be read stay ``None`` / ``UNKNOWN`` and a line in
``problems`` says why.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Platform(enum.StrEnum):
    """The phone's operating system family."""

    ANDROID = "android"
    IOS = "ios"


class LockState(enum.StrEnum):
    """A lock is on, off, or could not be decided; unknown is never guessed away."""

    ON = "on"
    OFF = "off"
    UNKNOWN = "unknown"


class ChargeState(enum.StrEnum):
    """Charging state as the phone reports it."""

    CHARGING = "charging"
    DISCHARGING = "discharging"
    NOT_CHARGING = "not_charging"
    FULL = "full"
    UNKNOWN = "unknown"


class PartStatus(enum.StrEnum):
    """Whether a part is the one the phone left the factory with."""

    ORIGINAL = "original"
    REPLACED = "replaced"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Battery:
    """Battery condition; capacities in mAh, temperature in °C."""

    health_percent: float | None = None
    cycle_count: int | None = None
    design_capacity_mah: int | None = None
    full_capacity_mah: int | None = None
    temperature_c: float | None = None
    charge_state: ChargeState = ChargeState.UNKNOWN
    level_percent: int | None = None


@dataclass(frozen=True, slots=True)
class LockEvidence:
    """One signal that decided (or failed to decide) a lock: which lock, what was read."""

    lock: str
    signal: str
    value: str


@dataclass(frozen=True, slots=True)
class Locks:
    """Activation Lock / Find My, FRP / Google account, MDM / supervision, carrier lock."""

    activation_lock: LockState = LockState.UNKNOWN
    frp: LockState = LockState.UNKNOWN
    mdm: LockState = LockState.UNKNOWN
    carrier: LockState = LockState.UNKNOWN
    evidence: tuple[LockEvidence, ...] = ()

    def states(self) -> dict[str, LockState]:
        """Each lock's state by its field name."""
        return {
            "activation_lock": self.activation_lock,
            "frp": self.frp,
            "mdm": self.mdm,
            "carrier": self.carrier,
        }

    def blocking(self) -> tuple[str, ...]:
        """Names of the locks that are on (a phone with any of these cannot be resold;
        a carrier lock only lowers its price)."""
        return tuple(
            name
            for name, state in self.states().items()
            if state is LockState.ON and name != "carrier"
        )


@dataclass(frozen=True, slots=True)
class Integrity:
    """Bootloader and root / jailbreak; ``None`` means it could not be determined."""

    bootloader_unlocked: bool | None = None
    rooted: bool | None = None
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Part:
    """One replaceable part with the serial the phone exposes for it, if any."""

    name: str
    status: PartStatus = PartStatus.UNKNOWN
    serial: str | None = None


@dataclass(frozen=True, slots=True)
class DeviceReport:
    """What one probe of one phone found. Storage and RAM in GB."""

    platform: Platform
    brand: str | None = None
    manufacturer: str | None = None
    model_code: str | None = None
    marketing_name: str | None = None
    storage_gb: int | None = None
    ram_gb: float | None = None
    color: str | None = None
    region: str | None = None
    serial: str | None = None
    imeis: tuple[str, ...] = ()
    os_version: str | None = None
    os_build: str | None = None
    screen_resolution: tuple[int, int] | None = None
    battery: Battery = field(default_factory=Battery)
    locks: Locks = field(default_factory=Locks)
    integrity: Integrity = field(default_factory=Integrity)
    parts: tuple[Part, ...] = ()
    problems: tuple[str, ...] = ()

    def full_name(self) -> str:
        """Maker and model as a clerk says them: "Apple iPhone 7", and "POCO X5 Pro 5G"
        where the phone's own name already starts with its brand; "?" where neither
        is known."""
        name = self.marketing_name or self.model_code
        brand = (self.brand or "").strip()
        if not name:
            return brand or "?"
        if not brand or name.casefold().startswith(brand.casefold()):
            return name
        return f"{brand} {name}"
