"""Records: JSON (one object or a list), JSON Lines and CSV, streamed, one article per record;
a bad record or line is one :class:`InputError` naming ``file:number``, and the rest go on."""

from __future__ import annotations

import codecs
import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from provenance.errors import InputError
from provenance.ingest.text import Options, article_from_text
from provenance.limits import human_size
from provenance.models import Article

#: Optional record fields copied onto the Article (``id`` is handled separately).
META_FIELDS = ("title", "url", "publisher", "published", "author")
_CHUNK = 64 * 1024


def _article_from_record(
    record: Any, *, default_id: str, origin: str, where: str, opts: Options
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
    items: Iterable[tuple[int, Any]], path: Path, opts: Options, *, single: bool = False
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


def read_json(text: str, path: Path, opts: Options) -> Iterator[Article | InputError]:
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


def read_jsonl(path: Path, opts: Options) -> Iterator[Article | InputError]:
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


def read_csv(path: Path, opts: Options) -> Iterator[Article | InputError]:
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
