"""vouched payees and statements: the payee accounts and the bank's statement lines
become facts the audit trail vouches for (attack review F13)

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-04 09:30:00.000000

``ledger_payees`` was one row per payable account, replaced in place when the payee
was named again; it becomes append-only with an id (a fact is named by its id), each
naming a new version, the account's latest one holding. The rows already there keep
their order (by the time they were named) and get ids 1, 2, ...

Every payee version, imported statement and statement line already stored is then
vouched for by ``facts.adopted`` records appended to the system's chain now (as 0004
did for the first facts). What those rows said before this migration ran is vouched
for only from the migration's time on: a payee account changed in the database before
the upgrade is adopted as it stands (docs/ledger.md).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

import fapai.storage.tables

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

_COLUMNS = ("account", "court_id", "name", "bank_account", "recorded_by", "at")


def _rows(table: sa.TableClause, *order: Any) -> list[dict[str, Any]]:
    query = sa.select(*(table.c[name] for name in _COLUMNS)).order_by(*order)
    return [dict(row._mapping) for row in op.get_bind().execute(query)]


def _payees(*columns: sa.ColumnClause[Any]) -> sa.TableClause:
    return sa.table(
        "ledger_payees",
        *columns,
        sa.column("account", sa.String()),
        sa.column("court_id", sa.Integer()),
        sa.column("name", sa.String()),
        sa.column("bank_account", sa.String()),
        sa.column("recorded_by", sa.String()),
        sa.column("at", fapai.storage.tables.UtcDateTime()),
    )


def _create(*key: sa.Column[Any]) -> None:
    """The table with ``key`` first (its first column the primary key), then the rest."""
    op.create_table(
        "ledger_payees",
        *key,
        sa.Column("court_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("bank_account", sa.String(length=64), nullable=False),
        sa.Column("recorded_by", sa.String(length=80), nullable=False),
        sa.Column("at", fapai.storage.tables.UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["court_id"], ["courts.id"], name=op.f("fk_ledger_payees_court_id_courts")
        ),
        sa.PrimaryKeyConstraint(key[0].name, name=op.f("pk_ledger_payees")),
    )


def upgrade() -> None:
    old = _payees()
    rows = _rows(old, old.c.at, old.c.account)
    op.drop_table("ledger_payees")
    _create(
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account", sa.String(length=120), nullable=False),
    )
    op.create_index(op.f("ix_ledger_payees_account"), "ledger_payees", ["account"], unique=False)
    if rows:
        op.get_bind().execute(sa.insert(_payees()), rows)
    _adopt(op.get_bind())


def downgrade() -> None:
    new = _payees(sa.column("id", sa.Integer()))
    latest = {row["account"]: row for row in _rows(new, new.c.id)}
    op.drop_index(op.f("ix_ledger_payees_account"), table_name="ledger_payees")
    op.drop_table("ledger_payees")
    _create(sa.Column("account", sa.String(length=120), nullable=False))
    if latest:
        op.get_bind().execute(sa.insert(_payees()), list(latest.values()))


def _adopt(connection: sa.Connection) -> None:
    from fapai.app.audit.trail import SYSTEM
    from fapai.storage.fact_store import SPECS
    from fapai.storage.store import SqlTx

    notes: list[tuple[str, int, int]] = []
    for name in ("ledger_payees", "bank_statements", "bank_statement_lines"):
        key = SPECS[name].key
        notes += [(name, int(k), 0) for k in connection.scalars(sa.select(key).order_by(key))]
    SqlTx(connection, lock_rows=False).adopt_facts(SYSTEM, notes, datetime.now(UTC))
