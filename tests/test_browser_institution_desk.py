"""The auxiliary institution's desk in a real browser (issue 17 item 4): its staff member
signs in with password and code, sees the lot entrusted to the institution and its task,
logs a step (seed 003 Art 6(8)) and submits; the office accepts and the desk shows it."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import pyotp
import pytest
from playwright.sync_api import expect

from case_support import a_court, today
from fapai.app.institutions import tasks
from fapai.app.services import Services
from fapai.domain.beijing_time import to_beijing
from institution_support import desk_user, entrusted
from support import Clock, LiveServer
from test_pages_back_office import case_of

if TYPE_CHECKING:
    from browser_support import OpenPerson

pytest_plugins = ("browser_support",)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_an_institution_signs_in_logs_a_step_submits_and_the_office_accepts_art_6_8(
    services: Services, clock: Clock, server: LiveServer, person: OpenPerson
) -> None:
    c = a_court(services)
    e = entrusted(services, c, clock)
    made = e.staff[0]
    task = tasks.create(
        services, c.office, e.lots[0], "site_notice", "在房屋门口张贴拍卖公告并拍照",
        today(clock) + timedelta(days=3), made.login,
    )  # fmt: skip
    tasks.create(
        services, c.office, e.lots[1], "site_notice", "另一机构的任务",
        today(clock) + timedelta(days=3), e.staff[1].login,
    )  # fmt: skip

    page = person().open(server, "/institution")
    clock.advance(seconds=30)
    form = page.locator("#desk-login-form")
    form.locator("[name=login]").fill(made.login)
    form.locator("[name=password]").fill(made.password)
    form.locator("[name=code]").fill(pyotp.TOTP(made.totp_secret).at(clock()))
    form.locator("button[type=submit]").click()
    expect(page.locator("#desk-who")).to_contain_text("机构员工0")
    expect(page.locator("#desk-lots article")).to_have_count(1)
    link = page.locator(f"li[data-task='{task}'] a")
    expect(link).to_have_text("现场张贴公告并上传拍卖平台")
    expect(page.get_by_text("另一机构的任务")).to_have_count(0)
    link.click()

    expect(page.locator("#task-instructions")).to_have_text("在房屋门口张贴拍卖公告并拍照")
    expect(page.locator("#task-no-log")).to_be_visible()
    log = page.locator("#log-form")
    log.locator("[name=kind]").select_option("notice")
    happened = to_beijing(clock() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    log.locator("[name=happened_at]").fill(happened)
    log.locator("[name=note]").fill("已在房屋门口张贴公告，拍照 3 张")
    log.locator("button[type=submit]").click()
    expect(page.locator("#task-log li")).to_have_count(1)
    expect(page.locator("#task-log")).to_contain_text("张贴或送达通知")
    submit = page.locator("#submit-form")
    submit.locator("[name=note]").fill("公告已张贴")
    submit.locator("button[type=submit]").click()
    expect(page.locator("#task-state")).to_have_text("已提交，待验收")
    expect(page.locator("#log-form")).to_be_hidden()

    tasks.review(services, c.office, task, True)
    page.reload()
    expect(page.locator("#task-state")).to_have_text("已验收")
    page.goto(server.url + "/institution?lang=en")
    expect(page.locator(f"li[data-task='{task}']")).to_contain_text("Accepted")


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_office_gives_a_task_on_the_lot_page_and_accepts_the_submitted_work_art_3(
    services: Services, clock: Clock, server: LiveServer, person: OpenPerson
) -> None:
    """The court's side of seed 003 Art 3 and Art 6(8) on its desk: the office gives the
    designated institution a task naming one of its staff, a refusal shows the API's
    sentence, the institution's log and report appear, and the office accepts."""
    c = a_court(services)
    e = entrusted(services, c, clock)
    made = e.staff[0]
    page = person(court_token=c.tokens["auction_office"]).open(
        server, f"/court/cases/{case_of(services, e.lots[0])}"
    )
    box = page.locator(f"#lot-{e.lots[0]} [data-slot=tasks-section]")
    expect(box).to_contain_text("辅助机构任务")
    expect(box.locator("[data-slot=no-tasks]")).to_be_visible()
    box.locator("[data-task-give] summary").click()
    form = box.locator("[data-task-give] form")
    form.locator("[name=kind]").select_option("notify_parties")
    form.locator("[name=instructions]").fill("电话及书面通知申请执行人、被执行人和优先购买权人")
    form.locator("[name=due_on]").fill((today(clock) + timedelta(days=2)).isoformat())
    form.locator("[name=assignee]").select_option(made.login)
    form.locator("button[type=submit]").click()  # no announcement day: the API's sentence
    expect(form.locator("[data-error]")).to_contain_text("拟发布拍卖公告的日期（办法第三条第五项）")
    form.locator("[name=announce_on]").fill((today(clock) + timedelta(days=10)).isoformat())
    form.locator("button[type=submit]").click()
    item = box.locator("li[data-task]")
    expect(item).to_have_count(1)
    expect(item).to_contain_text("已交办")
    expect(item).to_contain_text("机构员工0")

    task = int(item.get_attribute("data-task") or 0)
    who = desk_user(services, e.tokens[0])
    tasks.log_step(services, who, task, "call", clock(), "已电话通知被执行人李四")
    tasks.submit(services, who, task, "当事人均已通知")
    page.reload()
    item = box.locator(f"li[data-task='{task}']")
    expect(item.locator("[data-slot=task-state]")).to_have_text("已提交，待验收")
    expect(item.locator("[data-slot=task-log]")).to_contain_text("已电话通知被执行人李四")
    expect(item.locator("[data-slot=task-report]")).to_contain_text("当事人均已通知")
    item.locator("[data-review=return]").click()  # sending back needs the reason
    expect(item.locator("[data-error]")).to_have_text("请填写退回理由。")
    item.locator("[data-review=accept]").click()
    expect(item.locator("[data-slot=task-state]")).to_have_text("已验收")
    expect(item.locator("[data-review]")).to_have_count(0)
    with services.db.read() as tx:
        found = tx.task(task)
    assert found is not None
    assert found.state == "accepted"
