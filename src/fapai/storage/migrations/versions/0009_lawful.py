"""lawful on its face: who may register, proxies, platform listings

Revision ID: 0009
Revises: 0003
Create Date: 2026-12-03 09:00:00.000000
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from alembic import op

import fapai.storage.tables

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# rules.md §9.4: the dates 工行融e购 and 北交互联 were listed are not confirmed.
UNCONFIRMED = ("icbc", "cbex")
# fapai is where bidding happens, not a platform of the SPC list (OJA Arts 4-5): it is
# no candidate of a lottery and no applicant's choice.
FAPAI = {
    "code": "fapai", "name": "fapai 法拍（内置平台）", "site": "127.0.0.1",
    "listed_from": date(2026, 1, 1), "listed_to": None,
}  # fmt: skip


def upgrade() -> None:
    op.create_table(
        "court_lists",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("court_id", sa.Integer(), nullable=False),
        sa.Column("id_number_index", sa.String(length=64), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("added_at", fapai.storage.tables.UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["court_id"], ["courts.id"], name=op.f("fk_court_lists_court_id_courts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_court_lists")),
        sa.UniqueConstraint(
            "court_id", "id_number_index", "category",
            name=op.f("uq_court_lists_court_id_id_number_index_category"),
        ),
    )  # fmt: skip
    op.create_table(
        "registration_refusals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("auction_id", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=32), nullable=False),
        sa.Column("at", fapai.storage.tables.UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["auction_id"], ["auctions.id"],
            name=op.f("fk_registration_refusals_auction_id_auctions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registration_refusals")),
    )  # fmt: skip
    with op.batch_alter_table("registration_refusals", schema=None) as batch_op:
        batch_op.create_index("ix_registration_refusals_auction_id", ["auction_id"], unique=False)
    with op.batch_alter_table("lots", schema=None) as batch_op:
        for name in ("purchase_restricted", "consumption_restricted"):
            batch_op.add_column(
                sa.Column(name, sa.Boolean(), server_default=sa.false(), nullable=False)
            )
    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("eligibility_committed_at", fapai.storage.tables.UtcDateTime(), nullable=True)
        )
        batch_op.add_column(sa.Column("proxy_status", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("proxy_principal_index", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("proxy_ref", sa.String(length=32), nullable=True))
        batch_op.add_column(
            sa.Column("proxy_confirmed_at", fapai.storage.tables.UtcDateTime(), nullable=True)
        )
        batch_op.create_unique_constraint(batch_op.f("uq_registrations_proxy_ref"), ["proxy_ref"])
    with op.batch_alter_table("platforms", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("listing_confirmed", sa.Boolean(), server_default=sa.true(), nullable=False)
        )
    platforms = sa.table(
        "platforms", sa.column("code", sa.String()), sa.column("listing_confirmed", sa.Boolean())
    )
    op.execute(
        platforms.update().where(platforms.c.code.in_(UNCONFIRMED)).values(listing_confirmed=False)
    )
    op.execute(platforms.delete().where(platforms.c.code == FAPAI["code"]))


def downgrade() -> None:
    with op.batch_alter_table("platforms", schema=None) as batch_op:
        batch_op.drop_column("listing_confirmed")
    op.bulk_insert(
        sa.table(
            "platforms", sa.column("code", sa.String()), sa.column("name", sa.String()),
            sa.column("site", sa.String()), sa.column("listed_from", sa.Date()),
            sa.column("listed_to", sa.Date()),
        ),
        [FAPAI],
    )  # fmt: skip
    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_registrations_proxy_ref"), type_="unique")
        for name in (
            "proxy_confirmed_at", "proxy_ref", "proxy_principal_index", "proxy_status",
            "eligibility_committed_at",
        ):  # fmt: skip
            batch_op.drop_column(name)
    with op.batch_alter_table("lots", schema=None) as batch_op:
        batch_op.drop_column("consumption_restricted")
        batch_op.drop_column("purchase_restricted")
    with op.batch_alter_table("registration_refusals", schema=None) as batch_op:
        batch_op.drop_index("ix_registration_refusals_auction_id")
    op.drop_table("registration_refusals")
    op.drop_table("court_lists")
