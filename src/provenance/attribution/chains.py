"""Chain assembly: units become typed claim drafts, drafts become claims with their chains.

A draft is made as the paragraph is read (its kind, hedges, whether it is a question), since a
quote with no cue of its own takes its speaker from the discourse state at that point; its chain
is built at the end, when the source graph holds every passing edge ("a report Shukan Bunshun
obtained through Harada"). The headline is its own pass (:mod:`provenance.attribution.layout`).
"""

from __future__ import annotations

from spacy.tokens import Doc

from provenance import lexicon
from provenance.attribution.discourse import Discourse
from provenance.attribution.frames import Draft, Frame, Unit
from provenance.attribution.geometry import Quotes, is_date, is_question, quoted_share
from provenance.claims import OPENING_QUOTES, Paragraph
from provenance.models import Claim, ClaimKind, Hop, Stance
from provenance.sources import Node, SourceGraph


def _kind(
    unit: Unit, frames: tuple[Frame, ...], text: str, quoted: float, hint: ClaimKind | None
) -> ClaimKind:
    if hint and not unit.nested:
        return hint
    if quoted >= 0.5 or (quoted >= 0.3 and text[0] in OPENING_QUOTES + '"'):
        return "direct_quote"  # “…,” said X: a quotation with its attribution
    return "indirect" if frames else "assertion"


def _only_attribution(unit: Unit) -> bool:
    """“…?” Trump said.: the attribution of the sentence before, no claim itself."""
    return bool(unit.frames) and all(
        unit.start <= f.cue_i < unit.end and f.content and max(f.content) < unit.start
        for f in unit.frames
    )


def draft(
    unit: Unit,
    doc: Doc,
    par: Paragraph,
    quotes: Quotes,
    kind_hint: ClaimKind | None,
    text: str,
    discourse: Discourse,
) -> Draft | None:
    """The claim ``unit`` makes in the article ``text``, or None when it makes none; a claim
    read updates who spoke last."""
    span = doc[unit.start : unit.end]
    start, end = par.start + span.start_char, par.start + span.end_char
    claim_text = text[start:end]
    if sum(t.is_alpha for t in span) < 2 or _only_attribution(unit):
        return None
    quoted = quoted_share(start, end, quotes)
    region = next(((qs, qe) for qs, qe in quotes.regions if qs <= start < qe), None)
    frames = unit.frames
    if not frames and quoted >= 0.5:
        frames = discourse.quote_speaker(par.index, region)
    if frames and region is not None and quoted >= 0.5:
        discourse.own_quote(region, frames)
    question = is_question(claim_text)
    spoken = quoted >= 0.5 or any(f.cue == ":" for f in frames)  # a transcript line
    if question and not (frames and spoken):
        return None  # a question in the article's own voice asserts nothing
    discourse.spoke(frames, par.index)
    lowered = f" {claim_text.lower()} "
    return Draft(
        text=claim_text,
        start=start,
        end=end,
        kind=_kind(unit, frames, claim_text, quoted, kind_hint),
        paragraph=par.index,
        hedges=tuple(
            sorted({t.lower_ for t in span if t.lower_ in lexicon.HEDGES and not is_date(t)})
        ),
        vague=not frames and any(v in lowered for v in lexicon.VAGUE_ATTRIBUTION),
        question=question,
        frames=frames,
        nested=unit.nested,
    )


def _hop(
    node: Node,
    text: str,
    cue: str | None,
    stance: Stance | None,
    start: int | None,
    end: int | None,
) -> Hop:
    return Hop(
        source_id=node.id,
        text=text,
        name=node.name,
        type=node.type,
        anonymous=node.anonymous,
        role=node.role,
        cue=cue,
        stance=stance,
        start=start,
        end=end,
    )


def chain(frames: tuple[Frame, ...], graph: SourceGraph) -> list[Hop]:
    """Frames ordered origin first, then the outermost source's own provenance."""
    ordered = sorted(frames, key=lambda f: (-f.depth, f.order, f.cue_i))
    hops: list[Hop] = []
    for f in ordered:
        if hops and hops[-1].source_id == f.node.id:
            continue
        hop = _hop(f.node, f.mention, f.cue, f.stance, f.mention_start, f.mention_end)
        hops.append(hop.model_copy(update={"confidence": f.confidence}))
    if not hops:
        return hops
    for node_id in graph.outward(hops[-1].source_id):
        node = graph.node(node_id)
        if any(h.source_id == node_id for h in hops):
            continue
        cue = next(c for s, t, c in graph.edges if t == node_id)
        first = node.mentions[0] if node.mentions else None
        text = first.text if first else node.name
        hops.append(
            _hop(node, text, cue, "neutral", first.start if first else None,
                 first.end if first else None)
        )  # fmt: skip
    return hops


def claims(drafts: list[Draft], graph: SourceGraph) -> list[Claim]:
    """The article's claims, chains built once the whole source graph is known; a nested
    claim points at the smallest claim holding it."""
    made = [
        Claim(
            id=f"c{n}",
            text=d.text,
            start=d.start,
            end=d.end,
            kind=d.kind,
            chain=chain(d.frames, graph),
            hedges=list(d.hedges),
            vague=d.vague,
            question=d.question,
            paragraph=d.paragraph,
        )
        for n, d in enumerate(drafts, start=1)
    ]
    for claim, d in zip(made, drafts, strict=True):
        if d.nested:
            holders = [
                c for c in made
                if c is not claim and c.start <= claim.start and claim.end <= c.end
            ]  # fmt: skip
            if holders:
                claim.parent = min(holders, key=lambda c: c.end - c.start).id
    return made
