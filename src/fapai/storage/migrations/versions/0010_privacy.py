"""privacy: the personal-data read log, phone codes, account erasures

Revision ID: 0010
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import fapai.storage.tables

revision = "0010"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "personal_data_reads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", fapai.storage.tables.UtcDateTime(), nullable=False),
        sa.Column("principal_kind", sa.String(length=16), nullable=False),
        sa.Column("principal_id", sa.Integer(), nullable=True),
        sa.Column("court_id", sa.Integer(), nullable=True),
        sa.Column("record", sa.String(length=60), nullable=False),
        sa.Column("fields", sa.String(length=120), nullable=False),
        sa.Column("purpose", sa.String(length=32), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("route", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_personal_data_reads")),
    )
    op.create_index("ix_personal_data_reads_court_id", "personal_data_reads", ["court_id", "id"])
    op.create_table(
        "phone_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("phone_index", sa.String(length=64), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("sent_at", fapai.storage.tables.UtcDateTime(), nullable=False),
        sa.Column("expires_at", fapai.storage.tables.UtcDateTime(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("used_at", fapai.storage.tables.UtcDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_phone_codes")),
    )
    op.create_index("ix_phone_codes_phone_index", "phone_codes", ["phone_index", "id"])
    op.create_table(
        "account_erasures",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("at", fapai.storage.tables.UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_account_erasures_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("account_id", name=op.f("pk_account_erasures")),
    )


def downgrade() -> None:
    op.drop_table("account_erasures")
    op.drop_index("ix_phone_codes_phone_index", table_name="phone_codes")
    op.drop_table("phone_codes")
    op.drop_index("ix_personal_data_reads_court_id", table_name="personal_data_reads")
    op.drop_table("personal_data_reads")
