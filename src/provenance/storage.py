"""Keeping article versions, analyses and analyst ratings in a database (SQLAlchemy 2).

One SQLite file under ``data/`` by default, so the dashboard works with nothing to set up; a team
sets ``PROVENANCE_DB_URL`` (``postgresql+psycopg://...``) and shares one database. The schema is
made by the migrations (:mod:`provenance.migrate`) whenever a :class:`Store` opens.

Every version of an article is kept; one is current. A rating names its claim by key (text hash
and place among equal texts), so it stays on that claim through any re-analysis, or shows as
*orphaned* with the text it was made on. Ratings are append-only events: a new rating adds a
row, so the history is the audit trail and two analysts rating at once both keep theirs.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Engine, create_engine, delete, event, func, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from provenance import migrate
from provenance.identity import claim_keys, content_hash, fold
from provenance.models import Analysis, Article
from provenance.schema import (
    LATEST_RATINGS,
    RATING_STATUS,
    AccountRow,
    ArticleRow,
    ClaimRow,
    RatingEvent,
    ScoreRow,
    VersionRow,
    now,
)

DB_URL_ENV = "PROVENANCE_DB_URL"
DEFAULT_DB_PATH = Path("data") / "provenance.db"
#: How long a SQLite writer waits for another writer's lock before failing (milliseconds).
BUSY_TIMEOUT_MS = 30_000
_ARTICLE_FIELDS = ("title", "text", "url", "publisher", "published", "author", "origin")
#: What saving an analysis did: a new article, a new current version, nothing (the same text
#: and engine are current), refused as a copy of stored text, or refused because the id has
#: another current version and no new version was asked for.
SaveStatus = Literal["added", "new_version", "unchanged", "duplicate", "exists"]


@dataclass(frozen=True)
class Saved:
    """The outcome of :meth:`Store.save_analysis`."""

    status: SaveStatus
    article_id: str
    version: int
    #: For ``duplicate``: the article id and version that already hold this text.
    duplicate_of: tuple[str, int] | None = None


@dataclass(frozen=True)
class Rating:
    """A rating event as pages and exports read it (detached from any session)."""

    id: int
    article_id: str
    version: int
    claim_key: str
    claim_id: str
    claim_text: str
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
    #: The claim's id in the article's current version; None when the rating is orphaned.
    current_claim_id: str | None = None
    status: str = "current"

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
    version: int


@dataclass(frozen=True)
class VersionInfo:
    """One stored version of an article."""

    article_id: str
    version: int
    title: str | None
    content_hash: str
    claims: int
    model: str
    engine_version: str
    added_at: datetime
    current: bool


@dataclass(frozen=True)
class StoredClaim:
    """A claim of an article version under its stable key."""

    key: str
    claim_id: str
    text: str


def database_url() -> str:
    """``$PROVENANCE_DB_URL`` if set, else the SQLite file ``data/provenance.db``."""
    return os.environ.get(DB_URL_ENV) or f"sqlite:///{DEFAULT_DB_PATH}"


def make_engine(url: str, *, foreign_keys: bool = True, **options: Any) -> Engine:
    """An engine for ``url``. SQLite files get WAL (readers never block the writer), a busy
    timeout (a second writer waits instead of failing), and transactions begun by SQLAlchemy:
    ``BEGIN IMMEDIATE`` where the ``sqlite_begin`` execution option asks, so a writer takes the
    file's write lock before it reads instead of failing when it upgrades."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, **options)
    if parsed.database in (None, "", ":memory:"):
        raise ValueError(
            f"{url}: an in-memory SQLite database is one database per thread; use a file"
        )
    Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, **options)

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _sqlite_begin(connection: Any) -> None:
        connection.exec_driver_sql(connection.get_execution_options().get("sqlite_begin", "BEGIN"))

    return engine


def _utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; every stored moment is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _rating(row: Any, **status: Any) -> Rating:
    """A rating from a row of a ratings view, or from a stored event with its status."""
    mapping = {**(row.__dict__ if isinstance(row, RatingEvent) else row._mapping), **status}
    return Rating(
        **{name: mapping[name] for name in ("id", "article_id", "version", "claim_key",
                                            "claim_id", "claim_text", "analyst", "rubric_id",
                                            "rubric_version", "auto_grade", "override_grade",
                                            "rationale")},
        values=dict(mapping["values"]),
        agree=bool(mapping["agree"]),
        tags=list(mapping["tags"]),
        created_at=_utc(mapping["created_at"]),
        current_claim_id=mapping.get("current_claim_id"),
        status=mapping.get("status", "current"),
    )  # fmt: skip


def _version_row(analysis: Analysis, version: int) -> VersionRow:
    article = analysis.article
    return VersionRow(
        article_id=article.id,
        version=version,
        **{name: getattr(article, name) for name in _ARTICLE_FIELDS},
        content_hash=content_hash(article.text),
        analysis=analysis.model_dump_json(),
        claims=len(analysis.claims),
        model=analysis.model,
        engine_version=analysis.version,
        added_at=now(),
    )


def claim_rows(analysis: Analysis, version: int) -> list[ClaimRow]:
    """The claims of an article version under their stable keys."""
    keys = claim_keys(claim.text for claim in analysis.claims)
    return [
        ClaimRow(article_id=analysis.article.id, version=version, claim_key=key,
                 claim_id=claim.id, text=claim.text)
        for claim, key in zip(analysis.claims, keys, strict=True)
    ]  # fmt: skip


class Store:
    """Article versions, analyses and rating events in one database; each method is one
    transaction, committed before it returns."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url or database_url()
        self.engine = make_engine(self.url)
        migrations = make_engine(self.url, foreign_keys=False, poolclass=NullPool)
        try:
            migrate.upgrade(migrations)
        finally:
            migrations.dispose()

    def close(self) -> None:
        """Release the pooled connections (tests and restarts)."""
        self.engine.dispose()

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A session whose transaction holds the database's write lock from its start
        (SQLite); committed on leaving, rolled back on an error."""
        bind = self.engine.execution_options(sqlite_begin="BEGIN IMMEDIATE")
        with Session(bind, expire_on_commit=False) as session, session.begin():
            yield session

    # Articles and their versions ------------------------------------------------------------

    def save_analysis(self, analysis: Analysis, *, new_version: bool = False) -> Saved:
        """Store an analysis: a new article, or (with ``new_version``) a new current version
        of a stored one. The same text already stored (under any id) is not stored again."""
        for attempt in range(2):
            try:
                with self.writing() as session:
                    return self._save(session, analysis, new_version)
            except IntegrityError:
                # Another process added the same article between our read and write: the
                # second attempt sees it.
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def _save(self, session: Session, analysis: Analysis, new_version: bool) -> Saved:
        article_id = analysis.article.id
        digest = content_hash(analysis.article.text)
        stored = session.get(ArticleRow, article_id)
        current = session.get(VersionRow, (article_id, stored.current_version)) if stored else None
        if current is not None and current.content_hash == digest:
            if (current.model, current.engine_version) == (analysis.model, analysis.version):
                return Saved("unchanged", article_id, current.version)
        else:
            same = session.execute(
                select(VersionRow.article_id, VersionRow.version)
                .where(VersionRow.content_hash == digest)
                .order_by(VersionRow.article_id, VersionRow.version)
            ).first()
            if same is not None:
                return Saved("duplicate", article_id, 0, (same[0], same[1]))
        if stored is None:
            session.add(ArticleRow(id=article_id, current_version=1, added_at=now()))
            session.flush()
            version = 1
        elif not new_version:
            return Saved("exists", article_id, stored.current_version)
        else:
            version = 1 + (session.scalar(
                select(func.max(VersionRow.version)).where(VersionRow.article_id == article_id)
            ) or 0)  # fmt: skip
        session.add(_version_row(analysis, version))
        session.flush()
        session.add_all(claim_rows(analysis, version))
        self._make_current(session, article_id, version)
        return Saved("added" if version == 1 else "new_version", article_id, version)

    def _make_current(self, session: Session, article_id: str, version: int) -> None:
        session.execute(
            update(ArticleRow).where(ArticleRow.id == article_id).values(current_version=version)
        )
        session.execute(delete(ScoreRow).where(ScoreRow.article_id == article_id))

    def set_current(self, article_id: str, version: int) -> None:
        """Make a stored version the current one (ratings follow their claims' keys)."""
        with self.writing() as session:
            if session.get(VersionRow, (article_id, version)) is None:
                raise ValueError(f"{article_id}: no version {version}")
            self._make_current(session, article_id, version)

    def find_text(self, text: str) -> tuple[str, int] | None:
        """The article id and version already holding this text (by content hash), or None."""
        query = (
            select(VersionRow.article_id, VersionRow.version)
            .where(VersionRow.content_hash == content_hash(text))
            .order_by(VersionRow.article_id, VersionRow.version)
        )
        with Session(self.engine) as session:
            found = session.execute(query).first()
        return None if found is None else (found[0], found[1])

    def current_version(self, article_id: str) -> int | None:
        """The number of an article's current version (None when there is no such article)."""
        with Session(self.engine) as session:
            stored = session.get(ArticleRow, article_id)
            return None if stored is None else stored.current_version

    def _version(self, session: Session, article_id: str, version: int | None) -> VersionRow | None:
        if version is None:
            stored = session.get(ArticleRow, article_id)
            if stored is None:
                return None
            version = stored.current_version
        return session.get(VersionRow, (article_id, version))

    def article(self, article_id: str, version: int | None = None) -> Article | None:
        """The stored article (its current version unless ``version``), or None."""
        with Session(self.engine) as session:
            row = self._version(session, article_id, version)
            if row is None:
                return None
            return Article(id=article_id, **{name: getattr(row, name) for name in _ARTICLE_FIELDS})

    def analysis(self, article_id: str, version: int | None = None) -> Analysis | None:
        """The analysis of an article's current version (or of ``version``), or None."""
        with Session(self.engine) as session:
            row = self._version(session, article_id, version)
            return None if row is None else Analysis.model_validate_json(row.analysis)

    def _current(self) -> Any:
        return select(VersionRow).join(
            ArticleRow,
            (ArticleRow.id == VersionRow.article_id)
            & (ArticleRow.current_version == VersionRow.version),
        )

    def analyses(self, article_ids: Iterable[str] | None = None) -> list[Analysis]:
        """The current analysis of every article (or of ``article_ids``), oldest first."""
        query = self._current().order_by(VersionRow.added_at, VersionRow.article_id)
        if article_ids is not None:
            query = query.where(VersionRow.article_id.in_(list(article_ids)))
        with Session(self.engine) as session:
            return [Analysis.model_validate_json(v.analysis) for v in session.scalars(query)]

    def versions(self, article_id: str) -> list[VersionInfo]:
        """Every stored version of an article, oldest first."""
        query = select(VersionRow, ArticleRow.current_version).join(ArticleRow)
        query = query.where(VersionRow.article_id == article_id).order_by(VersionRow.version)
        with Session(self.engine) as session:
            return [
                VersionInfo(v.article_id, v.version, v.title, v.content_hash, v.claims, v.model,
                            v.engine_version, _utc(v.added_at), v.version == current)
                for v, current in session.execute(query)
            ]  # fmt: skip

    def claims(self, article_id: str, version: int | None = None) -> list[StoredClaim]:
        """The claims of an article's current version (or of ``version``) under their keys,
        in article order."""
        with Session(self.engine) as session:
            row = self._version(session, article_id, version)
            if row is None:
                return []
            query = select(ClaimRow).where(
                ClaimRow.article_id == article_id, ClaimRow.version == row.version
            )
            found = {c.claim_id: c for c in session.scalars(query)}
            order = Analysis.model_validate_json(row.analysis).claims
        return [StoredClaim(found[c.id].claim_key, c.id, c.text) for c in order]

    def summaries(self) -> list[ArticleSummary]:
        """One line per article (its current version), newest first."""
        query = self._current().order_by(VersionRow.added_at.desc(), VersionRow.article_id)
        with Session(self.engine) as session:
            return [
                ArticleSummary(v.article_id, v.title, v.claims, _utc(v.added_at), v.version)
                for v in session.scalars(query)
            ]

    def revision(self) -> tuple[int, str]:
        """Changes whenever a version is added or made current: a cheap cache key."""
        with Session(self.engine) as session:
            count, latest = session.execute(
                select(func.count(VersionRow.version), func.max(VersionRow.added_at))
            ).one()
            currents = session.scalar(select(func.sum(ArticleRow.current_version)))
        return int(count), f"{latest}|{currents}"

    # Scores cached per rubric --------------------------------------------------------------

    def unscored(self, rubric_key: str) -> list[str]:
        """Ids of articles with no stored scores under ``rubric_key``."""
        scored = select(ScoreRow.article_id).where(ScoreRow.rubric_key == rubric_key)
        query = select(ArticleRow.id).where(ArticleRow.id.not_in(scored)).order_by(ArticleRow.id)
        with Session(self.engine) as session:
            return list(session.scalars(query))

    def save_scores(self, rubric_key: str, rows_by_article: dict[str, str]) -> None:
        """Store each article's score rows (JSON) under ``rubric_key``, replacing older ones."""
        with self.writing() as session:
            for article_id, rows in rows_by_article.items():
                session.merge(ScoreRow(article_id=article_id, rubric_key=rubric_key, rows=rows,
                                       scored_at=now()))  # fmt: skip

    def scores(self, rubric_key: str) -> list[str]:
        """The stored score rows (one JSON list per article) under ``rubric_key``."""
        query = (
            self._current()
            .with_only_columns(ScoreRow.rows)
            .join(ScoreRow, ScoreRow.article_id == VersionRow.article_id)
            .where(ScoreRow.rubric_key == rubric_key)
            .order_by(VersionRow.added_at, VersionRow.article_id)
        )
        with Session(self.engine) as session:
            return list(session.scalars(query))

    # Ratings --------------------------------------------------------------------------------

    def add_rating(
        self,
        *,
        article_id: str,
        claim_key: str,
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
        """Append a rating of a claim of the article's current version and commit it; returns
        the stored event (with its id). The analyst's name is stored normalised."""
        analyst = fold(analyst)
        if not analyst:
            raise ValueError("a rating needs the analyst's name")
        if not agree and not override_grade:
            raise ValueError("overriding the automatic grade needs the grade to use instead")
        with self.writing() as session:
            stored = session.get(ArticleRow, article_id)
            claim = stored and session.get(
                ClaimRow, (article_id, stored.current_version, claim_key)
            )
            if not stored or not claim:
                raise ValueError(f"{article_id}: no claim {claim_key} in the current version")
            row = RatingEvent(
                article_id=article_id, version=claim.version, claim_key=claim_key,
                claim_id=claim.claim_id, claim_text=claim.text, analyst=analyst,
                rubric_id=rubric_id, rubric_version=rubric_version, values=dict(values),
                agree=agree, auto_grade=auto_grade,
                override_grade=None if agree else override_grade,
                rationale=rationale.strip(), tags=sorted({t.strip() for t in tags if t.strip()}),
                created_at=now(),
            )  # fmt: skip
            session.add(row)
            session.flush()
            return _rating(row, current_claim_id=claim.claim_id)

    def _ratings(self, view: Any, article_id: str | None, claim_key: str | None) -> list[Rating]:
        query = select(view).order_by(view.c.id)
        if article_id is not None:
            query = query.where(view.c.article_id == article_id)
        if claim_key is not None:
            query = query.where(view.c.claim_key == claim_key)
        with self.engine.connect() as conn:
            return [_rating(row) for row in conn.execute(query)]

    def latest_ratings(
        self, article_id: str | None = None, claim_key: str | None = None
    ) -> list[Rating]:
        """The newest rating per analyst, claim and rubric (of one article or claim, or all),
        oldest first, each ``current`` or ``orphaned``."""
        return self._ratings(LATEST_RATINGS, article_id, claim_key)

    def history(self, article_id: str | None = None, claim_key: str | None = None) -> list[Rating]:
        """Every rating event (of one article or claim, or all), oldest first."""
        return self._ratings(RATING_STATUS, article_id, claim_key)

    def ratings_revision(self) -> int:
        """The id of the newest rating event (0 when none): a cheap cache key."""
        with Session(self.engine) as session:
            return int(session.scalar(select(func.max(RatingEvent.id))) or 0)

    # Accounts -------------------------------------------------------------------------------

    def set_account(self, name: str, password_hash: str) -> None:
        """Create or update the account of ``name`` (normalised) with a password hash."""
        with self.writing() as session:
            session.merge(AccountRow(name=fold(name), password_hash=password_hash,
                                     created_at=now()))  # fmt: skip

    def password_hash(self, name: str) -> str | None:
        """The stored hash of the account ``name`` (normalised), or None."""
        with Session(self.engine) as session:
            return session.scalar(
                select(AccountRow.password_hash).where(AccountRow.name == fold(name))
            )

    def accounts(self) -> list[str]:
        """Every account name, sorted."""
        with Session(self.engine) as session:
            return list(session.scalars(select(AccountRow.name).order_by(AccountRow.name)))
