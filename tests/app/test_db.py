"""Database: pragmas, migrations matching the models, refusing a newer database."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from app import db
from app.errors import DatabaseError
from app.migrations import head_revision
from app.paths import DataDir


def test_head_constant_matches_the_migration_scripts() -> None:
    assert head_revision() == db.HEAD_REVISION


def test_fresh_database_is_migrated_and_uses_wal(data_dir: DataDir) -> None:
    engine = db.open_engine(data_dir.database)
    try:
        assert db.current_revision(engine) == db.HEAD_REVISION
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    finally:
        engine.dispose()


def test_migrations_produce_exactly_the_models(data_dir: DataDir) -> None:
    engine = db.open_engine(data_dir.database)
    try:
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), db.Base.metadata)
    finally:
        engine.dispose()
    assert diff == []


def test_a_database_before_refusals_had_a_column_is_filled_in(data_dir: DataDir) -> None:
    """0003 adds `refused`, filled in from each unsealed record's quote, and keeps the
    guards on sealed rows."""
    from alembic import command

    from app.demo import photograph
    from app.migrations import alembic_config
    from app.quoting import price_inspection, pricing_setup
    from app.store import Store
    from devices.report import DeviceReport, Locks, LockState, Platform

    store = Store.open(data_dir)
    phone = DeviceReport(
        Platform.IOS, brand="Apple", marketing_name="iPhone 7", storage_gb=128, serial="S1"
    )
    locked = replace(phone, locks=Locks(LockState.ON, mdm=LockState.OFF))
    refused = store.create_draft("st", "clerk", locked)
    price_inspection(store, refused.id, pricing_setup(store))
    quoted = store.create_draft("st", "clerk", phone)
    photograph(store, quoted.id)
    price_inspection(store, quoted.id, pricing_setup(store))
    store.close()
    engine = db.open_engine(data_dir.database)
    config = alembic_config()
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")
    engine.dispose()
    engine = db.open_engine(data_dir.database)  # upgrades to the head again
    try:
        with engine.connect() as conn:
            found = dict(conn.exec_driver_sql("SELECT id, refused FROM inspections").all())
            assert found == {refused.id: 1, quoted.id: 0}
            with pytest.raises(Exception, match="sealed"):
                conn.exec_driver_sql("UPDATE inspections SET state = 'sealed'")
                conn.exec_driver_sql("UPDATE inspections SET refused = 1")
    finally:
        engine.dispose()


def test_database_from_a_newer_version_is_refused(data_dir: DataDir) -> None:
    db.open_engine(data_dir.database).dispose()
    conn = sqlite3.connect(data_dir.database)
    conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseError, match="newer version of Yanji"):
        db.open_engine(data_dir.database)


def test_an_unreadable_database_is_a_clear_error(data_dir: DataDir) -> None:
    data_dir.database.write_bytes(b"this is not a database" * 100)
    with pytest.raises(DatabaseError, match="cannot open database"):
        db.open_engine(data_dir.database)


def test_foreign_keys_are_enforced(data_dir: DataDir) -> None:
    engine = db.open_engine(data_dir.database)
    try:
        with pytest.raises(Exception, match="FOREIGN KEY"), engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO inspection_imeis (imei, inspection_id) VALUES ('1', 'missing')"
            )
    finally:
        engine.dispose()


def test_timestamps_round_trip_exactly() -> None:
    from app.records import utc_now

    now = utc_now()
    assert db.from_micros(db.to_micros(now)) == now
