"""Inspections: whether the phone was refused (a lock is on), so that History can say
so without reading each record's body.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from __future__ import annotations

import json
import zlib

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN: SQLite keeps the table, and with it the sealed rows' guards.
    op.execute("ALTER TABLE inspections ADD COLUMN refused BOOLEAN NOT NULL DEFAULT 0")
    # A refused phone is never sealed, so only unsealed rows are read (and sealed ones
    # could not be written: their triggers refuse any UPDATE).
    connection = op.get_bind()
    rows = connection.execute(
        sa.text("SELECT id, body FROM inspections WHERE state NOT IN ('sealed', 'erased')")
    ).all()
    for inspection_id, body in rows:
        quote = json.loads(zlib.decompress(body)).get("quote") or {}
        if any(line.get("kind") == "refusal" for line in quote.get("lines", ())):
            connection.execute(
                sa.text("UPDATE inspections SET refused = 1 WHERE id = :id"),
                {"id": inspection_id},
            )


def downgrade() -> None:
    op.execute("ALTER TABLE inspections DROP COLUMN refused")
