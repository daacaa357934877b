"""The recorded demo: the recorded phones in resources/devices, probed through the same
code as live phones, and generated photos analysed by `vision`, so a newcomer sees
whole inspections with no phone and no camera attached."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app import codec
from app.errors import YanjiError
from app.flow import capture_size_mm, photo_size_mm, sides_left
from app.records import Inspection, PhoneSide, PhotoStep
from app.store import Store
from devices.android import probe_android
from devices.catalogue import Size
from devices.ios import probe_ios
from devices.replay import Recording, ReplayLockdown, ReplayShell, recorded_phones
from devices.report import DeviceReport, Platform
from vision.finding import FindingKind
from vision.synthetic import Defect

#: What each demo phone's screen shows under the camera, so the demo grades differ.
DEMO_DEFECTS: dict[str, tuple[Defect, ...]] = {
    "ios-iphone7-cn": (
        Defect(FindingKind.SCRATCH, 18.0, 45.0, length_mm=6.0, angle_deg=25.0, brightness=60),
        Defect(FindingKind.SCRATCH, 40.0, 95.0, length_mm=4.0, angle_deg=-40.0, brightness=60),
    ),
    "android-poco-f6-unlocked": (Defect(FindingKind.CRACK, 35.0, 80.0, length_mm=14.0),),
    "android-oneplus-nord-n10": (),
}
#: The size a demo phone is drawn at when the catalogue does not list it (its photos
#: are then measured at an assumed scale, as a real unlisted phone's would be).
DEMO_SIZE = Size(width=71.0, height=146.0, depth=8.0)


def demo_size_mm(
    report: DeviceReport | None, step: PhotoStep, side: PhoneSide | None = None
) -> tuple[float, float]:
    """The size to draw a demo phone's photo at: the catalogue's, else the demo's."""
    listed = photo_size_mm(report, step, side)
    return capture_size_mm(DEMO_SIZE, step, side) if listed is None else listed


DEMO_CLERK = "demo"


@dataclass(frozen=True, slots=True)
class DemoOutcome:
    """One demo phone's record and where its JSON was written. ``refusal`` says why it
    was not sealed (a blocking lock, or no price on the sheet); empty when sealed."""

    inspection: Inspection
    export: Path
    refusal: str


def demo_defects_for(report: DeviceReport | None) -> tuple[Defect, ...]:
    """The defects the demo camera shows for a recorded phone (matched by serial)."""
    if report is None:
        return ()
    for name, recording in recorded_phones().items():
        if recording.serial == report.serial:
            return DEMO_DEFECTS.get(name, ())
    return ()


def probe_recording(recording: Recording) -> DeviceReport:
    """The report a live probe of this recorded phone gives."""
    if recording.platform == "android":
        return probe_android(ReplayShell(recording))
    return asyncio.run(probe_ios(ReplayLockdown(recording)))


def demo_devices() -> dict[str, DeviceReport]:
    """The recorded phones' reports, by recording name."""
    return {name: probe_recording(r) for name, r in recorded_phones().items()}


def run_headless_demo(store: Store, station_id: str, export_dir: Path) -> list[DemoOutcome]:
    """Inspect, photograph, analyse, grade and price every recorded phone, sealing
    those the quote does not refuse; write each record as JSON into ``export_dir``.
    Uses the price sheet in force, or the bundled sample when none was imported."""
    from app.quoting import price_inspection, pricing_setup

    setup = pricing_setup(store)
    export_dir.mkdir(parents=True, exist_ok=True)
    outcomes = []
    for name, device in demo_devices().items():
        draft = store.create_draft(station_id, DEMO_CLERK, device)
        record = photograph(store, draft.id)
        refusal = ""
        try:
            record = price_inspection(store, draft.id, setup)
        except YanjiError as exc:
            refusal = f"not priced: {exc}"
        if record.quote is not None and record.quote.refused:
            # A locked phone is refused before money changes hands: it stays unsealed.
            refusal = "REFUSED: " + " / ".join(line.reason_en for line in record.quote.lines)
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


def demo_frame(inspection: Inspection, step: PhotoStep) -> Any:
    """The demo camera: a generated photo of the phone in hand, with its demo defects
    on the screen and none on the back or sides; a white test pattern on the lit
    screen; the back with its camera (an iPhone's plate, a column of lenses and the
    maker's name on an Android phone); at the sides, the next side to be taken
    (`app.flow.sides_left`), with its buttons, SIM tray or charging port."""
    from vision.synthetic import Label, phone_camera, phone_parts, render_scene, render_side

    if step is PhotoStep.SIDE:  # the phone on its edge: length along, depth across
        side = next(iter(sides_left(inspection)), PhoneSide.LEFT)
        depth, length = demo_size_mm(inspection.device, step, side)
        parts = phone_parts(side.value, length)
        return render_side(size_mm=(length, depth), parts=parts).image
    size = demo_size_mm(inspection.device, step)
    defects = demo_defects_for(inspection.device) if step is PhotoStep.SCREEN_OFF else ()
    screen = (250, 250, 250) if step is PhotoStep.PATTERN else None
    camera = None
    labels: tuple[Label, ...] = ()
    device = inspection.device
    if step is PhotoStep.BACK:
        android = device is not None and device.platform is Platform.ANDROID
        camera = phone_camera("lenses" if android else "square", size[0])
        if android and device is not None and device.brand:  # the maker's name
            labels = (Label(device.brand.upper(), size[1] * 0.62, 3.5),)
    return render_scene(
        defects, size_mm=size, rotate_deg=4.0, screen_bgr=screen, camera=camera, labels=labels
    ).image


def photograph(store: Store, inspection_id: str) -> Inspection:
    """Each guided capture the inspection has no photo of the phone for yet (each side
    of the frame its own) taken with the demo camera, stored and analysed (the steps
    the window takes with a real camera)."""
    from app.flow import STEP_SURFACE, photographed
    from app.flow import photograph as take
    from vision.camera import encode_still
    from vision.patterns import Pattern

    record = store.get(inspection_id)
    for step, surface in STEP_SURFACE.items():
        # Each side is a capture of its own. A capture whose photo showed no phone is
        # not photographed, so it is taken again (a demo photo always shows it).
        for side in sides_left(record) if step is PhotoStep.SIDE else (None,):
            if step in photographed(record):
                break
            record = take(
                store,
                inspection_id,
                encode_still(demo_frame(record, step)),
                step=step,
                surface=surface,
                size_mm=photo_size_mm(record.device, step, side),
                pattern=Pattern.WHITE if step is PhotoStep.PATTERN else None,
                side=side,
            )
    return record
