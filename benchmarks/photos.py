"""What keeping a photo costs: bytes on disk and time to store and analyse a camera
still, as JPEG (`vision.camera.encode_still`, what the station keeps) and as PNG (what
it kept before); decoding an iPhone's 12 MP HEIC photo; and for photo files how many
bytes keeping them unchanged takes; and the disk-room check made before each photo is
stored (`app.disk.ensure_room`).

    .venv/bin/python benchmarks/photos.py [DATA_DIR]

Stills are the speed benchmark's synthetic phone (`vision_speed.photo`) with sensor
noise added (a camera's frames are never clean, and PNG's size depends on it:
Gaussian, sigma 2 grey levels). DATA_DIR, when given, is searched for *.jpg files
(e.g. ../shared/data/vision-dev/shop-photos) to compare each file's own size with
the PNG it used to be re-encoded as. One core, as the station's worker gets.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import cv2  # noqa: E402
import numpy as np  # noqa: E402
from vision_speed import photo  # noqa: E402

from app.disk import ensure_room  # noqa: E402
from vision.camera import decode_image, encode_still  # noqa: E402
from vision.synthetic import encode_png  # noqa: E402


def median_ms(fn, runs: int = 7) -> float:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data_dir", nargs="?", type=Path)
    args = parser.parse_args()
    cv2.setNumThreads(1)
    noise = np.random.default_rng(7)
    for name, (w, h) in (("12 MP (4000x3000)", (4000, 3000)), ("1080p (1920x1080)", (1920, 1080))):
        clean = photo(w, h).astype(np.float32)
        frame = np.clip(clean + noise.normal(0, 2, clean.shape), 0, 255).astype(np.uint8)
        jpeg, png = encode_still(frame), encode_png(frame)
        decoded = decode_image(jpeg)
        assert decoded is not None
        error = np.abs(decoded.astype(np.int16) - frame.astype(np.int16))
        print(
            f"{name} still: JPEG {len(jpeg) / 1e6:.1f} MB, encode "
            f"{median_ms(lambda f=frame: encode_still(f)):.0f} ms + decode for analysis "
            f"{median_ms(lambda j=jpeg: decode_image(j)):.0f} ms; PNG {len(png) / 1e6:.1f} MB, "
            f"encode {median_ms(lambda f=frame: encode_png(f), 3):.0f} ms; JPEG differs from "
            f"the frame by {error.mean():.2f} grey levels on average (max {error.max()})"
        )
    # An iPhone's photo (HEIC, 4032x3024) from a file: decoded by libheif, kept as is.
    clean = photo(4032, 3024).astype(np.float32)
    frame = np.clip(clean + noise.normal(0, 2, clean.shape), 0, 255).astype(np.uint8)
    heic = _heic(frame)
    print(
        f"12 MP HEIC (4032x3024) photo file: {len(heic) / 1e6:.1f} MB kept as it is; decode "
        f"{median_ms(lambda: decode_image(heic), 3):.0f} ms"
    )
    # The room check before each photo: a statvfs call, on the disk holding this folder.
    runs = 10_000
    started = time.perf_counter()
    for _ in range(runs):
        ensure_room(ROOT, len(jpeg))
    print(f"disk-room check before a photo: {(time.perf_counter() - started) / runs * 1e6:.1f} µs")
    if args.data_dir is not None:
        files = sorted(args.data_dir.rglob("*.jpg"))
        kept = sum(f.stat().st_size for f in files)
        as_png = 0
        for path in files:
            image = decode_image(path.read_bytes())
            if image is not None:
                as_png += len(encode_png(image))
        print(
            f"{len(files)} photo files in {args.data_dir}: kept as they are "
            f"{kept / 1e6:.1f} MB; re-encoded as PNG (as before) {as_png / 1e6:.1f} MB"
        )


def _heic(frame: np.ndarray) -> bytes:  # type: ignore[type-arg]
    """``frame`` as a HEIC file, at the quality an iPhone's are about (libheif's x265)."""
    import io

    import pillow_heif

    buffer = io.BytesIO()
    size = (frame.shape[1], frame.shape[0])
    pillow_heif.from_bytes(mode="BGR", size=size, data=bytes(frame)).save(buffer, quality=80)
    return buffer.getvalue()


if __name__ == "__main__":
    main()
