"""The dashboard's Corroboration page through AppTest: the real app, the real spaCy model, a
real SQLite file per test holding the wire-style collection of data/corroboration/ (one story
told by eleven articles: a scoop, its echoes, two separately sourced reports, a denial, three
distractors)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_dashboard import go, no_errors, start

from provenance.dashboard.corroboration import group_dot
from provenance.models import Article, ClaimGroup, ClaimRef, Hop, Line
from provenance.storage import Store
from provenance.workspace import Workspace

ROOT = Path(__file__).resolve().parents[1]
COLLECTION = ROOT / "data" / "corroboration"
ECHOES = {"reuters_citing_ft", "ap_citing_ft", "evening_post_via_reuters", "metro_leaked_memo"}
DISTRACTORS = {"distractor_rates", "distractor_football", "distractor_steel_prices"}
HOSTILE = '<img src=x onerror=alert(1)> **bold** $x$ "quoted" \\ back'


@pytest.fixture
def stored(db: str) -> str:
    added = Workspace(Store(db)).add_inputs([COLLECTION])
    assert len(added) == 11
    return db


def test_the_story_its_lines_echoes_and_denial(stored: str) -> None:
    at = go(start(), "corroboration")
    no_errors(at)
    assert at.title[0].value == "Corroboration"
    table = at.dataframe[0].value
    story = table.iloc[0]  # the group told by the most articles comes first
    assert story["independent lines"] == 3 and story["contradictions"] >= 1
    assert story["echoes"] == 5  # four wire and press echoes of the FT, and Sky's
    assert at.selectbox(key="corr_group").value == 0
    said = " ".join(m.value for m in at.markdown)
    assert "**3** independent lines of reporting" in said
    assert "Line 1 goes back to **Financial Times**: 5 echoes of one report" in said
    lines = [frame.value for frame in at.dataframe[1:4]]
    assert set(lines[0]["article_id"]) >= ECHOES | {"ft_scoop"}
    assert sorted(set(f["article_id"]) for f in lines[1:]) == [
        {"bbc_union_official"}, {"bloomberg_people_familiar"}
    ]  # fmt: skip
    denials = at.dataframe[4].value
    assert "sky_denial" in set(denials["article_id"])
    spec = at.get("graphviz_chart")[0].proto.spec
    assert spec.count("subgraph") == 3 and "line 1: Financial Times (5 echoes)" in spec
    assert '"sky_denial: denies"' in spec and "Maria Lopez" in spec
    everything = spec + " ".join(str(f.value.to_dict()) for f in at.dataframe)
    assert not any(name in everything for name in DISTRACTORS)


def test_filters_and_a_stricter_threshold(stored: str) -> None:
    at = go(start(), "corroboration")
    total = len(at.dataframe[0].value)
    at.checkbox(key="corr_denied").check().run()
    assert 1 <= len(at.dataframe[0].value) < total or total == 1
    assert (at.dataframe[0].value["contradictions"] > 0).all()
    at.checkbox(key="corr_denied").uncheck().run()
    at.slider(key="corr_threshold").set_value(0.9).run()
    no_errors(at)
    assert len(at.dataframe[0].value) < total  # paraphrases no longer count as one claim


def test_user_text_is_shown_as_text(db: str) -> None:
    here = Workspace(Store(db))
    for name, outlet in (("one", "Reuters"), ("two", "the Associated Press")):
        text = f"{HOSTILE} The port authority will close the harbour on Monday, {outlet} reported."
        here.add_article(Article(id=name, text=text))
    at = go(start(), "corroboration")
    at.text_input(key="corr_find").input("harbour").run()
    no_errors(at)
    details = next(m.value for m in at.markdown if "independent line" in m.value)
    assert "\\<img" in details and not re.search(r"(?<!\\)<img|(?<!\\)\*\*bold|(?<!\\)\$", details)
    for element in [*at.markdown, *at.caption]:
        assert re.search(r"(?<!\\)<img", element.value) is None


def test_the_graph_quotes_every_label() -> None:
    """DOT from hostile names and texts: every quote and backslash escaped, so a label can
    never close its string and add nodes or attributes."""
    ref = ClaimRef(article_id='a"] x [label="b', claim_id="c1", text=HOSTILE)
    hop = Hop(source_id="s1", text=HOSTILE, name='Evil" ] ; "x', type="person", anonymous=False)
    group = ClaimGroup(id="G1", claim=HOSTILE, independent_lines=1,
                       lines=[Line(id="G1-L1", origin='Evil" ]', claims=[ref])],
                       contradictions=[ref])  # fmt: skip
    dot = group_dot(group, {(ref.article_id, ref.claim_id): [hop]})
    unescaped = re.findall(r'(?<!\\)"', dot)
    assert len(unescaped) % 2 == 0
    for label in re.findall(r'label=("(?:[^"\\]|\\.)*")', dot):
        assert label.startswith('"') and label.endswith('"')
    assert 'Evil\\" ] ; \\"x' in dot and "\\\\ back" in dot


def test_the_page_on_the_sample_articles(db: str) -> None:
    """First start: the seed and the Wikinews samples, each a story of its own."""
    at = go(start(), "corroboration")
    no_errors(at)
    table = at.dataframe[0].value
    assert (table["articles"] >= 2).all()
    assert (table["independent lines"] >= 1).all()
    if table.empty:
        assert at.info[0].value == "No claim is told by two articles or more."
