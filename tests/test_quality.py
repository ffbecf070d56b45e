"""The issue's quality bars, measured on the development set with the real pipeline.

These guard against regressions: a change that lowers a figure below its target fails here.
The development set and PolNeAR need ../shared/eval (only the developers have it) and skip
cleanly without it; the held-out Wikinews set ships in data/heldout and always runs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from provenance.evaluate import EvalReport, run
from provenance.models import Analysis, Article
from provenance.pipeline import analyze_articles


def _run(gold_dir: Path, nlp: Language) -> EvalReport:
    def analyze_fn(articles: list[Article]) -> list[Analysis]:
        return list(analyze_articles(articles, nlp))

    return run(gold_dir, analyze_fn)


def test_chain_annotated_dev_set_meets_the_targets(eval_dir: Path, nlp: Language) -> None:
    overall = _run(eval_dir, nlp).overall
    assert overall.claim_recall >= 0.95
    assert overall.boilerplate == 0
    assert overall.speaker_f1 >= 0.85
    assert overall.link_f1 >= 0.80
    assert overall.exact_chains >= 0.60
    assert overall.type_accuracy >= 0.90
    assert overall.anonymity_accuracy >= 0.90


HELDOUT = Path(__file__).resolve().parents[1] / "data" / "heldout"


def test_held_out_wikinews_set_does_not_fall_back(nlp: Language) -> None:
    # Measured 0.82 speaker F1 when annotated (2026-12-02, before that day's rules) and 0.84
    # after them; the floors catch a lost mechanism, the targets (0.85 / 0.93) are
    # tracked in the README, not asserted.
    overall = _run(HELDOUT, nlp).overall
    assert overall.claims == 213 and overall.claim_recall >= 0.95
    assert overall.boilerplate == 0
    assert overall.speaker_f1 >= 0.80
    assert overall.link_f1 >= 0.80
    assert overall.exact_chains >= 0.65
    assert overall.type_accuracy >= 0.85


@pytest.mark.slow
def test_polnear_speaker_recall_does_not_fall_back(eval_dir: Path, nlp: Language) -> None:
    polnear = eval_dir / "polnear-dev"
    if not (polnear / "gold").is_dir():
        pytest.skip("no PolNeAR dev set")
    # the target is 0.75, met at 0.753 when this was written; the floor leaves room for a
    # parser release that moves a few attributions, not for a change that loses a mechanism
    recall = _run(polnear, nlp).overall.flat_speaker_recall
    assert recall is not None and recall >= 0.74
