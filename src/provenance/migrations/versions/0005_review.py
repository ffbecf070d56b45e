"""The analysts' desk: review steps of a claim (status, assignment, comments), collections
(cases) of articles, and corrections of the engine. Every table only ever gains rows, so
each one is its own history and the audit log reads them all.

Revision ID: 0005_review
Revises: 0004_source_letters
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_review"
down_revision = "0004_source_letters"
branch_labels = None
depends_on = None


def _who_when() -> list[sa.Column[object]]:
    return [
        sa.Column("analyst", sa.String(255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "claim_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String(255), sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("claim_key", sa.String(64), nullable=False),
        sa.Column("claim_id", sa.String(255), nullable=False),
        sa.Column("claim_text", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("value", sa.String(255), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        *_who_when(),
    )
    op.create_index("ix_claim_events_key", "claim_events", ["article_id", "claim_key", "kind"])
    op.create_table(
        "collections",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(255), nullable=False, unique=True),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("created_by", sa.String(255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "collection_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "collection_id",
            sa.Integer,
            sa.ForeignKey("collections.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("article_id", sa.String(255), sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        *_who_when(),
    )
    op.create_table(
        "correction_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String(255), sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("claim_key", sa.String(64), nullable=False),
        sa.Column("claim_id", sa.String(255), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        *_who_when(),
    )
    op.create_index("ix_correction_events_article", "correction_events", ["article_id", "version"])


def downgrade() -> None:
    raise NotImplementedError("Provenance's database is only ever upgraded")
