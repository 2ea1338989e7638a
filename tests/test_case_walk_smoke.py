"""A first whole case: from the ruling to the delivery (smoke of the back office)."""

from __future__ import annotations

from datetime import timedelta

from case_support import a_court, announced_lot
from fapai.app.auctions import closing, registration
from fapai.app.auctions.bidding import place_bid
from fapai.app.cases import after_sale, deadline_board
from fapai.app.ledger import flows
from fapai.domain.calendar import beijing_date
from support import bidder, pay_deposit


def test_a_house_from_ruling_to_delivery(services, clock) -> None:
    c = a_court(services)
    lot, auction = announced_lot(services, c, clock, house=True)
    with services.db.read() as tx:
        record = tx.auction(auction)
    assert record is not None
    assert record.status == "open"
    buyer = bidder(services, "买受人")
    assert pay_deposit(services, buyer, auction) == "confirmed"
    clock.set(record.starts_at + timedelta(hours=1))
    place_bid(services, buyer.account_id, auction, "700000.00", "k1")
    clock.set(record.ends_at)
    assert closing.close_auction(services, auction)
    order = registration.request_balance(services, buyer.account_id, auction)
    body, signature = services.gateway.notice(  # type: ignore[attr-defined]
        order.order_ref, 63_000_000, buyer.name, "T-balance"
    )
    registration.accept_bank_notice(services, body, signature)
    after_sale.send_confirmation(services, c.office, lot)
    after_sale.check_eligibility(services, c.bureau, lot, True, "购房资格证明")
    today = beijing_date(clock())
    after_sale.rule_sale(services, c.bureau, lot, "（2026）沪01执123号之二", today)
    after_sale.issue_title_notice(services, c.bureau, lot, "上海市不动产登记事务中心", today)
    after_sale.deliver(services, c.office, lot, today)
    with services.db.read() as tx:
        assert tx.lot(lot).stage == "delivered"
    rows = deadline_board.board(services, c.id, include_done=True)
    kinds = {r.kind: r.state for r in rows}
    assert kinds["sale_ruling"] == "done"
    assert kinds["delivery"] == "done"
    flows.raise_alerts(services)
