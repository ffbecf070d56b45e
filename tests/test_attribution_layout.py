"""Attribution by layout: transcript labels, signatures, introducers, the headline's colon."""

from __future__ import annotations

from attribution_kit import read
from spacy.language import Language

from provenance.attribution import layout
from provenance.attribution.frames import SPEAKER, Draft


def test_a_transcript_label_speaks_the_whole_line(nlp: Language) -> None:
    r = read(nlp, "WALLACE: If I may, sir, the bridge is closed.")
    found = layout.layout_speaker(r.doc, r.par.start, r.resolver)
    assert found is not None
    frame, stop = found
    assert frame.cue == ":" and frame.mention == "WALLACE" and stop == len(r.doc)


def test_a_label_that_is_no_speaker_is_ignored(nlp: Language) -> None:
    r = read(nlp, "UPDATE: The bridge is closed.")
    assert layout.layout_speaker(r.doc, r.par.start, r.resolver) is None


def test_a_signature_ends_the_text_of_its_quotation(nlp: Language) -> None:
    r = read(nlp, "“The bridge should never have closed.” ― Krystal Correa")
    found = layout.layout_speaker(r.doc, r.par.start, r.resolver)
    assert found is not None
    frame, stop = found
    assert frame.mention == "Krystal Correa" and r.doc[stop].text == "―"


def test_a_paragraph_ending_with_a_cue_introduces_the_next_quote(nlp: Language) -> None:
    r = read(nlp, "Asked about the bridge, the minister stated:")
    found = layout.introducer(r.doc, r.par, r.quotes, r.resolver)
    assert found is not None
    frames, paragraph = found
    assert paragraph == r.par.index and frames[0].order == SPEAKER
    assert frames[0].mention == "the minister"
    plain = read(nlp, "The bridge closed on Monday.")
    assert layout.introducer(plain.doc, plain.par, plain.quotes, plain.resolver) is None


def test_a_statement_introducing_the_next_quote_is_its_authors(nlp: Language) -> None:
    # issue 10's unseen copy: a colon after a lead-in with no cue verb
    r = read(nlp, "The minister's message to the party was blunt:")
    found = layout.introducer(r.doc, r.par, r.quotes, r.resolver)
    assert found is not None and "minister" in found[0][0].mention
    assert "message" not in found[0][0].mention


def _draft(r, frames=(), nested=False):  # type: ignore[no-untyped-def]
    return Draft(text=r.doc.text, start=r.par.start, end=r.par.end, kind="headline",
                 paragraph=0, hedges=(), vague=False, question=False, frames=frames,
                 nested=nested)  # fmt: skip


def test_a_headline_colon_names_its_source(nlp: Language) -> None:
    r = read(nlp, "Putin uses bases as a test of loyalty: secret report", headline="x")
    (made,) = layout.headline([_draft(r)], r.doc, r.par.start, r.resolver)
    assert [f.mention for f in made.frames] == ["secret report"]
    assert made.frames[0].node.type == "document"


def test_a_headline_with_a_cue_keeps_its_frames(nlp: Language) -> None:
    r = read(nlp, "Minister: the bridge will reopen", headline="x")
    label = layout.layout_speaker(r.doc, r.par.start, r.resolver)
    assert label is None  # a label is capitals only; the headline pass reads the colon
    (made,) = layout.headline([_draft(r)], r.doc, r.par.start, r.resolver)
    assert [f.mention for f in made.frames] == ["Minister"]
    spoken = _draft(r, frames=made.frames)
    assert layout.headline([spoken], r.doc, r.par.start, r.resolver) == [spoken]
