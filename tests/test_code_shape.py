"""The shape of the code: no module in src/ over 400 lines, no class over 200, no function over
60 (not counting docstrings and signatures: a Typer command's options are its signature).

A violation still in the tree when this test landed is listed in KNOWN_VIOLATIONS with the
helper who owns the file; the test fails on any new violation, and on a listed one that is
gone, so that the list only shrinks and stays true.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
MAX_MODULE, MAX_CLASS, MAX_FUNCTION = 400, 200, 60

#: "kind path[:qualified name]" -> the owner expected to shrink it.
KNOWN_VIOLATIONS: dict[str, str] = {}


def _body_lines(node: ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Lines from the first statement after the docstring to the end: the signature (and its
    decorators) and the docstring do not count."""
    body = node.body
    if (
        len(body) > 1
        and isinstance(body[0], ast.Expr)
        and isinstance(body[0].value, ast.Constant)
        and isinstance(body[0].value.value, str)
    ):
        body = body[1:]
    end = node.end_lineno or body[-1].lineno
    return end - body[0].lineno + 1


def _defs(tree: ast.AST, prefix: str = "") -> Iterator[tuple[str, ast.AST]]:
    for child in ast.iter_child_nodes(tree):
        if isinstance(child, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            name = f"{prefix}{child.name}"
            yield name, child
            yield from _defs(child, f"{name}.")
        else:
            yield from _defs(child, prefix)


def violations(root: Path = SRC) -> dict[str, int]:
    """Every violation under ``root``, with its size in lines."""
    found: dict[str, int] = {}
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root.parent).as_posix()
        text = path.read_text(encoding="utf-8")
        lines = len(text.splitlines())
        if lines > MAX_MODULE:
            found[f"module {rel}"] = lines
        for name, node in _defs(ast.parse(text)):
            assert isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            size = _body_lines(node)
            if isinstance(node, ast.ClassDef) and size > MAX_CLASS:
                found[f"class {rel}:{name}"] = size
            elif not isinstance(node, ast.ClassDef) and size > MAX_FUNCTION:
                found[f"function {rel}:{name}"] = size
    return found


def test_no_new_violations() -> None:
    new = {k: v for k, v in violations().items() if k not in KNOWN_VIOLATIONS}
    assert not new, "over the limits (lines): " + "; ".join(f"{k} ({v})" for k, v in new.items())


def test_known_violations_are_still_there() -> None:
    """A fixed violation leaves the list: the list is what is still to do, nothing more."""
    gone = sorted(set(KNOWN_VIOLATIONS) - set(violations()))
    assert not gone, f"fixed, remove from KNOWN_VIOLATIONS: {gone}"


def test_the_measure_counts_bodies_not_docstrings_or_signatures(tmp_path: Path) -> None:
    pkg = tmp_path / "src" / "pkg"
    pkg.mkdir(parents=True)
    params = "".join(f"    option_{n}: int = {n},\n" for n in range(80))
    body = "".join(f"    x += {n}\n" for n in range(59))  # with "x = 0": 60 lines
    doc = '    """' + "A long docstring.\n" * 30 + '    """\n'
    (pkg / "ok.py").write_text(f"def command(\n{params}) -> None:\n{doc}    x = 0\n{body}")
    (pkg / "long.py").write_text(f"def f() -> None:\n    x = 0\n{body}    x -= 1\n" + "\n" * 400)
    found = violations(tmp_path / "src")
    assert set(found) == {"module src/pkg/long.py", "function src/pkg/long.py:f"}
    assert found["function src/pkg/long.py:f"] == 61
