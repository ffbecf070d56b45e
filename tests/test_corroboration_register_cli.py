"""``provenance sources`` and the analysts' letters in the database: the seed and the
wire-style collection in data/corroboration/, a real database file per test."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner, Result

from provenance.cli import app
from provenance.storage import Store

ROOT = Path(__file__).resolve().parents[1]
COLLECTION = ROOT / "data" / "corroboration"
SEED = ROOT / "data" / "seed_putin_report.txt"
runner = CliRunner()


def run(*args: object, stdin: str | None = None) -> Result:
    return runner.invoke(app, [str(a) for a in args], input=stdin)


def test_letters_are_kept_as_a_history_and_the_newest_counts(db: str) -> None:
    first = run("sources", "rate", "Maria Lopez", "b", "--analyst", "Ana", "--note", "minutes")
    assert first.exit_code == 0, first.output
    assert "ana rates Maria Lopez B" in first.stdout
    second = run("sources", "rate", "Lopez", "D", "--analyst", "Ben", "--note", "=1+1 <b>")
    assert second.exit_code == 0
    shown = run("sources", "show", "Lopez", COLLECTION)
    assert shown.exit_code == 0, shown.output
    out = shown.stdout
    assert out.startswith("Maria Lopez (person): D, ben rated it D on ")
    assert out.index("ana B: minutes") < out.index("ben D: =1+1 <b>")  # oldest first
    assert "regional secretary" in out and "bbc_union_official" in out
    letters = Store(db).source_letters()
    assert [(s.analyst, s.letter) for s in letters] == [("ana", "B"), ("ben", "D")]


def test_a_bad_letter_or_analyst_is_one_line_and_nothing_is_stored(db: str) -> None:
    for args in (("Reuters", "Q", "--analyst", "ana"), ("Reuters", "B", "--analyst", " ")):
        result = run("sources", "rate", *args)
        assert result.exit_code == 1
        assert len(result.stderr.strip().splitlines()) == 1
    assert Store(db).source_letters() == []


def test_list_the_collection_and_the_database(db: str) -> None:
    assert run("db", "add", SEED).exit_code == 0
    assert run("sources", "rate", "Kenji Mori", "A", "--analyst", "ana").exit_code == 0
    listed = run("sources", "list", COLLECTION, "--format", "json")
    assert listed.exit_code == 0, listed.output
    entries = {e["name"]: e for e in json.loads(listed.stdout)}
    assert entries["Financial Times"]["track"]["confirmed"] >= 1
    assert "seed_putin_report" in entries["Takeo Harada"]["articles"]  # from the database
    assert entries["Takeo Harada"]["letter"] == "C"
    assert entries["Kenji Mori"]["letter"] == "A" and entries["Kenji Mori"]["articles"] == []
    alone = run("sources", "list", COLLECTION, "--no-db", "--named", "--format", "csv")
    assert alone.exit_code == 0
    header, *rows = alone.stdout.splitlines()
    assert header.startswith("letter,name,type,anonymous,articles,claims,confirmed")
    assert not any("Takeo Harada" in r or "Kenji Mori" in r for r in rows)
    assert all(",False," in r for r in rows)  # --named: no anonymous source


def test_a_broken_input_is_reported_and_the_rest_listed(tmp_path: Path) -> None:
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\xff\xfe\x00not text")
    result = run("sources", "list", bad, COLLECTION / "ft_scoop.txt", "--no-db")
    assert result.exit_code == 1
    assert "broken.txt" in result.stderr
    assert "Financial Times" in result.stdout
    missing = run("sources", "show", "Nobody At All", COLLECTION / "ft_scoop.txt", "--no-db")
    assert missing.exit_code == 1 and "no such source" in missing.stderr


def test_backup_keeps_the_letters(db: str, tmp_path: Path) -> None:
    assert run("sources", "rate", "Reuters", "A", "--analyst", "ana").exit_code == 0
    backup = tmp_path / "backup.jsonl"
    assert run("db", "export", backup).exit_code == 0
    records = [json.loads(line) for line in backup.read_text(encoding="utf-8").splitlines()]
    assert any(r.get("source_letter", {}).get("source") == "Reuters" for r in records)
    other = f"sqlite:///{tmp_path / 'restored.db'}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PROVENANCE_DB_URL", other)
        assert run("db", "import", backup).exit_code == 0
        assert run("db", "import", backup).exit_code == 0  # a second restore adds nothing
    assert Store(other).source_letters() == Store(db).source_letters()


def test_score_corroborate_reads_the_collections_register(tmp_path: Path) -> None:
    """Scored as a collection, a source named without a role in one article gets the letter
    of the role another article gives it."""
    tokyo, jakarta = tmp_path / "tokyo.txt", tmp_path / "jakarta.txt"
    tokyo.write_text(
        "TOKYO (Reuters) - Japan will send a trade delegation to Jakarta next month, Foreign "
        "Ministry spokeswoman Yuki Tanaka said on Friday.\n",
        encoding="utf-8",
    )
    jakarta.write_text(
        "JAKARTA (AP) - Talks on the nickel agreement will resume next week, Yuki Tanaka said "
        "on Saturday.\n",
        encoding="utf-8",
    )
    rows = {}
    for flag in ((), ("--corroborate",)):
        out = tmp_path / f"scores{len(flag)}.csv"
        result = run("score", tokyo, jakarta, "-r", "admiralty", "-o", out, *flag)
        assert result.exit_code == 0, result.output
        frame = pd.read_csv(out)
        rows[bool(flag)] = frame[frame.article_id == "jakarta"].iloc[0]
    assert rows[False]["reliability"] == "F"
    assert rows[True]["reliability"] == "C"
