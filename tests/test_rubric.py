"""Rubric loading: the three defaults, name lookup, and located errors for broken files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from provenance.errors import RubricError
from provenance.rubric import (
    MAX_RUBRIC_BYTES,
    RatingAxis,
    list_rubrics,
    load_rubric,
    rubrics_dir,
    validate_rubric_text,
)
from provenance.signals import CATALOGUE

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = Path(__file__).parent / "rubrics_hostile"
DEFAULTS = ("admiralty", "newsroom", "epistemic")

#: Each hostile file and the located message it must give (after "<path>: ").
EXPECTED = {
    "band_min_huge.yaml": "grades.bands[0].min: input should be less than or equal to 100",
    "bands_out_of_order.yaml": "grades.bands[1].min: bands go from the highest min down",
    "count_with_mapping.yaml": "criteria[1].scale: signal 'anonymous_hops' is a count",
    "credit_out_of_range.yaml": "criteria[0].scale.named: input should be less than or equal "
    "to 1, got 1.5",
    "duplicate_criterion.yaml": "criteria[1].id: duplicate criterion id 'named'",
    "duplicate_key.yaml": "line 12, column 5: invalid YAML: duplicate key 'weight'",
    "empty.yaml": "empty file",
    "hop_without_empty_chain.yaml": "criteria[2].empty_chain: required for hop signal",
    "missing_title.yaml": "title: missing key",
    "not_utf8.yaml": "not UTF-8 text",
    "rule_unknown_grade.yaml": "rules[0].grade: 'terrible' is not one of good, weak",
    "scale_missing_value.yaml": "criteria[2].scale: missing value 'distancing'",
    "scale_unknown_value.yaml": "criteria[2].scale.distancng: 'distancng' is not a value of "
    "signal 'hop_stance' (did you mean 'distancing'?)",
    "steps_not_open_ended.yaml": "criteria[1].scale[1]: the last step must have no 'upto'",
    "top_level_list.yaml": "(top level): a rubric is a mapping, got list",
    "unknown_combine.yaml": "criteria[2].combine: input should be 'weakest_link'",
    "unknown_key.yaml": "criteria[1].wieght: unknown key (did you mean 'weight'?)",
    "unknown_signal.yaml": "criteria[1].signal: unknown signal 'hopz' (did you mean 'hops'?)",
    "weight_5000_digits.yaml": "line 11, column 13: invalid YAML: number too long",
    "weight_huge.yaml": "criteria[0].weight: input should be less than or equal to 1000000",
    "weight_not_number.yaml": "criteria[1].weight: input should be a valid number",
    "weights_total_infinite.yaml": "weights_total: input should be a finite number, got inf",
    "weights_do_not_add_up.yaml": "weights_total: the criteria weights add up to 95, not 100",
    "yaml_alias.yaml": "invalid YAML: aliases (*name) are not allowed",
    "yaml_syntax.yaml": "line 9, column 14: invalid YAML: mapping values are not allowed here",
}


@pytest.mark.parametrize("name", DEFAULTS)
def test_default_rubrics_load_and_cite_sources(name: str) -> None:
    rubric = load_rubric(name)
    assert rubric.id == name and rubric.version and rubric.title
    assert rubric.sources, "a default rubric cites where its scale comes from"
    assert rubric.origin == str(rubrics_dir() / f"{name}.yaml")
    assert "#" in rubric.text and "Sources:" in rubric.text
    for crit in rubric.criteria:
        assert crit.signal in CATALOGUE and crit.why, crit.id


def test_rating_axes() -> None:
    admiralty = load_rubric("admiralty").rating_axes()
    assert admiralty == [
        RatingAxis(name="reliability", values=list("ABCDEF")),
        RatingAxis(name="credibility", values=list("123456")),
    ]
    newsroom = load_rubric("newsroom")
    assert newsroom.rating_axes() == [
        RatingAxis(name="grade", values=[b.label for b in newsroom.grades.bands or []])
    ]
    assert load_rubric("epistemic").rating_axes()[0].values == [
        "certain", "probable", "possible", "uncommitted",
    ]  # fmt: skip


def test_admiralty_credibility_1_needs_an_independent_confirmation() -> None:
    rubric = load_rubric("admiralty")
    axes = {a.name: a for a in rubric.grades.axes or []}
    band_1 = next(b for b in axes["credibility"].bands if b.label == "1")
    weight = rubric.axis_weight("credibility")
    confirm = [c for c in rubric.criteria if c.signal == "corroboration"]
    assert [c.axis for c in confirm] == ["credibility"]
    assert confirm[0].credit_for("confirmed") == 1.0
    assert all(confirm[0].credit_for(v) == 0.0 for v in ("echoed", "single", "contradicted"))
    # every other credibility criterion at full credit stays below the band of 1
    assert 100 * (weight - confirm[0].weight) / weight < band_1.min


def test_list_and_lookup_by_name_follow_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert {r.id for r in list_rubrics()} >= set(DEFAULTS)
    shutil.copy(ROOT / "rubrics" / "newsroom.yaml", tmp_path / "house.yaml")
    shutil.copy(HOSTILE / "scale_missing_value.yaml", tmp_path / "broken.yaml")
    monkeypatch.setenv("PROVENANCE_RUBRICS", str(tmp_path))
    assert load_rubric("house").id == "newsroom"
    assert [r.id for r in list_rubrics()] == ["newsroom"]  # the broken file is left out
    with pytest.raises(RubricError, match=r"no rubric named 'admiralty' \(available: broken"):
        load_rubric("admiralty")


def test_load_by_path(tmp_path: Path) -> None:
    copy = tmp_path / "mine.yaml"
    copy.write_text((ROOT / "rubrics" / "epistemic.yaml").read_text(encoding="utf-8"))
    assert load_rubric(copy).id == load_rubric(str(copy)).id == "epistemic"
    with pytest.raises(RubricError, match=r"nowhere\.yaml: no such file"):
        load_rubric(tmp_path / "nowhere.yaml")


def test_there_are_at_least_ten_hostile_files_and_each_is_expected() -> None:
    files = sorted(p.name for p in HOSTILE.glob("*.yaml"))
    assert len(files) >= 10
    assert files == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_rubric_gives_a_located_one_line_error(name: str) -> None:
    path = HOSTILE / name
    with pytest.raises(RubricError) as caught:
        load_rubric(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert EXPECTED[name] in message
    assert "\n" not in message and "Traceback" not in message
    assert caught.value.origin == str(path)


def test_validate_text_names_the_origin() -> None:
    text = (HOSTILE / "unknown_signal.yaml").read_text(encoding="utf-8")
    with pytest.raises(RubricError, match=r"^editor: criteria\[1\]\.signal: unknown signal"):
        validate_rubric_text(text, "editor")
    good = validate_rubric_text(text.replace("hopz", "hops"), "editor")
    assert good.origin == "editor" and good.criteria[1].signal == "hops"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[" * 5000 + "]" * 5000, "nested too deeply"),
        ("id: x\n" + "# padding\n" * (MAX_RUBRIC_BYTES // 10 + 1), "too large"),
        ("\x00\x01binary", "invalid YAML"),
        ("id: x\ntitle: t\nversion: 1\ncriteria: [foo]\ngrades: 3\n", "criteria[0]: input"),
        ("{[a]: 1}", "invalid YAML"),
    ],
)
def test_hostile_text(text: str, expected: str) -> None:
    with pytest.raises(RubricError) as caught:
        validate_rubric_text(text, "box")
    assert expected in str(caught.value) and str(caught.value).startswith("box: ")
