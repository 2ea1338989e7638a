"""Postings, accounts and the rules every ledger transaction obeys.

A posting moves whole fen into (positive, debit) or out of (negative, credit)
one account; a transaction's postings sum to zero, so money is never created or
lost inside the ledger. The court's dedicated bank account (网络司法拍卖专用账户,
OJA Art 6(8)) is an asset; everything the court holds for someone is a
liability account whose (negative) balance says how much it owes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Posting:
    account: str
    amount: int  # fen; debit positive, credit negative


class Unbalanced(ValueError):
    """A transaction whose postings do not sum to zero, or that moves nothing."""


def check(postings: Sequence[Posting]) -> None:
    """Refuse a transaction that could create or lose money."""
    if len(postings) < 2:
        raise Unbalanced("a transaction needs at least two postings")
    if any(type(p.amount) is not int or p.amount == 0 for p in postings):
        raise Unbalanced("every posting moves a whole, non-zero number of fen")
    if sum(p.amount for p in postings) != 0:
        raise Unbalanced("postings do not sum to zero")


def transfer(debit: str, credit: str, amount: int) -> list[Posting]:
    """``amount`` fen from ``credit`` into ``debit``."""
    return [Posting(debit, amount), Posting(credit, -amount)]


def reversal(postings: Iterable[Posting]) -> list[Posting]:
    """The postings that undo ``postings``: corrections are new entries, never edits."""
    return [Posting(p.account, -p.amount) for p in postings]


# Account names. One court account per court; the others per auction and party.
def bank(court_id: int) -> str:
    return f"bank:{court_id}"


def deposit(auction_id: int, registration_id: int) -> str:
    """A bidder's deposit held for one auction (OJA Art 17)."""
    return f"deposit:{auction_id}:{registration_id}"


def refund(reference: str) -> str:
    """Money the court must send back: ``registration:{r}`` (a released deposit) or
    ``transfer:{court}:{bank_ref}`` (a refused transfer, returned along itself)."""
    return f"refund:{reference}"


def refused_transfer(court_id: int, bank_ref: str) -> str:
    """A transfer refused into a court's account, owed back along itself: the court is in
    the name, since two courts' banks may give two transfers one reference."""
    return refund(f"transfer:{court_id}:{bank_ref}")


def proceeds(auction_id: int) -> str:
    """What the sale brought in: the applied deposit and the balance (OJA Art 25)."""
    return f"proceeds:{auction_id}"


def forfeit(auction_id: int) -> str:
    """A defaulting buyer's deposit, held until it is applied (OJA Art 24)."""
    return f"forfeit:{auction_id}"


def payable(kind: str, auction_id: int) -> str:
    """Owed out of an auction's money: ``fees`` (auxiliary institutions), ``costs``,
    ``shortfall``, ``creditor`` (the debtor's debt in this case), ``other`` debts."""
    return f"payable:{kind}:{auction_id}"


def payer(kind: str, auction_id: int) -> str:
    """What a party owes the court for an auxiliary institution's ``fees`` outside the
    proceeds (seed 003 Arts 18, 20): the creditor who took the property in lieu, or the
    applicant who withdrew. An asset, a debit until the party pays."""
    return f"payer:{kind}:{auction_id}"


PAYABLE_KINDS = ("fees", "costs", "shortfall", "creditor", "other")
