"""SQLite through SQLAlchemy 2: the tables, the engine's pragmas, and migrate-on-open.

SQLite runs in WAL mode with foreign keys on and ``synchronous=FULL``, so a committed
transaction survives a power cut. Sealed inspections are protected twice: the store
refuses to change them and a trigger (see the initial migration) aborts any UPDATE or
DELETE of a sealed row. Timestamps are stored as integer microseconds since the Unix
epoch in UTC: small, and ordered like the times they stand for.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    create_engine,
    event,
    text,
)
from sqlalchemy.engine import Connection, Engine, ExceptionContext
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from app.disk import disk_full
from app.errors import DatabaseError, DiskFullError

log = logging.getLogger(__name__)

#: The newest Alembic revision this build knows; tests check it is the script head.
HEAD_REVISION = "0003"


class UtcMicros(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime stored as integer microseconds since the epoch."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> int | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; use UTC-aware ones")
        return to_micros(value)

    def process_result_value(self, value: int | None, dialect: Any) -> datetime | None:
        return None if value is None else from_micros(value)


def to_micros(value: datetime) -> int:
    """Microseconds since the epoch of an aware datetime (exact, no float rounding)."""
    delta = value - datetime(1970, 1, 1, tzinfo=UTC)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def from_micros(value: int) -> datetime:
    """The aware UTC datetime for ``value`` microseconds since the epoch."""
    return datetime.fromtimestamp(value // 1_000_000, UTC).replace(microsecond=value % 1_000_000)


class Base(DeclarativeBase):
    """Declarative base of every table."""


class InspectionRow(Base):
    """One inspection: searchable columns plus the whole record as zlib-compressed JSON
    in ``body`` (a 6 KB record then fits in its B-tree page instead of two overflow
    pages); ``body_sha256`` is the hash of the uncompressed JSON."""

    __tablename__ = "inspections"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    station_id: Mapped[str] = mapped_column(String(64))
    clerk: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UtcMicros())
    updated_at: Mapped[datetime] = mapped_column(UtcMicros())
    sealed_at: Mapped[datetime | None] = mapped_column(UtcMicros())
    model: Mapped[str | None] = mapped_column(String(128))
    serial: Mapped[str | None] = mapped_column(String(64))
    grade: Mapped[str | None] = mapped_column(String(16))
    total_fen: Mapped[int | None] = mapped_column(Integer)
    #: Refused for a lock: the quote is refusal lines, its total no price.
    refused: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("0"))
    seller_name: Mapped[str | None] = mapped_column(String(128))
    seller_phone: Mapped[str | None] = mapped_column(String(32))
    seller_id_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    body: Mapped[bytes] = mapped_column(LargeBinary)
    body_sha256: Mapped[str] = mapped_column(String(64))

    __table_args__ = (
        Index("ix_inspections_created", "created_at"),
        Index("ix_inspections_serial", "serial"),
        Index("ix_inspections_seller", "seller_name"),
        Index("ix_inspections_seller_phone", "seller_phone"),
        Index("ix_inspections_grade", "grade", "created_at"),
        Index("ix_inspections_state", "state", "created_at"),
        CheckConstraint(
            "state IN ('draft', 'reviewed', 'quoted', 'sealed', 'erased')",
            name="ck_inspections_state",
        ),
    )


class InspectionImeiRow(Base):
    """IMEI → inspection, so that a search by any of a phone's IMEIs is one index probe."""

    __tablename__ = "inspection_imeis"

    imei: Mapped[str] = mapped_column(String(20), primary_key=True)
    inspection_id: Mapped[str] = mapped_column(
        ForeignKey("inspections.id", ondelete="CASCADE"), primary_key=True
    )

    __table_args__ = (
        Index("ix_inspection_imeis_inspection", "inspection_id"),
        {"sqlite_with_rowid": False},
    )


class PhotoRow(Base):
    """A photo file under photos/, named by the SHA-256 of its bytes."""

    __tablename__ = "photos"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    media_type: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcMicros())

    __table_args__ = ({"sqlite_with_rowid": False},)


class InspectionPhotoRow(Base):
    """Which photos belong to which inspection."""

    __tablename__ = "inspection_photos"

    inspection_id: Mapped[str] = mapped_column(
        ForeignKey("inspections.id", ondelete="CASCADE"), primary_key=True
    )
    sha256: Mapped[str] = mapped_column(ForeignKey("photos.sha256"), primary_key=True)

    __table_args__ = (
        Index("ix_inspection_photos_sha256", "sha256"),
        {"sqlite_with_rowid": False},
    )


class AuditEventRow(Base):
    """Something a person or the station did that must be answerable later."""

    __tablename__ = "audit_events"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcMicros())
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    inspection_id: Mapped[str | None] = mapped_column(ForeignKey("inspections.id"))
    details: Mapped[str] = mapped_column(Text)

    __table_args__ = (Index("ix_audit_events_inspection", "inspection_id"),)


class OutboxRow(Base):
    """A record waiting to go to headquarters: a sealed inspection or an audit event."""

    __tablename__ = "outbox"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(32))
    ref_id: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UtcMicros())
    sent_at: Mapped[datetime | None] = mapped_column(UtcMicros())
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_outbox_pending", "sent_at", "seq"),)


class PriceSheetRow(Base):
    """An imported price sheet; ``body`` is the zlib-compressed JSON of the PriceSheet."""

    __tablename__ = "price_sheets"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(256))
    effective: Mapped[str] = mapped_column(String(10))
    imported_at: Mapped[datetime] = mapped_column(UtcMicros())
    file_name: Mapped[str] = mapped_column(String(256))
    file_sha256: Mapped[str] = mapped_column(String(64))
    body: Mapped[bytes] = mapped_column(LargeBinary)

    __table_args__ = (
        Index("ix_price_sheets_version", "version", unique=True),
        Index("ix_price_sheets_effective", "effective", "version"),
    )


def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # isolation_level=None hands transaction control to the "begin" hook below, the
    # recipe SQLAlchemy documents for pysqlite's broken implicit BEGIN.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for pragma in (
        # 16 KiB pages hold six or seven ~2.3 KB inspection rows each; with the default
        # 4 KiB only one fits and half of every page is wasted. Takes effect only when
        # the file is created.
        "PRAGMA page_size=16384",
        "PRAGMA journal_mode=WAL",
        "PRAGMA foreign_keys=ON",
        "PRAGMA synchronous=FULL",
        "PRAGMA busy_timeout=10000",
    ):
        cursor.execute(pragma)
    cursor.close()


def _on_begin(conn: Connection) -> None:
    # IMMEDIATE takes the write lock up front, so two writers never deadlock on upgrade.
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(path: Path) -> Engine:
    """An engine on the SQLite file at ``path`` with the station's pragmas."""
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    event.listen(engine, "handle_error", lambda context: _on_error(context, path))
    return engine


def _on_error(context: ExceptionContext, path: Path) -> None:
    """SQLite saying it has no room (SQLITE_FULL: the disk is full, or the file reached
    its size limit) becomes `DiskFullError`, for every store and migration on the
    engine; the transaction is rolled back as for any other error."""
    if getattr(context.original_exception, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:
        raise disk_full(path.parent) from context.sqlalchemy_exception


def current_revision(engine: Engine) -> str | None:
    """The Alembic revision stamped in the database, or None for an empty database."""
    with engine.connect() as conn:
        has_table = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).first()
        if not has_table:
            return None
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return None if row is None else str(row[0])


def open_engine(path: Path) -> Engine:
    """Open (creating if needed) the database at ``path`` and migrate it to this build's
    schema. Refuses a database written by a newer Yanji with a clear DatabaseError."""
    engine = make_engine(path)
    try:
        revision = current_revision(engine)
    except DiskFullError:
        engine.dispose()
        raise
    except Exception as exc:
        engine.dispose()
        raise DatabaseError(f"cannot open database {path}: {exc}") from exc
    if revision != HEAD_REVISION:
        try:
            _migrate(engine, revision, path)
        except Exception:
            engine.dispose()
            raise
    return engine


def _migrate(engine: Engine, revision: str | None, path: Path) -> None:
    # Alembic is imported only here: a station already at the head never pays for it.
    from app.migrations import known_revisions, upgrade_to_head

    if revision is not None and revision not in known_revisions():
        raise DatabaseError(
            f"database {path} was written by a newer version of Yanji (schema revision "
            f"{revision}); install that version or newer to open it"
        )
    log.info("migrating %s from %s to %s", path, revision or "empty", HEAD_REVISION)
    upgrade_to_head(engine)
