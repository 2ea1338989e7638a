"""The back office's pages over HTTP: they are shells that hold no case data, the desk
offers each act to exactly the roles the API lets do it (执拍分离), the court's
session says who is signed in, and a draft stays hidden from the public until its
announcement."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

import support
from case_support import Court, a_court, announced_lot, drafted_lot, priced_lot
from fapai.app.cases import auction_terms
from fapai.app.services import Services
from fapai.domain.workflow.stages import STAGES
from fapai.web import i18n
from fapai.web.pages import court_labels
from fapai.web.pages.court_acts import ACTS
from support import Clock

SQLITE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
PANEL = {"number": "合议庭评议第1号", "decided_on": "2026-11-30", "members": ["甲", "乙", "丙"]}
WINDOW = {"starts_at": "2027-02-01T10:00:00+08:00", "ends_at": "2027-02-02T10:00:00+08:00"}
# a well-formed body for every act, so that only the role or the (missing) lot decides
BODIES: dict[str, dict[str, Any]] = {
    "open_case": {"number": "（2026）沪01执9号", "basis": "判决书", "applicant": "甲",
                  "debtor": "乙"},
    "add_lot": {"title": "某房产", "property_type": "real_estate", "location": "上海市"},
    "ruling": {"ruling_number": "（2026）沪01执9号之一", "signed_on": "2026-11-30"},
    "reference_price": {"method": "appraisal", "amount": "1000000.00", "fixed_on": "2026-11-30"},
    "terms": {"start_price": "700000.00", "increment": "1000.00", "deposit": "70000.00",
              **WINDOW, "panel": PANEL},
    "platform": {"platform": "taobao"},
    "draw": {"reason": "none_chosen"},
    "draw_run": {},
    "notice": {"role": "debtor", "recipient": "乙", "method": "written", "on_date": "2026-11-30"},
    "disclosure": {"special_warnings": ""},
    "arrangements": {"payment_account": "本院执行款专户", "contact": "承办人王某，021-12345678",
                     "supervision": "12368", "viewing": "每周三上午", "report_published": True},
    "announce": {},
    "pause": {"kind": "suspended", "ground": "third_party_objection", "reason": "案外人异议"},
    "approve": {},
    "sale_approval": {},
    "lift": {"on_date": "2026-11-30"},
    "resume": WINDOW,
    "revoke": {"ground": "debtor_paid", "reason": "被执行人已履行"},
    "revoke_sale": {"ground": "collusion", "reason": "异议成立", "ruling_number": "执异5号"},
    "approve_sale_revocation": {},
    "confirmation": {},
    "eligibility": {"eligible": True, "evidence": "购房资格核验单"},
    "sale_ruling": {"ruling_number": "（2026）沪01执9号之二", "signed_on": "2026-11-30"},
    "title_notice": {"registry": "上海市不动产登记局", "served_on": "2026-11-30"},
    "delivery": {"on_date": "2026-11-30"},
    "release": {"reason": "变卖不成"},
}  # fmt: skip
NO_SUCH = 2_000_000_000


def bearer(c: Court, role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {c.tokens[role]}"}


def case_of(services: Services, lot: int) -> int:
    with services.db.read() as tx:
        found = tx.lot(lot)
    assert found is not None
    assert found.case_id is not None
    return found.case_id


@SQLITE_ONLY
@pytest.mark.parametrize("act", sorted(ACTS))
def test_the_desk_offers_each_act_to_exactly_the_roles_the_api_lets_do_it(
    services: Services, http: httpx.Client, act: str
) -> None:
    c = a_court(services)
    path = "/api/v1" + ACTS[act].path.format(case=NO_SUCH, lot=NO_SUCH)
    for role in c.tokens:
        reply = http.post(path, json=BODIES[act], headers=bearer(c, role))
        if role in ACTS[act].roles:
            assert reply.status_code in (201, 404), (role, reply.text)  # past the role check
        else:
            support.assert_error(reply, 403, "role_not_allowed")


@SQLITE_ONLY
def test_the_session_says_who_is_signed_in_and_refuses_anyone_else(
    services: Services, http: httpx.Client
) -> None:
    c = a_court(services)
    for role in c.tokens:
        reply = http.get("/api/v1/court/me", headers=bearer(c, role))
        assert reply.status_code == 200, reply.text
        assert reply.json()["role"] == role
        assert reply.json()["court"]["code"] == "sh-1zy"
    support.assert_error(http.get("/api/v1/court/me"), 401, "unauthorized")
    support.assert_error(
        http.get("/api/v1/court/me", headers=support.auth("not-a-token")), 401, "unauthorized"
    )
    bidder = support.bidder(services)
    support.assert_error(
        http.get("/api/v1/court/me", headers=support.auth(bidder)), 403, "court_only"
    )


@SQLITE_ONLY
def test_the_pages_are_shells_that_hold_no_case_data(
    services: Services, clock: Clock, http: httpx.Client
) -> None:
    c = a_court(services)
    lot, _ = drafted_lot(services, c, clock)
    case_id = case_of(services, lot)
    with services.db.read() as tx:
        number = tx.case(case_id).number  # type: ignore[union-attr]
    for path in ("/court/cases", f"/court/cases/{case_id}", "/court/deadlines"):
        page = http.get(path)
        assert page.status_code == 200, path
        assert "default-src 'self'" in page.headers["content-security-policy"]
        for private in (number, "上海某银行", "张三", "上海市某路1号101室"):
            assert private not in page.text, (path, private)
        assert '"today": "2026-11-30"' in page.text  # the server's clock, not the browser's
    case_page = http.get(f"/court/cases/{case_id}").text
    for act in ACTS:
        if act != "open_case":
            assert f'id="act-{act}"' in case_page, act
    # the grounds are offered by code with their Chinese words (Shanghai item 18; OJA Art 31)
    assert '<option value="third_party_objection">案外人对拍卖财产提出确有理由的异议</option>' in (
        case_page
    )
    assert '<option value="debtor_paid">' in case_page
    assert http.get("/court/cases/x1").status_code == 404
    assert http.get("/court/cases/99999999999").status_code == 404


@SQLITE_ONLY
def test_the_back_office_pages_in_english(
    services: Services, clock: Clock, http: httpx.Client
) -> None:
    c = a_court(services)
    case_id = case_of(services, priced_lot(services, c, clock))
    page = http.get(f"/court/cases/{case_id}", params={"lang": "en"})
    assert '<html lang="en"' in page.text
    english = i18n.gettext("en")
    assert english(ACTS["terms"].label) in page.text
    assert "a third party has a justified objection to the property" in page.text
    texts = re.search(r'id="court-text">(.*?)</script>', page.text, re.S)
    assert texts is not None
    assert english(STAGES["priced"]) in texts.group(1)
    assert not re.search(r"[\u4e00-\u9fff]", english(court_labels.ROLES["director"]))


def test_the_stages_and_use_case_labels_are_in_the_catalog() -> None:
    from fapai.app.cases.auction_terms import DRAW_REASONS, NOTICE_METHODS, NOTICE_ROLES
    from fapai.app.cases.disposal import REFERENCE_METHODS

    named = {*STAGES.values(), *REFERENCE_METHODS.values(), *NOTICE_ROLES.values(),
             *NOTICE_METHODS.values(), *DRAW_REASONS.values()}  # fmt: skip
    assert named <= set(court_labels.FROM_BACK_OFFICE)
    english = i18n.gettext("en")
    assert all(english(text) != text for text in named)


@SQLITE_ONLY
def test_a_draft_stays_hidden_from_the_public_until_its_announcement(
    services: Services, clock: Clock, http: httpx.Client
) -> None:
    c = a_court(services)
    lot, auction = drafted_lot(services, c, clock)
    title = "上海市某路1号101室"
    listed = f'<a href="/auctions/{auction}">'
    assert listed not in http.get("/", params={"q": title}).text
    assert http.get(f"/auctions/{auction}").status_code == 404
    assert http.get(f"/api/v1/auctions/{auction}").status_code == 404
    assert http.get("/api/v1/auctions", params={"q": title}).json()["total"] == 0
    auction_terms.announce(services, c.office, lot)
    assert listed in http.get("/", params={"q": title}).text
    assert http.get(f"/auctions/{auction}").status_code == 200
    # and an announced lot of another court's case is no business of this court
    other = a_court(services, "bj-hd")
    other_lot, _ = announced_lot(services, other, clock)
    reply = http.get(
        f"/api/v1/court/cases/{case_of(services, other_lot)}", headers=bearer(c, "enforcement")
    )
    support.assert_error(reply, 404, "not_found")
    clock.advance(days=1)  # the pages keep to the server's day
    assert '"today": "2026-12-01"' in http.get("/court/deadlines").text
