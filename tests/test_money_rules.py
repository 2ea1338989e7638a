"""Fund security, part two (issue 13): regressions for each finding, over HTTP where the
finding was, on SQLite and PostgreSQL; the conftest runs `fapai ledger check`'s checks
after each test.

A default forfeits only what the buyer paid (OJA Arts 17, 24); a 变卖 default keeps an
amount equal to the deposit; the forfeiture waits for the re-auction (Art 24); money
the bank moved is never reversed, a reversal needs a second approver and happens once;
fees are bounded (FEE Art 14, seed 003 Art 18), payouts name their payee and are made
by a second office user; the statement import is idempotent and validated.
"""

from __future__ import annotations

import csv
import io
import threading
from datetime import timedelta

import pytest

import support
from fapai import bootstrap
from fapai.app.accounts import courts, principals
from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.auctions import bidding, registration, setup
from fapai.app.auctions.closing import close_due
from fapai.app.cases import corrections
from fapai.app.errors import AppError
from fapai.app.ledger import checks, flows, sending
from fapai.app.services import Services
from fapai.config import Settings
from fapai.domain.ledger import postings as P
from fapai.domain.money import parse_yuan
from support import T0

YUAN = 100
JSON = dict[str, object]


def user(services: Services, court_id: int, login: str, role: str) -> tuple[CourtPrincipal, dict]:
    token = courts.create_court_user(services, court_id, login, role)
    who = principals.authenticate(services, token)
    assert isinstance(who, CourtPrincipal)
    return who, support.auth(token)


class Court:
    """A court with two office users (allocation and payout are four-eyes), the bureau,
    the director and a supervisor, each with an HTTP header."""

    def __init__(self, services: Services, code: str = "sh-1zy") -> None:
        self.office = support.office(services, code)
        self.id = self.office.court_id
        _, self.clerk = user(services, self.id, f"{code}-clerk", "auction_office")
        self.cashier_user, self.cashier = user(
            services, self.id, f"{code}-cashier", "auction_office"
        )
        _, self.bureau = user(services, self.id, f"{code}-bureau", "enforcement")
        _, self.director = user(services, self.id, f"{code}-director", "director")
        _, self.supervisor = user(services, self.id, f"{code}-supervisor", "supervisor")

    def books(self, http) -> dict[str, str]:
        return http.get("/api/v1/court/ledger/balances", headers=self.supervisor).json()["balances"]


def buy(services, clock, http, c: Court, start: str, deposit: str, claim: str | None = None):
    """One auction; a stranger pays a deposit and does not bid; ``buyer`` (an enforcement
    applicant with ``claim`` when given) registers, pays what it owes, and buys at the
    start price. Returns (auction, buyer, stranger)."""
    auction_id = support.auction(
        services, c.office, start=start, increment="1000.00", deposit=deposit
    )
    buyer, stranger = support.bidder(services, "买受人"), support.bidder(services, "竞买人")
    if claim is not None:
        declared = http.post(
            f"/api/v1/court/auctions/{auction_id}/applicant",
            json={"id_number": buyer.id_number, "claim": claim},
            headers=c.bureau,
        )
        assert declared.status_code == 204, declared.text
    registration.register(services, buyer.account_id, auction_id, True)
    with services.db.read() as tx:
        owed = tx.registration(auction_id, buyer.account_id).deposit_required
    if owed:
        assert support.pay_deposit(services, buyer, auction_id) == "confirmed"
    assert support.pay_deposit(services, stranger, auction_id) == "confirmed"
    clock.set(T0 + timedelta(hours=1))
    bidding.place_bid(services, buyer.account_id, auction_id, start, "k")
    clock.set(T0 + timedelta(days=1))
    assert close_due(services) == [auction_id]
    return auction_id, buyer, stranger


def default(services, clock, http, c: Court, auction_id: int) -> None:
    clock.set(T0 + timedelta(days=14))  # the balance is overdue (10 days, CPL Art 85)
    flows.raise_alerts(services)
    reply = http.post(f"/api/v1/court/auctions/{auction_id}/default", headers=c.bureau)
    assert reply.status_code == 204, reply.text


def reauction_closed(services, clock, c: Court, auction_id: int) -> int:
    """The lot auctioned again on the same terms, and nobody bought it."""
    with services.db.read() as tx:
        old = tx.auction(auction_id)
    starts = clock() + timedelta(days=1)
    again = setup.create_auction(
        services, c.office, old.lot_id, old.round, old.start_price, old.increment, old.deposit,
        starts, starts + timedelta(days=1),
    )  # fmt: skip
    clock.set(starts + timedelta(days=1))
    assert close_due(services) == [again]
    return again


def pay_balance(services, http, buyer, auction_id: int) -> None:
    order = http.post(f"/api/v1/auctions/{auction_id}/balance", headers=support.auth(buyer)).json()
    paid = http.post(
        order["instructions"]["pay_url"], json={"payer_name": buyer.name, "amount": order["amount"]}
    )
    assert paid.json()["status"] == "confirmed", paid.text


# -- 1. a defaulting applicant forfeits only what it paid ---------------------------------------


@pytest.mark.parametrize(("claim", "paid"), [("100000.00", 0), ("30000.00", 70_000 * YUAN)])
def test_a_defaulting_applicant_forfeits_only_what_it_paid(
    services, server, clock, http, claim: str, paid: int
) -> None:
    """OJA Arts 17, 24: an applicant whose claim covered the deposit (``exempt``) paid
    nothing, so its default forfeits nothing; one that paid 70,000 of a 100,000 deposit
    forfeits the 70,000. The court account never pays out another bidder's refund."""
    c = Court(services)
    auction_id, _buyer, _ = buy(services, clock, http, c, "1000000.00", "100000.00", claim)
    default(services, clock, http, c, auction_id)
    books = c.books(http)
    assert books[f"bank:{c.id}"] == f"{(100_000 * YUAN + paid) / 100:.2f}"
    assert books.get(f"forfeit:{auction_id}", "0.00") == f"{-paid / 100:.2f}"
    assert books.get(f"proceeds:{auction_id}", "0.00") == "0.00"
    reauction_closed(services, clock, c, auction_id)
    applied = http.post(
        f"/api/v1/court/auctions/{auction_id}/forfeiture",
        json={"costs": "0", "shortfall": "0", "debtor_debt": "0"},
        headers=c.bureau,
    )
    if not paid:
        support.assert_error(applied, 409, "nothing_forfeited")
        return
    assert applied.status_code == 204, applied.text
    named = http.put(
        f"/api/v1/court/auctions/{auction_id}/payees/other",
        json={"name": "被执行人的其他债权人", "bank_account": "6222 1"},
        headers=c.clerk,
    )
    assert named.status_code == 204, named.text
    out = http.post(f"/api/v1/court/auctions/{auction_id}/payouts/other", headers=c.cashier)
    assert out.json() == {"kind": "other", "amount": "70000.00"}
    flows.send_due_refunds(services)
    assert c.books(http)[f"bank:{c.id}"] == "0.00"  # the stranger's deposit went back


def test_a_sale_at_a_price_default_keeps_an_amount_equal_to_the_deposit(services, clock) -> None:
    """变卖 (the 2017 SPC notice): bidders prepay the whole price, and a defaulting buyer
    loses an amount equal to the deposit (the terms' own special warning), not the whole
    prepayment: the rest is owed back within 24 hours (OJA Art 23)."""
    from case_support import a_court, auction_of, bid, close_at_end, next_round, on, today
    from fapai.app.cases import settlement
    from test_case_flows import failed_twice, yuan

    c = a_court(services)
    lot, _, second = failed_twice(services, c, clock)
    price = auction_of(services, second).start_price
    kept = auction_of(services, second).deposit
    sale = next_round(
        services, c, clock, lot, price, on(today(clock) + timedelta(days=15)), deposit=price,
        hours=24 * 60,
    )  # fmt: skip
    early, late = support.bidder(services, "先出价人"), support.bidder(services, "加价人")
    assert support.pay_deposit(services, early, sale) == "confirmed"
    assert support.pay_deposit(services, late, sale) == "confirmed"
    clock.set(auction_of(services, sale).starts_at + timedelta(days=1))
    assert bid(services, early, sale, yuan(price)).bid.reason is None
    assert bid(services, late, sale, yuan(price + price // 100)).bid.reason is None
    close_at_end(services, clock, sale)
    flows.send_due_refunds(services)  # the early bidder's prepayment
    clock.set(clock() + timedelta(days=20))
    settlement.record_default(services, c.bureau, sale)
    with services.db.read() as tx:
        reg = tx.registration(sale, late.account_id)
        books = tx.balances(c.id)
    assert books[P.forfeit(sale)] == -kept
    assert books[P.refund(f"registration:{reg.id}")] == -(price - kept)
    assert flows.send_due_refunds(services) == 1
    with services.db.read() as tx:
        assert tx.balance(P.bank(c.id)) == kept


# -- 7. the forfeiture waits for the re-auction -------------------------------------------------


def test_the_forfeiture_is_applied_only_once_the_re_auction_has_closed(
    services, server, clock, http
) -> None:
    """OJA Art 24: the forfeited deposit first pays the re-auction's costs and the price
    shortfall, so it is not applied (nor paid out) before the re-auction has closed."""
    c = Court(services)
    auction_id, _, _ = buy(services, clock, http, c, "100000.00", "10000.00")
    default(services, clock, http, c, auction_id)
    body = {"costs": "100.00", "shortfall": "0", "debtor_debt": "0"}
    url = f"/api/v1/court/auctions/{auction_id}/forfeiture"
    early = support.assert_error(
        http.post(url, json=body, headers=c.bureau), 409, "reauction_not_closed"
    )
    assert "Art 24" in early["error"]["message_en"]
    assert "第二十四条" in early["error"]["message"]
    reauction_closed(services, clock, c, auction_id)
    assert http.post(url, json=body, headers=c.bureau).status_code == 204
    assert c.books(http)[f"payable:costs:{auction_id}"] == "-100.00"
    assert c.books(http)[f"payable:other:{auction_id}"] == "-9900.00"


# -- 4. corrections ------------------------------------------------------------------------------


def sold_and_paid(
    services, clock, http, c: Court, start: str = "100000.00", deposit: str = "10000.00"
):
    auction_id, buyer, _ = buy(services, clock, http, c, start, deposit)
    assert flows.send_due_refunds(services) == 1
    pay_balance(services, http, buyer, auction_id)
    return auction_id


ONE_CREDITOR = {"name": "上海某银行", "bank_account": "3100 0001", "claim": "10000000.00"}


def test_money_the_bank_moved_is_never_reversed_and_a_return_is_its_own_entry(
    services, server, clock, http
) -> None:
    """A payout or refund the bank executed is not undone by a reversal (a second real
    transfer would follow); the bank returning it (退票) is an entry with the bank's
    reference, once, and a returned refund is due again."""
    c = Court(services)
    auction_id = sold_and_paid(services, clock, http, c)
    allocated = http.post(
        f"/api/v1/court/auctions/{auction_id}/allocation",
        json={"fees": "0", "creditors": [ONE_CREDITOR]},
        headers=c.clerk,
    )
    assert allocated.status_code == 204, allocated.text
    paid = http.post(f"/api/v1/court/auctions/{auction_id}/payouts/creditor", headers=c.cashier)
    assert paid.json()["amount"] == "100000.00"
    with services.db.read() as tx:
        moves = {line.kind: line.transaction_id for line in tx.bank_transactions(c.id)}
    for kind in ("payout.sent", "refund.sent", "deposit.received"):
        support.assert_error(
            http.post(f"/api/v1/court/ledger/transactions/{moves[kind]}/reversal",
                      json={"reason": "wrong"}, headers=c.clerk),
            409, "bank_executed",
        )  # fmt: skip
    url = f"/api/v1/court/ledger/transactions/{moves['payout.sent']}/bank-return"
    refund_url = f"/api/v1/court/ledger/transactions/{moves['refund.sent']}/bank-return"
    support.assert_error(  # typed by hand, not on the bank's statement: a thief's refund
        http.post(url, json={"bank_ref": "RET-1"}, headers=c.clerk), 409, "not_on_statement"
    )
    with services.db.read() as tx:  # the refund went back along the stranger's deposit
        refunded = next(
            p.account for p in tx.transaction(moves["refund.sent"])[2]
            if p.account.startswith("refund:")
        )  # fmt: skip
        deposit_ref = sending.incoming_ref(tx, c.id, auction_id, refunded)
    statement = "booked_on,amount,bank_ref,counterparty\n" + "\n".join(
        f"{day},{amount},{ref},{who}"
        for day, amount, ref, who in (
            ("2026-12-01", "10000.00", deposit_ref, "竞买人"),  # the deposit, as it came
            ("2026-12-02", "100000.00", "RET-1", "上海某银行"),  # the creditor's payout back
            ("2026-12-02", "9999.00", "RET-3", "x"),
            ("2026-12-02", "10000.00", "RET-4", "竞买人"),  # the stranger's refund back
        )
    )
    imported = http.post(  # by the cashier: who imports a line does not book on it
        "/api/v1/court/ledger/bank-statement", content=statement.encode(),
        headers={**c.cashier, "Content-Type": "text/csv"},
    )  # fmt: skip
    assert imported.status_code == 200, imported.text
    support.assert_error(  # the statement's line for another amount
        http.post(refund_url, json={"bank_ref": "RET-3"}, headers=c.clerk), 409, "not_on_statement"
    )
    returned = http.post(url, json={"bank_ref": "RET-1"}, headers=c.clerk)
    assert returned.status_code == 201, returned.text
    assert c.books(http)[f"payable:creditor:{auction_id}"] == "-100000.00"
    support.assert_error(
        http.post(url, json={"bank_ref": "RET-2"}, headers=c.clerk), 409, "already_reversed"
    )
    assert http.post(refund_url, json={"bank_ref": "RET-4"}, headers=c.clerk).status_code == 201
    board = http.get("/api/v1/court/ledger/deadlines", headers=c.clerk).json()["dues"]
    assert [(d["kind"], d["amount"]) for d in board] == [("refund", "10000.00")]
    assert flows.send_due_refunds(services) == 1  # sent again
    again = http.post(f"/api/v1/court/auctions/{auction_id}/payouts/creditor", headers=c.cashier)
    assert again.json()["amount"] == "100000.00"
    assert c.books(http)[f"bank:{c.id}"] == "0.00"


def test_a_reversal_needs_a_second_approver_and_happens_once(services, server, clock, http) -> None:
    """四眼原则: one office user asks with the reason, another approves; approving twice,
    or one's own request, is refused."""
    c = Court(services)
    auction_id = sold_and_paid(services, clock, http, c)
    http.post(
        f"/api/v1/court/auctions/{auction_id}/allocation",
        json={"fees": "0", "creditors": [ONE_CREDITOR]},
        headers=c.clerk,
    )
    with services.db.read() as tx:
        wrong = max(line.transaction_id for line in tx.lines(f"proceeds:{auction_id}"))
    url = f"/api/v1/court/ledger/transactions/{wrong}/reversal"
    support.assert_error(
        http.post(f"{url}/approval", headers=c.cashier), 409, "no_reversal_request"
    )
    asked = http.post(url, json={"reason": "债权人账户有误"}, headers=c.clerk)
    assert asked.status_code == 202, asked.text
    assert c.books(http)[f"payable:creditor:{auction_id}"] == "-100000.00"  # nothing yet
    support.assert_error(http.post(f"{url}/approval", headers=c.clerk), 403, "four_eyes")
    support.assert_error(
        http.post(f"{url}/approval", headers=c.supervisor), 403, "role_not_allowed"
    )
    approved = http.post(f"{url}/approval", headers=c.cashier)
    assert approved.status_code == 201, approved.text
    assert c.books(http)[f"proceeds:{auction_id}"] == "-100000.00"
    support.assert_error(http.post(f"{url}/approval", headers=c.cashier), 409, "already_reversed")
    support.assert_error(
        http.post(url, json={"reason": "again"}, headers=c.clerk), 409, "already_reversed"
    )


def test_concurrent_approvals_post_one_reversal(services, clock, database_url, tmp_path) -> None:
    """A reversal happens at most once by the database's unique constraint: approvals
    racing from separate connection pools (as separate processes would) post one."""
    if not database_url.startswith("postgresql"):
        pytest.skip("concurrent writers race on PostgreSQL; SQLite has a single writer")
    from fapai.app.cases import settlement

    c = Court(services)
    clerk, _ = user(services, c.id, "racer-clerk", "auction_office")
    sale_id = support.auction(services, c.office)
    buyer = support.bidder(services, "买受人")
    assert support.pay_deposit(services, buyer, sale_id) == "confirmed"
    clock.set(T0 + timedelta(hours=1))
    bidding.place_bid(services, buyer.account_id, sale_id, "100000.00", "k")
    clock.set(T0 + timedelta(days=1))
    close_due(services)
    order = registration.request_balance(services, buyer.account_id, sale_id)
    body, signature = services.gateway.notice(  # type: ignore[attr-defined]
        order.order_ref, parse_yuan(order.amount), buyer.name, "BAL-1"
    )
    registration.accept_bank_notice(services, body, signature)
    plan = settlement.Allocation(
        0, None, [settlement.Creditor(settlement.PayeeAccount("甲", "1"), 10**9)], None
    )
    settlement.allocate_proceeds(services, clerk, sale_id, plan)
    with services.db.read() as tx:
        wrong = max(line.transaction_id for line in tx.lines(f"proceeds:{sale_id}"))
    corrections.request_reversal(services, clerk, wrong, "racing")
    approvers = [user(services, c.id, f"approver-{n}", "auction_office")[0] for n in range(8)]
    pools = [
        bootstrap.build(Settings(database_url, b"k" * 32, tmp_path), clock=clock) for _ in approvers
    ]
    outcomes: list[str] = []
    start = threading.Barrier(len(approvers))

    def approve(pool: Services, who: CourtPrincipal) -> None:
        start.wait()
        try:
            corrections.approve_reversal(pool, who, wrong)
            outcomes.append("posted")
        except AppError as error:
            outcomes.append(error.code)

    threads = [
        threading.Thread(target=approve, args=(pool, who))
        for (pool, _), who in zip(pools, approvers, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for _, database in pools:
        database.dispose()
    assert sorted(outcomes) == ["already_reversed"] * 7 + ["posted"]
    with services.db.read() as tx:
        assert tx.balance(P.proceeds(sale_id)) == -100_000 * YUAN


# -- 6. fees bounded, payees named, four eyes, creditors in order -------------------------------


def test_a_courts_own_fee_standard_only_lowers_the_bound(services, server, clock, http) -> None:
    """Seed 003 Art 18: a court may charge auxiliary fees by a standard of its own,
    never above the schedule; the director sets it, and the allocation is bounded by it
    (5 per 1,000 of a 700,000 price: 3,500 yuan, below the schedule's 9,400)."""
    c = Court(services)
    director = c.director
    auction_id = sold_and_paid(services, clock, http, c, "700000.00", "70000.00")
    standard = "/api/v1/court/ledger/fee-standard"
    support.assert_error(
        http.put(standard, json={"rate_per_mille": 5}, headers=c.clerk), 403, "role_not_allowed"
    )
    support.assert_error(
        http.put(standard, json={"rate_per_mille": 16}, headers=director), 422, "invalid_request"
    )  # above the schedule's highest rate, 15 per 1,000
    assert http.put(standard, json={"rate_per_mille": 5}, headers=director).status_code == 204
    assert http.get(standard, headers=c.clerk).json()["rate_per_mille"] == 5
    plan = {
        "fees_payee": {"name": "某拍卖辅助机构", "bank_account": "6222 0001"},
        "creditors": [{"name": "申请执行人", "bank_account": "3100 0002", "claim": "900000.00"}],
        "debtor": {"name": "被执行人", "bank_account": "6222 9999"},
    }
    url = f"/api/v1/court/auctions/{auction_id}/allocation"
    refused = support.assert_error(
        http.post(url, json={**plan, "fees": "3500.01"}, headers=c.clerk), 422, "fees_over_cap"
    )
    assert "¥3,500.00" in refused["error"]["message_en"]
    assert "5 per 1,000" in refused["error"]["message_en"]
    assert http.post(url, json={**plan, "fees": "3500.00"}, headers=c.clerk).status_code == 204


def test_fees_are_bounded_and_every_payout_names_its_payee(services, server, clock, http) -> None:
    """Seed 003 Art 18: auxiliary fees at most the FEE Art 14 schedule on the price (9,400
    yuan on 700,000), 50,000 an item, 100,000 a case; each share names the account it is
    paid to; the creditors are paid in their order and the surplus goes to the debtor;
    the user who allocated does not pay out."""
    c = Court(services)
    auction_id = sold_and_paid(services, clock, http, c, "700000.00", "70000.00")
    url = f"/api/v1/court/auctions/{auction_id}/allocation"
    fees_payee = {"name": "某拍卖辅助机构", "bank_account": "6222 0001"}
    creditors = [
        {"name": "抵押权人银行", "bank_account": "3100 0001", "claim": "400000.00"},
        {"name": "申请执行人", "bank_account": "3100 0002", "claim": "200000.00"},
    ]
    debtor = {"name": "被执行人", "bank_account": "6222 9999"}
    for fees in ("300000.00", "9400.01"):
        refused = support.assert_error(
            http.post(url, json={"fees": fees, "fees_payee": fees_payee, "creditors": creditors,
                                 "debtor": debtor}, headers=c.clerk),
            422, "fees_over_cap",
        )  # fmt: skip
        assert "¥9,400.00" in refused["error"]["message_en"]
    support.assert_error(
        http.post(url, json={"fees": "9400.00", "creditors": creditors, "debtor": debtor},
                  headers=c.clerk),
        422, "no_payee",
    )  # fmt: skip
    support.assert_error(
        http.post(url, json={"fees": "9400.00", "fees_payee": fees_payee, "creditors": creditors},
                  headers=c.clerk),
        422, "no_payee",
    )  # fmt: skip
    done = http.post(
        url,
        json={
            "fees": "9400.00",
            "fees_payee": fees_payee,
            "creditors": creditors,
            "debtor": debtor,
        },
        headers=c.clerk,
    )
    assert done.status_code == 204, done.text
    pay = lambda kind, who: http.post(  # noqa: E731
        f"/api/v1/court/auctions/{auction_id}/payouts/{kind}", headers=who
    )
    support.assert_error(pay("fees", c.clerk), 403, "four_eyes")
    support.assert_error(pay("creditor", c.cashier), 409, "fees_first")
    assert pay("fees", c.cashier).json()["amount"] == "9400.00"
    support.assert_error(pay("creditor-2", c.cashier), 409, "order_of_payment")
    support.assert_error(pay("surplus", c.cashier), 409, "order_of_payment")
    support.assert_error(pay("bidder", c.cashier), 422, "invalid_payee")
    paid = [pay(kind, c.cashier).json()["amount"] for kind in ("creditor", "creditor-2", "surplus")]
    assert paid == ["400000.00", "200000.00", "90600.00"]
    rows = list(csv.DictReader(io.StringIO(
        http.get("/api/v1/court/ledger/statement.csv", headers=c.supervisor).text
    )))  # fmt: skip
    payees = [row["payee"] for row in rows if row["kind"] == "payout.sent"]
    assert payees == ["某拍卖辅助机构 6222 0001", "抵押权人银行 3100 0001", "申请执行人 3100 0002",
                      "被执行人 6222 9999"]  # fmt: skip
    assert rows[-1]["balance"] == "0.00"


# -- 8. sign checks ------------------------------------------------------------------------------


def test_the_check_finds_wrong_signs_and_refunds_owed_without_a_due(services, clock) -> None:
    """The court account never below zero; deposit, refund, proceeds, forfeit and payable
    accounts never in debit; every refund owed has its due."""
    c = Court(services)
    court = c.id
    wrong = [
        P.Posting(P.proceeds(9), 500), P.Posting(P.refund("registration:9"), 200),
        P.Posting(P.bank(court), -700),
    ]  # fmt: skip
    with services.db.write() as tx:
        posted = tx.post(court, None, "test", "a wrong entry", wrong, clock(), "test")
    found = {(p.check, p.detail.split(" ")[0]) for p in checks.check(services.db, clock())}
    assert {
        ("signs", f"bank:{court}"),
        ("signs", "proceeds:9"),
        ("signs", "refund:registration:9"),
    } <= found
    with services.db.write() as tx:
        tx.post(court, None, "test", "undo", P.reversal(wrong), clock(), "test", reverses=posted)
        owed = P.transfer(P.bank(court), P.refund("transfer:X"), 300)
        stray = tx.post(court, None, "test", "a refund owed, no due", owed, clock(), "test")
    found = {(p.check, p.detail.split(" ")[0]) for p in checks.check(services.db, clock())}
    assert found == {("dues", "refund:transfer:X")}
    with services.db.write() as tx:
        tx.post(court, None, "test", "undo", P.reversal(owed), clock(), "test", reverses=stray)
    assert checks.check(services.db, clock()) == []
