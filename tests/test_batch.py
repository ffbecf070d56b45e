"""Many articles on worker processes (the one parallel path): the same analyses as in one
process, in input order, broken inputs reported in place; DataFrame in, DataFrame out; and
outputs that a SIGKILL never leaves half-written, so a rerun resumes."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, SEED
from spacy.language import Language
from typer.testing import CliRunner

from provenance import analyze_many
from provenance.batch import analyze_frame, analyze_stream
from provenance.cli import app
from provenance.errors import InputError
from provenance.models import CLAIM_COLUMNS, Analysis, Article


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


def test_two_workers_give_the_same_analyses_in_order(
    three_files: list[Path], tmp_path: Path, nlp: Language
) -> None:
    inputs = [three_files[0], tmp_path / "missing.txt", *three_files[1:]]
    one = list(analyze_many(inputs, nlp=nlp))
    two = list(analyze_many(inputs, workers=2))
    assert [type(r) for r in two] == [Analysis, InputError, Analysis, Analysis, Analysis]
    assert [r.model_dump() if isinstance(r, Analysis) else str(r) for r in two] == [
        r.model_dump() if isinstance(r, Analysis) else str(r) for r in one
    ]


def test_small_chunks_keep_the_order(nlp: Language) -> None:
    texts = [f"Police said {n} men were arrested, officials said." for n in range(1, 8)]
    items = [Article(id=f"a{n}", text=t) for n, t in enumerate(texts)]
    done = list(analyze_stream(items, workers=2, chunk_size=2))
    assert [a.article.id for a in done if isinstance(a, Analysis)] == [a.id for a in items]


def test_analyze_frame_dataframe_in_dataframe_out(nlp: Language) -> None:
    seed = SEED.read_text(encoding="utf-8")
    frame = pd.DataFrame(
        {
            "body": [seed, "", "The mayor said the bridge would reopen in May."],
            "key": ["s", "e", "b"],
            "publisher": ["Japan Forward", "x", None],
        }
    )
    errors: list[InputError] = []
    claims = analyze_frame(frame, text="body", id="key", errors=errors)
    assert list(claims.columns) == CLAIM_COLUMNS
    assert set(claims["article_id"]) == {"s", "b"}
    assert (claims.loc[claims["article_id"] == "s", "publisher"] == "Japan Forward").all()
    assert [e.origin for e in errors] == ["e"]
    with pytest.raises(InputError, match="row 2: no text"):
        analyze_frame(frame, text="body", id="key")
    with pytest.raises(InputError, match="no column 'text'"):
        analyze_frame(frame)


def test_score_frame_dataframe_in_scored_rows_out(seed_analysis: Analysis) -> None:
    import provenance
    from provenance import scoring

    frame = pd.DataFrame({"text": [SEED.read_text(encoding="utf-8"), None], "id": ["s", "n"]})
    errors: list[InputError] = []
    scored = provenance.score_frame(frame, "admiralty", workers=2, errors=errors)
    expected = scoring.score_frame(seed_analysis.model_copy(
        update={"article": seed_analysis.article.model_copy(update={"id": "s", "origin": "row 1"})}
    ), "admiralty")  # fmt: skip
    pd.testing.assert_frame_equal(scored, expected)
    assert {"score", "grade", "start", "end", "cue", "hedges"} <= set(scored.columns)
    assert [e.article_id for e in errors] == ["n"]
    same = provenance.score_frame([seed_analysis], "admiralty")  # analyses: scored as they are
    assert len(same) == len(scored) and list(same["grade"]) == list(scored["grade"])
    with pytest.raises(provenance.RubricError):
        provenance.score_frame(frame, "no-such-rubric")


def test_cli_workers_run_on_two_processes(three_files: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["analyze", *map(str, three_files), "--workers", "2",
                                      "--out", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.glob("[!.]*")) == ["bridge.json", "seed.json", "w1.json",
                                                         "w2.json"]  # fmt: skip
    seed = json.loads((out / "seed.json").read_text(encoding="utf-8"))
    assert len(seed["claims"]) > 20


def test_sigkill_leaves_no_partial_file_and_the_rerun_resumes(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    texts = [SEED, *sorted((ROOT / "data" / "samples").glob("*.txt"))]
    for n in range(60):
        shutil.copy(texts[n % len(texts)], inputs / f"a{n:02}.txt")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "provenance", "analyze", str(inputs), "--out", str(out),
               "--workers", "1"]  # fmt: skip
    run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    while run.poll() is None and len(list(out.glob("[!.]*.json"))) < 10:
        time.sleep(0.05)
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    written = sorted(out.glob("[!.]*.json"))
    assert 10 <= len(written) < 60, "the run was killed half-way"
    for path in written:  # every output file whole: it parses and is an analysis
        Analysis.model_validate_json(path.read_bytes())
    rerun = subprocess.run([*command, "--resume"], capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{len(written)} skipped (already done), 0 failed" in rerun.stderr
    assert f"{60 - len(written)} articles analysed" in rerun.stderr
    ids = [json.loads(p.read_bytes())["article"]["id"] for p in sorted(out.glob("[!.]*"))]
    assert ids == [f"a{n:02}" for n in range(60)]  # every article exactly once, no leftovers


def test_a_dask_cluster_gives_the_same_analyses(three_files: list[Path], nlp: Language) -> None:
    distributed = pytest.importorskip("distributed", reason="dask is an extra: [dask]")
    one = [r.model_dump() for r in analyze_many(three_files, nlp=nlp) if isinstance(r, Analysis)]
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        results = list(analyze_many(three_files, scheduler=cluster.scheduler_address))
    assert [r.model_dump() for r in results if isinstance(r, Analysis)] == one
    assert len(one) == 4


def test_an_unreachable_scheduler_is_one_line(three_files: list[Path]) -> None:
    pytest.importorskip("distributed", reason="dask is an extra: [dask]")
    result = CliRunner().invoke(
        app, ["analyze", str(three_files[1]), "--scheduler", "tcp://127.0.0.1:9", "--quiet"]
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and len(result.stderr.splitlines()) == 1


def test_one_percent_garbage_lines_every_good_article_scored_every_bad_one_listed(
    tmp_path: Path,
) -> None:
    """The issue's check: a JSONL of 200 lines, 2 of them garbage, scored on two workers."""
    lines, good = [], []
    for n in range(200):
        if n in (37, 151):
            lines.append(f'{{"id": "broken-{n}", "text": ' if n == 37 else "\x00garbage\tline")
            continue
        good.append(f"a{n}")
        lines.append(json.dumps({"id": f"a{n}", "text": f"Officials said bridge {n} would "
                                 f"close on Monday, the ministry told Reuters."}))  # fmt: skip
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    scores, failed = tmp_path / "scores.csv", tmp_path / "failed.csv"
    result = CliRunner().invoke(app, ["score", str(feed), "-r", "admiralty", "-o", str(scores),
                                      "--failures", str(failed), "--workers", "2"])  # fmt: skip
    assert result.exit_code == 1
    assert "198 articles scored" in result.stderr and "2 failed" in result.stderr
    scored = pd.read_csv(scores, encoding="utf-8-sig")
    assert sorted(set(scored["article_id"])) == sorted(good)
    failures = pd.read_csv(failed)
    assert list(failures["input"]) == [f"{feed}:38", f"{feed}:152"]
    assert failures["error"].str.startswith("invalid JSON").all()


def test_an_error_from_a_worker_keeps_its_input_and_id() -> None:
    err = InputError("analysis failed: boom", "feed.jsonl:3", "a3")
    back = pickle.loads(pickle.dumps(err))
    assert (back.message, back.origin, back.article_id, str(back)) == (
        "analysis failed: boom", "feed.jsonl:3", "a3", "feed.jsonl:3: analysis failed: boom",
    )  # fmt: skip
