"""Where photos come from: a live USB camera (OpenCV VideoCapture), or files, folders
and videos for replay and tests. Every source gives BGR uint8 frames and raises
CameraError with a clear message when it cannot."""

from __future__ import annotations

import errno
import logging
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from vision.types import Image

log = logging.getLogger(__name__)

#: Photo files the station reads: OpenCV's formats, and HEIC (an iPhone's own format),
#: which pillow-heif (libheif) decodes.
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".webp", ".heic", ".heif"}
#: Brands of HEIF files with an HEVC picture (ISO/IEC 23008-12), the first at byte 8.
_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}


class CameraError(Exception):
    """A camera or file that gives no picture; the message says which and why:
    ``reason``, after the file or folder's ``path`` when it is about one."""

    def __init__(self, reason: str, path: Path | None = None) -> None:
        super().__init__(reason if path is None else f"{path}: {reason}")
        self.reason, self.path = reason, path


def decode_image(data: bytes) -> Image | None:
    """A photo's bytes as BGR uint8, turned upright (by its EXIF orientation, or a HEIC
    file's own rotation), as every photo the station analyses or shows is decoded (so
    boxes found on it fall where they belong when it is shown); None when they are not
    a picture that can be read."""
    if not data:
        return None
    image: Image | None = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    if image is None and is_heif(data):
        image = _decode_heif(data)
    return image


def is_heif(data: bytes) -> bool:
    """Whether ``data`` begins as a HEIC photo (a HEIF file with an HEVC picture) does."""
    return data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS


def _decode_heif(data: bytes) -> Image | None:
    """A HEIC photo's primary picture as BGR uint8, with the rotation and mirroring the
    file asks for applied by libheif (an iPhone writes them there, and the same in EXIF
    for viewers that ignore them: the EXIF one is not applied again); None when libheif
    cannot read it. Imported here: only a HEIC photo needs it."""
    import pillow_heif

    try:
        heif = pillow_heif.open_heif(data, convert_hdr_to_8bit=True, bgr_mode=True)
        picture = np.array(heif)  # a copy: the decoded buffer belongs to ``heif``
    except (ValueError, RuntimeError, OSError) as error:
        log.info("HEIC photo not decoded: %s", error)
        return None
    if picture.ndim == 2:
        picture = cv2.cvtColor(picture, cv2.COLOR_GRAY2BGR)
    elif picture.shape[2] == 4:
        picture = np.ascontiguousarray(picture[:, :, :3])
    return picture if picture.dtype == np.uint8 else None


#: Quality of the JPEG a camera still is kept as (see `encode_still`).
STILL_QUALITY = 95

#: Leading bytes of the picture formats OpenCV reads, and their media types.
_SIGNATURES = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"BM", "image/bmp"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
)


def encode_still(frame: Image) -> bytes:
    """A camera still as the station keeps it: JPEG at quality 95 with colour at full
    resolution (4:4:4, so a one-pixel fault on a red test pattern keeps its colour).
    A 12 MP sensor frame comes to about a sixth of a PNG's bytes, encoded in a seventh
    of the time (`benchmarks/photos.py`). The station analyses the still as decoded
    from these bytes, so anyone who analyses the stored photo again gets the same
    findings."""
    ok, buffer = cv2.imencode(
        ".jpg",
        frame,
        [
            cv2.IMWRITE_JPEG_QUALITY,
            STILL_QUALITY,
            cv2.IMWRITE_JPEG_SAMPLING_FACTOR,
            cv2.IMWRITE_JPEG_SAMPLING_FACTOR_444,
        ],
    )
    if not ok:
        raise CameraError("the camera's still could not be encoded as JPEG")
    return bytes(buffer.tobytes())


def media_type(data: bytes) -> str:
    """The media type of a photo's bytes, from their leading bytes (a file's name may
    say otherwise): ``image/jpeg``, ``image/png``, ``image/heic``, ``image/webp``,
    ``image/bmp``, ``image/tiff``, or ``application/octet-stream`` for anything else."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if is_heif(data):
        return "image/heic"
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    return "application/octet-stream"


def read_image(path: Path) -> Image:
    """A photo file as BGR uint8; CameraError naming the file when it is unreadable."""
    return read_photo(path)[1]


#: Why a photo file's read failed, for the errors a clerk meets (the window words
#: these); any other is given as the OS words it.
READ_FAILURES = {
    **dict.fromkeys((errno.EACCES, errno.EPERM), "no permission to read it"),
    **dict.fromkeys(
        (errno.EIO, errno.ENXIO, errno.ENODEV),
        "the disk or card failed while reading: was it taken out?",
    ),
}


def read_photo(path: Path) -> tuple[bytes, Image]:
    """A photo file's bytes, as they are on disk, and its picture (BGR uint8, turned
    upright as `decode_image` turns it), from one read; CameraError naming the file when
    it is unreadable."""
    if path.is_dir():
        raise CameraError("a folder, not a photo", path)
    if not path.is_file():
        raise CameraError("no such file", path)
    try:
        data = path.read_bytes()
    except OSError as error:
        why = READ_FAILURES.get(error.errno or 0, error.strerror or str(error))
        raise CameraError(f"cannot be read ({why})", path) from error
    if not data:
        raise CameraError("the file is empty", path)
    image = decode_image(data)
    if image is None and is_heif(data):
        raise CameraError("a HEIC photo that cannot be read (corrupt or cut short)", path)
    if image is None:
        raise CameraError(
            "not an image that can be read (corrupt, or not JPEG, PNG, HEIC, WebP, BMP or TIFF)",
            path,
        )
    return data, image


def preview(frame: Image, max_width: int = 1280) -> Image:
    """A downscaled copy for the live preview (full resolution is kept for stills)."""
    height, width = frame.shape[:2]
    if width <= max_width:
        return frame
    scale = max_width / width
    return cv2.resize(frame, (max_width, round(height * scale)), interpolation=cv2.INTER_AREA)


#: Where Linux lists its video devices: ``videoN/name`` for /dev/videoN, which OpenCV
#: opens as camera N.
VIDEO4LINUX = Path("/sys/class/video4linux")


def camera_names(root: Path = VIDEO4LINUX) -> dict[int, str] | None:
    """The cameras the system lists, by the index OpenCV opens them at, with their
    names ("HD USB Camera"); None where the system does not list them this way (Windows,
    macOS). A USB camera's second node, which carries its metadata and no pictures
    (``index`` 1), is left out. A device unplugged while it is read is skipped."""
    if not root.is_dir():
        return None
    names = {}
    for node in root.glob("video*"):
        number = node.name.removeprefix("video")
        if not number.isdigit():
            continue
        try:
            name = (node / "name").read_text(encoding="utf-8", errors="replace").strip()
        except OSError:
            continue
        if _sysfs_text(node / "index") in ("0", ""):  # "" where the kernel has none
            names[int(number)] = _tidy_name(name) or node.name
    return dict(sorted(names.items()))


def _tidy_name(name: str) -> str:
    """A USB camera's name as the UVC driver writes it, "product: product" cut at 31
    characters ("Integrated Camera: Integrated C"), said once."""
    first, colon, second = name.partition(": ")
    return first if colon and second and first.startswith(second) else name


def _sysfs_text(path: Path) -> str:
    try:
        return path.read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return ""


class CameraSource:
    """A USB camera by index, at the asked resolution and exposure. ``resolution`` is
    what the camera really gives (a camera that cannot do the asked size picks another,
    without saying so). After an unplug, each read tries the camera afresh, so frames
    come again once it is plugged back in; ``reopen`` opens it with new settings. The
    station reads it from two threads (the live preview and a capture), so reads,
    reopens and close take turns. ``opener`` makes the capture (OpenCV's
    ``VideoCapture``; a fake in tests)."""

    def __init__(
        self,
        index: int = 0,
        width: int = 1920,
        height: int = 1080,
        exposure: float | None = None,
        *,
        opener: Callable[[int], Any] = cv2.VideoCapture,
    ) -> None:
        self._lock = threading.Lock()  # a VideoCapture is not safe from two threads
        self._opener = opener
        self._capture: Any = None
        self.reopen(index, width, height, exposure)

    def reopen(
        self, index: int, width: int, height: int, exposure: float | None
    ) -> tuple[int, int]:
        """Let the camera go and open the one at ``index`` as asked; returns the size
        it really gives. CameraError when none answers there: the settings are kept,
        and each read tries them again, so plugging the camera in is enough."""
        with self._lock:
            if self._capture is not None:
                self._capture.release()
            self.index, self._asked = index, (width, height, exposure)
            self.resolution = (width, height)
            self._capture = self._open()
            if self._capture is None:
                raise CameraError(f"no camera at index {index} (is it plugged in and free?)")
            return self.resolution

    def _open(self) -> Any:
        """A capture set up as asked (``resolution`` then says what it gives), or None
        when there is no camera at the index."""
        capture = self._opener(self.index)
        if not capture.isOpened():
            capture.release()
            return None
        width, height, exposure = self._asked
        capture.set(cv2.CAP_PROP_FRAME_WIDTH, width)
        capture.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
        if exposure is not None:
            capture.set(cv2.CAP_PROP_AUTO_EXPOSURE, 1)
            capture.set(cv2.CAP_PROP_EXPOSURE, exposure)
        self.resolution = (
            int(capture.get(cv2.CAP_PROP_FRAME_WIDTH)),
            int(capture.get(cv2.CAP_PROP_FRAME_HEIGHT)),
        )
        if self.resolution != (width, height):
            log.warning(
                "camera %d gives %dx%d, not the %dx%d asked",
                self.index,
                *self.resolution,
                width,
                height,
            )
        return capture

    def read(self) -> Image:
        """The next frame; CameraError when the camera stops giving frames and cannot
        be opened again (unplugged)."""
        with self._lock:
            frame = self._frame()
            if frame is None:
                # An unplugged camera's handle never recovers; a new one does once back.
                if self._capture is not None:
                    self._capture.release()
                self._capture = self._open()
                frame = self._frame()
            if frame is None:
                raise CameraError(f"camera {self.index} stopped sending frames (unplugged?)")
            return frame

    def _frame(self) -> Image | None:
        if self._capture is None:
            return None
        ok, frame = self._capture.read()
        return frame if ok and frame is not None else None

    def close(self) -> None:
        with self._lock:
            if self._capture is not None:
                self._capture.release()
                self._capture = None


class FileSource:
    """One photo, returned on every read (a still camera for tests and the demo)."""

    def __init__(self, path: Path) -> None:
        self.frame = read_image(path)

    def read(self) -> Image:
        return self.frame.copy()

    def close(self) -> None:
        """Nothing to release."""


class FolderSource:
    """The photos in a folder, in name order, once each."""

    def __init__(self, folder: Path) -> None:
        if not folder.is_dir():
            raise CameraError("no such folder", folder)
        self.paths = sorted(p for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
        if not self.paths:
            raise CameraError("no photos in it", folder)
        self._next = iter(self.paths)

    def read(self) -> Image:
        path = next(self._next, None)
        if path is None:
            raise CameraError("the folder has no more photos")
        return read_image(path)

    def __iter__(self) -> Iterator[Image]:
        for path in self.paths:
            yield read_image(path)

    def close(self) -> None:
        """Nothing to release."""


class VideoSource:
    """Frames of a recorded video file."""

    def __init__(self, path: Path) -> None:
        self._capture: Any = cv2.VideoCapture(str(path))
        if not self._capture.isOpened():
            raise CameraError("cannot open the video", path)
        self.path = path

    def read(self) -> Image:
        ok, frame = self._capture.read()
        if not ok or frame is None:
            raise CameraError("no more frames", self.path)
        got: Image = frame
        return got

    def close(self) -> None:
        self._capture.release()
