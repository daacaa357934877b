"""Vision evaluation on real photos: image-level recall and false-alarm rate per class,
and a confusion table.

    .venv/bin/python benchmarks/vision_eval.py ../shared/data/vision-dev

MSD (black cover glass on a grey mat): an image counts as flagged for its class when a
finding of that kind is found (scratch, oil, stain); a good image is a false alarm when
it has any finding. Web and shop photos: a cracked screen counts when a crack is found;
an intact one is a false alarm when a crack is found. The data's README says the shop
photo ph4.jpg shows no visible damage: it is counted as intact. Targets (issue #4):
MSD >= 90 % recall per class and <= 10 % of good flagged; cracked >= 85 %, intact
<= 15 %.

With --as-still each photo is analysed as the station keeps a camera still: encoded
by `vision.camera.encode_still` (JPEG) and decoded again, as `app.flow.photograph`
analyses it.
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from vision.analyze import analyze  # noqa: E402
from vision.camera import CameraError, decode_image, encode_still, read_image  # noqa: E402
from vision.finding import FindingKind  # noqa: E402

SUFFIXES = {".jpg", ".jpeg", ".png"}
#: Shop photos filed under damaged/ that show no damage (vision-dev's README).
SHOP_UNDAMAGED = {"ph4.jpg"}


def kinds_in(path: Path, as_still: bool) -> tuple[set[str], bool]:
    try:
        image = read_image(path)
    except CameraError:
        return set(), False
    still = decode_image(encode_still(image)) if as_still else image
    result = analyze(image if still is None else still)
    return {f.kind.value for f in result.findings}, result.phone_found


def photos_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES)


def evaluate(
    title: str, classes: dict[str, list[Path]], positive: dict[str, str], as_still: bool
) -> None:
    """``positive`` maps a class to the finding kind that counts as detecting it; a class
    not in it is negative (any finding of the watched kinds is a false alarm).
    ``as_still``: each photo analysed after a round trip through a still's JPEG."""
    print(f"\n== {title}")
    watched = set(positive.values())
    table: dict[str, collections.Counter[str]] = {}
    for name, photos in classes.items():
        counts: collections.Counter[str] = collections.Counter()
        hits = 0
        odd = []  # missed positives, flagged negatives
        for photo in photos:
            found, located = kinds_in(photo, as_still)
            counts.update(found or {"(none)"})
            counts["(no phone)"] += not located
            if name in positive:
                hit = positive[name] in found
            elif len(watched) > 1:  # MSD: any finding on good glass is a false alarm
                hit = bool(found)
            else:
                hit = bool(found & watched)
            hits += hit
            if hit != (name in positive):
                odd.append(photo.name)
        table[name] = counts
        rate = hits / max(len(photos), 1)
        label = "recall" if name in positive else "false alarms"
        print(f"  {name:<10} {len(photos):3d} photos  {label:<12} {rate:6.1%}")
        what = "missed" if name in positive else "flagged"
        print(f"    {what}: {' '.join(odd) or '-'}")
    columns = sorted({k for c in table.values() for k in c})
    print("  confusion (photos with at least one finding of each kind):")
    print("    " + " " * 10 + "".join(f"{c:>11}" for c in columns))
    for name, counts in table.items():
        print("    " + f"{name:<10}" + "".join(f"{counts.get(c, 0):>11}" for c in columns))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument(
        "--as-still", action="store_true", help="analyse each photo as a stored camera still"
    )
    args = parser.parse_args()
    started = time.perf_counter()
    msd = args.data_dir / "msd"
    _msd(msd, args.as_still)
    web = args.data_dir / "web-phone-photos"
    evaluate(
        "Web photos",
        {"damaged": photos_in(web / "damaged"), "intact": photos_in(web / "intact")},
        {"damaged": FindingKind.CRACK.value},
        args.as_still,
    )
    shop = photos_in(args.data_dir / "shop-photos" / "damaged")
    evaluate(
        "Shop photos",
        {
            "damaged": [p for p in shop if p.name not in SHOP_UNDAMAGED],
            "intact": [p for p in shop if p.name in SHOP_UNDAMAGED],
        },
        {"damaged": FindingKind.CRACK.value},
        args.as_still,
    )
    print(f"\n({time.perf_counter() - started:.0f} s)")


def _msd(msd: Path, as_still: bool) -> None:
    evaluate(
        "MSD cover glass",
        {c: photos_in(msd / c) for c in ("scratch", "oil", "stain", "good")},
        {
            "scratch": FindingKind.SCRATCH.value,
            "oil": FindingKind.OIL.value,
            "stain": FindingKind.STAIN.value,
        },
        as_still,
    )


if __name__ == "__main__":
    main()
