"""The values the bidding engine reads and returns.

The per-bid values (state, bid, decision) are named tuples rather than frozen
dataclasses: they are built once per bid on the hot path, and a tuple is
several times cheaper to build while staying immutable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import NamedTuple


class Reason(StrEnum):
    """Why a bid was refused, in the order the checks run (replay spec table)."""

    UNKNOWN_BIDDER = "unknown_bidder"
    BARRED = "barred"
    NO_DEPOSIT = "no_deposit"
    NOT_STARTED = "not_started"
    CLOSED = "closed"
    INVALID_AMOUNT = "invalid_amount"
    ALREADY_LEADING = "already_leading"
    BELOW_START = "below_start"
    TOO_LOW = "too_low"
    OFF_INCREMENT = "off_increment"


@dataclass(frozen=True, slots=True)
class AuctionTerms:
    """What the court announced: prices in fen, the scheduled window."""

    start_price: int
    increment: int
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True, slots=True)
class Bidder:
    """One registered bidder's standing in one auction, known by its code only.

    ``preemptive_rank`` is the court-confirmed priority (1 = first, OJA Art 19);
    None means the bidder holds no preemptive right (优先购买权).
    """

    code: str
    deposit_paid: bool = False
    barred: bool = False
    preemptive_rank: int | None = None


class AuctionState(NamedTuple):
    """Where the bidding stands: the highest bid and the current end."""

    terms: AuctionTerms
    price: int | None
    leader: Bidder | None
    ends_at: datetime
    extensions: int


class Bid(NamedTuple):
    """One bid as received.

    ``bidder`` is None when the code is not registered for this auction;
    ``amount`` is None when what was sent is not a positive amount.
    """

    code: str
    bidder: Bidder | None
    amount: int | None


class Accepted(NamedTuple):
    """The event of an accepted bid: it becomes the highest bid."""

    bidder: Bidder
    amount: int
    at: datetime
    ends_at: datetime
    extended: bool


class Rejected(NamedTuple):
    """A refused bid; it changes nothing."""

    reason: Reason


Decision = Accepted | Rejected
