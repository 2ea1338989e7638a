"""Administration over HTTP: court administrators manage their own court's staff,
system administrators the courts; a revoked role, an ended account, a revoked or
expired program token and a signed-out session count from the very next request
(issue 14 items 10-11)."""

from __future__ import annotations

from typing import Any

import httpx
import pyotp

from fapai.app.accounts import courts, staff
from fapai.app.accounts.principals import SYSTEM_ADMIN
from fapai.app.services import Services
from fapai.demo.world import demo_id_number
from support import Clock, assert_error

# an act of the auction office's own: entering a person on the court's OJA Art 34 list
LISTED = {"id_number": demo_id_number(1), "category": "court_staff"}


class Court:
    """Two courts, each with an administrator; the first with an auction office member."""

    def __init__(self, services: Services, clock: Clock, http: httpx.Client) -> None:
        self.clock, self.http = clock, http
        self.a = courts.create_court(services, "gz-mid", "广州市中级人民法院", "广东")
        self.b = courts.create_court(services, "sz-mid", "深圳市中级人民法院", "广东")
        self.admin = self.sign_in(
            staff.add_staff(services, None, self.a, "admin-a", "李管理", ["admin"])
        )
        self.office_made = staff.add_staff(
            services, None, self.a, "office-a", "王拍辅", ["auction_office"]
        )
        self.office = self.sign_in(self.office_made)
        self.other_made = staff.add_staff(
            services, None, self.b, "office-b", "赵拍辅", ["auction_office"]
        )
        self.system = self.sign_in(
            staff.add_staff(services, None, None, "root", "系统管理员", [SYSTEM_ADMIN])
        )

    def sign_in(self, made: staff.NewCredentials) -> dict[str, str]:
        self.clock.advance(seconds=30)  # a fresh code each time
        reply = self.http.post("/api/v1/court/session", json={
            "login": made.login, "password": made.password,
            "code": pyotp.TOTP(made.totp_secret).at(self.clock()),
        })  # fmt: skip
        assert reply.status_code == 201, reply.text
        return {"Authorization": f"Bearer {reply.json()['token']}"}

    def call(
        self, method: str, path: str, headers: dict[str, str], body: Any = None
    ) -> httpx.Response:
        return self.http.request(method, f"/api/v1/court{path}", headers=headers, json=body)


def test_a_revoked_role_counts_on_the_next_request(services, clock, http) -> None:
    court = Court(services, clock, http)
    me = court.call("GET", "/me", court.office).json()
    assert (me["name"], me["role"]) == ("王拍辅", "auction_office")
    assert court.call("POST", "/excluded-persons", court.office, LISTED).status_code == 200
    assert (
        court.call("DELETE", "/admin/staff/office-a/roles/auction_office", court.admin).status_code
        == 204
    )
    refused = court.call("POST", "/excluded-persons", court.office, LISTED)
    assert (refused.status_code, refused.json()["error"]["code"]) == (403, "role_not_allowed")
    assert (
        court.call(
            "POST", "/admin/staff/office-a/roles", court.admin, {"role": "auction_office"}
        ).status_code
        == 204
    )
    assert court.call("POST", "/excluded-persons", court.office, LISTED).status_code == 200


def test_an_ended_account_loses_its_sessions_and_tokens_at_once(services, clock, http) -> None:
    court = Court(services, clock, http)
    made = court.call(
        "POST", "/admin/staff/office-a/tokens", court.admin, {"scope": "auction_office"}
    )
    program = {"Authorization": f"Bearer {made.json()['token']}"}
    assert court.call("POST", "/excluded-persons", program, LISTED).status_code == 200
    assert court.call("POST", "/admin/staff/office-a/end", court.admin).status_code == 204
    for headers in (court.office, program):
        assert court.call("GET", "/me", headers).status_code == 401
    unknown = court.call("GET", "/admin/staff?court=sh%00", court.admin)
    assert_error(unknown, 404, "not_found")  # not a 500 on PostgreSQL
    listed = court.call("GET", "/admin/staff", court.admin).json()["staff"]
    ended = next(person for person in listed if person["login"] == "office-a")
    assert ended["ended"] is not None
    assert not ended["tokens"][0]["live"]


def test_program_tokens_are_scoped_expire_and_are_revoked_at_once(services, clock, http) -> None:
    court = Court(services, clock, http)
    path = "/admin/staff/office-a/tokens"
    refused = court.call("POST", path, court.admin, {"scope": "enforcement"})
    assert (refused.status_code, refused.json()["error"]["code"]) == (409, "scope_not_held")
    short = court.call("POST", path, court.admin, {"scope": "auction_office", "days": 1}).json()
    kept = court.call("POST", path, court.admin, {"scope": "auction_office"}).json()
    short_auth = {"Authorization": f"Bearer {short['token']}"}
    kept_auth = {"Authorization": f"Bearer {kept['token']}"}
    assert court.call("GET", "/me", short_auth).json()["role"] == "auction_office"
    assert court.call("DELETE", f"/admin/tokens/{kept['id']}", court.admin).status_code == 204
    assert court.call("GET", "/me", kept_auth).status_code == 401
    clock.advance(days=1)
    assert court.call("GET", "/me", short_auth).status_code == 401


def test_sign_out_ends_the_session(services, clock, http) -> None:
    court = Court(services, clock, http)
    assert court.call("DELETE", "/session", court.office).status_code == 204
    assert court.call("GET", "/session", court.office).status_code == 401


def test_an_administrator_manages_only_their_own_court(services, clock, http) -> None:
    court = Court(services, clock, http)
    admin = court.admin
    for method, path, body in (
        ("GET", "/admin/staff?court=sz-mid", None),
        ("POST", "/admin/staff", {"court": "sz-mid", "login": "x-b", "name": "某", "roles": []}),
        ("POST", "/admin/staff/office-b/roles", {"role": "admin"}),
        ("DELETE", "/admin/staff/office-b/roles/auction_office", None),
        ("POST", "/admin/staff/office-b/end", None),
        ("POST", "/admin/staff/office-b/tokens", {"scope": "auction_office"}),
        ("POST", "/admin/staff/root/end", None),
    ):  # fmt: skip
        reply = court.call(method, path, admin, body)
        assert (reply.status_code, reply.json()["error"]["code"]) == (404, "not_found"), path
    for method, path, body in (
        ("GET", "/admin/staff", None),
        ("POST", "/admin/staff/office-a/roles", {"role": "admin"}),
    ):
        reply = court.call(method, path, court.office, body)
        assert (reply.status_code, reply.json()["error"]["code"]) == (403, "admins_only")
    reply = court.call("POST", "/admin/courts", admin, {"code": "x", "name": "x", "region": "x"})
    assert (reply.status_code, reply.json()["error"]["code"]) == (403, "system_admins_only")
    added = court.call(
        "POST",
        "/admin/staff",
        admin,
        {"login": "enf-a", "name": "钱执行", "roles": ["enforcement"]},
    )
    assert added.status_code == 201
    assert len(added.json()["password"]) >= 16
    names = [person["name"] for person in court.call("GET", "/admin/staff", admin).json()["staff"]]
    assert names == ["李管理", "钱执行", "王拍辅"]


def test_the_system_administrator_builds_the_court_hierarchy(services, clock, http) -> None:
    court = Court(services, clock, http)
    root = court.system
    assert court.call("POST", "/admin/courts", root, {
        "code": "gd-high", "name": "广东省高级人民法院", "region": "广东",
    }).status_code == 201  # fmt: skip
    assert court.call("POST", "/admin/courts", root, {
        "code": "hz-basic", "name": "广州市海珠区人民法院", "region": "广东", "parent": "gz-mid",
    }).status_code == 201  # fmt: skip
    listed = court.call("GET", "/admin/courts", root).json()["courts"]
    assert [(c["code"], c["parent"]) for c in listed] == [
        ("gd-high", None),
        ("gz-mid", None),
        ("sz-mid", None),
        ("hz-basic", "gz-mid"),
    ]
    assert court.call("POST", "/admin/staff", root, {
        "court": "sz-mid", "login": "admin-b", "name": "孙管理", "roles": ["admin"],
    }).status_code == 201  # fmt: skip
    assert court.call("GET", "/session", root).json()["system_admin"] is True
    assert court.call("GET", "/me", root).status_code == 403  # no court's acts
