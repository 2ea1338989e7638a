"""Objections and complaints over real HTTP (issue 18): a signed-in account files and
adds its papers, the court's bureau dockets and rules, the objector reads the ruling;
refusals are 4xx with a code and both languages, and write nothing; the complaint form
is public."""

from __future__ import annotations

from case_support import a_court, announced_lot, stage
from support import assert_error, auth, bidder
from test_api_cases import API, COURT, as_

PDF = b"%PDF-1.4\n%%EOF\n"


def test_filing_papers_docket_and_ruling_over_http_obj_arts_2_21(services, clock, http) -> None:
    c = a_court(services)
    lot, _ = announced_lot(services, c, clock, "movable")
    filer = bidder(services, "王异议")
    body = {
        "lot_id": lot, "kind": "execution_act", "standing": "excluded_bidder",
        "filer": "王异议", "grounds": "报名被无故拒绝，未能参加竞买。",
    }  # fmt: skip
    assert http.post(f"{API}/objections", json=body).status_code == 401
    assert_error(
        http.post(f"{API}/objections", json=body | {"standing": "property_claimant"},
                  headers=auth(filer)),
        422, "no_standing",
    )  # fmt: skip
    reply = http.post(f"{API}/objections", json=body, headers=auth(filer))
    assert reply.status_code == 201, reply.text
    number = reply.json()["id"]
    papers = f"{API}/objections/{number}/papers"
    refused = http.post(
        papers, params={"title": "脚本"}, content=b"<html>",
        headers=auth(filer) | {"Content-Type": "application/pdf"},
    )  # fmt: skip
    assert_error(refused, 422, "type_mismatch")
    stranger = bidder(services, "旁人")
    assert_error(
        http.post(papers, params={"title": "证明"}, content=PDF,
                  headers=auth(stranger) | {"Content-Type": "application/pdf"}),
        404, "not_found",
    )  # fmt: skip
    added = http.post(
        papers, params={"title": "报名截图"}, content=PDF,
        headers=auth(filer) | {"Content-Type": "application/pdf"},
    )  # fmt: skip
    assert added.status_code == 201, added.text

    (listed,) = http.get(f"{COURT}/objections", headers=as_(c, "enforcement")).json()["objections"]
    assert (listed["id"], listed["filer"], listed["status"]) == (number, "王异议", "filed")
    paper = http.get(
        f"{COURT}/objections/{number}/papers/{listed['papers'][0]['id']}",
        headers=as_(c, "auction_office"),
    )
    assert paper.content == PDF
    assert "no-store" in paper.headers["cache-control"]
    assert_error(
        http.post(f"{COURT}/objections/{number}/docket", headers=as_(c, "auction_office")),
        403, "role_not_allowed",
    )  # fmt: skip
    assert (
        http.post(f"{COURT}/objections/{number}/docket", headers=as_(c, "enforcement")).status_code
        == 204
    )
    ruled = http.post(
        f"{COURT}/objections/{number}/ruling",
        json={"outcome": "upheld", "revoke_ground": "unequal_conditions", "reason": "违法限制"},
        headers=as_(c, "enforcement"),
    )
    assert ruled.json() == {"effect": "revoked"}, ruled.text
    assert stage(services, lot) == "revoked"
    (mine,) = http.get(f"{API}/objections", headers=auth(filer)).json()["objections"]
    assert mine["ruling"]["outcome"] == "upheld"
    assert "filer" not in mine
    assert http.get(f"{API}/objections", headers=auth(stranger)).json() == {"objections": []}


def test_anyone_may_complain_and_the_office_sees_it(services, clock, http) -> None:
    c = a_court(services)
    _, auction = announced_lot(services, c, clock, "movable")
    sent = {"court": "sh-1zy", "auction_id": auction, "subject": "无法出价", "body": "页面卡住"}
    reply = http.post(f"{API}/complaints", json=sent)
    assert reply.status_code == 201, reply.text
    assert_error(http.post(f"{API}/complaints", json=sent | {"court": "none"}), 404, "not_found")
    (seen,) = http.get(f"{COURT}/complaints", headers=as_(c, "supervisor")).json()["complaints"]
    assert seen["subject"] == "无法出价"
    assert_error(http.get(f"{COURT}/complaints", headers=as_(c, "enforcement")), 403,
                 "role_not_allowed")  # fmt: skip
