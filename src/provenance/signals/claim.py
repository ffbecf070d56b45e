"""Claim signals: read the claim as a whole (hops, sourcing, hedging, documents...)."""

from __future__ import annotations

from collections.abc import Callable

from provenance.models import Claim, Hop
from provenance.signals.base import SOURCE_TYPES, Reading, Signal
from provenance.signals.context import SignalContext
from provenance.signals.words import (
    BOOSTER,
    ESTIMATIVE,
    ESTIMATIVE_WORDS,
    HEDGE_POSSIBLE,
    HEDGE_PROBABLE,
    MONTHS,
    NOT_HEDGES,
    OPINION,
    PUBLISHED,
    UNPUBLISHED,
    VAGUE,
    VAGUE_SUBJECT,
    cue_stance,
    find_all,
)


def _per_claim(compute: Callable[[SignalContext, Claim], Reading]) -> Callable[..., Reading]:
    """Compute a claim reading once per claim: other signals build on it (factuality, vague)."""

    def cached(ctx: SignalContext, claim: Claim) -> Reading:
        key = (compute.__name__, claim.id)
        if key not in ctx.memo:
            ctx.memo[key] = compute(ctx, claim)
        return ctx.memo[key]

    return cached


def _hop_words(chain: list[Hop]) -> tuple[str, ...]:
    return tuple(hop.text or hop.name for hop in chain)


def _hops(ctx: SignalContext, claim: Claim) -> Reading:
    n = len(claim.chain)
    return Reading(n, _hop_words(claim.chain), f"{n} hop(s): {claim.rendered_chain}" if n else "")


def _anonymous_hops(ctx: SignalContext, claim: Claim) -> Reading:
    anon = [hop for hop in claim.chain if hop.anonymous]
    return Reading(len(anon), _hop_words(anon))


def _origin_anonymous(ctx: SignalContext, claim: Claim) -> Reading:
    if not claim.chain:
        return Reading(False, (), "the article's own voice")
    origin = claim.chain[0]
    note = "anonymous origin" if origin.anonymous else "named origin"
    return Reading(origin.anonymous, (origin.text or origin.name,), note)


def _origin_type(ctx: SignalContext, claim: Claim) -> Reading:
    if not claim.chain:
        return Reading("none", (), "the article's own voice")
    origin = claim.chain[0]
    return Reading(origin.type, (origin.text or origin.name,))


@_per_claim
def _vague(ctx: SignalContext, claim: Claim) -> Reading:
    sentence_words = find_all(VAGUE, ctx.sentence(claim.start, claim.end))
    if claim.vague:
        return Reading(True, tuple(sentence_words), "attributed to no one in particular")
    if len(claim.chain) == 1 and claim.chain[0].anonymous:
        hop = claim.chain[0]
        if VAGUE_SUBJECT.holds(hop.text or hop.name):
            words = (hop.text, hop.cue) if hop.cue else (hop.text,)
            return Reading(True, words, f"'{hop.text}': no one in particular")
    if claim.chain or not sentence_words:
        return Reading(False)
    return Reading(True, tuple(sentence_words), "vague attribution")


def _sourcing(ctx: SignalContext, claim: Claim) -> Reading:
    chain = claim.chain
    vague = _vague(ctx, claim)
    if vague.value:
        return Reading("vague", vague.evidence, "attributed to no one in particular")
    if not chain:
        return Reading("own_voice", (), "asserted by the article itself")
    anon = [hop for hop in chain if hop.anonymous]
    words = _hop_words(anon)
    if not anon:
        return Reading("named", _hop_words(chain), "every hop is named")
    if len(anon) > 1:
        return Reading("anonymous_several", words, f"{len(anon)} anonymous hops in one chain")
    if chain[0].anonymous:
        return Reading("anonymous_single", words, "a single anonymous source")
    return Reading("anonymous_relay", words, "a named origin passed on by an anonymous relay")


@_per_claim
def _estimative(ctx: SignalContext, claim: Claim) -> Reading:
    for band, pattern in ESTIMATIVE_WORDS.items():  # worst first: the most uncertain word wins
        words = find_all(pattern, claim.text)
        if words:
            return Reading(band, tuple(words), "words of estimative probability")
    return Reading("none")


def _hedge_words(claim: Claim) -> tuple[list[str], list[str]]:
    """(possible-level, probable-level) hedges: the claim's own list plus the lexicon. A
    capitalised month the engine did not list ("in May": a date on the parse) is no hedge."""
    listed = {h.lower() for h in claim.hedges}

    def hedging(word: str) -> bool:
        return not (word[:1].isupper() and word.lower() in MONTHS and word.lower() not in listed)

    possible = [w for w in find_all(HEDGE_POSSIBLE, claim.text) if hedging(w)]
    probable = [w for w in find_all(HEDGE_PROBABLE, claim.text) if hedging(w)]
    known = {w.lower() for w in possible + probable}
    for hedge in claim.hedges:
        if hedge.lower() not in known and hedge.lower() not in NOT_HEDGES:
            (possible if HEDGE_POSSIBLE.holds(hedge) else probable).append(hedge)
            known.add(hedge.lower())
    return possible, probable


def _hedges(ctx: SignalContext, claim: Claim) -> Reading:
    possible, probable = _hedge_words(claim)
    words = possible + probable
    return Reading(len(words), tuple(words))


def _boosters(ctx: SignalContext, claim: Claim) -> Reading:
    words = find_all(BOOSTER, claim.text)
    return Reading(len(words), tuple(words))


@_per_claim
def _factuality(ctx: SignalContext, claim: Claim) -> Reading:
    possible, probable = _hedge_words(claim)
    band = _estimative(ctx, claim)
    if possible or band.value in ("even_chance", "unlikely", "very_unlikely", "almost_no_chance"):
        return Reading("possible", (*possible, *band.evidence), "hedged to a possibility")
    if probable or band.value in ("likely", "very_likely"):
        return Reading("probable", (*probable, *band.evidence), "hedged to a probability")
    return Reading("certain", tuple(find_all(BOOSTER, claim.text)), "stated without hedging")


def _speech(ctx: SignalContext, claim: Claim) -> Reading:
    if claim.kind == "direct_quote":
        return Reading("direct", (), "quoted word for word")
    if claim.kind == "headline":
        return Reading("headline")
    if claim.chain:
        return Reading("reported", (claim.chain[-1].cue or "",) if claim.chain[-1].cue else ())
    return Reading("own_voice")


def _content(ctx: SignalContext, claim: Claim) -> Reading:
    fact = _factuality(ctx, claim)
    if fact.value == "possible":
        return Reading("speculation", fact.evidence, "hedged to a possibility")
    belief = [hop.cue for hop in claim.chain if cue_stance(hop)[0] == "belief" and hop.cue]
    opinion = find_all(OPINION, claim.text)
    if belief or opinion:
        return Reading("opinion", (*opinion, *belief), "evaluative words or a belief verb")
    return Reading("information")


def document_status(ctx: SignalContext, hop: Hop) -> Reading:
    if hop.type != "document":
        return Reading("not_document")
    around = ctx.window(hop, before=30, after=60)
    secret = find_all(UNPUBLISHED, around)
    if secret:
        return Reading("unpublished", (hop.text, *secret), "not public: cannot be checked")
    public = find_all(PUBLISHED, around)
    if public or not hop.anonymous:
        why = "named document" if not public else "published"
        return Reading("published", (hop.text, *public), why)
    return Reading("unknown", (hop.text,), "whether it is public is not said")


_DOCUMENT_ORDER = ("unpublished", "unknown", "published")


def _document(ctx: SignalContext, claim: Claim) -> Reading:
    readings = [document_status(ctx, hop) for hop in claim.chain if hop.type == "document"]
    for status in _DOCUMENT_ORDER:  # the least checkable document decides
        hits = [r for r in readings if r.value == status]
        if hits:
            words = tuple(w for r in hits for w in r.evidence)
            return Reading(status, words, hits[0].note)
    return Reading("none")


def _secondhand_media(ctx: SignalContext, claim: Claim) -> Reading:
    media = [hop for hop in claim.chain if hop.type == "media"]
    if media:
        return Reading(True, _hop_words(media), "relayed from another outlet's reporting")
    return Reading(False)


def _right_of_reply(ctx: SignalContext, claim: Claim) -> Reading:
    return ctx.right_of_reply


#: The claim signals, in catalogue order.
CLAIM_SIGNALS: tuple[Signal, ...] = (
    Signal("hops", "claim", "Hops in the chain, origin to outermost reporter (0: the "
           "article's own voice).", None, _hops),
    Signal("anonymous_hops", "claim", "Hops whose source is described, not named.", None,
           _anonymous_hops),
    Signal("origin_anonymous", "claim", "The origin of the chain is anonymous.",
           ("true", "false"), _origin_anonymous),
    Signal("origin_type", "claim", "Source type of the origin ('none' for the article's "
           "own voice).", (*SOURCE_TYPES, "none"), _origin_type),
    Signal("sourcing", "claim", "How the claim is sourced: the article's own voice, vague "
           "attribution, all named, one anonymous source, a named origin relayed by an "
           "anonymous hop, or several anonymous hops.",
           ("own_voice", "vague", "named", "anonymous_single", "anonymous_relay",
            "anonymous_several"), _sourcing),
    Signal("document", "claim", "Documents in the chain: 'none', or the least checkable "
           "one's status: published (named issuer, 'published', 'released'), unpublished "
           "('obtained', 'leaked', 'seen by', 'secret', 'confidential'), unknown.",
           ("none", "published", "unknown", "unpublished"), _document),
    Signal("speech", "claim", "Direct quote, reported speech, headline, or the article's "
           "own voice (from Claim.kind).", ("direct", "reported", "headline", "own_voice"),
           _speech),
    Signal("hedges", "claim", "Hedge cues in the claim (Claim.hedges plus a CoNLL-2010 "
           "style lexicon).", None, _hedges),
    Signal("boosters", "claim", "Booster words in the claim ('clearly', 'in fact').", None,
           _boosters),
    Signal("factuality", "claim", "FactBank-style commitment of the claim text: certain, "
           "probable, possible (from hedges and estimative words).",
           ("certain", "probable", "possible"), _factuality),
    Signal("estimative", "claim", "Words of estimative probability (ICD 203 bands; Kent): "
           "the most uncertain one in the claim, or 'none'.",
           ("none", *ESTIMATIVE), _estimative),
    Signal("content", "claim", "Information, opinion (evaluative words, belief verbs) or "
           "speculation (hedged to a possibility).",
           ("information", "opinion", "speculation"), _content),
    Signal("vague", "claim", "Vague attribution: 'critics say', 'it is believed', "
           "'reportedly' with no source named (Claim.vague).", ("true", "false"), _vague),
    Signal("secondhand_media", "claim", "The chain passes through another media outlet's "
           "reporting.", ("true", "false"), _secondhand_media),
    Signal("right_of_reply", "claim", "The article says someone was asked to respond ('did "
           "not respond to a request for comment'); article-wide.",
           ("sought", "not_mentioned"), _right_of_reply),
)  # fmt: skip
