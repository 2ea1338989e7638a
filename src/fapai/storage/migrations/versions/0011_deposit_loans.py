"""deposit loans and fees: the lot's term on borrowed deposits, the bidder's declaration
of funds, the court's own standard for auxiliary institutions' fees

Revision ID: 0011
Revises: 0006
Create Date: 2026-12-04 03:50:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("courts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("fee_rate_per_mille", sa.Integer(), nullable=True))
    with op.batch_alter_table("lots", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("deposit_loans", sa.String(length=16), server_default="any", nullable=False)
        )
    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("funds", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.drop_column("funds")
    with op.batch_alter_table("lots", schema=None) as batch_op:
        batch_op.drop_column("deposit_loans")
    with op.batch_alter_table("courts", schema=None) as batch_op:
        batch_op.drop_column("fee_rate_per_mille")
