"""Price sheets: versioned, dated, rows kept as compressed JSON.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "price_sheets",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(256), nullable=False),
        sa.Column("effective", sa.String(10), nullable=False),
        sa.Column("imported_at", sa.BigInteger(), nullable=False),
        sa.Column("file_name", sa.String(256), nullable=False),
        sa.Column("file_sha256", sa.String(64), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
    )
    op.create_index("ix_price_sheets_version", "price_sheets", ["version"], unique=True)
    op.create_index("ix_price_sheets_effective", "price_sheets", ["effective", "version"])


def downgrade() -> None:
    op.drop_table("price_sheets")
