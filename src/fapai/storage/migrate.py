"""Schema migrations (Alembic), run by ``fapai db upgrade`` and at ``fapai serve``."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, inspect

from fapai.app.ports import Cipher

_SCRIPTS = Path(__file__).with_name("migrations")


def upgrade(engine: Engine, cipher: Cipher | None = None, target: str = "head") -> None:
    """Bring the database to the newest schema (or to ``target``); a no-op when it is
    there already.

    ``cipher`` is needed by a migration that computes keyed hashes of stored rows
    (0004: the registrations' account commitments) when there are any.
    """
    config = Config()
    config.set_main_option("script_location", str(_SCRIPTS))
    config.attributes["cipher"] = cipher
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # SQLite alters a table by copying, dropping and renaming it, which its
            # foreign keys would refuse: they are off while migrating and every one is
            # checked before the commit (sqlite.org/lang_altertable.html).
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.exec_driver_sql("BEGIN IMMEDIATE")  # the driver begins nothing itself
        try:
            config.attributes["connection"] = connection
            before = _revision(connection)
            command.upgrade(config, target)
            migrated = _revision(connection) != before
            # only a migration that ran can have left rows behind; a database altered by
            # hand is for `fapai audit verify` to name, not for every command to refuse
            if (
                migrated
                and sqlite
                and connection.exec_driver_sql("PRAGMA foreign_key_check").first()
            ):
                raise RuntimeError("the migration left rows pointing at missing rows")
            connection.commit()
        finally:
            if sqlite:
                connection.rollback()
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")


def _revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def revision(engine: Engine, message: str) -> None:
    """Generate a migration from the difference between ``tables.py`` and the database."""
    config = Config()
    config.set_main_option("script_location", str(_SCRIPTS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.revision(config, message=message, autogenerate=True)
