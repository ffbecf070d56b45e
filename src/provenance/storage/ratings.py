"""Rating events (append-only) and analyst accounts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from provenance.identity import fold
from provenance.schema import (
    LATEST_RATINGS,
    RATING_STATUS,
    AccountRow,
    ArticleRow,
    ClaimRow,
    RatingEvent,
    now,
)
from provenance.storage.base import StoreBase
from provenance.storage.records import Rating, rating_from


class RatingStore(StoreBase):
    """Ratings name their claim by key, so they stay on its text through new versions."""

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
            return rating_from(row, current_claim_id=claim.claim_id)

    def _ratings(self, view: Any, article_id: str | None, claim_key: str | None) -> list[Rating]:
        query = select(view).order_by(view.c.id)
        if article_id is not None:
            query = query.where(view.c.article_id == article_id)
        if claim_key is not None:
            query = query.where(view.c.claim_key == claim_key)
        with self.engine.connect() as conn:
            return [rating_from(row) for row in conn.execute(query)]

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
