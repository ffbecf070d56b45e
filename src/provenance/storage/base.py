"""The store's connection to its database: opened (and migrated) once, one write lock."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from provenance import migrate
from provenance.identity import fold
from provenance.schema import ArticleRow, ClaimRow
from provenance.storage.engine import database_url, make_engine


def analyst_name(name: str) -> str:
    """An analyst's name as stored (normalised); an empty one is refused."""
    folded = fold(name)
    if not folded:
        raise ValueError("this needs the analyst's name")
    return folded


class StoreBase:
    """One database: its engine, migrated to the newest schema on opening."""

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

    def claim_row(self, session: Session, article_id: str, claim_key: str) -> ClaimRow:
        """The claim of the article's current version with this key (ValueError if none)."""
        stored = session.get(ArticleRow, article_id)
        claim = stored and session.get(ClaimRow, (article_id, stored.current_version, claim_key))
        if not stored or not claim:
            raise ValueError(f"{article_id}: no claim {claim_key} in the current version")
        return claim
