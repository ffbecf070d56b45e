"""A collection to corroborate: articles (analysed here) or analyses (``provenance analyze``
JSON output), each named by its file stem."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from pydantic import ValidationError

from provenance.errors import InputError
from provenance.ingest import HTML_SUFFIXES, RECORD_SUFFIXES, TEXT_SUFFIXES
from provenance.models import Analysis

_KNOWN = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES


def _files(path: str) -> list[str]:
    """A directory's readable files (sorted, hidden ones skipped), or the path itself."""
    root = Path(path)
    if not root.is_dir():
        return [path]
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found += [
            str(Path(dirpath, name))
            for name in sorted(filenames)
            if not name.startswith(".") and Path(name).suffix.lower() in _KNOWN
        ]
    return found


def _analyses(path: str) -> list[Analysis] | None:
    """The analyses a JSON or JSON Lines file holds, None when it holds articles instead.

    Raises InputError for an analysis file that does not match the output contract."""
    if Path(path).suffix.lower() not in (".json", ".jsonl", ".ndjson"):
        return None
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None  # the article reader reports it
    try:
        records = [json.loads(text)] if path.endswith(".json") else [
            json.loads(line) for line in text.splitlines() if line.strip()
        ]  # fmt: skip
    except json.JSONDecodeError:
        return None
    if not records or not all(
        isinstance(r, dict) and {"article", "claims"} <= r.keys() for r in records
    ):
        return None
    try:
        return [Analysis.model_validate(r) for r in records]
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InputError(f"not a valid analysis: {where}: {first['msg']}", path) from None


def read_collection(
    paths: Sequence[str], model: str | None = None
) -> Iterator[tuple[str, Analysis] | InputError]:
    """(article id, analysis) for every article or analysis under ``paths``; a broken input is
    yielded as an :class:`InputError` and the rest go on. The id is the file stem (for a file
    of several records, the record's own id)."""
    articles: list[str] = []
    for path in paths:
        files = _files(path)
        if not files:
            yield InputError("no readable files in directory", path)
        for file in files:
            try:
                found = _analyses(file)
            except InputError as err:
                yield err
                continue
            if found is None:
                articles.append(file)
            elif len(found) == 1:
                yield Path(file).stem, found[0]
            else:
                yield from ((a.article.id, a) for a in found)
    if not articles:
        return
    from provenance.pipeline import analyze_many

    for item in analyze_many(articles, model=model):
        if isinstance(item, InputError):
            yield item
            continue
        origin = item.article.origin
        single = origin is not None and Path(origin).suffix.lower() not in RECORD_SUFFIXES
        yield (Path(origin).stem if single and origin else item.article.id), item
