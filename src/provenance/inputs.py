"""What a batch reads: the files, directories and URLs of :mod:`provenance.ingest`, plus ``-``
for standard input (one article's text, id ``stdin``), a count of the articles ahead for
progress bars, and ``analyze`` output (JSON / JSON Lines of analyses) that ``score`` reads
instead of analysing again."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from pydantic import ValidationError

from provenance.errors import InputError
from provenance.fetch import PrivateUrls
from provenance.ingest import (
    HTML_SUFFIXES,
    RECORD_SUFFIXES,
    TEXT_SUFFIXES,
    article_from_text,
    read_inputs,
)
from provenance.limits import MAX_INPUT_BYTES, human_size
from provenance.models import Analysis, Article

STDIN = "-"
KNOWN = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES


def read_stdin(stream: BinaryIO | None = None) -> Article:
    """Standard input as one article, kept as read (UTF-8, size-capped like a file)."""
    return stdin_article((stream or sys.stdin.buffer).read(MAX_INPUT_BYTES + 1))


def stdin_article(data: bytes) -> Article:
    """The bytes read from standard input as one article (id ``stdin``)."""
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


#: How an ``analyze`` output starts (one line, or indented by an older version).
_ANALYSIS_START = re.compile(rb'^\s*\{\s*"article"\s*:\s*\{')


def is_analyses(path: Path) -> bool:
    """Whether ``path`` is ``analyze`` output (JSON or JSON Lines of analyses), by its start."""
    if path.suffix.lower() not in (".json", ".jsonl", ".ndjson") or not path.is_file():
        return False
    with path.open("rb") as handle:
        return looks_like_analyses(handle.read(256))


def split_inputs(inputs: Sequence[str | Path]) -> tuple[list[Path], list[str | Path]]:
    """The files among ``inputs`` (and in their directories) that hold analyses, and the
    rest: articles to analyse."""
    analyses: list[Path] = []
    articles: list[str | Path] = []
    for item in inputs:
        path = Path(item)
        if str(item) != STDIN and path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path))
            found = [p for p in files if is_analyses(p)]
            if not found:
                articles.append(item)  # read as ingest reads a directory
                continue
            analyses += found  # analyze --out output; the other known files are articles
            articles += [p for p in files if p not in found and p.suffix.lower() in KNOWN]
        elif str(item) != STDIN and is_analyses(path):
            analyses.append(path)
        else:
            articles.append(item)
    return analyses, articles


def looks_like_analyses(data: bytes) -> bool:
    """Whether ``data`` starts like ``analyze`` JSON output."""
    return bool(_ANALYSIS_START.match(data[:256].removeprefix(b"\xef\xbb\xbf")))


def read_analyses(path: Path) -> Iterator[Analysis | InputError]:
    """The analyses of one ``analyze`` output file (see :func:`parse_analyses`)."""
    try:
        data = path.read_bytes()
    except OSError as err:
        yield InputError(err.strerror or str(err), str(path))
        return
    yield from parse_analyses(data, str(path))


def parse_analyses(data: bytes, origin: str) -> Iterator[Analysis | InputError]:
    """Analyses one a line, or one indented object; a line that is not an analysis is an
    :class:`InputError` naming ``origin:line``, and the others are still read."""
    try:
        yield Analysis.model_validate_json(data)  # one object, maybe indented
        return
    except ValidationError:
        pass
    for number, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield Analysis.model_validate_json(line)
        except ValidationError as err:
            problem = err.errors()[0]["msg"] if err.errors() else "invalid"
            yield InputError(f"not an analysis ({problem})", f"{origin}:{number}")
