"""Scoring the real seed analysis under the default rubrics, weights edited in copies, the CLI."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import typer
import yaml
from typer.testing import CliRunner

from provenance import cli_scoring
from provenance.models import Analysis, Claim, ClaimScore
from provenance.rubric import Rubric, load_rubric, validate_rubric_text
from provenance.scoring import article_summary, compare, score, score_frame
from provenance.signals import catalogue

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "seed_putin_report.txt"
DEFAULTS = ("admiralty", "newsroom", "epistemic")
FIRST_QUOTE = "have no intention to discuss"
DECLARATION = "will be returned to Japan after concluding a peace treaty"
CLOSE_TO_PM = "totally unacceptable"


def claim_with(analysis: Analysis, words: str) -> Claim:
    found = [c for c in analysis.claims if words in c.text]
    assert found, f"no claim with {words!r}"
    return found[0]


def by_claim(scores: list[ClaimScore]) -> dict[str, ClaimScore]:
    return {s.claim_id: s for s in scores}


@pytest.mark.parametrize("rubric", DEFAULTS)
def test_first_quote_scores_below_declaration_and_plain_facts(
    seed_analysis: Analysis, rubric: str
) -> None:
    first = claim_with(seed_analysis, FIRST_QUOTE)
    assert [h.anonymous for h in first.chain][:2] == [True, True] and len(first.chain) == 4
    scores = by_claim(score(seed_analysis, rubric))
    declaration = claim_with(seed_analysis, DECLARATION)
    plain = [c for c in seed_analysis.claims if not c.chain and c.kind != "headline"]
    assert plain, "the seed has facts in the article's own voice"
    assert scores[first.id].score < scores[declaration.id].score
    for fact in plain:
        assert scores[first.id].score < scores[fact.id].score, fact.text


@pytest.mark.parametrize("rubric", DEFAULTS)
def test_first_quote_breakdown_names_origin_hops_and_document(
    seed_analysis: Analysis, rubric: str
) -> None:
    first = claim_with(seed_analysis, FIRST_QUOTE)
    result = by_claim(score(seed_analysis, rubric))[first.id]
    origin_words = first.chain[0].text
    # the anonymous origin: a criterion reads it, shows its words and says it is anonymous
    assert any(
        origin_words in c.evidence and ("anonymous" in c.note or "described" in c.note)
        for c in result.criteria
    ), result.explain()
    # the four hops: a count of 4, or a hop criterion with one value per hop
    assert any(c.value == 4 or str(c.value).count(" → ") == 3 for c in result.criteria), (
        result.explain()
    )
    # the unpublished document, with the words that show it
    document = [c for c in result.criteria if c.signal in ("document", "hop_document")]
    assert document and document[0].value == "unpublished"
    assert any("secret" in w.lower() for w in document[0].evidence)
    text = result.explain()
    assert origin_words in text and "unpublished" in text


def test_source_close_to_the_prime_minister_is_a_single_anonymous_source(
    seed_analysis: Analysis,
) -> None:
    claim = claim_with(seed_analysis, CLOSE_TO_PM)
    results = {name: by_claim(score(seed_analysis, name))[claim.id] for name in DEFAULTS}
    for name, result in results.items():
        assert any("single anonymous source" in n for n in result.notes), name
        assert result.needs_review, name
    assert results["admiralty"].axes["reliability"] == "F"
    assert results["admiralty"].axes["credibility"] in ("3", "4", "5", "6")
    newsroom = load_rubric("newsroom").grade_order()
    assert newsroom.index(results["newsroom"].grade) >= newsroom.index("thinly sourced")
    epistemic = load_rubric("epistemic").grade_order()
    assert epistemic.index(results["epistemic"].grade) >= epistemic.index("probable")


def test_admiralty_codes(seed_analysis: Analysis) -> None:
    results = score(seed_analysis, "admiralty")
    for claim, result in zip(seed_analysis.claims, results, strict=True):
        assert len(result.grade) == 2 and result.grade == "".join(result.axes.values())
        assert result.axes["reliability"] in "ABCDEF"
        assert result.axes["credibility"] in "23456"  # 1 needs independent corroboration
        if any(hop.anonymous for hop in claim.chain):
            assert result.axes["reliability"] == "F", claim.text


def test_score_is_the_sum_of_the_points(seed_analysis: Analysis) -> None:
    for name in DEFAULTS:
        rubric = load_rubric(name)
        for result in score(seed_analysis, rubric):
            assert result.rubric == name and result.rubric_version == rubric.version
            assert result.score == pytest.approx(sum(c.points for c in result.criteria))
            assert result.percent == pytest.approx(
                100 * result.score / rubric.total_weight, abs=1e-4
            )
            for crit in result.criteria:
                assert 0 <= crit.credit <= 1
                assert crit.points == pytest.approx(crit.weight * crit.credit)


def _with_weight(rubric: Rubric, index: int, delta: float) -> Rubric:
    data = yaml.safe_load(rubric.text)
    data["criteria"][index]["weight"] += delta
    if "weights_total" in data:  # the file says its weights add up: keep it true
        data["weights_total"] += delta
    return validate_rubric_text(yaml.safe_dump(data, allow_unicode=True), "copy.yaml")


@pytest.mark.parametrize("name", DEFAULTS)
def test_editing_one_weight_moves_exactly_the_claims_that_earn_on_it(
    seed_analysis: Analysis, name: str
) -> None:
    rubric = load_rubric(name)
    before = score(seed_analysis, rubric)
    moved_some = False
    for index, crit in enumerate(rubric.criteria):
        for delta in (10.0, -crit.weight / 2):
            after = score(seed_analysis, _with_weight(rubric, index, delta))
            by_value: dict[str, set[float]] = {}
            for old, new in zip(before, after, strict=True):
                credit = old.criteria[index].credit
                change = new.score - old.score
                assert change == pytest.approx(delta * credit), (crit.id, old.claim_id)
                if credit == 0:
                    assert new.score == old.score  # only claims earning on it move
                else:
                    moved_some = True
                    assert (change > 0) == (delta > 0)  # in the direction of the edit
                key = str(old.criteria[index].value)
                by_value.setdefault(key, set()).add(round(change, 6))
            # claims with the same value of the criterion move by the same amount
            assert all(len(changes) == 1 for changes in by_value.values()), crit.id
    assert moved_some


@pytest.mark.parametrize(
    ("combine", "expected"),
    [
        ("weakest_link", 0.5),
        ("origin", 0.5),
        ("mean", 0.75),
        ("product", 0.25),
        ("decay", 0.5 * 0.8**3),
    ],
)
def test_hop_combinations(seed_analysis: Analysis, combine: str, expected: float) -> None:
    """The first quote's chain is described, described, named, named: credits .5 .5 1 1."""
    data = yaml.safe_load(load_rubric("epistemic").text)
    (crit,) = [c for c in data["criteria"] if c["id"] == "depth_decay"]
    crit["combine"] = combine
    rubric = validate_rubric_text(yaml.safe_dump(data), "combine.yaml")
    first = claim_with(seed_analysis, FIRST_QUOTE)
    result = by_claim(score(seed_analysis, rubric))[first.id]
    (depth,) = [c for c in result.criteria if c.criterion == "depth_decay"]
    assert depth.value == "false → false → true → true"
    assert depth.credit == pytest.approx(expected)


def test_score_frame_columns_and_summary(seed_analysis: Analysis) -> None:
    rubric = load_rubric("admiralty")
    frame = score_frame([seed_analysis], rubric)
    assert len(frame) == len(seed_analysis.claims)
    for column in ("article_id", "claim_id", "text", "kind", "chain", "hops", "anonymous_hops",
                   "origin", "origin_type", "score", "grade", "needs_review", "reliability",
                   "credibility"):  # fmt: skip
        assert column in frame.columns
    for crit in rubric.criteria:
        assert {crit.id, f"{crit.id}_evidence"} <= set(frame.columns)
    first = frame[frame["text"].str.contains(FIRST_QUOTE)].iloc[0]
    assert first["hops"] == 4 and "secret" in first["document_checkable_evidence"]
    summary = article_summary([seed_analysis], rubric)
    (row,) = summary.to_dict("records")
    anonymous = sum(any(h.anonymous for h in c.chain) for c in seed_analysis.claims)
    assert row["anonymous_share"] == pytest.approx(anonymous / len(seed_analysis.claims), 1e-3)
    assert row["deepest_chain"] == 4 and row["claims"] == len(seed_analysis.claims)
    weakest = frame.nsmallest(1, "score").iloc[0]["claim_id"]
    assert row["weakest_claims"].startswith(f"{weakest} (")


def test_compare_puts_rubrics_side_by_side(seed_analysis: Analysis) -> None:
    table = compare(seed_analysis, [*DEFAULTS, "newsroom"])
    assert list(table["claim_id"]) == [c.id for c in seed_analysis.claims]
    for name in (*DEFAULTS, "newsroom_4"):
        assert {f"{name}_score", f"{name}_grade", f"{name}_review"} <= set(table.columns)
    assert (table["newsroom_score"] == table["newsroom_4_score"]).all()
    admiralty = [r.grade for r in score(seed_analysis, "admiralty")]
    assert list(table["admiralty_grade"]) == admiralty


def test_score_accepts_a_rubric_path(seed_analysis: Analysis) -> None:
    by_path = score(seed_analysis, str(ROOT / "rubrics" / "newsroom.yaml"))
    assert [r.score for r in by_path] == [r.score for r in score(seed_analysis, "newsroom")]


# --- CLI ------------------------------------------------------------------------------------


@pytest.fixture()
def cli() -> typer.Typer:
    app = typer.Typer()
    cli_scoring.register(app)
    return app


def test_cli_score_writes_claims_and_summary(cli: typer.Typer, tmp_path: Path) -> None:
    out, summary = tmp_path / "claims.csv", tmp_path / "summary.parquet"
    result = CliRunner().invoke(
        cli, ["score", str(SEED), "--rubric", "admiralty", "--out", str(out),
              "--summary", str(summary)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(out, encoding="utf-8-sig")
    assert len(frame) > 10 and frame["grade"].str.fullmatch(r"[A-F][2-6]").all()
    assert pd.read_parquet(summary)["deepest_chain"].iloc[0] == 4


def test_cli_score_goes_on_past_a_bad_input(cli: typer.Typer, tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    out = tmp_path / "claims.jsonl"
    result = CliRunner().invoke(cli, ["score", str(missing), str(SEED), "-o", str(out)])
    assert result.exit_code == 1
    assert str(missing) in result.stderr and "Traceback" not in result.output
    assert len(pd.read_json(out, lines=True)) > 10


def test_cli_score_with_a_broken_rubric(cli: typer.Typer, tmp_path: Path) -> None:
    broken = ROOT / "tests" / "rubrics_hostile" / "scale_missing_value.yaml"
    result = CliRunner().invoke(
        cli, ["score", str(SEED), "-r", str(broken), "-o", str(tmp_path / "x.csv")]
    )
    assert result.exit_code == 1
    assert result.stderr.strip() == f"{broken}: criteria[2].scale: missing value 'distancing'"
    assert not (tmp_path / "x.csv").exists()


def test_cli_signals_lists_the_catalogue(cli: typer.Typer) -> None:
    result = CliRunner().invoke(cli, ["signals"])
    assert result.exit_code == 0
    for sig in catalogue():
        assert f"{sig.name} ({sig.level})" in result.stdout


def test_cli_rubrics_list_show_validate(cli: typer.Typer) -> None:
    runner = CliRunner()
    listed = runner.invoke(cli, ["rubrics", "list"])
    assert listed.exit_code == 0 and all(name in listed.stdout for name in DEFAULTS)
    shown = runner.invoke(cli, ["rubrics", "show", "admiralty"])
    assert shown.exit_code == 0 and "STANAG 2511" in shown.stdout
    assert "source_reliability [reliability]: 50 x hop_reliability" in shown.stdout
    good = [str(ROOT / "rubrics" / f"{name}.yaml") for name in DEFAULTS]
    assert runner.invoke(cli, ["rubrics", "validate", *good]).exit_code == 0
    missing = runner.invoke(cli, ["rubrics", "show", "nonesuch"])
    assert missing.exit_code == 1 and "no rubric named 'nonesuch'" in missing.stderr


def test_cli_validate_reports_every_hostile_file_on_one_line(cli: typer.Typer) -> None:
    hostile = sorted((ROOT / "tests" / "rubrics_hostile").glob("*.yaml"))
    good = ROOT / "rubrics" / "newsroom.yaml"
    result = CliRunner().invoke(cli, ["rubrics", "validate", str(good), *map(str, hostile)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == len(hostile)
    for path, line in zip(hostile, lines, strict=True):
        assert line.startswith(f"{path}: ")
    assert f"{good}: ok" in result.stdout
