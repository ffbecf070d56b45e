"""Size limits that keep the cost of any input linear in its length.

Two kinds: one byte cap for every input (file, record, download, upload; the CLI and the
dashboard share it and count in the same unit), and caps on how much text the parser sees at
once. spaCy's parser and the attribution that walks its trees grow faster than linearly with
the length of one sentence: a line of a few hundred thousand characters without a full stop
took minutes and gigabytes. So paragraphs are cut before parsing into pieces of at most
``MAX_PARAGRAPH`` characters, and a sentence running longer than ``MAX_SENTENCE`` characters is
cut too, at the last space (else anywhere) so each piece is parsed on its own. Real prose never
reaches either cap (news sentences are under 1,000 characters); offsets are unchanged, the
pieces are spans of the original text.
"""

from __future__ import annotations

import re
from bisect import bisect_right

#: The largest input accepted, in bytes (5 MB, decimal megabytes everywhere).
MAX_INPUT_BYTES = 5_000_000
#: Longest paragraph parsed as one document, in characters.
MAX_PARAGRAPH = 20_000
#: Longest stretch without a sentence end parsed as one piece, in characters.
MAX_SENTENCE = 1_000

_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]]*\s")


def human_size(size: int) -> str:
    """Bytes in the one unit users see: "5.0 MB", "12.3 kB", "512 bytes"."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 1_000:
        return f"{size / 1_000:.1f} kB"
    return f"{size} bytes"


def _cut_point(text: str, start: int, end: int, size: int) -> int:
    """Where to end a piece starting at ``start``: the last sentence end within ``size``
    characters (past its half), else the last space, else ``size`` characters on."""
    limit = start + size
    window = text[start:limit]
    ends = [m.end() for m in _SENTENCE_END.finditer(window)]
    if ends and ends[-1] > size // 2:
        return start + ends[-1]
    space = window.rfind(" ")
    return start + space + 1 if space > 0 else limit


def cap_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Paragraph spans with long paragraphs and overlong sentences cut into parseable pieces.

    Each span is first cut into pieces of at most ``MAX_PARAGRAPH`` characters; then a piece
    holding a stretch of more than ``MAX_SENTENCE`` characters without a sentence end is cut
    at that stretch. Every piece is a span of ``text`` with no surrounding whitespace; the work
    is linear in the length of the text.
    """
    out: list[tuple[int, int]] = []
    for start, end in spans:
        while start < end:
            stop = end
            if end - start > MAX_PARAGRAPH:
                stop = _cut_point(text, start, end, MAX_PARAGRAPH)
            stop = _long_sentence_cut(text, start, stop)
            piece_end = stop
            while piece_end > start and text[piece_end - 1].isspace():
                piece_end -= 1
            if piece_end > start:
                out.append((start, piece_end))
            start = stop
            while start < end and text[start].isspace():
                start += 1
    return out


def _long_sentence_cut(text: str, start: int, stop: int) -> int:
    """``stop``, or an earlier cut ending the first sentence longer than ``MAX_SENTENCE``."""
    if stop - start <= MAX_SENTENCE:
        return stop
    sentence_start = start
    for match in _SENTENCE_END.finditer(text, start, stop):
        if match.end() - sentence_start > MAX_SENTENCE:
            break
        sentence_start = match.end()
    else:
        if stop - sentence_start <= MAX_SENTENCE:
            return stop
    if sentence_start > start:  # the sentences before the long one make a piece of their own
        return sentence_start
    return _cut_point(text, start, stop, MAX_SENTENCE)


def quotes_within(quotes: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The quote regions (sorted, not overlapping) that overlap ``start..end``: a paragraph's
    reading checks each token against these only, not against every quote of the article."""
    first = bisect_right(quotes, (start, start))
    if first and quotes[first - 1][1] > start:
        first -= 1
    last = first
    while last < len(quotes) and quotes[last][0] < end:
        last += 1
    return quotes[first:last]
