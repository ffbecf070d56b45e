"""The collection's provenance graph as W3C PROV (the ``prov`` package), PROV-JSON on export.

Every source is one agent across the collection (its identity resolved across articles), a
document one entity. Each hop of a claim's chain is a statement attributed to its source
(``wasAttributedTo``); the statement a source passes on was quoted from the one it got
(``wasQuotedFrom``), and the claim as printed was quoted from its outermost statement and had
its origin's statement as primary source (``hadPrimarySource``). A group's line of reporting
is an entity attributed to its shared ancestor; every claim of the line, echoes included, was
derived from it (``wasDerivedFrom``), so echo clusters are visible in the graph.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from prov.model import ProvDocument, ProvEntity

from provenance.corroboration.entities import Node, Resolver, collection_names
from provenance.models import Analysis, Corroboration
from provenance.registry import load_registry

NAMESPACE = "https://provenance.example/ns#"
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
_PROV_TYPES = {
    "person": "prov:Person",
    "organization": "prov:Organization",
    "media": "prov:Organization",
}


def _local(text: str) -> str:
    """A PROV-safe local name: a readable slug and a short hash to keep it unique."""
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
    return f"{_UNSAFE.sub('_', text).strip('_')[:48]}_{digest}"


def prov_document(analyses: Sequence[tuple[str, Analysis]], result: Corroboration) -> ProvDocument:
    """The PROV document of a corroborated collection."""
    doc = ProvDocument()
    doc.add_namespace("pv", NAMESPACE)
    resolver = Resolver(load_registry())
    resolver.learn(collection_names(analyses))
    claims: dict[tuple[str, str], ProvEntity] = {}
    declared: set[str] = set()
    by_name: dict[str, str] = {}

    def source(node: Node) -> str:
        """The node's agent (a document's entity), declared once for the collection."""
        ident = f"pv:src_{_local(node.key)}"
        if ident in declared:
            return ident
        declared.add(ident)
        by_name.setdefault(node.name, ident)
        attrs: list[tuple[str, str | bool]] = [
            ("prov:label", node.name), ("pv:anonymous", node.anonymous), ("pv:kind", node.type),
        ]  # fmt: skip
        if node.type == "document":
            doc.entity(ident, attrs)
        else:
            doc.agent(ident, [*attrs, ("prov:type", _PROV_TYPES.get(node.type, "prov:Agent"))])
        return ident

    for article_id, analysis in analyses:
        art = doc.entity(
            f"pv:article_{_local(article_id)}",
            {"prov:label": analysis.article.title or article_id, "pv:article_id": article_id},
        )
        publisher = source(resolver.publisher(article_id, analysis))
        doc.wasAttributedTo(art, publisher)
        for claim in analysis.claims:
            entity = doc.entity(
                f"pv:claim_{_local(article_id + '/' + claim.id)}",
                {
                    "prov:label": claim.text[:200],
                    "pv:claim_id": claim.id,
                    "pv:article_id": article_id,
                },
            )
            claims[(article_id, claim.id)] = entity
            doc.wasDerivedFrom(art, entity)
            previous = None
            statements = []
            for k, node in enumerate(resolver.path(article_id, analysis, claim)[:-1]):
                ident = source(node)
                said = doc.entity(
                    f"pv:stmt_{_local(f'{article_id}/{claim.id}/{k}')}",
                    {"prov:label": f"{node.name}: {claim.id}"},
                )
                doc.wasAttributedTo(said, ident)
                if previous is not None:
                    doc.wasQuotedFrom(said, previous)
                previous = said
                statements.append(said)
            if statements:
                doc.wasQuotedFrom(entity, statements[-1])
                doc.hadPrimarySource(entity, statements[0])
            else:
                doc.wasAttributedTo(entity, publisher)
    for group in result.groups:
        for line in group.lines:
            entity = doc.entity(
                f"pv:line_{_local(line.id)}",
                {"prov:label": f"{line.id}: {group.claim[:120]}", "pv:origin": line.origin},
            )
            ancestor = by_name.get(line.origin, f"pv:origin_{_local(line.origin)}")
            if ancestor not in declared:
                declared.add(ancestor)
                doc.agent(ancestor, {"prov:label": line.origin})
            doc.wasAttributedTo(entity, ancestor)
            for ref in line.claims:
                doc.wasDerivedFrom(claims[(ref.article_id, ref.claim_id)], entity)
    return doc
