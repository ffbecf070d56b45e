"""Provenance: where each claim in a news article comes from, and how far to trust it.

The public API is small: :func:`analyze` turns an article, text, file or URL into an
:class:`Analysis` (claims, chains of attribution, sources); :func:`analyze_many` does the same
for many inputs on several processes, reporting failures instead of stopping;
:func:`analyze_frame` and :func:`score_frame` take and return pandas DataFrames.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from provenance.errors import InputError, ModelError, ProvenanceError, RubricError
from provenance.models import Analysis, Article, Claim, Edge, Hop, Mention, Source

if TYPE_CHECKING:
    from provenance.batch import analyze_frame, score_frame
    from provenance.pipeline import analyze, analyze_many
    from provenance.rubric import load_rubric
    from provenance.scoring import score

__version__ = "0.1.0"

#: Imported on first use, so that ``import provenance.storage`` (the dashboard, scripts) does
#: not pay for loading spaCy before anything is analysed.
_LAZY = {
    "analyze": "provenance.pipeline",
    "analyze_many": "provenance.pipeline",
    "analyze_frame": "provenance.batch",
    "load_rubric": "provenance.rubric",
    "score": "provenance.scoring",
    "score_frame": "provenance.batch",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'provenance' has no attribute {name!r}")


__all__ = [
    "Analysis",
    "Article",
    "Claim",
    "Edge",
    "Hop",
    "InputError",
    "Mention",
    "ModelError",
    "ProvenanceError",
    "RubricError",
    "Source",
    "__version__",
    "analyze",
    "analyze_frame",
    "analyze_many",
    "load_rubric",
    "score",
    "score_frame",
]
