"""Grouping precision and recall on the labelled claim pairs (tests/data/claim_pairs.tsv: 244
pairs from the Wikinews samples, with paraphrases and denials written for the project), and on
pairs of the dev set's articles built at test time (never copied into the project)."""

from __future__ import annotations

import re
from pathlib import Path

from provenance.corroboration.pairs import Pair, read_pairs, score_pairs, similarities
from provenance.corroboration.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT / "tests" / "data" / "claim_pairs.tsv"


def test_the_pairs_file_is_large_and_balanced_enough() -> None:
    pairs = read_pairs(PAIRS)
    assert len(pairs) >= 200
    kinds = {p.kind for p in pairs}
    assert kinds == {"paraphrase", "negation", "same_story", "other_story"}
    assert sum(p.label for p in pairs) >= 70


def test_grouping_precision_and_recall_at_the_default_threshold() -> None:
    scores = score_pairs(read_pairs(PAIRS))
    assert scores.threshold == Settings().threshold
    assert scores.precision >= 0.95
    assert scores.recall >= 0.85
    assert scores.polarity == 1.0  # every denial has the opposite sign of what it denies


def test_a_higher_threshold_trades_recall_for_precision() -> None:
    pairs = read_pairs(PAIRS)
    low, high = (
        score_pairs(pairs, Settings(threshold=0.15)),
        score_pairs(pairs, Settings(threshold=0.4)),
    )
    assert low.recall > high.recall and low.precision <= high.precision


def test_neighbouring_dev_set_sentences_are_rarely_grouped(eval_dir: Path) -> None:
    """Neighbouring sentences of one dev-set article (the hardest negatives: one story, one
    speaker) are nearly always different claims: under 5% reach the default threshold, and
    those that do mostly repeat a quote ("I put no pressure on them" ... "I didn't put any
    pressure on them")."""
    sentences = []
    for path in sorted((eval_dir / "articles").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        sentences += [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 8]
    sentences = list(dict.fromkeys(sentences))
    pairs = [
        Pair(False, "dev", a, b)
        for step in (1, 2)
        for a, b in zip(sentences, sentences[step:], strict=False)
    ]
    assert len(pairs) > 200
    sims = similarities(pairs, Settings())
    assert (sims >= Settings().threshold).mean() < 0.05
