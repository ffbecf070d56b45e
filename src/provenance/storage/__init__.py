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

from provenance.storage.articles import ArticleStore, claim_rows
from provenance.storage.corrections import CORRECTION_KINDS, CorrectionStore
from provenance.storage.engine import DB_URL_ENV, DEFAULT_DB_PATH, database_url, make_engine
from provenance.storage.ratings import RatingStore
from provenance.storage.records import (
    ArticleSummary,
    AuditEntry,
    ClaimReview,
    ClaimStep,
    Collection,
    Correction,
    Rating,
    Saved,
    SaveStatus,
    StoredClaim,
    VersionInfo,
)
from provenance.storage.review import STATUSES, ReviewStore
from provenance.storage.sources import SourceStore


class Store(ArticleStore, RatingStore, ReviewStore, CorrectionStore, SourceStore):
    """Article versions, analyses, rating events, the review's records and source letters in
    one database; each method is one transaction, committed before it returns."""


__all__ = [
    "CORRECTION_KINDS", "DB_URL_ENV", "DEFAULT_DB_PATH", "STATUSES", "ArticleSummary",
    "AuditEntry", "ClaimReview", "ClaimStep", "Collection", "Correction", "Rating", "SaveStatus",
    "Saved", "Store",
    "StoredClaim", "VersionInfo", "claim_rows", "database_url", "make_engine",
]  # fmt: skip
