"""ClaimReview export: analysts' ratings as schema.org ``ClaimReview`` JSON-LD, the format
fact-checkers publish and search engines and the Google Fact Check tools read.

One review per analyst's latest rating of a claim under a rubric: ``claimReviewed`` is the
claim's text as rated, ``itemReviewed`` the claim with its origin (the first source of the
chain that can author it, or the publisher for the article's own voice) and where it appeared
(the article), ``reviewRating`` the analyst's grade (``alternateName``; a rubric of one ordered
scale also gets ``ratingValue`` from worst 1 to best N), ``reviewBody`` the rationale.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from provenance.models import Analysis, Claim, Hop
from provenance.review import ReviewDesk
from provenance.rubric import Rubric, list_rubrics
from provenance.storage import AuditEntry
from provenance.tables import ratings_frame

CONTEXT = "https://schema.org"
#: Where the ``provenance:history`` term of a review with its claim's history is defined.
HISTORY_NAMESPACE = "https://provenance.example/ns#"
#: schema.org type of a source that can author a claim, by Provenance source type.
AUTHOR_TYPES = {
    "person": "Person",
    "organization": "Organization",
    "media": "NewsMediaOrganization",
    "group": "Organization",
}


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _author(hop: Hop) -> dict[str, Any]:
    author: dict[str, Any] = {"@type": AUTHOR_TYPES[hop.type], "name": hop.name}
    description = [part for part in (hop.role, "anonymous" if hop.anonymous else "") if part]
    if description:
        author["description"] = ", ".join(description)
    return author


def claim_author(analysis: Analysis, claim: Claim) -> dict[str, Any] | None:
    """Who the claim is attributed to: the first source of its chain that is a person or a body
    (a document is passed on, not an author), else the publisher for the article's own voice."""
    for hop in claim.chain:
        if hop.type in AUTHOR_TYPES:
            return _author(hop)
    publisher = analysis.article.publisher
    if not claim.chain and publisher:
        return {"@type": "Organization", "name": publisher}
    return None


def appearance(analysis: Analysis) -> dict[str, Any]:
    """The article a claim appeared in, as a schema.org NewsArticle."""
    article = analysis.article
    item: dict[str, Any] = {"@type": "NewsArticle", "headline": article.title or article.id}
    if article.url:
        item["url"] = article.url
    if article.publisher:
        item["publisher"] = {"@type": "Organization", "name": article.publisher}
    if article.published:
        item["datePublished"] = article.published
    if article.author:
        item["author"] = {"@type": "Person", "name": article.author}
    return item


def review_rating(rubric: Rubric | None, grade: str) -> dict[str, Any]:
    """The grade as a schema.org Rating; numeric only on a rubric with one ordered scale."""
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": grade}
    if rubric is None:
        return rating
    rating["name"] = rubric.title
    axes = rubric.rating_axes()
    if len(axes) == 1 and grade in axes[0].values:
        values = axes[0].values  # best first
        rating |= {
            "ratingValue": len(values) - values.index(grade),
            "bestRating": len(values),
            "worstRating": 1,
        }
    return rating


def history_actions(entries: Iterable[AuditEntry]) -> list[dict[str, Any]]:
    """A claim's history (audit entries: ratings, status, assignment, comments, corrections)
    as schema.org Actions, oldest first: what was done, by whom, when."""
    return [
        {"@type": "Action", "name": e.action, "agent": {"@type": "Person", "name": e.analyst},
         "startTime": e.at.isoformat(timespec="seconds"), "description": e.detail}
        for e in sorted(entries, key=lambda e: e.at)
    ]  # fmt: skip


def claim_reviews(
    analyses: Iterable[Analysis],
    ratings: pd.DataFrame,
    rubrics: Mapping[str, Rubric],
    history: Mapping[tuple[str, str], list[dict[str, Any]]] | None = None,
) -> list[dict[str, Any]]:
    """A ClaimReview per row of ``ratings`` (the latest ratings: ``article_id``, ``claim_id``,
    ``analyst``, ``rubric_id``, ``analyst_grade``, ``rationale``, ``rated_at``, and the claim's
    text as rated in ``claim_text`` where known). Rows whose article is not among ``analyses``
    or that carry no grade are left out. With ``history`` ((article id, claim id) -> actions),
    each review carries its claim's under ``provenance:history`` (a term of its context)."""
    by_article = {a.article.id: a for a in analyses}
    reviews = []
    for row in ratings.to_dict("records"):
        analysis = by_article.get(_text(row.get("article_id")))
        grade = _text(row.get("analyst_grade"))
        if analysis is None or not grade:
            continue
        claim = next((c for c in analysis.claims if c.id == _text(row.get("claim_id"))), None)
        text = _text(row.get("claim_text")) or (claim.text if claim else "")
        if not text:
            continue
        item: dict[str, Any] = {"@type": "Claim", "appearance": appearance(analysis)}
        author = claim_author(analysis, claim) if claim else None
        if author:
            item["author"] = author
        review: dict[str, Any] = {
            "@context": CONTEXT,
            "@type": "ClaimReview",
            "claimReviewed": " ".join(text.split()),
            "itemReviewed": item,
            "author": {"@type": "Person", "name": _text(row.get("analyst"))},
            "reviewRating": review_rating(rubrics.get(_text(row.get("rubric_id"))), grade),
        }
        if when := _text(row.get("rated_at")):
            review["datePublished"] = when[:10]
        if rationale := _text(row.get("rationale")):
            review["reviewBody"] = rationale
        if analysis.article.url:
            review["url"] = analysis.article.url
        if history is not None:
            review["@context"] = [CONTEXT, {"provenance": HISTORY_NAMESPACE}]
            review["provenance:history"] = history.get((analysis.article.id, claim.id), []) if (
                claim) else []  # fmt: skip
        reviews.append(review)
    return reviews


def to_jsonld(reviews: list[dict[str, Any]]) -> str:
    """The reviews as one JSON-LD array, safe to paste into a ``<script>`` element: ``<``,
    ``>`` and ``&`` are written as JSON escapes, so no text can close the element."""
    text = json.dumps(reviews, ensure_ascii=False, indent=2)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def stored_reviews(
    desk: ReviewDesk, rubric_ids: Iterable[str] = (), *, history: bool = False
) -> list[dict[str, Any]]:
    """A ClaimReview per analyst's latest rating in the database (of ``rubric_ids``, or all)
    of a claim of an article's current view (the analysts' corrections applied); with
    ``history``, each carries everything done to its claim (:func:`history_actions`)."""
    store = desk.store
    ratings = ratings_frame(store.latest_ratings())
    wanted = set(rubric_ids)
    if wanted:
        ratings = ratings[ratings["rubric_id"].isin(wanted)]
    rubrics = {r.id: r for r in list_rubrics()}
    articles = set(ratings["article_id"])
    actions = None
    if history:
        keys = {(a, c.key): c.claim_id for a in articles for c in store.claims(a)}
        done: dict[tuple[str, str], list[AuditEntry]] = {}
        for entry in store.audit():
            if (entry.article_id, entry.claim_key) in keys:
                claim_id = keys[(entry.article_id, entry.claim_key)]
                done.setdefault((entry.article_id, claim_id), []).append(entry)
        actions = {item: history_actions(entries) for item, entries in done.items()}
    return claim_reviews(desk.current_analyses(sorted(articles)), ratings, rubrics, actions)
