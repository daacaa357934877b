"""db check finds what is wrong with the database and photo files."""

from __future__ import annotations

import sqlite3
import zlib

from app.maintenance import check
from app.paths import DataDir
from app.records import PhotoStep
from app.store import Store
from devices.report import DeviceReport, Platform


def _photo_record(store: Store) -> str:
    draft = store.create_draft("s", "c", DeviceReport(platform=Platform.ANDROID))
    return store.add_photo(draft.id, b"photo-bytes", PhotoStep.BACK).photos[0].sha256


def test_clean_store_checks_ok(store: Store, data_dir: DataDir) -> None:
    _photo_record(store)
    report = check(data_dir)
    assert report.ok
    assert (report.inspections, report.photos) == (1, 1)


def test_orphaned_and_corrupt_photos_are_found(store: Store, data_dir: DataDir) -> None:
    digest = _photo_record(store)
    store.photos.path_for(digest).write_bytes(b"bit rot")
    orphan = store.photos.put(b"never recorded")
    report = check(data_dir)
    assert report.corrupt_photos == [digest]
    assert report.orphaned_photos == [orphan]
    assert not report.ok


def test_a_record_altered_behind_the_stores_back_is_found(store: Store, data_dir: DataDir) -> None:
    draft = store.create_draft("s", "c", DeviceReport(platform=Platform.ANDROID))
    store.seal(draft.id, "c")
    conn = sqlite3.connect(data_dir.database)
    (body,) = conn.execute("SELECT body FROM inspections").fetchone()
    forged = zlib.compress(zlib.decompress(body).replace(b'"clerk":"c"', b'"clerk":"m"'))
    assert forged != body
    conn.execute("DROP TRIGGER inspections_sealed_no_update")
    conn.execute("UPDATE inspections SET body = ?", (forged,))
    conn.commit()
    conn.close()
    assert check(data_dir).altered_records == [draft.id]
