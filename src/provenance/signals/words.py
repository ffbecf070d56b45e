"""The signals' words: whole words and phrases of the lexicon, found in a text cheaply.

Everything here is string matching over text already in memory, indexed by first word: it must
stay cheap next to the spaCy analysis (see ``benchmarks/bench_scoring.py``). The lists come from
the one lexicon (``resources/lexicon.yaml``) the engine reads too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from provenance import lexicon
from provenance.models import Hop

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


def find_all(lexicon: Lexicon, *texts: str | None) -> list[str]:
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
#: Month names: "May" after a preposition is a date (the engine reads which on the parse).
MONTHS = lexicon.MONTHS
VAGUE_SUBJECTS = _WORDS.vague_subjects
#: Cue words by stance, matched as word prefixes ("alleg" covers alleged/alleges).
STANCE_PATTERNS = {
    stance: re.compile(r"\b(?:" + "|".join(stems) + r")\w*", re.IGNORECASE)
    for stance, stems in _WORDS.stance_stems.items()
}
#: What follows these words describes whom the source is near, not the source itself.
PROXIMITY = re.compile(
    r"\b(?:"
    + "|".join(r"\s+".join(map(re.escape, p.split())) for p in lexicon.PROXIMITY_PHRASES)
    + r")\b",
    re.IGNORECASE,
)

HEDGE_POSSIBLE = Lexicon(_HEDGE_LEVELS["possible"])
HEDGE_PROBABLE = Lexicon(_HEDGE_LEVELS["probable"])
BOOSTER = Lexicon(_WORDS.boosters)
ESTIMATIVE_WORDS = {band: Lexicon(words) for band, words in ESTIMATIVE.items()}
VAGUE = Lexicon([*_WORDS.vague_attribution["claim"], *_WORDS.vague_attribution["sentence"]])
VAGUE_SUBJECT = Lexicon([*VAGUE_SUBJECTS, *(f"the {w}" for w in VAGUE_SUBJECTS)])
REPLY = Lexicon(_WORDS.reply_phrases)
OPINION = Lexicon(_WORDS.opinion_words)
UNPUBLISHED = Lexicon(_WORDS.unpublished_words)
PUBLISHED = Lexicon(_WORDS.published_words)
REASON = Lexicon([*_WORDS.anonymity_reasons["stated"], *_WORDS.anonymity_reasons["nearby"]])
DIRECT = Lexicon(_WORDS.direct_knowledge)
INDIRECT = Lexicon(_WORDS.indirect_knowledge)
ORG = Lexicon(_WORDS.organization_words)
RANK = Lexicon(_WORDS.rank_words)
ROLE = Lexicon(_WORDS.role_words)
SENTENCE_END = re.compile(r"[.!?\n]")

RELIABILITY_LETTERS = ("A", "B", "C", "D", "E", "F")


def cue_stance(hop: Hop) -> tuple[str, str]:
    """(stance, the cue words that show it): Hop.stance when set, else from the cue words."""
    cue = hop.cue or ""
    if hop.stance is not None:
        return hop.stance, cue
    for stance, pattern in STANCE_PATTERNS.items():
        match = pattern.search(cue)
        if match:
            return stance, match.group(0)
    return "neutral", cue
