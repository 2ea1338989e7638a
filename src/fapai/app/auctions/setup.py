"""An auction set up directly on a lot, with the terms' statutory checks (OJA Arts 17,
20): the live auction's entry point for the tests and benchmarks of the bidding engine,
which need an auction without a case's weeks of steps. No route, command or demo story
reaches it: a court's auctions are made by ``cases/auction_terms``, after the
ruling, the reference price, the panel, the notices and the announcement period
(issue 16: a form that skipped them published a house with none of it).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from fapai.app.accounts.courts import require
from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.auctions.ports import AuctionRecord
from fapai.app.audit import trail
from fapai.app.errors import conflict, invalid, not_found, other_court
from fapai.app.services import Services
from fapai.domain.rules import SOFT_CLOSE_EXTENSION
from fapai.domain.workflow import checks


def create_auction(
    services: Services,
    user: CourtPrincipal,
    lot_id: int,
    round_: int,
    start_price: int,
    increment: int,
    deposit: int,
    starts_at: datetime,
    ends_at: datetime,
    allow_self_raise: bool = False,
    extension: timedelta = SOFT_CLOSE_EXTENSION,
) -> int:
    require(user, "auction_office")
    for refusal in (
        checks.positive_prices(start_price, increment),
        checks.deposit(deposit, start_price),
        checks.bidding_window(starts_at, ends_at),
    ):
        if refusal is not None:
            raise invalid(refusal.code, refusal.zh, refusal.en)
    if round_ not in (1, 2):
        raise invalid("invalid_round", "拍卖轮次须为1或2。", "The round must be 1 or 2.")
    now = services.clock()
    with services.db.write() as tx:
        lot = tx.lot(lot_id)
        if lot is None:
            raise not_found("标的物", "Lot")
        if lot.case_id is not None:
            raise conflict(
                "lot_in_case", "案件中的标的物须按拍卖程序确定拍卖条件并发布公告。",
                "A lot of a case is auctioned through its case: terms, notices, announcement.",
            )  # fmt: skip
        if lot.court_id != user.court_id:
            raise other_court("标的物")
        record = AuctionRecord(
            0, lot_id, user.court_id, round_, start_price, increment, deposit, starts_at,
            ends_at, int(extension.total_seconds()), allow_self_raise, "open", None, None,
            None, None, ends_at, 0, 0, 0, None,
        )  # fmt: skip
        auction_id = tx.insert_auction(record, now)
        trail.record(
            tx, trail.auction_scope(auction_id), now, f"court_user:{user.login}",
            "auction.created", lot=lot_id, round=round_, start_price=start_price,
            increment=increment, deposit=deposit, starts_at=starts_at.isoformat(),
            ends_at=ends_at.isoformat(), allow_self_raise=allow_self_raise,
        )  # fmt: skip
    return auction_id
