"""The Python API on the seed article through the real spaCy model: the chains the issue asks
for, offsets that index the text as read, and texts that try to break the pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED
from spacy.language import Language

from provenance import InputError, analyze, analyze_many
from provenance.models import Analysis, Claim


def seed_text() -> str:
    with SEED.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def claim_with(analysis: Analysis, words: str) -> Claim:
    """The shortest claim containing ``words`` (a quote may be split into several claims)."""
    found = [c for c in analysis.claims if words in c.text]
    assert found, f"no claim contains {words!r}"
    return min(found, key=lambda c: len(c.text))


def assert_offsets_index_text(analysis: Analysis) -> None:
    for claim in analysis.claims:
        assert analysis.article.text[claim.start : claim.end] == claim.text, claim.id
        for hop in claim.chain:
            if hop.start is not None and hop.end is not None:
                assert analysis.article.text[hop.start : hop.end] == hop.text, (claim.id, hop)


def test_article_text_is_the_file_as_read(seed_analysis: Analysis) -> None:
    assert seed_analysis.article.text == seed_text()
    assert seed_analysis.article.id == "seed_putin_report"
    assert seed_analysis.article.title == (
        "Putin uses U.S. bases as a test of Japan’s loyalty: secret report"
    )


def test_first_quote_chain_runs_from_the_russian_official_to_shukan_bunshun(
    seed_analysis: Analysis,
) -> None:
    claim = claim_with(seed_analysis, "no intention to discuss the possible transfer")
    chain = claim.chain
    assert len(chain) == 4, claim.rendered_chain
    official, report, harada, magazine = chain
    assert "Russian government official" in official.name
    assert (official.type, official.anonymous) == ("person", True)
    assert "secret report" in report.name
    assert (report.type, report.anonymous) == ("document", True)
    assert harada.name == "Takeo Harada"
    assert (harada.type, harada.anonymous) == ("person", False)
    assert "former Foreign Ministry official" in (harada.role or "")
    assert magazine.name == "Shukan Bunshun"
    assert magazine.type == "media"
    assert claim.rendered_chain.endswith("Takeo Harada → Shukan Bunshun")


def test_headline_is_a_claim_attributed_to_the_secret_report(seed_analysis: Analysis) -> None:
    headlines = [c for c in seed_analysis.claims if c.kind == "headline"]
    assert len(headlines) == 1
    headline = headlines[0]
    assert headline.text.startswith("Putin uses U.S. bases as a test of Japan’s loyalty")
    assert headline.chain, "the headline's source is given after the colon"
    assert "secret report" in headline.chain[0].name
    assert headline.chain[0].type == "document"


def test_source_close_to_the_prime_minister_is_one_anonymous_person(
    seed_analysis: Analysis,
) -> None:
    claim = claim_with(seed_analysis, "It is totally unacceptable")
    assert len(claim.chain) == 1, claim.rendered_chain
    (hop,) = claim.chain
    assert (hop.type, hop.anonymous) == ("person", True)
    assert "close to the prime minister" in (hop.role or "")


def test_multi_paragraph_report_quotes_stay_with_the_report(seed_analysis: Analysis) -> None:
    for words in (
        "Russia has been severely criticized by Western bloc countries",
        "Moscow can clearly demonstrate",
        "will not participate in any sanction measures",
    ):
        claim = claim_with(seed_analysis, words)
        assert claim.chain, words
        assert "secret report" in claim.chain[0].name, (words, claim.rendered_chain)


@pytest.mark.parametrize("boilerplate", ["print PRINT", "Trending Japan", "COVID-19", "Ukraine"])
def test_no_claim_overlaps_boilerplate(seed_analysis: Analysis, boilerplate: str) -> None:
    text = seed_analysis.article.text
    start = text.index(boilerplate)
    end = start + len(boilerplate)
    for claim in seed_analysis.claims:
        assert claim.end <= start or claim.start >= end, (claim.id, claim.text)
        assert boilerplate not in claim.text


def test_claim_offsets_index_the_article_text(seed_analysis: Analysis) -> None:
    assert seed_analysis.claims
    assert_offsets_index_text(seed_analysis)
    ids = [c.id for c in seed_analysis.claims]
    assert len(ids) == len(set(ids))


def test_every_hop_names_a_listed_source(seed_analysis: Analysis) -> None:
    for claim in seed_analysis.claims:
        for hop in claim.chain:
            assert seed_analysis.source(hop.source_id).type == hop.type


def test_to_frame_has_one_row_per_claim_with_rendered_chains(seed_analysis: Analysis) -> None:
    frame = seed_analysis.to_frame()
    assert len(frame) == len(seed_analysis.claims)
    for column in ("article_id", "claim_id", "text", "start", "end", "kind", "chain", "hops",
                   "anonymous_hops"):  # fmt: skip
        assert column in frame.columns
    for claim, row in zip(seed_analysis.claims, frame.itertuples(), strict=True):
        assert row.claim_id == claim.id
        assert row.chain == " → ".join(hop.name for hop in claim.chain)
        assert row.hops == len(claim.chain)
        assert row.anonymous_hops == sum(hop.anonymous for hop in claim.chain)


def test_pasted_text_gives_the_same_claims_as_the_file(
    seed_analysis: Analysis, nlp: Language
) -> None:
    pasted = analyze(seed_text(), nlp=nlp)
    assert pasted.article.text == seed_analysis.article.text
    assert pasted.article.id != seed_analysis.article.id  # a hash of the text, not a file stem

    def shape(analysis: Analysis) -> list[tuple[int, int, str, str]]:
        return [(c.start, c.end, c.kind, c.rendered_chain) for c in analysis.claims]

    assert shape(pasted) == shape(seed_analysis)


@pytest.mark.parametrize("text", ["", "   \n\t\n", "\ufeff"])
def test_empty_text_is_an_input_error(text: str, nlp: Language) -> None:
    with pytest.raises(InputError, match="empty"):
        analyze(text, nlp=nlp)


def test_missing_file_is_an_input_error_naming_it(tmp_path: Path, nlp: Language) -> None:
    missing = tmp_path / "nowhere.txt"
    with pytest.raises(InputError) as info:
        analyze(missing, nlp=nlp)
    assert str(missing) in str(info.value)


def test_unbalanced_quote_marks_do_not_break_the_analysis(nlp: Language) -> None:
    """Quotes opened and never closed, closed and never opened: every paragraph still yields
    claims at valid offsets, and the well-formed attribution at the end is still read."""
    paragraphs = [
        "Talks stall: ministry",
        "“We will not sign anything this year, said the minister on Tuesday.",
        "“The other side has not moved at all.",
        "Officials” in Tokyo said the talks would resume” in March, according to Kyodo.",
    ]
    analysis = analyze("\n\n".join(paragraphs), nlp=nlp)
    assert_offsets_index_text(analysis)
    for paragraph in paragraphs:
        assert any(c.text in paragraph for c in analysis.claims), paragraph
    resume = claim_with(analysis, "the talks would resume")
    assert resume.chain and "Kyodo" in resume.chain[-1].name, resume.rendered_chain


def test_one_line_text(nlp: Language) -> None:
    analysis = analyze("The minister said the bridge would reopen in May.", nlp=nlp)
    assert len(analysis.claims) >= 1
    assert_offsets_index_text(analysis)
    claim = claim_with(analysis, "bridge would reopen")
    assert [hop.name for hop in claim.chain] == ["minister"]


def test_non_breaking_spaces_are_kept_and_offsets_still_hold(nlp: Language) -> None:
    text = "Bridge to reopen\n\nThe\u00a0minister said the bridge would reopen in\u00a0May."
    analysis = analyze(text, nlp=nlp)
    assert analysis.article.text == text
    assert_offsets_index_text(analysis)
    assert any("\u00a0May" in c.text for c in analysis.claims)


def test_analyze_many_reports_broken_inputs_and_goes_on(tmp_path: Path, nlp: Language) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    results = list(analyze_many([empty, SEED, binary], nlp=nlp))
    assert [type(r).__name__ for r in results] == ["InputError", "Analysis", "InputError"]
    assert str(empty) in str(results[0])
    assert str(binary) in str(results[2])


def test_dev_articles_analyse_with_valid_offsets(eval_dir: Path, nlp: Language) -> None:
    results = list(analyze_many([eval_dir / "articles"], nlp=nlp))
    assert len(results) >= 9
    for result in results:
        assert isinstance(result, Analysis), result
        assert result.claims, result.article.id
        assert_offsets_index_text(result)


def test_edges_cover_every_chain(seed_analysis: Analysis) -> None:
    pairs = {(e.source, e.target) for e in seed_analysis.edges}
    chained = [c for c in seed_analysis.claims if len(c.chain) > 1]
    assert chained
    for claim in chained:
        for hop, nxt in zip(claim.chain, claim.chain[1:], strict=False):
            if hop.source_id != nxt.source_id:
                assert (hop.source_id, nxt.source_id) in pairs, claim.id


def test_analyze_tells_paths_from_text(tmp_path: Path, nlp: Language) -> None:
    from provenance.models import Article

    with pytest.raises(InputError, match="no such file"):
        analyze("data/not_here.txt", nlp=nlp)  # a missing path is an error, not 0 claims
    with pytest.raises(InputError, match="directory"):
        analyze(str(SEED.parent), nlp=nlp)
    article = Article(id="a1", text="The minister said the bridge would reopen in May.")
    result = analyze(article, nlp=nlp)
    assert result.article.id == "a1" and result.claims[0].chain[0].name == "minister"
    assert analyze(str(SEED), nlp=nlp).article.id == "seed_putin_report"
    assert len(analyze("He said so.", nlp=nlp).article.text) == len("He said so.")


def test_one_long_line_of_text_is_text_not_a_file_name(nlp: Language) -> None:
    # Longer than a file name may be (255 bytes): Path.exists() raises OSError on Linux.
    line = "The minister said the bridge would reopen in May, " * 8 + "officials said."
    assert len(line) > 255 and "\n" not in line
    result = analyze(line, nlp=nlp)
    assert result.claims and result.article.text == line
    assert analyze("He said so.\x00", nlp=nlp).article.text == "He said so.\x00"
