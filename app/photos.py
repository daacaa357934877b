"""Photos as files named by the SHA-256 of their bytes, written atomically."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

from app.disk import FULL_ERRNOS, disk_full

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def sha256_hex(data: bytes) -> str:
    """Lower-case hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


class PhotoStore:
    """Content-addressed photo files under ``root``: ``root/ab/abcdef…`` (no extension;
    the database keeps the media type). Writing the same bytes twice is a no-op."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, sha256: str) -> Path:
        """Where the photo with this hash lives (whether or not it exists)."""
        if not _SHA256.match(sha256):
            raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
        return self.root / sha256[:2] / sha256

    def put(self, data: bytes) -> str:
        """Store ``data`` durably (written, fsynced, renamed into place) and return its
        hash. A full disk raises `DiskFullError`, and leaves no part-written file."""
        digest = sha256_hex(data)
        target = self.path_for(digest)
        if target.exists() and target.stat().st_size == len(data):
            return digest
        try:
            self._write(target, data)
        except OSError as error:
            if error.errno not in FULL_ERRNOS:
                raise
            raise disk_full(self.root, len(data)) from error
        return digest

    @staticmethod
    def _write(target: Path, data: bytes) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _fsync_dir(target.parent)

    def read(self, sha256: str) -> bytes:
        """The photo's bytes; FileNotFoundError if it is missing."""
        return self.path_for(sha256).read_bytes()

    def exists(self, sha256: str) -> bool:
        """Whether the file for this hash is present."""
        return self.path_for(sha256).is_file()

    def verify(self, sha256: str) -> bool:
        """Whether the file is present and its content still hashes to its name."""
        path = self.path_for(sha256)
        return path.is_file() and sha256_hex(path.read_bytes()) == sha256

    def stored(self) -> Iterator[str]:
        """Hashes of every photo file on disk (leftover temporary files are skipped)."""
        if not self.root.is_dir():
            return
        for sub in sorted(self.root.iterdir()):
            if sub.is_dir():
                for entry in sorted(sub.iterdir()):
                    if _SHA256.match(entry.name):
                        yield entry.name


def _fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
