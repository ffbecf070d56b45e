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
from provenance.models import Analysis, Claim, Corroboration
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


class _Graph:
    """The document being built: each source declared once for the collection, the claims'
    entities by (article, claim) for the lines of reporting to derive them."""

    def __init__(self, analyses: Sequence[tuple[str, Analysis]]) -> None:
        self.doc = ProvDocument()
        self.doc.add_namespace("pv", NAMESPACE)
        self.resolver = Resolver(load_registry())
        self.resolver.learn(collection_names(analyses))
        self.claims: dict[tuple[str, str], ProvEntity] = {}
        self.declared: set[str] = set()
        self.by_name: dict[str, str] = {}

    def source(self, node: Node) -> str:
        """The node's agent (a document's entity), declared once for the collection."""
        ident = f"pv:src_{_local(node.key)}"
        if ident in self.declared:
            return ident
        self.declared.add(ident)
        self.by_name.setdefault(node.name, ident)
        attrs: list[tuple[str, str | bool]] = [
            ("prov:label", node.name), ("pv:anonymous", node.anonymous), ("pv:kind", node.type),
        ]  # fmt: skip
        if node.type == "document":
            self.doc.entity(ident, attrs)
        else:
            self.doc.agent(ident, [*attrs, ("prov:type", _PROV_TYPES.get(node.type, "prov:Agent"))])
        return ident

    def article(self, article_id: str, analysis: Analysis) -> None:
        """The article, attributed to its publisher, and each of its claims."""
        doc = self.doc
        art = doc.entity(
            f"pv:article_{_local(article_id)}",
            {"prov:label": analysis.article.title or article_id, "pv:article_id": article_id},
        )
        publisher = self.source(self.resolver.publisher(article_id, analysis))
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
            self.claims[(article_id, claim.id)] = entity
            doc.wasDerivedFrom(art, entity)
            statements = self.statements(article_id, analysis, claim)
            if statements:
                doc.wasQuotedFrom(entity, statements[-1])
                doc.hadPrimarySource(entity, statements[0])
            else:
                doc.wasAttributedTo(entity, publisher)

    def statements(self, article_id: str, analysis: Analysis, claim: Claim) -> list[ProvEntity]:
        """One statement per hop, origin first, each attributed to its source and quoted
        from the one before."""
        previous = None
        statements = []
        for k, node in enumerate(self.resolver.path(article_id, analysis, claim)[:-1]):
            ident = self.source(node)
            said = self.doc.entity(
                f"pv:stmt_{_local(f'{article_id}/{claim.id}/{k}')}",
                {"prov:label": f"{node.name}: {claim.id}"},
            )
            self.doc.wasAttributedTo(said, ident)
            if previous is not None:
                self.doc.wasQuotedFrom(said, previous)
            previous = said
            statements.append(said)
        return statements

    def lines(self, result: Corroboration) -> None:
        """Each line of reporting, attributed to its ancestor, its claims derived from it."""
        for group in result.groups:
            for line in group.lines:
                entity = self.doc.entity(
                    f"pv:line_{_local(line.id)}",
                    {"prov:label": f"{line.id}: {group.claim[:120]}", "pv:origin": line.origin},
                )
                ancestor = self.by_name.get(line.origin, f"pv:origin_{_local(line.origin)}")
                if ancestor not in self.declared:
                    self.declared.add(ancestor)
                    self.doc.agent(ancestor, {"prov:label": line.origin})
                self.doc.wasAttributedTo(entity, ancestor)
                for ref in line.claims:
                    self.doc.wasDerivedFrom(self.claims[(ref.article_id, ref.claim_id)], entity)


def prov_document(analyses: Sequence[tuple[str, Analysis]], result: Corroboration) -> ProvDocument:
    """The PROV document of a corroborated collection."""
    graph = _Graph(analyses)
    for article_id, analysis in analyses:
        graph.article(article_id, analysis)
    graph.lines(result)
    return graph.doc
