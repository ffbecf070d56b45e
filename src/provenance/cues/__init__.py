"""A learned cue detector: which words attribute, beyond the hand-made lexicon.

Attribution in news is broader than speech ("called for", "vowed", "is pushing", "mocked"). A
logistic regression trained with scikit-learn on the PolNeAR training split
(:mod:`provenance.cues.training`, ``provenance train-cues``) scores each verb from its parse
(:mod:`provenance.cues.features`); the weights ship as JSON in ``provenance/cue_model.json`` with
a ``meta`` block saying what made them, so that scoring at run time
(:mod:`provenance.cues.model`) is a dictionary lookup per feature. Model card: docs/cue_model.md.
"""

from provenance.cues.features import FEATURE_VERSION, LEXICON_HASH, candidate, features, fold_of
from provenance.cues.model import (
    MODEL_PATH,
    CueModel,
    StaleModelWarning,
    load_model,
    mismatches,
    read_model,
)

__all__ = [
    "FEATURE_VERSION",
    "LEXICON_HASH",
    "MODEL_PATH",
    "CueModel",
    "StaleModelWarning",
    "candidate",
    "features",
    "fold_of",
    "load_model",
    "mismatches",
    "read_model",
]
