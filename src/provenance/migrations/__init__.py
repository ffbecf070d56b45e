"""Alembic migrations of Provenance's database, shipped in the package so an installed wheel can
create and upgrade its database (:func:`provenance.migrate.upgrade` runs them)."""
