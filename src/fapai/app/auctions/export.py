"""An auction as a ``fapai-replay/1`` document (docs/replay-format.md).

Bidders appear by their codes only, bids with their server receipt times, so
anyone can re-run the auction with ``fapai replay`` and get the live result.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fapai.app.auctions.ports import AuctionRecord, BidRecord
from fapai.app.auctions.registration import SETTLED
from fapai.app.errors import not_found
from fapai.app.ports import Database
from fapai.app.presenting import beijing, yuan
from fapai.domain.rules import DISPOSAL


def export_auction(db: Database, auction_id: int) -> dict[str, Any]:
    with db.read() as tx:
        auction = tx.auction(auction_id)
        if auction is None:
            raise not_found("拍卖", "Auction")
        registrations = tx.registrations(auction_id)
        bids = tx.bids(auction_id, accepted_only=False)
    bidders: list[dict[str, Any]] = []
    for registration in sorted(registrations, key=lambda r: r.code):
        entry: dict[str, Any] = {
            "id": registration.code,
            "deposit_paid": registration.deposit_status in SETTLED,
        }
        if registration.barred:
            entry["barred"] = True
        if registration.preemptive_rank is not None:
            entry["preemptive_rank"] = registration.preemptive_rank
        bidders.append(entry)
    return {
        "format": "fapai-replay/1",
        "auction": {
            "start_price": yuan(auction.start_price),
            "increment": yuan(auction.increment),
            "starts_at": beijing(auction.starts_at),
            "ends_at": beijing(_bidding_end(auction, bids)),
            "extension_seconds": auction.extension_seconds,
            "allow_self_raise": auction.allow_self_raise,
        },
        "bidders": bidders,
        "events": [
            {
                "type": "bid",
                "at": beijing(bid.received_at),
                "bidder": bid.code,
                "amount": bid.amount_text if bid.amount is None else yuan(bid.amount),
            }
            for bid in bids
        ],
    }


def _bidding_end(auction: AuctionRecord, bids: list[BidRecord]) -> datetime:
    """The end the bids ran against: a 变卖's first accepted bid set it 24 hours later."""
    if auction.kind == "sale":
        first = next((bid for bid in bids if bid.reason is None), None)
        if first is not None:
            return first.received_at + DISPOSAL.sale_countdown
    return auction.ends_at
