"""Outlets a speaker spoke to are outer hops, when the text names a media outlet."""

from __future__ import annotations

from attribution_kit import read
from spacy.language import Language

from provenance import analyze
from provenance.attribution.frames import OUTER
from provenance.attribution.outlets import outlets


def test_an_interview_with_an_outlet(nlp: Language) -> None:
    r = read(
        nlp,
        "The minister said in an interview with the BBC that the bridge would reopen.",
        publisher="Gazette",
    )
    said = r.tok("said")
    (frame,) = outlets(said, (0, len(r.doc)), frozenset({said.i + 1}), r.ctx())
    assert frame.order == OUTER and frame.cue == "in interview with" and "BBC" in frame.mention


def test_a_person_told_is_no_outlet(nlp: Language) -> None:
    r = read(nlp, "The minister told his aides that the bridge would reopen.", publisher="G")
    assert outlets(r.tok("told"), (0, len(r.doc)), frozenset(), r.ctx()) == []


def test_told_reuters_in_one_paragraph_is_a_hop(nlp: Language) -> None:
    # issue 10: a one-paragraph text says too little to make the outlet its own publisher
    text = (
        "Iran vows to respond\n\nIran's foreign minister Javad Zarif told Reuters on Tuesday "
        "that the country would retaliate."
    )
    claim = next(c for c in analyze(text, nlp=nlp).claims if "retaliate" in c.text)
    assert [h.cue for h in claim.chain][-1] == "told Reuters"
