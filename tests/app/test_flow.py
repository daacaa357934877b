"""The inspection steps the window drives."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

import cv2
import numpy as np
import pytest

from app import flow
from app.demo import photograph
from app.errors import SealedError, YanjiError
from app.quoting import price_inspection, pricing_setup
from app.records import IdDocument, InspectionState, PhoneSide, PhotoStep
from app.store import HistoryQuery, Store
from app.text import money
from devices.report import DeviceReport, Locks, LockState, Platform
from tests.vision.photo_files import heic_with_orientation, jpeg_with_orientation
from vision.analyze import CROP_PAD_PX, analyze
from vision.camera import decode_image, encode_still
from vision.finding import Finding, FindingKind, Severity, Surface
from vision.synthetic import Defect, Lamp, encode_png, render_scene, under_lamps

PHONE = DeviceReport(
    platform=Platform.IOS,
    brand="Apple",
    marketing_name="iPhone 15",
    storage_gb=128,
    region="CH/A",
    serial="S1",
)
GOOD_ID = "11010519491231002X"


def _scratched(rotate_deg: float = 0.0):  # type: ignore[no-untyped-def]
    """A phone with one 8 mm scratch on its glass, screen off."""
    return render_scene(
        (Defect(FindingKind.SCRATCH, 20, 40, length_mm=8, brightness=60),),
        size_mm=(71.0, 146.0),
        rotate_deg=rotate_deg,
    ).image


def _from_file(store: Store, path: Path):  # type: ignore[no-untyped-def]
    """A new inspection, and its record once the photo file ``path`` is used for the
    screen-off step by clerk li."""
    draft = flow.start(store, "st", "clerk", PHONE)
    return draft, flow.photograph_file(
        store,
        draft.id,
        path,
        clerk="li",
        step=PhotoStep.SCREEN_OFF,
        surface=Surface.SCREEN,
        size_mm=(71.0, 146.0),
    )


def _photographed(store: Store, image=None, size_mm=(71.0, 146.0)):  # type: ignore[no-untyped-def]
    """A new inspection with one screen-off photo analysed: by default a phone with one
    scratch, of known size."""
    record = flow.start(store, "st", "clerk", PHONE)
    image = _scratched() if image is None else image
    return _take(store, record.id, image, size_mm=size_mm)


def _take(store: Store, inspection_id: str, image, step=PhotoStep.SCREEN_OFF, **given):  # type: ignore[no-untyped-def]
    """``image`` photographed at ``step`` (by default the screen off) of a phone of
    known size; ``given`` as `flow.photograph` takes it (``pattern``, ``clerk``...)."""
    given.setdefault("size_mm", (71.0, 146.0))
    return flow.photograph(
        store,
        inspection_id,
        encode_still(image),
        step=step,
        surface=flow.STEP_SURFACE[step],
        **given,
    )


def test_photograph_stores_the_photo_and_its_findings(store: Store) -> None:
    record = _photographed(store)
    assert [f.kind for f in record.findings] == [FindingKind.SCRATCH]
    finding = record.findings[0]
    assert finding.photo_sha256 == record.photos[0].sha256
    assert finding.evidence_sha256 and store.photos.verify(finding.evidence_sha256)
    # The evidence crop is stored as a photo too, but it is not one the clerk took.
    assert [p.step for p in record.photos] == [PhotoStep.SCREEN_OFF, PhotoStep.OTHER]
    assert [p.media_type for p in record.photos] == ["image/jpeg", "image/png"]
    assert flow.captured(record) == [record.photos[0]]


def test_the_stored_photo_gives_the_same_findings_when_analysed_again(store: Store) -> None:
    record = _photographed(store)
    stored = decode_image(store.photos.read(record.photos[0].sha256))
    again = analyze(stored, Surface.SCREEN, size_mm=(71.0, 146.0)).findings

    def measured(findings):  # type: ignore[no-untyped-def]
        return [
            (f.kind, f.bbox_px, f.polygon_mm, f.length_mm, f.width_mm, f.area_mm2, f.confidence)
            for f in findings
        ]

    assert measured(again) == measured(record.findings)
    # Not so of the frame before it was kept: the JPEG moves the scratch's width a little,
    # so the findings above are the stored photo's, not the camera frame's.
    frame = analyze(_scratched(), Surface.SCREEN, size_mm=(71.0, 146.0)).findings
    assert measured(frame) != measured(record.findings)


def test_photograph_refuses_bytes_that_are_no_picture_and_stores_nothing(store: Store) -> None:
    from vision.camera import CameraError

    draft = flow.start(store, "st", "clerk", PHONE)
    with pytest.raises(CameraError, match="not a picture"):
        flow.photograph(
            store, draft.id, b"\xff\xd8\xff cut", step=PhotoStep.BACK, surface=Surface.BACK
        )
    assert store.get(draft.id).photos == ()


def test_a_photo_from_a_file_is_kept_as_it_is_analysed_and_its_file_named(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "IMG_2041.jpg"
    assert cv2.imwrite(str(path), _scratched(rotate_deg=8.0), [cv2.IMWRITE_JPEG_QUALITY, 90])
    draft, record = _from_file(store, path)
    assert [f.kind for f in record.findings] == [FindingKind.SCRATCH]
    assert record.findings[0].length_mm == pytest.approx(8.0, rel=0.1)
    photo = record.photos[0]
    assert photo.step is PhotoStep.SCREEN_OFF and photo.media_type == "image/jpeg"
    # The file itself is the stored photo: the seller's copy hashes to the same.
    file_sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    assert photo.sha256 == file_sha256
    assert store.photos.read(photo.sha256) == path.read_bytes()
    events = [e for e in store.audit_events(draft.id) if e["action"] == "photo.from_file"]
    assert [(e["actor"], e["details"]) for e in events] == [
        (
            "li",
            {
                "file": "IMG_2041.jpg",
                "sha256": file_sha256,
                "bytes": path.stat().st_size,
                "step": "screen_off",
            },
        )
    ]


def test_a_sideways_photo_file_is_kept_sideways_and_its_boxes_fall_on_it_upright(
    store: Store, tmp_path: Path
) -> None:
    upright = _scratched()
    # As a phone held upright writes it: the pixels lie on their side, EXIF turns them.
    path = tmp_path / "IMG_2044.jpg"
    path.write_bytes(jpeg_with_orientation(cv2.rotate(upright, cv2.ROTATE_90_COUNTERCLOCKWISE), 6))
    _, record = _from_file(store, path)
    assert store.photos.read(record.photos[0].sha256) == path.read_bytes()
    shown = decode_image(store.photos.read(record.photos[0].sha256))
    assert shown is not None and shown.shape == upright.shape
    [finding] = record.findings
    expected = analyze(upright, Surface.SCREEN, size_mm=(71.0, 146.0)).findings[0].bbox_px
    assert all(abs(a - b) <= 3 for a, b in zip(finding.bbox_px, expected, strict=True))


def test_an_iphone_heic_photo_file_is_kept_as_it_is_and_analysed(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "IMG_2045.HEIC"
    # Stored turned, as an iPhone held upright stores it, with the turn in the file.
    path.write_bytes(heic_with_orientation(_scratched(), 6))
    _, record = _from_file(store, path)
    photo = record.photos[0]
    assert photo.media_type == "image/heic"
    assert store.photos.read(photo.sha256) == path.read_bytes()
    shown = decode_image(path.read_bytes())
    assert shown is not None and shown.shape == _scratched().shape
    [finding] = record.findings
    assert finding.kind is FindingKind.SCRATCH
    assert finding.length_mm == pytest.approx(8.0, rel=0.1)


def test_a_photo_file_is_typed_by_its_bytes_not_its_name(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "IMG_2043.jpg"  # a PNG, named .jpg by whoever sent it
    path.write_bytes(encode_png(render_scene((), size_mm=(71.0, 146.0)).image))
    draft = flow.start(store, "st", "clerk", PHONE)
    record = flow.photograph_file(
        store, draft.id, path, clerk="li", step=PhotoStep.BACK, surface=Surface.BACK
    )
    assert record.photos[0].media_type == "image/png"


def test_an_unreadable_photo_file_is_named_and_nothing_is_stored(
    store: Store, tmp_path: Path
) -> None:
    from vision.camera import CameraError

    draft = flow.start(store, "st", "clerk", PHONE)
    path = tmp_path / "cut short.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0 a photo cut short")
    with pytest.raises(CameraError, match=r"cut short\.jpg: not an image"):
        flow.photograph_file(
            store, draft.id, path, clerk="li", step=PhotoStep.BACK, surface=Surface.BACK
        )
    assert store.get(draft.id).photos == ()
    assert not [e for e in store.audit_events(draft.id) if e["action"] == "photo.from_file"]


def test_a_photo_file_that_fails_while_read_is_named_and_nothing_is_stored(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from vision import camera

    path = tmp_path / "IMG_2042.jpg"
    assert cv2.imwrite(str(path), render_scene((), size_mm=(71.0, 146.0)).image)

    def card_pulled_out(self: Path) -> bytes:
        raise OSError(errno.EIO, "Input/output error", str(self))

    draft = flow.start(store, "st", "clerk", PHONE)
    monkeypatch.setattr(Path, "read_bytes", card_pulled_out)
    with pytest.raises(camera.CameraError, match=r"IMG_2042\.jpg: cannot be read"):
        flow.photograph_file(
            store, draft.id, path, clerk="li", step=PhotoStep.BACK, surface=Surface.BACK
        )
    assert store.get(draft.id).photos == ()


def test_photograph_keeps_what_was_wrong_with_the_photo(store: Store) -> None:
    assert _photographed(store).photos[0].problems == ()
    lit = render_scene(size_mm=(71.0, 146.0), screen_bgr=(230, 220, 200)).image
    photographed = _photographed(store, lit, size_mm=None)
    assert photographed.photos[0].problems == ("scale_assumed", "screen_lit")
    # Kept in the stored record, not only in the returned one.
    assert store.get(photographed.id).photos[0].problems == ("scale_assumed", "screen_lit")


def test_each_side_of_the_frame_is_a_capture_of_its_own(store: Store) -> None:
    """The four sides are photographed one by one, each named and measured at its own
    length: the top and bottom ends are as long as the phone is wide."""
    from vision.synthetic import render_side

    assert flow.photo_size_mm(PHONE, PhotoStep.SIDE, PhoneSide.LEFT) == (7.8, 147.6)
    assert flow.photo_size_mm(PHONE, PhotoStep.SIDE, PhoneSide.TOP) == (7.8, 71.6)
    assert flow.photo_size_mm(PHONE, PhotoStep.BACK, PhoneSide.TOP) == (71.6, 147.6)
    record = store.create_draft("s", "clerk", PHONE)
    assert flow.sides_left(record) == tuple(PhoneSide)
    for side in PhoneSide:
        depth, length = flow.photo_size_mm(PHONE, PhotoStep.SIDE, side)
        dents = ((30.0, 4.0, 0.8),) if side is PhoneSide.TOP else ()
        image = render_side(dents, size_mm=(length, depth)).image
        if side is PhoneSide.BOTTOM:  # the charging port, and a patch beside it
            middle = ((15 + length / 2) * 8, (15 + depth / 2) * 8)
            corners = [
                (round(middle[0] + dx * 34), round(middle[1] + dy * 10))
                for dx, dy in ((-1, -1), (1, 1))
            ]
            cv2.rectangle(image, corners[0], corners[1], (30, 30, 30), -1)
            # On a long side a scuff (as the speaker holes read); on an end, not looked
            # for: a bottom end's photo is analysed as an end.
            beside = (round(middle[0] + 20 * 8), round(middle[1]))
            cv2.ellipse(image, beside, (20, 12), 0, 0, 360, (170, 170, 170), -1)
        record = flow.photograph(
            store,
            record.id,
            encode_still(image),
            step=PhotoStep.SIDE,
            surface=Surface.FRAME,
            size_mm=(depth, length),
            side=side,
        )
        assert PhotoStep.SIDE not in flow.photographed(record) or side is PhoneSide.BOTTOM
    shots = flow.captured(record)
    assert [flow.photo_side(p) for p in shots] == list(PhoneSide)
    assert [p.problems for p in shots] == [()] * 4
    assert flow.sides_left(record) == () and PhotoStep.SIDE in flow.photographed(record)
    # The dent is on the top end's photo, measured there; the bottom end has none.
    (dent,) = record.findings
    assert dent.kind is FindingKind.DENT and dent.photo_sha256 == shots[2].sha256
    assert dent.length_mm == pytest.approx(4.0, rel=0.1)
    # A side shot from before the station named sides shows one, but which is unknown.
    unnamed = dataclasses.replace(shots[0], note="side")
    assert flow.photo_side(unnamed) is None
    assert flow.sides_left(dataclasses.replace(record, photos=(unnamed,))) == tuple(PhoneSide)


def _pattern_photo(store: Store, inspection_id: str, image, pattern):  # type: ignore[no-untyped-def]
    """``image`` photographed at the screen-on step, showing ``pattern``."""
    return _take(store, inspection_id, image, PhotoStep.PATTERN, pattern=pattern)


def test_a_pattern_photo_names_its_pattern(store: Store) -> None:
    from vision.patterns import COLORS, Pattern

    record = _photographed(store)
    for pattern in (Pattern.WHITE, Pattern.BLACK):
        lit = render_scene(size_mm=(71.0, 146.0), screen_bgr=COLORS[pattern]).image
        record = _pattern_photo(store, record.id, lit, pattern)
    stored = [p for p in store.get(record.id).photos if p.step is not PhotoStep.OTHER]  # no crops
    assert [flow.photo_pattern(p) for p in stored] == [None, "white", "black"]
    assert [p.note for p in stored] == ["screen_off", "pattern:white", "pattern:black"]
    # A screen-on photo from before patterns were named says none.
    assert flow.photo_pattern(dataclasses.replace(stored[1], note="pattern")) is None


def test_one_faulty_pixel_seen_on_several_patterns_is_one_finding(store: Store) -> None:
    """A dead pixel is dark on every lit pattern and a stuck one lit on black and the
    colours: each is found, and priced, once however many patterns are photographed;
    a pixel seen on a later pattern only is still added."""
    from vision.patterns import COLORS, Pattern

    record = flow.start(store, "st", "clerk", PHONE)
    spots = {"dead": (444, 744), "stuck": (444, 496), "green only": (300, 1100)}
    for pattern in (Pattern.WHITE, Pattern.GREY, Pattern.BLACK, Pattern.GREEN):
        image = render_scene(size_mm=(71.0, 146.0), screen_bgr=COLORS[pattern]).image.copy()
        lit = pattern is not Pattern.BLACK
        paint = {"dead": (0, 0, 0) if lit else None, "stuck": (0, 200, 255)}
        paint["green only"] = (0, 0, 0) if pattern is Pattern.GREEN else None
        for name, colour in paint.items():
            if colour is not None:
                x, y = spots[name]
                cv2.rectangle(image, (x - 1, y - 1), (x + 1, y + 1), colour, -1)
        record = _pattern_photo(store, record.id, image, pattern)
    pixels = [f for f in store.get(record.id).findings if f.kind in flow.PIXEL_KINDS]
    assert len(pixels) == 3, [(f.kind, f.polygon_mm[0]) for f in pixels]
    first_seen = sorted(f.kind.value for f in pixels)
    assert first_seen == ["bright_pixel", "dead_pixel", "dead_pixel"]  # black, white, green


def test_a_capture_taken_again_takes_the_first_photos_place(store: Store) -> None:
    """A blurred or glaring capture is taken again: the new photo counts, the first
    one's findings are dropped (audited), but it stays stored, and so does what the
    clerk drew on it."""
    record = _photographed(store)
    first = record.photos[0]
    (scratch,) = record.findings
    drawn = Finding(
        Surface.SCREEN,
        FindingKind.CHIP,
        Severity.MODERATE,
        1.0,
        bbox_px=(100, 100, 20, 20),
        photo_sha256=first.sha256,
    )
    record = flow.decide_findings(store, record.id, "clerk", set(), (drawn,))
    (mine,) = [f for f in record.findings if f.source.value == "clerk"]
    clean = render_scene(size_mm=(71.0, 146.0)).image
    record = _take(store, record.id, clean, clerk="wang")
    second = flow.captured(record)[-1]
    assert flow.current_photos(record) == [second]
    assert flow.replaced_photos(record) == [first]
    assert [f.id for f in record.findings] == [mine.id]  # the scratch is gone with its photo
    assert store.get(record.id).findings == record.findings
    assert store.photos.verify(first.sha256)
    event = store.audit_events(record.id)[-1]
    assert (event["action"], event["actor"]) == ("photo.replaced", "wang")
    assert event["details"]["replaced"] == [first.sha256]
    assert event["details"]["dropped"] == [scratch.id]
    # Taken a third time, the scratch back in view: found on that photo.
    record = _take(store, record.id, _scratched())
    assert [f.kind for f in record.findings] == [FindingKind.CHIP, FindingKind.SCRATCH]
    assert record.findings[-1].photo_sha256 == flow.captured(record)[-1].sha256
    assert store.audit_events(record.id)[-1]["actor"] == "clerk"  # the inspection's own
    assert flow.photographed(record) == {PhotoStep.SCREEN_OFF}


#: A scratch and a stain on the glass, and a strip light reflected in it (as oil).
_MARKS = (
    Defect(FindingKind.SCRATCH, 20.0, 40.0, 12.0, 0.15, 30.0),
    Defect(FindingKind.STAIN, 50.0, 100.0, 0.0, 1.2, 0.0, 150),
)
_STRIP = (Lamp((-5.0, -50.0), length_mm=20.0, width_mm=0.8, angle_deg=10.0),)


@pytest.mark.parametrize("step", [PhotoStep.SCREEN_OFF, PhotoStep.BACK])
def test_a_capture_taken_again_with_the_phone_moved_leaves_out_reflections(
    store: Store, step: PhotoStep
) -> None:
    """The clerk slides the phone across the mat and takes the photo again: the strip
    light's reflection, at the same place in both pictures, is left out (named among
    the photo's problems, audited); the scratch and the stain, which moved with the
    phone, are kept."""
    record = flow.start(store, "st", "clerk", PHONE)
    record = _take(store, record.id, under_lamps(_MARKS, _STRIP).image, step)
    first = flow.captured(record)[-1]
    # The marks as found without the lamp (on the back, the stain reads as a scuff).
    surface = flow.STEP_SURFACE[step]
    unlit = under_lamps(_MARKS, move_mm=(15.0, 10.0)).image
    marks = sorted(f.kind for f in analyze(unlit, surface, size_mm=(71.0, 146.0)).findings)
    assert len(marks) == 2 and FindingKind.SCRATCH in marks
    assert sorted(f.kind for f in record.findings) == sorted((*marks, FindingKind.OIL))
    moved = under_lamps(_MARKS, _STRIP, move_mm=(15.0, 10.0)).image
    record = _take(store, record.id, moved, step, clerk="wang")
    second = flow.captured(record)[-1]
    assert sorted(f.kind for f in record.findings) == marks
    assert all(f.photo_sha256 == second.sha256 for f in record.findings)
    assert second.problems == ("reflection",)
    assert store.get(record.id) == record
    event = store.audit_events(record.id)[-1]
    assert (event["action"], event["actor"]) == ("photo.reflections", "wang")
    assert event["details"]["sha256"] == second.sha256
    assert event["details"]["compared_with"] == first.sha256
    (gone,) = event["details"]["left_out"]
    assert gone["kind"] == "oil" and gone["length_mm"] > 15


def test_reflections_are_only_told_from_another_view_of_the_same_camera(store: Store) -> None:
    """Nothing is left out when the phone was not moved, nor when the photo taken
    again is of another size (another camera, a photo from a file): the reflection
    is kept as found."""
    record = flow.start(store, "st", "clerk", PHONE)
    record = _take(store, record.id, under_lamps(_MARKS, _STRIP).image)
    still = under_lamps(_MARKS, _STRIP, move_mm=(0.5, 0.0)).image
    record = _take(store, record.id, still)
    assert FindingKind.OIL in {f.kind for f in record.findings}
    assert flow.captured(record)[-1].problems == ()
    other = under_lamps(_MARKS, _STRIP, move_mm=(15.0, 10.0), frame_mm=(141.0, 200.0)).image
    record = _take(store, record.id, other)
    assert FindingKind.OIL in {f.kind for f in record.findings}
    assert flow.captured(record)[-1].problems == ()
    assert "photo.reflections" not in {e["action"] for e in store.audit_events(record.id)}


def test_a_capture_taken_again_showing_no_phone_is_to_be_taken_once_more(
    store: Store,
) -> None:
    """The last photo of a capture is the one that counts: one that shows no phone
    leaves the capture to be taken again, even after one that showed it."""
    record = _photographed(store)
    mat = np.full_like(_scratched(), 128)
    record = _take(store, record.id, mat)
    assert not flow.shows_phone(flow.captured(record)[-1])
    assert flow.photographed(record) == frozenset() and record.findings == ()
    record = _take(store, record.id, _scratched())
    assert flow.photographed(record) == {PhotoStep.SCREEN_OFF}
    assert len(flow.replaced_photos(record)) == 2
    assert [f.kind for f in record.findings] == [FindingKind.SCRATCH]


def test_a_pattern_taken_again_keeps_the_pixel_both_photos_show(store: Store) -> None:
    """A pattern photographed again replaces that pattern's photo only; a dead pixel
    on both is found on the new one, not lost as a repeat of the photo it replaces."""
    from vision.patterns import COLORS, Pattern

    def lit(pattern, dead=True):  # type: ignore[no-untyped-def]
        image = render_scene(size_mm=(71.0, 146.0), screen_bgr=COLORS[pattern]).image.copy()
        if dead:
            cv2.rectangle(image, (443, 743), (445, 745), (0, 0, 0), -1)
        return image

    record = flow.start(store, "st", "clerk", PHONE)
    record = _pattern_photo(store, record.id, lit(Pattern.WHITE), Pattern.WHITE)
    record = _pattern_photo(store, record.id, lit(Pattern.GREY, dead=False), Pattern.GREY)
    record = _pattern_photo(store, record.id, lit(Pattern.WHITE), Pattern.WHITE)
    notes = [p.note for p in flow.current_photos(record)]
    assert notes == ["pattern:grey", "pattern:white"]
    (dead,) = record.findings
    assert dead.kind is FindingKind.DEAD_PIXEL
    assert dead.photo_sha256 == flow.current_photos(record)[-1].sha256


def test_a_side_taken_again_replaces_that_side_only(store: Store) -> None:
    from vision.synthetic import render_side

    record = store.create_draft("s", "clerk", PHONE)

    def side_shot(side, dents=()):  # type: ignore[no-untyped-def]
        depth, length = flow.photo_size_mm(PHONE, PhotoStep.SIDE, side)
        image = render_side(dents, size_mm=(length, depth)).image
        return _take(store, record.id, image, PhotoStep.SIDE, size_mm=(depth, length), side=side)

    record = side_shot(PhoneSide.LEFT, ((60.0, 4.0, 0.8),))
    record = side_shot(PhoneSide.RIGHT, ((90.0, 4.0, 0.8),))
    record = side_shot(PhoneSide.LEFT)
    shots = flow.current_photos(record)
    assert [flow.photo_side(p) for p in shots] == [PhoneSide.RIGHT, PhoneSide.LEFT]
    (dent,) = record.findings
    assert dent.kind is FindingKind.DENT and dent.photo_sha256 == shots[0].sha256
    # Side shots that name no side (before the station asked for each) were several
    # photos of one step: none is in another's place.
    unnamed = tuple(dataclasses.replace(p, note="side") for p in flow.captured(record))
    assert flow.current_photos(dataclasses.replace(record, photos=unnamed)) == list(unnamed)


def test_a_photo_still_used_for_another_capture_keeps_its_findings(store: Store) -> None:
    """The same file used for two captures (by mistake) is one stored photo, and its
    findings name only it: taking one capture again drops none of them, since the
    other capture still stands on that photo. The clerk rejects any left over."""
    record = _photographed(store)
    shared = record.photos[0].sha256
    record = _take(store, record.id, _scratched(), PhotoStep.BACK)  # the same bytes
    assert [p.sha256 for p in flow.captured(record)] == [shared, shared]
    assert [f.photo_sha256 for f in record.findings] == [shared, shared]
    record = _take(store, record.id, render_scene(size_mm=(71.0, 146.0)).image)
    assert [f.photo_sha256 for f in record.findings] == [shared, shared]
    assert store.audit_events(record.id)[-1]["details"]["dropped"] == []
    assert [p.step for p in flow.current_photos(record)] == [PhotoStep.BACK, PhotoStep.SCREEN_OFF]


def test_a_photo_taken_after_pricing_withdraws_the_price(store: Store) -> None:
    """A quote rests on the findings it was made from: a photo taken since (here the
    scratched glass again, now clean) withdraws it, and the phone is priced again. A
    refusal for a lock stands."""
    deep = Defect(FindingKind.SCRATCH, 20, 40, length_mm=25, brightness=120)
    record = _photographed(store, render_scene((deep,), size_mm=(71.0, 146.0)).image)
    photograph(store, record.id)  # the other captures
    priced = price_inspection(store, record.id, pricing_setup(store))
    assert priced.quote is not None and priced.state is InspectionState.QUOTED
    assert [f.severity for f in priced.findings] == [Severity.SEVERE]
    record = _take(store, record.id, render_scene(size_mm=(71.0, 146.0)).image, clerk="wang")
    assert (record.grade, record.quote, record.state) == (None, None, InspectionState.DRAFT)
    assert store.get(record.id).quote is None
    withdrawn = [e for e in store.audit_events(record.id) if e["action"] == "quote.withdrawn"]
    assert [(e["actor"], e["details"]["total_fen"]) for e in withdrawn] == [
        ("wang", priced.quote.total_fen)
    ]
    seller = flow.check_seller("王小明", GOOD_ID, "13800138000")
    with pytest.raises(flow.SealError, match="price the phone"):
        flow.seal(store, record.id, "clerk", seller, agreed_total_fen=priced.quote.total_fen)
    again = price_inspection(store, record.id, pricing_setup(store))
    assert again.quote is not None and again.quote.total_fen > priced.quote.total_fen
    assert again.grade != priced.grade
    # A phone refused for a lock stays refused whatever is photographed.
    locked = dataclasses.replace(PHONE, locks=Locks(LockState.ON, mdm=LockState.OFF))
    record = store.update(store.get(record.id).evolve(device=locked))
    refused = price_inspection(store, record.id, pricing_setup(store))
    assert refused.quote is not None and refused.quote.refused
    record = _take(store, record.id, _scratched())
    assert record.quote == refused.quote and record.state is refused.state


def test_the_catalogue_gives_the_size_to_measure_by() -> None:
    assert PHONE.marketing_name == "iPhone 15"
    assert flow.photo_size_mm(PHONE, PhotoStep.SCREEN_OFF) == (71.6, 147.6)
    assert flow.photo_size_mm(PHONE, PhotoStep.SIDE) == (7.8, 147.6)  # depth across
    unlisted = dataclasses.replace(PHONE, marketing_name="Nokia 3310")
    assert flow.photo_size_mm(unlisted, PhotoStep.BACK) is None


def test_clerk_rejects_and_adds_findings(store: Store) -> None:
    record = _photographed(store)
    drawn = Finding(Surface.BACK, FindingKind.DENT, Severity.MODERATE, 1.0, length_mm=3)
    decided = flow.decide_findings(store, record.id, "clerk", {record.findings[0].id}, (drawn,))
    assert [(f.kind, f.source.value) for f in decided.findings] == [(FindingKind.DENT, "clerk")]
    assert store.audit_events(record.id)[-1]["action"] == "findings.reviewed"
    with pytest.raises(YanjiError, match="no such finding"):
        flow.decide_findings(store, record.id, "clerk", {"nope"})


def test_a_drawn_finding_cites_its_photo_with_a_crop_of_it(store: Store) -> None:
    record = _photographed(store)
    photo = record.photos[0]
    width = render_scene(size_mm=(71.0, 146.0)).image.shape[1]
    box = (width - 30, 50, 100, 40)  # runs off the right edge: clipped to the photo
    drawn = Finding(
        Surface.SCREEN,
        FindingKind.CHIP,
        Severity.MODERATE,
        1.0,
        bbox_px=box,
        photo_sha256=photo.sha256,
    )
    decided = flow.decide_findings(store, record.id, "clerk", set(), (drawn,))
    mine = decided.findings[-1]
    assert mine.bbox_px == (width - 30, 50, 30, 40)
    assert mine.evidence_sha256 and store.photos.verify(mine.evidence_sha256)
    crop = cv2.imdecode(
        np.frombuffer(store.photos.read(mine.evidence_sha256), np.uint8), cv2.IMREAD_COLOR
    )
    pad = CROP_PAD_PX
    assert crop.shape[:2] == (40 + 2 * pad, 30 + pad)  # padded, but not past the edge
    evidence = next(p for p in decided.photos if p.sha256 == mine.evidence_sha256)
    assert evidence.step is PhotoStep.OTHER


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("evidence", "not drawn on a photo of this inspection"),
        ("off", "outside the photo"),
        ("corrupt", "cannot cite its photo: .*not an image that can be read"),
    ],
)
def test_a_drawn_finding_on_no_photo_is_refused_and_nothing_is_kept(
    store: Store, where: str, message: str
) -> None:
    record = _photographed(store)
    if where == "evidence":  # an evidence crop is not a photo the clerk drew on
        photo, box = record.findings[0].evidence_sha256, (1, 1, 5, 5)
    elif where == "off":
        photo, box = record.photos[0].sha256, (-50, -50, 20, 20)
    else:  # the photo's file damaged on disk since it was taken
        photo, box = record.photos[0].sha256, (1, 1, 5, 5)
        store.photos.path_for(photo).write_bytes(b"not a png")
    good = Finding(
        Surface.SCREEN,
        FindingKind.DENT,
        Severity.MODERATE,
        1.0,
        bbox_px=(5, 5, 9, 9),
        photo_sha256=record.photos[0].sha256,
    )
    bad = Finding(
        Surface.SCREEN,
        FindingKind.CHIP,
        Severity.MODERATE,
        1.0,
        bbox_px=box,
        photo_sha256=photo,
    )
    with pytest.raises(YanjiError, match=message):
        flow.decide_findings(store, record.id, "clerk", set(), (good, bad))
    assert store.get(record.id) == record  # not even the good one's crop was stored


@pytest.mark.parametrize(
    ("name", "id_number", "phone", "message"),
    [
        ("", GOOD_ID, "13800138000", "name"),
        ("王", "1101051949123100", "13800138000", "18 characters"),
        ("王", "110105194912310021", "13800138000", "does not match"),
        ("王", GOOD_ID, "2380013800", "11 digits"),
    ],
)
def test_seller_details_are_checked(name: str, id_number: str, phone: str, message: str) -> None:
    with pytest.raises(YanjiError, match=message):
        flow.check_seller(name, id_number, phone)


@pytest.mark.parametrize(
    ("document", "typed", "stored"),
    [
        (IdDocument.HK_MO_PERMIT, "h 1234 5678", "H12345678"),
        (IdDocument.HK_MO_PERMIT, "M1234567801", "M1234567801"),  # with its issue number
        (IdDocument.TW_PERMIT, "0123 4567", "01234567"),
        (IdDocument.PASSPORT, "e12345678", "E12345678"),
    ],
)
def test_other_identity_documents_are_taken_in_their_form(
    document: IdDocument, typed: str, stored: str
) -> None:
    seller = flow.check_seller("陈大文", typed, "+852 9123 4567", document, "gbr")
    assert (seller.id_number, seller.document, seller.phone) == (stored, document, "+85291234567")
    # Only a passport names its issuer; the other documents' kind says it.
    assert seller.country == ("GBR" if document is IdDocument.PASSPORT else None)


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("rus", "RUS"),
        (" RU ", "RUS"),
        ("Russian Federation", "RUS"),
        ("viet nam", "VNM"),
        ("d", "DEU"),  # as a German passport prints it (ICAO 9303), not ISO's DEU
        ("GBN", "GBR"),  # a British National (Overseas)
        ("Russia", "RUS"),  # a name in common use that ISO does not give
        ("turkey", "TUR"),  # ISO's is Türkiye
        ("UK", "GBR"),
        ("俄罗斯", "RUS"),  # a Chinese name, as pycountry's translations have it
        ("大韩民国", "KOR"),
        ("韩国", "KOR"),  # the common name's Chinese
    ],
)
def test_a_passport_is_taken_with_the_country_that_issued_it(typed: str, code: str) -> None:
    seller = flow.check_seller("Ivan", "753123456", "+7 912 345 6789", IdDocument.PASSPORT, typed)
    assert (seller.document, seller.country) == (IdDocument.PASSPORT, code)


@pytest.mark.parametrize(
    ("country", "code", "message"),
    [
        (None, "passport_country_needed", "choose the country that issued the passport"),
        ("  ", "passport_country_needed", "choose the country that issued the passport"),
        ("Narnia", "country_unknown", "Narnia is not a country: choose one from the list"),
        ("DDR", "country_unknown", "DDR is not a country: choose one from the list"),
        ("Korea", "country_unknown", "Korea is not a country: choose one from the list"),
    ],
)
def test_a_passport_without_a_known_country_is_refused(
    country: str | None, code: str, message: str
) -> None:
    with pytest.raises(flow.SealError) as caught:
        flow.check_seller("Ivan", "753123456", "+79123456789", IdDocument.PASSPORT, country)
    assert caught.value.code == code and str(caught.value) == message


def test_the_2017_foreigners_card_is_taken_as_a_resident_card() -> None:
    """Its 15 characters: the holder's nationality, 12 digits (the 2023 card has 18 on
    the resident ID scheme, checked as one)."""
    assert flow.check_id_number("usa 1234 5678 9012") == "USA123456789012"
    with pytest.raises(flow.SealError, match="starts with the holder's country") as caught:
        flow.check_id_number("XYZ123456789012")
    assert caught.value.values == ("XYZ",)
    with pytest.raises(flow.SealError, match="18 characters"):
        flow.check_id_number("US1234567890123")


@pytest.mark.parametrize(
    ("document", "typed", "message"),
    [
        (IdDocument.HK_MO_PERMIT, "A12345678", "H or M and 8 digits"),
        (IdDocument.HK_MO_PERMIT, GOOD_ID, "H or M and 8 digits"),
        (IdDocument.TW_PERMIT, "1234567", "8 digits"),
        (IdDocument.PASSPORT, "E12-345", "5 to 17 letters and digits"),
        # A resident ID number is still checked as one, whatever else is allowed.
        (IdDocument.CN_ID, "H12345678", "18 characters"),
    ],
)
def test_a_document_number_out_of_form_is_refused(
    document: IdDocument, typed: str, message: str
) -> None:
    with pytest.raises(YanjiError, match=message):
        flow.check_id_number(typed, document)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("+86 138-0013-8000", "13800138000"),  # a mainland one, however written
        ("0086 13800138000", "13800138000"),
        ("00853 6612 3456", "+85366123456"),
        ("(+886) 912 345 678", "+886912345678"),
        ("+44 7700 900123", "+447700900123"),
    ],
)
def test_mobiles_are_taken_with_their_country_code(typed: str, stored: str) -> None:
    assert flow.check_mobile(typed) == stored


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("9123 4567", "11 digits and starts with 1"),  # Hong Kong's, without +852
        ("+852 9123 456", "\\+852 or \\+853 and 8 digits"),
        ("+1 234", "\\+ and 8 to 15 digits"),
        ("+0 1234 5678", "\\+ and 8 to 15 digits"),
    ],
)
def test_a_mobile_out_of_form_is_refused(typed: str, message: str) -> None:
    with pytest.raises(YanjiError, match=message):
        flow.check_mobile(typed)


def test_imeis_the_phone_did_not_give_are_typed_in_and_found_in_history(store: Store) -> None:
    """Android 10 and later give no IMEI over adb: the clerk types it off *#06#."""
    record = flow.start(store, "st", "clerk", PHONE)  # gave none
    # As the screen groups the digits, with a dual SIM's second, in full-width digits.
    typed = flow.type_imeis(
        store, record.id, "li", "86 916806 044706 2，８６９１６８０６０４４７０７０"
    )
    assert typed.typed_imeis == ("869168060447062", "869168060447070")
    assert store.get(record.id).imeis() == typed.typed_imeis
    found = store.history(HistoryQuery(text="869168060447070")).rows
    assert [row.id for row in found] == [record.id]
    # A mistake is mended by typing again; the audit keeps what was there.
    mended = flow.type_imeis(store, record.id, "li", "352099001761481/01")  # Samsung's /SV
    assert mended.typed_imeis == ("352099001761481",)
    assert store.history(HistoryQuery(text="869168060447070")).rows == ()
    events = [e for e in store.audit_events(record.id) if e["action"] == "imei.typed"]
    assert [(e["actor"], e["details"]["before"], e["details"]["after"]) for e in events] == [
        ("li", [], ["869168060447062", "869168060447070"]),
        ("li", ["869168060447062", "869168060447070"], ["352099001761481"]),
    ]
    assert flow.type_imeis(store, record.id, "li", "352099001761481") == store.get(record.id)
    assert len(store.audit_events(record.id)) == len(events) + 1  # same IMEI: no new event
    assert flow.type_imeis(store, record.id, "li", "  ").typed_imeis == ()
    photograph(store, record.id)
    priced = price_inspection(store, record.id, pricing_setup(store))
    flow.type_imeis(store, record.id, "li", "352099001761481")
    seller = flow.check_seller("王小明", GOOD_ID, "13800138000")
    flow.seal(store, record.id, "li", seller, agreed_total_fen=priced.quote.total_fen)
    with pytest.raises(flow.ImeiError, match="sealed"):
        flow.type_imeis(store, record.id, "li", "869168060447062")
    assert store.get(record.id).imeis() == ("352099001761481",)


@pytest.mark.parametrize(
    ("typed", "code", "message"),
    [
        ("86916806044706", "imei_form", "an IMEI has 15 digits: 86916806044706 is not one"),
        ("IMEI1 869168060447062", "imei_form", "IMEI1869168060447062 is not one"),
        ("869168060447063", "imei_check", "IMEI 869168060447063: its last digit does not"),
        (
            "869168060447062, 869168060447070, 352099001761481",
            "imei_too_many",
            "one IMEI, or two with two SIM slots",
        ),
    ],
)
def test_a_mistyped_imei_is_refused_and_nothing_is_kept(
    store: Store, typed: str, code: str, message: str
) -> None:
    record = flow.start(store, "st", "clerk", PHONE)
    flow.type_imeis(store, record.id, "li", "352099001761481")
    with pytest.raises(flow.ImeiError, match=message) as refused:
        flow.type_imeis(store, record.id, "li", typed)
    assert refused.value.code == code
    assert store.get(record.id).typed_imeis == ("352099001761481",)


def test_an_imei_the_phone_gave_is_not_typed_over(store: Store) -> None:
    record = flow.start(
        store, "st", "clerk", dataclasses.replace(PHONE, imeis=("355341083159771",))
    )
    with pytest.raises(flow.ImeiError, match="gave its IMEI itself"):
        flow.type_imeis(store, record.id, "li", "352099001761481")
    assert store.get(record.id).imeis() == ("355341083159771",)


def test_a_phone_refused_for_a_lock_is_carried_on_with_once_the_lock_is_removed(
    store: Store,
) -> None:
    """The seller signs out of iCloud and the phone is read again: the same inspection
    goes on with the new report, its photos kept, priced afresh; the audit keeps what
    the locks were."""
    locked = dataclasses.replace(PHONE, locks=Locks(LockState.ON, mdm=LockState.OFF))
    record = _photographed(store)
    record = store.update(record.evolve(device=locked))
    refused = price_inspection(store, record.id, pricing_setup(store))
    assert refused.quote is not None and refused.quote.refused
    assert flow.unfinished(store, "other-station", locked) is None
    assert flow.unfinished(store, "st", dataclasses.replace(PHONE, serial="S2")) is None
    assert flow.unfinished(store, "st", dataclasses.replace(PHONE, serial=None)) is None
    android = dataclasses.replace(PHONE, platform=Platform.ANDROID)
    assert flow.unfinished(store, "st", android) is None
    signed_out = dataclasses.replace(locked, locks=Locks(LockState.OFF, mdm=LockState.OFF))
    found = flow.unfinished(store, "st", signed_out)
    assert found is not None and found.id == record.id
    carried = flow.carry_on(store, record.id, "li", signed_out)
    assert carried.device == signed_out and carried.photos == refused.photos
    assert carried.findings == refused.findings and carried.findings
    assert (carried.grade, carried.quote, carried.state) == (None, None, InspectionState.DRAFT)
    photograph(store, record.id)  # the captures a lock made needless till now
    priced = price_inspection(store, record.id, pricing_setup(store))
    assert priced.quote is not None and not priced.quote.refused
    (event,) = [e for e in store.audit_events(record.id) if e["action"] == "inspection.read_again"]
    assert event["actor"] == "li"
    assert event["details"]["locks_before"]["activation_lock"] == "on"
    assert event["details"]["locks_after"]["activation_lock"] == "off"
    assert event["details"]["refused_before"] is True
    # Another phone's report is not carried into it; once sealed, it is done with.
    with pytest.raises(YanjiError, match="not S2"):
        flow.carry_on(store, record.id, "li", dataclasses.replace(PHONE, serial="S2"))
    seller = flow.check_seller("王小明", GOOD_ID, "13800138000")
    flow.seal(store, record.id, "li", seller, agreed_total_fen=priced.quote.total_fen)
    assert flow.unfinished(store, "st", signed_out) is None
    with pytest.raises(SealedError):
        flow.carry_on(store, record.id, "li", signed_out)
    # A draft begun before the phone was last sealed is not carried on with.
    older = flow.start(store, "st", "clerk", PHONE)
    assert flow.unfinished(store, "st", PHONE) == older
    again = flow.start(store, "st", "clerk", PHONE)
    photograph(store, again.id)
    flow.seal(
        store,
        price_inspection(store, again.id, pricing_setup(store)).id,
        "li",
        seller,
        agreed_total_fen=store.get(again.id).quote.total_fen,  # type: ignore[union-attr]
    )
    assert flow.unfinished(store, "st", PHONE) is None


def test_seal_needs_a_price_and_a_valid_seller(store: Store) -> None:
    record = _photographed(store)
    seller = flow.check_seller(" 王小明 ", GOOD_ID.lower(), "138 0013 8000")
    assert (seller.name, seller.id_number, seller.phone) == ("王小明", GOOD_ID, "13800138000")
    with pytest.raises(YanjiError, match="price the phone"):
        flow.seal(store, record.id, "clerk", seller)
    photograph(store, record.id)
    priced = price_inspection(store, record.id, pricing_setup(store))
    # Sealed only at the price the seller agreed to: one changed since is refused.
    agreed = priced.quote.total_fen + 1000
    with pytest.raises(flow.SealError) as changed:
        flow.seal(store, record.id, "clerk", seller, agreed_total_fen=agreed)
    assert changed.value.code == "price_changed"
    assert str(changed.value) == (
        f"the price is now {money(priced.quote.total_fen)}: the seller must agree to it again"
    )
    assert store.get(record.id).state is not InspectionState.SEALED
    assert store.get(record.id).seller is None
    sealed = flow.seal(store, record.id, "clerk", seller, agreed_total_fen=priced.quote.total_fen)
    assert sealed.state is InspectionState.SEALED and sealed.seller == seller
