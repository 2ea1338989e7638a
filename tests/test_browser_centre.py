"""The bidder centre and a closed auction's page in a real browser (issue 16 item 6): the
winner sees the balance, its due day and the court's account and can order the payment;
the loser sees the refund with the bank's reference; the watchlist follows the bidder
to another browser; a visitor who is not signed in sees nothing but the way to sign in.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import httpx
import pytest
from playwright.sync_api import expect

import support
from fapai.app.services import Services
from fapai.domain.calendar import beijing_date
from support import T0, Clock, LiveServer
from test_api_ledger import sold_auction

if TYPE_CHECKING:
    from browser_support import OpenPerson

pytest_plugins = ("browser_support",)
pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def balance_day(services: Services, auction_id: int) -> str:
    with services.db.read() as tx:
        (due,) = tx.dues(None, open_only=False, auction_id=auction_id, kind="balance")
    return (beijing_date(due.due_at) - timedelta(days=1)).isoformat()


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_the_centre_shows_each_bidder_their_own_outcome_oja_art_23_25(
    services: Services, clock: Clock, server: LiveServer, person: OpenPerson, viewport: str
) -> None:
    _, auction_id, buyer, loser = sold_auction(services, clock)
    day = balance_day(services, auction_id)
    width = "1280" if viewport == "desktop" else "375"

    winner = person(token=buyer.token, viewport=viewport)
    page = winner.open(server, "/me")
    win = page.locator("#win-items .win")
    expect(win).to_have_count(1)
    expect(win.locator('[data-field="balance"]')).to_have_text("¥91,000.00")
    expect(win.locator('[data-field="deposit_applied"]')).to_have_text("¥10,000.00")
    expect(win.locator('[data-field="due_day"]')).to_have_text(f"{day} 24:00（含当日）")
    expect(win.locator('[data-field="account"]')).to_contain_text("指定账户")
    expect(win).to_contain_text("第二十五条")
    win.get_by_role("button", name="缴纳尾款").click()
    expect(win.locator('[data-field="instructions"]')).to_contain_text("¥91,000.00")
    expect(win.get_by_role("link", name="前往银行付款")).to_be_visible()
    winner.screenshot(f"centre-winner-{width}")
    assert winner.overflow() == 0

    other = person(token=loser.token, viewport=viewport)
    page = other.open(server, "/me")
    expect(page.locator("#wins")).to_be_hidden()
    row = page.locator("#registration-rows tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("已退还 ¥10,000.00")
    expect(page.locator("#money-rows")).to_contain_text("退款已汇出")
    expect(page.locator("#money-rows")).to_contain_text("T-D-")  # the deposit's bank reference
    assert other.overflow() == 0
    # on a phone too, without scrolling a table sideways: the deposit's state, what comes
    # next and the bank reference are on the screen
    for cell in (
        row.locator("td").nth(3),
        row.locator("td.next"),
        page.locator("#money-rows code"),
    ):
        box = cell.first.bounding_box()
        assert box is not None
        assert box["x"] + box["width"] <= int(width), cell

    nobody = person(viewport=viewport)
    page = nobody.open(server, "/me")
    expect(page.locator("#centre-login")).to_be_visible()
    expect(page.locator("#centre")).to_be_hidden()


def test_a_closed_auction_page_tells_the_winner_and_the_loser_apart(
    services: Services, clock: Clock, server: LiveServer, person: OpenPerson
) -> None:
    _, auction_id, buyer, loser = sold_auction(services, clock)
    day = balance_day(services, auction_id)
    page = person(token=buyer.token).open(server, f"/auctions/{auction_id}")
    mine = page.locator("#my-outcome")
    expect(mine).to_be_visible()
    expect(mine.locator('[data-field="balance"]')).to_have_text("¥91,000.00")
    expect(mine.locator('[data-field="due_day"]')).to_have_text(f"{day} 24:00（含当日）")
    expect(mine.locator('[data-field="account"]')).to_contain_text("指定账户")
    expect(mine.get_by_role("button", name="缴纳尾款")).to_be_visible()
    expect(page.locator("#leader-label")).to_have_text("买受人竞买代码")

    page = person(token=loser.token).open(server, f"/auctions/{auction_id}")
    expect(page.locator("#my-outcome")).to_be_visible()
    expect(page.locator("#my-win")).to_be_hidden()
    expect(page.locator("#my-next")).to_contain_text("已退还 ¥10,000.00：保证金已原路退还。")

    page = person().open(server, f"/auctions/{auction_id}")
    expect(page.locator("#act-closed")).to_be_visible()
    expect(page.locator("#my-outcome")).to_be_hidden()


def test_the_watch_button_keeps_the_watchlist_on_the_server(
    services: Services, server: LiveServer, person: OpenPerson, http: httpx.Client
) -> None:
    office = support.office(services)
    auction_id = support.auction(services, office, starts_at=T0 + timedelta(days=2))
    someone = support.bidder(services, "关注甲")
    page = person(token=someone.token).open(server, f"/auctions/{auction_id}")
    expect(page.locator("#watcher-count")).to_have_text("0")
    page.click("#watch")
    expect(page.locator("#watch")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#watcher-count")).to_have_text("1")
    listed = http.get("/api/v1/me/watchlist", headers=support.auth(someone)).json()
    assert [w["auction_id"] for w in listed["watchlist"]] == [auction_id]

    elsewhere = person(token=someone.token)  # another browser: nothing in its storage
    page = elsewhere.open(server, f"/auctions/{auction_id}")
    expect(page.locator("#watch")).to_have_attribute("aria-pressed", "true")
    page = elsewhere.open(server, "/me")
    expect(page.locator("#watched-items")).to_contain_text("测试房产")
    page.locator("#watched-items").get_by_role("button", name="取消关注").click()
    expect(page.locator("#watched-items li")).to_have_count(0)
    assert http.get("/api/v1/me/watchlist", headers=support.auth(someone)).json() == {
        "watchlist": []
    }
