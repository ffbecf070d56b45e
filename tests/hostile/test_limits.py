"""Caps before parsing: a line without sentence ends is cut into bounded pieces, real prose is
left whole, and every piece is a span of the original text."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language

from provenance.claims import segment, split_paragraphs
from provenance.limits import MAX_PARAGRAPH, MAX_SENTENCE, cap_spans, quotes_within
from provenance.models import Article
from provenance.pipeline import analyze_article

SEED = Path(__file__).resolve().parents[2] / "data" / "seed_putin_report.txt"


def _pieces(text: str) -> list[tuple[int, int]]:
    return cap_spans(text, split_paragraphs(text))


def test_a_long_line_becomes_bounded_pieces_of_the_same_text() -> None:
    text = " ".join(["officials said the harbour would close"] * 30_000)  # ~1.2 MB, no full stop
    pieces = _pieces(text)
    assert all(0 < end - start <= MAX_SENTENCE for start, end in pieces)
    assert [text[s:e] for s, e in pieces] == [text[s:e].strip() for s, e in pieces]
    assert " ".join(text[s:e] for s, e in pieces) == text  # cut at spaces, nothing lost
    unspaced = "x" * (3 * MAX_PARAGRAPH + 5)
    assert sum(e - s for s, e in _pieces(unspaced)) == len(unspaced)


def test_prose_is_not_cut() -> None:
    text = SEED.read_text(encoding="utf-8")
    assert _pieces(text) == split_paragraphs(text)
    long_paragraph = " ".join(["The mayor said the harbour would close on Monday."] * 1_000)
    pieces = _pieces(long_paragraph)
    assert all(long_paragraph[e - 1] == "." for _, e in pieces)  # at sentence ends
    assert all(e - s <= MAX_PARAGRAPH for s, e in pieces)


def test_quotes_within_keeps_only_overlapping_regions() -> None:
    quotes = [(0, 5), (10, 20), (30, 40), (50, 60)]
    assert quotes_within(quotes, 15, 35) == [(10, 20), (30, 40)]
    assert quotes_within(quotes, 20, 30) == []
    assert quotes_within(quotes, 0, 100) == quotes
    assert quotes_within([], 0, 10) == []


def test_a_long_line_is_analysed_with_offsets_into_the_text(nlp: Language) -> None:
    line = " ".join(["the minister said officials would review the report"] * 2_000)
    analysis = analyze_article(Article(id="line", text=line), nlp)
    assert len(segment(line)) > len(line) // MAX_SENTENCE
    for claim in analysis.claims:
        assert line[claim.start : claim.end] == claim.text
