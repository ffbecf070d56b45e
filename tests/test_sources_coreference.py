"""Mention resolution: names, descriptions and pronouns linked to the source met before."""

from __future__ import annotations

from spacy.language import Language

from provenance import analyze
from provenance.registry import load_registry
from provenance.sources import SourceGraph, mention_span


def _graph(nlp: Language, text: str, word: str) -> tuple[SourceGraph, list[str]]:
    """Resolve every mention headed by ``word`` in order; the node id each became."""
    doc = nlp(text)
    graph = SourceGraph(load_registry(), text)
    ids = [graph.resolve(mention_span(t), 0).id for t in doc if t.text == word]
    return graph, ids


def test_surname_and_full_name_are_one_source(nlp: Language) -> None:
    text = "Takeo Harada spoke first. Later Harada said the report was real."
    graph, ids = _graph(nlp, text, "Harada")
    assert len(ids) == 2 and ids[0] == ids[1]
    assert graph.node(ids[0]).type == "person"


def test_a_definite_description_points_back(nlp: Language) -> None:
    text = "A top secret report said the talks failed. The report also said more."
    graph, ids = _graph(nlp, text, "report")
    assert len(ids) == 2 and len(set(ids)) == 1
    assert graph.node(ids[0]).name == "top secret report"
    assert len(graph.node(ids[0]).mentions) == 2


def test_a_headline_description_grows_to_the_fuller_one(nlp: Language) -> None:
    doc = nlp("Secret report leaked. A top secret report said the talks failed.")
    graph = SourceGraph(load_registry(), doc.text)
    heads = [t for t in doc if t.text == "report"]
    first = graph.resolve(mention_span(heads[0]), 0)
    second = graph.resolve(mention_span(heads[1]), 0)
    assert first.id == second.id and first.name == "top secret report"


def test_pronouns_take_the_latest_source_of_a_fitting_type(nlp: Language) -> None:
    analysis = analyze(
        "Talks stall\n\nThe ministry issued a report on Monday. Minister Anna Berg said the "
        "talks had stalled. She said they would resume in May.",
        nlp=nlp,
    )
    chains = {c.text: [h.name for h in c.chain] for c in analysis.claims}
    resumed = next(chain for text, chain in chains.items() if "resume" in text)
    assert resumed == ["Anna Berg"]
