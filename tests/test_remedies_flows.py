"""Objections filed online and the court's docket (issue 18; CPL Arts 85, 236, 238; OBJ
Arts 2, 5, 6, 21; OJA Art 36): filing with papers, refusal after the enforcement ended,
each kind's path to each outcome with its effect on the auction, the clocks on the
deadline board at their boundaries across National Day 2026 and its 调休, and complaints
about the platform's service. Run on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from case_support import (
    ROLES,
    Court,
    a_court,
    announced_lot,
    auction_of,
    bid,
    close_at_end,
    next_round,
    on,
    refused,
    stage,
    today,
)
from fapai.app.accounts import courts
from fapai.app.cases import after_sale, deadline_board, pauses
from fapai.app.presenting import yuan
from fapai.app.remedies import complaints, docket, filing, views
from fapai.app.remedies import documents as remedy_documents
from fapai.app.remedies.filing import Paper
from fapai.app.services import Services
from fapai.domain.beijing_time import BEIJING
from support import Bidder, Clock, bidder, court_user, pay_deposit

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
GROUNDS = "拍卖公告未依法公示十五日，本人未能参加竞买。"


def bj(day: str, hour: int = 10, minute: int = 0) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, minute=minute, tzinfo=BEIJING)


def file(
    services: Services, who: Bidder, lot: int, kind: str = "execution_act",
    standing: str = "party", papers: list[Paper] | None = None,
) -> int:  # fmt: skip
    return filing.file_objection(
        services, who.account_id, lot, kind, standing, who.name, GROUNDS,
        [Paper("公告截图", "image/png", PNG)] if papers is None else papers,
    )  # fmt: skip


def board_row(services: Services, c: Court, kind: str) -> deadline_board.Row:
    found = [r for r in deadline_board.board(services, c.id, True) if r.kind == kind]
    assert len(found) == 1, (kind, found)
    return found[0]


def live_lot(services: Services, clock: Clock, day: str = "2026-09-01") -> tuple[Court, int, int]:
    clock.set(bj(day))
    c = a_court(services)
    lot, auction = announced_lot(services, c, clock, "movable", lead_days=20)
    return c, lot, auction


# --- filing ----------------------------------------------------------------------------


def test_a_party_files_with_papers_and_the_court_sees_them_cpl_art_236(services, clock) -> None:
    c, lot, _ = live_lot(services, clock)
    filer = bidder(services, "王异议")
    number = file(services, filer, lot, papers=[
        Paper("委托书", "application/pdf", PDF), Paper("照片", "image/png", PNG),
    ])  # fmt: skip
    (mine,) = views.mine(services, filer.account_id)
    assert (mine["id"], mine["status"], mine["article"]) == (number, "filed", "CPL Art 236")
    assert "filer" not in mine
    assert {k["clock"] for k in mine["clocks"]} == {"docket", "ruling"}
    (seen,) = views.for_court(services, c.bureau)
    assert seen["filer"] == "王异议"
    with services.db.read() as tx:  # the court's read of the objector's name is logged
        logged = [r for r in tx.personal_reads(c.id, 0, 50) if r.record == f"objection:{number}"]
    assert [(r.fields, r.purpose) for r in logged] == [("filer", "enforcement")]
    assert [p["title"] for p in seen["papers"]] == ["委托书", "照片"]
    kind, data = views.paper_for_court(services, c.bureau, number, seen["papers"][0]["id"])
    assert (kind, data) == ("application/pdf", PDF)
    other = a_court(services, "sh-2zy")
    refused(lambda: views.one_for_court(services, other.bureau, number), "not_found")


@pytest.mark.parametrize(
    ("paper", "code"),
    [
        (Paper("脚本", "application/pdf", b"<script>alert(1)</script>"), "type_mismatch"),
        (Paper("表格", "text/csv", b"a,b\n"), "unsupported_type"),
        (Paper("空", "image/png", b""), "empty_file"),
        (Paper("大", "application/pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024)), "file_too_large"),
    ],
)
def test_papers_are_checked_by_type_and_size(services, clock, paper: Paper, code: str) -> None:
    _, lot, _ = live_lot(services, clock)
    filer = bidder(services)
    refused(lambda: file(services, filer, lot, papers=[paper]), code)
    refused(lambda: file(services, filer, lot, papers=[Paper("p", "image/png", PNG)] * 11),
            "too_many_papers")  # fmt: skip
    assert views.mine(services, filer.account_id) == []


def test_standing_and_grounds_are_checked_citing_the_rule_obj_art_5(services, clock) -> None:
    _, lot, _ = live_lot(services, clock)
    filer = bidder(services)
    error = refused(lambda: file(services, filer, lot, "third_party", "party"), "no_standing")
    assert "CPL Art 238" in error.message_zh
    error = refused(
        lambda: filing.file_objection(
            services, filer.account_id, lot, "execution_act", "excluded_bidder", "某", " ", []
        ),
        "no_grounds",
    )
    assert "OBJ Art 2" in error.message_en
    refused(lambda: file(services, filer, lot, "appeal", "party"), "invalid_kind")


def test_filing_after_the_enforcement_ended_is_refused_obj_art_6(services, clock) -> None:
    """The lot's only property was released after two failed rounds: the procedure and the
    enforcement against the property have both ended, so neither kind may be filed."""
    c, lot, first = live_lot(services, clock)
    close_at_end(services, clock, first)
    second = next_round(
        services, c, clock, lot, auction_of(services, first).start_price * 80 // 100,
        on(today(clock) + timedelta(days=20)),
    )  # fmt: skip
    close_at_end(services, clock, second)
    after_sale.release(services, c.bureau, lot, "二拍流拍，申请执行人不同意以物抵债")
    filer = bidder(services)
    for kind, standing in (("execution_act", "party"), ("third_party", "property_claimant")):
        error = refused(lambda k=kind, s=standing: file(services, filer, lot, k, s),
                        "enforcement_ended")  # fmt: skip
        assert "OBJ Art 6" in error.message_zh
    assert views.mine(services, filer.account_id) == []


# --- each kind's path to each outcome ----------------------------------------------------


def test_an_upheld_objection_to_the_auction_before_the_sale_revokes_it_obj_art_21(
    services, clock
) -> None:
    c, lot, auction = live_lot(services, clock)
    filer = bidder(services)
    number = file(services, filer, lot, "execution_act", "excluded_bidder")
    refused(lambda: docket.docket(services, c.office, number), "role_not_allowed")
    docket.docket(services, c.bureau, number)
    docket.notify(services, c.bureau, number, "异议人；申请执行人；被执行人")
    refused(
        lambda: docket.rule(services, c.bureau, number, "upheld", None, "公告期不足"),
        "no_revoke_ground",
    )
    effect = docket.rule(
        services, c.bureau, number, "upheld", "unequal_conditions", "违法限制竞买人参加竞买"
    )
    assert effect == "revoked"
    assert stage(services, lot) == "revoked"
    assert auction_of(services, auction).status == "revoked"
    (mine,) = views.mine(services, filer.account_id)
    assert mine["ruling"]["outcome"] == "upheld"
    assert {k["clock"]: k["state"] for k in mine["clocks"]}["reconsideration"] == "open"


def test_an_upheld_objection_after_the_sale_is_due_to_revoke_it_once_final(services, clock) -> None:
    c, lot, auction = live_lot(services, clock)
    buyer = bidder(services, "买受人")
    assert pay_deposit(services, buyer, auction) == "confirmed"
    clock.set(auction_of(services, auction).starts_at + timedelta(minutes=5))
    bid(services, buyer, auction, yuan(auction_of(services, auction).start_price))
    assert close_at_end(services, clock, auction).status == "sold"
    filer = bidder(services)
    number = file(services, filer, lot, "execution_act", "preemptive_holder")
    docket.docket(services, c.bureau, number)
    effect = docket.rule(services, c.bureau, number, "upheld", "collusion", "恶意串通")
    assert effect == "revocation_due"
    assert stage(services, lot) == "sold"  # filed once final, approved (test_remedies_after_sale)


@pytest.mark.parametrize("outcome", ["dismissed", "not_accepted"])
def test_an_execution_act_objection_dismissed_or_not_accepted_goes_to_reconsideration(
    services, clock, outcome: str
) -> None:
    """CPL Art 236: reconsideration at the next-higher court within 10 days of service,
    which that court's bureau then holds; late, it is refused."""
    clock.set(bj("2026-09-01"))
    courts.create_court(services, "sh-gy", "上海高院", "上海")
    c, lot, auction = live_lot(services, clock)
    filer = bidder(services)
    number = file(services, filer, lot)
    if outcome == "dismissed":
        docket.docket(services, c.bureau, number)
    refused(lambda: docket.rule(services, c.bureau, number, outcome, "collusion", "x"),
            "revoke_ground_unused")  # fmt: skip
    assert docket.rule(services, c.bureau, number, outcome, None, "理由不成立") == "none"
    assert auction_of(services, auction).status == "open"
    refused(lambda: docket.reconsider(services, filer.account_id, number, "不服"),
            "no_higher_court")  # fmt: skip


def test_reconsideration_is_received_by_the_higher_court_until_the_tenth_day(
    services, clock
) -> None:
    """Ruled on Thu 2026-09-24: ten days run to Sun 10-04, a holiday, so to Thu 10-08
    (CPL Art 85); applied for at 23:59 that day it is received by the higher court."""
    clock.set(bj("2026-09-01"))
    courts.create_court(services, "sh-gy", "上海高院", "上海")
    court_id = courts.create_court(services, "sh-1zy", "上海一中院", "上海", parent="sh-gy")
    users = {role: court_user(services, court_id, role) for role in ROLES}
    c = Court(court_id, *(users[r][0] for r in ROLES))
    lot, _ = announced_lot(services, c, clock, "movable", lead_days=20)
    filer = bidder(services)
    number = file(services, filer, lot)
    docket.docket(services, c.bureau, number)
    clock.set(bj("2026-09-24"))
    docket.rule(services, c.bureau, number, "dismissed", None, "理由不成立")
    assert board_row(services, c, "objection_reconsideration").due == "2026-10-08"
    clock.set(bj("2026-10-08", 23, 59))
    higher = docket.reconsider(services, filer.account_id, number, "不服异议裁定")
    with services.db.read() as tx:
        assert tx.court(court_id).parent_id == higher  # type: ignore[union-attr]
    higher_bureau = court_user(services, higher, "enforcement")[0]
    (seen,) = views.for_court(services, higher_bureau)
    assert seen["status"] == "reconsideration"
    on_higher_board = {r.kind for r in deadline_board.board(services, higher, True)}
    assert "objection_reconsideration" in on_higher_board
    refused(lambda: docket.close(services, c.bureau, number, "复议"), "not_found")
    docket.close(services, higher_bureau, number, "复议驳回")
    assert views.mine(services, filer.account_id)[0]["status"] == "closed"


def test_reconsideration_after_the_tenth_day_is_refused_cpl_art_236(services, clock) -> None:
    c, lot, _ = live_lot(services, clock, "2026-09-01")
    filer = bidder(services)
    number = file(services, filer, lot)
    clock.set(bj("2026-09-24"))
    docket.rule(services, c.bureau, number, "not_accepted", None, "不符合受理条件")
    clock.set(bj("2026-10-09", 0, 0))
    error = refused(lambda: docket.reconsider(services, filer.account_id, number, "不服"),
                    "reconsideration_late")  # fmt: skip
    assert "CPL Art 236" in error.message_en


def test_a_docketed_third_party_objection_pauses_a_live_auction_at_once_oja_art_36(
    services, clock
) -> None:
    """Shanghai item 18 ground 6 through the back office's pause: once the director
    approves, the auction refuses bids at once; upheld, enforcement is suspended and a
    third-party ruling is challenged by a suit, not reconsideration (CPL Art 238)."""
    c, lot, auction = live_lot(services, clock)
    early = bidder(services, "竞买人")
    assert pay_deposit(services, early, auction) == "confirmed"
    clock.set(auction_of(services, auction).starts_at + timedelta(minutes=5))
    start = auction_of(services, auction).start_price
    bid(services, early, auction, yuan(start))
    claimant = bidder(services, "案外人")
    number = file(services, claimant, lot, "third_party", "property_claimant")
    refused(lambda: docket.request_pause(services, c.bureau, number, "suspended", "所有权争议"),
            "not_pausable_objection")  # fmt: skip
    docket.docket(services, c.bureau, number)
    docket.request_pause(services, c.bureau, number, "suspended", "案外人主张房屋所有权")
    pauses.approve_pause(services, c.director, lot)
    assert auction_of(services, auction).status == "suspended"
    refused(lambda: bid(services, early, auction, yuan(start + 10_000_000)), "auction_paused")
    assert docket.rule(services, c.bureau, number, "upheld", None, "所有权成立") == (
        "enforcement_suspended"
    )
    refused(lambda: docket.reconsider(services, claimant.account_id, number, "x"),
            "no_reconsideration")  # fmt: skip
    assert board_row(services, c, "objection_separate_suit").state == "open"


def test_a_third_party_objection_not_accepted_opens_the_suit_clock_cpl_art_238(
    services, clock
) -> None:
    c, lot, auction = live_lot(services, clock)
    claimant = bidder(services)
    number = file(services, claimant, lot, "third_party", "property_claimant")
    assert docket.rule(services, c.bureau, number, "not_accepted", None, "非案外人") == "none"
    assert auction_of(services, auction).status == "open"
    assert board_row(services, c, "objection_separate_suit").state == "open"
    assert board_row(services, c, "objection_docket").state == "done"  # answered by the ruling
    refused(lambda: docket.request_pause(services, c.bureau, number, "suspended", "x"),
            "not_pausable_objection")  # fmt: skip


def test_a_dismissed_third_party_objection_leaves_the_auction_running(services, clock) -> None:
    c, lot, auction = live_lot(services, clock)
    claimant = bidder(services)
    number = file(services, claimant, lot, "third_party", "property_claimant")
    docket.request_papers(services, c.bureau, number, "请补充产权证明")
    refused(lambda: docket.docket(services, c.bureau, number), "out_of_order")
    filing.supplement(
        services, claimant.account_id, number, [Paper("产权证", "application/pdf", PDF)]
    )
    docket.docket(services, c.bureau, number)
    assert docket.rule(services, c.bureau, number, "dismissed", None, "证据不足") == "none"
    assert auction_of(services, auction).status == "open"
    docket.close(services, c.bureau, number, "十五日内未起诉")
    refused(lambda: docket.rule(services, c.bureau, number, "upheld", None, "x"), "out_of_order")
    more = [Paper("补充", "application/pdf", PDF)]
    refused(lambda: filing.supplement(services, claimant.account_id, number, more),
            "objection_closed")  # fmt: skip


# --- the clocks on the deadline board, at their boundaries (CPL Art 85) -------------------


def _overdue_at(services: Services, c: Court, clock: Clock, kind: str, last_day: str) -> None:
    """Open through 23:59 of the last day, overdue from 24:00."""
    clock.set(bj(last_day, 23, 59))
    row = board_row(services, c, kind)
    assert (row.due, row.state, row.through_day_end) == (last_day, "open", True)
    clock.set(bj(last_day, 23, 59) + timedelta(minutes=1))
    assert board_row(services, c, kind).state == "overdue"
    assert board_row(services, c, kind) in deadline_board.board(services, c.id)


def test_the_docket_clock_runs_past_national_day(services, clock) -> None:
    """Filed Tue 09-29: three days end Fri 10-02, a holiday; the last day is Thu 10-08."""
    c, lot, _ = live_lot(services, clock)
    clock.set(bj("2026-09-29"))
    number = file(services, bidder(services), lot)
    _overdue_at(services, c, clock, "objection_docket", "2026-10-08")
    docket.docket(services, c.bureau, number)
    assert board_row(services, c, "objection_docket").state == "late"


def test_the_docket_clock_ends_on_an_adjusted_working_saturday(services, clock) -> None:
    """Filed on the holiday Wed 10-07: Sat 10-10 is a 调休 working day, so it is the last."""
    c, lot, _ = live_lot(services, clock)
    clock.set(bj("2026-10-07"))
    file(services, bidder(services), lot)
    _overdue_at(services, c, clock, "objection_docket", "2026-10-10")


def test_the_notice_clock_counts_from_docketing(services, clock) -> None:
    """Docketed Wed 09-30: 10-01..10-03 are holidays; the last day is Thu 10-08."""
    c, lot, _ = live_lot(services, clock)
    number = file(services, bidder(services), lot)
    clock.set(bj("2026-09-30"))
    docket.docket(services, c.bureau, number)
    assert board_row(services, c, "objection_docket").state == "late"
    _overdue_at(services, c, clock, "objection_notice", "2026-10-08")
    refused(lambda: docket.notify(services, c.bureau, number, "异议人", "waived"),
            "invalid_notice")  # fmt: skip
    docket.notify(services, c.bureau, number, "异议人、申请执行人、被执行人", "published")
    assert board_row(services, c, "objection_notice").state == "late"
    (seen,) = views.for_court(services, c.bureau)
    assert [s["step"] for s in seen["steps"]] == ["filed", "docket", "notify"]


def test_the_completion_clock_ends_on_an_adjusted_working_sunday(services, clock) -> None:
    """Asked Thu 09-17: Sun 09-20 is a 调休 working day, so it is the third day."""
    c, lot, _ = live_lot(services, clock)
    clock.set(bj("2026-09-17"))
    number = file(services, bidder(services), lot)
    docket.request_papers(services, c.bureau, number, "请补充身份证明")
    rows = {r.kind for r in deadline_board.board(services, c.id)}
    assert "objection_docket" not in rows  # it waits for the papers
    _overdue_at(services, c, clock, "objection_completion", "2026-09-20")


def test_the_ruling_clock_counts_fifteen_days_from_filing(services, clock) -> None:
    """Filed Thu 09-17: fifteen days end Fri 10-02, a holiday; the last day is 10-08."""
    c, lot, _ = live_lot(services, clock)
    clock.set(bj("2026-09-17"))
    number = file(services, bidder(services), lot)
    docket.docket(services, c.bureau, number)
    _overdue_at(services, c, clock, "objection_ruling", "2026-10-08")
    docket.rule(services, c.bureau, number, "dismissed", None, "理由不成立")
    assert board_row(services, c, "objection_ruling").state == "late"


def test_the_separate_suit_clock_counts_fifteen_days_from_service(services, clock) -> None:
    """Ruled Sun 09-20 (a 调休 working day): fifteen days end Mon 10-05, a holiday; the
    last day is Thu 10-08 (CPL Art 238)."""
    c, lot, _ = live_lot(services, clock)
    number = file(services, bidder(services), lot, "third_party", "property_claimant")
    docket.docket(services, c.bureau, number)
    clock.set(bj("2026-09-20"))
    docket.rule(services, c.bureau, number, "dismissed", None, "证据不足")
    _overdue_at(services, c, clock, "objection_separate_suit", "2026-10-08")


# --- complaints about the platform's service ----------------------------------------------


def test_a_complaint_reaches_the_office_and_the_supervisor_with_the_courts_deadline(
    services, clock
) -> None:
    c, _, auction = live_lot(services, clock)
    number = complaints.file_complaint(
        services, "sh-1zy", auction, "页面无法打开", "竞价页面多次无法打开。", "13900000000"
    )
    for who in (c.office, c.supervisor):
        (seen,) = complaints.listed(services, who)
        assert (seen["id"], seen["contact"]) == (number, "13900000000")
    refused(lambda: complaints.listed(services, c.bureau), "role_not_allowed")
    refused(lambda: complaints.set_deadline(services, c.supervisor, number, today(clock)),
            "role_not_allowed")  # fmt: skip
    refused(
        lambda: complaints.set_deadline(services, c.office, number, date(2030, 1, 1)),
        "invalid_respond_by",
    )
    due = today(clock) + timedelta(days=5)
    complaints.set_deadline(services, c.office, number, due)
    row = board_row(services, c, "complaint_response")
    assert (row.due, row.state) == (due.isoformat(), "open")
    clock.set(on(due + timedelta(days=1)))
    assert board_row(services, c, "complaint_response").state == "overdue"
    complaints.answer(services, c.office, number, "已联系平台修复。")
    assert board_row(services, c, "complaint_response").state == "late"
    refused(lambda: complaints.answer(services, c.office, number, "再答"), "already_answered")
    refused(
        lambda: complaints.file_complaint(services, "nowhere", None, "x", "y", None), "not_found"
    )


# --- documents -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "standing", "outcome", "ground", "says_zh", "says_en"),
    [
        ("execution_act", "party", "upheld", "collusion", "撤销对", "is revoked (OBJ Art 21"),
        ("execution_act", "party", "dismissed", None, "驳回异议人的异议请求", "dismissed"),
        ("execution_act", "party", "not_accepted", None, "不予受理", "not accepted"),
        ("third_party", "property_claimant", "upheld", None, "中止对", "suspended (CPL Art 238)"),
    ],
)
def test_the_notice_of_docketing_and_the_ruling_are_documents_in_zh_and_en(
    services, clock, kind: str, standing: str, outcome: str, ground: str | None,
    says_zh: str, says_en: str,
) -> None:  # fmt: skip
    """OBJ Art 2: the objector and the parties are notified; the ruling states the remedy
    (CPL Art 236: reconsideration within 10 days; Art 238: a suit within 15 days)."""
    c, lot, _ = live_lot(services, clock)
    filer = bidder(services, "王异议")
    number = file(services, filer, lot, kind, standing)
    notice = lambda: remedy_documents.for_court(  # noqa: E731
        services, c.office, number, "notice", "html", "zh", "debtor", "enforcement"
    )
    refused(notice, "document_not_ready")
    if outcome != "not_accepted":
        docket.docket(services, c.bureau, number)
        refused(
            lambda: remedy_documents.for_court(services, c.office, number, "notice", "html", "zh"),
            "purpose_required",
        )
        html, name = notice()
        assert "执行异议受理通知书" in html.decode()
        assert "张三" in html.decode()
        assert name.endswith("（张三）.html")
    docket.rule(services, c.bureau, number, outcome, ground, "经审查")
    zh, _ = remedy_documents.for_filer(services, filer.account_id, number, "ruling", "html", "zh")
    en, _ = remedy_documents.for_filer(services, filer.account_id, number, "ruling", "html", "en")
    assert says_zh in zh.decode()
    assert says_en in en.decode()
    remedy = "十日内" if kind == "execution_act" else "十五日内"
    assert remedy in zh.decode()
    assert "王异议" in zh.decode()
    pdf, name = remedy_documents.for_court(
        services, c.bureau, number, "ruling", "pdf", "zh", purpose="enforcement"
    )
    assert pdf.startswith(b"%PDF")
    assert name.endswith("执行裁定书（执行异议）.pdf")
    refused(
        lambda: remedy_documents.for_filer(
            services, bidder(services).account_id, number, "ruling", "pdf", "zh"
        ),
        "not_found",
    )
