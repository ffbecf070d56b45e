"""Analyses of two versions of the engine, compared claim by claim.

A refactoring of the engine must not change what it finds. This script writes the JSON analysis
(claims, chains, sources, edges), every claim signal and the scores under every rubric of each
article of three sets, then compares two such folders claim by claim (``Analysis.version`` and
the rubric version aside, since they name the code, not what it found)::

    python scripts/diff_analyses.py at main /tmp/before     # a commit, in a scratch worktree
    python scripts/diff_analyses.py dump /tmp/after          # the code this interpreter imports
    python scripts/diff_analyses.py diff /tmp/before /tmp/after

The sets: the dev set (``../shared/eval``), PolNeAR dev (``../shared/eval/polnear-dev``) and
the first 200 texts of ``../shared/corpus/polnear-train/text``, read exactly as the evaluator
reads them (no newline translation, the file stem as the article id).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SETS = {
    "dev": SHARED / "eval" / "articles",
    "polnear-dev": SHARED / "eval" / "polnear-dev" / "articles",
    "polnear-train-200": SHARED / "corpus" / "polnear-train" / "text",
}
TRAIN_LIMIT = 200
#: Fields that name the code that ran, not what it found.
IGNORED = frozenset({"version", "rubric_version"})


def _texts(name: str, folder: Path) -> list[Path]:
    paths = sorted(folder.glob("*.txt"))
    return paths[:TRAIN_LIMIT] if name == "polnear-train-200" else paths


def _read(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def dump(out: Path, rubrics: Path) -> None:
    """Analyse every set with the engine this interpreter imports and write one JSON per article."""
    from provenance import score, signals
    from provenance.models import Article
    from provenance.pipeline import analyze_articles

    rubric_paths = sorted(rubrics.glob("*.yaml"))
    for name, folder in SETS.items():
        paths = _texts(name, folder)
        target = out / name
        target.mkdir(parents=True, exist_ok=True)
        articles = [Article(id=p.stem, text=_read(p)) for p in paths]
        for analysis in analyze_articles(articles):
            record = {
                "analysis": analysis.model_dump(mode="json"),
                "signals": signals.claim_table(analysis).to_dict(orient="records"),
                "scores": {
                    r.stem: [s.model_dump(mode="json") for s in score(analysis, str(r))]
                    for r in rubric_paths
                },
            }
            path = target / f"{analysis.article.id}.json"
            path.write_text(json.dumps(record, indent=1, sort_keys=True, default=str), "utf-8")
        print(f"{name}: {len(articles)} articles -> {target}", file=sys.stderr)


def at(commit: str, out: Path) -> None:
    """Dump the analyses of ``commit``: its source tree checked out in a scratch worktree and put
    first on the path of this interpreter (same venv, same spaCy model)."""
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), commit],
                       check=True, capture_output=True)  # fmt: skip
        try:
            env = {**os.environ, "PYTHONPATH": str(tree / "src")}
            subprocess.run(
                [sys.executable, __file__, "dump", str(out), "--rubrics", str(tree / "rubrics")],
                check=True,
                env=env,
            )
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                           check=True)  # fmt: skip


def _strip(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in IGNORED}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def _differences(a: Any, b: Any, where: str) -> Iterator[str]:
    """Paths where two JSON values differ, with both values, leaf by leaf."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            yield from _differences(a.get(key), b.get(key), f"{where}.{key}")
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for n, (x, y) in enumerate(zip(a, b, strict=True)):
            yield from _differences(x, y, f"{where}[{n}]")
    elif a != b:
        yield f"{where}: {json.dumps(a)[:160]} -> {json.dumps(b)[:160]}"


def _claim_parts(record: dict[str, Any]) -> dict[str, Any]:
    """Per claim: the claim, its signals and its score under each rubric; per article: the rest."""
    analysis = record["analysis"]
    parts: dict[str, Any] = {
        "article": {k: v for k, v in analysis.items() if k != "claims"},
        "claims": len(analysis["claims"]),
    }
    signals = {row["claim_id"]: row for row in record["signals"]}
    for claim in analysis["claims"]:
        cid = claim["id"]
        parts[cid] = {
            "claim": claim,
            "signals": signals.get(cid),
            "scores": {
                rubric: next((s for s in scores if s.get("claim_id") == cid), None)
                for rubric, scores in record["scores"].items()
            },
        }
    return parts


def diff(before: Path, after: Path, show: int) -> int:
    """Compare two dumps claim by claim; print a summary per set; return how many differ."""
    total = 0
    for name in SETS:
        a_files = {p.name: p for p in (before / name).glob("*.json")}
        b_files = {p.name: p for p in (after / name).glob("*.json")}
        claims = same = 0
        lines: list[str] = []
        for missing in sorted(set(a_files) ^ set(b_files)):
            lines.append(f"  {missing}: only in {'before' if missing in a_files else 'after'}")
        for file in sorted(set(a_files) & set(b_files)):
            a = _claim_parts(_strip(json.loads(a_files[file].read_text("utf-8"))))
            b = _claim_parts(_strip(json.loads(b_files[file].read_text("utf-8"))))
            for key in sorted(set(a) | set(b), key=str):
                found = list(_differences(a.get(key), b.get(key), key))
                if key not in ("article", "claims"):
                    claims += 1
                    same += not found
                lines.extend(f"  {file[:-5]} {d}" for d in found)
        differing = len(lines)
        total += differing
        print(f"{name}: {len(b_files)} articles, {claims} claims, {same} identical, "
              f"{differing} differences")  # fmt: skip
        for line in lines[:show]:
            print(line)
        if differing > show:
            print(f"  … {differing - show} more")
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_dump = sub.add_parser("dump", help="analyse the three sets with the code imported here")
    p_dump.add_argument("out", type=Path)
    p_dump.add_argument("--rubrics", type=Path, default=ROOT / "rubrics")
    p_at = sub.add_parser("at", help="dump the analyses of a commit")
    p_at.add_argument("commit")
    p_at.add_argument("out", type=Path)
    p_diff = sub.add_parser("diff", help="compare two dumps claim by claim")
    p_diff.add_argument("before", type=Path)
    p_diff.add_argument("after", type=Path)
    p_diff.add_argument("--show", type=int, default=40, help="differences printed per set")
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.out, args.rubrics)
    elif args.command == "at":
        at(args.commit, args.out.resolve())
    else:
        sys.exit(1 if diff(args.before, args.after, args.show) else 0)


if __name__ == "__main__":
    main()
