"""Analysts' corrections of the engine, stored as events beside its output (never over it),
and the claim rows of the claims they make (a split's parts, a claim the engine missed), so
those are rated, reviewed and exported like the engine's."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from provenance.identity import claim_keys
from provenance.schema import ArticleRow, ClaimRow, CorrectionEvent, ScoreRow, now
from provenance.storage.base import StoreBase, analyst_name
from provenance.storage.records import Correction, record_from

#: What a correction corrects; ``payload`` carries the corrected value.
CORRECTION_KINDS = ("chain", "source_type", "anonymity", "merge_sources", "split_claim",
                    "add_claim")  # fmt: skip


class CorrectionStore(StoreBase):
    """Correction events and the claims they make."""

    def add_correction(
        self, *, article_id: str, kind: str, payload: dict[str, Any], analyst: str,
        claim_key: str = "", note: str = "", after: int | None = None,
        claims: Sequence[tuple[str, str]] = (),
    ) -> Correction:  # fmt: skip
        """Append a correction of the engine's output for the article's current version.

        ``after`` is the newest correction of the version the caller applied (0: none): if
        another was stored since, nothing is stored, since the claims the caller made (a
        split's parts, an added claim) were numbered without it. ``claims`` (claim id, text)
        are the claims this correction makes: they get keys of the version, so they can be
        rated, reviewed and exported like the engine's. The article's cached scores go."""
        if kind not in CORRECTION_KINDS:
            raise ValueError(f"unknown correction {kind!r} (use {', '.join(CORRECTION_KINDS)})")
        with self.writing() as session:
            stored = session.get(ArticleRow, article_id)
            if stored is None:
                raise ValueError(f"no article {article_id}")
            version = stored.current_version
            if after is not None and self._newest(session, article_id, version) != after:
                raise ValueError("another correction of this article was stored meanwhile: "
                                 "look at it and try again")  # fmt: skip
            claim_id = self.claim_row(session, article_id, claim_key).claim_id if claim_key else ""
            row = CorrectionEvent(
                article_id=article_id, version=version, claim_key=claim_key,
                claim_id=claim_id, kind=kind, payload=dict(payload), note=note.strip(),
                analyst=analyst_name(analyst), created_at=now(),
            )  # fmt: skip
            session.add(row)
            self.add_claim_rows(session, article_id, version, claims)
            session.execute(delete(ScoreRow).where(ScoreRow.article_id == article_id))
            session.flush()
            return record_from(Correction, row)

    def _newest(self, session: Session, article_id: str, version: int) -> int:
        newest = select(func.max(CorrectionEvent.id)).where(
            CorrectionEvent.article_id == article_id, CorrectionEvent.version == version
        )
        return int(session.scalar(newest) or 0)

    def add_claim_rows(
        self, session: Session, article_id: str, version: int, claims: Sequence[tuple[str, str]]
    ) -> None:
        """Claim rows for claims an analyst made, keyed after the version's claims of the same
        text; an id the version has already is refused (a rating must find one claim)."""
        query = select(ClaimRow).where(ClaimRow.article_id == article_id,
                                       ClaimRow.version == version)  # fmt: skip
        rows = session.scalars(query).all()
        ids, keys = {r.claim_id for r in rows}, {r.claim_key for r in rows}
        for claim_id, text in claims:
            if claim_id in ids:
                raise ValueError(f"{article_id}: claim {claim_id} exists already")
            digest = claim_keys([text])[0].rsplit("-", 1)[0]
            key = next(f"{digest}-{n}" for n in range(len(keys) + 1)
                       if f"{digest}-{n}" not in keys)  # fmt: skip
            session.add(ClaimRow(article_id=article_id, version=version, claim_key=key,
                                 claim_id=claim_id, text=text))  # fmt: skip
            ids.add(claim_id)
            keys.add(key)

    def corrections_revision(self) -> int:
        """The newest correction's id (0 when none): a cheap cache key."""
        with Session(self.engine) as session:
            return int(session.scalar(select(func.max(CorrectionEvent.id))) or 0)

    def corrections(self, article_id: str | None = None) -> list[Correction]:
        """Corrections (of one article, or all), oldest first."""
        query = select(CorrectionEvent).order_by(CorrectionEvent.id)
        if article_id is not None:
            query = query.where(CorrectionEvent.article_id == article_id)
        with Session(self.engine) as session:
            return [record_from(Correction, row) for row in session.scalars(query)]
