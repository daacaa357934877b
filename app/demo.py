"""The recorded demo: phones from resources/demo and generated photos, so a newcomer
sees a whole inspection with no phone and no camera attached."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from app import codec
from app.records import Inspection, PhotoStep
from app.store import Store
from devices.report import DeviceReport

DEMO_CLERK = "demo"


@dataclass(frozen=True, slots=True)
class DemoOutcome:
    """One demo phone's record (sealed, or a refused draft when a lock is on) and where
    its JSON was written."""

    inspection: Inspection
    export: Path
    blocking_locks: tuple[str, ...]


def demo_devices() -> dict[str, DeviceReport]:
    """The recorded demo phones by name, validated as DeviceReports."""
    folder = resources.files("resources").joinpath("demo", "devices")
    found: dict[str, DeviceReport] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            found[entry.name.removesuffix(".json")] = codec.from_json(
                DeviceReport, entry.read_text(encoding="utf-8")
            )
    return found


def run_headless_demo(store: Store, station_id: str, export_dir: Path) -> list[DemoOutcome]:
    """Inspect, grade and price every demo phone with a generated photo, sealing those
    the quote does not refuse; write each record as JSON into ``export_dir``. Uses the
    price sheet in force, or the bundled sample when none was imported."""
    from app.quoting import price_inspection, pricing_setup
    from vision.synthetic import encode_png, render_phone

    setup = pricing_setup(store)
    photo = encode_png(render_phone())
    export_dir.mkdir(parents=True, exist_ok=True)
    outcomes = []
    for name, device in demo_devices().items():
        draft = store.create_draft(station_id, DEMO_CLERK, device)
        store.add_photo(draft.id, photo, PhotoStep.SCREEN_OFF, media_type="image/png")
        record = price_inspection(store, draft.id, setup)
        locks = device.locks.blocking()
        if record.quote is not None and record.quote.refused:
            # A locked phone is refused before money changes hands: it stays a draft.
            store.record_event(DEMO_CLERK, "inspection.refused", draft.id, {"locks": list(locks)})
        else:
            record = store.seal(draft.id, DEMO_CLERK)
        path = export_dir / f"demo-{name}-{record.id}.json"
        path.write_text(
            json.dumps(codec.to_jsonable(record), indent=2, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
        outcomes.append(DemoOutcome(record, path, locks))
    return outcomes
