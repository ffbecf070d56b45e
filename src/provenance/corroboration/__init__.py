"""Corroboration across articles: the same claim found in many articles, its independent lines
told from its echoes, and the denials that contradict it.

``corroborate(analyses)`` groups the claims of a collection by meaning
(:mod:`~provenance.corroboration.grouping`), resolves their sources across articles
(:mod:`~provenance.corroboration.entities`) and splits each group into lines of reporting
(:mod:`~provenance.corroboration.lines`). ``claim_view`` gives each claim its figures for
scoring: independent lines, echoes, the shared ancestor, contradictions.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Any

from provenance.models import ClaimRef, Corroboration

if TYPE_CHECKING:
    from provenance.corroboration.engine import corroborate
    from provenance.corroboration.settings import Settings

__all__ = ["ClaimView", "Rated", "Settings", "claim_view", "corroborate"]

#: Loaded on first use: scoring reads claim views without paying for scikit-learn.
_LAZY = {
    "corroborate": "provenance.corroboration.engine",
    "Settings": "provenance.corroboration.settings",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'provenance.corroboration' has no attribute {name!r}")


@dataclass(frozen=True)
class ClaimView:
    """What the collection says about one claim (the corroboration signals read this)."""

    group: str
    independent_lines: int
    confirmations: tuple[str, ...]
    echoes: tuple[ClaimRef, ...]
    shared_ancestor: str
    contradictions: tuple[ClaimRef, ...]
    contradicts: bool


@dataclass(frozen=True)
class Rated:
    """A source's reliability letter from the source register, and why (scoring shows it)."""

    letter: str
    reason: str


def claim_view(result: Corroboration) -> dict[tuple[str, str], ClaimView]:
    """(article id, claim id) -> its view, for every claim in a group."""
    views: dict[tuple[str, str], ClaimView] = {}
    for grp in result.groups:
        for line in grp.lines:
            others = tuple(o.origin for o in grp.lines if o is not line)
            for ref in line.claims:
                echoes = tuple(c for c in line.claims if c.article_id != ref.article_id)
                views[(ref.article_id, ref.claim_id)] = ClaimView(
                    grp.id, grp.independent_lines, others, echoes, line.origin,
                    tuple(grp.contradictions), False,
                )  # fmt: skip
        for ref in grp.contradictions:
            views[(ref.article_id, ref.claim_id)] = ClaimView(grp.id, 0, (), (), "", (), True)
    return views
