"""Errors that carry the input they are about, so every failure prints as one useful line."""

from __future__ import annotations

import unicodedata

#: Characters shown escaped: they could break a message's line or reorder what a reader sees.
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def one_line(text: str) -> str:
    """``text`` safe to print as part of one line: control characters, line and paragraph
    separators and bidirectional overrides (from file names, URLs, server replies) become
    visible escapes like ``\\n`` and ``\\u202e``."""
    if text.isprintable() and not _BIDI.intersection(text):
        return text
    out = []
    for ch in text:
        if ch in _BIDI or unicodedata.category(ch) in ("Cc", "Zl", "Zp", "Cs"):
            out.append(ch.encode("unicode_escape", "backslashreplace").decode("ascii"))
        else:
            out.append(ch)
    return "".join(out)


class ProvenanceError(Exception):
    """Base class: ``str(err)`` is the one line a user sees (``origin: problem``), with any
    control character in the origin or the problem escaped."""

    def __init__(
        self, message: str, origin: str | None = None, article_id: str | None = None
    ) -> None:
        self.origin = origin
        self.message = message
        self.article_id = article_id
        line = f"{origin}: {message}" if origin else message
        super().__init__(one_line(line))

    def __reduce__(self) -> tuple[type[ProvenanceError], tuple[str, str | None, str | None]]:
        """Pickled whole (origin and id too), as when a worker process sends it back."""
        return type(self), (self.message, self.origin, self.article_id)


class InputError(ProvenanceError):
    """An input that cannot be read as an article (empty, binary, too large, unreachable...);
    ``article_id`` names the article when it was read but could not be analysed."""


class ModelError(ProvenanceError):
    """The spaCy model is missing or cannot be loaded."""


class RubricError(ProvenanceError):
    """A rubric file that is not valid; ``origin`` names the file and the key path."""
