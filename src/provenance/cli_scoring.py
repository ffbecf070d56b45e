"""CLI commands for scoring: ``score``, ``signals`` and ``rubrics list|show|validate``.

Thin wrappers over :mod:`provenance.scoring` and :mod:`provenance.rubric`; ``cli.py`` adds them
to the main app with :func:`register`. Every failure prints one line on stderr and exits 1.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from provenance import signals
from provenance.console import AllowPrivateUrls, error, progress
from provenance.errors import ProvenanceError, RubricError, one_line
from provenance.rubric import Rubric, load_rubric, rubric_files, rubrics_dir


def _fail(err: ProvenanceError | str) -> typer.Exit:
    typer.echo(one_line(str(err)), err=True)
    return typer.Exit(code=1)


def score_command(
    paths: Annotated[
        list[str], typer.Argument(help="Article files, directories or URLs to analyse and score.")
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            help="Where to write one row per claim: .csv, .jsonl "
            "or .parquet (CSV is safe to open in a spreadsheet).",
        ),
    ],
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
    corroborate: Annotated[
        bool,
        typer.Option(
            "--corroborate",
            help="Score the inputs as one collection: the corroboration signals (independent "
            "lines, echoes, contradictions) read the other articles; Admiralty can give 1; "
            "each source's letter comes from the collection's source register.",
        ),
    ] = False,
    allow_private_urls: AllowPrivateUrls = False,
) -> None:
    """Analyse articles and score every claim under a rubric, with the evidence for each point.

    Articles that cannot be read are reported on stderr and skipped; the exit code is then 1.
    """
    from provenance import analyze_many
    from provenance.export import table_suffix, write_table
    from provenance.scoring import score_frame, summarize

    try:
        chosen = load_rubric(rubric)
        for target in (out, summary):  # a wrong extension fails before the analysis, not after
            if target is not None:
                table_suffix(target)
    except ProvenanceError as err:
        raise _fail(err) from None
    analyses, failed = [], 0
    try:
        private = allow_private_urls or None  # None: $PROVENANCE_ALLOW_PRIVATE_URLS decides
        results = analyze_many(paths, model=model, allow_private_urls=private)
        for item in progress(results, "analysing"):
            if isinstance(item, ProvenanceError):
                error(item)
                failed += 1
            else:
                analyses.append(item)
        corroboration, register = None, None
        if corroborate:
            from provenance.corroboration import corroborate as corroborate_all
            from provenance.corroboration.register import build_register, rated

            corroboration = corroborate_all(analyses)
            register = rated(build_register(analyses, corroboration))
        frame = score_frame(analyses, chosen, corroboration=corroboration, register=register)
        write_table(frame, out)
        if summary is not None:
            write_table(summarize(frame), summary)
    except ProvenanceError as err:
        raise _fail(err) from None
    typer.echo(
        f"{len(frame)} claims from {len(analyses)} articles scored with {chosen.id} "
        f"{chosen.version} -> {out}",
        err=True,
    )
    if failed:
        raise typer.Exit(code=1)


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
