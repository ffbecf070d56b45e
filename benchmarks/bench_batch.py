"""Does ``--workers 2`` pay? The same articles analysed on one worker and on N, in one process.

Articles: the first ``--n`` texts of ../shared/corpus/polnear-train/text (cycled when there are
fewer; the Wikinews corpus or the shipped samples when it is absent). The script times, with the
model already loaded:

1. ``provenance.batch.analyze_stream(workers=1)``: the whole analysis in this process (baseline);
2. ``analyze_stream(workers=N)``: the one parallel path (forked pool, chunks of 8);
3. a bare ``nlp.pipe(n_process=N)`` parse of the same whole texts, the ceiling for a parser on
   N processes;

and prints each as a ratio of the baseline's speed (higher is faster), then checks that 1 and 2
gave identical analyses.

    .venv/bin/python benchmarks/bench_batch.py [--n 200] [--workers 2] [--repeat 1]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from itertools import cycle, islice
from pathlib import Path

from provenance.batch import analyze_stream
from provenance.ingest import read_inputs
from provenance.models import Analysis, Article
from provenance.nlp import load
from provenance.packaged import packaged

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPORA = (
    SHARED / "corpus" / "polnear-train" / "text",
    SHARED / "corpus" / "wikinews",
    packaged("data", "samples"),
)


def load_articles(n: int) -> list[Article]:
    """The first ``n`` articles of the first corpus found, cycled, each with its own id."""
    folder = next(c for c in CORPORA if c.is_dir())
    found = [a for a in read_inputs([folder]) if isinstance(a, Article)][:n]
    return [
        a.model_copy(update={"id": f"{a.id}#{i}"}) for i, a in enumerate(islice(cycle(found), n))
    ]


def best_of(repeat: int, run: Callable[[], object]) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    articles = load_articles(args.n)
    nlp = load()
    print(f"{len(articles)} articles, {sum(len(a.text) for a in articles):,} characters, "
          f"{args.workers} workers, {len(os.sched_getaffinity(0))} cores")  # fmt: skip

    def stream(workers: int) -> list[object]:
        return list(analyze_stream(articles, workers=workers, nlp=nlp))

    one_s, one = best_of(args.repeat, lambda: stream(1))
    many_s, many = best_of(args.repeat, lambda: stream(args.workers))
    texts = [a.text for a in articles]
    parse_s, _ = best_of(
        args.repeat, lambda: sum(1 for _ in nlp.pipe(texts, n_process=args.workers))
    )
    rows = [
        ("analyze_stream, 1 worker (baseline)", one_s),
        (f"analyze_stream, {args.workers} workers", many_s),
        (f"bare nlp.pipe(n_process={args.workers}) parse", parse_s),
    ]
    for name, seconds in rows:
        rate = len(articles) / seconds
        print(f"{name:<40} {seconds:7.2f} s  {rate:6.1f} articles/s  {one_s / seconds:5.2f}x")
    print(f"{args.workers} workers vs 1: {one_s / many_s:.2f}x; "
          f"vs the bare parallel parse: {parse_s / many_s:.2f}x")  # fmt: skip
    same = [a.model_dump() for a in one if isinstance(a, Analysis)] == [  # type: ignore[attr-defined]
        a.model_dump()
        for a in many
        if isinstance(a, Analysis)  # type: ignore[attr-defined]
    ]
    print("identical analyses" if same else "ANALYSES DIFFER")
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
