"""Property-based tests: arbitrary hostile Unicode through ingest, segmentation, attribution and
scoring, with the invariants every input must keep (offsets inside the text and equal to its
slice, chains acyclic and made of known sources, finite scores, no exception).

A normal run generates several hundred inputs (``HOSTILE_EXAMPLES`` below). A long fuzz run sets
the count for every test (see the README, "Guarantees")::

    PROVENANCE_FUZZ_EXAMPLES=100000 .venv/bin/pytest tests/hostile/test_properties.py -x
"""

from __future__ import annotations

import math
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from provenance.claims import quote_regions, segment
from provenance.errors import InputError
from provenance.ingest import article_from_text, read_inputs
from provenance.models import Analysis, Article
from provenance.pipeline import analyze_article
from provenance.rubric import load_rubric
from provenance.scoring import score

#: Examples per test in a normal run (the sum is what one `make test` generates).
HOSTILE_EXAMPLES = {"ingest": 120, "segment": 150, "analysis": 80}
RUBRICS = [load_rubric(name) for name in ("admiralty", "newsroom", "epistemic")]


def examples(test: str) -> int:
    return int(os.environ.get("PROVENANCE_FUZZ_EXAMPLES", HOSTILE_EXAMPLES[test]))


def profile(test: str) -> settings:
    return settings(
        max_examples=examples(test),
        deadline=None,  # a spaCy parse has no fixed time; the caps bound it
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
    )


QUOTES = "\"'`´‘’‚‛“”„‟«»‹›「」『』〝〞〟＂❝❞⹂''"
CONTROLS = "".join(map(chr, range(0, 32))) + "\x7f\x85\u2028\u2029\ufeff\ufffe"
BIDI = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"
JOINERS = "\u200b\u200c\u200d\u2060\u00ad\u034f"
FRAGMENTS = [
    "Officials said the harbour would close.",
    '"We will not pay," the minister told reporters.',
    "According to a report seen by Reuters, the deal collapsed, sources said.",
    "The mayor, who declined to be named, said it was “a disgrace.”",
    "שר האוצר אמר כי המשבר חמור.",  # Hebrew
    "وقال المتحدث إن الوضع خطير.",  # Arabic
    "Le ministre a déclaré que « la situation est grave ».",
    "Der Sprecher sagte: „Wir prüfen das.“",
    "官员表示，谈判已经破裂。",
    "Министр заявил, что «ситуация сложная».",
    "👩‍👩‍👧‍👦 said the family 🇺🇦, reportedly.",
    "e\u0301\u0301\u0301 Zalgo t\u0336e\u0336x\u0336t said",
    "\n\n",
    "\n",
    " ",
]
NESTING = st.sampled_from(["(", "[", "{", "“", "«", '"', "<b>", "‘", "((“"])

hostile_piece = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.text(st.sampled_from(QUOTES), min_size=1, max_size=40),
    st.text(st.sampled_from(CONTROLS + BIDI + JOINERS), min_size=1, max_size=8),
    st.text(st.characters(codec="utf-8"), max_size=60),
    st.builds(lambda s, n: s * n, NESTING, st.integers(1, 200)),  # deep nesting
    st.builds(
        lambda w, n: (w + " ") * n, st.sampled_from(["said", "x", "ليس", "€"]), st.integers(20, 150)
    ),
)
hostile_text = st.lists(hostile_piece, min_size=1, max_size=12).map("".join)
huge_line = st.builds(
    lambda w, n: " ".join([w] * n),
    st.sampled_from(["said", "quoth", "„x"]),
    st.integers(1_000, 20_000),
)


@profile("ingest")
@given(
    data=st.one_of(
        st.binary(max_size=3_000), hostile_text.map(lambda t: t.encode("utf-8", "surrogatepass"))
    ),
    suffix=st.sampled_from([".txt", ".html", ".json", ".jsonl", ".csv", ".md", ""]),
)
def test_ingest_any_bytes_gives_articles_or_one_line_errors(data: bytes, suffix: str) -> None:
    path = Path(tempfile.gettempdir()) / f"provenance-hostile-{os.getpid()}{suffix or '.noext'}"
    path.write_bytes(data)
    try:
        results = list(read_inputs([path]))
    finally:
        path.unlink()
    assert results
    for result in results:
        if isinstance(result, InputError):
            assert "\n" not in str(result) and "\r" not in str(result)
            assert str(path) in str(result)
        else:
            assert result.text.strip()


@profile("segment")
@given(text=st.one_of(hostile_text, huge_line), title=st.none() | st.text(max_size=40))
def test_segments_and_quotes_are_spans_of_the_text(text: str, title: str | None) -> None:
    try:
        article = article_from_text(text, title=title)
    except InputError as err:
        assert not text.removeprefix("\ufeff").strip() and "\n" not in str(err)
        return
    body = article.text
    paragraphs = segment(body, article.title)
    previous_end = 0
    for par in paragraphs:
        assert previous_end <= par.start < par.end <= len(body)
        assert body[par.start : par.end].strip()
        previous_end = par.end
    regions = quote_regions(body, paragraphs)
    for start, end in regions:
        assert 0 <= start < end <= len(body)
    assert regions == sorted(regions)


@profile("analysis")
@given(text=hostile_text)
def test_analysis_and_scores_keep_their_invariants(nlp: Language, text: str) -> None:
    if not text.strip():
        return
    analysis = analyze_article(Article(id="hostile", text=text), nlp)
    _check_offsets(analysis)
    _check_chains(analysis)
    for rubric in RUBRICS:
        order = {label for axis in rubric.rating_axes() for label in axis.values}
        scores = score(analysis, rubric)
        assert len(scores) == len(analysis.claims)
        for result in scores:
            assert math.isfinite(result.score) and 0 <= result.percent <= 100
            assert result.grade in order or set(result.axes.values()) <= order


def _check_offsets(analysis: Analysis) -> None:
    text = analysis.article.text
    for claim in analysis.claims:
        assert 0 <= claim.start <= claim.end <= len(text)
        assert text[claim.start : claim.end] == claim.text
        for hop in claim.chain:
            if hop.start is not None and hop.end is not None:
                assert 0 <= hop.start <= hop.end <= len(text)
                assert text[hop.start : hop.end] == hop.text
    for source in analysis.sources:
        for mention in source.mentions:
            assert text[mention.start : mention.end] == mention.text


def _check_chains(analysis: Analysis) -> None:
    known = {source.id for source in analysis.sources}
    ids = {claim.id for claim in analysis.claims}
    assert len(ids) == len(analysis.claims)
    parents = {claim.id: claim.parent for claim in analysis.claims}
    for claim in analysis.claims:
        chain = [hop.source_id for hop in claim.chain]
        assert set(chain) <= known
        assert len(chain) == len(set(chain)), f"a source twice in one chain: {chain}"
        seen = {claim.id}
        parent = claim.parent
        while parent is not None:  # the claims a claim sits in end somewhere
            assert parent in ids and parent not in seen
            seen.add(parent)
            parent = parents[parent]
