"""Corroboration across articles: the same claim found in many articles, its independent lines
told from its echoes, and the denials that contradict it.

``corroborate(analyses)`` groups the claims of a collection by meaning
(:mod:`~provenance.corroboration.grouping`), resolves their sources across articles
(:mod:`~provenance.corroboration.entities`) and splits each group into lines of reporting
(:mod:`~provenance.corroboration.lines`). ``claim_view`` gives each claim its figures for
scoring: independent lines, echoes, the shared ancestor, contradictions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from provenance.corroboration.entities import Resolver, collection_names
from provenance.corroboration.grouping import Settings, group
from provenance.corroboration.lines import build_group
from provenance.models import Analysis, ClaimRef, Corroboration
from provenance.registry import Registry, load_registry

__all__ = ["ClaimView", "Settings", "claim_view", "corroborate"]


def corroborate(
    analyses: Sequence[Analysis] | Sequence[tuple[str, Analysis]],
    settings: Settings | None = None,
    registry: Registry | None = None,
) -> Corroboration:
    """Group the claims of a collection; each item is an analysis, or (article id, analysis)
    when the ids should differ from ``article.id`` (the CLI uses file stems)."""
    named = [a if isinstance(a, tuple) else (a.article.id, a) for a in analyses]
    units, groups, matrix = group(named, settings)
    resolver = Resolver(registry or load_registry())
    resolver.learn(collection_names(named))
    built = [build_group("", members, units, named, resolver, matrix) for members in groups]
    built.sort(key=lambda g: (-len({c.article_id for ln in g.lines for c in ln.claims}), g.claim))
    for n, item in enumerate(built, 1):
        item.id = f"G{n}"
        for k, line in enumerate(item.lines, 1):
            line.id = f"G{n}-L{k}"
    return Corroboration(groups=built)


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
