"""Attack review of the money paths (issue 13): each test is a way found to lose,
duplicate or misroute the court's money while `fapai ledger check` and `fapai audit
verify` stay green (the conftest runs both after every test). See
/work/notes/attack13.md for the steps, the fault and the suggested fix of each.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from datetime import timedelta

import support
from fapai.app.cases import settlement
from fapai.app.ledger import flows, sending
from fapai.app.services import Services
from faulty_bank import FaultyBank
from support import T0
from test_audit_facts import altered, engine, problem
from test_ledger_flows import Sale, pay
from test_money_rules import ONE_CREDITOR, Court, sold_and_paid

HEADER = "booked_on,amount,bank_ref,counterparty"


def post_statement(http, headers, text: str):
    return http.post(
        "/api/v1/court/ledger/bank-statement",
        content=text.encode("utf-8"),
        headers={**headers, "Content-Type": "text/csv"},
    )


def moves_of(services: Services, court_id: int) -> dict[str, list[int]]:
    """The court account's movements: kind -> transaction ids, oldest first."""
    found: dict[str, list[int]] = {}
    with services.db.read() as tx:
        for line in tx.bank_transactions(court_id):
            found.setdefault(line.kind, []).append(line.transaction_id)
    return found


def allocated_to_one_creditor(services: Services, clock, http, c: Court) -> int:
    """A sold and paid auction whose proceeds the clerk allocated to one creditor."""
    auction_id = sold_and_paid(services, clock, http, c)
    allocated = http.post(
        f"/api/v1/court/auctions/{auction_id}/allocation",
        json={"fees": "0", "creditors": [ONE_CREDITOR]},
        headers=c.clerk,
    )
    assert allocated.status_code == 204, allocated.text
    return auction_id


def faulty(services: Services) -> tuple[Services, FaultyBank]:
    bank = FaultyBank(services.cipher, services.clock)
    return dataclasses.replace(services, gateway=bank), bank


# -- 1. a bank return (退票) or an in-lieu receipt from a line one user typed -----------------


def test_one_office_user_cannot_fake_a_bank_return_and_have_a_refund_sent_twice(
    services, server, clock, http
) -> None:
    """四眼原则 / OJA Art 23: the return must be on the bank's statement, but the same
    office user imports the statement (any CSV it writes) and books the return on it:
    the refund already paid is due again and the sender pays the bidder a second time.
    The books and the reconciliation stay clean (the forged line matches the return)."""
    c = Court(services)
    sold_and_paid(services, clock, http, c)  # the stranger's 10,000 refund was sent
    refund_sent = moves_of(services, c.id)["refund.sent"][0]
    forged = f"{HEADER}\n2026-12-02,10000.00,RET-FAKE-1,竞买人\n"
    assert post_statement(http, c.clerk, forged).status_code == 200
    booked = http.post(
        f"/api/v1/court/ledger/transactions/{refund_sent}/bank-return",
        json={"bank_ref": "RET-FAKE-1"},
        headers=c.clerk,
    )
    sent_again = flows.send_due_refunds(services)
    assert sent_again == 0, "the refund was paid a second time on one user's word"
    support.assert_error(booked, 403, "four_eyes")


def test_one_office_user_cannot_receive_an_in_lieu_difference_from_its_own_statement(
    services, server, clock, http
) -> None:
    """ASR Art 16: the creditor taking the property in lieu pays the difference. One
    office user imports a statement line it wrote and books the receipt on it: the
    taking is complete and the proceeds can be paid out with no money having arrived."""
    from fapai.app.auctions import setup
    from fapai.app.auctions.closing import close_due
    from fapai.domain.money import parse_yuan

    c = Court(services)
    first = support.auction(services, c.office)
    with services.db.read() as tx:
        lot_id = tx.auction(first).lot_id
    second = setup.create_auction(
        services, c.office, lot_id, 2, parse_yuan("80000") or 0, parse_yuan("1000") or 0,
        parse_yuan("8000") or 0, T0 + timedelta(days=2), T0 + timedelta(days=3),
    )  # fmt: skip
    clock.set(T0 + timedelta(days=4))
    close_due(services)
    taken = support.take_in_lieu(http, second, "50000.00", c.bureau, c.director)
    assert taken.json() == {"difference_due": "30000.00"}
    assert post_statement(http, c.clerk, f"{HEADER}\n2026-12-05,30000.00,FAKE-77,x\n").is_success
    paid = http.post(
        f"/api/v1/court/auctions/{second}/in-lieu/payment",
        json={"bank_ref": "FAKE-77", "amount": "30000.00"},
        headers=c.clerk,
    )
    support.assert_error(paid, 403, "four_eyes")


def test_a_bank_return_is_booked_against_the_payment_the_bank_returned(
    services, server, clock, http
) -> None:
    """Two refunds of 10,000 went out; the bank returned 张甲's (closed account). The
    office books the (genuine) return line against 李乙's refund instead: 李乙 is paid a
    second time, 张甲 never, and the ledger, its check and the reconciliation are clean.
    The return must name the payment it returns (the statement line's counterparty or
    the original instruction), and a line naming another payee is refused."""
    sale = Sale(services, clock)
    c = Court.__new__(Court)  # the sale's court, with two office users over HTTP
    c.office, c.id = sale.office, sale.court_id
    from test_money_rules import user

    _, c.clerk = user(services, c.id, "sh-1zy-clerk", "auction_office")
    _, c.cashier = user(services, c.id, "sh-1zy-importer", "auction_office")
    a, b = support.bidder(services, "张甲"), support.bidder(services, "李乙")
    assert pay(services, a, sale.auction_id, "IN-A").status == "confirmed"
    assert pay(services, b, sale.auction_id, "IN-B").status == "confirmed"
    sale.close_at_end()  # unsold: both deposits come back (OJA Art 23)
    assert flows.send_due_refunds(services) == 2
    first, second = moves_of(services, c.id)["refund.sent"]
    with services.db.read() as tx:
        to_b = next(
            t for t in (first, second)
            if any(p.account.endswith(str(tx.registration(sale.auction_id, b.account_id).id))
                   for p in tx.transaction(t)[2])
        )  # fmt: skip
    # the bank's statement: 张甲's refund came back
    returned = f"{HEADER}\n2026-12-02,10000.00,RET-A,张甲\n"
    assert post_statement(http, c.cashier, returned).status_code == 200
    booked = http.post(
        f"/api/v1/court/ledger/transactions/{to_b}/bank-return",
        json={"bank_ref": "RET-A"},
        headers=c.clerk,
    )
    assert booked.status_code == 409, booked.text


# -- 2. four eyes on payouts: the payee changed while the payout is being sent -------------------


def test_the_payee_cannot_be_changed_while_its_payout_is_being_sent(
    services, server, clock, http
) -> None:
    """四眼原则 (seed 003 Art 21): the clerk named the creditor's account, the cashier
    paid out. The bank declined the first try; the cashier then renames the payee to an
    account of its choosing and the sender's retry pays it: one user chose the payee
    and paid it, and the statement shows the new payee as if approved."""
    c = Court(services)
    auction_id = allocated_to_one_creditor(services, clock, http, c)
    bank_services, bank = faulty(services)
    bank.faults.append("fail")
    settlement.pay_out(bank_services, c.cashier_user, auction_id, "creditor")
    renamed = http.put(
        f"/api/v1/court/auctions/{auction_id}/payees/creditor",
        json={"name": "某甲", "bank_account": "6222 6666"},
        headers=c.cashier,
    )
    clock.set(clock() + timedelta(seconds=3))
    assert sending.send_waiting(bank_services) == 1
    rows = list(csv.DictReader(io.StringIO(
        http.get("/api/v1/court/ledger/statement.csv", headers=c.supervisor).text
    )))  # fmt: skip
    payees = [row["payee"] for row in rows if row["kind"] == "payout.sent"]
    assert payees == ["上海某银行 3100 0001"], payees
    support.assert_error(renamed, 409, "payout_in_progress")


def test_a_payout_instruction_rewritten_in_the_database_is_not_sent(
    services, server, clock, http
) -> None:
    """Seed 003 Art 21, issue 13: the payee is fixed on the instruction when the payout is
    ordered and named on the hash-chained ``payout.ordered`` record. Someone with the
    database who rewrites a waiting instruction's account does not reach the bank: the
    sender refuses it and the court is alerted at once; put back, it is paid."""
    from sqlalchemy import select, update

    from fapai.storage.tables import ledger_alerts, outgoing_attempts, outgoing_payments

    PAYOUT = outgoing_payments.c.kind == "payout"

    c = Court(services)
    auction_id = allocated_to_one_creditor(services, clock, http, c)
    bank_services, bank = faulty(services)
    bank.faults.append("fail")
    settlement.pay_out(bank_services, c.cashier_user, auction_id, "creditor")
    with services.db.write() as tx:
        (ordered,) = tx.c.execute(select(outgoing_payments.c.back_to).where(PAYOUT)).scalars()
        tx.c.execute(update(outgoing_payments).where(PAYOUT).values(back_to="某甲 6222 6666"))
    clock.set(clock() + timedelta(seconds=3))
    assert sending.send_waiting(bank_services) == 0
    assert bank.executed == {}
    with services.db.read() as tx:
        details = list(tx.c.execute(select(outgoing_attempts.c.detail)).scalars())
        assert sending.ALTERED in details
        alerted = tx.c.execute(select(ledger_alerts.c.due_id)).scalars().all()
    assert alerted  # the court is told the payout is stuck
    with services.db.write() as tx:
        tx.c.execute(
            update(outgoing_payments).where(PAYOUT).values(back_to=ordered, next_attempt_at=clock())
        )
    assert sending.send_waiting(bank_services) == 1
    assert [to for _amount, _memo, to in bank.executed.values()] == [ordered]


def test_the_bank_is_told_the_payee_account_of_a_payout(services, server, clock, http) -> None:
    """Seed 003 Art 21: a payout goes to the account named for it. The gateway's
    ``send`` gets ``back_to=None`` and the ledger account as memo for a payout: a real
    bank adapter is never told where to pay (it would have to read the payee itself, at
    send time, after any rename)."""
    c = Court(services)
    auction_id = allocated_to_one_creditor(services, clock, http, c)
    bank_services, bank = faulty(services)
    settlement.pay_out(bank_services, c.cashier_user, auction_id, "creditor")
    [(amount, _memo, to)] = list(bank.executed.values())
    assert amount == 100_000 * 100
    assert to is not None
    assert "3100 0001" in to, to


def test_concurrent_returns_cannot_book_one_statement_line_twice(
    services, clock, database_url, tmp_path, secret_key
) -> None:
    """One returned refund on the bank's statement (RET-X, 10,000) is booked as the
    return of several refunds at once by office users in separate processes: the check
    that the reference is not yet on the ledger is a read, with no lock or unique key
    behind it (``reverses_id`` is unique per returned transaction, not per bank
    reference), so each refund is due again and sent again."""
    import threading

    import pytest

    from fapai import bootstrap
    from fapai.app.accounts.principals import CourtPrincipal
    from fapai.app.cases import corrections
    from fapai.app.errors import AppError
    from fapai.app.ledger import reconciliation
    from fapai.config import Settings
    from test_money_rules import user

    if not database_url.startswith("postgresql"):
        pytest.skip("concurrent writers race on PostgreSQL; SQLite has a single writer")
    sale = Sale(services, clock)
    people = [support.bidder(services, f"竞买人{n}") for n in range(6)]
    for n, who in enumerate(people):
        assert pay(services, who, sale.auction_id, f"IN-{n}").status == "confirmed"
    sale.close_at_end()  # unsold: six refunds of 10,000
    assert flows.send_due_refunds(services) == 6
    sent = moves_of(services, sale.court_id)["refund.sent"]
    # every deposit's line names one payer, so that each refund could be the returned
    # one by its counterparty (not_this_payment): only the line's single use decides
    deposits = "".join(f"2026-12-01,10000.00,IN-{n},竞买人0\n" for n in range(6))
    reconciliation.reconcile(
        services, sale.court_id, "court_user:importer", "bank",
        f"{HEADER}\n{deposits}2026-12-02,10000.00,RET-X,竞买人0\n",
    )  # fmt: skip
    clerks = [user(services, sale.court_id, f"clerk-{n}", "auction_office")[0] for n in sent]
    pools = [
        bootstrap.build(Settings(database_url, secret_key, tmp_path, bank="simulated"), clock=clock)
        for _ in sent
    ]
    outcomes: list[str] = []
    start = threading.Barrier(len(sent))

    def book(pool: Services, who: CourtPrincipal, transaction_id: int) -> None:
        start.wait()
        try:
            corrections.record_bank_return(pool, who, transaction_id, "RET-X")
            outcomes.append("posted")
        except AppError as error:
            outcomes.append(error.code)

    threads = [
        threading.Thread(target=book, args=(pool, who, t))
        for (pool, _), who, t in zip(pools, clerks, sent, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for _, database in pools:
        database.dispose()
    assert outcomes.count("posted") == 1, outcomes


def test_a_statement_line_with_a_nul_character_is_refused_not_a_server_error(
    services, server, clock, http
) -> None:
    """A NUL in a reference or counterparty (a broken export, or a probe) passes the
    parser; PostgreSQL cannot store it and the import answers 500 (issue 13: bad input
    is a 4xx with a code, never a 500)."""
    c = Court(services)
    for line in ("2026-12-01,1.00,R\x00,x", "2026-12-01,1.00,R-1,x\x00y"):
        support.assert_error(
            post_statement(http, c.clerk, f"{HEADER}\n{line}\n"), 422, "bad_statement"
        )
    assert http.get("/api/v1/court/ledger/reconciliation", headers=c.clerk).status_code == 200


# -- 4. pause holds ------------------------------------------------------------------------------


def _holds(services: Services, court_id: int, state: str | None = None) -> list:
    from fapai.app.cases import deadline_board

    rows = deadline_board.board(services, court_id, include_done=True)
    return [r for r in rows if r.kind == "pause_hold" and state in (None, r.state)]


def test_the_platforms_own_postponement_holds_the_deposits_like_any_pause(services, clock) -> None:
    """OJA Arts 23, 28(2): the platform postpones a live auction for a fault; the pause
    has no end date and the bidders' deposits wait in it. A pause approved by the
    director puts each held deposit on the board (30 days, ``PAUSE_HOLD_DAYS``) and
    alerts; the platform's postponement writes no hold, so the money can wait for ever
    unseen (`ledger check` has nothing to say: no due, no alert)."""
    from case_support import a_court, announced_lot, auction_of
    from fapai.app.cases.platform_fault import postpone_for_fault
    from support import bidder, pay_deposit

    c = a_court(services)
    _lot, auction = announced_lot(services, c, clock)
    for name in ("甲", "乙"):
        assert pay_deposit(services, bidder(services, name), auction) == "confirmed"
    clock.set(auction_of(services, auction).starts_at + timedelta(hours=1))
    postpone_for_fault(services, auction, "竞价系统数据库故障，暂停竞价")
    assert [r.state for r in _holds(services, c.id)] == ["open", "open"]
    clock.advance(days=30, seconds=1)
    assert flows.raise_alerts(services) >= 2


# -- 2b. a reversal of an allocation whose share is paid or being paid ---------------------------


def test_an_allocation_whose_share_the_bank_paid_or_is_paying_is_not_reversed(
    services, server, clock, http
) -> None:
    """A reversal undoes a court decision that moved no money; an allocation whose
    payout the bank executed (or is executing) did move money. The office reverses the
    allocation (reason: the creditor's account was wrong) while the payout is in flight;
    the bank then pays, and the allocation is gone: the payable account ends in debit
    and the proceeds are allocatable again."""
    c = Court(services)
    auction_id = allocated_to_one_creditor(services, clock, http, c)
    bank_services, bank = faulty(services)
    bank.faults.append("timeout")
    settlement.pay_out(bank_services, c.cashier_user, auction_id, "creditor")
    with services.db.read() as tx:
        allocated = max(t.transaction_id for t in tx.lines(f"proceeds:{auction_id}"))
    url = f"/api/v1/court/ledger/transactions/{allocated}/reversal"
    asked = http.post(url, json={"reason": "债权人账户有误"}, headers=c.clerk)
    approved = http.post(f"{url}/approval", headers=c.cashier)
    clock.set(clock() + timedelta(seconds=3))
    sending.send_waiting(bank_services)  # the bank pays the instruction it holds
    support.assert_error(
        approved if approved.status_code != 202 else asked, 409, "payout_in_progress"
    )


def test_the_same_statement_imported_twice_at_once_is_stored_once_without_an_error(
    services, clock, database_url, tmp_path, secret_key
) -> None:
    """Two office users (or one double click) import the same file at once: one stores
    it, the other must answer ``already_imported``; today the unique key on the file's
    digest raises IntegrityError, which the API answers 500."""
    import threading

    import pytest

    from fapai import bootstrap
    from fapai.app.ledger import reconciliation
    from fapai.config import Settings

    if not database_url.startswith("postgresql"):
        pytest.skip("concurrent writers race on PostgreSQL; SQLite has a single writer")
    sale = Sale(services, clock)
    text = f"{HEADER}\n2026-12-02,1.00,RACE-1,x\n"
    pools = [
        bootstrap.build(Settings(database_url, secret_key, tmp_path, bank="simulated"), clock=clock)
        for _ in range(4)
    ]
    outcomes: list[str] = []
    start = threading.Barrier(len(pools))

    def run(n: int, pool: Services) -> None:
        start.wait()
        try:
            done = reconciliation.reconcile(pool, sale.court_id, f"court_user:u{n}", "n", text)
            outcomes.append("again" if done.already_imported else "stored")
        except Exception as error:  # what the API would answer 500 for
            outcomes.append(type(error).__name__)

    threads = [threading.Thread(target=run, args=(n, pool)) for n, (pool, _) in enumerate(pools)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for _, database in pools:
        database.dispose()
    assert sorted(outcomes) == ["again"] * 3 + ["stored"], outcomes


# -- 3. the fee caps under concurrency -----------------------------------------------------------


def test_concurrent_allocations_keep_the_case_fee_cap(
    services, clock, database_url, tmp_path, secret_key
) -> None:
    """Seed 003 Art 18: auxiliary fees at most 50,000 an item and 100,000 a case. Three
    items of one case, each sold for 7,000,000 yuan, allocated at once (three office
    users, or one user's parallel requests against several workers): each allocation
    locks only its own auction and reads the case's other fees before they commit, so
    each allocates 50,000 and the case pays 150,000."""
    import threading

    import pytest

    from case_support import (
        a_court,
        auction_of,
        bid,
        bidding_day,
        close_at_end,
        notify_parties,
        open_case,
        panel,
        priced_lot,
        terms,
    )
    from case_support import pay_balance as pay_the_balance
    from fapai import bootstrap
    from fapai.app.accounts.principals import CourtPrincipal
    from fapai.app.cases import auction_terms
    from fapai.app.errors import AppError
    from fapai.config import Settings
    from support import bidder, pay_deposit
    from test_money_rules import user

    if not database_url.startswith("postgresql"):
        pytest.skip("concurrent writers race on PostgreSQL; SQLite has a single writer")
    c = a_court(services)
    case_id = open_case(services, c)
    price = 700_000_000  # 7,000,000 yuan: each item's own cap is 50,000
    auctions = []
    for _ in range(3):
        lot = priced_lot(services, c, clock, reference=price * 10 // 7, case_id=case_id)
        auctions.append(
            auction_terms.set_terms(
                services, c.office, lot, terms(bidding_day(clock, 40), price), panel(clock)
            )
        )
        notify_parties(services, c, clock, lot)
        auction_terms.choose_platform(services, c.office, lot, "taobao")
        auction_terms.confirm_disclosure(services, c.bureau, lot)
        auction_terms.announce(services, c.office, lot)
    buyers = [bidder(services, f"买受人{n}") for n in range(3)]
    for who, auction in zip(buyers, auctions, strict=True):
        assert pay_deposit(services, who, auction) == "confirmed"
    clock.set(auction_of(services, auctions[0]).starts_at + timedelta(hours=1))
    for who, auction in zip(buyers, auctions, strict=True):
        assert bid(services, who, auction, "7000000.00").bid.reason is None
    for who, auction in zip(buyers, auctions, strict=True):
        close_at_end(services, clock, auction)
        assert pay_the_balance(services, who, auction) == "confirmed"
    clerks = [user(services, c.id, f"alloc-{n}", "auction_office")[0] for n in range(3)]
    pools = [
        bootstrap.build(Settings(database_url, secret_key, tmp_path, bank="simulated"), clock=clock)
        for _ in clerks
    ]
    plan = settlement.Allocation(
        50_000 * 100, settlement.PayeeAccount("某辅助机构", "6222 0001"),
        [settlement.Creditor(settlement.PayeeAccount("申请执行人", "3100 0002"), 10**12)],
        None,
    )  # fmt: skip
    outcomes: list[str] = []
    start = threading.Barrier(len(clerks))

    def allocate(pool: Services, who: CourtPrincipal, auction_id: int) -> None:
        start.wait()
        try:
            settlement.allocate_proceeds(pool, who, auction_id, plan)
            outcomes.append("allocated")
        except AppError as error:
            outcomes.append(error.code)

    threads = [
        threading.Thread(target=allocate, args=(pool, who, auction))
        for (pool, _), who, auction in zip(pools, clerks, auctions, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for _, database in pools:
        database.dispose()
    with services.db.read() as tx:
        fees = sum(-tx.balance(f"payable:fees:{auction}") for auction in auctions)
    assert fees <= 100_000 * 100, (outcomes, fees)


# -- the bank: references are the bank's, not unique across courts ------------------------------


def test_refused_transfers_of_two_courts_with_one_bank_reference_stay_apart(
    services, clock
) -> None:
    """Two courts bank with different banks, whose transfer references may coincide
    (``20261201000001``). A refused transfer is owed back on ``refund:transfer:{bank_ref}``,
    an account with no court in its name, and ``ledger_balances`` is keyed by the
    account alone: court 2's 4.56 yuan is kept on court 1's account, court 1's office
    sees it, and both courts' books are off until the refunds go out."""
    from fapai.app.ledger import checks
    from test_ledger_flows import balances, notify, order_deposit

    first, second = Sale(services, clock, "sh-1zy"), Sale(services, clock, "sh-2zy")
    x, y = support.bidder(services, "甲"), support.bidder(services, "乙")
    to_first = order_deposit(services, x, first.auction_id)
    to_second = order_deposit(services, y, second.auction_id)
    assert notify(services, to_first, 123, x.name, "20261201000001").reason == "wrong_amount"
    assert notify(services, to_second, 456, y.name, "20261201000001").reason == "wrong_amount"
    assert checks.check(services.db, services.clock()) == []
    assert sum(balances(services, first.court_id).values()) == 0
    assert -456 not in balances(services, first.court_id).values()


# -- a curious insider with the database ---------------------------------------------------------


def payee_rows(services: Services, account: str) -> list:
    from sqlalchemy import select

    from fapai.storage.tables import ledger_payees

    query = select(ledger_payees).where(ledger_payees.c.account == account)
    with engine(services).connect() as connection:
        return list(connection.execute(query.order_by(ledger_payees.c.id)))


def test_a_payee_account_changed_in_the_database_is_caught_by_the_audit(
    services, server, clock, http
) -> None:
    """Attack review F13 (seed 003 Art 21, OJA Art 8(4)): someone with the database
    changes the creditor's account named at allocation (``ledger_payees``) before the
    payout and the cashier pays it. The payee is a fact the audit trail vouches for:
    `fapai audit verify` names the changed row."""
    from fapai.storage.tables import ledger_payees

    c = Court(services)
    auction_id = allocated_to_one_creditor(services, clock, http, c)
    [named] = payee_rows(services, f"payable:creditor:{auction_id}")
    with altered(services, ledger_payees, named, bank_account="6222 6666"):
        paid = http.post(f"/api/v1/court/auctions/{auction_id}/payouts/creditor", headers=c.cashier)
        assert paid.status_code == 200, paid.text
        assert problem(services) == (
            f"ledger_payees#{named.id}: its content does not match the digest its audit "
            "record holds (changed)"
        )


def test_a_lawful_change_of_payee_is_a_new_vouched_version(services, server, clock, http) -> None:
    """Seed 003 Art 21: naming the payee again through the office (``PUT .../payees``)
    keeps the first naming and adds the new one; the payout goes to the latest, the
    trail verifies, and neither version can then be rewritten unnoticed."""
    from fapai.storage.tables import ledger_payees

    c = Court(services)
    auction_id = sold_and_paid(services, clock, http, c)
    http.post(
        f"/api/v1/court/auctions/{auction_id}/allocation",
        json={"fees": "0", "creditors": [ONE_CREDITOR]},
        headers=c.cashier,
    )
    renamed = http.put(
        f"/api/v1/court/auctions/{auction_id}/payees/creditor",
        json={"name": "上海某银行", "bank_account": "3100 0009"},
        headers=c.clerk,
    )
    assert renamed.status_code == 204, renamed.text
    assert problem(services) is None
    first, latest = payee_rows(services, f"payable:creditor:{auction_id}")
    assert (first.bank_account, latest.bank_account) == ("3100 0001", "3100 0009")
    bank_services, bank = faulty(services)
    settlement.pay_out(bank_services, c.cashier_user, auction_id, "creditor")
    [(_amount, _memo, to)] = list(bank.executed.values())
    assert to is not None
    assert "3100 0009" in to, to
    assert problem(services) is None
    with altered(services, ledger_payees, first, bank_account="6222 6666"):
        assert problem(services) == (
            f"ledger_payees#{first.id}: its content does not match the digest its audit "
            "record holds (changed)"
        )


def test_a_statement_line_changed_in_the_database_is_caught_by_the_audit(
    services, server, clock, http
) -> None:
    """Attack review F13 (OJA Art 23): a return or an in-lieu receipt is booked on the
    bank's statement, so its lines are evidence. A line's amount or reference changed in
    the database, or a withdrawn line put back, is named by `fapai audit verify`; a
    withdrawal through the office verifies."""
    from sqlalchemy import select

    from fapai.storage.tables import bank_statement_lines as lines
    from fapai.storage.tables import bank_statements

    c = Court(services)
    text = f"{HEADER}\n2026-12-05,30000.00,RET-1,上海某银行\n2026-12-05,12.00,RET-2,x\n"
    assert post_statement(http, c.clerk, text).status_code == 200
    with engine(services).connect() as connection:
        line, other = connection.execute(select(lines).order_by(lines.c.id)).all()
        statement = connection.execute(select(bank_statements)).one()
    changed = f"bank_statement_lines#{line.id}: its content does not match the digest its audit "
    for values in ({"amount": line.amount + 1}, {"bank_ref": "RET-9"}):
        with altered(services, lines, line, **values):
            assert problem(services) == changed + "record holds (changed)"
    with altered(services, bank_statements, statement, imported_by="court_user:sh-1zy-cashier"):
        assert problem(services) == (
            f"bank_statements#{statement.id}: its content does not match the digest its "
            "audit record holds (changed)"
        )
    withdrawn = http.post(
        f"/api/v1/court/ledger/bank-statement/lines/{other.id}/withdrawal",
        json={"reason": "重复导入"},
        headers=c.cashier,
    )
    assert withdrawn.status_code == 204, withdrawn.text
    assert problem(services) is None
    with engine(services).connect() as connection:
        other = connection.execute(select(lines).where(lines.c.id == other.id)).one()
    with altered(services, lines, other, withdrawn_at=None):
        assert problem(services) == (
            f"bank_statement_lines#{other.id}: its content does not match the digest its "
            "audit record holds (changed)"
        )
