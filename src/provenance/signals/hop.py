"""Hop signals: read one element of the chain; a rubric says how a chain's hops combine."""

from __future__ import annotations

import re

from provenance.models import Hop
from provenance.registry import normalize as normalize_name
from provenance.signals.base import SOURCE_TYPES, STANCES, Reading, Signal
from provenance.signals.claim import document_status
from provenance.signals.context import SignalContext
from provenance.signals.words import (
    DIRECT,
    INDIRECT,
    ORG,
    PROXIMITY,
    RANK,
    REASON,
    RELIABILITY_LETTERS,
    ROLE,
    cue_stance,
    find_all,
)


def _hop_stance(ctx: SignalContext, hop: Hop) -> Reading:
    stance, words = cue_stance(hop)
    return Reading(stance, (words,) if words else (), f"{hop.name}: {stance}")


def _hop_type(ctx: SignalContext, hop: Hop) -> Reading:
    return Reading(hop.type, (hop.text or hop.name,))


def _hop_named(ctx: SignalContext, hop: Hop) -> Reading:
    note = "described, not named" if hop.anonymous else "named"
    return Reading(not hop.anonymous, (hop.text or hop.name,), f"{hop.name}: {note}")


def _specificity_parts(ctx: SignalContext, hop: Hop) -> list[str]:
    """The organization, rank and role words of a described source (proximity tails dropped)."""
    found: list[str] = []
    for part in ctx.description(hop).split(" | "):
        head = PROXIMITY.split(part)[0]
        if hop.type == "document":  # "top secret" is a classification, not a rank
            head = re.sub(r"top\s+secret", "secret", head, flags=re.IGNORECASE)
        for pattern in (ORG, RANK, ROLE):
            found += [w for w in find_all(pattern, head) if w.lower() not in map(str.lower, found)]
    return found


def _hop_specificity(ctx: SignalContext, hop: Hop) -> Reading:
    if not hop.anonymous:
        return Reading(3, (hop.text or hop.name,), f"{hop.name}: named")
    words = _specificity_parts(ctx, hop)
    lowered = " ".join(words)
    facets = sum(bool(find_all(p, lowered)) for p in (ORG, RANK, ROLE))
    return Reading(facets, (hop.text, *words), f"{hop.text}: {facets} of organization/rank/role")


def _hop_anonymity_reason(ctx: SignalContext, hop: Hop) -> Reading:
    if not hop.anonymous:
        return Reading("named", (), f"{hop.name}: named")
    src = ctx.sources.get(hop.source_id)
    if src is not None and src.anonymity_reason:
        return Reading("given", (src.anonymity_reason,), "reason for anonymity given")
    # the reason often comes in the next sentence ("The official spoke on condition of...")
    words = find_all(REASON, ctx.window(hop, before=0, after=220, cut=False))
    if words:
        return Reading("given", tuple(words), "reason for anonymity given")
    return Reading("not_given", (hop.text,), f"{hop.text}: no reason for anonymity")


def _hop_knowledge(ctx: SignalContext, hop: Hop) -> Reading:
    around = ctx.window(hop, before=0, after=70)
    direct = find_all(DIRECT, around)
    if direct:
        return Reading("direct", (hop.text, *direct), "in a position to know first-hand")
    indirect = find_all(INDIRECT, around)
    if indirect:
        return Reading("indirect", (hop.text, *indirect), "knows at second hand")
    return Reading("unstated", (hop.text,), "how the source knows is not said")


def _hop_document(ctx: SignalContext, hop: Hop) -> Reading:
    return document_status(ctx, hop)


def _hop_reliability(ctx: SignalContext, hop: Hop) -> Reading:
    """The source register's letter (analysts, registry, roles and track record across the
    collection), else the registry's, else what the text shows: a named person or organization
    on the record with a role, or a published document, is C ("fairly reliable": some
    confidence can be based on it); anonymous sources stay F."""
    words = (hop.text or hop.name,)
    if hop.anonymous:
        return Reading("F", words, f"{hop.text or hop.name}: anonymous, cannot be judged")
    known = ctx.register.get(normalize_name(hop.name))
    if known is not None and known.letter in RELIABILITY_LETTERS:
        return Reading(known.letter, words, f"{hop.name}: {known.letter}, {known.reason}")
    src = ctx.sources.get(hop.source_id)
    entry = ctx.registry.lookup(src.registry if src and src.registry else hop.name)
    if entry is not None and entry.reliability in RELIABILITY_LETTERS:
        letter = entry.reliability
        return Reading(letter, words, f"{hop.name}: {letter} from the registry")
    role = hop.role or (src.role if src else None)
    if hop.type in ("person", "organization") and role:
        return Reading("C", (*words, role), f"{hop.name}: named on the record, {role}")
    if hop.type == "document" and document_status(ctx, hop).value == "published":
        return Reading("C", words, f"{hop.name}: a named, published document")
    return Reading("F", words, f"{hop.name}: named, but no role or track record")


#: The hop signals, in catalogue order.
HOP_SIGNALS: tuple[Signal, ...] = (
    Signal("hop_type", "hop", "Source type of the hop.", SOURCE_TYPES, _hop_type),
    Signal("hop_named", "hop", "The hop's source is named (true) or only described "
           "(false).", ("true", "false"), _hop_named),
    Signal("hop_specificity", "hop", "How specifically a described source is identified: "
           "one point each for organization, rank and role (0-3); named sources 3.",
           ("0", "1", "2", "3"), _hop_specificity),
    Signal("hop_anonymity_reason", "hop", "Reason for anonymity: 'named' (not anonymous), "
           "'given' (Source.anonymity_reason or 'on condition of anonymity'...), "
           "'not_given'.", ("named", "given", "not_given"), _hop_anonymity_reason),
    Signal("hop_knowledge", "hop", "Direct-knowledge cues near the source: direct ('who "
           "attended'), indirect ('familiar with', 'close to'), unstated.",
           ("direct", "indirect", "unstated"), _hop_knowledge),
    Signal("hop_stance", "hop", "Stance of the cue verb: neutral 'said', distancing "
           "'claimed', endorsing 'confirmed', belief, evidence 'showed', denial "
           "(Hop.stance, else from the cue words).", STANCES, _hop_stance),
    Signal("hop_document", "hop", "For a document hop: published, unpublished or unknown; "
           "'not_document' otherwise.", ("not_document", "published", "unknown",
                                          "unpublished"), _hop_document),
    Signal("hop_reliability", "hop", "Admiralty source reliability A-F: the analysts' "
           "letter from the source register, else the registry's; else C for a named "
           "person or organization on the record with a role, or a published document; "
           "F (cannot be judged) for anonymous sources and named ones with no role.",
           RELIABILITY_LETTERS, _hop_reliability),
)  # fmt: skip
