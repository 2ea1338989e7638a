"""Objections in a real browser (issue 18): a signed-in account files an objection with
a PDF on the objector's desk, the court's bureau dockets it and rules on the court's
objections list, and the objector reads the ruling; the bureau's refusal of an act out
of order is shown as the API words it (OBJ Art 2)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from accessibility import accessibility_violations
from case_support import a_court, announced_lot
from fapai.app.services import Services
from support import Clock, LiveServer, bidder

if TYPE_CHECKING:
    from browser_support import OpenPerson

pytest_plugins = ("browser_support",)
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_an_objection_is_filed_docketed_and_ruled_in_the_browser(
    services: Services, clock: Clock, server: LiveServer, person: OpenPerson
) -> None:
    c = a_court(services)
    lot, _ = announced_lot(services, c, clock, "movable")
    filer = bidder(services, "王异议")

    objector = person(token=filer.token)
    page = objector.open(server, "/objections")
    page.fill("#objection-form input[name=lot_id]", str(lot))
    page.select_option("#objection-kind", "execution_act")
    page.select_option("#objection-standing", "excluded_bidder")
    page.fill("#objection-form input[name=filer]", "王异议")
    page.fill("#objection-form textarea[name=grounds]", "报名被无故拒绝，未能参加竞买。")
    page.set_input_files("#objection-papers", [
        {"name": "报名截图.pdf", "mimeType": "application/pdf", "buffer": PDF},
        # a caption that would have been the saved file's name and ending (attack review)
        {"name": "../证据.html", "mimeType": "application/pdf", "buffer": PDF},
    ])  # fmt: skip
    page.click("#objection-form button[type=submit]")
    expect(page.locator("#objection-done")).to_contain_text("已提交")
    card = page.locator("article.objection")
    expect(card).to_have_count(1)
    expect(card).to_contain_text("审查并作出异议裁定")  # the ruling clock runs
    objector.screenshot("objection-filed")
    assert accessibility_violations(page) == []  # WCAG 2.1 AA, as the public pages

    bureau = person(court_token=c.tokens["enforcement"])
    desk = bureau.open(server, "/court/objections")
    row = desk.locator("#objection-rows tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("王异议")
    row.locator("button").click()
    acts = desk.locator("article.objection-acts")
    expect(acts.locator("[data-papers]")).to_contain_text("报名截图.pdf")
    with desk.expect_download() as saved:
        acts.locator("[data-papers] button", has_text="证据.html").click()
    assert saved.value.suggested_filename.endswith("_证据_html.pdf")  # the checked type's
    acts.locator("form[data-act=notice] input[name=recipients]").fill("异议人")
    acts.locator("form[data-act=notice] button[type=submit]").click()
    expect(acts.locator("form[data-act=notice] [data-error]")).to_contain_text("OBJ Art 2")
    acts.locator("form[data-act=docket] button[type=submit]").click()
    expect(desk.locator("article.objection-acts [data-title]")).to_contain_text("已立案")
    ruling = desk.locator("article.objection-acts form[data-act=ruling]")
    ruling.locator("select[name=outcome]").select_option("dismissed")
    ruling.locator("textarea[name=reason]").fill("报名审查符合公告条件。")
    ruling.locator("button[type=submit]").click()
    expect(desk.locator("article.objection-acts [data-title]")).to_contain_text("已裁定")
    bureau.screenshot("objection-ruled")
    assert accessibility_violations(desk) == []

    page.reload()
    expect(page.locator("article.objection .ruling")).to_contain_text("驳回异议")
    expect(page.locator("article.objection")).to_contain_text("向上一级法院申请复议")


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_complaint_from_the_public_form_is_answered_by_the_office(
    services: Services, clock: Clock, server: LiveServer, person: OpenPerson
) -> None:
    c = a_court(services)
    visitor = person()
    page = visitor.open(server, "/objections")
    expect(page.locator("#objection-signin")).to_be_visible()  # objections need an account
    page.fill("#complaint-form input[name=court]", "sh-1zy")
    page.fill("#complaint-form input[name=subject]", "客服电话无人接听")
    page.fill("#complaint-form textarea[name=body]", "连续三天拨打公告所列电话无人接听。")
    page.click("#complaint-form button[type=submit]")
    expect(page.locator("#complaint-done")).to_contain_text("投诉已提交")

    office = person(court_token=c.tokens["auction_office"])
    desk = office.open(server, "/court/objections")
    row = desk.locator("#complaint-rows tr")
    expect(row).to_contain_text("客服电话无人接听")
    row.locator("form[data-act=deadline] input[name=respond_by]").fill("2026-12-05")
    row.locator("form[data-act=deadline] button[type=submit]").click()
    expect(desk.locator("#complaint-rows tr")).to_contain_text("2026-12-05")
    answer = desk.locator("#complaint-rows tr form[data-act=answer]")
    answer.locator("textarea").fill("已督促平台恢复电话值守。")
    answer.locator("button[type=submit]").click()
    expect(desk.locator("#complaint-rows tr")).to_contain_text("已督促平台恢复电话值守。")
    bureau = person(court_token=c.tokens["enforcement"])
    expect(bureau.open(server, "/court/objections").locator("#objections-empty")).to_be_visible()
    expect(bureau.page.locator("#complaints")).to_be_hidden()
