"""The application layer the dashboard and the CLI share (:mod:`provenance.catalogue`,
:mod:`provenance.workspace`, backups): rubrics saved where they belong and never replaced,
files written whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import ROOT

from provenance.backup import export
from provenance.catalogue import (
    RubricExists,
    badness,
    choose_rubric,
    copy_text,
    grade_changes,
    rubric_catalogue,
    rubric_label,
    save_rubric,
    saving_dir,
)
from provenance.errors import ProvenanceError, RubricError
from provenance.models import Analysis
from provenance.packaged import packaged
from provenance.rubric import load_rubric, rubric_files, validate_rubric_text
from provenance.scoring import score
from provenance.storage import Store

ADMIRALTY = (ROOT / "rubrics" / "admiralty.yaml").read_text(encoding="utf-8")


@pytest.fixture
def away(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A directory without ./rubrics, $PROVENANCE_RUBRICS unset: the package's rubrics are in
    use; the user's data folder is under ``tmp_path``."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PROVENANCE_RUBRICS", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home"))
    return tmp_path


def test_a_rubric_saved_beside_the_packaged_ones_goes_to_the_user_folder(away: Path) -> None:
    user = away / "home" / "provenance" / "rubrics"
    assert saving_dir() == user
    target = save_rubric(ADMIRALTY.replace("id: admiralty", "id: mine", 1))
    assert target == user / "mine.yaml"
    assert not (packaged("rubrics") / "mine.yaml").exists()
    assert [p.name for p in user.iterdir()] == ["mine.yaml"]  # nothing staged left behind
    assert target in rubric_files() and load_rubric("mine").id == "mine"
    known = rubric_catalogue()
    assert {"admiralty", "mine"} <= set(known)
    assert rubric_label(known, "mine") == "Admiralty (NATO STANAG 2511) reliability and " \
        "credibility (mine)"  # fmt: skip
    assert rubric_label(known, "epistemic") == known["epistemic"].title


def test_saving_never_replaces_a_rubric_nor_saves_a_broken_one(away: Path) -> None:
    with pytest.raises(RubricExists, match=r"admiralty\.yaml"):
        save_rubric(ADMIRALTY)  # the packaged one's id
    mine = ADMIRALTY.replace("id: admiralty", "id: mine", 1)
    first = save_rubric(mine)
    with pytest.raises(RubricExists):
        save_rubric(mine.replace("Admiralty", "Other"))
    assert first.read_text(encoding="utf-8") == mine
    with pytest.raises(RubricError):
        save_rubric(mine.replace("id: mine", "id: broken").replace("weight: 50", "weight: x"))
    assert not (first.parent / "broken.yaml").exists()


def test_a_rubrics_folder_named_by_the_environment_is_where_saves_go(
    away: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    team = away / "team"
    team.mkdir()
    monkeypatch.setenv("PROVENANCE_RUBRICS", str(team))
    assert save_rubric(ADMIRALTY) == team / "admiralty.yaml"
    assert rubric_files() == [team / "admiralty.yaml"]


def test_the_rubric_in_use_and_how_bad_a_grade_is(seed_analysis: Analysis, away: Path) -> None:
    known = rubric_catalogue()
    assert choose_rubric(known, None) is known["admiralty"]
    assert choose_rubric(known, "gone") is known["admiralty"]
    assert choose_rubric(known, "epistemic") is known["epistemic"]
    assert choose_rubric({}, "admiralty") is None
    places = [badness(r, known["admiralty"]) for r in score(seed_analysis, "admiralty")]
    assert all(0 <= p <= 1 for p in places) and len(set(places)) > 1


def test_a_backup_that_cannot_be_written_leaves_nothing(
    tmp_path: Path, seed_analysis: Analysis
) -> None:
    store = Store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    store.save_analysis(seed_analysis)
    blocked = tmp_path / "backup.jsonl"
    blocked.mkdir()  # a folder where the file should go: the rename fails at the end
    with pytest.raises(ProvenanceError, match="cannot write"):
        export(store, blocked)
    assert blocked.is_dir() and not os.listdir(blocked)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    good = export(store, tmp_path / "ok.jsonl")
    assert good["article"] == 1 and (tmp_path / "ok.jsonl").read_text().count("\n") > 2


def test_what_an_edited_copy_would_change_before_it_is_saved(seed_analysis: Analysis) -> None:
    original = load_rubric("admiralty")
    text = copy_text(original)
    assert "id: admiralty-copy" in text and text.count("id: admiralty\n") == 0
    lenient = validate_rubric_text(text.replace('{label: "3", min: 50}', '{label: "3", min: 40}'),
                                   "edited")  # fmt: skip
    changes = grade_changes([seed_analysis], original, lenient)
    assert len(changes) == len(seed_analysis.claims)
    moved = changes[changes["changed"]]
    assert len(moved) and changes["changed"].iloc[: len(moved)].all()  # changed ones first
    assert (moved["before"] != moved["after"]).all()
    assert not grade_changes([seed_analysis], original, original)["changed"].any()
