"""The Alembic migrations build exactly the schema ``storage/tables.py`` declares, on
both databases, and running them again changes nothing (`fapai db upgrade` is safe to
repeat)."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from fapai.storage.migrate import upgrade
from fapai.storage.tables import metadata


def test_migrations_match_the_declared_schema(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        upgrade(engine)
        upgrade(engine)
        with engine.connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection), metadata) == []
    finally:
        engine.dispose()
