"""The trained cue model at run time: plain weights read from JSON (no scikit-learn, no pickle),
checked against the code that will compute its features."""

from __future__ import annotations

import json
import math
import os
import warnings
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy import about
from spacy.language import Language
from spacy.tokens import Token

from provenance.cues.features import FEATURE_VERSION, LEXICON_HASH, features

MODEL_PATH = Path(__file__).parent.parent / "cue_model.json"
#: A model file to use instead of the shipped one (a retrained or a cross-validation fold model).
MODEL_ENV = "PROVENANCE_CUE_MODEL"


def pipeline_id(nlp: Language) -> str:
    """The spaCy pipeline as the meta block names it: "en_core_web_sm-3.8.0"."""
    return f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', '')}-{nlp.meta.get('version', '')}"


class StaleModelWarning(UserWarning):
    """The cue model was trained on other features, word lists or parser than the running code."""


def mismatches(meta: dict[str, Any], spacy_model: str | None = None) -> list[str]:
    """What differs between the code that trained a model (its ``meta``) and the running code:
    the feature version, the word lists the features read, the spaCy release (major.minor) and,
    when given as "name-version", the spaCy pipeline. Empty when the model fits."""
    found = []
    if meta.get("feature_version") != FEATURE_VERSION:
        found.append(f"feature version {meta.get('feature_version')} != {FEATURE_VERSION}")
    if meta.get("lexicon_hash") != LEXICON_HASH:
        found.append(f"lexicon hash {meta.get('lexicon_hash')} != {LEXICON_HASH}")
    trained = str(meta.get("spacy_version", "")).split(".")[:2]
    if trained != about.__version__.split(".")[:2]:
        found.append(f"spaCy {meta.get('spacy_version')} != {about.__version__}")
    if spacy_model is not None and meta.get("spacy_model") != spacy_model:
        found.append(f"spaCy model {meta.get('spacy_model')} != {spacy_model}")
    return found


class CueModel:
    """Weights of a logistic regression over :func:`~provenance.cues.features.features`."""

    def __init__(
        self, weights: dict[str, float], bias: float, threshold: float, meta: dict[str, Any]
    ) -> None:
        self.weights = weights
        self.bias = bias
        self.threshold = threshold
        self.meta = meta

    def probability(self, tok: Token) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features(tok))
        return 1.0 / (1.0 + math.exp(-z))


def read_model(path: Path) -> CueModel:
    """A model file as written by ``provenance train-cues``."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return CueModel(data["weights"], data["bias"], data["threshold"], data.get("meta", {}))


def model_path() -> Path:
    """The model file in use: ``$PROVENANCE_CUE_MODEL`` or the shipped one."""
    return Path(os.environ[MODEL_ENV]) if os.environ.get(MODEL_ENV) else MODEL_PATH


def load_model(path: Path | None = None) -> CueModel | None:
    """The model in use (``path``, else ``$PROVENANCE_CUE_MODEL``, else the shipped one), or None
    when there is none (the lexicon's rules still work). A model that does not fit the running
    code is used, with a warning: its scores are off, not absent."""
    return _load(path or model_path())


@lru_cache(maxsize=8)
def _load(path: Path) -> CueModel | None:
    if not path.exists():
        return None
    model = read_model(path)
    problems = mismatches(model.meta)
    if problems:
        warnings.warn(
            f"{path}: the cue model does not match this code ({'; '.join(problems)}); "
            "retrain it with `provenance train-cues`",
            StaleModelWarning,
            stacklevel=3,
        )
    return model
