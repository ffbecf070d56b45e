"""The learned cue rules: they apply only where the model calls a word a cue."""

from __future__ import annotations

from attribution_kit import read
from spacy.language import Language

from provenance.attribution import learned
from provenance.attribution.cue_rules import sentence_frames


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
