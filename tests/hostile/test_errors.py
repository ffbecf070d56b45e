"""Every failure is one line on stderr, whatever the file names, records or rubrics hold."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from provenance.cli import app
from provenance.errors import InputError, one_line
from provenance.ingest import read_inputs

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "seed_putin_report.txt"
HOSTILE_RUBRICS = ROOT / "tests" / "rubrics_hostile"
runner = CliRunner()


def test_control_characters_in_names_are_escaped() -> None:
    err = InputError("empty file", "evil\nerror: forged.txt: fine\u202e\x1b[2J.txt")
    assert str(err) == "evil\\nerror: forged.txt: fine\\u202e\\x1b[2J.txt: empty file"
    assert one_line("Ελληνικά עברית 😀") == "Ελληνικά עברית 😀"  # printable text stays as it is


def test_a_file_name_with_a_newline_cannot_forge_a_summary_line(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "bad\nerror: forged.txt").write_bytes(b"")
    result = runner.invoke(app, ["analyze", str(tmp_path), "--format", "csv"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(errors) == 2  # the report line and the summary line, each one line
    assert all(line.endswith("bad\\nerror: forged.txt: empty file") for line in errors)


def test_null_text_is_reported_as_null(tmp_path: Path) -> None:
    path = tmp_path / "records.jsonl"
    path.write_text(json.dumps({"id": "a", "text": None}) + "\n" + json.dumps({"id": "b"}) + "\n")
    first, second = read_inputs([path])
    assert str(first) == f"{path}:1: 'text' is null, not text"
    assert str(second) == f"{path}:2: no 'text' field (fields: id)"


def test_score_checks_the_output_extension_before_analysing(tmp_path: Path) -> None:
    result = runner.invoke(app, ["score", str(SEED), "--out", str(tmp_path / "scores.xlsx")])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"{tmp_path / 'scores.xlsx'}: unknown output format '.xlsx' (use .csv, .jsonl, .parquet)"
    ]


def test_overflowing_rubrics_fail_score_in_one_line(tmp_path: Path) -> None:
    for name in ("weight_huge", "weight_5000_digits", "weights_total_infinite"):
        rubric = HOSTILE_RUBRICS / f"{name}.yaml"
        out = tmp_path / f"{name}.csv"
        result = runner.invoke(
            app, ["score", str(SEED), "--rubric", str(rubric), "--out", str(out)]
        )
        assert result.exit_code == 1 and not out.exists()
        (line,) = result.stderr.strip().splitlines()
        assert line.startswith(f"{rubric}: ") and "Traceback" not in result.output
