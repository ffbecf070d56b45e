"""The review workflow's records: a claim's status, assignment and comments, collections
(cases) of articles, analysts' corrections of the engine, and the audit log over them all.

Every table here only gains rows: a new status is a new event, so a claim's history is its
events and nothing an analyst entered is overwritten. Like ratings, claim events name their
claim by key and keep its text.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from provenance.identity import fold
from provenance.schema import (
    ArticleRow,
    ClaimEvent,
    ClaimRow,
    CollectionEvent,
    CollectionRow,
    CorrectionEvent,
    RatingEvent,
    now,
)
from provenance.storage.base import StoreBase, analyst_name
from provenance.storage.engine import utc
from provenance.storage.records import (
    AuditEntry,
    ClaimReview,
    ClaimStep,
    Collection,
    record_from,
)

#: A claim's review status, in the order a review goes (Meedan Check's verification states).
STATUSES = ("unstarted", "in_progress", "verified", "false", "inconclusive")
#: What a claim event records.
STEP_KINDS = ("status", "assign", "comment")


class ReviewStore(StoreBase):
    """Claim events, collections and corrections (see the module docstring)."""

    def add_step(
        self, *, article_id: str, claim_key: str, kind: str, analyst: str, value: str = "",
        body: str = "",
    ) -> ClaimStep:  # fmt: skip
        """Append a status, assignment (``value``: the assignee, stored normalised; empty to
        unassign) or comment to a claim of the current version, committed before returning."""
        if kind not in STEP_KINDS:
            raise ValueError(f"unknown review step {kind!r} (use {', '.join(STEP_KINDS)})")
        if kind == "status" and value not in STATUSES:
            raise ValueError(f"unknown status {value!r} (use {', '.join(STATUSES)})")
        if kind == "assign":
            value = fold(value)
        if kind == "comment" and not body.strip():
            raise ValueError("an empty comment")
        with self.writing() as session:
            claim = self.claim_row(session, article_id, claim_key)
            row = ClaimEvent(
                article_id=article_id, version=claim.version, claim_key=claim_key,
                claim_id=claim.claim_id, claim_text=claim.text, kind=kind, value=value,
                body=body.strip(), analyst=analyst_name(analyst), created_at=now(),
            )  # fmt: skip
            session.add(row)
            session.flush()
            return record_from(ClaimStep, row)

    def steps(
        self, article_id: str | None = None, claim_key: str | None = None, kind: str | None = None
    ) -> list[ClaimStep]:
        """Claim events (of one article, claim or kind, or all), oldest first."""
        query = select(ClaimEvent).order_by(ClaimEvent.id)
        if article_id is not None:
            query = query.where(ClaimEvent.article_id == article_id)
        if claim_key is not None:
            query = query.where(ClaimEvent.claim_key == claim_key)
        if kind is not None:
            query = query.where(ClaimEvent.kind == kind)
        with Session(self.engine) as session:
            return [record_from(ClaimStep, row) for row in session.scalars(query)]

    def reviews(self) -> list[ClaimReview]:
        """Per claim of a current article version with any review step: its latest status
        (``unstarted`` when never set), assignee, comment count and last change."""
        query = (
            select(ClaimEvent, ClaimRow.claim_id)
            .join(ArticleRow, ArticleRow.id == ClaimEvent.article_id)
            .join(ClaimRow, (ClaimRow.article_id == ClaimEvent.article_id)
                  & (ClaimRow.version == ArticleRow.current_version)
                  & (ClaimRow.claim_key == ClaimEvent.claim_key))
            .order_by(ClaimEvent.id)
        )  # fmt: skip
        state: dict[tuple[str, str], dict[str, Any]] = {}
        with Session(self.engine) as session:
            for event, claim_id in session.execute(query):
                now_ = state.setdefault((event.article_id, claim_id), {"status": "unstarted",
                                        "assignee": "", "comments": 0})  # fmt: skip
                if event.kind == "status":
                    now_["status"] = event.value
                elif event.kind == "assign":
                    now_["assignee"] = event.value
                else:
                    now_["comments"] += 1
                now_["updated_at"] = utc(event.created_at)
        return [ClaimReview(article_id, claim_id, **values)
                for (article_id, claim_id), values in state.items()]  # fmt: skip

    def steps_revision(self) -> int:
        """The newest claim event's id (0 when none): a cheap cache key."""
        with Session(self.engine) as session:
            return int(session.scalar(select(ClaimEvent.id).order_by(ClaimEvent.id.desc())) or 0)

    # Collections ------------------------------------------------------------------------

    def create_collection(self, name: str, analyst: str, description: str = "") -> Collection:
        """A new, empty collection; its name (blank space collapsed) must be new."""
        name = " ".join(name.split())
        if not name:
            raise ValueError("a collection needs a name")
        try:
            with self.writing() as session:
                row = CollectionRow(name=name, description=description.strip(),
                                    created_by=analyst_name(analyst), created_at=now())  # fmt: skip
                session.add(row)
                session.flush()
                return record_from(Collection, row, article_ids=())
        except IntegrityError:
            raise ValueError(f"a collection named {name!r} exists already") from None

    def change_collection(
        self, collection_id: int, article_id: str, action: str, analyst: str
    ) -> None:
        """Add an article to a collection or remove it (``action``: add, remove)."""
        if action not in ("add", "remove"):
            raise ValueError(f"unknown action {action!r} (use add or remove)")
        with self.writing() as session:
            if session.get(CollectionRow, collection_id) is None:
                raise ValueError(f"no collection {collection_id}")
            if session.get(ArticleRow, article_id) is None:
                raise ValueError(f"no article {article_id}")
            session.add(CollectionEvent(collection_id=collection_id, article_id=article_id,
                                        action=action, analyst=analyst_name(analyst),
                                        created_at=now()))  # fmt: skip

    def collections(self) -> list[Collection]:
        """Every collection by name, with the articles in it now (in the order added)."""
        with Session(self.engine) as session:
            rows = list(session.scalars(select(CollectionRow).order_by(CollectionRow.name)))
            members: dict[int, dict[str, str]] = {}
            for event in session.scalars(select(CollectionEvent).order_by(CollectionEvent.id)):
                inside = members.setdefault(event.collection_id, {})
                inside.pop(event.article_id, None)
                if event.action == "add":
                    inside[event.article_id] = event.action
            return [record_from(Collection, r, article_ids=tuple(members.get(r.id, {})))
                    for r in rows]  # fmt: skip

    # Audit --------------------------------------------------------------------------------

    def audit(self) -> list[AuditEntry]:
        """Everything analysts did (ratings, review steps, collections, corrections), oldest
        first."""
        entries: list[AuditEntry] = []
        with Session(self.engine) as session:
            for r in session.scalars(select(RatingEvent)):
                values = " ".join(f"{k}={v}" for k, v in r.values.items())
                verdict = "agrees" if r.agree else f"overrides {r.auto_grade} with"
                detail = f"{r.rubric_id}: {verdict} {values}. {r.rationale}".strip()
                entries.append(AuditEntry(utc(r.created_at), r.analyst, "rate", r.article_id,
                                          r.claim_id, detail, r.claim_text,
                                          r.claim_key))  # fmt: skip
            for e in session.scalars(select(ClaimEvent)):
                detail = {"status": e.value, "assign": e.value or "(unassigned)"}.get(e.kind, "")
                text = " ".join(p for p in (detail, e.body) if p)
                entries.append(AuditEntry(utc(e.created_at), e.analyst, e.kind, e.article_id,
                                          e.claim_id, text, e.claim_text, e.claim_key))  # fmt: skip
            names = {c.id: c.name for c in session.scalars(select(CollectionRow))}
            for c in session.scalars(select(CollectionRow)):
                entries.append(AuditEntry(utc(c.created_at), c.created_by, "create collection",
                                          "", "", c.name, ""))  # fmt: skip
            for ce in session.scalars(select(CollectionEvent)):
                entries.append(AuditEntry(utc(ce.created_at), ce.analyst,
                                          f"{ce.action} to collection" if ce.action == "add"
                                          else "remove from collection", ce.article_id, "",
                                          names.get(ce.collection_id, ""), ""))  # fmt: skip
            for k in session.scalars(select(CorrectionEvent)):
                entries.append(AuditEntry(utc(k.created_at), k.analyst, f"correct {k.kind}",
                                          k.article_id, k.claim_id, _detail(k.payload, k.note),
                                          "", k.claim_key))  # fmt: skip
        return sorted(entries, key=lambda entry: entry.at)


def _detail(payload: dict[str, Any], note: str) -> str:
    """A correction in the audit log: its value as JSON with sorted keys (the same after a
    backup and restore), then its note."""
    return f"{json.dumps(payload, ensure_ascii=False, sort_keys=True)} {note}".strip()
