"""The tables pages and exports show, built from the workspace's frames: ratings as rows, the
claims with who rated them and where analysts disagree, the report joining scores and
ratings, the agreement report and the article list. Pure functions over data frames.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from provenance.agreement import AGREEMENT_COLUMNS, ITEM, Level, agreement, disagreements, rated
from provenance.grades import values_text
from provenance.rubric import Rubric
from provenance.storage import ArticleSummary, Rating

RATING_COLUMNS = [
    "article_id", "claim_id", "analyst", "rubric_id", "rubric_version", "analyst_values", "agree",
    "auto_grade", "analyst_grade", "rationale", "tags", "rated_at", "status", "claim_text",
    "rated_version", "rating_id",
]  # fmt: skip
ARTICLE_COLUMNS = ["title", "claims", "anonymous_share", "weakest_grade", "needs_review",
                   "rated_claims", "article_id"]  # fmt: skip


def ratings_frame(ratings: Sequence[Rating]) -> pd.DataFrame:
    """Rating events as a table (one row each), values shown as ``axis=value`` pairs; the
    claim id is the claim's id in the current version (empty when orphaned)."""
    rows = [
        {
            "article_id": r.article_id, "claim_id": r.current_claim_id or "",
            "analyst": r.analyst, "rubric_id": r.rubric_id, "rubric_version": r.rubric_version,
            "analyst_values": values_text(r.values), "agree": r.agree,
            "auto_grade": r.auto_grade or "", "analyst_grade": r.grade or "",
            "rationale": r.rationale, "tags": ", ".join(r.tags),
            "rated_at": r.created_at.isoformat(timespec="seconds"), "status": r.status,
            "claim_text": r.claim_text, "rated_version": r.version, "rating_id": r.id,
        }
        for r in ratings
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=RATING_COLUMNS)


def claims_table(scored: pd.DataFrame, latest: pd.DataFrame, rubric: Rubric) -> pd.DataFrame:
    """The scored claims with, per claim, who has rated it under ``rubric`` (their latest
    rating, orphans left out), the grades they gave, and whether analysts disagree with each
    other (``analysts_differ``) or with the automatic grade (``differs_from_automatic``)."""
    ratings = latest[(latest["rubric_id"] == rubric.id) & (latest["status"] == "current")]
    empty = {"rated_by": "", "analyst_grades": "", "ratings": 0, "analysts_differ": False,
             "differs_from_automatic": False, "spread": 0}  # fmt: skip
    if ratings.empty:
        return scored.assign(**empty)
    per_claim = ratings.groupby(ITEM, sort=False).agg(
        rated_by=("analyst", ", ".join),
        analyst_grades=("analyst_grade", lambda grades: ", ".join(g for g in grades if g)),
        ratings=("analyst", "size"),
    )
    axes = [axis.name for axis in rubric.rating_axes()]
    flags = disagreements(rated(ratings, rubric), rubric, scored[[*ITEM, *axes]])
    flags = flags.set_index(ITEM)[["between_analysts", "with_automatic", "spread"]].rename(
        columns={"between_analysts": "analysts_differ", "with_automatic": "differs_from_automatic"}
    )
    merged = scored.join(per_claim, on=ITEM).join(flags, on=ITEM)
    return merged.fillna(empty).astype(
        {"ratings": int, "analysts_differ": bool, "differs_from_automatic": bool, "spread": int}
    )


def agreement_report(
    latest: pd.DataFrame, rubrics: Sequence[Rubric], level: Level = "ordinal"
) -> pd.DataFrame:
    """Krippendorff's alpha per rating criterion of each rubric, over the latest ratings of
    current claims (``latest``: a :func:`ratings_frame` or the same read from a file)."""
    tables = [agreement(rated(latest, rubric), rubric, level) for rubric in rubrics]
    if not tables:
        return pd.DataFrame(columns=AGREEMENT_COLUMNS)
    return pd.concat(tables, ignore_index=True)


def export_frame(scored: pd.DataFrame, latest: pd.DataFrame, rubric: Rubric) -> pd.DataFrame:
    """The report: every claim with its automatic score, criteria and chain, joined to each
    analyst's latest rating of it under ``rubric`` (one row per claim and analyst; unrated
    claims once), with the claim text as rated. Orphaned ratings are in ``db ratings``."""
    ratings = latest[(latest["rubric_id"] == rubric.id) & (latest["status"] == "current")]
    ratings = ratings.rename(
        columns={"rubric_id": "rated_rubric", "rubric_version": "rated_rubric_version",
                 "claim_text": "rated_claim_text"}
    ).drop(columns=["status"])  # fmt: skip
    return scored.merge(ratings, on=["article_id", "claim_id"], how="left")


def articles_table(frame: pd.DataFrame, summaries: list[ArticleSummary]) -> pd.DataFrame:
    """Per article, newest first: claims, share resting on an anonymous source, weakest grade,
    claims needing review, rated claims (articles without claims too)."""
    table = pd.DataFrame(
        {"article_id": [s.id for s in summaries], "title": [s.title or s.id for s in summaries]}
    )
    stats = frame.groupby("article_id", sort=False).agg(
        claims=("claim_id", "size"),
        anonymous_share=("anonymous_hops", lambda hops: float((hops > 0).mean())),
        needs_review=("needs_review", "sum"),
        rated_claims=("ratings", lambda counts: int((counts > 0).sum())),
    )
    if len(frame):
        weakest = frame.loc[frame.groupby("article_id", sort=False)["score"].idxmin()]
        stats["weakest_grade"] = weakest.set_index("article_id")["grade"]
    table = table.join(stats, on="article_id")
    counts = {"claims": int, "needs_review": int, "rated_claims": int}
    table = table.fillna(dict.fromkeys(counts, 0)).astype(counts)
    return table.reindex(columns=ARTICLE_COLUMNS)
