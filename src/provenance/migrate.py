"""Creating and upgrading the database with the packaged Alembic migrations, safely when several
processes open the same fresh database at once.

Each opener takes a database-wide lock first (SQLite: ``BEGIN IMMEDIATE`` on the file;
PostgreSQL: a transaction-scoped advisory lock), then looks at the revision and migrates only if
it is behind, all in that one transaction: the first process creates the schema, the others wait
and then find it done. A database made by release 0.1 (its tables, no ``alembic_version``) is
stamped at the first revision and upgraded in place.
"""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, text

#: Where Alembic finds the migrations: inside the installed package.
SCRIPT_LOCATION = "provenance:migrations"
#: The revision whose schema is release 0.1's (databases made before migrations existed).
RELEASE_0_1 = "0001_release_0_1"
#: Any fixed number: the PostgreSQL advisory lock all Provenance processes agree on.
PG_LOCK_KEY = 0x50524F56


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    config.attributes["connection"] = connection
    return config


def head() -> str:
    """The newest revision the installed package knows."""
    revision = ScriptDirectory.from_config(_config()).get_current_head()
    assert revision is not None
    return revision


def current(connection: Connection) -> str | None:
    """The database's revision (None when it has none yet)."""
    return MigrationContext.configure(connection).get_current_revision()


def _lock(connection: Connection) -> None:
    """Begin the transaction holding the database-wide migration lock."""
    if connection.dialect.name == "sqlite":
        # the engine begins SQLite transactions as this option says (storage.make_engine)
        connection.execution_options(sqlite_begin="BEGIN IMMEDIATE")
        connection.exec_driver_sql("SELECT 1")
    elif connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_LOCK_KEY})


def upgrade(engine: Engine) -> None:
    """Bring the database to :func:`head` (a no-op, without locking, when it is there)."""
    wanted = head()
    with engine.connect() as connection:
        if current(connection) == wanted:
            return
        connection.rollback()
        _lock(connection)
        revision = current(connection)
        if revision == wanted:
            connection.rollback()
            return
        if revision is None and inspect(connection).has_table("rating_events"):
            command.stamp(_config(connection), RELEASE_0_1)
        command.upgrade(_config(connection), "head")
        connection.commit()
