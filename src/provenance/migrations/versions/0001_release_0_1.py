"""The schema of release 0.1: articles, their analysis, cached scores, rating events.

A database made by release 0.1 (before migrations) has these tables and no ``alembic_version``;
:mod:`provenance.migrate` stamps it at this revision and upgrades it from here.

Revision ID: 0001_release_0_1
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_release_0_1"
down_revision = None
branch_labels = None
depends_on = None


def _moment() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(255), primary_key=True),
        sa.Column("title", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("publisher", sa.Text),
        sa.Column("published", sa.String(64)),
        sa.Column("author", sa.Text),
        sa.Column("origin", sa.Text),
        sa.Column("added_at", _moment(), nullable=False),
    )
    op.create_table(
        "analyses",
        sa.Column("article_id", sa.String(255), sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("claims", sa.Integer, nullable=False),
        sa.Column("model", sa.String(255), nullable=False),
        sa.Column("version", sa.String(64), nullable=False),
        sa.Column("analysed_at", _moment(), nullable=False),
    )
    op.create_table(
        "claim_scores",
        sa.Column("article_id", sa.String(255), sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("rubric_key", sa.String(255), primary_key=True),
        sa.Column("rows", sa.Text, nullable=False),
        sa.Column("scored_at", _moment(), nullable=False),
    )
    op.create_table(
        "rating_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String(255), sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("claim_id", sa.String(255), nullable=False),
        sa.Column("analyst", sa.String(255), nullable=False),
        sa.Column("rubric_id", sa.String(255), nullable=False),
        sa.Column("rubric_version", sa.String(64), nullable=False),
        sa.Column("values", sa.JSON, nullable=False),
        sa.Column("agree", sa.Boolean, nullable=False),
        sa.Column("auto_grade", sa.String(64)),
        sa.Column("override_grade", sa.String(64)),
        sa.Column("rationale", sa.Text, nullable=False),
        sa.Column("tags", sa.JSON, nullable=False),
        sa.Column("created_at", _moment(), nullable=False),
    )
    op.create_index(
        "ix_rating_events_claim", "rating_events", ["article_id", "claim_id", "analyst"]
    )
    op.execute(
        "CREATE VIEW latest_ratings AS SELECT * FROM rating_events WHERE id IN "
        "(SELECT max(id) FROM rating_events GROUP BY article_id, claim_id, analyst)"
    )


def downgrade() -> None:
    raise NotImplementedError("Provenance's database is only ever upgraded")
