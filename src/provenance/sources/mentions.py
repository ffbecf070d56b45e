"""Mentions: what the words of one source mention say, read off the parse.

The span a mention covers, the proper name inside it, the role the text gives it and the keys
that later mentions are matched by. Pure functions over spaCy tokens: no article state.
"""

from __future__ import annotations

import re

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
    while left < head.i and doc[left].is_punct:
        left += 1
    while right > head.i and doc[right].is_punct:
        right -= 1
    return doc[left : right + 1]


def name_tokens(span: Span) -> list[Token]:
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


def name_text(tokens: list[Token]) -> str | None:
    """A name as written, or None when the mention has none."""
    return " ".join(t.text for t in tokens) if tokens else None


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
    apposition ("Hugh Hill, a doctor,") when there is one."""
    name_ids = {t.i for t in name_toks}
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
    text = re.sub(r"(?:'s|’s)$", "", "".join(words).strip()).strip(" ,")
    head = span.root
    for child in head.children:
        if child.dep_ == "appos":
            appos = head.doc[child.left_edge.i : child.right_edge.i + 1].text
            text = f"{text}, {strip_det(appos)}" if text else strip_det(appos)
            break
    if text.lower() in lexicon.TITLES or not any(c.isalpha() for c in text):
        return None
    return text or None
