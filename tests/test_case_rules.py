"""Every statutory number of a disposal at its boundary: one below, at, and above.

Each rule is exercised through the use case a court user calls, on SQLite and on
PostgreSQL, with the real State Council calendar (``StatutoryCalendar``, which the
``services`` fixture gets from bootstrap) and the tests' clock placed on the day the
rule needs: periods that end inside the 2026 Spring Festival (02-15..23) or National
Day (10-01..07) end on the next working day, and a period that starts on a weekend is
counted from the next day without moving its start (CPL Art 85). A refusal names the
rule and its article in Chinese and English and writes nothing.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

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
    priced_lot,
    refused,
    ruled_lot,
    stage,
    terms,
    to_balance_deadline,
    today,
)
from fapai.app.cases import auction_terms, disposal, sale_approval, settlement
from fapai.app.cases.auction_terms import Terms
from fapai.app.services import Services
from fapai.domain.calendar import period_end
from fapai.domain.money import format_yuan
from fapai.storage import tables
from support import Clock, bidder, pay_deposit, row_count

REFERENCE = 100_000_000  # CNY 1,000,000.00
FIRST = REFERENCE * 70 // 100  # the lowest first starting price, CNY 700,000.00


def cites(error, zh: str, en: str) -> None:
    assert zh in error.message_zh, error.message_zh
    assert en in error.message_en, error.message_en


def draft_refused(services: Services, c: Court, clock: Clock, lot: int, t: Terms, code: str):
    """``set_terms`` refused with ``code``: no auction, the lot where it was."""
    before, where = row_count(services, tables.auctions), stage(services, lot)
    error = refused(lambda: auction_terms.set_terms(services, c.office, lot, t, panel(clock)), code)
    assert row_count(services, tables.auctions) == before
    assert stage(services, lot) == where
    return error


def announce_refused(services: Services, c: Court, lot: int, auction: int, code: str):
    """The announcement refused with ``code``: the auction stays an unpublished draft."""
    error = refused(lambda: auction_terms.announce(services, c.office, lot), code)
    assert auction_of(services, auction).status == "draft"
    assert stage(services, lot) == "terms_set"
    return error


def failed_round(services: Services, c: Court, clock: Clock, property_type: str, lead: int):
    """A lot whose first round is announced today, starts ``lead`` days later and fails."""
    lot, auction = announced_lot(services, c, clock, property_type, lead_days=lead)
    close_at_end(services, clock, auction)
    assert stage(services, lot) == "unsold"
    return lot, auction


# --- prices and money ---------------------------------------------------------------------------


@pytest.mark.parametrize(("start", "ok"), [(FIRST - 1, False), (FIRST, True), (FIRST + 1, True)])
def test_first_starting_price_is_at_least_70_percent_of_the_reference_oja_art_10(
    services, clock, start: int, ok: bool
) -> None:
    """OJA Art 10: the reserve (= starting price) may not go below 70% of the reference."""
    c = a_court(services)
    lot = priced_lot(services, c, clock, reference=REFERENCE)
    t = terms(on(today(clock) + timedelta(days=40)), start, deposit=FIRST // 10)
    if ok:
        auction = auction_terms.set_terms(services, c.office, lot, t, panel(clock))
        assert auction_of(services, auction).start_price == start
        assert stage(services, lot) == "terms_set"
        return
    error = draft_refused(services, c, clock, lot, t, "start_below_reference")
    cites(error, "第十条", "OJA Art 10")
    assert "¥700,000.00" in error.message_zh


@pytest.mark.parametrize(
    "start", [FIRST * 80 // 100 - 1, FIRST * 80 // 100, FIRST * 80 // 100 + 1],
    ids=["below", "at", "above"],
)  # fmt: skip
def test_second_starting_price_is_at_least_80_percent_of_the_first_oja_art_26(
    services, clock, start: int
) -> None:
    """OJA Art 26: the cut after a failed first round is at most 20% of its start."""
    c = a_court(services)
    lot, _ = failed_round(services, c, clock, "real_estate", 40)
    t = terms(on(today(clock) + timedelta(days=20)), start, deposit=start // 10)
    if start < FIRST * 80 // 100:
        error = draft_refused(services, c, clock, lot, t, "second_start_too_low")
        cites(error, "第二十六条", "OJA Art 26")
        assert "¥560,000.00" in error.message_zh
        return
    auction = auction_terms.set_terms(services, c.office, lot, t, panel(clock))
    record = auction_of(services, auction)
    assert (record.round, record.kind, record.start_price) == (2, "auction", start)


@pytest.mark.parametrize(
    ("deposit", "ok"),
    [
        (FIRST * 5 // 100 - 1, False), (FIRST * 5 // 100, True), (FIRST * 5 // 100 + 1, True),
        (FIRST * 20 // 100 - 1, True), (FIRST * 20 // 100, True), (FIRST * 20 // 100 + 1, False),
    ],
    ids=["5%-1", "5%", "5%+1", "20%-1", "20%", "20%+1"],
)  # fmt: skip
def test_deposit_is_5_to_20_percent_of_the_starting_price_oja_art_17(
    services, clock, deposit: int, ok: bool
) -> None:
    """OJA Art 17: the court sets the deposit between 5% and 20% of the starting price."""
    c = a_court(services)
    lot = priced_lot(services, c, clock, reference=REFERENCE)
    t = terms(on(today(clock) + timedelta(days=40)), FIRST, deposit=deposit)
    if ok:
        auction = auction_terms.set_terms(services, c.office, lot, t, panel(clock))
        assert auction_of(services, auction).deposit == deposit
        return
    cites(draft_refused(services, c, clock, lot, t, "deposit_out_of_range"), "第十七条", "Art 17")


@pytest.mark.parametrize(("seconds", "ok"), [(-1, False), (0, True), (1, True)])
def test_bidding_lasts_at_least_24_hours_oja_art_20(
    services, clock, seconds: int, ok: bool
) -> None:
    """OJA Art 20: the bidding period is at least 24 hours."""
    c = a_court(services)
    lot = priced_lot(services, c, clock, reference=REFERENCE)
    t = terms(on(today(clock) + timedelta(days=40)), FIRST, hours=24 + seconds / 3600)
    if ok:
        auction = auction_terms.set_terms(services, c.office, lot, t, panel(clock))
        record = auction_of(services, auction)
        assert record.ends_at - record.starts_at == timedelta(hours=24, seconds=seconds)
        return
    error = draft_refused(services, c, clock, lot, t, "bidding_period_too_short")
    cites(error, "第二十条", "OJA Art 20")


@pytest.mark.parametrize(
    ("members", "ok"),
    [
        (("张法官",), False), (("张法官", "李法官"), False), (("张法官", "李法官", "王法官"), True),
        (("张法官", "李法官", "王法官", "赵法官"), False),
        (("张法官", "李法官", "王法官", "赵法官", "钱法官"), True),
    ],
    ids=["1", "2", "3", "4", "5"],
)  # fmt: skip
def test_terms_need_a_collegial_panel_of_an_odd_number_of_at_least_three_oja_art_27(
    services, clock, members: tuple[str, ...], ok: bool
) -> None:
    """OJA Art 27 (with CPL Art 40): starting price, increment and deposit are decided by
    a collegial panel, whose members are recorded with the terms."""
    c = a_court(services)
    lot = priced_lot(services, c, clock, reference=REFERENCE)
    t = terms(on(today(clock) + timedelta(days=40)), FIRST)
    call = lambda: auction_terms.set_terms(services, c.office, lot, t, panel(clock, members))  # noqa: E731
    if not ok:
        error = refused(call, "panel_not_collegial")
        cites(error, "第二十七条", "OJA Art 27")
        assert stage(services, lot) == "priced"
        return
    auction = call()
    with services.db.read() as tx:
        recorded = [s for s in tx.steps(lot) if s.step == "terms" and s.auction_id == auction]
    assert len(recorded) == 1
    assert all(m in recorded[0].details for m in members)


# --- the announcement's lead time, on the real calendar -----------------------------------------


@pytest.mark.parametrize(
    ("starts_on", "ok"),
    [(date(2026, 2, 23), False), (date(2026, 2, 24), True), (date(2026, 2, 25), True)],
    ids=["last holiday", "first working day", "after"],
)  # fmt: skip
def test_movables_are_announced_15_days_ahead_rolled_past_the_spring_festival_oja_art_12(
    services, clock, starts_on: date, ok: bool
) -> None:
    """OJA Art 12, CPL Art 85: announced on 2026-02-02, the 15 days end on 02-17, inside
    the Spring Festival, so bidding may start on 02-24, the first working day after."""
    clock.set(on(date(2026, 2, 2)))
    c = a_court(services)
    lot, auction = drafted_lot(services, c, clock, "movable", starts_at=on(starts_on))
    if ok:
        assert auction_terms.announce(services, c.office, lot) == auction
        assert auction_of(services, auction).status == "open"
        return
    error = announce_refused(services, c, lot, auction, "announcement_too_late")
    cites(error, "第十二条", "OJA Art 12")
    assert "2026-02-24" in error.message_zh
    assert "第八十五条" in error.message_zh


@pytest.mark.parametrize(
    ("starts_on", "ok"),
    [(date(2026, 10, 7), False), (date(2026, 10, 8), True), (date(2026, 10, 9), True)],
    ids=["last holiday", "first working day", "after"],
)  # fmt: skip
def test_real_estate_is_announced_30_days_ahead_rolled_past_national_day_oja_art_12(
    services, clock, starts_on: date, ok: bool
) -> None:
    """OJA Art 12, CPL Art 85: announced on 2026-09-04, the 30 days end on 10-04, inside
    the National Day break, so bidding may start on 10-08."""
    clock.set(on(date(2026, 9, 4)))
    c = a_court(services)
    lot, auction = drafted_lot(services, c, clock, "real_estate", starts_at=on(starts_on))
    if ok:
        auction_terms.announce(services, c.office, lot)
        assert auction_of(services, auction).status == "open"
        return
    error = announce_refused(services, c, lot, auction, "announcement_too_late")
    cites(error, "第十二条", "OJA Art 12")
    assert "2026-10-08" in error.message_zh


@pytest.mark.parametrize(
    ("starts_on", "ok"), [(date(2026, 1, 25), False), (date(2026, 1, 26), True)],
    ids=["day 14", "day 15"],
)  # fmt: skip
def test_a_lead_time_starting_on_a_sunday_is_counted_from_monday_not_moved_oja_art_12(
    services, clock, starts_on: date, ok: bool
) -> None:
    """CPL Art 85: announced on Sunday 2026-01-11, the 15 days run from Monday and end on
    Monday 01-26; a start moved to the first working day would have ended them on 01-27."""
    clock.set(on(date(2026, 1, 11)))
    assert today(clock).weekday() == 6
    c = a_court(services)
    lot, auction = drafted_lot(
        services, c, clock, "movable", starts_at=on(starts_on), notices_days_ago=5
    )
    if ok:
        auction_terms.announce(services, c.office, lot)
        assert auction_of(services, auction).status == "open"
        return
    error = announce_refused(services, c, lot, auction, "announcement_too_late")
    assert "2026-01-26" in error.message_zh


@pytest.mark.parametrize(
    ("starts_on", "ok"),
    [(date(2026, 10, 7), False), (date(2026, 10, 8), True), (date(2026, 10, 9), True)],
)
def test_a_second_auction_of_movables_is_announced_7_days_ahead_oja_art_26(
    services, clock, starts_on: date, ok: bool
) -> None:
    """OJA Art 26: the second auction of movables is announced at least 7 days ahead;
    announced on Saturday 2026-09-26, the 7 days end on 10-03 and roll to 10-08."""
    clock.set(on(date(2026, 9, 1)))
    c = a_court(services)
    lot, _ = failed_round(services, c, clock, "movable", 16)
    clock.set(on(date(2026, 9, 26)))
    second = next_round(services, c, clock, lot, FIRST * 80 // 100, on(starts_on), announce=False)
    if ok:
        auction_terms.announce(services, c.office, lot)
        assert auction_of(services, second).status == "open"
        return
    error = announce_refused(services, c, lot, second, "announcement_too_late")
    cites(error, "第二十六条", "OJA Art 26")
    assert "2026-10-08" in error.message_zh


@pytest.mark.parametrize(
    ("starts_on", "ok"),
    [(date(2026, 10, 7), False), (date(2026, 10, 8), True), (date(2026, 10, 9), True)],
)
def test_a_second_auction_of_real_estate_is_announced_15_days_ahead_oja_art_26(
    services, clock, starts_on: date, ok: bool
) -> None:
    """OJA Art 26: real estate's second auction is announced at least 15 days ahead;
    announced on 2026-09-16, the 15 days end on 10-01 and roll to 10-08."""
    clock.set(on(date(2026, 8, 1)))
    c = a_court(services)
    lot, _ = failed_round(services, c, clock, "real_estate", 40)
    clock.set(on(date(2026, 9, 16)))
    second = next_round(services, c, clock, lot, FIRST * 80 // 100, on(starts_on), announce=False)
    if ok:
        auction_terms.announce(services, c.office, lot)
        assert auction_of(services, second).status == "open"
        return
    error = announce_refused(services, c, lot, second, "announcement_too_late")
    cites(error, "第二十六条", "OJA Art 26")


# --- notices to the parties (OJA Art 16) ---------------------------------------------------------


@pytest.mark.parametrize(("days_ago", "ok"), [(2, False), (3, True), (4, True)])
def test_notices_are_served_at_least_3_days_before_the_announcement_oja_art_16(
    services, clock, days_ago: int, ok: bool
) -> None:
    """OJA Art 16: served on Friday 11-27, the notices allow an announcement on Monday
    11-30; served on Saturday 11-28, the 3 days end on 12-01. (Served on 11-26, the
    period ends on Sunday and rolls to Monday: still in time.)"""
    c = a_court(services)
    lot, auction = drafted_lot(services, c, clock, notices_days_ago=days_ago)
    if ok:
        auction_terms.announce(services, c.office, lot)
        assert auction_of(services, auction).status == "open"
        return
    error = announce_refused(services, c, lot, auction, "notice_too_late")
    cites(error, "第十六条", "OJA Art 16")
    assert "2026-12-01" in error.message_zh


def test_notices_served_just_before_the_spring_festival_hold_the_announcement_until_after(
    services, clock
) -> None:
    """OJA Art 16, CPL Art 85: served on 2026-02-12, the 3 days end on 02-15, a holiday,
    so the announcement waits for 02-24; the adjusted working Saturday 02-14 is too soon."""
    clock.set(on(date(2026, 2, 12)))
    c = a_court(services)
    lot, auction = drafted_lot(
        services, c, clock, "movable", starts_at=on(date(2026, 3, 20)), notices_days_ago=0
    )
    clock.set(on(date(2026, 2, 14)))
    error = announce_refused(services, c, lot, auction, "notice_too_late")
    assert "2026-02-24" in error.message_zh
    clock.set(on(date(2026, 2, 24)))
    auction_terms.announce(services, c.office, lot)
    assert auction_of(services, auction).status == "open"


@pytest.mark.parametrize(
    ("published", "served"),
    [(date(2026, 11, 18), date(2026, 11, 23)), (date(2026, 2, 11), date(2026, 2, 24))],
    ids=["weekday", "spring festival"],
)
def test_a_notice_published_on_the_platform_is_deemed_served_after_5_days_oja_art_16(
    services, clock, published: date, served: date
) -> None:
    """OJA Art 16: a party who cannot be reached is notified by publication and deemed
    served after 5 days, counted by CPL Art 85 (02-11 + 5 is 02-16, in the Spring
    Festival, so 02-24); the 3 days before the announcement run from then."""
    clock.set(on(published))
    c = a_court(services)
    lot, auction = drafted_lot(services, c, clock, "movable", starts_at=on(served + timedelta(60)))
    deemed = auction_terms.record_notice(
        services, c.office, lot, "debtor", "张三", "published", published
    )
    assert deemed == served
    clock.set(on(served + timedelta(days=2)))
    announce_refused(services, c, lot, auction, "notice_too_late")
    clock.set(on(served + timedelta(days=3)))
    auction_terms.announce(services, c.office, lot)


def test_every_party_and_confirmed_holder_is_notified_before_the_announcement_oja_art_16(
    services, clock
) -> None:
    """OJA Art 16: the applicant, the debtor and each known preemptive-right holder; a
    holder who waived in writing needs no served notice."""
    from fapai.app.cases import holders
    from fapai.app.cases.panel import Panel
    from fapai.demo.world import demo_id_number

    c = a_court(services)
    lot = priced_lot(services, c, clock)
    auction = auction_terms.set_terms(
        services, c.office, lot, terms(on(today(clock) + timedelta(40)), FIRST), panel(clock)
    )
    auction_terms.choose_platform(services, c.office, lot, "taobao")
    auction_terms.confirm_disclosure(services, c.bureau, lot)
    served = today(clock) - timedelta(days=4)
    auction_terms.record_notice(services, c.office, lot, "applicant", "某银行", "written", served)
    error = announce_refused(services, c, lot, auction, "notices_missing")
    assert "被执行人" in error.message_zh
    auction_terms.record_notice(services, c.office, lot, "debtor", "张三", "written", served)
    decision = Panel("合议庭评议（2026）第2号", today(clock), ("甲", "乙", "丙"))
    holders.confirm_preemptive_holder(
        services, c.bureau, auction, demo_id_number(7), 1, "不动产共有人", decision
    )
    error = announce_refused(services, c, lot, auction, "notices_missing")
    assert "优先购买权人" in error.message_zh
    auction_terms.record_notice(services, c.office, lot, "holder", "承租人", "waived", today(clock))
    auction_terms.announce(services, c.office, lot)


# --- the reference price (REF Art 27) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("fixed_on", "ok"),
    [(date(2025, 11, 29), False), (date(2025, 11, 30), True), (date(2025, 12, 1), True)],
)
def test_a_reference_price_is_valid_for_one_year_ref_art_27(
    services, clock, fixed_on: date, ok: bool
) -> None:
    """REF Art 27: a result holds at most a year; one fixed a year ago today still holds."""
    c = a_court(services)
    lot = ruled_lot(services, c, clock)
    call = lambda: disposal.set_reference_price(  # noqa: E731
        services, c.office, lot, "appraisal", REFERENCE, fixed_on
    )
    if ok:
        assert call() == date(fixed_on.year + 1, fixed_on.month, fixed_on.day)
        assert stage(services, lot) == "priced"
        return
    error = refused(call, "reference_expired")
    cites(error, "第二十七条", "REF Art 27")
    assert stage(services, lot) == "ruled"


@pytest.mark.parametrize(
    ("fixed_on", "valid_until"),
    [(date(2027, 3, 1), date(2028, 3, 1)), (date(2028, 2, 29), date(2029, 2, 28))],
    ids=["into a leap year", "from a leap day"],
)
def test_a_reference_price_is_valid_to_the_same_day_a_year_later_ref_art_27(
    services, clock, fixed_on: date, valid_until: date
) -> None:
    """REF Art 27's year ends on the same day of the next year (its last day when there
    is none), not 365 days later: a leap day is not lost."""
    clock.set(on(fixed_on))
    c = a_court(services)
    lot = ruled_lot(services, c, clock)
    assert (
        disposal.set_reference_price(services, c.office, lot, "appraisal", REFERENCE, fixed_on)
        == valid_until
    )


def _priced_before(services, c: Court, clock: Clock, fixed_on: date, starts_on: date):
    """A lot priced on ``fixed_on`` (valid a year) with its first round drafted."""
    lot = ruled_lot(services, c, clock)
    disposal.set_reference_price(services, c.office, lot, "appraisal", REFERENCE, fixed_on)
    auction = auction_terms.set_terms(
        services, c.office, lot, terms(on(starts_on), FIRST), panel(clock)
    )
    notify_parties(services, c, clock, lot)
    auction_terms.choose_platform(services, c.office, lot, "taobao")
    auction_terms.confirm_disclosure(services, c.bureau, lot)
    return lot, auction


@pytest.mark.parametrize(
    ("announced_on", "ok"),
    [(date(2026, 12, 1), True), (date(2026, 12, 2), True), (date(2026, 12, 3), False)],
)
def test_the_first_announcement_falls_within_the_reference_price_validity_ref_art_27(
    services, clock, announced_on: date, ok: bool
) -> None:
    """REF Art 27: priced on 2025-12-02, valid until 2026-12-02; the first announcement
    must be published by then."""
    c = a_court(services)
    lot, auction = _priced_before(services, c, clock, date(2025, 12, 2), date(2027, 2, 1))
    clock.set(on(announced_on))
    if ok:
        auction_terms.announce(services, c.office, lot)
        return
    error = announce_refused(services, c, lot, auction, "reference_expired")
    cites(error, "第二十七条", "REF Art 27")


@pytest.mark.parametrize(
    ("starts_on", "ok"),
    [(date(2027, 6, 1), True), (date(2027, 6, 2), True), (date(2027, 6, 3), False)],
)
def test_the_sale_takes_place_at_most_6_months_after_the_validity_ref_art_27(
    services, clock, starts_on: date, ok: bool
) -> None:
    """REF Art 27: valid until 2026-12-02, announced within it, the auction may still run
    until 2027-06-02 without a new reference price."""
    c = a_court(services)
    lot, auction = _priced_before(services, c, clock, date(2025, 12, 2), starts_on)
    if ok:
        auction_terms.announce(services, c.office, lot)
        return
    error = announce_refused(services, c, lot, auction, "reference_expired")
    assert "2027-06-02" in error.message_zh
    cites(error, "第二十七条", "REF Art 27")


# --- direct pricing without appraisal (Shanghai item 17) -----------------------------------------


@pytest.mark.parametrize(
    ("property_type", "amount", "pieces", "ok"),
    [
        ("movable", 999_999, 1, True), ("movable", 1_000_000, 1, True),
        ("movable", 1_000_001, 1, False), ("movable", 3_000_000, 3, True),
        ("movable", 3_000_001, 3, False), ("real_estate", 1_000_000, 1, False),
    ],
    ids=["below", "at", "above", "3 pieces at", "3 pieces above", "real estate"],
)  # fmt: skip
def test_direct_pricing_is_for_movables_up_to_cny_10000_a_piece_shanghai_item_17(
    services, clock, property_type: str, amount: int, pieces: int, ok: bool
) -> None:
    """Shanghai item 17: low-value movables (generally ≤ CNY 10,000 a piece) may be
    auctioned without appraisal, at the office's price, with its written record."""
    c = a_court(services)
    lot = ruled_lot(services, c, clock, property_type)
    call = lambda: disposal.set_reference_price(  # noqa: E731
        services, c.office, lot, "direct", amount, today(clock), "网拍办定价记录", pieces
    )
    if ok:
        call()
        assert stage(services, lot) == "priced"
        return
    error = refused(call, "direct_price_not_allowed")
    cites(error, "第十七条", "Shanghai item 17")
    assert stage(services, lot) == "ruled"


def test_a_direct_or_agreed_price_needs_its_written_record_shanghai_item_17(
    services, clock
) -> None:
    """Shanghai item 17: the direct price and the agreed value come with a written record."""
    c = a_court(services)
    lot = ruled_lot(services, c, clock, "movable")
    for method in ("direct", "agreed"):
        refused(
            lambda m=method: disposal.set_reference_price(
                services, c.office, lot, m, 500_000, today(clock), "  "
            ),
            "record_required",
        )
    assert stage(services, lot) == "ruled"


# --- after a failure: the second round within 30 days, then 变卖 ---------------------------------


@pytest.mark.parametrize(
    ("starts_on", "ok"),
    [(date(2026, 10, 7), True), (date(2026, 10, 8), True), (date(2026, 10, 9), False)],
)
def test_the_second_auction_bids_within_30_days_of_the_failure_oja_art_26(
    services, clock, starts_on: date, ok: bool
) -> None:
    """OJA Art 26: failed on 2026-09-03, the 30 days end on 10-03, in the National Day
    break, so the second auction's bidding may start as late as 10-08."""
    clock.set(on(date(2026, 8, 1)))
    c = a_court(services)
    lot, first = failed_round(services, c, clock, "real_estate", 32)
    assert auction_of(services, first).closed_at.date() == date(2026, 9, 3)
    clock.set(on(date(2026, 9, 10)))
    t = terms(on(starts_on), FIRST * 80 // 100)
    if ok:
        auction_terms.set_terms(services, c.office, lot, t, panel(clock))
        return
    error = draft_refused(services, c, clock, lot, t, "reauction_too_late")
    cites(error, "第二十六条", "OJA Art 26")
    assert "2026-10-08" in error.message_zh


def _second_round_failed(services, c: Court, clock: Clock, property_type: str = "movable"):
    lot, _ = failed_round(services, c, clock, property_type, 40)
    second = next_round(
        services, c, clock, lot, FIRST * 80 // 100, on(today(clock) + timedelta(days=20))
    )
    close_at_end(services, clock, second)
    return lot, second


def test_the_sale_at_a_price_is_at_the_second_price_prepaid_in_full_for_60_days(
    services, clock
) -> None:
    """变卖 (2017 SPC notice, rules.md §8 #43): the price is the second auction's starting
    price, each buyer prepays all of it, and the period is 60 days; anything else is
    refused, and the valid terms make round 3 of kind 'sale'."""
    c = a_court(services)
    lot, second = _second_round_failed(services, c, clock)
    price = auction_of(services, second).start_price
    starts = on(today(clock) + timedelta(days=3))
    sixty = timedelta(days=60)
    for start, deposit, length, code in (
        (price - 1, price - 1, sixty, "sale_price_fixed"),
        (price + 100, price + 100, sixty, "sale_price_fixed"),
        (price, price // 10, sixty, "sale_price_fixed"),
        (price, price, sixty - timedelta(seconds=1), "sale_period"),
        (price, price, sixty + timedelta(seconds=1), "sale_period"),
    ):
        t = Terms(start, price // 100, deposit, starts, starts + length)
        draft_refused(services, c, clock, lot, t, code)
    sale = auction_terms.set_terms(
        services, c.office, lot, Terms(price, price // 100, price, starts, starts + sixty),
        panel(clock),
    )  # fmt: skip
    record = auction_of(services, sale)
    assert (record.round, record.kind, record.start_price, record.deposit) == (
        3, "sale", price, price,
    )  # fmt: skip
    with services.db.read() as tx:
        assert tx.extras(sale).previous_id == second
        assert tx.extras(sale).platform == "taobao"  # OJA Art 26: the same platform


@pytest.mark.parametrize(("lead", "ok"), [(14, False), (15, True), (16, True)])
def test_real_estate_for_sale_at_a_price_is_announced_15_days_ahead(
    services, clock, lead: int, ok: bool
) -> None:
    """2017 SPC notice (rules.md §8 #44): real estate's 变卖 is announced 15 days before
    its period starts."""
    c = a_court(services)
    lot, second = _second_round_failed(services, c, clock, "real_estate")
    price = auction_of(services, second).start_price
    starts = on(today(clock) + timedelta(days=lead))
    sale = auction_terms.set_terms(
        services, c.office, lot,
        Terms(price, price // 100, price, starts, starts + timedelta(days=60)), panel(clock),
    )  # fmt: skip
    notify_parties(services, c, clock, lot, days_ago=10)
    sale_approval.approve_sale(services, c.director, lot)
    auction_terms.confirm_disclosure(services, c.bureau, lot)
    if ok:
        auction_terms.announce(services, c.office, lot)
        assert auction_of(services, sale).status == "open"
        return
    announce_refused(services, c, lot, sale, "announcement_too_late")


def test_a_failed_sale_at_a_price_has_no_further_round(services, clock) -> None:
    """After a failed 变卖 the property is taken in lieu or released (ASR Arts 16, 24-25)."""
    c = a_court(services)
    lot, second = _second_round_failed(services, c, clock)
    price = auction_of(services, second).start_price
    starts = on(period_end(services.calendar, today(clock), 7))  # OJA Arts 37(1), 26
    sale = next_round(services, c, clock, lot, price, starts, deposit=price, hours=24 * 60)
    close_at_end(services, clock, sale)
    t = Terms(price, price // 100, price, on(today(clock) + timedelta(days=9)),
              on(today(clock) + timedelta(days=69)))  # fmt: skip
    draft_refused(services, c, clock, lot, t, "no_further_round")


def test_a_bid_below_the_sale_price_is_refused_and_the_price_is_prepaid_in_full(
    services, clock
) -> None:
    """变卖: only a buyer who prepaid the whole price takes part, and only at the price."""
    c = a_court(services)
    lot, second = _second_round_failed(services, c, clock)
    price = auction_of(services, second).start_price
    sale = next_round(
        services, c, clock, lot, price, on(period_end(services.calendar, today(clock), 7)),
        deposit=price, hours=24 * 60,
    )  # fmt: skip
    buyer = bidder(services)
    assert pay_deposit(services, buyer, sale) == "confirmed"
    with services.db.read() as tx:
        registration = tx.registration(sale, buyer.account_id)
    assert registration is not None
    assert registration.deposit_required == price
    clock.set(auction_of(services, sale).starts_at + timedelta(hours=1))
    below = bid(services, buyer, sale, format_yuan(price - price // 100))
    assert below.bid.reason is not None
    assert auction_of(services, sale).price is None


def test_only_the_first_announcement_must_fall_within_the_validity_ref_art_27(
    services, clock
) -> None:
    """REF Art 27 asks for the 一拍 announcement within the validity: the re-auction after
    a default (OJA Art 24), announced after the validity ended, needs no new reference
    price as long as it takes place within the six months after."""
    c = a_court(services)
    lot, first = _priced_before(services, c, clock, date(2025, 12, 2), date(2027, 1, 4))
    auction_terms.announce(services, c.office, lot)
    buyer = bidder(services)
    pay_deposit(services, buyer, first)
    clock.set(auction_of(services, first).starts_at + timedelta(hours=1))
    bid(services, buyer, first, format_yuan(FIRST))
    close_at_end(services, clock, first)
    to_balance_deadline(services, clock, first)
    settlement.record_default(services, c.bureau, first)
    assert today(clock) > date(2026, 12, 2)
    again = next_round(
        services, c, clock, lot, FIRST, on(today(clock) + timedelta(days=40)), announce=False
    )
    notify_parties(services, c, clock, lot)
    auction_terms.announce(services, c.office, lot)
    assert auction_of(services, again).status == "open"
