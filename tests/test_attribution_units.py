"""Claim units: how sentences split into claims, and which frames each part takes."""

from __future__ import annotations

from dataclasses import replace

from attribution_kit import read
from spacy.language import Language

from provenance.attribution import units as u
from provenance.attribution.cue_rules import sentence_frames
from provenance.attribution.frames import Unit


def texts(r, found):  # type: ignore[no-untyped-def]
    return [(r.doc[x.start : x.end].text, [f.cue for f in x.frames], x.nested) for x in found]


def test_a_clause_attributed_on_its_own_is_its_own_unit(nlp: Language) -> None:
    r = read(nlp, "The attacks triggered fires, which state media said were under control.")
    found = u.units(r.sent(), sentence_frames(r.ctx()))
    # the clause is a claim of state media; the rest of the sentence (spanning it) has none
    assert texts(r, found) == [
        ("The attacks triggered fires, which state media said were under control.", [], False),
        ("which state media said were under control", ["said"], False),
    ]


def test_a_sentence_attributed_whole_is_one_unit(nlp: Language) -> None:
    r = read(nlp, "The minister said the bridge would reopen in May.")
    found = u.units(r.sent(), sentence_frames(r.ctx()))
    assert texts(r, found) == [("The minister said the bridge would reopen in May.", ["said"],
                                False)]  # fmt: skip


def test_semicolons_clip_covers(nlp: Language) -> None:
    r = read(nlp, "The minister said the bridge is safe; the river rose anyway.")
    whole = (r.sent().start, r.sent().end)
    frames = [replace(f, cover=whole) for f in sentence_frames(r.ctx())]
    clipped = u.clip_to_semicolons(r.sent(), frames)
    semi = r.tok(";").i
    assert clipped[0].cover == (r.sent().start, semi + 1)
    assert frames[0].cover == whole  # a new frame, the old one unchanged
    no_semi = read(nlp, "The minister said the bridge is safe.")
    same = sentence_frames(no_semi.ctx())
    assert u.clip_to_semicolons(no_semi.sent(), same) == same


def test_reported_speech_inside_reported_speech_is_a_nested_claim(nlp: Language) -> None:
    r = read(nlp, "The source added that Clinton had told police she did not want the escort.")
    found = u.units(r.sent(), sentence_frames(r.ctx()))
    nested = [x for x in found if x.nested]
    assert len(nested) == 1
    assert "did not want the escort" in r.doc[nested[0].start : nested[0].end].text
    assert sorted(f.cue for f in nested[0].frames) == ["added", "told"]
    assert [f.cue for f in found[0].frames] == ["added"]


def test_a_quotation_of_several_sentences_holds_them(nlp: Language) -> None:
    r = read(nlp, "“She is a disgrace. Those comments are a disgrace,” the mayor said.")
    found: list[Unit] = []
    for sent in r.doc.sents:
        found.extend(u.units(sent, sentence_frames(r.ctx(list(r.doc.sents).index(sent)))))
    found = u.forward_quote_speakers(found, r.doc, r.par.start, r.quotes)
    assert all(x.frames for x in found)  # the first sentence takes the speaker named later
    whole = u.quotations(found, r.doc, r.par.start, r.quotes)
    assert len(whole) == len(found) + 1
    assert not whole[0].nested and all(x.nested for x in whole[1:])
    assert r.doc[whole[0].start : whole[0].end].text.startswith("“She is a disgrace.")


def test_a_list_of_that_clauses_goes_on_in_the_speakers_voice(nlp: Language) -> None:
    r = read(nlp, "The minister said the bridge is safe.")
    frames = tuple(sentence_frames(r.ctx()))
    first = Unit(start=0, end=3, frames=frames)
    later = Unit(start=3, end=5)
    assert u._continue_lists(r.sent(), [first, later])[1].frames == ()
    that = read(nlp, "The minister said that A rose; that B fell.")
    bare = [first, replace(later, start=that.tok("that", 1).i)]
    assert u._continue_lists(that.sent(), bare)[1].frames == frames


def test_a_clause_around_the_speaking_is_a_claim_in_the_articles_voice(nlp: Language) -> None:
    r = read(nlp, "The company said it would cut jobs, but refused to say how many.")
    found = u.units(r.sent(), sentence_frames(r.ctx()))
    assert texts(r, found)[:2] == [
        ("The company said it would cut jobs", ["said"], False),
        ("refused to say how many.", [], False),
    ]


def test_a_learned_cue_that_reports_a_clause_makes_its_clause_the_claim(nlp: Language) -> None:
    # Wikinews 24: "pointed out" is no lexicon cue; the model finds it, and what it reports is
    # a finite clause, so the source and the cue belong to the claim (not a nested fragment)
    r = read(
        nlp,
        "Bennett pointed out that North Korea did not have nuclear weapons for many years after "
        "the end of the Korean War in 1953.",
    )
    found = texts(r, u.units(r.sent(), sentence_frames(r.ctx(model=True))))
    assert found == [(r.sent().text, ["pointed"], False)]


def test_a_reported_belief_is_an_inner_hop(nlp: Language) -> None:
    # Wikinews 08: the police's belief, reported by their press officer
    r = read(nlp, "Police press officer Monika Kosiec stated police believe him to be aged 25.")
    found = u.units(r.sent(), sentence_frames(r.ctx()))
    assert sorted(f.cue for x in found for f in x.frames) >= ["believe", "stated"]
    knew = read(nlp, "The minister said the mayor knew the bridge was unsafe.")
    assert [f.cue for f in sentence_frames(knew.ctx())] == ["said"]
