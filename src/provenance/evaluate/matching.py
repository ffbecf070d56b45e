"""Predicted hops resolved to gold sources, and the outcome of each gold claim."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from provenance.evaluate.gold import GoldArticle, GoldClaim, GoldSource
from provenance.models import Claim, Hop

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})
_POSSESSIVE = re.compile(r"'s\b")
_JOINING = re.compile(r"[.']")
_SEPARATING = re.compile(r"[^\w\s]|_")
_LEADING_ARTICLE = re.compile(r"^(?:a|an|the) ")

#: Words that carry no identity of a source; everything else is a content word.
#: ("us" is left out: in news it is the country far more often than the pronoun.)
FUNCTION_WORDS = frozenset(
    """a an the this that these those some any each every all both either neither no
    of in on at by for from to with without into onto over under about above below between among
    through during before after against within across along around near off out up down upon via
    per than as and or but nor so yet if then because while whereas
    i me my mine we our ours you your yours he him his she her hers it its they them their theirs
    one who whom whose which what
    is are was were be been being am has have had do does did will would shall should can could
    may might must not also very just only more most other another such own same""".split()
)

#: Strength of a match between two normalised strings, strongest first.
EQUAL, CONTAINS, SHARED_WORDS, NO_MATCH = 3, 2, 1, 0
MATCH_NAMES = {EQUAL: "equal", CONTAINS: "contains", SHARED_WORDS: "shared words", NO_MATCH: "none"}


def normalise(text: str) -> str:
    """The comparable form of a source string (see the module docstring)."""
    norm = _POSSESSIVE.sub("", text.lower().translate(_APOSTROPHES))
    norm = " ".join(_SEPARATING.sub(" ", _JOINING.sub("", norm)).split())
    return _LEADING_ARTICLE.sub("", norm)


def content_words(norm: str) -> frozenset[str]:
    """The words of a normalised string that are not function words."""
    return frozenset(word for word in norm.split() if word not in FUNCTION_WORDS)


def match_strength(a: str, b: str) -> int:
    """How strongly two normalised strings match (EQUAL, CONTAINS, SHARED_WORDS or NO_MATCH)."""
    if not a or not b:
        return NO_MATCH
    if a == b:
        return EQUAL
    if len(a) >= 3 and len(b) >= 3:
        short, long = sorted((a, b), key=len)
        if f" {short} " in f" {long} ":
            return CONTAINS
    words_a, words_b = content_words(a), content_words(b)
    shared = len(words_a & words_b)
    if shared and 2 * shared >= len(words_a) and 2 * shared >= len(words_b):
        return SHARED_WORDS
    return NO_MATCH


@dataclass(frozen=True)
class HopMatch:
    """A predicted hop resolved against the gold sources of its article."""

    hop: Hop
    source_id: str | None  # the gold source it matched, None when none did
    strength: int
    alias: str | None  # the gold alias that matched
    key: str  # what chains are compared on: the author-mapped gold id, else "?" + its name


class SourceMatcher:
    """Resolves predicted hops to the gold sources of one article."""

    def __init__(self, gold: GoldArticle) -> None:
        self.gold = gold
        self._aliases = [
            (sid, alias, normalise(alias))
            for sid, src in gold.sources.items()
            for alias in src.aliases
        ]

    def canonical(self, source_id: str) -> str:
        """The hop a gold source stands for: a document with an author counts as its author."""
        return self.gold.sources[source_id].author or source_id

    def resolve(self, hop: Hop) -> HopMatch:
        """The strongest-matching gold source, ties going to the alias closest in length."""
        forms = [(normalise(hop.text), 0), (normalise(hop.name), 1)]
        best: tuple[tuple[int, int, int], str, str] | None = None
        for sid, alias, alias_norm in self._aliases:
            for form, is_name in forms:
                strength = match_strength(form, alias_norm)
                if strength == NO_MATCH:
                    continue
                # Full ties (two sources sharing an alias) go to the resolved name.
                rank = (strength, -abs(len(alias_norm) - len(form)), is_name)
                if best is None or rank > best[0]:
                    best = (rank, sid, alias)
        if best is None:
            fallback = forms[1][0] or forms[0][0] or hop.source_id
            return HopMatch(hop, None, NO_MATCH, None, f"?{fallback}")
        (strength, _, _), sid, alias = best
        return HopMatch(hop, sid, strength, alias, self.canonical(sid))


def hop_matches_source(hop: Hop, source: GoldSource) -> bool:
    """Whether a hop's text or name matches any alias of this one source (flat scheme)."""
    forms = (normalise(hop.text), normalise(hop.name))
    return any(match_strength(form, normalise(alias)) for alias in source.aliases for form in forms)


def collapse(keys: Iterable[str]) -> list[str]:
    """Consecutive repeats of one source merged into one hop."""
    out: list[str] = []
    for key in keys:
        if not out or out[-1] != key:
            out.append(key)
    return out


def claim_covers(claim: Claim, text: str, anchor: str) -> bool:
    """A predicted claim covers an anchor when its span or its text contains it."""
    return anchor in text[claim.start : claim.end] or anchor in claim.text


def find_claim(claims: Sequence[Claim], text: str, anchor: str) -> Claim | None:
    """The shortest predicted claim that covers the anchor."""
    covering = [claim for claim in claims if claim_covers(claim, text, anchor)]
    return min(covering, key=lambda claim: claim.end - claim.start, default=None)


def boilerplate_claims(gold: GoldArticle, claims: Sequence[Claim]) -> list[Claim]:
    """Predicted claims that overlap a ``not_claims`` string of the gold."""
    spans = []
    for junk in gold.not_claims:
        start = gold.text.find(junk)
        while junk and start >= 0:
            spans.append((start, start + len(junk)))
            start = gold.text.find(junk, start + 1)
    return [
        claim
        for claim in claims
        if any(claim.start < end and start < claim.end for start, end in spans)
        or any(junk and junk in claim.text for junk in gold.not_claims)
    ]


SpeakerOutcome = Literal["tp", "fp", "fn", "wrong", "none"]


@dataclass
class ClaimResult:
    """How one gold claim (chain scheme) fared: the basis of both scores and explanations."""

    gold: GoldClaim
    predicted: Claim | None
    required: list[str]  # gold chain, author-mapped and collapsed
    optional: set[str]
    hops: list[HopMatch]  # every predicted hop, resolved
    kept: list[str]  # predicted chain keys, optional left out, collapsed
    speaker: SpeakerOutcome
    link_tp: int
    link_fp: int
    link_fn: int

    @property
    def exact(self) -> bool:
        """Whether the predicted chain is the gold chain in order (attributed claims only)."""
        return bool(self.required) and self.kept == self.required


def score_claim(
    gold_claim: GoldClaim, predicted: Claim | None, matcher: SourceMatcher
) -> ClaimResult:
    """Compare one gold claim with the predicted claim matched to it (None when none was)."""
    required = collapse(matcher.canonical(sid) for sid in gold_claim.chain)
    optional = {matcher.canonical(sid) for sid in gold_claim.optional} - set(required)
    hops = [matcher.resolve(hop) for hop in predicted.chain] if predicted else []
    kept = collapse(match.key for match in hops if match.key not in optional)
    speaker: SpeakerOutcome
    if not required:
        speaker = "fp" if kept else "none"
    elif not kept:
        speaker = "fn"
    else:
        speaker = "tp" if kept[0] == required[0] else "wrong"
    gold_set, pred_set = set(required), set(kept)
    return ClaimResult(
        gold=gold_claim,
        predicted=predicted,
        required=required,
        optional=optional,
        hops=hops,
        kept=kept,
        speaker=speaker,
        link_tp=len(gold_set & pred_set),
        link_fp=len(pred_set - gold_set),
        link_fn=len(gold_set - pred_set),
    )


@dataclass
class FlatResult:
    """How one gold claim of a flat file fared: does the predicted speaker match the annotation."""

    gold: GoldClaim
    predicted: Claim | None
    source: GoldSource
    hit: bool


def score_flat_claim(
    gold_claim: GoldClaim, predicted: Claim | None, gold: GoldArticle
) -> FlatResult:
    """Flat scheme: the predicted claim's chain[0] against the one annotated source."""
    source = gold.sources[gold_claim.chain[0]]
    hit = bool(predicted and predicted.chain and hop_matches_source(predicted.chain[0], source))
    return FlatResult(gold_claim, predicted, source, hit)
