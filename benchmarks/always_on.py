"""An always-on display's clock on a phone photographed "off": how many such screens
are called lit (the clerk is told to turn the display off) rather than read as black
glass, whose digits become oil marks.

    .venv/bin/python benchmarks/always_on.py [DATA_DIR]

Synthetic screens, each a clock alone ("9:41", "10:08", "12:30", "21:17", "7:05"),
no date line (a date line is text, called lit since session 29). Digits 6, 9, 14
and 18 mm tall (a clock wider than 60 mm is skipped: it would not fit the screen),
in four faces (Noto Sans CJK Regular and Bold, DejaVu Sans and its ExtraLight), dim
(grey 90) or bright (200), taken four ways: upright at 8 pixels a millimetre, turned
4 degrees, and at 5 and 12 pixels a millimetre. Each is analysed twice: as the station
does, and with the clock rule off (`back.CLOCK_HEIGHT_MM` made empty), which is how
it was before. With DATA_DIR (`../shared/data/vision-dev`), the real photos of dark
screens are looked at too: how many the clock rule calls lit (none should be). It
also prints the median time of looking for a clock on one 8 px/mm screen."""

from __future__ import annotations

import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import cv2  # noqa: E402
import numpy as np  # noqa: E402
from PIL import Image, ImageDraw, ImageFont  # noqa: E402

from vision import back  # noqa: E402
from vision.analyze import analyze, screen_lit, shows_text  # noqa: E402
from vision.finding import Surface  # noqa: E402
from vision.locate import UNUSABLE, Quality, check_quality, locate, rectify  # noqa: E402
from vision.synthetic import render_scene  # noqa: E402

SIZE = (71.0, 146.0)
TEXTS = ("9:41", "10:08", "12:30", "21:17", "7:05")
HEIGHTS_MM = (6.0, 9.0, 14.0, 18.0)
SHADES = (90, 200)
NOTO = Path("/usr/share/fonts/opentype/noto")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
#: name: (file, face index in a collection)
FACES = {
    "Noto Sans CJK": (NOTO / "NotoSansCJK-Regular.ttc", 2),
    "Noto Sans CJK Bold": (NOTO / "NotoSansCJK-Bold.ttc", 2),
    "DejaVu Sans": (DEJAVU / "DejaVuSans.ttf", 0),
    "DejaVu Sans ExtraLight": (DEJAVU / "DejaVuSans-ExtraLight.ttf", 0),
}
#: (name, rotate_deg, px_per_mm)
WAYS = (
    ("upright", 0.0, 8.0),
    ("turned 4°", 4.0, 8.0),
    ("5 px/mm", 0.0, 5.0),
    ("12 px/mm", 0.0, 12.0),
)


def clock_photo(
    text: str, face: ImageFont.FreeTypeFont, shade: int, turn: float, px_per_mm: float
) -> np.ndarray | None:  # type: ignore[type-arg]
    """A screen-off phone showing ``text`` with its digits' top 30 mm from the screen's
    top, turned ``turn`` degrees with the phone; None when the clock is wider than 60 mm."""
    scene = render_scene(size_mm=SIZE, px_per_mm=px_per_mm)
    picture = Image.fromarray(cv2.cvtColor(scene.image, cv2.COLOR_BGR2RGB))
    draw = ImageDraw.Draw(picture)
    left, top, right, _ = draw.textbbox((0, 0), text, font=face)
    if right - left > 60 * px_per_mm:
        return None
    top_x, top_y = scene.corners[:2].mean(axis=0)
    draw.text((top_x - (left + right) / 2, top_y + 30 * px_per_mm - top), text, (shade,) * 3, face)
    photo = cv2.cvtColor(np.asarray(picture), cv2.COLOR_RGB2BGR)
    if turn:
        h, w = photo.shape[:2]
        matrix = cv2.getRotationMatrix2D((w / 2, h / 2), turn, 1.0)
        photo = cv2.warpAffine(photo, matrix, (w, h), borderMode=cv2.BORDER_REFLECT)
    return photo


def synthetic() -> None:
    lit: Counter[tuple[str, bool]] = Counter()
    total: Counter[str] = Counter()
    marks_before: list[int] = []
    by_height: Counter[tuple[float, bool]] = Counter()
    height_total: Counter[float] = Counter()
    clock_range = back.CLOCK_HEIGHT_MM
    for path, index in FACES.values():
        if not path.is_file():
            fonts = "fonts-noto-cjk, fonts-dejavu-core and fonts-dejavu-extra"
            sys.exit(f"{path} is missing: install {fonts}")
        for way, turn, px_per_mm in WAYS:
            for height in HEIGHTS_MM:
                # A face's digits are about 0.73 to 0.76 of its size.
                face = ImageFont.truetype(str(path), round(height * px_per_mm / 0.75), index=index)
                for text in TEXTS:
                    for shade in SHADES:
                        photo = clock_photo(text, face, shade, turn, px_per_mm)
                        if photo is None:
                            continue
                        total[way] += 1
                        height_total[height] += 1
                        for rule in (True, False):
                            back.CLOCK_HEIGHT_MM = clock_range if rule else (1.0, 0.0)
                            result = analyze(photo, Surface.SCREEN, size_mm=SIZE)
                            called = Quality.SCREEN_LIT in result.quality
                            lit[way, rule] += called
                            by_height[height, rule] += called
                            if not rule and not called:
                                marks_before.append(len(result.findings))
                        back.CLOCK_HEIGHT_MM = clock_range
    print("Clocks alone called lit (the rest are read as black glass):")
    print(f"  {'way':<12}{'screens':>8}{'now':>8}{'before':>8}")
    for way, _, _ in WAYS:
        print(f"  {way:<12}{total[way]:>8}{lit[way, True]:>8}{lit[way, False]:>8}")
    print(f"  {'all':<12}{sum(total.values()):>8}", end="")
    print(f"{sum(lit[w, True] for w, _, _ in WAYS):>8}{sum(lit[w, False] for w, _, _ in WAYS):>8}")
    print(
        "  by digit height (mm): "
        + ", ".join(
            f"{h:g}: {by_height[h, True]}/{height_total[h]} (before {by_height[h, False]})"
            for h in HEIGHTS_MM
        )
    )
    if marks_before:
        print(
            f"  before, a clock not called lit gave {statistics.mean(marks_before):.1f} "
            f"findings on average (at most {max(marks_before)})"
        )


def real(data: Path) -> None:
    """Dark real screens that the clock rule alone calls lit."""
    looked = called = 0
    for path in sorted(data.rglob("*")):
        if path.suffix.lower() not in (".jpg", ".jpeg", ".png"):
            continue
        image = cv2.imread(str(path))
        location = None if image is None else locate(image)
        if image is None or location is None:
            continue
        rect = rectify(image, location, None)
        if set(check_quality(image, location)) & UNUSABLE or set(rect.problems) & UNUSABLE:
            continue
        if screen_lit(rect):
            continue
        clock_range = back.CLOCK_HEIGHT_MM
        back.CLOCK_HEIGHT_MM = (1.0, 0.0)
        text = shows_text(rect)
        back.CLOCK_HEIGHT_MM = clock_range
        if text:
            continue
        looked += 1
        if shows_text(rect):
            called += 1
            print(f"  called lit by a clock: {path.relative_to(data)}")
    print(f"Real dark screens (no lit text): {looked}; called lit by the clock rule: {called}")


def speed() -> None:
    scene = render_scene(size_mm=SIZE)
    location = locate(scene.image)
    assert location is not None
    rect = rectify(scene.image, location, SIZE)
    times = []
    for _ in range(50):
        start = time.perf_counter()
        back.clock_lines(rect.image, rect.px_per_mm)
        times.append(time.perf_counter() - start)
    print(f"Looking for a clock on one 8 px/mm screen: {1000 * statistics.median(times):.1f} ms")


if __name__ == "__main__":
    cv2.setNumThreads(1)
    synthetic()
    if len(sys.argv) > 1:
        real(Path(sys.argv[1]))
    speed()
