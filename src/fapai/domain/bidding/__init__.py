"""The bidding engine: one deterministic ``decide`` and ``evolve`` for every caller.

``fapai replay``, the live bid path and the supervisors' re-check all run this
engine, so a replayed auction and the live one cannot disagree.
"""

from fapai.domain.bidding.engine import decide, evolve, open_auction
from fapai.domain.bidding.model import (
    Accepted,
    AuctionState,
    AuctionTerms,
    Bid,
    Bidder,
    Reason,
    Rejected,
)

__all__ = [
    "Accepted",
    "AuctionState",
    "AuctionTerms",
    "Bid",
    "Bidder",
    "Reason",
    "Rejected",
    "decide",
    "evolve",
    "open_auction",
]
