"""The recorded demo: the recorded phones in resources/devices, probed through the same
code as live phones, and generated photos, so a newcomer sees whole inspections with
no phone and no camera attached."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from pathlib import Path

from app import codec
from app.errors import YanjiError
from app.records import Inspection, PhotoStep
from app.store import Store
from devices.android import probe_android
from devices.ios import probe_ios
from devices.replay import Recording, ReplayLockdown, ReplayShell, recorded_phones
from devices.report import DeviceReport

DEMO_CLERK = "demo"


@dataclass(frozen=True, slots=True)
class DemoOutcome:
    """One demo phone's record and where its JSON was written. ``refusal`` says why it
    was not sealed (a blocking lock, or no price on the sheet); empty when sealed."""

    inspection: Inspection
    export: Path
    refusal: str


def probe_recording(recording: Recording) -> DeviceReport:
    """The report a live probe of this recorded phone gives."""
    if recording.platform == "android":
        return probe_android(ReplayShell(recording))
    return asyncio.run(probe_ios(ReplayLockdown(recording)))


def demo_devices() -> dict[str, DeviceReport]:
    """The recorded phones' reports, by recording name."""
    return {name: probe_recording(r) for name, r in recorded_phones().items()}


def run_headless_demo(store: Store, station_id: str, export_dir: Path) -> list[DemoOutcome]:
    """Inspect, grade and price every recorded phone with a generated photo, sealing
    those the quote does not refuse; write each record as JSON into ``export_dir``.
    Uses the price sheet in force, or the bundled sample when none was imported."""
    from app.quoting import price_inspection, pricing_setup
    from vision.synthetic import encode_png, render_phone

    setup = pricing_setup(store)
    photo = encode_png(render_phone())
    export_dir.mkdir(parents=True, exist_ok=True)
    outcomes = []
    for name, device in demo_devices().items():
        draft = store.create_draft(station_id, DEMO_CLERK, device)
        record = store.add_photo(draft.id, photo, PhotoStep.SCREEN_OFF, media_type="image/png")
        refusal = ""
        try:
            record = price_inspection(store, draft.id, setup)
        except YanjiError as exc:
            refusal = f"not priced: {exc}"
        if record.quote is not None and record.quote.refused:
            # A locked phone is refused before money changes hands: it stays unsealed.
            refusal = "REFUSED: " + record.quote.lines[0].reason_en
            store.record_event(DEMO_CLERK, "inspection.refused", draft.id, {"reason": refusal})
        elif not refusal:
            record = store.seal(draft.id, DEMO_CLERK)
        path = export_dir / f"demo-{name}-{record.id}.json"
        path.write_text(
            json.dumps(codec.to_jsonable(record), indent=2, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
        outcomes.append(DemoOutcome(record, path, refusal))
    return outcomes
