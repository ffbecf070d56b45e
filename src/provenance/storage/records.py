"""What the store hands back: plain frozen records, detached from any session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, TypeVar

from provenance.schema import RatingEvent
from provenance.storage.engine import utc

T = TypeVar("T")

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


def rating_from(row: Any, **status: Any) -> Rating:
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
        created_at=utc(mapping["created_at"]),
        current_claim_id=mapping.get("current_claim_id"),
        status=mapping.get("status", "current"),
    )  # fmt: skip


@dataclass(frozen=True)
class ClaimStep:
    """A step of a claim's review: a status set, an assignment or a comment."""

    id: int
    article_id: str
    version: int
    claim_key: str
    claim_id: str
    claim_text: str
    kind: str
    value: str
    body: str
    analyst: str
    created_at: datetime


@dataclass(frozen=True)
class Collection:
    """A case: a named set of articles, with the articles in it now."""

    id: int
    name: str
    description: str
    created_by: str
    created_at: datetime
    article_ids: tuple[str, ...]


@dataclass(frozen=True)
class Correction:
    """An analyst's correction of the engine's output for an article version."""

    id: int
    article_id: str
    version: int
    claim_key: str
    claim_id: str
    kind: str
    payload: dict[str, Any]
    note: str
    analyst: str
    created_at: datetime


@dataclass(frozen=True)
class AuditEntry:
    """One thing an analyst did, for the audit log."""

    at: datetime
    analyst: str
    action: str
    article_id: str
    claim_id: str
    detail: str
    claim_text: str
    #: The claim's stable key (empty for what is not about one claim): a claim's history.
    claim_key: str = ""


def record_from(kind: type[T], row: Any, **extra: Any) -> T:
    """A frozen record of ``kind`` from a stored row's same-named attributes."""
    names = [name for name in kind.__dataclass_fields__ if name not in extra]  # type: ignore[attr-defined]
    values = {name: getattr(row, name) for name in names}
    if "created_at" in values:
        values["created_at"] = utc(values["created_at"])
    return kind(**values, **extra)


@dataclass(frozen=True)
class ClaimReview:
    """Where a claim of a current article version stands: its latest status and assignee,
    how many comments it has, and when it last changed."""

    article_id: str
    claim_id: str
    status: str
    assignee: str
    comments: int
    updated_at: datetime
