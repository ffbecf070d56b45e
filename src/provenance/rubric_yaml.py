"""Reading a rubric's YAML strictly, and turning pydantic's complaints into one line a YAML
author can act on (``criteria[2].scale: missing value 'distancing'``)."""

from __future__ import annotations

from typing import Any

import yaml
from pydantic import ValidationError

from provenance.rubric_checks import suggest

#: A number written with more characters than this is refused while the YAML is read (Python
#: refuses to convert integers of over 4,300 digits, and nothing in a rubric needs 30).
_MAX_NUMBER_CHARS = 30


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


def yaml_error(err: yaml.YAMLError) -> str:
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


def pydantic_message(err: ValidationError, known_keys: list[str]) -> str:
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
        problem = f"unknown key{suggest(key, known_keys)}"
    else:
        msg = first["msg"].removeprefix("Value error, ")
        problem = msg[0].lower() + msg[1:]
        if kind in ("model_type", "dict_type", "list_type"):
            problem += f", got {type(first['input']).__name__}"
        elif "input" in first:
            problem += f", got {_shown(first['input'])}"
    more = len({_path(e["loc"]) for e in errors} - {where}) if not in_scale else 0
    return f"{where}: {problem}" + (f" (and {more} more)" if more else "")


def load_yaml(text: str) -> Any:
    """Safe YAML without duplicate keys, aliases or overlong numbers."""
    return yaml.load(text, Loader=_Loader)  # _Loader is a SafeLoader
