"""Source resolution: from the token a cue points at to a node of the article's source graph.

A cue rule finds a head token ("said" -> "official"); this stage decides whether it can be a
source at all, resolves pronouns and relative pronouns through the discourse state, links the
mention to its node (one node however often a source is named) and makes the frame. It also
records what later resolution needs: named things as antecedents, sources as subjects, and the
graph's passing edges ("a report X obtained through Y").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from provenance import lexicon
from provenance.attribution.discourse import Discourse
from provenance.attribution.frames import SPEAKER, Frame
from provenance.attribution.geometry import (
    REL_PRONOUNS,
    SUBJECT_DEPS,
    Quotes,
    in_quote,
)
from provenance.claims import Paragraph
from provenance.sources import Node, SourceGraph, mention_span

#: Entity labels that never name a thing a later description ("the declaration") refers to.
_NOT_ANTECEDENTS = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "NORP", "GPE"}
)


def author(head: Token) -> Token | None:
    """ "An investigation by PolitiFact": a document published by its named author stands
    for that author."""
    if lexicon.SOURCE_TYPE_NOUNS.get(head.lemma_.lower()) != "document":
        return None
    by = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "by"), None)
    pobj = next((c for c in by.children if c.dep_ == "pobj"), None) if by else None
    if pobj is None or pobj.pos_ != "PROPN":
        return None
    return pobj


def _names_no_source(head: Token, quantifier: bool) -> bool:
    """A head that cannot be a source: not a noun, or a noun for no one ("people voice
    hope"), unless a cue of speech governs it or an apposition names it."""
    if head.pos_ not in ("NOUN", "PROPN", "NUM", "ADJ", "X") and not quantifier:
        return True
    return (
        head.head.lemma_.lower() not in lexicon.SPEECH_VERBS
        and not lexicon.can_be_source(head)
        and not any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in head.children)
    )  # "Another RT America host, Abby Martin, …" names a source


class Resolver:
    """Links mentions to the article's source graph, keeping the discourse state up to date."""

    def __init__(self, graph: SourceGraph, text: str, discourse: Discourse) -> None:
        self.graph = graph
        self.text = text
        self.discourse = discourse

    def source(self, head: Token, offset: int) -> tuple[Node, str, int, int] | None:
        """The source whose mention is headed by ``head``, with the mention's text and
        offsets; None when ``head`` names no source."""
        if head.lower_ in REL_PRONOUNS and head.head.dep_ == "relcl":
            # "Kamin, who emphasized that …": the mention is "who", the source its antecedent
            found = self.source(head.head.head, offset)
            if found is None:
                return None
            start = offset + head.idx
            return found[0], head.text, start, start + len(head.text)
        quantifier = head.lower_ in lexicon.QUANTIFIER_SOURCES and head.dep_ in SUBJECT_DEPS
        if not quantifier and (
            head.pos_ == "PRON" or head.lower_ in lexicon.PRONOUNS_PERSON | lexicon.PRONOUNS_THING
        ):
            if head.lower_ in lexicon.SPEAKER_PRONOUNS:
                return None
            node = self.graph.resolve_pronoun(head, offset, self.discourse.recent)
            if node is None:
                return None
            return node, head.text, offset + head.idx, offset + head.idx + len(head.text)
        if _names_no_source(head, quantifier):
            return None
        span = mention_span(head)
        by = author(head)
        node = self.graph.resolve(mention_span(by) if by else span, offset)
        self.discourse.note(node)
        start, end = offset + span.start_char, offset + span.end_char
        return node, self.text[start:end], start, end

    def frame(
        self,
        cue_tok: Token,
        cue: str,
        head: Token,
        order: int,
        cover: tuple[int, int],
        content: frozenset[int],
        offset: int,
    ) -> list[Frame]:
        """The frame of a cue whose source is headed by ``head``; none when ``head`` names no
        source or names the article's own publisher."""
        found = self.source(head, offset)
        if found is None:
            return []
        node, text, start, end = found
        if self.graph.is_publisher(node):
            return []
        lemma = cue_tok.lemma_.lower()
        return [
            Frame(
                cue=cue,
                lemma=lemma,
                stance=lexicon.CUE_VERBS.get(lemma),
                node=node,
                mention=text,
                mention_start=start,
                mention_end=end,
                order=order,
                cover=cover,
                content=content,
                cue_i=cue_tok.i,
            )
        ]

    def label(self, span: Span, offset: int, cover: tuple[int, int], cue_i: int) -> Frame:
        """Attribution by layout, a colon after or before a name ("…: secret report",
        "WALLACE: …"): the span is the source of what the colon joins it to."""
        node = self.graph.resolve(span, offset)
        self.discourse.note(node)
        start, end = offset + span.start_char, offset + span.end_char
        return Frame(
            cue=":",
            lemma=":",
            stance="neutral",
            node=node,
            mention=self.text[start:end],
            mention_start=start,
            mention_end=end,
            order=SPEAKER,
            cover=cover,
            content=frozenset(),
            cue_i=cue_i,
        )

    def note_entities(self, sent: Span, offset: int, par: Paragraph, quotes: Quotes) -> None:
        """Named things as antecedents of later descriptions ("the declaration"), and known
        sources that are the subject of a sentence (a floating quote may be theirs)."""
        for ent in sent.ents:
            if ent.label_ not in _NOT_ANTECEDENTS and len(ent.text.split()) > 1:
                self.graph.named_by_head.setdefault(ent.root.lemma_.lower(), ent.text)
        for tok in sent:
            if (
                tok.pos_ == "PROPN"
                and tok.dep_ != "compound"
                and any(c.dep_ == "compound" for c in tok.children)
            ):
                self.graph.named_by_head.setdefault(tok.lemma_.lower(), mention_span(tok).text)
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ in ("NOUN", "PROPN"):
                node = self.graph.lookup(mention_span(tok))
                if node is not None:
                    self.discourse.last_subject = (node, par.index, tok.i)
                person = next(
                    (t for t in tok.subtree if t.ent_type_ == "PERSON" and t.pos_ == "PROPN"
                     and t.dep_ != "compound" and not in_quote(t, quotes)), None
                )  # fmt: skip
                if person is not None and node is None:
                    # a person the sentence is about is who a later "she" most likely means
                    self.discourse.note(self.graph.resolve(mention_span(person), offset))

    def document_edges(self, sent: Span, offset: int) -> None:
        """Passing edges: "a report X obtained through Y" gives report -> Y -> X."""
        for tok in sent:
            if tok.dep_ not in ("relcl", "acl") or tok.lemma_.lower() not in lexicon.PASSING_VERBS:
                continue
            doc_head = tok.head
            if lexicon.SOURCE_TYPE_NOUNS.get(doc_head.lemma_.lower()) != "document":
                continue
            holder_tok, via_tok = _holder_and_via(tok)
            if holder_tok is None:
                continue
            document = self.graph.resolve(mention_span(doc_head), offset)
            holder = self.graph.resolve(mention_span(holder_tok), offset)
            if via_tok is not None:
                via = self.graph.resolve(mention_span(via_tok), offset)
                self.graph.add_edge(document, via, f"{tok.text} through")
                self.graph.add_edge(via, holder, tok.text)
            else:
                self.graph.add_edge(document, holder, tok.text)


def _holder_and_via(verb: Token) -> tuple[Token | None, Token | None]:
    """Who holds a passed document and whom it came through: "obtained through Y" (Y), "X
    obtained" or "obtained by X" (X), "leaked to X" (X)."""
    holder: Token | None = None
    via: Token | None = None
    for child in verb.children:
        if child.dep_ == "nsubj" and child.lower_ not in REL_PRONOUNS:
            holder = child
        elif child.dep_ == "agent":
            holder = next((c for c in child.children if c.dep_ == "pobj"), None)
        elif child.dep_ == "prep" and child.lower_ in lexicon.PASSING_PREPS:
            via = next((c for c in child.children if c.dep_ == "pobj"), None)
        elif child.dep_ == "prep" and child.lower_ == "to" and verb.lemma_ == "leak":
            holder = next((c for c in child.children if c.dep_ == "pobj"), None)
    return holder, via
