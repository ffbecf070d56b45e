"""The catalogue of signals a rubric can read: named, documented facts about a claim or a hop.

A rubric never looks at an :class:`~provenance.models.Analysis` directly; it names signals from
this catalogue and maps their values to credit. Each reading carries the article words that
decided it (``evidence``) so every point of a score can be traced back to the text.

Claim signals read the claim as a whole (``hops``, ``sourcing``, ``document``...); hop signals
read one element of the chain (``hop_reliability``, ``hop_stance``...) and a rubric says how the
hops of a chain combine. Everything here is string matching over text already in memory: it must
stay cheap next to the spaCy analysis (see ``benchmarks/bench_scoring.py``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Literal

from provenance import lexicon
from provenance.models import Analysis, Claim, Hop, Source
from provenance.registry import Registry, load_registry
from provenance.registry import normalize as normalize_name

if TYPE_CHECKING:
    import pandas as pd

    from provenance.corroboration import ClaimView, Rated

Value = str | int | bool


@dataclass(frozen=True)
class Reading:
    """One signal's value for a claim or hop, the article words behind it, and a short why."""

    value: Value
    evidence: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Signal:
    """A named signal: what it means, which values it takes, and how it is computed.

    ``values`` lists every value a categorical signal can take (a rubric's scale must map each);
    ``None`` marks a count (0, 1, 2, ...) that a rubric reads with open-ended steps.
    """

    name: str
    level: Literal["claim", "hop"]
    description: str
    values: tuple[str, ...] | None
    compute: Callable[..., Reading] = field(repr=False)

    def read_claim(self, ctx: SignalContext, claim: Claim) -> Reading:
        """The value of a claim signal (only for ``level == 'claim'``)."""
        return self.compute(ctx, claim)

    def read_hops(self, ctx: SignalContext, claim: Claim) -> list[Reading]:
        """One reading per hop, origin first (only for ``level == 'hop'``)."""
        return [self.compute(ctx, hop) for hop in claim.chain]


def value_key(value: Value) -> str:
    """The spelling of a value in a rubric's scale: booleans as true/false, numbers as digits."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# --- lexicons -----------------------------------------------------------------------------


_TOKEN = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


@lru_cache(maxsize=8192)
def _words(text: str) -> tuple[str, ...]:
    """Lower-cased word tokens of a text (cached: the same texts are read by many signals)."""
    return tuple(_TOKEN.findall(text.lower()))


@lru_cache(maxsize=8192)
def _positions(text: str) -> dict[str, list[int]]:
    """Where each lower-cased token of a text occurs (token indices)."""
    index: dict[str, list[int]] = {}
    for i, token in enumerate(_words(text)):
        index.setdefault(token, []).append(i)
    return index


@lru_cache(maxsize=8192)
def _token_set(text: str) -> frozenset[str]:
    return frozenset(_words(text))


@lru_cache(maxsize=1024)
def _spans(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(m.span() for m in _TOKEN.finditer(text))


def _surface(text: str, first: int, last: int, words: tuple[str, ...]) -> str:
    """Tokens ``first..last`` as written in ``text`` (only computed for hits)."""
    spans = _spans(text)
    if len(spans) != len(words):  # lower-casing changed the tokens (rare scripts): show them
        return " ".join(words[first : last + 1])
    return text[spans[first][0] : spans[last][1]]


def clear_caches() -> None:
    """Forget the token caches (to free memory, or to time scoring from cold)."""
    for cached in (_words, _positions, _token_set, _spans):
        cached.cache_clear()


class Lexicon:
    """Whole words and phrases, looked up by their first word in an index of the text.

    (One regex alternation of a hundred phrases scans every position for every phrase, which
    made scoring cost a sixth of the analysis; this costs a set intersection per text.)
    """

    def __init__(self, entries: Iterable[str]) -> None:
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for entry in entries:
            words = _words(entry)
            self.by_first.setdefault(words[0], []).append(words)
        for phrases in self.by_first.values():
            phrases.sort(key=len, reverse=True)
        self.firsts = frozenset(self.by_first)

    def find(self, text: str) -> list[str]:
        """Each entry found in ``text``, as written there, in text order, once."""
        present = self.firsts & _token_set(text)
        if not present:
            return []
        index = _positions(text)
        starts = sorted(i for first in present for i in index[first])
        words = _words(text)
        seen: dict[str, str] = {}
        covered = -1
        for i in starts:
            if i <= covered:
                continue
            width = self._match_at(words, i)
            if width:
                surface = _surface(text, i, i + width - 1, words)
                seen.setdefault(surface.lower(), surface)
                covered = i + width - 1
        return list(seen.values())

    def _match_at(self, words: tuple[str, ...], i: int) -> int:
        for phrase in self.by_first[words[i]]:
            if words[i : i + len(phrase)] == phrase:
                return len(phrase)
        return 0

    def holds(self, word: str) -> bool:
        """Whether ``word`` is exactly one of the entries."""
        words = _words(word)
        return bool(words) and words in self.by_first.get(words[0], ())


def _found(lexicon: Lexicon, *texts: str | None) -> list[str]:
    """Every entry of ``lexicon`` in the texts, as written, first occurrence only."""
    seen: dict[str, str] = {}
    for text in texts:
        for word in lexicon.find(text or ""):
            seen.setdefault(word.lower(), word)
    return list(seen.values())


_WORDS = lexicon.load()
_HEDGE_LEVELS = {
    level: [w for w in words if w not in _WORDS.hedges.not_hedges]
    for level, words in (("possible", _WORDS.hedges.possible), ("probable", _WORDS.hedges.probable))
}
#: Words of estimative probability, by ICD 203 band, worst first (the order that picks one).
ESTIMATIVE = _WORDS.estimative
#: Modals Claim.hedges may list that do not hedge.
NOT_HEDGES = frozenset(_WORDS.hedges.not_hedges)
VAGUE_SUBJECTS = _WORDS.vague_subjects
#: Cue words by stance, matched as word prefixes ("alleg" covers alleged/alleges).
_STANCE_PATTERNS = {
    stance: re.compile(r"\b(?:" + "|".join(stems) + r")\w*", re.IGNORECASE)
    for stance, stems in _WORDS.stance_stems.items()
}
#: What follows these words describes whom the source is near, not the source itself.
_PROXIMITY = re.compile(
    r"\b(?:close\s+to|closely\s+connected|connected\s+to|familiar\s+with|near|linked\s+to)\b",
    re.IGNORECASE,
)

_HEDGE_POSSIBLE = Lexicon(_HEDGE_LEVELS["possible"])
_HEDGE_PROBABLE = Lexicon(_HEDGE_LEVELS["probable"])
_BOOSTER = Lexicon(_WORDS.boosters)
_ESTIMATIVE = {band: Lexicon(words) for band, words in ESTIMATIVE.items()}
_VAGUE = Lexicon([*_WORDS.vague_attribution["claim"], *_WORDS.vague_attribution["sentence"]])
_VAGUE_SUBJECT = Lexicon([*VAGUE_SUBJECTS, *(f"the {w}" for w in VAGUE_SUBJECTS)])
_REPLY = Lexicon(_WORDS.reply_phrases)
_OPINION = Lexicon(_WORDS.opinion_words)
_UNPUBLISHED = Lexicon(_WORDS.unpublished_words)
_PUBLISHED = Lexicon(_WORDS.published_words)
_REASON = Lexicon([*_WORDS.anonymity_reasons["stated"], *_WORDS.anonymity_reasons["nearby"]])
_DIRECT = Lexicon(_WORDS.direct_knowledge)
_INDIRECT = Lexicon(_WORDS.indirect_knowledge)
_ORG = Lexicon(_WORDS.organization_words)
_RANK = Lexicon(_WORDS.rank_words)
_ROLE = Lexicon(_WORDS.role_words)
_SENTENCE_END = re.compile(r"[.!?\n]")

RELIABILITY_LETTERS = ("A", "B", "C", "D", "E", "F")


# --- context: what one analysis shares between its claims ------------------------------------


class SignalContext:
    """Per-analysis caches (sources by id, article-level readings, the registry)."""

    def __init__(
        self,
        analysis: Analysis,
        registry: Registry | None = None,
        corroboration: Mapping[str, ClaimView] | None = None,
        register: Mapping[str, Rated] | None = None,
    ) -> None:
        self.analysis = analysis
        #: what other articles say about each claim (by claim id), when scored as a collection
        self.corroboration: Mapping[str, ClaimView] = corroboration or {}
        #: reliability letters by source (normalised name), from the source register
        self.register: Mapping[str, Rated] = register or {}
        self.text = analysis.article.text
        self.sources: dict[str, Source] = {src.id: src for src in analysis.sources}
        self._registry = registry
        self._windows: dict[str, str] = {}
        self.memo: dict[tuple[str, str], Reading] = {}

    @cached_property
    def registry(self) -> Registry:
        """The source registry (``provenance.registry``), loaded on first use (it is cached)."""
        if self._registry is not None:
            return self._registry
        return load_registry()

    @cached_property
    def right_of_reply(self) -> Reading:
        """Whether the article says anyone was asked to respond (article-wide)."""
        words = _found(_REPLY, self.text)
        if words:
            return Reading("sought", tuple(words), "the article reports asking for a response")
        return Reading("not_mentioned", (), "no request for comment is mentioned")

    @cached_property
    def _sentence_ends(self) -> list[int]:
        return [m.end() for m in _SENTENCE_END.finditer(self.text)]

    def sentence(self, start: int, end: int) -> str:
        """The sentence(s) of the article that hold ``start:end``."""
        ends = self._sentence_ends
        before = bisect_right(ends, start) - 1
        after = bisect_left(ends, end + 1)
        left = ends[before] if before >= 0 else 0
        right = ends[after] if after < len(ends) else len(self.text)
        return self.text[left:right]

    def _around(self, start: int, end: int, before: int, after: int, cut: bool = True) -> str:
        """Text near a mention, by default cut at sentence ends to stay in its sentence."""
        head = self.text[max(0, start - before) : start]
        tail = self.text[end : end + after]
        if cut:
            head = _SENTENCE_END.split(head)[-1]
            tail = _SENTENCE_END.split(tail)[0]
        return f"{head} {self.text[start:end]} {tail}"

    def description(self, hop: Hop) -> str:
        """How the text describes the hop's source: mention, role, and every other mention."""
        src = self.sources.get(hop.source_id)
        parts = [hop.text, hop.name, hop.role or ""]
        if src is not None:
            parts += [src.role or "", *(m.text for m in src.mentions)]
        return " | ".join(p for p in parts if p)

    def window(self, hop: Hop, before: int = 40, after: int = 70, cut: bool = True) -> str:
        """The description plus the words just around each mention of the hop's source."""
        key = f"{hop.source_id}:{hop.start}:{before}:{after}:{cut}"
        if key not in self._windows:
            spans = [(hop.start, hop.end)] if hop.start is not None and hop.end is not None else []
            src = self.sources.get(hop.source_id)
            if src is not None:
                spans += [(m.start, m.end) for m in src.mentions]
            around = [self._around(s, e, before, after, cut) for s, e in dict.fromkeys(spans)]
            self._windows[key] = " | ".join([self.description(hop), *around])
        return self._windows[key]


# --- claim signals ------------------------------------------------------------------------


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
    sentence_words = _found(_VAGUE, ctx.sentence(claim.start, claim.end))
    if claim.vague:
        return Reading(True, tuple(sentence_words), "attributed to no one in particular")
    if len(claim.chain) == 1 and claim.chain[0].anonymous:
        hop = claim.chain[0]
        if _VAGUE_SUBJECT.holds(hop.text or hop.name):
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
    for band, pattern in _ESTIMATIVE.items():  # worst first: the most uncertain word wins
        words = _found(pattern, claim.text)
        if words:
            return Reading(band, tuple(words), "words of estimative probability")
    return Reading("none")


def _hedge_words(claim: Claim) -> tuple[list[str], list[str]]:
    """(possible-level, probable-level) hedges: the claim's own list plus the lexicon."""
    possible = _found(_HEDGE_POSSIBLE, claim.text)
    probable = _found(_HEDGE_PROBABLE, claim.text)
    known = {w.lower() for w in possible + probable}
    for hedge in claim.hedges:
        if hedge.lower() not in known and hedge.lower() not in NOT_HEDGES:
            (possible if _HEDGE_POSSIBLE.holds(hedge) else probable).append(hedge)
            known.add(hedge.lower())
    return possible, probable


def _hedges(ctx: SignalContext, claim: Claim) -> Reading:
    possible, probable = _hedge_words(claim)
    words = possible + probable
    return Reading(len(words), tuple(words))


def _boosters(ctx: SignalContext, claim: Claim) -> Reading:
    words = _found(_BOOSTER, claim.text)
    return Reading(len(words), tuple(words))


@_per_claim
def _factuality(ctx: SignalContext, claim: Claim) -> Reading:
    possible, probable = _hedge_words(claim)
    band = _estimative(ctx, claim)
    if possible or band.value in ("even_chance", "unlikely", "very_unlikely", "almost_no_chance"):
        return Reading("possible", (*possible, *band.evidence), "hedged to a possibility")
    if probable or band.value in ("likely", "very_likely"):
        return Reading("probable", (*probable, *band.evidence), "hedged to a probability")
    return Reading("certain", tuple(_found(_BOOSTER, claim.text)), "stated without hedging")


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
    belief = [hop.cue for hop in claim.chain if _stance(hop)[0] == "belief" and hop.cue]
    opinion = _found(_OPINION, claim.text)
    if belief or opinion:
        return Reading("opinion", (*opinion, *belief), "evaluative words or a belief verb")
    return Reading("information")


def _document_status(ctx: SignalContext, hop: Hop) -> Reading:
    if hop.type != "document":
        return Reading("not_document")
    around = ctx.window(hop, before=30, after=60)
    secret = _found(_UNPUBLISHED, around)
    if secret:
        return Reading("unpublished", (hop.text, *secret), "not public: cannot be checked")
    public = _found(_PUBLISHED, around)
    if public or not hop.anonymous:
        why = "named document" if not public else "published"
        return Reading("published", (hop.text, *public), why)
    return Reading("unknown", (hop.text,), "whether it is public is not said")


_DOCUMENT_ORDER = ("unpublished", "unknown", "published")


def _document(ctx: SignalContext, claim: Claim) -> Reading:
    readings = [_document_status(ctx, hop) for hop in claim.chain if hop.type == "document"]
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


# --- hop signals --------------------------------------------------------------------------


def _stance(hop: Hop) -> tuple[str, str]:
    """(stance, the cue words that show it): Hop.stance when set, else from the cue words."""
    cue = hop.cue or ""
    if hop.stance is not None:
        return hop.stance, cue
    for stance, pattern in _STANCE_PATTERNS.items():
        match = pattern.search(cue)
        if match:
            return stance, match.group(0)
    return "neutral", cue


def _hop_stance(ctx: SignalContext, hop: Hop) -> Reading:
    stance, words = _stance(hop)
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
        head = _PROXIMITY.split(part)[0]
        if hop.type == "document":  # "top secret" is a classification, not a rank
            head = re.sub(r"top\s+secret", "secret", head, flags=re.IGNORECASE)
        for pattern in (_ORG, _RANK, _ROLE):
            found += [w for w in _found(pattern, head) if w.lower() not in map(str.lower, found)]
    return found


def _hop_specificity(ctx: SignalContext, hop: Hop) -> Reading:
    if not hop.anonymous:
        return Reading(3, (hop.text or hop.name,), f"{hop.name}: named")
    words = _specificity_parts(ctx, hop)
    lowered = " ".join(words)
    facets = sum(bool(_found(p, lowered)) for p in (_ORG, _RANK, _ROLE))
    return Reading(facets, (hop.text, *words), f"{hop.text}: {facets} of organization/rank/role")


def _hop_anonymity_reason(ctx: SignalContext, hop: Hop) -> Reading:
    if not hop.anonymous:
        return Reading("named", (), f"{hop.name}: named")
    src = ctx.sources.get(hop.source_id)
    if src is not None and src.anonymity_reason:
        return Reading("given", (src.anonymity_reason,), "reason for anonymity given")
    # the reason often comes in the next sentence ("The official spoke on condition of...")
    words = _found(_REASON, ctx.window(hop, before=0, after=220, cut=False))
    if words:
        return Reading("given", tuple(words), "reason for anonymity given")
    return Reading("not_given", (hop.text,), f"{hop.text}: no reason for anonymity")


def _hop_knowledge(ctx: SignalContext, hop: Hop) -> Reading:
    around = ctx.window(hop, before=0, after=70)
    direct = _found(_DIRECT, around)
    if direct:
        return Reading("direct", (hop.text, *direct), "in a position to know first-hand")
    indirect = _found(_INDIRECT, around)
    if indirect:
        return Reading("indirect", (hop.text, *indirect), "knows at second hand")
    return Reading("unstated", (hop.text,), "how the source knows is not said")


def _hop_document(ctx: SignalContext, hop: Hop) -> Reading:
    return _document_status(ctx, hop)


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
    if hop.type == "document" and _document_status(ctx, hop).value == "published":
        return Reading("C", words, f"{hop.name}: a named, published document")
    return Reading("F", words, f"{hop.name}: named, but no role or track record")


def _view(ctx: SignalContext, claim: Claim) -> ClaimView | None:
    """The claim's corroboration, or that of the sentence it sits in (a nested claim)."""
    view = ctx.corroboration.get(claim.id)
    if view is None and claim.parent is not None:
        return ctx.corroboration.get(claim.parent)
    return view


def _corroboration(ctx: SignalContext, claim: Claim) -> Reading:
    view = _view(ctx, claim)
    if view is None:
        return Reading("single", (), "not found in other articles of the collection")
    if view.contradicts:
        return Reading("denies", (), f"contradicts group {view.group} of the collection")
    if view.confirmations:
        lines = "; ".join(view.confirmations)
        return Reading("confirmed", view.confirmations, f"confirmed by independent lines: {lines}")
    if view.contradictions:
        words = tuple(f"{c.article_id}: {c.text[:80]}" for c in view.contradictions)
        return Reading("contradicted", words, "denied elsewhere, not independently confirmed")
    if view.echoes:
        return Reading("echoed", (view.shared_ancestor,),
                       f"repeated only by echoes of {view.shared_ancestor}")  # fmt: skip
    return Reading("single", (), "one line of reporting only")


def _confirmations(ctx: SignalContext, claim: Claim) -> Reading:
    view = _view(ctx, claim)
    found = view.confirmations if view else ()
    return Reading(len(found), found, "independent lines besides this claim's own")


def _echoes(ctx: SignalContext, claim: Claim) -> Reading:
    view = _view(ctx, claim)
    if view is None or not view.echoes:
        return Reading(0)
    ids = tuple(dict.fromkeys(e.article_id for e in view.echoes))
    return Reading(len(ids), ids, f"articles repeating it from {view.shared_ancestor}")


def _contradictions(ctx: SignalContext, claim: Claim) -> Reading:
    view = _view(ctx, claim)
    found = view.contradictions if view else ()
    return Reading(len(found), tuple(c.article_id for c in found), "claims denying it")


# --- the catalogue ------------------------------------------------------------------------

_TYPES = ("person", "organization", "document", "media", "group")
_STANCES = ("neutral", "distancing", "endorsing", "belief", "evidence", "denial")

CATALOGUE: dict[str, Signal] = {
    s.name: s
    for s in (
        Signal("hops", "claim", "Hops in the chain, origin to outermost reporter (0: the "
               "article's own voice).", None, _hops),
        Signal("anonymous_hops", "claim", "Hops whose source is described, not named.", None,
               _anonymous_hops),
        Signal("origin_anonymous", "claim", "The origin of the chain is anonymous.",
               ("true", "false"), _origin_anonymous),
        Signal("origin_type", "claim", "Source type of the origin ('none' for the article's "
               "own voice).", (*_TYPES, "none"), _origin_type),
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
        Signal("corroboration", "claim", "What other articles of the collection say (scored "
               "with a corroboration): confirmed by an independent line, echoed only (copies "
               "of one report), contradicted (denied, not confirmed), denies (this claim is "
               "the denial), single.",
               ("confirmed", "echoed", "contradicted", "denies", "single"), _corroboration),
        Signal("confirmations", "claim", "Independent lines of reporting confirming the claim "
               "besides its own (chains with no shared origin or intermediary).", None,
               _confirmations),
        Signal("echoes", "claim", "Other articles repeating the claim through the same line "
               "(sharing its origin or an intermediary).", None, _echoes),
        Signal("contradictions", "claim", "Claims of other articles that deny this one.", None,
               _contradictions),
        Signal("hop_type", "hop", "Source type of the hop.", _TYPES, _hop_type),
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
               "(Hop.stance, else from the cue words).", _STANCES, _hop_stance),
        Signal("hop_document", "hop", "For a document hop: published, unpublished or unknown; "
               "'not_document' otherwise.", ("not_document", "published", "unknown",
                                              "unpublished"), _hop_document),
        Signal("hop_reliability", "hop", "Admiralty source reliability A-F: the analysts' "
               "letter from the source register, else the registry's; else C for a named "
               "person or organization on the record with a role, or a published document; "
               "F (cannot be judged) for anonymous sources and named ones with no role.",
               RELIABILITY_LETTERS, _hop_reliability),
    )
}  # fmt: skip


def get(name: str) -> Signal:
    """The signal called ``name`` (KeyError when the catalogue has none)."""
    return CATALOGUE[name]


def catalogue() -> list[Signal]:
    """Every signal, in catalogue order (claim signals first)."""
    return list(CATALOGUE.values())


def claim_table(analysis: Analysis) -> pd.DataFrame:
    """Every claim signal for every claim of one analysis: one row per claim."""
    import pandas as pd

    ctx = SignalContext(analysis)
    claim_signals = [s for s in CATALOGUE.values() if s.level == "claim"]
    rows = [
        {"claim_id": c.id, **{s.name: s.read_claim(ctx, c).value for s in claim_signals}}
        for c in analysis.claims
    ]
    return pd.DataFrame(rows, columns=["claim_id", *(s.name for s in claim_signals)])
