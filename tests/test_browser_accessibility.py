"""The public pages in a real browser against WCAG 2.1 AA (axe-core, vendored), the pages
after the close (what each offers works), and the API's docs served from this server
(issue 16).

The demo seeds an auction of every status through the ordinary use cases, with photos,
notices and a live auction ending within minutes, so the pages are checked as visitors
see them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import expect

import support
from accessibility import accessibility_violations, contrast
from fapai.app.auctions import queries
from fapai.app.auctions.ports import AuctionFilter
from fapai.app.services import Services
from fapai.demo.world import DEMO_BIDDERS
from support import LiveServer, seed_demo

if TYPE_CHECKING:
    from browser_support import OpenPerson

pytest_plugins = ("browser_support",)
pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

ENDED = {"sold": "已成交", "unsold": "流拍", "defaulted": "悔拍", "in_lieu": "以物抵债",
         "revoked": "已撤销"}  # fmt: skip


def first_with(services: Services, status: str) -> int:
    (item,) = queries.search(services, AuctionFilter(status=status), 1, 1)["items"]
    return int(item["id"])


def clean(page: Any, where: str) -> None:
    violations = accessibility_violations(page)
    assert not violations, f"{where}: {violations}"


def offered_links_answer(page: Any) -> None:
    """Every link to a result or a file on the page answers 200: none opens an error."""
    links = "main a[href*='/result'], main a[href*='/export'], main a[href$='.pdf']"
    hrefs = page.locator(links).evaluate_all("links => links.map((a) => a.href)")
    for href in hrefs:
        assert page.request.get(href).status == 200, href


def test_public_pages_meet_wcag_21_aa_and_say_how_each_auction_ended(
    services: Services, server: LiveServer, person: OpenPerson
) -> None:
    demo = seed_demo(services)
    live = demo.live_auction
    sold = first_with(services, "sold")
    bidder = support.bidder(services, "张丙")
    assert support.pay_deposit(services, bidder, live) == "confirmed"
    visitor = person(token=bidder.token)
    for lang in ("zh", "en"):
        for path in ("/", f"/auctions/{live}", f"/auctions/{sold}", f"/auctions/{sold}/result",
                     "/login", "/institutions", "/me"):  # fmt: skip
            page = visitor.open(server, f"{path}?lang={lang}")
            if path == "/me":  # the bidder centre, drawn from the bidder's own data
                expect(page.locator("#registration-rows tr")).to_have_count(1)
            if path == f"/auctions/{live}":
                expect(page.locator("#act-bid")).to_be_visible()
                expect(page.locator(".notice")).to_be_visible()  # ending within minutes
            clean(page, f"{path} ({lang})")

    # the focus ring shows on the red header (it was blue on red, about 1.2:1)
    page = visitor.open(server, "/?lang=zh")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the brand, in the header
    ring, header = page.evaluate(
        "() => [getComputedStyle(document.activeElement).outlineColor,"
        " getComputedStyle(document.querySelector('header.top')).backgroundColor]"
    )
    assert contrast(ring, header) >= 3, (ring, header)
    page.select_option("select[name=sort]", "price_desc")  # applies at once, as it says
    expect(page).to_have_url(re.compile(r"[?&]sort=price_desc"))
    expect(page.locator("select[name=sort]")).to_have_value("price_desc")

    # a phone: the bar over the page's foot
    phone = person(token=bidder.token, viewport="phone").open(server, f"/auctions/{live}")
    expect(phone.locator("#act-bid")).to_be_visible()
    phone.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    expect(phone.locator("#phone-bar")).to_be_visible()
    clean(phone, "the live auction on a phone")

    # after the close: the badge names what happened, nothing counts down, each link works,
    # and only a sale shows a confirmation and a name
    for status, badge in ENDED.items():
        auction_id = first_with(services, status)
        page = visitor.open(server, f"/auctions/{auction_id}?lang=zh")
        expect(page.locator("#status-badge")).to_have_text(badge)
        expect(page.locator("#countdown")).to_be_hidden()
        expect(page.locator("#act-closed")).to_be_visible()
        offered_links_answer(page)
        clean(page, f"the {status} auction")
        page = visitor.open(server, f"/auctions/{auction_id}/result")
        expect(page.locator(".letter")).to_have_count(1 if status == "sold" else 0)
        shown = [name for name in DEMO_BIDDERS if name in page.content()]
        assert len(shown) == (1 if status == "sold" else 0), (status, shown)
        offered_links_answer(page)
        clean(page, f"the {status} result")

    # the court's desk names the revoked round as the public page does
    revoked = first_with(services, "revoked")
    with services.db.read() as tx:
        auction = tx.auction(revoked)
        assert auction is not None
        lot = tx.lot(auction.lot_id)
        assert lot is not None
        assert lot.case_id is not None
        code, _ = tx.court_names(lot.court_id)
    desk = person(court_token=demo.court_tokens[f"{code}/enforcement"]).open(
        server, f"/court/cases/{lot.case_id}"
    )
    round_status = desk.locator(f"tr:has(a[href='/auctions/{revoked}']) td").nth(2)
    expect(round_status).to_have_text("已撤销")


def test_the_api_docs_come_from_this_server(server: LiveServer, person: OpenPerson) -> None:
    """/docs renders the operations with nothing from outside and no CSP refusal (the
    person fixture fails the test on either)."""
    someone = person()
    reply = someone.page.goto(f"{server.url}/docs", timeout=20_000)  # a 1.5 MB bundle
    assert "script-src 'self'" in reply.headers["content-security-policy"]
    page = someone.page
    expect(page.locator(".opblock").first).to_be_visible()
    assert page.locator(".opblock").count() > 20
    snapshot = page.locator(".opblock-get", has_text="An auction's snapshot")
    snapshot.locator(".opblock-summary-control").click()
    expect(snapshot.locator(".opblock-body")).to_be_visible()
    expect(snapshot.locator(".opblock-body")).to_contain_text("auction_id")
