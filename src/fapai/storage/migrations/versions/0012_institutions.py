"""auxiliary institutions: selection rounds, the database, persons by blind index,
agreements, designations by lottery, the court's ban term

Revision ID: 0012
Revises: 0013
Create Date: 2026-12-04 05:45:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from fapai.storage.tables import UtcDateTime

revision = "0012"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("courts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("institution_ban_years", sa.Integer(), nullable=True))
    op.create_table(
        "institution_rounds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("court_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(length=16), nullable=False),
        sa.Column("media", sa.String(length=200), nullable=False),
        sa.Column("announced_on", sa.Date(), nullable=False),
        sa.Column("closes_on", sa.Date(), nullable=False),
        sa.Column("notice_from", sa.Date(), nullable=True),
        sa.Column("notice_ends", sa.Date(), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("decision_ref", sa.String(length=100), nullable=True),
        sa.Column("filing_due", sa.Date(), nullable=True),
        sa.Column("filed_on", sa.Date(), nullable=True),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["court_id"], ["courts.id"], name=op.f("fk_institution_rounds_court_id_courts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_institution_rounds")),
    )
    op.create_index("ix_institution_rounds_court_id", "institution_rounds", ["court_id"])
    op.create_table(
        "institutions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("court_id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("credit_code", sa.String(length=18), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("registered_capital", sa.BigInteger(), nullable=False),
        sa.Column("declared", sa.Text(), nullable=False),
        sa.Column("refusals", sa.Text(), nullable=False),
        sa.Column("applied_on", sa.Date(), nullable=False),
        sa.Column("admitted_on", sa.Date(), nullable=True),
        sa.Column("removed_on", sa.Date(), nullable=True),
        sa.Column("grounds", sa.Text(), nullable=True),
        sa.Column("report_due", sa.Date(), nullable=True),
        sa.Column("reported_on", sa.Date(), nullable=True),
        sa.Column("banned_until", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["court_id"], ["courts.id"], name=op.f("fk_institutions_court_id_courts")
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["institution_rounds.id"],
            name=op.f("fk_institutions_round_id_institution_rounds"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_institutions")),
        sa.UniqueConstraint(
            "round_id", "credit_code", name=op.f("uq_institutions_round_id_credit_code")
        ),
    )
    op.create_index("ix_institutions_court_id", "institutions", ["court_id"])
    op.create_table(
        "institution_persons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("institution_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=24), nullable=False),
        sa.Column("id_number_index", sa.String(length=64), nullable=False),
        sa.Column("contracted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institutions.id"],
            name=op.f("fk_institution_persons_institution_id_institutions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_institution_persons")),
        sa.UniqueConstraint(
            "institution_id",
            "role",
            "id_number_index",
            name=op.f("uq_institution_persons_institution_id_role_id_number_index"),
        ),
    )
    op.create_index(
        "ix_institution_persons_id_number_index", "institution_persons", ["id_number_index"]
    )
    op.create_table(
        "institution_agreements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("court_id", sa.Integer(), nullable=False),
        sa.Column("institution_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("signed_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["court_id"], ["courts.id"], name=op.f("fk_institution_agreements_court_id_courts")
        ),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institutions.id"],
            name=op.f("fk_institution_agreements_institution_id_institutions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_institution_agreements")),
    )
    op.create_index("ix_institution_agreements_court_id", "institution_agreements", ["court_id"])
    op.create_table(
        "institution_designations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lot_id", sa.Integer(), nullable=False),
        sa.Column("institution_id", sa.Integer(), nullable=False),
        sa.Column("draw_id", sa.Integer(), nullable=False),
        sa.Column("started_at", UtcDateTime(), nullable=False),
        sa.Column("ended_at", UtcDateTime(), nullable=True),
        sa.Column("end_reason", sa.String(length=32), nullable=True),
        sa.Column("files_due", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["draw_id"], ["draws.id"], name=op.f("fk_institution_designations_draw_id_draws")
        ),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institutions.id"],
            name=op.f("fk_institution_designations_institution_id_institutions"),
        ),
        sa.ForeignKeyConstraint(
            ["lot_id"], ["lots.id"], name=op.f("fk_institution_designations_lot_id_lots")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_institution_designations")),
    )
    op.create_index("ix_institution_designations_lot_id", "institution_designations", ["lot_id"])


def downgrade() -> None:
    op.drop_index("ix_institution_designations_lot_id", table_name="institution_designations")
    op.drop_table("institution_designations")
    op.drop_index("ix_institution_agreements_court_id", table_name="institution_agreements")
    op.drop_table("institution_agreements")
    op.drop_index("ix_institution_persons_id_number_index", table_name="institution_persons")
    op.drop_table("institution_persons")
    op.drop_index("ix_institutions_court_id", table_name="institutions")
    op.drop_table("institutions")
    op.drop_index("ix_institution_rounds_court_id", table_name="institution_rounds")
    op.drop_table("institution_rounds")
    with op.batch_alter_table("courts", schema=None) as batch_op:
        batch_op.drop_column("institution_ban_years")
