"""The court's desk in a real browser: a program signs in with its token and sees the
auction the case workflow announced, and a bidder finds it by search. No form on the
desk publishes an auction outside the case workflow (issue 16 item 2)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

import case_support
from fapai.app.services import Services
from support import Clock, LiveServer

if TYPE_CHECKING:
    from browser_support import OpenPerson

pytest_plugins = ("browser_support",)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_desk_shows_the_announced_auction_and_a_bidder_finds_it_by_search(
    services: Services, server: LiveServer, clock: Clock, person: OpenPerson
) -> None:
    court = case_support.a_court(services)
    case_support.announced_lot(services, court, clock)
    clerk = person()
    page = clerk.open(server, "/court")
    page.get_by_text("使用程序令牌登录").click()  # a program's token, as before
    page.fill("#court-token-form input[name=token]", "not-a-token")
    page.click("#court-token-form button[type=submit]")
    expect(page.locator("#court-token-error")).to_have_text("登录凭证无效，请重新登录。")
    page.fill("#court-token-form input[name=token]", court.tokens["auction_office"])
    page.click("#court-token-form button[type=submit]")
    expect(page.locator("#desk-rows tr")).to_have_count(1)
    expect(page.locator("#desk-rows")).to_contain_text("即将开始")
    expect(page.get_by_role("link", name="新建标的与拍卖")).to_have_count(0)

    bidder = person().open(server, "/")
    bidder.fill("input[name=q]", "某路1号 101")
    bidder.keyboard.press("Enter")
    expect(bidder.locator(".results-title")).to_have_text("共 1 个标的")
    bidder.get_by_role("link", name="上海市某路1号101室").click()
    expect(bidder.locator("h1")).to_have_text("上海市某路1号101室")
    expect(bidder.locator("#disclosure")).to_contain_text("空置")
    expect(bidder.locator("#countdown-label")).to_have_text("距开始")
