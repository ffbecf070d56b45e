"""The catalogue: every signal by name, claim signals first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from provenance.models import Analysis
from provenance.signals.base import Signal
from provenance.signals.claim import CLAIM_SIGNALS
from provenance.signals.collection import COLLECTION_SIGNALS
from provenance.signals.context import SignalContext
from provenance.signals.hop import HOP_SIGNALS

if TYPE_CHECKING:
    import pandas as pd

CATALOGUE: dict[str, Signal] = {
    s.name: s for s in (*CLAIM_SIGNALS, *COLLECTION_SIGNALS, *HOP_SIGNALS)
}


def get(name: str) -> Signal:
    """The signal called ``name`` (KeyError when the catalogue has none)."""
    return CATALOGUE[name]


def catalogue() -> list[Signal]:
    """Every signal, in catalogue order (claim signals first)."""
    return list(CATALOGUE.values())


def claim_table(analysis: Analysis) -> pd.DataFrame:
    """Every claim signal for every claim of one analysis: one row per claim."""
    import pandas as pd

    ctx = SignalContext(analysis)
    claim_signals = [s for s in CATALOGUE.values() if s.level == "claim"]
    rows = [
        {"claim_id": c.id, **{s.name: s.read_claim(ctx, c).value for s in claim_signals}}
        for c in analysis.claims
    ]
    return pd.DataFrame(rows, columns=["claim_id", *(s.name for s in claim_signals)])
