"""objections to an auction (执行异议) with their steps and papers, and complaints about
the platform's service (issue 18)

Revision ID: 0013
Revises: 0017
Create Date: 2026-12-04 05:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from fapai.storage.tables import UtcDateTime

revision = "0013"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "objections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("court_id", sa.Integer(), nullable=False),
        sa.Column("lot_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("standing", sa.String(length=20), nullable=False),
        sa.Column("grounds", sa.Text(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("filer_enc", sa.LargeBinary(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("filed_at", UtcDateTime(), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=True),
        sa.Column("revoke_ground", sa.String(length=32), nullable=True),
        sa.Column("reviewing_court_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_objections_account_id_accounts")
        ),
        sa.ForeignKeyConstraint(
            ["court_id"], ["courts.id"], name=op.f("fk_objections_court_id_courts")
        ),
        sa.ForeignKeyConstraint(["lot_id"], ["lots.id"], name=op.f("fk_objections_lot_id_lots")),
        sa.ForeignKeyConstraint(
            ["reviewing_court_id"],
            ["courts.id"],
            name=op.f("fk_objections_reviewing_court_id_courts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_objections")),
    )
    op.create_index("ix_objections_court_id", "objections", ["court_id"])
    op.create_index("ix_objections_account_id", "objections", ["account_id"])
    op.create_table(
        "objection_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("objection_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(length=24), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(length=80), nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["objection_id"],
            ["objections.id"],
            name=op.f("fk_objection_steps_objection_id_objections"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_objection_steps")),
    )
    op.create_index("ix_objection_steps_objection_id", "objection_steps", ["objection_id"])
    op.create_table(
        "objection_papers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("objection_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("content_type", sa.String(length=40), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("uploaded_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["objection_id"],
            ["objections.id"],
            name=op.f("fk_objection_papers_objection_id_objections"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_objection_papers")),
    )
    op.create_index("ix_objection_papers_objection_id", "objection_papers", ["objection_id"])
    op.create_table(
        "complaints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("court_id", sa.Integer(), nullable=False),
        sa.Column("auction_id", sa.Integer(), nullable=True),
        sa.Column("subject", sa.String(length=100), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("contact_enc", sa.LargeBinary(), nullable=True),
        sa.Column("filed_at", UtcDateTime(), nullable=False),
        sa.Column("respond_by", sa.Date(), nullable=True),
        sa.Column("response", sa.Text(), nullable=True),
        sa.Column("responded_at", UtcDateTime(), nullable=True),
        sa.Column("responded_by", sa.String(length=80), nullable=True),
        sa.ForeignKeyConstraint(
            ["auction_id"], ["auctions.id"], name=op.f("fk_complaints_auction_id_auctions")
        ),
        sa.ForeignKeyConstraint(
            ["court_id"], ["courts.id"], name=op.f("fk_complaints_court_id_courts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaints")),
    )
    op.create_index("ix_complaints_court_id", "complaints", ["court_id"])


def downgrade() -> None:
    op.drop_index("ix_complaints_court_id", table_name="complaints")
    op.drop_table("complaints")
    op.drop_index("ix_objection_papers_objection_id", table_name="objection_papers")
    op.drop_table("objection_papers")
    op.drop_index("ix_objection_steps_objection_id", table_name="objection_steps")
    op.drop_table("objection_steps")
    op.drop_index("ix_objections_account_id", table_name="objections")
    op.drop_index("ix_objections_court_id", table_name="objections")
    op.drop_table("objections")
