"""The trail covers the facts, not only itself: a bid, a live event, a registration (its
account, its deposit confirmation), a payment, a ledger transaction or posting, a lot
step changed, deleted or inserted behind the application's back is found by ``verify``
and named by table and row, and so by ``fapai audit verify`` (OJA Art 8(2), 8(4): no
function may alter bids; the auction's data must stay true, accurate and complete).

The account is checked through a keyed commitment (an HMAC with the database's key), so
the trail vouches for who registered without a digest anyone could match to an account
(OJA Art 18: codes until the close).
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, func, insert, select, update

import case_support as cs
import support
from fapai.app.audit import trail as audit
from fapai.app.services import Services
from fapai.domain.audit.chain import GENESIS, canonical, record_hash
from fapai.domain.audit.facts import FACTS
from fapai.storage import migrate
from fapai.storage.tables import (
    auction_events,
    audit_heads,
    audit_records,
    bids,
    ledger_dues,
    ledger_postings,
    ledger_settlements,
    ledger_transactions,
    lot_steps,
    payments,
    registrations,
)

FAPAI = str(Path(sys.executable).parent / "fapai")


@dataclass(frozen=True)
class Scene:
    lot: int
    auction: int
    winner: int  # the buyer's registration
    stranger: int  # an account that did not register


@pytest.fixture
def scene(services: Services, clock: support.Clock) -> Scene:
    """A case's lot announced, two deposits paid, three bids, closed and sold."""
    court = cs.a_court(services)
    lot, auction_id = cs.announced_lot(services, court, clock)
    first, second = support.bidder(services, "甲"), support.bidder(services, "乙")
    for someone in (first, second):
        assert support.pay_deposit(services, someone, auction_id) == "confirmed"
    clock.set(cs.auction_of(services, auction_id).starts_at + timedelta(hours=1))
    terms = cs.auction_of(services, auction_id)
    start, step = terms.start_price, terms.increment
    for someone, fen in ((first, start), (second, start + step), (first, start + 2 * step)):
        assert cs.bid(services, someone, auction_id, f"{fen / 100:.2f}").bid.reason is None
    closed = cs.close_at_end(services, clock, auction_id)
    assert closed.status == "sold"
    assert closed.leader_registration_id is not None
    stranger = support.bidder(services, "丙").account_id
    return Scene(lot, auction_id, closed.leader_registration_id, stranger)


def engine(services: Services) -> Any:
    return services.db.engine  # type: ignore[attr-defined]


def one(services: Services, query: Any) -> Any:
    with engine(services).connect() as connection:
        return connection.execute(query).first()


def execute(services: Services, *statements: Any) -> None:
    """Change stored rows behind the application's back, as someone with database access."""
    with engine(services).begin() as connection:
        for statement in statements:
            connection.execute(statement)


def problem(services: Services) -> str | None:
    return audit.verify(services).problem


@contextmanager
def altered(services: Services, table: Any, row: Any, **values: Any) -> Iterator[None]:
    """``row`` of ``table`` changed to ``values`` for the block, then put back."""
    where = table.c.id == row.id
    execute(services, update(table).where(where).values(**values))
    try:
        yield
    finally:
        execute(services, update(table).where(where).values(**dict(row._mapping)))
    assert problem(services) is None


def last_bid(services: Services, scene: Scene) -> Any:
    query = select(bids).where(bids.c.auction_id == scene.auction)
    return one(services, query.order_by(bids.c.number.desc()))


def test_an_intact_database_verifies_every_fact(services: Services, scene: Scene) -> None:
    result = audit.verify(services)
    assert result.problem is None
    with engine(services).connect() as connection:
        counted = sum(
            connection.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (
                bids, auction_events, registrations, payments, ledger_transactions,
                ledger_postings, lot_steps,
            )
        )  # fmt: skip
    assert result.facts > counted  # and the payment events


def test_a_changed_bid_amount_is_named(services: Services, scene: Scene) -> None:
    """The issue's case: the last bid's amount raised in the table; export would replay it."""
    bid = last_bid(services, scene)
    with altered(services, bids, bid, amount=bid.amount + 100):
        assert problem(services) == (
            f"bids#{bid.id} (auction {scene.auction}, number {bid.number}): its content "
            "does not match the digest its audit record holds (changed)"
        )


def test_a_deleted_bid_is_named(services: Services, scene: Scene) -> None:
    bid = last_bid(services, scene)
    execute(services, delete(bids).where(bids.c.id == bid.id))
    try:
        assert problem(services) == (
            f"bids (auction {scene.auction}, number {bid.number}): the audit trail names "
            "this row but it is missing (deleted)"
        )
    finally:
        execute(services, insert(bids).values(**dict(bid._mapping)))
    assert problem(services) is None


def test_an_inserted_bid_is_named(services: Services, scene: Scene) -> None:
    bid = last_bid(services, scene)
    forged = {**dict(bid._mapping), "number": bid.number + 1, "idempotency_key": "forged"}
    del forged["id"]
    execute(services, insert(bids).values(**forged))
    added = last_bid(services, scene)
    try:
        assert problem(services) == (
            f"bids#{added.id} (auction {scene.auction}, number {bid.number + 1}): no audit "
            "record names this row (inserted)"
        )
    finally:
        execute(services, delete(bids).where(bids.c.id == added.id))


def test_a_changed_live_event_is_named(services: Services, scene: Scene) -> None:
    query = select(auction_events).where(auction_events.c.auction_id == scene.auction)
    event = one(services, query.where(auction_events.c.kind == "bid"))
    with altered(services, auction_events, event, payload=event.payload.replace("0", "9")):
        assert problem(services) == (
            f"auction_events#{event.id} (auction {scene.auction}, seq {event.seq}): its "
            "content does not match the digest its audit record holds (changed)"
        )


def test_the_winners_account_swapped_is_named(services: Services, scene: Scene) -> None:
    """Issue 14: the confirmation would name someone else. The row's digest holds only the
    commitment; the keyed check ties the account to it."""
    winner = one(services, select(registrations).where(registrations.c.id == scene.winner))
    with altered(services, registrations, winner, account_id=scene.stranger):
        assert problem(services) == (
            f"registrations#{scene.winner}: its account does not match the keyed commitment "
            "the audit trail vouches for (changed)"
        )


def test_the_trail_holds_a_commitment_not_the_account(services: Services, scene: Scene) -> None:
    winner = one(services, select(registrations).where(registrations.c.id == scene.winner))
    query = select(audit_records.c.payload).where(audit_records.c.action == "registration.created")
    with engine(services).connect() as connection:
        created = [json.loads(p) for p in connection.scalars(query)]
    mine = next(p for p in created if p["registration"] == scene.winner)
    assert mine["account"] == winner.account_commitment
    assert mine["account"] == audit.account_commitment(
        services.cipher, scene.auction, winner.account_id
    )
    assert all(f"account:{winner.account_id}" not in json.dumps(p) for p in created)


def test_a_changed_deposit_confirmation_is_named(services: Services, scene: Scene) -> None:
    winner = one(services, select(registrations).where(registrations.c.id == scene.winner))
    later = winner.deposit_confirmed_at + timedelta(minutes=5)
    with altered(services, registrations, winner, deposit_confirmed_at=later):
        assert problem(services) == (
            f"registrations#{scene.winner}: its content does not match the digest its audit "
            "record holds (changed)"
        )


def test_a_changed_payment_is_named(services: Services, scene: Scene) -> None:
    payment = one(services, select(payments).order_by(payments.c.id))
    with altered(services, payments, payment, amount=payment.amount - 1):
        assert problem(services) == (
            f"payments#{payment.id}: its content does not match the digest its audit record "
            "holds (changed)"
        )


def test_a_changed_ledger_posting_is_named(services: Services, scene: Scene) -> None:
    posting = one(services, select(ledger_postings).order_by(ledger_postings.c.id))
    with altered(services, ledger_postings, posting, amount=posting.amount + 1):
        assert problem(services) == (
            f"ledger_postings#{posting.id}: its content does not match the digest its audit "
            "record holds (changed)"
        )


def test_a_deleted_ledger_transaction_is_named(services: Services, scene: Scene) -> None:
    ids = ledger_transactions.c.id
    referenced = select(ledger_dues.c.created_by).where(ledger_dues.c.created_by.is_not(None))
    settling = select(ledger_settlements.c.transaction_id)
    transaction = one(
        services,
        select(ledger_transactions)
        .where(ids.not_in(referenced), ids.not_in(settling))
        .order_by(ids),
    )
    with engine(services).connect() as connection:
        postings = connection.execute(
            select(ledger_postings).where(ledger_postings.c.transaction_id == transaction.id)
        ).all()
    execute(
        services,
        delete(ledger_postings).where(ledger_postings.c.transaction_id == transaction.id),
        delete(ledger_transactions).where(ledger_transactions.c.id == transaction.id),
    )
    try:
        assert problem(services) == (
            f"ledger_transactions#{transaction.id}: the audit trail names this row but it is "
            "missing (deleted)"
        )
    finally:
        execute(
            services,
            insert(ledger_transactions).values(**dict(transaction._mapping)),
            *(insert(ledger_postings).values(**dict(p._mapping)) for p in postings),
        )
    assert problem(services) is None


def test_changed_lot_step_details_are_named(services: Services, scene: Scene) -> None:
    step = one(services, select(lot_steps).where(lot_steps.c.lot_id == scene.lot))
    with altered(services, lot_steps, step, details=step.details + " "):
        assert problem(services) == (
            f"lot_steps#{step.id}: its content does not match the digest its audit record "
            "holds (changed)"
        )


def test_fapai_audit_verify_names_the_changed_bid(
    services: Services, scene: Scene, database_url: str, tmp_path: Path, secret_key: bytes
) -> None:
    env = {
        **os.environ,
        "FAPAI_DATABASE_URL": database_url,
        "FAPAI_SECRET_KEY": base64.b64encode(secret_key).decode(),
        "FAPAI_DATA_DIR": str(tmp_path / "var"),
    }
    bid = last_bid(services, scene)
    with altered(services, bids, bid, amount=bid.amount + 100):
        broken = subprocess.run(
            [FAPAI, "audit", "verify"], env=env, capture_output=True, text=True, timeout=60
        )
    assert broken.returncode == 1
    assert broken.stderr == (
        f"fapai audit verify: BROKEN: bids#{bid.id} (auction {scene.auction}, number "
        f"{bid.number}): its content does not match the digest its audit record holds "
        "(changed)\n"
    )


# -- a database from before the facts were vouched for ----------------------------------------


def _as_before(services: Services) -> str:
    """The database as 0003 left it: no facts in any record (chains re-hashed), no
    commitments (0004's downgrade, without SQLite's table rebuild)."""
    with engine(services).begin() as connection:
        rows = connection.execute(select(audit_records).order_by(audit_records.c.scope, "seq"))
        heads: dict[str, str] = {}
        for row in rows.all():
            payload = json.loads(row.payload)
            payload.pop(FACTS, None)
            text = canonical(payload)
            prev = heads.get(row.scope, GENESIS)
            digest = record_hash(prev, row.scope, row.seq, row.at, row.actor, row.action, text)
            connection.execute(
                update(audit_records)
                .where(audit_records.c.id == row.id)
                .values(payload=text, prev_hash=prev, hash=digest)
            )
            heads[row.scope] = digest
        for scope, digest in heads.items():
            connection.execute(
                update(audit_heads).where(audit_heads.c.scope == scope).values(hash=digest)
            )
        connection.exec_driver_sql("ALTER TABLE registrations DROP COLUMN account_commitment")
        head = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one()
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '0003'")
    return str(head)


def test_rows_written_before_the_migration_are_adopted(services: Services, scene: Scene) -> None:
    """0004 vouches for what is stored when it runs (and computes the commitments with the
    key), so an upgraded database verifies, and a later change to an old row is named."""
    before = audit.verify(services)
    head = _as_before(services)
    # 0004 alone, then the later migrations' mark back: their tables are all there
    migrate.upgrade(engine(services), services.cipher, target="0004")
    with engine(services).begin() as connection:
        connection.exec_driver_sql(f"UPDATE alembic_version SET version_num = '{head}'")
    after = audit.verify(services)
    assert (after.problem, after.facts) == (None, before.facts)
    with engine(services).connect() as connection:
        adopted = connection.scalar(
            select(func.count()).where(audit_records.c.action == "facts.adopted")
        )
    assert adopted == 2  # the auction's chain and the system's
    bid = last_bid(services, scene)
    with altered(services, bids, bid, amount=bid.amount + 100):
        assert problem(services) == (
            f"bids#{bid.id} (auction {scene.auction}, number {bid.number}): its content "
            "does not match the digest its audit record holds (changed)"
        )
    winner = one(services, select(registrations).where(registrations.c.id == scene.winner))
    with altered(services, registrations, winner, account_id=scene.stranger):
        assert problem(services) is not None
