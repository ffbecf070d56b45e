"""Rubrics: YAML files that say which signals count, how much, and how scores become grades.

The schema is documented in ``docs/rubrics.md``. Loading is strict: a rubric that cannot be
scored (bad YAML, an unknown signal, a scale that misses a value, weights that do not add up
where the file says they must...) raises :class:`~provenance.errors.RubricError` with one line
naming the file, the path to the offending key and the problem, e.g.
``rubrics/x.yaml: criteria[2].scale: missing value 'distancing'``.
"""

from __future__ import annotations

import difflib
import math
import os
import string
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from provenance import signals
from provenance.errors import RubricError
from provenance.packaged import packaged

RUBRICS_ENV = "PROVENANCE_RUBRICS"
#: A rubric is a page of YAML; anything far larger is not a rubric (and would be slow to check).
MAX_RUBRIC_BYTES = 256_000
#: Largest weight, step bound or total a rubric may give: far beyond any real rubric, and small
#: enough that sums and percentages of them stay finite and exact enough.
MAX_NUMBER = 1_000_000
#: A number written with more characters than this is refused while the YAML is read (Python
#: refuses to convert integers of over 4,300 digits, and nothing in a rubric needs 30).
_MAX_NUMBER_CHARS = 30

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


# --- loading ------------------------------------------------------------------------------


class _Loader(yaml.SafeLoader):  # type: ignore[misc]
    """Safe YAML that refuses duplicate keys and aliases (which could blow up validation)."""

    def construct_yaml_int(self, node: yaml.ScalarNode) -> Any:
        _check_length(node)
        return super().construct_yaml_int(node)

    def construct_yaml_float(self, node: yaml.ScalarNode) -> Any:
        _check_length(node)
        return super().construct_yaml_float(node)

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.constructor.ConstructorError(
                None, None, "aliases (*name) are not allowed in rubrics", event.start_mark
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, list | dict):
                raise yaml.constructor.ConstructorError(
                    None, None, "a key must be a plain value", key_node.start_mark
                )
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key '{key}'", key_node.start_mark
                )
            seen.add(key)
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return mapping


_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _Loader.construct_yaml_float)


def _check_length(node: yaml.ScalarNode) -> None:
    if len(str(node.value)) > _MAX_NUMBER_CHARS:
        raise yaml.constructor.ConstructorError(
            None, None, f"number too long (over {_MAX_NUMBER_CHARS} characters)", node.start_mark
        )


def _yaml_error(err: yaml.YAMLError) -> str:
    """A YAML error as 'line L, column C: problem' (1-based, as editors count)."""
    mark = getattr(err, "problem_mark", None)
    problem = getattr(err, "problem", None) or str(err).splitlines()[0]
    context = getattr(err, "context", None)
    text = f"{context}: {problem}" if context and "alias" not in problem else problem
    if mark is None:
        return f"invalid YAML: {text}"
    return f"line {mark.line + 1}, column {mark.column + 1}: invalid YAML: {text}"


def _path(loc: tuple[int | str, ...]) -> str:
    """A pydantic location as the key path a YAML author reads: criteria[2].scale."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif "[" in part:  # pydantic's name for a union member, e.g. list[Step]
            continue
        else:
            out += f".{part}" if out else str(part)
    return out


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _known_keys() -> list[str]:
    models = (Rubric, Criterion, Step, Band, Axis, Grades, Chain, Rule, Review)
    return sorted({name for model in models for name in model.model_fields})


def _pydantic_message(err: ValidationError) -> str:
    """The most useful validation error as one readable 'path: problem' line.

    Unknown keys come first (a typo also makes the intended key "missing"); a scale that fits
    neither shape reports the mapping's complaint.
    """
    errors = sorted(err.errors(include_url=False), key=lambda e: e["type"] != "extra_forbidden")
    first = errors[0]
    in_scale = [e for e in errors if "scale" in e["loc"] and e["loc"][-1] != "scale"]
    if len(errors) > 1 and in_scale:
        as_dict = [e for e in in_scale if any(str(p).startswith("dict[") for p in e["loc"])]
        first = (as_dict or in_scale)[0]
    where = _path(first["loc"]) or "(top level)"
    kind = first["type"]
    if kind == "missing":
        problem = "missing key"
    elif kind == "extra_forbidden":
        key = str(first["loc"][-1])
        problem = f"unknown key{_suggest(key, _known_keys())}"
    else:
        msg = first["msg"].removeprefix("Value error, ")
        problem = msg[0].lower() + msg[1:]
        if kind in ("model_type", "dict_type", "list_type"):
            problem += f", got {type(first['input']).__name__}"
        elif "input" in first:
            problem += f", got {_shown(first['input'])}"
    more = len({_path(e["loc"]) for e in errors} - {where}) if not in_scale else 0
    return f"{where}: {problem}" + (f" (and {more} more)" if more else "")


def _suggest(name: str, choices: list[str]) -> str:
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
                f"{_suggest(key, list(sig.values))} (values: {', '.join(sig.values)})"
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
                f"{where}.signal: unknown signal '{crit.signal}'{_suggest(crit.signal, names)}"
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
                f"{where}.signal: unknown signal '{rule.signal}'{_suggest(rule.signal, names)}"
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


def _check(rubric: Rubric) -> None:
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


def validate_rubric_text(text: str, origin: str) -> Rubric:
    """Parse and check a rubric's YAML; raise RubricError naming ``origin`` and the key path."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_RUBRIC_BYTES:
        raise RubricError(f"too large for a rubric (over {MAX_RUBRIC_BYTES:,} bytes)", origin)
    try:
        data = yaml.load(text, Loader=_Loader)  # _Loader is a SafeLoader
    except yaml.YAMLError as err:
        raise RubricError(_yaml_error(err), origin) from None
    except RecursionError:
        raise RubricError("invalid YAML: nested too deeply", origin) from None
    if data is None:
        raise RubricError("empty file: a rubric needs id, title, version, criteria, grades", origin)
    if not isinstance(data, dict):
        raise RubricError(f"(top level): a rubric is a mapping, got {type(data).__name__}", origin)
    try:
        rubric = Rubric.model_validate(data)
        _check(rubric)
    except ValidationError as err:
        raise RubricError(_pydantic_message(err), origin) from None
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


def rubric_files() -> list[Path]:
    """The YAML files in the rubrics directory, sorted by name."""
    folder = rubrics_dir()
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


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
    path = rubrics_dir() / f"{text}.yaml"
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
