"""Schema migrations (Alembic), run by ``fapai db upgrade`` and at ``fapai serve``."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from fapai.app.ports import Cipher

_SCRIPTS = Path(__file__).with_name("migrations")


def upgrade(engine: Engine, cipher: Cipher | None = None) -> None:
    """Bring the database to the newest schema; a no-op when it is there already.

    ``cipher`` is needed by a migration that computes keyed hashes of stored rows
    (0004: the registrations' account commitments) when there are any.
    """
    config = Config()
    config.set_main_option("script_location", str(_SCRIPTS))
    config.attributes["cipher"] = cipher
    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN IMMEDIATE")  # the driver begins nothing itself
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        connection.commit()


def revision(engine: Engine, message: str) -> None:
    """Generate a migration from the difference between ``tables.py`` and the database."""
    config = Config()
    config.set_main_option("script_location", str(_SCRIPTS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.revision(config, message=message, autogenerate=True)
