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


def test_court_users_keep_their_role_and_token_through_the_staff_migration(
    database_url: str, tmp_path
) -> None:
    """A database from before staff accounts (0003): each court user's role becomes a
    grant and its token a program token of that role, so programs keep working."""
    import secrets as random_bytes
    from pathlib import Path

    from alembic import command
    from alembic.config import Config
    from sqlalchemy import text

    from fapai import bootstrap
    from fapai.app.accounts import principals
    from fapai.config import Settings

    engine = create_engine(database_url)
    config = Config()
    config.set_main_option(
        "script_location", str(Path(upgrade.__code__.co_filename).parent / "migrations")
    )
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0003")
        connection.execute(
            text("INSERT INTO courts (code, name, region) VALUES ('sh-1zy', '上海一中院', '上海')")
        )
        connection.execute(text(
            "INSERT INTO court_users (court_id, login, role, token_hash) VALUES (1, 'office', "
            f"'auction_office', '{principals.token_hash('old-token')}')"
        ))  # fmt: skip
    engine.dispose()
    services, database = bootstrap.build(
        Settings(database_url, random_bytes.token_bytes(32), tmp_path)
    )
    try:
        who = principals.authenticate(services, "old-token")
        assert isinstance(who, principals.CourtPrincipal)
        assert (who.login, who.name, who.role, who.court_id) == (
            "office",
            "office",
            "auction_office",
            1,
        )
    finally:
        database.dispose()
