"""Corroboration across articles on the wire-style collection in data/corroboration/.

One story (a steelmaker's plant closure) told by eleven articles: the Financial Times scoop
(an internal memo), four echoes of it (Reuters and AP citing the FT, a local paper citing
Reuters citing the FT, a tabloid citing only "a leaked memo"), two separately sourced reports
(a named union official to the BBC; people familiar with the matter to Bloomberg), the
company's denial, and three distractors (one about another steelmaker's jobs).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from provenance.cli import app
from provenance.corroboration import claim_view, corroborate
from provenance.corroboration.collection import read_collection
from provenance.corroboration.entities import Resolver
from provenance.corroboration.grouping import is_negative
from provenance.models import Analysis, Corroboration
from provenance.registry import load_registry

ROOT = Path(__file__).resolve().parents[1]
COLLECTION = ROOT / "data" / "corroboration"
ECHOES = {"ft_scoop", "reuters_citing_ft", "ap_citing_ft", "evening_post_via_reuters",
          "metro_leaked_memo"}  # fmt: skip
DISTRACTORS = {"distractor_rates", "distractor_football", "distractor_steel_prices"}
runner = CliRunner()


@pytest.fixture(scope="module")
def collection(nlp: Language) -> list[tuple[str, Analysis]]:
    items = [item for item in read_collection([str(COLLECTION)]) if isinstance(item, tuple)]
    assert len(items) == 11
    return items


@pytest.fixture(scope="module")
def result(collection: list[tuple[str, Analysis]]) -> Corroboration:
    return corroborate(collection)


def _story(groups: list[dict[str, Any]]) -> dict[str, Any]:
    """The group holding the scoop's lead claim."""
    for group in groups:
        refs = [c for line in group["lines"] for c in line["claims"]]
        if any(c["article_id"] == "ft_scoop" and "Ashford plant next spring" in c["text"]
               for c in refs):  # fmt: skip
            return group
    raise AssertionError("the closure claim was not grouped")


def _articles(line: dict[str, Any]) -> set[str]:
    return {c["article_id"] for c in line["claims"]}


def test_cli_writes_the_contract(tmp_path: Path) -> None:
    out = tmp_path / "groups.json"
    res = runner.invoke(app, ["corroborate", str(COLLECTION), "--out", str(out)])
    assert res.exit_code == 0, res.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert list(data) == ["groups"]
    for group in data["groups"]:
        assert list(group) == ["id", "claim", "independent_lines", "lines", "contradictions"]
        assert group["independent_lines"] == len(group["lines"])
        for line in group["lines"]:
            assert list(line) == ["id", "origin", "claims"]
            assert all(list(c) == ["article_id", "claim_id", "text"] for c in line["claims"])
        assert all(list(c) == ["article_id", "claim_id", "text"] for c in group["contradictions"])
    story = _story(data["groups"])
    # the scoop and its four echoes are one line, whose origin is the FT's report
    assert story["independent_lines"] == 3
    main = max(story["lines"], key=lambda line: len(_articles(line)))
    assert _articles(main) >= ECHOES
    assert main["origin"] == "Financial Times"
    others = [_articles(line) for line in story["lines"] if line is not main]
    assert sorted(others, key=sorted) == [{"bbc_union_official"}, {"bloomberg_people_familiar"}]
    # the company's denial contradicts; the Sky article's echo of the FT still counts as echo
    denials = {(c["article_id"], c["text"][:30]) for c in story["contradictions"]}
    assert ("sky_denial", "Northvale Steel denied on Wedn") in denials
    assert "sky_denial" in _articles(main)
    # no distractor is grouped anywhere
    for group in data["groups"]:
        ids = {c["article_id"] for ln in group["lines"] for c in ln["claims"]}
        ids |= {c["article_id"] for c in group["contradictions"]}
        assert not ids & DISTRACTORS, group["claim"]


def test_analyses_are_accepted_as_input(tmp_path: Path, result: Corroboration) -> None:
    analyses = tmp_path / "analyses"
    res = runner.invoke(app, ["analyze", str(COLLECTION), "--out", str(analyses)])
    assert res.exit_code == 0, res.output
    out = tmp_path / "g.json"
    res = runner.invoke(app, ["corroborate", str(analyses), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert json.loads(out.read_text(encoding="utf-8")) == result.model_dump()


def test_a_broken_input_is_reported_and_skipped(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"article": {"id": "x"}, "claims": []}', encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    out = tmp_path / "g.json"
    res = runner.invoke(
        app, ["corroborate", str(broken), str(empty), str(COLLECTION), "--out", str(out)]
    )
    assert res.exit_code == 1
    assert f"error: {broken}: not a valid analysis: article.text" in res.stderr
    assert f"error: {empty}: empty file" in res.stderr
    assert _story(json.loads(out.read_text(encoding="utf-8"))["groups"])["independent_lines"] == 3


def test_existing_output_is_kept_without_force(tmp_path: Path) -> None:
    out = tmp_path / "g.json"
    out.write_text("keep", encoding="utf-8")
    res = runner.invoke(app, ["corroborate", str(COLLECTION / "ft_scoop.txt"), "--out", str(out)])
    assert res.exit_code == 1
    assert "exists (use --force to overwrite)" in res.stderr
    assert out.read_text(encoding="utf-8") == "keep"


def test_claim_view_links_echoes_to_the_report(result: Corroboration) -> None:
    views = claim_view(result)
    reuters = views[("reuters_citing_ft", "c3")]
    assert reuters.independent_lines == 3
    assert reuters.shared_ancestor == "Financial Times"
    assert {e.article_id for e in reuters.echoes} >= ECHOES - {"reuters_citing_ft"}
    assert sorted(reuters.confirmations) == ["Bloomberg News", "Maria Lopez"]
    assert views[("sky_denial", "c2")].contradicts


def test_one_article_alone_corroborates_nothing(seed_analysis: Analysis) -> None:
    assert corroborate([seed_analysis]).groups == []


def test_an_echo_of_an_echo_is_one_line(collection: list[tuple[str, Analysis]]) -> None:
    """Without the scoop itself, the Reuters echo and the local paper citing Reuters are still
    one line, and the tabloid's "leaked memo" is the memo Reuters cites."""
    keep = {"reuters_citing_ft", "evening_post_via_reuters", "metro_leaked_memo"}
    groups = corroborate([item for item in collection if item[0] in keep]).groups
    story = [g for g in groups if len(g.lines[0].claims) > 2]
    assert len(story) == 1 and story[0].independent_lines == 1


def test_source_identity_across_articles() -> None:
    resolver = Resolver(load_registry())
    names = [
        "Shukan Bunshun",
        "the weekly magazine Shukan Bunshun",
        "Bunshun",
        "Maria Lopez",
        "Ms Lopez",
        "Northvale Steel",
        "Baltic Steel",
        "Steel",
        "Financial Times",
        "FT",
    ]
    resolver.learn(names)
    key = resolver.named
    assert key("Shukan Bunshun") == key("the weekly magazine Shukan Bunshun") == key("Bunshun")
    assert key("Maria Lopez") == key("Ms Lopez")
    assert key("Financial Times") == key("FT") == key("the Financial Times")
    assert key("Northvale Steel") != key("Baltic Steel")
    assert key("Steel") not in (key("Northvale Steel"), key("Baltic Steel"))


def test_polarity(collection: list[tuple[str, Analysis]]) -> None:
    claims = {(a, c.id): c for a, an in collection for c in an.claims}
    assert is_negative(claims[("sky_denial", "c2")])
    assert is_negative(claims[("sky_denial", "c3")])
    assert not is_negative(claims[("ft_scoop", "c3")])


def test_prov_json_export(tmp_path: Path) -> None:
    out, prov_out = tmp_path / "g.json", tmp_path / "prov.json"
    args = ["corroborate", str(COLLECTION), "--out", str(out), "--prov", str(prov_out)]
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    doc = json.loads(prov_out.read_text(encoding="utf-8"))
    for relation in ("wasAttributedTo", "wasDerivedFrom", "agent", "entity"):
        assert doc[relation], relation
    derived = doc["wasDerivedFrom"].values()
    kinds = {d.get("prov:type", {}).get("$") for d in derived}
    assert {"prov:Quotation", "prov:PrimarySource"} <= kinds
    # one agent for the Financial Times across every article that names it
    labels = [a["prov:label"] for a in doc["agent"].values()]
    assert labels.count("Financial Times") == 1
    # the echo line is an entity attributed to its shared ancestor; claims derive from it
    lines = {k: e for k, e in doc["entity"].items() if k.startswith("pv:line_")}
    main = next(k for k, e in lines.items() if e["pv:origin"] == "Financial Times")
    echoes = [d for d in derived if d["prov:usedEntity"] == main]
    assert len(echoes) >= 9


def test_the_projected_neighbour_search_finds_the_same_story(
    collection: list[tuple[str, Analysis]], result: Corroboration
) -> None:
    """Above ``exact_limit`` claims the neighbours come from an SVD projection of the shared
    n-grams, rescored exactly: on this collection it finds the same story as the exact search."""
    from provenance.corroboration.settings import Settings

    projected = corroborate(collection, Settings(exact_limit=10))
    story = _story(projected.model_dump()["groups"])
    assert story == _story(result.model_dump()["groups"])
