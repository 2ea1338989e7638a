"""sessions

Revision ID: 0007
Revises: 0003
Create Date: 2026-12-03 08:40:00.000000

Bearer tokens become sessions that expire and can be ended (issue 14). A court
user's token issued before this revision becomes a session of 12 hours from the
upgrade; a bidder's token stays the account's key, from which sessions are opened.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

import fapai.storage.tables

revision = "0007"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    sessions = op.create_table(
        "sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("court_user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", fapai.storage.tables.UtcDateTime(), nullable=False),
        sa.Column("expires_at", fapai.storage.tables.UtcDateTime(), nullable=False),
        sa.Column("ended_at", fapai.storage.tables.UtcDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_sessions_account_id_accounts")
        ),
        sa.ForeignKeyConstraint(
            ["court_user_id"],
            ["court_users.id"],
            name=op.f("fk_sessions_court_user_id_court_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sessions")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_sessions_token_hash")),
    )
    now = datetime.now(UTC)
    users = op.get_bind().execute(sa.text("SELECT id, token_hash FROM court_users")).all()
    if users:
        op.bulk_insert(
            sessions,
            [
                {"token_hash": token_hash, "court_user_id": user_id, "created_at": now,
                 "expires_at": now + timedelta(hours=12)}
                for user_id, token_hash in users
            ],
        )  # fmt: skip


def downgrade() -> None:
    op.drop_table("sessions")
