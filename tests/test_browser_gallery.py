"""The lot page's photos enlarged and swiped, its video player, its 围观次数, 标的物介绍 and
竞买须知, and the court desk issuing a document again (issue 16: what the big platforms'
users expect; issue 16 item 3: a document once issued is kept and served as issued).

One demo seed per test and few page loads: the live auction has the demo's eight photos
and its viewing video.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from accessibility import accessibility_violations
from fapai.app.audit import trail
from fapai.app.services import Services
from support import LiveServer, seed_demo

if TYPE_CHECKING:
    from browser_support import OpenPerson

pytest_plugins = ("browser_support",)
pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

# a person's browser, not a headless one (robots are not counted, web/page_views.py)
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36"


def test_photos_enlarge_and_swipe_the_video_plays_and_views_are_counted_once(
    services: Services, server: LiveServer, person: OpenPerson
) -> None:
    demo = seed_demo(services)
    live = demo.live_auction
    with services.db.read() as tx:
        auction = tx.auction(live)
        assert auction is not None
        lot_id = auction.lot_id
    visitor = person()
    page = visitor.page
    page.set_extra_http_headers({"User-Agent": BROWSER})
    visitor.open(server, f"/auctions/{live}")
    # 围观次数: this view counted once; a refresh adds nothing, another browser adds one
    expect(page.locator("#view-count")).to_have_text("1")
    page.reload()
    expect(page.locator("#view-count")).to_have_text("1")

    # the video: an HTML5 player with controls, named, from this server, the lead photo
    # as its poster; the demo's film (demo/film.py) is read by the browser: 8 pictures of
    # 3 seconds at 160 × 100
    player = page.locator(".gallery video")
    expect(player).to_have_count(1)
    assert player.get_attribute("controls") is not None
    expect(player).to_have_attribute("aria-label", "视频：看样视频")
    assert player.get_attribute("src").startswith(f"/api/v1/lots/{lot_id}/materials/")
    assert player.get_attribute("poster").startswith(f"/api/v1/lots/{lot_id}/materials/")
    page.wait_for_function("document.querySelector('.gallery video').readyState >= 1")
    assert player.evaluate("v => [v.duration, v.videoWidth, v.videoHeight, v.error]") == [
        24,
        160,
        100,
        None,
    ]

    # 标的物介绍 and the platform's 竞买须知 (OJA Arts 11-30), folded until asked for
    about = page.locator("#description")
    expect(about).to_contain_text("建筑面积 89.52 平方米")
    expect(about).to_contain_text("沪（2018）徐字不动产权第 0123456 号")
    notice = page.locator("#bidding-notice")
    expect(notice.locator("li").first).to_be_hidden()
    notice.locator("summary").click()
    expect(notice.locator("li")).to_have_count(8)
    expect(notice).to_contain_text("保证金须以竞买人本人名义交纳")
    expect(notice).to_contain_text("不得参加该财产的重新拍卖（第二十四条）")

    # the photos: a click enlarges one, the keys and a swipe go through them, Esc closes
    thumbs = page.locator("#photos .thumb")
    expect(thumbs).to_have_count(8)
    viewer = page.locator("#viewer")
    thumbs.nth(1).click()
    expect(viewer).to_be_visible()
    expect(page.locator("#viewer-count")).to_have_text("2 / 8")
    expect(page.locator("#viewer-caption")).to_have_text("主卧")
    assert page.evaluate("document.getElementById('viewer-img').naturalWidth") > 0
    box_ = page.locator("#viewer-img").bounding_box()
    assert box_ is not None
    assert box_["width"] > 400  # larger than the 200 px card
    violations = accessibility_violations(page)
    assert not violations, violations
    page.keyboard.press("ArrowRight")
    expect(page.locator("#viewer-count")).to_have_text("3 / 8")
    page.keyboard.press("End")
    expect(page.locator("#viewer-count")).to_have_text("8 / 8")
    page.keyboard.press("ArrowRight")  # round to the first
    expect(page.locator("#viewer-count")).to_have_text("1 / 8")
    middle = (box_["x"] + box_["width"] / 2, box_["y"] + box_["height"] / 2)
    page.mouse.move(*middle)  # a swipe to the left: the next photo
    page.mouse.down()
    page.mouse.move(middle[0] - 120, middle[1], steps=5)
    page.mouse.up()
    expect(page.locator("#viewer-count")).to_have_text("2 / 8")
    page.keyboard.press("Escape")
    expect(viewer).to_be_hidden()
    expect(thumbs.nth(1)).to_be_focused()  # back where the visitor was

    # a phone: the viewer fits the screen, a touch swipe turns the photo
    phone = person(viewport="phone")
    phone.page.set_extra_http_headers({"User-Agent": BROWSER})
    phone.open(server, f"/auctions/{live}")
    expect(phone.page.locator("#view-count")).to_have_text("2")  # another browser
    phone.page.locator("#photos .thumb").first.click()
    expect(phone.page.locator("#viewer-count")).to_have_text("1 / 8")
    assert phone.overflow() == 0
    phone.page.locator("#viewer-next").click()
    expect(phone.page.locator("#viewer-count")).to_have_text("2 / 8")
    phone.page.locator("#viewer-prev").click()
    expect(phone.page.locator("#viewer-count")).to_have_text("1 / 8")
    phone.page.locator("#viewer-close").click()
    expect(phone.page.locator("#viewer")).to_be_hidden()


def test_the_desk_reissues_a_document_and_serves_the_earlier_one_as_issued(
    services: Services, server: LiveServer, person: OpenPerson
) -> None:
    """Issue 16 item 3: the bureau issues a document again with its reason; the earlier
    version stays stored and is served byte for byte as issued; both are on the trail."""
    demo = seed_demo(services)
    case_id, lot_id, code = _a_ruled_lot(services)
    desk = person(court_token=demo.court_tokens[f"{code}/enforcement"])
    page = desk.open(server, f"/court/cases/{case_id}#lot-{lot_id}")
    lot = page.locator(f"#lot-{lot_id}")
    ruling = lot.locator("[data-document=ruling_to_auction]")
    with page.expect_download() as saving:
        ruling.locator("[data-doc=ruling_to_auction-pdf]").click()
    first = Path(saving.value.path()).read_bytes()
    page.reload()
    ruling = page.locator(f"#lot-{lot_id} [data-document=ruling_to_auction]")
    expect(ruling.locator("[data-slot=issued-latest]")).to_contain_text("已出具第1版")
    ruling.locator("[data-reissue] summary").click()
    ruling.locator("[data-reissue] button[type=submit]").click()
    expect(ruling.locator("[data-error]")).to_have_text("请填写重新出具的理由。")
    ruling.locator("[data-reissue] textarea").fill("更正被执行人住所的笔误")
    ruling.locator("[data-reissue] button[type=submit]").click()
    expect(page.locator("#notices")).to_contain_text("已重新出具第2版")
    ruling = page.locator(f"#lot-{lot_id} [data-document=ruling_to_auction]")
    expect(ruling.locator("[data-slot=issued-latest]")).to_contain_text("已出具第2版")
    expect(ruling.locator("[data-slot=issued-latest]")).to_contain_text("更正被执行人住所的笔误")
    with page.expect_download() as saving:
        ruling.locator("[data-slot=issued-earlier] [data-version='1']").click()
    assert Path(saving.value.path()).read_bytes() == first  # served as it was issued

    with services.db.read() as tx:
        issued = [
            json.loads(r.payload) for r in tx.audit_rows(trail.SYSTEM)
            if r.action == "document.issued"
        ]  # fmt: skip
    mine = [p for p in issued if p.get("lot") == lot_id and p.get("kind") == "ruling_to_auction"]
    assert [p["version"] for p in mine] == [1, 2]
    assert mine[0]["sha256"]["zh.pdf"] == hashlib.sha256(first).hexdigest()
    assert mine[1]["reason"] == "更正被执行人住所的笔误"

    # the office may re-issue too; the director and the supervisor only read
    boss = person(court_token=demo.court_tokens[f"{code}/director"])
    page = boss.open(server, f"/court/cases/{case_id}#lot-{lot_id}")
    ruling = page.locator(f"#lot-{lot_id} [data-document=ruling_to_auction]")
    expect(ruling.locator("[data-slot=issued-latest]")).to_contain_text("已出具第2版")
    expect(ruling.locator("[data-reissue]")).to_have_count(0)


def _a_ruled_lot(services: Services) -> tuple[int, int, str]:
    """A demo case's lot with its ruling to auction signed: (case, lot, court code)."""
    with services.db.read() as tx:
        for auction_id in range(1, 100):
            auction = tx.auction(auction_id)
            if auction is None:
                continue
            lot = tx.lot(auction.lot_id)
            if lot is None or lot.case_id is None:
                continue
            if any(s.step == "ruled" for s in tx.steps(lot.id)):
                code, _ = tx.court_names(lot.court_id)
                return lot.case_id, lot.id, code
    raise AssertionError("no ruled lot in the demo")
