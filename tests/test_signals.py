"""Signals on the real seed analysis and on short articles run through the real pipeline."""

from __future__ import annotations

import pytest
from spacy.language import Language

from provenance import analyze
from provenance.models import Analysis, Claim
from provenance.registry import load_registry
from provenance.signals import (
    CATALOGUE,
    Reading,
    SignalContext,
    catalogue,
    claim_table,
    get,
    value_key,
)


def claim_with(analysis: Analysis, words: str) -> Claim:
    """The claim whose text holds ``words`` (the test fails clearly when there is none)."""
    found = [c for c in analysis.claims if words in c.text]
    assert found, f"no claim with {words!r} in {[c.text[:40] for c in analysis.claims]}"
    return found[0]


def read(analysis: Analysis, claim: Claim, name: str) -> Reading | list[Reading]:
    sig = get(name)
    ctx = SignalContext(analysis)
    return sig.read_claim(ctx, claim) if sig.level == "claim" else sig.read_hops(ctx, claim)


def test_catalogue_is_documented_and_named_once() -> None:
    names = [s.name for s in catalogue()]
    assert len(names) == len(set(names)) == len(CATALOGUE) >= 20
    for sig in catalogue():
        assert sig.description.strip(), sig.name
        assert sig.level in ("claim", "hop")
        if sig.values is not None:
            assert len(sig.values) == len(set(sig.values)) >= 2, sig.name


def test_every_reading_on_the_seed_is_a_declared_value(seed_analysis: Analysis) -> None:
    ctx = SignalContext(seed_analysis)
    for claim in seed_analysis.claims:
        for sig in catalogue():
            readings = (
                [sig.read_claim(ctx, claim)] if sig.level == "claim" else sig.read_hops(ctx, claim)
            )
            assert sig.level == "claim" or len(readings) == len(claim.chain)
            for reading in readings:
                if sig.values is None:
                    assert isinstance(reading.value, int) and reading.value >= 0
                else:
                    assert value_key(reading.value) in sig.values, (
                        sig.name,
                        reading.value,
                        claim.text[:40],
                    )
                for word in reading.evidence:
                    assert isinstance(word, str) and word


def test_first_quote_signals(seed_analysis: Analysis) -> None:
    claim = claim_with(seed_analysis, "have no intention to discuss")
    assert read(seed_analysis, claim, "hops").value == 4
    assert read(seed_analysis, claim, "anonymous_hops").value == 2
    origin = read(seed_analysis, claim, "origin_anonymous")
    assert origin.value is True and "Russian government official" in origin.evidence[0]
    assert read(seed_analysis, claim, "sourcing").value == "anonymous_several"
    document = read(seed_analysis, claim, "document")
    assert document.value == "unpublished"
    assert {"secret", "obtained"} <= {w.lower() for w in document.evidence}
    assert read(seed_analysis, claim, "secondhand_media").value is True
    # the named relays are fully identified, the official has organization and role
    specificity = [r.value for r in read(seed_analysis, claim, "hop_specificity")]
    assert specificity[0] == 2 and specificity[2:] == [3, 3]


def test_declaration_is_a_published_document(seed_analysis: Analysis) -> None:
    claim = claim_with(seed_analysis, "will be returned to Japan after concluding a peace treaty")
    assert read(seed_analysis, claim, "document").value == "published"
    assert read(seed_analysis, claim, "sourcing").value == "named"


def test_source_close_to_prime_minister(seed_analysis: Analysis) -> None:
    claim = claim_with(seed_analysis, "totally unacceptable")
    assert read(seed_analysis, claim, "sourcing").value == "anonymous_single"
    (knowledge,) = read(seed_analysis, claim, "hop_knowledge")
    assert knowledge.value == "indirect" and "close to" in knowledge.evidence
    (specificity,) = read(seed_analysis, claim, "hop_specificity")
    assert specificity.value == 0  # "a source": whom it is close to does not describe it
    content = read(seed_analysis, claim, "content")
    assert content.value == "opinion" and "unacceptable" in content.evidence
    assert read(seed_analysis, claim, "right_of_reply").value == "not_mentioned"


def test_plain_facts_are_the_articles_own_voice(seed_analysis: Analysis) -> None:
    claim = claim_with(seed_analysis, "will hold a summit meeting this month")
    assert not claim.chain
    assert read(seed_analysis, claim, "sourcing").value == "own_voice"
    assert read(seed_analysis, claim, "hops").value == 0
    assert read(seed_analysis, claim, "origin_type").value == "none"


def test_hop_reliability_uses_the_registry_the_text_and_f_for_anonymous(
    seed_analysis: Analysis,
) -> None:
    claim = claim_with(seed_analysis, "have no intention to discuss")
    readings = read(seed_analysis, claim, "hop_reliability")
    registry = load_registry()
    for hop, reading in zip(claim.chain, readings, strict=True):
        if hop.anonymous:
            assert reading.value == "F" and "anonymous" in reading.note
            continue
        src = seed_analysis.source(hop.source_id)
        entry = registry.lookup(src.registry or hop.name)
        if entry is not None:
            assert reading.value == entry.reliability, hop.name
        elif hop.type in ("person", "organization") and (hop.role or src.role):
            assert reading.value == "C" and "on the record" in reading.note, hop.name
        else:
            assert reading.value == "F", hop.name
    assert "C" in [r.value for r in readings]  # Takeo Harada, former Foreign Ministry official


@pytest.fixture(scope="module")
def anonymous_article(nlp: Language) -> Analysis:
    return analyze(
        "A senior Defense Ministry official, who attended the meeting, said the talks had "
        "failed. The official spoke on condition of anonymity because he was not authorized "
        "to discuss the matter.\n\nCritics say the plan is likely to cost more than expected."
        "\n\nThe chief executive claimed the cuts were necessary. A spokesman denied that any "
        "plant would close. The ministry did not respond to a request for comment.",
        nlp=nlp,
    )


def test_anonymous_source_described_well(anonymous_article: Analysis) -> None:
    claim = claim_with(anonymous_article, "the talks had failed")
    (specificity,) = read(anonymous_article, claim, "hop_specificity")
    assert specificity.value == 3  # organization, rank and role
    (reason,) = read(anonymous_article, claim, "hop_anonymity_reason")
    assert reason.value == "given"
    assert any("on condition of anonymity" in words for words in reason.evidence)
    (knowledge,) = read(anonymous_article, claim, "hop_knowledge")
    assert knowledge.value == "direct" and "who attended" in knowledge.evidence


def test_vague_attribution_and_estimative_words(anonymous_article: Analysis) -> None:
    claim = claim_with(anonymous_article, "likely to cost more")
    assert read(anonymous_article, claim, "vague").value is True
    assert read(anonymous_article, claim, "sourcing").value == "vague"
    assert read(anonymous_article, claim, "estimative").value == "likely"
    assert read(anonymous_article, claim, "factuality").value == "probable"


def test_cue_stance_from_the_verb(anonymous_article: Analysis) -> None:
    claimed = claim_with(anonymous_article, "the cuts were necessary")
    assert [r.value for r in read(anonymous_article, claimed, "hop_stance")] == ["distancing"]
    denied = claim_with(anonymous_article, "any plant would close")
    assert [r.value for r in read(anonymous_article, denied, "hop_stance")] == ["denial"]
    # "would" in reported speech is not a hedge
    assert read(anonymous_article, denied, "factuality").value == "certain"
    assert read(anonymous_article, denied, "right_of_reply").value == "sought"


def test_claim_table_has_one_row_per_claim(seed_analysis: Analysis) -> None:
    table = claim_table(seed_analysis)
    assert len(table) == len(seed_analysis.claims)
    assert list(table["claim_id"]) == [c.id for c in seed_analysis.claims]
    assert (table["hops"] == [len(c.chain) for c in seed_analysis.claims]).all()


@pytest.mark.parametrize(
    ("sentence", "hedges", "factuality"),
    [
        ("The minister said the bridge would reopen in May.", 0, "certain"),
        ("The minister said the bridge would reopen on May 5.", 0, "certain"),
        ("The minister said the bridge may reopen in May.", 1, "possible"),
        ("In May, the minister said, the bridge may reopen.", 1, "possible"),
    ],
)
def test_the_month_may_is_no_hedge(
    sentence: str, hedges: int, factuality: str, nlp: Language
) -> None:
    """'in May' is a date on the parse: neither the claim's hedges nor the signals count it,
    while the modal 'may' in the same claim still hedges it."""
    analysis = analyze(f"Headline here\n\n{sentence}", nlp=nlp)
    claim = claim_with(analysis, "bridge")
    ctx = SignalContext(analysis)
    assert ("may" in claim.hedges) == bool(hedges)
    assert get("hedges").read_claim(ctx, claim).value == hedges
    assert get("factuality").read_claim(ctx, claim).value == factuality
