"""The learned cue rules: they apply only where the model calls a word a cue."""

from __future__ import annotations

from attribution_kit import read
from spacy.language import Language

from provenance.attribution import learned
from provenance.attribution.cue_rules import sentence_frames
from provenance.attribution.discourse import Discourse


def test_without_a_model_no_word_is_a_learned_cue(nlp: Language) -> None:
    r = read(nlp, "Republicans vowed to block the bill.")
    ctx = r.ctx(model=False)
    assert learned.probability(r.tok("vowed"), ctx) is None
    assert learned.learned_verb(r.tok("vowed"), ctx) == []  # a verb stops at this rule
    assert learned.learned_verb(r.tok("bill"), ctx) is None  # a noun goes on


def test_a_learned_cue_governs_what_follows_it(nlp: Language) -> None:
    r = read(nlp, "Republicans vowed to block the bill.")
    ctx = r.ctx(model=True)
    assert ctx.model is not None, "the package ships provenance/cue_model.json"
    p = learned.probability(r.tok("vowed"), ctx)
    assert p is not None and ctx.model.threshold <= p <= 1
    (frame,) = learned.learned_verb(r.tok("vowed"), ctx) or []
    assert frame.learned and frame.confidence == round(p, 3)
    assert frame.mention == "Republicans" and r.tok("bill").i in frame.content
    assert r.tok("Republicans").i not in frame.content
    assert frame.cover == (min(frame.content), max(frame.content) + 1)


def test_a_negated_learned_cue_makes_no_frame(nlp: Language) -> None:
    r = read(nlp, "Republicans did not vow to block the bill.")
    assert not [f for f in sentence_frames(r.ctx(model=True)) if f.learned]


def test_a_learned_cue_stops_at_a_clause_with_its_own_cue(nlp: Language) -> None:
    # "with officials saying …" is attributed by its own cue: the learned
    # cue's source is no outer hop of theirs
    for text, subject, cue, clause in (
        ("Germany banned the airline, with officials saying it was unsafe.", "Germany", "banned",
         "officials"),
        ("Germany banned the airline, with officials saying this is for security reasons.",
         "Germany", "banned", "officials"),
    ):  # fmt: skip
        r = read(nlp, text)
        ctx = r.ctx(model=True)
        (frame,) = learned.governed(r.tok(cue), r.tok(subject), ctx, 0.5)
        assert r.tok(clause).i not in frame.content
        assert r.tok(cue).i + 2 in frame.content  # its own object stays its content


def test_a_clause_in_a_prepositional_complement_stays_content(nlp: Language) -> None:
    r = read(nlp, "India and Pakistan spar over whether the leader belongs on the list.")
    (frame,) = learned.governed(r.tok("spar"), r.tok("India"), r.ctx(model=True), 0.5)
    assert {r.tok("whether").i, r.tok("belongs").i} <= frame.content


def test_an_unsure_learned_cue_does_not_speak_for_the_quotes_after_it(nlp: Language) -> None:
    # "North Korea fired [artillery rounds]" (31%), then an uncued quote: not North Korea's
    r = read(nlp, "North Korea fired artillery rounds at a loudspeaker.")
    for p, remembered in ((0.31, False), (0.9, True)):
        frames = learned.governed(r.tok("fired"), r.tok("Korea"), r.ctx(model=True), p)
        memory = Discourse()
        memory.spoke(tuple(frames), 0)
        assert bool(memory.quote_speaker(1, None)) is remembered


def test_a_thing_that_does_something_is_no_source(nlp: Language) -> None:
    r = read(nlp, "They fired at a loudspeaker that broadcasts propaganda into the North.")
    cue = r.tok("broadcasts")
    source = next(c for c in cue.children if c.dep_ == "nsubj")
    assert learned.governed(cue, source, r.ctx(model=True), 0.5) == []
