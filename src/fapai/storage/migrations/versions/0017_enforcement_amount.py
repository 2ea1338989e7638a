"""the case's enforcement amount: what the sale must realise, so that the rest of the
debtor's property is not sold once it is met (ASR Art 14); an outgoing payment's
destination wide enough for a payout's payee fixed when it is ordered (name and account);
ledger account names wide enough for a refused transfer's, which carries its court

Revision ID: 0017
Revises: 0011
Create Date: 2026-12-04 05:45:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0011"
branch_labels = None
depends_on = None


ACCOUNTS = (
    "ledger_payees",
    "ledger_postings",
    "ledger_balances",
    "ledger_dues",
    "outgoing_payments",
)


def upgrade() -> None:
    for table in ACCOUNTS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(
                "account", existing_type=sa.String(length=80), type_=sa.String(length=120)
            )
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("enforcement_amount", sa.BigInteger(), nullable=True))
    with op.batch_alter_table("outgoing_payments", schema=None) as batch_op:
        batch_op.alter_column(
            "back_to", existing_type=sa.String(length=64), type_=sa.String(length=200)
        )


def downgrade() -> None:
    for table in ACCOUNTS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(
                "account", existing_type=sa.String(length=120), type_=sa.String(length=80)
            )
    with op.batch_alter_table("outgoing_payments", schema=None) as batch_op:
        batch_op.alter_column(
            "back_to", existing_type=sa.String(length=200), type_=sa.String(length=64)
        )
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("enforcement_amount")
