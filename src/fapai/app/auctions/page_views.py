"""围观次数: how often an auction's public page was viewed (issue 16).

The big platforms show it beside 报名人数; buyers read it as the interest a lot draws.
Only a number per auction is kept: no address, account, cookie or time of a view, so
the count holds nothing personal. Which views count (one a browser a day, people not
robots) is the web layer's judgement (web/views.py); here a view is added to a public
auction only. A view is no act of anyone's and changes nothing of the auction, so it is
not written on the audit trail (it would put a row there for every visit).
"""

from __future__ import annotations

from fapai.app.auctions.ports import NOT_HERE
from fapai.app.errors import not_found
from fapai.app.services import Services


def count(services: Services, auction_id: int, counted: bool = True) -> int:
    """Add one view of a public auction's page when ``counted``; the count after it."""
    with services.db.write() as tx:
        auction = tx.auction(auction_id)
        if auction is None or auction.status in NOT_HERE:
            raise not_found("拍卖", "Auction")
        if counted:
            tx.count_view(auction_id)
        return tx.views(auction_id)
