"""ClaimReview JSON-LD from ratings of the real seed analysis: the claim as rated, its origin
as author, the article it appeared in, the analyst's grade; hostile rationales stay data."""

from __future__ import annotations

import json

import pandas as pd

from provenance.claimreview import HISTORY_NAMESPACE, claim_author, claim_reviews, to_jsonld
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


def test_stored_reviews_carry_the_claims_history_on_request(
    db: str, seed_analysis: Analysis
) -> None:
    from provenance.claimreview import stored_reviews
    from provenance.grades import automatic_values
    from provenance.rubric import load_rubric
    from provenance.storage import Store
    from provenance.workspace import Workspace

    store = Store(db)
    store.save_analysis(seed_analysis)
    here = Workspace(store)
    rubric = load_rubric("admiralty")
    article = seed_analysis.article.id
    quote = min(
        (c for c in seed_analysis.claims if FIRST_QUOTE in c.text), key=lambda c: len(c.text)
    )
    key = here.claim_key(article, quote.id)
    values = automatic_values(rubric, here.automatic(article, quote.id, rubric))
    here.rate(article_id=article, claim_key=key, analyst="alice", rubric=rubric, values=values)
    here.set_status(article, key, "in_progress", "bob", EVIL)
    here.comment(article, key, "bob", "asked the ministry")
    here.correct(article, "chain", {"chain": [{"source": quote.chain[0].source_id}]}, "carol", key)
    here.rate(article_id=article, claim_key=key, analyst="alice", rubric=rubric, values=values,
              rationale="checked again")  # fmt: skip
    other = next(c for c in seed_analysis.claims if c.id != quote.id)
    here.comment(article, here.claim_key(article, other.id), "dan", "not this claim")

    [plain] = stored_reviews(here, ["admiralty"])
    assert plain["@context"] == "https://schema.org" and "provenance:history" not in plain
    [review] = stored_reviews(here, ["admiralty"], history=True)
    assert review["@context"] == ["https://schema.org", {"provenance": HISTORY_NAMESPACE}]
    steps = review["provenance:history"]
    assert [s["name"] for s in steps] == ["rate", "status", "comment", "correct chain", "rate"]
    assert {s["agent"]["name"] for s in steps} == {"alice", "bob", "carol"}
    assert steps[1]["description"].startswith("in_progress ") and all(
        s["@type"] == "Action" and s["startTime"] for s in steps)  # fmt: skip
    assert review["reviewBody"] == "checked again"
    # The history is data in JSON-LD that is safe inside a <script> element.
    text = to_jsonld([review])
    assert "</script>" not in text and json.loads(text)[0]["provenance:history"] == steps
    # The JSON of the analyses: the current view, each article's history on request.
    [item] = json.loads(here.analyses_json(history=True))
    assert [h["action"] for h in item["history"]][-1] == "comment"
    assert next(c for c in item["claims"] if c["id"] == quote.id)["chain"][0]["source_id"] == (
        quote.chain[0].source_id)  # fmt: skip
    assert "history" not in json.loads(here.analyses_json())[0]
    # The shell: db claimreview --history.
    from typer.testing import CliRunner

    from provenance.cli import app

    shell = CliRunner().invoke(app, ["db", "claimreview", "--history", "-r", "admiralty"])
    assert shell.exit_code == 0, shell.output
    assert json.loads(shell.stdout)[0]["provenance:history"] == steps
