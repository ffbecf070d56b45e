"""The catalogue of signals a rubric can read: named, documented facts about a claim or a hop.

A rubric never looks at an :class:`~provenance.models.Analysis` directly; it names signals from
this catalogue and maps their values to credit. Each reading carries the article words that
decided it (``evidence``) so every point of a score can be traced back to the text.

Claim signals read the claim as a whole (``hops``, ``sourcing``, ``document``...); hop signals
read one element of the chain (``hop_reliability``, ``hop_stance``...) and a rubric says how the
hops of a chain combine. Everything here is string matching over text already in memory: it must
stay cheap next to the spaCy analysis (see ``benchmarks/bench_scoring.py``).
"""

from provenance.signals.base import Reading, Signal, Value, value_key
from provenance.signals.context import SignalContext
from provenance.signals.index import CATALOGUE, catalogue, claim_table, get
from provenance.signals.words import (
    ESTIMATIVE,
    NOT_HEDGES,
    RELIABILITY_LETTERS,
    VAGUE_SUBJECTS,
    Lexicon,
    clear_caches,
)

__all__ = [
    "CATALOGUE",
    "ESTIMATIVE",
    "NOT_HEDGES",
    "RELIABILITY_LETTERS",
    "VAGUE_SUBJECTS",
    "Lexicon",
    "Reading",
    "Signal",
    "SignalContext",
    "Value",
    "catalogue",
    "claim_table",
    "clear_caches",
    "get",
    "value_key",
]
