"""How much the full analysis costs next to a bare spaCy parse of the same texts (target ≤ 1.25×).

The dev articles (../shared/eval/articles) and the Wikinews corpus (../shared/corpus/wikinews)
are replicated to ``--n`` documents. In one process, with one loaded pipeline, the script times:

1. bare ``nlp.pipe`` over the whole texts (the baseline);
2. ``nlp.pipe`` over the paragraphs our pipeline parses (boilerplate dropped), for information:
   it separates the cost of parsing paragraph by paragraph from the cost of our own rules;
3. ``provenance.pipeline.analyze_articles`` over the same articles (parse + claims + chains).

    .venv/bin/python benchmarks/bench_analysis.py [--n 500] [--batch-size 256] [--repeat 3]
        [--profile]

``--profile`` runs the full analysis again under cProfile and prints where the time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from collections.abc import Callable
from itertools import cycle, islice
from pathlib import Path
from typing import TypeVar

from spacy.tokens import Doc

from provenance.claims import nlp_text, segment
from provenance.ingest import read_inputs
from provenance.models import Analysis, Article
from provenance.nlp import load
from provenance.pipeline import analyze_articles

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
T = TypeVar("T")
CORPORA = (SHARED / "eval" / "articles", SHARED / "corpus" / "wikinews")


def load_articles(n: int) -> list[Article]:
    """``n`` articles cycled from the dev set and the Wikinews corpus, each with its own id."""
    found = [a for a in read_inputs([c for c in CORPORA if c.is_dir()]) if isinstance(a, Article)]
    if not found:
        sys.exit(f"no articles under {', '.join(map(str, CORPORA))}")
    return [
        a.model_copy(update={"id": f"{a.id}#{i}"}) for i, a in enumerate(islice(cycle(found), n))
    ]


def paragraph_texts(articles: list[Article]) -> list[str]:
    """The paragraphs the pipeline hands to spaCy (boilerplate left out)."""
    texts = []
    for article in articles:
        clean = nlp_text(article.text)
        for par in segment(article.text, article.title):
            if not par.boilerplate:
                texts.append(clean[par.start : par.end])
    return texts


def timed(run: Callable[[], list[T]], repeat: int) -> tuple[float, float, list[T]]:
    """Best-of-``repeat`` CPU and wall seconds, and the last result. CPU time is what the ratio
    uses: other processes on a shared machine inflate wall time, not this process's CPU."""
    cpu, wall = [], []
    for _ in range(repeat):
        cpu0, wall0 = time.process_time(), time.perf_counter()
        result = run()
        cpu.append(time.process_time() - cpu0)
        wall.append(time.perf_counter() - wall0)
    return min(cpu), min(wall), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--n", type=int, default=500, help="documents (default 500)")
    parser.add_argument("--batch-size", type=int, default=256, help="nlp.pipe batch size (256)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, best kept (3)")
    parser.add_argument("--profile", action="store_true", help="cProfile the full analysis")
    args = parser.parse_args()

    nlp = load()
    articles = load_articles(args.n)
    texts = [nlp_text(a.text) for a in articles]
    paragraphs = paragraph_texts(articles)
    tokens = sum(len(doc) for doc in nlp.tokenizer.pipe(texts))
    list(nlp.pipe(texts[:8]))  # warm up: first calls allocate
    distinct = len({a.id.split("#")[0] for a in articles})
    print(
        f"{len(articles)} articles ({distinct} distinct), {tokens} tokens, {len(paragraphs)} "
        f"paragraphs; model {nlp.meta['name']}-{nlp.meta['version']}, batch size "
        f"{args.batch_size}, best of {args.repeat}"
    )

    def bare(items: list[str]) -> Callable[[], list[Doc]]:
        return lambda: list(nlp.pipe(items, batch_size=args.batch_size))

    def full() -> list[Analysis]:
        return list(analyze_articles(articles, nlp, batch_size=args.batch_size))

    runs: dict[str, Callable[[], list[Doc]] | Callable[[], list[Analysis]]] = {
        "bare nlp.pipe, whole texts": bare(texts),
        "bare nlp.pipe, our paragraphs": bare(paragraphs),
        "provenance analyze_articles": full,
    }
    base = None
    for label, run in runs.items():
        cpu, wall, result = timed(run, args.repeat)
        base = base or cpu
        print(
            f"{label:<30} cpu {cpu:7.2f} s  wall {wall:7.2f} s  {len(articles) / cpu:6.1f} "
            f"articles/s  {tokens / cpu:7.0f} tokens/s (cpu)  {cpu / base:5.2f}×"
        )
    claims = sum(len(a.claims) for a in result if isinstance(a, Analysis))
    print(f"{claims} claims; the last column is CPU time over the bare parse of whole texts")

    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(full)
        stats = pstats.Stats(profiler, stream=sys.stdout)
        stats.sort_stats("cumulative").print_stats(30)
        stats.sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
