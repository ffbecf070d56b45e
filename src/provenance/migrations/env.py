"""Alembic's entry point: runs the migrations on the connection :mod:`provenance.migrate` holds
(already inside its locked transaction), never on a connection of its own."""

from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None)
with context.begin_transaction():
    context.run_migrations()
