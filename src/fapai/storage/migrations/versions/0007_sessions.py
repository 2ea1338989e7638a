"""sessions

Revision ID: 0007
Revises: 0009
Create Date: 2026-12-03 08:40:00.000000

A bidder's bearer token becomes a session that expires and can be ended (issue 14).
The token an account was opened with stays the account's key, from which sessions are
opened. Court staff have their own sessions and program tokens (0008).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import fapai.storage.tables

revision = "0007"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("created_at", fapai.storage.tables.UtcDateTime(), nullable=False),
        sa.Column("expires_at", fapai.storage.tables.UtcDateTime(), nullable=False),
        sa.Column("ended_at", fapai.storage.tables.UtcDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_sessions_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sessions")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_sessions_token_hash")),
    )


def downgrade() -> None:
    op.drop_table("sessions")
