"""Explained scores on the real seed analysis: every criterion carries the rubric's label and
reason, its value in words, per-hop values named by their source; the Article page's table shows
them and never an internal id or a bare boolean."""

from __future__ import annotations

import html
import re

import pytest

from provenance.dashboard import render
from provenance.explain import VALUE_WORDS, value_words
from provenance.models import Analysis, Claim
from provenance.rubric import list_rubrics, load_rubric
from provenance.scoring import score
from provenance.signals import catalogue

FIRST_QUOTE = "have no intention to discuss"


def first_quote(analysis: Analysis) -> Claim:
    return min((c for c in analysis.claims if FIRST_QUOTE in c.text), key=lambda c: len(c.text))


def test_every_categorical_value_of_the_catalogue_has_words() -> None:
    for signal in catalogue():
        if signal.values is None:
            assert value_words(signal.name, 2).startswith("2 "), signal.name
            continue
        assert set(VALUE_WORDS[signal.name]) == set(signal.values), signal.name


def test_attributed_criterion_reads_as_attributed_on_an_attributed_claim(
    seed_analysis: Analysis,
) -> None:
    claim = first_quote(seed_analysis)
    result = {r.claim_id: r for r in score(seed_analysis, "admiralty")}[claim.id]
    [attributed] = [c for c in result.criteria if c.criterion == "attributed"]
    assert attributed.value is False  # the `vague` signal: not vague
    assert attributed.label == "Attributed to someone"
    assert attributed.meaning.startswith("not vague")
    assert attributed.points == attributed.weight
    assert "False" not in result.explain()
    # the value is named by its signal, never shown as the criterion's
    assert "Attributed to someone: not vague" in result.explain()
    assert "(vague = false)" in result.explain()
    assert "Attributed to someone = false" not in result.explain()


@pytest.mark.parametrize("rubric_id", ["admiralty", "newsroom", "epistemic"])
def test_each_criterion_has_the_rubrics_label_why_and_value_in_words(
    seed_analysis: Analysis, rubric_id: str
) -> None:
    rubric = load_rubric(rubric_id)
    for result in score(seed_analysis, rubric):
        for crit, spec in zip(result.criteria, rubric.criteria, strict=True):
            assert (crit.label, crit.why) == (spec.label, spec.why)
            assert crit.meaning and crit.meaning != str(crit.value)


def test_hop_letters_are_named_by_their_source(seed_analysis: Analysis) -> None:
    claim = first_quote(seed_analysis)
    result = {r.claim_id: r for r in score(seed_analysis, "admiralty")}[claim.id]
    [reliability] = [c for c in result.criteria if c.criterion == "source_reliability"]
    assert [h.source for h in reliability.hops] == [hop.name for hop in claim.chain]
    assert [h.value for h in reliability.hops] == reliability.value.split(" → ")
    # the anonymous official and the secret report cannot be judged: F, the weakest link
    assert [h.value for h in reliability.hops[:2]] == ["F", "F"]
    assert reliability.meaning == "weakest link: F: reliability cannot be judged"
    assert "Russian government official F" in result.explain()
    claim_criteria = [c for c in result.criteria if c.signal == "document"]
    assert claim_criteria and not claim_criteria[0].hops


def test_own_voice_claims_say_so_for_hop_criteria(seed_analysis: Analysis) -> None:
    plain = next(c for c in seed_analysis.claims if not c.chain and c.kind != "headline")
    result = {r.claim_id: r for r in score(seed_analysis, "admiralty")}[plain.id]
    [reliability] = [c for c in result.criteria if c.criterion == "source_reliability"]
    assert reliability.hops == [] and "article itself" in reliability.meaning


def _text(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def test_criteria_table_shows_labels_points_of_the_maximum_and_reasons(
    seed_analysis: Analysis,
) -> None:
    claim = first_quote(seed_analysis)
    for rubric in list_rubrics():
        result = {r.claim_id: r for r in score(seed_analysis, rubric)}[claim.id]
        shown = " ".join(_text(render.criteria_table(result)).split())
        for crit in result.criteria:
            assert " ".join(crit.label.split()) in shown
            assert " ".join(crit.why.split()) in shown
            assert f"of {crit.weight:g}" in shown
            assert crit.criterion not in shown or crit.criterion in crit.label.lower()
        assert "Russian government official" in shown and "False" not in shown


def test_grade_summary_shows_axes_not_the_sort_key(seed_analysis: Analysis) -> None:
    claim = first_quote(seed_analysis)
    admiralty = load_rubric("admiralty")
    result = {r.claim_id: r for r in score(seed_analysis, admiralty)}[claim.id]
    shown = _text(render.grade_summary(result, admiralty))
    assert "Source reliability" in shown and "Information credibility" in shown
    assert f"{result.percent:.0f}%" not in shown and "only sort claims" in shown
    newsroom = load_rubric("newsroom")
    banded = {r.claim_id: r for r in score(seed_analysis, newsroom)}[claim.id]
    assert f"{banded.score:.0f} of 100" in _text(render.grade_summary(banded, newsroom))


def test_hostile_labels_are_escaped(seed_analysis: Analysis) -> None:
    result = score(seed_analysis, "admiralty")[2]
    evil = result.model_copy(
        update={
            "criteria": [
                c.model_copy(update={"label": "<script>x</script>", "why": "<img src=x>"})
                for c in result.criteria
            ]
        }
    )
    markup = render.criteria_table(evil)
    assert "<script" not in markup and "<img" not in markup
    assert "&lt;script&gt;" in markup
