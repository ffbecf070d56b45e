"""Where a batch puts its results: one file per article in a folder (written atomically, and
recognised as complete when ``--resume`` meets it), or one stream on stdout; and the failures
file, one row per input that failed.

One shape whatever the count: JSON on stdout is JSON Lines (one analysis a line) for one
article as for a thousand, and an article's file holds its analysis on one line, so
``cat OUT/*.json`` is JSON Lines too. An article is complete when its JSON file holds the
analysis of the same id and text by the same engine version, or its CSV file the whole claims
table of that id; ``--resume`` skips it.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, TextIO

from provenance.errors import InputError, ProvenanceError, one_line
from provenance.export import (
    neutralise,
    remove_leftovers,
    safe_csv_bytes,
    safe_frame,
    write_atomic,
)
from provenance.journal import changes
from provenance.models import CLAIM_COLUMNS, Analysis, Article, claim_rows

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
    """``FOLDER/NAME.json`` (or ``.jsonl``, ``.csv``) per article, each written atomically.

    ``options`` are what decides an output beside the article itself (engine version, model,
    minimum confidence, text column); they are kept in ``FOLDER/.provenance-FORMAT.json``, so
    that a run with other options never takes the files of an earlier one as done."""

    def __init__(self, folder: Path, fmt: Format, options: dict[str, str | float]) -> None:
        self.folder, self.fmt, self.options = folder, fmt, options
        folder.mkdir(parents=True, exist_ok=True)
        self.leftovers = remove_leftovers(folder)  # temporary files of a killed run
        self.manifest = folder / f".provenance-{fmt.value}.json"

    def claim_folder(self, force: bool) -> None:
        """Record this run's options in the folder; refuse (without ``force``) a folder whose
        files were made with other options: none of them would be this run's output."""
        try:
            before = json.loads(self.manifest.read_bytes())
        except FileNotFoundError:
            before = None
        except (OSError, ValueError):
            before = {}
        if before is not None and before != self.options and not force:
            raise ProvenanceError(
                f"holds outputs made with other options ({changes(before, self.options)}): "
                "rerun with the same options, with --force to redo them, or use another --out",
                str(self.folder),
            )
        if before != self.options:
            write_atomic(self.manifest, json.dumps(self.options).encode("utf-8"))

    def path(self, article_id: str) -> Path:
        return self.folder / f"{output_name(article_id)}.{self.fmt.value}"

    def status(self, article: Article) -> Status:
        """``done`` when the file is this article's complete output (JSON: its analysis with
        this run's options; CSV, which holds no text: a whole claims table of this id),
        ``stale`` when it holds anything else."""
        path = self.path(article.id)
        if not path.exists():
            return "new"
        if self.fmt is Format.csv:
            return "done" if _is_claims_table(path, article.id) else "stale"
        try:
            same = _same_analysis(json.loads(path.read_bytes()), article, self.options)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return "stale"
        return "done" if same else "stale"

    def write(self, analysis: Analysis) -> Path:
        path = self.path(analysis.article.id)
        if self.fmt is Format.csv:
            return write_atomic(path, safe_csv_bytes(analysis.to_frame()))
        return write_atomic(path, (analysis.model_dump_json() + "\n").encode("utf-8"))


def _same_analysis(saved: dict[str, Any], article: Article, options: dict[str, Any]) -> bool:
    """Whether ``saved`` (a JSON analysis) is what this run would write for ``article``: the
    same article (metadata too), engine version and model, and its learned hops split at this
    run's minimum confidence."""
    kept = saved["article"]
    fields = ("id", "text", "url", "publisher", "published", "author")
    if any(kept.get(f) != getattr(article, f) for f in fields) or (
        article.title is not None and kept.get("title") != article.title
    ):
        return False
    if saved["version"] != options["version"] or saved["model"] != options["model"]:
        return False
    least = float(options["min_confidence"])
    for claim in saved["claims"]:
        chain, suggested = claim["chain"], claim.get("suggested", [])
        if any(h.get("confidence") is not None and h["confidence"] < least for h in chain):
            return False
        if any(h.get("confidence") is None or h["confidence"] >= least for h in suggested):
            return False
    return True


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


def analysis_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of one analysis as ``analyze`` writes it: the pydantic models'
    own schema, with every field required, since every field is always written. Shipped as
    ``resources/analysis.schema.json`` (``provenance schema`` prints it; a test keeps the two
    equal)."""
    schema = Analysis.model_json_schema(mode="serialization")
    for part in [schema, *schema.get("$defs", {}).values()]:
        if "properties" in part:
            part["required"] = list(part["properties"])
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": "One line of `provenance analyze --format jsonl` (and each --out NAME.json).",
        **schema,
    }


def _is_claims_table(path: Path, article_id: str) -> bool:
    """Whether ``path`` is a claims CSV as ``analyze`` writes it, every row of ``article_id``."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except (OSError, UnicodeDecodeError, csv.Error):
        return False
    cell = neutralise(article_id)
    return (
        bool(rows)
        and rows[0] == CLAIM_COLUMNS
        and all(len(r) == len(CLAIM_COLUMNS) and r[0] == cell for r in rows[1:])
    )


def exists_error(files: ArticleFiles, article: Article, status: Status) -> InputError:
    """Why an article's existing file is left as it is: without ``--resume`` or ``--force``
    nothing is replaced, and ``--resume`` skips only complete outputs of the same article."""
    path = files.path(article.id)
    if status == "done":
        problem = "exists (use --resume to skip articles done, --force to overwrite)"
    else:
        problem = (
            "exists and is not this article's analysis by this version (use --force to overwrite)"
        )
    return InputError(f"{path} {problem}", article.origin or article.id, article.id)


class Failures:
    """The failures file: one row per input that failed (``input``, ``id``, ``error``), as CSV
    (spreadsheet-safe) or JSON Lines by the extension, flushed row by row so that a killed run
    keeps the rows of what failed before it."""

    COLUMNS = ("input", "id", "error")

    def __init__(self, path: Path) -> None:
        self.path = path
        self.jsonl = path.suffix.lower() in (".jsonl", ".ndjson")
        if not self.jsonl and path.suffix.lower() != ".csv":
            raise ProvenanceError("a failures file ends in .csv or .jsonl", str(path))
        try:
            self.stream = path.open("w", encoding="utf-8", newline="")
        except OSError as err:
            raise ProvenanceError(f"cannot write: {err.strerror or err}", str(path)) from None
        self.count = 0
        self.writer = csv.writer(self.stream, lineterminator="\r\n")
        if not self.jsonl:
            self.writer.writerow(self.COLUMNS)

    def add(self, err: BaseException) -> None:
        """One failed input: its origin (``file``, ``file:line``, URL), article id if known,
        and the problem."""
        origin = getattr(err, "origin", None) or ""
        message = getattr(err, "message", None) or one_line(str(err))
        row = (origin, getattr(err, "article_id", None) or "", message)
        if self.jsonl:
            self.stream.write(
                json.dumps(dict(zip(self.COLUMNS, row, strict=True)), ensure_ascii=False) + "\n"
            )
        else:
            self.writer.writerow([neutralise(cell) for cell in row])
        self.stream.flush()
        self.count += 1

    def __enter__(self) -> Failures:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stream.close()
