"""Clause geometry: pure functions over real parses."""

from __future__ import annotations

from attribution_kit import read
from spacy.language import Language

from provenance.attribution import geometry
from provenance.attribution.learned import reports_clause


def test_subject_of_a_cue_verb_and_of_a_passive_agent(nlp: Language) -> None:
    r = read(nlp, "The minister said the bridge would reopen in May.")
    assert geometry.subject(r.tok("said"), r.quotes).text == "minister"
    r = read(nlp, "The plan was first reported by The Washington Post.")
    assert geometry.subject(r.tok("reported"), r.quotes).text == "Post"


def test_a_quoted_word_is_never_the_subject(nlp: Language) -> None:
    r = read(nlp, "“My reaction is anger,” the strategist said.")
    assert geometry.subject(r.tok("said"), r.quotes).text == "strategist"


def test_a_conjunct_takes_the_subject_of_its_head(nlp: Language) -> None:
    r = read(nlp, "The mayor met the unions and said the strike would end.")
    assert geometry.subject(r.tok("said"), r.quotes).text == "mayor"


def test_content_is_the_complement_clause(nlp: Language) -> None:
    r = read(nlp, "The minister said the bridge would reopen in May.")
    content = geometry.content(r.tok("said"), r.sent(), r.quotes)
    assert {r.doc[i].text for i in content} >= {"bridge", "reopen", "May"}
    assert r.tok("minister").i not in content


def test_a_parenthetical_cue_attributes_its_sentence(nlp: Language) -> None:
    r = read(nlp, "Acts of protest, Mr. Obama said, are part of democracy.")
    said = r.tok("said")
    assert geometry.parenthetical(said)
    assert geometry.cover(said, r.sent()) == (r.sent().start, r.sent().end)
    assert r.tok("democracy").i in geometry.content(said, r.sent(), r.quotes)


def test_a_trailing_cue_after_a_comma_attributes_what_comes_before(nlp: Language) -> None:
    r = read(nlp, "Prices rose sharply, but wages followed, another source said.")
    comma = geometry.trailing_cue(r.tok("said"))
    assert comma is not None and r.doc[comma].text == ","
    assert geometry.trailing_cue(r.tok("rose")) is None


def test_cover_of_a_relative_clause_cue_is_its_clause(nlp: Language) -> None:
    r = read(nlp, "The attacks triggered fires, which state media said were under control.")
    start, end = geometry.cover(r.tok("said"), r.sent())
    assert r.doc[start:end].text == "which state media said were under control"
    assert geometry.cover(r.tok("triggered"), r.sent()) == (r.sent().start, r.sent().end)


def test_no_cover_beyond_a_negated_or_missing_content(nlp: Language) -> None:
    r = read(nlp, "The company called the meeting.")
    assert geometry.content(r.tok("called"), r.sent(), r.quotes) == frozenset()


def test_quote_helpers_on_offsets() -> None:
    assert geometry.quoted_share(0, 10, geometry.Quotes(((0, 5),), 0)) == 0.5
    assert geometry.quoted_share(5, 5, geometry.Quotes(((0, 10),), 0)) == 0.0
    assert geometry.is_question("“Who would have believed it?”")
    assert not geometry.is_question("He asked why.")


def test_in_quote_reads_the_paragraph_offset_from_the_quotes(nlp: Language) -> None:
    r = read(nlp, "“Taxes will rise,” said the official.")
    assert geometry.in_quote(r.tok("Taxes"), r.quotes)
    assert not geometry.in_quote(r.tok("official"), r.quotes)


def test_a_capitalised_month_after_a_preposition_or_beside_a_number_is_a_date(
    nlp: Language,
) -> None:
    r = read(nlp, "Talks may resume in May, on May 5 or by 5 May 2027, officials said.")
    mays = [t for t in r.doc if t.lower_ == "may"]
    assert [geometry.is_date(t) for t in mays] == [False, True, True, True]
    r = read(nlp, "May the bridge stand. Theresa May said it may.")
    assert not any(geometry.is_date(t) for t in r.doc if t.lower_ == "may")


def test_an_object_with_its_infinitive_is_reported_content(nlp: Language) -> None:
    # dev 05: the cited sources sit inside what the outlets reported, so they are an inner hop
    r = read(
        nlp,
        "On July 31, multiple news outlets reported Hamza bin Laden to be dead citing sources "
        "within the United States Department of Defense.",
    )
    content = geometry.content(r.tok("reported"), r.sent(), r.quotes)
    assert {r.tok("Laden").i, r.tok("dead").i, r.tok("citing").i} <= content
    r = read(nlp, "The company called the meeting.")
    assert r.tok("meeting").i not in geometry.content(r.tok("called"), r.sent(), r.quotes)


def test_a_clause_around_the_speaking_is_outside_the_cover(nlp: Language) -> None:
    # dev 05: the reward is the article's voice, not the State Department's description
    r = read(
        nlp,
        'The US State Department described Hamza bin Laden in March of this year as an "emerging"'
        " figure in the Al-Qaeda organization when they offered a one million US dollar reward.",
    )
    start, end = geometry.cover(r.tok("described"), r.sent())
    assert r.doc[start:end].text.endswith("organization")
    r = read(nlp, "The company said it would cut jobs, but refused to say how many.")
    start, end = geometry.cover(r.tok("said"), r.sent())
    assert r.doc[start:end].text == "The company said it would cut jobs"
    # a content clause ("asked whether") and a conjoined cue stay in
    r = read(nlp, "Reporters asked whether the plant would close and said workers were worried.")
    assert geometry.cover(r.tok("asked"), r.sent()) == (r.sent().start, r.sent().end)


def test_a_finite_clause_after_a_verb_is_reported_speech(nlp: Language) -> None:
    r = read(nlp, "Maróth pointed out it would have been much more costly to research it.")
    assert reports_clause(r.tok("pointed"))
    r = read(nlp, "LRIT allows states to examine data about ships bearing their flag.")
    assert not reports_clause(r.tok("allows"))


def test_an_opening_clause_without_a_subject_is_the_speakers(nlp: Language) -> None:
    # Wikinews 09: "While not naming any other bidders," is Maróth's act, no claim of its own
    r = read(nlp, "While not naming any other bidders, Maróth said the Hungarian bid won.")
    assert geometry.cover(r.tok("said"), r.sent())[0] == r.sent().start
    r = read(nlp, "Although the company complied, other sites have stated they will not.")
    assert r.doc[geometry.cover(r.tok("stated"), r.sent())[0]].text == "other"


def test_a_passive_relative_clause_names_no_source(nlp: Language) -> None:
    r = read(nlp, "The senator, who was accused of taking bribes, denied the charges.")
    assert geometry.subject(r.tok("accused"), r.quotes) is None
    assert geometry.subject(r.tok("denied"), r.quotes).text == "senator"


def test_a_request_asserts_nothing(nlp: Language) -> None:
    r = read(nlp, "Officials urged residents to leave the area.")
    assert r.tok("leave").i not in geometry.content(r.tok("urged"), r.sent(), r.quotes)
