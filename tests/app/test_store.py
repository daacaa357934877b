"""The repository: drafts, updates, sealing, immutability, search, paging, outbox."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import timedelta

import pytest

from app.errors import NotFoundError, SealedError, YanjiError
from app.records import (
    Grade,
    IdDocument,
    InspectionState,
    LineKind,
    PhotoStep,
    Quote,
    QuoteLine,
    Seller,
    Verdict,
    utc_now,
)
from app.store import OUTBOX_AUDIT, OUTBOX_INSPECTION, HistoryQuery, Store
from devices.report import DeviceReport, Platform


def _device(imei: str = "355341083159771", serial: str = "DNPT1P8EHG74") -> DeviceReport:
    return DeviceReport(
        platform=Platform.IOS, marketing_name="iPhone 7", serial=serial, imeis=(imei,)
    )


def _quoted(store: Store, device: DeviceReport, grade: str = "B", seller: str = "张三"):  # type: ignore[no-untyped-def]
    draft = store.create_draft("station-1", "clerk", device)
    lines = (QuoteLine(LineKind.BASE, "base", "基础价", "base", 120_000),)
    return store.update(
        draft.evolve(
            state=InspectionState.QUOTED,
            grade=Grade(grade, Verdict.SELLABLE, "std", "1"),
            quote=Quote.from_lines("sheet", "1", lines),
            seller=Seller(seller, "110101199003071234", "13800138000"),
        )
    )


def test_create_update_get(store: Store) -> None:
    draft = store.create_draft("station-1", "clerk", _device())
    assert draft.state is InspectionState.DRAFT
    assert store.get(draft.id) == draft
    updated = store.update(draft.evolve(state=InspectionState.REVIEWED))
    assert store.get(draft.id) == updated
    assert updated.updated_at >= draft.updated_at


def test_get_unknown_id_is_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError, match="no inspection"):
        store.get("nope")


def test_seal_makes_the_record_read_only(store: Store) -> None:
    record = _quoted(store, _device())
    sealed = store.seal(record.id, "clerk")
    assert sealed.state is InspectionState.SEALED
    assert sealed.sealed_at is not None
    assert store.get(record.id) == sealed
    with pytest.raises(SealedError):
        store.update(replace(record, clerk="mallory"))
    with pytest.raises(SealedError):
        store.seal(record.id, "clerk")
    with pytest.raises(SealedError):
        store.add_photo(record.id, b"late photo", PhotoStep.BACK)
    assert store.get(record.id) == sealed


def test_database_trigger_refuses_changes_to_a_sealed_row(store: Store, data_dir) -> None:  # type: ignore[no-untyped-def]
    record = store.seal(_quoted(store, _device()).id, "clerk")
    conn = sqlite3.connect(data_dir.database)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="sealed"):
            conn.execute("UPDATE inspections SET total_fen = 1 WHERE id = ?", (record.id,))
        with pytest.raises(sqlite3.IntegrityError, match="sealed"):
            conn.execute("DELETE FROM inspections WHERE id = ?", (record.id,))
    finally:
        conn.close()
    assert store.get(record.id).quote == record.quote


def test_seal_needs_a_device_report(store: Store) -> None:
    draft = store.create_draft("station-1", "clerk")
    with pytest.raises(YanjiError, match="no device report"):
        store.seal(draft.id, "clerk")


def test_identity_fields_cannot_change(store: Store) -> None:
    draft = store.create_draft("station-1", "clerk", _device())
    with pytest.raises(YanjiError, match="station_id"):
        store.update(draft.evolve(station_id="other"))


def test_seal_queues_the_record_and_its_audit_events(store: Store) -> None:
    record = _quoted(store, _device())
    store.seal(record.id, "alice")
    pending = store.pending_outbox()
    kinds = [(item.kind, item.ref_id) for item in pending]
    assert (OUTBOX_INSPECTION, record.id) in kinds
    actions = [e["action"] for e in store.audit_events(record.id)]
    assert actions == ["inspection.created", "inspection.sealed"]
    assert sum(1 for kind, _ in kinds if kind == OUTBOX_AUDIT) == 2
    store.mark_sent([item.seq for item in pending])
    assert store.pending_outbox() == []


def test_record_event_is_audited_and_queued(store: Store) -> None:
    draft = store.create_draft("station-1", "clerk", _device())
    event_id = store.record_event("manager", "quote.override", draft.id, {"reason": "屏幕"})
    events = store.audit_events(draft.id)
    assert events[-1]["id"] == event_id
    assert events[-1]["details"] == {"reason": "屏幕"}
    assert any(item.ref_id == event_id for item in store.pending_outbox())


def test_seller_id_number_is_encrypted_at_rest(store: Store, data_dir) -> None:  # type: ignore[no-untyped-def]
    record = _quoted(store, _device())
    assert store.get(record.id).seller == record.seller
    raw = (
        data_dir.database.read_bytes() + data_dir.database.with_suffix(".sqlite3-wal").read_bytes()
    )
    assert b"110101199003071234" not in raw
    assert "张三".encode() in raw  # the name stays searchable


def test_a_seller_from_hong_kong_is_kept_and_found_by_mobile(store: Store) -> None:
    record = _quoted(store, _device())
    seller = Seller("陈大文", "H12345678", "+85291234567", IdDocument.HK_MO_PERMIT)
    stored = store.update(record.evolve(seller=seller))
    assert store.get(stored.id).seller == seller
    for typed in ("+852 9123 4567", "00852-9123-4567"):
        assert [r.id for r in store.history(HistoryQuery(seller=typed)).rows] == [stored.id]
        assert [r.id for r in store.history(HistoryQuery(text=typed)).rows] == [stored.id]


def test_a_passport_is_kept_with_its_country(store: Store, data_dir) -> None:  # type: ignore[no-untyped-def]
    record = _quoted(store, _device())
    seller = Seller("Ivan Petrov", "753123456", "+79123456789", IdDocument.PASSPORT, "RUS")
    stored = store.update(record.evolve(seller=seller))
    assert store.get(stored.id).seller == seller
    raw = (
        data_dir.database.read_bytes() + data_dir.database.with_suffix(".sqlite3-wal").read_bytes()
    )
    assert b"753123456" not in raw  # the number encrypted, as any document's


def test_photos_are_stored_by_hash(store: Store) -> None:
    draft = store.create_draft("station-1", "clerk", _device())
    updated = store.add_photo(draft.id, b"\x89PNG fake", PhotoStep.BACK, "image/png")
    ref = updated.photos[-1]
    assert store.photos.read(ref.sha256) == b"\x89PNG fake"
    assert store.photos.path_for(ref.sha256).name == ref.sha256
    again = store.add_photo(draft.id, b"\x89PNG fake", PhotoStep.SIDE, "image/png")
    assert len(again.photos) == 2
    assert len(list(store.photos.stored())) == 1


def test_update_refuses_photos_that_were_never_stored(store: Store) -> None:
    draft = store.create_draft("station-1", "clerk", _device())
    with_photo = store.add_photo(draft.id, b"x", PhotoStep.BACK)
    bogus = replace(with_photo.photos[0], sha256="0" * 64)
    with pytest.raises(YanjiError, match="not stored"):
        store.update(with_photo.evolve(photos=(bogus,)))


def test_search_by_each_field(store: Store) -> None:
    a = store.seal(_quoted(store, _device("355341083159771", "SER-A"), "A", "张三").id, "c")
    b = _quoted(store, _device("354442067957452", "SER-B"), "C", "李四")
    only = {
        HistoryQuery(imei="355341083159771"): {a.id},
        HistoryQuery(serial="SER-B"): {b.id},
        HistoryQuery(seller="李"): {b.id},
        HistoryQuery(seller="13800138000"): {a.id, b.id},
        HistoryQuery(grade="A"): {a.id},
        HistoryQuery(state=InspectionState.QUOTED): {b.id},
        HistoryQuery(text="SER-A"): {a.id},
        HistoryQuery(text="354442067957452"): {b.id},
        HistoryQuery(since=utc_now() + timedelta(hours=1)): set(),
        HistoryQuery(until=utc_now() + timedelta(hours=1)): {a.id, b.id},
        HistoryQuery(imei="000000000000000"): set(),
    }
    for query, expected in only.items():
        assert {r.id for r in store.history(query).rows} == expected, query


def test_history_pages_newest_first(store: Store) -> None:
    made = [store.create_draft("s", "c", _device()).id for _ in range(7)]
    seen: list[str] = []
    cursor = None
    while True:
        page = store.history(limit=3, cursor=cursor)
        seen.extend(r.id for r in page.rows)
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert seen == list(reversed(made))


def test_bad_cursor_is_a_clear_error(store: Store) -> None:
    with pytest.raises(YanjiError, match="cursor"):
        store.history(cursor="garbage")


def test_history_row_shows_grade_price_and_seller(store: Store) -> None:
    record = _quoted(store, _device())
    row = store.history().rows[0]
    assert (row.id, row.grade, row.total_fen, row.seller_name, row.model) == (
        record.id,
        "B",
        120_000,
        "张三",
        "iPhone 7",
    )
