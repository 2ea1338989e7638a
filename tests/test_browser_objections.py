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


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_final_ruling_after_the_sale_files_the_revocation_in_one_click(
    services: Services, clock: Clock, server: LiveServer, person: OpenPerson
) -> None:
    """OBJ Art 21, CPL Art 236: the objection upheld after the sale offers the bureau the
    revocation once its ruling is final; the click files it with the ruling's ground and
    number for the director."""
    from datetime import timedelta

    from fapai.app.accounts import courts
    from fapai.app.remedies import docket, filing
    from fapai.app.remedies.filing import Paper
    from test_case_flows import sold_lot

    c = a_court(services)
    lot, _, _ = sold_lot(services, c, clock)
    filer = bidder(services, "王异议")
    number = filing.file_objection(
        services, filer.account_id, lot, "execution_act", "party", "王异议", "恶意串通",
        [Paper("证据", "application/pdf", PDF)],
    )  # fmt: skip
    docket.docket(services, c.bureau, number)
    docket.rule(services, c.bureau, number, "upheld", "collusion", "竞买人之间恶意串通")
    clock.set(clock() + timedelta(days=20))  # the ten days for reconsideration have run
    token = courts.create_court_user(services, c.id, "bureau-later", "enforcement")

    bureau = person(court_token=token)
    desk = bureau.open(server, "/court/objections")
    desk.locator("#objection-rows tr button").click()
    form = desk.locator("article.objection-acts form[data-act=revocation]")
    expect(form).to_be_visible()
    form.locator("button[type=submit]").click()
    expect(form.locator("[data-error]")).to_have_text("")
    form.locator("button[type=submit]").click()  # a second click is refused, said why
    expect(form.locator("[data-error]")).to_contain_text("已据该裁定提请撤销拍卖")
    with services.db.read() as tx:
        filed = [s for s in tx.steps(lot) if s.step == "sale_revocation_requested"]
    assert len(filed) == 1
    assert f"（{number}）" in filed[0].details
