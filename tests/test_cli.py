"""The ``provenance`` command through Typer's runner, on the real seed article and model:
output contracts (JSON, CSV, table), exit codes, and batches with broken inputs."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

from conftest import SEED
from typer.testing import CliRunner, Result

from provenance import __version__
from provenance.cli import app
from provenance.models import Analysis
from provenance.output import output_name

runner = CliRunner()


def run(*args: str | Path) -> Result:
    return runner.invoke(app, [str(a) for a in args])


def visible(folder: Path) -> list[str]:
    """The files an --out folder shows (``ls``): its hidden record of the run's options aside."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def check_seed_json(data: dict) -> None:
    assert set(data) >= {"article", "sources", "claims"}
    article = data["article"]
    assert set(article) >= {"id", "title", "text", "url", "publisher", "published"}
    assert article["id"] == "seed_putin_report"
    with SEED.open(encoding="utf-8", newline="") as handle:
        assert article["text"] == handle.read()
    assert data["claims"]
    for claim in data["claims"]:
        assert set(claim) >= {"id", "text", "start", "end", "kind", "chain"}
        assert isinstance(claim["chain"], list)
        assert article["text"][claim["start"] : claim["end"]] == claim["text"]
        for hop in claim["chain"]:
            assert set(hop) >= {"text", "name", "type", "anonymous", "role", "cue"}
    first = next(c for c in data["claims"] if "no intention to discuss" in c["text"])
    origin, outermost = first["chain"][0], first["chain"][-1]
    assert "Russian government official" in origin["name"]
    assert (origin["type"], origin["anonymous"]) == ("person", True)
    assert outermost["name"] == "Shukan Bunshun"


def test_analyze_json_to_a_directory(tmp_path: Path) -> None:
    result = run("analyze", SEED, "--format", "json", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    written = tmp_path / "out" / "seed_putin_report.json"
    assert visible(tmp_path / "out") == [written.name]
    check_seed_json(json.loads(written.read_text(encoding="utf-8")))
    assert result.stdout == ""
    assert "1 article analysed" in result.stderr


def test_analyze_json_to_stdout_is_one_line_whatever_the_count(tmp_path: Path) -> None:
    result = run("analyze", SEED)
    assert result.exit_code == 0, result.stderr
    (line,) = result.stdout.splitlines()  # JSON Lines for one article as for several
    check_seed_json(json.loads(line))
    assert run("analyze", SEED, "--format", "jsonl").stdout == result.stdout


def test_several_articles_to_stdout_are_json_lines(tmp_path: Path) -> None:
    other = tmp_path / "bridge.txt"
    other.write_text("Bridge to reopen\n\nThe minister said the bridge would reopen in May.\n")
    result = run("analyze", SEED, other)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [json.loads(line)["article"]["id"] for line in lines] == ["seed_putin_report", "bridge"]


def test_stdin_is_one_article(tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", "-", "--format", "csv"], input=SEED.read_bytes())
    assert result.exit_code == 0, result.stderr
    rows = read_csv_rows(result.stdout)
    assert rows[0]["article_id"] == "stdin"
    check_claim_rows(rows)


def test_resume_skips_articles_complete_and_nothing_is_replaced_without_force(
    tmp_path: Path,
) -> None:
    bridge = tmp_path / "bridge.txt"
    bridge.write_text("Bridge to reopen\n\nThe minister said the bridge would reopen in May.\n")
    out = tmp_path / "out"
    assert run("analyze", SEED, bridge, "--out", out).exit_code == 0
    target = out / "seed_putin_report.json"
    done = target.read_bytes()
    again = run("analyze", SEED, bridge, "--out", out)  # neither --resume nor --force
    assert again.exit_code == 1 and "--resume" in again.stderr
    assert target.read_bytes() == done
    resumed = run("analyze", SEED, bridge, "--out", out, "--resume")
    assert resumed.exit_code == 0, resumed.stderr
    assert "0 articles analysed, 0 claims, 2 skipped (already done), 0 failed" in resumed.stderr
    assert target.read_bytes() == done
    bridge.write_text("Bridge to close\n\nThe mayor said the bridge would close in May.\n")
    changed = run("analyze", SEED, bridge, "--out", out, "--resume")  # same id, new text
    assert changed.exit_code == 1
    assert "bridge.json exists" in changed.stderr and "--force" in changed.stderr
    assert "1 skipped (already done), 1 failed" in changed.stderr
    target.write_text("{}")  # not an analysis: kept without --force
    refused = run("analyze", SEED, "--out", out, "--resume")
    assert refused.exit_code == 1 and target.read_text() == "{}"
    forced = run("analyze", SEED, bridge, "--out", out, "--force")
    assert forced.exit_code == 0, forced.stderr
    assert "2 articles analysed" in forced.stderr
    check_seed_json(json.loads(target.read_text(encoding="utf-8")))
    assert "the mayor" in (out / "bridge.json").read_text(encoding="utf-8").lower()
    assert run("analyze", SEED, "--resume").exit_code == 2  # nothing to resume without --out


def test_resume_of_csv_outputs_checks_the_table_not_only_the_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("analyze", SEED, "--format", "csv", "--out", out).exit_code == 0
    table = out / "seed_putin_report.csv"
    assert "0 failed" in run("analyze", SEED, "-f", "csv", "--out", out, "--resume").stderr
    whole = table.read_bytes()
    table.write_bytes(whole[: len(whole) // 2])  # cut short, as by another tool
    cut = run("analyze", SEED, "-f", "csv", "--out", out, "--resume")
    assert cut.exit_code == 1 and "seed_putin_report.csv exists" in cut.stderr
    table.write_bytes(whole.replace(b"seed_putin_report", b"another_article"))
    assert run("analyze", SEED, "-f", "csv", "--out", out, "--resume").exit_code == 1


def test_quiet_prints_no_summary_but_errors(tmp_path: Path) -> None:
    result = run("analyze", SEED, tmp_path / "missing.txt", "--out", tmp_path / "o", "--quiet")
    assert result.exit_code == 1
    assert [line.split(":")[0] for line in result.stderr.splitlines()] == ["error"]


def read_csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def check_claim_rows(rows: list[dict[str, str]]) -> None:
    assert rows
    for row in rows:
        hops = int(row["hops"])
        assert 0 <= int(row["anonymous_hops"]) <= hops
        assert hops == (row["chain"].count(" → ") + 1 if row["chain"] else 0)
    first = next(r for r in rows if "no intention to discuss" in r["text"])
    assert first["chain"].startswith("Russian government official")
    assert first["chain"].endswith(" → Takeo Harada → Shukan Bunshun")
    assert int(first["hops"]) == 4
    assert int(first["anonymous_hops"]) >= 2


def test_analyze_csv_to_stdout(seed_analysis: Analysis) -> None:
    result = run("analyze", SEED, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = read_csv_rows(result.stdout)
    assert len(rows) == len(seed_analysis.claims)
    check_claim_rows(rows)


def test_analyze_csv_files_are_spreadsheet_safe(tmp_path: Path) -> None:
    article = tmp_path / "formula.txt"
    article.write_text(
        'Rates rise\n\n=HYPERLINK("http://evil.example") the bank said rates would rise.\n\n'
        "-5 percent is what the central bank said it expects for growth next year.\n"
    )
    result = run("analyze", SEED, article, "--format", "csv", "--out", tmp_path / "t")
    assert result.exit_code == 0, result.stderr
    check_claim_rows(read_csv_rows((tmp_path / "t" / "seed_putin_report.csv").read_text("utf-8")))
    rows = read_csv_rows((tmp_path / "t" / "formula.csv").read_text("utf-8"))
    cells = [value for row in rows for value in row.values()]
    assert not any(value.startswith(("=", "+", "-", "@")) for value in cells), cells
    assert any(value.startswith("'=HYPERLINK") for value in cells)


def test_analyze_table() -> None:
    result = run("analyze", SEED, "--format", "table")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("seed_putin_report: Putin uses U.S. bases")
    assert lines[1].split() == ["id", "kind", "chain", "text"]
    assert any(line.startswith("c1 ") and "headline" in line for line in lines)
    assert any("Takeo Harada → Shukan Bunshun" in line for line in lines)


def test_table_with_out_is_a_usage_error(tmp_path: Path) -> None:
    result = run("analyze", SEED, "--format", "table", "--out", tmp_path)
    assert result.exit_code == 2


def test_batch_with_broken_inputs_goes_on_and_exits_1(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SEED, inputs / "seed.txt")
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 30)
    (inputs / "bridge.md").write_text("Bridge to reopen\n\nThe mayor said the bridge reopens.\n")
    missing = tmp_path / "missing.txt"
    out = tmp_path / "out"
    result = run("analyze", inputs / "empty.txt", inputs / "seed.txt", inputs / "photo.txt",
                 missing, inputs / "bridge.md", "--out", out)  # fmt: skip
    assert result.exit_code == 1
    assert visible(out) == ["bridge.json", "seed.json"]
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 3
    for name, problem in (("empty.txt", "empty"), ("photo.txt", "binary"), ("missing.txt", "no")):
        assert any(name in line and problem in line for line in errors), (name, errors)
    summary = result.stderr.split("3 inputs failed:", 1)[1]
    assert all(name in summary for name in ("empty.txt", "photo.txt", "missing.txt"))
    assert "2 articles analysed" in result.stderr and "0 skipped (already done), 3 failed" in (
        result.stderr
    )
    assert "Traceback" not in result.output


def test_the_failures_file_lists_input_id_and_error(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    records = [{"id": "ok", "text": "Police said two men were arrested."}, "{not json", {"id": 1}]
    feed.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records))
    failed = tmp_path / "failed.csv"
    result = run("analyze", feed, tmp_path / "missing.txt", "--failures", failed)
    assert result.exit_code == 1
    assert "3 inputs failed (also in" in result.stderr
    rows = read_csv_rows(failed.read_text(encoding="utf-8"))
    assert [r["input"] for r in rows] == [f"{feed}:2", f"{feed}:3", str(tmp_path / "missing.txt")]
    assert "invalid JSON" in rows[0]["error"] and "no 'text' field" in rows[1]["error"]
    assert all(r["error"] and not r["error"].startswith(str(tmp_path)) for r in rows)
    as_lines = tmp_path / "failed.jsonl"
    assert run("analyze", feed, "--failures", as_lines, "-q").exit_code == 1
    assert [json.loads(line)["input"] for line in as_lines.read_text().splitlines()] == [
        f"{feed}:2",
        f"{feed}:3",
    ]
    assert run("analyze", feed, "--failures", tmp_path / "failed.txt").exit_code == 2


def test_records_become_one_file_per_article_id(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    records = [
        {"id": "wire/7", "title": "Bridge to reopen", "text": "The mayor said it reopens."},
        {"text": "Police said two people were arrested on Friday."},
        {"title": "no text field here"},
    ]
    feed.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    out = tmp_path / "out"
    result = run("analyze", feed, "--out", out)
    assert result.exit_code == 1
    assert visible(out) == ["feed-2.json", "wire_7.json"]
    assert f"error: {feed}:3: no 'text' field" in result.stderr
    data = json.loads((out / "wire_7.json").read_text())
    assert data["article"]["id"] == "wire/7"
    assert data["article"]["title"] == "Bridge to reopen"


def test_csv_input_with_a_named_text_column(tmp_path: Path) -> None:
    table = tmp_path / "export.csv"
    table.write_text('id,body\nb1,"The minister said the bridge would reopen in May."\n')
    result = run("analyze", table, "--text-column", "body", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = read_csv_rows(result.stdout)
    assert rows[0]["article_id"] == "b1"
    assert any(row["chain"] == "minister" for row in rows)
    missing = run("analyze", table, "--format", "csv")
    assert missing.exit_code == 1
    assert "no 'text' column" in missing.stderr


def test_output_names_keep_ids_but_not_paths() -> None:
    assert output_name("seed_putin_report") == "seed_putin_report"
    assert output_name("my article") == "my article"
    assert output_name("../../etc/passwd") == "_.._etc_passwd"
    assert output_name("..") == "article"


def test_missing_model_is_one_line_and_exit_1() -> None:
    result = run("analyze", SEED, "--model", "no_such_model_xyz")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: ") and "no_such_model_xyz" in lines[0]
    assert "install" in lines[0]
    assert "Traceback" not in result.output


def test_no_arguments_is_a_usage_error() -> None:
    assert run("analyze").exit_code == 2


def test_version_option() -> None:
    assert run("--version").stdout.startswith(f"provenance {__version__} (spaCy 3.8")


def test_help_explains_with_examples() -> None:
    result = run("analyze", "--help")
    assert result.exit_code == 0
    assert "provenance analyze data/seed_putin_report.txt --format table" in result.stdout
    assert "--text-column" in result.stdout
    top = run("--help")
    assert all(cmd in top.stdout for cmd in ("analyze", "evaluate", "version", "score"))


def test_version() -> None:
    result = run("version")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"provenance {__version__} (spaCy 3.8")


def test_evaluate_prints_per_article_and_overall_figures(eval_dir: Path) -> None:
    result = run("evaluate", eval_dir)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "seed_putin_report" in out
    overall = out[out.index("OVERALL") :]
    for metric in ("claim recall", "boilerplate claims", "speaker F1", "link F1",
                   "exact chains", "type accuracy", "anonymity accuracy"):  # fmt: skip
        assert metric in overall


def test_evaluate_json_and_explain(eval_dir: Path) -> None:
    result = run("evaluate", eval_dir, "--json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert 0.0 <= report["overall"]["speaker_f1"] <= 1.0
    assert len(report["articles"]) >= 9
    explained = run("evaluate", eval_dir, "--explain", "seed_putin_report")
    assert explained.exit_code == 0, explained.stderr
    assert explained.stdout.startswith("== seed_putin_report")
    assert "no intention to discuss" in explained.stdout
    unknown = run("evaluate", eval_dir, "--explain", "no_such_article")
    assert unknown.exit_code == 1
    assert "seed_putin_report" in unknown.stderr  # the names there are


def test_evaluate_without_gold_files_fails_cleanly(tmp_path: Path) -> None:
    result = run("evaluate", tmp_path)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and "gold" in result.stderr
    assert run("evaluate", tmp_path / "absent").exit_code == 2


def test_evaluate_reports_a_broken_gold_file_and_scores_the_rest(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "gold").mkdir()
    shutil.copy(SEED, tmp_path / "articles" / "seed.txt")
    shutil.copy(SEED, tmp_path / "articles" / "broken.txt")
    gold = {"sources": {}, "claims": [{"anchor": "will hold a summit meeting", "chain": []}]}
    (tmp_path / "gold" / "seed.json").write_text(json.dumps(gold))
    (tmp_path / "gold" / "broken.json").write_text("{not json")
    result = run("evaluate", tmp_path)
    assert result.exit_code == 1
    assert "seed" in result.stdout and "OVERALL" in result.stdout
    assert any(
        line.startswith("error: ") and "broken.json" in line for line in result.stderr.splitlines()
    )


def test_score_reads_analyze_output_without_analysing_again(tmp_path: Path) -> None:
    out = tmp_path / "analyses"
    assert run("analyze", SEED, "--out", out).exit_code == 0
    saved = out / "seed_putin_report.json"
    text = saved.read_text(encoding="utf-8")
    # an analysis edited by hand proves it is read, not recomputed
    saved.write_text(text.replace("Shukan Bunshun", "Weekly Bunshun"), encoding="utf-8")
    scored = run("score", out, "--rubric", "admiralty", "--model", "no_such_model_xyz",
                 "--out", tmp_path / "s.csv")  # fmt: skip
    assert scored.exit_code == 0, scored.stderr
    rows = read_csv_rows((tmp_path / "s.csv").read_text(encoding="utf-8-sig"))
    assert {"start", "end", "cue", "hedges", "parent", "title"} <= set(rows[0])
    assert any(r["chain"].endswith("Takeo Harada → Weekly Bunshun") for r in rows)
    assert "1 article scored with admiralty" in scored.stderr


def test_score_from_a_pipe_to_stdout(tmp_path: Path) -> None:
    analyses = run("analyze", SEED).stdout
    garbage = analyses + "{not json\n"
    result = runner.invoke(app, ["score", "-", "-r", "epistemic"], input=garbage)
    assert result.exit_code == 1  # the garbage line fails, the good analysis is scored
    assert "error: <stdin>:2: not an analysis" in result.stderr
    rows = read_csv_rows(result.stdout)
    assert rows and {r["rubric"] for r in rows} == {"epistemic"}
    text = runner.invoke(app, ["score", "-", "--quiet"], input=SEED.read_bytes())
    assert text.exit_code == 0 and read_csv_rows(text.stdout)[0]["article_id"] == "stdin"


def test_score_checks_its_outputs_before_any_work(tmp_path: Path) -> None:
    wrong = run("score", SEED, "--out", tmp_path / "s.xlsx", "--model", "no_such_model_xyz")
    assert wrong.exit_code == 1 and "unknown output format '.xlsx'" in wrong.stderr
    existing = tmp_path / "s.csv"
    existing.write_text("keep me")
    refused = run("score", SEED, "--out", existing, "--model", "no_such_model_xyz")
    assert refused.exit_code == 1 and "exists (use --force" in refused.stderr
    assert existing.read_text() == "keep me"
    forced = run("score", SEED, "--out", existing, "--force", "--workers", "2")
    assert forced.exit_code == 0, forced.stderr
    assert existing.read_text(encoding="utf-8-sig").startswith("article_id,claim_id,")


def test_resume_notices_a_changed_min_confidence(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("analyze", SEED, "--out", out).exit_code == 0
    target = out / "seed_putin_report.json"
    done = target.read_bytes()
    learned = [h for c in json.loads(done)["claims"] for h in c["chain"] if h["confidence"]]
    assert learned  # the seed has hops only the cue model found: 1.0 makes them suggestions
    changed = run("analyze", SEED, "--out", out, "--resume", "--min-confidence", "1")
    assert changed.exit_code == 2 and "min_confidence 0.0 -> 1.0" in changed.stderr
    assert target.read_bytes() == done
    (out / ".provenance-json.json").unlink()  # a folder of an older version: read each file
    stale = run("analyze", SEED, "--out", out, "--resume", "--min-confidence", "1")
    assert stale.exit_code == 1 and "not this article's analysis" in stale.stderr
    assert run("analyze", SEED, "--out", out, "--force", "--min-confidence", "1").exit_code == 0
    assert target.read_bytes() != done
    again = run("analyze", SEED, "--out", out, "--resume", "--min-confidence", "1")
    assert again.exit_code == 0 and "1 skipped (already done), 0 failed" in again.stderr
    assert run("analyze", SEED, "--out", out, "--resume").exit_code == 2  # back to 0.0


def test_score_resume_finishes_a_killed_run_with_the_same_table(tmp_path: Path) -> None:
    from provenance.cli_scoring import _options
    from provenance.journal import ScoreJournal
    from provenance.rubric import load_rubric
    from provenance.scoring import score_frame

    bridge = tmp_path / "bridge.txt"
    bridge.write_text("Bridge to reopen\n\nThe minister said the bridge would reopen in May.\n")
    feed = tmp_path / "analyses.jsonl"
    feed.write_text(run("analyze", SEED, bridge).stdout, encoding="utf-8")
    whole = tmp_path / "whole.csv"
    assert run("score", feed, "-r", "admiralty", "-o", whole).exit_code == 0
    # a run killed after its first chunk: the seed's rows kept beside the output, no table
    out = tmp_path / "scores.csv"
    seed = Analysis.model_validate_json(feed.read_text(encoding="utf-8").splitlines()[0])
    rubric = load_rubric("admiralty")
    killed = ScoreJournal(out, _options(rubric, [str(feed)], None, "text"))
    killed.start(resume=False, force=False)
    killed.add([seed.article.id], score_frame([seed], rubric).to_dict("records"))
    assert run("score", feed, "-r", "admiralty", "-o", out).exit_code == 1  # neither flag
    other = run("score", feed, "-r", "newsroom", "-o", out, "--resume")
    assert other.exit_code == 1 and "other options (rubric admiralty" in other.stderr
    resumed = run("score", feed, "-r", "admiralty", "-o", out, "--resume")
    assert resumed.exit_code == 0, resumed.stderr
    assert "1 article scored with admiralty" in resumed.stderr and "1 skipped" in resumed.stderr
    assert out.read_bytes() == whole.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    finished = run("score", feed, "-r", "admiralty", "-o", out, "--resume")
    assert finished.exit_code == 1 and "nothing to resume" in finished.stderr
    assert run("score", feed, "--resume").exit_code == 2  # stdout: nothing to resume
