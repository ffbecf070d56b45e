"""Same claim, many articles: claims grouped by meaning, with their polarity kept apart.

Each claim is reduced to what it says (the words naming its sources, the attribution verbs and
the dateline removed) and vectorised twice with TF-IDF: word unigrams and bigrams (shared
names, numbers) and character n-grams within words (paraphrase: "close"/"closure",
"shut"/"shutting"). Nearest neighbours over the joined vectors propose pairs; a pair is linked
when its cosine similarity reaches ``threshold`` and its two articles tell the same story
(article similarity ``story_threshold``), or when it reaches ``strong_threshold`` on its own.
Linked claims form groups (connected components). Polarity is not part of the vectors: a
denial looks like what it denies, so it joins the group and is told apart by its sign.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.neighbors import NearestNeighbors
from sklearn.preprocessing import normalize

from provenance.corroboration.settings import Settings
from provenance.corroboration.words import words
from provenance.models import Analysis, Claim

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
#: "LONDON (Reuters) -", "TOKYO, March 3 (AP) —", "(Bloomberg) --" at the start of a claim.
_DATELINE = re.compile(
    r"^\s*(?:(?:[A-Z][A-Za-z .,'/-]{0,60}?\s*)?\([^()\n]{1,40}\)|[A-Z][A-Z .,'/-]{1,40}?)"
    r"\s*(?:--|-|–|—)\s*"
)
#: Claims compared at once against all others in the projected search (memory: a block's row of
#: similarities, float32, and its partition indices, int64, for every claim).
_BLOCK = 256
#: Claims the projection's axes are learnt from (all of them are then projected): 40,000 claims
#: find the same share of their neighbours with axes from 20,000, for 25% less time.
_SVD_SAMPLE = 20_000
_SUFFIXES = ("ings", "ing", "ed", "es", "s", "ure", "e")


@dataclass(frozen=True)
class Unit:
    """One claim of one article as the grouping sees it."""

    article: int
    article_id: str
    claim: Claim
    content: str
    negative: bool


def content_words(text: str) -> list[str]:
    """Lower-cased words of a text that say what happened (no stop or attribution words)."""
    w = words()
    skip = w.attribution | w.denials | w.negators
    return [
        t
        for t in (m.group().lower().replace("’", "'") for m in _WORD.finditer(text))
        if t not in ENGLISH_STOP_WORDS and t not in skip and not t.endswith("n't")
    ]


def stem(word: str) -> str:
    """One form per word for the word vectors: a synonym's base, else a crude stem
    ("closing", "closure", "close" -> "clos"; "planning" -> "plan")."""
    base = words().synonyms.get(word)
    if base is not None:
        return base
    word = word.removesuffix("'s")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            if (
                suffix in ("ing", "ed", "ings")
                and word[-1] == word[-2]
                and word[-1] not in "aeiouls"
            ):
                word = word[:-1]
            break
    return word


def _without_sources(article_text: str, claim: Claim) -> str:
    """The claim's text with the mentions of its chain's sources and its dateline blanked."""
    text = list(article_text[claim.start : claim.end])
    for hop in claim.chain:
        if hop.start is None or hop.end is None:
            continue
        lo, hi = max(hop.start, claim.start) - claim.start, min(hop.end, claim.end) - claim.start
        text[lo:hi] = " " * max(0, hi - lo)
    return _DATELINE.sub(" ", "".join(text))


def negative_text(text: str) -> bool:
    """Words of denial or negation in a text ("denied that ...", "there are no plans to ...")."""
    w = words()
    tokens = [m.group().lower().replace("’", "'") for m in _WORD.finditer(text)]
    return any(t in w.negators or t.endswith("n't") or t in w.denials for t in tokens)


def is_negative(claim: Claim) -> bool:
    """A denial or a negated statement: its words, or a denying cue in its chain."""
    return negative_text(claim.text) or any(hop.stance == "denial" for hop in claim.chain)


def units(analyses: Sequence[tuple[str, Analysis]], settings: Settings) -> list[Unit]:
    """The claims worth grouping: top-level statements with enough words of their own
    (nested parts repeat their sentence; questions assert nothing)."""
    found = []
    for index, (article_id, analysis) in enumerate(analyses):
        for claim in analysis.claims:
            if claim.parent is not None or claim.question:
                continue
            content = " ".join(content_words(_without_sources(analysis.article.text, claim)))
            if len(content.split()) < settings.min_words:
                continue
            found.append(Unit(index, article_id, claim, content, is_negative(claim)))
    return found


def vectors(texts: Sequence[str], word_weight: float) -> sparse.csr_matrix:
    """Word (1-2) and character (3-5 within words) TF-IDF, joined so that their dot product is
    the weighted mean of the two cosine similarities."""
    word = TfidfVectorizer(
        ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"\S+", preprocessor=_stems
    )
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    joined = sparse.hstack(
        [
            np.sqrt(word_weight) * word.fit_transform(texts),
            np.sqrt(1 - word_weight) * char.fit_transform(texts),
        ],
        format="csr",
    )
    return normalize(joined)


def _stems(text: str) -> str:
    return " ".join(stem(w) for w in text.split())


def _story_vectors(analyses: Sequence[tuple[str, Analysis]]) -> sparse.csr_matrix:
    """One word vector per article: two claims are of one story when their articles are."""
    texts = [" ".join(content_words(a.article.text)) for _, a in analyses]
    vec = TfidfVectorizer(sublinear_tf=True, token_pattern=r"\S+")
    try:
        return normalize(vec.fit_transform(texts))
    except ValueError:  # no words left in any article
        return sparse.csr_matrix((len(texts), 1))


def _candidates(matrix: sparse.csr_matrix, settings: Settings) -> tuple[np.ndarray, np.ndarray]:
    """Each claim's nearest neighbours: exact over the sparse vectors for a collection up to
    ``exact_limit`` claims; above it, from a 128-dimension SVD projection of the n-grams shared
    by two claims or more, in blocks (quadratic work in dense BLAS instead of sparse products),
    to be rescored exactly by the caller."""
    n = matrix.shape[0]
    k = min(settings.neighbours + 1, n)
    if n <= settings.exact_limit:
        search = NearestNeighbors(n_neighbors=k, metric="cosine", algorithm="brute")
        neighbours = search.fit(matrix).kneighbors(matrix, return_distance=False)
        return np.repeat(np.arange(n), k), neighbours.ravel()
    # An n-gram found in one claim only adds to no dot product between two claims: leaving it
    # out of the projection changes no similarity and shrinks the SVD's work and memory.
    shared = np.flatnonzero(np.bincount(matrix.indices, minlength=matrix.shape[1]) > 1)
    reduced = matrix[:, shared]
    svd = TruncatedSVD(n_components=min(128, reduced.shape[1] - 1), n_iter=3, random_state=0)
    sample = np.random.default_rng(0).permutation(n)[:_SVD_SAMPLE]  # the axes, from a sample
    dense = normalize(svd.fit(reduced[np.sort(sample)]).transform(reduced)).astype(np.float32)
    found = np.empty((n, k), dtype=np.int64)
    for start in range(0, n, _BLOCK):
        sims = dense[start : start + _BLOCK] @ dense.T
        found[start : start + _BLOCK] = np.argpartition(sims, n - k, axis=1)[:, n - k :]
    return np.repeat(np.arange(n), k), found.ravel()


def _row_dots(matrix: sparse.csr_matrix, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """The dot products of the given pairs of rows, in blocks that keep memory small."""
    out = np.zeros(len(rows))
    for start in range(0, len(rows), 20_000):
        part = slice(start, start + 20_000)
        out[part] = np.asarray(matrix[rows[part]].multiply(matrix[cols[part]]).sum(axis=1)).ravel()
    return out


def similar_pairs(
    matrix: sparse.csr_matrix, settings: Settings
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(i, j, similarity) for every claim and its nearest neighbours at ``threshold`` or more
    (the exact cosine of the sparse vectors, whichever way the neighbours were found)."""
    if matrix.shape[0] < 2:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, np.empty(0)
    rows, cols = _candidates(matrix, settings)
    pairs = np.unique(np.stack([np.minimum(rows, cols), np.maximum(rows, cols)]), axis=1)
    rows, cols = pairs[0][pairs[0] < pairs[1]], pairs[1][pairs[0] < pairs[1]]
    sims = _row_dots(matrix, rows, cols)
    keep = sims >= settings.threshold
    return rows[keep], cols[keep], sims[keep]


class Components:
    """Union-find over integers (claims that are one group, or one line)."""

    def __init__(self, items: Iterable[int]) -> None:
        self.parent = {i: i for i in items}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def group(
    analyses: Sequence[tuple[str, Analysis]], settings: Settings | None = None
) -> tuple[list[Unit], list[list[int]], sparse.csr_matrix]:
    """The claims, their groups (lists of unit indices, only groups spanning two or more
    articles) and the claim vectors (for choosing a representative)."""
    chosen = settings or Settings()
    found = units(analyses, chosen)
    if not found:
        return found, [], sparse.csr_matrix((0, 1))
    matrix = vectors([u.content for u in found], chosen.word_weight)
    rows, cols, sims = similar_pairs(matrix, chosen)
    stories = _story_vectors(analyses)
    art = np.array([u.article for u in found])
    a, b = art[rows], art[cols]
    story = _row_dots(stories, a, b)
    linked = (sims >= chosen.strong_threshold) | (story >= chosen.story_threshold) | (a == b)
    parts = Components(range(len(found)))
    for i, j in zip(rows[linked].tolist(), cols[linked].tolist(), strict=True):
        parts.join(i, j)
    members: dict[int, list[int]] = {}
    for i in range(len(found)):
        members.setdefault(parts.find(i), []).append(i)
    groups = [m for m in members.values() if len({found[i].article for i in m}) > 1]
    return found, groups, matrix
