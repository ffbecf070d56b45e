"""Clause geometry: pure functions over the dependency parse.

Which tokens a cue governs, what it attributes, who its subject is, whether "…, said X" hangs on
the sentence it attributes. Nothing here keeps state or touches the source graph: each answer
depends on the parse (and the quotation regions) alone, so each is tested on a parsed sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from provenance import lexicon


@dataclass(frozen=True)
class Quotes:
    """The article's quotations near one paragraph, as (start, end) character offsets, and the
    paragraph's offset: whether a token of the paragraph's parse is quoted is read from these
    two, never from state hung on the parse."""

    regions: tuple[tuple[int, int], ...]
    offset: int  # the paragraph's character offset in the article


SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
REL_PRONOUNS = lexicon.RELATIVE_PRONOUNS
_VERB_TAGS = ("VBG", "VBN", "VBD", "VBZ", "VBP", "VB")
#: A verb hung on another this way takes that verb's subject when it has none of its own.
_HANGING_DEPS = ("conj", "advcl", "xcomp", "acl", "pcomp")


def in_quote(tok: Token, quotes: Quotes) -> bool:
    pos = quotes.offset + tok.idx
    return any(qs < pos < qe for qs, qe in quotes.regions)


def quoted_share(start: int, end: int, quotes: Quotes) -> float:
    if end <= start:
        return 0.0
    inside = sum(max(0, min(end, qe) - max(start, qs)) for qs, qe in quotes.regions)
    return inside / (end - start)


def is_question(text: str) -> bool:
    stripped = text.rstrip(" \"”’'")
    return stripped.endswith("?")


def is_date(tok: Token) -> bool:
    """A capitalised month name after a preposition or beside a number (a day or a year) is a
    date: "in May", "May 5", "5 May 2024", never the hedge "may". The parse says which word
    is a preposition; "May I ask" and "Theresa May" are left to the other rules."""
    if tok.lower_ not in lexicon.MONTHS or not tok.text[:1].isupper():
        return False
    doc = tok.doc
    before = doc[tok.i - 1] if tok.i > 0 else None
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return (before is not None and (before.pos_ == "ADP" or before.like_num)) or (
        after is not None and after.like_num
    )


def has_verb(span: Span) -> bool:
    return any(t.pos_ in ("VERB", "AUX") for t in span)


def _has_own_subject(verb: Token, child: Token) -> bool:
    """ "reported him to be dead", "believe the fire to be arson": an object then a
    to-infinitive, the object being the infinitive's subject, make one reported clause. Not
    after a verb of request ("urged residents to leave"): a request asserts nothing."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    inf = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i), None)
    return (
        obj is not None
        and inf is not None
        and obj.i < inf.i
        and child in (obj, inf)
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in inf.children)
        and verb.lemma_.lower() not in lexicon.DIRECTIVE_VERBS
    )


def is_content(verb: Token, child: Token, lemma: str) -> bool:
    """Whether a child of a cue verb is (part of) what the cue attributes."""
    dep = child.dep_
    if dep == "ccomp" or (dep == "parataxis" and child.i > verb.i):
        return True
    if dep == "xcomp":
        return (
            lexicon.CUE_VERBS.get(lemma) == "belief"
            or lemma in lexicon.XCOMP_CUES
            or _has_own_subject(verb, child)
        )
    if dep == "dobj" and _has_own_subject(verb, child):
        return True  # "reported [Hamza bin Laden] to be dead": the infinitive's subject
    if dep in ("dobj", "oprd") and child.pos_ != "PRON":
        return (
            lemma in lexicon.NP_OBJECT_CUES
            or child.lower_ in lexicon.DEMONSTRATIVE_OBJECTS
            or (lexicon.CUE_VERBS.get(lemma) == "evidence" and document_subject(verb))
        )
    if dep == "npadvmod":  # "publications reporting either December 27 or 28"
        return lemma in lexicon.NP_OBJECT_CUES
    if dep == "nsubjpass":  # "the issue was first reported by The Washington Post"
        return lemma in lexicon.AGENT_CUES and any(c.dep_ == "agent" for c in verb.children)
    if dep == "prep" and child.lower_ == "as":  # "described Hamza as an emerging figure"
        return lemma in lexicon.AS_CUES
    return dep == "prep" and child.lower_ in lexicon.FOR_OF_PREPS and lemma in lexicon.FOR_OF_CUES


def parenthetical(verb: Token) -> bool:
    """ "…, said X." or "Acts of protest, Mr. Obama said, are …": a short cue clause hung on
    the sentence it attributes."""
    return (
        verb.dep_ in ("parataxis", "ccomp", "advcl", "conj")
        and verb.head.dep_ == "ROOT"
        and clause_size(verb) <= 10
        and not any(c.dep_ in ("ccomp", "xcomp") for c in verb.children)
        # "responded that the website cites …": a complement clause, not a cue set in
        and not any(c.dep_ == "mark" and c.lower_ in lexicon.CONTENT_MARKS for c in verb.children)
        and (verb.i > verb.head.i or after_comma(verb))
        # "Reuters claimed an official described …": reported speech inside a cue's content
        and not (verb.dep_ == "ccomp" and _cue_head(verb) and not after_comma(verb))
    )


def _cue_head(verb: Token) -> bool:
    return verb.head.lemma_.lower() in lexicon.CUE_VERBS


def trailing_cue(verb: Token) -> int | None:
    """ "A happened, but B followed, another source said.": a cue closing its sentence after a
    comma attributes all that comes before, however the parser hung it. Returns the comma."""
    sent = verb.sent
    if verb.dep_ == "ROOT" or any(not t.is_punct for t in verb.doc[verb.i + 1 : sent.end]):
        return None
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.i > verb.i:
        return None
    comma = subj.left_edge.i - 1
    if comma <= sent.start or verb.doc[comma].text != ",":
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in verb.doc[subj.right_edge.i + 1 : verb.i]):
        return None  # "…, whose office said" has a clause of its own between
    return comma


def own_clause(verb: Token) -> list[int]:
    """Token indices of the cue's own clause, without a clause the parser hung on it."""
    hung = {t.i for c in verb.children if c.dep_ in ("advcl", "npadvmod") for t in c.subtree}
    return [t.i for t in verb.subtree if t.i not in hung]


def clause_size(verb: Token) -> int:
    return len(own_clause(verb))


def after_comma(verb: Token) -> bool:
    """Whether the clause of ``verb`` opens right after a comma: ", Mr. Clarke said,"."""
    doc, left = verb.doc, min(own_clause(verb))
    while left < verb.i and doc[left].is_punct:
        left += 1
    before = left - 1
    while before > verb.sent.start and doc[before].is_quote:
        before -= 1  # “…,” Mr. Obama said, “…”
    return left > verb.sent.start and doc[before].text == ","


def document_subject(verb: Token) -> bool:
    """Whether the verb's subject is a study, report, poll…: "the study found higher rates"."""
    return any(
        c.dep_ == "nsubj" and lexicon.SOURCE_TYPE_NOUNS.get(c.lemma_.lower()) == "document"
        for c in verb.children
    )


def _opening_clause_end(verb: Token, start: int) -> int:
    """ "Though YouTube complies, other sites have stated …": where a subordinate clause
    opening the sentence ends, since it is not the cue's."""
    for child in verb.children:
        if (
            child.dep_ == "advcl"
            and child.i < verb.i
            and any(c.dep_ == "mark" for c in child.children)
            # "While not naming any bidders, Maróth said …": no subject, the speaker's own act
            and any(c.dep_ in SUBJECT_DEPS for c in child.children)
            and child.right_edge.i + 1 > start
        ):
            start = child.right_edge.i + 1
            while start < verb.i and verb.doc[start].is_punct:
                start += 1
    return start


def _background(verb: Token, child: Token) -> bool:
    """Whether a clause hung on the cue says what happened around the speaking, not what was
    said: "… when they offered a reward", "…, while critics said …", "…, but refused to …"."""
    if sum(t.is_quote for t in verb.doc[verb.i : child.i]) % 2:
        return False  # inside a quotation the cue introduces
    if child.dep_ == "advcl":
        return any(
            (c.dep_ == "mark" or (c.dep_ == "advmod" and c.tag_ == "WRB" and c.i < child.i))
            and c.lower_ in lexicon.BACKGROUND_MARKS
            for c in child.children
        )
    return (
        child.dep_ == "conj"
        and child.pos_ == "VERB"
        and child.tag_ not in ("VBG", "VB")  # "mentioned refinancing loans and forcing …"
        and not any(c.dep_ in SUBJECT_DEPS for c in child.children)
        and child.lemma_.lower() not in lexicon.CUE_VERBS
    )


def _background_start(verb: Token, end: int) -> int:
    """Where the cue's clause ends before background clauses that close it (see
    :func:`_background`); ``end`` when none does."""
    cut = end
    if verb.lemma_.lower() not in lexicon.CUE_VERBS:
        return end  # the verb "according to X" hangs on: all of its clause is X's
    for child in reversed(list(verb.rights)):
        if child.dep_ in ("punct", "cc") or child.i >= end:
            continue
        if not _background(verb, child):
            break
        cut = child.left_edge.i
    if cut == end:
        return end
    while cut > verb.i + 1 and verb.doc[cut - 1].dep_ in ("cc", "punct"):
        cut -= 1
    return cut


def cover(verb: Token, sent: Span) -> tuple[int, int]:
    """Tokens a frame governs: the whole sentence for its main verb (or an inverted "…,
    said X"), else the verb's own clause with a leading conjunction."""
    if verb.dep_ == "ROOT" or parenthetical(verb) or trailing_cue(verb) is not None:
        # "Though it was seamless, he said, replacing her …": a cue set off by commas
        # attributes the clause before it too
        set_off = verb.i + 1 < sent.end and verb.doc[verb.i + 1].text == ","
        start = sent.start if set_off else _opening_clause_end(verb, sent.start)
        return start, _background_start(verb, sent.end)
    start, end = verb.left_edge.i, _background_start(verb, verb.right_edge.i + 1)
    if start > sent.start and verb.doc[start - 1].dep_ == "cc":
        start -= 1  # "…, but said exports were continuing"
    for conj in verb.children:
        if (
            conj.dep_ == "conj"
            and conj.i > verb.i
            and any(c.dep_ in SUBJECT_DEPS for c in conj.children)
        ):
            # "A has vowed X, and B is promising Y": B's clause is not A's
            end = conj.left_edge.i
            while end > verb.i + 1 and verb.doc[end - 1].dep_ in ("cc", "punct"):
                end -= 1
            break
    return start, end


def _own_subject(
    current: Token, verb: Token, quoted: bool, quotes: Quotes
) -> tuple[bool, Token | None]:
    """A subject (or a cue's passive agent) among ``current``'s children, ``verb`` being the cue
    whose source is sought: (True, the source or None when none can be) once decided, else
    (False, None) to look further."""
    for child in current.children:
        if child.dep_ in ("nsubj", "csubj") and child.lower_ not in REL_PRONOUNS:
            if not quoted and in_quote(child, quotes):
                continue
            if current is not verb and child.lower_ == "it" and verb.dep_ == "xcomp":
                return True, None
            return True, child
        if child.dep_ == "agent" and verb.lemma_.lower() in lexicon.AGENT_CUES:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return True, pobj
    return False, None


def subject(verb: Token, quotes: Quotes) -> Token | None:
    """The source of a cue verb: its subject, the agent of a passive, or (for a conjunct or
    a participle with none) the subject of the verb it hangs from. Words quoted beside the
    verb are never its subject ("“My reaction, …,” the strategist said")."""
    quoted = in_quote(verb, quotes)
    current: Token | None = verb
    for _ in range(4):
        if current is None:
            return None
        decided, found = _own_subject(current, verb, quoted, quotes)
        if decided:
            return found
        rel = next(
            (
                c
                for c in current.children
                if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in REL_PRONOUNS
            ),
            None,
        )
        if rel is not None and current.dep_ == "relcl":
            # "the senator, who was accused of …": a passive relative clause names no source
            return rel if rel.dep_ == "nsubj" else None
        if any(c.dep_ == "nsubjpass" for c in current.children):
            return None
        if current.dep_ == "acl" and current.tag_ == "VBN":
            return None  # "people accused of rape": a passive modifier names no source
        if (
            current.dep_ == "acl"
            and current.head.pos_ in ("PROPN", "NOUN")
            and (lexicon.can_be_source(current.head))
        ):
            return current.head
        if current.dep_ in _HANGING_DEPS and current.tag_ in _VERB_TAGS:
            current = current.head
            if current.pos_ in ("NOUN", "PROPN") and current.dep_ in ("dobj", "pobj"):
                current = current.head
            continue
        if current.dep_ == "ROOT":
            return nearest_name(current)
        return None
    return None


def nearest_name(verb: Token) -> Token | None:
    """A parse that lost the subject ("Speaking …, Tom Molomby, SC, said"): the closest
    person named before the verb in its clause."""
    for tok in reversed(list(verb.doc[verb.sent.start : verb.i])):
        if tok.text in ("“", "”", '"'):
            return None
        if tok.ent_type_ == "PERSON" and tok.pos_ == "PROPN" and tok.dep_ != "compound":
            return tok
    return None


def _that_clause(verb: Token) -> Token | None:
    """ "tweeted in the early hours that …": a that-clause the parser hung lower down."""
    return next(
        (
            t
            for t in verb.subtree
            if 0 < t.i - verb.i <= 8
            and t.pos_ in ("VERB", "AUX")
            and any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children)
        ),
        None,
    )


def content(verb: Token, sent: Span, quotes: Quotes) -> frozenset[int]:
    """What the cue attributes: its clausal complement, a quote beside it, the clause it
    interrupts ("…, said X"), or (for "denied the charges") its object."""
    lemma = verb.lemma_.lower()
    tokens: set[int] = set()
    for child in verb.children:
        if is_content(verb, child, lemma):
            tokens.update(t.i for t in child.subtree)
    if parenthetical(verb):
        own = {t.i for t in verb.subtree}
        tokens.update(t.i for t in verb.head.subtree if t.i not in own)
    comma = trailing_cue(verb)
    if comma is not None:
        tokens.update(range(sent.start, comma))
    if not tokens:
        inside = [t.i for t in sent if in_quote(t, quotes)]
        if inside and min(abs(i - verb.i) for i in inside) <= 6:
            tokens.update(inside)
    if not tokens and verb.i - sent.start <= 5 and sent.start > 0:
        # "“Who would have believed it?” Trump said.": the parser ended the sentence
        # inside the quotation, so the quote is the sentence before
        before = verb.doc[sent.start - 1]
        if before.is_quote:
            tokens.update(t.i for t in before.sent if in_quote(t, quotes))
    if not tokens and lexicon.CUE_VERBS.get(lemma) != "belief":
        clause = _that_clause(verb)
        if clause is not None:
            tokens.update(t.i for t in clause.subtree)
    if (
        lemma in lexicon.NAMING_VERBS
        and not any(c.dep_ == "oprd" for c in verb.children)
        and not any(c.dep_ == "ccomp" for c in verb.children)
        and not any(in_quote(sent.doc[i], quotes) for i in tokens)  # called X "a wake-up"
    ):
        return frozenset()
    return frozenset(tokens)
