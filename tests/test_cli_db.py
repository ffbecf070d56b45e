"""``provenance db`` through Typer's runner, on the real seed article, model and a SQLite file:
a rating stays on the text it rated through a new version and is kept as orphaned when that
text goes; duplicates are caught by text; backups restore losslessly."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from provenance.accounts import local_analyst
from provenance.cli import app
from provenance.storage import Store
from provenance.workspace import Workspace

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "seed_putin_report.txt"
QUOTE = "no intention to discuss"
runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'provenance.db'}"
    monkeypatch.setenv("PROVENANCE_DB_URL", url)
    return url


def run(*args: object, stdin: str | None = None) -> Result:
    return runner.invoke(app, ["db", *[str(a) for a in args]], input=stdin)


def ratings(*flags: str) -> list[dict[str, str]]:
    result = run("ratings", *flags)
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"))))


def edition(folder: Path, text: str) -> Path:
    """An edition of the seed under the seed's file name (so the same article id)."""
    folder.mkdir()
    path = folder / SEED.name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_rating_follows_its_text_through_versions_then_is_orphaned(
    db: str, tmp_path: Path
) -> None:
    added = run("add", SEED)
    assert added.exit_code == 0, added.output
    assert "1 inputs: 1 added" in added.stderr
    rated = run("rate", "seed_putin_report", "--claim-text", QUOTE, "--analyst", "Alice",
                "--rubric", "admiralty", "--value", "reliability=B", "--value", "credibility=3",
                "--rationale", "the magazine saw the report")  # fmt: skip
    assert rated.exit_code == 0, rated.output
    assert "rating #1: alice gives B3 to seed_putin_report c3 (overrides" in rated.stdout

    # An edited seed: one paragraph inserted at the top, same id.
    original = SEED.read_text(encoding="utf-8")
    title, _, body = original.partition("\n\n")
    inserted = "An editor's note was added here, the desk said on Friday."
    second = edition(tmp_path / "v2", f"{title}\n\n{inserted}\n\n{body}")
    refused = run("add", second)
    assert refused.exit_code == 1 and "--new-version" in refused.stderr
    assert Store(db).current_version("seed_putin_report") == 1
    assert run("add", second, "--new-version").exit_code == 0
    store = Store(db)
    assert [v.version for v in store.versions("seed_putin_report")] == [1, 2]
    [row] = ratings()
    holder = next(c for c in store.claims("seed_putin_report") if QUOTE in c.text)
    assert (row["analyst"], row["status"], row["claim_id"]) == ("alice", "current", holder.claim_id)
    assert row["claim_id"] != "c3"  # the claims were renumbered; the rating followed its text
    assert QUOTE in row["claim_text"] and row["analyst_values"] == "reliability=B credibility=3"
    assert (row["rated_version"], row["rationale"]) == ("1", "the magazine saw the report")

    # A third version without that sentence: the rating is kept, orphaned, with its text.
    sentence_start = body.index("“Russian President Vladimir Putin")
    sentence_end = body.index("\n", body.index(QUOTE))
    third = edition(tmp_path / "v3", f"{title}\n\n{inserted}\n\n"
                    f"{body[:sentence_start]}{body[sentence_end:]}")  # fmt: skip
    assert run("add", third, "--new-version").exit_code == 0
    assert all(QUOTE not in c.text for c in store.claims("seed_putin_report"))
    [orphan] = ratings()
    assert (orphan["status"], orphan["claim_id"]) == ("orphaned", "")
    assert orphan["claim_text"] == row["claim_text"]
    store.close()


def test_ratings_latest_per_rubric_history_and_jsonl(db: str, tmp_path: Path) -> None:
    assert run("add", SEED).exit_code == 0
    common = ["rate", "seed_putin_report", "--claim-text", QUOTE, "--analyst"]
    assert run(*common, "bob", "--rubric", "admiralty", "--value", "reliability=C",
               "--value", "credibility=3").exit_code == 0  # fmt: skip
    assert run(*common, "bob", "--rubric", "admiralty", "--value", "reliability=D",
               "--value", "credibility=3").exit_code == 0  # fmt: skip
    newsroom = run(*common, "BOB", "--rubric", "newsroom", "--value", "grade=thinly sourced")
    assert newsroom.exit_code == 0
    latest = ratings()
    assert sorted((r["rubric_id"], r["analyst_values"]) for r in latest) == [
        ("admiralty", "reliability=D credibility=3"), ("newsroom", "grade=thinly sourced"),
    ]  # fmt: skip
    assert len(ratings("--history")) == 3
    out = tmp_path / "ratings.jsonl"
    assert run("ratings", "--history", "--out", out).exit_code == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["analyst_values"] for r in rows] == [
        "reliability=C credibility=3", "reliability=D credibility=3", "grade=thinly sourced",
    ]  # fmt: skip
    assert {r["analyst"] for r in rows} == {"bob"} and all(r["rated_at"] for r in rows)


def test_the_same_text_under_another_name_is_a_duplicate(db: str, tmp_path: Path) -> None:
    assert run("add", SEED).exit_code == 0
    copy = tmp_path / "another_name.txt"
    copy.write_bytes(SEED.read_bytes().replace(b"\n", b"\r\n"))  # other line ends, same text
    result = run("add", copy)
    assert result.exit_code == 0
    assert "the same text is stored as seed_putin_report (version 1)" in result.stderr
    assert "1 duplicates skipped" in result.stderr
    assert [s.id for s in Store(db).summaries()] == ["seed_putin_report"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["rate", "nope", "--claim-text", "x", "--analyst", "a", "--rubric", "admiralty",
          "--value", "reliability=B"], "nope: no such article"),
        (["rate", "seed_putin_report", "--claim-text", QUOTE, "--analyst", "a", "--rubric",
          "admiralty", "--value", "reliability=Q", "--value", "credibility=3"], "not on admiralty"),
        (["rate", "seed_putin_report", "--claim-text", QUOTE, "--analyst", "a", "--rubric",
          "admiralty", "--value", "reliability"], "expected CRITERION=VALUE"),
        (["rate", "seed_putin_report", "--claim-text", "Putin", "--analyst", "a", "--rubric",
          "admiralty", "--value", "reliability=B", "--value", "credibility=2"], "claims contain"),
        (["rate", "seed_putin_report", "--claim-text", QUOTE, "--analyst", " \u200b ", "--rubric",
          "admiralty", "--value", "reliability=B", "--value", "credibility=2"], "analyst's name"),
    ],
)  # fmt: skip
def test_bad_ratings_are_one_line_errors(db: str, args: list[str], message: str) -> None:
    assert run("add", SEED).exit_code == 0
    result = run(*args)
    assert result.exit_code == 1 and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert Store(db).history() == []


def test_export_import_round_trip_is_lossless(db: str, tmp_path: Path) -> None:
    assert run("add", SEED).exit_code == 0
    body = SEED.read_text(encoding="utf-8")
    second = edition(tmp_path / "v2", body + "\n\nOfficials said nothing more, the desk said.\n")
    assert run("add", second, "--new-version").exit_code == 0
    assert run("rate", "seed_putin_report", "--claim-text", QUOTE, "--analyst", "ann",
               "--rubric", "newsroom", "--value", "grade=thinly sourced",
               "--rationale", '=cmd|"/c calc"!A1 ünïcode “quotes”').exit_code == 0  # fmt: skip
    assert run("account", "Ann", "--password-stdin", stdin="a long password\n").exit_code == 0
    claim = ["seed_putin_report", "--claim-text", QUOTE]
    for args in (["status", *claim, "--set", "in_progress", "--analyst", "ann"],
                 ["comment", *claim, "--text", "<b>ask</b> the desk", "--analyst", "bob"],
                 ["collection", "Kuril islands", "seed_putin_report", "--analyst", "ann"],
                 ["collection", "Kuril islands", "seed_putin_report", "--remove"],
                 ["collection", "Pacific", "seed_putin_report", "--analyst", "bob"]):  # fmt: skip
        assert run(*args).exit_code == 0, args
    here = Workspace(Store(db))
    analysis = here.store.analysis("seed_putin_report")
    assert analysis is not None
    magazine = next(s.id for s in analysis.sources if s.name == "Shukan Bunshun")
    here.correct("seed_putin_report", "source_type", {"source": magazine, "type": "media"},
                 "ann", note="a magazine")  # fmt: skip
    # A claim an analyst added, rated: restored with its key, its rating on it.
    missed = "President Putin and Prime Minister Shinzo Abe will hold a summit"
    here.correct("seed_putin_report", "add_claim", {"text": missed, "chain": []}, "ann")
    rated = run("rate", "seed_putin_report", "--claim-text", missed, "--analyst", "bob",
                "--rubric", "newsroom", "--value", "grade=thinly sourced")  # fmt: skip
    assert rated.exit_code == 0, rated.output
    first = tmp_path / "backup.jsonl"
    exported = run("export", first)
    assert exported.exit_code == 0, exported.output
    assert "1 articles, 2 versions, 2 ratings, 1 accounts" in exported.stderr
    assert ("2 claim steps, 2 collections, 3 collection events, 2 corrections"
            in exported.stderr)  # fmt: skip

    restored_url = f"sqlite:///{tmp_path / 'restored.db'}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PROVENANCE_DB_URL", restored_url)
        assert run("import", first).exit_code == 0
        again = tmp_path / "again.jsonl"
        assert run("export", again).exit_code == 0
        assert again.read_bytes() == first.read_bytes()
        twice = run("import", first).stderr
        assert "added 0 articles, 0 versions, 0 ratings" in twice
        assert "0 claim steps, 0 collections, 0 collection events, 0 corrections" in twice
    restored, original = Store(restored_url), Store(db)
    assert restored.history() == original.history()
    assert restored.analysis("seed_putin_report", 1) == original.analysis("seed_putin_report", 1)
    assert restored.password_hash("ann") == original.password_hash("ann")
    assert restored.steps() == original.steps() and restored.audit() == original.audit()
    assert restored.collections() == original.collections()
    assert [c.article_ids for c in restored.collections()] == [(), ("seed_putin_report",)]
    assert restored.corrections() == original.corrections()
    assert restored.claims("seed_putin_report") == original.claims("seed_putin_report")
    assert [r.current_claim_id for r in restored.latest_ratings() if r.claim_text == missed] == [
        "a1"]  # fmt: skip


def test_import_refuses_a_broken_or_conflicting_backup(db: str, tmp_path: Path) -> None:
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"format": "provenance-backup", "version": 1}\n{"article": \n')
    result = run("import", broken)
    assert result.exit_code == 1 and "line 2: not JSON" in result.stderr
    assert run("add", SEED).exit_code == 0
    backup = tmp_path / "backup.jsonl"
    assert run("export", backup).exit_code == 0
    other = tmp_path / "other.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PROVENANCE_DB_URL", f"sqlite:///{other}")
        changed = edition(tmp_path / "changed", "A different text, the desk said.\n")
        assert run("add", changed).exit_code == 0
        result = run("import", backup)
        assert result.exit_code == 1 and "stored with another text" in result.stderr
        assert len(Store(f"sqlite:///{other}").summaries()) == 1  # nothing half-imported


def test_agreement_equals_the_krippendorff_package_from_the_db_and_from_a_csv(
    db: str, tmp_path: Path
) -> None:
    import krippendorff

    from provenance.rubric import load_rubric
    from provenance.scoring import score
    from provenance.workspace import Workspace

    assert run("add", SEED).exit_code == 0
    admiralty = load_rubric("admiralty")
    store = Store(db)
    here = Workspace(store)
    analysis = store.analysis("seed_putin_report")
    assert analysis is not None
    claims = store.claims("seed_putin_report")
    grid: dict[str, list[float]] = {"ann": [], "bob": []}
    for k, (claim, auto) in enumerate(zip(claims[:6], score(analysis, admiralty), strict=False)):
        for analyst in grid:
            values = dict(auto.axes)
            if analyst == "bob" and k % 2:  # bob departs on every other claim
                values["credibility"] = "6" if values["credibility"] != "6" else "2"
            here.rate(article_id="seed_putin_report", claim_key=claim.key, analyst=analyst,
                      rubric=admiralty, values=values)  # fmt: skip
            grid[analyst].append(
                float(admiralty.rating_axes()[1].values.index(values["credibility"]))
            )
    expected = krippendorff.alpha(
        reliability_data=list(grid.values()), value_domain=list(range(6)),
        level_of_measurement="ordinal",
    )  # fmt: skip
    from_db = run("agreement", "--format", "json")
    assert from_db.exit_code == 0, from_db.output
    rows = {r["criterion"]: r for r in json.loads(from_db.stdout)}
    assert rows["credibility"]["alpha"] == pytest.approx(expected)
    assert (rows["credibility"]["items"], rows["credibility"]["analysts"]) == (6, 2)
    assert rows["reliability"]["alpha"] == 1.0  # the same letters from both, letters vary
    assert run("ratings", "--out", tmp_path / "r.csv").exit_code == 0
    from_csv = run("agreement", "--ratings", tmp_path / "r.csv", "--rubric", "admiralty",
                   "--format", "json")  # fmt: skip
    assert json.loads(from_csv.stdout) == json.loads(from_db.stdout)
    table = run("agreement")
    assert f"admiralty credibility ordinal {expected:.3f}" in table.stdout


def test_agreement_bad_input_is_one_line(db: str, tmp_path: Path) -> None:
    broken = tmp_path / "broken.csv"
    broken.write_text("who,what\nann,B\n", encoding="utf-8")
    result = run("agreement", "--ratings", broken, "--rubric", "admiralty")
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0 and "no column article_id" in result.stderr
    assert run("agreement").exit_code == 1  # no ratings, no rubric: said, not a traceback
    unknown = run("agreement", "--rubric", "nosuch", "--ratings", broken)
    assert unknown.exit_code == 1


def test_review_workflow_from_the_shell_and_the_audit_log(db: str, tmp_path: Path) -> None:
    assert run("add", SEED).exit_code == 0
    claim = ["seed_putin_report", "--claim-text", QUOTE]
    steps = [
        ["status", *claim, "--set", "in_progress", "--analyst", "Ann"],
        ["assign", *claim, "--to", "BOB", "--analyst", "ann"],
        ["comment", *claim, "--text", '=HYPERLINK("http://x") see p. 3', "--analyst", "bob"],
        ["status", *claim, "--set", "inconclusive", "--analyst", "bob", "--note", "not public"],
        ["collection", "Kuril islands", "seed_putin_report", "--analyst", "ann"],
    ]
    for args in steps:
        result = run(*args)
        assert result.exit_code == 0, result.output
    assert "assigned to bob by ann" in run(*steps[1]).stdout
    [review] = Store(db).reviews()
    assert (review.status, review.assignee, review.comments) == ("inconclusive", "bob", 1)
    audit = run("audit")
    rows = list(csv.DictReader(io.StringIO(audit.stdout)))
    actions = ["status", "assign", "comment", "status", "create collection",
               "add to collection", "assign"]  # fmt: skip
    assert [r["action"] for r in rows] == actions
    assert rows[2]["detail"].startswith("'=HYPERLINK")  # inert in a spreadsheet
    assert rows[3]["detail"] == "inconclusive not public" and rows[0]["claim_id"]
    assert run("audit", "--out", tmp_path / "audit.jsonl").exit_code == 0
    assert len((tmp_path / "audit.jsonl").read_text(encoding="utf-8").splitlines()) == 7
    # The ratings as ClaimReview: one per analyst's latest rating, escaped for a <script>.
    for who, why in (("ann", "<script>x</script> two outlets"), ("bob", "")):
        rated = run("rate", *claim, "--analyst", who, "--rubric", "newsroom",
                    "--value", "grade=thinly sourced", "--rationale", why)  # fmt: skip
        assert rated.exit_code == 0, rated.output
    jsonld = run("claimreview", "--rubric", "newsroom")
    assert jsonld.exit_code == 0 and "<script>" not in jsonld.stdout
    reviews = json.loads(jsonld.stdout)
    assert [(r["author"]["name"], r["reviewRating"]["alternateName"]) for r in reviews] == [
        ("ann", "thinly sourced"), ("bob", "thinly sourced")]  # fmt: skip
    assert QUOTE in reviews[0]["claimReviewed"]
    assert reviews[0]["reviewBody"] == "<script>x</script> two outlets"
    assert run("claimreview", "--rubric", "admiralty").stdout.strip() == "[]"
    assert run("claimreview", "-o", tmp_path / "x" / "cr.jsonld").exit_code == 1
    listed = run("collection", "Kuril islands")
    assert listed.stdout.splitlines() == ["Kuril islands: 1 articles", "  seed_putin_report"]
    # Without --analyst the articles are filed by this computer's user, as in the dashboard.
    assert run("collection", "Pacific", "seed_putin_report").exit_code == 0
    assert Store(db).audit()[-1].analyst == local_analyst()
    for args, message in [
        (["status", *claim, "--set", "done", "--analyst", "bob"], "unknown status 'done'"),
        (["comment", *claim, "--text", "  ", "--analyst", "bob"], "an empty comment"),
        (["collection", "Nope"], "no collection named 'Nope'"),
        (["collection", "Kuril islands", "missing", "--analyst", "ann"], "no article missing"),
    ]:
        result = run(*args)
        assert result.exit_code == 1 and message in result.stderr, result.output
        assert result.stderr.count("\n") == 1
