"""The bid box in a real browser at a desktop's and a phone's width (issue 16): a notice
never covers a control and the newest replaces the last, the bid count counts the
accepted bids, and on a phone the price, the countdown and 出价 stay at hand.

The server runs on the tests' clock, so "the last five minutes" is a clock set there.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import httpx
import pytest
from playwright.sync_api import expect

import support
from browser_bidding import END, api_bid, bid_with_steps, live_auction
from browser_support import VIEWPORTS
from fapai.app.services import Services
from support import Clock, LiveServer

if TYPE_CHECKING:
    from browser_support import OpenPerson

pytest_plugins = ("browser_support",)
pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

# what a bidder clicks or types in: the acknowledgement and 报名, the amount, +1/+3/+5, 出价
CONTROLS = ("#acknowledge", "#act-register button", "#amount", "[data-steps]", "#bid-submit")


def boxes(page: Any, selector: str) -> list[dict[str, float]]:
    found = page.locator(selector)
    return [found.nth(i).bounding_box() for i in range(found.count()) if found.nth(i).is_visible()]


def overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def one_notice_clear_of_the_controls(page: Any, text: str) -> None:
    """Exactly one notice, saying ``text``, and neither it nor the phone's bar lies over
    any control in view."""
    expect(page.locator(".notice")).to_have_count(1)
    expect(page.locator(".notice")).to_contain_text(text)
    controls = [box for selector in CONTROLS for box in boxes(page, selector)]
    assert controls
    covering = boxes(page, ".notice") + boxes(page, "#phone-bar")
    assert not [(n, c) for n in covering for c in controls if overlap(n, c)]


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_notices_cover_no_control_and_the_newest_wins(
    services: Services,
    clock: Clock,
    server: LiveServer,
    person: OpenPerson,
    http: httpx.Client,
    viewport: str,
) -> None:
    auction_id, (me, rival) = live_auction(services, clock, "王甲", "李乙")
    newcomer = support.bidder(services, "张丙")  # signed in, not registered
    api_bid(http, rival, auction_id, "100000.00")
    refused = http.post(
        f"/api/v1/auctions/{auction_id}/bids", json={"amount": "100500.00"},
        headers={**support.auth(rival), "Idempotency-Key": "off-step"},
    )  # fmt: skip
    assert refused.status_code == 409  # off the increment: recorded, refused
    clock.set(END - timedelta(minutes=3))

    # the last five minutes: the notice sits beside the acknowledgement and 报名
    looker = person(token=newcomer.token, viewport=viewport).page
    looker.goto(f"{server.url}/auctions/{auction_id}")
    expect(looker.locator("#act-register")).to_be_visible()
    one_notice_clear_of_the_controls(looker, "不足 5 分钟")

    page = person(token=me.token, viewport=viewport).open(server, f"/auctions/{auction_id}")
    expect(page.locator("#act-bid")).to_be_visible()
    one_notice_clear_of_the_controls(page, "不足 5 分钟")
    page.locator("#bid-submit").scroll_into_view_if_needed()
    before = page.locator("#actions").bounding_box()

    bid_with_steps(page, 1, "¥101,000.00", "人民币壹拾万壹仟元整")
    one_notice_clear_of_the_controls(page, "出价成功：¥101,000.00。您当前领先。")
    clock.set(END - timedelta(minutes=2))
    api_bid(http, rival, auction_id, "102000.00")  # outbids me and moves the end
    one_notice_clear_of_the_controls(page, "您的出价已被超过：当前价 ¥102,000.00")
    expect(page.locator(".notice")).to_contain_text("结束时间已顺延至 2026-12-02 10:03:00")
    expect(page.locator(".notice")).not_to_contain_text("您当前领先")
    assert page.locator("#actions").bounding_box() == before  # nothing moved under the click

    # 出价次数 counts the accepted bids; the API names the refused one apart
    expect(page.locator("#bid-count")).to_have_text("3")
    snapshot = http.get(f"/api/v1/auctions/{auction_id}").json()
    counts = ("bid_count", "accepted_bid_count", "refused_bid_count")
    assert [snapshot[name] for name in counts] == [4, 3, 1]

    close = page.get_by_role("button", name="关闭提示")  # a name, not "×"
    close.click()
    expect(page.locator(".notice")).to_have_count(0)

    if viewport == "phone":
        height = VIEWPORTS["phone"]["height"]
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        bar = page.locator("#phone-bar")
        expect(bar).to_be_visible()
        box = bar.bounding_box()
        assert box is not None
        assert 0 <= box["y"] <= box["y"] + box["height"] <= height
        expect(page.locator("#bar-price")).to_have_text("¥102,000.00")
        expect(page.locator("#bar-countdown")).to_have_text(re.compile(r"^00:0\d:\d\d$"))
        page.click("#bar-bid")
        expect(page.locator("#amount")).to_be_focused()
        expect(bar).to_be_hidden()  # the bid box is in view: the bar gives way to it
    else:
        page.evaluate("window.scrollTo(0, 0)")
        submit = page.locator("#bid-submit").bounding_box()
        assert submit is not None
        assert submit["y"] + submit["height"] <= VIEWPORTS["desktop"]["height"]  # 出价 in view


def test_the_phone_bar_shows_a_price_in_the_millions_and_the_whole_countdown(
    services: Services, clock: Clock, server: LiveServer, person: OpenPerson, http: httpx.Client
) -> None:
    auction_id, (me, rival) = live_auction(services, clock, "王甲", "李乙")
    api_bid(http, rival, auction_id, "12345000.00")  # a flat's price, not a test's
    clock.set(END - timedelta(hours=2))
    page = person(token=me.token, viewport="phone").open(server, f"/auctions/{auction_id}")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    expect(page.locator("#bar-price")).to_have_text("¥12,345,000.00")
    expect(page.locator("#bar-countdown")).to_have_text(re.compile(r"^0[12]:\d\d:\d\d$"))
    shown = page.locator(".bar-countdown").evaluate(
        "el => { const c = el.getBoundingClientRect(), t = document"
        ".getElementById('bar-countdown').getBoundingClientRect();"
        " return el.scrollWidth <= el.clientWidth && t.right <= c.right; }"
    )
    assert shown  # not cut off under 出价
