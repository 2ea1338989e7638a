"""Whether an auction takes registrations, deposits and bids right now.

A draft is not public yet, nor is an auction handed over to the platform it was
designated to (it is held there, never here: OJA Arts 4-5); a paused auction (暂缓 /
中止) stops taking bids at once and says why on its page (OJA Art 28); a settled or
ended one is closed.
"""

from __future__ import annotations

from datetime import datetime

from fapai.app.auctions.ports import NOT_HERE, AuctionRecord
from fapai.app.errors import AppError, conflict, not_found

PAUSED = ("postponed", "suspended")


def held_here(operated: str | None, designated: str | None) -> bool:
    """Whether the auction designated to ``designated`` is held by this deployment, which
    operates ``operated`` (None: it stands in for every listed platform, the demo)."""
    return operated is None or designated is None or designated == operated


def unavailable(auction: AuctionRecord, now: datetime | None) -> AppError | None:
    """Why the auction refuses now (None: it is open; ``now=None`` skips the clock)."""
    if auction.status in NOT_HERE:
        return not_found("拍卖", "Auction")
    if auction.status in PAUSED:
        word = "暂缓" if auction.status == "postponed" else "中止"
        return conflict(
            "auction_paused",
            f"本次拍卖已{word}，暂停报名和竞价，原因见拍卖页面（《网络司法拍卖规定》第二十八条）。",
            f"This auction is {auction.status}; it takes no registrations or bids until it "
            "resumes (OJA Art 28).",
        )
    if auction.status != "open" or (now is not None and now >= auction.effective_end):
        return conflict("closed", "竞价已结束。", "Bidding has closed.")
    return None
