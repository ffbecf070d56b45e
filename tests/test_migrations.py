"""Migrations: a fresh database and one made by release 0.1 (``tests/fixtures/release_0_1.db``)
both end up exactly as ``schema.py`` describes, the old one with every rating kept; opening an
up-to-date database changes nothing. SQLite always, PostgreSQL when
``PROVENANCE_TEST_PG_URL`` is set (``db_url`` fixture of test_storage)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from test_storage import db_url  # noqa: F401  (the SQLite/PostgreSQL fixture)

from provenance import migrate
from provenance.models import Analysis
from provenance.schema import Base
from provenance.storage import Store

FIXTURE = Path(__file__).parent / "fixtures" / "release_0_1.db"


def _schema_differences(store: Store) -> list[object]:
    with store.engine.connect() as conn:
        return list(compare_metadata(MigrationContext.configure(conn), Base.metadata))


def test_a_fresh_database_is_the_declared_schema(db_url: str) -> None:  # noqa: F811
    store = Store(db_url)
    assert _schema_differences(store) == []
    with store.engine.connect() as conn:
        assert migrate.current(conn) == migrate.head()
    store.close()


def _old_ratings(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(
            'SELECT id, article_id, claim_id, analyst, rubric_id, "values", agree, auto_grade, '
            "override_grade, rationale, tags, created_at FROM rating_events ORDER BY id"
        ).fetchall()


def test_a_release_0_1_database_is_upgraded_in_place_with_every_rating(tmp_path: Path) -> None:
    path = tmp_path / "provenance.db"
    shutil.copy(FIXTURE, path)
    before = _old_ratings(path)
    with sqlite3.connect(path) as conn:
        texts = dict(conn.execute("SELECT id, text FROM articles"))
        analyses = dict(conn.execute("SELECT article_id, data FROM analyses"))
    assert len(before) == 7
    store = Store(f"sqlite:///{path}")
    assert _schema_differences(store) == []
    history = store.history()
    assert [r.id for r in history] == [row[0] for row in before]
    for rating, old in zip(history, before, strict=True):
        assert (rating.article_id, rating.claim_id, rating.rubric_id) == (old[1], old[2], old[4])
        assert rating.analyst == str(old[3]).casefold()  # "Bob" and "bob" are one analyst
        assert (rating.rationale, rating.auto_grade, rating.override_grade) == (
            old[9], old[7], old[8],
        )  # fmt: skip
        assert (rating.status, rating.current_claim_id, rating.version) == (
            "current", rating.claim_id, 1,
        )  # fmt: skip
        analysis = store.analysis(rating.article_id)
        assert analysis is not None
        claim = next(c for c in analysis.claims if c.id == rating.claim_id)
        assert rating.claim_text == claim.text
    for article_id, text in texts.items():
        article = store.article(article_id)
        assert article is not None and article.text == text
        stored = store.analysis(article_id)
        # the same analysis (fields added since 0.1, such as `suggested`, take their defaults)
        assert stored == Analysis.model_validate_json(analyses[article_id])
    # 0.1's view hid alice's admiralty rating behind her newsroom one: now both are latest.
    latest = store.latest_ratings("seed_putin_report")
    latest = {(r.analyst, r.rubric_id, r.claim_id) for r in latest}
    assert {("alice", "admiralty", "c3"), ("alice", "newsroom", "c3")} <= latest
    assert ("bob", "admiralty", "c1") in latest and ("bob", "admiralty", "c3") in latest
    store.close()
    # Opening it again is a no-op.
    again = Store(f"sqlite:///{path}")
    assert [r.id for r in again.history()] == [row[0] for row in before]
    again.close()


def test_the_migrations_ship_inside_the_package() -> None:
    from importlib.resources import files

    versions = files("provenance.migrations") / "versions"
    names = {entry.name for entry in versions.iterdir()}
    assert {"0001_release_0_1.py", "0002_claim_identity.py"} <= names
    assert (files("provenance.migrations") / "env.py").is_file()
    assert migrate.head() in {name.removesuffix(".py") for name in names}


def test_the_migration_lock_is_taken_only_when_behind(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'p.db'}"
    Store(url).close()
    # A writer holding the file's write lock does not stop an up-to-date database opening.
    holder = sqlite3.connect(tmp_path / "p.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        Store(url).close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
