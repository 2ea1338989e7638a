"""Issue 15 item 12, the pricing procedure recorded step by step (REF): each platform's
online inquiry result and the price as their average (Arts 10-13), the appraisal agency
drawn by the public lottery (Art 16), the report delivered to the parties and their
objections within five days (Arts 21-24); the price waits for the window and for the
objections to be answered, and the board shows the window."""

from __future__ import annotations

from datetime import timedelta

import httpx

from case_support import a_court, on, refused, ruled_lot, stage, today
from fapai.app.assignment.lottery_file import recheck
from fapai.app.cases import deadline_board, disposal, pricing_steps
from fapai.app.services import Services
from fapai.domain.calendar import period_end
from support import Clock, auth

RESULTS = {"platform-a": 100_000_000, "platform-b": 110_000_000, "platform-c": 120_000_001}
AVERAGE = 110_000_000  # 330,000,001 fen / 3, rounded


def test_the_online_price_is_the_average_of_every_platforms_result(
    services: Services, clock: Clock, http: httpx.Client
) -> None:
    """REF Art 13: the average of the platforms that delivered, each result recorded."""
    c = a_court(services)
    lot = ruled_lot(services, c, clock)
    for platform, amount in RESULTS.items():
        pricing_steps.record_inquiry(services, c.office, lot, platform, amount, today(clock))
    refused(
        lambda: pricing_steps.record_inquiry(
            services, c.office, lot, "platform-a", 1, today(clock)
        ),
        "inquiry_recorded",
    )
    error = refused(
        lambda: disposal.set_reference_price(services, c.office, lot, "online", 120_000_001,
                                             today(clock)),
        "not_the_average",
    )  # fmt: skip
    assert "REF Art 13" in error.message_en
    response = http.post(
        f"/api/v1/court/lots/{lot}/online-reference", json={"fixed_on": str(today(clock))},
        headers=auth(c.tokens["auction_office"]),
    )  # fmt: skip
    assert response.status_code == 200, response.text
    assert response.json() == {"reference_price": "1100000.00"}
    assert stage(services, lot) == "priced"
    with services.db.read() as tx:
        priced = tx.lot(lot)
        steps = [s.step for s in tx.steps(lot)]
    assert priced is not None
    assert priced.reference_price == AVERAGE
    assert steps.count("online_inquiry") == 3  # each step, not only the result


def test_the_appraisal_agency_is_drawn_by_the_public_lottery(
    services: Services, clock: Clock, http: httpx.Client
) -> None:
    """REF Art 16: failing the parties' agreement the agency is drawn; anyone re-checks."""
    c = a_court(services)
    lot = ruled_lot(services, c, clock)
    agencies = ["agency-1", "agency-2", "agency-3"]
    scheduled = pricing_steps.schedule_appraisal_draw(services, c.office, lot, agencies)
    assert scheduled["candidates"] == agencies
    assert scheduled["drawn"] is False
    chosen = pricing_steps.run_appraisal_draw(services, c.office, lot)
    assert chosen in agencies
    public = http.get(f"/api/v1/lots/{lot}/appraisal-draw").json()
    assert public["record"]["algorithm"] == "fapai-lottery/1"
    assert public["record"]["purpose"] == f"appraisal:lot:{lot}"
    assert recheck(public["record"]).chosen == chosen
    refused(lambda: pricing_steps.run_appraisal_draw(services, c.office, lot), "already_drawn")


def test_the_price_waits_for_the_five_day_objection_window_and_the_answers(
    services: Services, clock: Clock
) -> None:
    """REF Arts 22-24: objections within five days of receipt (CPL Art 85), none late;
    the price is refused until the window has run and each objection is answered."""
    c = a_court(services)
    lot = ruled_lot(services, c, clock)
    delivered = today(clock)
    end = pricing_steps.report_delivered(services, c.office, lot, delivered)
    assert end == period_end(services.calendar, delivered, 5)
    price = lambda: disposal.set_reference_price(  # noqa: E731
        services, c.office, lot, "appraisal", 100_000_000, today(clock)
    )
    error = refused(price, "objection_window_open")
    assert "REF Art 22" in error.message_en
    rows = deadline_board.board(services, c.id)
    (window,) = [r for r in rows if r.lot_id == lot and r.kind == "report_objections"]
    assert (window.article, window.due, window.state) == ("REF Art 22", end.isoformat(), "open")

    pricing_steps.record_objection(services, c.office, lot, "debtor", delivered)
    clock.set(on(end + timedelta(days=1)))
    refused(
        lambda: pricing_steps.record_objection(services, c.office, lot, "applicant", today(clock)),
        "objection_late",
    )
    refused(price, "objections_pending")
    pricing_steps.resolve_objection(services, c.office, lot, "rejected")
    price()
    assert stage(services, lot) == "priced"
    rows = deadline_board.board(services, c.id, include_done=True)
    assert not [r for r in rows if r.lot_id == lot and r.kind == "report_objections"]
