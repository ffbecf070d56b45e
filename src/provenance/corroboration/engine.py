"""The corroboration engine: grouping, source identity and lines, put together."""

from __future__ import annotations

from collections.abc import Sequence

from provenance.corroboration.entities import Resolver, collection_names
from provenance.corroboration.grouping import group
from provenance.corroboration.lines import build_group
from provenance.corroboration.settings import Settings
from provenance.models import Analysis, Corroboration
from provenance.registry import Registry, load_registry

__all__ = ["Settings", "corroborate"]


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
