"""Mentions: the span, name and role read off one source mention, on real parses."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Token

from provenance.sources import mentions


def _head(nlp: Language, text: str, word: str) -> Token:
    doc = nlp(text)
    return next(t for t in doc if t.text == word)


def test_mention_spans_its_modifiers_but_not_a_relative_clause(nlp: Language) -> None:
    close = _head(nlp, "A source close to the prime minister said the deal was off.", "source")
    assert mentions.mention_span(close).text == "A source close to the prime minister"
    relative = _head(nlp, "An official, who asked not to be named, said so.", "official")
    assert mentions.mention_span(relative).text == "An official"


def test_a_name_is_the_last_run_of_proper_nouns_without_titles(nlp: Language) -> None:
    head = _head(nlp, "Former Foreign Ministry official Takeo Harada said so.", "Harada")
    span = mentions.mention_span(head)
    names = mentions.names(span)
    assert mentions.name_text(names) == "Takeo Harada"
    assert mentions.role(span, names) == "Former Foreign Ministry official"
    gov = _head(nlp, "Pennsylvania Gov. Ed Rendell said the state would pay.", "Rendell")
    assert mentions.name_text(mentions.names(mentions.mention_span(gov))) == "Ed Rendell"


def test_proper_nouns_modifying_a_common_noun_are_no_name(nlp: Language) -> None:
    head = _head(nlp, "A Foreign Ministry official said the talks had stalled.", "official")
    assert mentions.names(mentions.mention_span(head)) == []


def test_a_possessor_is_not_the_source(nlp: Language) -> None:
    head = _head(nlp, "Obama's former campaign strategist said the race was close.", "strategist")
    assert mentions.names(mentions.mention_span(head)) == []


def test_keys_and_display_forms() -> None:
    assert mentions.norm("The Ministry’s report") == mentions.norm("ministry report")
    assert mentions.strip_det("a top secret report") == "top secret report"
    assert mentions.strip_det("the") == "the"
