"""Provenance's tables as the code reads and writes them (SQLAlchemy 2).

The migrations in :mod:`provenance.migrations` create and upgrade them; these classes must
describe the schema at the newest migration (``tests/test_migrations.py`` compares the two).
To add a table: declare it here, then add a migration next to the others (see
``src/provenance/migrations/README.md``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def now() -> datetime:
    """The moment, in UTC (every stored moment is)."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Declarative base of Provenance's tables."""


class ArticleRow(Base):
    """An article id and which of its versions is current."""

    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(String(255), primary_key=True)
    current_version: Mapped[int] = mapped_column(Integer, server_default="1")
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class VersionRow(Base):
    """One version of an article: its text as read (claim offsets index it) and its analysis
    (the JSON of :class:`~provenance.models.Analysis`). Versions are never deleted."""

    __tablename__ = "article_versions"

    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(64))
    author: Mapped[str | None] = mapped_column(Text)
    origin: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    analysis: Mapped[str] = mapped_column(Text)
    claims: Mapped[int] = mapped_column(Integer)
    model: Mapped[str] = mapped_column(String(255))
    engine_version: Mapped[str] = mapped_column(String(64))
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class ClaimRow(Base):
    """A claim of one article version under its stable key (:func:`provenance.identity.
    claim_keys`), with the ordinal id (``c3``) the analysis gave it."""

    __tablename__ = "claims"
    __table_args__ = (
        ForeignKeyConstraint(
            ["article_id", "version"], ["article_versions.article_id", "article_versions.version"]
        ),
    )

    article_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    claim_id: Mapped[str] = mapped_column(String(255))
    text: Mapped[str] = mapped_column(Text)


class ScoreRow(Base):
    """An article's current claims scored under one rubric (``score_frame`` rows as JSON), so
    pages over thousands of claims read scores instead of recomputing them. Keyed by the
    rubric's fingerprint; dropped when another version becomes current."""

    __tablename__ = "claim_scores"

    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    rubric_key: Mapped[str] = mapped_column(String(255), primary_key=True)
    rows: Mapped[str] = mapped_column(Text)
    scored_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class RatingEvent(Base):
    """One analyst's rating of one claim at one moment; rows are only ever added. The claim is
    held by its key and by its text as rated, so a re-analysis can never move the rating."""

    __tablename__ = "rating_events"
    __table_args__ = (
        Index("ix_rating_events_key", "article_id", "claim_key", "analyst", "rubric_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id"))
    version: Mapped[int] = mapped_column(Integer)
    claim_key: Mapped[str] = mapped_column(String(64))
    claim_id: Mapped[str] = mapped_column(String(255))
    claim_text: Mapped[str] = mapped_column(Text)
    analyst: Mapped[str] = mapped_column(String(255))
    rubric_id: Mapped[str] = mapped_column(String(255))
    rubric_version: Mapped[str] = mapped_column(String(64))
    values: Mapped[dict[str, str]] = mapped_column(JSON)
    agree: Mapped[bool]
    auto_grade: Mapped[str | None] = mapped_column(String(64))
    override_grade: Mapped[str | None] = mapped_column(String(64))
    rationale: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[list[str]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class AccountRow(Base):
    """A team server's analyst account: the normalised name and an Argon2 password hash."""

    __tablename__ = "accounts"

    name: Mapped[str] = mapped_column(String(255), primary_key=True)
    password_hash: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class ClaimEvent(Base):
    """A step of a claim's review, only ever added: its status set (``value``: unstarted, in
    progress, verified, false, inconclusive), its assignment (``value``: the assignee, empty
    to unassign) or a comment (``body``). Held by the claim's key and text, like a rating."""

    __tablename__ = "claim_events"
    __table_args__ = (Index("ix_claim_events_key", "article_id", "claim_key", "kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id"))
    version: Mapped[int] = mapped_column(Integer)
    claim_key: Mapped[str] = mapped_column(String(64))
    claim_id: Mapped[str] = mapped_column(String(255))
    claim_text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    value: Mapped[str] = mapped_column(String(255), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    analyst: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class CollectionRow(Base):
    """A case: a named collection of articles an analyst team works on together."""

    __tablename__ = "collections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class CollectionEvent(Base):
    """An article added to or removed from a collection (``action``: add, remove); the newest
    event per collection and article says whether it is in. Only ever added."""

    __tablename__ = "collection_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    collection_id: Mapped[int] = mapped_column(ForeignKey("collections.id"), index=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id"))
    action: Mapped[str] = mapped_column(String(16))
    analyst: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class CorrectionEvent(Base):
    """An analyst's correction of the engine (a claim's chain, a source's type or anonymity,
    two sources merged, a claim split or added), kept beside the engine's output and never
    overwriting it. ``payload`` is the corrected value (JSON); ``claim_key`` is empty for a
    correction of a source or a claim the engine missed."""

    __tablename__ = "correction_events"
    __table_args__ = (Index("ix_correction_events_article", "article_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id"))
    version: Mapped[int] = mapped_column(Integer)
    claim_key: Mapped[str] = mapped_column(String(64), default="")
    claim_id: Mapped[str] = mapped_column(String(255), default="")
    kind: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(Text, default="")
    analyst: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class SourceLetterRow(Base):
    """An analyst's Admiralty reliability letter for a source (the source register); rows are
    only ever added, so a source's history is its rows in order."""

    __tablename__ = "source_letters"
    __table_args__ = (Index("ix_source_letters_key", "source_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source_key: Mapped[str] = mapped_column(String(255))
    source: Mapped[str] = mapped_column(Text)
    letter: Mapped[str] = mapped_column(String(1))
    analyst: Mapped[str] = mapped_column(String(255))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


_VIEWS = MetaData()


def _view(name: str) -> Table:
    """A view the migrations create: every rating event's columns plus the claim's id in the
    current version (None when orphaned) and its status, ``current`` or ``orphaned``."""
    columns = [Column(c.name, c.type, key=c.key) for c in RatingEvent.__table__.columns]
    return Table(
        name,
        _VIEWS,
        *columns,
        Column("current_claim_id", String(255)),
        Column("status", String(16)),
    )


#: Every rating event with its status.
RATING_STATUS = _view("rating_status")
#: The newest event per article, claim key, analyst and rubric, with its status.
LATEST_RATINGS = _view("latest_ratings")
