"""Storage: analyses survive a restart, article versions are kept, ratings are append-only
events that stay on their claim's text, concurrent analysts both keep their ratings. Runs on a
real SQLite file, and on PostgreSQL too when ``PROVENANCE_TEST_PG_URL`` names a scratch
database."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from provenance.identity import claim_keys
from provenance.models import Analysis, Article, Claim, Hop, Source
from provenance.storage import Rating, Store, database_url

SEED = Path(__file__).resolve().parents[1] / "data" / "seed_putin_report.txt"
PG_URL = os.environ.get("PROVENANCE_TEST_PG_URL")


def _seed_analysis(article_id: str = "seed", extra: str = "") -> Analysis:
    """A hand-made analysis of the seed article: one quote with a three-hop chain. Another id
    gets its own last line (the same text under two ids is a duplicate)."""
    suffix = "" if article_id == "seed" else f"\n\nCopy {article_id}."
    article_text = SEED.read_text(encoding="utf-8") + suffix + extra
    quote = "said a Russian government official"
    start = article_text.index("Russian President Vladimir Putin and officials")
    end = article_text.index(quote)
    hops = [
        Hop(source_id="s1", text="a Russian government official", name="a Russian government "
            "official", type="person", anonymous=True, cue="said"),
        Hop(source_id="s2", text="a top secret report", name="the report", type="document",
            anonymous=True, cue="according to"),
        Hop(source_id="s3", text="Shukan Bunshun", name="Shukan Bunshun", type="media",
            anonymous=False, cue="obtained through"),
    ]  # fmt: skip
    return Analysis(
        article=Article(id=article_id, title="Putin uses U.S. bases", text=article_text),
        sources=[
            Source(id=h.source_id, name=h.name, type=h.type, anonymous=h.anonymous) for h in hops
        ],
        claims=[
            Claim(
                id="c1",
                text=article_text[start:end],
                start=start,
                end=end,
                kind="direct_quote",
                chain=hops,
            )
        ],
        model="hand-made",
    )


def _key(analysis: Analysis | None = None, index: int = 0) -> str:
    return claim_keys(c.text for c in (analysis or _seed_analysis()).claims)[index]


def _rate(store: Store, analyst: str, grade: str = "B", key: str = "", **kw: object) -> Rating:
    return store.add_rating(
        article_id="seed",
        claim_key=key or _key(),
        analyst=analyst,
        rubric_id=str(kw.pop("rubric_id", "admiralty")),
        rubric_version="1.0",
        values={"reliability": grade, "credibility": "2"},
        agree=bool(kw.pop("agree", True)),
        auto_grade="B2",
        **kw,  # type: ignore[arg-type]
    )


def reset_pg(url: str) -> None:
    """Drop everything in the scratch database's public schema so each test starts empty."""
    from sqlalchemy import create_engine

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'provenance.db'}"
        return
    if not PG_URL:
        pytest.skip("PROVENANCE_TEST_PG_URL not set")
    reset_pg(PG_URL)
    yield PG_URL
    reset_pg(PG_URL)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    opened = Store(db_url)
    opened.save_analysis(_seed_analysis())
    yield opened
    opened.close()


def test_default_url_is_a_sqlite_file_under_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PROVENANCE_DB_URL", raising=False)
    assert database_url() == "sqlite:///data/provenance.db"
    monkeypatch.setenv("PROVENANCE_DB_URL", "postgresql+psycopg://u@h/db")
    assert database_url() == "postgresql+psycopg://u@h/db"


def test_created_on_first_start_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "provenance.db"
    store = Store(f"sqlite:///{path}")
    assert path.exists()
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert int(conn.execute(text("PRAGMA busy_timeout")).scalar_one()) >= 1000
    store.close()


def test_in_memory_sqlite_is_refused() -> None:
    with pytest.raises(ValueError, match="in-memory"):
        Store("sqlite:///:memory:")


def test_analysis_round_trips_and_survives_a_restart(store: Store) -> None:
    original = _seed_analysis()
    store.close()
    reopened = Store(store.url)
    assert reopened.analysis("seed") == original
    assert reopened.article("seed") == original.article
    [summary] = reopened.summaries()
    assert (summary.id, summary.claims) == ("seed", 1)
    assert reopened.analysis("missing") is None
    reopened.close()


def test_versions_are_kept_and_the_same_text_is_a_duplicate(store: Store) -> None:
    before = store.revision()
    changed = _seed_analysis(extra="\n\nA paragraph added.")
    changed.claims.clear()
    assert store.save_analysis(changed).status == "exists"  # no flag: nothing changes
    assert store.revision() == before and store.current_version("seed") == 1
    saved = store.save_analysis(changed, new_version=True)
    assert (saved.status, saved.version) == ("new_version", 2)
    assert store.revision() != before
    assert [a.claims for a in store.analyses()] == [[]]
    assert store.analysis("seed", version=1) == _seed_analysis()  # the earlier one is kept
    assert [(v.version, v.current) for v in store.versions("seed")] == [(1, False), (2, True)]
    assert len(store.summaries()) == 1
    # The same text again, under this id or another: nothing stored twice.
    assert store.save_analysis(changed, new_version=True).status == "unchanged"
    copy = _seed_analysis()
    copy = copy.model_copy(update={"article": copy.article.model_copy(update={"id": "other"})})
    assert store.save_analysis(copy).duplicate_of == ("seed", 1)
    assert store.find_text(SEED.read_text(encoding="utf-8") + "\n") == ("seed", 1)
    store.save_analysis(_seed_analysis("second"))
    assert [a.article.id for a in store.analyses(["second"])] == ["second"]
    assert len(store.analyses()) == 2
    store.set_current("seed", 1)
    assert store.analysis("seed") == _seed_analysis()
    with pytest.raises(ValueError, match="no version 9"):
        store.set_current("seed", 9)


def test_scores_are_kept_per_rubric_until_another_version_is_current(store: Store) -> None:
    store.save_analysis(_seed_analysis("second"))
    assert store.unscored("r@1") == ["second", "seed"]
    store.save_scores("r@1", {"seed": '[{"claim_id": "c1"}]'})
    assert store.unscored("r@1") == ["second"]
    assert store.unscored("other@1") == ["second", "seed"]
    assert store.scores("r@1") == ['[{"claim_id": "c1"}]']
    store.save_analysis(_seed_analysis(extra="\n\nMore."), new_version=True)
    assert store.scores("r@1") == []
    assert store.unscored("r@1") == ["second", "seed"]


def test_ratings_are_events_latest_per_analyst_and_rubric_and_history(store: Store) -> None:
    first = _rate(store, "ann", "B", rationale="  named report  ", tags=["russia", " ", "russia"])
    second = _rate(store, "Ann", "D", agree=False, override_grade="D4")
    other = _rate(store, "bob", "C")
    newsroom = _rate(store, "ANN\u200b", "C", rubric_id="newsroom")
    assert first.id < second.id < other.id < newsroom.id
    assert (first.rationale, first.tags, first.grade) == ("named report", ["russia"], "B2")
    assert second.grade == "D4" and second.analyst == "ann" and newsroom.analyst == "ann"
    assert (first.claim_id, first.current_claim_id, first.status) == ("c1", "c1", "current")
    assert first.claim_text.startswith("Russian President Vladimir Putin")
    latest = store.latest_ratings("seed")
    # ann's newsroom rating does not hide her admiralty one
    assert [(r.analyst, r.rubric_id, r.values["reliability"]) for r in latest] == [
        ("ann", "admiralty", "D"), ("bob", "admiralty", "C"), ("ann", "newsroom", "C"),
    ]  # fmt: skip
    assert [r.id for r in store.history("seed", _key())] == [
        first.id, second.id, other.id, newsroom.id,
    ]  # fmt: skip
    assert store.ratings_revision() == newsroom.id
    assert store.latest_ratings("elsewhere") == []


def test_a_rating_follows_its_text_or_is_orphaned(store: Store) -> None:
    rating = _rate(store, "ann")
    # A new version with a paragraph inserted first: the quote is now the second claim.
    first = _seed_analysis(extra="")
    inserted = "An editor's note.\n\n"
    text = inserted + first.article.text
    moved = [
        first.claims[0].model_copy(update={"id": "c2", "start": c.start + len(inserted),
                                           "end": c.end + len(inserted)})
        for c in first.claims
    ]  # fmt: skip
    note = first.claims[0].model_copy(update={"id": "c1", "text": "An editor's note.",
                                              "start": 0, "end": 17, "chain": []})  # fmt: skip
    article = first.article.model_copy(update={"text": text})
    second = first.model_copy(update={"article": article, "claims": [note, *moved]})
    store.save_analysis(second, new_version=True)
    [latest] = store.latest_ratings("seed")
    assert (latest.id, latest.status, latest.current_claim_id) == (rating.id, "current", "c2")
    assert latest.claim_id == "c1"  # its id when it was rated
    # A third version without the quote: the rating is kept, orphaned, with its text.
    third = first.model_copy(update={
        "article": first.article.model_copy(update={"text": text + "\nThe end."}),
        "claims": [note]})  # fmt: skip
    store.save_analysis(third, new_version=True)
    [orphan] = store.latest_ratings("seed")
    assert (orphan.status, orphan.current_claim_id) == ("orphaned", None)
    assert orphan.claim_text == rating.claim_text and orphan.rationale == rating.rationale
    with pytest.raises(ValueError, match="no claim"):
        _rate(store, "ann")  # its claim is not in the current version: nothing to rate


def test_rating_is_committed_when_add_rating_returns(tmp_path: Path) -> None:
    path = tmp_path / "provenance.db"
    store = Store(f"sqlite:///{path}")
    store.save_analysis(_seed_analysis())
    rating = _rate(store, "ann")
    # A separate connection, outside SQLAlchemy, sees the row: it is on disk, not pending.
    raw = sqlite3.connect(path)
    rows = raw.execute("SELECT analyst FROM rating_events WHERE id = ?", (rating.id,)).fetchall()
    raw.close()
    assert rows == [("ann",)]
    store.close()


def test_bad_ratings_are_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="analyst"):
        _rate(store, "   ")
    with pytest.raises(ValueError, match="overriding"):
        _rate(store, "ann", agree=False)
    with pytest.raises(ValueError, match="no claim"):
        _rate(store, "ann", key="0" * 24 + "-0")
    assert store.history("seed") == []


def test_two_analysts_rating_at_once_both_keep_theirs(db_url: str) -> None:
    Store(db_url).save_analysis(_seed_analysis())
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def analyst(name: str) -> None:
        own = Store(db_url)  # its own engine and connections, like a second server process
        try:
            barrier.wait()
            for i in range(25):
                _rate(own, name, "ABCDEF"[i % 6])
        except BaseException as exc:  # surfaced below
            errors.append(exc)
        finally:
            own.close()

    threads = [threading.Thread(target=analyst, args=(name,)) for name in ("ann", "bob")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    store = Store(db_url)
    assert len(store.history("seed", _key())) == 50
    latest = {r.analyst: r.values["reliability"] for r in store.latest_ratings()}
    assert latest == {"ann": "A", "bob": "A"}  # the 25th rating of each: "ABCDEF"[24 % 6]
    store.close()


RATERS, RATINGS_EACH = 8, 1000


def _rate_in_process(url: str, name: str, start: multiprocessing.synchronize.Event) -> None:
    """One analyst's process: open the (fresh) database, add the article, rate 1,000 times."""
    start.wait()
    store = Store(url)  # all eight create the schema at once
    store.save_analysis(_seed_analysis())  # and add the same article at once
    for n in range(RATINGS_EACH):
        _rate(store, name, rationale=f"{name} {n}")
    store.close()


def test_eight_processes_rate_a_fresh_database_at_once(db_url: str) -> None:
    context = multiprocessing.get_context("spawn")
    start = context.Event()
    names = [f"analyst {n}" for n in range(RATERS)]
    workers = [context.Process(target=_rate_in_process, args=(db_url, name, start))
               for name in names]  # fmt: skip
    for worker in workers:
        worker.start()
    start.set()
    for worker in workers:
        worker.join(timeout=600)
    assert [worker.exitcode for worker in workers] == [0] * RATERS
    store = Store(db_url)
    stored = [(r.analyst, r.rationale) for r in store.history()]
    assert len(stored) == RATERS * RATINGS_EACH  # none lost
    assert set(stored) == {(name, f"{name} {n}") for name in names for n in range(RATINGS_EACH)}
    assert [v.version for v in store.versions("seed")] == [1]  # the article stored once
    assert {r.analyst for r in store.latest_ratings()} == set(names)
    store.close()


# --- the review workflow's records ----------------------------------------------------------


def test_review_steps_are_kept_in_order_and_checked(store: Store) -> None:
    key = _key()
    first = store.add_step(article_id="seed", claim_key=key, kind="status", analyst="Ann",
                           value="in_progress")  # fmt: skip
    store.add_step(article_id="seed", claim_key=key, kind="assign", analyst="ann", value="BOB")
    store.add_step(article_id="seed", claim_key=key, kind="comment", analyst="bob",
                   body="  <script>x</script> checked the PDF  ")  # fmt: skip
    store.add_step(article_id="seed", claim_key=key, kind="status", analyst="bob",
                   value="verified")  # fmt: skip
    steps = store.steps("seed", key)
    assert [(s.kind, s.value, s.analyst) for s in steps] == [
        ("status", "in_progress", "ann"), ("assign", "bob", "ann"), ("comment", "", "bob"),
        ("status", "verified", "bob"),
    ]  # fmt: skip
    assert steps[2].body == "<script>x</script> checked the PDF"  # stored as typed, trimmed
    assert steps[0].id == first.id and steps[0].claim_id == "c1" and "Putin" in steps[0].claim_text
    assert [s.value for s in store.steps(kind="status")] == ["in_progress", "verified"]
    for bad, message in [
        ({"kind": "status", "value": "done"}, "unknown status"),
        ({"kind": "comment", "body": "  "}, "empty comment"),
        ({"kind": "vote", "value": "x"}, "unknown review step"),
        ({"kind": "status", "value": "false", "claim_key": "nope"}, "no claim nope"),
        ({"kind": "status", "value": "false", "analyst": "\u200b"}, "analyst's name"),
    ]:
        args = {"article_id": "seed", "claim_key": key, "analyst": "ann", **bad}
        with pytest.raises(ValueError, match=message):
            store.add_step(**args)  # type: ignore[arg-type]
    assert len(store.steps()) == 4  # nothing half-stored
    assert store.steps_revision() == steps[-1].id


def test_collections_membership_history_and_names(store: Store) -> None:
    store.save_analysis(_seed_analysis("other"))
    case = store.create_collection("  Kuril   islands ", "ann", "<b>summit</b> coverage")
    assert case.name == "Kuril islands" and case.article_ids == ()
    with pytest.raises(ValueError, match="exists already"):
        store.create_collection("Kuril islands", "bob")
    with pytest.raises(ValueError, match="needs a name"):
        store.create_collection("   ", "bob")
    for article, action in [("seed", "add"), ("other", "add"), ("seed", "remove")]:
        store.change_collection(case.id, article, action, "ann")
    with pytest.raises(ValueError, match="no article"):
        store.change_collection(case.id, "missing", "add", "ann")
    [listed] = store.collections()
    assert listed.article_ids == ("other",) and listed.description == "<b>summit</b> coverage"
    store.change_collection(case.id, "seed", "add", "bob")
    assert store.collections()[0].article_ids == ("other", "seed")


def test_corrections_and_the_audit_log_in_time_order(store: Store) -> None:
    key = _key()
    _rate(store, "ann", rationale="=1+1")
    store.add_step(article_id="seed", claim_key=key, kind="status", analyst="bob", value="false")
    fixed = store.add_correction(article_id="seed", kind="source_type", analyst="bob",
                                 payload={"source": "s3", "type": "organization"})  # fmt: skip
    store.add_correction(article_id="seed", claim_key=key, kind="chain", analyst="ann",
                         payload={"chain": ["s1", "s3"]}, note="the official's report")  # fmt: skip
    with pytest.raises(ValueError, match="unknown correction"):
        store.add_correction(article_id="seed", kind="rewrite", analyst="ann", payload={})
    [first, second] = store.corrections("seed")
    assert (first.id, first.claim_key, first.version) == (fixed.id, "", 1)
    assert (second.claim_id, second.payload) == ("c1", {"chain": ["s1", "s3"]})
    case = store.create_collection("case", "ann")
    store.change_collection(case.id, "seed", "add", "ann")
    log = store.audit()
    assert [e.action for e in log] == ["rate", "status", "correct source_type", "correct chain",
                                       "create collection", "add to collection"]  # fmt: skip
    assert [e.analyst for e in log] == ["ann", "bob", "bob", "ann", "ann", "ann"]
    assert log[0].claim_id == "c1" and "=1+1" in log[0].detail
    assert [e.at for e in log] == sorted(e.at for e in log)


def test_concurrent_review_steps_are_all_kept(db_url: str) -> None:
    opened = Store(db_url)
    opened.save_analysis(_seed_analysis())
    key = _key()

    def comment(analyst: str) -> None:
        for n in range(20):
            opened.add_step(article_id="seed", claim_key=key, kind="comment", analyst=analyst,
                            body=f"{analyst} {n}")  # fmt: skip

    threads = [threading.Thread(target=comment, args=(name,)) for name in ("ann", "bob", "cy")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    bodies = [s.body for s in opened.steps("seed", key)]
    assert sorted(bodies) == sorted(f"{a} {n}" for a in ("ann", "bob", "cy") for n in range(20))
    opened.close()
