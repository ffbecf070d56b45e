"""Mentions: what the words of one source mention say, read off the parse.

The span a mention covers, the proper name inside it, the role the text gives it and the keys
that later mentions are matched by. Pure functions over spaCy tokens: no article state.
"""

from __future__ import annotations

import re
from itertools import pairwise

from spacy.tokens import Span, Token

from provenance import lexicon

_MODIFIER_DEPS = frozenset({"det", "amod", "compound", "poss", "nummod", "nmod", "quantmod",
                            "case", "advmod", "predet", "npadvmod"})  # fmt: skip
_POSTMODIFIER_DEPS = frozenset({"prep", "amod", "acl"})
_NORP_LIKE = re.compile(r"^[A-Z][a-z]+(?:an|ian|ese|ish|i|ic|ch)$")


def _right_edge(head: Token) -> int:
    """Where the post-modifiers of a mention's head end: before any comma, quotation mark or
    relative clause ("a source close to the prime minister", not "…, who …")."""
    doc = head.doc
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
    return right


def mention_span(head: Token) -> Span:
    """The noun phrase a source mention spans: the head with its pre-modifiers and the
    post-modifiers before any comma ("a source close to the prime minister"), without
    relative clauses or appositions."""
    doc = head.doc
    left = head.i
    for child in head.lefts:
        if child.dep_ in _MODIFIER_DEPS or child.pos_ in ("ADJ", "PROPN", "NUM"):
            left = min(left, child.left_edge.i)
    right = _right_edge(head)
    while left < head.i and (doc[left].is_punct or _day_or_date(doc[left])):
        left += 1
    while right > head.i and doc[right].is_punct:
        right -= 1
    return doc[left : right + 1]


def _day_or_date(tok: Token) -> bool:
    """A day or month the parser joined to a name ("on Saturday Sirhan Sirhan was ...")."""
    return tok.pos_ == "PROPN" and tok.ent_type_ in ("DATE", "TIME")


def name_tokens(span: Span) -> list[Token]:
    """The proper-name part of a mention: the run of proper nouns ending at (or next to) the
    head, or the name an apposition gives; never a name inside a post-modifier ("a poll
    published by NBC News" is a poll, not NBC News)."""
    root, end = span.root, span.end
    appos = next((c for c in root.children if c.dep_ == "appos" and c.i < span.end), None)
    if appos is not None and (root.pos_ != "PROPN" or appos.ent_type_ == "PERSON"):
        span = span.doc[appos.left_edge.i : appos.i + 1]
        root = appos
    else:
        span = span.doc[span.start : root.i + 1]
    toks = [t for t in span if _name_like(t) or _hyphen_joined(t)]
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
    # titles are roles, not names: "Pennsylvania Gov. Ed Rendell" is Ed Rendell, and so is
    # a capitalised noun for a person outside the name ("Prosecutor Ana Lopes")
    titled = [n for n, tok in enumerate(run[:-1]) if _descriptor(tok)]
    run = run[titled[-1] + 1 :] if titled else run
    return _after_office(run) + _of_part(run[-1], end)


def _after_office(run: list[Token]) -> list[Token]:
    """A person's name without the end of an office before it: "Secretary of State Mike
    Pompeo" is Mike Pompeo, not "State Mike Pompeo"."""
    first = run[0]
    if first.i == 0 or first.doc[first.i - 1].lower_ != "of" or run[-1].ent_type_ != "PERSON":
        return run
    return [t for t in run if t.ent_type_ == "PERSON"] or run


def _of_part(last: Token, end: int) -> list[Token]:
    """The rest of a body's name after "of", inside one named entity: "the University of
    Cambridge", "the United States Department of State"."""
    doc = last.doc
    if last.pos_ != "PROPN" or last.i + 2 >= end or doc[last.i + 1].lower_ != "of":
        return []
    rest = []
    for tok in doc[last.i + 1 : end]:
        if tok.ent_iob_ != "I" or not (tok.pos_ == "PROPN" or tok.lower_ in ("of", "the", "and")):
            break
        rest.append(tok)
    while rest and rest[-1].pos_ != "PROPN":
        rest.pop()
    return rest


def _name_like(tok: Token) -> bool:
    """A word of a name: a proper noun or a capitalised word of a person's or body's name,
    never a day or a date ("on Saturday Sirhan Sirhan was stabbed")."""
    if _day_or_date(tok) or tok.lower_ in lexicon.DETERMINERS:
        return False
    return tok.pos_ == "PROPN" or (tok.ent_type_ in ("PERSON", "ORG") and tok.is_title)


def _hyphen_joined(tok: Token) -> bool:
    """A hyphen inside a name, or the part after it, written without spaces: "Kim Jong-Un",
    "Bong Young-shik" are one name, not "Un" or "shik"."""
    doc = tok.doc
    if tok.text == "-" and 0 < tok.i < len(doc) - 1:
        before, after = doc[tok.i - 1], doc[tok.i + 1]
        return (
            not before.whitespace_ and not tok.whitespace_ and _name_like(before) and after.is_alpha
        )
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and tok.is_alpha:
        return _hyphen_joined(doc[tok.i - 1])
    return False


def _descriptor(tok: Token) -> bool:
    """A title or a noun for a person written before a name, not part of it."""
    lower = tok.lower_.rstrip(".")
    return lower in lexicon.TITLES or (lower in lexicon.PERSON_NOUNS and tok.ent_type_ != "PERSON")


def names(span: Span) -> list[Token]:
    """The name in a mention, falling back on any person the entity recogniser found in it
    but a possessor ("Obama's former campaign strategist" is not Obama)."""
    return name_tokens(span) or [
        t
        for t in span
        if t.ent_type_ == "PERSON"
        and t.pos_ == "PROPN"
        and not any(a.dep_ == "poss" for a in (t, *t.ancestors) if a.i >= span.start)
    ]


def identifying_names(span: Span) -> list[Token]:
    """The name in a mention that identifies its source: none when it only gives a nationality
    ("Saudi officials" are not Saudi Arabia, "a Russian official" is nobody named)."""
    found = names(span)
    return [] if found and all(demonym(t) for t in found) else found


def name_text(tokens: list[Token]) -> str | None:
    """A name as written (one space between words, none around a hyphen), or None."""
    return join(tokens) or None


def join(tokens: list[Token]) -> str:
    """Tokens as written where they touch, one space where the text had any or skipped some."""
    if not tokens:
        return ""
    text = tokens[0].text
    for prev, tok in pairwise(tokens):
        text += ("" if tok.i == prev.i + 1 and not prev.whitespace_ else " ") + tok.text
    return text


def surname(tokens: list[Token]) -> str | None:
    """The last word of a name, hyphenated parts included ("Jong-Un" of "Kim Jong-Un")."""
    text = name_text(tokens)
    return text.split()[-1] if text else None


#: Quotation marks (and the colon before one): a pronoun after them is the quoted speaker's.
_QUOTE_MARKS = frozenset('"“”«»:')


def bound_gender(span: Span) -> str | None:
    """The gender ("Masc", "Fem") of the first he/she/his/her after a person's mention in its
    sentence, before any other noun or quotation: "Anna Berg said her plant ...". An object
    ("scolded him") is someone else."""
    for tok in span.doc[span.end : span.sent.end]:
        if tok.ent_type_ or tok.pos_ in ("PROPN", "NOUN") or tok.text in _QUOTE_MARKS:
            return None
        gender = tok.morph.get("Gender", [])
        if tok.pos_ == "PRON" and gender and gender[0] in ("Masc", "Fem"):
            return None if "Acc" in tok.morph.get("Case", []) else gender[0]
    return None


def demonym(tok: Token) -> bool:
    """A nationality ("Russian", "Saudi"), not a name ("Ali" and "Soufan" only look alike)."""
    return tok.ent_type_ == "NORP" or (
        tok.ent_type_ not in ("PERSON", "ORG") and bool(_NORP_LIKE.match(tok.text))
    )


def norm(text: str) -> str:
    """The key two mentions of one source share: lower case, no possessive, no determiner."""
    text = text.replace("’", "'").lower()
    text = re.sub(r"'s\b", "", text)
    words = [w for w in re.findall(r"[\w-]+", text) if w not in lexicon.DETERMINERS]
    return " ".join(words)


def strip_det(text: str) -> str:
    """A description without its leading determiner: "a top secret report" -> "top secret
    report", the way a source is displayed."""
    words = text.split()
    if words and words[0].lower() in lexicon.DETERMINERS:
        words = words[1:]
    return " ".join(words) or text


def role(span: Span, name_toks: list[Token]) -> str | None:
    """How the text describes the source: the mention without its name and determiner, plus an
    apposition outside it ("Hugh Hill, a doctor,"); never page layout ("LONDON (Reuters) -")
    or a bare name the tagger took for a noun."""
    name_ids = {t.i for t in name_toks}
    words = [t for t in span if _role_word(t, span, name_ids)]
    text = re.sub(r"(?:'s|’s)$", "", join(words)).strip(" ,")
    head = span.root
    for child in head.children:
        if child.dep_ == "appos":
            if child.i >= span.end:
                appos = head.doc[child.left_edge.i : child.right_edge.i + 1].text
                text = f"{text}, {strip_det(appos)}" if text else strip_det(appos)
            break
    text = _LAYOUT.sub("", text).strip(" ,;:-–—()")
    appositions = [c for c in head.children if c.dep_ == "appos"]
    if (
        text.lower().rstrip(".") in lexicon.TITLES
        or not any(c.isalpha() for c in text)
        or not any(_describes(t) for t in [*words, *appositions])
    ):
        return None
    return text


def _role_word(tok: Token, span: Span, name_ids: set[int]) -> bool:
    """Whether a word of the mention describes the source: not its name, a leading determiner,
    a possessor (but a named one: "Russia's"), nor the comma that set a name apart."""
    if tok.i in name_ids:
        return False
    if tok.dep_ == "poss":
        return tok.pos_ == "PROPN"
    if tok.dep_ == "case" and tok.head.dep_ == "poss":
        return _role_word(tok.head, span, name_ids)  # the "'s" of a possessor left out
    if tok.is_punct and ((tok.i + 1) in name_ids or (tok.i - 1) in name_ids):
        return False
    return tok.lower_ not in lexicon.DETERMINERS or tok.i > span.start


def _describes(tok: Token) -> bool:
    """A word that says what a source is: a lower-case word or a noun for one ("Director")."""
    lower = tok.lower_.rstrip(".")
    return lower.isalpha() and (
        tok.is_lower
        or lower in lexicon.TITLES
        or lower in lexicon.PERSON_NOUNS
        or lower in lexicon.GROUP_NOUNS
        or lower in lexicon.SOURCE_TYPE_NOUNS
    )


#: Layout caught in a mention's words: a dateline ("Dec 29 (Reuters) -", "LONDON -"), an
#: agency in brackets, a time stamp.
_LAYOUT = re.compile(
    r"^.*?(?:\([A-Za-z .&]{2,30}\)?|\b[A-Z]{3,})\s*[-–—]+\s+|\([A-Z][A-Za-z .&-]{1,29}\)?"
    r"|\b\d{1,2}:\d{2}\s*[AP]M\b"
)


def anonymity_reason(sent: Span) -> str | None:
    """Why a source is not named, as its sentence says it: "on condition of anonymity because
    they were not authorized to speak publicly"."""
    lowered = sent.text.lower()
    for phrase in lexicon.ANONYMITY_REASONS:
        at = lowered.find(phrase)
        if at >= 0:
            return re.split(r"[,;.]\s", sent.text[at:] + " ", maxsplit=1)[0].strip()
    return None
