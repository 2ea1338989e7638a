"""The public pages as HTML over HTTP: the home page's search, facets, sorting and
pages; an auction's page; its result; the languages; and that a page needs
nothing from outside this server."""

from __future__ import annotations

import re
from datetime import timedelta

import httpx
import pytest

import support
from fapai.app.accounts import courts
from fapai.app.auctions import closing, setup
from fapai.app.lots import intake
from fapai.app.services import Services
from fapai.web.pages import formatting
from support import T0, Clock

TITLE = re.compile(r'<h3 class="card-title"><a href="/auctions/(\d+)">([^<]+)</a>')


def titles(page: httpx.Response) -> list[str]:
    assert page.status_code == 200, page.text
    return [title for _, title in TITLE.findall(page.text)]


@pytest.fixture
def listings(services: Services) -> dict[str, int]:
    """Three courts' auctions: a house (live from T0), a car and a share (upcoming)."""
    made = {}
    for code, name, title, kind, place, start in (
        ("sh-1zy", "上海市第一中级人民法院", "静安区某路 9 号住宅", "real_estate",
         "上海市静安区", 4_200_000),
        ("bj-hd", "北京市海淀区人民法院", "奥迪 A6L 轿车一辆", "movable", "北京市海淀区",
         126_000),
        ("gz-th", "广州市天河区人民法院", "某科技有限公司 15% 股权", "other_right",
         "广州市天河区", 560_000),
    ):  # fmt: skip
        court_id = courts.create_court(services, code, name, place[:2])
        office, _ = support.court_user(services, court_id, "auction_office")
        lot = intake.create_lot(services, office, title, kind, place, {"occupancy": "空置"}, None)
        starts = T0 if kind == "real_estate" else T0 + timedelta(days=2)
        made[title] = setup.create_auction(
            services, office, lot, 1, start * 100, start, start * 10, starts,
            starts + timedelta(hours=24),
        )  # fmt: skip
    return made


def test_home_searches_words_facets_and_prices(
    listings: dict[str, int], clock: Clock, http: httpx.Client
) -> None:
    clock.set(T0 + timedelta(hours=1))
    assert sorted(titles(http.get("/"))) == sorted(listings)
    assert titles(http.get("/", params={"q": "静安 住宅"})) == ["静安区某路 9 号住宅"]
    assert titles(http.get("/", params={"q": "海淀区人民法院"})) == ["奥迪 A6L 轿车一辆"]
    assert titles(http.get("/", params={"status": "live"})) == ["静安区某路 9 号住宅"]
    assert titles(http.get("/", params={"property_type": "other_right"})) == [
        "某科技有限公司 15% 股权"
    ]
    assert titles(http.get("/", params={"court": "bj-hd"})) == ["奥迪 A6L 轿车一辆"]
    assert titles(http.get("/", params={"region": "广州市"})) == ["某科技有限公司 15% 股权"]
    # Prices are in 万元, on the current price (the starting price before any bid).
    assert sorted(titles(http.get("/", params={"min_price": "50", "max_price": "500"}))) == [
        "某科技有限公司 15% 股权", "静安区某路 9 号住宅",
    ]  # fmt: skip
    assert titles(http.get("/", params={"sort": "price_desc"})) == [
        "静安区某路 9 号住宅", "某科技有限公司 15% 股权", "奥迪 A6L 轿车一辆",
    ]  # fmt: skip
    # The statuses and the 变卖 round the court back office will bring: empty, not an error.
    assert titles(http.get("/", params={"status": "suspended"})) == []
    assert titles(http.get("/", params={"round": "sale"})) == []
    unreadable = http.get("/", params={"min_price": "abc"})
    assert "最低价须为金额（万元），如 420" in unreadable.text
    assert len(titles(unreadable)) == 3
    # a NUL in a word or a filter (PostgreSQL cannot compare text holding one): nothing
    # stored holds it, so nothing matches; not a 500
    for odd in ({"q": "静安\x00"}, {"court": "\x00"}, {"region": "\x00"}):
        reply = http.get("/", params=odd)
        assert reply.status_code == 200, (odd, reply.text[:200])
        assert titles(reply) == []
    listed = http.get("/api/v1/auctions", params={"q": "a\x00b"})
    assert (listed.status_code, listed.json()["total"]) == (200, 0)


def test_home_cards_show_prices_in_wan_and_the_facets_keep_the_other_filters(
    listings: dict[str, int], http: httpx.Client
) -> None:
    page = http.get("/", params={"property_type": "movable", "q": "奥迪"})
    assert '起拍价</dt><dd class="num">12.60万' in page.text
    assert "上海市第一中级人民法院" in page.text  # the court facet lists every court
    live = re.search(
        r'<a href="([^"]+)" class="chip"\s*>正在进行 <span class="facet-count num">(\d+)</span>',
        page.text,
    )
    assert live is not None
    assert live.group(1).replace("&amp;", "&") == (
        "/?property_type=movable&q=%E5%A5%A5%E8%BF%AA&status=live"
    )


def test_each_facet_choice_counts_what_it_lists(
    listings: dict[str, int], http: httpx.Client
) -> None:
    """Issue 16: the number beside each chip is what clicking it lists, with the other
    filters kept (here the type), 全部 included."""
    page = http.get("/", params={"property_type": "real_estate"})
    chips = re.findall(
        r'<a href="([^"]+)" class="chip[^"]*"\s*(?:aria-current="true")?>[^<]+'
        r'<span class="facet-count num">(\d+)</span>',
        page.text,
    )
    assert len(chips) == 1 + 7 + 1 + 3 + 1 + 3  # 全部 and the choices of each facet
    for href, count in chips:
        listed = http.get(href.replace("&amp;", "&"))
        shown = re.search(r"共 (\d+) 个标的", listed.text)
        assert shown is not None
        assert shown.group(1) == count, href


def test_home_pages_through_many_auctions(services: Services, http: httpx.Client) -> None:
    office = support.office(services)
    made = [support.auction(services, office, starts_at=T0 + timedelta(hours=n)) for n in range(14)]
    first, second = http.get("/"), http.get("/", params={"page": "2"})
    assert len(titles(first)) == 12
    assert len(titles(second)) == 2
    ids = [int(i) for i, _ in TITLE.findall(first.text) + TITLE.findall(second.text)]
    assert ids == made  # upcoming: soonest start first
    assert 'rel="next"' in first.text
    assert 'rel="prev"' in second.text
    assert len(titles(http.get("/", params={"page": "99"}))) == 2  # past the end: the last page


def test_an_auction_page_discloses_everything_in_beijing_time(
    services: Services, http: httpx.Client
) -> None:
    office = support.office(services)
    lot = intake.create_lot(
        services, office, "徐汇区某路 20 号 1101 室", "real_estate", "上海市徐汇区",
        {"occupancy": "空置，无租赁", "arrears": "欠缴物业费约 3,200 元，由买受人承担",
         "taxes": "各自承担"}, 600_000_000,
    )  # fmt: skip
    auction_id = setup.create_auction(
        services, office, lot, 1, 420_000_000, 4_200_000, 42_000_000, T0, T0 + timedelta(days=1)
    )
    someone = support.bidder(services, "王芳")
    support.pay_deposit(services, someone, auction_id)
    page = http.get(f"/auctions/{auction_id}")
    assert page.status_code == 200
    text = page.text
    for shown in ("¥4,200,000.00", "¥42,000.00", "¥420,000.00", "¥6,000,000.00",
                  "2026-12-01 10:00:00", "2026-12-02 10:00:00", "空置，无租赁",
                  "欠缴物业费约 3,200 元，由买受人承担", "清场交付责任", "未披露",
                  "载明买受人真实身份的拍卖结果将在网络司法拍卖平台上公示", "第十四条",
                  "第二十一条", "第二十条", "距结束"):  # fmt: skip
        assert shown in text, shown
    assert "王芳" not in text  # OJA Art 18: nobody's identity before the close
    assert page.headers["content-security-policy"].startswith("default-src 'self'")


@pytest.mark.parametrize("path", ["/auctions/999999", "/auctions/abc", "/auctions/99999999999"])
def test_a_missing_auction_is_a_page_not_json(http: httpx.Client, path: str) -> None:
    page = http.get(path)
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert "拍卖不存在。" in page.text


def test_the_result_page_publishes_the_confirmation_after_the_close(
    services: Services, clock: Clock, http: httpx.Client
) -> None:
    auction_id = support.auction(services, support.office(services))
    buyer = support.bidder(services, "李强")
    support.pay_deposit(services, buyer, auction_id)
    assert "竞价尚未结束，结果未公布。" in http.get(f"/auctions/{auction_id}/result").text
    clock.set(T0 + timedelta(hours=1))
    reply = http.post(
        f"/api/v1/auctions/{auction_id}/bids", json={"amount": "123456.00"},
        headers={**support.auth(buyer), "Idempotency-Key": "k1"},
    )  # fmt: skip
    assert reply.status_code == 409  # off the increment: refused, and not in the history
    reply = http.post(
        f"/api/v1/auctions/{auction_id}/bids", json={"amount": "123000.00"},
        headers={**support.auth(buyer), "Idempotency-Key": "k2"},
    )  # fmt: skip
    assert reply.status_code == 201
    clock.set(T0 + timedelta(days=2))
    assert closing.close_auction(services, auction_id)
    page = http.get(f"/auctions/{auction_id}/result").text
    for shown in ("网络司法拍卖成交确认书", "李强", "¥123,000.00", "人民币壹拾贰万叁仟元整",
                  "第二十二条", f"/api/v1/auctions/{auction_id}/export"):  # fmt: skip
        assert shown in page, shown
    assert "¥123,456.00" not in page
    assert re.search(r"\d{4}\*+\d{3}[\dX]", page)  # the ID number, masked


def test_english_by_the_switch_then_by_the_cookie(
    listings: dict[str, int], http: httpx.Client
) -> None:
    chinese = http.get("/")
    assert '<html lang="zh-CN"' in chinese.text
    assert "搜索" in chinese.text
    english = http.get("/", params={"lang": "en"})
    assert '<html lang="en"' in english.text
    assert ">Search<" in english.text
    assert english.cookies.get("lang") == "en"
    assert "Starting price" in http.get(f"/auctions/{listings['奥迪 A6L 轿车一辆']}").text
    assert "¥126,000.00" in http.get("/").text  # no 万 for English readers
    assert ">搜索<" in http.get("/", params={"lang": "zh-CN"}).text


def test_pages_need_nothing_from_outside(listings: dict[str, int], http: httpx.Client) -> None:
    pages = ["/", f"/auctions/{listings['奥迪 A6L 轿车一辆']}", "/login", "/court", "/court/cases"]
    assets: set[str] = set()
    for path in pages:
        page = http.get(path)
        assert page.status_code == 200, path
        assert not re.search(r'(?:src|action)="(?:https?:)?//', page.text), path
        # the one way out is a link the visitor clicks: the address on a map site
        outside = re.findall(r'href="((?:https?:)?//[^"]*)"', page.text)
        assert all(link.startswith(formatting.MAP_SEARCH) for link in outside), path
        assert "<script>" not in page.text
        assert " on" + "click=" not in page.text
        assets |= set(re.findall(r'(?:src|href)="(/static/[^"]+)"', page.text))
    assert {re.sub(r"\?.*", "", a) for a in assets} >= {"/static/app.css", "/static/fapai.js"}
    for asset in assets:
        assert http.get(asset).status_code == 200, asset


def test_addresses_from_the_query_stay_on_this_site(http: httpx.Client) -> None:
    for evil in ("//evil.example/x", "https://evil.example", "/\\evil.example"):
        bank = http.get("/sim-bank/pay/D1-abc", params={"amount": "10.00", "back": evil})
        assert 'href="/" id="bank-back"' in bank.text, evil
        login = http.get("/login", params={"next": evil})
        assert '"next": "/"' in login.text, evil
    assert (
        'href="/auctions/7" id="bank-back"'
        in http.get("/sim-bank/pay/D1-abc", params={"back": "/auctions/7"}).text
    )
