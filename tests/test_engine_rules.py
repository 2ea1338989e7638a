"""Every refusal reason of the replay spec at its boundary, in the spec's order.

Each reason is checked one fen below, at and above its threshold, and the
window one microsecond before, at and after its edges (OJA Art 20: the window
is [starts_at, end), bids below the start are invalid; Art 21: equal-price
bids by preemptive-right holders).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from fapai.domain.bidding import (
    Accepted,
    AuctionState,
    AuctionTerms,
    Bid,
    Bidder,
    Reason,
    Rejected,
    decide,
    evolve,
    open_auction,
)
from fapai.domain.rules import BiddingRules

BJ = timezone(timedelta(hours=8))
START = datetime(2026, 12, 10, 10, 0, tzinfo=BJ)
END = START + timedelta(hours=24)
US = timedelta(microseconds=1)
TERMS = AuctionTerms(start_price=100_000_00, increment=1_000_00, starts_at=START, ends_at=END)
RULES = BiddingRules()
NOON = START + timedelta(hours=2)

A = Bidder("A", deposit_paid=True)
B = Bidder("B", deposit_paid=True)
P1 = Bidder("P1", deposit_paid=True, preemptive_rank=1)
P2 = Bidder("P2", deposit_paid=True, preemptive_rank=2)
P1_OTHER = Bidder("P1b", deposit_paid=True, preemptive_rank=1)


def bid(bidder: Bidder | None, amount: int | None, code: str = "?") -> Bid:
    return Bid(bidder.code if bidder else code, bidder, amount)


def reason(state: AuctionState, b: Bid, now: datetime, rules: BiddingRules = RULES) -> str | None:
    decision = decide(state, b, now, rules)
    return None if isinstance(decision, Accepted) else decision.reason.value


def led_by(bidder: Bidder, amount: int, at: datetime = NOON) -> AuctionState:
    """A state where ``bidder`` leads at ``amount`` (another bidder opened lower)."""
    state = open_auction(TERMS)
    if amount > TERMS.start_price:
        other = B if bidder is not B else A
        state = evolve(state, _accepted(decide(state, bid(other, TERMS.start_price), at, RULES)))
    return evolve(state, _accepted(decide(state, bid(bidder, amount), at, RULES)))


def test_unknown_bidder_is_checked_first() -> None:
    assert reason(open_auction(TERMS), bid(None, None, "ghost"), START - US) == "unknown_bidder"


def test_barred_comes_before_the_deposit() -> None:
    barred = Bidder("X", deposit_paid=False, barred=True)
    assert reason(open_auction(TERMS), bid(barred, TERMS.start_price), NOON) == "barred"


def test_no_deposit_no_bid() -> None:
    """OJA Art 17: no deposit, no bidding."""
    unpaid = Bidder("C")
    assert reason(open_auction(TERMS), bid(unpaid, TERMS.start_price), NOON) == "no_deposit"


@pytest.mark.parametrize(
    ("now", "expected"),
    [(START - US, "not_started"), (START, None), (START + US, None)],
)
def test_window_opens_at_starts_at(now: datetime, expected: str | None) -> None:
    assert reason(open_auction(TERMS), bid(A, TERMS.start_price), now) == expected


@pytest.mark.parametrize(
    ("now", "expected"),
    [(END - US, None), (END, "closed"), (END + US, "closed")],
)
def test_window_closes_at_the_end_half_open(now: datetime, expected: str | None) -> None:
    assert reason(open_auction(TERMS), bid(A, TERMS.start_price), now) == expected


def test_not_started_comes_before_invalid_amount() -> None:
    assert reason(open_auction(TERMS), bid(A, None), START - US) == "not_started"


def test_closed_comes_before_invalid_amount() -> None:
    assert reason(open_auction(TERMS), bid(A, None), END) == "closed"


def test_invalid_amount() -> None:
    assert reason(open_auction(TERMS), bid(A, None), NOON) == "invalid_amount"


@pytest.mark.parametrize(
    ("amount", "expected"),
    [(100_000_00 - 1, "below_start"), (100_000_00, None), (100_000_00 + 1, "off_increment")],
)
def test_first_bid_against_the_starting_price(amount: int, expected: str | None) -> None:
    """OJA Arts 11 and 20: one bid at the starting price sells; below it is invalid."""
    assert reason(open_auction(TERMS), bid(A, amount), NOON) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [(101_000_00 - 1, "too_low"), (101_000_00, None), (101_000_00 + 1, "off_increment")],
)
def test_next_bid_needs_a_full_increment(amount: int, expected: str | None) -> None:
    assert reason(led_by(A, 100_000_00), bid(B, amount), NOON) == expected


def test_the_leader_may_not_outbid_itself() -> None:
    assert reason(led_by(A, 100_000_00), bid(A, 105_000_00), NOON) == "already_leading"


def test_already_leading_comes_before_too_low() -> None:
    assert reason(led_by(A, 100_000_00), bid(A, 1), NOON) == "already_leading"


@pytest.mark.parametrize(
    ("amount", "expected"),
    [(101_000_00 - 1, "too_low"), (101_000_00, None), (101_000_00 + 1, "off_increment")],
)
def test_self_raise_when_allowed_needs_a_full_increment(amount: int, expected: str | None) -> None:
    rules = BiddingRules(allow_self_raise=True)
    assert reason(led_by(A, 100_000_00), bid(A, amount), NOON, rules) == expected


def test_self_raise_for_a_preemptive_leader_still_needs_an_increment() -> None:
    rules = BiddingRules(allow_self_raise=True)
    state = led_by(P1, 100_000_00)
    assert reason(state, bid(P1, 100_000_00), NOON, rules) == "too_low"


@pytest.mark.parametrize(
    ("amount", "expected"),
    [(101_000_00 - 1, "too_low"), (101_000_00, None), (101_000_00 + 1, "off_increment")],
)
def test_holder_may_match_an_ordinary_leader(amount: int, expected: str | None) -> None:
    """OJA Art 21: a preemptive-right holder may bid the same price (同等价格)."""
    state = led_by(A, 101_000_00)
    assert reason(state, bid(P2, amount), NOON) == expected


def test_holder_matching_takes_the_lead_and_others_must_raise() -> None:
    state = led_by(A, 101_000_00)
    decision = decide(state, bid(P2, 101_000_00), NOON, RULES)
    assert isinstance(decision, Accepted)
    state = evolve(state, decision)
    assert state.leader == P2
    assert state.price == 101_000_00
    assert reason(state, bid(A, 101_000_00), NOON) == "too_low"


def test_higher_priority_holder_may_match_a_lower_one() -> None:
    state = led_by(A, 101_000_00)
    state = evolve(state, _accepted(decide(state, bid(P2, 101_000_00), NOON, RULES)))
    assert reason(state, bid(P1, 101_000_00), NOON) is None


def test_lower_priority_holder_may_not_match_a_higher_one() -> None:
    state = led_by(A, 101_000_00)
    state = evolve(state, _accepted(decide(state, bid(P1, 101_000_00), NOON, RULES)))
    assert reason(state, bid(P2, 101_000_00), NOON) == "too_low"
    assert reason(state, bid(P2, 102_000_00), NOON) is None


def test_same_rank_holder_may_not_match_the_earlier_bid_wins() -> None:
    """OJA Art 21: among holders of the same rank the earlier bid wins."""
    state = led_by(A, 101_000_00)
    state = evolve(state, _accepted(decide(state, bid(P1, 101_000_00), NOON, RULES)))
    assert reason(state, bid(P1_OTHER, 101_000_00), NOON) == "too_low"


def test_holder_without_a_leader_needs_the_starting_price() -> None:
    assert reason(open_auction(TERMS), bid(P1, 100_000_00 - 1), NOON) == "below_start"


@pytest.mark.parametrize(
    ("offset", "extended"),
    [
        (timedelta(minutes=5) + US, False),  # ends 1 us before the current end: no move
        (timedelta(minutes=5), False),  # lands exactly on the end: not after it
        (timedelta(minutes=5) - US, True),  # one microsecond later: the end moves
    ],
)
def test_soft_close_extends_only_past_the_current_end(offset: timedelta, extended: bool) -> None:
    """OJA Art 20: a bid at t moves the end to t + 5 min when that is after the end."""
    now = END - offset
    decision = _accepted(decide(open_auction(TERMS), bid(A, TERMS.start_price), now, RULES))
    state = evolve(open_auction(TERMS), decision)
    assert decision.extended is extended
    assert state.ends_at == (now + timedelta(minutes=5) if extended else END)
    assert state.extensions == (1 if extended else 0)


def test_extensions_have_no_cap() -> None:
    """rules.md §7.4: some generic code caps extensions at 3; the judicial rule does not."""
    state = open_auction(TERMS)
    now = END - timedelta(minutes=1)
    bidders = [A, B]
    amount = TERMS.start_price
    for n in range(50):
        state = evolve(state, _accepted(decide(state, bid(bidders[n % 2], amount), now, RULES)))
        amount += TERMS.increment
        now += timedelta(minutes=4)
    assert state.extensions == 50
    assert state.ends_at == now - timedelta(minutes=4) + timedelta(minutes=5)


def test_a_bid_after_the_extended_end_is_closed() -> None:
    now = END - timedelta(minutes=1)
    state = led_by(A, TERMS.start_price, now)
    new_end = now + timedelta(minutes=5)
    assert reason(state, bid(B, 101_000_00), new_end - US) is None
    assert reason(state, bid(B, 101_000_00), new_end) == "closed"


def test_zero_extension_never_extends() -> None:
    rules = BiddingRules(extension=timedelta(0))
    decision = _accepted(decide(open_auction(TERMS), bid(A, TERMS.start_price), END - US, rules))
    assert decision.extended is False


def test_rejection_is_a_value_not_an_exception() -> None:
    decision = decide(open_auction(TERMS), bid(None, 1, "nobody"), NOON, RULES)
    assert decision == Rejected(Reason.UNKNOWN_BIDDER)


def _accepted(decision: Accepted | Rejected) -> Accepted:
    assert isinstance(decision, Accepted), decision
    return decision
