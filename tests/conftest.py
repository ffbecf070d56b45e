"""Shared fixtures: the real spaCy model loaded once per session, the shipped seed article,
and the dev set from ../shared/eval when it is there."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from provenance.models import Analysis

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "seed_putin_report.txt"
SHARED = ROOT.parent / "shared"
EVAL_DIR = SHARED / "eval"


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
