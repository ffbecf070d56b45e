"""Frames and the clause geometry the attribution reader works with.

A :class:`Frame` is one act of attribution (a cue, its source, what it covers and attributes);
a :class:`Unit` is a stretch of a sentence that becomes one claim. The functions here read the
dependency parse (is this child the cue's content? is this "…, said X" hung on its sentence?)
or rearrange the frames of one sentence; they keep no state, unlike the reader.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from provenance import lexicon
from provenance.models import Stance
from provenance.sources import Node

#: Order of frames within one clause: inner hops ("citing X"), the speaker, outer hops
#: ("according to Y", "told Reuters").
INNER, SPEAKER, OUTER = 0, 1, 2


@dataclass
class Frame:
    """One act of attribution in a sentence (token indices are the paragraph doc's)."""

    cue: str
    lemma: str
    stance: Stance | None
    node: Node
    mention: str
    mention_start: int
    mention_end: int
    order: int
    cover: tuple[int, int]
    content: frozenset[int]
    cue_i: int
    depth: int = 0
    learned: bool = False  # found by the learned model: it governs only its own content
    confidence: float | None = None  # the learned model's probability; None for the rules


@dataclass
class Unit:
    """A stretch of a sentence that becomes one claim."""

    start: int  # token index, inclusive
    end: int  # token index, exclusive
    frames: list[Frame] = field(default_factory=list)
    nested: bool = False  # inside a larger claim: what a cue governs, a sentence of a quotation


def is_content(verb: Token, child: Token, lemma: str) -> bool:
    """Whether a child of a cue verb is (part of) what the cue attributes."""
    dep = child.dep_
    if dep == "ccomp" or (dep == "parataxis" and child.i > verb.i):
        return True
    if dep == "xcomp":
        return lexicon.CUE_VERBS.get(lemma) == "belief" or lemma in lexicon.XCOMP_CUES
    if dep in ("dobj", "oprd") and child.pos_ != "PRON":
        return (
            lemma in lexicon.NP_OBJECT_CUES
            or child.lower_ in ("that", "this")
            or (lexicon.CUE_VERBS.get(lemma) == "evidence" and document_subject(verb))
        )
    if dep == "npadvmod":  # "publications reporting either December 27 or 28"
        return lemma in lexicon.NP_OBJECT_CUES
    if dep == "nsubjpass":  # "the issue was first reported by The Washington Post"
        return lemma in lexicon.AGENT_CUES and any(c.dep_ == "agent" for c in verb.children)
    if dep == "prep" and child.lower_ == "as":  # "described Hamza as an emerging figure"
        return lemma in lexicon.AS_CUES
    return dep == "prep" and child.lower_ in ("for", "of") and lemma in lexicon.FOR_OF_CUES


SPEAKER_LABEL = re.compile(r"^\s*[\"“]?([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}):\s")
# a quotation signed after a dash, as in letters pages and vox pops: "“…” ― Krystal Correa"
SIGNATURE = re.compile(
    r"[”\"’]\s*(?P<dash>―|—|–|--?)\s*"
    r"(?P<name>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|del|da|van|von|der|la|le|al|bin)){0,5})"
    r"\.?\s*$"
)


def outlets_relay(frames: list[Frame]) -> None:
    """An outlet that reports is outside what it cites: in "Bloomberg reports that …, according
    to the Roper Center" the figure is the Roper Center's, relayed by Bloomberg. (A person who
    speaks "according to a report" is inside the report, the usual order.)"""
    outlets = [f for f in frames if f.order == SPEAKER and f.node.type == "media"]
    for frame in frames:
        if (
            frame.order == OUTER
            and frame.node.type != "media"
            and frame.lemma == "accord"
            and any(o.cue_i in frame.content for o in outlets)
        ):
            frame.order, frame.content = INNER, frozenset()


def reported_reports(units: list[Unit], whole: tuple[int, int]) -> list[Unit]:
    """Reported speech inside reported speech ("the source added that Clinton had told police
    she did not want the escort"): the sentence is the outer source's claim; the inner clause
    is a claim nested in it, with both hops."""
    nested: list[Unit] = []
    for unit in units:
        for inner in [
            f
            for f in unit.frames
            if f.order == SPEAKER
            and f.cover not in (whole, (unit.start, unit.end))
            and any(f.cue_i in g.content for g in unit.frames if g is not f)
        ]:
            if inner not in unit.frames:
                continue  # moved already, with a frame it sits in
            moving = [f for f in unit.frames if inner.cover[0] <= f.cue_i < inner.cover[1]]
            outer = [g for g in unit.frames if g not in moving and inner.cue_i in g.content]
            unit.frames = [f for f in unit.frames if f not in moving]
            span = inner.cover
            after = [i for i in inner.content if i > inner.cue_i]
            if after:
                span = (min(after), max(after) + 1)
            nested.append(Unit(*span, frames=[*moving, *outer], nested=True))
    return nested


def anonymity_reason(sent: Span) -> str | None:
    """Why the source is not named, as the sentence says it: "on condition of anonymity because
    they were not authorized to speak publicly"."""
    lowered = sent.text.lower()
    for phrase in lexicon.ANONYMITY_REASONS:
        at = lowered.find(phrase)
        if at >= 0:
            return re.split(r"[,;.]\s", sent.text[at:] + " ", maxsplit=1)[0].strip()
    return None


def has_verb(span: Span) -> bool:
    return any(t.pos_ in ("VERB", "AUX") for t in span)


def forward_quote_speakers(
    units: list[Unit], doc: Doc, offset: int, quotes: list[tuple[int, int]]
) -> None:
    """“First sentence. Second sentence,” said X: the quote's opening sentences take the
    speaker named where the quotation ends, later in the paragraph."""
    for n, unit in enumerate(units):
        if unit.frames:
            continue
        start = offset + doc[unit.start].idx
        region = next(((qs, qe) for qs, qe in quotes if qs <= start < qe), None)
        if region is None:
            continue
        for later in units[n + 1 :]:
            later_start = offset + doc[later.start].idx
            speakers = [f for f in later.frames if f.order == SPEAKER]
            if later_start >= region[1]:
                # “…?” Trump said.: a frame of the next sentence whose content is this quote
                if any(unit.start <= i < unit.end for f in speakers for i in f.content):
                    unit.frames = list(later.frames)
                break
            if speakers:
                unit.frames = list(later.frames)
                break


def quotations(
    units: list[Unit], doc: Doc, offset: int, quotes: list[tuple[int, int]]
) -> list[tuple[int, Unit]]:
    """A quotation of several sentences is a claim too, as it was said, holding its sentences
    (“She’s a disgrace. Those comments are a disgrace,” he said.). Returns each with the index
    of its first sentence's unit, so that it can be read before them."""
    found: list[tuple[int, Unit]] = []
    for qs, qe in quotes:
        inside = [
            n for n, u in enumerate(units) if not u.nested and qs <= offset + doc[u.start].idx < qe
        ]
        speakers = [units[n].frames for n in inside if units[n].frames]
        if len(inside) < 2 or not speakers:
            continue
        last = max(t.i for t in doc if offset + t.idx < qe)
        for n in inside:
            units[n].nested = True
        found.append((inside[0], Unit(units[inside[0]].start, last + 1, list(speakers[0]))))
    return found


def clip_to_semicolons(sent: Span, frames: list[Frame]) -> None:
    """A semicolon joins independent clauses: no frame governs across one."""
    cuts = [t.i for t in sent if t.text == ";"]
    if not cuts:
        return
    bounds = [sent.start, *[c + 1 for c in cuts], sent.end]
    for frame in frames:
        if frame.cue_i < 0:
            continue
        for lo, hi in itertools.pairwise(bounds):
            if lo <= frame.cue_i < hi:
                start, end = max(frame.cover[0], lo), min(frame.cover[1], hi)
                if (start, end) != frame.cover and end > start:
                    frame.cover = (start, end)
                break


def parenthetical(verb: Token) -> bool:
    """ "…, said X." or "Acts of protest, Mr. Obama said, are …": a short cue clause hung on
    the sentence it attributes."""
    return (
        verb.dep_ in ("parataxis", "ccomp", "advcl", "conj")
        and verb.head.dep_ == "ROOT"
        and clause_size(verb) <= 10
        and not any(c.dep_ in ("ccomp", "xcomp") for c in verb.children)
        and (verb.i > verb.head.i or after_comma(verb))
    )


def trailing_cue(verb: Token) -> int | None:
    """ "A happened, but B followed, another source said.": a cue closing its sentence after a
    comma attributes all that comes before, however the parser hung it. Returns the comma."""
    sent = verb.sent
    if verb.dep_ == "ROOT" or any(not t.is_punct for t in verb.doc[verb.i + 1 : sent.end]):
        return None
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.i > verb.i:
        return None
    comma = subj.left_edge.i - 1
    if comma <= sent.start or verb.doc[comma].text != ",":
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in verb.doc[subj.right_edge.i + 1 : verb.i]):
        return None  # "…, whose office said" has a clause of its own between
    return comma


def own_clause(verb: Token) -> list[int]:
    """Token indices of the cue's own clause, without a clause the parser hung on it."""
    hung = {t.i for c in verb.children if c.dep_ in ("advcl", "npadvmod") for t in c.subtree}
    return [t.i for t in verb.subtree if t.i not in hung]


def clause_size(verb: Token) -> int:
    return len(own_clause(verb))


def after_comma(verb: Token) -> bool:
    """Whether the clause of ``verb`` opens right after a comma: ", Mr. Clarke said,"."""
    doc, left = verb.doc, min(own_clause(verb))
    while left < verb.i and doc[left].is_punct:
        left += 1
    before = left - 1
    while before > verb.sent.start and doc[before].is_quote:
        before -= 1  # “…,” Mr. Obama said, “…”
    return left > verb.sent.start and doc[before].text == ","


def document_subject(verb: Token) -> bool:
    """Whether the verb's subject is a study, report, poll…: "the study found higher rates"."""
    return any(
        c.dep_ == "nsubj" and lexicon.SOURCE_TYPE_NOUNS.get(c.lemma_.lower()) == "document"
        for c in verb.children
    )


def in_quote(tok: Token, quotes: list[tuple[int, int]]) -> bool:
    pos = tok.doc.user_data.get("offset", 0) + tok.idx
    return any(qs < pos < qe for qs, qe in quotes)


def quoted_share(start: int, end: int, quotes: list[tuple[int, int]]) -> float:
    if end <= start:
        return 0.0
    inside = sum(max(0, min(end, qe) - max(start, qs)) for qs, qe in quotes)
    return inside / (end - start)


def is_question(text: str) -> bool:
    stripped = text.rstrip(" \"”’'")
    return stripped.endswith("?")
