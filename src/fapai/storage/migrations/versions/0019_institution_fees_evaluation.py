"""institutions' evaluation and complaints: the periodic evaluation of each auxiliary
institution (Shanghai item 24) and a complaint's institution (seed 003 Art 24's hotline)

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-04 09:10:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import fapai.storage.tables

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "institution_evaluations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("court_id", sa.Integer(), nullable=False),
        sa.Column("institution_id", sa.Integer(), nullable=False),
        sa.Column("period_from", sa.Date(), nullable=False),
        sa.Column("period_to", sa.Date(), nullable=False),
        sa.Column("result", sa.String(length=8), nullable=False),
        sa.Column("figures", sa.Text(), nullable=False),
        sa.Column("remarks", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=80), nullable=False),
        sa.Column("recorded_at", fapai.storage.tables.UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["court_id"], ["courts.id"]),
        sa.ForeignKeyConstraint(["institution_id"], ["institutions.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_institution_evaluations_institution_id",
        "institution_evaluations",
        ["institution_id"],
        unique=False,
    )
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.add_column(sa.Column("institution_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_complaints_institution_id_institutions"),
            "institutions",
            ["institution_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.drop_constraint("fk_complaints_institution_id_institutions", type_="foreignkey")
        batch_op.drop_column("institution_id")
    op.drop_index("ix_institution_evaluations_institution_id", table_name="institution_evaluations")
    op.drop_table("institution_evaluations")
