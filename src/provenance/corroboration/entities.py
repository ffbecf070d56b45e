"""Source identity across articles: "Shukan Bunshun", "the weekly magazine Shukan Bunshun" and
"Bunshun" are one source; so are a memo "seen by" an outlet and "the leaked memo".

A named source's key is its registry entry when the registry knows it, else its name without
descriptive words ("the weekly magazine", "Ms"). A key whose words are all inside one longer
name of the collection, and inside no other, is that name ("Bunshun", "Lopez"); spellings that
differ by a letter or two (rapidfuzz ratio) are one name. An anonymous source cannot be told
from another anonymous source of the same description, so its key is its description scoped by
the named source that relays it ("a government official" told Reuters), or by the article's
publisher. Documents are kept by kind (memo, report, letter...) for the same reason; within one
claim group a memo is the memo (see :mod:`provenance.corroboration.lines`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from provenance.corroboration.words import words
from provenance.models import Analysis, Claim, Hop
from provenance.registry import Registry, normalize

_WORD = re.compile(r"[^\W_]+")
#: "By Helen Marsh, Financial Times", "By Helen Marsh | Reuters", "By Helen Marsh (AP)".
_BYLINE = re.compile(
    r"^[ \t]*By\s+[^\n,|(]{2,60}?\s*(?:,|\||\(|—|–| - )\s*([^\n)]{2,60}?)\)?[ \t]*$", re.M
)
#: "LONDON (Reuters) -", "(Bloomberg) --", "TOKYO, March 3 (AP) —".
_DATELINE = re.compile(
    r"^[ \t]*(?:[A-Z][A-Za-z .,'/-]{0,60}?\s*)?\(([A-Z][^()\n]{1,40})\)\s*(?:--|-|–|—)", re.M
)
_HEAD = 800


@dataclass(frozen=True)
class Node:
    """One source of a chain as the collection knows it: a key shared across articles."""

    key: str
    name: str
    anonymous: bool
    type: str


def publisher_name(analysis: Analysis) -> str | None:
    """Who published the article: its metadata, else its byline or dateline."""
    if analysis.article.publisher:
        return analysis.article.publisher
    head = analysis.article.text[:_HEAD]
    for pattern in (_DATELINE, _BYLINE):
        match = pattern.search(head)
        if match and len(match.group(1).split()) <= 6:
            return match.group(1).strip(" .")
    return None


def name_words(name: str) -> tuple[str, ...]:
    """The words that identify a name: normalised, descriptive words dropped."""
    tokens = _WORD.findall(normalize(name))
    kept = tuple(t for t in tokens if t not in words().descriptors)
    return kept or tuple(tokens)


def document_kind(name: str) -> str:
    """The kind of a document from its words ("internal board memo" -> memo)."""
    kinds = words().documents
    for token in reversed(_WORD.findall(name.lower())):
        if token in kinds:
            return kinds[token]
    return "document"


class Resolver:
    """Keys for every source of a collection; call :meth:`learn` with every name first."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.display: dict[str, str] = {}
        self._alias: dict[str, str] = {}
        self._names: dict[str, tuple[str, ...]] = {}
        self._publishers: dict[str, Node] = {}

    def _raw_key(self, name: str) -> str:
        entry = self.registry.lookup(name)
        if entry is not None:
            key = f"reg:{entry.name}"
            self.display.setdefault(key, entry.name)
            self._names.setdefault(key, name_words(entry.name))
            return key
        tokens = name_words(name)
        key = "name:" + " ".join(tokens)
        self.display.setdefault(key, name)
        self._names.setdefault(key, tokens)
        return key

    def learn(self, names: Iterable[str]) -> None:
        """Read every named source of the collection, then merge the keys that are one."""
        for name in names:
            self._raw_key(name)
        self._merge_subsets()
        self._merge_spellings()

    def _merge_subsets(self) -> None:
        generic = words().generic
        index: dict[str, set[str]] = {}
        for key, tokens in self._names.items():
            for token in tokens:
                index.setdefault(token, set()).add(key)
        for key, tokens in sorted(self._names.items(), key=lambda kv: len(kv[1])):
            if key.startswith("reg:") or all(t in generic or len(t) < 3 for t in tokens):
                continue
            holders = set.intersection(*(index[t] for t in tokens)) - {key}
            longer = {self.key_of(k) for k in holders if len(self._names[k]) > len(tokens)}
            if len(longer) == 1:
                self._alias[key] = longer.pop()

    def _merge_spellings(self) -> None:
        keys = [k for k in self._names if k.startswith("name:") and k not in self._alias]
        keys = [k for k in keys if len(k) > 10]
        if len(keys) < 2 or len(keys) > 5000:  # O(n²): enough for one collection's names
            return
        texts = [k[5:] for k in keys]
        scores = process.cdist(texts, texts, scorer=fuzz.ratio, score_cutoff=92)
        for i, j in zip(*scores.nonzero(), strict=True):
            if i < j and texts[i][:1] == texts[j][:1]:
                self._alias.setdefault(keys[j], self.key_of(keys[i]))

    def key_of(self, key: str) -> str:
        """The key a raw key was merged into."""
        seen = set()
        while key in self._alias and key not in seen:
            seen.add(key)
            key = self._alias[key]
        return key

    def named(self, name: str) -> str:
        """The key of a named source."""
        return self.key_of(self._raw_key(name))

    def publisher(self, article_id: str, analysis: Analysis) -> Node:
        """The article's publisher, or a stand-in unique to the article when it is unknown."""
        if article_id not in self._publishers:
            self._publishers[article_id] = self._publisher(article_id, analysis)
        return self._publishers[article_id]

    def _publisher(self, article_id: str, analysis: Analysis) -> Node:
        name = publisher_name(analysis)
        if name is None:
            return Node(f"article:{article_id}", f"{article_id} (publisher unknown)", True, "media")
        key = self.named(name)
        return Node(key, self.display.get(key, name), False, "media")

    def path(self, article_id: str, analysis: Analysis, claim: Claim) -> list[Node]:
        """The claim's chain as collection nodes, origin first, ending at the publisher."""
        pub = self.publisher(article_id, analysis)
        nodes: list[Node] = []
        scope = pub
        for hop in reversed(claim.chain):  # outermost first: each anonymous hop's scope is known
            node = self._node(hop, scope)
            if not node.anonymous:
                scope = node
            if not nodes or nodes[-1].key != node.key:
                nodes.append(node)
        nodes.reverse()
        if not nodes or nodes[-1].key != pub.key:
            nodes.append(pub)
        return nodes

    def _node(self, hop: Hop, scope: Node) -> Node:
        if not hop.anonymous:
            key = self.named(hop.name)
            return Node(key, self.display.get(key, hop.name), False, hop.type)
        if hop.type == "document":
            what = f"doc:{document_kind(hop.name)}"
        else:
            what = "anon:" + " ".join(_WORD.findall(hop.name.lower()))
        name = hop.name if scope.anonymous else f"{hop.name} ({scope.name})"
        return Node(f"{what}@{scope.key}", name, True, hop.type)


def collection_names(analyses: Sequence[tuple[str, Analysis]]) -> list[str]:
    """Every named source and publisher of a collection (what :meth:`Resolver.learn` reads)."""
    names = []
    for _, analysis in analyses:
        names += [s.name for s in analysis.sources if not s.anonymous]
        pub = publisher_name(analysis)
        if pub:
            names.append(pub)
    return names
