"""The review workflow's application layer (the part of :class:`~provenance.workspace.
Workspace` the desk uses): set a claim's status, assign it, comment on it, keep collections of
articles, correct the engine, and the tables pages and exports show (review state per claim,
an analyst's queue, the audit log).

Each call stores before it returns; nothing is overwritten (see :mod:`provenance.storage.
review`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from provenance.corrections import check, corrected, corrected_by, gold
from provenance.models import Analysis
from provenance.schema import now
from provenance.storage import STATUSES, ClaimStep, Collection, Correction, Store

#: The statuses in words, for pages and messages.
STATUS_LABELS = {
    "unstarted": "Unstarted",
    "in_progress": "In progress",
    "verified": "Verified",
    "false": "False",
    "inconclusive": "Inconclusive",
}
#: A claim still on someone's desk.
OPEN_STATUSES = ("unstarted", "in_progress")
AUDIT_COLUMNS = ["at", "analyst", "action", "article_id", "claim_id", "detail", "claim_text"]
REVIEW_COLUMNS = ["status", "assignee", "comments"]


class ReviewDesk:
    """Review steps over the workspace's store (mixed into :class:`Workspace`)."""

    store: Store

    def set_status(
        self, article_id: str, claim_key: str, status: str, analyst: str, note: str = ""
    ) -> ClaimStep:
        """Set a claim's status (one of :data:`STATUSES`), with an optional note."""
        return self.store.add_step(article_id=article_id, claim_key=claim_key, kind="status",
                                   analyst=analyst, value=status, body=note)  # fmt: skip

    def assign(self, article_id: str, claim_key: str, assignee: str, analyst: str) -> ClaimStep:
        """Give a claim to an analyst (``assignee`` empty: take it off everyone's queue)."""
        return self.store.add_step(article_id=article_id, claim_key=claim_key, kind="assign",
                                   analyst=analyst, value=assignee)  # fmt: skip

    def comment(self, article_id: str, claim_key: str, analyst: str, text: str) -> ClaimStep:
        """Add a comment to a claim's thread."""
        return self.store.add_step(article_id=article_id, claim_key=claim_key, kind="comment",
                                   analyst=analyst, body=text)  # fmt: skip

    def collection(self, name: str) -> Collection:
        """The collection called ``name`` (blank space collapsed)."""
        wanted = " ".join(name.split())
        for found in self.store.collections():
            if found.name == wanted:
                return found
        raise ValueError(f"no collection named {wanted!r}")

    def file_articles(
        self, name: str, article_ids: list[str], analyst: str, *, remove: bool = False
    ) -> Collection:
        """Add articles to the collection ``name`` (created when new), or remove them; an
        unknown article id changes nothing."""
        unknown = [a for a in article_ids if self.store.current_version(a) is None]
        if unknown:
            raise ValueError(f"no article {', '.join(unknown)}")
        try:
            found = self.collection(name)
        except ValueError:
            if remove:
                raise
            found = self.store.create_collection(name, analyst)
        for article_id in article_ids:
            self.store.change_collection(found.id, article_id, "remove" if remove else "add",
                                         analyst)  # fmt: skip
        return self.collection(name)

    def correct(
        self, article_id: str, kind: str, payload: dict[str, Any], analyst: str,
        claim_key: str = "", note: str = "",
    ) -> Correction:  # fmt: skip
        """Store a correction of the engine (never changing its output), once it is known to
        apply to the current version (:func:`provenance.corrections.check`)."""
        engine = self.store.analysis(article_id)
        if engine is None:
            raise ValueError(f"no article {article_id}")
        done = self.corrections(article_id)
        stored = {c.key: c for c in self.store.claims(article_id)}
        if claim_key and claim_key not in stored:
            raise ValueError(f"{article_id}: no claim {claim_key} in the current version")
        claim_id = stored[claim_key].claim_id if claim_key else ""
        check(corrected(engine, done), kind, payload, claim_id)
        pending = Correction(0, article_id, 0, claim_key, claim_id, kind, payload, note,
                             analyst, now())  # fmt: skip
        ids = {c.claim_id for c in stored.values()}
        made = [(c.id, c.text) for c in corrected(engine, [*done, pending]).claims
                if c.id not in ids]  # fmt: skip
        return self.store.add_correction(
            article_id=article_id, kind=kind, payload=payload, analyst=analyst,
            claim_key=claim_key, note=note, after=done[-1].id if done else 0, claims=made,
        )  # fmt: skip

    def corrections(self, article_id: str) -> list[Correction]:
        """The corrections of the article's current version, oldest first."""
        version = self.store.current_version(article_id)
        return [c for c in self.store.corrections(article_id) if c.version == version]

    def corrected_analysis(self, article_id: str) -> Analysis | None:
        """The current analysis as the analysts corrected it (the engine's is kept apart)."""
        analysis = self.store.analysis(article_id)
        return corrected(analysis, self.corrections(article_id)) if analysis else None

    def corrected_claims(self, article_id: str) -> dict[str, list[str]]:
        """Claim id -> the analysts who corrected it, for the article's current view."""
        engine = self.store.analysis(article_id)
        return corrected_by(engine, self.corrections(article_id)) if engine else {}

    def _current_corrections(self) -> dict[str, list[Correction]]:
        versions = {s.id: s.version for s in self.store.summaries()}
        found: dict[str, list[Correction]] = {}
        for made in self.store.corrections():
            if versions.get(made.article_id) == made.version:
                found.setdefault(made.article_id, []).append(made)
        return found

    def current_analyses(self, article_ids: Sequence[str] | None = None) -> list[Analysis]:
        """The current analysis of every article (or of ``article_ids``) as the analysts
        corrected it, oldest first: what pages show, scores grade and exports carry."""
        made = self._current_corrections()
        return [corrected(a, made[a.article.id]) if a.article.id in made else a
                for a in self.store.analyses(article_ids)]  # fmt: skip

    def corrected_by(self) -> dict[tuple[str, str], list[str]]:
        """(article id, claim id) of every corrected claim of the current views -> the analysts
        who corrected it (:func:`provenance.corrections.corrected_by`)."""
        found: dict[tuple[str, str], list[str]] = {}
        for article_id, made in self._current_corrections().items():
            engine = self.store.analysis(article_id)
            for claim_id, by in corrected_by(engine, made).items() if engine else ():
                found[(article_id, claim_id)] = by
        return found

    def write_gold(self, folder: Path) -> list[str]:
        """Every article with checked claims as ``folder/articles/ID.txt`` and
        ``folder/gold/ID.json`` (the evaluation's layout); returns the article ids written."""
        written = []
        for summary in self.store.summaries():
            analysis = self.store.analysis(summary.id)
            annotation = analysis and gold(analysis, self.corrections(summary.id))
            if not analysis or not annotation:
                continue
            for sub in ("articles", "gold"):
                (folder / sub).mkdir(parents=True, exist_ok=True)
            with (folder / "articles" / f"{summary.id}.txt").open("w", encoding="utf-8",
                                                                  newline="") as out:  # fmt: skip
                out.write(analysis.article.text)
            (folder / "gold" / f"{summary.id}.json").write_text(
                json.dumps(annotation, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
            )
            written.append(summary.id)
        return written

    def review_frame(self) -> pd.DataFrame:
        """Per reviewed claim of the current versions: status, assignee and comment count."""
        rows = [
            {"article_id": r.article_id, "claim_id": r.claim_id, "status": r.status,
             "assignee": r.assignee, "comments": r.comments}
            for r in self.store.reviews()
        ]  # fmt: skip
        return pd.DataFrame(rows, columns=["article_id", "claim_id", *REVIEW_COLUMNS])

    def audit_frame(self) -> pd.DataFrame:
        """The audit log: who did what when, oldest first (times in UTC, ISO 8601)."""
        rows = [{**entry.__dict__, "at": entry.at.isoformat(timespec="seconds")}
                for entry in self.store.audit()]  # fmt: skip
        return pd.DataFrame(rows, columns=AUDIT_COLUMNS)


def with_review(table: pd.DataFrame, reviews: pd.DataFrame) -> pd.DataFrame:
    """A claims table with each claim's status (``unstarted`` when never set), assignee and
    comment count."""
    merged = table.drop(columns=[c for c in REVIEW_COLUMNS if c in table.columns]).join(
        reviews.set_index(["article_id", "claim_id"]), on=["article_id", "claim_id"]
    )
    return merged.fillna({"status": "unstarted", "assignee": "", "comments": 0}).astype(
        {"comments": int}
    )


CASE_COLUMNS = ["article_id", "title", "claims", "open", "verified", "false", "inconclusive",
                "reviewed"]  # fmt: skip


def case_table(
    case: Collection, titles: dict[str, str], claims: pd.DataFrame, reviews: pd.DataFrame
) -> pd.DataFrame:
    """A case's articles in the order filed: claims, how many are still open (unstarted or
    in progress) and how many were closed as verified, false or inconclusive."""
    rows = []
    for article_id in case.article_ids:
        mine = with_review(claims[claims["article_id"] == article_id], reviews)
        counts = mine["status"].value_counts()
        closed = {s: int(counts.get(s, 0)) for s in ("verified", "false", "inconclusive")}
        done = sum(closed.values())
        rows.append({"article_id": article_id, "title": titles.get(article_id, article_id),
                     "claims": len(mine), "open": len(mine) - done, **closed,
                     "reviewed": done / len(mine) if len(mine) else 0.0})  # fmt: skip
    return pd.DataFrame(rows, columns=CASE_COLUMNS)


def queue(table: pd.DataFrame, analyst: str) -> pd.DataFrame:
    """An analyst's queue: the claims assigned to them whose review is still open."""
    return table[(table["assignee"] == analyst) & table["status"].isin(OPEN_STATUSES)]


__all__ = ["OPEN_STATUSES", "STATUSES", "STATUS_LABELS", "ReviewDesk", "case_table", "queue",
           "with_review"]  # fmt: skip
