"""Ascending bidding with the soft close and preemptive rights (OJA Arts 20-21).

``decide`` judges one bid against the state at the server's receipt time;
``evolve`` applies an accepted bid. Both are pure: the caller reads the clock
(after taking the auction's lock) and passes it in, so the same inputs always
give the same outcome, live or replayed.
"""

from __future__ import annotations

from datetime import datetime

from fapai.domain.bidding.model import (
    Accepted,
    AuctionState,
    AuctionTerms,
    Bid,
    Bidder,
    Decision,
    Reason,
    Rejected,
)
from fapai.domain.rules import BiddingRules

# One immutable value per reason: refusing a bid allocates nothing.
_REJECTED = {reason: Rejected(reason) for reason in Reason}


def open_auction(terms: AuctionTerms) -> AuctionState:
    """The state before any bid: no price, the announced end."""
    return AuctionState(terms, None, None, terms.ends_at, 0)


def decide(state: AuctionState, bid: Bid, now: datetime, rules: BiddingRules) -> Decision:
    """Accept or refuse ``bid`` received at ``now``; the first failed check wins.

    The checks and their order are the replay spec's table. The window is
    half-open, ``[starts_at, ends_at)``: a bid at the very end is late.
    """
    bidder = bid.bidder
    if bidder is None:
        return _REJECTED[Reason.UNKNOWN_BIDDER]
    # OJA Art 24: the defaulter in the re-auction (Art 34's persons never get a code: their
    # registration is refused, app/auctions/admission.py)
    if bidder.barred:
        return _REJECTED[Reason.BARRED]
    if not bidder.deposit_paid:  # OJA Art 17
        return _REJECTED[Reason.NO_DEPOSIT]
    terms = state.terms
    if now < terms.starts_at:
        return _REJECTED[Reason.NOT_STARTED]
    if now >= state.ends_at:
        return _REJECTED[Reason.CLOSED]
    amount = bid.amount
    if amount is None:
        return _REJECTED[Reason.INVALID_AMOUNT]
    price = state.price
    if price is None:
        if amount < terms.start_price:  # OJA Art 20: below the start is invalid
            return _REJECTED[Reason.BELOW_START]
    else:
        leader = state.leader
        leading = leader is not None and leader.code == bidder.code
        if leading and not rules.allow_self_raise:
            return _REJECTED[Reason.ALREADY_LEADING]
        least = price + terms.increment
        if bidder.preemptive_rank is not None and not leading:
            least = _least_for_holder(price, least, bidder.preemptive_rank, leader)
        if amount < least:
            return _REJECTED[Reason.TOO_LOW]
    if (amount - terms.start_price) % terms.increment:
        return _REJECTED[Reason.OFF_INCREMENT]
    extended_end = now + rules.extension
    if extended_end > state.ends_at:  # OJA Art 20: soft close, no cap
        return Accepted(bidder, amount, now, extended_end, True)
    return Accepted(bidder, amount, now, state.ends_at, False)


def _least_for_holder(price: int, least: int, rank: int, leader: Bidder | None) -> int:
    """The least a preemptive-right holder of ``rank`` may bid against ``price``.

    A holder may match the price (同等价格, OJA Art 21) when the leader has no
    right or a lower priority (a greater rank number); at the same or a higher
    priority the earlier bid keeps the lead, so a full increment is needed.
    A leader raising its own bid never gets here: it always needs an increment.
    """
    leader_rank = leader.preemptive_rank if leader is not None else None
    if leader_rank is None or leader_rank > rank:
        return price
    return least


def evolve(state: AuctionState, event: Accepted) -> AuctionState:
    """Apply an accepted bid: it leads, and the end may have moved later."""
    return AuctionState(
        state.terms,
        event.amount,
        event.bidder,
        event.ends_at,
        state.extensions + 1 if event.extended else state.extensions,
    )
