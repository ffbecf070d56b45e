"""Outlets a speaker spoke to ("told Reuters", "speaking on al-Masirah TV", "in an interview
with the BBC"): outer hops of the speaker's frame, when the text names a media outlet."""

from __future__ import annotations

from spacy.tokens import Token

from provenance import lexicon
from provenance.attribution.context import Sentence
from provenance.attribution.frames import OUTER, Frame
from provenance.sources import mention_span


def _in_statement(prep: Token) -> list[tuple[Token, str]]:
    """ "in an interview with the BBC", "in a statement to Reuters", "in a statement carried by
    state media"."""
    heads: list[tuple[Token, str]] = []
    for pobj in prep.children:
        if pobj.dep_ != "pobj" or pobj.lemma_ not in lexicon.STATEMENT_NOUNS:
            continue
        for sub in pobj.children:
            if sub.dep_ == "prep" and sub.lower_ in lexicon.MEDIA_PREPS:
                heads.extend(
                    (p, f"in {pobj.text} {sub.text}") for p in sub.children if p.dep_ == "pobj"
                )
            if sub.dep_ == "acl" and sub.tag_ == "VBN":  # "in a statement carried by X"
                heads.extend(
                    (p, f"in {pobj.text} {sub.text} by")
                    for by in sub.children
                    if by.dep_ == "agent"
                    for p in by.children
                    if p.dep_ == "pobj"
                )
    return heads


def _outlet_heads(verb: Token) -> list[tuple[Token, str]]:
    """Candidate outlets around a cue verb, each with the cue text its hop shows."""
    heads: list[tuple[Token, str]] = []
    for child in verb.children:
        if child.dep_ in ("dative", "dobj") and verb.lemma_ in lexicon.TELLING_VERBS:
            heads.append((child, f"{verb.text} {child.text}"))
        if child.dep_ == "prep" and child.lower_ == "in":
            heads.extend(_in_statement(child))
        elif child.dep_ == "prep" and child.lower_ in lexicon.MEDIA_PREPS:
            heads.extend(
                (pobj, f"{verb.text} {child.text}")
                for pobj in child.children
                if pobj.dep_ == "pobj"
            )
        if child.dep_ == "advcl" and child.lemma_ in lexicon.MEDIA_SPEAKING_VERBS:
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ in lexicon.MEDIA_PREPS:
                    heads.extend(
                        (p, f"{child.text} {prep.text}") for p in prep.children if p.dep_ == "pobj"
                    )
    return heads


def outlets(
    verb: Token, cover: tuple[int, int], content: frozenset[int], ctx: Sentence
) -> list[Frame]:
    """Outer-hop frames for the media outlets the speaker of ``verb`` spoke to."""
    frames: list[Frame] = []
    for head, cue in _outlet_heads(verb):
        if head.pos_ not in ("PROPN", "NOUN"):
            continue
        stype, *_ = ctx.resolver.graph.classify(mention_span(head))
        if stype != "media":
            continue
        frames.extend(ctx.resolver.frame(verb, cue, head, OUTER, cover, content, ctx.offset))
    return frames
