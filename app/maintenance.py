"""`yanji db check` and `yanji db backup`: integrity of the database and photo files,
and a consistent online copy through SQLite's backup API."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from app.errors import YanjiError
from app.paths import DataDir
from app.photos import PhotoStore


@dataclass(slots=True)
class CheckReport:
    """What `db check` found; ``ok`` only when every list is empty."""

    integrity: list[str] = field(default_factory=list)
    foreign_keys: list[str] = field(default_factory=list)
    altered_records: list[str] = field(default_factory=list)
    missing_photos: list[str] = field(default_factory=list)
    corrupt_photos: list[str] = field(default_factory=list)
    orphaned_photos: list[str] = field(default_factory=list)
    inspections: int = 0
    photos: int = 0

    @property
    def ok(self) -> bool:
        return not (
            self.integrity
            or self.foreign_keys
            or self.altered_records
            or self.missing_photos
            or self.corrupt_photos
            or self.orphaned_photos
        )


def check(data_dir: DataDir) -> CheckReport:
    """SQLite's integrity and foreign-key checks, every record's body against its stored
    hash, and the photo files against the photos table (missing, corrupt, orphaned)."""
    if not data_dir.database.exists():
        raise YanjiError(f"no database at {data_dir.database}")
    report = CheckReport()
    conn = sqlite3.connect(f"file:{data_dir.database}?mode=ro", uri=True)
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        report.integrity = [] if rows == ["ok"] else rows
        report.foreign_keys = [str(r) for r in conn.execute("PRAGMA foreign_key_check")]
        for record_id, body, digest in conn.execute(
            "SELECT id, body, body_sha256 FROM inspections"
        ):
            report.inspections += 1
            if _body_digest(body) != digest:
                report.altered_records.append(record_id)
        known = {r[0] for r in conn.execute("SELECT sha256 FROM photos")}
    finally:
        conn.close()
    store = PhotoStore(data_dir.photos)
    on_disk = set(store.stored())
    report.photos = len(known)
    report.missing_photos = sorted(known - on_disk)
    report.corrupt_photos = sorted(d for d in known & on_disk if not store.verify(d))
    report.orphaned_photos = sorted(on_disk - known)
    return report


def _body_digest(body: bytes) -> str | None:
    try:
        return hashlib.sha256(zlib.decompress(body)).hexdigest()
    except zlib.error:
        return None


def backup(data_dir: DataDir, target: Path) -> Path:
    """Copy the live database to ``target`` (a file, or a folder to put a dated file in)
    while the station may be writing; returns the file written. Photos are files named
    by their hash and can be copied with any tool; they are not inside the backup."""
    if not data_dir.database.exists():
        raise YanjiError(f"no database at {data_dir.database}")
    if target.is_dir():
        target = target / f"yanji-{datetime.now():%Y%m%d-%H%M%S}.sqlite3"
    if target.exists():
        raise YanjiError(f"{target} already exists; choose a new name")
    if not target.parent.is_dir():
        raise YanjiError(f"folder {target.parent} does not exist")
    partial = target.with_name(target.name + ".partial")
    source = sqlite3.connect(f"file:{data_dir.database}?mode=ro", uri=True)
    dest = sqlite3.connect(partial)
    try:
        source.backup(dest, pages=4096)
        result = dest.execute("PRAGMA integrity_check").fetchone()
        dest.execute("PRAGMA journal_mode=DELETE")
    finally:
        dest.close()
        source.close()
    if result != ("ok",):
        partial.unlink(missing_ok=True)
        raise YanjiError(f"backup failed its integrity check: {result}")
    with open(partial, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, target)
    return target
