"""Storage: analyses survive a restart, ratings are append-only events, concurrent analysts both
keep their ratings. Runs on a real SQLite file, and on PostgreSQL too when
``PROVENANCE_TEST_PG_URL`` names a scratch database."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from provenance.models import Analysis, Article, Claim, Hop, Source
from provenance.storage import Base, Rating, Store, database_url

SEED = Path(__file__).resolve().parents[1] / "data" / "seed_putin_report.txt"
PG_URL = os.environ.get("PROVENANCE_TEST_PG_URL")


def _seed_analysis(article_id: str = "seed") -> Analysis:
    """A hand-made analysis of the seed article: one quote with a three-hop chain."""
    article_text = SEED.read_text(encoding="utf-8")
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


def _rate(
    store: Store, analyst: str, grade: str = "B", claim_id: str = "c1", **kw: object
) -> Rating:
    return store.add_rating(
        article_id="seed",
        claim_id=claim_id,
        analyst=analyst,
        rubric_id="admiralty",
        rubric_version="1.0",
        values={"reliability": grade, "credibility": "2"},
        agree=bool(kw.pop("agree", True)),
        auto_grade="B2",
        **kw,  # type: ignore[arg-type]
    )


def _reset_pg(url: str) -> None:
    """Drop Provenance's tables and view so each PostgreSQL test starts empty."""
    scratch = Store(url)
    with scratch.engine.begin() as conn:
        conn.execute(text("DROP VIEW IF EXISTS latest_ratings"))
    Base.metadata.drop_all(scratch.engine, checkfirst=True)
    scratch.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'provenance.db'}"
        return
    if not PG_URL:
        pytest.skip("PROVENANCE_TEST_PG_URL not set")
    _reset_pg(PG_URL)
    yield PG_URL
    _reset_pg(PG_URL)


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


def test_reanalysis_replaces_and_changes_the_revision(store: Store) -> None:
    before = store.revision()
    changed = _seed_analysis()
    changed.claims.clear()
    store.save_analysis(changed)
    assert store.revision() != before
    assert [a.claims for a in store.analyses()] == [[]]
    assert len(store.summaries()) == 1
    store.save_analysis(_seed_analysis("second"))
    assert [a.article.id for a in store.analyses(["second"])] == ["second"]
    assert len(store.analyses()) == 2


def test_scores_are_kept_per_rubric_until_the_article_changes(store: Store) -> None:
    store.save_analysis(_seed_analysis("second"))
    assert store.unscored("r@1") == ["second", "seed"]
    store.save_scores("r@1", {"seed": '[{"claim_id": "c1"}]'})
    assert store.unscored("r@1") == ["second"]
    assert store.unscored("other@1") == ["second", "seed"]
    assert store.scores("r@1") == ['[{"claim_id": "c1"}]']
    store.save_analysis(_seed_analysis())  # analysed again: its old scores no longer hold
    assert store.scores("r@1") == []
    assert store.unscored("r@1") == ["second", "seed"]


def test_ratings_are_events_latest_per_analyst_and_history(store: Store) -> None:
    first = _rate(store, "ann", "B", rationale="  named report  ", tags=["russia", " ", "russia"])
    second = _rate(store, "ann", "D", agree=False, override_grade="D4")
    other = _rate(store, "bob", "C")
    assert first.id < second.id < other.id
    assert (first.rationale, first.tags, first.grade) == ("named report", ["russia"], "B2")
    assert second.grade == "D4"
    latest = store.latest_ratings("seed")
    assert [(r.analyst, r.values["reliability"]) for r in latest] == [("ann", "D"), ("bob", "C")]
    assert [r.id for r in store.history("seed", "c1")] == [first.id, second.id, other.id]
    assert store.ratings_revision() == other.id
    assert store.latest_ratings("elsewhere") == []


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
    assert store.history("seed", "c1") == []


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
    assert len(store.history("seed", "c1")) == 50
    latest = {r.analyst: r.values["reliability"] for r in store.latest_ratings()}
    assert latest == {"ann": "A", "bob": "A"}  # the 25th rating of each: "ABCDEF"[24 % 6]
    store.close()


def _rate_in_process(url: str, name: str, start: multiprocessing.synchronize.Event) -> None:
    store = Store(url)
    start.wait()
    for _ in range(20):
        _rate(store, name)
    store.close()


def test_two_processes_writing_the_same_sqlite_file(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'provenance.db'}"
    Store(url).save_analysis(_seed_analysis())
    context = multiprocessing.get_context("spawn")
    start = context.Event()
    workers = [
        context.Process(target=_rate_in_process, args=(url, name, start)) for name in ("a", "b")
    ]
    for worker in workers:
        worker.start()
    start.set()
    for worker in workers:
        worker.join(timeout=120)
    assert [worker.exitcode for worker in workers] == [0, 0]
    assert len(Store(url).history("seed", "c1")) == 40
