"""staff: passwords, second factor, roles, sessions, program tokens; court hierarchy

Revision ID: 0008
Revises: 0003
Create Date: 2026-12-03 08:50:00

Every existing court user keeps its role (now a row of ``court_roles``) and its token
(now a program token scoped to that role, good for one year from the upgrade).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

import fapai.storage.tables

revision = "0008"
down_revision = "0004"
branch_labels = None
depends_on = None

_WHEN = fapai.storage.tables.UtcDateTime()


def upgrade() -> None:
    with op.batch_alter_table("courts") as batch:
        batch.add_column(sa.Column("parent_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_courts_parent_id_courts"), "courts", ["parent_id"], ["id"]
        )
    op.create_table(
        "court_roles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("granted_at", _WHEN, nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["court_users.id"], name=op.f("fk_court_roles_user_id_court_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_court_roles")),
        sa.UniqueConstraint("user_id", "role", name=op.f("uq_court_roles_user_id_role")),
    )
    op.create_table(
        "court_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("started_at", _WHEN, nullable=False),
        sa.Column("seen_at", _WHEN, nullable=False),
        sa.Column("ended_at", _WHEN, nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["court_users.id"], name=op.f("fk_court_sessions_user_id_court_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_court_sessions")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_court_sessions_token_hash")),
    )
    op.create_index(op.f("ix_court_sessions_user_id"), "court_sessions", ["user_id"], unique=False)
    tokens = op.create_table(
        "court_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("scope", sa.String(length=32), nullable=False),
        sa.Column("created_at", _WHEN, nullable=False),
        sa.Column("expires_at", _WHEN, nullable=False),
        sa.Column("revoked_at", _WHEN, nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["court_users.id"], name=op.f("fk_court_tokens_user_id_court_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_court_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_court_tokens_token_hash")),
    )
    op.create_index(op.f("ix_court_tokens_user_id"), "court_tokens", ["user_id"], unique=False)

    now = datetime.now(UTC)
    users = sa.table(
        "court_users",
        sa.column("id", sa.Integer()),
        sa.column("login", sa.String()),
        sa.column("role", sa.String()),
        sa.column("token_hash", sa.String()),
    )
    rows = op.get_bind().execute(sa.select(users)).all()
    if rows:
        roles = sa.table(
            "court_roles",
            sa.column("user_id", sa.Integer()),
            sa.column("role", sa.String()),
            sa.column("granted_at", _WHEN),
        )
        op.bulk_insert(roles, [{"user_id": r.id, "role": r.role, "granted_at": now} for r in rows])
        op.bulk_insert(tokens, [
            {"user_id": r.id, "token_hash": r.token_hash, "scope": r.role, "created_at": now,
             "expires_at": now + timedelta(days=365)}
            for r in rows
        ])  # fmt: skip

    with op.batch_alter_table("court_users") as batch:
        batch.add_column(
            sa.Column("name", sa.String(length=100), server_default="", nullable=False)
        )
        batch.add_column(sa.Column("password_hash", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("totp_enc", sa.LargeBinary(), nullable=True))
        batch.add_column(sa.Column("totp_last_step", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("failures", sa.Integer(), server_default="0", nullable=False))
        batch.add_column(sa.Column("locked_until", _WHEN, nullable=True))
        batch.add_column(sa.Column("ended_at", _WHEN, nullable=True))
        batch.alter_column("court_id", existing_type=sa.Integer(), nullable=True)
        batch.drop_constraint(op.f("uq_court_users_token_hash"), type_="unique")
        batch.drop_column("token_hash")
        batch.drop_column("role")
    op.execute("UPDATE court_users SET name = login")


def downgrade() -> None:
    raise NotImplementedError("staff accounts cannot be folded back into single tokens")
