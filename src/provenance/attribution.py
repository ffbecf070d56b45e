"""Attribution: cue frames in each sentence, claims split where attribution differs, chains.

A *frame* is one act of attribution found on the dependency parse: a cue ("said", "according
to", "citing", "told Reuters"), the mention of its source, the tokens it covers and its content.
Frames nest (a frame inside another's content is an inner hop) and order within a clause
("citing X" is inside the speaker, "according to Y" and "told <outlet>" outside). A claim's chain
is its frames from the innermost out, continued along the source graph's passing edges ("a
report Shukan Bunshun obtained through Harada"). Quotes without a frame of their own take the
frame of the quotation they belong to, or of the speaker of the paragraph before. The frame
and claim-unit types and the stateless clause helpers live in :mod:`provenance.frames`.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from provenance import lexicon
from provenance.claims import OPENING_QUOTES, Paragraph
from provenance.cues import candidate, load_model
from provenance.frames import (
    INNER,
    OUTER,
    SIGNATURE,
    SPEAKER,
    SPEAKER_LABEL,
    Frame,
    Unit,
    anonymity_reason,
    clip_to_semicolons,
    forward_quote_speakers,
    has_verb,
    in_quote,
    is_content,
    is_question,
    outlets_relay,
    parenthetical,
    quotations,
    quoted_share,
    reported_reports,
    trailing_cue,
)
from provenance.models import Claim, ClaimKind, Hop, Stance
from provenance.sources import Node, SourceGraph, mention_span

_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
_REL_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})
_MEDIA_PREPS = frozenset({"on", "to", "with"})
_AS_EXPLAINED_CUES = frozenset({"explain", "note", "mention", "state", "say", "report", "describe"})


def _mark_learned(frames: list[Frame], probability: float) -> list[Frame]:
    """Frames of a learned cue govern only their content, and say how sure the model was."""
    for frame in frames:
        frame.learned, frame.confidence = True, round(probability, 3)
    return frames


def _carried(frames: list[Frame]) -> list[Frame]:
    """The frames a later quote inherits: the outermost speaker's, not the hops nested inside
    the sentence they came from ("X said Y had told him …": the next quote is X's)."""
    top = min((f.depth for f in frames), default=0)
    return [f for f in frames if f.depth == top]


class Reader:
    """Reads one article's paragraphs in order, keeping the discourse state pronouns need."""

    def __init__(self, graph: SourceGraph, text: str) -> None:
        self.graph = graph
        self.text = text
        self.recent: list[Node] = []  # antecedents for pronouns, most recent last
        self.last_chain: list[Frame] = []  # speaker of the latest attributed claim
        self.last_chain_par = -10
        self.pending: list[tuple[dict[str, object], list[Frame], bool]] = []
        self.cue_model = load_model()
        self.last_subject: tuple[Node, int] | None = None  # latest known source as a subject
        self.prev_frames: list[Frame] = []  # frames of the previous sentence covering it whole
        # whose each quotation is, so that one continued in a new paragraph keeps its speaker
        self.quote_owner: dict[tuple[int, int], list[Frame]] = {}
        # "X stated," or "X was blunt:" closing a paragraph: the speaker of the quote that opens
        # the next one, with the paragraph it was found in
        self.introducer: tuple[list[Frame], int] | None = None

    # --- sources ------------------------------------------------------------------------
    def _source(self, head: Token, offset: int) -> tuple[Node, str, int, int] | None:
        """Resolve the source whose mention is headed by ``head``."""
        if head.lower_ in _REL_PRONOUNS and head.head.dep_ == "relcl":
            # "Kamin, who emphasized that …": the mention is "who", the source its antecedent
            found = self._source(head.head.head, offset)
            if found is None:
                return None
            start = offset + head.idx
            return found[0], head.text, start, start + len(head.text)
        quantifier = head.lower_ in lexicon.QUANTIFIER_SOURCES and head.dep_ in _SUBJECT_DEPS
        if not quantifier and (
            head.pos_ == "PRON" or head.lower_ in lexicon.PRONOUNS_PERSON | lexicon.PRONOUNS_THING
        ):
            if head.lower_ in ("i", "me", "we", "us", "you"):
                return None
            node = self.graph.resolve_pronoun(head, offset, self.recent)
            if node is None:
                return None
            return node, head.text, offset + head.idx, offset + head.idx + len(head.text)
        if head.pos_ not in ("NOUN", "PROPN", "NUM", "ADJ", "X") and not quantifier:
            return None
        if (
            head.head.lemma_.lower() not in lexicon.SPEECH_VERBS
            and not lexicon.can_be_source(head)
            and not any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in head.children)
        ):
            return None  # "Another RT America host, Abby Martin, …" names a source
        span = mention_span(head)
        author = self._author(head)
        node = self.graph.resolve(mention_span(author) if author else span, offset)
        self._note(node)
        start, end = offset + span.start_char, offset + span.end_char
        return node, self.text[start:end], start, end

    def _author(self, head: Token) -> Token | None:
        """ "An investigation by PolitiFact": a document published by its named author stands
        for that author."""
        if lexicon.SOURCE_TYPE_NOUNS.get(head.lemma_.lower()) != "document":
            return None
        by = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "by"), None)
        pobj = next((c for c in by.children if c.dep_ == "pobj"), None) if by else None
        if pobj is None or pobj.pos_ != "PROPN":
            return None
        return pobj

    def _note(self, node: Node) -> None:
        if node in self.recent:
            self.recent.remove(node)
        self.recent.append(node)

    def _note_entities(
        self, sent: Span, offset: int, par: Paragraph, quotes: list[tuple[int, int]]
    ) -> None:
        """Named things as antecedents of later descriptions ("the declaration"), and known
        sources that are the subject of a sentence (a floating quote may be theirs)."""
        for ent in sent.ents:
            if ent.label_ not in (
                "DATE",
                "TIME",
                "CARDINAL",
                "ORDINAL",
                "MONEY",
                "PERCENT",
                "QUANTITY",
                "NORP",
                "GPE",
            ):
                words = ent.text.split()
                if len(words) > 1:
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
                    self.last_subject = (node, par.index)
                person = next(
                    (t for t in tok.subtree if t.ent_type_ == "PERSON" and t.pos_ == "PROPN"
                     and t.dep_ != "compound" and not in_quote(t, quotes)), None
                )  # fmt: skip
                if person is not None and node is None:
                    # a person the sentence is about is who a later "she" most likely means
                    self._note(self.graph.resolve(mention_span(person), offset))

    # --- frames -------------------------------------------------------------------------
    def frames(self, sent: Span, offset: int, quotes: list[tuple[int, int]]) -> list[Frame]:
        """Every frame whose cue is in this sentence."""
        found: list[Frame] = []
        for tok in sent:
            if tok.lower_ == "according" and tok.i + 1 < sent.end and tok.nbor().lower_ == "to":
                found.extend(self._prepositional(tok, tok.nbor(), "according to", sent, offset))
            elif tok.lower_ == "words" and tok.head.lower_ == "in" and tok.dep_ == "pobj":
                of = next((c for c in tok.children if c.lower_ == "of"), None)
                if of is not None:
                    found.extend(self._prepositional(tok.head, of, "in the words of", sent, offset))
            elif tok.lower_ == "in" and tok.dep_ == "prep" and tok.i == sent.start:
                found.extend(self._in_document(tok, sent, offset))
            elif in_quote(tok, quotes):
                continue
            elif tok.pos_ in ("VERB", "AUX"):
                made = (
                    self._verb(tok, sent, offset, quotes)
                    if tok.lemma_.lower() in lexicon.CUE_VERBS
                    else []
                )
                if not made and (p := self._learned_cue(tok)) is not None:
                    made = self._learned_passive(tok, offset, p) or self._learned(
                        tok, self._subject(tok, quotes), sent, offset, p
                    )
                found.extend(made)
            elif (p := self._learned_cue(tok)) is not None:
                # a nominal cue: "his theory of the role", "Trump's claim that …"
                poss = next(c for c in tok.children if c.dep_ == "poss")
                found.extend(self._learned(tok, poss, sent, offset, p))
        outlets_relay(found)
        for frame in found:
            frame.depth = sum(
                1 for other in found if other is not frame and frame.cue_i in other.content
            )
        # "X said Y knew Z": Y's knowledge is X's claim, not a hop of its own
        return [f for f in found if not (f.depth and f.stance == "belief")]

    def _learned_cue(self, tok: Token) -> float | None:
        """The learned model's probability that ``tok`` is a cue, when it calls it one."""
        if self.cue_model is None or not candidate(tok):
            return None
        probability = self.cue_model.probability(tok)
        return probability if probability >= self.cue_model.threshold else None

    def _cover(self, verb: Token, sent: Span) -> tuple[int, int]:
        """Tokens a frame governs: the whole sentence for its main verb (or an inverted "…,
        said X"), else the verb's own clause with a leading conjunction."""
        if verb.dep_ == "ROOT" or parenthetical(verb) or trailing_cue(verb) is not None:
            start = sent.start
            # "Though it was seamless, he said, replacing her …": a cue set off by commas
            # attributes the clause before it too
            set_off = verb.i + 1 < sent.end and verb.doc[verb.i + 1].text == ","
            for child in [] if set_off else verb.children:
                # "Though YouTube complies, other sites have stated …": the clause is ours
                if (
                    child.dep_ == "advcl"
                    and child.i < verb.i
                    and any(c.dep_ == "mark" for c in child.children)
                    and child.right_edge.i + 1 > start
                ):
                    start = child.right_edge.i + 1
                    while start < verb.i and verb.doc[start].is_punct:
                        start += 1
            return start, sent.end
        start, end = verb.left_edge.i, verb.right_edge.i + 1
        if start > sent.start and verb.doc[start - 1].dep_ == "cc":
            start -= 1  # "…, but said exports were continuing"
        for conj in verb.children:
            if (
                conj.dep_ == "conj"
                and conj.i > verb.i
                and any(c.dep_ in _SUBJECT_DEPS for c in conj.children)
            ):
                # "A has vowed X, and B is promising Y": B's clause is not A's
                end = conj.left_edge.i
                while end > verb.i + 1 and verb.doc[end - 1].dep_ in ("cc", "punct"):
                    end -= 1
                break
        return start, end

    def _subject(self, verb: Token, quotes: list[tuple[int, int]]) -> Token | None:
        """The source of a cue verb: its subject, the agent of a passive, or (for a conjunct or
        a participle with none) the subject of the verb it hangs from. Words quoted beside the
        verb are never its subject ("“My reaction, …,” the strategist said")."""
        quoted = in_quote(verb, quotes)
        current: Token | None = verb
        for _ in range(4):
            if current is None:
                return None
            for child in current.children:
                if child.dep_ in ("nsubj", "csubj") and child.lower_ not in _REL_PRONOUNS:
                    if not quoted and in_quote(child, quotes):
                        continue
                    if current is not verb and child.lower_ == "it" and verb.dep_ == "xcomp":
                        return None
                    return child
                if child.dep_ == "agent" and verb.lemma_.lower() in lexicon.AGENT_CUES:
                    pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                    if pobj is not None:
                        return pobj
            rel = next(
                (
                    c
                    for c in current.children
                    if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _REL_PRONOUNS
                ),
                None,
            )
            if rel is not None and current.dep_ == "relcl":
                return rel if rel.dep_ == "nsubj" else current.head
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
            if current.dep_ in ("conj", "advcl", "xcomp", "acl", "pcomp") and current.tag_ in (
                "VBG",
                "VBN",
                "VBD",
                "VBZ",
                "VBP",
                "VB",
            ):
                current = current.head
                if current.pos_ in ("NOUN", "PROPN") and current.dep_ in ("dobj", "pobj"):
                    current = current.head
                continue
            if current.dep_ == "ROOT":
                return self._nearest_name(current)
            return None
        return None

    def _nearest_name(self, verb: Token) -> Token | None:
        """A parse that lost the subject ("Speaking …, Tom Molomby, SC, said"): the closest
        person named before the verb in its clause."""
        for tok in reversed(list(verb.doc[verb.sent.start : verb.i])):
            if tok.text in ("“", "”", '"'):
                return None
            if tok.ent_type_ == "PERSON" and tok.pos_ == "PROPN" and tok.dep_ != "compound":
                return tok
        return None

    def _verb(
        self, verb: Token, sent: Span, offset: int, quotes: list[tuple[int, int]]
    ) -> list[Frame]:
        lemma = verb.lemma_.lower()
        if any(c.dep_ == "neg" for c in verb.children):
            return []
        if lemma in ("cite", "quote") and verb.tag_ == "VBG":
            obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
            gov = verb.head
            if obj is None or not lexicon.can_be_source(obj):
                return []  # "citing the release of prisoners" cites evidence, not a source
            return self._make(
                verb, verb.text, obj, INNER, self._cover(gov, sent), frozenset(), offset
            )
        if (
            lemma in _AS_EXPLAINED_CUES
            and verb.dep_ == "advcl"
            and any(c.lower_ == "as" and c.dep_ in ("mark", "advmod") for c in verb.children)
            and not any(c.dep_ in _SUBJECT_DEPS for c in verb.children)
        ):
            return self._as_explained(verb, sent, offset)
        content = self._content(verb, sent, quotes)
        if not content:
            return []
        subj = self._subject(verb, quotes)
        if subj is None:
            return []
        cover = self._cover(verb, sent)
        if min(content) < verb.i < max(content) and in_quote(sent.doc[min(content)], quotes):
            cover = (sent.start, sent.end)  # “A,” Mr. Obama said, “B.”: one quotation
        frames = self._make(verb, verb.text, subj, SPEAKER, cover, content, offset)
        if frames:
            frames.extend(self._outlets(verb, cover, content, offset))
        return frames

    def _learned_passive(self, verb: Token, offset: int, probability: float) -> list[Frame]:
        """A passive the model calls a cue, with its agent: "[The nominee has been endorsed] by
        dozens of papers". The agent is the source of the clause it is the agent of."""
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
        if (
            agent is None
            or pobj is None
            or not any(c.dep_ == "nsubjpass" for c in verb.children)
            or any(c.dep_ == "neg" for c in verb.children)
            or not lexicon.names_a_source(pobj)  # "removed by impeachment" names no one
        ):
            return []
        by = {t.i for t in agent.subtree}
        content = frozenset(t.i for t in verb.subtree if t.i not in by and not t.is_punct)
        frames = self._make(
            verb, verb.text, pobj, SPEAKER, (min(content), max(content) + 1), content, offset
        )
        return _mark_learned(frames, probability)

    def _learned(
        self, verb: Token, subj: Token | None, sent: Span, offset: int, probability: float
    ) -> list[Frame]:
        """A word the learned model calls a cue ("vowed to", "is pushing for", "his theory"):
        its subject (or possessor) is the source of the rest of its phrase."""
        if subj is None or any(c.dep_ == "neg" for c in verb.children):
            return []
        # what follows the cue: "approved [a bill designed to …]", "his theory [of the role]"
        content = frozenset(
            t.i
            for c in verb.rights
            if c.dep_ not in ("punct", "cc", "conj") and c.lower_ != "according"
            for t in c.subtree
        )
        if not content:
            return []
        # a verb's whole clause is its source's claim, not only the complement: "[Trump has
        # responded with attacks on Machado]"; a nominal cue governs its phrase ("his theory")
        span = (min(content), max(content) + 1)
        cover = span
        frames = self._make(verb, verb.text, subj, SPEAKER, cover, content, offset)
        return _mark_learned(frames, probability)

    def _content(self, verb: Token, sent: Span, quotes: list[tuple[int, int]]) -> frozenset[int]:
        """What the cue attributes: its clausal complement, a quote beside it, the clause it
        interrupts ("…, said X"), or (for "denied the charges") its object."""
        lemma = verb.lemma_.lower()
        tokens: set[int] = set()
        for child in verb.children:
            if is_content(verb, child, lemma):
                tokens.update(t.i for t in child.subtree)
        if parenthetical(verb):
            head = verb.head
            own = {t.i for t in verb.subtree}
            tokens.update(t.i for t in head.subtree if t.i not in own)
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
            # "tweeted in the early hours that …": a that-clause the parser hung lower down
            clause = next(
                (
                    t
                    for t in verb.subtree
                    if 0 < t.i - verb.i <= 8
                    and t.pos_ in ("VERB", "AUX")
                    and any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children)
                ),
                None,
            )
            if clause is not None:
                tokens.update(t.i for t in clause.subtree)
        if (
            lemma in ("call",)
            and not any(c.dep_ == "oprd" for c in verb.children)
            and not any(c.dep_ == "ccomp" for c in verb.children)
            and not any(in_quote(sent.doc[i], quotes) for i in tokens)  # called X "a wake-up"
        ):
            return frozenset()
        return frozenset(tokens)

    def _make(
        self,
        cue_tok: Token,
        cue: str,
        head: Token,
        order: int,
        cover: tuple[int, int],
        content: frozenset[int],
        offset: int,
    ) -> list[Frame]:
        found = self._source(head, offset)
        if found is None:
            return []
        node, text, start, end = found
        if self.graph.is_publisher(node):
            return []
        if node.anonymous and node.anonymity_reason is None:
            node.anonymity_reason = anonymity_reason(cue_tok.sent)
        lemma = cue_tok.lemma_.lower()
        stance = lexicon.CUE_VERBS.get(lemma)
        return [Frame(cue, lemma, stance, node, text, start, end, order, cover, content, cue_tok.i)]

    def _prepositional(
        self, tok: Token, prep: Token, cue: str, sent: Span, offset: int
    ) -> list[Frame]:
        """ "according to X", "in the words of X": X is the source of the clause it hangs on."""
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is None:  # "according to show insiders" parsed with "show" as a verb
            pobj = next((t for t in prep.subtree if t.pos_ in ("NOUN", "PROPN")), None)
        if pobj is None:
            return []
        gov = tok.head
        while gov.dep_ not in ("ROOT",) and gov.pos_ not in ("VERB", "AUX") and gov.head is not gov:
            gov = gov.head
        cover = self._cover(gov, sent) if gov.pos_ in ("VERB", "AUX") else (sent.start, sent.end)
        content = frozenset(t.i for t in sent if t.i not in {x.i for x in tok.subtree})
        return self._make(tok, cue, pobj, OUTER, cover, content, offset)

    def _in_document(self, tok: Token, sent: Span, offset: int) -> list[Frame]:
        """ "In it, …" / "In the report, …" opening a sentence: the document already named."""
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if pobj is None or not (
            pobj.lower_ == "it" or lexicon.SOURCE_TYPE_NOUNS.get(pobj.lemma_.lower()) == "document"
        ):
            return []
        if pobj.lower_ == "it":
            node = next((n for n in reversed(self.recent) if n.type == "document"), None)
            if node is None:
                return []
            node = self.graph.resolve_pronoun(pobj, offset, [node]) or node
            text, start = pobj.text, offset + pobj.idx
            return [
                Frame(
                    "in",
                    "in",
                    "neutral",
                    node,
                    text,
                    start,
                    start + len(text),
                    OUTER,
                    (sent.start, sent.end),
                    frozenset(t.i for t in sent),
                    tok.i,
                )
            ]
        if pobj.text[0].islower() and pobj.nbor(-1).lower_ not in ("the", "this", "that", "its"):
            return []
        return self._make(
            tok, "in", pobj, OUTER, (sent.start, sent.end), frozenset(t.i for t in sent), offset
        )

    def _outlets(
        self, verb: Token, cover: tuple[int, int], content: frozenset[int], offset: int
    ) -> list[Frame]:
        """Outlets a speaker spoke to ("told Reuters", "speaking on al-Masirah TV", "in an
        interview with the BBC"): outer hops when the text names a media outlet."""
        heads: list[tuple[Token, str]] = []
        for child in verb.children:
            if child.dep_ in ("dative", "dobj") and verb.lemma_ in ("tell", "inform", "brief"):
                heads.append((child, f"{verb.text} {child.text}"))
            if child.dep_ == "prep" and child.lower_ in _MEDIA_PREPS | {"in"}:
                for pobj in child.children:
                    if pobj.dep_ != "pobj":
                        continue
                    if child.lower_ == "in" and pobj.lemma_ in lexicon.STATEMENT_NOUNS:
                        for sub in pobj.children:
                            if sub.dep_ == "prep" and sub.lower_ in ("with", "to", "on"):
                                heads.extend(
                                    (p, f"in {pobj.text} {sub.text}")
                                    for p in sub.children
                                    if p.dep_ == "pobj"
                                )
                    elif child.lower_ != "in":
                        heads.append((pobj, f"{verb.text} {child.text}"))
            if child.dep_ == "advcl" and child.lemma_ in ("speak", "talk", "write", "appear"):
                for prep in child.children:
                    if prep.dep_ == "prep" and prep.lower_ in _MEDIA_PREPS:
                        heads.extend(
                            (p, f"{child.text} {prep.text}")
                            for p in prep.children
                            if p.dep_ == "pobj"
                        )
        frames: list[Frame] = []
        for head, cue in heads:
            if head.pos_ not in ("PROPN", "NOUN"):
                continue
            stype, *_ = self.graph.classify(mention_span(head))
            if stype != "media":
                continue
            frames.extend(self._make(verb, cue, head, OUTER, cover, content, offset))
        return frames

    def _as_explained(self, verb: Token, sent: Span, offset: int) -> list[Frame]:
        """ "As explained at the beginning, …": the latest speaker of the article."""
        if not self.last_chain:
            return []
        frame = self.last_chain[-1]
        return [
            Frame(
                f"as {verb.text}",
                verb.lemma_.lower(),
                "neutral",
                frame.node,
                frame.mention,
                frame.mention_start,
                frame.mention_end,
                SPEAKER,
                (sent.start, sent.end),
                frozenset(t.i for t in sent),
                verb.i,
            )
        ]

    # --- claims -------------------------------------------------------------------------
    def units(self, sent: Span, frames: list[Frame]) -> list[Unit]:
        """Split a sentence where parts are attributed differently: a frame that governs only a
        clause (a conjunct, a relative clause) makes that clause a claim of its own."""
        whole = (sent.start, sent.end)
        # a learned cue that governs only what follows it ("his theory [of …]", "approved [a
        # bill]") makes a claim nested in its clause; one that asserts covers its clause
        learned = [
            f for f in frames
            if f.learned and f.content and f.cover == (min(f.content), max(f.content) + 1)
        ]  # fmt: skip
        frames = [f for f in frames if all(f is not g for g in learned)]
        # nesting inside a learned cue's content does not keep a frame from splitting the sentence
        outermost = {
            id(f) for f in frames if f.depth == sum(1 for g in learned if f.cue_i in g.content)
        }
        partial = [f for f in frames if f.cover != whole and id(f) in outermost]
        # keep the outermost partial covers only
        tops: list[Frame] = []
        for f in sorted(partial, key=lambda f: f.cover[0] - f.cover[1]):
            if not any(t.cover[0] <= f.cover[0] and f.cover[1] <= t.cover[1] for t in tops):
                tops.append(f)
        units: list[Unit] = []
        covered: set[int] = set()
        for top in tops:
            units.append(Unit(top.cover[0], top.cover[1]))
            covered.update(range(*top.cover))
        rest = [t for t in sent if t.i not in covered]
        if sum(t.is_alpha for t in rest) >= 2 or not tops:
            content_rest = [t.i for t in rest if not t.is_space]
            if content_rest:
                start, end = min(content_rest), max(content_rest) + 1
                while start < end and sent.doc[start].is_punct and not sent.doc[start].is_quote:
                    start += 1
                if start < end:
                    units.append(Unit(start, end))
        for unit in units:
            own = [f for f in tops if f.cover == (unit.start, unit.end)]
            anchor = own[0].cue_i if own else None
            for f in frames:
                if unit.start <= f.cue_i < unit.end:
                    # a frame belongs to the smallest unit holding its cue
                    if not any(
                        u is not unit
                        and u.start <= f.cue_i < u.end
                        and u.end - u.start < unit.end - unit.start
                        for u in units
                    ):
                        unit.frames.append(f)
                elif anchor is not None and anchor in f.content:
                    # a clause inside another frame's content: "X said A, which B reported"
                    unit.frames.append(f)
        units.extend(reported_reports(units, whole))
        units.sort(key=lambda u: u.start)
        for before, unit in itertools.pairwise(units):
            words = [t.lower_ for t in sent.doc[unit.start : unit.start + 2]]
            if (
                not unit.frames
                and before.frames
                and (words[:1] == ["that"] or words == ["and", "that"])
            ):
                # "X reported that A; that B; and that C": the list goes on in X's voice
                unit.frames = list(before.frames)
        # what a learned cue governs is a claim nested in its clause: "Trump has responded
        # [with attacks on Machado]" attributes the attacks to Trump, not the sentence
        spans = {(u.start, u.end) for u in units}
        for f in learned:
            if f.cover not in spans:
                inner = [g for g in frames if f.cover[0] <= g.cue_i < f.cover[1]]
                units.append(Unit(*f.cover, frames=[f, *inner], nested=True))
        return units

    def chain(self, frames: list[Frame]) -> list[Hop]:
        """Frames ordered origin first, then the outermost source's own provenance."""
        ordered = sorted(frames, key=lambda f: (-f.depth, f.order, f.cue_i))
        hops: list[Hop] = []
        for f in ordered:
            if hops and hops[-1].source_id == f.node.id:
                continue
            hop = self._hop(f.node, f.mention, f.cue, f.stance, f.mention_start, f.mention_end)
            hops.append(hop.model_copy(update={"confidence": f.confidence}))
        if hops:
            for node_id in self.graph.outward(hops[-1].source_id):
                node = self.graph.node(node_id)
                if any(h.source_id == node_id for h in hops):
                    continue
                cue = next(c for s, t, c in self.graph.edges if t == node_id)
                first = node.mentions[0] if node.mentions else None
                hops.append(
                    self._hop(
                        node,
                        first.text if first else node.name,
                        cue,
                        "neutral",
                        first.start if first else None,
                        first.end if first else None,
                    )
                )
        return hops

    def _hop(
        self,
        node: Node,
        text: str,
        cue: str | None,
        stance: Stance | None,
        start: int | None,
        end: int | None,
    ) -> Hop:
        return Hop(
            source_id=node.id,
            text=text,
            name=node.name,
            type=node.type,
            anonymous=node.anonymous,
            role=node.role,
            cue=cue,
            stance=stance,
            start=start,
            end=end,
        )

    def read_paragraph(
        self, par: Paragraph, doc: Doc, quotes: list[tuple[int, int]], kind_hint: ClaimKind | None
    ) -> None:
        """Turn one paragraph into claims, updating the discourse state."""
        offset = par.start
        layout = self._layout_speaker(doc, offset)
        speaker, stop = layout if layout else (None, len(doc))
        units: list[Unit] = []
        for sent in doc.sents:
            if sent.start >= stop:
                break  # the signature is not a claim
            if sent.end > stop:
                sent = doc[sent.start : stop]
            if not any(t.is_alpha for t in sent):
                continue
            self._note_entities(sent, offset, par, quotes)
            frames = self.frames(sent, offset, quotes)
            clip_to_semicolons(sent, frames)
            if speaker is not None:
                # the whole line is the labelled speaker's; cues in it are nested inside
                for frame in frames:
                    frame.depth += 1
                frames.append(
                    replace(
                        speaker,
                        cover=(sent.start, sent.end),
                        content=frozenset(range(sent.start, sent.end)),
                        cue_i=sent.start,
                    )
                )
            first = next(t for t in sent if not t.is_punct and not t.is_space)
            if not frames and first.is_lower and first.is_alpha and self.prev_frames:
                # "…found that X; and that Y": a sentence the parser cut off its frame
                frames = self.prev_frames
            self.prev_frames = [f for f in frames if f.cover == (sent.start, sent.end)]
            self._document_edges(sent, offset)
            units.extend(self.units(sent, frames))
        introducer = self._introducer(doc, par, offset, quotes)
        forward_quote_speakers(units, doc, offset, quotes)
        for at, quotation in reversed(quotations(units, doc, offset, quotes)):
            units.insert(at, quotation)
        for unit in units:
            self._emit(unit, doc, par, offset, quotes, kind_hint)
        self.introducer = introducer

    def _introducer(
        self, doc: Doc, par: Paragraph, offset: int, quotes: list[tuple[int, int]]
    ) -> tuple[list[Frame], int] | None:
        """A paragraph that ends by introducing a quotation: "…, Harada stated," or "The
        minister was blunt:" (a colon after any clause whose subject can be a source)."""
        words = [t for t in doc if not t.is_space]
        if len(words) < 3 or words[-1].text not in (":", ",") or in_quote(words[-2], quotes):
            return None
        sent = words[-1].sent
        verbs = [t for t in sent if t.pos_ in ("VERB", "AUX") and not in_quote(t, quotes)]
        cue = next((v for v in reversed(verbs) if v.lemma_.lower() in lexicon.CUE_VERBS), None)
        if cue is None and words[-1].text == ":":
            cue = sent.root if sent.root.pos_ in ("VERB", "AUX") else None
        if cue is None or any(c.dep_ == "neg" for c in cue.children):
            return None
        subj = self._subject(cue, quotes)
        if subj is None:
            return None
        frames = self._make(cue, cue.text, subj, SPEAKER, (0, 0), frozenset(), offset)
        return (frames, par.index) if frames else None

    def read_headline(self, par: Paragraph, doc: Doc, quotes: list[tuple[int, int]]) -> None:
        """Headlines attribute by layout too: "…: secret report" or "Minister: …"."""
        before = len(self.pending)
        self.read_paragraph(par, doc, quotes, "headline")
        new = self.pending[before:]
        colon = next((t for t in doc if t.text == ":"), None)
        if not new or any(frames for _, frames, nested in new if not nested) or colon is None:
            return
        tail, lead = doc[colon.i + 1 :], doc[: colon.i]
        if 1 <= sum(t.is_alpha for t in tail) <= 4 and not has_verb(tail):
            side = tail
        elif 1 <= sum(t.is_alpha for t in lead) <= 3 and not has_verb(lead):
            side = lead
        else:
            return
        frame = self._label_frame(mention_span(side.root), par.start, (0, len(doc)), colon.i)
        # the headline is the one claim of its paragraph: give it the layout's source, also
        # as the outer hop of what a cue inside it attributes
        for n, (fields, frames, nested) in enumerate(new, start=before):
            self.pending[n] = (fields, [*frames, frame] if nested else [frame], nested)

    def _layout_speaker(self, doc: Doc, offset: int) -> tuple[Frame, int] | None:
        """A line that names its speaker by layout, and the token where its text ends: a
        transcript label ("WALLACE: If I may, sir, …") or a signature after the quotation
        ("“…” ― Krystal Correa")."""
        match = SPEAKER_LABEL.match(doc.text)
        if match is not None and match.group(1).strip(" .") not in lexicon.NOT_SPEAKERS:
            label = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
            if label is not None:
                return self._label_frame(label, offset, (0, 0), label.end), len(doc)
        match = SIGNATURE.search(doc.text)
        if match is not None:
            end = match.end("name") - match.group("name").endswith(".")  # "― Steve Quinlan."
            label = doc.char_span(match.start("name"), end, alignment_mode="contract")
            dash = doc.char_span(match.start("dash"), match.end("dash"), alignment_mode="expand")
            if label is not None and dash is not None:
                return self._label_frame(label, offset, (0, 0), label.start), dash.start
        return None

    def _label_frame(self, span: Span, offset: int, cover: tuple[int, int], cue_i: int) -> Frame:
        """Attribution by layout, a colon after or before a name ("…: secret report",
        "WALLACE: …"): the span is the source of what the colon joins it to."""
        node = self.graph.resolve(span, offset)
        self._note(node)
        start, end = offset + span.start_char, offset + span.end_char
        return Frame(":", ":", "neutral", node, self.text[start:end], start, end, SPEAKER, cover,
                     frozenset(), cue_i)  # fmt: skip

    def _emit(
        self,
        unit: Unit,
        doc: Doc,
        par: Paragraph,
        offset: int,
        quotes: list[tuple[int, int]],
        kind_hint: ClaimKind | None,
    ) -> None:
        span = doc[unit.start : unit.end]
        start, end = offset + span.start_char, offset + span.end_char
        text = self.text[start:end]
        if sum(t.is_alpha for t in span) < 2:
            return
        frames = unit.frames
        if frames and all(
            unit.start <= f.cue_i < unit.end and f.content and max(f.content) < unit.start
            for f in frames
        ):
            return  # “…?” Trump said.: the attribution of the sentence before, no claim itself
        quoted = quoted_share(start, end, quotes)
        region = next(((qs, qe) for qs, qe in quotes if qs <= start < qe), None)
        if not frames and quoted >= 0.5:
            frames = self._quote_speaker(par, region)
        if frames and region is not None and quoted >= 0.5:
            self.quote_owner.setdefault(region, _carried(frames))
        question = is_question(text)
        spoken = quoted >= 0.5 or any(f.cue == ":" for f in frames)  # a transcript line
        if question and not (frames and spoken):
            return  # a question in the article's own voice asserts nothing
        speakers = [f for f in frames if f.order == SPEAKER] or frames
        if speakers:
            self.last_chain = _carried(speakers)
            self.last_chain_par = par.index
            self.last_subject = None
            for f in speakers:
                self._note(f.node)
        lowered = f" {text.lower()} "
        kind: ClaimKind
        if kind_hint and not unit.nested:
            kind = kind_hint
        elif quoted >= 0.5 or (quoted >= 0.3 and text[0] in OPENING_QUOTES + '"'):
            kind = "direct_quote"  # “…,” said X: a quotation with its attribution
        elif frames:
            kind = "indirect"
        else:
            kind = "assertion"
        fields: dict[str, object] = {
            "text": text,
            "start": start,
            "end": end,
            "kind": kind,
            "paragraph": par.index,
            "hedges": sorted({t.lower_ for t in span if t.lower_ in lexicon.HEDGES}),
            "vague": not frames and any(v in lowered for v in lexicon.VAGUE_ATTRIBUTION),
            "question": question,
        }
        self.pending.append((fields, frames, unit.nested))

    def finish(self) -> list[Claim]:
        """The article's claims, chains built once the whole source graph is known."""
        claims = [
            Claim(id=f"c{n}", chain=self.chain(frames), **fields)
            for n, (fields, frames, _) in enumerate(self.pending, start=1)
        ]
        for claim, (_, _, nested) in zip(claims, self.pending, strict=True):
            if nested:
                holders = [
                    c for c in claims
                    if c is not claim and c.start <= claim.start and claim.end <= c.end
                ]  # fmt: skip
                if holders:
                    claim.parent = min(holders, key=lambda c: c.end - c.start).id
        return claims

    def _quote_speaker(self, par: Paragraph, region: tuple[int, int] | None) -> list[Frame]:
        """Frames for a quote with no cue of its own: the speaker of the quotation it continues
        (a quote runs on into a new paragraph), the speaker who introduced it at the end of
        the paragraph before ("Harada stated:"), the speaker of the latest attributed claim
        nearby, or a known source named as a subject since ("…, but the report goes one step
        further." then a quote: the report's)."""
        if region is not None and region in self.quote_owner:
            return self.quote_owner[region]
        if self.introducer is not None and self.introducer[1] == par.index - 1:
            return self.introducer[0]
        if self.last_subject is not None and par.index - self.last_subject[1] <= 1:
            node = self.last_subject[0]
            mention = node.mentions[-1] if node.mentions else None
            return [
                Frame(
                    "",
                    "",
                    "neutral",
                    node,
                    mention.text if mention else node.name,
                    mention.start if mention else 0,
                    mention.end if mention else 0,
                    SPEAKER,
                    (0, 0),
                    frozenset(),
                    -1,
                )
            ]
        if self.last_chain and par.index - self.last_chain_par <= 2:
            return self.last_chain
        return []

    def _document_edges(self, sent: Span, offset: int) -> None:
        """Passing edges: "a report X obtained through Y" gives report -> Y -> X."""
        for tok in sent:
            if tok.dep_ not in ("relcl", "acl") or tok.lemma_.lower() not in lexicon.PASSING_VERBS:
                continue
            doc_head = tok.head
            if lexicon.SOURCE_TYPE_NOUNS.get(doc_head.lemma_.lower()) != "document":
                continue
            holder_tok: Token | None = None
            via_tok: Token | None = None
            for child in tok.children:
                if child.dep_ == "nsubj" and child.lower_ not in _REL_PRONOUNS:
                    holder_tok = child
                elif child.dep_ == "agent":
                    holder_tok = next((c for c in child.children if c.dep_ == "pobj"), None)
                elif child.dep_ == "prep" and child.lower_ in ("through", "from", "via"):
                    via_tok = next((c for c in child.children if c.dep_ == "pobj"), None)
                elif child.dep_ == "prep" and child.lower_ == "to" and tok.lemma_ == "leak":
                    holder_tok = next((c for c in child.children if c.dep_ == "pobj"), None)
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
