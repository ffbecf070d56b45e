"""Sources: the nodes of the attribution graph, typed and linked across their mentions.

A mention found at an attribution ("a top secret report", "Harada", "he") is resolved to one
node per real-world source: names link by surname, definite descriptions ("the report", "the
agency") to the latest source with the same head noun or kind, pronouns to the latest source
of a fitting type. Typing reads the registry of known outlets first, then the head noun, then
the entity label, because spaCy alone calls magazines and islands PERSON.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from provenance import lexicon
from provenance.claims import layout_publisher
from provenance.models import Mention, Source, SourceType
from provenance.registry import Registry

_MODIFIER_DEPS = frozenset({"det", "amod", "compound", "poss", "nummod", "nmod", "quantmod",
                            "case", "advmod", "predet", "npadvmod"})  # fmt: skip
_POSTMODIFIER_DEPS = frozenset({"prep", "amod", "acl"})
_NORP_LIKE = re.compile(r"^[A-Z][a-z]+(?:an|ian|ese|ish|i|ic|ch)$")
#: What comes before an outlet the article's speakers talk to: "told", "in an interview with".
_TO_OUTLET = re.compile(
    r"(?:\btold|\btell|\btells|\btelling|interview with|interviewed by|spoke to|spoke with"
    r"|speaking to|speaking with|talking to|talked to|said to)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


class Node(Source):
    """A source while the article is being read: what it is, plus what linking its later
    mentions needs (its head noun, a person's surname)."""

    head: str
    surname: str | None = None

    def to_source(self) -> Source:
        return Source(**self.model_dump(exclude={"head", "surname"}))


def mention_span(head: Token) -> Span:
    """The noun phrase a source mention spans: the head with its pre-modifiers and the
    post-modifiers before any comma ("a source close to the prime minister"), without
    relative clauses or appositions."""
    doc = head.doc
    left = head.i
    for child in head.lefts:
        if child.dep_ in _MODIFIER_DEPS or child.pos_ in ("ADJ", "PROPN", "NUM"):
            left = min(left, child.left_edge.i)
    right = head.i
    for child in head.rights:
        if child.dep_ not in _POSTMODIFIER_DEPS:
            break
        if any(
            t.text in ",;:(" or t.text in '“”"' for t in doc[head.i + 1 : child.right_edge.i + 1]
        ):
            break
        if child.dep_ == "acl" and child.tag_ != "VBN":
            break
        right = child.right_edge.i
    for child in head.rights:
        if (
            child.dep_ == "appos"
            and child.i <= right + 6
            and (
                (head.pos_ != "PROPN" and any(t.pos_ == "PROPN" for t in child.subtree))
                or (child.ent_type_ == "PERSON" and head.ent_type_ != "PERSON")
            )
        ):
            # "the study's lead author, doctoral candidate Maninder Thind": name and role
            right = child.right_edge.i
            break
    while left < head.i and doc[left].is_punct:
        left += 1
    while right > head.i and doc[right].is_punct:
        right -= 1
    return doc[left : right + 1]


def _name_tokens(span: Span) -> list[Token]:
    """The proper-name part of a mention: the run of proper nouns ending at (or next to) the
    head, or the name an apposition gives; never a name inside a post-modifier ("a poll
    published by NBC News" is a poll, not NBC News)."""
    root = span.root
    appos = next((c for c in root.children if c.dep_ == "appos" and c.i < span.end), None)
    if appos is not None and (root.pos_ != "PROPN" or appos.ent_type_ == "PERSON"):
        span = span.doc[appos.left_edge.i : appos.i + 1]
        root = appos
    else:
        span = span.doc[span.start : root.i + 1]
    toks = [
        t for t in span if t.pos_ == "PROPN" or (t.ent_type_ in ("PERSON", "ORG") and t.is_title)
    ]
    if not toks:
        return []
    # keep the last contiguous run: "former Foreign Ministry official Takeo Harada" -> Takeo Harada
    run = [toks[-1]]
    for tok in reversed(toks[:-1]):
        if tok.i == run[0].i - 1:
            run.insert(0, tok)
        else:
            break
    if run and run[-1].i < root.i and root.pos_ != "PROPN":
        # the proper nouns modify a common-noun head ("Foreign Ministry official"): no name
        return []
    # titles are roles, not names: "Pennsylvania Gov. Ed Rendell" is Ed Rendell
    titled = [n for n, tok in enumerate(run[:-1]) if tok.lower_.rstrip(".") in lexicon.TITLES]
    return run[titled[-1] + 1 :] if titled else run


def _names(span: Span) -> list[Token]:
    """The name in a mention, falling back on any person the entity recogniser found in it
    but a possessor ("Obama's former campaign strategist" is not Obama)."""
    return _name_tokens(span) or [
        t
        for t in span
        if t.ent_type_ == "PERSON"
        and t.pos_ == "PROPN"
        and not any(a.dep_ == "poss" for a in (t, *t.ancestors) if a.i >= span.start)
    ]


def _demonym(tok: Token) -> bool:
    """A nationality ("Russian", "Saudi"), not a name ("Ali" and "Soufan" only look alike)."""
    return tok.ent_type_ == "NORP" or (
        tok.ent_type_ not in ("PERSON", "ORG") and bool(_NORP_LIKE.match(tok.text))
    )


def _norm(text: str) -> str:
    text = text.replace("’", "'").lower()
    text = re.sub(r"'s\b", "", text)
    words = [w for w in re.findall(r"[\w-]+", text) if w not in lexicon.DETERMINERS]
    return " ".join(words)


#: self-references that are names ("Wikinews"), matched with or without "the"
_SELF_NAMES = frozenset(w for w in lexicon.SELF_REFERENCES if " " not in w)


class SourceGraph:
    """The article's sources and the edges between them, built mention by mention."""

    def __init__(self, registry: Registry, text: str, publisher: str | None = None) -> None:
        self.registry = registry
        self.text = text  # the article as read: mentions quote it, not the parser's copy
        self.nodes: list[Node] = []
        self.edges: list[tuple[str, str, str]] = []
        publisher = publisher or layout_publisher(text) or self._interviewer(text)
        self.publisher = _norm(publisher) if publisher else None
        entry = registry.lookup(publisher) if publisher else None
        self._publisher_key = entry.key if entry else None
        #: nodes made of the article's words for itself ("this newspaper", "Wikinews")
        self._self_ids: set[str] = set()
        self._by_key: dict[str, Node] = {}
        self._registry_names: dict[str, str] = {}
        #: named things seen in the text by head noun ("declaration" -> "the 1956 Japan-Soviet
        #: Joint Declaration"), so "the declaration" can take the name it abbreviates
        self.named_by_head: dict[str, str] = {}

    def _interviewer(self, text: str) -> str | None:
        """An outlet named only as the one the article's speakers talk to ("told VOA", "in an
        interview with VOA") and never cited in its own right is the article's own: outlets
        credit their interviews so, and cite another's as its report."""
        found: dict[str, list[bool]] = {}
        for start, _, entry in self.registry.find_in(text):
            if entry.type == "media":
                found.setdefault(entry.key, []).append(
                    bool(_TO_OUTLET.search(text[max(0, start - 30) : start]))
                )
        only = [key for key, told in found.items() if all(told)]
        if len(only) != 1:
            return None
        return next(e.name for e in self.registry if e.key == only[0])

    # --- typing -------------------------------------------------------------------------
    def classify(self, span: Span) -> tuple[SourceType, bool, str | None, str | None, str]:
        """Type, anonymity, role, registry key and head lemma of a mention."""
        head = span.root
        lemma = head.lemma_.lower()
        text = span.text
        entry = self.registry.lookup(text) or self.registry.lookup(
            " ".join(t.text for t in _name_tokens(span))
        )
        if entry is None and head.pos_ == "PROPN":
            entry = self.registry.lookup(head.text)
        names = _names(span)
        lowered = text.lower()
        role = _role(span, names)
        if entry is not None:
            self._registry_names[entry.key] = entry.name
            return entry.type, False, role or entry.kind, entry.key, lemma
        plural = head.tag_ in ("NNS", "NNPS") or lemma in lexicon.GROUP_NOUNS
        noun_type = lexicon.SOURCE_TYPE_NOUNS.get(lemma)
        anonymous = not names or any(m in lowered for m in lexicon.ANONYMOUS_MARKERS)
        if names and all(_demonym(t) for t in names) and noun_type != "organization":
            anonymous = True  # "a Russian official" names a country, not a person
        if noun_type == "organization" and any(t.is_title for t in span[1:]) and not plural:
            anonymous = False  # "the Yemen-based Houthi movement" is a body one can identify
        stype: SourceType
        if head.pos_ == "PROPN" or (names and names[-1].i == head.i):
            label = head.ent_type_
            if lemma in lexicon.MEDIA_NAME_WORDS:
                stype = "media"
            elif noun_type in ("media", "document", "organization"):
                stype = noun_type  # type: ignore[assignment]
            elif label == "PERSON" or any(t.ent_type_ == "PERSON" for t in names):
                stype = "person"  # also "a Republican, Mark Amodei"
            elif label in ("ORG", "NORP", "GPE", "FAC", "LOC"):
                stype = "organization"
            elif len(names) >= 2:
                stype = "person"
            else:
                stype = "organization" if plural else "person"
        elif lemma in lexicon.PERSON_NOUNS and not plural:
            stype = "person"
        elif plural and (
            lemma in lexicon.PERSON_NOUNS
            or lemma in lexicon.GROUP_NOUNS
            or head.lower_ in lexicon.GROUP_NOUNS
        ):
            stype = "group"
        elif noun_type in ("media", "document", "organization"):
            stype = noun_type  # type: ignore[assignment]
            if noun_type == "media" and lemma in ("agency", "network", "site", "website"):
                stype = "media"
        elif plural:
            stype = "group"
        elif lemma.endswith(lexicon.PERSONISH_SUFFIXES):
            stype = "person"
        else:
            stype = "person" if head.ent_type_ == "PERSON" else "organization"
        if stype == "media" and lemma in ("media", "press") and not names:
            anonymous = True
        if (
            stype == "organization"
            and not names
            and lemma in ("government", "police", "army", "military", "ministry")
        ):
            anonymous = False  # "the government" is a body the reader can identify
        return stype, anonymous, role, None, lemma

    # --- resolution ---------------------------------------------------------------------
    def resolve(self, span: Span, start_offset: int) -> Node:
        """The node this mention refers to, created when it is new."""
        stype, anonymous, role, reg_key, lemma = self.classify(span)
        names = _names(span)
        name_text = " ".join(t.text for t in names) if names else None
        is_self = span.text.lower() in lexicon.SELF_REFERENCES or _norm(span.text) in _SELF_NAMES
        node = None if is_self else self._find(span, stype, name_text, reg_key, lemma)
        start, end = start_offset + span.start_char, start_offset + span.end_char
        mention = Mention(text=self.text[start:end], start=start, end=end)
        if node is None and not names and span[0].lower_ == "the" and lemma in self.named_by_head:
            name_text, anonymous = self.named_by_head[lemma], False
        if node is None:
            display = name_text if name_text and not anonymous else _strip_det(span.text)
            if reg_key:
                display = self._registry_names.get(reg_key, display)
            node = Node(
                id=f"S{len(self.nodes) + 1}",
                name=display,
                type=stype,
                anonymous=anonymous,
                head=lemma,
                role=role,
                registry=reg_key,
                surname=names[-1].text if names and stype == "person" else None,
            )
            self.nodes.append(node)
            if is_self:
                self._self_ids.add(node.id)
                return node
        else:
            if role and not node.role:
                node.role = role
            if (
                stype == "person"
                and node.type == "organization"
                and names
                and node.registry is None
                and node.head not in lexicon.SOURCE_TYPE_NOUNS
            ):
                # a bare name the parser once took for an organization is a person after all
                node.type, node.surname = "person", names[-1].text
            fuller = _strip_det(span.text)
            if (
                node.anonymous
                and not names
                and span[0].lower_ in ("a", "an")
                and len(fuller) > len(node.name)
            ):
                node.name = fuller  # "secret report" in a headline is "a top secret report"
        self._remember(node, span, name_text)
        if not any(m.start == mention.start for m in node.mentions):
            node.mentions.append(mention)
        return node

    def _remember(self, node: Node, span: Span, name_text: str | None) -> None:
        for key in {_norm(span.text), _norm(name_text or "")} - {""}:
            self._by_key.setdefault(key, node)

    def _find(
        self, span: Span, stype: SourceType, name_text: str | None, reg_key: str | None, lemma: str
    ) -> Node | None:
        if reg_key:
            for node in self.nodes:
                if node.registry == reg_key:
                    return node
        key = _norm(span.text)
        if key in self._by_key:
            return self._by_key[key]
        if name_text:
            nkey = _norm(name_text)
            if nkey in self._by_key:
                return self._by_key[nkey]
            parts = name_text.split()
            for node in reversed(self.nodes):
                if (
                    node.type == "person"
                    and node.surname
                    and (
                        (stype == "person" and parts[-1] == node.surname)
                        or (len(parts) == 1 and parts[0] == node.surname)
                    )
                ):
                    return node
                if len(parts) == 1 and not node.anonymous and parts[0] in node.name.split():
                    return node
            return None
        words = set(key.split())
        for node in reversed(self.nodes):
            if node.head == lemma and node.anonymous and not name_text:
                other = set(_norm(node.name).split())
                if words and other and (words <= other or other <= words):
                    return node
        first = span[0].lower_
        if first in ("the", "this", "that", "these", "those") or span[0].dep_ == "poss":
            for node in reversed(self.nodes):
                if node.head == lemma:
                    return node
            if lemma in lexicon.GENERIC_SOURCE_NOUNS and len(span) <= 3:
                for node in reversed(self.nodes):
                    if node.type == lexicon.GENERIC_SOURCE_NOUNS[lemma]:
                        return node
        return None

    def lookup(self, span: Span) -> Node | None:
        """The existing node a mention refers to, without creating one."""
        stype, _, _, reg_key, lemma = self.classify(span)
        names = _names(span)
        return self._find(span, stype, " ".join(t.text for t in names) or None, reg_key, lemma)

    def resolve_pronoun(
        self, token: Token, start_offset: int, candidates: list[Node]
    ) -> Node | None:
        """The latest fitting source for a pronoun, from ``candidates`` (most recent last)."""
        lower = token.lower_
        if lower in ("he", "she", "him", "her", "his", "himself", "herself"):
            wanted: tuple[str, ...] = ("person",)
        elif lower in ("they", "them", "their"):
            wanted = ("group", "organization", "media", "person")
        elif lower in ("it", "its"):
            wanted = ("organization", "media", "document")
        else:
            return None
        for node in reversed(candidates):
            if node.type in wanted:
                node.mentions.append(
                    Mention(
                        text=token.text,
                        start=start_offset + token.idx,
                        end=start_offset + token.idx + len(token.text),
                    )
                )
                return node
        return None

    def is_publisher(self, node: Node) -> bool:
        """Whether a node is the article's own outlet, which is never a hop."""
        if node.id in self._self_ids or (
            self._publisher_key is not None and node.registry == self._publisher_key
        ):
            return True
        return bool(self.publisher) and (
            _norm(node.name) == self.publisher or self.publisher in _norm(node.name).split()
        )

    def add_edge(self, source: Node, target: Node, cue: str) -> None:
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


def _strip_det(text: str) -> str:
    words = text.split()
    if words and words[0].lower() in lexicon.DETERMINERS:
        words = words[1:]
    return " ".join(words) or text


def _role(span: Span, names: list[Token]) -> str | None:
    """How the text describes the source: the mention without its name and determiner, plus an
    apposition ("Hugh Hill, a doctor,") when there is one."""
    name_ids = {t.i for t in names}
    words = [
        t.text_with_ws
        for t in span
        if (
            t.i not in name_ids
            and (t.lower_ not in lexicon.DETERMINERS or t.i > span.start)
            and t.dep_ != "poss"
        )
        or (t.dep_ == "poss" and t.i not in name_ids and t.pos_ == "PROPN")
    ]
    role = re.sub(r"(?:'s|’s)$", "", "".join(words).strip()).strip(" ,")
    head = span.root
    for child in head.children:
        if child.dep_ == "appos":
            appos = head.doc[child.left_edge.i : child.right_edge.i + 1].text
            role = f"{role}, {_strip_det(appos)}" if role else _strip_det(appos)
            break
    if role.lower() in lexicon.TITLES or not any(c.isalpha() for c in role):
        return None
    return role or None
