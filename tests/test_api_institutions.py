"""The institutions over HTTP: the round's first step with its refusal, the draw with a
recusal and its public record, the letter, the published database (seed 003)."""

from __future__ import annotations

from case_support import a_court, ruled_lot, today
from fapai.app.assignment.lottery_file import recheck
from fapai.domain.institutions.procedure import earliest_close
from institution_support import applicant, database
from support import assert_error, auth

API = "/api/v1"


def test_the_draw_its_public_record_and_the_published_database_over_http(
    services, clock, http
) -> None:
    c = a_court(services)
    office, bureau = auth(c.tokens["auction_office"]), auth(c.tokens["enforcement"])
    day = today(clock)
    short = {"media": "日报", "announced_on": day.isoformat(), "closes_on": day.isoformat()}
    assert_error(http.post(f"{API}/court/institutions/rounds", json=short, headers=bureau),
                 422, "announcement_too_short")  # fmt: skip
    enough = {**short, "closes_on": earliest_close(services.calendar, day).isoformat()}
    assert_error(http.post(f"{API}/court/institutions/rounds", json=enough, headers=office),
                 403, "role_not_allowed")  # fmt: skip
    members = [applicant() for _ in range(3)]
    database(services, c, clock, members)
    lot = ruled_lot(services, c, clock)
    recused = members[0].credit_code
    reply = http.post(
        f"{API}/court/lots/{lot}/institution-draw",
        json={"recusals": {recused: "与本案当事人存在利害关系"}}, headers=office,
    )  # fmt: skip
    assert reply.status_code == 201, reply.text
    chosen = http.post(f"{API}/court/lots/{lot}/institution-draw/run", headers=office).json()
    record = http.get(f"{API}/lots/{lot}/institution-draw").json()["draws"][0]["record"]
    assert recheck(record).chosen == chosen["institution"] != recused
    letter = http.get(
        f"{API}/court/lots/{lot}/entrustment-letter", params={"format": "html", "lang": "en"},
        headers=auth(c.tokens["supervisor"]),
    )  # fmt: skip
    assert letter.status_code == 200
    assert "Letter of Entrustment" in letter.text
    published = http.get(f"{API}/institutions").json()["institutions"]
    assert {i["credit_code"] for i in published} == {m.credit_code for m in members}
    assert all(i["status"] == "admitted" for i in published)
    view = http.get(f"{API}/court/institutions", headers=auth(c.tokens["director"])).json()
    assert sorted(view["selection"]) == sorted(m.credit_code for m in members)
    assert view["alerts"] == [
        {"article": "Art 10", "reason": "database holds 3, fewer than 6", "fill_by": None}
    ]


def test_the_public_page_lists_the_published_database_in_chinese_and_english(
    services, clock, http
) -> None:
    c = a_court(services)
    member = applicant()
    database(services, c, clock, [member])
    page = http.get("/institutions")
    assert page.status_code == 200
    assert "网拍辅助机构名单库" in page.text
    assert member.credit_code in page.text
    assert member.name in page.text
    assert "在库" in page.text
    english = http.get("/institutions", params={"lang": "en"})
    assert "Database of auxiliary institutions" in english.text
    assert "In the database" in english.text
