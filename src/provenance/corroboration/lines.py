"""Independence: which claims of a group are one line of reporting, and where each line starts.

Each claim's chain runs from its origin to the article's publisher (see
:mod:`provenance.corroboration.entities`). Two claims are one line when their chains share an
origin, or when one of them passes through a source the other also has (a common
intermediary: an echo of the other outlet's report). Two claims that meet only at the outlet
that collected both ("a spokeswoman said" and "the FT reported", both in one Reuters story)
stay two lines. A line's origin is its shared ancestor: the source most of its claims pass
through, a named one before an anonymous one, the one nearest the origin first.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
from scipy import sparse

from provenance.corroboration.entities import Node, Resolver, name_words
from provenance.corroboration.grouping import Components, Unit
from provenance.corroboration.words import words
from provenance.models import Analysis, ClaimGroup, ClaimRef, Line

_WORD = re.compile(r"[^\W_]+")


def _ref(unit: Unit) -> ClaimRef:
    return ClaimRef(article_id=unit.article_id, claim_id=unit.claim.id, text=unit.claim.text)


def _same_documents(paths: dict[int, list[Node]]) -> None:
    """Within one group, documents of one kind are one document ("the leaked memo" is the memo
    "seen by the Financial Times"): keyed by the copy whose relaying source is named."""
    by_kind: dict[str, Counter[str]] = {}
    for path in paths.values():
        for node in path:
            if node.key.startswith("doc:"):
                by_kind.setdefault(node.key.split("@")[0], Counter())[node.key] += 1
    chosen: dict[str, Node] = {}
    for keys in by_kind.values():
        named = [k for k in keys if "@article:" not in k] or list(keys)
        best = max(named, key=lambda k: keys[k])
        node = next(n for p in paths.values() for n in p if n.key == best)
        chosen.update({k: node for k in keys})
    for path in paths.values():
        path[:] = [chosen.get(n.key, n) for n in path]


def _anonymous_is_named(
    units: Sequence[Unit], paths: dict[int, list[Node]], analyses: Sequence[tuple[str, Analysis]],
    resolver: Resolver,
) -> None:  # fmt: skip
    """ "A union official has said" and "Maria Lopez, regional secretary of the union" in one
    article are one source: an anonymous description whose telling words belong to a named
    source of the same article is that source."""
    roles = words().roles
    for i in paths:
        analysis = analyses[units[i].article][1]
        named = [
            (
                resolver.named(s.name),
                set(name_words(s.name)) | set(_WORD.findall((s.role or "").lower())),
            )
            for s in analysis.sources
            if not s.anonymous and s.type in ("person", "organization")
        ]
        path = paths[i]
        for pos, node in enumerate(path):
            if not node.anonymous or node.type == "document":
                continue
            telling = set(_WORD.findall(node.name.split(" (")[0].lower())) - roles
            owners = {key for key, said in named if telling and telling <= said}
            if len(owners) == 1:
                key = owners.pop()
                path[pos] = Node(key, resolver.display.get(key, key), False, node.type)


def _join(units: Sequence[Unit], paths: dict[int, list[Node]]) -> Components:
    parts = Components(paths)
    places: dict[str, list[tuple[int, bool, bool]]] = {}  # key -> (unit, is origin, is last)
    for i, path in paths.items():
        for pos, node in enumerate(path):
            places.setdefault(node.key, []).append((i, pos == 0, pos == len(path) - 1))
    for spots in places.values():
        through = any(not last for _, _, last in spots)
        joined = [i for i, origin, last in spots if through or (origin and last)]
        for i in joined[1:]:
            parts.join(joined[0], i)
    # The article's own voice ("Northvale to shut plant" as a headline) restates what the
    # article reports: it joins the article's largest line, and is a line only on its own.
    for i in paths:
        if units[i].claim.chain:
            continue
        same = [j for j in paths if units[j].article == units[i].article]
        sizes = Counter(parts.find(j) for j in same)
        attributed = [parts.find(j) for j in same if units[j].claim.chain]
        if attributed:
            parts.join(i, max(attributed, key=lambda r: sizes[r]))
    return parts


def _origin(paths: list[list[Node]]) -> str:
    """The shared ancestor of a line's chains."""
    cover: Counter[str] = Counter()
    place: dict[str, list[float]] = {}
    nodes: dict[str, Node] = {}
    for path in paths:
        for pos, node in enumerate(path):
            if node.key not in nodes or not node.anonymous:
                nodes[node.key] = node
            place.setdefault(node.key, []).append(pos / max(1, len(path) - 1))
        cover.update({node.key for node in path})
    best = max(
        cover,
        key=lambda k: (cover[k], not nodes[k].anonymous, -float(np.mean(place[k]))),
    )
    return nodes[best].name


def build_group(
    group_id: str,
    members: Sequence[int],
    units: Sequence[Unit],
    analyses: Sequence[tuple[str, Analysis]],
    resolver: Resolver,
    matrix: sparse.csr_matrix,
) -> ClaimGroup:
    """One group: its lines (largest first), their origins, and the claims that deny it."""
    negative_articles = {units[i].article for i in members if units[i].negative}
    positive_articles = {units[i].article for i in members if not units[i].negative}
    sign = len(negative_articles) > len(positive_articles)
    main = [i for i in members if units[i].negative == sign]
    against = [i for i in members if units[i].negative != sign]
    paths = {
        i: resolver.path(units[i].article_id, analyses[units[i].article][1], units[i].claim)
        for i in main
    }
    _same_documents(paths)
    _anonymous_is_named(units, paths, analyses, resolver)
    parts = _join(units, paths)
    lines: dict[int, list[int]] = {}
    for i in main:
        lines.setdefault(parts.find(i), []).append(i)
    ordered = sorted(lines.values(), key=lambda m: (-len({units[i].article for i in m}), m[0]))
    sub = matrix[main]
    centrality = np.asarray((sub @ sub.T).sum(axis=1)).ravel()  # similarity to the whole group
    representative = units[main[int(np.argmax(centrality))]].claim.text
    return ClaimGroup(
        id=group_id,
        claim=representative,
        independent_lines=len(ordered),
        lines=[
            Line(
                id=f"{group_id}-L{n}",
                origin=_origin([paths[i] for i in line]),
                claims=[_ref(units[i]) for i in line],
            )
            for n, line in enumerate(ordered, 1)
        ],
        contradictions=[_ref(units[i]) for i in against],
    )
