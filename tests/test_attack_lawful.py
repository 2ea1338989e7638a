"""Attack review of issue 15's lawful-rule features: each test is a finding that fails
until the code is fixed (see /work/notes/attack15.md)."""

from __future__ import annotations

from datetime import timedelta

from case_support import (
    a_court,
    announced_lot,
    auction_of,
    close_at_end,
    on,
    panel,
    refused,
    ruled_lot,
    terms,
    today,
)
from fapai.app.cases import auction_terms, disposal, in_lieu


def test_a_better_ranked_tie_after_a_draw_is_refused_not_a_500_asr_art_16(services, clock) -> None:
    """F1: two rank-2 creditors draw; then two rank-1 creditors apply (no approval yet,
    so they are let in). The approval looks up the old draw's winner among the new
    rank-1 tie: StopIteration, an HTTP 500; and the new tie can never draw
    (draw_exists), so the round is stuck."""
    c = a_court(services)
    _, first = announced_lot(services, c, clock, "movable")
    close_at_end(services, clock, first)
    price = auction_of(services, first).start_price
    ask = in_lieu.request_in_lieu
    ask(services, c.bureau, first, "甲", price, 2)
    ask(services, c.bureau, first, "乙", price, 2)
    in_lieu.schedule_in_lieu_draw(services, c.office, first)
    in_lieu.run_in_lieu_draw(services, c.office, first)
    ask(services, c.bureau, first, "丙", price, 1)
    ask(services, c.bureau, first, "丁", price, 1)
    refused(lambda: in_lieu.approve_in_lieu(services, c.director, first), "draw_needed")
    published = in_lieu.schedule_in_lieu_draw(services, c.office, first)
    assert published["candidates"] == ["creditor-3", "creditor-4"]


def test_an_equal_rank_applying_after_the_draw_is_scheduled_is_not_silently_left_out_asr_art_16(
    services, clock
) -> None:
    """F2: a creditor of the tied rank applying after the draw was fixed is accepted
    but never in the draw: the application should be refused (draw_exists)."""
    c = a_court(services)
    _, first = announced_lot(services, c, clock, "movable")
    close_at_end(services, clock, first)
    price = auction_of(services, first).start_price
    ask = in_lieu.request_in_lieu
    ask(services, c.bureau, first, "甲", price, 1)
    ask(services, c.bureau, first, "乙", price, 1)
    in_lieu.schedule_in_lieu_draw(services, c.office, first)
    refused(lambda: ask(services, c.bureau, first, "丙", price, 1), "draw_exists")


def _defaulted(services, c, clock, first: int, price: int) -> None:
    """甲 (rank 1) takes with a difference to pay and lets it fall due unpaid."""
    in_lieu.request_in_lieu(services, c.bureau, first, "甲", price // 2, 1)
    in_lieu.request_in_lieu(services, c.bureau, first, "乙", price, 2)
    in_lieu.approve_in_lieu(services, c.director, first)
    in_lieu.take_in_lieu(services, c.bureau, first)
    with services.db.read() as tx:
        (due,) = tx.dues(None, open_only=True, auction_id=first, kind="in_lieu")
    clock.set(due.due_at)
    in_lieu.record_in_lieu_default(services, c.bureau, first)


def test_the_next_creditor_takes_after_a_default_asr_art_16_and_19(services, clock) -> None:
    """Held check made a test: after 甲's default, 乙 (next in rank) is approved and takes."""
    c = a_court(services)
    _, first = announced_lot(services, c, clock, "movable")
    close_at_end(services, clock, first)
    price = auction_of(services, first).start_price
    _defaulted(services, c, clock, first, price)
    assert in_lieu.approve_in_lieu(services, c.director, first) == "creditor-2"
    assert in_lieu.take_in_lieu(services, c.bureau, first) == 0


def test_a_creditor_may_apply_after_the_taking_lapsed_asr_art_16(services, clock) -> None:
    """F3: once a taking lapsed (the round is unsold again), a creditor who had not yet
    applied is refused for ever with in_lieu_approved: the old approval still blocks."""
    c = a_court(services)
    _, first = announced_lot(services, c, clock, "movable")
    close_at_end(services, clock, first)
    price = auction_of(services, first).start_price
    _defaulted(services, c, clock, first, price)
    assert in_lieu.request_in_lieu(services, c.bureau, first, "丙", price, 1) == "creditor-3"


def test_only_the_high_court_draws_for_a_lower_court_not_an_intermediate_one_shanghai_item_12(
    services, clock
) -> None:
    """F4: Shanghai item 12 names the High Court's auction office. `_drawing` lets the
    office of ANY court above the lot's court draw, so an intermediate court draws the
    platform for a basic court of its district."""
    a_court(services, "sh-gy")
    middle = a_court(services, "sh-1zy", parent="sh-gy")
    basic = a_court(services, "sh-pd", parent="sh-1zy")
    lot = ruled_lot(services, basic, clock)
    disposal.set_reference_price(
        services, basic.office, lot, "appraisal", 100_000_000, today(clock)
    )
    auction_terms.set_terms(
        services, basic.office, lot, terms(on(today(clock) + timedelta(days=40)), 70_000_000),
        panel(clock),
    )  # fmt: skip
    refused(
        lambda: auction_terms.schedule_platform_draw(
            services, middle.office, lot, "none_chosen", "监察室 李某"
        ),
        "not_found",
    )
