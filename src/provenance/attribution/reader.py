"""The orchestrator: reads an article's paragraphs in order through the attribution stages.

Per sentence: named things noted as antecedents (:mod:`.resolution`), cue frames found by the
rule registry (:mod:`.cue_rules`), clipped at semicolons and split into claim units
(:mod:`.units`); per paragraph: layout speakers and introducers (:mod:`.layout`), quotations,
then claim drafts (:mod:`.chains`), which take uncued quotes' speakers from the discourse
state (:mod:`.discourse`). :meth:`Reader.finish` builds the chains once the graph is complete.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span

from provenance.attribution import chains, layout
from provenance.attribution.context import Sentence
from provenance.attribution.cue_rules import sentence_frames
from provenance.attribution.discourse import Discourse
from provenance.attribution.frames import Draft, Frame, Unit
from provenance.attribution.geometry import Quotes
from provenance.attribution.resolution import Resolver
from provenance.attribution.units import (
    clip_to_semicolons,
    forward_quote_speakers,
    quotations,
    units,
)
from provenance.claims import Paragraph
from provenance.cues import load_model
from provenance.models import Claim, ClaimKind
from provenance.sources import SourceGraph


class Reader:
    """Reads one article's paragraphs in order; holds the discourse state and the drafts."""

    def __init__(self, graph: SourceGraph, text: str) -> None:
        self.graph = graph
        self.discourse = Discourse()
        self.resolver = Resolver(graph, text, self.discourse)
        self.cue_model = load_model()
        self.drafts: list[Draft] = []

    def _sentence_frames(
        self, sent: Span, offset: int, quotes: Quotes, speaker: Frame | None
    ) -> list[Frame]:
        """The frames of one sentence: its cues, clipped at semicolons, inside the line's
        layout speaker if it has one, or the frames of the sentence before when the parser
        cut this one off its frame ("…found that X; and that Y")."""
        ctx = Sentence(sent, offset, quotes, self.resolver, self.discourse, self.cue_model)
        frames = clip_to_semicolons(sent, sentence_frames(ctx))
        if speaker is not None:
            # the whole line is the labelled speaker's; cues in it are nested inside
            whole = replace(
                speaker,
                cover=(sent.start, sent.end),
                content=frozenset(range(sent.start, sent.end)),
                cue_i=sent.start,
            )
            frames = [*(replace(f, depth=f.depth + 1) for f in frames), whole]
        first = next(t for t in sent if not t.is_punct and not t.is_space)
        if not frames and first.is_lower and first.is_alpha and self.discourse.prev_frames:
            frames = list(self.discourse.prev_frames)
        self.discourse.prev_frames = tuple(f for f in frames if f.cover == (sent.start, sent.end))
        return frames

    def _units(self, par: Paragraph, doc: Doc, quotes: Quotes) -> list[Unit]:
        """The claim units of a paragraph, sentence by sentence (a signature is no claim)."""
        speaker, stop = layout.layout_speaker(doc, par.start, self.resolver) or (None, len(doc))
        self.discourse.prev_frames = ()  # token indices are the paragraph's own
        found: list[Unit] = []
        for sent in doc.sents:
            if sent.start >= stop:
                break  # the signature is not a claim
            if sent.end > stop:
                sent = doc[sent.start : stop]
            if not any(t.is_alpha for t in sent):
                continue
            self.resolver.note_entities(sent, par.start, par, quotes)
            frames = self._sentence_frames(sent, par.start, quotes, speaker)
            self.resolver.document_edges(sent, par.start)
            found.extend(units(sent, frames))
        return found

    def read_paragraph(
        self,
        par: Paragraph,
        doc: Doc,
        regions: list[tuple[int, int]],
        kind_hint: ClaimKind | None,
    ) -> None:
        """Turn one paragraph into claim drafts, updating the discourse state. ``regions``:
        the article's quotations near the paragraph, as character offsets in the article."""
        quotes = Quotes(tuple(regions), par.start)
        found = self._units(par, doc, quotes)
        introducer = layout.introducer(doc, par, quotes, self.resolver)
        found = forward_quote_speakers(found, doc, par.start, quotes)
        found = quotations(found, doc, par.start, quotes)
        self._own_opened_quotes(found, doc, par.start, quotes)
        text = self.resolver.text
        for unit in found:
            made = chains.draft(unit, doc, par, quotes, kind_hint, text, self.discourse)
            if made is not None:
                self.drafts.append(made)
        self.discourse.introducer = introducer

    def _own_opened_quotes(self, found: list[Unit], doc: Doc, offset: int, quotes: Quotes) -> None:
        """ "Smith, who told police …, said: "I was terrified." ": a quotation that opens inside
        a claim is the speaker's whose content holds it, so its continuation in the next
        paragraph keeps that speaker (not the last claim's, a relative clause's)."""
        for unit in found:
            if not 0 <= unit.start < unit.end <= len(doc):
                continue  # a frame carried from the paragraph before spans another parse
            start, end = offset + doc[unit.start].idx, offset + doc[unit.end - 1].idx
            for qs, qe in quotes.regions:
                if not start < qs <= end:
                    continue
                first = next(t for t in doc[unit.start : unit.end] if offset + t.idx >= qs)
                owners = tuple(f for f in unit.frames if {first.i, first.i + 1} & f.content)
                if owners:
                    self.discourse.own_quote((qs, qe), owners)

    def read_headline(self, par: Paragraph, doc: Doc, regions: list[tuple[int, int]]) -> None:
        """The headline: read as a paragraph, then attributed by its layout if no cue did."""
        before = len(self.drafts)
        self.read_paragraph(par, doc, regions, "headline")
        self.drafts[before:] = layout.headline(self.drafts[before:], doc, par.start, self.resolver)

    def finish(self) -> list[Claim]:
        """The article's claims, chains built once the whole source graph is known."""
        return chains.claims(self.drafts, self.graph)
