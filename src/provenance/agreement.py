"""How far analysts agree: Krippendorff's alpha per rating criterion of a rubric, and the
claims where analysts disagree with each other or with the automatic grade.

Input is a ratings frame, one row per analyst's latest rating of a claim under a rubric:
``article_id``, ``claim_id`` (together they name the item rated), ``analyst``, and one column
per rating axis of the rubric (``reliability`` and ``credibility`` for the Admiralty rubric,
``grade`` for a rubric of bands), empty where the analyst gave no value. A rubric lists its
rating values best first, so its scales are ordered and alpha is ordinal (the ``krippendorff``
package's ordinal metric, over the values' ranks); ``level="nominal"`` treats them as mere
categories.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Literal

import krippendorff
import numpy as np
import pandas as pd

from provenance.rubric import RatingAxis, Rubric

ITEM = ["article_id", "claim_id"]
Level = Literal["ordinal", "nominal"]
AGREEMENT_COLUMNS = ["rubric", "criterion", "level", "alpha", "items", "analysts", "ratings"]


def values_from_text(frame: pd.DataFrame, column: str = "analyst_values") -> pd.DataFrame:
    """Rating values written as ``"reliability=B credibility=2"`` (as the dashboard shows and
    exports them) spread into one column per axis."""
    parsed = [
        dict(pair.split("=", 1) for pair in str(text).split() if "=" in pair)
        for text in frame[column].fillna("")
    ]
    spread = pd.DataFrame(parsed, index=frame.index)
    return frame.drop(columns=[c for c in spread.columns if c in frame.columns]).join(spread)


def rated(latest: pd.DataFrame, rubric: Rubric) -> pd.DataFrame:
    """The latest ratings under ``rubric`` of claims in the current articles (a
    :func:`~provenance.tables.ratings_frame`, or the same columns read from a file), one
    column per rating axis. Ratings left on a claim no longer there are not compared."""
    keep = pd.Series(True, index=latest.index)
    if "rubric_id" in latest.columns:
        keep &= latest["rubric_id"] == rubric.id
    if "status" in latest.columns:
        keep &= latest["status"].isin(["current", ""])
    keep &= latest["claim_id"].map(_present)
    chosen = latest[keep]
    return values_from_text(chosen) if "analyst_values" in chosen.columns else chosen


def read_ratings(path: Path) -> pd.DataFrame:
    """Ratings from a CSV or JSON Lines file (as ``provenance db ratings`` writes them, or any
    table with ``article_id``, ``claim_id``, ``analyst`` and the rubric's axes or
    ``analyst_values``), every cell read as text."""
    if path.suffix.lower() == ".jsonl":
        frame = pd.read_json(path, lines=True, dtype=False).astype(str)
    else:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    frame.columns = [str(c).lstrip("'") for c in frame.columns]  # our CSVs quote risky headers
    missing = [c for c in [*ITEM, "analyst"] if c not in frame.columns]
    if missing:
        raise ValueError(f"no column {', '.join(missing)} (columns: {', '.join(frame.columns)})")
    return frame


def _present(value: object) -> bool:
    return (
        value is not None
        and not (isinstance(value, float) and math.isnan(value))
        and (str(value).strip() != "")
    )


def _matrix(ratings: pd.DataFrame, axis: RatingAxis) -> tuple[np.ndarray, int, int, int]:
    """Analysts × items of value ranks (NaN where not rated), restricted to items at least two
    analysts rated; with the counts of items, analysts and ratings in it."""
    if axis.name not in ratings.columns:
        return np.empty((0, 0)), 0, 0, 0
    rank = {value: float(i) for i, value in enumerate(axis.values)}
    rows = ratings.loc[ratings[axis.name].map(_present), [*ITEM, "analyst", axis.name]]
    rows = rows.assign(rank=rows[axis.name].astype(str).str.strip().map(rank)).dropna(
        subset=["rank"]
    )
    rows = rows.drop_duplicates([*ITEM, "analyst"], keep="last")
    pairable = rows.groupby(ITEM)["analyst"].transform("size") >= 2
    rows = rows[pairable]
    if rows.empty:
        return np.empty((0, 0)), 0, 0, 0
    table = rows.pivot(index="analyst", columns=ITEM, values="rank")
    return table.to_numpy(dtype=float), table.shape[1], table.shape[0], len(rows)


def alpha(ratings: pd.DataFrame, axis: RatingAxis, level: Level = "ordinal") -> float:
    """Krippendorff's alpha of one rating axis; NaN when it is undefined (no item rated by two
    analysts, or every value the same, where disagreement cannot be told from chance)."""
    data, items, _, _ = _matrix(ratings, axis)
    if items == 0 or np.unique(data[~np.isnan(data)]).size < 2:
        return math.nan
    domain = [float(i) for i in range(len(axis.values))]
    return float(
        krippendorff.alpha(reliability_data=data, value_domain=domain, level_of_measurement=level)
    )


def agreement(ratings: pd.DataFrame, rubric: Rubric, level: Level = "ordinal") -> pd.DataFrame:
    """Per rating criterion of ``rubric``: alpha, and the items (claims rated by two analysts or
    more), analysts and ratings it rests on. ``ratings`` may hold other rubrics' rows too
    (a ``rubric_id`` column); only this rubric's are used."""
    if "rubric_id" in ratings.columns:
        ratings = ratings[ratings["rubric_id"] == rubric.id]
    rows = []
    for axis in rubric.rating_axes():
        _, items, analysts, count = _matrix(ratings, axis)
        rows.append(
            {
                "rubric": rubric.id,
                "criterion": axis.name,
                "level": level,
                "alpha": alpha(ratings, axis, level),
                "items": items,
                "analysts": analysts,
                "ratings": count,
            }
        )
    return pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)


DISAGREEMENT_COLUMNS = [
    *ITEM, "analysts", "values", "between_analysts", "with_automatic", "spread",
]  # fmt: skip


def disagreements(
    ratings: pd.DataFrame, rubric: Rubric, automatic: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Per rated claim: who rated it and what they gave, whether analysts disagree with each
    other (any axis with two values), whether any analyst departs from the automatic grade
    (``automatic``: one row per claim with the item columns and one column per axis), and the
    spread (the largest distance on an axis between two analysts' values, in steps)."""
    if "rubric_id" in ratings.columns:
        ratings = ratings[ratings["rubric_id"] == rubric.id]
    axes = [a for a in rubric.rating_axes() if a.name in ratings.columns]
    auto = (
        {tuple(row[ITEM]): row for _, row in automatic.iterrows()} if automatic is not None else {}
    )
    rows = []
    for key, group in ratings.groupby(ITEM, sort=False):
        group = group.drop_duplicates("analyst", keep="last")
        between, spread, departs = False, 0, False
        for axis in axes:
            given = [str(v).strip() for v in group[axis.name] if _present(v)]
            ranks = [axis.values.index(v) for v in given if v in axis.values]
            if len(set(given)) > 1:
                between = True
            if ranks:
                spread = max(spread, max(ranks) - min(ranks))
            machine = auto.get(tuple(key))
            if machine is not None and any(v != str(machine[axis.name]) for v in given):
                departs = True
        shown = "; ".join(
            f"{row.analyst}: "
            + " ".join(str(getattr(row, a.name)) for a in axes if _present(getattr(row, a.name)))
            for row in group.itertuples()
        )
        rows.append(
            {
                **dict(zip(ITEM, key, strict=True)),
                "analysts": group["analyst"].nunique(),
                "values": shown,
                "between_analysts": between,
                "with_automatic": departs,
                "spread": spread,
            }
        )
    return pd.DataFrame(rows, columns=DISAGREEMENT_COLUMNS)
