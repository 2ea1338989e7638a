"""The back office over real HTTP: every route checks the court user's role (执拍分离,
Shanghai items 7-11: the office cannot rule, the bureau cannot price, only the director
approves a pause) and court; a refusal is a 4xx with a machine code and a Chinese and an
English sentence and writes nothing; documents come back as PDF and HTML; the platform
list and the draws are public; an auction is public only once announced (OJA Arts 3, 13).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import httpx
import pytest

from case_support import (
    Court,
    a_court,
    announced_lot,
    auction_of,
    bid,
    close_at_end,
    drafted_lot,
    on,
    pay_balance,
    priced_lot,
    today,
)
from fapai.app.assignment.lottery_file import recheck
from fapai.app.cases import auction_terms
from fapai.app.services import Services
from fapai.storage import tables
from support import assert_error, auth, bidder, pay_deposit, row_count

API = "/api/v1"
COURT = f"{API}/court"
FIRST = 70_000_000
WRITTEN = (
    tables.cases, tables.lots, tables.auctions, tables.lot_steps, tables.draws,
    tables.audit_records, tables.barred_bidders,
)  # fmt: skip


WHY = {"purpose": "sale_documents"}  # the read log asks why names are read


def as_(c: Court, role: str) -> dict[str, str]:
    return auth(c.tokens[role])


def written(services: Services) -> dict[str, int]:
    return {t.name: row_count(services, t) for t in WRITTEN}


def window(days: int, hours: float = 24) -> dict[str, str]:
    start = on(date(2026, 11, 30) + timedelta(days=days))
    return {"starts_at": start.isoformat(), "ends_at": (start + timedelta(hours=hours)).isoformat()}


PANEL = {"number": "合议庭评议（2026）第1号", "decided_on": "2026-11-30",
         "members": ["张法官", "李法官", "王法官"]}  # fmt: skip
TERMS = {"start_price": "700000.00", "increment": "7000.00", "deposit": "70000.00",
         **window(40), "panel": PANEL}  # fmt: skip
RULING = {"ruling_number": "（2026）沪01执123号之二", "signed_on": "2026-11-30"}

# every act, its body and the only roles allowed to do it
ROUTES: list[tuple[str, dict[str, Any], set[str]]] = [
    ("/cases", {"number": "（2026）沪01执9号", "basis": "判决", "applicant": "甲", "debtor": "乙"},
     {"enforcement"}),
    ("/cases/{case}/lots", {"title": "房产", "property_type": "real_estate", "location": "上海市"},
     {"enforcement", "auction_office"}),
    ("/lots/{lot}/ruling", RULING, {"enforcement"}),
    ("/lots/{lot}/reference-price",
     {"method": "appraisal", "amount": "1000000.00", "fixed_on": "2026-11-30"}, {"auction_office"}),
    ("/lots/{lot}/terms", TERMS, {"auction_office"}),
    ("/lots/{lot}/platform", {"platform": "jd"}, {"auction_office"}),
    ("/lots/{lot}/platform-draw", {"reason": "none_chosen"}, {"auction_office"}),
    ("/lots/{lot}/platform-draw/run", {}, {"auction_office"}),
    ("/lots/{lot}/notices", {"role": "debtor", "recipient": "张三", "method": "written",
                              "on_date": "2026-11-30"}, {"auction_office"}),
    ("/lots/{lot}/disclosure-confirmation", {"special_warnings": "无"}, {"enforcement"}),
    ("/lots/{lot}/announcement", {}, {"auction_office"}),
    ("/lots/{lot}/pause", {"kind": "postponed", "ground": "other", "reason": "其他"},
     {"enforcement"}),
    ("/lots/{lot}/pause/approval", {}, {"director"}),
    ("/lots/{lot}/pause/lifted", {"on_date": "2026-11-30"}, {"enforcement"}),
    ("/lots/{lot}/resumption", window(10), {"auction_office"}),
    ("/lots/{lot}/revocation", {"ground": "debtor_paid", "reason": "已履行"}, {"enforcement"}),
    ("/lots/{lot}/confirmation", {}, {"auction_office"}),
    ("/lots/{lot}/eligibility", {"eligible": True, "evidence": "证明"}, {"enforcement"}),
    ("/lots/{lot}/sale-ruling", RULING, {"enforcement"}),
    ("/lots/{lot}/title-notice", {"registry": "登记中心", "served_on": "2026-11-30"},
     {"enforcement"}),
    ("/lots/{lot}/delivery", {"on_date": "2026-11-30"}, {"auction_office"}),
    ("/lots/{lot}/release", {"reason": "二拍流拍"}, {"enforcement"}),
]  # fmt: skip
ROLES = ("auction_office", "enforcement", "director", "supervisor")


def test_every_act_is_refused_to_the_roles_the_law_does_not_give_it(services, clock, http) -> None:
    """Shanghai items 9-11 (执拍分离) and 19: the bureau rules, confirms, pauses, revokes and
    makes the sale ruling; the office prices, sets the terms, notifies, announces and
    delivers; only the director approves a pause; a supervisor only reads. A refused act
    is a 403 that writes nothing."""
    c = a_court(services)
    lot, _ = drafted_lot(services, c, clock)
    with services.db.read() as tx:
        case = tx.lot(lot).case_id
    before = written(services)
    tried = 0
    for path, body, allowed in ROUTES:
        url = COURT + path.format(case=case, lot=lot)
        for role in ROLES:
            if role in allowed:
                continue
            assert_error(http.post(url, json=body, headers=as_(c, role)), 403, "role_not_allowed")
            tried += 1
    assert tried == sum(len(ROLES) - len(allowed) for _, _, allowed in ROUTES)
    assert written(services) == before


def test_the_court_routes_want_a_court_user(services, clock, http) -> None:
    """A bidder's token or none at all reaches no back-office route."""
    c = a_court(services)
    lot, _ = drafted_lot(services, c, clock)
    someone = bidder(services)
    before = written(services)
    for path in ("/cases", "/deadlines", f"/lots/{lot}/documents/announcement"):
        assert_error(http.get(COURT + path), 401, "unauthorized")
        assert_error(http.get(COURT + path, headers=auth(someone)), 403, "court_only")
    assert_error(
        http.post(f"{COURT}/lots/{lot}/announcement", headers=auth(someone)), 403, "court_only"
    )
    assert written(services) == before


def test_another_courts_case_is_neither_shown_nor_touched(services, clock, http) -> None:
    """A court sees and acts on its own cases only, whatever the role."""
    mine = a_court(services, "sh-1zy")
    theirs = a_court(services, "bj-2zy")
    lot, _ = drafted_lot(services, mine, clock)
    with services.db.read() as tx:
        case = tx.lot(lot).case_id
    before = written(services)
    for role in ROLES:
        assert_error(http.get(f"{COURT}/cases/{case}", headers=as_(theirs, role)), 404,
                     "not_found")  # fmt: skip
        assert_error(
            http.get(f"{COURT}/lots/{lot}/documents/announcement", headers=as_(theirs, role)),
            404, "not_found",
        )  # fmt: skip
        listed = http.get(f"{COURT}/cases", headers=as_(theirs, role)).json()["cases"]
        assert listed == []
        board = http.get(f"{COURT}/deadlines", headers=as_(theirs, role)).json()["deadlines"]
        assert all(row["lot_id"] != lot for row in board)
    for path, body, allowed in ROUTES[1:]:
        role = sorted(allowed)[0]
        url = COURT + path.format(case=case, lot=lot)
        assert_error(http.post(url, json=body, headers=as_(theirs, role)), 404, "not_found")
    assert written(services) == before
    own = http.get(f"{COURT}/cases/{case}", headers=as_(mine, "supervisor"))
    assert own.status_code == 200
    assert own.json()["lots"][0]["stage"] == "terms_set"


@pytest.mark.parametrize(
    ("path", "body", "status", "code"),
    [
        ("/lots/{lot}/terms", {**TERMS, "start_price": "699999.99"}, 422, "start_below_reference"),
        ("/lots/{lot}/terms", {**TERMS, "deposit": "34999.99"}, 422, "deposit_out_of_range"),
        ("/lots/{lot}/terms", {**TERMS, **window(40, 23.5)}, 422, "bidding_period_too_short"),
        ("/lots/{lot}/terms", {**TERMS, **window(40, 24 * 367)}, 422, "bidding_period_too_long"),
        ("/lots/{lot}/terms", {**TERMS, "ends_at": "9999-12-31T23:59:00+08:00"}, 422,
         "invalid_request"),  # past any date search can hold (issue 14)
        ("/lots/{lot}/terms", {**TERMS, "panel": {**PANEL, "members": ["张", "李"]}}, 422,
         "panel_not_collegial"),
        ("/lots/{lot}/terms", {**TERMS, "start_price": "七十万"}, 422, "invalid_amount"),
        ("/lots/{lot}/terms", {**TERMS, "starts_at": "2026-12-01T10:00:00"}, 422,
         "invalid_request"),  # a time without its zone
        ("/lots/{lot}/terms", {**TERMS, "surprise": 1}, 422, "invalid_request"),
        ("/lots/{lot}/reference-price",
         {"method": "direct", "amount": "10000.00", "fixed_on": "2026-11-30", "record": "记录"},
         422, "direct_price_not_allowed"),
        ("/lots/{lot}/reference-price",
         {"method": "appraisal", "amount": "1000000.00", "fixed_on": "2025-11-29"}, 422,
         "reference_expired"),
        ("/lots/{lot}/reference-price",
         {"method": "guess", "amount": "1000000.00", "fixed_on": "2026-11-30"}, 422,
         "invalid_request"),
        ("/lots/{lot}/ruling", {**RULING, "signed_on": "2026-12-01"}, 422, "signed_on_in_future"),
        ("/lots/{lot}/announcement", {}, 409, "no_draft"),
        ("/lots/{lot}/pause", {"kind": "postponed", "ground": "whim", "reason": "无"}, 422,
         "invalid_ground"),
        ("/lots/{lot}/revocation", {"ground": "whim", "reason": "无"}, 422, "invalid_ground"),
        ("/lots/{lot}/confirmation", {}, 409, "no_auction"),
        ("/lots/{lot}/release", {"reason": "无人竞买"}, 409, "no_auction"),
        ("/lots/{lot}/disclosure-confirmation", {}, 409, "no_draft"),
        ("/lots/999999/ruling", RULING, 404, "not_found"),
        ("/lots/0/ruling", RULING, 404, "not_found"),
    ],
    ids=lambda value: value if isinstance(value, str) and not value.startswith("/") else None,
)  # fmt: skip
def test_bad_input_is_a_4xx_with_a_code_and_two_sentences_and_writes_nothing(
    services, clock, http, path: str, body: dict[str, Any], status: int, code: str
) -> None:
    """Whatever is wrong (the law, the format, the stage, the address), the answer says
    what in Chinese and English, and the database is as it was."""
    c = a_court(services)
    lot = priced_lot(services, c, clock, "real_estate")
    bureau = ("ruling", "pause", "revocation", "release", "disclosure")
    role = "enforcement" if any(w in path for w in bureau) else "auction_office"
    before = written(services)
    reply = http.post(COURT + path.format(lot=lot), json=body, headers=as_(c, role))
    assert_error(reply, status, code)
    assert written(services) == before


def test_malformed_json_is_refused_without_a_trace(services, clock, http) -> None:
    c = a_court(services)
    before = written(services)
    reply = http.post(
        f"{COURT}/cases", content=b"{not json", headers={**as_(c, "enforcement"),
                                                         "Content-Type": "application/json"},
    )  # fmt: skip
    assert_error(reply, 422, "malformed_json")
    assert written(services) == before


# --- a case from the ruling to the delivery, over HTTP ------------------------------------


def post(http: httpx.Client, c: Court, role: str, path: str, body: Any = None, status: int = 204):
    reply = http.post(COURT + path, json=body or {}, headers=as_(c, role))
    assert reply.status_code == status, reply.text
    return reply.json() if reply.content else None


def test_a_case_from_the_ruling_to_the_delivery_over_http(services, clock, http) -> None:
    """Every act of the happy path through its route, the roles each in turn, the case
    view following the lot's stage and naming the parties to their court."""
    c = a_court(services)
    case = post(http, c, "enforcement", "/cases", {
        "number": "（2026）沪01执77号", "basis": "（2025）沪01民初45号民事判决书",
        "applicant": "上海某银行股份有限公司", "debtor": "张三丰"}, 201)["id"]  # fmt: skip
    lot = post(http, c, "auction_office", f"/cases/{case}/lots", {
        "title": "上海市某路1号101室", "property_type": "real_estate", "location": "上海市",
        "house": True}, 201)["id"]  # fmt: skip
    post(http, c, "enforcement", f"/lots/{lot}/ruling", RULING)
    priced = post(
        http,
        c,
        "auction_office",
        f"/lots/{lot}/reference-price",
        {"method": "appraisal", "amount": "1000000.00", "fixed_on": "2026-11-26"},
        200,
    )
    assert priced == {"valid_until": "2027-11-26"}
    auction = post(http, c, "auction_office", f"/lots/{lot}/terms", TERMS, 201)["auction_id"]
    for role, name in (("applicant", "上海某银行股份有限公司"), ("debtor", "张三丰")):
        served = post(
            http,
            c,
            "auction_office",
            f"/lots/{lot}/notices",
            {"role": role, "recipient": name, "method": "written", "on_date": "2026-11-26"},
            201,
        )
        assert served == {"served_on": "2026-11-26"}
    post(http, c, "auction_office", f"/lots/{lot}/platform", {"platform": "jd"})
    post(http, c, "enforcement", f"/lots/{lot}/disclosure-confirmation",
         {"special_warnings": "房屋存在漏水"})  # fmt: skip
    assert post(http, c, "auction_office", f"/lots/{lot}/announcement", None, 200) == {
        "auction_id": auction
    }
    view = http.get(f"{COURT}/cases/{case}", headers=as_(c, "director")).json()
    # the court knows its parties (issue 16 item 10): in full, and the read is logged
    assert (view["applicant"], view["debtor"]) == ("上海某银行股份有限公司", "张三丰")
    [shown] = view["lots"]
    assert shown["stage"] == "announced"
    assert [r["platform"] for r in shown["rounds"]] == ["jd"]
    assert "张三丰" not in str(shown["steps"])  # the notices' recipients stay encrypted

    buyer = bidder(services, "买受人")
    pay_deposit(services, buyer, auction)
    clock.set(auction_of(services, auction).starts_at + timedelta(hours=1))
    bid(services, buyer, auction, "700000.00")
    close_at_end(services, clock, auction)
    pay_balance(services, buyer, auction)
    signed = {**RULING, "signed_on": today(clock).isoformat()}
    post(http, c, "auction_office", f"/lots/{lot}/confirmation")
    post(http, c, "enforcement", f"/lots/{lot}/eligibility", {"eligible": True, "evidence": "证明"})
    post(http, c, "enforcement", f"/lots/{lot}/sale-ruling", signed)
    post(
        http,
        c,
        "enforcement",
        f"/lots/{lot}/title-notice",
        {"registry": "上海市不动产登记事务中心", "served_on": today(clock).isoformat()},
    )
    post(http, c, "auction_office", f"/lots/{lot}/delivery", {"on_date": today(clock).isoformat()})
    lines = http.get(f"{COURT}/cases", headers=as_(c, "supervisor")).json()["cases"]
    assert lines[0]["lots"][0]["stage"] == "delivered"
    board = http.get(f"{COURT}/deadlines", params={"include_done": True},
                     headers=as_(c, "supervisor")).json()["deadlines"]  # fmt: skip
    assert {r["kind"]: r["state"] for r in board if r["lot_id"] == lot}["delivery"] == "done"

    documents = (
        "ruling_to_auction", "notice", "announcement", "confirmation_letter", "sale_ruling",
        "title_transfer_notice",
    )  # fmt: skip
    generated = row_count(services, tables.audit_records)
    for kind in documents:
        pdf = http.get(f"{COURT}/lots/{lot}/documents/{kind}", params=WHY,
                       headers=as_(c, "enforcement"))  # fmt: skip
        assert pdf.status_code == 200, pdf.text
        assert pdf.headers["content-type"] == "application/pdf"
        assert pdf.content.startswith(b"%PDF")
        for lang in ("zh", "en"):
            page = http.get(f"{COURT}/lots/{lot}/documents/{kind}",
                            params={"format": "html", "lang": lang, **WHY},
                            headers=as_(c, "auction_office"))  # fmt: skip
            assert page.status_code == 200
            assert page.headers["content-type"].startswith("text/html")
            assert "（2026）沪01执77号" in page.text
    # each generation reads real names, so each is on the audit trail; and each document,
    # dated by its act, was issued once, its hashes on the trail (issue 16 item 3)
    assert row_count(services, tables.audit_records) == generated + 4 * len(documents)


def test_a_document_whose_act_has_not_happened_is_not_made(services, clock, http) -> None:
    c = a_court(services)
    lot, _ = drafted_lot(services, c, clock)
    for kind in ("confirmation_letter", "sale_ruling", "title_transfer_notice"):
        reply = http.get(f"{COURT}/lots/{lot}/documents/{kind}", headers=as_(c, "enforcement"))
        assert_error(reply, 409, "document_not_ready")
    reply = http.get(f"{COURT}/lots/{lot}/documents/verdict", headers=as_(c, "enforcement"))
    assert_error(reply, 422, "invalid_request")
    notice = http.get(f"{COURT}/lots/{lot}/documents/notice",
                      params={"party": "debtor", "format": "html", **WHY},
                      headers=as_(c, "auction_office"))  # fmt: skip
    assert notice.status_code == 200
    assert "张三" in notice.text


def test_a_pause_goes_request_approval_lift_resumption_over_http(services, clock, http) -> None:
    """OJA Art 28 over the API: the public page shows the reason from the approval on."""
    c = a_court(services)
    lot, auction = announced_lot(services, c, clock)
    post(
        http,
        c,
        "enforcement",
        f"/lots/{lot}/pause",
        {"kind": "suspended", "ground": "basis_suspended", "reason": "执行依据被裁定中止"},
        201,
    )
    assert http.get(f"{API}/auctions/{auction}").json()["pause"] is None
    post(http, c, "director", f"/lots/{lot}/pause/approval")
    page = http.get(f"{API}/auctions/{auction}").json()
    assert page["status"] == "suspended"
    assert page["pause"]["reason"] == "执行依据被裁定中止"
    post(http, c, "enforcement", f"/lots/{lot}/pause/lifted", {"on_date": "2026-11-30"})
    resumed = post(http, c, "auction_office", f"/lots/{lot}/resumption", window(45), 200)
    assert resumed == {"auction_id": auction}
    assert http.get(f"{API}/auctions/{auction}").json()["status"] == "upcoming"
    post(http, c, "enforcement", f"/lots/{lot}/revocation",
         {"ground": "debtor_paid", "reason": "被执行人已全部履行"})  # fmt: skip
    assert http.get(f"{API}/auctions/{auction}").json()["status"] == "revoked"


# --- public: the platform list, the draws, and drafts unseen ------------------------------


def test_the_platform_list_is_public_with_its_listing_dates(services, http) -> None:
    """OJA Arts 4-5, rules.md §5: the SPC's seven platforms and no other (fapai, where the
    bidding happens, is not one of them); the two listing dates rules.md §9.4 could not
    confirm are marked so, not presented as facts."""
    reply = http.get(f"{API}/platforms")
    assert reply.status_code == 200
    listed = {p["code"]: p for p in reply.json()["platforms"]}
    assert set(listed) == {"taobao", "jd", "rmfysszc", "gpai", "caa", "icbc", "cbex"}
    assert listed["taobao"]["listed_from"] == "2016-11-25"
    assert all(p["listed_to"] is None for p in listed.values())
    unconfirmed = {code for code, p in listed.items() if not p["listing_confirmed"]}
    assert unconfirmed == {"icbc", "cbex"}


def test_a_platform_draw_is_public_before_and_after_and_re_checks(services, clock, http) -> None:
    """OJA Art 5, Shanghai item 12: anyone reads the seed and candidates before the draw
    and the whole record after it, and redoing it from the record gives the same platform."""
    c = a_court(services)
    lot = priced_lot(services, c, clock)
    auction_terms.set_terms(
        services, c.office, lot,
        auction_terms.Terms(FIRST, FIRST // 100, FIRST // 10, on(today(clock) + timedelta(40)),
                            on(today(clock) + timedelta(41))),
        auction_terms.Panel("合议庭评议（2026）第1号", today(clock), ("甲", "乙", "丙")),
    )  # fmt: skip
    assert_error(http.get(f"{API}/lots/{lot}/platform-draw"), 409, "no_draw")
    scheduled = post(http, c, "auction_office", f"/lots/{lot}/platform-draw",
                     {"reason": "applicants_disagree"}, 201)  # fmt: skip
    public = http.get(f"{API}/lots/{lot}/platform-draw").json()
    assert public == scheduled
    assert public["drawn"] is False
    assert len(public["seed"]) == 64
    chosen = post(http, c, "auction_office", f"/lots/{lot}/platform-draw/run", None, 200)
    drawn = http.get(f"{API}/lots/{lot}/platform-draw").json()
    assert drawn["drawn"] is True
    record = drawn["record"]
    assert record["chosen"] == chosen["platform"]
    assert record["seed"] == scheduled["seed"]
    assert recheck(record).chosen == chosen["platform"]
    assert_error(http.get(f"{API}/lots/999999/platform-draw"), 409, "no_draw")


def test_a_draft_is_invisible_to_the_public_until_its_announcement(services, clock, http) -> None:
    """OJA Arts 12-13: the auction is published with its announcement, not before; its
    court sees the draft meanwhile."""
    c = a_court(services)
    lot, auction = drafted_lot(services, c, clock)
    someone = bidder(services)
    for path in (f"/auctions/{auction}", f"/auctions/{auction}/result",
                 f"/auctions/{auction}/export"):  # fmt: skip
        assert_error(http.get(API + path), 404, "not_found")
    assert all(a["id"] != auction for a in http.get(f"{API}/auctions").json()["items"])
    reply = http.post(
        f"{API}/auctions/{auction}/registration",
        json={"acknowledge_special_warnings": True},
        headers=auth(someone),
    )
    assert_error(reply, 404, "not_found")
    own = http.get(f"{COURT}/cases", headers=as_(c, "auction_office")).json()["cases"]
    assert own[0]["lots"][0]["stage"] == "terms_set"
    post(http, c, "auction_office", f"/lots/{lot}/announcement", None, 200)
    page = http.get(f"{API}/auctions/{auction}")
    assert page.status_code == 200
    assert page.json()["platform"] == "taobao"
    assert page.json()["announced_at"]
    assert any(a["id"] == auction for a in http.get(f"{API}/auctions").json()["items"])
