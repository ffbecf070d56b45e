"""Corroboration at scale: 100,000 claims grouped, against a 5-minute and 4 GB budget.

Claims are synthesised at run time from the sentences of the corpora (../shared: PolNeAR
training texts and Wikinews; data/samples when ../shared is absent): each sentence is told by
one to four articles, as itself or reworded (words dropped, reporting verbs swapped), with
chains through wire services, named people and anonymous officials, so that the groups, lines
and echoes are real work. Articles hold 20 claims. The baseline, in the same process, is the
bare TF-IDF vectorisation of the same claims; the figures are CPU and wall seconds, the ratio to
the baseline, and the peak resident memory of the process (data included).

    .venv/bin/python benchmarks/bench_corroboration.py --claims 100000
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import time
from pathlib import Path

from provenance.corroboration import corroborate
from provenance.corroboration.grouping import content_words, vectors
from provenance.corroboration.settings import Settings
from provenance.models import Analysis, Article, Claim, Hop

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SENTENCE = re.compile(r"(?<=[.!?])\s+")
OUTLETS = ["Reuters", "Associated Press", "Bloomberg News", "Financial Times", "BBC", "Kyodo News"]
PEOPLE = ["Maria Lopez", "Takeo Harada", "Jane Whitfield", "Olaf Berger", "Yuki Tanaka"]
ANONYMOUS = ["a senior official", "people familiar with the matter", "a diplomat"]
SWAPS = {"said": "told reporters", "says": "stated", "announced": "said", "will": "is set to"}


def sentences() -> list[str]:
    folders = [SHARED / "eval" / "polnear-train" / "articles", SHARED / "corpus" / "wikinews"]
    files = [f for d in folders if d.is_dir() for f in sorted(d.glob("*.txt"))]
    files = files or sorted((ROOT / "data" / "samples").glob("*.txt"))
    found = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        found += [s.strip() for s in SENTENCE.split(text) if 8 <= len(s.split()) <= 60]
    return list(dict.fromkeys(found))


def reword(text: str, rng: random.Random) -> str:
    words = [SWAPS.get(w, w) for w in text.split()]
    drop = {rng.randrange(len(words)) for _ in range(len(words) // 8)}
    return " ".join(w for i, w in enumerate(words) if i not in drop)


def chain(rng: random.Random, start: int) -> list[Hop]:
    kinds = rng.choice(["none", "outlet", "person", "anonymous_outlet", "person_outlet"])
    hops = []
    if kinds in ("person", "person_outlet"):
        hops.append(("person", rng.choice(PEOPLE), False))
    if kinds == "anonymous_outlet":
        hops.append(("person", rng.choice(ANONYMOUS), True))
    if kinds in ("outlet", "anonymous_outlet", "person_outlet"):
        hops.append(("media", rng.choice(OUTLETS), False))
    return [
        Hop(source_id=f"s{k}", text=name, name=name, type=kind, anonymous=anon)  # type: ignore[arg-type]
        for k, (kind, name, anon) in enumerate(hops)
    ]


def collection(n_claims: int, seed: int = 0) -> list[Analysis]:
    rng = random.Random(seed)
    base = sentences()
    told: list[str] = []
    while len(told) < n_claims:
        text = base[len(told) % len(base)] if len(told) < len(base) else rng.choice(base)
        told += [text if k == 0 else reword(text, rng) for k in range(rng.randint(1, 4))]
    told = told[:n_claims]
    order = list(range(n_claims))
    rng.shuffle(order)
    analyses = []
    for a, start in enumerate(range(0, n_claims, 20)):
        texts = [told[i] for i in order[start : start + 20]]
        body = "\n\n".join(texts)
        claims, pos = [], 0
        for c, text in enumerate(texts):
            claims.append(
                Claim(
                    id=f"c{c + 1}",
                    text=text,
                    start=pos,
                    end=pos + len(text),
                    kind="indirect",
                    chain=chain(rng, pos),
                )
            )
            pos += len(text) + 2
        art = Article(id=f"a{a}", text=body, publisher=rng.choice(OUTLETS + [None] * 6))
        analyses.append(Analysis(article=art, claims=claims))
    return analyses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, default=100_000)
    args = parser.parse_args()
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    analyses = collection(args.claims)
    n = sum(len(a.claims) for a in analyses)
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{n} claims in {len(analyses)} articles (data: peak {rss1:.0f} MB, start {rss0:.0f})")

    cpu, wall = time.process_time(), time.perf_counter()
    contents = [" ".join(content_words(c.text)) for a in analyses for c in a.claims]
    vectors(contents, Settings().word_weight)
    base_cpu, base_wall = time.process_time() - cpu, time.perf_counter() - wall
    print(f"baseline: TF-IDF vectors only   cpu {base_cpu:7.1f} s  wall {base_wall:7.1f} s  1.00x")

    cpu, wall = time.process_time(), time.perf_counter()
    result = corroborate(analyses)
    run_cpu, run_wall = time.process_time() - cpu, time.perf_counter() - wall
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines = sum(g.independent_lines for g in result.groups)
    echoes = sum(len(ln.claims) for g in result.groups for ln in g.lines)
    print(
        f"corroborate (group + lines)     cpu {run_cpu:7.1f} s  wall {run_wall:7.1f} s  "
        f"{run_cpu / base_cpu:.2f}x"
    )
    print(f"{len(result.groups)} groups, {lines} lines, {echoes} claims in groups")
    print(f"peak resident memory {peak:.0f} MB; budget: 300 s wall, 4096 MB")


if __name__ == "__main__":
    main()
