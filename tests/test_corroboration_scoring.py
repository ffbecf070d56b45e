"""Corroboration in scoring: Admiralty credibility 1 only with an independent confirmation, echoes
never confirm, and a named source on the record with a role outranks a single anonymous
source relayed by another outlet under every shipped rubric."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from provenance.corroboration import corroborate
from provenance.corroboration.collection import read_collection
from provenance.models import Analysis, Claim, ClaimScore
from provenance.rubric import load_rubric, rubric_files
from provenance.scoring import score, score_frame

ROOT = Path(__file__).resolve().parents[1]
COLLECTION = ROOT / "data" / "corroboration"
WIRE = ROOT / "tests" / "data" / "wire"
RUBRICS = sorted(p.stem for p in rubric_files())


@pytest.fixture(scope="module")
def collection(nlp: Language) -> list[Analysis]:
    return [a for _, a in (i for i in read_collection([str(COLLECTION)]) if isinstance(i, tuple))]


@pytest.fixture(scope="module")
def wire(nlp: Language) -> list[Analysis]:
    return [a for _, a in (i for i in read_collection([str(WIRE)]) if isinstance(i, tuple))]


def _article(analyses: list[Analysis], article_id: str) -> Analysis:
    return next(a for a in analyses if a.article.id == article_id)


def _claim(analysis: Analysis, words: str) -> Claim:
    return next(c for c in analysis.claims if words in c.text and c.parent is None)


def _scored(analysis: Analysis, claim: Claim, rubric: str, **kw: object) -> ClaimScore:
    results = score(analysis, rubric, **kw)  # type: ignore[arg-type]
    return next(r for r in results if r.claim_id == claim.id)


def test_rubrics_are_the_shipped_ones() -> None:
    assert {"admiralty", "newsroom", "epistemic"} <= set(RUBRICS)


def test_credibility_1_needs_an_independent_line(collection: list[Analysis]) -> None:
    """AP's report of the FT's scoop: 2 alone, 2 among echoes of the FT only, 1 once the BBC's
    union official and Bloomberg's sources are in the collection."""
    result = corroborate(collection)
    ap = _article(collection, "ap_citing_ft")
    claim = _claim(ap, "plans to close its Ashford plant")
    alone = _scored(ap, claim, "admiralty")
    echoes = [a for a in collection if a.article.id in {"ap_citing_ft", "reuters_citing_ft"}]
    echoed = _scored(ap, claim, "admiralty", corroboration=corroborate(echoes))
    together = _scored(ap, claim, "admiralty", corroboration=result)
    assert alone.axes["credibility"] == echoed.axes["credibility"] == "2"
    assert together.axes["credibility"] == "1"
    crit = next(c for c in together.criteria if c.signal == "corroboration")
    assert crit.value == "confirmed" and crit.points == crit.weight
    # the breakdown names the confirming lines: the union official and Bloomberg's sources
    assert "Maria Lopez" in crit.note and "Bloomberg News" in crit.note
    assert "confirmed by independent lines" in together.explain()


def test_echoes_never_confirm(collection: list[Analysis]) -> None:
    echoes_only = [
        a for a in collection
        if a.article.id in {"ft_scoop", "reuters_citing_ft", "ap_citing_ft", "metro_leaked_memo",
                            "evening_post_via_reuters"}
    ]  # fmt: skip
    result = corroborate(echoes_only)
    frame = score_frame(echoes_only, "admiralty", corroboration=result)
    lead = frame[frame["text"].str.contains("Ashford plant|Ashford works|Ashford steelworks")]
    assert len(lead) >= 5
    assert set(lead["independent_confirmation_value"]) == {"echoed"}
    assert not (lead["credibility"] == "1").any()
    assert all("Financial Times" in e for e in lead["independent_confirmation_evidence"])


def test_a_denied_claim_is_flagged(collection: list[Analysis]) -> None:
    kept = [a for a in collection if a.article.id in {"ft_scoop", "sky_denial"}]
    result = corroborate(kept)
    ft = _article(kept, "ft_scoop")
    claim = _claim(ft, "plans to close its Ashford plant next spring")
    for rubric in RUBRICS:
        scored = _scored(ft, claim, rubric, corroboration=result)
        assert any("denied in another article" in n for n in scored.notes), rubric
        assert scored.needs_review, rubric


def _pairs(analysis: Analysis) -> tuple[list[Claim], list[Claim]]:
    """(named person with a role on the record, single anonymous source relayed by an outlet)."""
    named = [
        c for c in analysis.claims
        if len(c.chain) == 1 and not c.chain[0].anonymous and c.chain[0].type == "person"
        and (c.chain[0].role or analysis.source(c.chain[0].source_id).role)
    ]  # fmt: skip
    relayed = [
        c for c in analysis.claims
        if len(c.chain) == 2 and c.chain[0].anonymous and c.chain[1].type == "media"
    ]  # fmt: skip
    return named, relayed


@pytest.mark.parametrize("rubric", RUBRICS)
def test_named_on_record_outranks_anonymous_relayed_on_wire_copy(
    wire: list[Analysis], rubric: str
) -> None:
    order = load_rubric(rubric).grade_order()
    for analysis in wire:
        named, relayed = _pairs(analysis)
        assert named and relayed, analysis.article.id
        results = {r.claim_id: r for r in score(analysis, rubric)}
        for a in named:
            for b in relayed:
                high, low = results[a.id], results[b.id]
                assert high.score > low.score, (analysis.article.id, a.text, b.text)
                if not load_rubric(rubric).grades.axes:
                    assert order.index(high.grade) <= order.index(low.grade)
                else:
                    assert high.axes["reliability"] < low.axes["reliability"]  # C before F


@pytest.mark.parametrize("rubric", RUBRICS)
def test_named_on_record_outranks_the_single_anonymous_source_on_the_seed(
    seed_analysis: Analysis, rubric: str
) -> None:
    results = {r.claim_id: r for r in score(seed_analysis, rubric)}
    harada = [
        c for c in seed_analysis.claims
        if c.chain and c.chain[0].name == "Takeo Harada" and c.kind == "direct_quote"
    ]  # fmt: skip
    single = _claim(seed_analysis, "totally unacceptable")
    assert harada and single.chain[0].anonymous
    for claim in harada:
        assert results[claim.id].score > results[single.id].score, rubric
    admiralty = {r.claim_id: r for r in score(seed_analysis, "admiralty")}
    assert admiralty[harada[0].id].axes["reliability"] == "C"
    note = next(c.note for c in admiralty[harada[0].id].criteria if c.signal == "hop_reliability")
    assert "named on the record" in note
