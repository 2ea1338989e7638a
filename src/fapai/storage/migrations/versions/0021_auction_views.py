"""auction_views: 围观次数, how often an auction's page was viewed (issue 16)

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-04 09:20:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "auction_views",
        sa.Column("auction_id", sa.Integer(), nullable=False),
        sa.Column("views", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["auction_id"], ["auctions.id"]),
        sa.PrimaryKeyConstraint("auction_id"),
    )


def downgrade() -> None:
    op.drop_table("auction_views")
