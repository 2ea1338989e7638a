"""What the ledger shows, and to whom: a court's users see only their court's books;
a bidder sees only the money of its own registrations."""

from __future__ import annotations

import csv
import io
from typing import Any

from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.errors import forbidden
from fapai.app.ledger.ports import Due
from fapai.app.ports import Tx
from fapai.app.presenting import beijing, yuan
from fapai.app.services import Services
from fapai.domain.ledger.postings import bank, deposit, refund, refused_transfer

FINANCE_ROLES = ("auction_office", "supervisor", "director", "enforcement")


def _signed(fen: int) -> str:
    return ("-" if fen < 0 else "") + (yuan(abs(fen)) or "")


def _court(user: CourtPrincipal) -> int:
    if user.role not in FINANCE_ROLES:
        raise forbidden(
            "role_not_allowed", "您的角色无权查看账目。", "Your role may not see the books."
        )
    return user.court_id


def balances(services: Services, user: CourtPrincipal, prefix: str) -> dict[str, Any]:
    """Balances per account (debit positive): the court account, holds, payables."""
    court_id = _court(user)
    with services.db.read() as tx:
        found = tx.balances(court_id, prefix)
    return {"balances": {account: _signed(fen) for account, fen in sorted(found.items())}}


def court_statement_csv(services: Services, user: CourtPrincipal) -> str:
    return statement_csv(services, _court(user))


def statement_csv(services: Services, court_id: int) -> str:
    """The court account's movements as CSV (time, kind, bank reference, amount, balance).

    A deposit's bank reference is left out until its auction closes: the bank's own
    statement names the payer of each reference, so with it the court could learn who
    registered for an auction before the close (OJA Art 18, issue 14).

    A payout shows its payee's name and account.
    """
    with services.db.read() as tx:
        lines = tx.lines(bank(court_id), court_id)
        unsettled = ongoing(tx, {line.auction_id for line in lines if line.auction_id})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["at", "transaction", "kind", "bank_ref", "amount", "balance", "payee"])
    running = 0
    for line in lines:
        running += line.amount
        hidden = line.kind.startswith("deposit.") and line.auction_id in unsettled
        writer.writerow(
            [beijing(line.at), line.transaction_id, line.kind,
             "" if hidden else line.bank_ref or "", _signed(line.amount), _signed(running),
             line.payee or ""]
        )  # fmt: skip
    return out.getvalue()


def ongoing(tx: Tx, auction_ids: set[int]) -> set[int]:
    """The auctions among these whose bidding has not been settled yet: their deposits'
    bank references are not shown to the court (the bank's statement names the payer)."""
    found = (tx.auction(auction_id) for auction_id in auction_ids)
    return {a.id for a in found if a is not None and a.status in _UNSETTLED}


_UNSETTLED = ("draft", "open", "postponed", "suspended")  # as auctions.queries.UNSETTLED


def _due(item: Due) -> dict[str, Any]:
    return {
        "id": item.id,
        "kind": item.kind,
        "auction_id": item.auction_id,
        "account": item.account,
        "amount": yuan(item.amount),
        "due_at": beijing(item.due_at),
        "settled": item.settled,
        "alerted": item.alerted,
    }


def deadline_board(services: Services, user: CourtPrincipal) -> dict[str, Any]:
    """Open refunds, balances and payouts with their due times, soonest first."""
    court_id = _court(user)
    now = services.clock()
    with services.db.read() as tx:
        open_dues = tx.dues(court_id, open_only=True)
    return {
        "server_time": beijing(now),
        "dues": [{**_due(d), "overdue": d.due_at <= now} for d in open_dues],
    }


def alerts(services: Services, user: CourtPrincipal | None) -> list[dict[str, Any]]:
    """Overdue money (with or without a raised alert), and money the bank failed to send
    (alerted at the first failure, before its deadline): for a court, or all (operators).
    A payment being sent shows its attempts and the last answer."""
    now = services.clock()
    court_id = None if user is None else _court(user)
    found = []
    with services.db.read() as tx:
        for item in tx.dues(court_id, open_only=True):
            if item.due_at > now and not item.alerted:
                continue
            shown = _due(item)
            outgoing = tx.outgoing_for_due(item.id)
            if outgoing is not None:
                tried = tx.attempts(outgoing.id)
                shown["sending"] = {
                    "instruction": outgoing.instruction_id,
                    "status": outgoing.status,
                    "attempts": outgoing.attempts,
                    "last": tried[-1][2] if tried else None,
                    "next_attempt_at": beijing(outgoing.next_attempt_at),
                }
            found.append(shown)
    return found


def supervision_flags(services: Services, user: CourtPrincipal) -> list[dict[str, Any]]:
    """Payments a supervisor should look at (seed 001: a house paid with a loan)."""
    court_id = _court(user)
    with services.db.read() as tx:
        flags = tx.payment_flags(court_id)
    return [
        {"auction_id": a, "payment_id": p, "kind": k, "detail": d, "raised_at": beijing(at)}
        for a, p, k, d, at in flags
    ]


def bidder_statement(services: Services, account_id: int) -> dict[str, Any]:
    """The money of the bidder's own registrations: deposits held, refunds, balances, and
    transfers the court's account could not keep on their way back; each line with the
    bank's reference where the money crossed the bank (the bidder centre)."""
    with services.db.read() as tx:
        codes: dict[int, str] = {}
        accounts: list[tuple[int, str]] = []
        for auction_id, registration_id, code in tx.registrations_of_account(account_id):
            codes[auction_id] = code
            accounts.append((auction_id, deposit(auction_id, registration_id)))
            accounts.append((auction_id, refund(f"registration:{registration_id}")))
        for auction_id, bank_ref in tx.refused_transfers_of_account(account_id):
            found = tx.auction(auction_id)
            if found is not None:
                accounts.append((auction_id, refused_transfer(found.court_id, bank_ref)))
        entries = []
        for auction_id, account in accounts:
            for line in tx.lines(account):
                if line.account != account:
                    continue  # a longer account name that shares the prefix
                entries.append(
                    {"auction_id": auction_id, "code": codes.get(auction_id),
                     "transaction": line.transaction_id,
                     "at": beijing(line.at), "kind": line.kind, "account": line.account,
                     "amount": _signed(line.amount), "bank_ref": line.bank_ref}
                )  # fmt: skip
    entries.sort(key=lambda e: (e["at"] or "", e["account"]))
    return {"entries": entries}
