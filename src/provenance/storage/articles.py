"""Articles, their versions and claims, and the scores cached per rubric."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from provenance.identity import claim_keys, content_hash
from provenance.models import Analysis, Article
from provenance.schema import ArticleRow, ClaimRow, CorrectionEvent, ScoreRow, VersionRow, now
from provenance.storage.base import StoreBase
from provenance.storage.engine import utc
from provenance.storage.records import ArticleSummary, Saved, StoredClaim, VersionInfo

_ARTICLE_FIELDS = ("title", "text", "url", "publisher", "published", "author", "origin")


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


class ArticleStore(StoreBase):
    """Every version of every article is kept; one is current."""

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
                            v.engine_version, utc(v.added_at), v.version == current)
                for v, current in session.execute(query)
            ]  # fmt: skip

    def claims(self, article_id: str, version: int | None = None) -> list[StoredClaim]:
        """The claims of an article's current version (or of ``version``) under their keys,
        in article order, then those analysts made (:meth:`add_correction`)."""
        with Session(self.engine) as session:
            row = self._version(session, article_id, version)
            if row is None:
                return []
            query = select(ClaimRow).where(
                ClaimRow.article_id == article_id, ClaimRow.version == row.version
            )
            found = {c.claim_id: c for c in session.scalars(query)}
            order = [c.id for c in Analysis.model_validate_json(row.analysis).claims]
        made = sorted(set(found) - set(order))  # claims analysts added or split off
        return [StoredClaim(found[i].claim_key, i, found[i].text) for i in [*order, *made]]

    def summaries(self) -> list[ArticleSummary]:
        """One line per article (its current version), newest first."""
        query = self._current().order_by(VersionRow.added_at.desc(), VersionRow.article_id)
        with Session(self.engine) as session:
            return [
                ArticleSummary(v.article_id, v.title, v.claims, utc(v.added_at), v.version)
                for v in session.scalars(query)
            ]

    def revision(self) -> tuple[int, str]:
        """Changes whenever a version is added or made current, or a correction is stored
        (the current view changes): a cheap cache key."""
        with Session(self.engine) as session:
            count, latest = session.execute(
                select(func.count(VersionRow.version), func.max(VersionRow.added_at))
            ).one()
            currents = session.scalar(select(func.sum(ArticleRow.current_version)))
            corrected = session.scalar(select(func.max(CorrectionEvent.id)))
        return int(count), f"{latest}|{currents}|{corrected}"

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
