"""Issue 15 item 1: the announcement carries what the law lists, frozen as published
(OJA Arts 12-16; Shanghai item 10(2)), and changes only by a dated correction.

The bureau's confirmed special warnings, the ruling that is the basis of the sale, the
reference price's method, who was notified (by role, never by name), the court's
dedicated account, the contact, the supervision channel and the viewing arrangements
are version 1 of the publication; a correction is version 2 with its date and reason,
on the trail, and the public page shows 更正 with the date.
"""

from __future__ import annotations

import httpx

from case_support import Court, a_court, drafted_lot, refused
from fapai.app.audit import trail
from fapai.app.cases import auction_terms, publication
from fapai.app.services import Services
from support import Clock, auth

API = "/api/v1"
WARNING = "该房屋存在租赁，租期至2028年，买受人承受租约。"


def _published(services: Services, clock: Clock) -> tuple[Court, int, int]:
    c = a_court(services)
    lot, auction = drafted_lot(services, c, clock)
    auction_terms.confirm_disclosure(services, c.bureau, lot, WARNING)
    publication.record_arrangements(
        services, c.office, lot, "上海市第一中级人民法院 执行款专户 1001 2345 6789",
        "021-12345678（工作日9:00-17:00）", "上海高院执行监督热线 12368", "每周三上午，预约看样",
        True,
    )  # fmt: skip
    auction_terms.announce(services, c.office, lot)
    return c, lot, auction


def test_the_announcement_publishes_the_confirmed_warnings_basis_notices_and_account(
    services: Services, clock: Clock, http: httpx.Client
) -> None:
    """OJA Arts 12-16, Shanghai item 10(2): confirm_disclosure's warnings reach the page."""
    _c, _lot, auction = _published(services, clock)
    body = http.get(f"{API}/auctions/{auction}/publication").json()
    assert body["version"] == 1
    facts = body["current"]["facts"]
    assert facts["special_warnings"] == WARNING
    assert facts["basis"]["ruling_number"] == "（2026）沪01执123号之一"
    assert facts["reference"]["method"] == "appraisal"
    assert facts["reference"]["report_published"] is True
    assert facts["notified"] == {
        "applicant": True, "debtor": True, "holders": {"known": 0, "notified": 0}
    }  # fmt: skip
    assert facts["payment_account"].startswith("上海市第一中级人民法院 执行款专户")
    assert facts["supervision"] == "上海高院执行监督热线 12368"
    assert facts["viewing"] == "每周三上午，预约看样"
    # by role only: the parties' names are nowhere on the public side (OJA Art 16)
    snapshot = http.get(f"{API}/auctions/{auction}").text
    assert "张三" not in snapshot
    assert "上海某银行" not in snapshot
    assert http.get(f"{API}/auctions/{auction}").json()["publication"]["version"] == 1
    page = http.get(f"/auctions/{auction}").text
    assert WARNING in page
    assert "已通知" in page
    assert "执行款专户" in page


def test_a_correction_is_a_new_dated_version_on_the_trail_and_on_the_page(
    services: Services, clock: Clock, http: httpx.Client
) -> None:
    """OJA Arts 12-16: nothing published changes silently; the history stays readable."""
    c, lot, auction = _published(services, clock)
    clock.advance(days=2)
    reason = "看样时间调整"
    response = http.post(
        f"{API}/court/lots/{lot}/publication-corrections",
        json={"reason": reason, "viewing": "每周四下午，预约看样"},
        headers=auth(c.tokens["auction_office"]),
    )
    assert response.status_code == 201, response.text
    assert response.json() == {"version": 2}
    body = http.get(f"{API}/auctions/{auction}/publication").json()
    first, second = body["versions"]
    assert first["facts"]["viewing"] == "每周三上午，预约看样"  # the earlier version stands
    assert second["facts"]["viewing"] == "每周四下午，预约看样"
    assert second["reason"] == reason
    assert second["changed"] == ["viewing"]
    assert second["published_on"] > first["published_on"]
    with services.db.read() as tx:
        actions = [r.action for r in tx.audit_rows(trail.auction_scope(auction))]
    assert actions.count("lot.publication") == 2
    page = http.get(f"/auctions/{auction}").text
    assert f"更正（{second['published_on']}）：{reason}" in page


def test_a_correction_needs_a_published_announcement_and_known_facts(
    services: Services, clock: Clock
) -> None:
    c = a_court(services)
    lot, _ = drafted_lot(services, c, clock)
    refused(lambda: publication.correct(services, c.office, lot, "更正", {"viewing": "x"}),
            "not_published")  # fmt: skip
    auction_terms.announce(services, c.office, lot)
    refused(lambda: publication.correct(services, c.office, lot, "更正", {"price": 1}),
            "invalid_correction")  # fmt: skip
