"""What a ``score`` run has done so far, kept beside its output so that ``--resume`` finishes a
killed run instead of starting again.

``score`` writes one table at the end; until then ``.NAME.parts/`` beside it holds the run's
options and one JSON part per chunk of articles scored (their ids and rows), each written
atomically. ``--resume`` reads the parts back, scores only the articles they lack and writes
the table from all the rows, the same table an uninterrupted run writes; the parts are then
removed. A run with other options (rubric, inputs, model...) never reuses them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from provenance.errors import ProvenanceError
from provenance.export import remove_leftovers, write_atomic

MANIFEST = "run.json"


def changes(before: dict[str, Any], now: dict[str, Any]) -> str:
    """What differs between the options recorded by an earlier run and this run's."""
    changed = [f"{k} {before.get(k, '?')} -> {v}" for k, v in now.items() if before.get(k) != v]
    return ", ".join(changed) or "unreadable record"


class ScoreJournal:
    """The parts of one ``score --out TARGET`` run, and the rows and article ids they hold."""

    def __init__(self, target: Path, options: dict[str, Any]) -> None:
        self.target, self.options = target, options
        self.folder = target.with_name(f".{target.name}.parts")
        self.done: set[str] = set()
        self.rows: list[dict[str, Any]] = []
        self.parts = 0

    def start(self, resume: bool, force: bool) -> None:
        """Start afresh (``force``), or go on from the parts of a killed run (``resume``);
        refuse anything that would silently mix two runs."""
        if self.folder.exists() and (force or not resume):
            if not force:
                raise ProvenanceError(
                    "a killed run left its progress beside it: --resume to finish that run, "
                    "--force to start again",
                    str(self.target),
                )
            shutil.rmtree(self.folder)
        if resume and self.folder.exists():
            self._load()
        elif self.target.exists() and not force:
            problem = (
                "exists: that run finished, nothing to resume (--force to score again)"
                if resume
                else "exists (use --force to overwrite)"
            )
            raise ProvenanceError(problem, str(self.target))
        self.folder.mkdir(parents=True, exist_ok=True)
        write_atomic(self.folder / MANIFEST, json.dumps(self.options).encode("utf-8"))

    def _load(self) -> None:
        try:
            before = json.loads((self.folder / MANIFEST).read_bytes())
        except (OSError, ValueError):
            before = {}
        if before != self.options:
            raise ProvenanceError(
                f"the killed run had other options ({changes(before, self.options)}): rerun "
                "it as it was, or --force to start again",
                str(self.target),
            )
        remove_leftovers(self.folder)
        for part in sorted(self.folder.glob("part-*.json")):
            data = json.loads(part.read_bytes())
            self.done.update(data["ids"])
            self.rows += data["rows"]
            self.parts += 1

    def add(self, ids: list[str], rows: list[dict[str, Any]]) -> None:
        """The rows of a chunk of articles, kept (atomically) before the next chunk starts."""
        part = {"ids": ids, "rows": rows}
        write_atomic(self.folder / f"part-{self.parts:06d}.json", json.dumps(part).encode())
        self.parts += 1
        self.done.update(ids)
        self.rows += rows

    def finish(self) -> None:
        """The table is written: its parts are no longer needed."""
        shutil.rmtree(self.folder, ignore_errors=True)
