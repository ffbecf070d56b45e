"""Rubrics: YAML files that say which signals count, how much, and how scores become grades.

The schema is documented in ``docs/rubrics.md``. Loading is strict: a rubric that cannot be
scored (bad YAML, an unknown signal, a scale that misses a value, weights that do not add up
where the file says they must...) raises :class:`~provenance.errors.RubricError` with one line
naming the file, the path to the offending key and the problem, e.g.
``rubrics/x.yaml: criteria[2].scale: missing value 'distancing'``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any, Literal

import platformdirs
import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from provenance import signals
from provenance.errors import RubricError
from provenance.packaged import packaged
from provenance.rubric_checks import check
from provenance.rubric_yaml import load_yaml, pydantic_message, yaml_error

RUBRICS_ENV = "PROVENANCE_RUBRICS"
#: A rubric is a page of YAML; anything far larger is not a rubric (and would be slow to check).
MAX_RUBRIC_BYTES = 256_000
#: Largest weight, step bound or total a rubric may give: far beyond any real rubric, and small
#: enough that sums and percentages of them stay finite and exact enough.
MAX_NUMBER = 1_000_000

Credit = Annotated[float, Field(ge=0, le=1)]
Bounded = Annotated[float, Field(ge=-MAX_NUMBER, le=MAX_NUMBER)]
Percent = Annotated[float, Field(ge=0, le=100)]
Combine = Literal["weakest_link", "product", "decay", "mean", "origin"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, str_strip_whitespace=True)


class Step(_Strict):
    """One step of a count's scale: values up to ``upto`` (inclusive) earn ``credit``."""

    upto: Bounded | None = None
    credit: float = Field(ge=0, le=1)


class Criterion(_Strict):
    """One thing the rubric rewards: a signal, its scale (value -> credit 0..1) and a weight."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str = ""
    signal: str
    weight: float = Field(ge=0, le=MAX_NUMBER)
    scale: dict[str, Credit] | list[Step]
    combine: Combine | None = None
    empty_chain: float | None = Field(default=None, ge=0, le=1)
    axis: str | None = None
    why: str = ""

    @field_validator("scale", mode="before")
    @classmethod
    def _scale_shape(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {signals.value_key(k): v for k, v in value.items()}
        if isinstance(value, list):
            return value
        raise ValueError("must be a mapping of value: credit, or a list of steps")

    def credit_for(self, value: signals.Value) -> float:
        """The credit (0..1) this criterion gives a signal value."""
        if isinstance(self.scale, dict):
            return self.scale[signals.value_key(value)]
        number = float(value)
        for step in self.scale:
            if step.upto is None or number <= step.upto:
                return step.credit
        raise AssertionError("validated scales end with an open step")


class Band(_Strict):
    """A grade label for scores (percent of the total weight) at or above ``min``."""

    label: str
    min: Percent


class Axis(_Strict):
    """One axis of a two-axis grade (e.g. Admiralty reliability A-F)."""

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str = ""
    values: list[str] = Field(min_length=1)
    bands: list[Band] = Field(min_length=1)

    @field_validator("values", mode="before")
    @classmethod
    def _values_as_text(cls, value: Any) -> Any:
        return [str(v) for v in value] if isinstance(value, list) else value


class Grades(_Strict):
    """Either ``bands`` (one label per score range) or ``axes`` joined by ``code``."""

    bands: list[Band] | None = None
    axes: list[Axis] | None = None
    code: str | None = None


class Chain(_Strict):
    """How the credits of a chain's hops combine, for criteria that read hop signals."""

    combine: Combine = "weakest_link"
    decay: float = Field(default=0.8, gt=0, le=1)


class Rule(_Strict):
    """When a signal takes one of ``values``: add ``note``, cap the grade, flag for review."""

    signal: str
    values: list[str] = Field(min_length=1)
    note: str
    grade: str | None = None
    axis: str | None = None
    review: bool = False

    @field_validator("values", mode="before")
    @classmethod
    def _values_as_text(cls, value: Any) -> Any:
        return [signals.value_key(v) for v in value] if isinstance(value, list) else value

    @field_validator("grade", mode="before")
    @classmethod
    def _grade_as_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int | float) else value


class Review(_Strict):
    """Claims scoring below ``below`` percent are marked as needing an analyst's review."""

    below: float = Field(ge=0, le=100)


class RatingAxis(BaseModel):
    """A rubric's own rating scale for analysts: its name and its values, best first."""

    name: str
    values: list[str]


class Rubric(_Strict):
    """A validated rubric; build it with :func:`load_rubric` or :func:`validate_rubric_text`."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    title: str
    description: str = ""
    version: str
    sources: list[str] = Field(default_factory=list)
    weights_total: float | None = Field(default=None, ge=0, le=MAX_NUMBER)
    chain: Chain = Field(default_factory=Chain)
    criteria: list[Criterion] = Field(min_length=1)
    grades: Grades
    rules: list[Rule] = Field(default_factory=list)
    needs_review: Review | None = None

    _origin: str = PrivateAttr(default="")
    _text: str = PrivateAttr(default="")

    @field_validator("version", mode="before")
    @classmethod
    def _version_as_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int | float) else value

    @property
    def origin(self) -> str:
        """Where the rubric was read from (a path, or the origin given with its text)."""
        return self._origin

    @property
    def text(self) -> str:
        """The YAML it was read from, for editing."""
        return self._text

    @property
    def total_weight(self) -> float:
        """Sum of all criteria weights: the most points a claim can earn."""
        return sum(c.weight for c in self.criteria)

    def axis_weight(self, axis: str) -> float:
        """Sum of the weights of one axis's criteria."""
        return sum(c.weight for c in self.criteria if c.axis == axis)

    def combine_for(self, criterion: Criterion) -> Combine:
        """The hop combination a hop criterion uses (its own, else the rubric's)."""
        return criterion.combine or self.chain.combine

    def rating_axes(self) -> list[RatingAxis]:
        """The scale analysts rate on: the two axes, or one axis of band labels."""
        if self.grades.axes:
            return [RatingAxis(name=a.name, values=list(a.values)) for a in self.grades.axes]
        return [RatingAxis(name="grade", values=[b.label for b in self.grades.bands or []])]

    def grade_order(self, axis: str | None = None) -> list[str]:
        """Labels of one axis (or the bands) best first: the order rule caps compare in."""
        for rating in self.rating_axes():
            if axis is None or rating.name == axis:
                return rating.values
        raise KeyError(axis)


def _known_keys() -> list[str]:
    models = (Rubric, Criterion, Step, Band, Axis, Grades, Chain, Rule, Review)
    return sorted({name for model in models for name in model.model_fields})


def validate_rubric_text(text: str, origin: str) -> Rubric:
    """Parse and check a rubric's YAML; raise RubricError naming ``origin`` and the key path."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_RUBRIC_BYTES:
        raise RubricError(f"too large for a rubric (over {MAX_RUBRIC_BYTES:,} bytes)", origin)
    try:
        data = load_yaml(text)
    except yaml.YAMLError as err:
        raise RubricError(yaml_error(err), origin) from None
    except RecursionError:
        raise RubricError("invalid YAML: nested too deeply", origin) from None
    if data is None:
        raise RubricError("empty file: a rubric needs id, title, version, criteria, grades", origin)
    if not isinstance(data, dict):
        raise RubricError(f"(top level): a rubric is a mapping, got {type(data).__name__}", origin)
    try:
        rubric = Rubric.model_validate(data)
        check(rubric)
    except ValidationError as err:
        raise RubricError(pydantic_message(err, _known_keys()), origin) from None
    except RubricError as err:
        raise RubricError(err.message, origin) from None
    rubric._origin = origin
    rubric._text = text
    return rubric


def rubrics_dir() -> Path:
    """Where bare rubric names are looked up: $PROVENANCE_RUBRICS, else ./rubrics when the
    current directory has one (a team's own), else the rubrics shipped in the package."""
    override = os.environ.get(RUBRICS_ENV)
    if override:
        return Path(override)
    local = Path("rubrics")
    return local if local.is_dir() else packaged("rubrics")


def user_rubrics_dir() -> Path:
    """Where rubrics saved by an analyst go while the rubrics in use are the package's own
    (never inside the installed package): the platform's user data folder, e.g.
    ``~/.local/share/provenance/rubrics`` on Linux (``platformdirs``)."""
    return Path(platformdirs.user_data_dir("provenance", appauthor=False)) / "rubrics"


def rubric_dirs() -> list[Path]:
    """Where rubrics are read, first wins: the rubrics directory, then, when that is the
    package's own, the user's saved rubrics."""
    folder = rubrics_dir()
    shipped = packaged("rubrics").resolve()
    return [folder, user_rubrics_dir()] if folder.resolve() == shipped else [folder]


def rubric_files() -> list[Path]:
    """The YAML files of the rubric directories, sorted by name (one per name)."""
    found: dict[str, Path] = {}
    for folder in reversed(rubric_dirs()):
        if folder.is_dir():
            found |= {
                p.stem: p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()
            }
    return sorted(found.values(), key=lambda p: p.name)


def _read(path: Path, origin: str) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RubricError("no such file", origin) from None
    except OSError as err:
        raise RubricError(f"cannot read: {err.strerror or err}", origin) from None
    if len(raw) > MAX_RUBRIC_BYTES:
        raise RubricError(f"too large for a rubric (over {MAX_RUBRIC_BYTES:,} bytes)", origin)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise RubricError(f"not UTF-8 text (byte {err.start})", origin) from None


def load_rubric(name_or_path: str | Path) -> Rubric:
    """A rubric by bare name (``admiralty``) from the rubrics directory, or from a file path."""
    text = str(name_or_path)
    looks_like_path = (
        isinstance(name_or_path, Path)
        or text.endswith((".yaml", ".yml"))
        or os.sep in text
        or "/" in text
    )
    if looks_like_path:
        path = Path(name_or_path)
        return validate_rubric_text(_read(path, text), text)
    path = next(
        (d / f"{text}.yaml" for d in rubric_dirs() if (d / f"{text}.yaml").is_file()),
        rubrics_dir() / f"{text}.yaml",
    )
    if not path.is_file():
        known = [p.stem for p in rubric_files()]
        hint = f" (available: {', '.join(known)})" if known else f" in {rubrics_dir()}"
        raise RubricError(f"no rubric named '{text}'{hint}", text)
    return validate_rubric_text(_read(path, str(path)), str(path))


def list_rubrics() -> list[Rubric]:
    """Every valid rubric in the rubrics directory (broken files: see ``rubrics validate``)."""
    found = []
    for path in rubric_files():
        try:
            found.append(load_rubric(path))
        except RubricError:
            continue
    return found
