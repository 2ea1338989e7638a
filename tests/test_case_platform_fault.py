"""OJA Art 28(2): the platform may postpone an auction by itself for a system fault or a
security hazard, and must report to the court at once; Art 28(3): the reason is
published; Art 28(4): once the court records the ground ended, it resumes within five
days, as after any pause."""

from __future__ import annotations

from datetime import timedelta

from case_support import a_court, announced_lot, auction_of, bid, on, refused, stage, today
from fapai.app.auctions import queries
from fapai.app.cases import deadline_board, pauses
from fapai.app.cases.platform_fault import postpone_for_fault
from fapai.app.services import Services
from support import Clock, bidder, pay_deposit

REASON = "竞价系统数据库故障，暂停竞价"


def _fault_rows(services: Services, court_id: int, lot: int) -> list[deadline_board.Row]:
    rows = deadline_board.board(services, court_id, include_done=True)
    return [r for r in rows if r.lot_id == lot and r.kind == "fault_report"]


def test_the_platform_postpones_a_live_auction_and_the_court_sees_the_report_at_once(
    services: Services, clock: Clock
) -> None:
    """OJA Art 28(2)-(4): stopped now, published, on the court's board the same day."""
    c = a_court(services)
    lot, auction = announced_lot(services, c, clock)
    who = bidder(services, "竞买人甲")
    assert pay_deposit(services, who, auction) == "confirmed"
    clock.set(auction_of(services, auction).starts_at + timedelta(hours=1))
    postpone_for_fault(services, auction, REASON)

    assert auction_of(services, auction).status == "postponed"
    assert stage(services, lot) == "paused"
    pause = queries.auction_snapshot(services, auction)["pause"]
    assert pause["ground"] == "platform_fault"
    assert pause["reason"] == REASON
    assert pause["by"] == "platform"
    refused(lambda: bid(services, who, auction, "700000.00"), "auction_paused")
    (report,) = _fault_rows(services, c.id, lot)
    assert (report.state, report.article, report.due) == (
        "open",
        "OJA Art 28(2)",
        str(today(clock)),
    )
    clock.advance(days=1)
    assert _fault_rows(services, c.id, lot)[0].state == "overdue"  # "at once": that day

    pauses.lift_pause(services, c.bureau, lot, today(clock))
    assert _fault_rows(services, c.id, lot)[0].state == "late"
    window = on(today(clock) + timedelta(days=2))
    pauses.resume(services, c.office, lot, window, window + timedelta(hours=24))
    assert stage(services, lot) == "announced"


def test_only_an_announced_auction_before_its_end_is_postponed(
    services: Services, clock: Clock
) -> None:
    c = a_court(services)
    _, auction = announced_lot(services, c, clock)
    refused(lambda: postpone_for_fault(services, auction + 99, REASON), "not_found")
    refused(lambda: postpone_for_fault(services, auction, " "), "invalid_reason")
    clock.set(auction_of(services, auction).effective_end)
    refused(lambda: postpone_for_fault(services, auction, REASON), "not_pausable")
