"""fact digests: the trail vouches for the facts written before it did

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 08:40:00.000000

Registrations get the keyed commitment of their account (computed here with the
key, which ``fapai.storage.migrate.upgrade`` hands over), and every fact row
already stored is vouched for by "facts.adopted" records appended to the chains
now: its auction's scope for bids, live events and registrations, the system's
for the rest, at most ``ADOPT_CHUNK`` rows a record (storage/fact_store.py). What
those rows said before this migration ran is vouched for only from the migration's
time on (docs/architecture.md).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import context, op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("account_commitment", sa.String(length=64), nullable=True))
    _adopt(op.get_bind(), context.config.attributes.get("cipher"))


def downgrade() -> None:
    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.drop_column("account_commitment")


def _adopt(connection: sa.Connection, cipher: Any) -> None:
    from fapai.app.audit.trail import SYSTEM, account_commitment
    from fapai.storage.fact_store import SPECS
    from fapai.storage.store import SqlTx
    from fapai.storage.tables import audit_heads, registrations

    tx = SqlTx(connection, lock_rows=False)
    accounts = connection.execute(
        sa.select(registrations.c.id, registrations.c.auction_id, registrations.c.account_id)
    ).all()
    if accounts and cipher is None:
        raise RuntimeError("registrations need the secret key: run `fapai db upgrade`")
    for registration_id, auction_id, account_id in accounts:
        connection.execute(
            sa.update(registrations)
            .where(registrations.c.id == registration_id)
            .values(account_commitment=account_commitment(cipher, auction_id, account_id))
        )
    at = datetime.now(UTC)

    def vouch(scope: str, notes: list[tuple[str, int, int]]) -> None:
        tx.adopt_facts(scope, notes, at)

    scopes = connection.scalars(sa.select(audit_heads.c.scope).order_by(audit_heads.c.scope))
    for scope in list(scopes):
        if not scope.startswith("auction:"):
            continue
        auction_id = int(scope.removeprefix("auction:"))
        notes: list[tuple[str, int, int]] = []
        for name in ("bids", "auction_events", "registrations"):
            spec = SPECS[name]
            keys = connection.scalars(
                sa.select(spec.key).where(spec.table.c.auction_id == auction_id).order_by(spec.key)
            )
            notes += [(name, key, auction_id if spec.numbered else 0) for key in keys]
        vouch(scope, notes)
    notes = []
    for name in ("payments", "payment_events", "ledger_transactions", "lot_steps"):
        spec = SPECS[name]
        notes += [
            (name, key, 0) for key in connection.scalars(sa.select(spec.key).order_by(spec.key))
        ]
        if name == "ledger_transactions":
            notes += [("ledger_postings", key, 0) for name_, key, _ in notes if name_ == name]
    vouch(SYSTEM, notes)
