"""analyze(): findings in mm and photo pixels with evidence crops; test patterns;
camera and file sources; `python -m vision analyze`."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pytest

from tests.vision.fake_capture import FakeCapture
from tests.vision.photo_files import heic_with_orientation, jpeg_with_orientation
from vision.__main__ import main
from vision.analyze import analyze, overlay
from vision.back import clock_lines, printed_lines
from vision.camera import (
    CameraError,
    CameraSource,
    FileSource,
    FolderSource,
    VideoSource,
    camera_names,
    decode_image,
    encode_still,
    media_type,
    preview,
    read_image,
)
from vision.finding import FindingKind, Surface
from vision.locate import Quality
from vision.patterns import Pattern, detect_pattern_defects, pattern_image, pattern_png
from vision.synthetic import Defect, Label, encode_png, render_scene

SIZE = (71.0, 146.0)


def _scratched():  # type: ignore[no-untyped-def]
    scratch = Defect(FindingKind.SCRATCH, 20.0, 50.0, length_mm=18.0, angle_deg=30.0)
    return render_scene((scratch,), size_mm=SIZE, rotate_deg=8)


def test_a_scratch_becomes_a_finding_in_mm_and_photo_pixels() -> None:
    scene = _scratched()
    result = analyze(scene.image, Surface.SCREEN, size_mm=SIZE)
    assert result.phone_found and result.usable and result.problems == ()
    (finding,) = result.findings
    assert finding.kind is FindingKind.SCRATCH and finding.surface is Surface.SCREEN
    assert finding.length_mm == pytest.approx(18.0, rel=0.10)
    x, y, w, h = finding.bbox_px or (0, 0, 0, 0)
    # The scratch starts 20 mm, 50 mm into the phone: inside the box, in photo pixels.
    drawn = scene.image[y : y + h, x : x + w].max()
    assert drawn > 100 and w * h > 0
    assert all(0 <= px <= SIZE[0] and 0 <= py <= SIZE[1] for px, py in finding.polygon_mm)
    crop = result.crops[finding.id]
    assert crop.shape[0] >= h and crop.shape[1] >= w
    assert overlay(scene.image, result).shape == scene.image.shape


def test_without_the_phone_size_the_scale_is_assumed_and_said() -> None:
    result = analyze(_scratched().image)
    assert Quality.SCALE_ASSUMED in result.quality
    assert "assume a 150 mm phone" in result.problems[0]


def test_unusable_photos_give_no_findings_but_say_why() -> None:
    empty = analyze(np.full((480, 640, 3), 128, np.uint8))
    assert (empty.phone_found, empty.problems) == (False, ("no phone found in the photo",))
    scene = _scratched()
    cut = analyze(scene.image[: scene.image.shape[0] // 2].copy(), size_mm=SIZE)
    assert cut.phone_found and not cut.usable and cut.findings == ()
    assert Quality.CUT_OFF in cut.quality
    with pytest.raises(ValueError, match="BGR uint8"):
        analyze(np.zeros((10, 10), np.uint8))


def test_a_light_back_is_analysed_inverted() -> None:
    scene = render_scene(size_mm=SIZE)
    light = scene.image.copy()
    light[scene.image[:, :, 0] < 60] = (225, 225, 230)  # a white back
    result = analyze(light, Surface.BACK, size_mm=SIZE)
    assert result.phone_found and result.findings == ()


def test_a_lit_screen_without_a_pattern_is_said_and_not_read_as_marks() -> None:
    scene = render_scene(size_mm=SIZE, screen_bgr=(210, 170, 90))
    lit = scene.image.copy()
    (x0, y0), (x1, y1) = (
        scene.corners.min(axis=0).astype(int),
        scene.corners.max(axis=0).astype(int),
    )
    # A lock screen: a dark panel with white text, which a black-glass reader takes for
    # eleven oil and stain marks.
    h = y1 - y0
    cv2.rectangle(lit, (x0 + 40, y0 + int(0.6 * h)), (x1 - 40, y1 - 60), (25, 25, 25), -1)
    white = (235, 235, 235)
    cv2.putText(
        lit, "12:30", (x0 + 120, y0 + int(0.72 * h)), cv2.FONT_HERSHEY_SIMPLEX, 2.5, white, 4
    )
    cv2.putText(lit, "Monday 3 March", (x0 + 100, y0 + int(0.82 * h)), 0, 1.2, white, 2)
    result = analyze(lit, Surface.SCREEN, size_mm=SIZE)
    assert result.usable and Quality.SCREEN_LIT in result.quality
    assert "the screen is lit" in " ".join(result.problems)
    assert result.findings == ()
    # Named as the test pattern it shows, the lit screen is checked, not called lit.
    shown = analyze(scene.image, Surface.SCREEN, pattern=Pattern.WHITE, size_mm=SIZE)
    assert Quality.SCREEN_LIT not in shown.quality


@pytest.mark.parametrize("shade", [90, 200])
def test_an_always_on_display_is_a_lit_screen(shade: int) -> None:
    """A phone "off" with its always-on display showing a clock and the date: most of
    the glass is dark, but the text is lit. Read as black glass, it gave seven oil
    marks, or a severe scratch; it is called lit, so the clerk turns it off."""
    for labels in (
        (Label("12:30", 50, 10.0, shade), Label("Tue, 24 November", 58, 2.5, shade)),
        (Label("Tue, 24 November", 58, 2.5, shade), Label("85%", 130, 2.0, shade)),
    ):
        scene = render_scene(size_mm=SIZE, labels=labels, rotate_deg=4.0)
        result = analyze(scene.image, Surface.SCREEN, size_mm=SIZE)
        assert result.quality == (Quality.SCREEN_LIT,) and result.findings == ()


#: fonts-noto-cjk's Simplified Chinese face (dev.py installs the package).
CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


@pytest.mark.parametrize("text", ["11月24日 星期二", "农历十月初五", "电量 85%"])
def test_a_chinese_always_on_display_is_a_lit_screen(text: str) -> None:
    """Phones sold at a Shenzhen counter show the date in Chinese on their always-on
    display: a character's parts (期 is 其 and 月) line up as glyphs do, and the
    screen is called lit."""
    from PIL import Image, ImageDraw, ImageFont

    assert CJK_FONT.is_file(), f"{CJK_FONT} missing: install fonts-noto-cjk"
    scene = render_scene(size_mm=SIZE, rotate_deg=4.0)
    picture = Image.fromarray(cv2.cvtColor(scene.image, cv2.COLOR_BGR2RGB))
    font = ImageFont.truetype(str(CJK_FONT), 24, index=2)  # SC; 3 mm at 8 px/mm
    ImageDraw.Draw(picture).text((260, 640), text, fill=(200, 200, 200), font=font)
    photo = cv2.cvtColor(np.asarray(picture), cv2.COLOR_RGB2BGR)
    result = analyze(photo, Surface.SCREEN, size_mm=SIZE)
    assert result.quality == (Quality.SCREEN_LIT,) and result.findings == ()


@pytest.mark.parametrize("face", ["Regular", "Bold"])
@pytest.mark.parametrize(("text", "height_mm"), [("9:41", 8.0), ("10:08", 14.0), ("21:17", 18.0)])
def test_an_always_on_clock_alone_is_a_lit_screen(face: str, text: str, height_mm: float) -> None:
    """An always-on display showing only its clock: three or four digits are too few
    for a line of text, and they read as three or four oil marks up to 40 mm long.
    The digits, alike in height, level and drawn in strokes, are a clock: the screen
    is called lit."""
    from PIL import Image, ImageDraw, ImageFont

    font_file = CJK_FONT.with_name(f"NotoSansCJK-{face}.ttc")
    assert font_file.is_file(), f"{font_file} missing: install fonts-noto-cjk"
    scene = render_scene(size_mm=SIZE)  # upright, as the digits are drawn
    picture = Image.fromarray(cv2.cvtColor(scene.image, cv2.COLOR_BGR2RGB))
    # The face's digits are 0.76 of its size; the photo is 8 px/mm.
    font = ImageFont.truetype(str(font_file), round(height_mm * 8 / 0.76), index=2)
    draw = ImageDraw.Draw(picture)
    left, top, right, _ = draw.textbbox((0, 0), text, font=font)
    top_x, top_y = scene.corners[:2].mean(axis=0)  # the middle of the phone's top
    x, y = top_x - (left + right) / 2, top_y + 30 * 8 - top
    draw.text((x, y), text, fill=(200, 200, 200), font=font)
    photo = cv2.cvtColor(np.asarray(picture), cv2.COLOR_RGB2BGR)
    result = analyze(photo, Surface.SCREEN, size_mm=SIZE)
    assert result.quality == (Quality.SCREEN_LIT,) and result.findings == ()
    assert result.rectified is not None
    # The clock's box is placed on the rectified screen (looked for at 3 px/mm): its
    # middle is the digits' (their top 30 mm from the screen's top), within 1 mm.
    [(_, y0, _, y1)] = clock_lines(result.rectified.image, 8.0)
    assert abs((y0 + y1) / 2 / 8 - (30 + height_mm / 2)) <= 1.0
    assert height_mm <= (y1 - y0) / 8 <= height_mm + 1.5


def test_a_row_of_round_stains_is_no_clock() -> None:
    """Three bright round spots as tall as a clock's digits, in a row: blobs, not
    strokes, so no clock, and the glass is read (without that rule, they made a
    clock). The glass detector takes such spots for reflections of lights."""
    stains = tuple(Defect(FindingKind.STAIN, 15 + 8 * i, 70, 5, 5, 0, 200) for i in range(3))
    scene = render_scene(stains, size_mm=SIZE)
    result = analyze(scene.image, Surface.SCREEN, size_mm=SIZE)
    assert result.rectified is not None
    assert clock_lines(result.rectified.image, 8.0) == []
    assert result.quality == ()


def test_marks_in_a_row_on_dark_glass_are_no_lit_text() -> None:
    """Three stains in a row line up as a back's print would; on a screen they are
    marks (a line of text has more glyphs), and the glass is read."""
    stains = tuple(Defect(FindingKind.STAIN, 25 + 4 * i, 70, 0, 1.2, 0, 200) for i in range(3))
    scene = render_scene(stains, size_mm=SIZE)
    result = analyze(scene.image, Surface.SCREEN, size_mm=SIZE)
    assert result.rectified is not None
    assert [glyphs for _, glyphs in printed_lines(result.rectified.image, 8.0)] == [3]
    assert Quality.SCREEN_LIT not in result.quality
    assert {f.kind for f in result.findings} == {FindingKind.STAIN}


def _photo_of(screen: np.ndarray) -> np.ndarray:  # type: ignore[type-arg]
    """A rectified-like photo: the lit screen inside a black bezel."""
    photo = np.zeros((screen.shape[0] + 80, screen.shape[1] + 80, 3), np.uint8)
    photo[40:-40, 40:-40] = screen
    return photo


@pytest.mark.parametrize(
    ("pattern", "pixel", "kind"),
    [
        (Pattern.WHITE, (0, 0, 0), FindingKind.DEAD_PIXEL),
        (Pattern.BLACK, (255, 255, 255), FindingKind.BRIGHT_PIXEL),
        (Pattern.RED, (0, 200, 255), FindingKind.STUCK_PIXEL),
    ],
)
def test_pixel_defects_on_patterns(
    pattern: Pattern, pixel: tuple[int, int, int], kind: FindingKind
) -> None:
    screen = pattern_image(pattern, 560, 1100)
    assert screen[0, 0].tolist() == list(pattern_image(pattern, 1, 1)[0, 0])
    pushed = cv2.imdecode(np.frombuffer(pattern_png(pattern, 560, 1100), np.uint8), 1)
    assert np.array_equal(pushed, screen)  # the PNG sent to a phone is the same image
    clean = detect_pattern_defects(_photo_of(screen), pattern, px_per_mm=8.0)
    assert clean == []
    cv2.rectangle(screen, (300, 500), (302, 502), pixel, -1)
    kinds = {s.kind for s in detect_pattern_defects(_photo_of(screen), pattern, px_per_mm=8.0)}
    assert kind in kinds


def test_a_dead_column_is_a_line() -> None:
    screen = pattern_image(Pattern.WHITE, 560, 1100)
    screen[:, 200] = 0
    spots = detect_pattern_defects(_photo_of(screen), Pattern.WHITE, px_per_mm=8.0)
    assert FindingKind.LINE in {s.kind for s in spots}


def test_sources(tmp_path: Path) -> None:
    scene = _scratched()
    (tmp_path / "a.png").write_bytes(encode_png(scene.image))
    (tmp_path / "b.png").write_bytes(encode_png(scene.image[::2, ::2]))
    (tmp_path / "notes.txt").write_text("not a photo")
    assert FileSource(tmp_path / "a.png").read().shape == scene.image.shape
    folder = FolderSource(tmp_path)
    assert [p.name for p in folder.paths] == ["a.png", "b.png"]
    folder.read()
    folder.read()
    with pytest.raises(CameraError, match="no more photos"):
        folder.read()
    big = np.zeros((2160, 3840, 3), np.uint8)
    assert preview(big).shape == (720, 1280, 3)
    writer = cv2.VideoWriter(
        str(tmp_path / "v.avi"),
        cv2.VideoWriter_fourcc(*"MJPG"),
        5,
        (scene.image.shape[1], scene.image.shape[0]),
    )
    for _ in range(2):
        writer.write(scene.image)
    writer.release()
    video = VideoSource(tmp_path / "v.avi")
    assert video.read().shape == scene.image.shape
    video.read()
    with pytest.raises(CameraError, match="no more frames"):
        video.read()


def test_missing_camera_and_bad_files_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(CameraError, match="no camera at index 57"):
        CameraSource(57)
    (tmp_path / "broken.jpg").write_bytes(b"\xff\xd8 not really")
    with pytest.raises(CameraError, match="not an image"):
        read_image(tmp_path / "broken.jpg")
    (tmp_path / "empty.jpg").write_bytes(b"")
    with pytest.raises(CameraError, match=r"empty\.jpg: the file is empty"):
        read_image(tmp_path / "empty.jpg")
    with pytest.raises(CameraError, match="a folder, not a photo"):
        read_image(tmp_path)
    with pytest.raises(CameraError, match="no such file"):
        read_image(tmp_path / "gone.jpg")
    with pytest.raises(CameraError, match="no such folder"):
        FolderSource(tmp_path / "nope")
    # An iPhone photo cut short in the copying: said to be a HEIC photo, not just "corrupt".
    whole = heic_with_orientation(np.full((64, 64, 3), 90, np.uint8))
    (tmp_path / "IMG_0001.HEIC").write_bytes(whole[: len(whole) // 2])
    with pytest.raises(CameraError, match=r"IMG_0001\.HEIC: a HEIC photo that cannot be read"):
        read_image(tmp_path / "IMG_0001.HEIC")


def test_an_iphone_heic_photo_is_read_upright_in_its_colours(tmp_path: Path) -> None:
    picture = np.zeros((100, 200, 3), np.uint8)
    picture[:, :50] = (0, 0, 255)  # red on the left
    # Stored turned, as an iPhone held upright stores it, with the turn in the file.
    (tmp_path / "IMG_0002.HEIC").write_bytes(heic_with_orientation(picture, 6))
    image = read_image(tmp_path / "IMG_0002.HEIC")
    assert image.shape == (100, 200, 3) and image.flags.writeable
    blue, green, red = (int(v) for v in image[50, 20])
    assert red > 200 and green < 40 and blue < 40
    assert image[:, 60:].max() < 40


def test_a_photo_file_is_read_upright_by_its_exif_orientation(tmp_path: Path) -> None:
    picture = np.zeros((100, 200, 3), np.uint8)
    picture[:, :50] = 255  # white on the left
    (tmp_path / "upright.jpg").write_bytes(jpeg_with_orientation(picture, 6))
    image = read_image(tmp_path / "upright.jpg")
    assert image.shape[:2] == (200, 100)  # turned: taller than wide
    assert image[:40].mean() > 200 and image[-40:].mean() < 50  # the white is on top now


def test_a_camera_still_keeps_the_colour_of_one_pixel() -> None:
    frame = np.full((120, 160, 3), 20, np.uint8)
    frame[60, 80] = (0, 0, 255)  # one red pixel, as a stuck subpixel looks on black
    data = encode_still(frame)
    assert media_type(data) == "image/jpeg"
    decoded = decode_image(data)
    assert decoded is not None and decoded.shape == frame.shape
    # Colour at full resolution: 4:2:0 would smear it over 2 x 2 pixels at half strength.
    blue, green, red = (int(v) for v in decoded[60, 80])
    assert red > 200 and green < 60 and blue < 60
    assert np.abs(decoded.astype(int) - frame.astype(int)).mean() < 1.0


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\xff\xd8\xff\xe0 JFIF", "image/jpeg"),
        (b"\x89PNG\r\n\x1a\n rest", "image/png"),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"BM\x36\x00", "image/bmp"),
        (b"II*\x00\x08", "image/tiff"),
        (b"MM\x00*\x00", "image/tiff"),
        (b"\x00\x00\x00\x1cftypheic\x00\x00\x00\x00mif1heic", "image/heic"),
        (b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00mif1avif", "application/octet-stream"),
        (b"RIFF\x10\x00\x00\x00WAVEfmt ", "application/octet-stream"),
        (b"", "application/octet-stream"),
    ],
)
def test_media_type_is_told_by_the_leading_bytes(data: bytes, kind: str) -> None:
    assert media_type(data) == kind


def test_camera_says_its_real_size_and_comes_back_after_an_unplug(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # Plugged in, 2 frames, unplugged (the next open finds nothing), plugged back in.
    captures = [FakeCapture(2), FakeCapture(0, opened=False), FakeCapture(5)]
    opened: list[int] = []

    def opener(index: int) -> FakeCapture:
        opened.append(index)
        return captures[len(opened) - 1]

    camera = CameraSource(3, 1920, 1080, exposure=-6, opener=opener)
    assert camera.resolution == (1280, 720) and "gives 1280x720, not the 1920x1080" in caplog.text
    assert captures[0].props[cv2.CAP_PROP_EXPOSURE] == -6
    assert camera.read().shape == (720, 1280, 3) and camera.read().shape == (720, 1280, 3)
    with pytest.raises(CameraError, match="camera 3 stopped sending frames"):
        camera.read()
    assert captures[0].released and captures[1].released
    assert camera.read().shape == (720, 1280, 3)  # back, without restarting the station
    assert opened == [3, 3, 3] and captures[2].props[cv2.CAP_PROP_FRAME_WIDTH] == 1920
    camera.close()
    assert captures[2].released
    with pytest.raises(CameraError, match="no camera at index 3"):
        CameraSource(3, opener=lambda index: FakeCapture(0, opened=False))


def test_camera_reopens_with_new_settings_and_waits_for_a_missing_one() -> None:
    first, plugged_in = FakeCapture(5), FakeCapture(5)
    cameras = {0: [first], 2: [FakeCapture(0, opened=False), plugged_in]}
    opened: list[int] = []

    def opener(index: int) -> FakeCapture:
        opened.append(index)
        return cameras[index].pop(0)

    camera = CameraSource(0, 1920, 1080, None, opener=opener)
    assert camera.read().shape == (720, 1280, 3)
    # The clerk picks camera 2 at 4K before plugging it in: the old one is let go,
    # the new settings are kept, and reads keep trying them.
    with pytest.raises(CameraError, match="no camera at index 2"):
        camera.reopen(2, 3840, 2160, 150.0)
    assert first.released
    assert camera.read().shape == (720, 1280, 3)
    assert opened == [0, 2, 2]
    assert plugged_in.props[cv2.CAP_PROP_FRAME_WIDTH] == 3840
    assert plugged_in.props[cv2.CAP_PROP_EXPOSURE] == 150.0
    camera.close()
    assert plugged_in.released
    with pytest.raises(CameraError, match="no camera at index 7"):
        CameraSource(7, opener=lambda index: FakeCapture(0, opened=False))


def test_cameras_are_named_as_linux_lists_them(tmp_path: Path) -> None:
    """/sys/class/video4linux as a laptop with a USB camera has it: each camera gives a
    picture node (index 0) and a metadata node (index 1), which OpenCV cannot read."""
    nodes = {
        "video0": ("Integrated Camera: Integrated C\n", "0\n"),
        "video1": ("Integrated Camera: Integrated C\n", "1\n"),
        "video2": ("HD USB Camera: HD USB Camera\n", "0\n"),
        "video3": ("HD USB Camera: HD USB Camera\n", "1\n"),
        "video10": ("bcm2835-codec\n", None),  # a kernel without the index attribute
        "vbi0": ("not a camera\n", "0\n"),
    }
    for node, (name, index) in nodes.items():
        (tmp_path / node).mkdir()
        (tmp_path / node / "name").write_text(name)
        if index is not None:
            (tmp_path / node / "index").write_text(index)
    (tmp_path / "video4").mkdir()  # unplugged while listed: its files are gone
    (tmp_path / "video5").mkdir()
    (tmp_path / "video5" / "name").write_text("Camera: model 2\n")
    # UVC names a camera "product: product", cut at 31 characters: said once here.
    assert camera_names(tmp_path) == {
        0: "Integrated Camera",
        2: "HD USB Camera",
        5: "Camera: model 2",
        10: "bcm2835-codec",
    }
    assert camera_names(tmp_path / "absent") is None  # not Linux: the system lists none
    assert camera_names(tmp_path / "video4") == {}


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    photo = tmp_path / "phone.png"
    photo.write_bytes(encode_png(_scratched().image))
    out_png = tmp_path / "overlay.png"
    status = main(["analyze", str(photo), "--json", "--size", "71,146", "--overlay", str(out_png)])
    result = json.loads(capsys.readouterr().out)
    assert status == 0 and result["phone_found"] is True and result["problems"] == []
    (finding,) = result["findings"]
    assert finding["kind"] == "scratch" and len(finding["bbox_px"]) == 4
    assert set(finding) >= {"length_mm", "area_mm2", "severity", "confidence"}
    assert out_png.stat().st_size > 0
    (tmp_path / "bad.jpg").write_bytes(b"junk")
    assert main(["analyze", str(tmp_path / "bad.jpg")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad.jpg" in err


def test_a_truncated_photo_is_one_line_on_stderr(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A photo cut short in the copying: OpenCV's own warning ("PNG input buffer is
    incomplete", written by its C++ code) does not come before the one line."""
    monkeypatch.delenv("OPENCV_LOG_LEVEL", raising=False)
    level = cv2.utils.logging.getLogLevel()
    cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_WARNING)
    try:
        ok, png = cv2.imencode(".png", np.full((300, 200, 3), 90, np.uint8))
        assert ok
        (tmp_path / "cut.png").write_bytes(png.tobytes()[:400])
        assert main(["analyze", str(tmp_path / "cut.png")]) == 2
    finally:
        cv2.utils.logging.setLogLevel(level)
    err = capfd.readouterr().err
    assert err.count("\n") == 1 and "cut.png: not an image that can be read" in err


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        ("--size", "abc", "not WIDTH,HEIGHT of a phone"),
        ("--size", "0,0", "not WIDTH,HEIGHT of a phone"),
        ("--size", "71,146,8", "not WIDTH,HEIGHT of a phone"),
        ("--size", "7150,14670", "not WIDTH,HEIGHT of a phone"),
        ("--overlay", "{tmp}/no-such-folder/o.png", "no such folder"),
        ("--overlay", "{tmp}/o.txt", "name it .png or .jpg"),
        ("--overlay", "{tmp}", "a folder, not a file name"),
        ("--surface back --pattern", "white", "is for screen photos (--surface screen)"),
        ("--size", "7.8,146", "not WIDTH,HEIGHT of a phone"),  # a side's size, for a face
        ("--surface side --size", "71,146", "not DEPTH,LENGTH of a phone's side"),
        ("--surface end --size", "7.8,700", "not DEPTH,LENGTH of a phone's side"),
    ],
)
def test_command_line_bad_options_are_one_line_before_any_work(
    *,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    option: str,
    value: str,
    said: str,
) -> None:
    photo = tmp_path / "phone.png"
    photo.write_bytes(encode_png(_scratched().image))
    ran = []
    monkeypatch.setattr("vision.__main__.analyze", lambda *a: ran.append(a))
    assert main(["analyze", str(photo), *option.split(), value.format(tmp=tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and said in err and not ran
    assert sorted(p.name for p in tmp_path.iterdir()) == ["phone.png"]


def test_command_line_prints_the_findings_when_the_overlay_fails_to_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    photo = tmp_path / "phone.png"
    photo.write_bytes(encode_png(_scratched().image))
    monkeypatch.setattr("vision.__main__.cv2.imwrite", lambda *a: False)  # a full disk
    status = main(["analyze", str(photo), "--json", "--overlay", str(tmp_path / "o.png")])
    out, err = capsys.readouterr()
    assert status == 1 and "o.png: could not be written" in err
    assert [f["kind"] for f in json.loads(out)["findings"]] == ["scratch"]
