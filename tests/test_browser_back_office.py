"""The back office in a real browser: the bureau and the office (two people, two
browser contexts) walk a case from its opening to the announcement of its auction,
each offered only the acts of their role, and a bidder finds the auction by search;
the director approves a pause and the bidder's open page refuses a bid with the
paused message and shows the reason; the deadline board marks what is overdue once
the tests' clock passes its day; and the pages fit a phone.

The server runs on the tests' clock: "the due day has passed" is a clock set there.
"""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import expect

import support
from case_support import (
    Court,
    a_court,
    announced_lot,
    auction_of,
    priced_lot,
    ruled_lot,
    stage,
)
from fapai.app.assignment.lottery_file import recheck
from fapai.app.cases import pauses, views
from fapai.app.services import Services
from support import Clock, LiveServer
from test_pages_back_office import case_of

if TYPE_CHECKING:
    from browser_support import OpenPerson, Person

pytest_plugins = ("browser_support",)

SQLITE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
CASE_NUMBER = "（2026）沪01执777号"
TITLE = "上海市黄浦区某路 12 号 1801 室住宅"
PAUSED = "本次拍卖已中止，暂停报名和竞价，原因见拍卖页面（《网络司法拍卖规定》第二十八条）。"


def lot_section(page: Any) -> Any:
    return page.locator("section.lot").first


def act(page: Any, name: str) -> Any:
    """The act's form, opened."""
    block = lot_section(page).locator(f"details[data-act={name}]")
    if block.get_attribute("open") is None:
        block.locator("summary").click()
    return block.locator("form")


def offered(page: Any) -> list[str]:
    """The acts offered on the first lot, once the page has drawn it."""
    expect(lot_section(page)).to_be_visible()
    found = lot_section(page).locator("details[data-act]")
    return [str(name) for name in found.evaluate_all("nodes => nodes.map((n) => n.dataset.act)")]


def submit(form: Any) -> None:
    form.locator("button[type=submit]").click()


def signed_in(someone: Person, server: LiveServer, path: str, role_name: str) -> Any:
    page = someone.open(server, path)
    expect(page.locator("#court-who")).to_contain_text(role_name)
    return page


@SQLITE_ONLY
def test_the_bureau_and_the_office_walk_a_case_to_its_announcement_and_a_bidder_finds_it(
    services: Services, clock: Clock, server: LiveServer, person: OpenPerson
) -> None:
    c = a_court(services)
    bureau = signed_in(
        person(court_token=c.tokens["enforcement"]), server, "/court/cases", "执行局"
    )
    bureau.locator("#open-case summary").click()
    opening = bureau.locator("#open-case-form")
    opening.locator("[name=number]").fill(CASE_NUMBER)
    opening.locator("[name=basis]").fill("（2025）沪01民初88号民事判决书")
    opening.locator("[name=applicant]").fill("上海某银行股份有限公司")
    submit(opening)
    expect(opening.locator("[data-error]")).to_have_text("请填写被执行人。")
    opening.locator("[name=debtor]").fill("李四")
    submit(opening)
    expect(bureau.locator("#case-title")).to_have_text(CASE_NUMBER)
    expect(bureau.locator("#case-debtor")).to_have_text("李四")  # the court knows its parties
    case_path = bureau.url.removeprefix(server.url)

    adding = bureau.locator("#case-add-lot form")
    adding.locator("[name=title]").fill(TITLE)
    adding.locator("[name=location]").fill("上海市黄浦区")
    adding.locator("[name=house]").check()
    for more in adding.locator("details.more summary").all():  # 标的物介绍, 情况披露
        more.click()
    adding.locator("[name='disclosure.area']").fill("建筑面积 120.00 平方米")
    adding.locator("[name='disclosure.occupancy']").fill("空置")
    submit(adding)
    lot = lot_section(bureau)
    expect(lot.locator("[data-slot=stage]")).to_have_text("已查封待裁定")
    assert offered(bureau) == ["ruling"]
    # by keyboard: the only act is open; type the number and press Enter
    bureau.locator("[data-act=ruling] [name=ruling_number]").focus()
    bureau.keyboard.type("（2026）沪01执777号之一")
    bureau.keyboard.press("Enter")
    expect(lot.locator("[data-slot=stage]")).to_have_text("已裁定拍卖")
    assert offered(bureau) == ["revoke"]  # pricing is the office's (执拍分离)
    expect(lot.locator("[data-slot=others]")).to_have_text("由网拍办办理：确定参考价")
    expect(lot.locator("[data-step=ruled]")).to_contain_text("（2026）沪01执777号之一")

    office = signed_in(person(court_token=c.tokens["auction_office"]), server, case_path, "网拍办")
    lot = lot_section(office)
    assert offered(office) == ["reference_price"]
    pricing = act(office, "reference_price")
    pricing.locator("[name=method]").select_option("appraisal")
    pricing.locator("[name=amount]").fill("3,000,000")
    submit(pricing)
    expect(lot.locator("[data-slot=stage]")).to_have_text("已确定参考价")
    expect(lot.locator("[data-slot=reference]")).to_have_text("¥3,000,000.00")
    assert "ruling" not in offered(office)
    assert "revoke" not in offered(office)

    terms = act(office, "terms")
    errors = terms.locator("[data-error]")
    terms.locator("[name=start_price]").fill("2000000")
    terms.locator("[name=increment]").fill("10000")
    terms.locator("[name=deposit]").fill("200000")
    terms.locator("[name=starts_at]").fill("2027-01-09T10:00")
    terms.locator("[name=ends_at]").fill("2027-01-10T10:00")
    terms.locator("[name='panel.number']").fill("（2026）沪01执777号合议庭评议第1号")
    terms.locator("[name='panel.members']").fill("顾文斌\n沈佳怡")
    submit(terms)
    expect(errors).to_have_text(
        "起拍价、加价幅度、保证金及优先购买权人的资格和顺序须经合议庭评议确定，合议庭成员"
        "须为三人以上单数（《网络司法拍卖规定》第二十七条、《民事诉讼法》第四十条）。"
    )
    terms.locator("[name='panel.members']").fill("顾文斌\n沈佳怡\n陆志明")
    submit(terms)
    expect(errors).to_have_text(
        "起拍价不得低于参考价（评估价）的70%，即不得低于¥2,100,000.00（《网络司法拍卖规定》第十条）。"
    )
    terms.locator("[name=start_price]").fill("2100000")
    terms.locator("[name=deposit]").fill("210000")
    submit(terms)
    expect(lot.locator("[data-slot=stage]")).to_have_text("已确定拍卖条件")
    expect(lot.locator("[data-slot=rounds] tr")).to_have_count(1)
    expect(lot.locator("[data-slot=rounds]")).to_contain_text("未发布")
    expect(lot.locator("[data-slot=rounds]")).to_contain_text(
        re.compile(r"2027-01-09 10:00 —\s*2027-01-10 10:00")
    )

    announcing = act(office, "announce")
    submit(announcing)  # refused: the platform comes first, and the API says so
    expect(announcing.locator("[data-error]")).to_have_text(
        "须先确定拍卖平台（《网络司法拍卖规定》第五条）。"
    )
    for role, name in (("applicant", "上海某银行股份有限公司"), ("debtor", "李四")):
        notice = act(office, "notice")
        notice.locator("[name=role]").select_option(role)
        notice.locator("[name=recipient]").fill(name)
        notice.locator("[name=on_date]").fill("2026-11-26")
        submit(notice)
        expect(lot.locator("[data-step=notice]")).to_have_count(1 if role == "applicant" else 2)

    drawing = act(office, "draw")
    drawing.locator("[name=reason]").select_option("none_chosen")
    submit(drawing)
    draw = lot.locator("[data-slot=draw]")
    expect(draw).to_be_visible()
    expect(draw.locator("[data-slot=seed]")).to_have_text(re.compile(r"^[0-9a-f]{64}$"))
    expect(draw.locator("[data-slot=chosen]")).to_have_text("种子已公布，尚未摇号。")
    seed = draw.locator("[data-slot=seed]").inner_text()
    assert not {"platform", "draw"} & set(offered(office))
    submit(act(office, "draw_run"))
    expect(draw.locator("[data-slot=chosen]")).to_contain_text("中签号")
    with office.expect_download() as saving:
        draw.locator("[data-slot=draw-save]").click()
    record = json.loads(Path(saving.value.path()).read_text())
    assert record["seed"] == seed
    assert recheck(record).chosen == record["chosen"]  # anyone can redo the draw
    names = {p["code"]: p["name"] for p in views.platform_list(services)}
    expect(lot.locator("[data-slot=rounds]")).to_contain_text(names[record["chosen"]])

    bureau.reload()
    lot = lot_section(bureau)
    assert offered(bureau) == ["disclosure", "pause", "revoke"]
    confirming = act(bureau, "disclosure")
    confirming.locator("[name=special_warnings]").fill("该房屋存在租赁，租期至2027年12月31日。")
    submit(confirming)
    expect(lot.locator("[data-step=disclosure_confirmed]")).to_contain_text("存在租赁")

    office.reload()
    lot = lot_section(office)
    with office.expect_download() as saving:
        lot.locator("[data-doc=ruling_to_auction-pdf]").click()
    assert Path(saving.value.path()).read_bytes().startswith(b"%PDF")
    arranging = act(office, "arrangements")  # what the public page shows as 公告事项
    arranging.locator("[name=payment_account]").fill("本院执行款专户（演示）")
    arranging.locator("[name=contact]").fill("承办人王法官，电话 021-12345678")
    arranging.locator("[name=supervision]").fill("12368 诉讼服务热线")
    arranging.locator("[name=viewing]").fill("每周三上午，电话预约看样")
    submit(arranging)
    expect(lot.locator("[data-step=publication_facts]")).to_have_count(1)
    submit(act(office, "announce"))
    expect(office.locator("#notices")).to_contain_text("公告已发布")
    expect(lot.locator("[data-slot=stage]")).to_have_text("已公告")
    expect(lot.locator("[data-slot=rounds]")).to_contain_text("已发布")

    bidder = person().open(server, "/")
    bidder.fill("input[name=q]", "黄浦区 1801")
    bidder.keyboard.press("Enter")
    expect(bidder.locator(".results-title")).to_have_text("共 1 个标的")
    bidder.get_by_role("link", name=TITLE).click()
    expect(bidder.locator("h1")).to_have_text(TITLE)
    expect(bidder.locator("#disclosure")).to_contain_text("空置")
    expect(bidder.locator("#description")).to_contain_text("建筑面积 120.00 平方米")
    expect(bidder.locator("#publication")).to_contain_text("承办人王法官，电话 021-12345678")
    expect(bidder.locator("#publication")).to_contain_text("每周三上午，电话预约看样")
    expect(bidder.locator(".facts:visible").first).to_contain_text("2027-01-09 10:00:00")


def pause_requested(
    services: Services, c: Court, clock: Clock, person: OpenPerson, server: LiveServer
) -> tuple[int, int, Any]:
    """An announced lot whose auction is live, a bidder on its page with the deposit paid,
    and the bureau's request to suspend it made in the browser. (lot, auction, bidder page)"""
    lot, auction = announced_lot(services, c, clock)
    buyer = support.bidder(services, "王甲")
    assert support.pay_deposit(services, buyer, auction) == "confirmed"
    clock.set(auction_of(services, auction).starts_at + timedelta(hours=1))
    watcher = person(token=buyer.token).open(server, f"/auctions/{auction}")
    expect(watcher.locator("#act-bid")).to_be_visible()

    path = f"/court/cases/{case_of(services, lot)}"
    bureau = signed_in(person(court_token=c.tokens["enforcement"]), server, path, "执行局")
    assert offered(bureau) == ["pause", "revoke"]
    block = lot_section(bureau).locator("details[data-act=pause]")
    block.locator("summary").focus()
    bureau.keyboard.press("Enter")  # a disclosure widget opens by keyboard
    asking = block.locator("form")
    expect(asking).to_be_visible()
    asking.locator("[name=kind]").select_option("suspended")
    asking.locator("[name=ground]").select_option(label="案外人对拍卖财产提出确有理由的异议")
    asking.locator("[name=reason]").fill("案外人王某对该房产提出执行异议，经审查确有理由。")
    submit(asking)
    expect(lot_section(bureau).locator("[data-slot=others]")).to_contain_text(
        "由执行局局长办理：批准暂缓或中止"
    )
    assert offered(bureau) == ["revoke"]
    return lot, auction, watcher


@SQLITE_ONLY
def test_a_director_approves_a_pause_and_the_bidder_is_refused_with_the_reason_shown(
    services: Services, clock: Clock, server: LiveServer, person: OpenPerson
) -> None:
    c = a_court(services)
    lot, auction, watcher = pause_requested(services, c, clock, person, server)
    path = f"/court/cases/{case_of(services, lot)}"
    director = signed_in(person(court_token=c.tokens["director"]), server, path, "执行局局长")
    assert offered(director) == ["approve"]
    approving = act(director, "approve")
    expect(approving.locator("[data-pending]")).to_have_text(
        "待审批：中止，事由：案外人对拍卖财产提出确有理由的异议；"
        "案外人王某对该房产提出执行异议，经审查确有理由。"
    )
    submit(approving)
    lot_block = lot_section(director)
    expect(lot_block.locator("[data-slot=stage]")).to_have_text("暂缓/中止")
    expect(lot_block.locator("[data-slot=rounds] tr.paused")).to_contain_text("案外人王某")
    assert offered(director) == []
    assert stage(services, lot) == "paused"
    # the deposit held in the pause is on the board, its articles in Chinese (OJA Arts 23, 28)
    director.goto(server.url + "/court/deadlines")
    expect(director.locator("#board-rows tr[data-kind=pause_hold]")).to_contain_text(
        "《网络司法拍卖规定》第二十三条、第二十八条"
    )

    # the bidder's page, still open, shows the pause at once (its live stream's `paused`
    # event), with the reason and no bid form; a bid sent anyway is refused, and why
    expect(watcher.locator(".pause")).to_contain_text("案外人王某对该房产提出执行异议")
    expect(watcher.locator("#status-badge")).to_have_text("中止")
    expect(watcher.locator("#bid-submit")).to_be_disabled()
    refused = watcher.evaluate(
        """async (id) => {
            const token = localStorage.getItem("fapai.token");
            const reply = await fetch(`/api/v1/auctions/${id}/bids`, {
                method: "POST",
                headers: {"Content-Type": "application/json", "Authorization": `Bearer ${token}`,
                          "Idempotency-Key": "paused-1"},
                body: JSON.stringify({amount: "700000.00"}),
            });
            return [reply.status, (await reply.json()).error.message];
        }""",
        auction,
    )
    assert refused == [409, PAUSED]

    # the ground ends (bureau), the office resumes with a new window on the same auction
    bureau = signed_in(person(court_token=c.tokens["enforcement"]), server, path, "执行局")
    lifting = act(bureau, "lift")
    submit(lifting)
    expect(lot_section(bureau).locator("[data-step=pause_lifted]")).to_have_count(1)
    office = signed_in(person(court_token=c.tokens["auction_office"]), server, path, "网拍办")
    resuming = act(office, "resume")
    resuming.locator("[name=starts_at]").fill("2027-02-01T10:00")
    resuming.locator("[name=ends_at]").fill("2027-02-01T20:00")
    submit(resuming)
    expect(resuming.locator("[data-error]")).to_have_text(
        "竞价时间不得少于二十四小时（《网络司法拍卖规定》第二十条）。"
    )
    resuming.locator("[name=ends_at]").fill("2027-02-02T10:00")
    submit(resuming)
    expect(office.locator("#notices")).to_contain_text(f"竞价的拍卖编号 {auction}")
    expect(lot_section(office).locator("[data-slot=stage]")).to_have_text("已公告")
    # the watcher's page reloads itself on the live "resumed" event (a reload of our own
    # here raced with it)
    expect(watcher.locator("#countdown-label")).to_have_text("距开始", timeout=15_000)


def board_rows(page: Any) -> Any:
    return page.locator("#board-rows tr")


@SQLITE_ONLY
def test_the_deadline_board_marks_a_clock_overdue_once_its_day_has_passed(
    services: Services, clock: Clock, server: LiveServer, person: OpenPerson
) -> None:
    c = a_court(services)
    priced_lot(services, c, clock)  # must be announced within 10 days (REF Art 30)
    announced_lot(services, c, clock)  # its notices and announcement are done
    supervisor = person(court_token=c.tokens["supervisor"])
    page = signed_in(supervisor, server, "/court/deadlines", "监督人员")
    expect(board_rows(page).first).to_be_visible()
    expect(page.locator("#board-rows tr.overdue")).to_have_count(0)
    disposal = page.locator("#board-rows tr[data-kind=disposal_start]")
    expect(disposal).to_have_count(1)
    expect(disposal).to_contain_text("未到期")
    expect(disposal).to_contain_text("2026-12-10")
    expect(disposal).not_to_contain_text("暂定")  # counted within 2026
    expect(disposal).to_contain_text("《确定财产处置参考价规定》第三十条")
    expect(page.locator("#board-rows")).not_to_contain_text("已完成")

    clock.advance(days=11)  # past 2026-12-10
    page.reload()
    overdue = page.locator("#board-rows tr.overdue")
    expect(overdue).to_have_count(1)
    expect(overdue).to_contain_text("逾期")
    expect(overdue).to_contain_text("确定参考价后启动处置（发布公告）")
    expect(page.locator("#board-summary")).to_contain_text("其中逾期 1 项")
    assert board_rows(page).first.get_attribute("class") == "overdue"  # overdue first

    page.locator("#board-done").check()
    expect(page.locator("#board-rows tr.done")).not_to_have_count(0)
    announcement = page.locator("#board-rows tr[data-kind=announcement].done")
    expect(announcement).to_contain_text("已完成")
    # counted back from a bidding day in 2027, whose schedule is not published: 暂定
    expect(announcement).to_contain_text("（暂定）")
    assert page.url.endswith("?done=1")
    page.reload()
    expect(page.locator("#board-done")).to_be_checked()

    page.goto(server.url + "/court/deadlines?lang=en")
    overdue = page.locator("#board-rows tr.overdue")
    expect(overdue).to_contain_text("Overdue")
    expect(overdue).to_contain_text("start the disposal after pricing")
    expect(overdue).to_contain_text("REF Art 30")
    page.goto(server.url + "/court/deadlines?lang=en&done=1")
    expect(page.locator("#board-rows tr[data-kind=announcement]")).to_contain_text("(provisional)")


@SQLITE_ONLY
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_the_case_page_and_the_deadline_board_fit_the_screen(
    services: Services, clock: Clock, server: LiveServer, person: OpenPerson, viewport: str
) -> None:
    c = a_court(services)
    lot, _ = announced_lot(services, c, clock, house=True)
    case_id = case_of(services, lot)
    priced_lot(services, c, clock, property_type="movable", reference=12_000_000, case_id=case_id)
    ruled_lot(services, c, clock, case_id=case_id)
    pauses.request_pause(
        services, c.bureau, lot, "postponed", "applicant_consents", "申请执行人书面同意暂缓。"
    )
    width = "1280" if viewport == "desktop" else "375"
    someone = person(court_token=c.tokens["auction_office"], viewport=viewport)
    page = signed_in(someone, server, f"/court/cases/{case_id}", "网拍办")
    expect(page.locator("section.lot")).to_have_count(3)
    page.locator("section.lot[data-stage=priced] details[data-act=terms] summary").click()
    someone.screenshot(f"court-case-{width}")
    assert someone.overflow() == 0, f"the case page is wider than {width} px"

    page = someone.open(server, "/court/cases")
    expect(page.locator("#case-rows tr")).to_have_count(1)
    expect(page.locator("#case-rows")).to_contain_text("已裁定拍卖")
    someone.screenshot(f"court-cases-{width}")
    assert someone.overflow() == 0, f"the case list is wider than {width} px"

    clock.advance(days=12)
    page = someone.open(server, "/court/deadlines?done=1")
    expect(page.locator("#board-rows tr.overdue")).not_to_have_count(0)
    someone.screenshot(f"court-deadlines-{width}")
    assert someone.overflow() == 0, f"the deadline board is wider than {width} px"
