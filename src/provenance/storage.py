"""Keeping articles, analyses and analyst ratings in a database (SQLAlchemy 2).

One file SQLite database under ``data/`` by default, so the dashboard works with nothing to set
up; a team sets ``PROVENANCE_DB_URL`` (``postgresql+psycopg://...``) and shares one database.
Ratings are append-only events: an analyst's new rating of a claim adds a row and never
rewrites the old one, so the history is the audit trail and two analysts rating the same claim at
the same moment both keep theirs. The ``latest_ratings`` view shows the newest per analyst and
claim.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Engine,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    create_engine,
    delete,
    event,
    func,
    select,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.sql.ddl import CreateView

from provenance.models import Analysis, Article

DB_URL_ENV = "PROVENANCE_DB_URL"
DEFAULT_DB_PATH = Path("data") / "provenance.db"
#: How long a SQLite writer waits for another writer's lock before failing (milliseconds).
BUSY_TIMEOUT_MS = 10_000


def _now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Declarative base of Provenance's tables."""


class ArticleRow(Base):
    """An article as read; the text is kept verbatim so claim offsets stay valid."""

    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(String(255), primary_key=True)
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(64))
    author: Mapped[str | None] = mapped_column(Text)
    origin: Mapped[str | None] = mapped_column(Text)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class AnalysisRow(Base):
    """The current analysis of an article, as the JSON of :class:`Analysis`."""

    __tablename__ = "analyses"

    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    data: Mapped[str] = mapped_column(Text)
    claims: Mapped[int] = mapped_column(Integer)
    model: Mapped[str] = mapped_column(String(255), default="")
    version: Mapped[str] = mapped_column(String(64), default="")
    analysed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class ScoreRow(Base):
    """An article's claims scored under one rubric (the rows of ``score_frame`` as JSON), so
    pages over thousands of claims read scores instead of recomputing them. Keyed by the
    rubric's fingerprint; dropped when the article is analysed again."""

    __tablename__ = "claim_scores"

    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    rubric_key: Mapped[str] = mapped_column(String(255), primary_key=True)
    rows: Mapped[str] = mapped_column(Text)
    scored_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class RatingEvent(Base):
    """One analyst's rating of one claim at one moment; rows are only ever added."""

    __tablename__ = "rating_events"
    __table_args__ = (Index("ix_rating_events_claim", "article_id", "claim_id", "analyst"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id"))
    claim_id: Mapped[str] = mapped_column(String(255))
    analyst: Mapped[str] = mapped_column(String(255))
    rubric_id: Mapped[str] = mapped_column(String(255))
    rubric_version: Mapped[str] = mapped_column(String(64))
    values: Mapped[dict[str, str]] = mapped_column(JSON)
    agree: Mapped[bool]
    auto_grade: Mapped[str | None] = mapped_column(String(64))
    override_grade: Mapped[str | None] = mapped_column(String(64))
    rationale: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[list[str]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


_events = RatingEvent.__table__
#: The newest event per analyst and claim, as a database view that SQL and BI tools can read too.
LATEST_RATINGS = CreateView(
    select(_events).where(
        _events.c.id.in_(
            select(func.max(_events.c.id)).group_by(
                _events.c.article_id, _events.c.claim_id, _events.c.analyst
            )
        )
    ),
    "latest_ratings",
    metadata=Base.metadata,
)


@dataclass(frozen=True)
class Rating:
    """A rating event as the dashboard and exports read it (detached from any session)."""

    id: int
    article_id: str
    claim_id: str
    analyst: str
    rubric_id: str
    rubric_version: str
    values: dict[str, str]
    agree: bool
    auto_grade: str | None
    override_grade: str | None
    rationale: str
    tags: list[str]
    created_at: datetime

    @property
    def grade(self) -> str | None:
        """The grade the analyst stands by: the automatic one when agreeing, else the override."""
        return self.auto_grade if self.agree else self.override_grade


@dataclass(frozen=True)
class ArticleSummary:
    """What the article list shows without reading the analysis JSON."""

    id: str
    title: str | None
    claims: int
    analysed_at: datetime


def database_url() -> str:
    """``$PROVENANCE_DB_URL`` if set, else the SQLite file ``data/provenance.db``."""
    return os.environ.get(DB_URL_ENV) or f"sqlite:///{DEFAULT_DB_PATH}"


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite files get WAL (readers never block the writer) and a busy
    timeout (a second writer waits instead of failing) on every new connection."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if parsed.database in (None, "", ":memory:"):
        raise ValueError(
            f"{url}: an in-memory SQLite database is one database per thread; use a file"
        )
    Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return engine


def _utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; every stored moment is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _rating(row: Any) -> Rating:
    return Rating(
        id=row.id,
        article_id=row.article_id,
        claim_id=row.claim_id,
        analyst=row.analyst,
        rubric_id=row.rubric_id,
        rubric_version=row.rubric_version,
        values=dict(row.values),
        agree=bool(row.agree),
        auto_grade=row.auto_grade,
        override_grade=row.override_grade,
        rationale=row.rationale,
        tags=list(row.tags),
        created_at=_utc(row.created_at),
    )


class Store:
    """Articles, analyses and rating events in one database; every method is one transaction."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url or database_url()
        self.engine = make_engine(self.url)
        Base.metadata.create_all(self.engine)

    def close(self) -> None:
        """Release the pooled connections (tests and restarts)."""
        self.engine.dispose()

    # Articles and analyses -------------------------------------------------------------------

    def save_analysis(self, analysis: Analysis) -> None:
        """Store the article and its analysis, replacing an earlier analysis of the same id."""
        article = analysis.article
        for attempt in range(2):
            try:
                with Session(self.engine) as session, session.begin():
                    session.execute(delete(ScoreRow).where(ScoreRow.article_id == article.id))
                    session.merge(ArticleRow(**article.model_dump()))
                    session.merge(
                        AnalysisRow(
                            article_id=article.id,
                            data=analysis.model_dump_json(),
                            claims=len(analysis.claims),
                            model=analysis.model,
                            version=analysis.version,
                            analysed_at=_now(),
                        )
                    )
                return
            except IntegrityError:
                # Another process inserted the same article between our read and write: the
                # row exists now, so the second attempt updates it.
                if attempt:
                    raise

    def has_article(self, article_id: str) -> bool:
        with Session(self.engine) as session:
            return session.get(ArticleRow, article_id) is not None

    def article(self, article_id: str) -> Article | None:
        """The stored article, or None."""
        with Session(self.engine) as session:
            row = session.get(ArticleRow, article_id)
            if row is None:
                return None
            return Article(**{name: getattr(row, name) for name in Article.model_fields})

    def analysis(self, article_id: str) -> Analysis | None:
        """The current analysis of an article, or None."""
        with Session(self.engine) as session:
            data = session.scalar(
                select(AnalysisRow.data).where(AnalysisRow.article_id == article_id)
            )
        return None if data is None else Analysis.model_validate_json(data)

    def analyses(self, article_ids: Iterable[str] | None = None) -> list[Analysis]:
        """Every stored analysis (or those of ``article_ids``), oldest analysed first."""
        query = select(AnalysisRow.data).order_by(AnalysisRow.analysed_at, AnalysisRow.article_id)
        if article_ids is not None:
            query = query.where(AnalysisRow.article_id.in_(list(article_ids)))
        with Session(self.engine) as session:
            rows = session.scalars(query).all()
        return [Analysis.model_validate_json(data) for data in rows]

    def summaries(self) -> list[ArticleSummary]:
        """One line per analysed article, newest first."""
        query = (
            select(ArticleRow.id, ArticleRow.title, AnalysisRow.claims, AnalysisRow.analysed_at)
            .join(AnalysisRow, AnalysisRow.article_id == ArticleRow.id)
            .order_by(AnalysisRow.analysed_at.desc(), ArticleRow.id)
        )
        with Session(self.engine) as session:
            return [
                ArticleSummary(id_, title, claims, _utc(when))
                for id_, title, claims, when in session.execute(query)
            ]

    def revision(self) -> tuple[int, str]:
        """Changes whenever an analysis is added or replaced: a cheap cache key."""
        with Session(self.engine) as session:
            count, latest = session.execute(
                select(func.count(), func.max(AnalysisRow.analysed_at))
            ).one()
        return int(count), str(latest)

    # Scores cached per rubric --------------------------------------------------------------

    def unscored(self, rubric_key: str) -> list[str]:
        """Ids of analysed articles with no stored scores under ``rubric_key``."""
        scored = select(ScoreRow.article_id).where(ScoreRow.rubric_key == rubric_key)
        query = select(AnalysisRow.article_id).where(AnalysisRow.article_id.not_in(scored))
        with Session(self.engine) as session:
            return list(session.scalars(query.order_by(AnalysisRow.article_id)))

    def save_scores(self, rubric_key: str, rows_by_article: dict[str, str]) -> None:
        """Store each article's score rows (JSON) under ``rubric_key``, replacing older ones."""
        with Session(self.engine) as session, session.begin():
            for article_id, rows in rows_by_article.items():
                session.merge(ScoreRow(article_id=article_id, rubric_key=rubric_key, rows=rows))

    def scores(self, rubric_key: str) -> list[str]:
        """The stored score rows (one JSON list per article) under ``rubric_key``."""
        query = (
            select(ScoreRow.rows)
            .join(AnalysisRow, AnalysisRow.article_id == ScoreRow.article_id)
            .where(ScoreRow.rubric_key == rubric_key)
            .order_by(AnalysisRow.analysed_at, ScoreRow.article_id)
        )
        with Session(self.engine) as session:
            return list(session.scalars(query))

    # Ratings --------------------------------------------------------------------------------

    def add_rating(
        self,
        *,
        article_id: str,
        claim_id: str,
        analyst: str,
        rubric_id: str,
        rubric_version: str,
        values: dict[str, str],
        agree: bool,
        auto_grade: str | None = None,
        override_grade: str | None = None,
        rationale: str = "",
        tags: Sequence[str] = (),
    ) -> Rating:
        """Append a rating event and commit it; returns the stored event (with its id)."""
        analyst = analyst.strip()
        if not analyst:
            raise ValueError("a rating needs the analyst's name")
        if not agree and not override_grade:
            raise ValueError("overriding the automatic grade needs the grade to use instead")
        row = RatingEvent(
            article_id=article_id,
            claim_id=claim_id,
            analyst=analyst,
            rubric_id=rubric_id,
            rubric_version=rubric_version,
            values=dict(values),
            agree=agree,
            auto_grade=auto_grade,
            override_grade=None if agree else override_grade,
            rationale=rationale.strip(),
            tags=sorted({tag.strip() for tag in tags if tag.strip()}),
            created_at=_now(),
        )
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            session.add(row)
        return _rating(row)

    def latest_ratings(self, article_id: str | None = None) -> list[Rating]:
        """The newest rating per analyst and claim (of one article, or all), oldest first."""
        view = LATEST_RATINGS.table
        query = select(view).order_by(view.c.id)
        if article_id is not None:
            query = query.where(view.c.article_id == article_id)
        with self.engine.connect() as conn:
            return [_rating(row) for row in conn.execute(query)]

    def history(self, article_id: str, claim_id: str) -> list[Rating]:
        """Every rating event of a claim, by every analyst, oldest first."""
        query = (
            select(RatingEvent)
            .where(RatingEvent.article_id == article_id, RatingEvent.claim_id == claim_id)
            .order_by(RatingEvent.id)
        )
        with Session(self.engine) as session:
            return [_rating(row) for row in session.scalars(query)]

    def ratings_revision(self) -> int:
        """The id of the newest rating event (0 when none): a cheap cache key."""
        with Session(self.engine) as session:
            return int(session.scalar(select(func.max(RatingEvent.id))) or 0)
