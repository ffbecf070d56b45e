"""Files shipped inside the package: the source registry, the default rubrics and the sample
articles. Found through :mod:`importlib.resources`, so an installed wheel works from any
directory (the checkout's top-level ``rubrics`` and ``data/`` entries are links to these)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def packaged(*parts: str) -> Path:
    """A file or folder shipped in the package (installed as plain files, never zipped)."""
    return Path(str(files("provenance"))).joinpath(*parts)
