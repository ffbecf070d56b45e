"""Chain assembly: claim drafts from units, chains from frames and the graph's edges."""

from __future__ import annotations

from attribution_kit import read
from spacy.language import Language

from provenance.attribution import chains
from provenance.attribution.cue_rules import sentence_frames
from provenance.attribution.frames import Unit
from provenance.attribution.units import units


def drafts(r, kind_hint=None):  # type: ignore[no-untyped-def]
    found = []
    for n, sent in enumerate(r.doc.sents):
        for unit in units(sent, sentence_frames(r.ctx(n))):
            made = chains.draft(unit, r.doc, r.par, r.quotes, kind_hint, r.text, r.discourse)
            if made is not None:
                found.append(made)
    return found


def test_draft_kinds_hedges_and_vagueness(nlp: Language) -> None:
    r = read(nlp, "The minister said the bridge might reopen. Exports reportedly fell.")
    said, vague = drafts(r)
    assert said.kind == "indirect" and said.hedges == ("might",) and not said.vague
    assert vague.kind == "assertion" and vague.vague and vague.frames == ()
    assert r.text[said.start : said.end] == said.text
    assert r.discourse.last_chain[0].mention == "The minister"


def test_a_quote_is_a_direct_quote_and_owns_its_quotation(nlp: Language) -> None:
    r = read(nlp, "“The bridge will reopen in May,” said Maria Lopez.")
    (made,) = drafts(r)
    assert made.kind == "direct_quote" and made.frames[0].mention == "Maria Lopez"


def test_an_unattributed_question_is_no_claim(nlp: Language) -> None:
    r = read(nlp, "Who will pay for the bridge?")
    assert drafts(r) == []


def test_a_unit_too_short_is_no_claim(nlp: Language) -> None:
    r = read(nlp, "Yes.")
    unit = Unit(start=0, end=len(r.doc))
    assert chains.draft(unit, r.doc, r.par, r.quotes, None, r.text, r.discourse) is None


def test_chain_runs_origin_first_then_along_passing_edges(nlp: Language) -> None:
    r = read(
        nlp,
        "“Taxes will rise,” said a senior official, according to a confidential memo the "
        "Daily Courier obtained through former adviser John Park.",
        publisher="Gazette",
    )
    r.resolver.document_edges(r.sent(), r.par.start)
    (made,) = drafts(r)
    hops = chains.chain(made.frames, r.graph)
    assert [h.type for h in hops] == ["person", "document", "person", "media"]
    assert hops[2].name == "John Park" and hops[3].cue == "obtained"
    assert hops[0].confidence is None


def test_claims_number_drafts_and_point_nested_ones_at_their_holder(nlp: Language) -> None:
    r = read(nlp, "The source added that Clinton had told police she did not want the escort.")
    made = chains.claims(drafts(r), r.graph)
    assert [c.id for c in made] == [f"c{n}" for n in range(1, len(made) + 1)]
    nested = [c for c in made if c.parent is not None]
    assert nested and all(c.parent == "c1" for c in nested)
    assert [h.name for h in nested[0].chain][-1] == made[0].chain[-1].name
