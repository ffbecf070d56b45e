"""Grouping measured on labelled claim pairs (``tests/data/claim_pairs.tsv``): is each pair put
in one group exactly when it states the same claim? Precision and recall of "same group", and
polarity on the pairs where one claim denies the other."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from provenance.corroboration.grouping import content_words, negative_text, vectors
from provenance.corroboration.settings import Settings


@dataclass(frozen=True)
class Pair:
    label: bool
    kind: str
    a: str
    b: str


@dataclass(frozen=True)
class PairScores:
    """Precision and recall of grouping, and polarity accuracy on the denial pairs."""

    threshold: float
    pairs: int
    precision: float
    recall: float
    polarity: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def read_pairs(path: str | Path) -> list[Pair]:
    """The pairs of a TSV file with columns label (1 same claim, 0 not), kind, a, b."""
    with Path(path).open(encoding="utf-8") as handle:
        return [
            Pair(row["label"] == "1", row["kind"], row["a"], row["b"])
            for row in csv.DictReader(handle, delimiter="\t")
        ]


def similarities(pairs: list[Pair], settings: Settings) -> np.ndarray:
    """Each pair's similarity as the grouping sees it, the vectors fitted on every text of the
    file (a collection of that size)."""
    texts = list(dict.fromkeys(t for p in pairs for t in (p.a, p.b)))
    index = {t: i for i, t in enumerate(texts)}
    matrix = vectors([" ".join(content_words(t)) for t in texts], settings.word_weight)
    a = [index[p.a] for p in pairs]
    b = [index[p.b] for p in pairs]
    return np.asarray(matrix[a].multiply(matrix[b]).sum(axis=1)).ravel()


def score_pairs(pairs: list[Pair], settings: Settings | None = None) -> PairScores:
    """Precision and recall of "same group" (similarity at the threshold) on the pairs."""
    chosen = settings or Settings()
    sims = similarities(pairs, chosen)
    said = sims >= chosen.threshold
    gold = np.array([p.label for p in pairs])
    hits = int((said & gold).sum())
    denials = [p for p in pairs if p.kind == "negation"]
    flips = sum(negative_text(p.a) != negative_text(p.b) for p in denials)
    return PairScores(
        threshold=chosen.threshold,
        pairs=len(pairs),
        precision=hits / int(said.sum()) if said.any() else 0.0,
        recall=hits / int(gold.sum()) if gold.any() else 0.0,
        polarity=flips / len(denials) if denials else 1.0,
    )
