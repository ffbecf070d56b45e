"""Mention resolution: which source seen earlier a new mention refers to.

Names link by their full form or surname, definite descriptions ("the report", "the agency")
to the latest source with the same head noun or kind, pronouns to the latest source of a
fitting type. A later mention may also tell more about a source already known (its role, that
a bare name is a person's, the fuller description a headline shortened).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from provenance import lexicon
from provenance.models import Mention, Source, SourceType
from provenance.sources import mentions
from provenance.sources.classify import Typing

_DEFINITE = frozenset({"the", "this", "that", "these", "those"})


class Node(Source):
    """A source while the article is being read: what it is, plus what linking its later
    mentions needs (its head noun, a person's surname)."""

    head: str
    surname: str | None = None
    #: "Masc" or "Fem" once a gendered pronoun stood for it: "she" cannot then mean it
    gender: str | None = None
    #: its type was given by a noun beside its name ("UpGuard, a cybersecurity firm")
    described: bool = False

    def to_source(self) -> Source:
        return Source(**self.model_dump(exclude={"head", "surname", "gender", "described"}))


class Antecedents:
    """The sources met so far and the keys their mentions were written with."""

    def __init__(self) -> None:
        self.nodes: list[Node] = []
        self._by_key: dict[str, Node] = {}

    def remember(self, node: Node, span: Span, name_text: str | None) -> None:
        """Index a mention's words (and its name) so a repeat finds the same node."""
        for key in {mentions.norm(span.text), mentions.norm(name_text or "")} - {""}:
            self._by_key.setdefault(key, node)

    def find(self, span: Span, typing: Typing, name_text: str | None) -> Node | None:
        """The node an earlier mention created for the source this one names, if any."""
        if typing.registry:
            for node in self.nodes:
                if node.registry == typing.registry:
                    return node
        key = mentions.norm(span.text)
        if key in self._by_key:
            return self._by_key[key]
        if name_text:
            return self._by_name(name_text, typing.type)
        return self._by_surname(span) or self._by_description(span, key, typing.lemma)

    def _by_name(self, name_text: str, stype: SourceType) -> Node | None:
        """A name: the same name, a person's surname, or one word of a known name."""
        nkey = mentions.norm(name_text)
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
        if len(parts) == 1:
            # a word of a longer name, once no person has it as surname: "Trump" is Donald
            # Trump, not the Trump Organization named since
            for node in reversed(self.nodes):
                if not node.anonymous and parts[0] in node.name.split():
                    return node
            return self._by_spelling(parts[0])
        return None

    def _by_spelling(self, word: str) -> Node | None:
        """A surname spelt one letter apart from a person's named before: transliterations
        vary within one article ("Sarea" ... "Saree")."""
        if len(word) < 5:
            return None
        for node in reversed(self.nodes):
            if node.type == "person" and node.surname and _one_letter_apart(word, node.surname):
                return node
        return None

    def _by_surname(self, span: Span) -> Node | None:
        """A capitalised word the tagger took for a common noun ("Trump said") that is the
        surname of a person named before."""
        if len(span) != 1 or not span[0].is_title:
            return None
        word = span[0].text
        return next(
            (n for n in reversed(self.nodes) if n.type == "person" and n.surname == word), None
        )

    def _by_description(self, span: Span, key: str, lemma: str) -> Node | None:
        """A description: an anonymous source described with the same words, or a definite
        one ("the report") pointing back to the latest source of its head noun or kind."""
        words = set(key.split())
        for node in reversed(self.nodes):
            if node.head == lemma and node.anonymous:
                other = set(mentions.norm(node.name).split())
                if words and other and (words <= other or other <= words):
                    return node
        if span[0].lower_ in _DEFINITE or span[0].dep_ == "poss":
            for node in reversed(self.nodes):
                if node.head == lemma or _described_as(node, lemma):
                    return node
            if lemma in lexicon.GENERIC_SOURCE_NOUNS and len(span) <= 3:
                for node in reversed(self.nodes):
                    if node.type == lexicon.GENERIC_SOURCE_NOUNS[lemma]:
                        return node
        return None


def _one_letter_apart(a: str, b: str) -> bool:
    """One substitution, insertion or deletion apart, the first two letters the same."""
    if a == b or a[:2] != b[:2] or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _described_as(node: Node, lemma: str) -> bool:
    """Whether a named person's role has the description's head noun: "the minister" after
    "Foreign Minister Sergei Lavrov", "the president" after "Russian President Putin"."""
    if node.anonymous or node.type != "person" or not node.role:
        return False
    return lemma in lexicon.PERSON_NOUNS and lemma in mentions.norm(node.role).split()


def update(node: Node, span: Span, typing: Typing, names: list[Token]) -> None:
    """What a later mention adds to a known source: a role, that a bare name is a person's,
    or the fuller description ("secret report" in a headline is "a top secret report")."""
    if typing.role and not node.role:
        node.role = typing.role
    if typing.described and not node.described and node.registry is None:
        # "UpGuard" first, "UpGuard, a cybersecurity firm" later: the noun says what it is
        node.type, node.described = typing.type, True
        node.surname = mentions.surname(names) if typing.type == "person" else None
    elif (
        not node.described
        and typing.type == "person"
        and node.type == "organization"
        and names
        and node.registry is None
        and node.head not in lexicon.SOURCE_TYPE_NOUNS
    ):
        # a bare name the parser once took for an organization is a person after all
        node.type, node.surname = "person", mentions.surname(names)
    explain(node, span.sent)
    fuller = mentions.strip_det(span.text)
    if (
        node.anonymous
        and not names
        and span[0].lower_ in ("a", "an")
        and len(fuller) > len(node.name)
    ):
        node.name = fuller


def explain(node: Node, sent: Span) -> None:
    """The reason an unnamed source is not named, from the first of its mentions' sentences
    that gives one ("speaking on condition of anonymity because ..."); set once, by the graph
    as it records mentions, never by the frames that cite the source."""
    if node.anonymous and node.anonymity_reason is None:
        node.anonymity_reason = mentions.anonymity_reason(sent)


def gendered(node: Node, gender: str | None, names: list[Token]) -> None:
    """A he or she bound to a name makes it a person's, whatever the entity recogniser said of
    a name it did not know ("Saree said his forces ..."); a person keeps the gender."""
    if gender is None:
        return
    if (
        node.type == "organization"
        and node.registry is None
        and node.head not in lexicon.SOURCE_TYPE_NOUNS
    ):
        node.type, node.surname = "person", mentions.surname(names)
    if node.type == "person":
        node.gender = gender


def _wanted(pronoun: str) -> tuple[str, ...]:
    """The source types a pronoun can stand for."""
    if pronoun in ("he", "she", "him", "her", "his", "himself", "herself"):
        return ("person",)
    if pronoun in ("they", "them", "their"):
        return ("group", "organization", "media", "person")
    if pronoun in ("it", "its"):
        return ("organization", "media", "document")
    return ()


def _agrees(node: Node, token: Token) -> bool:
    """Gender and number agree: a person a "she" once stood for is not a later "he"; "they"
    means a group or a body before it means one person."""
    gender = next(iter(token.morph.get("Gender", [])), None)
    if gender in ("Masc", "Fem") and node.gender not in (None, gender):
        return False
    return not (node.type == "person" and "Plur" in token.morph.get("Number", []))


def _people(nodes: list[Node]) -> int:
    return sum(node.type == "person" for node in nodes)


def resolve_pronoun(token: Token, start_offset: int, candidates: list[Node]) -> Node | None:
    """The latest fitting source for a pronoun, from ``candidates`` (most recent last), with
    the pronoun recorded among its mentions: the latest that agrees with it, else the latest
    of a type it can stand for."""
    wanted = _wanted(token.lower_)
    fitting = [node for node in reversed(candidates) if node.type in wanted]
    node = next((n for n in fitting if _agrees(n, token)), fitting[0] if fitting else None)
    if node is None:
        return None
    gender = next(iter(token.morph.get("Gender", [])), None)
    if node.type == "person" and gender in ("Masc", "Fem") and _people(fitting) == 1:
        node.gender = node.gender or gender  # the only person it could mean
    explain(node, token.sent)
    start = start_offset + token.idx
    node.mentions.append(Mention(text=token.text, start=start, end=start + len(token.text)))
    return node
