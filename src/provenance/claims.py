"""Segmenting an article: paragraphs, boilerplate, the headline, and quotations.

Everything here works on character offsets into ``Article.text`` and never changes the text.
Quotations follow the news convention: a quote that runs over several paragraphs reopens its
mark at each paragraph and closes only at the end, so an unclosed quote at a paragraph's end
continues when the next paragraph opens with a quote mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from provenance import lexicon
from provenance.limits import cap_spans
from provenance.models import Analysis, Claim, Hop, Suggestion

#: Same-length replacements: spaCy sees plain spaces while offsets stay those of the original.
_SPACE_LIKE = str.maketrans({c: " " for c in "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\t"})

_BULLET = re.compile(r"^\s*(?:[•·▪►◦‣∙*+>|-]|\d+[.)])\s+")
_DATE_LINE = re.compile(
    r"^\s*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\s+\d{4}|\d{4}-\d{2}-\d{2})"
    r"(?:[\s,]+\d{1,2}:\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s*[A-Z]{2,4})?)?\s*$"
)
_BYLINE = re.compile(
    r"^\s*(?:By|BY|Written by|Reporting by|Editing by|Additional reporting by)\s+[A-Z][\w.'’-]*"
    r"(?:\s+[A-Z][\w.'’-]*){0,3}(?:\s*(?:,|and|&)\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})*"
    # then the outlet, a time or a date: capitalised words and numbers only ("By Jane Doe,
    # Reuters", "By Jane Doe | CNN Updated 1:04 PM ET"), never a sentence ("By Tuesday, the
    # Senate will vote")
    r"(?:\s*[,|/•·–—-]\s*(?:[A-Z0-9][\w.:'’/&-]*)(?:[\s,]+(?:[A-Z0-9][\w.:'’/&-]*|and|of|the"
    r"|on|at|am|pm|a\.m\.|p\.m\.)){0,12})?\s*$"
)
#: Staff credits of wire copy: "Reporting by Jane Doe; Editing by John Roe", whole or trailing.
_STAFF = (
    r"(?:additional\s+)?(?:reporting|writing|editing|edited|compiled|written|research|graphics)"
)
_STAFF_LINE = re.compile(rf"^\s*\(?\s*{_STAFF}(?:\s+and\s+\w+)?\s+by\b", re.IGNORECASE)
_STAFF_TAIL = re.compile(rf"\s*\(\s*{_STAFF}(?:\s+and\s+\w+)?\s+by\b[^()]*\)\s*$", re.IGNORECASE)
#: Photo captions and credits: "(AP Photo/Evan Vucci)", "REUTERS/Dado Ruvic", "FILE PHOTO: …".
_PHOTO = re.compile(
    r"\b(?:REUTERS|AP Photo|AFP|Getty Images|EPA|Photo|PHOTO)\s*/\s*[A-Z][\w .'’/-]*\)?\s*$"
    r"|^\s*(?:FILE PHOTO|FILE|PHOTO)\s*[:–—-]\s"
)
_LINK_LEAD = re.compile(
    r"^\s*(?:" + "|".join(re.escape(w) for w in lexicon.LINK_LEADS) + r")\s*(?:[:|»›>–—-]|$)"
    r"|^\s*(?:read more|click here|sign up)\b",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"^\s*(?:\(?(?:photo|image|picture|video|file photo|credit|source)s?\b[^.]{0,80}\)?"
    r"|©.*|copyright\b.*|all rights reserved.*)\s*$",
    re.IGNORECASE,
)
#: A dateline at the start of a paragraph: "WASHINGTON (Reuters) -", "LONDON, May 3 (AP) —",
#: "(CNN) —"; never "WALLACE:" (a transcript's speaker label). Not part of the claim, and its
#: agency is the article's publisher.
DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’/-]+(?:\s+[A-Z][A-Z.'’/-]+){0,3}(?:,\s*[A-Z][\w.]*(?:\s+[\w.]+){0,3})?"
    r"\s*(?:\((?P<agency>[A-Za-z .&]{2,30})\))?|\((?P<alone>[A-Za-z .&]{2,30})\))\s*[-–—]+\s+"
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")

OPENING_QUOTES = "“«„"
CLOSING_QUOTES = "”»"


@dataclass(frozen=True)
class Paragraph:
    """A paragraph's span in the article text and what it is."""

    index: int
    start: int
    end: int
    boilerplate: bool = False
    headline: bool = False


def nlp_text(text: str) -> str:
    """A copy of ``text`` for the parser, same length so every offset still holds."""
    return text.translate(_SPACE_LIKE)


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: blank lines always split; a single line break splits too unless the
    line was hard-wrapped (it ends mid-sentence and the next line starts in lower case)."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    pos = 0
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        stripped = line.strip()
        line_start = pos + (len(line) - len(line.lstrip()))
        line_end = pos + len(line.rstrip())
        pos += len(line)
        if not stripped:
            continue
        if start is None:
            start = line_start
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        wrapped = (
            bool(nxt)
            and nxt[0].islower()
            and stripped[-1] not in ".!?:;\"”’'"
            and len(stripped) > 40
        )
        if not wrapped:
            spans.append((start, line_end))
            start = None
    return spans


def is_boilerplate(par: str) -> bool:
    """Navigation, widgets, bylines, datelines, credits: text that is never a claim."""
    line = par.strip()
    if not line:
        return True
    if any(p.search(line) for p in (_DATE_LINE, _BYLINE, _CREDIT, _STAFF_LINE, _PHOTO, _LINK_LEAD)):
        return True
    words = _WORD.findall(line)
    if not words:
        return True
    if all(w.lower() in lexicon.WIDGET_WORDS for w in words):
        return True
    if _BULLET.match(line) and len(words) <= 8 and line[-1] not in '.!?"”':
        return True
    # Short menu-like lines: few words, no sentence punctuation, every word capitalised.
    return (
        len(words) <= 4
        and line[-1] not in '.!?"”:'
        and all(w[0].isupper() or w.isupper() for w in words)
        and not any(q in line for q in '“”"')
        and len(line) < 40
    )


def find_headline(text: str, spans: list[tuple[int, int]], title: str | None) -> int | None:
    """Index of the paragraph that is the headline: the title where the text holds it, else the
    first substantive line that reads like a headline (short, no final full stop)."""
    if title:
        wanted = " ".join(title.split()).lower()
        for i, (s, e) in enumerate(spans[:6]):
            if " ".join(text[s:e].split()).lower() == wanted:
                return i
    for i, (s, e) in enumerate(spans[:4]):
        line = text[s:e].strip()
        if is_boilerplate(line):
            continue
        words = _WORD.findall(line)
        if (2 <= len(words) <= 25 and not line.endswith((".", "”", '"'))) or (
            2 <= len(words) <= 14 and i == 0
        ):
            return i
        return None
    return None


def segment(text: str, title: str | None = None) -> list[Paragraph]:
    """The article's paragraphs, with boilerplate and the headline marked; a body paragraph
    starts after its dateline and ends before a trailing staff credit, which are not claims."""
    spans = cap_spans(text, split_paragraphs(text))  # bounded pieces: linear cost
    head = find_headline(text, spans, title)
    paragraphs: list[Paragraph] = []
    for i, (s, e) in enumerate(spans):
        boiler = i != head and is_boilerplate(text[s:e])
        if i != head and not boiler:
            s, e = _trim(text, s, e)
        paragraphs.append(
            Paragraph(index=i, start=s, end=e, boilerplate=boiler, headline=i == head)
        )
    return paragraphs


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    dateline = DATELINE.match(text[start : min(end, start + 120)])
    if dateline and start + dateline.end() < end:
        start += dateline.end()
    tail = _STAFF_TAIL.search(text, start, end)
    if tail and tail.start() > start:
        end = tail.start()
    return start, end


def layout_publisher(text: str) -> str | None:
    """The outlet the article's own layout names (a dateline's "(Reuters)", a byline's
    ", Reuters"), for articles that come without a publisher."""
    for s, e in split_paragraphs(text[:3000])[:8]:
        line = text[s:e].strip()
        dateline = DATELINE.match(line)
        if dateline and (dateline["agency"] or dateline["alone"]):
            return (dateline["agency"] or dateline["alone"]).strip()
        if _BYLINE.match(line):
            tail = re.split(r"\s*[,|/•·–—]\s*", line)
            outlet = tail[-1].strip() if len(tail) > 1 else ""
            if outlet and not any(c.isdigit() for c in outlet) and len(outlet.split()) <= 4:
                return outlet
    return None


def quote_regions(text: str, paragraphs: list[Paragraph]) -> list[tuple[int, int]]:
    """Spans of quoted speech, from the opening mark to the closing one (both included).

    Curly quotes pair by direction; straight quotes (and typewriter ''pairs'') alternate within
    a paragraph, and one closes a curly quote left open (sloppy copy mixes them). A quote left
    open at the end of a paragraph continues into the next one when that paragraph opens with a
    quote mark (the news convention); otherwise it ends with its paragraph.
    """
    regions: list[tuple[int, int]] = []
    open_at: int | None = None
    pars = [p for p in paragraphs if not p.boilerplate]
    for n, par in enumerate(pars):
        straight_open = False
        pos = par.start
        if open_at is not None:
            # the mark that reopens a continued quote opens nothing new; a straight one
            # makes the next straight mark the closing one
            straight_open = text[pos] == '"' or text.startswith("''", pos)
            pos += 2 if text.startswith("''", pos) else 1
        while pos < par.end:
            ch, width = text[pos], 1
            if text.startswith("''", pos):
                ch, width = '"', 2  # ''quoted'' in typewriter style (the NYT's archive)
            if ch == '"' and open_at is not None and not straight_open:
                regions.append((open_at, pos + width))  # “… closed by a straight one"
                open_at = None
            elif ch in OPENING_QUOTES or (ch == '"' and not straight_open):
                if ch == '"':
                    straight_open = True
                if open_at is None:
                    open_at = pos
            elif ch in CLOSING_QUOTES or (ch == '"' and straight_open):
                if ch == '"':
                    straight_open = False
                if open_at is not None:
                    regions.append((open_at, pos + width))
                    open_at = None
            pos += width
        if open_at is not None:
            nxt = pars[n + 1] if n + 1 < len(pars) else None
            continues = nxt is not None and (
                text[nxt.start] in OPENING_QUOTES + '"' or text.startswith("''", nxt.start)
            )
            if not continues:
                regions.append((open_at, par.end))
                open_at = None
    if open_at is not None:
        regions.append((open_at, len(text)))
    return regions


#: Learned hops less sure than this are suggestions, not the chain (``min_confidence``).
DEFAULT_MIN_CONFIDENCE = 0.0


def _weak(hop: Hop, min_confidence: float) -> bool:
    return hop.confidence is not None and hop.confidence < min_confidence


def split_chain(claim: Claim, min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> Claim:
    """The claim with its learned hops below ``min_confidence`` moved from the chain to its
    suggestions, and suggestions at or above it moved back, each to its place."""
    full = list(claim.chain)
    for hop in sorted(claim.suggested, key=lambda s: s.position):
        full.insert(min(hop.position, len(full)), Hop(**hop.model_dump(exclude={"position"})))
    chain = [hop for hop in full if not _weak(hop, min_confidence)]
    suggested = [
        Suggestion(**hop.model_dump(), position=i)
        for i, hop in enumerate(full)
        if _weak(hop, min_confidence)
    ]
    if chain == claim.chain and suggested == claim.suggested:
        return claim
    return claim.model_copy(update={"chain": chain, "suggested": suggested})


def with_min_confidence(analysis: Analysis, min_confidence: float) -> Analysis:
    """The analysis as read with another minimum confidence for learned hops."""
    claims = [split_chain(claim, min_confidence) for claim in analysis.claims]
    return analysis.model_copy(update={"claims": claims})
