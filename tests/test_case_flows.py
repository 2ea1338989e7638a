"""Whole cases through every branch of a lot's life, with the tests' clock and the real
calendar: sold and delivered (a house's buyer checked, HSE Art 3), a default and the
re-auction without the defaulter (OJA Art 24), two failed rounds and the sale at a price
(变卖) with its 24-hour countdown, the property taken in lieu or released (ASR Arts 16,
24-25), postponement and suspension with the director's approval and the resumption
(OJA Art 28, Shanghai items 18-20), revocation (OJA Art 31, ASR Art 19), the platform
lottery (OJA Art 5, Shanghai item 12), and the deadline board that follows them all.

Every act goes through the use case the court user calls, so each test also proves the
lot's state machine: an act out of turn is refused with ``wrong_stage``.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from case_support import (
    Court,
    a_court,
    announced_lot,
    auction_of,
    bid,
    close_at_end,
    drafted_lot,
    next_round,
    notify_parties,
    on,
    panel,
    pay_balance,
    priced_lot,
    refused,
    stage,
    take_in_lieu,
    terms,
    to_balance_deadline,
    today,
)
from fapai.app.assignment import lottery_file
from fapai.app.assignment.lottery_file import LotteryFileError, recheck
from fapai.app.auctions import queries, registration
from fapai.app.auctions.ports import AuctionFilter
from fapai.app.cases import (
    after_sale,
    auction_terms,
    deadline_board,
    in_lieu,
    pauses,
    settlement,
)
from fapai.app.ledger import flows, reconciliation
from fapai.app.services import Services
from fapai.domain.calendar import beijing_date, period_end
from fapai.domain.money import format_yuan
from fapai.storage import tables
from support import Bidder, Clock, bidder, pay_deposit

REFERENCE = 100_000_000
FIRST = 70_000_000  # the first round's starting price in these cases
STEP = FIRST // 100  # its increment
DAY = timedelta(days=1)


def yuan(fen: int) -> str:
    return format_yuan(fen)


def deposit_status(services: Services, who: Bidder, auction_id: int) -> str:
    with services.db.read() as tx:
        found = tx.registration(auction_id, who.account_id)
    assert found is not None
    return found.deposit_status


def steps(services: Services, lot: int) -> list[str]:
    with services.db.read() as tx:
        return [s.step for s in tx.steps(lot)]


def sold_lot(services: Services, c: Court, clock: Clock, house: bool = False, lead: int = 40):
    """An announced lot sold at the start price to ``buyer`` over ``loser``'s deposit."""
    lot, auction = announced_lot(services, c, clock, house=house, lead_days=lead)
    buyer, loser = bidder(services, "买受人"), bidder(services, "竞买人乙")
    assert pay_deposit(services, buyer, auction) == "confirmed"
    assert pay_deposit(services, loser, auction) == "confirmed"
    clock.set(auction_of(services, auction).starts_at + timedelta(hours=1))
    assert bid(services, buyer, auction, yuan(FIRST)).bid.reason is None
    closed = close_at_end(services, clock, auction)
    assert closed.status == "sold"
    assert stage(services, lot) == "sold"
    assert deposit_status(services, loser, auction) == "released"  # OJA Art 23
    flows.send_due_refunds(services)
    return lot, auction, buyer


def failed_twice(services: Services, c: Court, clock: Clock, property_type: str = "movable"):
    """一拍 and 二拍 (at 80%, within 30 days, announced ahead) both unsold."""
    lot, first = announced_lot(services, c, clock, property_type)
    assert close_at_end(services, clock, first).status == "unsold"
    assert stage(services, lot) == "unsold"
    second = next_round(services, c, clock, lot, FIRST * 80 // 100, on(today(clock) + 20 * DAY))
    assert close_at_end(services, clock, second).status == "unsold"
    assert stage(services, lot) == "unsold"
    return lot, first, second


def board(services: Services, c: Court, done: bool = True) -> list[deadline_board.Row]:
    return deadline_board.board(services, c.id, include_done=done)


def clock_of(services: Services, c: Court, lot: int, kind: str) -> deadline_board.Row:
    found = [r for r in board(services, c) if r.lot_id == lot and r.kind == kind]
    assert len(found) == 1, (kind, found)
    return found[0]


# --- sold → paid → confirmation → (eligibility) → sale ruling → title notice → delivery ---


def test_a_house_goes_from_its_sale_to_its_delivery_through_each_hand_off(services, clock) -> None:
    """Shanghai item 11's hand-offs in order; the confirmation waits for the whole price
    (OJA Art 25) and the ruling for the house buyer's proven eligibility (HSE Art 3)."""
    c = a_court(services)
    lot, auction, buyer = sold_lot(services, c, clock, house=True)
    refused(lambda: after_sale.send_confirmation(services, c.office, lot), "balance_unpaid")
    refused(
        lambda: after_sale.rule_sale(
            services, c.bureau, lot, "（2026）沪01执123号之二", today(clock)
        ),
        "wrong_stage",
    )
    assert pay_balance(services, buyer, auction) == "confirmed"
    after_sale.send_confirmation(services, c.office, lot)
    assert stage(services, lot) == "confirmed"
    ruling = lambda: after_sale.rule_sale(  # noqa: E731
        services, c.bureau, lot, "（2026）沪01执123号之二", today(clock)
    )
    refused(ruling, "eligibility_unchecked")
    after_sale.check_eligibility(services, c.bureau, lot, False, "社保缴纳不满五年")
    assert stage(services, lot) == "confirmed"  # a failed check keeps the lot here
    refused(ruling, "eligibility_unchecked")
    after_sale.check_eligibility(services, c.bureau, lot, True, "购房资格核查证明")
    assert stage(services, lot) == "eligible"
    ruling()
    assert stage(services, lot) == "sale_ruled"
    refused(lambda: after_sale.deliver(services, c.office, lot, today(clock)), "wrong_stage")
    after_sale.issue_title_notice(services, c.bureau, lot, "上海市不动产登记事务中心", today(clock))
    assert stage(services, lot) == "title_notice"
    after_sale.deliver(services, c.office, lot, today(clock))
    assert stage(services, lot) == "delivered"
    assert steps(services, lot)[-6:] == [
        "confirmation_sent", "eligibility", "eligibility", "sale_ruled", "title_notice",
        "delivered",
    ]  # fmt: skip
    kinds = {r.kind: r.state for r in board(services, c) if r.lot_id == lot}
    assert kinds["sale_ruling"] == "done"
    assert kinds["delivery"] == "done"


def test_a_lot_that_is_not_a_house_goes_from_confirmation_straight_to_the_ruling(
    services, clock
) -> None:
    """HSE Art 3 concerns houses only: other property needs no eligibility check."""
    c = a_court(services)
    lot, auction, buyer = sold_lot(services, c, clock)
    pay_balance(services, buyer, auction)
    after_sale.send_confirmation(services, c.office, lot)
    refused(
        lambda: after_sale.check_eligibility(services, c.bureau, lot, True, "证明"), "not_a_house"
    )
    after_sale.rule_sale(services, c.bureau, lot, "（2026）沪01执123号之二", today(clock))
    assert stage(services, lot) == "sale_ruled"


# --- default (悔拍) → forfeiture → re-auction on the same terms without the defaulter -----


def test_a_defaulter_loses_the_deposit_and_is_barred_from_the_re_auction(services, clock) -> None:
    """OJA Art 24: the balance not paid by the deadline, the deposit is forfeited and
    applied in its order once the re-auction has closed, and the lot is auctioned again on
    the same terms; the defaulter may not even register (refused ``barred``)."""
    c = a_court(services)
    lot, auction, defaulter = sold_lot(services, c, clock)
    record = lambda: settlement.record_default(services, c.bureau, auction)  # noqa: E731
    refused(record, "balance_not_yet_due")
    due_at = to_balance_deadline(services, clock, auction)
    closed_on = beijing_date(auction_of(services, auction).closed_at)
    assert beijing_date(due_at - timedelta(seconds=1)) == period_end(
        services.calendar, closed_on, 10
    )  # the whole tenth day (rolled past rest days) is the buyer's
    clock.set(due_at - timedelta(seconds=1))
    refused(record, "balance_not_yet_due")
    clock.set(due_at)
    record()
    assert auction_of(services, auction).status == "defaulted"
    assert stage(services, lot) == "defaulted"
    apply = lambda: settlement.apply_forfeited_deposit(  # noqa: E731
        services, c.bureau, auction, 500_000, 0, 6_500_000
    )
    refused(apply, "reauction_not_closed")  # its costs and shortfall come first (Art 24)

    starts = on(today(clock) + 40 * DAY)
    for changed in (
        terms(starts, FIRST - STEP),  # a lower start
        replace(terms(starts, FIRST), deposit=FIRST // 5),  # a larger deposit
        replace(terms(starts, FIRST), increment=STEP * 2),
    ):
        refused(
            lambda t=changed: auction_terms.set_terms(services, c.office, lot, t, panel(clock)),
            "terms_must_repeat",
        )
    again = auction_terms.set_terms(services, c.office, lot, terms(starts, FIRST), panel(clock))
    notify_parties(services, c, clock, lot)  # the re-auction is announced anew (OJA Art 16)
    auction_terms.confirm_disclosure(services, c.bureau, lot)
    auction_terms.announce(services, c.office, lot)
    with services.db.read() as tx:
        extras = tx.extras(again)
    assert (extras.previous_id, extras.platform) == (auction, "taobao")
    record_again = auction_of(services, again)
    assert (record_again.round, record_again.kind, record_again.deposit) == (
        1,
        "auction",
        FIRST // 10,
    )

    refused(lambda: registration.register(services, defaulter.account_id, again, True), "barred")
    with services.db.read() as tx:
        assert tx.registration(again, defaulter.account_id) is None
    honest = bidder(services, "竞买人丙")
    assert pay_deposit(services, honest, again) == "confirmed"
    clock.set(record_again.starts_at + timedelta(hours=1))
    refused(apply, "reauction_not_closed")
    assert bid(services, honest, again, yuan(FIRST)).bid.reason is None
    assert close_at_end(services, clock, again).status == "sold"
    assert stage(services, lot) == "sold"
    apply()


# --- 一拍 unsold → 二拍 → unsold → 变卖 → sold --------------------------------------------


def test_after_two_failed_rounds_the_sale_at_a_price_runs_a_24_hour_countdown(
    services, clock
) -> None:
    """2017 SPC notice (rules.md §8 #43): the 变卖's first bid at the price starts a
    24-hour countdown instead of the 60-day period, a raise in its last 5 minutes moves
    the end to 5 minutes after it (OJA Art 20), and the highest bidder buys; the lots are
    linked round to round so the property is followed from 一拍 to 变卖."""
    c = a_court(services)
    lot, first, second = failed_twice(services, c, clock)
    price = auction_of(services, second).start_price
    assert price == FIRST * 80 // 100
    sale = next_round(
        services,
        c,
        clock,
        lot,
        price,
        on(period_end(services.calendar, today(clock), 7)),
        deposit=price,
        hours=24 * 60,
    )
    with services.db.read() as tx:
        chain = [tx.extras(a).previous_id for a in (first, second, sale)]
    assert chain == [None, first, second]
    assert clock_of(services, c, lot, "sale_notice").state == "done"  # announced at once
    snapshot = queries.auction_snapshot(services, sale)
    assert snapshot["kind"] == "sale"
    assert snapshot["round"] == 3

    early, late = bidder(services, "先出价人"), bidder(services, "加价人")
    assert pay_deposit(services, early, sale) == "confirmed"
    assert pay_deposit(services, late, sale) == "confirmed"
    record = auction_of(services, sale)
    assert record.ends_at - record.starts_at == timedelta(days=60)
    clock.set(record.starts_at + 10 * DAY)
    placed = bid(services, early, sale, yuan(price))
    assert placed.bid.reason is None
    countdown_end = clock() + timedelta(hours=24)
    assert auction_of(services, sale).effective_end == countdown_end
    clock.set(countdown_end - timedelta(minutes=3))
    raised = bid(services, late, sale, yuan(price + price // 100))
    assert raised.bid.reason is None
    after = auction_of(services, sale)
    assert after.effective_end == clock() + timedelta(minutes=5)
    assert after.extensions == 1
    closed = close_at_end(services, clock, sale)
    assert closed.status == "sold"
    assert closed.price == price + price // 100
    assert deposit_status(services, early, sale) == "released"  # the prepayment comes back
    assert stage(services, lot) == "sold"
    assert pay_balance(services, late, sale) == "confirmed"  # the raise above the prepayment
    after_sale.send_confirmation(services, c.office, lot)
    assert stage(services, lot) == "confirmed"


def test_a_sale_at_the_price_with_no_raise_has_nothing_left_to_pay_and_a_ruling_clock(
    services, clock
) -> None:
    """变卖 with one buyer: the prepayment is the whole price, so the confirmation can go
    at once; the sale ruling is then due within 10 days (ASR Art 20)."""
    c = a_court(services)
    lot, _, second = failed_twice(services, c, clock)
    price = auction_of(services, second).start_price
    sale = next_round(
        services,
        c,
        clock,
        lot,
        price,
        on(period_end(services.calendar, today(clock), 7)),
        deposit=price,
        hours=24 * 60,
    )
    buyer = bidder(services)
    pay_deposit(services, buyer, sale)
    clock.set(auction_of(services, sale).starts_at + DAY)
    bid(services, buyer, sale, yuan(price))
    closed = close_at_end(services, clock, sale)
    after_sale.send_confirmation(services, c.office, lot)
    ruling = clock_of(services, c, lot, "sale_ruling")
    assert ruling.state == "open"
    closed_on = closed.closed_at.date()
    assert date.fromisoformat(ruling.due) >= closed_on + 10 * DAY


def test_a_sale_at_a_price_announced_after_15_days_stays_late_on_the_board(services, clock) -> None:
    """2017 SPC notice (rules.md §8 #42): the 变卖 is announced within 15 days of the
    second failure; announced later it is not refused (that would only stop the case)
    but its clock shows late."""
    c = a_court(services)
    lot, _, second = failed_twice(services, c, clock)
    notice = clock_of(services, c, lot, "sale_notice")
    assert notice.state == "open"
    clock.set(on(date.fromisoformat(notice.due) + DAY))
    assert clock_of(services, c, lot, "sale_notice").state == "overdue"
    price = auction_of(services, second).start_price
    next_round(
        services,
        c,
        clock,
        lot,
        price,
        on(period_end(services.calendar, today(clock), 7)),
        deposit=price,
        hours=24 * 60,
    )
    assert clock_of(services, c, lot, "sale_notice").state == "late"


# --- 二拍 unsold → in lieu (以物抵债) → ruling → delivery; or release ---------------------


def test_a_creditor_may_take_in_lieu_after_a_failed_first_round_asr_art_16(services, clock) -> None:
    """ASR Art 16: after any auction nobody bought, at that round's reserve price (the
    rule was wrongly limited to the second round); not while the round still runs."""
    c = a_court(services)
    lot, first = announced_lot(services, c, clock, "movable")
    refused(
        lambda: in_lieu.request_in_lieu(services, c.bureau, first, "乙", 1, 1), "not_a_failed_round"
    )
    assert close_at_end(services, clock, first).status == "unsold"
    price = auction_of(services, first).start_price
    assert take_in_lieu(services, c, first, price) == 0
    assert stage(services, lot) == "in_lieu"


def test_a_creditor_takes_the_property_in_lieu_and_pays_the_difference_first(
    services, clock
) -> None:
    """ASR Art 16: at the failed round's reserve price; the ruling waits for the
    difference (ASR Art 20) and the property is then delivered."""
    c = a_court(services)
    lot, first, second = failed_twice(services, c, clock)
    refused(
        lambda: in_lieu.request_in_lieu(services, c.bureau, first, "乙", 10_000_000, 1),
        "not_the_latest_round",
    )
    price = auction_of(services, second).start_price
    difference = take_in_lieu(services, c, second, price - 6_000_000)
    assert difference == 6_000_000
    assert stage(services, lot) == "in_lieu"
    ruling = lambda: after_sale.rule_sale(  # noqa: E731
        services, c.bureau, lot, "（2026）沪01执123号之三", today(clock)
    )
    refused(ruling, "difference_unpaid")
    refused(
        lambda: in_lieu.record_in_lieu_payment(services, c.office, second, "B-1", 5_999_999),
        "wrong_amount",
    )
    statement = f"booked_on,amount,bank_ref,counterparty\n2026-12-20,{yuan(difference)},B-1,x\n"
    reconciliation.reconcile(services, c.id, "test", "statement", statement)  # the bank's record
    in_lieu.record_in_lieu_payment(services, c.office, second, "B-1", difference)
    ruling()
    after_sale.issue_title_notice(services, c.bureau, lot, "某区市场监督管理局", today(clock))
    after_sale.deliver(services, c.office, lot, today(clock))
    assert stage(services, lot) == "delivered"
    assert clock_of(services, c, lot, "sale_ruling").state == "done"


def test_creditors_take_in_lieu_by_legal_rank_and_equal_ranks_draw_lots_asr_art_16(
    services, clock
) -> None:
    """ASR Art 16: of several creditors, the one first in the legal order takes; of equal
    rank, a lottery anyone can re-check chooses; Shanghai item 5: the enforcement leader
    approves the taking before it is recorded, and only the chosen creditor's claim
    counts. Names stay off the public record."""
    c = a_court(services)
    lot, first = announced_lot(services, c, clock, "movable")
    close_at_end(services, clock, first)
    price = auction_of(services, first).start_price
    ask = in_lieu.request_in_lieu
    assert ask(services, c.bureau, first, "丙银行", price, 2) == "creditor-1"
    assert ask(services, c.bureau, first, "甲公司", price - 1_000_000, 1) == "creditor-2"
    assert ask(services, c.bureau, first, "乙公司", price - 2_000_000, 1) == "creditor-3"
    refused(lambda: ask(services, c.bureau, first, "丁", price, 0), "invalid_rank")
    refused(lambda: ask(services, c.office, first, "丁", price, 1), "role_not_allowed")
    refused(lambda: in_lieu.approve_in_lieu(services, c.director, first), "draw_needed")
    refused(lambda: in_lieu.take_in_lieu(services, c.bureau, first), "draw_needed")
    published = in_lieu.schedule_in_lieu_draw(services, c.office, first)
    assert published["candidates"] == ["creditor-2", "creditor-3"]
    assert not published["drawn"]
    assert "甲公司" not in str(published)
    chosen = in_lieu.run_in_lieu_draw(services, c.office, first)
    record = in_lieu.public_in_lieu_draw(services, first)["record"]
    assert lottery_file.recheck(record).chosen == chosen
    refused(lambda: in_lieu.take_in_lieu(services, c.bureau, first), "in_lieu_not_approved")
    refused(lambda: in_lieu.approve_in_lieu(services, c.bureau, first), "role_not_allowed")
    assert in_lieu.approve_in_lieu(services, c.director, first) == chosen
    refused(lambda: ask(services, c.bureau, first, "戊", price, 1), "in_lieu_approved")
    claim = {"creditor-2": price - 1_000_000, "creditor-3": price - 2_000_000}[chosen]
    assert in_lieu.take_in_lieu(services, c.bureau, first) == price - claim
    assert stage(services, lot) == "in_lieu"


def test_a_creditor_alone_in_the_first_rank_needs_no_draw_asr_art_16(services, clock) -> None:
    c = a_court(services)
    _, first = announced_lot(services, c, clock, "movable")
    close_at_end(services, clock, first)
    price = auction_of(services, first).start_price
    in_lieu.request_in_lieu(services, c.bureau, first, "甲公司", price, 2)
    in_lieu.request_in_lieu(services, c.bureau, first, "乙公司", price, 1)
    refused(lambda: in_lieu.schedule_in_lieu_draw(services, c.office, first), "no_tie")
    assert in_lieu.approve_in_lieu(services, c.director, first) == "creditor-2"


def test_in_lieu_without_a_difference_starts_the_ruling_clock_at_once(services, clock) -> None:
    """ASR Arts 16, 20: a claim at least the reserve pays nothing more, so the ruling is due
    within 10 days of the taking."""
    c = a_court(services)
    lot, _, second = failed_twice(services, c, clock)
    clock.advance(days=2)
    taken_on = today(clock)
    assert take_in_lieu(services, c, second, 10**9) == 0
    ruling = clock_of(services, c, lot, "sale_ruling")
    assert ruling.state == "open"
    assert ruling.due == period_end(services.calendar, taken_on, 10).isoformat()
    after_sale.rule_sale(services, c.bureau, lot, "（2026）沪01执123号之三", taken_on)
    assert clock_of(services, c, lot, "sale_ruling").state == "done"


def test_a_property_no_round_sold_and_nobody_took_is_released(services, clock) -> None:
    """ASR Arts 24-25: after the second failure the seizure is lifted; after only the
    first, the law wants a second auction (OJA Art 26)."""
    c = a_court(services)
    lot, first = announced_lot(services, c, clock, "movable")
    close_at_end(services, clock, first)
    refused(lambda: after_sale.release(services, c.bureau, lot, "无人竞买"), "second_round_first")
    second = next_round(services, c, clock, lot, FIRST * 80 // 100, on(today(clock) + 20 * DAY))
    close_at_end(services, clock, second)
    owed = {r.kind for r in deadline_board.board(services, c.id) if r.lot_id == lot}
    assert "sale_notice" in owed  # until the court decides otherwise, the 变卖 is owed
    refused(lambda: after_sale.release(services, c.office, lot, "无人竞买"), "role_not_allowed")
    after_sale.release(services, c.bureau, lot, "二拍流拍，申请执行人不同意以物抵债")
    assert stage(services, lot) == "released"
    refused(
        lambda: in_lieu.request_in_lieu(services, c.bureau, second, "乙", 10**8, 1), "wrong_stage"
    )
    # released: no further round is owed, so nothing on the board goes overdue for it
    clock.advance(days=30)
    owed = {r.kind for r in deadline_board.board(services, c.id) if r.lot_id == lot}
    assert "sale_notice" not in owed


# --- postponement and suspension (暂缓 / 中止) --------------------------------------------


def test_a_postponement_approved_by_the_director_stops_bids_and_resumes_the_same_auction(
    services, clock
) -> None:
    """Shanghai items 18-20, OJA Art 28: the bureau asks on a ground, only the director
    approves, the auction takes no registration or bid from then and its page shows the
    reason; with no bid placed it resumes itself in a new window, deposits standing."""
    c = a_court(services)
    lot, auction = announced_lot(services, c, clock)
    early = bidder(services, "早报名人")
    assert pay_deposit(services, early, auction) == "confirmed"
    ask = lambda: pauses.request_pause(  # noqa: E731
        services, c.bureau, lot, "postponed", "third_party_objection", "案外人对房屋提出异议"
    )
    for who, ground, code in (
        (c.office, "third_party_objection", "role_not_allowed"),
        (c.bureau, "no_such_ground", "invalid_ground"),
    ):
        refused(
            lambda u=who, g=ground: pauses.request_pause(services, u, lot, "postponed", g, "异议"),
            code,
        )
    ask()
    refused(ask, "pause_pending")
    assert auction_of(services, auction).status == "open"  # nothing stops before approval
    refused(lambda: pauses.approve_pause(services, c.bureau, lot), "role_not_allowed")
    pauses.approve_pause(services, c.director, lot)
    assert auction_of(services, auction).status == "postponed"
    assert stage(services, lot) == "paused"
    page = queries.auction_snapshot(services, auction)
    assert page["status"] == "postponed"
    assert page["pause"]["reason"] == "案外人对房屋提出异议"
    assert page["pause"]["ground"] == "third_party_objection"
    assert "异议" in page["pause"]["ground_text"]

    late = bidder(services, "晚报名人")
    refused(lambda: registration.register(services, late.account_id, auction, True),
            "auction_paused")  # fmt: skip
    clock.set(auction_of(services, auction).starts_at + timedelta(hours=1))
    refused(lambda: bid(services, early, auction, yuan(FIRST)), "auction_paused")

    window = on(today(clock) + 3 * DAY)
    resume = lambda hours=24.0: pauses.resume(  # noqa: E731
        services, c.office, lot, window, window + timedelta(hours=hours)
    )
    refused(resume, "ground_not_ended")
    pauses.lift_pause(services, c.bureau, lot, today(clock))
    refused(lambda: resume(23.99), "bidding_period_too_short")
    assert resume() == auction
    record = auction_of(services, auction)
    assert (record.status, record.starts_at, record.effective_end) == (
        "open", window, window + timedelta(hours=24),
    )  # fmt: skip
    assert stage(services, lot) == "announced"
    assert queries.auction_snapshot(services, auction)["pause"] is None
    assert deposit_status(services, early, auction) == "confirmed"
    clock.set(window + timedelta(hours=1))
    assert bid(services, early, auction, yuan(FIRST)).bid.reason is None
    assert clock_of(services, c, lot, "resumption").state == "done"


def test_a_suspension_after_bids_resumes_as_a_continuation_and_refunds_the_deposits(
    services, clock
) -> None:
    """OJA Art 28: bids cut short are not re-run on a new window; the suspended auction
    ends, its deposits come back (OJA Art 23), and a continuation on the same terms and
    platform takes bids from the start."""
    c = a_court(services)
    lot, auction = announced_lot(services, c, clock)
    a, b = bidder(services, "甲"), bidder(services, "乙")
    pay_deposit(services, a, auction)
    pay_deposit(services, b, auction)
    clock.set(auction_of(services, auction).starts_at + timedelta(hours=1))
    bid(services, a, auction, yuan(FIRST))
    pauses.request_pause(services, c.bureau, lot, "suspended", "bankruptcy", "破产申请已受理")
    pauses.approve_pause(services, c.director, lot)
    refused(lambda: bid(services, b, auction, yuan(FIRST + STEP)), "auction_paused")
    assert queries.auction_snapshot(services, auction)["pause"]["kind"] == "suspended"
    clock.advance(days=2)
    pauses.lift_pause(services, c.bureau, lot, today(clock))
    window = on(today(clock) + 4 * DAY)
    continued = pauses.resume(services, c.office, lot, window, window + timedelta(hours=24))
    assert continued != auction
    assert deposit_status(services, a, auction) == "released"
    assert deposit_status(services, b, auction) == "released"
    new = auction_of(services, continued)
    old = auction_of(services, auction)
    assert (new.start_price, new.increment, new.deposit, new.round) == (
        old.start_price, old.increment, old.deposit, old.round,
    )  # fmt: skip
    assert (new.price, new.bid_count, new.status) == (None, 0, "open")
    with services.db.read() as tx:
        assert tx.extras(continued).previous_id == auction
        assert tx.extras(continued).platform == "taobao"
    assert len(queries.bid_history(services, auction)["bids"]) == 1  # the cut-short bid stays
    refused(lambda: bid(services, a, auction, yuan(FIRST + STEP)), "auction_paused")
    assert pay_deposit(services, b, continued) == "confirmed"
    clock.set(window + timedelta(hours=1))
    assert bid(services, b, continued, yuan(FIRST)).bid.reason is None
    assert close_at_end(services, clock, continued).status == "sold"
    assert stage(services, lot) == "sold"
    assert clock_of(services, c, lot, "resumption").state == "done"


def test_deposits_held_a_month_in_a_pause_are_put_before_the_office(services, clock) -> None:
    """OJA Arts 23, 28: a pause has no end date, and the bidders' money waits in it. Each
    deposit held 30 days in a pause is a due on the deadline board, alerted when its
    time passes; resuming (or revoking) closes the holds without moving money."""
    c = a_court(services)
    lot, auction = announced_lot(services, c, clock)
    a, b = bidder(services, "甲"), bidder(services, "乙")
    pay_deposit(services, a, auction)
    pay_deposit(services, b, auction)
    pauses.request_pause(services, c.bureau, lot, "postponed", "other", "案外人主张权利")
    pauses.approve_pause(services, c.director, lot)

    def holds(state: str | None = None) -> list[deadline_board.Row]:
        rows = deadline_board.board(services, c.id, include_done=True)
        return [r for r in rows if r.kind == "pause_hold" and state in (None, r.state)]

    deposit_yuan = format_yuan(auction_of(services, auction).deposit)
    assert [(r.state, r.amount) for r in holds()] == [("open", deposit_yuan)] * 2
    clock.advance(days=29)
    assert flows.raise_alerts(services) == 0
    clock.advance(days=1, seconds=1)
    assert flows.raise_alerts(services) == 2
    assert len(holds("overdue")) == 2
    pauses.lift_pause(services, c.bureau, lot, today(clock))
    window = on(today(clock) + 4 * DAY)
    assert pauses.resume(services, c.office, lot, window, window + timedelta(hours=24)) == auction
    assert [r.state for r in holds()] == ["done", "done"]
    assert deposit_status(services, a, auction) == "confirmed"  # nothing moved


def test_a_draft_postponed_before_its_announcement_can_be_announced_after_resuming(
    services, clock
) -> None:
    """Shanghai item 18: a ground may arise before the announcement; once it ends the
    draft goes back to waiting for its announcement, not to a published stage."""
    c = a_court(services)
    lot, auction = drafted_lot(services, c, clock)
    pauses.request_pause(services, c.bureau, lot, "postponed", "applicant_consents", "申请暂缓")
    pauses.approve_pause(services, c.director, lot)
    assert stage(services, lot) == "paused"
    pauses.lift_pause(services, c.bureau, lot, today(clock))
    start = on(today(clock) + 45 * DAY)
    assert pauses.resume(services, c.office, lot, start, start + timedelta(hours=24)) == auction
    assert auction_of(services, auction).status == "draft"
    assert stage(services, lot) == "terms_set"
    auction_terms.announce(services, c.office, lot)
    assert auction_of(services, auction).status == "open"
    assert stage(services, lot) == "announced"


def test_a_pause_cannot_be_approved_once_bidding_has_ended(services, clock) -> None:
    """OJA Art 28 speaks of grounds arising during bidding; after the end the result
    stands (any challenge is a revocation)."""
    c = a_court(services)
    lot, auction = announced_lot(services, c, clock)
    pauses.request_pause(services, c.bureau, lot, "postponed", "other", "其他事由")
    clock.set(auction_of(services, auction).effective_end)
    refused(lambda: pauses.approve_pause(services, c.director, lot), "bidding_ended")


# --- revocation ---------------------------------------------------------------------------


def test_the_debtor_paying_in_full_revokes_the_sale_and_every_deposit_comes_back(
    services, clock
) -> None:
    """ASR Art 19: the debtor who pays everything before the sale stops it; the auction
    ends at once (ground debtor_paid), deposits are refunded (OJA Art 23), the page says
    why, and nothing more can happen to the lot."""
    c = a_court(services)
    lot, auction = announced_lot(services, c, clock)
    who = bidder(services)
    pay_deposit(services, who, auction)
    refused(lambda: pauses.revoke(services, c.office, lot, "debtor_paid", "已履行"),
            "role_not_allowed")  # fmt: skip
    refused(lambda: pauses.revoke(services, c.bureau, lot, "paid", "已履行"), "invalid_ground")
    pauses.revoke(services, c.bureau, lot, "debtor_paid", "被执行人已全部履行")
    assert stage(services, lot) == "revoked"
    assert auction_of(services, auction).status == "revoked"
    assert deposit_status(services, who, auction) == "released"
    page = queries.auction_snapshot(services, auction)
    assert page["status"] == "revoked"
    assert page["pause"]["ground"] == "debtor_paid"
    clock.set(auction_of(services, auction).starts_at + timedelta(hours=1))
    refused(lambda: bid(services, who, auction, yuan(FIRST)), "closed")
    refused(lambda: pauses.revoke(services, c.bureau, lot, "debtor_paid", "再次"), "wrong_stage")
    refused(
        lambda: auction_terms.set_terms(
            services, c.office, lot, terms(on(today(clock) + 40 * DAY), FIRST), panel(clock)
        ),
        "round_not_finished",
    )


@pytest.mark.parametrize("ground", ["untrue_description", "collusion", "not_announced"])
def test_revocation_on_an_oja_art_31_ground_is_recorded_with_its_article(
    services, clock, ground: str
) -> None:
    """OJA Art 31, OBJ Art 21: each ground is a code kept with the lot's steps."""
    c = a_court(services)
    lot, auction = drafted_lot(services, c, clock)
    pauses.revoke(services, c.bureau, lot, ground, "异议成立")
    with services.db.read() as tx:
        revoked = [s for s in tx.steps(lot) if s.step == "revoked"]
    assert json.loads(revoked[0].details)["ground"] == ground
    assert auction_of(services, auction).status == "revoked"


# --- the platform lottery (OJA Art 5, Shanghai item 12) -----------------------------------


def test_the_platform_is_drawn_by_a_lottery_published_before_and_re_checkable_after(
    services, clock
) -> None:
    """OJA Art 5: with no applicant's choice the court designates; the seed and the
    candidates (weighted to the platforms with fewer auctions, seed 001) are fixed and
    published first, the draw is reproducible from them, and it is on the audit trail."""
    c = a_court(services)
    announced_lot(services, c, clock)  # one auction on taobao in the past year
    lot = priced_lot(services, c, clock)
    draft = auction_terms.set_terms(
        services, c.office, lot, terms(on(today(clock) + 40 * DAY), FIRST), panel(clock)
    )
    refused(lambda: auction_terms.public_draw(services, lot), "no_draw")
    refused(lambda: auction_terms.run_platform_draw(services, c.office, lot), "no_draw")
    before = auction_terms.schedule_platform_draw(services, c.office, lot, "none_chosen")
    assert before["drawn"] is False
    loads = {item["key"]: item["load"] for item in before["candidates"]}
    assert loads["taobao"] == 1
    assert loads["jd"] == 0
    assert set(loads) == {"taobao", "jd", "rmfysszc", "gpai", "caa", "icbc", "cbex"}  # OJA Art 5
    assert auction_terms.public_draw(services, lot) == before  # what anyone reads, unchanged
    refused(
        lambda: auction_terms.schedule_platform_draw(services, c.office, lot, "none_chosen"),
        "draw_exists",
    )
    refused(lambda: auction_terms.choose_platform(services, c.office, lot, "jd"), "draw_exists")

    chosen = auction_terms.run_platform_draw(services, c.office, lot)
    with services.db.read() as tx:
        assert tx.extras(draft).platform == chosen
    drawn = auction_terms.public_draw(services, lot)
    assert drawn["drawn"] is True
    record = drawn["record"]
    assert (record["seed"], record["commitment"]) == (before["seed"], before["commitment"])
    assert recheck(record).chosen == chosen
    weights = {w["key"]: w["weight"] for w in record["weights"]}
    assert weights["taobao"] < weights["jd"]
    other = next(key for key in loads if key != chosen)
    with pytest.raises(LotteryFileError) as caught:
        recheck({**record, "chosen": other})
    assert caught.value.path == "$.chosen"
    refused(lambda: auction_terms.run_platform_draw(services, c.office, lot), "already_drawn")
    with services.db.read() as tx:
        trail = tx.c.execute(  # type: ignore[attr-defined]
            select(tables.audit_records.c.action, tables.audit_records.c.payload)
        ).all()
    scheduled = [json.loads(p) for a, p in trail if a == "lot.platform_draw_scheduled"]
    drawn = [json.loads(p) for a, p in trail if a == "lot.platform"]
    drawn = [d for d in drawn if d.get("by") == "lottery"]
    assert scheduled
    assert scheduled[0]["seed"] == before["seed"]
    assert drawn
    assert drawn[0]["platform"] == chosen


def test_a_platform_off_the_spc_list_cannot_be_chosen(services, clock) -> None:
    """OJA Arts 4-5: the applicant chooses from the SPC's list."""
    c = a_court(services)
    lot = priced_lot(services, c, clock)
    auction_terms.set_terms(
        services, c.office, lot, terms(on(today(clock) + 40 * DAY), FIRST), panel(clock)
    )
    refused(
        lambda: auction_terms.choose_platform(services, c.office, lot, "ebay"),
        "platform_not_listed",
    )
    auction_terms.choose_platform(services, c.office, lot, "jd")
    refused(lambda: auction_terms.choose_platform(services, c.office, lot, "gpai"), "platform_set")
    refused(
        lambda: auction_terms.schedule_platform_draw(services, c.office, lot, "none_chosen"),
        "platform_set",
    )


# --- the deadline board -------------------------------------------------------------------


def test_the_board_shows_each_clock_done_late_open_or_overdue_as_the_days_pass(
    services, clock
) -> None:
    """The statutory clocks after a sale: the ruling within 10 days of the payment (ASR
    Art 20), the delivery within 15 days of the ruling (ASR Art 27). An unmet clock is
    open until its day passes, then overdue and first on the board; met after its day it
    stays late."""
    c = a_court(services)
    lot, auction, buyer = sold_lot(services, c, clock)
    states = {r.kind: r.state for r in board(services, c) if r.lot_id == lot}
    assert states.items() >= {"notices": "done", "announcement": "done",
                              "disposal_start": "done"}.items()  # fmt: skip
    balance = [r for r in board(services, c) if r.kind == "balance" and r.auction_id == auction]
    assert [(r.state, r.article) for r in balance] == [("open", "OJA Art 25")]
    # issue 16: the row names its case and lot, and its day runs to 24:00, the day included
    assert (balance[0].lot_id, balance[0].title, balance[0].through_day_end) == (
        lot, "上海市某路1号101室", True,
    )  # fmt: skip
    assert (balance[0].case_number or "").startswith("（2026）沪01执")
    with services.db.read() as tx:
        (owed,) = [d for d in tx.dues(c.id, False, auction_id=auction) if d.kind == "balance"]
    assert date.fromisoformat(balance[0].due) == beijing_date(owed.due_at) - DAY
    pay_balance(services, buyer, auction)
    paid_on = today(clock)
    after_sale.send_confirmation(services, c.office, lot)
    ruling = clock_of(services, c, lot, "sale_ruling")
    assert ruling.state == "open"
    assert ruling.article == "ASR Art 20"
    due = date.fromisoformat(ruling.due)
    assert due >= paid_on + 10 * DAY
    assert any(r.kind == "sale_ruling" for r in board(services, c, done=False))
    clock.set(on(due))
    assert clock_of(services, c, lot, "sale_ruling").state == "open"  # the due day itself
    clock.set(on(due + DAY))
    overdue = board(services, c, done=False)
    assert (overdue[0].kind, overdue[0].state) == ("sale_ruling", "overdue")
    after_sale.rule_sale(services, c.bureau, lot, "（2026）沪01执123号之二", today(clock))
    assert clock_of(services, c, lot, "sale_ruling").state == "late"
    assert not any(r.kind == "sale_ruling" for r in board(services, c, done=False))
    delivery = clock_of(services, c, lot, "delivery")
    assert delivery.state == "open"
    assert delivery.article == "ASR Art 27"
    after_sale.issue_title_notice(services, c.bureau, lot, "不动产登记中心", today(clock))
    after_sale.deliver(services, c.office, lot, today(clock))
    assert clock_of(services, c, lot, "delivery").state == "done"


def test_the_board_marks_a_missed_re_auction_and_a_late_resumption_overdue(services, clock) -> None:
    """OJA Art 28 (the resumption within 5 days of the ground ending) and Art 26 (the
    second auction within 30 days of the failure) are clocks too."""
    c = a_court(services)
    failed, first = announced_lot(services, c, clock, "movable")
    paused, _ = announced_lot(services, c, clock, "movable")
    pauses.request_pause(services, c.bureau, paused, "postponed", "other", "其他")
    pauses.approve_pause(services, c.director, paused)
    pauses.lift_pause(services, c.bureau, paused, today(clock))
    resumption = clock_of(services, c, paused, "resumption")
    assert resumption.state == "open"
    assert resumption.article == "OJA Art 28"
    assert resumption.due == period_end(services.calendar, today(clock), 5).isoformat()
    close_at_end(services, clock, first)
    assert clock_of(services, c, paused, "resumption").state == "overdue"
    reauction = clock_of(services, c, failed, "reauction")
    assert reauction.state == "open"
    assert reauction.article == "OJA Art 26"
    assert reauction.due == period_end(services.calendar, today(clock), 30).isoformat()
    clock.set(on(date.fromisoformat(reauction.due)))
    assert clock_of(services, c, failed, "reauction").state == "open"
    clock.set(on(date.fromisoformat(reauction.due) + DAY))
    overdue = board(services, c, done=False)
    assert {(r.lot_id, r.kind) for r in overdue if r.state == "overdue"} >= {
        (failed, "reauction"), (paused, "resumption"),
    }  # fmt: skip
    assert [r.state for r in overdue][:2] == ["overdue", "overdue"]  # overdue first


def test_a_paused_draft_stays_private(services, clock) -> None:
    """A draft paused before its announcement is not public: an auction is public once
    announced (OJA Art 12)."""

    c = a_court(services)
    lot, draft = drafted_lot(services, c, clock)
    pauses.request_pause(services, c.bureau, lot, "postponed", "applicant_consents", "申请人同意")
    pauses.approve_pause(services, c.director, lot)
    assert stage(services, lot) == "paused"
    refused(lambda: queries.auction_snapshot(services, draft), "not_found")
    listed = queries.search(services, AuctionFilter(), 1, 100)["items"]
    assert draft not in {item["id"] for item in listed}


# --- provisional clocks ------------------------------------------------------------------


def test_the_board_marks_clocks_counted_into_an_unpublished_year_provisional(
    services, clock
) -> None:
    """CPL Art 85 counts by the year's holiday schedule, and 2027's is not published when
    these cases run (from December 2026): the balance due in 2027 and the announcement
    counted back from a bidding day in 2027 are 暂定; the disposal's start, counted within
    2026, is not."""
    c = a_court(services)
    lot, auction, _ = sold_lot(services, c, clock)
    assert clock_of(services, c, lot, "disposal_start").due.startswith("2026-12")
    assert not clock_of(services, c, lot, "disposal_start").provisional
    announcement = clock_of(services, c, lot, "announcement")
    assert announcement.due.startswith("2026-12")
    assert announcement.provisional
    balance = next(r for r in board(services, c) if r.kind == "balance")
    assert (balance.auction_id, balance.due[:4], balance.provisional) == (auction, "2027", True)
