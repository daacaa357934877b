"""What every page is given (STYLE.md §2): the store, settings, task runner, the
pricing set-up and the inspection in hand. Not a widget; no globals."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from app.paths import DataDir
from app.quoting import PricingSetup
from app.records import Inspection
from app.settings import Settings
from app.store import Store
from devices.replay import Recording
from devices.report import DeviceReport
from devices.watcher import PhoneRef
from ui.tasks import TaskRunner


class InspectionModel(QObject):
    """The inspection in hand; ``changed`` is announced after every write."""

    changed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.current: Inspection | None = None

    def set(self, inspection: Inspection | None) -> None:
        self.current = inspection
        self.changed.emit(inspection)


@dataclass
class StationContext:
    """Shared by the window and its pages."""

    store: Store
    settings: Settings
    data_dir: DataDir
    runner: TaskRunner
    pricing: PricingSetup
    demo: bool
    recordings: dict[str, Recording] = field(default_factory=dict)
    #: Demo mode because no camera answered at start (not ``--demo``): the recorded
    #: phones are shown with generated photos, and real phones are read too, their
    #: photos taken from files.
    no_camera: bool = False
    inspection: InspectionModel = field(default_factory=InspectionModel)
    #: The phones connected now, by the serial their report gives (the Phones page
    #: keeps it): how a page reaches the phone in hand.
    phones: dict[str, PhoneRef] = field(default_factory=dict)
    #: Pushes a pattern image (name, PNG) to a connected Android phone and opens it
    #: full screen (`StationProber.show_pattern`); None in the demo proper (`--demo`).
    send_pattern: Callable[[PhoneRef, str, bytes], str] | None = None
    #: Takes the patterns pushed by ``send_pattern`` off the phone again
    #: (`StationProber.remove_patterns`).
    remove_patterns: Callable[[PhoneRef], None] | None = None

    def recorded(self, device: DeviceReport | None) -> bool:
        """Whether ``device`` is one of the recorded demo phones (its photos are then
        generated; a real phone's never are)."""
        serials = {recording.serial for recording in self.recordings.values()}
        return device is not None and device.serial in serials

    def camera_for(self, device: DeviceReport | None) -> bool:
        """Whether the station has a camera for ``device``: a real one, or the demo's
        for a recorded phone. Without one, photos come from files."""
        return not self.no_camera or self.recorded(device)

    @property
    def clerk(self) -> str:
        return self.settings.station.clerk

    @property
    def station_id(self) -> str:
        return self.settings.station.station_id
