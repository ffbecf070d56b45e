"""The pipeline: article -> parse -> claims and chains -> Analysis. One entry point per use.

``analyze`` is for one text, file or URL; ``analyze_many`` streams many inputs through
``nlp.pipe`` and reports a broken input as an :class:`InputError` in the stream instead of
stopping, so a batch of ten thousand survives one bad file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from provenance import nlp as nlp_mod
from provenance.attribution import Reader
from provenance.claims import Paragraph, nlp_text, quote_regions, segment
from provenance.errors import InputError
from provenance.fetch import PrivateUrls
from provenance.ingest import article_from_text, read_inputs
from provenance.inputs import read_articles
from provenance.lexicon import LEXICON_HASH
from provenance.limits import quotes_within
from provenance.models import Analysis, Article, Edge
from provenance.registry import load_registry
from provenance.sources import SourceGraph

__all__ = ["analyze", "analyze_article", "analyze_articles", "analyze_batch", "analyze_many"]


def _parse(article: Article) -> tuple[list[Paragraph], list[str]]:
    """The paragraphs worth parsing, and their text as the parser should see it."""
    paragraphs = [p for p in segment(article.text, article.title) if not p.boilerplate]
    clean = nlp_text(article.text)
    return paragraphs, [clean[p.start : p.end] for p in paragraphs]


def _build(
    article: Article, paragraphs: list[Paragraph], docs: Sequence[Doc], model: str
) -> Analysis:
    graph = SourceGraph(load_registry(), article.text, publisher=article.publisher)
    reader = Reader(graph, article.text)
    quotes = quote_regions(article.text, paragraphs)
    for par, doc in zip(paragraphs, docs, strict=True):
        doc.user_data["offset"] = par.start
        near = quotes_within(quotes, par.start, par.end)  # linear cost in long articles
        if par.headline:
            reader.read_headline(par, doc, near)
        else:
            reader.read_paragraph(par, doc, near, None)
    title = article.title
    if title is None:
        head = next((p for p in paragraphs if p.headline), None)
        title = article.text[head.start : head.end] if head else None
    claims = reader.finish()
    used = {hop.source_id for claim in claims for hop in claim.chain}
    return Analysis(
        article=article.model_copy(update={"title": title}),
        sources=[n.to_source() for n in graph.nodes if n.id in used],
        edges=[Edge(source=s, target=t, cue=c) for s, t, c in graph.edges],
        claims=claims,
        model=model,
        version=_version(),
    )


def _version() -> str:
    """The code and the word lists that made an analysis: the same text and version give the
    same analysis."""
    from provenance import __version__

    return f"{__version__}+lexicon.{LEXICON_HASH}"


def analyze_articles(
    articles: Iterable[Article],
    nlp: Language | None = None,
    batch_size: int = 256,
    n_process: int = 1,
) -> Iterator[Analysis]:
    """Analyse articles in a stream. The paragraphs of many articles go through one
    ``nlp.pipe`` call, so the parser sees full batches however short the paragraphs are.
    ``n_process`` > 1 parses on that many forked processes (spaCy's own multiprocessing), in
    groups large enough to repay the fork: on two cores it nearly halves the parse."""
    pipeline = nlp or nlp_mod.load()
    model = f"{pipeline.meta.get('name', '')}-{pipeline.meta.get('version', '')}"
    group_size = batch_size * (8 if n_process > 1 else 1)
    group: list[tuple[Article, list[Paragraph], list[str]]] = []
    pending = 0
    for article in articles:
        paragraphs, texts = _parse(article)
        group.append((article, paragraphs, texts))
        pending += len(texts)
        if pending >= group_size:
            yield from _run_group(group, pipeline, model, batch_size, n_process)
            group, pending = [], 0
    if group:
        yield from _run_group(group, pipeline, model, batch_size, n_process)


def _run_group(
    group: list[tuple[Article, list[Paragraph], list[str]]],
    pipeline: Language,
    model: str,
    batch_size: int,
    n_process: int,
) -> Iterator[Analysis]:
    texts = [text for _, _, par_texts in group for text in par_texts]
    processes = n_process if len(texts) > batch_size else 1
    with nlp_mod.NLP_LOCK:
        docs = list(pipeline.pipe(texts, batch_size=batch_size, n_process=processes))
    pos = 0
    for article, paragraphs, par_texts in group:
        yield _build(article, paragraphs, docs[pos : pos + len(par_texts)], model)
        pos += len(par_texts)


def analyze_article(article: Article, nlp: Language | None = None) -> Analysis:
    """Analyse one already-read article."""
    return next(analyze_articles([article], nlp))


def analyze(
    text_or_path: str | Path, *, nlp: Language | None = None, model: str | None = None
) -> Analysis:
    """Analyse a text, a file or an http(s) URL; raise :class:`InputError` when unreadable.

    A string that names an existing file or starts with http(s):// is read as such; any other
    string is the article's text itself.
    """
    pipeline = nlp or nlp_mod.load(model)
    text = str(text_or_path)
    if not isinstance(text_or_path, Path) and not text.lstrip("\ufeff").strip():
        raise InputError("empty text: nothing to analyse", origin="<text>")
    is_ref = (
        isinstance(text_or_path, Path)
        or text.startswith(("http://", "https://"))
        or ("\n" not in text and len(text) < 4096 and Path(text).exists())
    )
    if not is_ref:
        return analyze_article(article_from_text(text), pipeline)
    for item in read_inputs([text_or_path]):
        if isinstance(item, InputError):
            raise item
        return analyze_article(item, pipeline)
    raise InputError("no article found", origin=text)


def analyze_batch(articles: list[Article], nlp: Language) -> list[Analysis | InputError]:
    """Analyse a batch in one ``nlp.pipe`` stream; if any article breaks it, retry each alone so
    that only the broken one is reported."""
    try:
        return list(analyze_articles(articles, nlp))
    except Exception:  # find the article at fault below
        pass
    results: list[Analysis | InputError] = []
    for article in articles:
        try:
            results.extend(analyze_articles([article], nlp))
        except Exception as exc:  # one broken article never ends a batch
            results.append(InputError(f"analysis failed: {exc}", article.origin or article.id))
    return results


def analyze_many(
    inputs: Sequence[str | Path],
    *,
    nlp: Language | None = None,
    model: str | None = None,
    text_column: str = "text",
    batch_articles: int = 32,
    allow_private_urls: PrivateUrls = None,
) -> Iterator[Analysis | InputError]:
    """Analyse every article in ``inputs`` (files, directories, URLs), in batches that share
    one ``nlp.pipe``; failures are yielded as :class:`InputError` values and the run goes on."""
    pipeline = nlp or nlp_mod.load(model)
    batch: list[Article | InputError] = []  # results come back in the order of the inputs
    reader = read_articles(inputs, text_column=text_column, allow_private_urls=allow_private_urls)
    for item in reader:
        batch.append(item)
        if len(batch) >= batch_articles:
            yield from _in_order(batch, pipeline)
            batch = []
    yield from _in_order(batch, pipeline)


def _in_order(batch: list[Article | InputError], nlp: Language) -> Iterator[Analysis | InputError]:
    done = iter(analyze_batch([a for a in batch if isinstance(a, Article)], nlp))
    for item in batch:
        yield item if isinstance(item, InputError) else next(done)
