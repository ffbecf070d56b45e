"""The checks on a rubric that pydantic cannot do alone: they need the signal catalogue or the
whole file (scales against signal values, bands in order, axes fed, rule caps on real grades).
Each failure is a :class:`~provenance.errors.RubricError` naming the key path."""

from __future__ import annotations

import difflib
import math
import string
from typing import TYPE_CHECKING

from provenance import signals
from provenance.errors import RubricError

if TYPE_CHECKING:
    from provenance.rubric import Band, Criterion, Rubric


def suggest(name: str, choices: list[str]) -> str:
    """' (did you mean ...?)' for a near miss, else nothing."""
    close = difflib.get_close_matches(name, choices, n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _check_scale(where: str, crit: Criterion, sig: signals.Signal) -> None:
    if sig.values is None:
        if not isinstance(crit.scale, list):
            raise RubricError(
                f"{where}.scale: signal '{sig.name}' is a count: give a list of steps "
                "like [{upto: 1, credit: 1.0}, {credit: 0.5}]"
            )
        if not crit.scale:
            raise RubricError(f"{where}.scale: no steps")
        previous = -math.inf
        for k, step in enumerate(crit.scale):
            last = k == len(crit.scale) - 1
            if step.upto is None and not last:
                raise RubricError(f"{where}.scale[{k}].upto: only the last step may be open")
            if step.upto is not None and last:
                raise RubricError(
                    f"{where}.scale[{k}]: the last step must have no 'upto' "
                    f"(values above {step.upto:g} would get no credit)"
                )
            if step.upto is not None:
                if step.upto <= previous:
                    raise RubricError(
                        f"{where}.scale[{k}].upto: steps must increase ({step.upto:g} after "
                        f"{previous:g})"
                    )
                previous = step.upto
        return
    if not isinstance(crit.scale, dict):
        raise RubricError(
            f"{where}.scale: signal '{sig.name}' takes values {', '.join(sig.values)}: give a "
            "mapping of value: credit"
        )
    for key in crit.scale:
        if key not in sig.values:
            raise RubricError(
                f"{where}.scale.{key}: '{key}' is not a value of signal '{sig.name}'"
                f"{suggest(key, list(sig.values))} (values: {', '.join(sig.values)})"
            )
    for value in sig.values:
        if value not in crit.scale:
            raise RubricError(f"{where}.scale: missing value '{value}'")


def _check_criteria(rubric: Rubric, axes: list[str]) -> None:
    seen: set[str] = set()
    names = list(signals.CATALOGUE)
    for i, crit in enumerate(rubric.criteria):
        where = f"criteria[{i}]"
        if crit.id in seen:
            raise RubricError(f"{where}.id: duplicate criterion id '{crit.id}'")
        seen.add(crit.id)
        if crit.signal not in signals.CATALOGUE:
            raise RubricError(
                f"{where}.signal: unknown signal '{crit.signal}'{suggest(crit.signal, names)}"
                " (run `provenance signals` for the list)"
            )
        sig = signals.get(crit.signal)
        _check_scale(where, crit, sig)
        if sig.level == "hop" and crit.empty_chain is None:
            raise RubricError(
                f"{where}.empty_chain: required for hop signal '{sig.name}' (the credit when "
                "the article itself asserts the claim and there are no hops)"
            )
        if sig.level == "claim" and (crit.empty_chain is not None or crit.combine is not None):
            key = "empty_chain" if crit.empty_chain is not None else "combine"
            raise RubricError(
                f"{where}.{key}: only for hop signals; '{sig.name}' is a claim signal"
            )
        if axes and crit.axis not in axes:
            got = f"'{crit.axis}'" if crit.axis else "none"
            raise RubricError(f"{where}.axis: must be one of {', '.join(axes)}, got {got}")
        if not axes and crit.axis is not None:
            raise RubricError(f"{where}.axis: this rubric grades on bands, not axes")


def _check_bands(where: str, bands: list[Band], values: list[str] | None) -> None:
    labels: set[str] = set()
    for k, band in enumerate(bands):
        if band.label in labels:
            raise RubricError(f"{where}[{k}].label: duplicate label '{band.label}'")
        labels.add(band.label)
        if values is not None and band.label not in values:
            raise RubricError(
                f"{where}[{k}].label: '{band.label}' is not one of the axis values "
                f"({', '.join(values)})"
            )
        if k and band.min >= bands[k - 1].min:
            raise RubricError(
                f"{where}[{k}].min: bands go from the highest min down ({band.min:g} after "
                f"{bands[k - 1].min:g})"
            )
    if bands[-1].min > 0:
        raise RubricError(
            f"{where}[{len(bands) - 1}].min: the last band must start at 0 so every score "
            f"gets a grade, got {bands[-1].min:g}"
        )


def _check_grades(rubric: Rubric) -> list[str]:
    """Check the grade section; return the axis names (empty for a one-axis rubric)."""
    grades = rubric.grades
    if (grades.bands is None) == (grades.axes is None):
        raise RubricError("grades: give either 'bands' or 'axes', not both or neither")
    if grades.bands is not None:
        if not grades.bands:
            raise RubricError("grades.bands: no bands")
        if grades.code is not None:
            raise RubricError("grades.code: only for 'axes'")
        _check_bands("grades.bands", grades.bands, None)
        return []
    axes = grades.axes or []
    names = [a.name for a in axes]
    for j, axis in enumerate(axes):
        if names.count(axis.name) > 1:
            raise RubricError(f"grades.axes[{j}].name: duplicate axis '{axis.name}'")
        if len(set(axis.values)) != len(axis.values):
            raise RubricError(f"grades.axes[{j}].values: duplicate values")
        _check_bands(f"grades.axes[{j}].bands", axis.bands, axis.values)
    if grades.code is not None:
        try:
            fields = [f for _, f, _, _ in string.Formatter().parse(grades.code) if f is not None]
        except ValueError as err:
            raise RubricError(f"grades.code: {err}") from None
        for field in fields:
            if field not in names:
                raise RubricError(f"grades.code: unknown axis '{field}' (axes: {', '.join(names)})")
    return names


def _check_rules(rubric: Rubric, axes: list[str]) -> None:
    for i, rule in enumerate(rubric.rules):
        where = f"rules[{i}]"
        if rule.signal not in signals.CATALOGUE:
            names = list(signals.CATALOGUE)
            raise RubricError(
                f"{where}.signal: unknown signal '{rule.signal}'{suggest(rule.signal, names)}"
            )
        sig = signals.get(rule.signal)
        for k, value in enumerate(rule.values):
            ok = value.isdigit() if sig.values is None else value in sig.values
            if not ok:
                raise RubricError(
                    f"{where}.values[{k}]: '{value}' is not a value of signal '{sig.name}'"
                )
        if rule.grade is None:
            if rule.axis is not None:
                raise RubricError(f"{where}.axis: only with 'grade'")
            continue
        if axes and rule.axis not in axes:
            raise RubricError(f"{where}.axis: a grade cap needs one of {', '.join(axes)}")
        if not axes and rule.axis is not None:
            raise RubricError(f"{where}.axis: this rubric grades on bands, not axes")
        order = rubric.grade_order(rule.axis)
        if rule.grade not in order:
            raise RubricError(f"{where}.grade: '{rule.grade}' is not one of {', '.join(order)}")


def check(rubric: Rubric) -> None:
    """The checks pydantic cannot do alone: they need the signal catalogue or the whole file."""
    axes = _check_grades(rubric)
    _check_criteria(rubric, axes)
    for name in axes:
        if not any(c.axis == name for c in rubric.criteria):
            raise RubricError(f"grades.axes: no criterion feeds axis '{name}'")
    if rubric.total_weight <= 0:
        raise RubricError("criteria: the weights add up to 0: nothing would be scored")
    if rubric.weights_total is not None and not math.isclose(
        rubric.total_weight, rubric.weights_total, abs_tol=1e-6
    ):
        raise RubricError(
            f"weights_total: the criteria weights add up to {rubric.total_weight:g}, not "
            f"{rubric.weights_total:g}"
        )
    _check_rules(rubric, axes)
