"""Initial schema: inspections, IMEIs, photos, audit events, outbox; sealed rows locked.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# A sealed inspection is evidence: the database itself refuses to change or delete it,
# whatever code (or person with a SQLite shell) tries.
SEALED_GUARDS = (
    """
    CREATE TRIGGER inspections_sealed_no_update BEFORE UPDATE ON inspections
    WHEN OLD.state IN ('sealed', 'erased')
    BEGIN SELECT RAISE(ABORT, 'inspection is sealed and cannot be changed'); END
    """,
    """
    CREATE TRIGGER inspections_sealed_no_delete BEFORE DELETE ON inspections
    WHEN OLD.state IN ('sealed', 'erased')
    BEGIN SELECT RAISE(ABORT, 'inspection is sealed and cannot be deleted'); END
    """,
)


def upgrade() -> None:
    op.create_table(
        "inspections",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("station_id", sa.String(64), nullable=False),
        sa.Column("clerk", sa.String(64), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.BigInteger(), nullable=False),
        sa.Column("sealed_at", sa.BigInteger(), nullable=True),
        sa.Column("model", sa.String(128), nullable=True),
        sa.Column("serial", sa.String(64), nullable=True),
        sa.Column("grade", sa.String(16), nullable=True),
        sa.Column("total_fen", sa.Integer(), nullable=True),
        sa.Column("seller_name", sa.String(128), nullable=True),
        sa.Column("seller_phone", sa.String(32), nullable=True),
        sa.Column("seller_id_enc", sa.LargeBinary(), nullable=True),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.Column("body_sha256", sa.String(64), nullable=False),
        sa.CheckConstraint(
            "state IN ('draft', 'reviewed', 'quoted', 'sealed', 'erased')",
            name="ck_inspections_state",
        ),
    )
    op.create_index("ix_inspections_created", "inspections", ["created_at"])
    op.create_index("ix_inspections_serial", "inspections", ["serial"])
    op.create_index("ix_inspections_seller", "inspections", ["seller_name"])
    op.create_index("ix_inspections_seller_phone", "inspections", ["seller_phone"])
    op.create_index("ix_inspections_grade", "inspections", ["grade", "created_at"])
    op.create_index("ix_inspections_state", "inspections", ["state", "created_at"])
    op.create_table(
        "inspection_imeis",
        sa.Column("imei", sa.String(20), primary_key=True),
        sa.Column(
            "inspection_id",
            sa.String(36),
            sa.ForeignKey("inspections.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_inspection_imeis_inspection", "inspection_imeis", ["inspection_id"])
    op.create_table(
        "photos",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("media_type", sa.String(64), nullable=False),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "inspection_photos",
        sa.Column(
            "inspection_id",
            sa.String(36),
            sa.ForeignKey("inspections.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("sha256", sa.String(64), sa.ForeignKey("photos.sha256"), primary_key=True),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_inspection_photos_sha256", "inspection_photos", ["sha256"])
    op.create_table(
        "audit_events",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("at", sa.BigInteger(), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("inspection_id", sa.String(36), sa.ForeignKey("inspections.id"), nullable=True),
        sa.Column("details", sa.Text(), nullable=False),
    )
    op.create_index("ix_audit_events_inspection", "audit_events", ["inspection_id"])
    op.create_table(
        "outbox",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("ref_id", sa.String(36), nullable=False),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.Column("sent_at", sa.BigInteger(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
    )
    op.create_index("ix_outbox_pending", "outbox", ["sent_at", "seq"])
    for statement in SEALED_GUARDS:
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS inspections_sealed_no_delete")
    op.execute("DROP TRIGGER IF EXISTS inspections_sealed_no_update")
    for table in ("outbox", "audit_events", "inspection_photos", "photos", "inspection_imeis"):
        op.drop_table(table)
    op.drop_table("inspections")
