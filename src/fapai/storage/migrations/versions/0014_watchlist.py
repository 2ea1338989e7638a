"""watchlist: the auctions a bidder follows, kept on the server (issue 16 item 6)

Revision ID: 0014
Revises: 0016
Create Date: 2026-12-04 05:45:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import fapai.storage.tables

revision = "0014"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "watchlist",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("auction_id", sa.Integer(), nullable=False),
        sa.Column("added_at", fapai.storage.tables.UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"]),
        sa.ForeignKeyConstraint(["auction_id"], ["auctions.id"]),
        sa.PrimaryKeyConstraint("account_id", "auction_id"),
    )
    op.create_index("ix_watchlist_auction_id", "watchlist", ["auction_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_watchlist_auction_id", table_name="watchlist")
    op.drop_table("watchlist")
