"""A learned cue detector: which verbs attribute, beyond the hand-made lexicon.

Attribution in news is broader than speech ("called for", "vowed", "is pushing", "mocked"). A
logistic regression trained with scikit-learn on the PolNeAR training split
(``benchmarks/train_cues.py``) scores each verb from its parse; the weights ship as JSON in
``provenance/cue_model.json`` so that scoring at run time is a dictionary lookup per feature,
with no scikit-learn import and no pickle.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

MODEL_PATH = Path(__file__).with_name("cue_model.json")
_CHILD_DEPS = ("nsubj", "nsubjpass", "ccomp", "xcomp", "dobj", "prep", "advcl", "agent", "neg")


def features(tok: Token) -> list[str]:
    """Binary features of a verb that say whether it attributes something to its subject."""
    lemma = tok.lemma_.lower()
    feats = [f"lemma={lemma}", f"dep={tok.dep_}", f"tag={tok.tag_}", f"head={tok.head.lemma_}"]
    for child in tok.children:
        if child.dep_ not in _CHILD_DEPS:
            continue
        feats.append(f"child={child.dep_}")
        feats.append(f"{lemma}|{child.dep_}")
        if child.dep_ == "prep":
            feats.append(f"{lemma}|prep={child.lower_}")
        if child.dep_ in ("nsubj", "nsubjpass"):
            kind = child.ent_type_ or child.pos_
            feats.append(f"subj={kind}")
            feats.append(f"{lemma}|subj={kind}")
            if child.pos_ == "PRON":
                feats.append(f"subj_pron={child.lower_}")
    return feats


class CueModel:
    """Weights of a logistic regression over :func:`features`."""

    def __init__(self, weights: dict[str, float], bias: float, threshold: float) -> None:
        self.weights = weights
        self.bias = bias
        self.threshold = threshold

    def probability(self, tok: Token) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features(tok))
        return 1.0 / (1.0 + math.exp(-z))

    def is_cue(self, tok: Token) -> bool:
        return self.probability(tok) >= self.threshold


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> CueModel | None:
    """The shipped model, or None when it has not been trained (the lexicon still works)."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return CueModel(data["weights"], data["bias"], data["threshold"])
