"""The dashboard against a running server (``streamlit run app.py``), through headless Chromium.

1. Analysing the seed article from the Articles page with the model warm: the server time the
   page reports, against the library's own ``analyze_article`` in this process (baseline).
   Target: under 1 s.
2. The Claims page over a database of ``--claims`` claims (copies of the sample articles),
   opened from the sidebar of the open app and in a new browser tab (which loads the whole
   Streamlit front end first); baseline: the same page over the sample articles alone. Also
   the one-off first views: after start (every claim scored once under the rubric and the
   scores stored) and after a restart (scores read back from the database). Target: under 2 s.

    .venv/bin/python benchmarks/bench_dashboard.py [--claims 10000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from provenance.ingest import read_inputs
from provenance.models import Analysis, Article
from provenance.nlp import load
from provenance.pipeline import analyze_article, analyze_articles
from provenance.storage import Store
from provenance.workspace import sample_inputs

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
SEED = ROOT / "data" / "seed_putin_report.txt"
sys.path.insert(0, str(ROOT / "tests"))  # the test suite's server and browser harness
from dashboard_server import DashboardServer, chromium, wait_idle  # noqa: E402

SERVER_TIME = re.compile(r"in ([0-9.]+) s \(server time\)")


def open_page(browser: Any) -> Any:
    return browser.new_page(viewport={"width": 1440, "height": 900})


def analyse_from_page(page: Any, url: str, text: str) -> tuple[float, float]:
    """Paste ``text`` on the Articles page and analyse it: (server time, click-to-message)."""
    page.goto(url)
    wait_idle(page, timeout=120)
    page.get_by_label("Title (optional)").fill("Benchmark seed")
    page.get_by_label("Article text").fill(text)
    started = time.perf_counter()
    page.get_by_role("button", name="Analyse", exact=True).click()
    message = page.get_by_text("(server time)")
    message.wait_for(timeout=60_000)
    wall = time.perf_counter() - started
    found = SERVER_TIME.search(message.inner_text())
    assert found, message.inner_text()
    return float(found.group(1)), wall


def _claims_shown(page: Any, total: int) -> None:
    page.get_by_text(f"{total:,} of {total:,} claims match").wait_for(timeout=300_000)
    page.locator("[role='gridcell']").first.wait_for(state="attached", timeout=60_000)
    wait_idle(page, timeout=300)


def claims_in_new_tab(browser: Any, url: str, total: int) -> float:
    """Seconds from opening the Claims page in a new tab (new session, whole app loaded) to
    its table being shown."""
    page = open_page(browser)
    started = time.perf_counter()
    page.goto(f"{url}/claims")
    _claims_shown(page, total)
    seconds = time.perf_counter() - started
    page.close()
    return seconds


def claims_from_sidebar(browser: Any, url: str, total: int, repeat: int) -> float:
    """Median seconds from clicking Claims in the sidebar (app already open on the Rubrics
    page) to its table being shown: how an analyst opens the page."""
    page = open_page(browser)
    page.goto(f"{url}/rubrics")
    wait_idle(page, timeout=300)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        page.get_by_role("link", name="Claims").click()
        _claims_shown(page, total)
        times.append(time.perf_counter() - started)
        page.get_by_role("link", name="Rubrics").click()
        page.get_by_text("Edit a copy").wait_for()
        wait_idle(page)
    page.close()
    return statistics.median(times)


def replicate(samples: list[Analysis], claims: int) -> list[Analysis]:
    """Copies of the sample analyses, each its own article with its own text (a line added at
    the end, so the database does not take them for duplicates), until ``claims`` claims."""
    copies: list[Analysis] = []
    count = 0
    while count < claims:
        original = samples[len(copies) % len(samples)]
        article = original.article.model_copy(
            update={
                "id": f"{original.article.id}-{len(copies)}",
                "text": f"{original.article.text}\n\n(copy {len(copies)})",
            }
        )
        copies.append(original.model_copy(update={"article": article}))
        count += len(original.claims)
    return copies


def bench_analysis(browser: Any, folder: Path, repeat: int) -> None:
    nlp = load()
    text = SEED.read_text(encoding="utf-8")
    # each paste gets its own last line: the same text again would be caught as a duplicate
    article = Article(id="bench", text=f"{text}\n\nRun 0.")
    analyze_article(article, nlp)  # warm
    library = []
    for _ in range(repeat):
        started = time.perf_counter()
        analyze_article(article, nlp)
        library.append(time.perf_counter() - started)
    with DashboardServer(APP, f"sqlite:///{folder / 'analysis.db'}", log=folder / "log") as server:
        page = open_page(browser)
        analyse_from_page(page, server.url, f"{text}\n\nRun 0.")  # first: loads the model
        runs = [analyse_from_page(page, server.url, f"{text}\n\nRun {n}.")
                for n in range(1, repeat + 1)]  # fmt: skip
    server_times = [s for s, _ in runs]
    walls = [w for _, w in runs]
    base = statistics.median(library)
    med = statistics.median(server_times)
    print("Seed article analysed from the Articles page, model warm "
          f"(median of {repeat}; target < 1 s server time)")  # fmt: skip
    print(f"  library analyze_article in this process {base:6.3f} s   (baseline)")
    print(f"  dashboard, server time                  {med:6.3f} s   ratio {med / base:5.2f}")
    print(f"  dashboard, click to message in browser  {statistics.median(walls):6.3f} s")


def bench_claims(browser: Any, folder: Path, claims: int, repeat: int) -> None:
    samples = [a for a in read_inputs(sample_inputs(ROOT / "data")) if isinstance(a, Article)]
    analyses = list(analyze_articles(samples, load()))
    small = sum(len(a.claims) for a in analyses)
    with DashboardServer(APP, f"sqlite:///{folder / 'small.db'}", log=folder / "log") as server:
        claims_in_new_tab(browser, server.url, small)  # first view: imports, scores the samples
        base_tab = statistics.median(
            claims_in_new_tab(browser, server.url, small) for _ in range(repeat)
        )
        base_nav = claims_from_sidebar(browser, server.url, small, repeat)

    url = f"sqlite:///{folder / 'large.db'}"
    store = Store(url)
    copies = replicate(analyses, claims)
    for analysis in copies:
        store.save_analysis(analysis)
    store.close()
    total = sum(len(a.claims) for a in copies)
    with DashboardServer(APP, url, log=folder / "log") as server:
        first = claims_in_new_tab(browser, server.url, total)
        tab = statistics.median(
            claims_in_new_tab(browser, server.url, total) for _ in range(repeat)
        )
        nav = claims_from_sidebar(browser, server.url, total, repeat)
        server.restart()
        restarted = claims_in_new_tab(browser, server.url, total)
    print(f"Claims page, {total:,} claims in {len(copies)} articles against {small} sample claims "
          f"(median of {repeat}; target < 2 s)")  # fmt: skip
    print(f"  {'':<44} {'10k claims':>10} {'samples':>9} {'ratio':>6}")
    for label, seconds, base in (
        ("opened from the sidebar (app already open)", nav, base_nav),
        ("opened in a new browser tab", tab, base_tab),
    ):
        print(f"  {label:<44} {seconds:8.3f} s {base:7.3f} s {seconds / base:6.2f}")
    print("  once per rubric and database, in a new tab:")
    print(f"    first view after start (scores every claim)  {first:8.3f} s")
    print(f"    first view after a restart (scores stored)   {restarted:8.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--claims", type=int, default=10_000, help="claims in the large database")
    parser.add_argument("--repeat", type=int, default=5, help="analyses to time (median)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="provenance-bench-") as tmp, chromium() as browser:
        bench_analysis(browser, Path(tmp), args.repeat)
        bench_claims(browser, Path(tmp), args.claims, args.repeat)


if __name__ == "__main__":
    main()
