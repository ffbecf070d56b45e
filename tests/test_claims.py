"""Segmentation: paragraphs, boilerplate, headline and news-style quotations, on real text."""

from __future__ import annotations

from conftest import SEED
from spacy.language import Language

from provenance import analyze
from provenance.claims import is_boilerplate, nlp_text, quote_regions, segment


def test_seed_boilerplate_and_headline() -> None:
    text = SEED.read_text(encoding="utf-8")
    paragraphs = segment(text)
    boiler = [text[p.start : p.end] for p in paragraphs if p.boilerplate]
    assert "print PRINT" in boiler
    assert {"• Ambassador", "• Trending Japan", "• COVID-19"} <= {b.strip() for b in boiler}
    (headline,) = [p for p in paragraphs if p.headline]
    assert text[headline.start : headline.end].startswith("Putin uses U.S. bases")


def test_boilerplate_lines() -> None:
    for line in (
        "Sunday, September 15, 2019",
        "By Jane Smith and John Doe",
        "Share this",
        "Photo: Getty Images",
        "© 2019 Example Media",
        "Trending Japan",
    ):
        assert is_boilerplate(line), line
    for line in ("The attacks triggered major fires.", "Russia will hold referendums, it said."):
        assert not is_boilerplate(line), line


def test_multi_paragraph_quote_is_one_region() -> None:
    text = (
        "Title here\n\n"
        "“The first paragraph of the quote goes on.\n\n"
        "“The second paragraph continues it,” she said.\n\n"
        "Plain text after."
    )
    regions = quote_regions(text, segment(text))
    assert len(regions) == 1
    start, end = regions[0]
    assert text[start] == "“" and text[end - 1] == "”"
    assert "second paragraph" in text[start:end]


def test_straight_quote_reopened_in_the_next_paragraph_continues() -> None:
    # PolNeAR (Breitbart, Kasich's victory speech): straight quotes, reopened per paragraph
    text = (
        "Kasich wins Ohio\n\n"
        'Kasich said, "Tonight we arrived in Cleveland, and we went to a restaurant.\n\n'
        '"We’re now up 400,000 plus jobs. We’re running a $2 billion surplus."\n\n'
        "Plain text after."
    )
    (region,) = quote_regions(text, segment(text))
    assert text[region[0] : region[1]].endswith('surplus."')
    assert "Cleveland" in text[region[0] : region[1]]


def test_unclosed_quote_ends_with_its_paragraph() -> None:
    text = "Title here\n\n“An unclosed quote here.\n\nA plain paragraph."
    (region,) = quote_regions(text, segment(text))
    assert "plain" not in text[region[0] : region[1]]


def test_parser_copy_keeps_offsets() -> None:
    text = "Clinton\u00a0was headed\u2009there."
    clean = nlp_text(text)
    assert len(clean) == len(text) and "\u00a0" not in clean


def test_a_huge_paragraph_is_cut_for_the_parser() -> None:
    sentence = "The council said the bridge would reopen in May. "
    text = "Title here\n\n" + sentence * 5000  # one 250,000-character paragraph
    paragraphs = segment(text)
    assert all(p.end - p.start <= 20_000 for p in paragraphs)
    body = [p for p in paragraphs if not p.headline]
    assert body[0].start == text.index("The council")
    assert text[body[1].start : body[1].start + 11] == "The council"  # cut at a sentence end


def test_wire_copy_layout_is_not_claimed(nlp: Language) -> None:
    """Bylines, datelines, "Related:"/"Read more" lines, staff credits and photo credits of
    wire copy are never claims, and the dateline is not part of the first claim."""
    text = (
        "Dam talks stall as river runs low\n\n"
        "By Maria Lindqvist and Tom Okafor, Reuters\n\n"
        "CAIRO, March 3 (Reuters) - Talks on the dam stalled on Tuesday, two diplomats said.\n\n"
        "Related: Egypt and Sudan hold drills near the border\n\n"
        "The river fell to its lowest level in a decade this month.\n\n"
        "READ MORE: How the dam will be filled\n\n"
        "A boat rests on the dry riverbed near Aswan. REUTERS/Amr Abdallah/File Photo\n\n"
        "(Reporting by Maria Lindqvist; Editing by Tom Okafor)"
    )
    claims = analyze(text, nlp=nlp).claims
    joined = " | ".join(c.text for c in claims)
    for furniture in ("By Maria", "CAIRO", "Related:", "READ MORE", "REUTERS/", "Reporting by"):
        assert furniture not in joined, furniture
    assert any(c.text.startswith("Talks on the dam stalled") for c in claims)
    assert is_boilerplate("Our Standards: The Thomson Reuters Trust Principles.")  # footer
    dated = "Oil jumps\n\nNEW YORK/LONDON (Reuters) - Oil rose on Monday."
    par = segment(dated)[-1]
    assert dated[par.start : par.end] == "Oil rose on Monday."  # a dateline of two cities
    assert not is_boilerplate("By Tuesday, the Senate will vote on the bill.")
    assert not is_boilerplate("The Reuters/Ipsos poll showed the lead narrowing.")


def test_learned_hops_below_the_minimum_confidence_are_suggestions(nlp: Language) -> None:
    """A hop only the learned cue model found is a suggestion when less sure than the
    minimum, back in its place in the chain when the minimum is lowered; rules' hops stay."""
    from provenance.claims import with_min_confidence
    from provenance.dashboard.render import chain_dot

    text = (
        "Port strike spreads to Antwerp\n\n"
        "Dockers in Antwerp walked out on Monday, the union said.\n\n"
        "The port authority backed calls for talks with the shipping lines.\n\n"
        "Shipping firms warned of delays, and the mayor urged both sides to meet."
    )
    full = analyze(text, nlp=nlp, min_confidence=0.0)
    learned = [c for c in full.claims if any(h.confidence is not None for h in c.chain)]
    assert learned, "the learned cue model found no hop in this text"
    strict = analyze(text, nlp=nlp, min_confidence=1.0)
    for claim in strict.claims:
        assert all(h.confidence is None for h in claim.chain)
        assert all(h.confidence is not None and h.confidence < 1.0 for h in claim.suggested)
    guessed = next(c for c in strict.claims if c.suggested)
    assert "suggestion:" in chain_dot(guessed, min_confidence=1.0)
    rule = next(c for c in strict.claims if "walked out" in c.text)
    assert [h.name for h in rule.chain] == ["union"]
    back = with_min_confidence(strict, 0.0)
    assert [c.chain for c in back.claims] == [c.chain for c in full.claims]
    assert all(not c.suggested for c in back.claims)
