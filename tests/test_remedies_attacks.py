"""Issue 18 attacked as an outsider would (docs/remedies.md, "Attack review"): a stranger
filing on a lot nobody announced, papers of the wrong type or size or with path signs in
their names, an objector reaching another's objection, court roles looking for a
bidder's identity on the objection pages, and the after-sale revocation racing a payout
or approved twice. Each finding's test failed before its fix."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from case_support import a_court, announced_lot, drafted_lot, pay_balance, refused, stage
from fapai.app.cases import sale_revocation, settlement
from fapai.app.errors import AppError
from fapai.app.remedies import docket, views
from fapai.app.remedies import documents as remedy_documents
from fapai.app.remedies.filing import Paper
from fapai.domain.ledger import postings as P
from support import assert_error, auth, bidder, pay_deposit
from test_api_cases import API, COURT, as_
from test_remedies_flows import PDF, file, live_lot
from test_sale_revocation import FIRST, allocate, balance, cashier, sent_back, sold
from test_security_web import _throttled, limited  # noqa: F401 (the fixture)


def test_nobody_files_on_a_lot_whose_auction_was_never_announced(services, clock) -> None:
    """Finding: any account could file on any lot id, and its desk then showed the title
    of a lot the court had not made public. Before its announcement there is no auction
    to object to online: the answer is the one a lot that does not exist gets."""
    c = a_court(services)
    hidden, _ = drafted_lot(services, c, clock, "movable")
    stranger = bidder(services, "旁人")
    refused(lambda: file(services, stranger, hidden), "not_found")
    refused(lambda: file(services, stranger, 2**31 - 1), "not_found")
    assert views.mine(services, stranger.account_id) == []
    assert views.for_court(services, c.bureau) == []


def test_a_paper_is_saved_under_its_checked_type_never_its_caption(services, clock, http) -> None:
    """Finding: the court's desk saved a paper under the filer's caption, so a picture
    captioned "../证据.html" reached the clerk's disk as a web page. The server now names
    it by the objection, the paper and the type its first bytes were checked against,
    as an attachment the browser does not open under the court's origin."""
    c = a_court(services)
    lot, _ = announced_lot(services, c, clock, "movable")
    filer = bidder(services, "王异议")
    number = file(services, filer, lot, papers=[Paper("../../证据.html", "application/pdf", PDF)])
    (seen,) = views.for_court(services, c.bureau)
    assert seen["papers"][0]["title"] == "../../证据.html"  # a caption, kept as filed
    paper = seen["papers"][0]["id"]
    served = http.get(f"{COURT}/objections/{number}/papers/{paper}", headers=as_(c, "enforcement"))
    assert served.content == PDF
    name = f"objection-{number}-paper-{paper}.pdf"
    assert served.headers["content-disposition"] == f'attachment; filename="{name}"'
    assert served.headers["content-security-policy"] == "sandbox"
    assert served.headers["x-content-type-options"] == "nosniff"


def test_papers_over_http_are_checked_by_their_bytes_and_size(services, clock, http) -> None:
    c = a_court(services)
    lot, _ = announced_lot(services, c, clock, "movable")
    filer = bidder(services)
    number = file(services, filer, lot)
    papers = f"{API}/objections/{number}/papers"
    as_pdf = auth(filer) | {"Content-Type": "application/pdf"}
    big = b"%PDF-" + b"0" * (10 * 1024 * 1024)
    assert_error(http.post(papers, params={"title": "大"}, content=big, headers=as_pdf),
                 422, "file_too_large")  # fmt: skip
    png_as_pdf = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
    assert_error(http.post(papers, params={"title": "图"}, content=png_as_pdf, headers=as_pdf),
                 422, "type_mismatch")  # fmt: skip
    huge = b"%PDF-" + b"0" * (20 * 1024 * 1024)
    assert_error(http.post(papers, params={"title": "巨"}, content=huge, headers=as_pdf),
                 413, "body_too_large")  # fmt: skip
    as_exe = auth(filer) | {"Content-Type": "application/x-msdownload"}
    assert_error(http.post(papers, params={"title": "x"}, content=b"MZ", headers=as_exe),
                 422, "unsupported_type")  # fmt: skip
    (mine,) = views.mine(services, filer.account_id)
    assert len(mine["papers"]) == 1  # only the one filed with it


def test_an_objector_reaches_no_other_objectors_objection(services, clock, http) -> None:
    c, lot, _ = live_lot(services, clock)
    owner, other = bidder(services, "甲"), bidder(services, "乙")
    number = file(services, owner, lot)
    docket.docket(services, c.bureau, number)
    docket.rule(services, c.bureau, number, "dismissed", None, "理由不成立")
    for url in (f"{API}/objections/{number}/documents/ruling",
                f"{API}/objections/{number}/documents/notice?format=html"):  # fmt: skip
        assert_error(http.get(url, headers=auth(other)), 404, "not_found")
    assert_error(
        http.post(f"{API}/objections/{number}/reconsideration", json={"grounds": "不服"},
                  headers=auth(other)),
        404, "not_found",
    )  # fmt: skip
    assert_error(
        http.post(f"{API}/objections/{number}/papers", params={"title": "补充"}, content=PDF,
                  headers=auth(other) | {"Content-Type": "application/pdf"}),
        404, "not_found",
    )  # fmt: skip
    refused(
        lambda: remedy_documents.for_filer(services, other.account_id, number, "ruling", "html",
                                           "zh"),
        "not_found",
    )  # fmt: skip
    assert http.get(f"{API}/objections", headers=auth(other)).json() == {"objections": []}
    # the papers are the court's to read: the objector's desk has no way to them
    assert http.get(f"{COURT}/objections/{number}/papers/1", headers=auth(owner)).status_code in (
        401, 403,
    )  # fmt: skip


def test_the_court_learns_no_bidders_identity_from_an_objection_before_the_close(
    services, clock
) -> None:
    """A registered bidder objects during the live auction: the court reads the name the
    objection is made in (as on paper, logged) and nothing that ties it to a
    registration: no account, no bidder code, no phone or identity number."""
    c, lot, auction = live_lot(services, clock)
    who = bidder(services, "竞买人丙")
    assert pay_deposit(services, who, auction) == "confirmed"
    with services.db.read() as tx:
        registration = tx.registration(auction, who.account_id)
    assert registration is not None
    number = file(services, who, lot, standing="excluded_bidder")
    seen = json.dumps(
        [views.for_court(services, c.bureau), views.one_for_court(services, c.director, number)],
        ensure_ascii=False,
    )
    for secret in (who.phone, who.id_number, registration.code, f"account:{who.account_id}"):
        assert secret not in seen
    assert '"account_id"' not in seen


def test_a_revocation_racing_a_payout_never_pays_the_same_money_twice(services, clock) -> None:
    """The director approves the revocation while a cashier pays the creditor out: one of
    them waits for the other on the auction's lock and is refused; the buyer and the
    creditor together never receive more than the price."""
    s = sold(services, clock)
    pay_balance(s.services, s.buyer, s.auction)
    allocate(s)
    payer = cashier(s)
    settlement.pay_out(s.services, payer, s.auction, "fees")
    sale_revocation.request(
        s.services, s.court.bureau, s.lot, "collusion", "异议成立", "（2026）沪01执异5号"
    )
    barrier = threading.Barrier(2)

    def approve() -> str:
        barrier.wait()
        try:
            sale_revocation.approve(s.services, s.court.director, s.lot)
            return "revoked"
        except AppError as error:
            return error.code

    def pay() -> str:
        barrier.wait()
        try:
            settlement.pay_out(s.services, payer, s.auction, "creditor")
            return "paid"
        except AppError as error:
            return error.code

    with ThreadPoolExecutor(2) as pool:
        futures = [pool.submit(approve), pool.submit(pay)]
        answers = [f.result() for f in futures]
    assert sorted(answers) in (
        ["nothing_payable", "revoked"],
        ["paid", "payout_in_progress"],
        ["paid", "revoked"],
    ), answers
    to_buyer = sum(amount for amount, _ in sent_back(s))
    to_payees = sum(
        amount for key, (amount, memo, _) in s.bank.executed.items() if memo.startswith("payout")
    )
    assert to_buyer + to_payees <= FIRST  # never more than the price
    assert balance(s, P.bank(s.court.id)) >= 0
    if "revoked" in answers:
        assert stage(s.services, s.lot) == "sale_revoked"


@pytest.mark.parametrize("twice", ["approve", "rule"])
def test_the_court_revokes_once_however_often_it_clicks(services, clock, twice: str) -> None:
    s = sold(services, clock)
    number = file(s.services, bidder(s.services, "异议人"), s.lot)
    docket.docket(s.services, s.court.bureau, number)
    assert docket.rule(s.services, s.court.bureau, number, "upheld", "collusion", "串通") == (
        "revocation_due"
    )
    clock.set(clock() + timedelta(days=20))  # the ruling is final
    docket.file_revocation(s.services, s.court.bureau, number)
    if twice == "rule":
        refused(
            lambda: docket.rule(s.services, s.court.bureau, number, "upheld", "collusion", "再"),
            "out_of_order",
        )
    sale_revocation.approve(s.services, s.court.director, s.lot)
    refused(lambda: sale_revocation.approve(s.services, s.court.director, s.lot),
            "already_revoked")  # fmt: skip
    assert len(sent_back(s)) == 1  # the deposit's refund, sent once


@pytest.mark.parametrize("limited", [{"registrations_per_account": 2}], indirect=True)
def test_an_account_filing_at_a_scripts_pace_is_throttled(services, clock, limited) -> None:  # noqa: F811
    """Finding: filing and adding papers had no rate limit, unlike every other write of
    an account, so a script could fill a court's docket (and its deadline board) with
    objections by the thousand. They now share the registrations' per-account budget."""
    _, client = limited
    c = a_court(services)
    lot, _ = announced_lot(services, c, clock, "movable")
    filer = bidder(services)
    body = {"lot_id": lot, "kind": "execution_act", "standing": "party", "filer": "某",
            "grounds": "公告期不足"}  # fmt: skip
    assert client.post(f"{API}/objections", json=body, headers=auth(filer)).status_code == 201
    assert client.post(f"{API}/objections", json=body, headers=auth(filer)).status_code == 201
    _throttled(client.post(f"{API}/objections", json=body, headers=auth(filer)))
    assert len(views.mine(services, filer.account_id)) == 2


def test_every_read_of_a_filed_paper_is_on_the_personal_data_read_log(services, clock) -> None:
    """Finding: the objector's name was logged when the court read it, its papers (an
    identity card, a lease) were not. Each read of a paper is now logged, purpose
    enforcement, as the name's is."""
    c, lot, _ = live_lot(services, clock)
    number = file(services, bidder(services, "王异议"), lot)
    (seen,) = views.for_court(services, c.bureau)
    paper = seen["papers"][0]["id"]
    views.paper_for_court(services, c.director, number, paper)
    with services.db.read() as tx:
        logged = [r for r in tx.personal_reads(c.id, 0, 50) if r.record == f"objection:{number}"]
    assert [(r.fields, r.purpose) for r in logged] == [
        ("filer", "enforcement"), (f"paper:{paper}", "enforcement"),
    ]  # fmt: skip


def test_papers_never_completed_are_answered_by_not_accepting_after_three_days(
    services, clock
) -> None:
    """Finding: once the court asked for papers an objection waited for them forever: no
    ruling was allowed, the file could not close, and the completion clock stayed overdue
    on the board. OBJ Art 2: not completed in time, the objection is not accepted — from
    24:00 of the third day (here the 调休 Sunday 09-20), not before, and only so."""
    from test_remedies_flows import bj, board_row

    c, lot, _ = live_lot(services, clock)
    clock.set(bj("2026-09-17"))
    number = file(services, bidder(services), lot)
    docket.request_papers(services, c.bureau, number, "请补充身份证明")
    clock.set(bj("2026-09-20", 23, 59))
    refused(lambda: docket.rule(services, c.bureau, number, "not_accepted", None, "逾期未补正"),
            "out_of_order")  # fmt: skip
    clock.set(bj("2026-09-21", 0, 0))
    refused(lambda: docket.rule(services, c.bureau, number, "dismissed", None, "x"),
            "out_of_order")  # fmt: skip
    assert docket.rule(services, c.bureau, number, "not_accepted", None, "逾期未补正") == "none"
    assert board_row(services, c, "objection_completion").state == "late"  # no more alert
    assert board_row(services, c, "objection_reconsideration").state == "open"
    docket.close(services, c.bureau, number, "期满未申请复议")


@pytest.mark.parametrize("outcome", ["pending", "upheld", "dismissed"])
def test_a_third_partys_claim_holds_the_delivery_of_a_sold_lot_cpl_art_238(
    services, clock, outcome: str
) -> None:
    """Finding: a third party's claim to a property already sold could not pause anything
    (no auction runs), and the office could hand the property to the buyer while the
    court reviewed the claim, or after it upheld it. The delivery now waits."""
    from case_support import today
    from fapai.app.cases import after_sale
    from test_case_flows import sold_lot

    c = a_court(services)
    lot, auction, buyer = sold_lot(services, c, clock)
    pay_balance(services, buyer, auction)
    after_sale.send_confirmation(services, c.office, lot)
    after_sale.rule_sale(services, c.bureau, lot, "（2026）沪01执123号之一", today(clock))
    after_sale.issue_title_notice(services, c.bureau, lot, "不动产登记中心", today(clock))
    number = file(services, bidder(services, "案外人"), lot, "third_party", "property_claimant")
    docket.docket(services, c.bureau, number)
    if outcome != "pending":
        docket.rule(services, c.bureau, number, outcome, None, "审查")
    deliver = lambda: after_sale.deliver(services, c.office, lot, today(clock))  # noqa: E731
    if outcome == "dismissed":
        deliver()
        assert stage(services, lot) == "delivered"
        return
    error = refused(deliver, "third_party_claim")
    assert "CPL Art 238" in error.message_en
    assert stage(services, lot) == "title_notice"
    if outcome == "upheld":  # the creditor's suit won (CPL Art 238): the file closes
        docket.close(services, c.bureau, number, "申请执行人提起许可执行之诉并胜诉")
        deliver()
        assert stage(services, lot) == "delivered"
