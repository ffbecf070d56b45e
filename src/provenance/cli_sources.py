"""``provenance sources``: the source register from the shell (list, show, rate); attached to
the main app with :func:`register`. Every failure prints one line on stderr and exits 1."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from provenance.cli_db import _fail, _workspace
from provenance.console import error, progress
from provenance.errors import ProvenanceError

if TYPE_CHECKING:
    from provenance.models import Analysis, RegisterEntry

sources = typer.Typer(
    help="The source register: every source of a collection and of the dashboard's database, "
    "with analysts' reliability letters (kept as a history), the registry's entry, its track "
    "record and the Admiralty letter scoring gives it. Letters are kept in PROVENANCE_DB_URL "
    "(default: the app's data/provenance.db).",
    no_args_is_help=True,
)


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


Paths = Annotated[
    list[str] | None,
    typer.Argument(help="Articles, directories or `provenance analyze` JSON to include."),
]
NoDb = Annotated[
    bool,
    typer.Option("--no-db", help="Only the paths: leave out the database's articles and letters."),
]


def _entries(paths: list[str], no_db: bool) -> tuple[list[RegisterEntry], int]:
    """The register of ``paths`` (and of the database unless ``no_db``), and how many inputs
    failed (each reported on one line)."""
    from provenance.corroboration.collection import read_collection
    from provenance.corroboration.register import collection_register

    if no_db and not paths:
        raise _fail("--no-db needs paths to read")
    analyses: list[Analysis] = []
    failed = 0
    for item in progress(read_collection(paths), "reading") if paths else ():
        if isinstance(item, ProvenanceError):
            error(item)
            failed += 1
        else:
            article = item[1].article.model_copy(update={"id": item[0]})
            analyses.append(item[1].model_copy(update={"article": article}))
    if no_db:
        return collection_register(analyses), failed
    return _workspace().source_register(analyses), failed


COLUMNS = [
    "letter", "name", "type", "anonymous", "articles", "claims", "confirmed", "echoed",
    "contradicted", "analysts", "reason",
]  # fmt: skip


def _row(entry: RegisterEntry) -> dict[str, object]:
    track = entry.track
    return {
        "letter": entry.letter, "name": entry.name, "type": entry.type,
        "anonymous": entry.anonymous, "articles": len(entry.articles), "claims": track.claims,
        "confirmed": track.confirmed, "echoed": track.echoed,
        "contradicted": track.contradicted, "analysts": len(entry.history),
        "reason": entry.reason,
    }  # fmt: skip


@sources.command("list")
def list_(
    paths: Paths = None,
    no_db: NoDb = False,
    named: Annotated[bool, typer.Option("--named", help="Only named sources.")] = False,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
) -> None:
    """Every source, most cited first: its letter and why, articles, claims it originates and
    how many of those other articles confirm (independent lines), echo or contradict."""
    from provenance.export import safe_frame

    entries, failed = _entries(paths or [], no_db)
    entries = [e for e in entries if not (named and e.anonymous)]
    if fmt is Format.json:
        typer.echo(json.dumps([e.model_dump(mode="json") for e in entries], indent=2))
    else:
        import pandas as pd

        frame = pd.DataFrame([_row(e) for e in entries], columns=COLUMNS)
        if fmt is Format.csv:
            safe_frame(frame).to_csv(sys.stdout, index=False)
        else:
            for e in entries:
                record = e.track
                typer.echo(
                    f"{e.letter}  {e.name[:40]:40}  {len(e.articles):>3} art  "
                    f"{record.claims:>4} claims  {record.confirmed:>3} conf  "
                    f"{record.contradicted:>2} contr  {e.reason[:70]}"
                )
    if failed:
        raise typer.Exit(code=1)


@sources.command("show")
def show(
    name: Annotated[str, typer.Argument(help="The source's name (any spelling of it).")],
    paths: Paths = None,
    no_db: NoDb = False,
) -> None:
    """One source: its letter and why, every spelling, roles, articles, registry entry, track
    record, and every letter analysts gave it, oldest first."""
    from provenance.corroboration.register import find

    entries, failed = _entries(paths or [], no_db)
    entry = find(entries, name)
    if entry is None:
        raise _fail(f"{name}: no such source in the register")
    record = entry.track
    lines = [
        f"{entry.name} ({entry.type}{', anonymous' if entry.anonymous else ''}): "
        f"{entry.letter}, {entry.reason}",
        f"  spellings: {'; '.join(entry.aliases) or '-'}",
        f"  roles: {'; '.join(entry.roles) or '-'}",
        f"  articles: {', '.join(entry.articles) or '-'}",
        f"  registry: {entry.registry or '-'}"
        + (f" ({entry.registry_letter})" if entry.registry_letter else ""),
        f"  track record: {record.claims} claims it originates; {record.confirmed} confirmed by "
        f"independent lines (in {record.confirmed_in} articles), {record.echoed} only echoed, "
        f"{record.contradicted} contradicted",
        "  analysts' letters:" + ("" if entry.history else " none"),
    ]
    for said in entry.history:
        note = f": {said.note}" if said.note else ""
        lines.append(f"    {said.at:%Y-%m-%d %H:%M} {said.analyst} {said.letter}{note}")
    typer.echo("\n".join(lines))
    if failed:
        raise typer.Exit(code=1)


@sources.command("rate")
def rate(
    name: Annotated[str, typer.Argument(help="The source's name.")],
    letter: Annotated[str, typer.Argument(help="Admiralty reliability: A, B, C, D, E or F.")],
    analyst: Annotated[str, typer.Option("--analyst", help="Who rates (stored normalised).")],
    note: Annotated[str, typer.Option("--note", help="Why: the track record seen.")] = "",
) -> None:
    """Give a source a reliability letter. Earlier letters are kept (the history); the newest
    is the one scoring reads."""
    try:
        said = _workspace().rate_source(name, letter, analyst, note)
    except ValueError as err:
        raise _fail(err) from None
    typer.echo(f"{said.analyst} rates {said.source} {said.letter} ({said.key})")


def register(app: typer.Typer) -> None:
    """Add ``sources`` to the main app."""
    app.add_typer(sources, name="sources")
