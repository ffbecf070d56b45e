"""How close two claims must be to be one claim: the grouping's thresholds (cosine similarities,
0-1), chosen on the labelled claim pairs (``tests/data/claim_pairs.tsv``) and the wire-style
collection (``data/corroboration``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    """How close two claims must be to count as the same claim (cosine similarities, 0-1)."""

    threshold: float = 0.25
    strong_threshold: float = 0.62
    story_threshold: float = 0.12
    neighbours: int = 15
    exact_limit: int = 5_000
    word_weight: float = 0.5
    min_words: int = 3
