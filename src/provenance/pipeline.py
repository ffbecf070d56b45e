"""The pipeline: article -> parse -> claims and chains -> Analysis. One entry point per use.

``analyze`` is for one article, text, file or URL; ``analyze_many`` streams many inputs (on
several processes through :mod:`provenance.batch`) and reports a broken input as an
:class:`InputError` in the stream instead of stopping, so a batch of ten thousand survives one
bad file.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from provenance import nlp as nlp_mod
from provenance.attribution import Reader
from provenance.claims import (
    DEFAULT_MIN_CONFIDENCE,
    Paragraph,
    nlp_text,
    quote_regions,
    segment,
    split_chain,
    with_min_confidence,
)
from provenance.errors import InputError
from provenance.fetch import PrivateUrls
from provenance.ingest import article_from_text, read_inputs
from provenance.inputs import read_articles
from provenance.lexicon import LEXICON_HASH
from provenance.limits import quotes_within
from provenance.models import Analysis, Article, Claim, Edge
from provenance.registry import load_registry
from provenance.sources import SourceGraph

__all__ = ["analyze", "analyze_article", "analyze_articles", "analyze_batch", "analyze_many"]


def _parse(article: Article) -> tuple[list[Paragraph], list[str]]:
    """The paragraphs worth parsing, and their text as the parser should see it."""
    paragraphs = [p for p in segment(article.text, article.title) if not p.boilerplate]
    clean = nlp_text(article.text)
    return paragraphs, [clean[p.start : p.end] for p in paragraphs]


def _build(
    article: Article,
    paragraphs: list[Paragraph],
    docs: Sequence[Doc],
    model: str,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
) -> Analysis:
    graph = SourceGraph(load_registry(), article.text, publisher=article.publisher)
    reader = Reader(graph, article.text)
    quotes = quote_regions(article.text, paragraphs)
    for par, doc in zip(paragraphs, docs, strict=True):
        near = quotes_within(quotes, par.start, par.end)  # linear cost in long articles
        if par.headline:
            reader.read_headline(par, doc, near)
        else:
            reader.read_paragraph(par, doc, near, None)
    title = article.title
    if title is None:
        head = next((p for p in paragraphs if p.headline), None)
        title = article.text[head.start : head.end] if head else None
    claims = [split_chain(claim, min_confidence) for claim in reader.finish()]
    used = {hop.source_id for claim in claims for hop in (*claim.chain, *claim.suggested)}
    return Analysis(
        article=article.model_copy(update={"title": title}),
        sources=[n.to_source() for n in graph.nodes if n.id in used],
        edges=_edges(graph.edges, claims),
        claims=claims,
        model=model,
        version=engine_version(),
    )


def _edges(graph_edges: list[tuple[str, str, str]], claims: list[Claim]) -> list[Edge]:
    """Who passed information to whom: the graph's passing edges, then every consecutive pair
    of hops of every chain (the cue is the one at the receiving hop), each pair once."""
    edges = {(s, t): Edge(source=s, target=t, cue=c) for s, t, c in graph_edges}
    for claim in claims:
        for hop, nxt in itertools.pairwise(claim.chain):
            pair = (hop.source_id, nxt.source_id)
            if pair[0] != pair[1] and pair not in edges:
                edges[pair] = Edge(source=pair[0], target=pair[1], cue=nxt.cue or "")
    return list(edges.values())


def engine_version() -> str:
    """The code and the word lists that make an analysis: the same text and version give the
    same analysis (a rerun skips articles already analysed by this version)."""
    from provenance import __version__

    return f"{__version__}+lexicon.{LEXICON_HASH}"


def analyze_articles(
    articles: Iterable[Article],
    nlp: Language | None = None,
    batch_size: int = 256,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
) -> Iterator[Analysis]:
    """Analyse articles in a stream, in this process. The paragraphs of many articles go
    through one ``nlp.pipe`` call, so the parser sees full batches however short the paragraphs
    are. (Several processes: :func:`provenance.batch.analyze_stream`.) Hops only the learned
    cue model found, less sure than ``min_confidence``, are the claims' suggestions."""
    pipeline = nlp or nlp_mod.load()
    model = f"{pipeline.meta.get('name', '')}-{pipeline.meta.get('version', '')}"
    group: list[tuple[Article, list[Paragraph], list[str]]] = []
    pending = 0
    for article in articles:
        paragraphs, texts = _parse(article)
        group.append((article, paragraphs, texts))
        pending += len(texts)
        if pending >= batch_size:
            yield from _run_group(group, pipeline, model, batch_size, min_confidence)
            group, pending = [], 0
    if group:
        yield from _run_group(group, pipeline, model, batch_size, min_confidence)


def _run_group(
    group: list[tuple[Article, list[Paragraph], list[str]]],
    pipeline: Language,
    model: str,
    batch_size: int,
    min_confidence: float,
) -> Iterator[Analysis]:
    texts = [text for _, _, par_texts in group for text in par_texts]
    with nlp_mod.NLP_LOCK:
        docs = list(pipeline.pipe(texts, batch_size=batch_size))
    pos = 0
    for article, paragraphs, par_texts in group:
        yield _build(article, paragraphs, docs[pos : pos + len(par_texts)], model, min_confidence)
        pos += len(par_texts)


def analyze_article(
    article: Article, nlp: Language | None = None, min_confidence: float = DEFAULT_MIN_CONFIDENCE
) -> Analysis:
    """Analyse one already-read article."""
    return next(analyze_articles([article], nlp, min_confidence=min_confidence))


#: A one-line string ending like this is a file name, never article text.
_FILE_NAME = re.compile(
    r"\S\.(?:txt|text|md|markdown|html?|xhtml|json|jsonl|ndjson|csv)$", re.IGNORECASE
)


def _names_a_file(text: str) -> bool:
    """Whether a one-line string names an existing file; a line too long to be a file name
    (or holding a NUL) is text, not an OSError."""
    try:
        return Path(text).exists()
    except (OSError, ValueError):
        return False


def analyze(
    source: str | Path | Article,
    *,
    nlp: Language | None = None,
    model: str | None = None,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
) -> Analysis:
    """Analyse an :class:`Article`, a file, an http(s) URL or a text; raise
    :class:`InputError` when it cannot be read.

    The rule: a ``Path`` is a file; a string is a URL when it starts with http(s)://, a file
    when it is one line that names an existing file or ends in a known extension (``.txt``,
    ``.md``, ``.html``, ``.json``, ``.jsonl``, ``.csv``...), so a mistyped path is an error
    and never analysed as text; any other string is the article's text itself (wrap text that
    looks like a file name in ``Article(id=..., text=...)``). Learned hops below
    ``min_confidence`` are the claims' ``suggested`` hops, not their chain.
    """
    pipeline = nlp or nlp_mod.load(model)
    if isinstance(source, Article):
        return analyze_article(source, pipeline, min_confidence)
    text = str(source)
    if not isinstance(source, Path) and not text.lstrip("\ufeff").strip():
        raise InputError("empty text: nothing to analyse", origin="<text>")
    one_line = "\n" not in text and len(text) < 4096
    is_ref = (
        isinstance(source, Path)
        or text.startswith(("http://", "https://"))
        or (one_line and (_names_a_file(text) or bool(_FILE_NAME.search(text.strip()))))
    )
    if not is_ref:
        return analyze_article(article_from_text(text), pipeline, min_confidence)
    if not text.startswith(("http://", "https://")) and Path(text).is_dir():
        raise InputError("a directory: analyse its articles with analyze_many", origin=text)
    for item in read_inputs([source]):
        if isinstance(item, InputError):
            raise item
        return analyze_article(item, pipeline, min_confidence)
    raise InputError("no article found", origin=text)


#: Paragraphs parsed at once in a batch (``analyze_batch``): the parser's working memory is
#: that batch's, so a worker's peak stays near its base whatever the articles' length (32:
#: +45 MB; 256: +180 MB, at the same CPU time on the PolNeAR and Wikinews mix).
BATCH_PARAGRAPHS = 32


def analyze_batch(articles: list[Article], nlp: Language) -> list[Analysis | InputError]:
    """Analyse a batch in one ``nlp.pipe`` stream; if any article breaks it, retry each alone so
    that only the broken one is reported."""
    try:
        return list(analyze_articles(articles, nlp, BATCH_PARAGRAPHS))
    except Exception:  # find the article at fault below
        pass
    results: list[Analysis | InputError] = []
    for article in articles:
        try:
            results.extend(analyze_articles([article], nlp, BATCH_PARAGRAPHS))
        except Exception as exc:  # one broken article never ends a batch
            results.append(
                InputError(f"analysis failed: {exc}", article.origin or article.id, article.id)
            )
    return results


def analyze_many(
    inputs: Sequence[str | Path],
    *,
    nlp: Language | None = None,
    model: str | None = None,
    text_column: str = "text",
    workers: int = 1,
    scheduler: str | None = None,
    allow_private_urls: PrivateUrls = None,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
) -> Iterator[Analysis | InputError]:
    """Analyse every article in ``inputs`` (files, directories, URLs, ``-`` for stdin), in
    input order, on ``workers`` processes (or the Dask cluster at ``scheduler``); failures are
    yielded as :class:`InputError` values and the run goes on."""
    from provenance.batch import analyze_stream

    reader = read_articles(inputs, text_column=text_column, allow_private_urls=allow_private_urls)
    for item in analyze_stream(reader, workers=workers, nlp=nlp, model=model, scheduler=scheduler):
        yield item if isinstance(item, InputError) else with_min_confidence(item, min_confidence)
