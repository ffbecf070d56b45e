"""What makes two texts, two claims or two analyst names the same, so a rating stays on its claim.

A claim is known by the hash of its normalised text and its place among claims with that same
text in the article version, never by its ordinal (``c3``), which any re-analysis renumbers.
These definitions are stored in every database: changing one needs a migration that rewrites
the stored keys.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

#: Characters that show as nothing yet make two names differ (zero-width spaces and joiners,
#: the word joiner, the byte order mark, soft hyphens, bidirectional marks).
_INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f"
                        "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")  # fmt: skip


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def content_hash(text: str) -> str:
    """Identifies an article's text whatever its file name or URL: Unicode NFC, ``\\n`` line
    ends, no surrounding blank space."""
    normal = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _digest(normal.strip())


def fold(text: str) -> str:
    """Text as compared for identity (claim texts, analyst names): NFKC, invisible characters
    dropped, case folded, runs of blank space as one space ("Alice", "alice" and "ali\u200bce"
    are one analyst)."""
    folded = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text)).casefold()
    return " ".join(folded.split())


def claim_keys(texts: Iterable[str]) -> list[str]:
    """The key of each claim in article order: ``HASH-N``, N counting earlier claims of the
    same normalised text (0 for the first)."""
    seen: dict[str, int] = {}
    keys = []
    for text in texts:
        digest = _digest(fold(text))[:24]
        keys.append(f"{digest}-{seen.get(digest, 0)}")
        seen[digest] = seen.get(digest, 0) + 1
    return keys
