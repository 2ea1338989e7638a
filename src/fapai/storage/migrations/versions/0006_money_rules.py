"""money rules: corrections at most once and with two approvers, payees, statements

Revision ID: 0006
Revises: 0003
Create Date: 2026-12-03 08:20:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import fapai.storage.tables

revision = "0006"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("ledger_settlements", schema=None) as batch_op:
        batch_op.alter_column("transaction_id", existing_type=sa.Integer(), nullable=True)
    with op.batch_alter_table("ledger_transactions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("payee", sa.String(length=200), nullable=True))
        batch_op.create_unique_constraint(
            batch_op.f("uq_ledger_transactions_reverses_id"), ["reverses_id"]
        )
    op.create_table(
        "ledger_reversal_requests",
        sa.Column("transaction_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("requested_by", sa.String(length=80), nullable=False),
        sa.Column("requested_at", fapai.storage.tables.UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["ledger_transactions.id"],
            name=op.f("fk_ledger_reversal_requests_transaction_id_ledger_transactions"),
        ),
        sa.PrimaryKeyConstraint("transaction_id", name=op.f("pk_ledger_reversal_requests")),
    )
    op.create_table(
        "ledger_payees",
        sa.Column("account", sa.String(length=80), nullable=False),
        sa.Column("court_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("bank_account", sa.String(length=64), nullable=False),
        sa.Column("recorded_by", sa.String(length=80), nullable=False),
        sa.Column("at", fapai.storage.tables.UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["court_id"], ["courts.id"], name=op.f("fk_ledger_payees_court_id_courts")
        ),
        sa.PrimaryKeyConstraint("account", name=op.f("pk_ledger_payees")),
    )
    op.create_table(
        "bank_statements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("court_id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("imported_by", sa.String(length=80), nullable=False),
        sa.Column("imported_at", fapai.storage.tables.UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["court_id"], ["courts.id"], name=op.f("fk_bank_statements_court_id_courts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bank_statements")),
        sa.UniqueConstraint("court_id", "digest", name=op.f("uq_bank_statements_court_id_digest")),
    )
    with op.batch_alter_table("bank_statement_lines", schema=None) as batch_op:
        batch_op.add_column(sa.Column("statement_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("balance", sa.BigInteger(), nullable=True))
        batch_op.add_column(
            sa.Column("withdrawn_at", fapai.storage.tables.UtcDateTime(), nullable=True)
        )
        batch_op.add_column(sa.Column("withdrawn_by", sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column("withdrawn_reason", sa.String(length=200), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_bank_statement_lines_statement_id_bank_statements"),
            "bank_statements", ["statement_id"], ["id"],
        )  # fmt: skip


def downgrade() -> None:
    with op.batch_alter_table("bank_statement_lines", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_bank_statement_lines_statement_id_bank_statements"), type_="foreignkey"
        )
        for column in ("withdrawn_reason", "withdrawn_by", "withdrawn_at", "balance"):
            batch_op.drop_column(column)
        batch_op.drop_column("statement_id")
    op.drop_table("bank_statements")
    op.drop_table("ledger_payees")
    op.drop_table("ledger_reversal_requests")
    with op.batch_alter_table("ledger_transactions", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_ledger_transactions_reverses_id"), type_="unique")
        batch_op.drop_column("payee")
    with op.batch_alter_table("ledger_settlements", schema=None) as batch_op:
        batch_op.alter_column("transaction_id", existing_type=sa.Integer(), nullable=False)
