"""Hostile input, measured: the judging scenario, long lines against prose, a dripping server.

1. ``scenario``: ``provenance analyze DIR --format csv`` on the hostile directory of
   ``tests/hostile/hostile_corpus.py`` (empty, binary, invalid UTF-8, 10,000 quote marks,
   50,000-deep HTML, a 1 MB line without a sentence end, RTL and emoji text, the seed): wall and
   CPU time, the error lines, the articles analysed.
2. ``lines``: one line of N characters without a sentence end against N characters of prose
   (the seed repeated), each analysed in a fresh process: seconds, CPU seconds and peak memory,
   and the line/prose ratio (about 1 when the cost is linear in the length, whatever the text).
3. ``drip``: a loopback server sending one byte a second; how long the fetch takes to fail with
   a 5 s timeout.

    .venv/bin/python benchmarks/bench_hostile.py [scenario] [lines] [drip]
        [--sizes 100000,400000,1000000] [--src OTHER/src]

``--src`` runs the children on another checkout's code (``git worktree add /tmp/before REV``)
to measure the code before a change.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "hostile"))

from hostile_corpus import SEED, build_hostile_dir  # noqa: E402

CHILD = """
import json, resource, sys, time
from provenance.models import Article
from provenance.nlp import load
from provenance.pipeline import analyze_article
size, kind, seed = int(sys.argv[1]), sys.argv[2], sys.argv[3]
nlp = load()
if kind == "line":
    words = "officials said the harbour deal would be reviewed by the ministry and".split()
    text = " ".join(words[i % len(words)] for i in range(size // 4))[:size]
else:
    prose = open(seed, encoding="utf-8").read()
    text = (prose * (size // len(prose) + 1))[:size]
wall, cpu = time.perf_counter(), time.process_time()
claims = len(analyze_article(Article(id=kind, text=text), nlp).claims)
print(json.dumps({"seconds": time.perf_counter() - wall, "cpu": time.process_time() - cpu,
                  "claims": claims,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _env(src: str | None) -> dict[str, str]:
    env = dict(os.environ)
    if src:
        env["PYTHONPATH"] = src
    return env


def scenario(src: str | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        hostile = build_hostile_dir(Path(folder) / "hostile")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        run = subprocess.run(
            [Path(sys.executable).with_name("provenance"), "analyze", hostile, "--format", "csv"],
            capture_output=True,
            text=True,
            env=_env(src),
        )
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    rows = run.stdout.splitlines()[1:]
    per_article: dict[str, int] = {}
    for row in rows:
        article = row.split(",", 1)[0]
        per_article[article] = per_article.get(article, 0) + 1
    print(f"scenario: exit {run.returncode}, {wall:.1f} s wall, {cpu:.1f} s CPU")
    for line in run.stderr.splitlines():
        print(f"  stderr| {line}")
    print(f"  claims per article: {per_article}")


def lines(sizes: list[int], src: str | None) -> None:
    print(f"{'size':>10} {'kind':>6} {'seconds':>8} {'cpu s':>7} {'peak MB':>8} {'claims':>7}")
    for size in sizes:
        results = {}
        for kind in ("prose", "line"):
            out = subprocess.run(
                [sys.executable, "-c", CHILD, str(size), kind, str(SEED)],
                capture_output=True,
                text=True,
                env=_env(src),
                check=True,
            )
            results[kind] = json.loads(out.stdout.strip().splitlines()[-1])
            r = results[kind]
            print(
                f"{size:>10,} {kind:>6} {r['seconds']:>8.1f} {r['cpu']:>7.1f} "
                f"{r['peak_mb']:>8.0f} {r['claims']:>7}"
            )
        ratio = results["line"]["cpu"] / results["prose"]["cpu"]
        print(f"{size:>10,}  line/prose CPU ratio {ratio:.2f}")


class _Drip(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        try:
            for _ in range(120):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(1)
        except OSError:
            return

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


def drip(timeout: float = 5.0) -> None:
    from provenance.errors import InputError
    from provenance.ingest import read_one

    server = ThreadingHTTPServer(("127.0.0.1", 0), _Drip)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    started = time.perf_counter()
    try:
        read_one(url, timeout=timeout, allow_private_urls=True)
        outcome = "fetched?!"
    except InputError as err:
        outcome = str(err)
    elapsed = time.perf_counter() - started
    server.shutdown()
    print(f"drip: timeout {timeout:g} s, failed after {elapsed:.2f} s: {outcome}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("parts", nargs="*", default=["scenario", "lines", "drip"])
    parser.add_argument("--sizes", default="100000,400000,1000000")
    parser.add_argument("--src", help="run the children on this source tree (PYTHONPATH)")
    args = parser.parse_args()
    if "scenario" in args.parts:
        scenario(args.src)
    if "lines" in args.parts:
        lines([int(s) for s in args.sizes.split(",")], args.src)
    if "drip" in args.parts:
        drip()


if __name__ == "__main__":
    main()
