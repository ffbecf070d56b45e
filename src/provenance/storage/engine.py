"""The database engine: which database (``$PROVENANCE_DB_URL``) and how SQLite is opened."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

DB_URL_ENV = "PROVENANCE_DB_URL"
DEFAULT_DB_PATH = Path("data") / "provenance.db"
#: How long a SQLite writer waits for another writer's lock before failing (milliseconds).
BUSY_TIMEOUT_MS = 30_000


def database_url() -> str:
    """``$PROVENANCE_DB_URL`` if set, else the SQLite file ``data/provenance.db``."""
    return os.environ.get(DB_URL_ENV) or f"sqlite:///{DEFAULT_DB_PATH}"


def make_engine(url: str, *, foreign_keys: bool = True, **options: Any) -> Engine:
    """An engine for ``url``. SQLite files get WAL (readers never block the writer), a busy
    timeout (a second writer waits instead of failing), and transactions begun by SQLAlchemy:
    ``BEGIN IMMEDIATE`` where the ``sqlite_begin`` execution option asks, so a writer takes the
    file's write lock before it reads instead of failing when it upgrades."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, **options)
    if parsed.database in (None, "", ":memory:"):
        raise ValueError(
            f"{url}: an in-memory SQLite database is one database per thread; use a file"
        )
    Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, **options)

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _sqlite_begin(connection: Any) -> None:
        connection.exec_driver_sql(connection.get_execution_options().get("sqlite_begin", "BEGIN"))

    return engine


def utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; every stored moment is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
