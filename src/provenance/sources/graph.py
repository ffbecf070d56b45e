"""The source graph: the article's sources as nodes, who passed what to whom as edges.

Each mention is typed (:mod:`classify`), resolved to the node it refers to
(:mod:`coreference`) or made a new node; the article's own outlet is recognised so that it is
never a hop; edges record passing ("obtained through") so a claim inherits a source's own
provenance.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from provenance import lexicon
from provenance.claims import layout_publisher, split_paragraphs
from provenance.models import Mention, SourceType
from provenance.registry import Registry
from provenance.sources import mentions
from provenance.sources.classify import Typing, classify
from provenance.sources.coreference import Antecedents, Node, gendered, resolve_pronoun, update

#: What comes before an outlet the article's speakers talk to: "told", "in an interview with".
_TO_OUTLET = re.compile(
    r"(?:\btold|\btell|\btells|\btelling|interview with|interviewed by|spoke to|spoke with"
    r"|speaking to|speaking with|talking to|talked to|said to)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: "As Heald told The Huffington Post, …" cites another outlet's interview, never its own.
_AS_TOLD = re.compile(r"\b[Aa]s\s+(?:[\w.'’-]+\s+){1,4}told\s+(?:[Tt]he\s+)?$")
#: self-references that are names ("Wikinews"), matched with or without "the"
_SELF_NAMES = frozenset(w for w in lexicon.SELF_REFERENCES if " " not in w)


def interviewer(registry: Registry, text: str) -> str | None:
    """An outlet named only as the one the article's speakers talk to ("told VOA", "in an
    interview with VOA") and never cited in its own right is the article's own: outlets
    credit their interviews so, and cite another's as its report."""
    found: dict[str, list[bool]] = {}
    for start, _, entry in registry.find_in(text):
        if entry.type == "media":
            before = text[max(0, start - 60) : start]
            found.setdefault(entry.key, []).append(
                bool(_TO_OUTLET.search(before[-30:])) and not _AS_TOLD.search(before)
            )
    only = [key for key, told in found.items() if all(told)]
    if len(only) != 1 or (len(found[only[0]]) < 2 and len(split_paragraphs(text)) <= 2):
        return None  # one "told Reuters" in a headline and a paragraph: Reuters' hop
    return next(e.name for e in registry if e.key == only[0])


def _is_self(span: Span) -> bool:
    """The article's words for itself: "this newspaper", "Wikinews"."""
    return span.text.lower() in lexicon.SELF_REFERENCES or mentions.norm(span.text) in _SELF_NAMES


class SourceGraph:
    """The article's sources and the edges between them, built mention by mention."""

    def __init__(self, registry: Registry, text: str, publisher: str | None = None) -> None:
        self.registry = registry
        self.text = text  # the article as read: mentions quote it, not the parser's copy
        self._known = Antecedents()
        self.nodes: list[Node] = self._known.nodes
        self.edges: list[tuple[str, str, str]] = []
        publisher = publisher or layout_publisher(text) or interviewer(registry, text)
        self.publisher = mentions.norm(publisher) if publisher else None
        entry = registry.lookup(publisher) if publisher else None
        self._publisher_key = entry.key if entry else None
        #: nodes made of the article's words for itself ("this newspaper", "Wikinews")
        self._self_ids: set[str] = set()
        #: named things seen in the text by head noun ("declaration" -> "the 1956 Japan-Soviet
        #: Joint Declaration"), so "the declaration" can take the name it abbreviates
        self.named_by_head: dict[str, str] = {}
        #: typings by mention: a subject is looked up, then often resolved (the doc is kept
        #: with its typings, so a key's doc id cannot be reused by another)
        self._typings: dict[tuple[int, int, int], tuple[Doc, Typing]] = {}

    def _typing(self, span: Span) -> Typing:
        """The mention's typing, read once per mention."""
        key = (id(span.doc), span.start, span.end)
        if key not in self._typings:
            self._typings[key] = (span.doc, classify(span, self.registry))
        return self._typings[key][1]

    def classify(self, span: Span) -> tuple[SourceType, bool, str | None, str | None, str]:
        """Type, anonymity, role, registry key and head lemma of a mention."""
        t = self._typing(span)
        return t.type, t.anonymous, t.role, t.registry, t.lemma

    def resolve(self, span: Span, start_offset: int) -> Node:
        """The node this mention refers to, created when it is new."""
        typing = self._typing(span)
        names = mentions.identifying_names(span)
        name_text = mentions.name_text(names)
        is_self = _is_self(span)
        node = None if is_self else self._known.find(span, typing, name_text)
        start, end = start_offset + span.start_char, start_offset + span.end_char
        mention = Mention(text=self.text[start:end], start=start, end=end)
        anonymous = typing.anonymous
        if (
            node is None
            and not names
            and span[0].lower_ == "the"
            and typing.lemma in self.named_by_head
        ):
            # "the declaration" takes the name of the declaration the text named before
            name_text, anonymous = self.named_by_head[typing.lemma], False
        if node is None:
            node = self._new(span, self._surname_typed(typing, names), names, name_text, anonymous)
            if is_self:
                self._self_ids.add(node.id)
                return node
        else:
            update(node, span, typing, names)
        if names and node.gender is None:
            gendered(node, mentions.bound_gender(span), names)
        self._known.remember(node, span, name_text)
        if not any(m.start == mention.start for m in node.mentions):
            node.mentions.append(mention)
        return node

    def _surname_typed(self, typing: Typing, names: list[Token]) -> Typing:
        """A lone name typed organization by its entity label alone that ends a longer name
        the article gave before ("Gáspár Maróth" ... "Maróth said"): the surname of a person
        whose name the recogniser did not know on its own."""
        if not typing.guessed or typing.type != "organization" or len(names) != 1:
            return typing
        full = self.named_by_head.get(names[0].lemma_.lower(), "").split()
        if len(full) < 2 or full[-1] != names[0].text:
            return typing
        return replace(typing, type="person", guessed=False)

    def _new(
        self,
        span: Span,
        typing: Typing,
        names: list[Token],
        name_text: str | None,
        anonymous: bool,
    ) -> Node:
        """A node for a source met for the first time, shown by its name when it is named."""
        display = name_text if name_text and not anonymous else mentions.strip_det(span.text)
        if typing.entry is not None:
            display = typing.entry.name
        node = Node(
            id=f"S{len(self.nodes) + 1}",
            name=display,
            type=typing.type,
            anonymous=anonymous,
            head=typing.lemma,
            role=typing.role,
            registry=typing.registry,
            surname=mentions.surname(names) if typing.type == "person" else None,
            described=typing.described,
            anonymity_reason=mentions.anonymity_reason(span.sent) if anonymous else None,
        )
        self.nodes.append(node)
        return node

    def lookup(self, span: Span) -> Node | None:
        """The existing node a mention refers to, without creating one."""
        typing = self._typing(span)
        return self._known.find(span, typing, mentions.name_text(mentions.identifying_names(span)))

    def resolve_pronoun(
        self, token: Token, start_offset: int, candidates: list[Node]
    ) -> Node | None:
        """The latest fitting source for a pronoun, from ``candidates`` (most recent last)."""
        return resolve_pronoun(token, start_offset, candidates)

    def is_publisher(self, node: Node) -> bool:
        """Whether a node is the article's own outlet, which is never a hop."""
        if node.id in self._self_ids or (
            self._publisher_key is not None and node.registry == self._publisher_key
        ):
            return True
        own = mentions.norm(node.name)
        return bool(self.publisher) and (own == self.publisher or self.publisher in own.split())

    def add_edge(self, source: Node, target: Node, cue: str) -> None:
        """Record that ``target`` passed on what ``source`` said, once per cue."""
        if source.id != target.id and (source.id, target.id, cue) not in self.edges:
            self.edges.append((source.id, target.id, cue))

    def outward(self, node_id: str) -> list[str]:
        """Follow passing edges outward from a node: the source's own provenance."""
        path: list[str] = []
        seen = {node_id}
        current = node_id
        while True:
            nxt = next((t for s, t, _ in self.edges if s == current and t not in seen), None)
            if nxt is None:
                return path
            path.append(nxt)
            seen.add(nxt)
            current = nxt

    def node(self, node_id: str) -> Node:
        return next(n for n in self.nodes if n.id == node_id)
