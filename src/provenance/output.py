"""Where ``analyze`` puts its results: one file per article in a folder (written atomically,
and recognised as done when a rerun meets it), or one stream on stdout.

One shape whatever the count: JSON on stdout is JSON Lines (one analysis a line) for one
article as for a thousand, and an article's file holds its analysis on one line, so
``cat OUT/*.json`` is JSON Lines too. An article is done when its file holds the analysis of
the same id and text by the same engine version; a rerun skips it.
"""

from __future__ import annotations

import json
import re
import shutil
from enum import StrEnum
from pathlib import Path
from typing import Literal, TextIO

from provenance.errors import InputError
from provenance.export import remove_leftovers, safe_csv_bytes, safe_frame, write_atomic
from provenance.models import Analysis, Article, claim_rows

#: Characters that cannot appear in an output file name (path separators, control characters).
_UNSAFE_NAME = re.compile(r"[\\/\x00-\x1f]")
Status = Literal["new", "done", "stale"]


class Format(StrEnum):
    """Output formats of ``analyze``."""

    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    table = "table"


def output_name(article_id: str) -> str:
    """A file name for an article id: the id itself, minus characters a path cannot hold."""
    name = _UNSAFE_NAME.sub("_", article_id).lstrip(".")
    return name or "article"


def render_table(analysis: Analysis, width: int | None = None) -> str:
    """The claims of one article as a fixed-width table: id, kind, chain, text (truncated)."""
    width = width or shutil.get_terminal_size((120, 24)).columns
    title = analysis.article.title or analysis.article.id
    lines = [f"{analysis.article.id}: {title} ({len(analysis.claims)} claims)"]
    if not analysis.claims:
        return lines[0]
    rows = [
        (
            r["claim_id"],
            r["kind"],
            (r["chain"] or "(the article itself)")
            + "".join(f" [suggested: {h.name} ({h.confidence:.0%})]" for h in claim.suggested),
            " ".join(r["text"].split()),
        )
        for r, claim in zip(claim_rows(analysis, confidence=True), analysis.claims, strict=True)
    ]
    id_w = max(2, *(len(r[0]) for r in rows))
    kind_w = max(4, *(len(r[1]) for r in rows))
    chain_w = min(max(5, *(len(r[2]) for r in rows)), max(20, width // 2))
    text_w = max(20, width - id_w - kind_w - chain_w - 6)

    def cell(value: str, size: int) -> str:
        return value if len(value) <= size else value[: size - 1] + "…"

    def line(*values: str) -> str:
        sizes = (id_w, kind_w, chain_w, text_w)
        return "  ".join(cell(v, s).ljust(s) for v, s in zip(values, sizes, strict=True)).rstrip()

    lines.append(line("id", "kind", "chain", "text"))
    lines += [line(*row) for row in rows]
    return "\n".join(lines)


class ArticleFiles:
    """``FOLDER/NAME.json`` (or ``.jsonl``, ``.csv``) per article, each written atomically."""

    def __init__(self, folder: Path, fmt: Format, version: str) -> None:
        self.folder, self.fmt, self.version = folder, fmt, version
        folder.mkdir(parents=True, exist_ok=True)
        self.leftovers = remove_leftovers(folder)  # temporary files of a killed run

    def path(self, article_id: str) -> Path:
        return self.folder / f"{output_name(article_id)}.{self.fmt.value}"

    def status(self, article: Article) -> Status:
        """``done`` when the file holds this article's analysis by this engine version (a CSV
        holds no text: there the file's presence counts), ``stale`` when it holds another."""
        path = self.path(article.id)
        if not path.exists():
            return "new"
        if self.fmt is Format.csv:
            return "done"
        try:
            saved = json.loads(path.read_bytes())
            same = (
                saved["version"] == self.version
                and saved["article"]["id"] == article.id
                and saved["article"]["text"] == article.text
            )
        except (OSError, ValueError, KeyError, TypeError):
            return "stale"
        return "done" if same else "stale"

    def write(self, analysis: Analysis) -> Path:
        path = self.path(analysis.article.id)
        if self.fmt is Format.csv:
            return write_atomic(path, safe_csv_bytes(analysis.to_frame()))
        return write_atomic(path, (analysis.model_dump_json() + "\n").encode("utf-8"))


class Stdout:
    """Every analysis to one stream: JSON Lines, one CSV table (header once) or tables."""

    def __init__(self, fmt: Format, stream: TextIO) -> None:
        self.fmt, self.stream = fmt, stream
        self.header = True

    def write(self, analysis: Analysis) -> None:
        if self.fmt is Format.csv:
            safe_frame(analysis.to_frame()).to_csv(self.stream, index=False, header=self.header)
            self.header = False
        elif self.fmt is Format.table:
            self.stream.write(render_table(analysis) + "\n\n")
        else:
            self.stream.write(analysis.model_dump_json() + "\n")


def stale_error(files: ArticleFiles, article: Article) -> InputError:
    """Why a rerun will not replace an article's file without ``--force``."""
    path = files.path(article.id)
    return InputError(
        f"{path} exists and is not this article's analysis by this version "
        "(use --force to overwrite)",
        article.origin or article.id,
    )
