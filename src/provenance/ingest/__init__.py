"""Ingest: turn files, directories, URLs and pasted text into :class:`Article` objects.

Two rules shape this module. Claim offsets index into ``Article.text``, so plain text is kept
exactly as read (only a leading byte-order mark is dropped). And one bad input in a batch of
thousands must become one :class:`InputError` line naming it, never a crash of the batch.

Formats: ``.txt``/``.text``/``.md``/``.markdown`` (text as read), ``.html``/``.htm`` (main text
and metadata by trafilatura), ``.json`` (one record or a list of records), ``.jsonl`` (one record
per line), ``.csv`` (one record per row), and ``http(s)://`` URLs. A record has a text field plus
optional ``id``, ``title``, ``url``, ``publisher``, ``published`` and ``author``.

Article ids are stable across runs: the file stem for a one-document file, the record ``id``
when a record has one, ``<stem>-<n>`` otherwise (n = 1-based record number; the line number in
JSONL), a short SHA-1 of the URL for URLs and of the text for pasted text. Ids repeated within
one call get ``-2``, ``-3``... in input order.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from provenance.errors import InputError
from provenance.fetch import PrivateUrls
from provenance.ingest.records import META_FIELDS, read_csv, read_json, read_jsonl
from provenance.ingest.text import (
    Options,
    article_from_text,
    decode,
    looks_like_text,
    read_bytes,
    reject_binary,
)
from provenance.ingest.web import article_from_html, read_url
from provenance.limits import MAX_INPUT_BYTES
from provenance.models import Article

__all__ = [
    "HTML_SUFFIXES", "META_FIELDS", "RECORD_SUFFIXES", "TEXT_SUFFIXES", "article_from_text",
    "read_inputs", "read_one",
]  # fmt: skip

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
RECORD_SUFFIXES = frozenset({".json", ".jsonl", ".ndjson", ".csv"})
_URL_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")


def read_inputs(
    inputs: Sequence[str | Path],
    *,
    text_column: str = "text",
    max_bytes: int = MAX_INPUT_BYTES,
    timeout: float = 20.0,
    allow_private_urls: PrivateUrls = None,
) -> Iterator[Article | InputError]:
    """Yield an Article per document, or an InputError per failure, so a batch keeps going.

    Each input is a file, a directory (read recursively in sorted order, hidden entries skipped,
    unknown extensions read only when they sniff as UTF-8 text) or an http(s) URL. URLs to
    private or local addresses are refused unless ``allow_private_urls`` (default:
    ``$PROVENANCE_ALLOW_PRIVATE_URLS``); see :mod:`provenance.fetch`.
    """
    if isinstance(inputs, str | Path):
        inputs = [inputs]
    opts = Options(text_column, max_bytes, timeout, allow_private_urls)
    yield from _unique_ids(result for item in inputs for result in _iter_input(item, opts))


def read_one(
    source: str | Path,
    *,
    text_column: str = "text",
    max_bytes: int = MAX_INPUT_BYTES,
    timeout: float = 20.0,
    allow_private_urls: PrivateUrls = None,
) -> list[Article]:
    """All articles of one input (file, directory or URL); raises the first InputError."""
    opts = Options(text_column, max_bytes, timeout, allow_private_urls)
    articles = []
    for result in _unique_ids(_iter_input(source, opts)):
        if isinstance(result, InputError):
            raise result
        articles.append(result)
    return articles


# --- dispatch ---------------------------------------------------------------------------------


def _iter_input(item: str | Path, opts: Options) -> Iterator[Article | InputError]:
    """Everything one input yields; any failure becomes an InputError naming the input."""
    label = str(item)
    try:
        if isinstance(item, str) and (match := _URL_SCHEME.match(item)):
            scheme = match.group(1).lower()
            if scheme not in ("http", "https"):
                raise InputError(f"unsupported URL scheme '{scheme}' (only http and https)", label)
            yield read_url(item, opts)
            return
        path = Path(item)
        if path.is_dir():
            yield from _read_dir(path, opts)
        else:
            yield from _read_file(path, opts)
    except InputError as err:
        yield err
    except OSError as err:
        yield InputError(err.strerror or str(err), label)


def _unique_ids(results: Iterable[Article | InputError]) -> Iterator[Article | InputError]:
    """Give repeated ids a ``-2``, ``-3``... suffix so every article of a run is addressable."""
    seen: set[str] = set()
    for result in results:
        if isinstance(result, Article):
            if result.id in seen:
                n = 2
                while f"{result.id}-{n}" in seen:
                    n += 1
                result = result.model_copy(update={"id": f"{result.id}-{n}"})
            seen.add(result.id)
        yield result


def _read_dir(root: Path, opts: Options) -> Iterator[Article | InputError]:
    """Files under ``root`` in sorted order, skipping hidden entries and non-text unknown types."""
    found = False
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = Path(dirpath, name)
            if name.startswith("."):
                continue
            suffix = path.suffix.lower()
            known = suffix in TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES
            if not known and not looks_like_text(path):
                continue
            found = True
            try:
                yield from _read_file(path, opts)
            except InputError as err:
                yield err
            except OSError as err:
                yield InputError(err.strerror or str(err), str(path))
    if not found:
        raise InputError("no readable files in directory", str(root))


def _read_file(path: Path, opts: Options) -> Iterator[Article | InputError]:
    """The articles of one file, chosen by extension (anything unknown is read as plain text)."""
    origin = str(path)
    if not path.exists():
        raise InputError("no such file or directory", origin)
    if not path.is_file():
        raise InputError("not a regular file", origin)
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        yield from read_jsonl(path, opts)
        return
    if suffix == ".csv":
        yield from read_csv(path, opts)
        return
    data = read_bytes(path, opts.max_bytes)
    if suffix in HTML_SUFFIXES:
        reject_binary(data, origin)
        yield article_from_html(data, id=path.stem, origin=origin)
    elif suffix == ".json":
        yield from read_json(decode(data, origin), path, opts)
    else:
        text = decode(data, origin)
        if not text.strip():
            raise InputError("empty file (only whitespace)", origin)
        yield Article(id=path.stem, text=text, origin=origin)
