"""The court's desk after issue 16 item 10: a draft round offers no public page or
monitor that would 404 but its case; the watch page shows a refused bid as an amount
(¥1.00, not 1.00) with the court's reason, not the sentence addressed to the bidder."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from case_support import a_court, announced_lot, auction_of, bid, drafted_lot
from fapai.app.services import Services
from support import Clock, LiveServer, bidder, pay_deposit

if TYPE_CHECKING:
    from browser_support import OpenPerson

pytest_plugins = ("browser_support",)

SQLITE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@SQLITE_ONLY
def test_a_draft_links_to_its_case_and_a_refused_bid_reads_as_an_amount(
    services: Services, clock: Clock, server: LiveServer, person: OpenPerson
) -> None:
    c = a_court(services)
    _, draft = drafted_lot(services, c, clock)
    _, live = announced_lot(services, c, clock)
    buyer = bidder(services, "出价人")
    assert pay_deposit(services, buyer, live) == "confirmed"
    clock.set(auction_of(services, live).starts_at + timedelta(hours=1))
    assert bid(services, buyer, live, "1.00").bid.reason == "below_start"
    assert bid(services, buyer, live, "700000.00").bid.reason is None

    clerk = person(court_token=c.tokens["auction_office"])
    page = clerk.open(server, "/court")
    rows = page.locator("#desk-rows tr")
    expect(rows).to_have_count(2)
    drafted = rows.filter(has_text="未公告：在案件中办理")
    expect(drafted).to_have_count(1)
    expect(drafted.locator(f"a[href='/auctions/{draft}']")).to_have_count(0)
    expect(drafted.locator(f"a[href='/court/auctions/{draft}']")).to_have_count(0)
    expect(drafted.locator("a[href='/court/cases']")).to_have_count(1)
    for href in (f"/auctions/{live}", f"/court/auctions/{live}"):
        expect(page.locator(f"#desk-rows a[href='{href}']").first).to_be_visible()

    page = clerk.open(server, f"/court/auctions/{live}")
    refused = page.locator("#all-bids tr").filter(has_text="无效")
    expect(refused).to_contain_text("¥1.00")
    expect(refused).to_contain_text("无效：低于起拍价（变卖时为变卖价）")
    expect(refused).not_to_contain_text("出价低于起拍价（《网络司法拍卖规定》")
    expect(page.locator("#all-bids")).to_contain_text("¥700,000.00")
    assert clerk.problems == []
