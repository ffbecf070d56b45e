"""``provenance corroborate``: the same claim across a collection, its independent lines, its
echoes and its denials. A thin layer over :mod:`provenance.corroboration`."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from provenance.console import error, progress
from provenance.corroboration.settings import Settings
from provenance.errors import ProvenanceError


def _write(path: Path, text: str) -> None:
    """Write ``text`` whole or not at all (a temporary file renamed into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def corroborate_command(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Articles (files, directories, URLs) or analyses (the JSON that "
            "`provenance analyze --out DIR` writes).",
            show_default=False,
        ),
    ],
    out: Annotated[
        Path,
        typer.Option("--out", "-o", help='Where to write {"groups": [...]} as JSON.'),
    ],
    threshold: Annotated[
        float,
        typer.Option(
            min=0.0,
            max=1.0,
            help="Similarity at which two claims of one story are "
            "the same claim (cosine of TF-IDF word and character n-grams).",
        ),
    ] = Settings.threshold,
    strong_threshold: Annotated[
        float,
        typer.Option(
            min=0.0,
            max=1.0,
            help="Similarity at which two claims are the same "
            "claim even when their articles tell different stories.",
        ),
    ] = Settings.strong_threshold,
    story_threshold: Annotated[
        float,
        typer.Option(
            min=0.0,
            max=1.0,
            help="Similarity of two articles' words at which they tell the same story.",
        ),
    ] = Settings.story_threshold,
    prov: Annotated[
        Path | None,
        typer.Option(
            "--prov", help="Also write the collection's provenance graph as W3C PROV-JSON."
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite existing output files.")
    ] = False,
    model: Annotated[str | None, typer.Option(help="spaCy model to analyse articles with.")] = None,
) -> None:
    """Find the same claim across articles and tell independent confirmation from echoes.

    Claims are grouped by meaning; within a group, claims whose chains of attribution share an
    origin or pass through a common source (an outlet citing another outlet's scoop) are one
    line; only disjoint chains are independent lines. A denial of the claim is listed as a
    contradiction, not a confirmation. Article ids in the output are the file stems.

    Examples:

        provenance corroborate data/corroboration/ --out groups.json

        provenance analyze archive/ --out analyses/ && provenance corroborate analyses/ -o g.json
    """
    from provenance.corroboration import corroborate
    from provenance.corroboration.collection import read_collection

    for target in (out, prov):
        if target is not None and target.exists() and not force:
            error(f"{target}: exists (use --force to overwrite)")
            raise typer.Exit(code=1)
    settings = Settings(
        threshold=threshold, strong_threshold=strong_threshold, story_threshold=story_threshold
    )
    collection, failed = [], 0
    try:
        for item in progress(read_collection(paths, model), "reading"):
            if isinstance(item, ProvenanceError):
                error(item)
                failed += 1
            else:
                collection.append(item)
        result = corroborate(collection, settings)
        _write(out, result.model_dump_json(indent=2) + "\n")
        if prov is not None:
            from provenance.corroboration.prov import prov_document

            _write(prov, str(prov_document(collection, result).serialize(indent=2)) + "\n")
    except ProvenanceError as err:
        error(err)
        raise typer.Exit(code=1) from None
    lines = sum(g.independent_lines for g in result.groups)
    typer.echo(
        f"{len(collection)} articles, {len(result.groups)} groups, {lines} independent lines "
        f"-> {out}",
        err=True,
    )
    if failed:
        typer.echo(f"{failed} input(s) failed", err=True)
        raise typer.Exit(code=1)


def register(app: typer.Typer) -> None:
    """Add ``corroborate`` to the main app."""
    app.command("corroborate")(corroborate_command)
