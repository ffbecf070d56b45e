"""Scoring: a rubric applied to an analysis, with every point explained.

For each claim, each criterion reads one signal, maps its value to a credit (0..1) through the
rubric's scale and earns ``weight × credit`` points; hop signals give one credit per hop and the
rubric says how they combine (weakest link, product, decay per hop, mean, origin only). The score
is the sum of the points, so raising one weight raises exactly the claims that earn credit on
that criterion. Grades come from the score as a percentage of the total weight (bands), or per
axis (two-axis codes such as Admiralty "F3"); rubric rules add notes, cap grades and flag claims
for review.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from provenance import signals
from provenance.corroboration import ClaimView, Rated, claim_view
from provenance.explain import value_words
from provenance.models import (
    CLAIM_COLUMNS,
    Analysis,
    Claim,
    ClaimScore,
    Corroboration,
    CriterionResult,
    HopValue,
    claim_rows,
)
from provenance.registry import Registry
from provenance.rubric import Criterion, Rubric, load_rubric
from provenance.signals import Reading, SignalContext


def _rubric(rubric: Rubric | str) -> Rubric:
    return rubric if isinstance(rubric, Rubric) else load_rubric(rubric)


def _unique(words: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(w.strip() for w in words if w and w.strip()))


class _ClaimReader:
    """Signal readings for one claim, each computed once however many criteria read it."""

    def __init__(self, ctx: SignalContext, claim: Claim) -> None:
        self.ctx = ctx
        self.claim = claim
        self._cache: dict[str, Reading | list[Reading]] = {}

    def read(self, name: str) -> Reading | list[Reading]:
        if name not in self._cache:
            sig = signals.get(name)
            self._cache[name] = (
                sig.read_claim(self.ctx, self.claim)
                if sig.level == "claim"
                else sig.read_hops(self.ctx, self.claim)
            )
        return self._cache[name]

    def matches(self, name: str, values: list[str]) -> bool:
        """Whether the signal takes one of ``values`` (for a hop signal: at any hop)."""
        reading = self.read(name)
        readings = reading if isinstance(reading, list) else [reading]
        return any(signals.value_key(r.value) in values for r in readings)


def _combine(rubric: Rubric, crit: Criterion, readings: list[Reading], claim: Claim) -> _Part:
    """Credits of a chain's hops joined as the rubric says, with the deciding words."""
    credits = [crit.credit_for(r.value) for r in readings]
    how = rubric.combine_for(crit)
    n = len(readings)
    hops = f"{n} hop" if n == 1 else f"{n} hops"
    decisive = readings
    if how == "weakest_link":
        credit = min(credits)
        decisive = [r for r, c in zip(readings, credits, strict=True) if c == credit]
        note = f"weakest of {hops}: " + "; ".join(r.note for r in decisive if r.note)
        meaning = f"weakest link: {value_words(crit.signal, decisive[0].value)}"
    elif how == "origin":
        credit, decisive = credits[0], readings[:1]
        note = f"origin of {hops}: {readings[0].note}"
        meaning = f"origin: {value_words(crit.signal, readings[0].value)}"
    elif how == "decay":
        factor = rubric.chain.decay
        credit = credits[0] * factor ** (n - 1)
        decisive = readings[:1]
        note = f"origin ({readings[0].note}) × {factor:g}^{n - 1} for {hops}"
        meaning = f"origin: {value_words(crit.signal, readings[0].value)}, × {factor:g} per relay"
    elif how == "product":
        credit = math.prod(credits)
        decisive = [r for r, c in zip(readings, credits, strict=True) if c < 1]
        note = meaning = f"product over {hops}"
    else:  # mean
        credit = sum(credits) / n
        decisive = [r for r, c in zip(readings, credits, strict=True) if c < 1]
        note = meaning = f"mean over {hops}"
    value = " → ".join(signals.value_key(r.value) for r in readings)
    part = _result(crit, value, credit, [w for r in decisive for w in r.evidence], note, meaning)
    part.hops = [
        (hop.name, signals.value_key(r.value), c)
        for hop, r, c in zip(claim.chain, readings, credits, strict=True)
    ]
    return part


@dataclass
class _Part:
    """A CriterionResult before it becomes a pydantic model (frames never need the model)."""

    criterion: str
    label: str
    why: str
    signal: str
    value: Any
    meaning: str
    credit: float
    points: float
    weight: float
    axis: str | None
    evidence: list[str]
    note: str
    #: (source name, value, credit) per hop, origin first
    hops: list[tuple[str, str, float]] = field(default_factory=list)

    def model(self) -> CriterionResult:
        fields = vars(self) | {
            "hops": [HopValue.model_construct(source=s, value=v, credit=c) for s, v, c in self.hops]
        }
        return CriterionResult.model_construct(**fields)


@dataclass
class _Scored:
    """A ClaimScore before it becomes a pydantic model."""

    claim_id: str
    score: float
    percent: float
    grade: str
    axes: dict[str, str]
    needs_review: bool
    notes: list[str]
    rubric: str
    rubric_version: str
    criteria: list[_Part]

    def model(self) -> ClaimScore:
        """The public result; built from checked values, so pydantic validation is skipped."""
        fields = dict(self.__dict__)
        fields["criteria"] = [part.model() for part in self.criteria]
        return ClaimScore.model_construct(**fields)


def _result(
    crit: Criterion, value: Any, credit: float, evidence: Iterable[str], note: str, meaning: str
) -> _Part:
    return _Part(
        criterion=crit.id,
        label=crit.label or crit.id.replace("_", " ").capitalize(),
        why=crit.why,
        signal=crit.signal,
        value=value,
        meaning=meaning,
        credit=round(credit, 6),
        points=round(crit.weight * credit, 6),
        weight=crit.weight,
        axis=crit.axis,
        evidence=_unique(evidence),
        note=note,
    )


def _criterion(rubric: Rubric, crit: Criterion, reader: _ClaimReader) -> _Part:
    reading = reader.read(crit.signal)
    if isinstance(reading, Reading):
        credit = crit.credit_for(reading.value)
        meaning = value_words(crit.signal, reading.value)
        return _result(crit, reading.value, credit, reading.evidence, reading.note, meaning)
    if not reading:  # a hop criterion on the article's own voice
        credit = crit.empty_chain if crit.empty_chain is not None else 0.0
        own = "asserted by the article itself"
        return _result(crit, "own voice", credit, (), own, f"no source: {own}")
    return _combine(rubric, crit, reading, reader.claim)


def _band(bands: Iterable[Any], percent: float) -> str:
    for band in bands:
        if percent + 1e-9 >= band.min:
            return str(band.label)
    raise AssertionError("validated bands end at 0")


def _worse(order: list[str], current: str, cap: str) -> str:
    """The worse of two grades on a best-first scale."""
    return cap if order.index(cap) > order.index(current) else current


def _score_claim(rubric: Rubric, ctx: SignalContext, claim: Claim) -> _Scored:
    reader = _ClaimReader(ctx, claim)
    results = [_criterion(rubric, crit, reader) for crit in rubric.criteria]
    total = sum(r.points for r in results)
    percent = 100 * total / rubric.total_weight
    axes: dict[str, str] = {}
    grade = ""
    if rubric.grades.axes:
        for axis in rubric.grades.axes:
            weight = rubric.axis_weight(axis.name)
            points = sum(r.points for r in results if r.axis == axis.name)
            axes[axis.name] = _band(axis.bands, 100 * points / weight if weight else 0.0)
    else:
        grade = _band(rubric.grades.bands or [], percent)
    notes: list[str] = []
    review = rubric.needs_review is not None and percent < rubric.needs_review.below
    for rule in rubric.rules:
        if not reader.matches(rule.signal, rule.values):
            continue
        notes.append(rule.note)
        review = review or rule.review
        if rule.grade is None:
            continue
        if rule.axis is not None:
            axes[rule.axis] = _worse(rubric.grade_order(rule.axis), axes[rule.axis], rule.grade)
        else:
            grade = _worse(rubric.grade_order(), grade, rule.grade)
    if axes:
        code = rubric.grades.code
        grade = code.format(**axes) if code else "".join(axes.values())
    return _Scored(
        claim_id=claim.id,
        score=round(total, 6),
        percent=round(percent, 4),
        grade=grade,
        axes=axes,
        needs_review=review,
        notes=notes,
        rubric=rubric.id,
        rubric_version=rubric.version,
        criteria=results,
    )


def _score_all(
    analysis: Analysis,
    rubric: Rubric,
    registry: Registry | None = None,
    views: Mapping[tuple[str, str], ClaimView] | None = None,
    register: Mapping[str, Rated] | None = None,
) -> list[_Scored]:
    mine = {c: v for (a, c), v in (views or {}).items() if a == analysis.article.id}
    ctx = SignalContext(analysis, registry=registry, corroboration=mine, register=register)
    return [_score_claim(rubric, ctx, claim) for claim in analysis.claims]


def score(
    analysis: Analysis,
    rubric: Rubric | str,
    *,
    registry: Registry | None = None,
    corroboration: Corroboration | None = None,
    register: Mapping[str, Rated] | None = None,
) -> list[ClaimScore]:
    """Score every claim of one analysis under a rubric (a Rubric, a name or a path).

    ``corroboration`` (from :func:`provenance.corroboration.corroborate` over a collection
    holding this article) feeds the corroboration signals; ``register`` maps source names to
    their letters from the source register (``corroboration.register.rated``)."""
    views = claim_view(corroboration) if corroboration is not None else None
    results = _score_all(analysis, _rubric(rubric), registry, views, register)
    return [scored.model() for scored in results]


def _rows(analysis: Analysis, rubric: Rubric, scores: list[_Scored]) -> list[dict[str, Any]]:
    rows = []
    for row, result in zip(claim_rows(analysis), scores, strict=True):
        row |= {
            "score": result.score,
            "percent": result.percent,
            "grade": result.grade,
            **result.axes,
            "needs_review": result.needs_review,
            "notes": "; ".join(result.notes),
            "rubric": rubric.id,
            "rubric_version": rubric.version,
        }
        for crit in result.criteria:
            row[crit.criterion] = crit.points
            row[f"{crit.criterion}_value"] = signals.value_key(crit.value)
            row[f"{crit.criterion}_evidence"] = "; ".join(crit.evidence)
        rows.append(row)
    return rows


def frame_columns(rubric: Rubric) -> list[str]:
    """The columns of :func:`score_frame` for this rubric, in order."""
    axes = [a.name for a in rubric.grades.axes or []]
    base = [
        *CLAIM_COLUMNS, "score", "percent", "grade", *axes, "needs_review", "notes", "rubric",
        "rubric_version",
    ]  # fmt: skip
    for crit in rubric.criteria:
        base += [crit.id, f"{crit.id}_value", f"{crit.id}_evidence"]
    return base


def score_frame(
    analyses: Iterable[Analysis] | Analysis,
    rubric: Rubric | str,
    *,
    corroboration: Corroboration | None = None,
    register: Mapping[str, Rated] | Callable[[Analysis], Mapping[str, Rated]] | None = None,
) -> pd.DataFrame:
    """One row per claim of every analysis: chain facts, score, grade, and per criterion its
    points (column named after the criterion), the value read and the evidence words.
    ``register`` is the source register's letters, or a function giving each analysis its own
    (articles scored alone, each with the analysts' letters under its own spellings)."""
    rub = _rubric(rubric)
    items = [analyses] if isinstance(analyses, Analysis) else analyses
    views = claim_view(corroboration) if corroboration is not None else None
    rows: list[dict[str, Any]] = []
    for analysis in items:
        letters = register(analysis) if callable(register) else register
        rows += _rows(analysis, rub, _score_all(analysis, rub, None, views, letters))
    return pd.DataFrame(rows, columns=frame_columns(rub))


def summarize(frame: pd.DataFrame, weakest: int = 3) -> pd.DataFrame:
    """Per article, from a :func:`score_frame`: claims, share resting on anonymous sources,
    deepest chain, mean score, claims needing review, and the weakest claims."""
    columns = [
        "article_id", "claims", "anonymous_share", "deepest_chain", "deepest_claim",
        "mean_percent", "needs_review", "weakest_claims",
    ]  # fmt: skip
    rows = []
    for article_id, group in frame.groupby("article_id", sort=False):
        deepest = group.loc[group["hops"].idxmax()] if len(group) else None
        low = group.nsmallest(weakest, "score")
        rows.append(
            {
                "article_id": article_id,
                "claims": len(group),
                "anonymous_share": round(float((group["anonymous_hops"] > 0).mean()), 4),
                "deepest_chain": int(group["hops"].max()),
                "deepest_claim": deepest["claim_id"] if deepest is not None else "",
                "mean_percent": round(float(group["percent"].mean()), 2),
                "needs_review": int(group["needs_review"].sum()),
                "weakest_claims": "; ".join(
                    f"{r.claim_id} ({r.grade}): {r.text[:60]}" for r in low.itertuples()
                ),
            }
        )
    return pd.DataFrame(rows, columns=columns)


def article_summary(analyses: Iterable[Analysis] | Analysis, rubric: Rubric | str) -> pd.DataFrame:
    """One row per article: see :func:`summarize`."""
    return summarize(score_frame(analyses, rubric))


def compare(analysis: Analysis, rubrics: Iterable[Rubric | str]) -> pd.DataFrame:
    """The same article under several rubrics side by side: one row per claim, per rubric its
    score, percent, grade and review flag."""
    frame = pd.DataFrame(
        {
            "claim_id": [c.id for c in analysis.claims],
            "text": [c.text for c in analysis.claims],
            "chain": [c.rendered_chain for c in analysis.claims],
        }
    )
    for k, rubric in enumerate(rubrics):
        rub = _rubric(rubric)
        results = score(analysis, rub)
        name = rub.id if f"{rub.id}_score" not in frame else f"{rub.id}_{k + 1}"
        frame[f"{name}_score"] = [r.score for r in results]
        frame[f"{name}_percent"] = [r.percent for r in results]
        frame[f"{name}_grade"] = [r.grade for r in results]
        frame[f"{name}_review"] = [r.needs_review for r in results]
    return frame
