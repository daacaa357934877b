"""A disk with too little room: photos refused before they would fill it, full-disk
writes worded, and nothing already saved lost."""

from __future__ import annotations

import errno
import os
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from sqlalchemy import event

from app import disk, flow
from app.errors import DiskFullError
from app.records import PhotoStep
from app.store import Store
from devices.report import DeviceReport, Platform
from vision.camera import encode_still
from vision.finding import FindingKind, Surface
from vision.synthetic import Defect, render_scene

PHONE = DeviceReport(platform=Platform.IOS, marketing_name="iPhone 15", serial="S1")


class Usage(NamedTuple):
    """What `shutil.disk_usage` answers."""

    total: int
    used: int
    free: int


def _still() -> bytes:
    """A camera still of a phone with one scratch on its glass."""
    scene = render_scene(
        (Defect(FindingKind.SCRATCH, 20, 40, length_mm=8, brightness=60),), size_mm=(71.0, 146.0)
    )
    return encode_still(scene.image)


def _free_space(monkeypatch: pytest.MonkeyPatch, free: int) -> None:
    """Every disk reports ``free`` bytes free (of 100 GB)."""
    usage = Usage(100_000_000_000, 100_000_000_000 - free, free)
    monkeypatch.setattr(shutil, "disk_usage", lambda path: usage)


def _photograph(store: Store, inspection_id: str, data: bytes) -> Any:
    return flow.photograph(
        store,
        inspection_id,
        data,
        step=PhotoStep.SCREEN_OFF,
        surface=Surface.SCREEN,
        size_mm=(71.0, 146.0),
    )


def _files(root: Path) -> list[str]:
    """Every file under ``root``, temporary ones included."""
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_disk_space_reads_the_disk_of_a_folder_not_made_yet(tmp_path: Path) -> None:
    space = disk.disk_space(tmp_path / "not" / "made")
    real = shutil.disk_usage(tmp_path)
    assert space.total == real.total
    assert 0 < space.free <= space.total
    assert space.low is (space.free < disk.LOW_BYTES)


def test_station_space_is_the_fuller_of_the_photos_and_database_disks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.paths import DataDir

    data_dir = DataDir(tmp_path).ensure()
    frees = {data_dir.photos: 3_000_000_000, data_dir.root: 9_000_000_000}

    def usage(path: Path) -> Usage:
        free = frees[Path(path)]
        return Usage(100_000_000_000, 100_000_000_000 - free, free)

    monkeypatch.setattr(shutil, "disk_usage", usage)
    # The photos folder linked to another disk, fuller than the database's.
    space = disk.station_space(data_dir)
    assert (space.folder, space.free) == (data_dir.photos, 3_000_000_000)
    frees[data_dir.root] = 1_000_000_000
    space = disk.station_space(data_dir)
    assert (space.folder, space.free) == (data_dir.root, 1_000_000_000)
    assert space.low and not space.full


def test_a_disk_is_full_when_a_phones_photos_would_pass_the_floor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _free_space(monkeypatch, disk.FLOOR_BYTES + disk.PHONE_PHOTOS_BYTES)
    assert not disk.disk_space(tmp_path).full
    _free_space(monkeypatch, disk.FLOOR_BYTES + disk.PHONE_PHOTOS_BYTES - 1)
    assert disk.disk_space(tmp_path).full


def test_a_disk_is_low_below_the_warning_level(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _free_space(monkeypatch, disk.LOW_BYTES - 1)
    assert disk.disk_space(tmp_path).low
    _free_space(monkeypatch, disk.LOW_BYTES)
    assert not disk.disk_space(tmp_path).low


def test_a_photo_that_would_leave_too_little_room_is_refused_and_nothing_is_lost(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = flow.start(store, "st", "clerk", PHONE)
    first = _photograph(store, draft.id, _still())
    assert [f.kind for f in first.findings] == [FindingKind.SCRATCH]
    kept = _files(store.photos.root)

    data = _still()
    _free_space(monkeypatch, disk.FLOOR_BYTES + len(data) + flow.CROP_ROOM - 1)
    with pytest.raises(
        DiskFullError, match=r"not enough room on the disk holding .*photos"
    ) as info:
        _photograph(store, draft.id, data)
    assert info.value.free == disk.FLOOR_BYTES + len(data) + flow.CROP_ROOM - 1
    assert "YANJI_DATA_DIR" in str(info.value)
    # The first photo, its finding and its evidence are as they were; no file was added.
    assert store.get(draft.id) == first
    assert _files(store.photos.root) == kept

    # With one byte more the same photo is stored.
    _free_space(monkeypatch, disk.FLOOR_BYTES + len(data) + flow.CROP_ROOM)
    assert len(flow.captured(_photograph(store, draft.id, data))) == 2


def test_a_write_the_disk_turns_away_leaves_no_part_written_file(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(
        DiskFullError, match=r"[0-9.]+ [MG]B free, 0\.0 MB needed; free space"
    ) as info:
        store.photos.put(b"a photo of eleven bytes")
    assert info.value.needed == len(b"a photo of eleven bytes")
    assert _files(store.photos.root) == []


def test_another_write_error_is_not_called_a_full_disk(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", failing)
    with pytest.raises(OSError, match="Input/output error") as info:
        store.photos.put(b"photo")
    assert not isinstance(info.value, DiskFullError)
    assert _files(store.photos.root) == []


def test_a_database_the_disk_has_no_room_for_is_worded_and_rolled_back(store: Store) -> None:
    draft = store.create_draft("st", "clerk", PHONE)
    with store.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar_one()

    # SQLite's own limit on the file's size stands in for a full disk: past it, a write
    # fails with SQLITE_FULL, as it does when the disk runs out.
    def limited(dbapi_connection: Any, record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(store.engine, "connect", limited)
    store.engine.dispose()
    # A record too large for the pages left (random text: records are compressed).
    big = draft.evolve(device=replace(PHONE, problems=(os.urandom(150_000).hex(),)))
    with pytest.raises(DiskFullError, match="not enough room on the disk holding") as info:
        store.update(big)
    assert info.value.needed is None
    # The engine says so whoever writes on it (the price sheets, a migration, any SQL).
    with pytest.raises(DiskFullError), store.engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE filler AS SELECT randomblob(100000) AS x")
    event.remove(store.engine, "connect", limited)
    store.engine.dispose()
    assert store.get(draft.id) == draft


def test_a_new_database_the_disk_has_no_room_for_is_worded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app import db

    made = db.make_engine

    def one_page(path: Path) -> Any:  # a database that may not grow past one page
        engine = made(path)
        event.listen(
            engine, "connect", lambda conn, record: conn.execute("PRAGMA max_page_count = 1")
        )
        return engine

    monkeypatch.setattr(db, "make_engine", one_page)
    with pytest.raises(DiskFullError, match=f"disk holding {tmp_path}: [0-9.]+ [MG]B free;"):
        db.open_engine(tmp_path / "yanji.sqlite3")


def test_a_log_record_the_disk_will_not_take_is_dropped_quietly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import logging

    from app.logs import setup_logging

    setup_logging(tmp_path)
    handler = next(h for h in logging.getLogger().handlers if getattr(h, "_yanji", False))
    record = logging.LogRecord("t", logging.INFO, __file__, 1, "photo stored", None, None)
    try:
        raise OSError(errno.ENOSPC, "No space left on device")
    except OSError:
        handler.handleError(record)
    assert capsys.readouterr().err == ""
    # Any other failure is still reported as logging reports it.
    try:
        raise ValueError("a bad format string")
    except ValueError:
        handler.handleError(record)
    assert "a bad format string" in capsys.readouterr().err


def test_sizes_read_as_disks_are_sold() -> None:
    from app.text import size_text

    assert [size_text(n) for n in (1_430_000_000, 253_400_000, 9_960_000, 200_000, -5)] == [
        "1.4 GB",
        "253 MB",
        "10.0 MB",
        "0.2 MB",
        "0.0 MB",
    ]
