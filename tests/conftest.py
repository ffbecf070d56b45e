"""Shared fixtures: the real spaCy model loaded once per session, the shipped seed article,
and the dev set from ../shared/eval when it is there."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language

from provenance.models import Analysis

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "seed_putin_report.txt"
SHARED = ROOT.parent / "shared"
EVAL_DIR = SHARED / "eval"


@pytest.fixture(scope="session", autouse=True)
def _no_developer_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Tests never read the checkout's data/provenance.db (its analysts' source letters would
    change what `provenance score` gives): unless a test names its own database, it is a file,
    never made, in the session's temporary folder."""
    url = f"sqlite:///{tmp_path_factory.mktemp('nodb') / 'provenance.db'}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PROVENANCE_DB_URL", url)
        yield


@pytest.fixture(scope="session")
def nlp() -> Language:
    from provenance.nlp import load

    return load()


@pytest.fixture(scope="session")
def seed_analysis(nlp: Language) -> Analysis:
    from provenance import analyze

    return analyze(SEED, nlp=nlp)


@pytest.fixture(scope="session")
def eval_dir() -> Path:
    if not (EVAL_DIR / "gold").is_dir():
        pytest.skip("../shared/eval is not here (only the developers have the dev set)")
    return EVAL_DIR


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, nlp: Language) -> Iterator[str]:
    """A fresh dashboard database file per test (``PROVENANCE_DB_URL``); the app runs from the
    checkout, for its data/ samples and rubrics/."""
    from provenance.dashboard import core

    url = f"sqlite:///{tmp_path / 'provenance.db'}"
    monkeypatch.setenv("PROVENANCE_DB_URL", url)
    monkeypatch.chdir(ROOT)
    yield url
    core._open_workspace(url).store.close()
