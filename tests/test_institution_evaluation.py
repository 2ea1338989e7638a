"""The complaint hotline about an institution (seed 003 Art 24) and the periodic
evaluation (Shanghai item 24) with figures from the record, over HTTP as the public
and the court use them, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

from case_support import a_court, refused, ruled_lot, today
from fapai.app.institutions import designation, evaluation
from fapai.app.remedies import complaints
from institution_support import applicant, database
from support import assert_error, auth

API = "/api/v1"


def test_a_complaint_about_an_institution_lands_on_its_courts_desk_art_24(
    services, clock, http
) -> None:
    """Anyone complains from the public database's entry; the court keeping the database
    lists it with the institution and answers it (the remedies' complaint, reused)."""
    c = a_court(services)
    ids = database(services, c, clock, [applicant()])
    (institution,) = ids.values()
    (listed,) = http.get(f"{API}/institutions").json()["institutions"]
    assert listed["id"] == institution
    body = {"subject": "看样时索要好处费", "body": "工作人员要求另付看样费。", "contact": "138"}
    reply = http.post(f"{API}/institutions/{institution}/complaints", json=body)
    assert reply.status_code == 201, reply.text
    number = reply.json()["id"]
    assert_error(http.post(f"{API}/institutions/999999/complaints", json=body), 404, "not_found")
    desk = http.get(f"{API}/court/complaints", headers=auth(c.tokens["supervisor"])).json()
    (found,) = [x for x in desk["complaints"] if x["id"] == number]
    assert found["institution_id"] == institution
    assert found["contact"] == "138"
    answered = http.post(
        f"{API}/court/complaints/{number}/answer", json={"response": "已约谈该机构并责令整改"},
        headers=auth(c.tokens["auction_office"]),
    )  # fmt: skip
    assert answered.status_code == 204, answered.text


def test_the_evaluation_counts_designations_replacements_and_complaints_sh_item_24(
    services, clock, http
) -> None:
    c = a_court(services)
    ids = database(services, c, clock, [applicant(), applicant()])
    start = today(clock)
    lot = ruled_lot(services, c, clock)
    designation.schedule(services, c.office, lot, {})
    designation.run(services, c.office, lot)
    with services.db.read() as tx:
        chosen = tx.designations(lot)[-1].institution_id
    files_due = today(clock) + timedelta(days=7)
    designation.replace(services, c.office, lot, "court_decision", "逾期", files_due)
    complaints.file_complaint(services, None, None, "拖延", "未按期上传视频", None, chosen)
    end = today(clock)
    office, director = auth(c.tokens["auction_office"]), auth(c.tokens["director"])
    period = {"period_from": start.isoformat(), "period_to": end.isoformat()}
    figures = http.get(
        f"{API}/court/institutions/{chosen}/evaluation-figures", params=period, headers=director
    ).json()["figures"]
    assert figures["designations"] == 1
    assert figures["replaced_by_court"] == 1
    assert figures["complaints"] == 1
    assert figures["complaints_unanswered"] == 1
    assert (figures["late_tasks"], figures["returned_work"]) == (0, 0)  # no task given
    body = {**period, "result": "fail", "remarks": "逾期并被投诉"}
    assert_error(http.post(f"{API}/court/institutions/{chosen}/evaluations", json=body,
                           headers=director), 403, "role_not_allowed")  # fmt: skip
    reply = http.post(f"{API}/court/institutions/{chosen}/evaluations", json=body, headers=office)
    assert reply.status_code == 201, reply.text
    assert reply.json()["grounds_open"] == ["sh23_4"]  # failing it: Shanghai item 23(4)
    assert_error(http.post(f"{API}/court/institutions/{chosen}/evaluations", json=body,
                           headers=office), 409, "period_evaluated")  # fmt: skip
    later = {**body, "period_from": (end + timedelta(days=1)).isoformat(),
             "period_to": (end + timedelta(days=30)).isoformat()}  # fmt: skip
    assert_error(http.post(f"{API}/court/institutions/{chosen}/evaluations", json=later,
                           headers=office), 422, "invalid_period")  # fmt: skip
    view = http.get(f"{API}/court/institutions", headers=director).json()["institutions"]
    shown = {i["id"]: i["evaluation"] for i in view}
    assert shown[chosen]["result"] == "fail"
    assert shown[chosen]["figures"]["complaints"] == 1
    other = next(i for i in ids.values() if i != chosen)
    assert shown[other] is None
    elsewhere = a_court(services, "sh-2zy")
    refused(lambda: evaluation.listed(services, elsewhere.office, chosen), "not_found")


def test_the_public_database_page_carries_the_complaint_form_in_zh_and_en(
    services, clock, http
) -> None:
    """Art 24's hotline is on the published database's page, in Chinese and English."""
    c = a_court(services)
    member = applicant()
    database(services, c, clock, [member])
    page = http.get("/institutions")
    assert "投诉网拍辅助机构" in page.text
    assert member.name in page.text.split('id="institution-complaint-form"', 1)[1]
    english = http.get("/institutions", params={"lang": "en"})
    assert "Complain about an auxiliary institution" in english.text
    assert "Institution complained about" in english.text
