"""Money on the court's ledger: every yuan an auction moves is a balanced posting.

The use cases that cause money to move call these functions inside their own
transaction, so the posting commits with the change or not at all (a deposit
confirmed, a deposit released at the close, a transfer refused). The rest are
use cases of their own: refunds and payouts sent through the bank, the
balance, a default and its forfeiture (OJA Art 24), the allocation of the
proceeds (fees first, seed 003 Art 18), alerts, the checks and the bank
statement's reconciliation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from fapai.app.ledger import sending
from fapai.app.ledger.ports import Due
from fapai.app.ports import Tx
from fapai.app.services import Services
from fapai.domain.calendar import WorkCalendar, beijing_date, period_deadline
from fapai.domain.ledger.postings import (
    bank,
    deposit,
    proceeds,
    refund,
    refused_transfer,
    transfer,
)
from fapai.domain.ledger.rules import PAUSE_HOLD_DAYS, REFUND_PERIOD_HOURS

REFUND_PERIOD = timedelta(hours=REFUND_PERIOD_HOURS)
PAUSE_HOLD = timedelta(days=PAUSE_HOLD_DAYS)


def deposit_received(
    tx: Tx, court_id: int, auction_id: int, registration_id: int, amount: int,
    bank_ref: str, at: datetime,
) -> None:  # fmt: skip
    """The bidder's deposit arrived in the court's account (OJA Art 17)."""
    tx.post(
        court_id, auction_id, "deposit.received", f"registration {registration_id}",
        transfer(bank(court_id), deposit(auction_id, registration_id), amount), at, "bank",
        bank_ref,
    )  # fmt: skip


def transfer_refused(
    tx: Tx, court_id: int, auction_id: int, payment_id: int, amount: int, bank_ref: str,
    reason: str, at: datetime,
) -> None:  # fmt: skip
    """Money arrived that may not be kept (a third party's, a second deposit, too late):
    it is owed back to its payer within the refund period."""
    account = refused_transfer(court_id, bank_ref)  # one per transfer: each goes back alone
    posted = tx.post(
        court_id, auction_id, "transfer.refused", f"payment {payment_id}: {reason}",
        transfer(bank(court_id), account, amount), at, "bank", bank_ref,
    )  # fmt: skip
    tx.add_due(court_id, auction_id, "refund", account, amount, at + REFUND_PERIOD, posted, at)


def release_deposit(
    tx: Tx, court_id: int, auction_id: int, registration_id: int, amount: int, at: datetime
) -> None:
    """A losing (or unsold) bidder's deposit becomes a refund due within 24 hours (Art 23)."""
    account = refund(f"registration:{registration_id}")
    posted = tx.post(
        court_id, auction_id, "deposit.released", f"registration {registration_id}",
        transfer(deposit(auction_id, registration_id), account, amount), at, "system:closer",
    )  # fmt: skip
    tx.add_due(court_id, auction_id, "refund", account, amount, at + REFUND_PERIOD, posted, at)


def apply_deposit(
    tx: Tx, court_id: int, auction_id: int, registration_id: int, amount: int,
    price: int, at: datetime, calendar: WorkCalendar,
) -> None:  # fmt: skip
    """The buyer's deposit counts towards the price (OJA Art 23, 25); the balance is due
    by the end of the announced period's last day, counted by CPL Art 85. An applicant
    without a deposit owes the whole price."""
    if amount:
        tx.post(
            court_id, auction_id, "deposit.applied", f"registration {registration_id}",
            transfer(deposit(auction_id, registration_id), proceeds(auction_id), amount), at,
            "system:closer",
        )  # fmt: skip
    if price > amount:
        days = tx.auction_balance_days(auction_id)
        tx.add_due(
            court_id, auction_id, "balance", proceeds(auction_id), price - amount,
            period_deadline(calendar, at, days), None, at,
        )  # fmt: skip


def hold_through_pause(tx: Tx, court_id: int, auction_id: int, at: datetime) -> None:
    """Each deposit a paused auction holds is due back before the office in 30 days
    (``PAUSE_HOLD_DAYS``): a pause has no end date, and the raised alert puts the
    bidders' money before the office to keep or return."""
    for registration in tx.registrations(auction_id):
        account = deposit(auction_id, registration.id)
        held = -tx.balance(account)
        if held > 0:
            tx.add_due(court_id, auction_id, "pause_hold", account, held, at + PAUSE_HOLD, None, at)


def end_pause_holds(tx: Tx, auction_id: int, at: datetime) -> None:
    """The pause ended (resumed or revoked): the deposits' holds close, money unmoved."""
    for due in tx.dues(None, open_only=True, auction_id=auction_id, kind="pause_hold"):
        tx.settle(due.id, None, at)


@dataclass(frozen=True, slots=True)
class Problem:
    """One way the ledger does not hold, in words a finance officer can act on."""

    check: str
    detail: str


def open_balance_due(tx: Tx, auction_id: int) -> Due | None:
    found = tx.dues(None, open_only=True, auction_id=auction_id, kind="balance")
    return found[0] if found else None


@dataclass(frozen=True, slots=True)
class Balance:
    """The buyer's balance: what the deposit left of the price (OJA Art 23), the last day
    to pay it (the period runs to 24:00 of that day, CPL Art 85; None when the deposit
    covered the price) and whether it is paid."""

    amount: int
    last_day: date | None
    paid: bool


def balance_of(tx: Tx, auction_id: int) -> Balance:
    found = tx.dues(None, open_only=False, auction_id=auction_id, kind="balance")
    if not found:
        return Balance(0, None, True)
    due = found[0]
    return Balance(due.amount, beijing_date(due.due_at) - timedelta(days=1), due.settled)


def balance_received(
    tx: Tx, court_id: int, auction_id: int, registration_id: int, amount: int,
    bank_ref: str, at: datetime,
) -> None:  # fmt: skip
    """The buyer paid the rest of the price into the court's account (OJA Art 25)."""
    posted = tx.post(
        court_id, auction_id, "balance.received", f"registration {registration_id}",
        transfer(bank(court_id), proceeds(auction_id), amount), at, "bank", bank_ref,
    )  # fmt: skip
    due = open_balance_due(tx, auction_id)
    if due is not None:
        tx.settle(due.id, posted, at)


def send_due_refunds(services: Services) -> int:
    """Order every open refund and send what waits to be sent (refunds and payouts).

    Run by the closer: refunds go out as soon as they are due to be paid, well
    inside the 24 hours of OJA Art 23; each instruction is recorded before the bank
    is called and sent at most once (``sending``). Returns how many were executed.
    """
    sending.order_due_refunds(services)
    return sending.send_waiting(services)


def raise_alerts(services: Services) -> int:
    """An alert for every due whose time has passed unpaid (the deadline board)."""
    now = services.clock()
    with services.db.write() as tx:
        late = [d for d in tx.dues(None, open_only=True, due_by=now) if not d.alerted]
        for item in late:
            tx.raise_alert(item.id, now)
    return len(late)
