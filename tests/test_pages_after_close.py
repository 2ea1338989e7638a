"""An auction's pages after its bidding, for every way it can end (issue 16): what each
says, which file it offers, and that only a sale names its buyer (issue 14).

The demo seeds one auction of each status through the ordinary use cases; seeding it
takes a while, so one test reads all its pages, on SQLite (the pages read the same
use cases on either database).
"""

from __future__ import annotations

import re

import httpx
import pytest

from fapai.app.auctions import queries
from fapai.app.auctions.ports import AuctionFilter
from fapai.app.services import Services
from fapai.demo.world import DEMO_BIDDERS
from support import seed_demo

EXPORT = re.compile(r'href="(/api/v1/auctions/\d+/export)"')
ENDED = ("sold", "unsold", "defaulted", "in_lieu", "revoked")
pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def first_with(services: Services, status: str, kind: str | None = None) -> int:
    items = queries.search(services, AuctionFilter(status=status, kind=kind), 1, 1)["items"]
    assert items, status
    return int(items[0]["id"])


def pages(http: httpx.Client, auction_id: int) -> tuple[str, str]:
    auction = http.get(f"/auctions/{auction_id}")
    result = http.get(f"/auctions/{auction_id}/result")
    assert auction.status_code == result.status_code == 200
    return auction.text, result.text


def test_after_the_close_the_pages_say_what_happened_and_offer_only_what_exists(
    services: Services, http: httpx.Client
) -> None:
    seed_demo(services)
    ended = {status: first_with(services, status) for status in ENDED}
    worded_as_what_happened(ended, http)
    a_sale_at_a_price_ends_as_a_sale(services, http)
    no_viewing_is_offered_after_the_close(ended, http)
    only_a_sale_shows_a_confirmation_or_a_name(ended, http)
    the_bidding_file_is_offered_exactly_where_it_can_be_had(ended, http)
    cards_say_when_a_revoked_auction_was_revoked(ended, http)


def worded_as_what_happened(ended: dict[str, int], http: httpx.Client) -> None:
    sold, _ = pages(http, ended["sold"])
    assert "成交价" in sold
    assert "买受人竞买代码" in sold
    assert "领先竞买代码" not in sold

    defaulted, defaulted_result = pages(http, ended["defaulted"])
    assert 'badge-defaulted">悔拍<' in defaulted
    assert '<p class="price-label" id="price-label">成交价</p>' in defaulted
    assert "当前价" not in defaulted
    assert "未在拍卖公告确定的期限内交付价款" in defaulted
    assert "第二十四条" in defaulted
    assert "买受人悔拍，本次成交不再履行，不公布成交确认书。" in defaulted_result

    revoked, revoked_result = pages(http, ended["revoked"])
    assert 'badge-revoked">已撤销<' in revoked
    assert "撤回<" not in revoked  # one name for the court's act 撤销拍卖
    assert "被执行人在拍卖前全部履行了义务（《拍卖变卖规定》第十九条）" in revoked
    assert "撤销时间" in revoked
    assert 'id="end-time"' not in revoked  # no end that will never come
    assert re.search(r'<p class="countdown-line" id="countdown-line" hidden>', revoked)
    assert "撤销时间" in revoked_result

    in_lieu, _ = pages(http, ended["in_lieu"])
    assert "以物抵债" in in_lieu
    assert "《拍卖变卖规定》第十六条" in in_lieu


def no_viewing_is_offered_after_the_close(ended: dict[str, int], http: httpx.Client) -> None:
    """seed 003 Art 3(4): viewings are arranged before the close; the form would be refused."""
    for auction_id in ended.values():
        page, _ = pages(http, auction_id)
        assert 'id="viewing-form"' not in page
        assert "本次拍卖已结束，不再安排看样" in page
        assert 'id="viewing-lookup"' in page  # a request made before still reads
        assert 'class="muted small notice-rule"' not in page  # no extension to come


def a_sale_at_a_price_ends_as_a_sale(services: Services, http: httpx.Client) -> None:
    """ASR Art 32: a 变卖 nobody bought goes in lieu at its sale price, or back to the
    debtor; it is neither auctioned again within 30 days nor taken at a 起拍价."""
    in_lieu, in_lieu_result = pages(http, first_with(services, "in_lieu", "sale"))
    for text in (in_lieu, in_lieu_result):
        assert "以变卖价" in text
        assert "第十六条、第三十二条" in text
        assert "起拍价" not in text.split("竞价信息")[0]
    _, unsold_result = pages(http, first_with(services, "unsold", "sale"))
    assert "变卖不成" in unsold_result
    assert "三十日内再次拍卖" not in unsold_result
    unsold = first_with(services, "unsold", "sale")
    assert "the sale at a price failed" in http.get(f"/auctions/{unsold}/result?lang=en").text
    http.get(f"/auctions/{unsold}/result?lang=zh")  # back to Chinese for the checks after


def only_a_sale_shows_a_confirmation_or_a_name(ended: dict[str, int], http: httpx.Client) -> None:
    for status, auction_id in ended.items():
        auction, result = pages(http, auction_id)
        outcome = http.get(f"/api/v1/auctions/{auction_id}/result").json()
        names = [name for name in DEMO_BIDDERS if name in auction + result]
        if status == "sold":
            assert "网络司法拍卖成交确认书" in result
            assert names == [outcome["confirmation"]["buyer_name"]]
            assert "查看竞价结果与成交确认书" in auction
        else:
            assert "网络司法拍卖成交确认书" not in result, status
            assert 'class="panel letter"' not in result, status
            assert "查看竞价结果与成交确认书" not in auction, status
            assert outcome["confirmation"] is None, status
            assert names == [], status


def the_bidding_file_is_offered_exactly_where_it_can_be_had(
    ended: dict[str, int], http: httpx.Client
) -> None:
    for status, auction_id in ended.items():
        _, result = pages(http, auction_id)
        offered = EXPORT.findall(result)
        reply = http.get(f"/api/v1/auctions/{auction_id}/export")
        if status == "revoked":
            assert offered == []
            assert "不提供该文件" in result
            assert (reply.status_code, reply.json()["error"]["code"]) == (409, "revoked")
        else:
            assert offered == [f"/api/v1/auctions/{auction_id}/export"], status
            assert reply.status_code == 200, status
            assert reply.json()["format"] == "fapai-replay/1"


def cards_say_when_a_revoked_auction_was_revoked(ended: dict[str, int], http: httpx.Client) -> None:
    home = http.get("/", params={"status": "revoked"}).text
    assert 'badge-revoked">已撤销<' in home
    assert "撤销时间 2026-" in home
    english = http.get(f"/auctions/{ended['revoked']}", params={"lang": "en"}).text
    assert "the debtor paid in full before the sale (ASR Art 19)" in english
    assert ">Revoked<" in english
