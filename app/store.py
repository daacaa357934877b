"""The inspection repository: drafts, updates, sealing, history search, photos, outbox.

Every public method is one transaction. A sealed inspection is read-only here (and in
the database, by trigger). Sealing writes the record, an audit event and two outbox
rows in one transaction with ``synchronous=FULL``: when ``seal`` returns, the seal is
on disk.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, or_, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from app import codec
from app.cipher import SellerCipher
from app.db import (
    AuditEventRow,
    InspectionImeiRow,
    InspectionPhotoRow,
    InspectionRow,
    OutboxRow,
    PhotoRow,
    from_micros,
    open_engine,
    to_micros,
)
from app.errors import NotFoundError, SealedError, YanjiError
from app.paths import DataDir
from app.photos import PhotoStore
from app.price_store import PriceSheetStore
from app.records import (
    Inspection,
    InspectionState,
    PhotoRef,
    PhotoStep,
    new_id,
    utc_now,
)
from app.text import mobile_written
from devices.report import DeviceReport

OUTBOX_INSPECTION = "inspection"
OUTBOX_AUDIT = "audit_event"


@dataclass(frozen=True, slots=True)
class HistoryQuery:
    """Filters for the history; all given filters must match. ``text`` matches an IMEI,
    a serial, a seller's phone exactly, or the start of a seller's name."""

    text: str | None = None
    imei: str | None = None
    serial: str | None = None
    seller: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    grade: str | None = None
    state: InspectionState | None = None


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """One line of the history list, read from indexed columns (no JSON parsing)."""

    id: str
    created_at: datetime
    state: InspectionState
    model: str | None
    serial: str | None
    grade: str | None
    total_fen: int | None
    seller_name: str | None
    #: The phone was refused (a lock is on): ``total_fen`` is no price.
    refused: bool = False


@dataclass(frozen=True, slots=True)
class Page:
    """A page of history, newest first; pass ``next_cursor`` back for the next one."""

    rows: tuple[HistoryRow, ...]
    next_cursor: str | None


@dataclass(frozen=True, slots=True)
class OutboxItem:
    """One record waiting to be sent to headquarters."""

    seq: int
    kind: str
    ref_id: str
    created_at: datetime
    attempts: int


class Store:
    """Repository over one station's database and photo files."""

    def __init__(self, engine: Engine, photos: PhotoStore, cipher: SellerCipher) -> None:
        self.engine = engine
        self.photos = photos
        self.prices = PriceSheetStore(engine)
        self._cipher = cipher

    @classmethod
    def open(cls, data_dir: DataDir) -> Store:
        """Open the station's store, creating and migrating the database as needed."""
        data_dir.ensure()
        engine = open_engine(data_dir.database)
        cipher = SellerCipher.from_key_file(data_dir.keys / "seller.key")
        return cls(engine, PhotoStore(data_dir.photos), cipher)

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session

    # --- writing ---------------------------------------------------------------------

    def create_draft(
        self, station_id: str, clerk: str, device: DeviceReport | None = None
    ) -> Inspection:
        """Start a new draft inspection, optionally with the phone's report."""
        inspection = Inspection.new(station_id, clerk, device)
        with self._session() as session:
            row = InspectionRow(id=inspection.id)
            self._fill_row(row, inspection)
            session.add(row)
            session.flush()
            self._sync_imeis(session, inspection)
            self._audit(session, clerk, "inspection.created", inspection.id, {})
        return inspection

    def update(self, inspection: Inspection) -> Inspection:
        """Store a changed draft. Refuses sealed records and changes to identity fields;
        sealing goes through ``seal``. Returns the record as stored."""
        if inspection.state.is_final:
            raise SealedError("use seal() to seal an inspection; update() cannot")
        with self._session() as session:
            row = self._row_for_write(session, inspection.id)
            stored = self._decode(row)
            for name in ("station_id", "created_at"):
                if getattr(stored, name) != getattr(inspection, name):
                    raise YanjiError(f"{name} of an inspection cannot change")
            updated = inspection.evolve(updated_at=utc_now())
            self._fill_row(row, updated)
            self._sync_imeis(session, updated)
            self._sync_photos(session, updated)
        return updated

    def seal(self, inspection_id: str, actor: str, signature: str | None = None) -> Inspection:
        """Seal the stored inspection: from now on it is read-only evidence. Durable on
        return; queues it and an audit event for headquarters."""
        with self._session() as session:
            row = self._row_for_write(session, inspection_id)
            stored = self._decode(row)
            if stored.device is None:
                raise YanjiError(f"inspection {inspection_id} has no device report to seal")
            now = utc_now()
            sealed = stored.evolve(
                state=InspectionState.SEALED, sealed_at=now, updated_at=now, signature=signature
            )
            self._fill_row(row, sealed)
            session.add(
                OutboxRow(kind=OUTBOX_INSPECTION, ref_id=sealed.id, created_at=now, attempts=0)
            )
            self._audit(session, actor, "inspection.sealed", sealed.id, {"sha256": row.body_sha256})
        return sealed

    def add_photo(
        self,
        inspection_id: str,
        data: bytes,
        step: PhotoStep,
        media_type: str = "image/jpeg",
        note: str = "",
    ) -> Inspection:
        """Store a photo file (durably, before the database row) and attach it to a draft."""
        digest = self.photos.put(data)
        now = utc_now()
        with self._session() as session:
            row = self._row_for_write(session, inspection_id)
            stored = self._decode(row)
            if session.get(PhotoRow, digest) is None:
                session.add(
                    PhotoRow(sha256=digest, size=len(data), media_type=media_type, created_at=now)
                )
            ref = PhotoRef(
                sha256=digest, step=PhotoStep(step), taken_at=now, media_type=media_type, note=note
            )
            updated = stored.evolve(photos=(*stored.photos, ref), updated_at=now)
            self._fill_row(row, updated)
            session.flush()
            self._sync_photos(session, updated)
        return updated

    def record_event(
        self,
        actor: str,
        action: str,
        inspection_id: str | None = None,
        details: Mapping[str, Any] | None = None,
    ) -> str:
        """Append an audit event (and queue it for headquarters); returns its id."""
        with self._session() as session:
            return self._audit(session, actor, action, inspection_id, dict(details or {}))

    def mark_sent(self, seqs: list[int]) -> None:
        """Mark outbox items as delivered to headquarters."""
        with self._session() as session:
            for seq in seqs:
                item = session.get(OutboxRow, seq)
                if item is not None:
                    item.sent_at = utc_now()

    # --- reading ---------------------------------------------------------------------

    def get(self, inspection_id: str) -> Inspection:
        """The stored inspection; NotFoundError if there is none with this id."""
        with self._session() as session:
            row = session.get(InspectionRow, inspection_id)
            if row is None:
                raise NotFoundError(f"no inspection with id {inspection_id}")
            return self._decode(row)

    def history(
        self, query: HistoryQuery | None = None, limit: int = 50, cursor: str | None = None
    ) -> Page:
        """A page of inspections matching ``query``, newest first."""
        query = query or HistoryQuery()
        stmt = select(
            InspectionRow.id,
            InspectionRow.created_at,
            InspectionRow.state,
            InspectionRow.model,
            InspectionRow.serial,
            InspectionRow.grade,
            InspectionRow.total_fen,
            InspectionRow.seller_name,
            InspectionRow.refused,
        ).where(*_filters(query))
        if cursor:
            created, last_id = _parse_cursor(cursor)
            stmt = stmt.where(
                or_(
                    InspectionRow.created_at < created,
                    and_(InspectionRow.created_at == created, InspectionRow.id < last_id),
                )
            )
        stmt = stmt.order_by(InspectionRow.created_at.desc(), InspectionRow.id.desc())
        stmt = stmt.limit(limit + 1)
        with self._session() as session:
            found = session.execute(stmt).all()
        rows = tuple(
            HistoryRow(r[0], r[1], InspectionState(r[2]), r[3], r[4], r[5], r[6], r[7], r[8])
            for r in found[:limit]
        )
        more = len(found) > limit
        next_cursor = f"{to_micros(rows[-1].created_at)}:{rows[-1].id}" if more else None
        return Page(rows=rows, next_cursor=next_cursor)

    def pending_outbox(self, limit: int = 100) -> list[OutboxItem]:
        """Oldest records not yet delivered to headquarters."""
        stmt = (
            select(OutboxRow)
            .where(OutboxRow.sent_at.is_(None))
            .order_by(OutboxRow.seq)
            .limit(limit)
        )
        with self._session() as session:
            return [
                OutboxItem(r.seq, r.kind, r.ref_id, r.created_at, r.attempts)
                for r in session.scalars(stmt)
            ]

    def audit_events(self, inspection_id: str) -> list[dict[str, Any]]:
        """The audit trail of one inspection, oldest first."""
        stmt = (
            select(AuditEventRow)
            .where(AuditEventRow.inspection_id == inspection_id)
            .order_by(AuditEventRow.at, AuditEventRow.id)
        )
        with self._session() as session:
            return [
                {
                    "id": e.id,
                    "at": e.at.isoformat(),
                    "actor": e.actor,
                    "action": e.action,
                    "details": json.loads(e.details),
                }
                for e in session.scalars(stmt)
            ]

    # --- helpers ---------------------------------------------------------------------

    def _row_for_write(self, session: Session, inspection_id: str) -> InspectionRow:
        row = session.get(InspectionRow, inspection_id)
        if row is None:
            raise NotFoundError(f"no inspection with id {inspection_id}")
        if InspectionState(row.state).is_final:
            raise SealedError(f"inspection {inspection_id} is sealed and cannot be changed")
        return row

    def _fill_row(self, row: InspectionRow, inspection: Inspection) -> None:
        seller = inspection.seller
        stored = (
            inspection
            if seller is None
            else inspection.evolve(seller=replace(seller, id_number=""))
        )
        body = codec.to_json(stored).encode()
        device = inspection.device
        row.station_id = inspection.station_id
        row.clerk = inspection.clerk
        row.state = inspection.state.value
        row.created_at = inspection.created_at
        row.updated_at = inspection.updated_at
        row.sealed_at = inspection.sealed_at
        row.model = device.marketing_name or device.model_code if device else None
        row.serial = device.serial if device else None
        row.grade = inspection.grade.level if inspection.grade else None
        row.total_fen = inspection.quote.total_fen if inspection.quote else None
        row.refused = inspection.quote is not None and inspection.quote.refused
        row.seller_name = seller.name if seller else None
        row.seller_phone = seller.phone if seller else None
        row.seller_id_enc = self._cipher.encrypt(seller.id_number) if seller else None
        row.body = zlib.compress(body, 6)
        row.body_sha256 = hashlib.sha256(body).hexdigest()

    def _decode(self, row: InspectionRow) -> Inspection:
        inspection = codec.from_json(Inspection, zlib.decompress(row.body))
        # The columns are authoritative for state (they are what the trigger guards).
        inspection = inspection.evolve(state=InspectionState(row.state))
        if inspection.seller is not None and row.seller_id_enc is not None:
            plain = self._cipher.decrypt(row.seller_id_enc)
            inspection = inspection.evolve(seller=replace(inspection.seller, id_number=plain))
        return inspection

    def _sync_imeis(self, session: Session, inspection: Inspection) -> None:
        session.execute(
            delete(InspectionImeiRow).where(InspectionImeiRow.inspection_id == inspection.id)
        )
        for imei in dict.fromkeys(inspection.imeis()):
            session.add(InspectionImeiRow(imei=imei, inspection_id=inspection.id))

    def _sync_photos(self, session: Session, inspection: Inspection) -> None:
        session.execute(
            delete(InspectionPhotoRow).where(InspectionPhotoRow.inspection_id == inspection.id)
        )
        for digest in dict.fromkeys(p.sha256 for p in inspection.photos):
            if session.get(PhotoRow, digest) is None:
                raise YanjiError(f"photo {digest} is not stored; add it with add_photo first")
            session.add(InspectionPhotoRow(inspection_id=inspection.id, sha256=digest))

    def _audit(
        self,
        session: Session,
        actor: str,
        action: str,
        inspection_id: str | None,
        details: dict[str, Any],
    ) -> str:
        event_id = new_id()
        now = utc_now()
        session.add(
            AuditEventRow(
                id=event_id,
                at=now,
                actor=actor,
                action=action,
                inspection_id=inspection_id,
                details=json.dumps(details, ensure_ascii=False, sort_keys=True),
            )
        )
        session.add(OutboxRow(kind=OUTBOX_AUDIT, ref_id=event_id, created_at=now, attempts=0))
        return event_id


def _filters(query: HistoryQuery) -> list[ColumnElement[bool]]:
    row = InspectionRow
    found: list[ColumnElement[bool]] = []
    if query.imei:
        found.append(row.id.in_(_imei_ids(query.imei)))
    if query.serial:
        found.append(row.serial == query.serial)
    if query.seller:
        found.append(_seller_match(query.seller))
    if query.text:
        text = query.text.strip()
        found.append(
            or_(
                row.id.in_(_imei_ids(text)), row.serial == text, _seller_match(text), row.id == text
            )
        )
    if query.since:
        found.append(row.created_at >= query.since)
    if query.until:
        found.append(row.created_at < query.until)
    if query.grade:
        found.append(row.grade == query.grade)
    if query.state:
        found.append(row.state == query.state.value)
    return found


def _imei_ids(imei: str) -> Any:
    return select(InspectionImeiRow.inspection_id).where(InspectionImeiRow.imei == imei)


def _seller_match(value: str) -> ColumnElement[bool]:
    # A half-open range is a prefix match that uses the index (LIKE would not, as
    # SQLite's LIKE is case-insensitive and the column is not NOCASE).
    row = InspectionRow
    prefix = and_(row.seller_name >= value, row.seller_name < value + "\U0010ffff")
    return or_(prefix, row.seller_phone == mobile_written(value))


def _parse_cursor(cursor: str) -> tuple[datetime, str]:
    try:
        micros, last_id = cursor.split(":", 1)
        return from_micros(int(micros)), last_id
    except ValueError:
        raise YanjiError(f"not a history cursor: {cursor!r}") from None
