"""``provenance db``: the dashboard's database from scripts (``add``, ``rate``, ``ratings``,
``agreement``, ``export``, ``import``, ``account``; the review's commands are in
:mod:`provenance.cli_review`), on ``$PROVENANCE_DB_URL`` or the app's SQLite file.

A thin layer over :mod:`provenance.workspace` and :mod:`provenance.backup`; ``cli.py`` adds it
with :func:`register`. Every failure prints one line on stderr and exits 1.
"""

from __future__ import annotations

import getpass
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from provenance.console import error, progress
from provenance.errors import InputError, ProvenanceError

if TYPE_CHECKING:
    import pandas as pd

    from provenance.workspace import Workspace

db = typer.Typer(
    name="db",
    help="The dashboard's database from scripts: add articles, rate claims, list ratings, back "
    "up and restore. Acts on `PROVENANCE_DB_URL` (default: the app's `data/provenance.db`).",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)


def _fail(message: object) -> typer.Exit:
    error(message)
    return typer.Exit(code=1)


def _workspace() -> Workspace:
    """The workspace on the configured database (imported late: ``--help`` stays quick)."""

    from provenance.storage import Store
    from provenance.workspace import Workspace

    try:
        return Workspace(Store())
    except Exception as err:  # a bad URL, an unreachable server: one line, no traceback
        raise _fail(f"cannot open the database: {err}") from None


@db.command("add")
def add(
    paths: Annotated[list[str], typer.Argument(help="Article files, directories or URLs.")],
    new_version: Annotated[
        bool,
        typer.Option(
            "--new-version",
            help="When an article id is already stored with another text, store this text as "
            "its new current version (the earlier one is kept). Without it, such articles are "
            "reported and left as they are.",
        ),
    ] = False,
) -> None:
    """Analyse articles and store them, with a progress bar and a summary.

    The same text already stored (under any id, file name or URL) is not stored twice.
    """
    from provenance.ingest import read_inputs

    here = _workspace()
    inputs = list(read_inputs(paths))
    counts: dict[str, int] = {}
    for item in progress(inputs, "Adding", total=len(inputs)):
        if isinstance(item, InputError):
            counts["failed"] = counts.get("failed", 0) + 1
            error(item)
            continue
        saved = here.add_article(item, new_version=new_version).saved
        counts[saved.status] = counts.get(saved.status, 0) + 1
        if saved.status == "exists":
            error(f"{item.origin or item.id}: {item.id} is stored with another text (version "
                  f"{saved.version}); --new-version makes this text current")  # fmt: skip
        elif saved.duplicate_of is not None:
            holder, version = saved.duplicate_of
            typer.echo(f"{item.origin or item.id}: the same text is stored as {holder} "
                       f"(version {version})", err=True)  # fmt: skip
    labels = {"added": "added", "new_version": "new versions", "unchanged": "unchanged",
              "duplicate": "duplicates skipped", "exists": "left as they are (ids stored with "
              "another text)", "failed": "failed"}  # fmt: skip
    summary = ", ".join(f"{counts[k]} {label}" for k, label in labels.items() if counts.get(k))
    typer.echo(f"{len(inputs)} inputs: {summary or 'nothing to do'}", err=True)
    if counts.get("failed") or counts.get("exists"):
        raise typer.Exit(code=1)


def write_frame(frame: pd.DataFrame, out: Path | None, noun: str) -> None:
    """A table to a file (.csv, .jsonl, .parquet), or as spreadsheet-safe CSV on stdout."""
    from provenance.export import safe_frame, write_table

    if out is None:
        safe_frame(frame).to_csv(sys.stdout, index=False)
        return
    try:
        write_table(frame, out)
    except ProvenanceError as err:
        raise _fail(err) from None
    typer.echo(f"{len(frame)} {noun} -> {out}", err=True)


def _values(pairs: list[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise _fail(f"--value {pair!r}: expected CRITERION=VALUE")
        values[name.strip()] = value.strip()
    return values


@db.command("rate")
def rate(
    article_id: Annotated[str, typer.Argument(help="The article's id.")],
    claim_text: Annotated[
        str,
        typer.Option("--claim-text", help="Text of the claim (all of it, or enough to find it)."),
    ],
    analyst: Annotated[str, typer.Option("--analyst", help="Who rates (stored normalised).")],
    rubric: Annotated[str, typer.Option("--rubric", help="Rubric id, e.g. admiralty.")],
    value: Annotated[
        list[str],
        typer.Option(
            "--value",
            help="A rating axis and its value, e.g. reliability=B; one per axis of the rubric.",
        ),
    ],
    rationale: Annotated[str, typer.Option("--rationale", help="Why this rating.")] = "",
) -> None:
    """Rate a claim of an article's current version, found by its text.

    Values equal to the automatic ones agree with the automatic grade; others override it.
    """
    from provenance.rubric import load_rubric

    here = _workspace()
    try:
        chosen = load_rubric(rubric)
        claim = here.find_claim(article_id, claim_text)
        rating = here.rate(article_id=article_id, claim_key=claim.key, analyst=analyst,
                           rubric=chosen, values=_values(value), rationale=rationale)  # fmt: skip
    except (ValueError, ProvenanceError) as err:
        raise _fail(err) from None
    verdict = "agrees with" if rating.agree else "overrides"
    typer.echo(f"rating #{rating.id}: {rating.analyst} gives {rating.grade} to {article_id} "
               f"{rating.claim_id} ({verdict} {rating.auto_grade})")  # fmt: skip


@db.command("ratings")
def ratings(
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="A .csv or .jsonl file (default: CSV on stdout)."),
    ] = None,
    history: Annotated[
        bool, typer.Option("--history", help="Every rating event, not only the latest.")
    ] = False,
) -> None:
    """The latest rating per analyst, claim and rubric (or, with --history, every rating):
    analyst, rubric, values, rationale, time, the claim's text as rated, and its status,
    `current` (its claim is in the current version) or `orphaned`."""
    from provenance.tables import ratings_frame

    store = _workspace().store
    rows = store.history() if history else store.latest_ratings()
    write_frame(ratings_frame(rows), out, "ratings")


@db.command("export")
def export(
    file: Annotated[Path, typer.Argument(help="The backup file to write (JSON Lines).")],
) -> None:
    """Back up the whole database (articles, versions, ratings, accounts, source letters, the
    review: statuses, assignments, comments, collections, corrections) to one file."""
    from provenance.backup import export as write_backup

    try:
        counts = write_backup(_workspace().store, file)
    except ProvenanceError as err:  # cannot write the file: nothing written
        raise _fail(str(err)) from None
    typer.echo(f"{_counted(counts)} -> {file}", err=True)


@db.command("import")
def import_(file: Annotated[Path, typer.Argument(help="A file written by `db export`.")]) -> None:
    """Restore a backup: adds what the database does not hold yet (nothing is overwritten;
    an article stored with another text stops the import with nothing changed)."""
    from provenance.backup import BackupError, restore

    try:
        counts = restore(_workspace().store, file)
    except (BackupError, OSError) as err:
        raise _fail(f"{file}: {err}") from None
    typer.echo(f"{file}: added {_counted(counts)}", err=True)


@db.command("agreement")
def agreement(
    rubric: Annotated[
        list[str] | None,
        typer.Option(
            "--rubric", "-r", help="A rubric id (repeatable; default: every rubric with ratings)."
        ),
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", help="`table` (default), `json` or `csv`.")
    ] = "table",
    ratings_file: Annotated[
        Path | None,
        typer.Option(
            "--ratings",
            help="Ratings from a CSV or JSONL file (as `db ratings` "
            "writes them) instead of the database.",
        ),
    ] = None,
    nominal: Annotated[
        bool, typer.Option("--nominal", help="Values as unordered categories.")
    ] = False,
) -> None:
    """How far analysts agree: Krippendorff's alpha per rating criterion (ordinal: a rubric
    lists its values best first), over each analyst's latest rating of each current claim,
    with the claims rated by two analysts or more, the analysts and the ratings it rests on."""
    from provenance.agreement import read_ratings
    from provenance.rubric import load_rubric
    from provenance.tables import agreement_report, ratings_frame

    if fmt not in ("table", "json", "csv"):
        raise _fail(f"--format {fmt!r}: use table, json or csv")
    try:
        latest = (read_ratings(ratings_file) if ratings_file is not None
                  else ratings_frame(_workspace().store.latest_ratings()))  # fmt: skip
    except (OSError, ValueError) as err:
        raise _fail(f"{ratings_file}: {getattr(err, 'strerror', None) or err}") from None
    known = sorted(set(latest["rubric_id"])) if "rubric_id" in latest.columns else []
    wanted = rubric or known
    if not wanted:
        raise _fail("no ratings yet, and no --rubric given")
    rubrics = []
    for rubric_id in wanted:
        try:
            rubrics.append(load_rubric(rubric_id))
        except ProvenanceError as err:
            error(f"rubric {rubric_id}: {err}")
    table = agreement_report(latest, rubrics, "nominal" if nominal else "ordinal")
    if fmt == "json":
        records = table.astype(object).where(table.notna(), None).to_dict("records")
        typer.echo(json.dumps(records, indent=2))
    elif fmt == "csv":
        table.to_csv(sys.stdout, index=False)
    else:
        shown = table.assign(alpha=table["alpha"].map(
            lambda a: "undefined" if a != a else f"{a:.3f}"))  # fmt: skip
        typer.echo(shown.to_string(index=False))
    if len(rubrics) < len(wanted):
        raise typer.Exit(code=1)


def _counted(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {kind.replace('_', ' ')}s" for kind, n in counts.items())


@db.command("account")
def account(
    name: Annotated[str, typer.Argument(help="The analyst's name (stored normalised).")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from stdin.")
    ] = False,
) -> None:
    """Create an analyst account for a team server (`PROVENANCE_AUTH=accounts`), or set a new
    password. The password is stored only as an Argon2 hash."""
    from provenance.accounts import set_password

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Password: ")
        if getpass.getpass("Again: ") != password:
            raise _fail("the passwords differ")
    try:
        stored = set_password(_workspace().store, name, password)
    except ValueError as err:
        raise _fail(err) from None
    typer.echo(f"account {stored} saved", err=True)


def register(app: typer.Typer) -> None:
    """Add ``provenance db ...`` (with the review commands) to the main command."""
    from provenance import cli_review  # noqa: F401  (its commands join ``db``)

    app.add_typer(db)
