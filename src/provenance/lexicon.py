"""The lexicon: every word list the engine and the scores read, from one validated data file.

The words live in ``resources/lexicon.yaml`` so that attribution, source typing and the scoring
signals agree on what a word means, and so that a word is added in one place. Loading validates
the file with pydantic: a word listed twice in one list, or under two categories of one section
("agency" as media and as organization), is rejected with an error naming both places. The
file's hash is recorded in every analysis and in the learned cue model, whose features read it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from provenance.errors import ProvenanceError
from provenance.models import Stance

if TYPE_CHECKING:
    from spacy.tokens import Token

LEXICON_FILE = "lexicon.yaml"

Words = list[str]
SourceKind = Literal["document", "media", "organization"]


def _clashes(section: str, lists: dict[str, Words]) -> list[str]:
    """A word listed twice in one list, or in two lists of a section whose lists exclude each
    other: one message per clash, naming where."""
    problems: list[str] = []
    seen: dict[str, str] = {}
    for name, words in lists.items():
        where = f"{section}.{name}" if name else section
        for word in words:
            if word in seen:
                problems.append(f"{word!r} is listed in {seen[word]} and again in {where}")
            else:
                seen[word] = where
    return problems


class Hedges(BaseModel):
    """Hedge cues by level; which of them the claim lists and which the score ignores."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    possible: Words
    probable: Words
    not_on_claims: Words  # hedges for the score, cue verbs for the engine ("believe")
    not_hedges: Words  # listed on claims, but no hedge ("would" in reported speech)

    @model_validator(mode="after")
    def _subsets(self) -> Hedges:
        levels = set(self.possible) | set(self.probable)
        strays = [w for w in self.not_on_claims if w not in levels]
        if strays:
            raise ValueError(f"hedges.not_on_claims lists words of no level: {strays}")
        return self


class Constructions(BaseModel):
    """The attribution engine's construction words: lists of separate uses, so a word may be
    in several; within a list, once."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    relative_pronouns: Words
    content_marks: Words
    background_marks: Words
    directive_verbs: Words
    factive_beliefs: Words
    speaker_pronouns: Words
    as_explained_cues: Words
    for_of_preps: Words
    citing_verbs: Words
    naming_verbs: Words
    demonstrative_objects: Words
    anaphoric_determiners: Words
    telling_verbs: Words
    media_preps: Words
    media_speaking_verbs: Words
    passing_preps: Words
    account_nouns: Words
    light_verbs: Words
    view_nouns: Words


class LexiconData(BaseModel):
    """The shape of ``lexicon.yaml``: a section is a list, or lists by category that exclude
    each other (a verb has one stance, a noun one source type)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    cue_verbs: dict[Stance, Words]
    np_object_cues: Words
    speech_verbs: Words
    agent_cues: Words
    as_cues: Words
    xcomp_cues: Words
    for_of_cues: Words
    action_verbs: dict[str, Words]
    statement_nouns: Words
    passing_verbs: Words
    source_nouns: dict[SourceKind, Words]
    generic_source_nouns: dict[SourceKind, Words]
    person_nouns: Words
    group_nouns: Words
    extra_source_nouns: Words
    quantifier_sources: Words
    personish_suffixes: Words
    pronouns: dict[Literal["person", "thing"], Words]
    media_name_words: Words
    anonymous_markers: Words
    anonymity_reasons: dict[Literal["stated", "nearby"], Words]
    vague_attribution: dict[Literal["claim", "sentence"], Words]
    vague_subjects: Words
    hedges: Hedges
    boosters: Words
    estimative: dict[str, Words]
    stance_stems: dict[Stance, Words]
    reply_phrases: Words
    opinion_words: Words
    unpublished_words: Words
    published_words: Words
    direct_knowledge: Words
    indirect_knowledge: Words
    organization_words: Words
    rank_words: Words
    role_words: Words
    titles: Words
    determiners: Words
    not_speakers: Words
    widget_words: Words
    link_leads: Words
    self_references: Words
    constructions: Constructions
    months: Words
    proximity_phrases: Words

    @model_validator(mode="after")
    def _no_clashes(self) -> LexiconData:
        problems: list[str] = []
        for section, value in self:
            if isinstance(value, list):
                problems += _clashes(section, {"": value})
            elif isinstance(value, dict):
                problems += _clashes(section, dict(value))
            elif isinstance(value, Constructions):  # each list on its own
                for name, words in value:
                    problems += _clashes(f"{section}.{name}", {"": words})
        hedges = self.hedges
        problems += _clashes("hedges", {"possible": hedges.possible, "probable": hedges.probable})
        if problems:
            raise ValueError("; ".join(problems))
        return self


class LexiconError(ProvenanceError):
    """The lexicon file is malformed: names the file and the first problem."""


def _text() -> bytes:
    return (resources.files("provenance") / "resources" / LEXICON_FILE).read_bytes()


def parse(raw: bytes, origin: str = LEXICON_FILE) -> LexiconData:
    """Validate lexicon data; a problem is a :class:`LexiconError` naming the file and the place."""
    try:
        data = yaml.safe_load(raw)
        return LexiconData.model_validate(data)
    except yaml.YAMLError as err:
        raise LexiconError(f"not YAML: {err}", origin=origin) from err
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        problem = first["msg"].removeprefix("Value error, ")
        raise LexiconError(f"{where + ': ' if where else ''}{problem}", origin=origin) from err


@lru_cache(maxsize=1)
def load() -> LexiconData:
    """The shipped lexicon, validated once per process."""
    return parse(_text())


#: The first 12 hex digits of the lexicon file's SHA-256: what Analysis.version and the cue
#: model's meta record.
LEXICON_HASH = hashlib.sha256(_text()).hexdigest()[:12]

_L = load()


def _set(words: Iterable[str]) -> frozenset[str]:
    return frozenset(words)


#: Verbs that attribute their complement to their subject, with the stance the verb takes.
CUE_VERBS: dict[str, Stance] = {w: s for s, ws in _L.cue_verbs.items() for w in ws}
NP_OBJECT_CUES = _set(_L.np_object_cues)
SPEECH_VERBS = _set(_L.speech_verbs)
AGENT_CUES = _set(_L.agent_cues)
AS_CUES = _set(_L.as_cues)
XCOMP_CUES = _set(_L.xcomp_cues)
FOR_OF_CUES = _set(_L.for_of_cues)
#: Verbs of doing by kind ("physical", "administrative", …): a prior of the learned cue model.
ACTION_VERBS: dict[str, str] = {w: k for k, ws in _L.action_verbs.items() for w in ws}
STATEMENT_NOUNS = _set(_L.statement_nouns)
PASSING_VERBS = _set(_L.passing_verbs)
SOURCE_TYPE_NOUNS: dict[str, str] = {w: t for t, ws in _L.source_nouns.items() for w in ws}
GENERIC_SOURCE_NOUNS: dict[str, str] = {
    w: t for t, ws in _L.generic_source_nouns.items() for w in ws
}
PERSON_NOUNS = _set(_L.person_nouns)
GROUP_NOUNS = _set(_L.group_nouns)
PRONOUNS_PERSON = _set(_L.pronouns["person"])
PRONOUNS_THING = _set(_L.pronouns["thing"])
#: In order: the first found in a sentence is the reason given.
ANONYMITY_REASONS = tuple(_L.anonymity_reasons["stated"])
ANONYMOUS_MARKERS = tuple(_L.anonymous_markers)
MEDIA_NAME_WORDS = _set(_L.media_name_words)
EXTRA_SOURCE_NOUNS = _set(_L.extra_source_nouns)
PERSONISH_SUFFIXES = tuple(_L.personish_suffixes)
QUANTIFIER_SOURCES = _set(_L.quantifier_sources)
#: Single-word hedges a claim lists (Claim.hedges).
HEDGES = _set(
    w for w in (*_L.hedges.possible, *_L.hedges.probable) if w not in _L.hedges.not_on_claims
)
VAGUE_ATTRIBUTION = tuple(_L.vague_attribution["claim"])
TITLES = _set(_L.titles)
DETERMINERS = _set(_L.determiners)
NOT_SPEAKERS = _set(_L.not_speakers)
WIDGET_WORDS = _set(_L.widget_words)
LINK_LEADS = tuple(sorted(_L.link_leads, key=len, reverse=True))
SELF_REFERENCES = _set(_L.self_references)
_C = _L.constructions
RELATIVE_PRONOUNS = _set(_C.relative_pronouns)
CONTENT_MARKS = _set(_C.content_marks)
BACKGROUND_MARKS = _set(_C.background_marks)
DIRECTIVE_VERBS = _set(_C.directive_verbs)
FACTIVE_BELIEFS = _set(_C.factive_beliefs)
SPEAKER_PRONOUNS = _set(_C.speaker_pronouns)
AS_EXPLAINED_CUES = _set(_C.as_explained_cues)
FOR_OF_PREPS = _set(_C.for_of_preps)
CITING_VERBS = _set(_C.citing_verbs)
NAMING_VERBS = _set(_C.naming_verbs)
DEMONSTRATIVE_OBJECTS = _set(_C.demonstrative_objects)
ANAPHORIC_DETERMINERS = _set(_C.anaphoric_determiners)
TELLING_VERBS = _set(_C.telling_verbs)
MEDIA_PREPS = _set(_C.media_preps)
MEDIA_SPEAKING_VERBS = _set(_C.media_speaking_verbs)
PASSING_PREPS = _set(_C.passing_preps)
ACCOUNT_NOUNS = _set(_C.account_nouns)
LIGHT_VERBS = _set(_C.light_verbs)
VIEW_NOUNS = _set(_C.view_nouns)
MONTHS = _set(_L.months)
#: In order: the first found after a source's description cuts it there.
PROXIMITY_PHRASES = tuple(_L.proximity_phrases)


def names_a_source(head: Token) -> bool:
    """Whether a word names a source: a name, an entity, or a noun for people, bodies,
    outlets or documents, without guessing from the word's ending ("impeachment")."""
    lemma = head.lemma_.lower()
    return (
        head.pos_ == "PROPN"
        or head.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
        or lemma in PERSON_NOUNS
        or lemma in GROUP_NOUNS
        or head.lower_ in GROUP_NOUNS
        or lemma in SOURCE_TYPE_NOUNS
    )


def can_be_source(head: Token) -> bool:
    """Looser than :func:`names_a_source`: also generic and collective nouns and words that
    end like a person ("resident"). Keeps parse errors ("people voice hope") out of chains."""
    lemma = head.lemma_.lower()
    return (
        names_a_source(head)
        or lemma in GENERIC_SOURCE_NOUNS
        or lemma in EXTRA_SOURCE_NOUNS
        or lemma.endswith(PERSONISH_SUFFIXES)
    )
