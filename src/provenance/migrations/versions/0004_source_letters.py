"""The source register: analysts' reliability letters per source, kept as a history.

Revision ID: 0004_source_letters
Revises: 0003_accounts
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_source_letters"
down_revision = "0003_accounts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "source_letters",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source_key", sa.String(255), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("letter", sa.String(1), nullable=False),
        sa.Column("analyst", sa.String(255), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_source_letters_key", "source_letters", ["source_key"])


def downgrade() -> None:
    raise NotImplementedError("Provenance's database is only ever upgraded")
