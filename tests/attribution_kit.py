"""A paragraph parsed by the real model, with the state the attribution stages read: the helper
the tests/test_attribution_*.py unit tests share (no mocks: the parse is spaCy's)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from provenance.attribution.context import Sentence
from provenance.attribution.discourse import Discourse
from provenance.attribution.geometry import Quotes
from provenance.attribution.resolution import Resolver
from provenance.claims import Paragraph, nlp_text, quote_regions, segment
from provenance.cues import load_model
from provenance.registry import load_registry
from provenance.sources import SourceGraph


@dataclass
class Read:
    """One article's last paragraph, parsed, with a fresh graph and discourse state."""

    text: str
    par: Paragraph
    doc: Doc
    quotes: Quotes
    graph: SourceGraph
    discourse: Discourse
    resolver: Resolver

    def tok(self, word: str, nth: int = 0) -> Token:
        """The ``nth`` token whose text is ``word``."""
        return [t for t in self.doc if t.text == word][nth]

    def sent(self, n: int = 0) -> Span:
        return list(self.doc.sents)[n]

    def ctx(self, n: int = 0, model: bool = False) -> Sentence:
        return Sentence(
            self.sent(n),
            self.par.start,
            self.quotes,
            self.resolver,
            self.discourse,
            load_model() if model else None,
        )


def read(
    nlp: Language, body: str, headline: str = "Headline here", publisher: str | None = None
) -> Read:
    """Parse the last paragraph of an article made of ``headline`` and ``body``, as the
    pipeline does (quotation regions of the whole article). Without a ``publisher``, the graph
    guesses it from the text as the pipeline does (an outlet only ever "told" in a longer
    article is its publisher)."""
    text = f"{headline}\n\n{body}"
    paragraphs = [p for p in segment(text) if not p.boilerplate]
    par = paragraphs[-1]
    doc = nlp(nlp_text(text)[par.start : par.end])
    graph = SourceGraph(load_registry(), text, publisher=publisher)
    discourse = Discourse()
    quotes = Quotes(tuple(quote_regions(text, paragraphs)), par.start)
    return Read(text, par, doc, quotes, graph, discourse, Resolver(graph, text, discourse))
