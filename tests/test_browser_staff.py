"""The desk's sign-in in a real browser: login, password and the authenticator's code;
the staff member's name on the desk; sign-out; and a court administrator adding a
colleague and ending a leaver's access on the administration page (issue 14 items 10-11)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyotp
import pytest
from playwright.sync_api import expect

from fapai.app.accounts import courts, staff, tokens
from fapai.app.services import Services
from support import Clock, LiveServer

if TYPE_CHECKING:
    from browser_support import OpenPerson

pytest_plugins = ("browser_support",)


def sign_in(page, made: staff.NewCredentials, clock: Clock, password: str | None = None) -> None:
    clock.advance(seconds=30)
    form = page.locator("#court-login-form")
    form.locator("[name=login]").fill(made.login)
    form.locator("[name=password]").fill(password or made.password)
    form.locator("[name=code]").fill(pyotp.TOTP(made.totp_secret).at(clock()))
    form.locator("button[type=submit]").click()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_staff_sign_in_with_password_and_code_and_an_admin_ends_a_leaver(
    services: Services, clock: Clock, server: LiveServer, person: OpenPerson
) -> None:
    court_id = courts.create_court(services, "gz-mid", "广州市中级人民法院", "广东")
    admin = staff.add_staff(services, None, court_id, "li.admin", "李管理", ["admin", "director"])
    clerk = staff.add_staff(services, None, court_id, "wang", "王拍辅", ["auction_office"])

    someone = person()
    page = someone.open(server, "/court")
    sign_in(page, clerk, clock, password="wrong-password")
    expect(page.locator("#court-login-error")).to_have_text("登录名、密码或动态验证码不正确。")
    sign_in(page, clerk, clock)
    expect(page.locator("#court-who")).to_contain_text("王拍辅（网拍办）")
    expect(page.locator("#desk-empty")).to_be_visible()
    expect(page.locator("#court-nav-admin")).to_be_hidden()
    page.locator("#court-signout").click()
    expect(page.locator("#court-login")).to_be_visible()

    tokens.create(services, None, "wang", "auction_office", days=30)
    boss = person().open(server, "/court/admin")
    sign_in(boss, admin, clock)
    expect(boss.locator("#court-who")).to_contain_text("李管理（执行局局长）")
    program = boss.locator("tr[data-login=wang] li", has_text="#1 网拍办")
    program.get_by_role("button", name="撤销 #1").click()
    expect(program).to_have_count(0)
    rows = boss.locator("#staff-rows tr")
    expect(rows).to_have_count(2)
    boss.locator("#add-staff summary").click()
    form = boss.locator("#add-staff-form")
    form.locator("[name=login]").fill("zhao")
    form.locator("[name=name]").fill("赵执行")
    form.locator("[name=role]").select_option("enforcement")
    form.locator("button[type=submit]").click()
    expect(boss.locator("#handover")).to_be_visible()
    password = boss.locator("#handover-password").inner_text()
    secret = boss.locator("#handover-secret").inner_text()
    expect(rows).to_have_count(3)

    newcomer = person().open(server, "/court/cases")
    newcomer.get_by_text("修改密码（首次登录前请先修改一次性密码）").click()
    change = newcomer.locator("#court-password-form")
    clock.advance(seconds=30)
    change.locator("[name=login]").fill("zhao")
    change.locator("[name=password]").fill(password)
    change.locator("[name=code]").fill(pyotp.TOTP(secret).at(clock()))
    change.locator("[name=new_password]").fill("my own password 2026")
    change.locator("button[type=submit]").click()
    expect(newcomer.get_by_text("密码已修改，请用新密码登录。")).to_be_visible()
    sign_in(newcomer, staff.NewCredentials("zhao", "my own password 2026", secret, ""), clock)
    expect(newcomer.locator("#court-who")).to_contain_text("赵执行（执行局）")

    boss.once("dialog", lambda dialog: dialog.accept())
    boss.locator("tr[data-login=zhao] button", has_text="终止权限").click()
    expect(boss.locator("tr[data-login=zhao]")).to_contain_text("已终止")
    newcomer.reload()
    expect(newcomer.locator("#court-login")).to_be_visible()  # the session ended with it
