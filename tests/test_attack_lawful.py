"""Attack review of issue 15's lawful-rule features: each test is a finding that fails
until the code is fixed (see /work/notes/attack15.md)."""

from __future__ import annotations

from case_support import a_court, announced_lot, auction_of, close_at_end, refused
from fapai.app.cases import in_lieu


def test_a_better_ranked_tie_after_a_draw_is_refused_not_a_500_asr_art_16(
    services, clock
) -> None:
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
