"""Revoking an auction after its sale (OBJ Art 21, OJA Art 31; issue 18 item 4), from
every state the sale's money can be in: the balance unpaid, paid, allocated, paid out.
The buyer's money goes back along the transfers it came by, each refund recorded with
its instruction id before the bank is called and paid once whatever the bank does;
what was already paid out is owed to the buyer and receivable from its payees, never
paid out of other people's money. The fixtures check `fapai ledger check` and `fapai
audit verify` after each test, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import timedelta

import pytest
from typer.testing import CliRunner

from case_support import (
    Court,
    a_court,
    auction_of,
    on,
    panel,
    pay_balance,
    refused,
    stage,
    terms,
    today,
)
from fapai.app.accounts import courts, principals
from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.cases import (
    after_sale,
    auction_terms,
    case_documents,
    corrections,
    deadline_board,
    sale_revocation,
    settlement,
)
from fapai.app.ledger import flows, reconciliation
from fapai.app.services import Services
from fapai.cli.main import app
from fapai.domain.ledger import postings as P
from fapai.domain.ledger.revocation import MoneyMismatch, SaleMoney, owed, receivable, undo_sale
from faulty_bank import FaultyBank
from support import Bidder, Clock
from test_api_cases import COURT, as_
from test_api_documents import pdf_text
from test_case_flows import FIRST, sold_lot

DEPOSIT = FIRST // 10  # the tests' terms: a tenth of the starting price
FEES = 9_400_00  # the seed 003 Art 18 bound on a 700,000 yuan sale


@dataclasses.dataclass
class Sold:
    services: Services
    bank: FaultyBank
    court: Court
    lot: int
    auction: int
    buyer: Bidder
    before: frozenset[str]  # instructions the bank executed before (the loser's refund)


def sold(services: Services, clock: Clock) -> Sold:
    """A lot sold at 700,000 yuan (deposit 70,000) through a bank the test controls."""
    bank = FaultyBank(services.cipher, services.clock)
    services = dataclasses.replace(services, gateway=bank)
    c = a_court(services)
    lot, auction, buyer = sold_lot(services, c, clock)
    return Sold(services, bank, c, lot, auction, buyer, frozenset(bank.executed))


def balance(s: Sold, account: str) -> int:
    with s.services.db.read() as tx:
        return tx.balance(account)


def cashier(s: Sold) -> CourtPrincipal:
    """A second office user: the payout is not made by who allocated (四眼原则)."""
    token = courts.create_court_user(s.services, s.court.id, "second-office", "auction_office")
    who = principals.authenticate(s.services, token)
    assert isinstance(who, CourtPrincipal)
    return who


def allocate(s: Sold) -> None:
    plan = settlement.Allocation(
        FEES, settlement.PayeeAccount("某辅助机构", "6222 0001"),
        [settlement.Creditor(settlement.PayeeAccount("申请执行人", "6222 0002"), 500_000_00)],
        settlement.PayeeAccount("被执行人", "6222 0003"),
    )  # fmt: skip
    settlement.allocate_proceeds(s.services, s.court.office, s.auction, plan)


def revoke(s: Sold, ground: str = "collusion") -> sale_revocation.Outcome:
    sale_revocation.request(
        s.services, s.court.bureau, s.lot, ground, "异议成立：竞买人恶意串通", "（2026）沪01执异5号"
    )
    return sale_revocation.approve(s.services, s.court.director, s.lot)


def deposit_ref(s: Sold) -> str:
    """The bank reference the buyer's deposit came with."""
    with s.services.db.read() as tx:
        won = tx.registration(s.auction, s.buyer.account_id)
        assert won is not None
        lines = tx.lines(P.deposit(s.auction, won.id), s.court.id)
    return next(line.bank_ref for line in lines if line.bank_ref)


def sent_back(s: Sold) -> list[tuple[int, str | None]]:
    """What the bank paid back to the buyer: (amount, the transfer it went back along)."""
    return sorted(
        (amount, to)
        for key, (amount, memo, to) in s.bank.executed.items()
        if memo.startswith("refund:") and key not in s.before
    )


def trail_kinds(s: Sold) -> list[str]:
    with s.services.db.read() as tx:
        return [r.action for r in tx.audit_rows(f"auction:{s.auction}")]


def balance_ref(s: Sold) -> str:
    """The bank reference the buyer's balance came with."""
    with s.services.db.read() as tx:
        lines = tx.lines(P.proceeds(s.auction), s.court.id)
    return next(x.bank_ref for x in lines if x.kind == "balance.received" and x.bank_ref)


def open_dues(s: Sold, kind: str) -> list:
    with s.services.db.read() as tx:
        return tx.dues(s.court.id, True, s.auction, kind)


def test_balance_unpaid_the_deposit_goes_back_to_the_buyers_account_obj_art_21(
    services, clock
) -> None:
    s = sold(services, clock)
    assert open_dues(s, "balance")
    outcome = revoke(s)
    assert outcome == sale_revocation.Outcome(DEPOSIT, 0, {})
    assert sent_back(s) == [(DEPOSIT, deposit_ref(s))]  # 原路退回, once
    assert open_dues(s, "balance") == []  # the balance is no longer asked for
    assert balance(s, P.proceeds(s.auction)) == 0
    assert stage(s.services, s.lot) == "sale_revoked"
    assert auction_of(s.services, s.auction).status == "revoked"
    with s.services.db.read() as tx:
        steps = {x.step: json.loads(x.details) for x in tx.steps(s.lot)}
    assert steps["sale_revoked"]["ground"] == "collusion"
    assert steps["sale_revoked"]["article"] == "OJA Art 31"
    kinds = trail_kinds(s)
    assert "lot.sale_revocation_requested" in kinds
    assert "lot.sale_revoked" in kinds


def test_balance_paid_the_whole_price_goes_back_along_each_transfer(services, clock) -> None:
    s = sold(services, clock)
    assert pay_balance(s.services, s.buyer, s.auction) == "confirmed"
    outcome = revoke(s, "not_announced")
    assert outcome.refunded == FIRST
    assert outcome.owed == 0
    assert sent_back(s) == sorted([(DEPOSIT, deposit_ref(s)), (FIRST - DEPOSIT, balance_ref(s))])
    assert balance(s, P.bank(s.court.id)) == 0  # nothing of this sale is left, nothing more


def test_allocated_proceeds_are_undone_and_the_unpaid_fee_lapses_seed_003_art_20(
    services, clock
) -> None:
    s = sold(services, clock)
    pay_balance(s.services, s.buyer, s.auction)
    allocate(s)
    assert balance(s, P.payable("fees", s.auction)) == -FEES
    outcome = revoke(s)
    assert outcome == sale_revocation.Outcome(FIRST, 0, {})
    for kind in ("fees", "creditor", "surplus"):
        assert balance(s, P.payable(kind, s.auction)) == 0
    assert sum(amount for amount, _ in sent_back(s)) == FIRST
    refused(lambda: settlement.pay_out(s.services, cashier(s), s.auction, "fees"),
            "nothing_payable")  # fmt: skip


def test_money_already_paid_out_stays_owed_to_the_buyer_and_is_the_courts_receivable(
    services, clock
) -> None:
    """What left the court's account is not sent again out of other people's money: the
    buyer's refund of it is owed, the payees' return a receivable on the board."""
    s = sold(services, clock)
    pay_balance(s.services, s.buyer, s.auction)
    allocate(s)
    payer = cashier(s)
    assert settlement.pay_out(s.services, payer, s.auction, "fees") == FEES
    creditor = settlement.pay_out(s.services, payer, s.auction, "creditor")
    surplus = FIRST - FEES - creditor
    outcome = revoke(s)
    assert outcome.receivable == {"fees": FEES, "creditor": creditor}
    assert outcome.refunded == surplus  # the surplus was still held: it goes back now
    assert outcome.owed == FEES + creditor
    assert balance(s, receivable("fees", s.auction)) == FEES
    assert balance(s, receivable("creditor", s.auction)) == creditor
    # the deposit went back whole; the balance's transfer waits for the payees
    assert sent_back(s) == sorted([(DEPOSIT, deposit_ref(s)), (surplus - DEPOSIT, balance_ref(s))])
    assert balance(s, owed(f"transfer:{s.court.id}:{balance_ref(s)}")) == -(FEES + creditor)
    assert balance(s, P.bank(s.court.id)) == 0  # never below what it holds
    clawbacks = open_dues(s, "clawback")
    assert sorted(d.amount for d in clawbacks) == sorted([FEES, creditor])
    assert all(d.alerted for d in clawbacks)  # before the office, at once


def test_a_bank_that_loses_its_answer_is_asked_and_the_refund_paid_once(services, clock) -> None:
    """Issue 13's rule holds for these refunds too: recorded with an instruction id
    before the call; after a lost answer the sender asks, and pays nothing twice."""
    s = sold(services, clock)
    pay_balance(s.services, s.buyer, s.auction)
    s.bank.faults.extend(["lost", "timeout"])
    outcome = revoke(s)
    assert outcome.refunded == FIRST
    assert len(sent_back(s)) == 1  # the deposit's refund paid, its answer lost
    assert balance(s, P.bank(s.court.id)) == FIRST  # nothing booked yet
    clock.set(clock() + timedelta(hours=2))
    flows.send_due_refunds(s.services)
    clock.set(clock() + timedelta(hours=2))
    flows.send_due_refunds(s.services)
    assert s.bank.resent_blind == []
    assert sent_back(s) == sorted([(DEPOSIT, deposit_ref(s)), (FIRST - DEPOSIT, balance_ref(s))])
    assert balance(s, P.bank(s.court.id)) == 0
    assert open_dues(s, "refund") == []


def test_a_sale_is_revoked_once_and_by_the_bureau_with_the_directors_approval(
    services, clock
) -> None:
    s = sold(services, clock)
    ask = sale_revocation.request
    refused(lambda: ask(s.services, s.court.office, s.lot, "collusion", "理由", "号"),
            "role_not_allowed")  # fmt: skip
    refused(lambda: ask(s.services, s.court.bureau, s.lot, "debtor_paid", "理由", "号"),
            "invalid_ground")  # ASR Art 19 is for before the sale  # fmt: skip
    refused(lambda: sale_revocation.approve(s.services, s.court.director, s.lot),
            "no_revocation_request")  # fmt: skip
    ask(s.services, s.court.bureau, s.lot, "collusion", "异议成立", "（2026）沪01执异5号")
    refused(lambda: ask(s.services, s.court.bureau, s.lot, "collusion", "再次", "号"),
            "revocation_pending")  # fmt: skip
    refused(lambda: sale_revocation.approve(s.services, s.court.bureau, s.lot),
            "role_not_allowed")  # fmt: skip
    sale_revocation.approve(s.services, s.court.director, s.lot)
    refused(lambda: ask(s.services, s.court.bureau, s.lot, "collusion", "再次", "号"),
            "already_revoked")  # fmt: skip
    refused(lambda: sale_revocation.approve(s.services, s.court.director, s.lot),
            "already_revoked")  # fmt: skip
    assert len(sent_back(s)) == 1


def test_a_delivered_lot_is_not_revoked_obj_art_6(services, clock) -> None:
    s = sold(services, clock)
    pay_balance(s.services, s.buyer, s.auction)
    c, lot = s.court, s.lot
    after_sale.send_confirmation(s.services, c.office, lot)
    after_sale.rule_sale(s.services, c.bureau, lot, "（2026）沪01执123号之一", today(clock))
    after_sale.issue_title_notice(s.services, c.bureau, lot, "不动产登记中心", today(clock))
    after_sale.deliver(s.services, c.office, lot, today(clock))
    refused(
        lambda: sale_revocation.request(
            s.services, c.bureau, lot, "collusion", "理由", "（2026）沪01执异5号"
        ),
        "wrong_stage",
    )


def test_after_the_revocation_the_lot_is_auctioned_again_as_the_same_round(services, clock) -> None:
    s = sold(services, clock)
    pay_balance(s.services, s.buyer, s.auction)
    after_sale.send_confirmation(s.services, s.court.office, s.lot)
    revoke(s)
    again = auction_terms.set_terms(
        s.services, s.court.office, s.lot, terms(on(today(clock) + timedelta(days=40)), FIRST),
        panel(clock),
    )  # fmt: skip
    assert auction_of(s.services, again).round == 1
    assert stage(s.services, s.lot) == "terms_set"


def test_the_sale_documents_say_they_are_revoked_and_the_ruling_says_why(services, clock) -> None:
    """Issue 18: the confirmation letter and the sale ruling, printed after the
    revocation, carry the ruling that revoked them; the revocation ruling (zh, en)
    names the ground and the money returned."""
    s = sold(services, clock)
    pay_balance(s.services, s.buyer, s.auction)
    c, lot = s.court, s.lot
    after_sale.send_confirmation(s.services, c.office, lot)
    after_sale.rule_sale(s.services, c.bureau, lot, "（2026）沪01执123号之二", today(clock))

    def html(kind: str, lang: str = "zh") -> str:
        data, _ = case_documents.generate(
            s.services, c.bureau, lot, kind, "html", lang, purpose="sale_documents"
        )
        return data.decode()

    assert "不再发生效力" not in html("sale_ruling")
    refused(lambda: html("revocation_ruling"), "document_not_ready")
    revoke(s)
    for kind in ("confirmation_letter", "sale_ruling"):
        assert "已由本院（2026）沪01执异5号执行裁定" in html(kind)
        assert "no longer has effect" in html(kind, "en")
    ruling = html("revocation_ruling")
    assert "恶意串通" in ruling
    assert "《网络司法拍卖规定》第三十一条" in ruling
    assert "（2026）沪01执123号之二执行裁定同时撤销" in ruling
    assert "¥700,000.00" in ruling
    assert "OJA Art 31" in html("revocation_ruling", "en")
    data, name = case_documents.generate(
        s.services, c.bureau, lot, "revocation_ruling", "pdf", "zh", purpose="sale_documents"
    )
    assert "成交确认书" in pdf_text(data)
    assert name.endswith("-执行裁定书（撤销拍卖）.pdf")


def test_the_clawback_is_on_the_deadline_board(services, clock) -> None:
    s = sold(services, clock)
    pay_balance(s.services, s.buyer, s.auction)
    allocate(s)
    settlement.pay_out(s.services, cashier(s), s.auction, "fees")
    revoke(s)
    rows = [r for r in deadline_board.board(s.services, s.court.id) if r.kind == "clawback"]
    assert [(r.article, r.amount, r.state) for r in rows] == [("OBJ Art 21", "9400.00", "open")]


def test_over_http_the_bureau_decides_and_the_director_approves(services, clock, http) -> None:
    c = a_court(services)
    lot, auction, _buyer = sold_lot(services, c, clock)
    url = f"{COURT}/lots/{lot}/sale-revocation"
    body = {"ground": "collusion", "reason": "异议成立", "ruling_number": "（2026）沪01执异5号"}
    refused_ = http.post(url, json=body, headers=as_(c, "auction_office"))
    assert refused_.json()["error"]["code"] == "role_not_allowed"
    bad = http.post(url, json=body | {"ground": "debtor_paid"}, headers=as_(c, "enforcement"))
    assert (bad.status_code, bad.json()["error"]["code"]) == (422, "invalid_ground")
    assert http.post(url, json=body, headers=as_(c, "enforcement")).status_code == 201
    done = http.post(f"{url}/approval", headers=as_(c, "director"))
    assert done.status_code == 200, done.text
    assert done.json() == {"refunded": "70000.00", "owed": "0.00", "receivable": {}}
    again = http.post(f"{url}/approval", headers=as_(c, "director"))
    assert (again.status_code, again.json()["error"]["code"]) == (409, "already_revoked")
    assert auction_of(services, auction).status == "revoked"
    page = http.get(f"/auctions/{auction}")  # the public page says the sale is revoked
    assert page.status_code == 200
    assert "本场拍卖已撤销" in page.text


def test_a_payees_return_from_the_statement_goes_on_to_the_buyer(services, clock) -> None:
    """The receivable is settled only by a transfer the bank's statement shows; the
    money then goes to the buyer along its own transfer, once."""
    s = sold(services, clock)
    pay_balance(s.services, s.buyer, s.auction)
    allocate(s)
    payer = cashier(s)
    settlement.pay_out(s.services, payer, s.auction, "fees")
    revoke(s)
    owed_before = balance(s, owed(f"transfer:{s.court.id}:{balance_ref(s)}"))
    back = sale_revocation.record_clawback
    refused(lambda: back(s.services, s.court.office, s.auction, "fees", "RET-1"),
            "not_on_statement")  # fmt: skip
    refused(lambda: back(s.services, s.court.bureau, s.auction, "fees", "RET-1"),
            "role_not_allowed")  # fmt: skip
    refused(lambda: back(s.services, s.court.office, s.auction, "creditor", "RET-1"),
            "nothing_receivable")  # fmt: skip
    reconciliation.reconcile_as(  # by another office user: four eyes on the statement
        s.services, payer, "return.csv",
        f"booked_on,amount,bank_ref,counterparty\n{today(clock)},9400.00,RET-1,某辅助机构\n",
    )  # fmt: skip
    assert back(s.services, s.court.office, s.auction, "fees", "RET-1") == FEES
    assert balance(s, receivable("fees", s.auction)) == 0
    assert balance(s, owed(f"transfer:{s.court.id}:{balance_ref(s)}")) == owed_before + FEES
    assert (FEES, balance_ref(s)) in sent_back(s)
    assert open_dues(s, "clawback") == []
    refused(lambda: back(s.services, s.court.office, s.auction, "fees", "RET-1"),
            "nothing_receivable")  # fmt: skip


def test_the_command_line_refuses_in_one_line_and_writes_nothing(services, clock, tmp_path) -> None:
    s = sold(services, clock)
    env = {"FAPAI_DATABASE_URL": services.db.engine.url.render_as_string(hide_password=False),
           "FAPAI_DATA_DIR": str(tmp_path)}  # fmt: skip
    bureau, director = s.court.tokens["enforcement"], s.court.tokens["director"]
    lot = str(s.lot)
    wrong = ["case", "revoke-sale", lot, "debtor_paid", "已履行", "执异5号", "--token", bureau]
    refused_ = CliRunner().invoke(app, wrong, env=env)
    assert refused_.exit_code == 2
    assert "invalid_ground" in refused_.output
    early = ["case", "approve-sale-revocation", lot, "--token", director]
    refused_ = CliRunner().invoke(app, early, env=env)
    assert refused_.exit_code == 2
    assert "no_revocation_request" in refused_.output
    assert stage(s.services, s.lot) == "sold"


def test_undoing_a_sale_refunds_what_is_held_in_transfer_order_and_creates_no_money() -> None:
    """The pure rule: the deposit's transfer is refunded first, then the balance's; what
    was paid out is owed and receivable in equal amounts; books that do not add up
    to what the buyer paid are refused rather than guessed at."""
    money = SaleMoney(
        7, [("registration:3", 100), ("transfer:B", 900)], proceeds_held=0,
        allocated_held={"creditor": 250, "fees": 0}, paid_out={"fees": 50, "surplus": 700},
    )  # fmt: skip
    done = undo_sale(money)
    assert sum(p.amount for p in done.postings) == 0
    assert done.refunds == [("registration:3", 100), ("transfer:B", 150)]
    assert done.owed == [("transfer:B", 750)]
    assert done.receivables == [("fees", 50), ("surplus", 700)]
    with pytest.raises(MoneyMismatch):
        undo_sale(dataclasses.replace(money, proceeds_held=1))


def test_the_revoked_sales_allocation_cannot_be_reversed_afterwards(services, clock) -> None:
    """Issue 13's reversal takes money back from the payables: once the revocation has
    returned it to the buyer there is nothing there, and the reversal is refused rather
    than leaving the books in debit."""
    s = sold(services, clock)
    pay_balance(s.services, s.buyer, s.auction)
    allocate(s)
    with s.services.db.read() as tx:
        lines = tx.lines(P.payable("fees", s.auction), s.court.id)
    allocation = next(x.transaction_id for x in lines if x.kind == "proceeds.allocated")
    revoke(s)
    refused(lambda: corrections.request_reversal(
        s.services, s.court.office, allocation, "分配有误"), "moved_on")  # fmt: skip
