"""Source typing: registry first, then the head noun, then the entity label."""

from __future__ import annotations

from spacy.language import Language

from provenance.registry import load_registry
from provenance.sources.classify import Typing, classify
from provenance.sources.mentions import mention_span


def _typing(nlp: Language, text: str, word: str) -> Typing:
    head = next(t for t in nlp(text) if t.text == word)
    return classify(mention_span(head), load_registry())


def test_the_registry_types_an_outlet_spacy_calls_a_person(nlp: Language) -> None:
    typed = _typing(nlp, "Shukan Bunshun reported that the summit would go ahead.", "Bunshun")
    assert (typed.type, typed.anonymous) == ("media", False)
    assert typed.registry is not None


def test_descriptions_are_typed_by_their_head_noun(nlp: Language) -> None:
    official = _typing(nlp, "A senior official said the plan was dead.", "official")
    assert (official.type, official.anonymous) == ("person", True)
    analysts = _typing(nlp, "Analysts said the plan was dead.", "Analysts")
    assert (analysts.type, analysts.anonymous) == ("group", True)
    report = _typing(nlp, "A secret report said the plan was dead.", "report")
    assert (report.type, report.anonymous) == ("document", True)


def test_a_nationality_is_no_name_and_a_known_body_no_secret(nlp: Language) -> None:
    russian = _typing(nlp, "A Russian official said the plan was dead.", "official")
    assert russian.anonymous
    government = _typing(nlp, "The government said the plan was dead.", "government")
    assert (government.type, government.anonymous) == ("organization", False)
    media = _typing(nlp, "The media said the plan was dead.", "media")
    assert media.anonymous


def test_a_named_person_has_a_role(nlp: Language) -> None:
    typed = _typing(nlp, "Former Foreign Ministry official Takeo Harada said so.", "Harada")
    assert (typed.type, typed.anonymous) == ("person", False)
    assert typed.role == "Former Foreign Ministry official"
