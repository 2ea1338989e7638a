"""The auxiliary institution's desk (issue 17 item 4): its staff accounts, the tasks of
seed 003 Art 3 given by the office to the lot's designated institution only, each step
logged (Art 6(8)), submitted, accepted or sent back; overdue tasks on the deadline board;
viewings (Art 3(4), Art 16) arranged without the institution learning who will bid; and
an institution's staff reaching only its own desk and its own lots."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pyotp
from sqlalchemy import select

from case_support import a_court, on, refused, ruled_lot, today
from fapai.app.accounts import signin, staff, tokens
from fapai.app.auctions import registration
from fapai.app.cases import deadline_board
from fapai.app.institutions import staff as institution_staff
from fapai.app.institutions import tasks, viewings
from fapai.storage import tables
from institution_support import desk_user, entrusted
from support import assert_error, auth, bidder

API = "/api/v1"


def _give(services, c, e, n: int = 0, kind: str = "status_check", days: int = 5, **extra) -> int:
    return tasks.create(
        services, c.office, e.lots[n], kind, f"核实房屋现状及欠费情况（标的{n}）",
        today_of(services) + timedelta(days=days), e.staff[n].login, **extra,
    )  # fmt: skip


def today_of(services) -> Any:
    from fapai.domain.calendar import beijing_date

    return beijing_date(services.clock())


def test_the_office_gives_tasks_to_the_lots_institution_only_never_reserved_work_art_3(
    services, clock
) -> None:
    """Art 3(1)-(8) are tasks; Art 3(8)'s reserved work (the reference price, rulings,
    confirming bidders, ...) is refused ``reserved_to_court``; the assignee must be a
    staff account of the lot's designated institution; only the office gives tasks."""
    c = a_court(services)
    e = entrusted(services, c, clock)
    due = today(clock) + timedelta(days=5)
    for kind in ("reference_price", "ruling", "confirm_bidders"):
        refused(
            lambda kind=kind: tasks.create(
                services, c.office, e.lots[0], kind, "请办理", due, e.staff[0].login
            ),
            "reserved_to_court",
        )
    refused(
        lambda: tasks.create(services, c.office, e.lots[0], "materials", "拍摄", due,
                             e.staff[1].login),
        "invalid_assignee",
    )  # fmt: skip
    refused(
        lambda: tasks.create(services, c.bureau, e.lots[0], "materials", "拍摄", due,
                             e.staff[0].login),
        "role_not_allowed",
    )  # fmt: skip
    bare = ruled_lot(services, c, clock)
    refused(
        lambda: tasks.create(services, c.office, bare, "materials", "拍摄", due, e.staff[0].login),
        "no_institution",
    )
    task = _give(services, c, e, kind="materials")
    with services.db.read() as tx:
        found = tx.task(task)
        assert found is not None
        assert found.institution_id == e.institutions[0]
        assert [s.step for s in tx.steps(e.lots[0])][-1] == "institution_task_given"


def test_the_parties_are_notified_3_days_before_the_announcement_art_3_5(services, clock) -> None:
    c = a_court(services)
    e = entrusted(services, c, clock)
    announce = today(clock) + timedelta(days=10)

    def give(due_in: int, announce_on: Any = announce) -> int:
        return tasks.create(
            services, c.office, e.lots[0], "notify_parties", "书面通知当事人及优先购买权人",
            today(clock) + timedelta(days=due_in), e.staff[0].login, announce_on,
        )  # fmt: skip

    refused(lambda: give(8), "notice_too_late")  # 2 days before
    refused(lambda: give(7, None), "announce_on_required")
    assert give(7)  # 3 days before: the last day it may be due


def test_each_step_is_logged_submitted_sent_back_with_a_reason_and_accepted_art_6_8(
    services, clock
) -> None:
    c = a_court(services)
    e = entrusted(services, c, clock)
    task = _give(services, c, e)
    mine, theirs = desk_user(services, e.tokens[0]), desk_user(services, e.tokens[1])
    refused(lambda: tasks.submit(services, mine, task, "已核实"), "no_trace")
    refused(
        lambda: tasks.log_step(services, theirs, task, "call", clock(), "致电物业"), "not_found"
    )
    colleague = institution_staff.add_staff(services, None, e.institutions[0], "jg.other", "同事")
    other = desk_user(services, tokens.create(services, None, "jg.other", "institution")[1])
    assert colleague.login == other.login
    refused(
        lambda: tasks.log_step(services, other, task, "call", clock(), "致电物业"), "not_assignee"
    )
    refused(
        lambda: tasks.log_step(services, mine, task, "call", clock() + timedelta(hours=1), "x"),
        "invalid_happened_at",
    )
    tasks.log_step(services, mine, task, "site_visit", clock() - timedelta(hours=2), "现场勘查")
    tasks.log_step(services, mine, task, "call", clock(), "致电物业公司，欠物业费 3,200 元")
    tasks.submit(services, mine, task, "房屋空置，欠物业费 3,200 元")
    refused(lambda: tasks.log_step(services, mine, task, "call", clock(), "补充"), "task_closed")
    refused(lambda: tasks.review(services, c.office, task, False, " "), "invalid_reason")
    tasks.review(services, c.office, task, False, "请补充水电费欠费情况")
    shown = tasks.shown(services, mine, task)
    assert (shown["state"], shown["review_note"]) == ("returned", "请补充水电费欠费情况")
    tasks.log_step(services, mine, task, "call", clock(), "致电水电公司，无欠费")
    tasks.submit(services, mine, task, "已补充：水电无欠费")
    refused(lambda: tasks.review(services, c.bureau, task, True), "role_not_allowed")
    tasks.review(services, c.office, task, True)
    refused(lambda: tasks.review(services, c.office, task, True), "task_not_submitted")
    (court_view,) = tasks.for_lot(services, c.supervisor, e.lots[0])
    assert court_view["state"] == "accepted"
    assert [entry["kind"] for entry in court_view["log"]] == ["site_visit", "call", "call"]
    assert all(entry["by"] == "机构员工0" for entry in court_view["log"])
    with services.db.read() as tx:
        actions = list(tx.c.scalars(select(tables.audit_records.c.action)))
    assert actions.count("institution_task.logged") == 3
    assert actions.count("institution_task.submitted") == 2


def test_materials_short_of_8_photos_or_90_seconds_need_the_reason_art_3_1(services, clock) -> None:
    c = a_court(services)
    e = entrusted(services, c, clock)
    task = _give(services, c, e, kind="materials")
    mine = desk_user(services, e.tokens[0])
    tasks.log_step(services, mine, task, "upload", clock(), "拍摄并上传")
    refused(lambda: tasks.submit(services, mine, task, "已拍摄"), "materials_counts_required")
    refused(
        lambda: tasks.submit(services, mine, task, "已拍摄", photos=7, video_seconds=90),
        "materials_short",
    )
    refused(
        lambda: tasks.submit(services, mine, task, "已拍摄", photos=8, video_seconds=89),
        "materials_short",
    )
    tasks.submit(services, mine, task, "已拍摄", photos=8, video_seconds=90, vr=True)
    assert tasks.shown(services, mine, task)["report"] == {
        "note": "已拍摄",
        "photos": 8,
        "video_seconds": 90,
        "vr": True,
        "short": [],
    }


def test_an_overdue_task_is_on_the_courts_deadline_board_and_done_once_accepted(
    services, clock
) -> None:
    c = a_court(services)
    e = entrusted(services, c, clock)
    task = _give(services, c, e, days=1)
    clock.advance(days=2)
    rows = [r for r in deadline_board.board(services, c.id) if r.kind == "institution_task"]
    assert [(r.lot_id, r.state, r.article) for r in rows] == [
        (e.lots[0], "overdue", "seed 003 Art 3(2)")
    ]
    mine = desk_user(services, e.tokens[0])
    tasks.log_step(services, mine, task, "site_visit", clock(), "现场勘查")
    tasks.submit(services, mine, task, "已核实")
    tasks.review(services, c.office, task, True)
    rows = deadline_board.board(services, c.id, include_done=True)
    assert [r.state for r in rows if r.kind == "institution_task"] == ["late"]


def test_an_institutions_staff_signs_in_like_court_staff_and_reaches_no_court_route(
    services, clock, http
) -> None:
    """Least privilege: the institution's account has its desk and nothing of the court's
    (court routes answer 403 ``court_only``), and no court role may be granted to it."""
    c = a_court(services)
    e = entrusted(services, c, clock)
    made = e.staff[0]
    clock.advance(seconds=30)
    token = signin.sign_in(
        services, made.login, made.password, pyotp.TOTP(made.totp_secret).at(clock())
    )
    me = http.get(f"{API}/institutions/desk/session", headers=auth(token)).json()
    assert (me["login"], me["institution"]["name"]) == (made.login, me["institution"]["name"])
    for path in (
        "/court/session",
        "/court/cases",
        "/court/deadlines",
        "/court/institutions",
        f"/court/lots/{e.lots[0]}/institution-tasks",
        "/court/admin/staff",
    ):
        assert_error(http.get(API + path, headers=auth(token)), 403, "court_only")  # fmt: skip
    assert_error(
        http.get(f"{API}/institutions/desk", headers=auth(c.tokens["auction_office"])),
        403, "institution_only",
    )  # fmt: skip
    refused(
        lambda: staff.grant(services, None, made.login, "auction_office"), "institution_account"
    )
    assert http.delete(f"{API}/institutions/desk/session", headers=auth(token)).status_code == 204
    assert_error(http.get(f"{API}/institutions/desk", headers=auth(token)), 401, "unauthorized")


def _texts(http, token: str, paths: list[str]) -> str:
    seen = []
    for path in paths:
        reply = http.get(path, headers=auth(token))
        assert reply.status_code == 200, (path, reply.text)
        seen.append(reply.text)
    return "\n".join(seen)


def test_a_crawl_of_the_desk_shows_no_bidder_and_no_other_institutions_lot_seed_001(
    services, clock, http
) -> None:
    """Every desk page and API read as institution A's staff: nothing of lot B (entrusted
    to B: its id, its case, its task, its viewing) and no bidder's name, ID number, phone
    or bidder code of A's own lot (OJA Art 18; seed 001's data concern)."""
    c = a_court(services)
    e = entrusted(services, c, clock)
    buyer = bidder(services, "钱竞买")
    code = registration.register(services, buyer.account_id, e.auctions[0], True).code
    mine_task, their_task = _give(services, c, e, 0), _give(services, c, e, 1)
    mine = desk_user(services, e.tokens[0])
    tasks.log_step(services, mine, mine_task, "call", clock(), "致电物业")
    reference_a = viewings.request(services, e.auctions[0], buyer.phone, "周六上午")
    reference_b = viewings.request(services, e.auctions[1], "13912345678", "周日下午")
    with services.db.read() as tx:
        case_b = tx.case(tx.lot(e.lots[1]).case_id).number
    overview = http.get(f"{API}/institutions/desk", headers=auth(e.tokens[0])).json()
    assert [lot["id"] for lot in overview["lots"]] == [e.lots[0]]
    assert [t["id"] for t in overview["lots"][0]["tasks"]] == [mine_task]
    (viewing,) = http.get(f"{API}/institutions/desk/viewings", headers=auth(e.tokens[0])).json()[
        "viewings"
    ]
    paths = [
        f"{API}/institutions/desk", f"{API}/institutions/desk/session",
        f"{API}/institutions/desk/tasks/{mine_task}", f"{API}/institutions/desk/viewings",
        "/institution", f"/institution/tasks/{mine_task}",
    ]  # fmt: skip
    seen = _texts(http, e.tokens[0], paths)
    for secret in (
        buyer.name,
        buyer.id_number,
        buyer.phone,
        code,
        case_b,
        reference_b,
        "标的1）",
        "周日下午",
    ):
        assert secret not in seen, secret  # fmt: skip
    assert viewing["reference"] == reference_a
    assert viewing["phone"] == buyer.phone[:3] + "****" + buyer.phone[-4:]
    assert f'"lot_id": {e.lots[1]}' not in seen.replace('":', '": ')
    assert their_task not in {t["id"] for lot in overview["lots"] for t in lot["tasks"]}


def test_another_institutions_task_or_viewing_answers_as_missing(services, clock, http) -> None:
    c = a_court(services)
    e = entrusted(services, c, clock)
    their_task = _give(services, c, e, 1)
    viewings.request(services, e.auctions[1], "13912345678", "周日下午")
    with services.db.read() as tx:
        (their_viewing,) = tx.lot_viewings([e.lots[1]])
    mine = auth(e.tokens[0])
    desk = f"{API}/institutions/desk"
    assert_error(http.get(f"{desk}/tasks/{their_task}", headers=mine), 404, "not_found")
    log = {"kind": "call", "happened_at": clock().isoformat(), "note": "x"}
    assert_error(http.post(f"{desk}/tasks/{their_task}/log", json=log, headers=mine),
                 404, "not_found")  # fmt: skip
    assert_error(
        http.post(f"{desk}/tasks/{their_task}/submission", json={"note": "x"}, headers=mine),
        404, "not_found",
    )  # fmt: skip
    appointment = {"at": (clock() + timedelta(days=1)).isoformat(), "place": "小区门口"}
    assert_error(
        http.post(f"{desk}/viewings/{their_viewing.id}/appointment", json=appointment,
                  headers=mine),
        404, "not_found",
    )  # fmt: skip
    assert_error(http.get(f"{desk}/tasks/999999", headers=mine), 404, "not_found")


def test_a_viewing_is_arranged_without_the_institution_learning_who_will_bid_art_16(
    services, clock, http
) -> None:
    """The request carries a phone and a preferred time, tied to no account: the
    institution sees the phone masked and the reference, sets the time and place, and
    the requester reads the appointment by the reference; the phone is stored encrypted."""
    c = a_court(services)
    e = entrusted(services, c, clock)
    assert {col.name for col in tables.viewing_requests.columns}.isdisjoint(
        {"account_id", "registration_id", "bidder_code"}
    )
    asked = http.post(
        f"{API}/auctions/{e.auctions[0]}/viewing-requests",
        json={"phone": "139 1234 5678", "preferred": "周六上午"},
    )  # fmt: skip
    assert asked.status_code == 201, asked.text
    reference = asked.json()["reference"]
    assert_error(
        http.post(f"{API}/auctions/{e.auctions[0]}/viewing-requests",
                  json={"phone": "12345", "preferred": "周六"}),
        422, "phone_invalid",
    )  # fmt: skip
    blank = http.post(f"{API}/auctions/{e.auctions[0]}/viewing-requests",
                      json={"phone": "13912345678", "preferred": "   "})  # fmt: skip
    message = assert_error(blank, 422, "invalid_preferred")["error"]["message"]
    assert message.startswith("希望的时间须为"), message  # the form's label, not the API's field
    with services.db.read() as tx:
        row = tx.c.execute(select(tables.viewing_requests.c.phone_enc)).scalar_one()
    assert b"13912345678" not in row
    mine = auth(e.tokens[0])
    (viewing,) = http.get(f"{API}/institutions/desk/viewings", headers=mine).json()["viewings"]
    assert (viewing["phone"], viewing["preferred"]) == ("139****5678", "周六上午")
    when = on(today(clock) + timedelta(days=3), 10)
    reply = http.post(
        f"{API}/institutions/desk/viewings/{viewing['id']}/appointment",
        json={"at": when.isoformat(), "place": "上海市某路1号门口"}, headers=mine,
    )  # fmt: skip
    assert reply.status_code == 204, reply.text
    status = http.get(f"{API}/viewing-requests/{reference}").json()
    assert status["place"] == "上海市某路1号门口"
    assert status["scheduled_for"].startswith((today(clock) + timedelta(days=3)).isoformat())
    assert "phone" not in status
    assert_error(http.get(f"{API}/viewing-requests/KYNOTHING00"), 404, "not_found")
    assert_error(http.get(f"{API}/viewing-requests/KY%00NOTHING"), 404, "not_found")


def test_submitted_work_is_json_the_court_can_read(services, clock) -> None:
    """The report is kept as written (Art 6(8): available for the court's inspection)."""
    c = a_court(services)
    e = entrusted(services, c, clock)
    task = _give(services, c, e)
    mine = desk_user(services, e.tokens[0])
    tasks.log_step(services, mine, task, "site_visit", clock(), "现场勘查")
    tasks.submit(services, mine, task, "房屋空置")
    with services.db.read() as tx:
        found = tx.task(task)
    assert found is not None
    assert json.loads(found.report or "") == {"note": "房屋空置"}


def test_only_an_administrator_makes_an_institutions_staff_account(services, clock) -> None:
    """An institution's accounts are handed out like the court's own staff's: by an
    administrator (or the system); a member of the database only."""
    c = a_court(services)
    e = entrusted(services, c, clock)
    refused(
        lambda: institution_staff.add_staff(services, c.office, e.institutions[0], "jg.x", "某"),
        "admins_only",
    )
    refused(lambda: institution_staff.add_staff(services, None, 999_999, "jg.y", "某"), "not_found")
    refused(
        lambda: institution_staff.add_staff(services, None, e.institutions[0], e.staff[0].login,
                                            "某"),
        "login_taken",
    )  # fmt: skip


def test_the_evaluation_counts_late_tasks_and_work_sent_back_sh_item_24(services, clock) -> None:
    """Shanghai item 24: the periodic evaluation reads the task trace: a task accepted
    after its day is late, one still open past it too, and each return of work counts."""
    from fapai.app.institutions import evaluation

    c = a_court(services)
    e = entrusted(services, c, clock)
    start = today_of(services)
    late, open_past, in_time = (_give(services, c, e, days=d) for d in (1, 2, 30))
    mine = desk_user(services, e.tokens[0])
    tasks.log_step(services, mine, in_time, "site_visit", clock(), "现场勘查")
    tasks.submit(services, mine, in_time, "已核实")
    tasks.review(services, c.office, in_time, False, "请补充欠费情况")
    tasks.submit(services, mine, in_time, "已补充")
    tasks.review(services, c.office, in_time, True)
    clock.advance(days=3)
    tasks.log_step(services, mine, late, "call", clock(), "致电物业")
    tasks.submit(services, mine, late, "已核实")
    tasks.review(services, c.office, late, True)
    assert open_past
    figures = evaluation.figures(services, c.office, e.institutions[0], start, today_of(services))
    assert (figures["late_tasks"], figures["returned_work"]) == (2, 1)
    none_yet = evaluation.figures(services, c.office, e.institutions[1], start, today_of(services))
    assert (none_yet["late_tasks"], none_yet["returned_work"]) == (0, 0)


def test_the_desk_offers_only_the_designated_institutions_staff_in_post_art_13(
    services, clock
) -> None:
    """The office's form names the designated institution and offers its own staff in
    post (Art 13: its employees), never another institution's; a lot with no designation
    shows none, and every court role reads the tasks."""
    c = a_court(services)
    e = entrusted(services, c, clock)
    institution_staff.add_staff(services, None, e.institutions[0], "jg.left", "已离职")
    with services.db.write() as tx:
        left = tx.staff_by_login("jg.left")
        assert left is not None
        tx.end_staff(left.id, clock())
    shown = tasks.desk(services, c.supervisor, e.lots[0])
    with services.db.read() as tx:
        name = tx.institution(e.institutions[0]).name
    assert shown["institution"]["name"] == name
    assert [s["login"] for s in shown["staff"]] == [e.staff[0].login]
    assert "notify_parties" in [k["kind"] for k in shown["kinds"]]
    assert "reference_price" not in [k["kind"] for k in shown["kinds"]]  # Art 3(8)
    lone = ruled_lot(services, c, clock)
    assert tasks.desk(services, c.office, lone)["institution"] is None
    assert tasks.desk(services, c.office, lone)["staff"] == []
