"""ClaimReview JSON-LD from ratings of the real seed analysis: the claim as rated, its origin
as author, the article it appeared in, the analyst's grade; hostile rationales stay data."""

from __future__ import annotations

import json

import pandas as pd

from provenance.claimreview import claim_author, claim_reviews, to_jsonld
from provenance.models import Analysis
from provenance.rubric import list_rubrics

FIRST_QUOTE = "have no intention to discuss"
EVIL = '</script><script>alert(1)</script> & "quotes"'


def ratings(analysis: Analysis) -> pd.DataFrame:
    quote = min((c for c in analysis.claims if FIRST_QUOTE in c.text), key=lambda c: len(c.text))
    return pd.DataFrame(
        [
            {"article_id": analysis.article.id, "claim_id": quote.id, "analyst": "alice",
             "rubric_id": "admiralty", "analyst_grade": "F4", "rationale": EVIL,
             "rated_at": "2026-12-01T10:00:00+00:00"},
            {"article_id": analysis.article.id, "claim_id": quote.id, "analyst": "bob",
             "rubric_id": "newsroom", "analyst_grade": "poorly sourced", "rationale": "",
             "rated_at": "2026-12-02T09:00:00+00:00"},
            # no grade, or an article not given: no review
            {"article_id": analysis.article.id, "claim_id": quote.id, "analyst": "carol",
             "rubric_id": "admiralty", "analyst_grade": None, "rationale": "x",
             "rated_at": "2026-12-02T09:00:00+00:00"},
            {"article_id": "elsewhere", "claim_id": "c1", "analyst": "dan",
             "rubric_id": "admiralty", "analyst_grade": "B2", "rationale": "",
             "rated_at": "2026-12-02T09:00:00+00:00"},
        ]
    )  # fmt: skip


def test_reviews_of_the_first_quote(seed_analysis: Analysis) -> None:
    rubrics = {r.id: r for r in list_rubrics()}
    quote = min(
        (c for c in seed_analysis.claims if FIRST_QUOTE in c.text), key=lambda c: len(c.text)
    )
    alice, bob = claim_reviews([seed_analysis], ratings(seed_analysis), rubrics)
    assert alice["@context"] == "https://schema.org" and alice["@type"] == "ClaimReview"
    assert alice["claimReviewed"] == " ".join(quote.text.split())
    item = alice["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"]["name"] == "Russian government official"
    assert item["author"]["@type"] == "Person" and "anonymous" in item["author"]["description"]
    assert item["appearance"]["headline"] == seed_analysis.article.title
    assert alice["author"] == {"@type": "Person", "name": "alice"}
    assert alice["datePublished"] == "2026-12-01" and alice["reviewBody"] == EVIL
    # a two-axis code has no single number; a scale of bands does (worst 1 .. best N)
    assert alice["reviewRating"]["alternateName"] == "F4"
    assert "ratingValue" not in alice["reviewRating"]
    newsroom = rubrics["newsroom"].rating_axes()[0].values
    assert bob["reviewRating"]["alternateName"] == "poorly sourced" == newsroom[-1]
    assert (bob["reviewRating"]["ratingValue"], bob["reviewRating"]["bestRating"]) == (
        1, len(newsroom),
    )  # fmt: skip
    assert "reviewBody" not in bob


def test_jsonld_round_trips_and_cannot_close_a_script_element(seed_analysis: Analysis) -> None:
    rubrics = {r.id: r for r in list_rubrics()}
    reviews = claim_reviews([seed_analysis], ratings(seed_analysis), rubrics)
    text = to_jsonld(reviews)
    assert "</script" not in text and "<script" not in text
    assert json.loads(text) == reviews


def test_author_skips_documents_and_falls_back_to_the_publisher(seed_analysis: Analysis) -> None:
    through_report = next(
        c for c in seed_analysis.claims if c.chain and c.chain[0].type == "document"
    )
    author = claim_author(seed_analysis, through_report)
    first_body = next(h for h in through_report.chain if h.type != "document")
    assert author is not None and author["name"] == first_body.name
    own = next(c for c in seed_analysis.claims if not c.chain)
    assert claim_author(seed_analysis, own) is None  # no publisher known
    published = seed_analysis.model_copy(
        update={"article": seed_analysis.article.model_copy(update={"publisher": "Japan Forward"})}
    )
    assert claim_author(published, own) == {"@type": "Organization", "name": "Japan Forward"}
