"""Undoing a sale's money when the court revokes the auction after it (OBJ Art 21, OJA
Art 31): the buyer gets back every fen it paid, along the transfer each came by.

What the court still holds for the sale (the proceeds not yet allocated, the shares
allocated but not paid out) is owed back at once. What already left the court's
account (a payout to a creditor, an auxiliary institution's fee, the debtor's surplus)
cannot be sent twice: the buyer's claim to it stays on the books as owed, and the
court's claim against each payee to return it is a receivable of the same amount. No
money is created: the court account only pays out what it holds for this sale. An
allocated fee not yet paid simply lapses (seed 003 Art 20: no fee when the court
withdraws); a fee already paid is a receivable like any other payout.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from fapai.domain.ledger.postings import Posting, payable, proceeds, refund


def receivable(kind: str, auction_id: int) -> str:
    """What a payee of a revoked sale must return to the court (an asset: a debit)."""
    return f"receivable:{kind}:{auction_id}"


def owed(reference: str) -> str:
    """The part of a buyer's refund (``registration:{r}`` or ``transfer:{bank_ref}``, as
    its ``refund:`` account) that waits for the payees to return what was paid out."""
    return f"owed:{reference}"


@dataclass(frozen=True, slots=True)
class SaleMoney:
    """Where a sold auction's money is when its sale is revoked."""

    auction_id: int
    received: Sequence[tuple[str, int]]  # (refund reference, fen) per incoming transfer
    proceeds_held: int  # on proceeds:{auction}, not yet allocated
    allocated_held: Mapping[str, int]  # payable kind -> allocated, not paid out
    paid_out: Mapping[str, int]  # payable kind -> paid out by the bank (net of returns)


@dataclass(frozen=True, slots=True)
class Undoing:
    postings: list[Posting]
    refunds: list[tuple[str, int]]  # (refund reference, fen) to send now
    owed: list[tuple[str, int]]  # (refund reference, fen) waiting for the clawback
    receivables: list[tuple[str, int]]  # (payable kind, fen) to claw back


class MoneyMismatch(ValueError):
    """The sale's accounts do not add up to what the buyer paid."""


def undo_sale(money: SaleMoney) -> Undoing:
    """The balanced postings that undo the sale: what is held is refunded, deposit first
    then each later transfer; what was paid out is owed to the buyer and receivable from
    its payees. Raises ``MoneyMismatch`` when the books do not add up."""
    paid = sum(fen for _, fen in money.received)
    held = money.proceeds_held + sum(money.allocated_held.values())
    gone = sum(money.paid_out.values())
    if paid != held + gone or min(money.proceeds_held, held, gone) < 0:
        raise MoneyMismatch(f"the buyer paid {paid} fen; {held} held and {gone} paid out")
    postings: list[Posting] = []
    if money.proceeds_held:
        postings.append(Posting(proceeds(money.auction_id), money.proceeds_held))
    for kind, fen in sorted(money.allocated_held.items()):
        if fen:
            postings.append(Posting(payable(kind, money.auction_id), fen))
    receivables = [(kind, fen) for kind, fen in sorted(money.paid_out.items()) if fen]
    for kind, fen in receivables:
        postings.append(Posting(receivable(kind, money.auction_id), fen))
    refunds: list[tuple[str, int]] = []
    waiting: list[tuple[str, int]] = []
    cash = held
    for reference, fen in money.received:
        now = min(cash, fen)
        cash -= now
        if now:
            refunds.append((reference, now))
            postings.append(Posting(refund(reference), -now))
        if fen - now:
            waiting.append((reference, fen - now))
            postings.append(Posting(owed(reference), now - fen))
    return Undoing(postings, refunds, waiting, receivables)
