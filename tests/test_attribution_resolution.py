"""Source resolution: heads to sources and frames, antecedents, passing edges."""

from __future__ import annotations

from attribution_kit import read
from spacy.language import Language

from provenance.attribution.frames import SPEAKER
from provenance.attribution.resolution import author


def test_a_noun_phrase_resolves_to_a_node_noted_as_antecedent(nlp: Language) -> None:
    r = read(nlp, "A senior official said the talks had failed.")
    found = r.resolver.source(r.tok("official"), r.par.start)
    assert found is not None
    node, text, start, end = found
    assert text == "A senior official" and r.text[start:end] == text
    assert node.anonymous and r.discourse.recent == [node]


def test_first_and_second_person_and_non_sources_resolve_to_nothing(nlp: Language) -> None:
    r = read(nlp, "We said the bridge would reopen.")
    assert r.resolver.source(r.tok("We"), r.par.start) is None
    assert r.resolver.source(r.tok("bridge"), r.par.start) is None
    assert r.discourse.recent == []


def test_a_relative_pronoun_is_its_antecedent(nlp: Language) -> None:
    r = read(nlp, "Maria Lopez, who said the bridge was safe, resigned.")
    found = r.resolver.source(r.tok("who"), r.par.start)
    assert found is not None and found[0].name == "Maria Lopez" and found[1] == "who"


def test_a_pronoun_resolves_through_the_discourse_state(nlp: Language) -> None:
    r = read(nlp, "Maria Lopez arrived late. She said the bridge was safe.")
    r.resolver.note_entities(r.sent(0), r.par.start, r.par, r.quotes)
    found = r.resolver.source(r.tok("She"), r.par.start)
    assert found is not None and found[0].name == "Maria Lopez" and found[1] == "She"


def test_a_document_by_its_named_author_stands_for_the_author(nlp: Language) -> None:
    r = read(nlp, "An investigation by PolitiFact found the claim false.")
    by = author(r.tok("investigation"))
    assert by is not None and by.text == "PolitiFact"
    assert author(r.tok("claim")) is None


def test_frame_records_the_cue_and_the_anonymity_reason(nlp: Language) -> None:
    r = read(nlp, "A senior official, speaking on condition of anonymity, said the talks failed.")
    said, official = r.tok("said"), r.tok("official")
    (frame,) = r.resolver.frame(said, "said", official, SPEAKER, (0, 5), frozenset(), 0)
    assert frame.lemma == "say" and frame.stance is not None and frame.cue_i == said.i
    assert (frame.node.anonymity_reason or "").startswith("on condition of anonymity")


def test_the_publisher_is_never_a_frame(nlp: Language) -> None:
    r = read(nlp, "The Daily Courier said the bridge would reopen.", publisher="Daily Courier")
    said = r.tok("said")
    assert r.resolver.frame(said, "said", r.tok("Courier"), SPEAKER, (0, 5), frozenset(), 0) == []


def test_document_edges_follow_the_document_through_its_passers(nlp: Language) -> None:
    r = read(
        nlp,
        "A confidential memo the Daily Courier obtained through former adviser John Park "
        "says taxes will rise.",
        publisher="Gazette",
    )
    r.resolver.document_edges(r.sent(), r.par.start)
    names = {n.id: n.name for n in r.graph.nodes}
    edges = [(names[s], names[t]) for s, t, _ in r.graph.edges]
    assert len(edges) == 2
    assert "memo" in edges[0][0] and "John Park" in edges[0][1]
    assert "John Park" in edges[1][0] and "Daily Courier" in edges[1][1]
