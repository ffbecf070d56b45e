"""Writing outputs: spreadsheet-safe CSV, JSON Lines or Parquet tables, chosen by the file
extension, every file written atomically (temporary file, then rename).

Article text is user data. A CSV cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return can run as a formula when the file is opened in a spreadsheet (CSV injection),
so such text cells, and headers, get a leading single quote. Numeric cells stay numbers, and so
does text that is just a number ("-3.5") or a lone "-".
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd

from provenance.errors import ProvenanceError

#: First characters that make a spreadsheet treat a cell as a formula (OWASP, CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
FORMATS = {".csv": "CSV", ".jsonl": "JSON Lines", ".parquet": "Parquet"}
#: Ends the hidden temporary files outputs are written to before their rename.
TEMP_SUFFIX = ".tmp"


def neutralise(value: Any) -> Any:
    """A text cell made inert for spreadsheets; anything that is not text is returned as is."""
    if not isinstance(value, str) or not value:
        return value
    if value == "-" or _PLAIN_NUMBER.fullmatch(value):
        return value
    stripped = value.lstrip(" ")  # some spreadsheets skip leading spaces before a formula
    if stripped.startswith(FORMULA_START) or value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell and header neutralised; numeric columns untouched."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise)
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


def safe_csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as spreadsheet-safe UTF-8 CSV (with BOM, so Excel reads the encoding)."""
    buffer = io.StringIO()
    safe_frame(frame).to_csv(buffer, index=False, lineterminator="\r\n")
    return buffer.getvalue().encode("utf-8-sig")


def table_suffix(path: str | Path) -> str:
    """The table format of ``path`` by its extension; checked before any work is done."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ProvenanceError(
            f"unknown output format '{suffix or '(none)'}' (use {', '.join(FORMATS)})", str(path)
        )
    return suffix


def write_atomic(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to a hidden temporary file beside ``path``, then rename it over ``path``:
    a reader, or a run killed half-way, sees the old file or the whole new one, never part."""
    target = Path(path)
    with atomic_path(target) as temp:
        temp.write_bytes(data)
    return target


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target`` (same file system) to write to, renamed to it on
    success and removed on failure: for files written in a stream, like a backup."""
    temp = target.with_name(f".{target.name}.{os.getpid()}{TEMP_SUFFIX}")
    try:
        yield temp
        os.replace(temp, target)
    except OSError as err:
        temp.unlink(missing_ok=True)
        raise ProvenanceError(f"cannot write: {err.strerror or err}", str(target)) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def remove_leftovers(folder: Path) -> int:
    """Delete the temporary files a killed run left in ``folder``; how many there were."""
    found = list(folder.glob(f".*{TEMP_SUFFIX}"))
    for path in found:
        path.unlink(missing_ok=True)
    return len(found)


def check_new(path: str | Path, force: bool) -> None:
    """Refuse to replace an existing output file unless ``force`` (checked before any work)."""
    if not force and Path(path).exists():
        raise ProvenanceError("exists (use --force to overwrite)", str(path))


def write_table(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write ``frame`` as CSV (safe), JSONL or Parquet, by the extension of ``path``;
    atomically (see :func:`write_atomic`)."""
    target = Path(path)
    suffix = table_suffix(target)
    if suffix == ".csv":
        return write_atomic(target, safe_csv_bytes(frame))
    with atomic_path(target) as temp:
        if suffix == ".jsonl":
            frame.to_json(temp, orient="records", lines=True, force_ascii=False)
        else:
            frame.to_parquet(temp, index=False)
    return target
