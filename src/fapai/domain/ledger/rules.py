"""Where money goes when an auction ends, defaults or pays out, as pure functions."""

from __future__ import annotations

from fapai.domain.ledger.postings import Posting, forfeit, payable


def apply_forfeiture(
    auction_id: int, amount: int, costs: int, shortfall: int, debtor_debt: int
) -> list[Posting]:
    """Apply a defaulter's forfeited deposit in the order of OJA Art 24.

    First the costs and losses the auction caused, then the shortfall if the
    re-auction sold for less, then the debtor's debt in this case, and what is
    left to the debtor's other debts related to the property.
    """
    if min(amount, costs, shortfall, debtor_debt) < 0:
        raise ValueError("amounts are never negative")
    postings = [Posting(forfeit(auction_id), amount)]
    left = amount
    for kind, owed in (("costs", costs), ("shortfall", shortfall), ("creditor", debtor_debt)):
        part = min(left, owed)
        if part:
            postings.append(Posting(payable(kind, auction_id), -part))
            left -= part
    if left:
        postings.append(Posting(payable("other", auction_id), -left))
    return postings


# OJA Art 23: losing deposits come back within 24 hours of the close (also when
# nothing sells); refused transfers are returned on the same terms.
REFUND_PERIOD_HOURS = 24

#: Not a number of the law but the office's check on it: deposits are the bidders' money
#: and OJA Art 23 returns them within 24 hours once they are not needed; a pause (OJA
#: Art 28, Shanghai item 18) has no end date, so deposits held 30 days in a pause are
#: put before the office (an alert on the deadline board) to keep or return.
PAUSE_HOLD_DAYS = 30

#: Seed 001 (the deputies' proposal on 借贷交保 and 首付贷): the court's terms say whether
#: a lot's deposit may be borrowed, and from whom; the bidder declares at registration
#: where the deposit comes from.
DEPOSIT_LOANS = ("any", "banks", "forbidden")  # the lot's term, "any" unless the court says
FUNDS = ("own", "bank_loan", "other_loan")  # the bidder's declaration


def funds_allowed(deposit_loans: str, funds: str) -> bool:
    """Whether a deposit from ``funds`` is within the lot's term on loans."""
    if deposit_loans == "forbidden":
        return funds == "own"
    if deposit_loans == "banks":
        return funds != "other_loan"
    return True


# A due is overdue once its time has passed; `fapai ledger check` allows the alert
# job this long to notice before it calls a missing alert a breach.
ALERT_GRACE_SECONDS = 60
