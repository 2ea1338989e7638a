"""the auxiliary institution's desk: its staff accounts, tasks of seed 003 Art 3 with
their log, viewing requests (issue 17 item 4)

Revision ID: 0018
Revises: 0014
Create Date: 2026-12-04 09:10:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from fapai.storage.tables import UtcDateTime

revision = "0018"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "institution_staff",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("institution_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["institution_id"], ["institutions.id"]),
        sa.ForeignKeyConstraint(["user_id"], ["court_users.id"]),
        sa.PrimaryKeyConstraint("user_id"),
    )
    op.create_index("ix_institution_staff_institution_id", "institution_staff", ["institution_id"])
    op.create_table(
        "institution_tasks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lot_id", sa.Integer(), nullable=False),
        sa.Column("institution_id", sa.Integer(), nullable=False),
        sa.Column("designation_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("instructions", sa.Text(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("assignee_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=80), nullable=False),
        sa.Column("report", sa.Text(), nullable=True),
        sa.Column("submitted_at", UtcDateTime(), nullable=True),
        sa.Column("reviewed_at", UtcDateTime(), nullable=True),
        sa.Column("review_note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["assignee_id"], ["court_users.id"]),
        sa.ForeignKeyConstraint(["designation_id"], ["institution_designations.id"]),
        sa.ForeignKeyConstraint(["institution_id"], ["institutions.id"]),
        sa.ForeignKeyConstraint(["lot_id"], ["lots.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_institution_tasks_lot_id", "institution_tasks", ["lot_id"])
    op.create_index("ix_institution_tasks_institution_id", "institution_tasks", ["institution_id"])
    op.create_table(
        "institution_task_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("happened_at", UtcDateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("logged_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["task_id"], ["institution_tasks.id"]),
        sa.ForeignKeyConstraint(["user_id"], ["court_users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_institution_task_log_task_id", "institution_task_log", ["task_id"])
    op.create_table(
        "viewing_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("lot_id", sa.Integer(), nullable=False),
        sa.Column("institution_id", sa.Integer(), nullable=False),
        sa.Column("phone_enc", sa.LargeBinary(), nullable=False),
        sa.Column("preferred", sa.String(length=100), nullable=False),
        sa.Column("requested_at", UtcDateTime(), nullable=False),
        sa.Column("scheduled_for", UtcDateTime(), nullable=True),
        sa.Column("place", sa.String(length=200), nullable=True),
        sa.Column("scheduled_at", UtcDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["institution_id"], ["institutions.id"]),
        sa.ForeignKeyConstraint(["lot_id"], ["lots.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("reference"),
    )
    op.create_index("ix_viewing_requests_institution_id", "viewing_requests", ["institution_id"])


def downgrade() -> None:
    op.drop_index("ix_viewing_requests_institution_id", table_name="viewing_requests")
    op.drop_table("viewing_requests")
    op.drop_index("ix_institution_task_log_task_id", table_name="institution_task_log")
    op.drop_table("institution_task_log")
    op.drop_index("ix_institution_tasks_institution_id", table_name="institution_tasks")
    op.drop_index("ix_institution_tasks_lot_id", table_name="institution_tasks")
    op.drop_table("institution_tasks")
    op.drop_index("ix_institution_staff_institution_id", table_name="institution_staff")
    op.drop_table("institution_staff")
