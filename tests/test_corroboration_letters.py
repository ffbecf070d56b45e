"""Analysts' source letters reach every score: the dashboard's stored scores (their cache key
holds the letters), the automatic grade a rating is checked against, and `provenance score`
with or without --corroborate. The seed article, a real database file per test."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from provenance.cli import app
from provenance.rubric import load_rubric
from provenance.storage import Store
from provenance.workspace import Workspace

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "seed_putin_report.txt"
ARTICLE = "seed_putin_report"
runner = CliRunner()


def _harada_claims(frame: pd.DataFrame) -> set[str]:
    """Claims whose chain is Harada and the magazine alone: Harada is their weakest link."""
    return set(frame.loc[frame["chain"] == "Takeo Harada → Shukan Bunshun", "claim_id"])


def test_a_letter_rescores_the_stored_articles(db: str) -> None:
    here = Workspace(Store(db))
    here.add_inputs([SEED])
    rubric = load_rubric("admiralty")
    before = here.scored_frame(rubric).set_index("claim_id")
    key = here.scores_key(rubric)
    harada = sorted(_harada_claims(before.reset_index()))
    assert harada and set(before.loc[harada, "reliability"]) == {"C"}

    here.rate_source("Harada", "E", "Ana", "two retractions this year")
    assert here.scores_key(rubric) != key  # the scores stored under the old key are not read
    after = here.scored_frame(rubric).set_index("claim_id")
    assert set(after.loc[harada, "reliability"]) == {"E"}
    changed = set(before.index[before["grade"] != after["grade"]])
    assert set(harada) <= changed
    assert all("Takeo Harada" in chain for chain in after.loc[sorted(changed), "chain"])
    auto = here.automatic(ARTICLE, harada[0], rubric)  # what a rating is checked against
    assert auto.axes["reliability"] == "E"
    note = next(c.note for c in auto.criteria if c.signal == "hop_reliability")
    assert "ana rated it E" in note and "two retractions" in note

    here.rate_source("Takeo Harada", "D", "Ben")  # the newest letter counts
    newest = here.scored_frame(rubric).set_index("claim_id")
    assert set(newest.loc[harada, "reliability"]) == {"D"}
    assert list(newest.loc[harada, "credibility"]) == list(before.loc[harada, "credibility"])


def _score(out: Path, *flags: str) -> pd.DataFrame:
    result = runner.invoke(app, ["score", str(SEED), "-r", "admiralty", "-o", str(out), *flags])
    assert result.exit_code == 0, result.output
    return pd.read_csv(out)


@pytest.mark.parametrize("flags", [(), ("--corroborate",)])
def test_score_reads_the_databases_letters(db: str, tmp_path: Path, flags: tuple[str]) -> None:
    plain = _score(tmp_path / "before.csv", *flags)
    harada = _harada_claims(plain)
    rated = runner.invoke(app, ["sources", "rate", "Takeo Harada", "d", "--analyst", "ana"])
    assert rated.exit_code == 0, rated.output
    lettered = _score(tmp_path / "after.csv", *flags)
    assert set(plain.loc[plain["claim_id"].isin(harada), "reliability"]) == {"C"}
    assert set(lettered.loc[lettered["claim_id"].isin(harada), "reliability"]) == {"D"}
    others = ~plain["claim_id"].isin(harada)
    assert list(plain.loc[others, "grade"]) == list(lettered.loc[others, "grade"])


def test_score_without_a_database_makes_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "none" / "provenance.db"
    monkeypatch.setenv("PROVENANCE_DB_URL", f"sqlite:///{missing}")
    frame = _score(tmp_path / "scores.csv")
    assert set(frame.loc[frame["claim_id"].isin(_harada_claims(frame)), "reliability"]) == {"C"}
    assert not missing.exists() and not missing.parent.exists()
