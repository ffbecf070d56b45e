"""``python -m provenance``: the same command line as ``provenance``."""

from provenance.cli import app

app(prog_name="provenance")
