"""Provenance: where each claim in a news article comes from, and how far to trust it.

The public API is small: :func:`analyze` turns a text, file or URL into an :class:`Analysis`
(claims, chains of attribution, sources); :func:`analyze_many` does the same for many inputs,
reporting failures instead of stopping.
"""

from provenance.errors import InputError, ModelError, ProvenanceError, RubricError
from provenance.models import Analysis, Article, Claim, Edge, Hop, Mention, Source
from provenance.pipeline import analyze, analyze_many
from provenance.rubric import load_rubric
from provenance.scoring import score, score_frame

__version__ = "0.1.0"

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
    "analyze_many",
    "load_rubric",
    "score",
    "score_frame",
]
