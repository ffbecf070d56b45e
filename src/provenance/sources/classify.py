"""Source typing: what kind of source a mention names, and whether a reader can identify it.

The registry of known outlets is read first, then the head noun, then the entity label,
because spaCy alone calls magazines and islands PERSON.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from provenance import lexicon
from provenance.models import SourceType
from provenance.registry import Registry, RegistryEntry
from provenance.sources import mentions

#: Bodies a reader can identify without a name: "the government", "police".
_KNOWN_BODIES = frozenset({"government", "police", "army", "military", "ministry"})
#: Prepositions that give a plurality's members by example.
_EXAMPLE_PREPS = frozenset({"including", "as"})
#: A one-word name with a capital inside ("UpGuard", "VesselFinder", "YouTube") is a brand,
#: not a person; surname prefixes ("McConnell", "DeSantis", "LeBron") aside.
_INTERCAPS = re.compile(r"^(?!(?:Mc|Mac|Fitz|D[aeiu]|L[ae]|Van|Von|St)[A-Z])[A-Z]?[a-z]+[A-Z]")


@dataclass(frozen=True)
class Typing:
    """What a mention says of its source: type, anonymity, role, registry entry, head lemma."""

    type: SourceType
    anonymous: bool
    role: str | None
    entry: RegistryEntry | None
    lemma: str
    #: the type was given by a noun beside the name ("cybersecurity firm UpGuard"), which a
    #: later bare mention's entity label does not overrule
    described: bool = False
    #: the type is only a guess from the entity label or the name's length: a later mention,
    #: a pronoun or the full name elsewhere may correct it
    guessed: bool = False

    @property
    def registry(self) -> str | None:
        return self.entry.key if self.entry else None


def _registry_entry(span: Span, registry: Registry) -> RegistryEntry | None:
    """The registry's entry for the mention, its name, or a proper-noun head."""
    head = span.root
    entry = registry.lookup(span.text) or registry.lookup(
        mentions.name_text(mentions.name_tokens(span)) or ""
    )
    if entry is None and head.pos_ == "PROPN":
        entry = registry.lookup(head.text)
    return entry


def _plural(head: Token) -> bool:
    return head.tag_ in ("NNS", "NNPS") or head.lemma_.lower() in lexicon.GROUP_NOUNS


def _named_type(
    head: Token, names: list[Token], noun_type: str | None, described: SourceType | None
) -> SourceType | None:
    """The type of a mention whose head is a name: its noun first, then the noun beside it,
    then what the text shows of the name; None when only its entity label can tell."""
    lemma = head.lemma_.lower()
    label = head.ent_type_
    if lemma in lexicon.MEDIA_NAME_WORDS:
        return "media"
    if noun_type in ("media", "document", "organization"):
        return noun_type  # type: ignore[return-value]
    if described is not None:
        return described  # "prosecutor X", "X, a Hungarian executive": whatever NER says
    if len(names) == 1 and _INTERCAPS.match(names[0].text):
        return "organization"
    if names and names[0].i > 0 and head.doc[names[0].i - 1].lower_ == "the":
        return "organization"  # "the Sea Org": no one's name takes an article
    if label == "PERSON" or any(t.ent_type_ == "PERSON" for t in names):
        return "person"  # also "a Republican, Mark Amodei"
    if len(names) == 1 and _surname_of_person(names[0]):
        return "person"  # "campaigner Caitlin Boswell, with Boswell stating", Boswell an ORG
    return None


def _guessed_type(head: Token, names: list[Token]) -> SourceType:
    """A name's type when the text says nothing of it: its entity label, else its length."""
    if head.ent_type_ in ("ORG", "NORP", "GPE", "FAC", "LOC"):
        return "organization"
    if len(names) >= 2:
        return "person"
    return "organization" if _plural(head) else "person"


def _surname_of_person(tok: Token) -> bool:
    """Whether a one-word name ends a person's full name elsewhere in the paragraph: the
    entity recogniser labels a repeated surname on its own, often as a place or company."""
    return any(
        ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].text == tok.text for ent in tok.doc.ents
    )


def _descriptor_type(head: Token, names: list[Token]) -> SourceType | None:
    """The type the noun beside a name gives it: an apposition ("X, a Hungarian executive",
    "UpGuard, a cybersecurity firm") or the word just before the name ("prosecutor X",
    "Gov. X", "newspaper Magyar Nemzet")."""
    beside = [c for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if names and names[0].i > 0:
        beside.append(head.doc[names[0].i - 1])
    for tok in beside:
        lower = tok.lower_.rstrip(".")
        if tok.lemma_.lower() in lexicon.PERSON_NOUNS or lower in lexicon.TITLES:
            return "person"
        kind = lexicon.SOURCE_TYPE_NOUNS.get(tok.lemma_.lower())
        if kind in ("media", "organization") and (tok.dep_ == "appos" or tok.head.i == head.i):
            return kind  # type: ignore[return-value]
    return None


def _common_type(head: Token, noun_type: str | None) -> SourceType:
    """The type of a description ("a senior official", "the report") by its head noun."""
    lemma = head.lemma_.lower()
    plural = _plural(head)
    if lemma in lexicon.PERSON_NOUNS and not plural:
        return "person"
    if plural and (
        lemma in lexicon.PERSON_NOUNS
        or lemma in lexicon.GROUP_NOUNS
        or head.lower_ in lexicon.GROUP_NOUNS
    ):
        return "group"
    if noun_type in ("media", "document", "organization"):
        return noun_type  # type: ignore[return-value]
    if plural:
        return "group"
    if lemma.endswith(lexicon.PERSONISH_SUFFIXES):
        return "person"
    return "person" if head.ent_type_ == "PERSON" else "organization"


def _anonymous(span: Span, names: list[Token], noun_type: str | None) -> bool:
    """Whether the mention leaves its source unidentifiable before its type is known."""
    anonymous = not names or any(m in span.text.lower() for m in lexicon.ANONYMOUS_MARKERS)
    if (
        names
        and all(mentions.demonym(t) for t in names)
        and (noun_type != "organization" or _plural(span.root))
    ):
        anonymous = True  # "a Russian official", "German firms" name a country, not a source
    if noun_type == "organization" and any(t.is_title for t in span[1:]) and not _plural(span.root):
        anonymous = False  # "the Yemen-based Houthi movement" is a body one can identify
    if noun_type == "document" and any(
        t.dep_ == "poss" and t.pos_ == "PROPN" for t in span.root.subtree if t.i < span.root.i
    ):
        anonymous = False  # "Marine Traffic's AIS tracking database": its author is named
    if _plural(span.root) and _named_members(span.root):
        anonymous = False  # "other sites such as Gawker.com": the text names who they are
    return anonymous


def _named_members(head: Token) -> bool:
    """A plurality given by named examples: "sites such as Gawker.com", "officials including
    Mayor Ana Lopes"."""
    return any(
        prep.dep_ == "prep"
        and prep.lower_ in _EXAMPLE_PREPS
        and any(obj.dep_ == "pobj" and obj.pos_ == "PROPN" for obj in prep.children)
        for prep in head.children
    )


def _typed_anonymity(stype: SourceType, lemma: str, names: list[Token], anonymous: bool) -> bool:
    """Anonymity corrected by type: "the media" is nobody in particular, "the government" a
    body the reader can identify."""
    if stype == "media" and lemma in ("media", "press") and not names:
        return True
    if stype == "organization" and not names and lemma in _KNOWN_BODIES:
        return False
    return anonymous


def classify(span: Span, registry: Registry) -> Typing:
    """Type, anonymity, role, registry entry and head lemma of a mention."""
    head = span.root
    lemma = head.lemma_.lower()
    entry = _registry_entry(span, registry)
    names = mentions.names(span)
    role = mentions.role(span, names)
    if entry is not None:
        return Typing(entry.type, False, role or entry.kind, entry, lemma)
    noun_type = lexicon.SOURCE_TYPE_NOUNS.get(lemma)
    anonymous = _anonymous(span, names, noun_type)
    stype: SourceType
    described, guessed = None, False
    if head.pos_ == "PROPN" or (names and names[-1].i == head.i):
        described = _descriptor_type(head, names)
        told = _named_type(head, names, noun_type, described)
        guessed = told is None and bool(names)
        stype = told or _guessed_type(head, names)
    else:
        stype = _common_type(head, noun_type)
    anonymous = _typed_anonymity(stype, lemma, names, anonymous)
    return Typing(stype, anonymous, role, None, lemma, described is not None, guessed)
