"""``provenance app``: the analyst dashboard from an installed package; ``version`` and
``schema`` (the JSON Schema of an analysis)."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from provenance.packaged import packaged


def version_line() -> str:
    """Provenance's version and spaCy's, as ``--version`` and ``version`` print them."""
    import spacy

    from provenance import __version__

    return f"provenance {__version__} (spaCy {spacy.about.__version__})"


def app_command(
    port: Annotated[int, typer.Option(help="Port to serve on.")] = 8501,
    address: Annotated[
        str, typer.Option(help="Address to listen on (0.0.0.0: every interface).")
    ] = "localhost",
) -> None:
    """Start the analyst dashboard (Streamlit) on the sample articles, from any directory.

    The database is `$PROVENANCE_DB_URL`, else `data/provenance.db` under the current directory;
    rubrics come from `$PROVENANCE_RUBRICS`, `./rubrics`, else the shipped ones.
    """
    script = packaged("streamlit_app.py")
    argv = [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.headless", "true", "--server.port", str(port), "--server.address", address,
        "--browser.gatherUsageStats", "false", "--client.toolbarMode", "viewer",
    ]  # fmt: skip
    sys.stdout.flush()
    os.execv(sys.executable, argv)  # Streamlit replaces this process: signals reach it directly


def register(app: typer.Typer) -> None:
    """Add ``app``, ``version`` and ``schema`` to the main CLI app."""
    app.command("app")(app_command)

    @app.command()
    def version() -> None:
        """Print the versions of Provenance and spaCy."""
        typer.echo(version_line())

    @app.command()
    def schema() -> None:
        """Print the JSON Schema of `analyze`'s JSON output (one analysis), as shipped in the
        package (resources/analysis.schema.json)."""
        typer.echo(packaged("resources", "analysis.schema.json").read_text(encoding="utf-8"))
