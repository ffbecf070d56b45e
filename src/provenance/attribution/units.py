"""Claim units: where a sentence splits into claims, and which frames each part takes.

A frame that governs only a clause (a conjunct, a relative clause) makes that clause a claim of
its own; reported speech inside reported speech is a claim nested in the sentence; a quotation
of several sentences is a claim holding them. Every function here takes units and frames and
returns new ones: no state, no source graph.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

from spacy.tokens import Doc, Span

from provenance.attribution.frames import SPEAKER, Frame, Unit
from provenance.attribution.geometry import Quotes


def clip_to_semicolons(sent: Span, frames: list[Frame]) -> list[Frame]:
    """A semicolon joins independent clauses: no frame governs across one."""
    cuts = [t.i for t in sent if t.text == ";"]
    if not cuts:
        return frames
    bounds = [sent.start, *[c + 1 for c in cuts], sent.end]
    clipped: list[Frame] = []
    for frame in frames:
        for lo, hi in itertools.pairwise(bounds):
            if frame.cue_i >= 0 and lo <= frame.cue_i < hi:
                start, end = max(frame.cover[0], lo), min(frame.cover[1], hi)
                if (start, end) != frame.cover and end > start:
                    frame = replace(frame, cover=(start, end))
                break
        clipped.append(frame)
    return clipped


def _tops(frames: list[Frame], learned: list[Frame], whole: tuple[int, int]) -> list[Frame]:
    """The outermost frames that govern part of the sentence only. Nesting inside a learned
    cue's content does not keep a frame from splitting the sentence."""
    outermost = {
        id(f) for f in frames if f.depth == sum(1 for g in learned if f.cue_i in g.content)
    }
    partial = [f for f in frames if f.cover != whole and id(f) in outermost]
    tops: list[Frame] = []
    for f in sorted(partial, key=lambda f: f.cover[0] - f.cover[1]):
        if not any(t.cover[0] <= f.cover[0] and f.cover[1] <= t.cover[1] for t in tops):
            tops.append(f)
    return tops


def _spans(sent: Span, tops: list[Frame]) -> list[tuple[int, int]]:
    """Each top frame's cover, then what is left of the sentence when it has words."""
    spans = [f.cover for f in tops]
    covered = {i for f in tops for i in range(*f.cover)}
    rest = [t for t in sent if t.i not in covered]
    if sum(t.is_alpha for t in rest) >= 2 or not tops:
        content_rest = [t.i for t in rest if not t.is_space]
        if content_rest:
            start, end = min(content_rest), max(content_rest) + 1
            while start < end and (
                (sent.doc[start].is_punct and not sent.doc[start].is_quote)
                or (sent.doc[start].dep_ == "cc" and start > sent.start)  # ", [but] refused"
            ):
                start += 1
            if start < end:
                spans.append((start, end))
    return spans


def _assign(spans: list[tuple[int, int]], frames: list[Frame], tops: list[Frame]) -> list[Unit]:
    """A frame belongs to the smallest unit holding its cue, and to a clause inside its
    content ("X said A, which B reported")."""
    units: list[Unit] = []
    for start, end in spans:
        own = [f for f in tops if f.cover == (start, end)]
        anchor = own[0].cue_i if own else None
        taken: list[Frame] = []
        for f in frames:
            if start <= f.cue_i < end:
                if not any(
                    (s, e) != (start, end) and s <= f.cue_i < e and e - s < end - start
                    for s, e in spans
                ):
                    taken.append(f)
            elif anchor is not None and anchor in f.content:
                taken.append(f)
        units.append(Unit(start=start, end=end, frames=tuple(taken)))
    return units


def _continue_lists(sent: Span, units: list[Unit]) -> list[Unit]:
    """ "X reported that A; that B; and that C": the list goes on in X's voice."""
    result = units[:1]
    for unit in units[1:]:
        before = result[-1]
        words = [t.lower_ for t in sent.doc[unit.start : unit.start + 2]]
        if (
            not unit.frames
            and before.frames
            and (words[:1] == ["that"] or words == ["and", "that"])
        ):
            unit = replace(unit, frames=before.frames)
        result.append(unit)
    return result


def units(sent: Span, frames: list[Frame]) -> list[Unit]:
    """Split a sentence where parts are attributed differently: a frame that governs only a
    clause (a conjunct, a relative clause) makes that clause a claim of its own."""
    whole = (sent.start, sent.end)
    # a learned cue that governs only what follows it ("his theory [of …]", "approved [a
    # bill]") makes a claim nested in its clause; one that asserts covers its clause
    learned = [
        f for f in frames
        if f.learned and f.content and f.cover == (min(f.content), max(f.content) + 1)
    ]  # fmt: skip
    frames = [f for f in frames if all(f is not g for g in learned)]
    tops = _tops(frames, learned, whole)
    found = _assign(_spans(sent, tops), frames, tops)
    kept, nested = reported_reports(found, whole)
    found = _continue_lists(sent, sorted([*kept, *nested], key=lambda u: u.start))
    # what a learned cue governs is a claim nested in its clause: "Trump has responded
    # [with attacks on Machado]" attributes the attacks to Trump, not the sentence
    spans = {(u.start, u.end) for u in found}
    for f in learned:
        if f.cover not in spans:
            inner = [g for g in frames if f.cover[0] <= g.cue_i < f.cover[1]]
            # "Reuters claimed an official described [a depot]": the cue's own frame is
            # nested in the frames whose content holds it
            outer = [g for g in frames if f.cue_i in g.content and g not in inner]
            found.append(
                Unit(start=f.cover[0], end=f.cover[1], frames=(f, *inner, *outer), nested=True)
            )
    return found


def reported_reports(units: list[Unit], whole: tuple[int, int]) -> tuple[list[Unit], list[Unit]]:
    """Reported speech inside reported speech ("the source added that Clinton had told police
    she did not want the escort"): the sentence is the outer source's claim; the inner clause
    is a claim nested in it, with both hops. Returns the units without the moved frames, and
    the nested units."""
    kept: list[Unit] = []
    nested: list[Unit] = []
    for unit in units:
        own = list(unit.frames)
        for inner in [
            f
            for f in own
            if f.order == SPEAKER
            and f.cover not in (whole, (unit.start, unit.end))
            and any(f.cue_i in g.content for g in own if g is not f)
        ]:
            if inner not in own:
                continue  # moved already, with a frame it sits in
            moving = [f for f in own if inner.cover[0] <= f.cue_i < inner.cover[1]]
            outer = [g for g in own if g not in moving and inner.cue_i in g.content]
            own = [f for f in own if f not in moving]
            start, end = inner.cover
            after = [i for i in inner.content if i > inner.cue_i]
            if after:
                start, end = min(after), max(after) + 1
            nested.append(Unit(start=start, end=end, frames=(*moving, *outer), nested=True))
        kept.append(replace(unit, frames=tuple(own)))
    return kept, nested


def forward_quote_speakers(units: list[Unit], doc: Doc, offset: int, quotes: Quotes) -> list[Unit]:
    """“First sentence. Second sentence,” said X: the quote's opening sentences take the
    speaker named where the quotation ends, later in the paragraph."""
    result = list(units)
    for n, unit in enumerate(units):
        if unit.frames:
            continue
        start = offset + doc[unit.start].idx
        region = next(((qs, qe) for qs, qe in quotes.regions if qs <= start < qe), None)
        if region is None:
            continue
        for later in units[n + 1 :]:
            later_start = offset + doc[later.start].idx
            speakers = [f for f in later.frames if f.order == SPEAKER]
            if later_start >= region[1]:
                # “…?” Trump said.: a frame of the next sentence whose content is this quote
                if any(unit.start <= i < unit.end for f in speakers for i in f.content):
                    result[n] = replace(unit, frames=later.frames)
                break
            if speakers:
                result[n] = replace(unit, frames=later.frames)
                break
    return result


def quotations(units: list[Unit], doc: Doc, offset: int, quotes: Quotes) -> list[Unit]:
    """A quotation of several sentences is a claim too, as it was said, holding its sentences
    (“She’s a disgrace. Those comments are a disgrace,” he said.): it is read before them,
    which become nested in it."""
    units = list(units)
    found: list[tuple[int, Unit]] = []
    for qs, qe in quotes.regions:
        inside = [
            n for n, u in enumerate(units) if not u.nested and qs <= offset + doc[u.start].idx < qe
        ]
        speakers = [units[n].frames for n in inside if units[n].frames]
        if len(inside) < 2 or not speakers:
            continue
        last = max(t.i for t in doc if offset + t.idx < qe)
        for n in inside:
            units[n] = replace(units[n], nested=True)
        found.append((inside[0], Unit(start=units[inside[0]].start, end=last + 1,
                                      frames=speakers[0])))  # fmt: skip
    for at, quotation in reversed(found):
        units.insert(at, quotation)
    return units
