"""Suggested ratings: once a team has rated enough claims, a model trained on their ratings
proposes a value per rating axis with a calibrated probability. A suggestion only: the analyst
still rates, and the model's cross-validated accuracy is shown beside it.

Features are what the rubric computed for the claim (each criterion's points, hops, anonymous
hops, the claim's kind); labels are the analysts' latest values. Per axis: a scaled logistic
regression, its probabilities calibrated (temperature scaling, ``CalibratedClassifierCV``), measured
by cross-validation grouped by claim (two analysts' ratings of one claim never sit on both sides
of a split) against the majority value and the class priors.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, cross_val_predict
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits

from provenance.agreement import ITEM
from provenance.rubric import Rubric

#: Ratings needed on an axis before anything is suggested.
MIN_RATINGS = 30
#: A value needs this many ratings to be learnt (one per calibration fold).
MIN_PER_VALUE = 3
FOLDS = 5
KINDS = ("headline", "direct_quote", "indirect", "assertion")


def features(scored: pd.DataFrame, rubric: Rubric) -> pd.DataFrame:
    """One numeric row per claim of a :func:`~provenance.scoring.score_frame`: every
    criterion's points, hops, anonymous hops and the claim's kind (one column each)."""
    frame = scored[[c.id for c in rubric.criteria] + ["hops", "anonymous_hops"]].astype(float)
    for kind in KINDS:
        frame[f"kind_{kind}"] = (scored["kind"] == kind).astype(float)
    return frame


@dataclass(frozen=True)
class AxisModel:
    """The model of one rating axis and how well it did under cross-validation."""

    axis: str
    model: Pipeline | CalibratedClassifierCV | None
    values: tuple[str, ...]
    ratings: int
    accuracy: float
    baseline_accuracy: float
    brier: float
    baseline_brier: float


def _brier(truth: np.ndarray, probabilities: np.ndarray, classes: np.ndarray) -> float:
    onehot = (truth[:, None] == classes[None, :]).astype(float)
    return float(np.mean(np.sum((probabilities - onehot) ** 2, axis=1)))


def _model() -> CalibratedClassifierCV:
    base = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000, C=1.0))
    return CalibratedClassifierCV(base, method="temperature", cv=MIN_PER_VALUE)


def _axis_model(axis: str, x: pd.DataFrame, y: pd.Series, groups: pd.Series) -> AxisModel:
    counts = y.value_counts()
    kept = y.isin(counts[counts >= MIN_PER_VALUE].index)
    x, y, groups = x[kept], y[kept], groups[kept]
    values = tuple(sorted(y.unique()))
    folds = min(FOLDS, groups.nunique())
    if len(y) < MIN_RATINGS or len(values) < 2 or folds < 2:
        nan = float("nan")
        return AxisModel(axis, None, values, len(y), nan, nan, nan, nan)
    truth = y.to_numpy()
    classes = np.array(values)
    predicted = cross_val_predict(
        _model(), x, truth, groups=groups, cv=GroupKFold(n_splits=folds), method="predict_proba"
    )
    priors = np.array([np.mean(truth == c) for c in classes])
    return AxisModel(
        axis=axis,
        model=_model().fit(x, truth),
        values=values,
        ratings=len(y),
        accuracy=float(np.mean(classes[predicted.argmax(axis=1)] == truth)),
        baseline_accuracy=float(priors.max()),
        brier=_brier(truth, predicted, classes),
        baseline_brier=_brier(truth, np.tile(priors, (len(truth), 1)), classes),
    )


@dataclass(frozen=True)
class Suggester:
    """Per rating axis of a rubric, a trained model (or None: not enough ratings yet)."""

    rubric: Rubric
    axes: dict[str, AxisModel]

    @property
    def ready(self) -> bool:
        return any(m.model is not None for m in self.axes.values())

    def suggest(self, scored: pd.DataFrame) -> pd.DataFrame:
        """Per claim of ``scored`` and per axis with a model: the suggested value and its
        calibrated probability (columns ``{axis}`` and ``{axis}_probability``)."""
        out = scored[ITEM].copy()
        x = features(scored, self.rubric)
        for name, axis in self.axes.items():
            if axis.model is None:
                continue
            with threadpool_limits(limits=1):
                probabilities = axis.model.predict_proba(x)
            classes = np.asarray(axis.model.classes_)
            out[name] = classes[probabilities.argmax(axis=1)]
            out[f"{name}_probability"] = probabilities.max(axis=1)
        return out


def train(ratings: pd.DataFrame, scored: pd.DataFrame, rubric: Rubric) -> Suggester:
    """Train on ``ratings`` (latest ratings with one column per rating axis, as
    :func:`provenance.agreement.values_from_text` gives) joined to the claims' ``scored``
    frame under ``rubric``; every analyst's rating is an example."""
    if "rubric_id" in ratings.columns:
        ratings = ratings[ratings["rubric_id"] == rubric.id]
    joined = ratings.merge(scored, on=ITEM, how="inner", suffixes=("", "_auto"))
    x = features(joined, rubric)
    groups = joined["article_id"].astype(str) + "\x1f" + joined["claim_id"].astype(str)
    models = {}
    # Models this small fit in milliseconds on one BLAS thread; several threads on a busy
    # machine made them 20 times slower.
    with threadpool_limits(limits=1):
        for axis in rubric.rating_axes():
            if axis.name not in joined.columns:
                continue
            text = joined[axis.name].astype(str).str.strip()
            present = joined[axis.name].notna() & (text != "")
            models[axis.name] = _axis_model(axis.name, x[present], text[present], groups[present])
    return Suggester(rubric, models)
