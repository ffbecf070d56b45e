"""The rubrics an application offers, for the dashboard and the CLI alike: the valid ones by id,
their labels in pickers, the one in use, where a claim's grade sits on a rubric's scale, what
an edited copy would change, and saving an analyst's new rubric where it belongs.

A rubric is saved to the rubrics directory in use ($PROVENANCE_RUBRICS, or ./rubrics), except
when that directory is the package's own: then to the user's folder
(:func:`provenance.rubric.user_rubrics_dir`), never inside an installed package. The file is
written whole under a temporary name, then linked into place only if no rubric of that name
exists: a crash leaves no half file and two saves never overwrite each other.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from provenance.errors import ProvenanceError
from provenance.export import atomic_path
from provenance.models import Analysis, ClaimScore
from provenance.packaged import packaged
from provenance.rubric import (
    Rubric,
    list_rubrics,
    rubric_dirs,
    rubrics_dir,
    user_rubrics_dir,
    validate_rubric_text,
)

#: The rubric in use until an analyst picks another.
DEFAULT_RUBRIC = "admiralty"
_ID_LINE = re.compile(r"^id:\s*\S.*$", re.MULTILINE)
CHANGE_COLUMNS = ["article_id", "claim_id", "before", "after", "changed", "score_before",
                  "score_after", "text"]  # fmt: skip


class RubricExists(ProvenanceError):
    """A rubric of that id exists already; saving never replaces one."""


def rubric_catalogue() -> dict[str, Rubric]:
    """Every valid rubric of the rubric directories, by id (broken files left out: see
    ``provenance rubrics validate``)."""
    return {rubric.id: rubric for rubric in list_rubrics()}


def rubric_label(known: dict[str, Rubric], rubric_id: str) -> str:
    """A rubric's title in pickers, with its id when another rubric has the same title."""
    title = known[rubric_id].title if rubric_id in known else rubric_id
    twins = sum(r.title == title for r in known.values())
    return f"{title} ({rubric_id})" if twins > 1 else title


def choose_rubric(known: dict[str, Rubric], wanted: str | None) -> Rubric | None:
    """The rubric ``wanted``, else the default one, else any (None when there is none)."""
    return (
        known.get(wanted or DEFAULT_RUBRIC)
        or known.get(DEFAULT_RUBRIC)
        or next(iter(known.values()), None)
    )


def badness(result: ClaimScore, rubric: Rubric) -> float:
    """Where a claim's grade sits between the rubric's best (0) and worst (1), averaged over the
    axes: colours claims the same way under one-axis and two-axis rubrics."""
    places = []
    for axis in rubric.rating_axes():
        value = result.axes.get(axis.name, result.grade)
        if value in axis.values and len(axis.values) > 1:
            places.append(axis.values.index(value) / (len(axis.values) - 1))
    return sum(places) / len(places) if places else 0.5


def copy_text(rubric: Rubric) -> str:
    """The rubric's YAML with a new id, so saving the copy never replaces the original."""
    return _ID_LINE.sub(f"id: {rubric.id}-copy", rubric.text or "", count=1)


def grade_changes(analyses: Iterable[Analysis], old: Rubric, new: Rubric) -> pd.DataFrame:
    """Every claim of ``analyses`` graded by both rubrics (``CHANGE_COLUMNS``), the claims
    whose grade changes first: what an edit of a rubric would do before it is saved."""
    from provenance.scoring import score

    rows = []
    for analysis in analyses:
        texts = {c.id: c.text for c in analysis.claims}
        for before, after in zip(score(analysis, old), score(analysis, new), strict=True):
            rows.append((analysis.article.id, before.claim_id, before.grade, after.grade,
                         before.grade != after.grade, round(before.percent, 1),
                         round(after.percent, 1), texts[before.claim_id]))  # fmt: skip
    frame = pd.DataFrame(rows, columns=CHANGE_COLUMNS)
    return frame.sort_values("changed", ascending=False, kind="stable")


def saving_dir() -> Path:
    """Where a new rubric is saved: the rubrics directory, unless it is the package's own."""
    folder = rubrics_dir()
    if folder.resolve() == packaged("rubrics").resolve():
        return user_rubrics_dir()
    return folder


def save_rubric(text: str) -> Path:
    """Check the YAML ``text`` as a rubric and save it as ``ID.yaml``; its path. Raises
    :class:`~provenance.errors.RubricError` when it is not a valid rubric,
    :class:`RubricExists` when a rubric of its id exists, ``ProvenanceError`` when the folder
    cannot be written."""
    folder = saving_dir()
    rubric = validate_rubric_text(text, str(folder / "new rubric"))
    target = folder / f"{rubric.id}.yaml"
    taken = [d / target.name for d in [*rubric_dirs(), folder] if (d / target.name).exists()]
    if taken:
        raise RubricExists("a rubric of this id exists already", str(taken[0]))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ProvenanceError(f"cannot create: {err.strerror or err}", str(folder)) from None
    staged = folder / f".{target.name}.staged"
    with atomic_path(staged) as temp:
        temp.write_text(text, encoding="utf-8")
    try:
        os.link(staged, target)  # fails, changing nothing, if the name was taken meanwhile
    except FileExistsError:
        raise RubricExists("a rubric of this id exists already", str(target)) from None
    except OSError:  # a file system without hard links: rename (the name was free just above)
        os.replace(staged, target)
    finally:
        staged.unlink(missing_ok=True)
    return target
