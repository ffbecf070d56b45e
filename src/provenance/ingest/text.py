"""Bytes and text as ingest reads them: size caps before reading, binary and UTF-16 refused
with a message that says which, strict UTF-8 (offsets must mean the same text every time), and
the Article of a pasted text."""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path
from typing import NamedTuple

from provenance.errors import InputError
from provenance.fetch import PrivateUrls
from provenance.limits import human_size
from provenance.models import Article

_SNIFF_BYTES = 8192


class Options(NamedTuple):
    """How one call of :func:`provenance.ingest.read_inputs` reads its inputs."""

    text_column: str
    max_bytes: int
    timeout: float
    allow_private: PrivateUrls


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
        id=id or short_sha1(text),
        title=title or None,
        text=with_title(title, text),
        url=url or None,
        publisher=publisher or None,
        published=published or None,
        author=author or None,
        origin=origin,
    )


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refusing empty and oversized files before reading them."""
    size = path.stat().st_size
    if size == 0:
        raise InputError("empty file", str(path))
    if size > max_bytes:
        limit = human_size(max_bytes)
        raise InputError(f"file is {human_size(size)}, over the {limit} limit", str(path))
    return path.read_bytes()


def reject_binary(data: bytes, origin: str) -> None:
    """Refuse UTF-16 and binary content with a message that says which it is."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError("UTF-16 text; save it as UTF-8", origin)
    if b"\x00" in data:
        raise InputError("binary file (contains NUL bytes), not text", origin)


def decode(data: bytes, origin: str) -> str:
    """Strict UTF-8 (offsets must mean the same text every time); only a leading BOM is dropped."""
    reject_binary(data, origin)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise InputError(
            f"invalid UTF-8 at byte offset {err.start} (line {line}); save the file as UTF-8",
            origin,
        ) from err
    return text.removeprefix("\ufeff")


def looks_like_text(path: Path) -> bool:
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


def with_title(title: str | None, text: str) -> str:
    """Put the headline in the text (a blank line after it) unless the text already starts so."""
    title = (title or "").strip()
    if not title or text.lstrip().startswith(title):
        return text
    return f"{title}\n\n{text}"


def short_sha1(value: str) -> str:
    return hashlib.sha1(value.encode("utf-8")).hexdigest()[:12]
