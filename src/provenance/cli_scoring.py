"""CLI commands for scoring: ``score``, ``signals`` and ``rubrics list|show|validate``.

Thin wrappers over :mod:`provenance.scoring` and :mod:`provenance.rubric`; ``cli.py`` adds them
to the main app with :func:`register`. Every failure prints one line on stderr and exits 1.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from provenance import signals
from provenance.console import AllowPrivateUrls, FailuresFile, Quiet, Scheduler, Tally, Workers
from provenance.errors import InputError, ProvenanceError, RubricError, one_line
from provenance.journal import ScoreJournal
from provenance.models import Analysis, Article
from provenance.rubric import Rubric, load_rubric, rubric_files, rubrics_dir

if TYPE_CHECKING:
    import pandas as pd

T = TypeVar("T")
#: Articles scored between two saves of a run's progress (``--resume`` starts after the last).
JOURNAL_CHUNK = 32


def _fail(err: ProvenanceError | str) -> typer.Exit:
    typer.echo(one_line(str(err)), err=True)
    return typer.Exit(code=1)


def score_command(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="`analyze` output (JSON / JSON Lines of analyses, or a --out folder of them), "
            "read as is; or article files, directories, URLs, `-` for stdin, to analyse first."
        ),
    ],
    out: Annotated[
        str,
        typer.Option(
            "--out",
            "-o",
            help="Where to write one row per claim: .csv, .jsonl or .parquet (CSV is safe to "
            "open in a spreadsheet); `-`: CSV on stdout.",
        ),
    ] = "-",
    rubric: Annotated[
        str,
        typer.Option(
            "--rubric",
            "-r",
            help="A rubric name (see `provenance rubrics list`) or the path of a YAML file.",
        ),
    ] = "newsroom",
    summary: Annotated[
        Path | None,
        typer.Option(
            "--summary",
            "-s",
            help="Also write one row per article: "
            "share of claims on anonymous sources, deepest chain, "
            "weakest claims.",
        ),
    ] = None,
    model: Annotated[str | None, typer.Option(help="spaCy model to use.")] = None,
    text_column: Annotated[
        str, typer.Option(help="Field or column holding the article text in JSON, JSONL, CSV.")
    ] = "text",
    corroborate: Annotated[
        bool,
        typer.Option(
            "--corroborate",
            help="Score the inputs as one collection: the corroboration signals (independent "
            "lines, echoes, contradictions) read the other articles; Admiralty can give 1; "
            "each source's letter comes from the collection's source register.",
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite existing output files.")
    ] = False,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume",
            help="Finish a killed run into the same --out: the articles it scored (kept beside "
            "--out as it went) are skipped and counted as skipped; refused when the options "
            "changed.",
        ),
    ] = False,
    failures: FailuresFile = None,
    workers: Workers = None,
    scheduler: Scheduler = None,
    quiet: Quiet = False,
    allow_private_urls: AllowPrivateUrls = False,
) -> None:
    """Score every claim under a rubric, with the evidence for each point: claims of `analyze`
    output as they are (no second analysis), or of articles analysed first.

    Examples:

        provenance analyze news/ --out analyses/ && provenance score analyses/ -r admiralty -o s.csv

        provenance analyze feed.jsonl | provenance score - --rubric epistemic > scores.csv

        provenance score feed.jsonl -r admiralty -o scores.csv --failures failed.csv

        provenance score feed.jsonl -r admiralty -o scores.csv --resume   # after a kill

    Inputs that cannot be read (a file, a record, a line of analyses) are reported on stderr
    and in the `--failures` file, the others are scored, and the exit code is then 1.
    """
    from provenance.export import check_new, table_suffix
    from provenance.output import Failures

    if resume and (out == "-" or corroborate):
        raise typer.BadParameter("needs --out FILE and no --corroborate", param_hint="--resume")
    try:
        chosen = load_rubric(rubric)
        journal = None
        if out != "-":
            table_suffix(out)
            options = _options(chosen, paths, model, text_column)
            journal = ScoreJournal(Path(out), options) if not corroborate else None
        if summary is not None:
            table_suffix(summary)
            check_new(summary, force or resume)
        if journal is not None:  # fail before any work
            journal.start(resume, force)
        elif out != "-":
            check_new(out, force)
        log = Failures(failures) if failures is not None else None
    except ProvenanceError as err:
        raise _fail(err) from None
    tally = Tally("scoring", None, quiet, log)
    private = allow_private_urls or None  # None: $PROVENANCE_ALLOW_PRIVATE_URLS decides
    done = journal.done if journal is not None else set()

    def skip(article_id: str) -> bool:
        if article_id in done:
            tally.skip()
            return True
        return False

    stream = score_inputs(paths, model, text_column, workers, scheduler, private, skip)
    try:
        frame = _score(stream, tally, chosen, corroborate, journal)
        _write(frame, out, summary)
    except ProvenanceError as err:
        raise _fail(err) from None
    finally:
        if log is not None:
            log.stream.close()
    if journal is not None:
        journal.finish()
    tally.close(f"scored with {chosen.id} {chosen.version}", f" -> {out}")
    if tally.failures:
        raise typer.Exit(code=1)


def _options(
    chosen: Rubric, paths: list[str], model: str | None, text_column: str
) -> dict[str, Any]:
    """What decides a score table beside its inputs' contents: a resumed run must match."""
    from provenance.nlp import model_name
    from provenance.pipeline import engine_version

    return {
        "rubric": f"{chosen.id} {chosen.version}",
        "rubric_hash": hashlib.sha256(chosen.model_dump_json().encode()).hexdigest()[:16],
        "inputs": [str(Path(p).resolve()) if p != "-" else p for p in paths],
        "model": model_name(model) or "default",
        "text_column": text_column,
        "engine": engine_version(),
    }


def score_inputs(
    paths: list[str],
    model: str | None,
    text_column: str,
    workers: int | None,
    scheduler: str | None,
    private: bool | None,
    skip: Callable[[str], bool] = lambda _: False,
) -> Iterator[Analysis | InputError]:
    """The analyses to score: read from ``analyze`` output, then analysed from articles;
    ``skip`` says which articles (by id) not to read or analyse again."""
    from provenance.batch import analyze_stream, default_workers
    from provenance.inputs import (
        STDIN,
        count_articles,
        looks_like_analyses,
        parse_analyses,
        read_analyses,
        read_articles,
        split_inputs,
        stdin_article,
    )

    done, raw = split_inputs(paths)
    articles: list[Article | InputError] = []
    if STDIN in raw:  # read once: analyses (from `analyze ... |`) or one article's text
        raw.remove(STDIN)
        data = sys.stdin.buffer.read()
        if looks_like_analyses(data):
            yield from _unskipped(parse_analyses(data, "<stdin>"), skip)
        else:
            try:
                articles.append(stdin_article(data))
            except InputError as err:
                articles.append(err)
    for path in done:
        yield from _unskipped(read_analyses(path), skip)
    if not raw and not articles:
        return
    total = count_articles(raw)
    procs = workers or (1 if total is not None and total <= 8 else default_workers())
    reader = chain(
        articles, read_articles(raw, text_column=text_column, allow_private_urls=private)
    )
    todo = _unskipped(reader, skip)
    yield from analyze_stream(todo, workers=procs, model=model, scheduler=scheduler)


def _unskipped(items: Iterable[T], skip: Callable[[str], bool]) -> Iterator[T]:
    for item in items:
        key = item.article.id if isinstance(item, Analysis) else getattr(item, "id", None)
        if not (isinstance(item, Analysis | Article) and key is not None and skip(key)):
            yield item


def _score(
    stream: Iterator[Analysis | InputError],
    tally: Tally,
    chosen: Rubric,
    corroborate: bool,
    journal: ScoreJournal | None,
) -> pd.DataFrame:
    import pandas as pd

    from provenance.corrections import stored_corrections
    from provenance.scoring import frame_columns, score_frame

    as_corrected = stored_corrections()  # the database's analysts' corrections, when any

    def analyses() -> Iterator[Analysis]:
        for item in stream:
            if isinstance(item, InputError):
                tally.fail(item)
            else:
                tally.ok(len(item.claims))
                yield as_corrected(item)

    from provenance.corroboration.register import (
        analysts_register,
        build_register,
        rated,
        stored_letters,
    )  # fmt: skip

    letters = stored_letters()  # the analysts' letters of the database, when there is one
    if not corroborate:  # streamed: only the rows are kept, a chunk at a time in the journal
        rows = journal.rows if journal is not None else []
        todo = analyses()
        while chunk := list(islice(todo, JOURNAL_CHUNK)):
            scored = score_frame(chunk, chosen, register=lambda a: analysts_register([a], letters))
            new = scored.to_dict("records")
            if journal is not None:
                journal.add([a.article.id for a in chunk], new)
            else:
                rows += new
        return pd.DataFrame(rows, columns=frame_columns(chosen))
    from provenance.corroboration import corroborate as corroborate_all

    collection = list(analyses())
    found = corroborate_all(collection)
    register = rated(build_register(collection, found, letters))  # collection-wide letters
    return score_frame(collection, chosen, corroboration=found, register=register)


def _write(frame: pd.DataFrame, out: str, summary: Path | None) -> None:
    from provenance.export import safe_frame, write_table
    from provenance.scoring import summarize

    if out == "-":
        safe_frame(frame).to_csv(sys.stdout, index=False)
        sys.stdout.flush()
    else:
        write_table(frame, out)
    if summary is not None:
        write_table(summarize(frame), summary)


def signals_command() -> None:
    """List the signals a rubric's criteria can read, with the values each can take."""
    for sig in signals.catalogue():
        values = ", ".join(sig.values) if sig.values is not None else "a count: 0, 1, 2, ..."
        typer.echo(f"{sig.name} ({sig.level})\n    {sig.description}\n    values: {values}")


def list_command() -> None:
    """List the rubrics in the rubrics directory ($PROVENANCE_RUBRICS or ./rubrics)."""
    files = rubric_files()
    if not files:
        raise _fail(f"{rubrics_dir()}: no rubric files")
    broken = 0
    for path in files:
        try:
            rub = load_rubric(path)
        except RubricError as err:
            typer.echo(f"{one_line(path.stem):<12} BROKEN  {err}", err=True)
            broken += 1
            continue
        typer.echo(f"{rub.id:<12} {rub.version:<6} {rub.title}")
    if broken:
        raise typer.Exit(code=1)


def _describe(rub: Rubric) -> str:
    lines = [f"{rub.title} ({rub.id} {rub.version}) from {rub.origin}", rub.description, ""]
    lines += [f"source: {s}" for s in rub.sources]
    lines.append("\ncriteria (weight, signal):")
    for crit in rub.criteria:
        sig = signals.get(crit.signal)
        how = f", {rub.combine_for(crit)} over hops" if sig.level == "hop" else ""
        axis = f" [{crit.axis}]" if crit.axis else ""
        lines.append(f"  {crit.id}{axis}: {crit.weight:g} x {crit.signal}{how}")
        if isinstance(crit.scale, dict):
            lines.append("      " + ", ".join(f"{k}={v:g}" for k, v in crit.scale.items()))
        else:
            steps = [
                f"<={s.upto:g}: {s.credit:g}" if s.upto is not None else f"more: {s.credit:g}"
                for s in crit.scale
            ]
            lines.append("      " + ", ".join(steps))
    lines.append("\ngrades:")
    for rating in rub.rating_axes():
        lines.append(f"  {rating.name}: {', '.join(rating.values)}")
    lines += [f"rule: {r.signal} in {r.values} -> {r.note}" for r in rub.rules]
    if rub.needs_review:
        lines.append(f"needs review below {rub.needs_review.below:g}%")
    return "\n".join(lines)


def show_command(
    name: Annotated[str, typer.Argument(help="A rubric name or the path of a YAML file.")],
) -> None:
    """Show a rubric: its sources, criteria with weights and scales, grades and rules."""
    try:
        rub = load_rubric(name)
    except RubricError as err:
        raise _fail(err) from None
    typer.echo(_describe(rub))


def validate_command(
    files: Annotated[list[Path], typer.Argument(help="Rubric YAML files to check.")],
) -> None:
    """Check rubric files; print one located error per broken file and exit 1 if any."""
    broken = 0
    for path in files:
        try:
            rub = load_rubric(path)
        except RubricError as err:
            typer.echo(str(err), err=True)
            broken += 1
            continue
        typer.echo(
            f"{one_line(str(path))}: ok ({rub.id} {rub.version}, {len(rub.criteria)} criteria)"
        )
    if broken:
        raise typer.Exit(code=1)


def register(app: typer.Typer) -> None:
    """Add ``score``, ``signals`` and the ``rubrics`` group to the main CLI app."""
    app.command("score")(score_command)
    app.command("signals")(signals_command)
    rubrics_app = typer.Typer(
        help="List, show and check the YAML rubrics claims are scored with.", no_args_is_help=True
    )
    rubrics_app.command("list")(list_command)
    rubrics_app.command("show")(show_command)
    rubrics_app.command("validate")(validate_command)
    app.add_typer(rubrics_app, name="rubrics")
