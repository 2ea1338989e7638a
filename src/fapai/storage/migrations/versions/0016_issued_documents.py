"""issued documents: each court document as issued, its bytes and their hash

Revision ID: 0016
Revises: 0012
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import fapai.storage.tables

revision = "0016"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "issued_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lot_id", sa.Integer(), nullable=False),
        sa.Column("auction_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("party", sa.String(length=16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=2), nullable=False),
        sa.Column("format", sa.String(length=4), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("issued_at", fapai.storage.tables.UtcDateTime(), nullable=False),
        sa.Column("issued_by", sa.String(length=80), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data_enc", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["auction_id"], ["auctions.id"], name=op.f("fk_issued_documents_auction_id_auctions")
        ),
        sa.ForeignKeyConstraint(
            ["lot_id"], ["lots.id"], name=op.f("fk_issued_documents_lot_id_lots")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_issued_documents")),
    )
    op.create_index("ix_issued_documents_lot_id", "issued_documents", ["lot_id", "kind"])


def downgrade() -> None:
    op.drop_index("ix_issued_documents_lot_id", table_name="issued_documents")
    op.drop_table("issued_documents")
