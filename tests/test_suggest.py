"""Suggested ratings, trained on two analysts' ratings of the shipped articles' real claims:
the cross-validated model beats the majority value and the class priors when the analysts
follow the chains, and does not when their values are shuffled; too few ratings suggest
nothing."""

from __future__ import annotations

import math
import random
from pathlib import Path

import pandas as pd
import pytest
from spacy.language import Language

from provenance import analyze_many
from provenance.models import Analysis
from provenance.rubric import Rubric, load_rubric
from provenance.scoring import score_frame
from provenance.suggest import MIN_RATINGS, train

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def scored(nlp: Language) -> pd.DataFrame:
    inputs = [ROOT / "data" / "seed_putin_report.txt", ROOT / "data" / "samples"]
    analyses = [a for a in analyze_many(inputs, nlp=nlp) if isinstance(a, Analysis)]
    return score_frame(analyses, load_rubric("admiralty"))


def analyst(row: pd.Series, rng: random.Random, noise: float) -> dict[str, str]:
    """An analyst who grades reliability by the chain and credibility by its length, with a
    share of ``noise`` ratings picked at random."""
    reliability = "F" if row["anonymous_hops"] else ("C" if row["hops"] else "B")
    credibility = str(min(2 + int(row["hops"]), 5))
    if rng.random() < noise:
        reliability = rng.choice("BCF")
    if rng.random() < noise:
        credibility = rng.choice("2345")
    return {"reliability": reliability, "credibility": credibility}


def ratings(scored: pd.DataFrame, seed: int = 7, noise: float = 0.1) -> pd.DataFrame:
    rng = random.Random(seed)
    rows = []
    for _, row in scored.iterrows():
        for name in ("alice", "bob"):
            item = {"article_id": row["article_id"], "claim_id": row["claim_id"]}
            rows.append({**item, "analyst": name, "rubric_id": "admiralty",
                         **analyst(row, rng, noise)})  # fmt: skip
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def admiralty() -> Rubric:
    return load_rubric("admiralty")


def test_suggestions_learn_the_teams_ratings(scored: pd.DataFrame, admiralty: Rubric) -> None:
    assert len(scored) >= 100
    team = ratings(scored)
    suggester = train(team, scored, admiralty)
    assert suggester.ready
    for axis in ("reliability", "credibility"):
        model = suggester.axes[axis]
        assert model.ratings == len(team)
        assert model.accuracy > model.baseline_accuracy + 0.1, model
        assert model.brier < model.baseline_brier, model
    suggested = suggester.suggest(scored)
    assert list(suggested.columns[:2]) == ["article_id", "claim_id"]
    assert suggested["reliability_probability"].between(0, 1).all()
    rule = scored["anonymous_hops"].gt(0).map({True: "F", False: "?"})
    anonymous = rule == "F"
    agree = (suggested.loc[anonymous, "reliability"] == "F").mean()
    assert agree > 0.9  # anonymous chains: F, as the team rates them


def test_shuffled_ratings_teach_nothing(scored: pd.DataFrame, admiralty: Rubric) -> None:
    team = ratings(scored)
    shuffled = team.assign(
        credibility=team["credibility"].sample(frac=1, random_state=3).to_numpy()
    )
    model = train(shuffled, scored, admiralty).axes["credibility"]
    assert model.accuracy < model.baseline_accuracy + 0.08, model


def test_too_few_ratings_suggest_nothing(scored: pd.DataFrame, admiralty: Rubric) -> None:
    few = ratings(scored.head(MIN_RATINGS // 2 - 1))
    suggester = train(few, scored, admiralty)
    assert not suggester.ready
    assert all(math.isnan(m.accuracy) for m in suggester.axes.values())
    assert list(suggester.suggest(scored).columns) == ["article_id", "claim_id"]
