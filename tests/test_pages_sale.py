"""A 变卖 (sale at a set price) does not read as an auction (issue 16 item 4): its public
page says 变卖公告 and 变卖价, the full prepayment, the 60-day period and the 24 hours
after the first bid, and shows no 起拍价 or the auction's extension rule (in a browser,
at 1280 and 375 px, with axe-core's WCAG 2.1 AA rules); its issued
announcement is the 变卖公告, whose forfeit on a default is the previous round's deposit,
not the whole prepayment (the 2017 SPC notice on online sale, rules.md §2.4; OJA Art 37).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx
import pytest
from playwright.sync_api import expect

from accessibility import accessibility_violations
from case_support import a_court, announced_lot, auction_of, on, today
from fapai.app.services import Services
from fapai.domain.calendar import period_end
from support import Clock, LiveServer
from test_case_flows import FIRST, failed_twice, next_round
from test_documents import pdf_text

if TYPE_CHECKING:
    from browser_support import OpenPerson

pytest_plugins = ("browser_support",)

SQLITE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
SALE_PRICE = "¥560,000.00"  # the second round's starting price (80% of the first)
SECOND_DEPOSIT = "¥56,000.00"  # the second round's deposit (10%)


def a_sale(services: Services, clock: Clock) -> tuple[int, int]:
    """A 变卖 announced after two failed rounds; (lot, auction)."""
    c = a_court(services)
    lot, _, second = failed_twice(services, c, clock)
    price = auction_of(services, second).start_price
    sale = next_round(
        services, c, clock, lot, price, on(period_end(services.calendar, today(clock), 7)),
        deposit=price, hours=24 * 60,
    )  # fmt: skip
    return lot, sale


def test_the_sale_page_says_sale_price_prepayment_and_60_days_oja_art_37(
    services: Services, clock: Clock, http: httpx.Client
) -> None:
    _, sale = a_sale(services, clock)
    page = http.get(f"/auctions/{sale}").text
    for said in ("变卖公告", "变卖价", "预缴款（全额变卖价）", "变卖期", "60日",
                 "网络司法变卖", "预缴全部变卖价款", "24小时", "缴纳预缴款"):  # fmt: skip
        assert said in page, said
    assert SALE_PRICE in page
    for unsaid in ("起拍价", "拍卖公告", "公开网络司法拍卖", "延时周期", "缴纳保证金",
                   "（《网络司法拍卖规定》第二十条）。"):  # fmt: skip
        assert unsaid not in page, unsaid
    assert f"/api/v1/auctions/{sale}/announcement.pdf" in page
    card = http.get("/", params={"round": "sale"}).text.split('class="card-prices"')[1]
    assert "变卖价" in card.split("</dl>")[0]
    english = http.get(f"/auctions/{sale}", params={"lang": "en"}).text
    assert "Sale announcement" in english
    assert "Starting price" not in english.split('id="terms"')[1].split("</section>")[0]


def test_an_auction_page_keeps_its_auction_words(
    services: Services, clock: Clock, http: httpx.Client
) -> None:
    c = a_court(services)
    _, auction = announced_lot(services, c, clock)
    page = http.get(f"/auctions/{auction}").text
    assert "拍卖公告" in page
    assert "起拍价" in page
    assert "变卖" not in page.split('id="terms"')[1].split("</section>")[0]


def test_the_sale_announcement_forfeits_the_previous_deposit_not_the_price(
    services: Services, clock: Clock, http: httpx.Client
) -> None:
    _, sale = a_sale(services, clock)
    reply = http.get(f"/api/v1/auctions/{sale}/announcement.pdf")
    assert reply.status_code == 200
    text = pdf_text(reply.content)
    assert "变卖公告" in text
    assert f"预缴全部变卖价款{SALE_PRICE}".replace(" ", "") in text
    assert f"相当于保证金数额{SECOND_DEPOSIT}" in text
    assert f"相当于保证金数额{SALE_PRICE}" not in text
    assert FIRST * 80 // 100 == 56_000_000  # SALE_PRICE in fen


@SQLITE_ONLY
def test_a_bidder_reads_the_sale_page_in_a_browser(
    services: Services, clock: Clock, server: LiveServer, person: OpenPerson
) -> None:
    _, sale = a_sale(services, clock)
    for viewport in ("desktop", "phone"):
        someone = person(viewport=viewport)
        page = someone.open(server, f"/auctions/{sale}")
        expect(page.locator("#announcement-title")).to_have_text("变卖公告")
        expect(page.locator("#price-label")).to_have_text("变卖价")
        terms = page.locator("#terms")
        expect(terms).to_contain_text("预缴款（全额变卖价）")
        expect(terms).to_contain_text("60日")
        expect(terms).not_to_contain_text("起拍价")
        expect(terms).not_to_contain_text("延时周期")
        expect(page.locator(".notice-rule")).to_contain_text("24小时竞价期")
        link = page.locator("#announcement-pdf")
        expect(link).to_have_text("下载变卖公告（PDF，法院出具的正式文本）")
        with page.expect_download() as download:
            link.click()
        assert download.value.suggested_filename.endswith("-变卖公告.pdf")
        assert someone.overflow() == 0
        assert accessibility_violations(page) == []  # WCAG 2.1 AA (issue 16 item 12)
        someone.screenshot(f"sale-{viewport}")
        assert someone.problems == []
