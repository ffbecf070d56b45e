"""What scoring costs next to the analysis it scores (target: under 5% of analysis time).

The seed article and the Wikinews corpus (../shared/corpus/wikinews) are replicated to ``--n``
articles. In one process, with one loaded pipeline, the script times the analysis
(``analyze_articles``), then for each default rubric ``score_frame`` over those analyses (signals,
scores, grades, the frame with evidence columns), and prints each as a share of the analysis.
Token caches are cleared before each rubric; copies of one article still share them, so with
``--n`` far above the number of distinct articles the share is a little flattering.

    .venv/bin/python benchmarks/bench_scoring.py [--n 200]
"""

from __future__ import annotations

import argparse
import sys
import time
from itertools import cycle, islice
from pathlib import Path

from provenance.ingest import read_inputs
from provenance.models import Article
from provenance.nlp import load
from provenance.pipeline import analyze_articles
from provenance.rubric import load_rubric
from provenance.scoring import score_frame
from provenance.signals import clear_caches

ROOT = Path(__file__).resolve().parents[1]
INPUTS = (ROOT / "data" / "seed_putin_report.txt", ROOT.parent / "shared" / "corpus" / "wikinews")
RUBRICS = ("admiralty", "newsroom", "epistemic")
TARGET = 0.05


def load_articles(n: int) -> list[Article]:
    """``n`` articles cycled from the seed and the Wikinews corpus, each with its own id."""
    found = [a for a in read_inputs([p for p in INPUTS if p.exists()]) if isinstance(a, Article)]
    return [
        a.model_copy(update={"id": f"{a.id}#{i}"}) for i, a in enumerate(islice(cycle(found), n))
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--n", type=int, default=200, help="articles (default 200)")
    args = parser.parse_args()

    nlp = load()
    articles = load_articles(args.n)
    distinct = len({a.id.split("#")[0] for a in articles})
    print(f"{len(articles)} articles ({distinct} distinct), model {nlp.meta.get('name')}")
    start = time.perf_counter()
    analyses = list(analyze_articles(articles, nlp))
    analysis = time.perf_counter() - start
    claims = sum(len(a.claims) for a in analyses)
    print(f"{'analysis':<22} {analysis:8.3f} s  ({claims} claims)")
    worst = 0.0
    for name in RUBRICS:
        rubric = load_rubric(name)
        clear_caches()  # each rubric from cold: replicated texts still share the token caches
        start = time.perf_counter()
        frame = score_frame(analyses, rubric)
        seconds = time.perf_counter() - start
        share = seconds / analysis
        worst = max(worst, share)
        print(
            f"{'score ' + name:<22} {seconds:8.3f} s  {share:6.2%} of analysis ({len(frame)} rows)"
        )
    verdict = "ok" if worst < TARGET else "OVER TARGET"
    print(f"worst share {worst:.2%} (target < {TARGET:.0%}): {verdict}")
    sys.exit(0 if worst < TARGET else 1)


if __name__ == "__main__":
    main()
