"""The court's desk in a real browser: a program signs in with its token, creates a
lot and its auction (the refusals cite the rule), and a bidder finds it by search."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

import support
from fapai.app.accounts import courts
from fapai.app.services import Services
from fapai.storage import tables
from support import LiveServer

if TYPE_CHECKING:
    from browser_support import OpenPerson

pytest_plugins = ("browser_support",)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_court_user_creates_an_auction_and_a_bidder_finds_it_by_search(
    services: Services, server: LiveServer, person: OpenPerson
) -> None:
    court_id = courts.create_court(services, "sh-1zy", "上海市第一中级人民法院", "上海")
    _, token = support.court_user(services, court_id, "auction_office")
    clerk = person()
    page = clerk.open(server, "/court")
    page.get_by_text("使用程序令牌登录").click()  # a program's token, as before
    page.fill("#court-token-form input[name=token]", "not-a-token")
    page.click("#court-token-form button[type=submit]")
    expect(page.locator("#court-token-error")).to_have_text("登录凭证无效，请重新登录。")
    page.fill("#court-token-form input[name=token]", token)
    page.click("#court-token-form button[type=submit]")
    expect(page.locator("#desk-empty")).to_be_visible()
    page.get_by_role("link", name="新建标的与拍卖").click()

    form = page.locator("#new-auction")
    expect(form).to_be_visible()
    form.locator("[name=title]").fill("上海市静安区某路 9 号 601 室住宅")
    form.locator("[name=location]").fill("上海市静安区")
    form.locator("[name=reference_price]").fill("3000000")
    form.locator("[name='disclosure.occupancy']").fill("空置")
    form.locator("[name=start_price]").fill("2100000")
    expect(page.locator("#deposit-hint")).to_contain_text("¥105,000.00 至 ¥420,000.00")
    form.locator("[name=increment]").fill("10000")
    form.locator("[name=deposit]").fill("21000")  # 1%: below OJA Art 17's 5%
    form.locator("[name=starts_at]").fill("2026-12-20T10:00")
    form.locator("[name=ends_at]").fill("2026-12-20T22:00")  # 12 hours: below Art 20's 24
    errors = page.locator("#new-error")
    form.locator("button[type=submit]").click()
    expect(errors).to_have_text("保证金须为起拍价的5%至20%（《网络司法拍卖规定》第十七条）。")
    form.locator("[name=deposit]").fill("210000")
    form.locator("button[type=submit]").click()
    expect(errors).to_have_text("竞价时间不得少于二十四小时（《网络司法拍卖规定》第二十条）。")
    form.locator("[name=ends_at]").fill("2026-12-21T10:00")
    form.locator("button[type=submit]").click()
    expect(page.locator("#created-text")).to_have_text(re.compile(r"已创建并发布：拍卖编号 \d+。"))
    assert support.row_count(services, tables.lots) == 1  # the refused tries reused the lot

    page.goto(server.url + "/court")
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
    expect(bidder.locator(".facts").first).to_contain_text("2026-12-20 10:00:00")
