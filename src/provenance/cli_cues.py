"""``provenance train-cues``: retrain the learned cue model from PolNeAR, reproducibly; attached
to the main app with :func:`register`. Training imports scikit-learn, analysis never does."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from provenance.console import error

Corpus = Annotated[
    Path,
    typer.Argument(
        help="A PolNeAR split in BRAT form: text/NAME.txt and attributions/NAME_*.ann.",
        metavar="CORPUS",
    ),
]


def train_cues(
    corpus: Corpus,
    out: Annotated[Path, typer.Option(help="Where to write the model.")] = Path("cue_model.json"),
    folds: Annotated[int, typer.Option(min=2, help="Cross-validation folds, by article.")] = 5,
    fold_dir: Annotated[
        Path | None, typer.Option(help="Also write each fold's model, trained without it, here.")
    ] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="Use only the first N articles.")] = None,
    cache: Annotated[
        Path | None, typer.Option(help="Keep the corpus parse here (.spacy) between runs.")
    ] = None,
    model: Annotated[str | None, typer.Option(help="spaCy model to load.")] = None,
) -> None:
    """Train the learned cue model and print its cross-validated figures.

    The same corpus and code give a byte-identical file; `--out src/provenance/cue_model.json`
    on ../shared/corpus/polnear-train reproduces the shipped model (docs/cue_model.md).
    """
    from provenance.cues.training import Settings, train
    from provenance.errors import ModelError
    from provenance.nlp import load

    if not (corpus / "text").is_dir():
        error(f"{corpus}: not a corpus (no text/ folder of articles)")
        raise typer.Exit(code=1)
    try:
        nlp = load(model)
    except ModelError as err:
        error(err)
        raise typer.Exit(code=1) from None
    settings = Settings(folds=folds)
    cv = train(corpus, out, nlp, settings, limit=limit, cache=cache, fold_dir=fold_dir)
    typer.echo(f"{folds}-fold cross-validation by article: {json.dumps(cv)}")
    typer.echo(f"wrote {out}")


def register(app: typer.Typer) -> None:
    """Add ``train-cues`` to the main app."""
    app.command("train-cues")(train_cues)
