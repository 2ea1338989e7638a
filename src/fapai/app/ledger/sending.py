"""Sending the court's money out (refunds and payouts) so that the bank pays each once.

A bank's reply can be lost after it paid (issue 13: one refund of 100,000 yuan was
executed 12 times in 2.2 s and recorded once). So every payment is first recorded
with an instruction id of its own, in its own committed transaction; the bank treats
that id as its idempotency key. The bank is called outside every database transaction
(no lock, and not SQLite's writer lock, is held while it answers). After any attempt
without a clear answer, the bank is asked what became of the id before anything is
sent again: an id it executed is booked with its reference, one it never received or
declined is sent again under the same id. Each instruction fails alone: its attempts
are recorded, the next waits longer (doubling up to an hour), and the first failure
raises the alert on its due.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from fapai.app.audit import trail
from fapai.app.errors import conflict
from fapai.app.ledger.ports import BankDeclined, Due, Outgoing, Payee, PaymentGateway
from fapai.app.ports import Tx
from fapai.app.services import Services
from fapai.domain.ledger.postings import bank, transfer

FIRST_WAIT = timedelta(seconds=2)
LONGEST_WAIT = timedelta(hours=1)
# How long one sender holds an instruction while it talks to the bank; a sender that
# died meanwhile leaves it to the next after this.
HOLD = timedelta(minutes=2)


def order(services: Services, tx: Tx, due: Due, amount: int, back_to: str | None) -> Outgoing:
    """Record the instruction paying ``due`` inside the caller's transaction; it is sent
    only after that transaction committed (``attempt``)."""
    instruction = f"OUT-{services.token().replace('-', '').replace('_', '')[:24]}"
    return tx.add_outgoing(instruction, due, amount, back_to, services.clock())


def payout_open(tx: Tx, court_id: int, auction_id: int, account: str) -> bool:
    """Whether a payout of ``account`` is ordered and the bank has not yet paid it."""
    return any(d.account == account for d in tx.dues(court_id, True, auction_id, "payout"))


def order_payout(
    services: Services, tx: Tx, court_id: int, auction_id: int, account: str, amount: int,
    payee: Payee,
) -> Outgoing:  # fmt: skip
    """A payout's due (paid at once, so open on the deadline board until the bank paid)
    and its instruction, refused while an earlier payout of ``account`` is being sent.
    The payee's name and account are fixed on the instruction now: the bank is told them,
    and no later change reaches a payment already ordered."""
    if payout_open(tx, court_id, auction_id, account):
        raise conflict(
            "payout_in_progress", "该笔款项正在支付中。", "This payout is being sent already."
        )
    now = services.clock()
    due_id = tx.add_due(court_id, auction_id, "payout", account, amount, now, None, now)
    due = next(d for d in tx.dues(court_id, True, auction_id, "payout") if d.id == due_id)
    return order(services, tx, due, amount, payee_line(payee))


def payee_line(payee: Payee) -> str:
    """What the bank is told of the payee (and ``as_ordered`` rebuilds from the trail)."""
    return f"{payee.name} {payee.bank_account}"


def order_refund(services: Services, tx: Tx, due: Due) -> Outgoing:
    """Record the instruction of one refund due now, inside the caller's transaction,
    back along the transfer the money came from (原路退回); ``attempt`` sends it."""
    back_to = incoming_ref(tx, due.court_id, due.auction_id, due.account)
    return order(services, tx, due, due.amount, back_to)


def order_due_refunds(services: Services) -> int:
    """Record an instruction for every open refund that has none yet (back along the
    transfer the money came from, 原路退回); returns how many."""
    with services.db.read() as tx:
        due = [
            d
            for d in tx.dues(None, open_only=True, kind="refund")
            if tx.outgoing_for_due(d.id) is None
        ]
    ordered = 0
    for item in due:
        with services.db.write(item.auction_id) as tx:
            if item.auction_id is not None:
                tx.lock_auction(item.auction_id)
            still_open = tx.dues(item.court_id, True, item.auction_id, "refund")
            if tx.outgoing_for_due(item.id) or not any(d.id == item.id for d in still_open):
                continue  # another closer ordered or sent it meanwhile
            owed = min(item.amount, -tx.balance(item.account))
            if owed <= 0:
                continue
            order(
                services,
                tx,
                item,
                owed,
                incoming_ref(tx, item.court_id, item.auction_id, item.account),
            )
            ordered += 1
    return ordered


def incoming_ref(tx: Tx, court_id: int, auction_id: int | None, account: str) -> str | None:
    """The bank reference of the transfer the refund on ``account`` goes back along."""
    if account.startswith("refund:transfer:"):  # refund:transfer:{court}:{ref}
        return account.removeprefix("refund:transfer:").removeprefix(f"{court_id}:")
    # refund:registration:N  ->  the deposit received for that registration
    registration = account.rsplit(":", 1)[1]
    lines = tx.lines(f"deposit:{auction_id}:{registration}", court_id)
    return next((line.bank_ref for line in lines if line.bank_ref), None)


def send_waiting(services: Services) -> int:
    """Try every instruction whose next attempt is due; returns how many were executed."""
    with services.db.read() as tx:
        waiting = tx.outgoing_waiting(services.clock())
    return sum(attempt(services, item.id) for item in waiting)


def attempt(services: Services, outgoing_id: int) -> bool:
    """One try at one instruction; True when the bank executed it and it is booked."""
    with services.db.write() as tx:
        item = tx.outgoing(outgoing_id, lock=True)
        now = services.clock()
        if item is None or item.status == "executed" or item.next_attempt_at > now:
            return False  # booked, or another sender holds it
        if not as_ordered(tx, item):
            tx.record_attempt(
                item.id, "failed", None, ALTERED, now, now + LONGEST_WAIT
            )  # fmt: skip
            if any(d.id == item.due_id and not d.alerted
                   for d in tx.dues(item.court_id, True, item.auction_id, None)):  # fmt: skip
                tx.raise_alert(item.due_id, now)
            return False
        tx.hold_outgoing(item.id, now + HOLD)
    # no transaction is open while the bank answers; an instruction tried before (or
    # whose sender died mid-call) may have been paid with the answer lost: ask first
    ask_first = item.attempts > 0 or item.status == "sending"
    outcome, bank_ref, detail = _ask_bank(services.gateway, item, ask_first)
    return _record(services, item, outcome, bank_ref, detail)


ALTERED = "not sent: the payee differs from the payout.ordered record on the audit trail"


def as_ordered(tx: Tx, item: Outgoing) -> bool:
    """Whether a payout instruction still names the payee its ``payout.ordered`` record
    (hash-chained on the audit trail) fixed: someone with the database who rewrites the
    instruction's account does not reach the bank with it. Refunds go back along the
    transfer they came from and are not named on the trail."""
    if item.kind != "payout" or item.auction_id is None:
        return True
    scope = trail.auction_scope(item.auction_id)
    found = tx.audit_rows_naming(scope, "payout.ordered", f'"{item.instruction_id}"')
    named = (json.loads(row.payload) for row in found)
    return any(f"{p['payee']} {p['bank_account']}" == item.back_to for p in named)


def _ask_bank(
    gateway: PaymentGateway, item: Outgoing, ask_first: bool
) -> tuple[str, str | None, str]:
    """(outcome, bank reference, detail): executed, failed (declined) or unknown."""
    if ask_first:
        try:
            known = gateway.status(item.instruction_id)
        except Exception as error:  # the bank cannot say: ask again later, send nothing
            return "unknown", None, f"status query failed: {error!r}"
        if known.state == "executed":
            return "executed", known.bank_ref, "executed, found by the status query"
    try:
        bank_ref = gateway.send(item.instruction_id, item.back_to, item.amount, item.account)
    except BankDeclined as error:
        return "failed", None, f"declined: {error}"
    except Exception as error:  # a timeout, a lost reply: the bank may have paid
        return "unknown", None, f"no answer: {error!r}"
    return "executed", bank_ref, "executed"


def _record(
    services: Services, item: Outgoing, outcome: str, bank_ref: str | None, detail: str
) -> bool:
    with services.db.write(item.auction_id) as tx:
        if item.auction_id is not None:
            tx.lock_auction(item.auction_id)
        current = tx.outgoing(item.id, lock=True)
        now = services.clock()
        if current is None or current.status == "executed":
            return False  # another sender booked it
        if outcome == "executed":
            _book(tx, current, bank_ref, detail, now)
            return True
        wait = min(FIRST_WAIT * 2**current.attempts, LONGEST_WAIT)
        tx.record_attempt(current.id, outcome, None, detail, now, now + wait)
        due = tx.dues(current.court_id, True, current.auction_id, None)
        if any(d.id == current.due_id and not d.alerted for d in due):
            tx.raise_alert(current.due_id, now)  # at the first failure, not at the deadline
    return False


def _book(tx: Tx, item: Outgoing, bank_ref: str | None, detail: str, now: datetime) -> None:
    """The bank paid: the money leaves the court's account on the ledger, settling its due."""
    posted = tx.post(
        item.court_id, item.auction_id, f"{item.kind}.sent", item.account,
        transfer(item.account, bank(item.court_id), item.amount), now, f"system:{item.kind}s",
        bank_ref, payee=item.back_to if item.kind == "payout" else None,
    )  # fmt: skip
    tx.settle(item.due_id, posted, now)
    if item.kind == "payout" and item.account.startswith("payable:fees:"):
        # the institution is paid: its fee's Art 21 clock (seed 003) is met
        for fee_due in tx.dues(item.court_id, True, item.auction_id, "institution_fee"):
            tx.settle(fee_due.id, posted, now)
    tx.record_attempt(item.id, "executed", bank_ref, detail, now, now)
    if item.kind == "payout" and item.auction_id is not None:
        trail.record(
            tx, trail.auction_scope(item.auction_id), now, "system:payouts", "payout.sent",
            account=item.account, amount=item.amount, instruction=item.instruction_id,
            payee=item.back_to,
        )  # fmt: skip
