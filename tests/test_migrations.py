"""The Alembic migrations build exactly the schema ``storage/tables.py`` declares, on
both databases, and running them again changes nothing (`fapai db upgrade` is safe to
repeat)."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from fapai.storage.migrate import upgrade
from fapai.storage.tables import metadata


def test_migrations_match_the_declared_schema(empty_database_url: str) -> None:
    engine = create_engine(empty_database_url)
    try:
        upgrade(engine)
        upgrade(engine)
        with engine.connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection), metadata) == []
    finally:
        engine.dispose()


def test_court_users_keep_their_role_and_token_through_the_staff_migration(
    empty_database_url: str, tmp_path
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

    engine = create_engine(empty_database_url)
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
        Settings(empty_database_url, random_bytes.token_bytes(32), tmp_path)
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


def test_payees_and_statements_stored_before_0020_are_vouched_from_the_upgrade_on(
    empty_database_url: str, tmp_path
) -> None:
    """Attack review F13: a database from before payees and statement lines were facts.
    0020 numbers the payees (in the order they were named) and vouches for every payee,
    statement and line already stored in a ``facts.adopted`` record: the upgraded
    database verifies, and a payee account or a line's amount changed after the upgrade
    is named."""
    import secrets as random_bytes
    from pathlib import Path

    from alembic import command
    from alembic.config import Config
    from sqlalchemy import func, select, text, update

    from fapai import bootstrap
    from fapai.app.audit.trail import verify
    from fapai.config import Settings
    from fapai.storage.tables import audit_records, bank_statement_lines, ledger_payees

    engine = create_engine(empty_database_url)
    config = Config()
    config.set_main_option(
        "script_location", str(Path(upgrade.__code__.co_filename).parent / "migrations")
    )
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0014")
        connection.execute(
            text("INSERT INTO courts (code, name, region) VALUES ('sh-1zy', '上海一中院', '上海')")
        )
        for account, named_at in (("payable:surplus:1", "10:00"), ("payable:creditor:1", "09:00")):
            connection.execute(text(
                "INSERT INTO ledger_payees (account, court_id, name, bank_account, recorded_by, "
                f"at) VALUES ('{account}', 1, '某甲', '3100 0001', 'court_user:clerk', "
                f"'2026-12-01 {named_at}:00')"
            ))  # fmt: skip
        connection.execute(text(
            "INSERT INTO bank_statements (court_id, digest, name, imported_by, imported_at) "
            f"VALUES (1, '{'0' * 64}', 'march', 'court_user:clerk', '2026-12-01 09:00:00')"
        ))  # fmt: skip
        connection.execute(text(
            "INSERT INTO bank_statement_lines (court_id, import_id, line, booked_on, amount, "
            "bank_ref, counterparty, imported_at, statement_id) VALUES (1, 'march', 2, "
            "'2026-12-01', 3000000, 'RET-1', '某甲', '2026-12-01 09:00:00', 1)"
        ))  # fmt: skip
    engine.dispose()
    services, database = bootstrap.build(
        Settings(empty_database_url, random_bytes.token_bytes(32), tmp_path)
    )
    try:
        checked = verify(services)
        assert (checked.problem, checked.facts) == (None, 4)
        with database.engine.begin() as connection:
            named = connection.execute(
                select(ledger_payees.c.id, ledger_payees.c.account).order_by(ledger_payees.c.id)
            ).all()
            adopted = connection.scalar(
                select(func.count()).where(audit_records.c.action == "facts.adopted")
            )
            connection.execute(
                update(ledger_payees).where(ledger_payees.c.id == 1).values(bank_account="6222")
            )
        assert [tuple(row) for row in named] == [
            (1, "payable:creditor:1"),
            (2, "payable:surplus:1"),
        ]
        assert adopted == 1
        assert verify(services).problem == (
            "ledger_payees#1: its content does not match the digest its audit record holds "
            "(changed)"
        )
        with database.engine.begin() as connection:
            connection.execute(
                update(ledger_payees)
                .where(ledger_payees.c.id == 1)
                .values(bank_account="3100 0001")
            )
            connection.execute(update(bank_statement_lines).values(amount=3000001))
        assert verify(services).problem == (
            "bank_statement_lines#1: its content does not match the digest its audit record "
            "holds (changed)"
        )
    finally:
        database.dispose()
