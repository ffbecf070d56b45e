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


def test_a_hyphenated_name_is_kept_whole(nlp: Language) -> None:
    kim = _head(nlp, "North Korean leader Kim Jong-Un said the army was ready.", "Un")
    assert mentions.name_text(mentions.names(mentions.mention_span(kim))) == "Kim Jong-Un"
    assert mentions.surname(mentions.names(mentions.mention_span(kim))) == "Jong-Un"
    # the tagger calls the part after the hyphen a common noun: still the name
    expert = _head(
        nlp, "Another expert, Bong Young-shik from Yonsei University, said so.", "expert"
    )
    assert mentions.name_text(mentions.names(mentions.mention_span(expert))) == "Bong Young-shik"


def test_a_noun_for_a_person_before_a_name_is_its_role(nlp: Language) -> None:
    head = _head(nlp, "Prosecutor Ana Lopes said the case was strong.", "Lopes")
    span = mentions.mention_span(head)
    names = mentions.names(span)
    assert mentions.name_text(names) == "Ana Lopes"
    assert mentions.role(span, names) == "Prosecutor"


def test_layout_and_bare_names_are_never_a_role(nlp: Language) -> None:
    doc = nlp("LONDON (Reuters) - Union leader Pieter Bos said the strike was over.")
    head = next(t for t in doc if t.text == "Bos")
    span = doc[0 : head.i + 1]  # a mention that swallowed the dateline
    assert mentions.role(span, mentions.names(mentions.mention_span(head))) == "Union leader"
    trump = _head(nlp, "Trump later said the vote was rigged.", "Trump")
    assert mentions.role(mentions.mention_span(trump), []) is None
    # an abbreviated title with its state is a role; an age or a bare honorific is not
    sen = _head(nlp, "Massachusetts Sen. Elizabeth Warren said the bank lied.", "Warren")
    span = mentions.mention_span(sen)
    assert mentions.role(span, mentions.names(span)) == "Massachusetts Sen."
    for text, word in [("John Smith, 58, said it.", "Smith"), ("Mr. Stumpf said it.", "Stumpf")]:
        span = mentions.mention_span(_head(nlp, text, word))
        assert mentions.role(span, mentions.names(span)) is None


def test_a_day_is_no_part_of_a_name(nlp: Language) -> None:
    # Wikinews 07: the parser joins the day to the name after it
    head = _head(nlp, "It was reported on Saturday Sirhan Sirhan was stabbed.", "Sirhan")
    head = head if head.dep_ != "compound" else head.head
    span = mentions.mention_span(head)
    assert mentions.name_text(mentions.names(span)) == "Sirhan Sirhan"
    assert not span.text.startswith("Saturday")


def test_anonymity_reason_is_read_from_the_sentence(nlp: Language) -> None:
    text = (
        "An official, who spoke on condition of anonymity because he was not authorized to "
        "speak publicly, said talks had failed."
    )
    reason = mentions.anonymity_reason(next(nlp(text).sents))
    assert reason is not None and reason.startswith("on condition of anonymity")
    assert mentions.anonymity_reason(next(nlp("The minister spoke.").sents)) is None


def test_a_bodys_name_runs_on_after_of_and_an_office_is_no_name(nlp: Language) -> None:
    # Wikinews 06, 12, 04: the name was cut at "of", or took the end of the office
    uni = _head(nlp, "The University of Cambridge had been hosting a program.", "University")
    span = mentions.mention_span(uni)
    assert mentions.name_text(mentions.names(span)) == "University of Cambridge"
    assert mentions.role(span, mentions.names(span)) is None
    pompeo = _head(nlp, "US Secretary of State Mike Pompeo said Germany acted.", "Pompeo")
    span = mentions.mention_span(pompeo)
    assert mentions.name_text(mentions.names(span)) == "Mike Pompeo"
    assert mentions.role(span, mentions.names(span)) == "US Secretary of State"
