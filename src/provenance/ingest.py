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

import codecs
import csv
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from provenance.errors import InputError
from provenance.fetch import PrivateUrls, fetch
from provenance.limits import MAX_INPUT_BYTES, human_size
from provenance.models import Article

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
RECORD_SUFFIXES = frozenset({".json", ".jsonl", ".ndjson", ".csv"})
#: Optional record fields copied onto the Article (``id`` is handled separately).
META_FIELDS = ("title", "url", "publisher", "published", "author")

_SNIFF_BYTES = 8192
_URL_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_CHUNK = 64 * 1024
#: An extracted body needs one line this long to count as prose rather than a menu.
_MIN_PROSE_WORDS = 5


class _Options(NamedTuple):
    text_column: str
    max_bytes: int
    timeout: float
    allow_private: PrivateUrls


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
    opts = _Options(text_column, max_bytes, timeout, allow_private_urls)
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
    opts = _Options(text_column, max_bytes, timeout, allow_private_urls)
    articles = []
    for result in _unique_ids(_iter_input(source, opts)):
        if isinstance(result, InputError):
            raise result
        articles.append(result)
    return articles


def article_from_text(
    text: str,
    *,
    id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    publisher: str | None = None,
    published: str | None = None,
    author: str | None = None,
    origin: str | None = None,
) -> Article:
    """An Article from pasted text, kept as given (a leading BOM aside) so offsets index into it.

    A title the text does not already start with is put first, followed by a blank line.
    """
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InputError("empty text", origin=origin or "<text>")
    return Article(
        id=id or _short_sha1(text),
        title=title or None,
        text=_with_title(title, text),
        url=url or None,
        publisher=publisher or None,
        published=published or None,
        author=author or None,
        origin=origin,
    )


# --- dispatch ---------------------------------------------------------------------------------


def _iter_input(item: str | Path, opts: _Options) -> Iterator[Article | InputError]:
    """Everything one input yields; any failure becomes an InputError naming the input."""
    label = str(item)
    try:
        if isinstance(item, str) and (match := _URL_SCHEME.match(item)):
            scheme = match.group(1).lower()
            if scheme not in ("http", "https"):
                raise InputError(f"unsupported URL scheme '{scheme}' (only http and https)", label)
            yield _read_url(item, opts)
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


def _read_dir(root: Path, opts: _Options) -> Iterator[Article | InputError]:
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
            if not known and not _looks_like_text(path):
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


def _read_file(path: Path, opts: _Options) -> Iterator[Article | InputError]:
    """The articles of one file, chosen by extension (anything unknown is read as plain text)."""
    origin = str(path)
    if not path.exists():
        raise InputError("no such file or directory", origin)
    if not path.is_file():
        raise InputError("not a regular file", origin)
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        yield from _read_jsonl(path, opts)
        return
    if suffix == ".csv":
        yield from _read_csv(path, opts)
        return
    data = _read_bytes(path, opts.max_bytes)
    if suffix in HTML_SUFFIXES:
        _reject_binary(data, origin)
        yield _article_from_html(data, id=path.stem, origin=origin)
    elif suffix == ".json":
        yield from _read_json(_decode(data, origin), path, opts)
    else:
        text = _decode(data, origin)
        if not text.strip():
            raise InputError("empty file (only whitespace)", origin)
        yield Article(id=path.stem, text=text, origin=origin)


# --- bytes and text ---------------------------------------------------------------------------


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refusing empty and oversized files before reading them."""
    size = path.stat().st_size
    if size == 0:
        raise InputError("empty file", str(path))
    if size > max_bytes:
        limit = human_size(max_bytes)
        raise InputError(f"file is {human_size(size)}, over the {limit} limit", str(path))
    return path.read_bytes()


def _reject_binary(data: bytes, origin: str) -> None:
    """Refuse UTF-16 and binary content with a message that says which it is."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError("UTF-16 text; save it as UTF-8", origin)
    if b"\x00" in data:
        raise InputError("binary file (contains NUL bytes), not text", origin)


def _decode(data: bytes, origin: str) -> str:
    """Strict UTF-8 (offsets must mean the same text every time); only a leading BOM is dropped."""
    _reject_binary(data, origin)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise InputError(
            f"invalid UTF-8 at byte offset {err.start} (line {line}); save the file as UTF-8",
            origin,
        ) from err
    return text.removeprefix("\ufeff")


def _looks_like_text(path: Path) -> bool:
    """True when the file's first bytes are non-empty UTF-8 without NUL bytes."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError:
        return False
    if not head or b"\x00" in head:
        return False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _with_title(title: str | None, text: str) -> str:
    """Put the headline in the text (a blank line after it) unless the text already starts so."""
    title = (title or "").strip()
    if not title or text.lstrip().startswith(title):
        return text
    return f"{title}\n\n{text}"


def _short_sha1(value: str) -> str:
    return hashlib.sha1(value.encode("utf-8")).hexdigest()[:12]


# --- HTML and URLs ----------------------------------------------------------------------------


def _article_from_html(
    html: bytes | str, *, id: str, origin: str, url: str | None = None
) -> Article:
    """Main text and metadata by trafilatura; paragraphs are separated by blank lines."""
    import trafilatura  # heavy import, only paid when HTML is read
    from trafilatura.settings import Document

    # Precision over recall: a navigation link taken for the article would become a "claim".
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_images=False,
            favor_precision=True,
        )
    except Exception as err:  # a parser crash on one odd page must not end a batch
        raise InputError(f"HTML could not be parsed ({type(err).__name__}: {err})", origin) from err
    if not isinstance(doc, Document):  # None when nothing was found (a dict only if asked)
        raise InputError("no article text found in the HTML", origin)
    body_lines = [line for line in (doc.text or "").splitlines() if line.strip()]
    if not any(len(line.split()) >= _MIN_PROSE_WORDS for line in body_lines):
        raise InputError("no article text found in the HTML", origin)
    title = (doc.title or "").strip() or None
    return Article(
        id=id,
        title=title,
        text=_with_title(title, "\n\n".join(body_lines)),
        url=url or doc.url or None,
        publisher=doc.sitename or None,
        published=doc.date or None,
        author=doc.author or None,
        origin=origin,
    )


def _read_url(url: str, opts: _Options) -> Article:
    """Fetch safely (:mod:`provenance.fetch`), then extract like an HTML file or keep the text."""
    page = fetch(
        url, max_bytes=opts.max_bytes, timeout=opts.timeout, allow_private=opts.allow_private
    )
    data, content_type, charset = page.data, page.content_type, page.charset
    if not data.strip():
        raise InputError("empty response", url)
    head = data[:1024].lower()
    if content_type in _HTML_TYPES or b"<html" in head or b"<!doctype html" in head:
        codec = _codec(charset)
        html = data.decode(codec, errors="replace") if codec else data
        return _article_from_html(html, id=_short_sha1(url), origin=url, url=url)
    if content_type.startswith("text/"):
        text = _decode_declared(data, charset, url)
        return article_from_text(text, id=_short_sha1(url), url=url, origin=url)
    raise InputError(f"not a web page or text (Content-Type {content_type})", url)


def _decode_declared(data: bytes, charset: str | None, origin: str) -> str:
    """Text in the charset the server declared, strict UTF-8 when it declared none."""
    codec = _codec(charset)
    if codec in (None, "utf-8"):
        return _decode(data, origin)
    _reject_binary(data, origin)
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        raise InputError(f"invalid {charset} at byte offset {err.start}", origin) from err


def _codec(name: str | None) -> str | None:
    """The canonical codec name for a declared charset, None when absent or unknown."""
    try:
        return codecs.lookup(name).name if name else None
    except LookupError:
        return None


# --- records ----------------------------------------------------------------------------------


def _article_from_record(
    record: Any, *, default_id: str, origin: str, where: str, opts: _Options
) -> Article:
    """An Article from one JSON object or CSV row; ``where`` locates it in error messages."""
    if not isinstance(record, dict):
        raise InputError(
            f"record is a JSON {type(record).__name__}, expected an object with a "
            f"'{opts.text_column}' field",
            where,
        )
    if opts.text_column not in record:
        fields = ", ".join(map(str, record)) or "none"
        raise InputError(f"no '{opts.text_column}' field (fields: {fields})", where)
    text = record[opts.text_column]
    if text is None:
        raise InputError(f"'{opts.text_column}' is null, not text", where)
    if not isinstance(text, str):
        raise InputError(f"'{opts.text_column}' is a {type(text).__name__}, not text", where)
    if len(text.encode("utf-8")) > opts.max_bytes:
        raise InputError(f"text is over the {human_size(opts.max_bytes)} limit (max_bytes)", where)
    meta = {key: _cell(record.get(key)) for key in META_FIELDS}
    try:
        return article_from_text(
            text, id=_cell(record.get("id")) or default_id, origin=origin, **meta
        )
    except InputError as err:
        raise InputError(err.message, where) from err


def _cell(value: Any) -> str | None:
    """A metadata value as text, with empty cells and JSON nulls as None."""
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def _records(
    items: Iterable[tuple[int, Any]], path: Path, opts: _Options, *, single: bool = False
) -> Iterator[Article | InputError]:
    """Articles from numbered records; a bad record is reported and the rest continue."""
    for number, record in items:
        default_id = path.stem if single else f"{path.stem}-{number}"
        where = str(path) if single else f"{path}:{number}"
        try:
            yield _article_from_record(
                record, default_id=default_id, origin=str(path), where=where, opts=opts
            )
        except InputError as err:
            yield err


def _read_json(text: str, path: Path, opts: _Options) -> Iterator[Article | InputError]:
    """One record object, or a list of them (numbered from 1)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(
            f"invalid JSON: {err.msg} (line {err.lineno}, column {err.colno})", str(path)
        ) from err
    if isinstance(data, list):
        if not data:
            raise InputError("empty JSON list, no records", str(path))
        yield from _records(enumerate(data, 1), path, opts)
    else:
        yield from _records([(1, data)], path, opts, single=True)


def _read_jsonl(path: Path, opts: _Options) -> Iterator[Article | InputError]:
    """One record per line, streamed; a bad line is reported as ``file:line`` and skipped."""
    if path.stat().st_size == 0:
        raise InputError("empty file", str(path))
    found = False
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            where = f"{path}:{number}"
            if not raw.strip():
                continue
            found = True
            if len(raw) > opts.max_bytes:
                yield InputError(f"line is over the {human_size(opts.max_bytes)} limit", where)
                continue
            try:
                line = raw.decode("utf-8").removeprefix("\ufeff")
            except UnicodeDecodeError as err:
                yield InputError(f"invalid UTF-8 at byte {err.start} of the line", where)
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                yield InputError(f"invalid JSON: {err.msg} (column {err.colno})", where)
                continue
            yield from _records([(number, record)], path, opts)
    if not found:
        raise InputError("no records (only blank lines)", str(path))


def _read_csv(path: Path, opts: _Options) -> Iterator[Article | InputError]:
    """One record per row, streamed; ``opts.text_column`` names the column holding the text."""
    if path.stat().st_size == 0:
        raise InputError("empty file", str(path))
    # csv's field limit is process-wide; raise it so long articles fit (max_bytes still applies).
    csv.field_size_limit(max(csv.field_size_limit(), opts.max_bytes + 1))
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        try:
            columns = reader.fieldnames or []
            if opts.text_column not in columns:
                listed = ", ".join(repr(c) for c in columns) or "none"
                raise InputError(
                    f"no '{opts.text_column}' column (columns: {listed}); "
                    "choose the text column with --text-column",
                    str(path),
                )
            rows = 0
            for rows, row in enumerate(reader, 1):
                yield from _records([(rows, row)], path, opts)
        except UnicodeDecodeError as err:
            raise InputError(
                f"invalid UTF-8 at byte offset {_utf8_error_offset(path)}; save the file as UTF-8",
                str(path),
            ) from err
        except csv.Error as err:
            raise InputError(f"malformed CSV at line {reader.line_num}: {err}", str(path)) from err
    if rows == 0:
        raise InputError("no rows after the header", str(path))


def _utf8_error_offset(path: Path) -> int:
    """Byte offset of the first invalid UTF-8 sequence in a file, found by streaming it."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            pending = len(decoder.getstate()[0])
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as err:
                return offset - pending + err.start
            offset += len(chunk)
    return offset
