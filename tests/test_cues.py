"""The learned cue model: reproducible training, a meta block that must match the running code,
folds that keep test articles out of training."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from provenance.cli import app
from provenance.cues import (
    MODEL_PATH,
    StaleModelWarning,
    fold_of,
    load_model,
    mismatches,
    read_model,
)
from provenance.cues.model import pipeline_id
from provenance.cues.training import (
    Settings,
    best_threshold,
    parse_corpus,
    samples,
    split,
    train,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus" / "polnear-train"


@pytest.fixture(scope="module")
def corpus() -> Path:
    if not (CORPUS / "text").is_dir():
        pytest.skip("../shared/corpus/polnear-train is not here (only the developers have it)")
    return CORPUS


def test_training_twice_writes_the_same_bytes(corpus: Path, nlp: Language, tmp_path: Path) -> None:
    settings = Settings(folds=2)
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    cv = train(corpus, first, nlp, settings, limit=6, fold_dir=tmp_path / "folds")
    train(corpus, second, nlp, settings, limit=6, cache=tmp_path / "parse.spacy")
    assert first.read_bytes() == second.read_bytes()
    meta = json.loads(first.read_text(encoding="utf-8"))["meta"]
    assert meta["cross_validation"] == cv and cv["candidates"] > 100
    assert meta["hyperparameters"]["c"] == settings.c
    assert meta["spacy_model"] == pipeline_id(nlp)
    assert len(meta["corpus_hash"]) == 16 and meta["corpus"] == "polnear-train, 6 articles"
    assert mismatches(meta, pipeline_id(nlp)) == []
    # the parse cache gives the same model as a fresh parse, then is reused
    train(corpus, second, nlp, settings, limit=6, cache=tmp_path / "parse.spacy")
    assert first.read_bytes() == second.read_bytes()
    held_out = {
        json.loads(p.read_text())["meta"]["held_out_fold"] for p in (tmp_path / "folds").iterdir()
    }
    assert held_out == {0, 1}


def test_folds_are_disjoint_and_cover_the_corpus(corpus: Path, nlp: Language) -> None:
    data = samples(parse_corpus(corpus, nlp, limit=12))
    names = {r[0] for r in data}
    tested: list[str] = []
    for fold in range(3):
        train_rows, test_rows = split(data, fold, 3)
        trained_on = {r[0] for r in train_rows}
        held_out = {r[0] for r in test_rows}
        assert not trained_on & held_out
        assert trained_on | held_out == names
        assert all(fold_of(name, 3) == fold for name in held_out)
        tested += held_out
    assert sorted(tested) == sorted(names)  # each article is held out exactly once


def test_the_shipped_model_matches_the_running_code(nlp: Language) -> None:
    meta = read_model(MODEL_PATH).meta
    assert mismatches(meta, pipeline_id(nlp)) == [], "retrain: docs/cue_model.md"
    assert meta["cross_validation"]["candidates"] > 100_000


def test_a_model_from_other_code_warns_when_loaded(tmp_path: Path) -> None:
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    data["meta"]["feature_version"] = -1
    data["meta"]["lexicon_hash"] = "0" * 12
    stale = tmp_path / "stale.json"
    stale.write_text(json.dumps(data), encoding="utf-8")
    with pytest.warns(StaleModelWarning, match="feature version -1 .*lexicon hash"):
        model = load_model(stale)
    assert model is not None  # still used: its scores are off, not absent
    assert load_model(tmp_path / "absent.json") is None


def test_the_model_file_can_be_chosen_by_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    data["threshold"] = 0.99
    other = tmp_path / "fold.json"
    other.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setenv("PROVENANCE_CUE_MODEL", str(other))
    model = load_model()
    assert model is not None and model.threshold == 0.99


def test_train_cues_on_a_folder_that_is_not_a_corpus(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["train-cues", str(tmp_path), "--out", str(tmp_path / "m")])
    assert result.exit_code == 1
    assert "not a corpus" in result.output and not (tmp_path / "m").exists()


def test_the_threshold_is_the_best_f_beta_on_held_out_words() -> None:
    y_true = [1, 1, 1, 0, 1, 0, 0, 0]
    y_prob = [0.9, 0.8, 0.6, 0.5, 0.3, 0.2, 0.1, 0.05]
    # precision matters as much as recall at beta 1: above 0.5 only; recall weighs more at 2
    assert best_threshold(y_true, y_prob, beta=1.0) == 0.3
    assert best_threshold(y_true, y_prob, beta=0.5) == 0.6
    assert best_threshold(y_true, y_prob, beta=4.0) == 0.3
    assert best_threshold([0, 0], [0.1, 0.2], beta=2.0) == 0.5  # nothing to find: the middle


def test_the_shipped_threshold_was_chosen_by_cross_validation() -> None:
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    cv = data["meta"]["cross_validation"]
    assert data["threshold"] == cv["threshold"]
    assert data["meta"]["hyperparameters"]["threshold"] is None  # not set by hand
