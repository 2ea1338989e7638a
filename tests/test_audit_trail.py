"""The whole process leaves a trace (全流程留痕): every state change appends exactly one
hash-chained audit record in its scope, and any later change to a stored record, a
removed record, or a consistently re-hashed one is found and named by ``verify`` and by
``fapai audit verify``.

Why it matters: the platform must keep the auction's data true, accurate and complete
(OJA Art 8(4)) and may have no back-office function that alters bids (Art 8(2); altering
auction information is a removal ground, Art 35(1)). The trail is what lets a court or
supervisor prove that nothing was altered afterwards.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, insert, select, update

import support
from fapai.app.accounts import bidders, courts, principals
from fapai.app.accounts.principals import BidderPrincipal, CourtPrincipal
from fapai.app.auctions import bidding, closing, registration, setup
from fapai.app.audit import trail as audit
from fapai.app.cases import holders
from fapai.app.errors import AppError
from fapai.app.lots import intake
from fapai.app.services import Services
from fapai.domain.audit.chain import GENESIS, record_hash
from fapai.domain.money import parse_yuan
from fapai.storage.tables import audit_heads, audit_records, audit_seals

FAPAI = str(Path(sys.executable).parent / "fapai")


# -- reading and altering the stored trail ---------------------------------------------------


def _engine(services: Services) -> Any:
    return services.db.engine  # type: ignore[attr-defined]


def stored(services: Services, scope: str | None = None) -> list[Any]:
    query = select(audit_records).order_by(audit_records.c.id)
    if scope is not None:
        query = query.where(audit_records.c.scope == scope)
    with _engine(services).connect() as connection:
        return list(connection.execute(query).all())


def execute(services: Services, *statements: Any) -> None:
    """Change stored rows behind the application's back, as someone with database access."""
    with _engine(services).begin() as connection:
        for statement in statements:
            connection.execute(statement)


def _values(row: Any) -> dict[str, Any]:
    return dict(row._mapping)


def restore_record(services: Services, row: Any) -> None:
    execute(
        services, update(audit_records).where(audit_records.c.id == row.id).values(**_values(row))
    )


def head(services: Services, scope: str) -> Any:
    with _engine(services).connect() as connection:
        return connection.execute(select(audit_heads).where(audit_heads.c.scope == scope)).one()


def problem(services: Services) -> str | None:
    return audit.verify(services).problem


class Trail:
    """The records appended since the last look."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self.last = max((row.id for row in stored(services)), default=0)

    def new(self) -> list[Any]:
        rows = [row for row in stored(self.services) if row.id > self.last]
        if rows:
            self.last = rows[-1].id
        return rows

    def one(self, scope: str, action: str, actor: str | None = None) -> dict[str, Any]:
        rows = self.new()
        assert [(r.scope, r.action) for r in rows] == [(scope, action)]
        if actor is not None:
            assert rows[0].actor == actor
        payload: dict[str, Any] = json.loads(rows[0].payload)
        payload.pop("facts", None)  # the rows it vouches for: see the fact tests below
        return payload

    def none(self) -> None:
        assert self.new() == []


def assert_chained(services: Services) -> None:
    """Each scope: seq 1..n, each record linked to the one before, each hash its own."""
    rows = stored(services)
    for scope in {row.scope for row in rows}:
        chain = sorted((r for r in rows if r.scope == scope), key=lambda r: r.seq)
        prev = GENESIS
        for seq, row in enumerate(chain, start=1):
            assert (row.seq, row.prev_hash) == (seq, prev), (scope, seq)
            assert row.hash == record_hash(
                row.prev_hash, row.scope, row.seq, row.at, row.actor, row.action, row.payload
            )
            prev = row.hash
        assert (head(services, scope).seq, head(services, scope).hash) == (len(chain), prev)


# -- a scene ---------------------------------------------------------------------------------


def auction_with_bids(services: Services, clock: support.Clock) -> int:
    """An open auction whose own chain holds a creation, registrations, deposits, bids."""
    office = support.office(services)
    auction_id = support.auction(services, office)
    first, second = support.bidder(services, "甲"), support.bidder(services, "乙")
    for someone in (first, second):
        assert support.pay_deposit(services, someone, auction_id) == "confirmed"
    clock.set(support.T0 + timedelta(hours=1))
    for someone, amount in ((first, "100000.00"), (second, "101000.00"), (first, "100500.00")):
        bidding.place_bid(services, someone.account_id, auction_id, amount, secrets.token_hex(8))
    return auction_id


# -- every state change, one record -----------------------------------------------------------


def _bank_notice(services: Services, order: registration.PaymentOrder, payer: str) -> Any:
    body, signature = services.gateway.notice(  # type: ignore[attr-defined]
        order.order_ref, parse_yuan(order.amount), payer, "TEST"
    )
    return body, signature


def test_every_state_change_appends_exactly_one_record_in_its_scope(
    services: Services, clock: support.Clock
) -> None:
    """全流程留痕: each change the platform makes is recorded once, in the system chain
    (accounts, courts, users, lots) or in the auction's own chain (everything about the
    auction), and a refusal or a repeated request records nothing (OJA Art 8(4))."""
    trail = Trail(services)
    system = audit.SYSTEM
    court_id = courts.create_court(services, "sh-1zy", "上海一中院", "上海")
    assert trail.one(system, "court.created", "system") == {"code": "sh-1zy", "court": court_id}
    office_token = courts.create_court_user(services, court_id, "office-1", "auction_office")
    trail.one(system, "court_user.created", "system")
    enforcement_token = courts.create_court_user(services, court_id, "enforce-1", "enforcement")
    trail.one(system, "court_user.created", "system")
    office = principals.authenticate(services, office_token)
    enforcement = principals.authenticate(services, enforcement_token)
    assert isinstance(office, CourtPrincipal)
    assert isinstance(enforcement, CourtPrincipal)
    lot_id = intake.create_lot(services, office, "房产", "real_estate", "上海市", {}, None)
    assert trail.one(system, "lot.created", "court_user:office-1") == {"lot": lot_id}

    def new_auction() -> int:
        return setup.create_auction(
            services, office, lot_id, 1, 10_000_000, 100_000, 1_000_000, support.T0,
            support.T0 + timedelta(days=1),
        )  # fmt: skip

    auction_id = new_auction()
    scope = audit.auction_scope(auction_id)
    created = trail.one(scope, "auction.created", "court_user:office-1")
    assert (created["lot"], created["start_price"]) == (lot_id, 10_000_000)
    with pytest.raises(AppError):  # a 23-hour window: refused (OJA Art 20), nothing written
        setup.create_auction(
            services, office, lot_id, 1, 10_000_000, 100_000, 1_000_000, support.T0,
            support.T0 + timedelta(hours=23),
        )  # fmt: skip
    trail.none()

    people: list[int] = []
    for serial, name in enumerate(("甲", "乙", "丙")):
        number = support.demo_id_number(900 + serial)
        phone = f"1370000{serial:04d}"
        token = bidders.create_account(
            services, name, number, phone, support.phone_code(services, phone)
        )[1].token
        who = principals.authenticate(services, token)
        assert isinstance(who, BidderPrincipal)
        people.append(who.account_id)
        assert trail.one(system, "account.created", f"account:{who.account_id}") == {}
        if serial == 0:
            holders.confirm_preemptive_holder(
                services,
                enforcement,
                auction_id,
                number,
                1,
                support.HOLDER_EVIDENCE,
                support.HOLDER_PANEL,
            )
            trail.one(scope, "preemptive_holder.confirmed", "court_user:enforce-1")
    a, b, c = people

    codes = {}
    for account_id in people:
        codes[account_id] = registration.register(services, account_id, auction_id, True).code
        trail.one(scope, "registration.created", f"bidder:{codes[account_id]}")
    registration.register(services, a, auction_id, True)  # again: the same registration
    trail.none()
    assert codes[a].startswith("Y1-")  # the holder's priority code (OJA Art 19)

    for account_id, payer in ((a, "甲"), (b, "乙"), (c, "乙")):
        order = registration.request_deposit(services, account_id, auction_id)
        ordered = trail.one(scope, "deposit.ordered", f"bidder:{codes[account_id]}")
        assert ordered == {"amount": 1_000_000, "order": order.order_ref}
        notice = _bank_notice(services, order, payer)
        outcome = registration.accept_bank_notice(services, *notice)
        paid = trail.one(scope, f"deposit.{outcome.status}", "bank")
        assert paid["reason"] == (None if account_id != c else "payer_not_bidder")
        registration.accept_bank_notice(services, *notice)  # the bank repeats itself
        trail.none()

    clock.set(support.T0 + timedelta(hours=1))

    def bid(account_id: int, amount: str, key: str | None = None) -> None:
        bidding.place_bid(services, account_id, auction_id, amount, key or secrets.token_hex(8))

    bid(b, "100000.00", "b-1")
    accepted = trail.one(scope, "bid.accepted", f"bidder:{codes[b]}")
    assert (accepted["number"], accepted["amount"], accepted["reason"]) == (1, 10_000_000, None)
    bid(b, "100000.00", "b-1")  # the same Idempotency-Key: the same bid
    trail.none()
    bid(a, "99000.00")
    assert trail.one(scope, "bid.rejected", f"bidder:{codes[a]}")["reason"] == "too_low"
    bid(a, "12abc")
    rejected = trail.one(scope, "bid.rejected")
    assert (rejected["reason"], rejected["amount_text"]) == ("invalid_amount", "12abc")
    with pytest.raises(AppError):  # no deposit: refused before judging, nothing recorded
        bid(c, "101000.00")
    trail.none()
    bid(a, "100000.00")  # the holder matches the price (OJA Art 21)
    trail.one(scope, "bid.accepted", f"bidder:{codes[a]}")

    unsold = new_auction()  # nobody bids on this one; one deposit to give back
    unsold_scope = audit.auction_scope(unsold)
    trail.one(unsold_scope, "auction.created")
    registration.register(services, b, unsold, True)
    order = registration.request_deposit(services, b, unsold)
    registration.accept_bank_notice(services, *_bank_notice(services, order, "乙"))
    assert [r.action for r in trail.new()] == [
        "registration.created", "deposit.ordered", "deposit.confirmed",
    ]  # fmt: skip

    clock.set(support.T0 + timedelta(days=1))
    assert closing.close_auction(services, auction_id)
    closed = trail.new()
    assert {r.scope for r in closed} == {scope}
    assert Counter((r.action, r.actor) for r in closed) == Counter(
        {
            ("deposit.applied", "system:closer"): 1,  # the buyer's (OJA Art 23)
            ("deposit.released", "system:closer"): 1,  # the loser's; the refused one: none
            ("auction.sold", "system:closer"): 1,
        }
    )
    assert closed[-1].action == "auction.sold"
    applied = next(json.loads(r.payload) for r in closed if r.action == "deposit.applied")
    assert applied["code"] == codes[a]
    assert closing.close_auction(services, unsold)
    assert [(r.scope, r.action) for r in trail.new()] == [
        (unsold_scope, "deposit.released"), (unsold_scope, "auction.unsold"),
    ]  # fmt: skip
    assert not closing.close_auction(services, auction_id)  # already settled: nothing
    trail.none()

    assert_chained(services)
    result = audit.verify(services)
    assert result.problem is None
    assert (result.scopes, result.records) == (3, len(stored(services)))


def test_concurrent_bids_each_append_one_record_and_the_chain_holds(
    services: Services, clock: support.Clock
) -> None:
    """Bids arriving together are judged one by one (and may share a transaction): each
    still gets its own record, in order, linked to the one before (OJA Art 20: the whole
    bid history is stored)."""
    office = support.office(services)
    auction_id = support.auction(services, office, increment="100.00")
    people = [support.bidder(services, f"竞买人{i}") for i in range(4)]
    for someone in people:
        support.pay_deposit(services, someone, auction_id)
    clock.set(support.T0 + timedelta(hours=1))
    trail = Trail(services)
    errors: list[BaseException] = []

    def bids(someone: support.Bidder, offset: int) -> None:
        try:
            for step in range(6):
                amount = f"{100000 + (step * 4 + offset) * 100}.00"
                bidding.place_bid(services, someone.account_id, auction_id, amount, f"k{step}")
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=bids, args=(p, i)) for i, p in enumerate(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    rows = trail.new()
    assert len(rows) == 24
    assert all(r.action in ("bid.accepted", "bid.rejected") for r in rows)
    with services.db.read() as tx:
        stored_bids = tx.bids(auction_id, accepted_only=False)
    numbers = sorted(json.loads(r.payload)["number"] for r in rows)
    assert numbers == [b.number for b in stored_bids] == list(range(1, 25))
    assert_chained(services)
    assert problem(services) is None


# -- sealing and verifying ------------------------------------------------------------------


def test_intact_trail_verifies_before_and_after_sealing(
    services: Services, clock: support.Clock
) -> None:
    """A seal fixes the heads of every chain that moved; an intact trail verifies with and
    without seals, and sealing again with nothing new adds nothing."""
    auction_with_bids(services, clock)
    before = audit.verify(services)
    assert (before.problem, before.seals) == (None, 0)
    assert before.records == len(stored(services))
    assert audit.seal(services.db, clock()) == 2  # the system chain and the auction's
    assert audit.seal(services.db, clock()) == 0
    after = audit.verify(services)
    assert (after.problem, after.seals, after.records) == (None, 1, before.records)
    support.bidder(services, "丁")  # the system chain moves on
    assert audit.seal(services.db, clock()) == 1
    assert audit.verify(services) == audit.Verification(
        2, before.records + 1, 2, None, before.facts
    )


def test_an_altered_record_is_named(services: Services, clock: support.Clock) -> None:
    """Changing any field of a stored record (here: a bid's amount, its time, who made it,
    what it was) is caught, and the message names that record (OJA Art 8(2), 35(1))."""
    auction_id = auction_with_bids(services, clock)
    scope = audit.auction_scope(auction_id)
    target = next(r for r in stored(services, scope) if r.action == "bid.accepted")
    payload = json.loads(target.payload)
    changes = {
        "payload": json.dumps({**payload, "amount": payload["amount"] + 100}, sort_keys=True),
        "at": (support.T0 + timedelta(minutes=1)).isoformat(),
        "actor": "bidder:Z9999",
        "action": "bid.rejected",
    }
    for column, value in changes.items():
        execute(
            services,
            update(audit_records).where(audit_records.c.id == target.id).values(**{column: value}),
        )
        try:
            found = problem(services)
            assert found == (
                f"audit record #{target.id} (scope {scope}, seq {target.seq}): "
                "content does not match its hash"
            ), column
        finally:
            restore_record(services, target)
        assert problem(services) is None


def test_a_removed_record_is_found(services: Services, clock: support.Clock) -> None:
    """Deleting the newest record of a chain leaves the head pointing past the end;
    deleting one in the middle leaves a gap at the next record."""
    auction_id = auction_with_bids(services, clock)
    scope = audit.auction_scope(auction_id)
    chain = stored(services, scope)
    last, middle, after_middle = chain[-1], chain[3], chain[4]
    for gone, expected in (
        (
            last,
            f"scope {scope}: the chain ends at seq {last.seq - 1} but its head says "
            f"seq {last.seq} (records removed or the head altered)",
        ),
        (
            middle,
            f"audit record #{after_middle.id} (scope {scope}, seq {after_middle.seq}): "
            f"sequence gap: expected {middle.seq}",
        ),
    ):
        execute(services, delete(audit_records).where(audit_records.c.id == gone.id))
        try:
            assert problem(services) == expected
        finally:
            execute(services, insert(audit_records).values(**_values(gone)))
        assert problem(services) is None


def test_a_rehashed_record_breaks_the_next_link(services: Services, clock: support.Clock) -> None:
    """Someone who alters a record and recomputes its own hash still breaks the next
    record's link to it: verify names the next record."""
    auction_id = auction_with_bids(services, clock)
    scope = audit.auction_scope(auction_id)
    chain = stored(services, scope)
    target, following = chain[-3], chain[-2]
    forged = _rehashed(target, payload=target.payload.replace('"amount":', '"amount":1'))
    execute(services, update(audit_records).where(audit_records.c.id == target.id).values(**forged))
    try:
        assert problem(services) == (
            f"audit record #{following.id} (scope {scope}, seq {following.seq}): "
            "previous-hash link does not match"
        )
    finally:
        restore_record(services, target)
    assert problem(services) is None


def _rehashed(row: Any, **changes: Any) -> dict[str, Any]:
    values = {**_values(row), **changes}
    values["hash"] = record_hash(
        values["prev_hash"], values["scope"], values["seq"], values["at"], values["actor"],
        values["action"], values["payload"],
    )  # fmt: skip
    return values


def test_a_rehashed_last_record_is_caught_by_the_seal(
    services: Services, clock: support.Clock
) -> None:
    """The newest record has no successor to betray it: re-hashing it and moving the head
    to match leaves every chain consistent. The seal made before still holds the old
    hash, so verify reports that what was sealed no longer matches."""
    auction_id = auction_with_bids(services, clock)
    scope = audit.auction_scope(auction_id)
    audit.seal(services.db, clock())
    with _engine(services).connect() as connection:
        seal_id = connection.execute(select(audit_seals.c.id)).scalar_one()
    last = stored(services, scope)[-1]
    kept_head = head(services, scope)
    forged = _rehashed(last, actor="bidder:Z9999")
    execute(
        services,
        update(audit_records).where(audit_records.c.id == last.id).values(**forged),
        update(audit_heads).where(audit_heads.c.scope == scope).values(hash=forged["hash"]),
    )
    try:
        assert problem(services) == (
            f"seal #{seal_id}: {scope} seq {last.seq} no longer matches what was sealed"
        )
    finally:
        restore_record(services, last)
        execute(
            services,
            update(audit_heads).where(audit_heads.c.scope == scope).values(hash=kept_head.hash),
        )
    assert problem(services) is None


def test_a_rehashed_last_record_left_behind_by_its_head_is_reported_clearly(
    services: Services, clock: support.Clock
) -> None:
    """Re-hashing the newest record without touching the head is caught by the head; the
    message must say what differs (the hash) and which record, not a contradiction like
    "ends at seq 7 but its head says seq 7": an auditor acts on this line."""
    auction_id = auction_with_bids(services, clock)
    scope = audit.auction_scope(auction_id)
    last = stored(services, scope)[-1]
    execute(
        services,
        update(audit_records)
        .where(audit_records.c.id == last.id)
        .values(**_rehashed(last, actor="bidder:Z9999")),
    )
    try:
        found = problem(services)
        assert found is not None
        assert scope in found
        assert f"seq {last.seq} but its head says seq {last.seq}" not in found, found
        assert f"#{last.id}" in found or "hash" in found, found
    finally:
        restore_record(services, last)
    assert problem(services) is None


def test_an_altered_seal_is_found(services: Services, clock: support.Clock) -> None:
    """The seals form their own chain; rewriting what a seal fixed is caught."""
    auction_with_bids(services, clock)
    audit.seal(services.db, clock())
    with _engine(services).connect() as connection:
        sealed = connection.execute(select(audit_seals)).one()
    heads = json.loads(sealed.heads)
    heads["system"][0] -= 1
    execute(
        services,
        update(audit_seals).where(audit_seals.c.id == sealed.id).values(heads=json.dumps(heads)),
    )
    try:
        assert problem(services) == f"seal #{sealed.id}: the seal chain is broken"
    finally:
        execute(
            services,
            update(audit_seals).where(audit_seals.c.id == sealed.id).values(heads=sealed.heads),
        )
    assert problem(services) is None


# -- the command ----------------------------------------------------------------------------


def _cli_env(database_url: str, tmp_path: Path, key: bytes) -> dict[str, str]:
    return {
        **os.environ,
        "FAPAI_DATABASE_URL": database_url,
        "FAPAI_SECRET_KEY": base64.b64encode(key).decode(),
        "FAPAI_DATA_DIR": str(tmp_path / "var"),
    }


@contextmanager
def _altered(services: Services, row: Any) -> Iterator[None]:
    execute(
        services,
        update(audit_records).where(audit_records.c.id == row.id).values(payload='{"x":1}'),
    )
    try:
        yield
    finally:
        restore_record(services, row)


def test_fapai_audit_verify_command(
    services: Services,
    clock: support.Clock,
    database_url: str,
    tmp_path: Path,
    secret_key: bytes,
) -> None:
    """``fapai audit verify`` is what a supervisor runs: exit 0 and "ok" on an intact
    trail, exit 1 with one line naming the altered record otherwise."""
    auction_id = auction_with_bids(services, clock)
    audit.seal(services.db, clock())
    env = _cli_env(database_url, tmp_path, secret_key)

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [FAPAI, "audit", "verify"], env=env, capture_output=True, text=True, timeout=60
        )

    intact = run()
    assert intact.returncode == 0, intact.stderr
    records = len(stored(services))
    assert intact.stdout.startswith(f"ok: {records} records in 2 chains, 1 seals verified")
    target = stored(services, audit.auction_scope(auction_id))[2]
    with _altered(services, target):
        broken = run()
    assert broken.returncode == 1
    assert broken.stdout == ""
    lines = broken.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"fapai audit verify: BROKEN: audit record #{target.id} ")
    assert "Traceback" not in broken.stderr
    again = run()
    assert again.returncode == 0, again.stderr
