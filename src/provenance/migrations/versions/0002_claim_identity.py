"""Stable claim identity, article versions, latest rating per analyst, claim and rubric.

- ``article_versions`` keeps every version of an article (text, analysis, engine version,
  content hash); ``articles`` keeps the id and which version is current; ``analyses`` goes.
- ``claims`` lists each version's claims under their stable key (text hash and place among
  equal texts).
- ``rating_events`` gains the rated version, the claim's key and its text as rated; analyst
  names are normalised. Ratings made by release 0.1 get the key and text of the claim their
  ordinal named in the stored analysis (the only analysis 0.1 kept).
- the views ``rating_status`` (every event, ``current`` or ``orphaned``) and ``latest_ratings``
  (newest per article, claim key, analyst and rubric) replace 0.1's view, which ignored the
  rubric.

Revision ID: 0002_claim_identity
Revises: 0001_release_0_1
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

from provenance.identity import claim_keys, content_hash, fold

revision = "0002_claim_identity"
down_revision = "0001_release_0_1"
branch_labels = None
depends_on = None

_ARTICLE_FIELDS = ("title", "text", "url", "publisher", "published", "author", "origin")
_STATUS = (
    "SELECT e.*, c.claim_id AS current_claim_id, "
    "CASE WHEN c.claim_id IS NULL THEN 'orphaned' ELSE 'current' END AS status "
    "FROM rating_events e JOIN articles a ON a.id = e.article_id "
    "LEFT JOIN claims c ON c.article_id = e.article_id AND c.version = a.current_version "
    "AND c.claim_key = e.claim_key"
)


def _create_tables() -> None:
    moment = sa.DateTime(timezone=True)
    op.create_table(
        "article_versions",
        sa.Column("article_id", sa.String(255), sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True),
        *(sa.Column(name, sa.Text) for name in ("title", "url", "publisher", "author", "origin")),
        sa.Column("published", sa.String(64)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False, index=True),
        sa.Column("analysis", sa.Text, nullable=False),
        sa.Column("claims", sa.Integer, nullable=False),
        sa.Column("model", sa.String(255), nullable=False),
        sa.Column("engine_version", sa.String(64), nullable=False),
        sa.Column("added_at", moment, nullable=False),
    )
    op.create_table(
        "claims",
        sa.Column("article_id", sa.String(255), primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("claim_key", sa.String(64), primary_key=True),
        sa.Column("claim_id", sa.String(255), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id", "version"], ["article_versions.article_id", "article_versions.version"]
        ),
    )


def _copy_versions(bind: sa.Connection) -> dict[str, dict[str, tuple[str, str]]]:
    """Version 1 of every article from 0.1's articles and analyses; returns, per article, the
    key and text of each claim id."""
    old = bind.execute(
        sa.text(
            "SELECT a.id, a.title, a.text, a.url, a.publisher, a.published, a.author, a.origin, "
            "a.added_at, n.data, n.model, n.version FROM articles a "
            "LEFT JOIN analyses n ON n.article_id = a.id"
        )
    ).all()
    versions = sa.table("article_versions", *(sa.column(n) for n in (
        "article_id", "version", *_ARTICLE_FIELDS, "content_hash", "analysis", "claims", "model",
        "engine_version", "added_at")))  # fmt: skip
    claims = sa.table("claims", *(sa.column(n) for n in ("article_id", "version", "claim_key",
                                                          "claim_id", "text")))  # fmt: skip
    by_article: dict[str, dict[str, tuple[str, str]]] = {}
    for row in old:
        data: dict[str, Any] = json.loads(row.data) if row.data else {"claims": []}
        found = data.get("claims", [])
        keys = claim_keys(claim["text"] for claim in found)
        by_article[row.id] = {c["id"]: (k, c["text"]) for c, k in zip(found, keys, strict=True)}
        bind.execute(versions.insert().values(
            article_id=row.id, version=1, **{f: getattr(row, f) for f in _ARTICLE_FIELDS},
            content_hash=content_hash(row.text), analysis=row.data or json.dumps(data),
            claims=len(found), model=row.model or "", engine_version=row.version or "",
            added_at=row.added_at,
        ))  # fmt: skip
        if found:
            bind.execute(claims.insert(), [
                {"article_id": row.id, "version": 1, "claim_key": key, "claim_id": c["id"],
                 "text": c["text"]} for c, key in zip(found, keys, strict=True)
            ])  # fmt: skip
    return by_article


def _key_ratings(bind: sa.Connection, by_article: dict[str, dict[str, tuple[str, str]]]) -> None:
    """Give each 0.1 rating the key and text of the claim its ordinal named; a claim id the
    analysis no longer has becomes an orphan under a key no claim can have."""
    names = ("id", "article_id", "claim_id", "analyst", "version", "claim_key", "claim_text")
    events = sa.table("rating_events", *(sa.column(n) for n in names))
    for row in bind.execute(sa.select(events)).all():
        key, text = by_article.get(row.article_id, {}).get(
            row.claim_id, (f"release-0.1-{row.claim_id}", "")
        )
        bind.execute(
            events.update()
            .where(events.c.id == row.id)
            .values(version=1, claim_key=key, claim_text=text, analyst=fold(row.analyst))
        )


def upgrade() -> None:
    bind = op.get_bind()
    op.execute("DROP VIEW latest_ratings")
    _create_tables()
    by_article = _copy_versions(bind)
    with op.batch_alter_table("rating_events") as batch:
        batch.add_column(sa.Column("version", sa.Integer))
        batch.add_column(sa.Column("claim_key", sa.String(64)))
        batch.add_column(sa.Column("claim_text", sa.Text))
    _key_ratings(bind, by_article)
    with op.batch_alter_table("rating_events") as batch:
        for name in ("version", "claim_key", "claim_text"):
            batch.alter_column(name, nullable=False)
        batch.drop_index("ix_rating_events_claim")
        batch.create_index(
            "ix_rating_events_key", ["article_id", "claim_key", "analyst", "rubric_id"]
        )
    op.drop_table("analyses")
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("current_version", sa.Integer, nullable=False,
                                   server_default="1"))  # fmt: skip
        for name in _ARTICLE_FIELDS:
            batch.drop_column(name)
    op.execute(f"CREATE VIEW rating_status AS {_STATUS}")
    op.execute(
        f"CREATE VIEW latest_ratings AS {_STATUS} WHERE e.id IN (SELECT max(id) FROM "
        "rating_events GROUP BY article_id, claim_key, analyst, rubric_id)"
    )


def downgrade() -> None:
    raise NotImplementedError("Provenance's database is only ever upgraded")
