"""What a batch reads: the files, directories and URLs of :mod:`provenance.ingest`, plus ``-``
for standard input (one article's text, id ``stdin``), and a count of the articles ahead for
progress bars."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from provenance.errors import InputError
from provenance.fetch import PrivateUrls
from provenance.ingest import RECORD_SUFFIXES, article_from_text, read_inputs
from provenance.limits import MAX_INPUT_BYTES, human_size
from provenance.models import Article

STDIN = "-"


def read_stdin(stream: BinaryIO | None = None) -> Article:
    """Standard input as one article, kept as read (UTF-8, size-capped like a file)."""
    data = (stream or sys.stdin.buffer).read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"too large (over {human_size(MAX_INPUT_BYTES)})", "<stdin>")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(f"not UTF-8 text (byte {err.start})", "<stdin>") from None
    return article_from_text(text, id="stdin", origin="<stdin>")


def read_articles(
    inputs: Sequence[str | Path],
    *,
    text_column: str = "text",
    allow_private_urls: PrivateUrls = None,
) -> Iterator[Article | InputError]:
    """Every article of ``inputs`` in order (see :func:`provenance.ingest.read_inputs`);
    ``-`` reads standard input."""
    pending: list[str | Path] = []
    for item in [*inputs, None]:
        if item is not None and str(item) != STDIN:
            pending.append(item)
            continue
        if pending:
            yield from read_inputs(
                pending, text_column=text_column, allow_private_urls=allow_private_urls
            )
            pending = []
        if item is not None:
            try:
                yield read_stdin()
            except InputError as err:
                yield err


def count_articles(inputs: Sequence[str | Path]) -> int | None:
    """How many articles ``inputs`` hold, for a progress bar's total and ETA; None when that
    needs reading them (record files, URLs)."""
    total = 0
    for item in inputs:
        path = Path(item)
        if str(item) == STDIN or (path.is_file() and path.suffix.lower() not in RECORD_SUFFIXES):
            total += 1
        elif path.is_dir():
            files = [p for p in path.rglob("*") if p.is_file() and not _hidden(p, path)]
            if any(p.suffix.lower() in RECORD_SUFFIXES for p in files):
                return None
            total += len(files)
        else:
            return None
    return total


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)
