"""Cue rules: one function per construction, tried in order on every token of a sentence.

A rule looks at one token and returns None when the construction is not there (the next rule
is tried), or the frames it found, maybe none (no later rule is tried on that token). Rules
find cues and the heads of their sources; :class:`~provenance.attribution.resolution.Resolver`
turns a head into a source and a frame. :func:`sentence_frames` runs the registry and then
orders the frames of the sentence (nesting depth, outlets relaying what they cite).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Token

from provenance import lexicon
from provenance.attribution.constructions import (
    as_clause,
    by_account,
    confirmed_with,
    given_by,
    light_verb,
    per,
    phrase_source,
    quoted_as_saying,
    said_in_statement,
    seen_by,
)
from provenance.attribution.context import Sentence
from provenance.attribution.frames import INNER, OUTER, SPEAKER, Frame
from provenance.attribution.geometry import (
    SUBJECT_DEPS,
    content,
    cover,
    in_quote,
    subject,
)
from provenance.attribution.learned import learned_nominal, learned_verb
from provenance.attribution.outlets import outlets

Rule = Callable[[Token, Sentence], list[Frame] | None]


def _prepositional(tok: Token, prep: Token, cue: str, ctx: Sentence) -> list[Frame]:
    """ "according to X", "in the words of X": X is the source of the clause it hangs on."""
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if pobj is None:  # "according to show insiders" parsed with "show" as a verb
        pobj = next((t for t in prep.subtree if t.pos_ in ("NOUN", "PROPN")), None)
    return [] if pobj is None else phrase_source(tok, pobj, cue, ctx)


def according_to(tok: Token, ctx: Sentence) -> list[Frame] | None:
    """Rule: "according to X"."""
    if tok.lower_ != "according" or tok.i + 1 >= ctx.sent.end or tok.nbor().lower_ != "to":
        return None
    return _prepositional(tok, tok.nbor(), "according to", ctx)


def in_the_words_of(tok: Token, ctx: Sentence) -> list[Frame] | None:
    """Rule: "in the words of X"."""
    if tok.lower_ != "words" or tok.head.lower_ != "in" or tok.dep_ != "pobj":
        return None
    of = next((c for c in tok.children if c.lower_ == "of"), None)
    return [] if of is None else _prepositional(tok.head, of, "in the words of", ctx)


def opening_in(tok: Token, ctx: Sentence) -> list[Frame] | None:
    """Rule: "In it, …" / "In the report, …" opening a sentence: the document already named."""
    sent = ctx.sent
    if tok.lower_ != "in" or tok.dep_ != "prep" or tok.i != sent.start:
        return None
    pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None or not (
        pobj.lower_ == "it" or lexicon.SOURCE_TYPE_NOUNS.get(pobj.lemma_.lower()) == "document"
    ):
        return []
    whole, every = (sent.start, sent.end), frozenset(t.i for t in sent)
    if pobj.lower_ == "it":
        node = next((n for n in reversed(ctx.discourse.recent) if n.type == "document"), None)
        if node is None:
            return []
        node = ctx.resolver.graph.resolve_pronoun(pobj, ctx.offset, [node]) or node
        text, start = pobj.text, ctx.offset + pobj.idx
        frame = Frame(
            cue="in",
            lemma="in",
            stance="neutral",
            node=node,
            mention=text,
            mention_start=start,
            mention_end=start + len(text),
            order=OUTER,
            cover=whole,
            content=every,
            cue_i=tok.i,
        )
        return [frame]
    if pobj.text[0].islower() and pobj.nbor(-1).lower_ not in lexicon.ANAPHORIC_DETERMINERS:
        return []
    return ctx.resolver.frame(tok, "in", pobj, OUTER, whole, every, ctx.offset)


def quoted(tok: Token, ctx: Sentence) -> list[Frame] | None:
    """Rule: a word inside quotation marks is the speaker's, never a cue of the article."""
    return [] if in_quote(tok, ctx.quotes) else None


def _citing(verb: Token, ctx: Sentence) -> list[Frame]:
    """ "Reuters, citing anonymous sources, …": the cited source is an inner hop."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or not lexicon.can_be_source(obj):
        return []  # "citing the release of prisoners" cites evidence, not a source
    covered = cover(verb.head, ctx.sent)
    return ctx.resolver.frame(verb, verb.text, obj, INNER, covered, frozenset(), ctx.offset)


def _as_explained(verb: Token, ctx: Sentence) -> list[Frame]:
    """ "As explained at the beginning, …": the latest speaker of the article."""
    if not ctx.discourse.last_chain:
        return []
    frame = ctx.discourse.last_chain[-1]
    sent = ctx.sent
    made = Frame(
        cue=f"as {verb.text}",
        lemma=verb.lemma_.lower(),
        stance="neutral",
        node=frame.node,
        mention=frame.mention,
        mention_start=frame.mention_start,
        mention_end=frame.mention_end,
        order=SPEAKER,
        cover=(sent.start, sent.end),
        content=frozenset(t.i for t in sent),
        cue_i=verb.i,
    )
    return [made]


def _is_as_explained(verb: Token) -> bool:
    return (
        verb.lemma_.lower() in lexicon.AS_EXPLAINED_CUES
        and verb.dep_ == "advcl"
        and any(c.lower_ == "as" and c.dep_ in ("mark", "advmod") for c in verb.children)
        and not any(c.dep_ in (*SUBJECT_DEPS, "agent") for c in verb.children)
    )


def _speech(verb: Token, ctx: Sentence) -> list[Frame]:
    """A cue verb of the lexicon with its subject and its content, and the outlets spoken to."""
    if any(c.dep_ == "neg" for c in verb.children):
        return []
    if verb.lemma_.lower() in lexicon.CITING_VERBS and verb.tag_ == "VBG":
        return _citing(verb, ctx)
    if _is_as_explained(verb):
        return _as_explained(verb, ctx)
    sent = ctx.sent
    attributed = content(verb, sent, ctx.quotes)
    if not attributed:
        return []
    subj = subject(verb, ctx.quotes)
    if subj is None:
        return []
    covered = cover(verb, sent)
    if min(attributed) < verb.i < max(attributed) and in_quote(
        sent.doc[min(attributed)], ctx.quotes
    ):
        covered = (sent.start, sent.end)  # “A,” Mr. Obama said, “B.”: one quotation
    frames = ctx.resolver.frame(verb, verb.text, subj, SPEAKER, covered, attributed, ctx.offset)
    if frames:
        frames.extend(outlets(verb, covered, attributed, ctx))
    return frames


def cue_verb(tok: Token, ctx: Sentence) -> list[Frame] | None:
    """Rule: a verb of the lexicon's cue verbs; None when it made no frame, so that the
    learned model may still judge it."""
    if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in lexicon.CUE_VERBS:
        return None
    return _speech(tok, ctx) or None


#: The rules in the order they are tried on each token.
RULES: tuple[Rule, ...] = (
    according_to,
    in_the_words_of,
    per,
    by_account,
    opening_in,
    quoted,
    light_verb,
    as_clause,
    confirmed_with,
    given_by,
    quoted_as_saying,
    said_in_statement,
    seen_by,
    cue_verb,
    learned_verb,
    learned_nominal,
)


def relay_outlets(frames: list[Frame]) -> list[Frame]:
    """An outlet that reports is outside what it cites: in "Bloomberg reports that …, according
    to the Roper Center" the figure is the Roper Center's, relayed by Bloomberg. (A person who
    speaks "according to a report" is inside the report, the usual order.)"""
    outlets_ = [f for f in frames if f.order == SPEAKER and f.node.type == "media"]
    return [
        replace(f, order=INNER, content=frozenset())
        if f.order == OUTER
        and f.node.type != "media"
        and f.lemma == "accord"
        and any(o.cue_i in f.content for o in outlets_)
        else f
        for f in frames
    ]


def sentence_frames(ctx: Sentence, rules: tuple[Rule, ...] = RULES) -> list[Frame]:
    """Every frame whose cue is in the sentence, with its nesting depth."""
    found: list[Frame] = []
    for tok in ctx.sent:
        for rule in rules:
            made = rule(tok, ctx)
            if made is not None:
                found.extend(made)
                break
    found = relay_outlets(found)
    found = [
        replace(f, depth=sum(1 for other in found if other is not f and f.cue_i in other.content))
        for f in found
    ]
    # "X said Y knew Z": Y's knowledge is X's claim, not a hop of its own; "X stated police
    # believe him to be 25": a belief X reports is the police's, an inner hop
    return [
        f
        for f in found
        if not (f.depth and f.stance == "belief" and f.lemma in lexicon.FACTIVE_BELIEFS)
    ]
