"""The pages in a real browser at a desktop's and a phone's width: the English switch,
nothing spilling sideways at 375 px, and screenshots of the home, auction and court
pages for review (tests/artifacts/screenshots/)."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import httpx
import pytest
from playwright.sync_api import expect

import support
from fapai.app.accounts import courts
from fapai.app.auctions import closing
from fapai.app.services import Services
from support import T0, Clock, LiveServer

if TYPE_CHECKING:
    from browser_support import OpenPerson

pytest_plugins = ("browser_support",)
pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def a_few_auctions(services: Services, clock: Clock, http: httpx.Client) -> tuple[int, int, str]:
    """A live auction with bids, an upcoming one and a sold one: the live one, the sold
    one and a court token."""
    court_id = courts.create_court(services, "sh-1zy", "上海市第一中级人民法院", "上海")
    office, token = support.court_user(services, court_id, "auction_office")
    live = support.auction(services, office, start="4200000.00", increment="42000.00",
                           deposit="420000.00")  # fmt: skip
    support.auction(services, office, starts_at=T0 + timedelta(days=3))
    sold = support.auction(services, office, starts_at=T0 - timedelta(days=3))
    people = [support.bidder(services, name) for name in ("王甲", "李乙")]
    clock.set(T0 - timedelta(days=4))
    for someone in people:
        support.pay_deposit(services, someone, live)
        support.pay_deposit(services, someone, sold)
    clock.set(T0 - timedelta(days=3) + timedelta(hours=1))
    reply = http.post(
        f"/api/v1/auctions/{sold}/bids", json={"amount": "100000.00"},
        headers={**support.auth(people[0]), "Idempotency-Key": "sold-1"},
    )  # fmt: skip
    assert reply.status_code == 201, reply.text
    clock.set(T0 + timedelta(hours=2))
    assert closing.close_auction(services, sold)
    for number, someone in enumerate(people * 2):
        amount = f"{4_200_000 + number * 42_000}.00"
        reply = http.post(
            f"/api/v1/auctions/{live}/bids", json={"amount": amount},
            headers={**support.auth(someone), "Idempotency-Key": f"live-{number}"},
        )  # fmt: skip
        assert reply.status_code == 201, reply.text
    return live, sold, token


def test_the_english_switch_is_remembered_across_pages(
    services: Services, clock: Clock, server: LiveServer, person: OpenPerson, http: httpx.Client
) -> None:
    live, _, _ = a_few_auctions(services, clock, http)
    page = person().open(server, f"/auctions/{live}")
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    expect(page.locator("#countdown-label")).to_have_text("距结束")
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#price-label")).to_have_text("Current price")
    expect(page.locator("#countdown-label")).to_have_text("Ends in")
    expect(page.locator("#warnings h2")).to_have_text("Special warnings")
    expect(page.locator("#history tr").first.locator("td").first).to_have_text("Leading")
    page.get_by_role("link", name="Auctions").first.click()  # no ?lang: the cookie decides
    expect(page.get_by_role("button", name="Search")).to_be_visible()
    expect(page.locator(".card").first).to_contain_text("¥4,326,000.00")  # no 万 in English
    page.get_by_role("link", name="中文").click()
    expect(page.get_by_role("button", name="搜索")).to_be_visible()
    expect(page.locator(".card").first).to_contain_text("432.60万")


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_home_auction_and_court_pages_fit_the_screen(
    services: Services,
    clock: Clock,
    server: LiveServer,
    person: OpenPerson,
    http: httpx.Client,
    viewport: str,
) -> None:
    live, sold, token = a_few_auctions(services, clock, http)
    someone = person(court_token=token, viewport=viewport)
    width = "1280" if viewport == "desktop" else "375"
    pages = {
        "home": "/",
        "auction": f"/auctions/{live}",
        "result": f"/auctions/{sold}/result",
        "court": "/court",
        "court-watch": f"/court/auctions/{live}",
    }
    for name, path in pages.items():
        page = someone.open(server, path)
        if name == "auction":
            expect(page.locator("#history tr")).to_have_count(4)
            expect(page.locator("#countdown")).not_to_have_text("--:--:--")
        if name == "court":
            expect(page.locator("#desk-rows tr")).to_have_count(3)
        if name == "court-watch":
            expect(page.locator("#all-bids tr")).to_have_count(4)
            # until the close, counts only (docs/security.md, control 2)
            expect(page.locator("#registrations")).to_contain_text("竞价结束前不显示竞买代码")
        someone.screenshot(f"{name}-{width}")
        assert someone.overflow() == 0, f"{name} is wider than {width} px"
