"""What an auction's announcement published, as anyone may read it: the versions
frozen at the announcement and at each correction (OJA Arts 12-16; Shanghai item
10(2)). A published fact never changes silently: a change is a new version with its
date and reason, and the earlier versions stay readable.
"""

from __future__ import annotations

from typing import Any

from fapai.app.auctions.ports import NOT_HERE
from fapai.app.errors import not_found
from fapai.app.lots.ports import StepRecord
from fapai.app.lots.published import versions
from fapai.app.services import Services


def public(steps: list[StepRecord], auction_id: int) -> dict[str, Any] | None:
    """The current version and the history (None before the announcement)."""
    found = versions(steps, auction_id)
    if not found:
        return None
    return {"version": found[-1]["version"], "current": found[-1], "versions": found}


def read(services: Services, auction_id: int) -> dict[str, Any]:
    """GET /auctions/{id}/publication: public once announced."""
    with services.db.read() as tx:
        auction = tx.auction(auction_id)
        steps = tx.steps(auction.lot_id) if auction is not None else []
    found = public(steps, auction_id) if auction is not None else None
    if auction is None or auction.status in NOT_HERE or found is None:
        raise not_found("拍卖公告", "Announcement")
    return {"auction_id": auction_id, **found}
