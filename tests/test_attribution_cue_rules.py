"""Cue rules, one construction each, on real parses; the registry's order and contract."""

from __future__ import annotations

from attribution_kit import read
from spacy.language import Language

from provenance.attribution import cue_rules
from provenance.attribution.frames import INNER, OUTER, SPEAKER


def test_according_to_names_an_outer_source(nlp: Language) -> None:
    r = read(nlp, "The bridge will reopen in May, according to the city council.")
    frames = cue_rules.according_to(r.tok("according"), r.ctx())
    assert frames is not None and len(frames) == 1
    frame = frames[0]
    assert frame.order == OUTER and frame.cue == "according to"
    assert "city council" in frame.mention
    assert r.tok("bridge").i in frame.content and r.tok("council").i not in frame.content


def test_a_rule_returns_none_when_its_construction_is_absent(nlp: Language) -> None:
    r = read(nlp, "The minister said the bridge would reopen in May.")
    ctx = r.ctx()
    said = r.tok("said")
    for rule in (cue_rules.according_to, cue_rules.in_the_words_of, cue_rules.opening_in):
        assert rule(said, ctx) is None
    assert cue_rules.quoted(said, ctx) is None
    assert cue_rules.cue_verb(r.tok("bridge"), ctx) is None


def test_in_the_words_of(nlp: Language) -> None:
    r = read(nlp, "In the words of Maria Lopez, the bridge is a disgrace.")
    frames = cue_rules.in_the_words_of(r.tok("words"), r.ctx())
    assert frames and frames[0].cue == "in the words of" and "Maria Lopez" in frames[0].mention


def test_a_word_in_quotation_marks_stops_the_rules(nlp: Language) -> None:
    r = read(nlp, "“Officials said nothing,” the mayor told reporters.")
    ctx = r.ctx()
    inner_said = r.tok("said")
    assert cue_rules.quoted(inner_said, ctx) == []
    frames = cue_rules.sentence_frames(ctx)
    assert [f.cue for f in frames] == ["told"]


def test_cue_verb_with_subject_content_and_outlet(nlp: Language) -> None:
    r = read(nlp, "The minister told Reuters that the bridge would reopen.", publisher="Courier")
    frames = cue_rules.cue_verb(r.tok("told"), r.ctx())
    assert frames is not None
    assert next((f.order, f.mention) for f in frames) == (SPEAKER, "The minister")
    assert any(f.order == OUTER and f.cue == "told Reuters" for f in frames)


def test_a_negated_cue_makes_no_frame_and_leaves_the_token_to_the_model(nlp: Language) -> None:
    r = read(nlp, "The minister did not say the bridge would reopen.")
    assert cue_rules.cue_verb(r.tok("say"), r.ctx()) is None


def test_citing_is_an_inner_hop_of_the_verb_it_hangs_on(nlp: Language) -> None:
    r = read(nlp, "Reuters, citing anonymous sources, reported that exports had stopped.")
    frames = cue_rules.sentence_frames(r.ctx())
    citing = next(f for f in frames if f.lemma == "cite")
    assert citing.order == INNER and "anonymous sources" in citing.mention
    assert next(f for f in frames if f.lemma == "report").order == SPEAKER


def test_citing_evidence_names_no_source(nlp: Language) -> None:
    r = read(nlp, "The party protested, citing rising costs.")
    assert not [f for f in cue_rules.sentence_frames(r.ctx()) if f.lemma == "cite"]


def test_nesting_depth_of_a_cue_inside_another_cues_content(nlp: Language) -> None:
    r = read(nlp, "Officials said the storm had passed, the agency reported.")
    frames = {f.lemma: f for f in cue_rules.sentence_frames(r.ctx())}
    assert frames["say"].depth == 1 and frames["report"].depth == 0


def test_knowledge_nested_in_speech_is_no_hop(nlp: Language) -> None:
    r = read(nlp, "The minister said the voters knew the bridge would reopen.")
    lemmas = [f.lemma for f in cue_rules.sentence_frames(r.ctx())]
    assert "say" in lemmas and "know" not in lemmas


def test_an_outlet_reporting_relays_what_it_cites(nlp: Language) -> None:
    r = read(nlp, "Bloomberg reports that prices rose, according to the Roper Center.", "T", "X")
    frames = {f.lemma: f for f in cue_rules.sentence_frames(r.ctx())}
    assert frames["report"].node.type == "media"
    assert frames["accord"].order == INNER and frames["accord"].content == frozenset()
    r = read(nlp, "The mayor said that prices rose, according to the Roper Center.", "T", "X")
    frames = {f.lemma: f for f in cue_rules.sentence_frames(r.ctx())}
    assert frames["accord"].order == OUTER  # a person speaks inside what they cite


def test_the_registry_tries_rules_in_order_and_stops_at_the_first_answer(nlp: Language) -> None:
    r = read(nlp, "The minister said the bridge would reopen in May.")
    assert cue_rules.RULES[0] is cue_rules.according_to
    assert cue_rules.RULES.index(cue_rules.quoted) < cue_rules.RULES.index(cue_rules.cue_verb)
    seen: list[str] = []

    def spy(tok, ctx):  # type: ignore[no-untyped-def]
        seen.append(tok.text)
        return [] if tok.text == "said" else None

    assert cue_rules.sentence_frames(r.ctx(), (spy, *cue_rules.RULES)) == []
    assert "said" in seen
    assert [f.cue for f in cue_rules.sentence_frames(r.ctx())] == ["said"]
