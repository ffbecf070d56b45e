"""Does ``--workers 2`` pay, is memory flat, and does ``--resume`` finish a killed run? One run.

Articles: the dev set's texts, the Wikinews corpus and the PolNeAR train texts under
../shared, replicated (each copy its own id) to ``--n`` articles (default 2,000), written as
one JSON Lines feed in a temporary folder (nothing is copied into the project). With the
command as a user runs it (``provenance analyze FEED --out DIR``), the script measures:

1. ``--workers N``: time and peak memory;
2. ``--workers N`` on a tenth of the feed (every tenth article, so the same mix of short and
   long ones): memory is flat when the full feed's peak is within 10% of this one's;
3. ``--workers N`` killed (SIGKILL) half-way, then rerun with ``--resume``: every article's
   file is there exactly once and byte-identical to run 1;
4. ``--workers 1``: the baseline (its time over run 1's is the speed-up), and its analyses
   identical to run 1's;
5. a bare ``nlp.pipe(n_process=N)`` parse of the same whole texts, the ceiling for a parser
   on N processes (``--workers N`` as a share of its speed).

The checks come first, so that a run cut short on a busy machine still answers them.

Peak memory is that of all processes together (the command and its workers), sampled every
0.2 s as the sum of their proportional set sizes (PSS: pages the forked workers share with
the parent are counted once). Runs are sequential; the machine's load is printed beside them.

    nice -n 10 .venv/bin/python benchmarks/bench_batch.py [--n 2000] [--workers 2]

Last run (2026-12-02, --n 500: 2,000 did not fit the session on 2 cores shared with five other
jobs, load 6-11 throughout): resume after kill -9 at 256 files: 500/500, byte-identical;
workers 1 and 2 identical; --workers 2 785 s, 1 worker 598 s, bare parse 356 s (ratios
meaningless at that load: a process with more threads gets more of a contended CPU); peak
839 MB (before gc.freeze and the same-mix small feed).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from itertools import cycle, islice
from pathlib import Path

import psutil

from provenance.ingest import read_inputs
from provenance.models import Article

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPORA = (
    SHARED / "eval" / "articles",
    SHARED / "corpus" / "wikinews",
    SHARED / "corpus" / "polnear-train" / "text",
)
COMMAND = [sys.executable, "-m", "provenance", "analyze"]


def load_articles(n: int) -> list[Article]:
    """``n`` articles from every corpus found, cycled, each copy with its own id."""
    found = [a for c in CORPORA if c.is_dir() for a in read_inputs([c]) if isinstance(a, Article)]
    if not found:
        sys.exit(f"no corpus under {SHARED}: nothing to measure")
    return [
        a.model_copy(update={"id": f"{a.id}-{i}"}) for i, a in enumerate(islice(cycle(found), n))
    ]


def write_feed(articles: list[Article], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for a in articles:
            handle.write(json.dumps({"id": a.id, "text": a.text}, ensure_ascii=False) + "\n")
    return path


def tree_pss(root: psutil.Process) -> int:
    """Bytes of memory of ``root`` and all its descendants (PSS; RSS where PSS is unknown)."""
    total = 0
    for proc in [root, *root.children(recursive=True)]:
        try:
            info = proc.memory_full_info()
            total += getattr(info, "pss", info.rss)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return total


def run_command(
    args: list[str], stop: Callable[[], bool] = lambda: False
) -> tuple[float, int, int]:
    """Run ``provenance analyze ARGS``; its time, peak memory of the process tree and exit code.
    ``stop`` is asked between samples; when it says so the tree is killed with SIGKILL."""
    start = time.perf_counter()
    child = subprocess.Popen([*COMMAND, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    root, peak = psutil.Process(child.pid), 0
    while child.poll() is None:
        try:
            peak = max(peak, tree_pss(root))
        except psutil.NoSuchProcess:
            break
        if stop():
            for proc in [*root.children(recursive=True), root]:
                proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.2)
    code = child.wait()
    if code not in (0, -signal.SIGKILL):
        sys.exit(f"analyze failed ({code}): {child.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
    return time.perf_counter() - start, peak, code


def bare_parse(texts: list[str], workers: int) -> float:
    from provenance.nlp import load

    nlp = load()
    start = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=workers, batch_size=64):
        pass
    return time.perf_counter() - start


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.1f} (5 min {five:.1f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    articles = load_articles(args.n)
    work = Path(tempfile.mkdtemp(prefix="bench_batch_"))
    try:
        sys.exit(measure(articles, args.workers, work))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def measure(articles: list[Article], workers: int, work: Path) -> int:
    """Every measurement of the module's docstring, printed; 0 when resume and the analyses
    checked out."""
    feed = write_feed(articles, work / "feed.jsonl")
    small = write_feed(articles[::10], work / "small.jsonl")  # a tenth, of the same mix
    w = str(workers)
    print(f"{len(articles)} articles, {sum(len(a.text) for a in articles):,} characters, "
          f"{workers} workers, {len(os.sched_getaffinity(0))} cores; {load()}")  # fmt: skip

    def report(name: str, seconds: float, peak: int, base: float) -> None:
        rate = len(articles) / seconds
        print(f"{name:<42} {seconds:7.1f} s {rate:6.2f} art/s {seconds / base:5.2f}x time "
              f"peak {peak / 2**20:6.0f} MB  [{load()}]", flush=True)  # fmt: skip

    many_s, many_peak, _ = run_command([str(feed), "--out", str(work / "many"), "--workers", w])
    report(f"analyze --workers {w}", many_s, many_peak, many_s)
    _, small_peak, _ = run_command([str(small), "--out", str(work / "small"), "--workers", w])
    growth = many_peak / small_peak - 1
    print(f"peak memory, all processes: {many_peak / 2**20:.0f} MB on {len(articles)} articles, "
          f"{small_peak / 2**20:.0f} MB on {len(articles) // 10}: {growth:+.1%} for 10x the "
          "input (targets: < 1500 MB, within 10%)", flush=True)  # fmt: skip
    resumed = work / "resumed"
    half = len(articles) // 2
    run_command(
        [str(feed), "--out", str(resumed), "--workers", w],
        stop=lambda: resumed.is_dir() and sum(1 for _ in resumed.glob("*.json")) >= half,
    )
    killed_at = sum(1 for _ in resumed.glob("*.json"))
    run_command([str(feed), "--out", str(resumed), "--workers", w, "--resume"])
    names = sorted(p.name for p in resumed.iterdir())
    expected = sorted(p.name for p in (work / "many").iterdir())
    same = all((resumed / n).read_bytes() == (work / "many" / n).read_bytes() for n in names)
    ok = names == expected and len(names) == len(articles) and same
    print(f"kill -9 at {killed_at} files, then --resume: {len(names)} files for "
          f"{len(articles)} articles, identical to the uninterrupted run: {same}",
          flush=True)  # fmt: skip
    one_s, one_peak, _ = run_command([str(feed), "--out", str(work / "one"), "--workers", "1"])
    report("analyze --workers 1 (baseline)", one_s, one_peak, many_s)
    parse_s = bare_parse([a.text for a in articles], workers)
    report(f"bare nlp.pipe(n_process={w}) parse", parse_s, 0, many_s)
    print(f"--workers {w} vs 1: {one_s / many_s:.2f}x (target >= 1.8); vs the bare parallel "
          f"parse: {parse_s / many_s:.2f}x (target >= 0.85)")  # fmt: skip
    one_files = sorted((work / "one").iterdir())
    identical = all(p.read_bytes() == (work / "many" / p.name).read_bytes() for p in one_files)
    print("workers 1 and N: identical analyses" if identical else "ANALYSES DIFFER")
    return 0 if ok and identical else 1


if __name__ == "__main__":
    main()
