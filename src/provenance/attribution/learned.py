"""Cue rules that apply the learned cue model (:mod:`provenance.cues`).

Attribution is broader than the lexicon's speech verbs ("vowed to", "is pushing for", "his
theory"). Where no rule cue applies, a verb or a possessed noun the model calls a cue makes a
frame that governs only what follows the cue, marked as learned with the model's probability.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from provenance import lexicon
from provenance.attribution.context import Sentence
from provenance.attribution.frames import SPEAKER, Frame
from provenance.attribution.geometry import cover, subject
from provenance.cues import candidate

#: Dependents of a cue that modify it rather than say anything (degree, manner, time).
ADVERBIALS = frozenset({"advmod", "npadvmod", "prt"})
#: Entity types that say where or when.
PLACES_AND_TIMES = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME"})

_FINITE, _AUX = ("MD", "VBD", "VBZ", "VBP"), ("aux", "auxpass")


def probability(tok: Token, ctx: Sentence) -> float | None:
    """The learned model's probability that ``tok`` is a cue, when it calls it one."""
    if ctx.model is None or not candidate(tok):
        return None
    p = ctx.model.probability(tok)
    return p if p >= ctx.model.threshold else None


def _mark(frames: list[Frame], p: float) -> list[Frame]:
    """Frames of a learned cue govern only their content, and say how sure the model was."""
    return [replace(f, learned=True, confidence=round(p, 3)) for f in frames]


def passive(verb: Token, ctx: Sentence, p: float) -> list[Frame]:
    """A passive the model calls a cue, with its agent: "[The nominee has been endorsed] by
    dozens of papers". The agent is the source of the clause it is the agent of."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    if (
        agent is None
        or pobj is None
        or not any(c.dep_ == "nsubjpass" for c in verb.children)
        or any(c.dep_ == "neg" for c in verb.children)
        or not lexicon.names_a_source(pobj)  # "removed by impeachment" names no one
    ):
        return []
    by = {t.i for t in agent.subtree}
    content = frozenset(t.i for t in verb.subtree if t.i not in by and not t.is_punct)
    cover = (min(content), max(content) + 1)
    frames = ctx.resolver.frame(verb, verb.text, pobj, SPEAKER, cover, content, ctx.offset)
    return _mark(frames, p)


def _circumstance(tok: Token) -> bool:
    """An adverbial, or a prepositional phrase whose object is only a place or a time."""
    if tok.dep_ in ADVERBIALS:
        return True
    children = list(tok.children)
    return (
        tok.dep_ == "prep"
        and len(children) == 1
        and children[0].dep_ == "pobj"
        and children[0].ent_type_ in PLACES_AND_TIMES
        and all(t.ent_type_ or t.dep_ in ("det", "case") for t in children[0].subtree)
    )


def _own_clause(tok: Token) -> bool:
    """An absolute clause, "with officials saying …": a circumstance of the act with a subject
    and a predicate of its own, never what the act says ("a comment about [the country being
    dependent]", "spar over [whether he belongs]", "followed up [with what appeared to be …]"
    are content)."""
    if tok.dep_ != "prep" or tok.lower_ != "with":
        return False
    return any(
        (g.dep_ == "acl" and g.tag_ == "VBG" and o.dep_ == "pobj")
        or (o.dep_ == "pcomp" and g.dep_ == "nsubj" and g.tag_ not in ("WP", "WDT"))
        for o in tok.children
        for g in o.children
    )


def reports_clause(verb: Token) -> bool:
    """Whether a verb takes a finite clause with its own subject after it ("pointed out [it
    would have been costly]", "recommends [that every country should iodise salt]"): the
    shape of reported speech, rare after verbs of doing."""
    return verb.pos_ == "VERB" and any(
        c.dep_ == "ccomp"
        and c.i > verb.i
        and any(g.dep_ == "nsubj" for g in c.children)
        and any(t.tag_ in _FINITE for t in (c, *(g for g in c.children if g.dep_ in _AUX)))
        for c in verb.children
    )


def governed(cue: Token, source: Token | None, ctx: Sentence, p: float) -> list[Frame]:
    """A word the learned model calls a cue ("vowed to", "is pushing for", "his theory"):
    its subject (or possessor) is the source of the rest of its phrase."""
    # "did not vow [to block the bill]": a negated verb negates the infinitive it governs
    negated = (cue, cue.head) if cue.dep_ == "xcomp" else (cue,)
    if source is None or any(c.dep_ == "neg" for t in negated for c in t.children):
        return []
    # "a loudspeaker that broadcasts [propaganda]": a thing that does something says nothing
    if source.tag_ in ("WDT", "WP") and not lexicon.names_a_source(cue.head):
        return []
    # what follows the cue: "approved [a bill designed to …]", "his theory [of the role]"
    complements = [
        c for c in cue.rights if c.dep_ not in ("punct", "cc", "conj") and c.lower_ != "according"
    ]
    # it stops at a clause with a subject of its own, which its own cue attributes: "banned
    # the airline, [with officials saying …]"
    ends = [i for i, c in enumerate(complements) if _own_clause(c)]
    complements = complements[: ends[0]] if ends else complements
    # an adverbial says how, where or when, not what: "the report goes [one step further]",
    # "Trump spoke [in Ohio]" are no claims (nor is nothing)
    if all(_circumstance(c) for c in complements):
        return []
    content = frozenset(t.i for c in complements for t in c.subtree)
    # what the act governs is a claim nested in the sentence, which stays the article's voice
    # ("Republicans approved [a bill …]"), unless the cue reports a clause of its own
    # ("Maróth pointed out it would have been costly"): then, as for a rule cue, its clause
    # with the source and the cue is the claim
    span = cover(cue, ctx.sent) if reports_clause(cue) else (min(content), max(content) + 1)
    frames = ctx.resolver.frame(cue, cue.text, source, SPEAKER, span, content, ctx.offset)
    return _mark(frames, p)


def learned_verb(tok: Token, ctx: Sentence) -> list[Frame] | None:
    """Rule: a verb no rule made a frame of, which the model calls a cue. Every verb stops
    here (a verb is never a nominal cue)."""
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    p = probability(tok, ctx)
    if p is None:
        return []
    return passive(tok, ctx, p) or governed(tok, subject(tok, ctx.quotes), ctx, p)


def learned_nominal(tok: Token, ctx: Sentence) -> list[Frame] | None:
    """Rule: a nominal cue, "his theory of the role", "Trump's claim that …": the possessor is
    the source."""
    p = probability(tok, ctx)
    if p is None:
        return None
    poss = next(c for c in tok.children if c.dep_ == "poss")
    return governed(tok, poss, ctx, p)
