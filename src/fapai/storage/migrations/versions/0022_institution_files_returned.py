"""institution_designations.files_returned_on: the property, keys and files handed back
by an institution whose entrustment ended (seed 003 Art 17, issue 17)

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-04 10:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("institution_designations") as batch:
        batch.add_column(sa.Column("files_returned_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("institution_designations") as batch:
        batch.drop_column("files_returned_on")
