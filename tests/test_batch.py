"""Dask scale-out on real files: the same analyses as the one-process pipeline, in input order,
with broken inputs reported; once in this process (synchronous scheduler), once on 2 workers."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import SEED
from spacy.language import Language
from typer.testing import CliRunner

from provenance import analyze_many
from provenance.batch import analyze_frame, analyze_parallel
from provenance.cli import app
from provenance.errors import InputError
from provenance.models import Analysis


@pytest.fixture
def three_files(tmp_path: Path) -> list[Path]:
    seed = tmp_path / "seed.txt"
    shutil.copy(SEED, seed)
    bridge = tmp_path / "bridge.txt"
    bridge.write_text("Bridge to reopen\n\nThe mayor said the bridge would reopen in May.\n")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "w1", "text": "Police said two men were arrested on Friday."})
        + "\n"
        + json.dumps({"id": "w2", "text": "The ministry denied the report, Reuters said."})
        + "\n"
    )
    return [seed, bridge, feed]


def shape(analysis: Analysis) -> tuple[str, list[tuple[int, int, str, str]]]:
    return analysis.article.id, [
        (c.start, c.end, c.kind, c.rendered_chain) for c in analysis.claims
    ]


def test_partitions_give_the_same_analyses_in_order(
    three_files: list[Path], tmp_path: Path, nlp: Language
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    inputs = [*three_files[:2], empty, three_files[2]]
    parallel = list(analyze_parallel(inputs, workers=2, scheduler="synchronous", partition_size=1))
    errors = [r for r in parallel if isinstance(r, InputError)]
    assert [str(e) for e in errors] == [f"{empty}: empty file"]
    expected = [r for r in analyze_many(inputs, nlp=nlp) if isinstance(r, Analysis)]
    got = [r for r in parallel if isinstance(r, Analysis)]
    assert [a.article.id for a in got] == ["seed", "bridge", "w1", "w2"]
    assert [shape(a) for a in got] == [shape(a) for a in expected]


def test_analyze_frame_has_one_row_per_claim(
    three_files: list[Path], tmp_path: Path, nlp: Language
) -> None:
    frame = analyze_frame(three_files, 2, scheduler="synchronous")
    analyses = [r for r in analyze_many(three_files, nlp=nlp) if isinstance(r, Analysis)]
    assert len(frame) == sum(len(a.claims) for a in analyses)
    assert list(frame["article_id"].unique()) == ["seed", "bridge", "w1", "w2"]
    missing = tmp_path / "missing.txt"
    with pytest.raises(InputError, match=r"missing\.txt"):
        analyze_frame([missing], 1, scheduler="synchronous")
    errors: list[InputError] = []
    empty = analyze_frame([missing], 1, scheduler="synchronous", errors=errors)
    assert len(errors) == 1 and empty.empty and "chain" in empty.columns


def test_cli_workers_run_on_two_processes(three_files: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["analyze", *map(str, three_files), "--workers", "2",
                                      "--out", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "bridge.json",
        "seed.json",
        "w1.json",
        "w2.json",
    ]
    seed = json.loads((out / "seed.json").read_text(encoding="utf-8"))
    first = next(c for c in seed["claims"] if "no intention to discuss" in c["text"])
    assert first["chain"][-1]["name"] == "Shukan Bunshun"
