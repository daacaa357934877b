"""The steps of one inspection as the station's window drives them: start from a
device report, photograph (stored at once, analysed, evidence kept), the clerk's
decisions on findings, and sealing with the seller's details checked."""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from app.disk import ensure_room
from app.errors import SealedError, WordedError, YanjiError
from app.photos import sha256_hex
from app.records import (
    IdDocument,
    Inspection,
    InspectionState,
    PhoneSide,
    PhotoRef,
    PhotoStep,
    Seller,
)
from app.store import HistoryQuery, Store
from app.text import mobile_written, money
from devices.catalogue import Size, phone_size
from devices.report import DeviceReport
from devices.textio import luhn_ok
from vision.finding import Finding, FindingKind, FindingSource, Surface

if TYPE_CHECKING:
    from vision.analyze import Analysis

#: Weights of the 17 digits of a PRC resident ID number (GB 11643-1999), and the check
#: character for each remainder.
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


#: Room kept for a photo's evidence crops beyond the photo (a few KB each as PNG).
CROP_ROOM = 5_000_000

#: The surface of the phone each guided capture shows.
STEP_SURFACE = {
    PhotoStep.SCREEN_OFF: Surface.SCREEN,
    PhotoStep.PATTERN: Surface.SCREEN,
    PhotoStep.BACK: Surface.BACK,
    PhotoStep.SIDE: Surface.FRAME,
}


#: The short sides: a shot of one is as long as the phone is wide.
END_SIDES = frozenset({PhoneSide.TOP, PhoneSide.BOTTOM})


def photo_size_mm(
    device: DeviceReport | None, step: PhotoStep, side: PhoneSide | None = None
) -> tuple[float, float] | None:
    """The size the camera measures the phone by on this capture, from the catalogue
    (`capture_size_mm`). None for a phone the catalogue does not list: the printed
    marker on the mat gives the scale then, or the analysis assumes one and says so
    (``scale_assumed``)."""
    size = phone_size(device.marketing_name if device else None)
    return None if size is None else capture_size_mm(size, step, side)


def capture_size_mm(
    size: Size, step: PhotoStep, side: PhoneSide | None = None
) -> tuple[float, float]:
    """What a capture of a phone of ``size`` shows of it: (width, height) of a face,
    (depth, height) of the left or right side, (depth, width) of the top or bottom
    end."""
    if step is not PhotoStep.SIDE:
        return (size.width, size.height)
    return (size.depth, size.width if side in END_SIDES else size.height)


def start(store: Store, station_id: str, clerk: str, device: DeviceReport) -> Inspection:
    """A new draft inspection for the phone."""
    return store.create_draft(station_id, clerk, device)


#: How many of a phone's latest inspections `unfinished` looks through.
_UNFINISHED_LOOK = 20


def unfinished(store: Store, station_id: str, device: DeviceReport) -> Inspection | None:
    """The newest inspection this station began of the same phone (same platform and
    serial) and did not seal, where none of the phone's was begun and sealed after it:
    a phone refused for a lock comes back once the seller has removed it, and is
    carried on with (`carry_on`), not begun again. None where there is none, or the
    phone gives no serial."""
    if not device.serial:
        return None
    page = store.history(HistoryQuery(serial=device.serial), limit=_UNFINISHED_LOOK)
    for row in page.rows:  # newest first
        if row.state.is_final:
            return None  # sealed since: what came before is done with
        found = store.get(row.id)
        same = found.device is not None and found.device.platform is device.platform
        if same and found.station_id == station_id:
            return found
    return None


def carry_on(store: Store, inspection_id: str, clerk: str, device: DeviceReport) -> Inspection:
    """Carry on with an unfinished inspection with what the phone says now (read again
    after the seller removed a lock): the new report takes the old one's place. Photos,
    findings and typed IMEIs are kept. The grade and the quote rested on the old report,
    so they are dropped and the phone is priced again. An audit event keeps what the
    locks were and what the quote was."""
    current = store.get(inspection_id)
    if current.state.is_final:
        raise SealedError(f"inspection {inspection_id} is sealed and cannot be changed")
    before = current.device
    if before is not None and (before.platform, before.serial) != (device.platform, device.serial):
        raise YanjiError(
            f"inspection {inspection_id} is of phone {before.serial}, not {device.serial}"
        )
    store.record_event(
        clerk,
        "inspection.read_again",
        inspection_id,
        {
            "locks_before": _lock_states(before),
            "locks_after": _lock_states(device),
            "quote_before": current.quote.total_fen if current.quote else None,
            "refused_before": bool(current.quote and current.quote.refused),
        },
    )
    return store.update(
        current.evolve(device=device, grade=None, quote=None, state=InspectionState.DRAFT)
    )


def _lock_states(device: DeviceReport | None) -> dict[str, str] | None:
    if device is None:
        return None
    return {name: str(state) for name, state in device.locks.states().items()}


def photograph(
    store: Store,
    inspection_id: str,
    data: bytes,
    *,
    step: PhotoStep,
    surface: Surface,
    size_mm: tuple[float, float] | None = None,
    pattern: Any = None,
    side: PhoneSide | None = None,
    clerk: str | None = None,
) -> Inspection:
    """Store the photo ``data`` (a camera still as `vision.camera.encode_still` makes
    it, or any picture file's bytes) first, since it is evidence even if analysis
    fails; then analyse the picture decoded from those very bytes and attach its
    findings, each with its evidence crop stored too, and what was wrong with the photo
    itself (glare, blur, a lit screen...) on its record. Whoever decodes the stored
    photo the same way (`vision.camera.decode_image`) gets the picture the findings
    and their ``bbox_px`` were found on. `vision.camera.CameraError` when ``data`` is
    not a picture: nothing is stored then. `app.errors.DiskFullError` when the disk
    has too little room for it (`app.disk.ensure_room`): nothing is stored then
    either. A test-pattern photo names its ``pattern``, a side shot its ``side``.

    A photo of a capture already taken (the same step, pattern or side) takes the
    earlier one's place (`current_photos`): the detector's findings on the earlier
    photo are dropped, and the ``clerk`` (the inspection's own when not given) is
    audited for it. The earlier photo stays stored, and so do the findings the clerk
    drew on it. A phone already priced is priced again: its quote is withdrawn."""
    from vision.camera import CameraError, decode_image

    image = decode_image(data)
    if image is None:
        raise CameraError("the photo is not a picture that can be read; nothing was stored")
    return _photograph(
        store,
        inspection_id,
        data,
        image,
        step=step,
        surface=surface,
        size_mm=size_mm,
        pattern=pattern,
        side=side,
        clerk=clerk,
    )


def _photograph(
    store: Store,
    inspection_id: str,
    data: bytes,
    image: Any,
    *,
    step: PhotoStep,
    surface: Surface,
    size_mm: tuple[float, float] | None,
    pattern: Any,
    side: PhoneSide | None = None,
    clerk: str | None = None,
) -> Inspection:
    """`photograph` with ``image`` already decoded from ``data``."""
    from vision.analyze import analyze
    from vision.camera import media_type

    # Checked before anything is written, so that a photo never stops half-way (kept,
    # its findings not) and never takes the room the database needs to go on.
    ensure_room(store.photos.root, len(data) + CROP_ROOM)

    # A test-pattern photo names its pattern ("pattern:black"), a side shot its side
    # ("side:left"): several of each are taken.
    detail = pattern if pattern is not None else side
    note = step.value if detail is None else f"{step.value}:{detail}"
    added = store.add_photo(inspection_id, data, step, media_type(data), note)
    photo = added.photos[-1].sha256
    earlier = _earlier_of_capture(added)
    # The photo this one replaces, compared for reflections on a capture of the glass
    # when it is another file (the same file again shows the phone where it was).
    last = earlier[-1] if earlier else None
    compared = last is not None and step in REFLECTING_STEPS and last.sha256 != photo
    previous = last if compared else None
    # Before the analysis, which may fail: the photo is in its place from now on.
    actor = clerk or added.clerk
    record = _withdraw_quote(store, _replace_earlier(store, added, earlier, actor), actor)
    if record is not added:
        record = store.update(record)
    analysis = analyze(image, surface, pattern, size_mm=size_mm, end=side in END_SIDES)
    if previous is not None:
        analysis = _without_reflections(
            store, record, previous, image, analysis, surface=surface, size_mm=size_mm, clerk=actor
        )
    new = analysis.findings
    # One defect seen on several patterns is one finding. The photo this one replaces
    # has only the clerk's findings left: a pixel the clerk drew is not found again.
    if pattern is not None:
        shown = {p.sha256 for p in record.photos if p.step is PhotoStep.PATTERN}
        before = [f for f in record.findings if f.photo_sha256 in shown - {photo}]
        new = tuple(f for f in new if not any(_same_defect(f, b) for b in before))
    findings = [
        _with_crop(store, inspection_id, replace(f, photo_sha256=photo), analysis.crops[f.id])
        for f in new
    ]
    current = store.get(inspection_id)
    problems = tuple(q.value for q in analysis.quality)
    photos = tuple(
        replace(p, problems=problems) if p.sha256 == photo and p.step is step else p
        for p in current.photos
    )
    return store.update(current.evolve(findings=(*current.findings, *findings), photos=photos))


#: The captures of black glass a lamp is reflected in (the screen off, the back):
#: taken again with the phone moved, they show which marks are reflections
#: (`vision.retake`).
REFLECTING_STEPS = frozenset({PhotoStep.SCREEN_OFF, PhotoStep.BACK})


def _earlier_of_capture(record: Inspection) -> list[PhotoRef]:
    """The photos ``record``'s last photo was taken again for: the earlier ones of its
    capture, in the order taken."""
    taken = captured(record)
    key = capture_of(taken[-1])
    return [p for p in taken[:-1] if key is not None and capture_of(p) == key]


def _without_reflections(
    store: Store,
    record: Inspection,
    previous: PhotoRef,
    image: Any,
    analysis: Analysis,
    *,
    surface: Surface,
    size_mm: tuple[float, float] | None,
    clerk: str,
) -> Analysis:
    """``analysis`` (of ``image``, a capture taken again) without the marks that stayed
    put in the picture while the phone moved since ``previous`` (`vision.retake`):
    a lamp's reflections. Those are named among the photo's problems and audited. The
    earlier photo is analysed again for it (its stored findings may have lost some to
    the clerk or to an earlier comparison), and only when both photos are of one size
    (from the same camera)."""
    from vision.analyze import Analysis, analyze
    from vision.camera import decode_image
    from vision.locate import Quality
    from vision.retake import stayed_put

    if analysis.rectified is None or not analysis.findings or not analysis.usable:
        return analysis
    if not store.photos.exists(previous.sha256):
        return analysis
    earlier = decode_image(store.photos.read(previous.sha256))
    if earlier is None or earlier.shape != image.shape:
        return analysis
    before = analyze(earlier, surface, size_mm=size_mm)
    if before.rectified is None or not before.usable:
        return analysis
    gone = stayed_put(before.findings, before.rectified, analysis.findings, analysis.rectified)
    if not gone:
        return analysis
    store.record_event(
        clerk,
        "photo.reflections",
        record.id,
        {
            "sha256": captured(record)[-1].sha256,
            "compared_with": previous.sha256,
            "left_out": [
                {"kind": f.kind.value, "bbox_px": list(f.bbox_px or ()), "length_mm": f.length_mm}
                for f in gone
            ],
        },
    )
    ids = {f.id for f in gone}
    return Analysis(
        analysis.phone_found,
        (*analysis.quality, Quality.REFLECTION),
        tuple(f for f in analysis.findings if f.id not in ids),
        {k: v for k, v in analysis.crops.items() if k not in ids},
        analysis.rectified,
    )


def _withdraw_quote(store: Store, record: Inspection, clerk: str) -> Inspection:
    """``record`` (not stored) unpriced if it was priced: a photo taken since may add
    findings or drop them, so its quote may rest on findings it no longer has
    (audited). A refusal (a lock) stands: no photo changes it."""
    quote = record.quote
    if quote is None or quote.refused:
        return record
    store.record_event(
        clerk,
        "quote.withdrawn",
        record.id,
        {"reason": "photo", "total_fen": quote.total_fen, "overridden": bool(quote.overrides)},
    )
    return record.evolve(grade=None, quote=None, state=InspectionState.DRAFT)


def _replace_earlier(
    store: Store, record: Inspection, earlier: list[PhotoRef], clerk: str
) -> Inspection:
    """``record`` (not stored) with its last photo in the place of the ``earlier``
    photos of the same capture (`_earlier_of_capture`): their detector findings
    dropped, and the replacement audited. A photo still current for another capture
    (the same file used twice) keeps its findings."""
    latest = captured(record)[-1]
    if not earlier:
        return record
    still = {p.sha256 for p in current_photos(record) if p is not latest}
    gone = {p.sha256 for p in earlier} - still
    dropped = [
        f for f in record.findings if f.photo_sha256 in gone and f.source is FindingSource.DETECTOR
    ]
    store.record_event(
        clerk,
        "photo.replaced",
        record.id,
        {
            "step": latest.step.value,
            "note": latest.note,
            "sha256": latest.sha256,
            "replaced": list(dict.fromkeys(p.sha256 for p in earlier)),
            "dropped": [f.id for f in dropped],
        },
    )
    if not dropped:
        return record
    ids = {f.id for f in dropped}
    return record.evolve(findings=tuple(f for f in record.findings if f.id not in ids))


def photograph_file(
    store: Store,
    inspection_id: str,
    path: Path,
    *,
    clerk: str,
    step: PhotoStep,
    surface: Surface,
    size_mm: tuple[float, float] | None = None,
    pattern: Any = None,
    side: PhoneSide | None = None,
) -> Inspection:
    """A photo taken elsewhere (with a handheld phone at a stall, or a camera with no
    cable to the station) used for ``step`` as if the station's camera had taken it.
    The file itself is kept, byte for byte, so the stored photo's SHA-256 is the
    file's: whoever still holds the file (the seller, on the phone that took it) can
    show it is the photo used. It is analysed as decoded, turned upright by its EXIF
    orientation, as every viewer shows it. An audit event names the file.
    `vision.camera.CameraError`, naming the file, when it cannot be read, and
    `app.errors.DiskFullError` as in `photograph`: nothing is stored then."""
    from vision.camera import read_photo

    original, image = read_photo(path)
    record = _photograph(
        store,
        inspection_id,
        original,
        image,
        step=step,
        surface=surface,
        size_mm=size_mm,
        pattern=pattern,
        side=side,
        clerk=clerk,
    )
    store.record_event(
        clerk,
        "photo.from_file",
        inspection_id,
        {
            "file": path.name,
            "sha256": sha256_hex(original),
            "bytes": len(original),
            "step": step.value,
        },
    )
    return record


#: Kinds that are one faulty pixel seen differently on different patterns (a stuck red
#: sub-pixel is bright on black, red on green and blue, hardly seen on white).
PIXEL_KINDS = frozenset({FindingKind.DEAD_PIXEL, FindingKind.STUCK_PIXEL, FindingKind.BRIGHT_PIXEL})
#: Two pattern findings whose centres are this close on the rectified phone (mm) are
#: one defect: a dead pixel on white is dark on grey and the colours too, and each
#: would otherwise be priced again. Photos of one phone register within about 1 mm.
SAME_SPOT_MM = 1.5


def _same_defect(new: Finding, earlier: Finding) -> bool:
    """Whether finding ``new`` (from a test-pattern photo) repeats ``earlier`` (from
    another one): the same kind (any of ``PIXEL_KINDS`` for a pixel) at the same place
    (centres within ``SAME_SPOT_MM``, or a centre inside the other's outline)."""
    pixel = new.kind in PIXEL_KINDS and earlier.kind in PIXEL_KINDS
    if not (pixel or new.kind == earlier.kind) or not new.polygon_mm or not earlier.polygon_mm:
        return False
    (ax, ay), (bx, by) = _centre(new.polygon_mm), _centre(earlier.polygon_mm)
    if math.hypot(ax - bx, ay - by) <= SAME_SPOT_MM:
        return True
    return _inside(new.polygon_mm, (bx, by)) or _inside(earlier.polygon_mm, (ax, ay))


def _box(polygon: tuple[tuple[float, float], ...]) -> tuple[float, float, float, float]:
    """The box around ``polygon``: x0, y0, x1, y1 (mm)."""
    xs, ys = [x for x, _ in polygon], [y for _, y in polygon]
    return min(xs), min(ys), max(xs), max(ys)


def _centre(polygon: tuple[tuple[float, float], ...]) -> tuple[float, float]:
    x0, y0, x1, y1 = _box(polygon)
    return (x0 + x1) / 2, (y0 + y1) / 2


def _inside(polygon: tuple[tuple[float, float], ...], point: tuple[float, float]) -> bool:
    """Whether ``point`` lies in the box around ``polygon`` (a line or a patch)."""
    x0, y0, x1, y1 = _box(polygon)
    return x0 <= point[0] <= x1 and y0 <= point[1] <= y1


class ImeiError(WordedError):
    """IMEIs the clerk typed that cannot be recorded."""

    WORDS: ClassVar[Mapping[str, str]] = {
        "imei_form": "an IMEI has 15 digits: {0} is not one",
        "imei_check": "IMEI {0}: its last digit does not match, mistyped?",
        "imei_too_many": "a phone has one IMEI, or two with two SIM slots",
        "imei_given": "the phone gave its IMEI itself; it is not typed in",
        "imei_sealed": "the record is sealed; its IMEIs cannot change",
    }


#: What parts two IMEIs typed on one line (spaces may also group one's digits).
_IMEI_BREAKS = re.compile(r"[,，、;；\n]+")


def _typed_imeis(text: str) -> tuple[str, ...]:
    """The IMEIs in ``text``, as typed: full-width digits made plain, digits grouped
    by spaces or dashes as the *#06# screen groups them ("35 209900 176148 1") joined,
    a software version after a slash ("…/01", as Samsung shows it) dropped, and 30
    digits in a row read as two IMEIs. Anything else is left for the checks to name."""
    found: list[str] = []
    for part in _IMEI_BREAKS.split(unicodedata.normalize("NFKC", text)):
        digits = re.sub(r"[\s-]", "", re.sub(r"/\s*\d{1,2}\s*$", "", part))
        if len(digits) == 30 and digits.isdigit():
            found += [digits[:15], digits[15:]]
        elif digits:
            found.append(digits)
    return tuple(dict.fromkeys(found))


def type_imeis(store: Store, inspection_id: str, clerk: str, text: str) -> Inspection:
    """Record the IMEIs the clerk read off the phone's *#06# screen, where the phone
    gave none over USB (Android 10 and later give none without root). ``text`` holds
    one or two (dual SIM), read as `_typed_imeis` reads them. They replace the ones
    typed before, so a mistake is mended by typing again; empty ``text`` takes them
    away. Each must pass the Luhn check. An audit event keeps what was there before."""
    current = store.get(inspection_id)
    if current.state.is_final:
        raise ImeiError("imei_sealed")
    if current.device is not None and current.device.imeis:
        raise ImeiError("imei_given")
    imeis = _typed_imeis(text)
    for imei in imeis:
        if len(imei) != 15 or not imei.isascii() or not imei.isdigit():
            raise ImeiError("imei_form", imei)
        if not luhn_ok(imei):
            raise ImeiError("imei_check", imei)
    if len(imeis) > 2:
        raise ImeiError("imei_too_many")
    if imeis == current.typed_imeis:
        return current
    store.record_event(
        clerk,
        "imei.typed",
        inspection_id,
        {"before": list(current.typed_imeis), "after": list(imeis)},
    )
    return store.update(current.evolve(typed_imeis=imeis))


def captured(inspection: Inspection) -> list[PhotoRef]:
    """The photos the clerk took (not evidence crops), in the order taken."""
    return [p for p in inspection.photos if p.step is not PhotoStep.OTHER]


def current_photos(inspection: Inspection) -> list[PhotoRef]:
    """The captured photos that count, in the order taken: the last of each capture
    (a step, or a step's pattern or side). One taken again is in its place, its
    findings dropped (`photograph`); it stays stored as the photo first taken."""
    seen: set[tuple[PhotoStep, str]] = set()
    kept = []
    for photo in reversed(captured(inspection)):
        key = capture_of(photo)
        if key is None or key not in seen:
            kept.append(photo)
        if key is not None:
            seen.add(key)
    return kept[::-1]


def replaced_photos(inspection: Inspection) -> list[PhotoRef]:
    """The captured photos that another of the same capture, taken later, replaced."""
    current = {id(p) for p in current_photos(inspection)}
    return [p for p in captured(inspection) if id(p) not in current]


def capture_of(photo: PhotoRef) -> tuple[PhotoStep, str] | None:
    """Which capture ``photo`` is of: its step, with the pattern or side it shows. None
    for a pattern photo or side shot that names neither (taken before the station
    asked for each): several of those were taken, none in another's place, and none
    can be taken again."""
    if photo.step is PhotoStep.PATTERN:
        pattern = photo_pattern(photo)
        return None if pattern is None else (photo.step, pattern)
    if photo.step is PhotoStep.SIDE:
        side = photo_side(photo)
        return None if side is None else (photo.step, side.value)
    return photo.step, ""


def photographed(inspection: Inspection) -> frozenset[PhotoStep]:
    """The guided captures ``inspection`` has a photo of the phone for (the last one
    taken of each counts, `current_photos`); the sides once all four have one. A photo
    in which no phone was found shows nothing to grade, so it does not count: the
    clerk takes that capture again."""
    shown = _showing_phone(inspection)
    done = {p.step for p in shown} - {PhotoStep.SIDE}
    if not _sides_left(shown):
        done.add(PhotoStep.SIDE)
    return frozenset(done)


def sides_left(inspection: Inspection) -> tuple[PhoneSide, ...]:
    """The sides of the frame with no side shot of the phone yet, in the order they are
    taken. A side shot that names no side (taken before the station asked for each)
    shows one side, but which is not known: it counts for none."""
    return _sides_left(_showing_phone(inspection))


def _sides_left(shown: list[PhotoRef]) -> tuple[PhoneSide, ...]:
    """`sides_left` of the photos ``shown``, those in which the phone was found."""
    sides = {photo_side(p) for p in shown if p.step is PhotoStep.SIDE}
    return tuple(side for side in PhoneSide if side not in sides)


def _showing_phone(inspection: Inspection) -> list[PhotoRef]:
    """The guided captures' photos that count in which the phone was found."""
    return [p for p in current_photos(inspection) if shows_phone(p)]


def shows_phone(photo: PhotoRef) -> bool:
    """Whether the phone was found in ``photo``; one that shows none is taken again."""
    from vision.locate import Quality  # OpenCV: not for every command that reads records

    return Quality.NO_PHONE.value not in photo.problems


def photo_side(photo: PhotoRef) -> PhoneSide | None:
    """The side of the frame a side shot shows, from its note; None for other photos,
    and for a side shot that names none."""
    if photo.step is not PhotoStep.SIDE:
        return None
    _, _, side = photo.note.partition(":")
    return next((known for known in PhoneSide if known.value == side), None)


def photo_pattern(photo: PhotoRef) -> str | None:
    """The test pattern a screen-on photo shows ("white", "black", ...), from its note;
    None for other photos."""
    if photo.step is not PhotoStep.PATTERN:
        return None
    _, _, pattern = photo.note.partition(":")
    return pattern or None


def decide_findings(
    store: Store,
    inspection_id: str,
    clerk: str,
    rejected: set[str],
    added: tuple[Finding, ...] = (),
) -> Inspection:
    """The clerk's word on the detector's findings: rejected ones are dropped (and the
    rejection audited), findings the clerk drew are added as the clerk's. A drawn
    finding that names one of the inspection's photos and a box on it gets that part
    of the photo stored as its evidence, as the detector's findings do."""
    current = store.get(inspection_id)
    unknown = rejected - {f.id for f in current.findings}
    if unknown:
        raise YanjiError(f"no such finding(s): {', '.join(sorted(unknown))}")
    kept = tuple(f for f in current.findings if f.id not in rejected)
    mine = tuple(replace(f, source=FindingSource.CLERK) for f in added)
    mine = _with_evidence(store, current, mine)
    current = store.get(inspection_id)  # with the evidence photos added
    if rejected or mine:
        store.record_event(
            clerk,
            "findings.reviewed",
            inspection_id,
            {
                "rejected": sorted(rejected),
                "added": [f.id for f in mine],
            },
        )
    return store.update(current.evolve(findings=(*kept, *mine)))


def _with_evidence(
    store: Store, inspection: Inspection, drawn: tuple[Finding, ...]
) -> tuple[Finding, ...]:
    """``drawn`` findings with their evidence crops stored; every box is checked
    before anything is stored, so a bad one leaves the record as it was."""
    from vision.analyze import evidence_crop
    from vision.camera import CameraError, read_image

    captured = {p.sha256 for p in inspection.photos if p.step is not PhotoStep.OTHER}
    images: dict[str, Any] = {}
    cut: list[tuple[Finding, Any]] = []
    for finding in drawn:
        sha = finding.photo_sha256
        if sha is None or finding.bbox_px is None:
            cut.append((finding, None))
            continue
        if sha not in captured:
            raise YanjiError(f"finding {finding.id}: not drawn on a photo of this inspection")
        if sha not in images:
            try:
                images[sha] = read_image(store.photos.path_for(sha))
            except CameraError as error:
                raise YanjiError(f"finding {finding.id} cannot cite its photo: {error}") from error
        height, width = images[sha].shape[:2]
        x, y, w, h = finding.bbox_px
        x0, y0, x1, y1 = max(0, x), max(0, y), min(width, x + w), min(height, y + h)
        if x1 - x0 < 1 or y1 - y0 < 1:
            raise YanjiError(f"finding {finding.id}: its box lies outside the photo")
        box = (x0, y0, x1 - x0, y1 - y0)
        cut.append((replace(finding, bbox_px=box), evidence_crop(images[sha], box)))
    return tuple(
        finding if crop is None else _with_crop(store, inspection.id, finding, crop)
        for finding, crop in cut
    )


def _with_crop(store: Store, inspection_id: str, finding: Finding, crop: Any) -> Finding:
    """``finding`` citing ``crop`` (BGR), stored with the inspection's photos."""
    from vision.synthetic import encode_png

    stored = store.add_photo(
        inspection_id, encode_png(crop), PhotoStep.OTHER, "image/png", f"evidence {finding.id}"
    )
    return replace(finding, evidence_sha256=stored.photos[-1].sha256)


class SealError(WordedError):
    """The record cannot be sealed: the seller's details fail a check, or the phone is
    not priced or was refused."""

    WORDS: ClassVar[Mapping[str, str]] = {
        "seller_name_needed": "the seller's name is needed",
        "id_number_form": "an ID number has 18 characters: 17 digits and a digit or X",
        "id_number_check": "the ID number's last character does not match: mistyped?",
        "hk_mo_permit_form": "a Home Return Permit number is H or M and 8 digits",
        "tw_permit_form": "a Taiwan residents' permit number has 8 digits",
        "passport_form": "a passport number has 5 to 17 letters and digits",
        "foreign_card_country": "a 15-character foreigner's card starts with the holder's "
        "country (USA, RUS…): {0} is none",
        "passport_country_needed": "choose the country that issued the passport",
        "country_unknown": "{0} is not a country: choose one from the list",
        "mobile_form": "a mobile number has 11 digits and starts with 1 (others: +852…)",
        "mobile_hk_mo_form": "a Hong Kong or Macao mobile is +852 or +853 and 8 digits",
        "mobile_intl_form": "a mobile number with its country code is + and 8 to 15 digits",
        "not_priced": "price the phone before sealing",
        "refused": "this phone was refused; it cannot be bought",
        "price_changed": "the price is now {0}: the seller must agree to it again",
    }


def check_seller(
    name: str,
    id_number: str,
    phone: str,
    document: IdDocument = IdDocument.CN_ID,
    country: str | None = None,
) -> Seller:
    """The seller's details as second-hand trade rules require, checked: a name, the
    number of an identity document (`check_id_number`), a mobile (`check_mobile`), and
    for a passport the country that issued it (`check_country`; the other documents'
    issuer is their kind, and a country given for one is not kept)."""
    name = name.strip()
    if not name:
        raise SealError("seller_name_needed")
    number = check_id_number(id_number, document)
    if document is not IdDocument.PASSPORT:
        country = None
    elif not (country or "").strip():
        raise SealError("passport_country_needed")
    else:
        country = check_country(country or "")
    return Seller(name, number, check_mobile(phone), document, country)


#: Codes that passports print (ICAO Doc 9303, part 3) where ISO 3166-1 has none:
#: Germany's "D", and the United Kingdom's for its kinds of British national.
_PASSPORT_CODES = {"D": "DEU"} | dict.fromkeys(("GBD", "GBN", "GBO", "GBP", "GBS"), "GBR")

#: Names in common English use that ISO 3166-1 (and so pycountry) does not give: its
#: own are "Russian Federation", "Türkiye", "Cabo Verde". Each names one country; a
#: name that could be two ("Korea", "Congo") is left out.
OTHER_ENGLISH_NAMES = {
    "Britain": "GBR",
    "Brunei": "BRN",
    "Burma": "MMR",
    "Cape Verde": "CPV",
    "East Timor": "TLS",
    "Great Britain": "GBR",
    "Holland": "NLD",
    "Ivory Coast": "CIV",
    "Macau": "MAC",
    "Micronesia": "FSM",
    "Palestine": "PSE",
    "Russia": "RUS",
    "Swaziland": "SWZ",
    "Turkey": "TUR",
    "UK": "GBR",
    "Vatican": "VAT",
    "Vatican City": "VAT",
}


def check_country(text: str) -> str:
    """A country as its ISO 3166-1 three-letter code, from that code or its two-letter
    one in any case ("rus", "RU"), a name of it in English or Chinese ("Russian
    Federation", "Russia", "俄罗斯"; `country_names_typed`), or the code a passport
    prints for it ("D" for Germany); SealError else. Former countries are refused: no
    passport they issued is still valid."""
    text = text.strip()
    if text.upper() in _PASSPORT_CODES:
        return _PASSPORT_CODES[text.upper()]
    code = country_names_typed().get(text.casefold())
    if code is None:
        raise SealError("country_unknown", text)
    return code


@functools.cache
def country_names_typed() -> dict[str, str]:
    """Each way a clerk may type a country, case-folded, and its three-letter code:
    ISO 3166-1's two- and three-letter codes and names as pycountry has them (short,
    common and official; not the numeric codes, which no one types), their Chinese as
    pycountry's translations give it ("大韩民国", "韩国"), and `OTHER_ENGLISH_NAMES`."""
    import gettext

    import pycountry  # about 50 ms to import: only when a passport is checked

    chinese = gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"], fallback=True
    )
    names = {name.casefold(): code for name, code in OTHER_ENGLISH_NAMES.items()}
    for country in pycountry.countries:
        code = str(country.alpha_3)
        names[country.alpha_2.casefold()] = names[code.casefold()] = code
        for field in ("name", "common_name", "official_name"):
            name = getattr(country, field, None)
            if name:
                for written in (name, chinese.gettext(name)):
                    names.setdefault(written.casefold(), code)
    return names


#: The form of each document's number (after spaces are taken out, in upper case),
#: and the refusal for one that is not in it. A resident ID card's is checked by
#: `_check_resident_id`.
_DOCUMENT_FORMS = {
    IdDocument.HK_MO_PERMIT: (r"[HM]\d{8}(\d{2})?", "hk_mo_permit_form"),
    IdDocument.TW_PERMIT: (r"\d{8}(\d{2})?", "tw_permit_form"),
    IdDocument.PASSPORT: (r"[A-Z0-9]{5,17}", "passport_form"),
}


def check_id_number(id_number: str, document: IdDocument = IdDocument.CN_ID) -> str:
    """The number of a seller's identity document as stored (upper case, no spaces),
    checked in the form that document's numbers take; SealError else."""
    id_number = re.sub(r"\s", "", id_number).upper()
    if document is IdDocument.CN_ID:
        return _check_resident_id(id_number)
    form, refusal = _DOCUMENT_FORMS[document]
    if not re.fullmatch(form, id_number):
        raise SealError(refusal)
    return id_number


def _check_resident_id(id_number: str) -> str:
    """17 digits and a check digit or X that matches them (GB 11643); or the 2017
    foreigner's permanent residence card's 15 characters, its holder's nationality
    (ISO 3166 three letters) and 12 digits (no public check digit to check)."""
    if re.fullmatch(r"[A-Z]{3}\d{12}", id_number):
        try:
            check_country(id_number[:3])
        except SealError:
            raise SealError("foreign_card_country", id_number[:3]) from None
        return id_number
    if not re.fullmatch(r"\d{17}[\dX]", id_number):
        raise SealError("id_number_form")
    total = sum(int(d) * w for d, w in zip(id_number[:17], _ID_WEIGHTS, strict=True))
    if _ID_CHECK[total % 11] != id_number[17]:
        raise SealError("id_number_check")
    return id_number


def check_mobile(phone: str) -> str:
    """A mobile number as stored, checked: a mainland one as its 11 digits starting
    with 1 (written with +86 or without), any other with its country code as ``+``
    and digits (Hong Kong and Macao, +852 and +853, have 8 digits), as `mobile_written`
    writes it. SealError else."""
    phone = mobile_written(phone)
    if not phone.startswith("+"):
        if not re.fullmatch(r"1\d{10}", phone):
            raise SealError("mobile_form")
        return phone
    if phone.startswith(("+852", "+853")):
        if not re.fullmatch(r"\+85[23]\d{8}", phone):
            raise SealError("mobile_hk_mo_form")
        return phone
    if not re.fullmatch(r"\+[1-9]\d{7,14}", phone):
        raise SealError("mobile_intl_form")
    return phone


def seal(
    store: Store,
    inspection_id: str,
    clerk: str,
    seller: Seller,
    *,
    agreed_total_fen: int | None = None,
) -> Inspection:
    """Record the seller and seal: only a priced, not refused, inspection can be, and
    where ``agreed_total_fen`` is given (the price the seller agreed to), only at that
    price (a price changed in the meantime is refused)."""
    current = store.get(inspection_id)
    if current.quote is None:
        raise SealError("not_priced")
    if current.quote.refused:
        raise SealError("refused")
    if agreed_total_fen is not None and current.quote.total_fen != agreed_total_fen:
        raise SealError("price_changed", money(current.quote.total_fen))
    store.update(current.evolve(seller=seller))
    return store.seal(inspection_id, clerk)
