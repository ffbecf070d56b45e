"""Agreement statistics from ratings read back from CSV: Krippendorff's alpha equals the
published values of Krippendorff's own worked example and the ``krippendorff`` package's alpha
on the same matrix; disagreements between analysts and with the automatic grade are flagged."""

from __future__ import annotations

import math
from pathlib import Path

import krippendorff
import numpy as np
import pandas as pd
import pytest

from provenance.agreement import agreement, alpha, disagreements, values_from_text
from provenance.models import Analysis
from provenance.rubric import Rubric, load_rubric, validate_rubric_text
from provenance.scoring import score

#: Krippendorff (2011), "Computing Krippendorff's alpha-reliability", example C: 4 observers,
#: 12 units, values 1-5 (None: not rated). Published: nominal 0.743, ordinal 0.815.
PAPER = {
    "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
}
FIVE_BANDS = """
id: five
title: Five bands
version: "1"
criteria:
  - {id: depth, signal: hops, weight: 1, scale: [{upto: 1, credit: 1.0}, {credit: 0.0}]}
grades:
  bands:
    - {label: "1", min: 80}
    - {label: "2", min: 60}
    - {label: "3", min: 40}
    - {label: "4", min: 20}
    - {label: "5", min: 0}
"""


def write_csv(path: Path, rows: list[dict[str, object]]) -> pd.DataFrame:
    """Ratings as a CSV file, read back as text (as an import would)."""
    pd.DataFrame(rows).to_csv(path, index=False)
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def paper_csv(tmp_path: Path) -> pd.DataFrame:
    rows = [
        {"article_id": "paper", "claim_id": f"u{unit}", "analyst": coder, "rubric_id": "five",
         "grade": value}
        for coder, values in PAPER.items()
        for unit, value in enumerate(values, start=1)
        if value is not None
    ]  # fmt: skip
    return write_csv(tmp_path / "paper.csv", rows)


@pytest.fixture
def five() -> Rubric:
    return validate_rubric_text(FIVE_BANDS, "five")


def test_alpha_matches_the_published_example(tmp_path: Path, five: Rubric) -> None:
    ratings = paper_csv(tmp_path)
    ordinal = agreement(ratings, five)
    [row] = ordinal.to_dict("records")
    assert (row["criterion"], row["level"]) == ("grade", "ordinal")
    assert row["alpha"] == pytest.approx(0.815, abs=5e-4)
    # unit 12 has one value and pairs with nothing: 11 items, 4 analysts, 40 pairable ratings
    assert (row["items"], row["analysts"], row["ratings"]) == (11, 4, 40)
    nominal = agreement(ratings, five, level="nominal")
    assert nominal["alpha"].iloc[0] == pytest.approx(0.743, abs=5e-4)


def test_alpha_equals_the_krippendorff_package_on_the_same_matrix(
    tmp_path: Path, five: Rubric
) -> None:
    matrix = [[np.nan if v is None else float(v) for v in values] for values in PAPER.values()]
    ratings = paper_csv(tmp_path)
    for level in ("ordinal", "nominal"):
        expected = krippendorff.alpha(reliability_data=matrix, level_of_measurement=level)
        assert agreement(ratings, five, level=level)["alpha"].iloc[0] == pytest.approx(expected)


def _two_analysts(analysis: Analysis, rubric: Rubric) -> list[dict[str, object]]:
    """alice agrees with the automatic grade on six claims; bob differs on three of them."""
    results = score(analysis, rubric)[:6]
    rows = []
    for k, result in enumerate(results):
        rows.append({"article_id": analysis.article.id, "claim_id": result.claim_id,
                     "analyst": "alice", "rubric_id": rubric.id, **result.axes})  # fmt: skip
        bob = dict(result.axes)
        if k % 2:
            bob["credibility"] = "6" if bob["credibility"] != "6" else "2"
        if k == 1:
            bob["reliability"] = "B"
        rows.append({"article_id": analysis.article.id, "claim_id": result.claim_id,
                     "analyst": "bob", "rubric_id": rubric.id, **bob})  # fmt: skip
    # someone else's rubric in the same file is ignored
    rows.append({"article_id": analysis.article.id, "claim_id": results[0].claim_id,
                 "analyst": "carol", "rubric_id": "newsroom", "grade": "well sourced"})  # fmt: skip
    return rows


def test_two_analysts_on_the_seed_admiralty_axes(tmp_path: Path, seed_analysis: Analysis) -> None:
    admiralty = load_rubric("admiralty")
    ratings = write_csv(tmp_path / "ratings.csv", _two_analysts(seed_analysis, admiralty))
    table = agreement(ratings, admiralty).set_index("criterion")
    assert list(table.index) == ["reliability", "credibility"]
    assert (table["items"] == 6).all() and (table["analysts"] == 2).all()
    mine = ratings[ratings["rubric_id"] == "admiralty"]
    for axis in admiralty.rating_axes():
        pivot = mine.pivot(index="analyst", columns="claim_id", values=axis.name)
        ranks = pivot.apply(lambda col, a=axis: col.map(a.values.index)).to_numpy(dtype=float)
        expected = krippendorff.alpha(
            reliability_data=ranks,
            value_domain=list(range(len(axis.values))),
            level_of_measurement="ordinal",
        )
        assert table.loc[axis.name, "alpha"] == pytest.approx(expected)
    assert table.loc["credibility", "alpha"] < 0.5  # bob departs on half the claims


def test_disagreements_between_analysts_and_with_the_automatic_grade(
    tmp_path: Path, seed_analysis: Analysis
) -> None:
    admiralty = load_rubric("admiralty")
    ratings = write_csv(tmp_path / "ratings.csv", _two_analysts(seed_analysis, admiralty))
    results = score(seed_analysis, admiralty)
    automatic = pd.DataFrame(
        [{"article_id": seed_analysis.article.id, "claim_id": r.claim_id, **r.axes}
         for r in results]
    )  # fmt: skip
    flags = disagreements(ratings, admiralty, automatic).set_index("claim_id")
    assert len(flags) == 6 and (flags["analysts"] == 2).all()
    odd = [r.claim_id for r in results[:6]][1::2]
    assert set(flags.index[flags["between_analysts"]]) == set(odd)
    assert set(flags.index[flags["with_automatic"]]) == set(odd)  # alice agrees throughout
    second = results[1]
    bob = ratings[(ratings["analyst"] == "bob") & (ratings["claim_id"] == second.claim_id)]
    steps = [
        abs(axis.values.index(second.axes[axis.name]) - axis.values.index(bob[axis.name].iloc[0]))
        for axis in admiralty.rating_axes()
    ]
    assert flags.loc[second.claim_id, "spread"] == max(steps) > 0
    assert flags.loc[results[0].claim_id, "spread"] == 0
    assert "alice: " in flags.loc[second.claim_id, "values"]
    assert "bob: B" in flags.loc[second.claim_id, "values"]


def test_alpha_is_undefined_without_two_analysts_or_without_variation(
    tmp_path: Path, five: Rubric
) -> None:
    alone = write_csv(
        tmp_path / "alone.csv",
        [{"article_id": "a", "claim_id": f"c{i}", "analyst": "ann", "grade": "2"}
         for i in range(5)],
    )  # fmt: skip
    [row] = agreement(alone, five).to_dict("records")
    assert math.isnan(row["alpha"]) and (row["items"], row["analysts"]) == (0, 0)
    same = write_csv(
        tmp_path / "same.csv",
        [{"article_id": "a", "claim_id": f"c{i}", "analyst": who, "grade": "3"}
         for i in range(4) for who in ("ann", "ben")],
    )  # fmt: skip
    assert math.isnan(alpha(same, five.rating_axes()[0]))
    assert agreement(same, five)["items"].iloc[0] == 4


def test_values_written_as_text_are_spread_into_axes() -> None:
    frame = pd.DataFrame(
        {"analyst": ["a", "b"], "analyst_values": ["reliability=B credibility=2", "grade=x y"]}
    )
    spread = values_from_text(frame)
    assert spread.loc[0, "reliability"] == "B" and spread.loc[0, "credibility"] == "2"
    assert spread.loc[1, "grade"] == "x" and pd.isna(spread.loc[1, "reliability"])


# --- the Agreement page (AppTest, real app and database) -----------------------------------


def test_agreement_page_flags_and_shows_rationales_side_by_side(
    db: str, seed_analysis: Analysis
) -> None:
    import os

    from streamlit.testing.v1 import AppTest

    from provenance.dashboard import core
    from provenance.storage import Store

    app = Path(__file__).resolve().parents[1] / "app.py"
    at = AppTest.from_file(str(app), default_timeout=120).run()  # first start: samples
    admiralty = load_rubric("admiralty")
    store = Store(db)
    rows = _two_analysts(seed_analysis, admiralty)
    for row in rows:
        if row["rubric_id"] != "admiralty":
            continue
        values = {a.name: str(row[a.name]) for a in admiralty.rating_axes()}
        keys = {c.claim_id: c.key for c in store.claims(str(row["article_id"]))}
        store.add_rating(
            article_id=str(row["article_id"]), claim_key=keys[str(row["claim_id"])],
            analyst=str(row["analyst"]), rubric_id="admiralty", rubric_version="1.0",
            values=values, agree=False, override_grade="".join(values.values()),
            rationale=f"{row['analyst']} <b>checked</b> {row['claim_id']}",
        )  # fmt: skip
    store.close()
    page = os.path.relpath(Path(core.__file__).parent / "agreement.py", app.parent)
    at.switch_page(page).run()
    assert not at.exception and not at.error
    expected = agreement(
        pd.DataFrame([r for r in rows if r["rubric_id"] == "admiralty"]), admiralty
    ).set_index("criterion")
    shown = {m.label: m.value for m in at.metric}
    for axis in ("reliability", "credibility"):
        assert shown[f"α {axis} (ordinal)"] == f"{expected.loc[axis, 'alpha']:.3f}"
    assert shown["Claims compared"] == "6"
    table = at.dataframe[0].value
    odd = [str(r["claim_id"]) for r in rows if r["analyst"] == "alice"][1::2]
    assert sorted(table["claim_id"]) == sorted(odd)  # only the claims bob departs on
    at.segmented_control(key="disagree_show").set_value("all").run()
    assert len(at.dataframe[0].value) == 6
    at.toggle(key="alpha_nominal").set_value(True).run()
    assert any(label.endswith("(nominal)") for label in (m.label for m in at.metric))
