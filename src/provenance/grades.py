"""What a rating means against a rubric: the rubric's fingerprint, the grade a set of values
amounts to, the automatic grade on the rating axes, and values checked against the scale.
"""

from __future__ import annotations

import hashlib

from provenance.models import ClaimScore
from provenance.rubric import Rubric


def rubric_key(rubric: Rubric) -> str:
    """Identifies a rubric's content: an edited rubric saved under the same id is a new key."""
    digest = hashlib.sha1(rubric.model_dump_json().encode(), usedforsecurity=False).hexdigest()
    return f"{rubric.id}@{rubric.version}#{digest[:12]}"


def grade_of(rubric: Rubric, values: dict[str, str]) -> str:
    """The grade a set of rating values amounts to (``B2`` for the Admiralty rubric)."""
    if rubric.grades.code:
        return rubric.grades.code.format(**values)
    return values.get("grade", "")


def automatic_values(rubric: Rubric, result: ClaimScore) -> dict[str, str]:
    """The automatic grade expressed on the rating axes (what agreeing means)."""
    return {axis.name: result.axes.get(axis.name, result.grade) for axis in rubric.rating_axes()}


def check_values(rubric: Rubric, values: dict[str, str]) -> None:
    """Refuse values off the rubric's rating axes, with the accepted ones."""
    axes = {axis.name: axis.values for axis in rubric.rating_axes()}
    for name, value in values.items():
        if name not in axes:
            raise ValueError(f"{rubric.id} has no rating axis {name!r} (it has {', '.join(axes)})")
        if value not in axes[name]:
            raise ValueError(f"{name}={value!r} is not on {rubric.id}'s scale "
                             f"({', '.join(axes[name])})")  # fmt: skip
    missing = [name for name in axes if name not in values]
    if missing:
        raise ValueError(f"choose a value for {', '.join(missing)}")


def values_text(values: dict[str, str]) -> str:
    """Rating values as ``axis=value`` pairs, as tables and messages show them."""
    return " ".join(f"{axis}={value}" for axis, value in values.items())
