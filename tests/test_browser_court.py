"""The court's desk in a real browser: a program signs in with its token and sees the
court's auctions (made only through cases: there is no form that skips one), and a
bidder finds one by search."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

import support
from fapai.app.accounts import courts
from fapai.app.auctions import setup
from fapai.app.lots import intake
from fapai.app.services import Services
from fapai.domain.beijing_time import BEIJING
from support import LiveServer

if TYPE_CHECKING:
    from browser_support import OpenPerson

pytest_plugins = ("browser_support",)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_court_user_signs_in_sees_the_courts_auctions_and_a_bidder_finds_one(
    services: Services, server: LiveServer, person: OpenPerson
) -> None:
    court_id = courts.create_court(services, "sh-1zy", "上海市第一中级人民法院", "上海")
    office, token = support.court_user(services, court_id, "auction_office")
    clerk = person()
    page = clerk.open(server, "/court")
    page.get_by_text("使用程序令牌登录").click()  # a program's token, as before
    page.fill("#court-token-form input[name=token]", "not-a-token")
    page.click("#court-token-form button[type=submit]")
    expect(page.locator("#court-token-error")).to_have_text("登录凭证无效，请重新登录。")
    page.fill("#court-token-form input[name=token]", token)
    page.click("#court-token-form button[type=submit]")
    expect(page.locator("#desk-empty")).to_be_visible()
    expect(page.locator("#court-new")).to_have_count(0)  # no form that skips the case

    lot = intake.create_lot(
        services,
        office,
        "上海市静安区某路 9 号 601 室住宅",
        "real_estate",
        "上海市静安区",
        {"occupancy": "空置"},
        300_000_000,
    )  # the demo's market: the court's own cases make theirs (test_browser_back_office.py)
    starts = datetime(2026, 12, 20, 10, tzinfo=BEIJING)
    setup.create_auction(
        services, office, lot, 1, 210_000_000, 1_000_000, 21_000_000, starts,
        starts + timedelta(days=1),
    )  # fmt: skip
    page.reload()
    expect(page.locator("#desk-rows tr")).to_have_count(1)
    expect(page.locator("#desk-rows")).to_contain_text("即将开始")

    bidder = person().open(server, "/")
    bidder.fill("input[name=q]", "静安区 601")
    bidder.keyboard.press("Enter")
    expect(bidder.locator(".results-title")).to_have_text("共 1 个标的")
    bidder.get_by_role("link", name="上海市静安区某路 9 号 601 室住宅").click()
    expect(bidder.locator("h1")).to_have_text("上海市静安区某路 9 号 601 室住宅")
    expect(bidder.locator("#disclosure")).to_contain_text("空置")
    expect(bidder.locator("#countdown-label")).to_have_text("距开始")
    expect(bidder.locator(".facts:visible").first).to_contain_text("2026-12-20 10:00:00")
