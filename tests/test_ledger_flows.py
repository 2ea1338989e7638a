"""The court's ledger in explicit scenarios, with exact figures in fen.

Every yuan an auction moves is a balanced posting on the court's dedicated account
(网络司法拍卖专用账户, OJA Art 6(8)): deposits in the bidder's own name (Art 17),
losing deposits back within 24 hours of the close (Art 23), the buyer's deposit counted
towards the price and the balance paid by the announced deadline (Art 23, 25), a
defaulter's deposit applied in the order of Art 24, the proceeds split fees first
(seed 003 Art 18), and the bank statement reconciled with the books. Each test runs on
SQLite and on PostgreSQL through the ``services`` fixture; the conftest checks the
whole ledger again after every test.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

import support
from fapai.app.accounts import courts, principals
from fapai.app.auctions import bidding, closing, registration, setup
from fapai.app.auctions.registration import NoticeOutcome
from fapai.app.cases import settlement
from fapai.app.errors import AppError, Kind
from fapai.app.ledger import checks, flows, reconciliation
from fapai.app.services import Services
from fapai.domain.beijing_time import BEIJING
from fapai.domain.ledger import postings as P
from fapai.domain.ledger.rules import apply_forfeiture
from fapai.domain.money import format_yuan, parse_yuan
from fapai.storage.tables import bank_statement_lines
from support import T0, Bidder, Clock

YUAN = 100  # fen
DAY = timedelta(days=1)
FEES_PAYEE = settlement.PayeeAccount("某拍卖辅助机构", "6222 0001")
CREDITOR = settlement.Creditor(settlement.PayeeAccount("申请执行人", "3100 0001"), 10**12)


def plan(fees: int) -> settlement.Allocation:
    """Fees to the auxiliary institution, everything else to one creditor."""
    return settlement.Allocation(fees, FEES_PAYEE, [CREDITOR], None)


# -- helpers -----------------------------------------------------------------------------------


def notify(
    services: Services, order_ref: str, amount: int, payer: str, bank_ref: str
) -> NoticeOutcome:
    """The simulated bank's signed notice of one transfer, delivered to the callback."""
    body, signature = services.gateway.notice(  # type: ignore[attr-defined]
        order_ref, amount, payer, bank_ref
    )
    return registration.accept_bank_notice(services, body, signature)


def order_deposit(services: Services, who: Bidder, auction_id: int) -> str:
    registration.register(services, who.account_id, auction_id, True)
    return registration.request_deposit(services, who.account_id, auction_id).order_ref


def pay(
    services: Services, who: Bidder, auction_id: int, bank_ref: str, payer: str | None = None
) -> NoticeOutcome:
    """Register ``who`` and pay the deposit by one transfer named ``bank_ref``."""
    order = order_deposit(services, who, auction_id)
    return notify(services, order, deposit_of(services, auction_id), payer or who.name, bank_ref)


def deposit_of(services: Services, auction_id: int) -> int:
    with services.db.read() as tx:
        found = tx.auction(auction_id)
    assert found is not None
    return found.deposit


def bid(services: Services, who: Bidder, auction_id: int, amount: str) -> str | None:
    """Place a bid; the refusal reason, or None when accepted."""
    result = bidding.place_bid(services, who.account_id, auction_id, amount, f"k-{amount}")
    return result.bid.reason


def balances(services: Services, court_id: int) -> dict[str, int]:
    with services.db.read() as tx:
        return {a: b for a, b in tx.balances(court_id).items() if b}


def balance(services: Services, account: str) -> int:
    with services.db.read() as tx:
        return tx.balance(account)


def open_dues(services: Services, court_id: int) -> list:
    with services.db.read() as tx:
        return tx.dues(court_id, open_only=True)


def registration_of(services: Services, who: Bidder, auction_id: int):
    with services.db.read() as tx:
        found = tx.registration(auction_id, who.account_id)
    assert found is not None
    return found


def auction_status(services: Services, auction_id: int) -> str:
    with services.db.read() as tx:
        found = tx.auction(auction_id)
    assert found is not None
    return found.status


@contextmanager
def refused(code: str, kind: Kind | None = None) -> Iterator[None]:
    """Expect the use case inside to refuse with ``code`` (and ``kind``)."""
    with pytest.raises(AppError) as caught:
        yield
    assert caught.value.code == code, (caught.value.code, caught.value.message_en)
    if kind is not None:
        assert caught.value.kind is kind


def problems_of(services: Services) -> list[str]:
    return [p.check for p in checks.check(services.db, services.clock())]


class Sale:
    """One court, one auction (start 100,000 yuan, increment 1,000, deposit 10,000)."""

    def __init__(self, services: Services, clock: Clock, code: str = "sh-1zy", **terms: str):
        self.services = services
        self.clock = clock
        self.office = support.office(services, code)
        self.court_id = self.office.court_id
        self.enforcement, _ = support.court_user(services, self.court_id, "enforcement")
        # a second office user: who pays out is not who allocated (四眼原则)
        self.cashier = principals.authenticate(
            services,
            courts.create_court_user(services, self.court_id, f"{code}-cashier", "auction_office"),
        )
        self.auction_id = support.auction(services, self.office, **terms)
        self.bank = P.bank(self.court_id)

    def reauction_closed(self) -> None:
        """The lot auctioned again after the default, and closed unsold (OJA Art 24)."""
        with self.services.db.read() as tx:
            old = tx.auction(self.auction_id)
        assert old is not None
        starts = self.clock() + DAY
        again = setup.create_auction(
            self.services, self.office, old.lot_id, 1, old.start_price, old.increment,
            old.deposit, starts, starts + DAY,
        )  # fmt: skip
        self.clock.set(starts + DAY)
        assert closing.close_due(self.services) == [again]

    def name_payees(self, *kinds: str) -> None:
        for kind in kinds:
            payee = settlement.PayeeAccount(f"{kind} 的收款人", f"6222 {kind}")
            settlement.name_payee(self.services, self.office, self.auction_id, kind, payee)

    def deposit_account(self, who: Bidder) -> str:
        reg = registration_of(self.services, who, self.auction_id)
        return P.deposit(self.auction_id, reg.id)

    def close_at_end(self) -> datetime:
        self.clock.set(T0 + DAY)
        assert closing.close_due(self.services) == [self.auction_id]
        return T0 + DAY


def sold_sale(services: Services, clock: Clock) -> tuple[Sale, Bidder, Bidder]:
    """Two bidders pay 10,000 yuan each; 乙 buys at 120,000 yuan."""
    sale = Sale(services, clock)
    a, b = support.bidder(services, "张甲"), support.bidder(services, "李乙")
    assert pay(services, a, sale.auction_id, "IN-A").status == "confirmed"
    assert pay(services, b, sale.auction_id, "IN-B").status == "confirmed"
    clock.set(T0 + timedelta(hours=1))
    assert bid(services, a, sale.auction_id, "100000.00") is None
    assert bid(services, b, sale.auction_id, "120000.00") is None
    return sale, a, b


def pay_balance(
    services: Services, who: Bidder, auction_id: int, bank_ref: str, payer: str | None = None
) -> NoticeOutcome:
    order = registration.request_balance(services, who.account_id, auction_id)
    amount = parse_yuan(order.amount)
    assert amount is not None
    return notify(services, order.order_ref, amount, payer or who.name, bank_ref)


# -- a sale, from the deposits to the payouts --------------------------------------------------


def test_sold_auction_money_from_deposits_to_payouts(services: Services, clock: Clock) -> None:
    """OJA Art 17, 23, 25 and seed 003 Art 18, to the fen."""
    sale, a, b = sold_sale(services, clock)
    court, auction_id = sale.court_id, sale.auction_id
    dep_a, dep_b = sale.deposit_account(a), sale.deposit_account(b)
    assert balances(services, court) == {
        sale.bank: 20_000 * YUAN,
        dep_a: -10_000 * YUAN,
        dep_b: -10_000 * YUAN,
    }

    closed_at = sale.close_at_end()
    reg_a = registration_of(services, a, auction_id)
    refund_a = P.refund(f"registration:{reg_a.id}")
    assert balances(services, court) == {
        sale.bank: 20_000 * YUAN,
        refund_a: -10_000 * YUAN,
        P.proceeds(auction_id): -10_000 * YUAN,
    }
    assert registration_of(services, a, auction_id).deposit_status == "released"
    assert registration_of(services, b, auction_id).deposit_status == "applied"
    dues = {d.kind: d for d in open_dues(services, court)}
    assert set(dues) == {"refund", "balance"}
    # OJA Art 23: the loser's deposit comes back within 24 hours of the close.
    assert dues["refund"].account == refund_a
    assert dues["refund"].amount == 10_000 * YUAN
    assert dues["refund"].due_at == closed_at + timedelta(hours=24)
    # OJA Art 25: the balance by the announced deadline (10 days by default), counted by
    # CPL Art 85: closed on Wednesday 2 December, the tenth day is Saturday 12 December,
    # so the period runs to the end of Monday 14 December, Beijing time.
    assert dues["balance"].account == P.proceeds(auction_id)
    assert dues["balance"].amount == 110_000 * YUAN
    assert closed_at == datetime(2026, 12, 2, 10, 0, tzinfo=BEIJING)
    assert dues["balance"].due_at == datetime(2026, 12, 15, 0, 0, tzinfo=BEIJING)

    assert flows.send_due_refunds(services) == 1
    assert balance(services, sale.bank) == 10_000 * YUAN
    assert balance(services, refund_a) == 0
    assert [d.kind for d in open_dues(services, court)] == ["balance"]
    assert flows.send_due_refunds(services) == 0  # nothing sent twice

    clock.set(closed_at + timedelta(days=3))
    assert pay_balance(services, b, auction_id, "IN-BAL").status == "confirmed"
    assert balance(services, sale.bank) == 120_000 * YUAN
    assert balance(services, P.proceeds(auction_id)) == -120_000 * YUAN
    assert open_dues(services, court) == []

    settlement.allocate_proceeds(services, sale.office, auction_id, plan(1_500 * YUAN))
    assert balances(services, court) == {
        sale.bank: 120_000 * YUAN,
        P.payable("fees", auction_id): -1_500 * YUAN,
        P.payable("creditor", auction_id): -118_500 * YUAN,
    }
    with refused("fees_first", Kind.CONFLICT):  # HTTP 409
        settlement.pay_out(services, sale.cashier, auction_id, "creditor")
    with refused("four_eyes", Kind.FORBIDDEN):
        settlement.pay_out(services, sale.office, auction_id, "fees")
    assert settlement.pay_out(services, sale.cashier, auction_id, "fees") == 1_500 * YUAN
    assert settlement.pay_out(services, sale.cashier, auction_id, "creditor") == 118_500 * YUAN
    assert balances(services, court) == {}
    with refused("nothing_payable", Kind.CONFLICT):
        settlement.pay_out(services, sale.cashier, auction_id, "creditor")
    with refused("nothing_to_allocate", Kind.CONFLICT):
        settlement.allocate_proceeds(services, sale.office, auction_id, plan(0))
    assert problems_of(services) == []


def test_allocation_needs_the_full_price_and_the_office(services: Services, clock: Clock) -> None:
    """Proceeds are split only once the whole price is in (OJA Art 25), by the auction
    office, never by enforcement (执拍分离), and fees never exceed the proceeds nor the
    FEE Art 14 schedule on the price (seed 003 Art 18: 1,700 yuan on 120,000)."""
    sale, _a, b = sold_sale(services, clock)
    sale.close_at_end()
    with refused("not_fully_paid", Kind.CONFLICT):
        settlement.allocate_proceeds(services, sale.office, sale.auction_id, plan(0))
    assert pay_balance(services, b, sale.auction_id, "IN-BAL").status == "confirmed"
    with refused("role_not_allowed", Kind.FORBIDDEN):
        settlement.allocate_proceeds(services, sale.enforcement, sale.auction_id, plan(0))
    with refused("fees_exceed_proceeds", Kind.INVALID):
        settlement.allocate_proceeds(
            services, sale.office, sale.auction_id, plan(120_000 * YUAN + 1)
        )
    with refused("fees_over_cap", Kind.INVALID):
        settlement.allocate_proceeds(services, sale.office, sale.auction_id, plan(120_000 * YUAN))
    with refused("negative_amount", Kind.INVALID):
        settlement.allocate_proceeds(services, sale.office, sale.auction_id, plan(-1))
    with refused("invalid_payee", Kind.INVALID):
        settlement.pay_out(services, sale.office, sale.auction_id, "bidder")
    settlement.allocate_proceeds(services, sale.office, sale.auction_id, plan(1_700 * YUAN))
    assert balance(services, P.payable("fees", sale.auction_id)) == -1_700 * YUAN
    assert balance(services, P.payable("creditor", sale.auction_id)) == -118_300 * YUAN
    flows.send_due_refunds(services)


def test_balance_from_someone_else_or_twice_is_refunded(services: Services, clock: Clock) -> None:
    """Only the buyer pays the balance, once (OJA Art 17, 25): a third party's transfer and
    a second transfer are owed back within 24 hours and leave the price as it was."""
    sale, _a, b = sold_sale(services, clock)
    sale.close_at_end()
    flows.send_due_refunds(services)
    order = registration.request_balance(services, b.account_id, sale.auction_id).order_ref
    third = notify(services, order, 110_000 * YUAN, "王丙", "IN-BAL-X")
    assert (third.status, third.reason) == ("refused", "payer_not_bidder")
    assert balance(services, P.proceeds(sale.auction_id)) == -10_000 * YUAN
    second = registration.request_balance(services, b.account_id, sale.auction_id).order_ref
    assert second != order  # the refused order is done with; a new one is issued
    wrong = notify(services, second, 100_000 * YUAN, b.name, "IN-BAL-W")
    assert (wrong.status, wrong.reason) == ("refused", "wrong_amount")
    again = registration.request_balance(services, b.account_id, sale.auction_id).order_ref
    assert notify(services, again, 110_000 * YUAN, b.name, "IN-BAL").status == "confirmed"
    assert {d.kind for d in open_dues(services, sale.court_id)} == {"refund"}
    with refused("balance_paid", Kind.CONFLICT):
        registration.request_balance(services, b.account_id, sale.auction_id)
    # the paid order paid again by a second transfer: refused as already paid
    twice = notify(services, again, 110_000 * YUAN, b.name, "IN-BAL-2")
    assert (twice.status, twice.reason) == ("refused", "already_paid")
    assert balance(services, sale.bank) == 10_000 * YUAN + 110_000 * YUAN * 3 + 100_000 * YUAN
    assert flows.send_due_refunds(services) == 3
    assert balance(services, sale.bank) == 120_000 * YUAN
    assert balance(services, P.proceeds(sale.auction_id)) == -120_000 * YUAN
    assert open_dues(services, sale.court_id) == []


# -- a default (悔拍) ---------------------------------------------------------------------------


def test_default_forfeits_the_deposit_and_applies_it_in_art_24_order(
    services: Services, clock: Clock
) -> None:
    """OJA Art 24: the defaulter's deposit is not refunded; it goes to the auction's costs,
    the re-auction's shortfall, the debtor's debt in the case, and the rest to the debtor's
    other debts related to the property."""
    sale, _a, b = sold_sale(services, clock)
    auction_id = sale.auction_id
    assert sale.close_at_end() == datetime(2026, 12, 2, 10, 0, tzinfo=BEIJING)
    flows.send_due_refunds(services)
    order = registration.request_balance(services, b.account_id, auction_id).order_ref
    with refused("role_not_allowed", Kind.FORBIDDEN):
        settlement.record_default(services, sale.office, auction_id)
    due_at = datetime(2026, 12, 15, 0, 0, tzinfo=BEIJING)  # the end of the 10 days (above)
    clock.set(due_at - timedelta(seconds=1))
    with refused("balance_not_yet_due", Kind.CONFLICT):
        settlement.record_default(services, sale.enforcement, auction_id)
    with refused("nothing_forfeited", Kind.CONFLICT):
        settlement.apply_forfeited_deposit(services, sale.enforcement, auction_id, 0, 0, 0)
    assert auction_status(services, auction_id) == "sold"

    clock.set(due_at)
    flows.raise_alerts(services)  # the balance is overdue now: the deadline board says so
    settlement.record_default(services, sale.enforcement, auction_id)
    assert auction_status(services, auction_id) == "defaulted"
    assert balances(services, sale.court_id) == {
        sale.bank: 10_000 * YUAN,
        P.forfeit(auction_id): -10_000 * YUAN,
    }
    assert open_dues(services, sale.court_id) == []  # the balance will not come
    with refused("no_balance_due", Kind.CONFLICT):
        settlement.record_default(services, sale.enforcement, auction_id)
    # a late balance transfer is no longer kept: it is owed back
    late = notify(services, order, 110_000 * YUAN, b.name, "IN-LATE")
    assert late.status == "refused"
    assert flows.send_due_refunds(services) == 1

    with refused("negative_amount", Kind.INVALID):
        settlement.apply_forfeited_deposit(services, sale.enforcement, auction_id, -1, 0, 0)
    with refused("role_not_allowed", Kind.FORBIDDEN):
        settlement.apply_forfeited_deposit(services, sale.office, auction_id, 0, 0, 0)
    with refused("reauction_not_closed", Kind.CONFLICT):
        settlement.apply_forfeited_deposit(services, sale.enforcement, auction_id, 0, 0, 0)
    sale.reauction_closed()
    settlement.apply_forfeited_deposit(
        services, sale.enforcement, auction_id, 2_000 * YUAN, 5_000 * YUAN, 1_000 * YUAN
    )
    assert balances(services, sale.court_id) == {
        sale.bank: 10_000 * YUAN,
        P.payable("costs", auction_id): -2_000 * YUAN,
        P.payable("shortfall", auction_id): -5_000 * YUAN,
        P.payable("creditor", auction_id): -1_000 * YUAN,
        P.payable("other", auction_id): -2_000 * YUAN,
    }
    with refused("nothing_forfeited", Kind.CONFLICT):
        settlement.apply_forfeited_deposit(services, sale.enforcement, auction_id, 0, 0, 0)
    with refused("not_fully_paid", Kind.CONFLICT):
        settlement.allocate_proceeds(services, sale.office, auction_id, plan(0))
    with refused("no_payee", Kind.CONFLICT):
        settlement.pay_out(services, sale.cashier, auction_id, "other")
    sale.name_payees("other", "creditor", "shortfall", "costs")
    paid = {
        kind: settlement.pay_out(services, sale.cashier, auction_id, kind)
        for kind in ("other", "creditor", "shortfall", "costs")
    }
    assert paid == {
        "other": 2_000 * YUAN,
        "creditor": 1_000 * YUAN,
        "shortfall": 5_000 * YUAN,
        "costs": 2_000 * YUAN,
    }
    assert balances(services, sale.court_id) == {}
    assert problems_of(services) == []


def test_small_forfeited_deposit_leaves_later_buckets_empty(
    services: Services, clock: Clock
) -> None:
    """OJA Art 24 order with a deposit of 1,000 yuan: costs 600 are paid in full, the
    shortfall gets the 400 left, the debtor's debts get nothing."""
    sale = Sale(services, clock, start="10000.00", increment="100.00", deposit="1000.00")
    buyer = support.bidder(services, "赵丁")
    assert pay(services, buyer, sale.auction_id, "IN-D").status == "confirmed"
    clock.set(T0 + timedelta(hours=2))
    assert bid(services, buyer, sale.auction_id, "10000.00") is None
    closed_at = sale.close_at_end()
    registration.request_balance(services, buyer.account_id, sale.auction_id)  # never paid
    clock.set(closed_at + timedelta(days=13))  # the 10 days run to the end of Monday 14 Dec
    settlement.record_default(services, sale.enforcement, sale.auction_id)
    sale.reauction_closed()
    settlement.apply_forfeited_deposit(
        services, sale.enforcement, sale.auction_id, 600 * YUAN, 5_000 * YUAN, 1_000 * YUAN
    )
    assert balances(services, sale.court_id) == {
        sale.bank: 1_000 * YUAN,
        P.payable("costs", sale.auction_id): -600 * YUAN,
        P.payable("shortfall", sale.auction_id): -400 * YUAN,
    }
    for kind in ("creditor", "other"):
        with refused("nothing_payable", Kind.CONFLICT):
            settlement.pay_out(services, sale.cashier, sale.auction_id, kind)


# -- unsold, refused transfers, overdue refunds ------------------------------------------


def test_unsold_auction_refunds_every_deposit(services: Services, clock: Clock) -> None:
    """OJA Art 23: when nothing sells, every deposit comes back within 24 hours."""
    sale = Sale(services, clock)
    people = [support.bidder(services, name) for name in ("张甲", "李乙", "王丙")]
    for n, who in enumerate(people):
        assert pay(services, who, sale.auction_id, f"IN-{n}").status == "confirmed"
    assert balance(services, sale.bank) == 30_000 * YUAN
    closed_at = sale.close_at_end()
    assert auction_status(services, sale.auction_id) == "unsold"
    dues = open_dues(services, sale.court_id)
    assert sorted(d.amount for d in dues) == [10_000 * YUAN] * 3
    assert all(d.kind == "refund" for d in dues)
    assert all(d.due_at == closed_at + timedelta(hours=24) for d in dues)
    assert {registration_of(services, w, sale.auction_id).deposit_status for w in people} == {
        "released"
    }
    assert flows.send_due_refunds(services) == 3
    assert balances(services, sale.court_id) == {}
    assert open_dues(services, sale.court_id) == []
    with services.db.read() as tx:
        out = [line for line in tx.bank_transactions(sale.court_id) if line.amount < 0]
    assert sorted(line.amount for line in out) == [-10_000 * YUAN] * 3
    assert all(line.bank_ref for line in out)


def test_third_party_transfer_is_refused_and_sent_back(services: Services, clock: Clock) -> None:
    """OJA Art 17: the deposit is paid in the bidder's own name; a third party's money is
    not a deposit, is owed back within 24 hours, and leaves the bidder unable to bid."""
    sale = Sale(services, clock)
    who = support.bidder(services, "张甲")
    outcome = pay(services, who, sale.auction_id, "IN-X", payer="王丙")
    assert (outcome.status, outcome.reason) == ("refused", "payer_not_bidder")
    reg = registration_of(services, who, sale.auction_id)
    assert reg.deposit_status not in ("confirmed", "applied", "released")
    with services.db.read() as tx:
        payment = tx.pending_payment(reg.id, "deposit")
        refused_payment = [line for line in tx.lines("refund:", sale.court_id) if line.amount < 0]
    assert payment is None
    assert len(refused_payment) == 1
    refund_account = refused_payment[0].account
    assert balances(services, sale.court_id) == {
        sale.bank: 10_000 * YUAN,
        refund_account: -10_000 * YUAN,
    }
    (due,) = open_dues(services, sale.court_id)
    assert (due.kind, due.account, due.amount) == ("refund", refund_account, 10_000 * YUAN)
    assert due.due_at == T0 - DAY + timedelta(hours=24)
    clock.set(T0 + timedelta(hours=1))
    with refused("no_deposit", Kind.FORBIDDEN):
        bid(services, who, sale.auction_id, "100000.00")
    assert flows.send_due_refunds(services) == 1
    assert balances(services, sale.court_id) == {}
    assert open_dues(services, sale.court_id) == []
    assert registration_of(services, who, sale.auction_id).deposit_status == reg.deposit_status


def test_third_party_transfer_after_a_paid_deposit_keeps_the_deposit(
    services: Services, clock: Clock
) -> None:
    """A second transfer on a paid order (here from a third party) is refused and refunded;
    the bidder's confirmed deposit stays confirmed and held (OJA Art 17, 18)."""
    sale = Sale(services, clock)
    who = support.bidder(services, "张甲")
    order = order_deposit(services, who, sale.auction_id)
    assert notify(services, order, 10_000 * YUAN, who.name, "IN-1").status == "confirmed"
    second = notify(services, order, 10_000 * YUAN, "王丙", "IN-2")
    assert (second.status, second.reason) == ("refused", "payer_not_bidder")
    assert registration_of(services, who, sale.auction_id).deposit_status == "confirmed"
    assert balance(services, sale.bank) == 20_000 * YUAN
    assert flows.send_due_refunds(services) == 1
    own_again = notify(services, order, 10_000 * YUAN, who.name, "IN-3")
    assert (own_again.status, own_again.reason) == ("refused", "already_paid")
    assert registration_of(services, who, sale.auction_id).deposit_status == "confirmed"
    assert balance(services, sale.deposit_account(who)) == -10_000 * YUAN
    assert balance(services, sale.bank) == 20_000 * YUAN
    assert flows.send_due_refunds(services) == 1
    assert balance(services, sale.bank) == 10_000 * YUAN
    assert open_dues(services, sale.court_id) == []
    assert registration_of(services, who, sale.auction_id).deposit_status == "confirmed"


def test_two_refused_transfers_on_one_order_are_each_refunded(
    services: Services, clock: Clock
) -> None:
    """Two third parties pay the same order before the refunds run: each transfer is owed
    back to whoever sent it, and both refund dues are settled (OJA Art 23's 24 hours)."""
    sale = Sale(services, clock)
    who = support.bidder(services, "张甲")
    order = order_deposit(services, who, sale.auction_id)
    assert notify(services, order, 10_000 * YUAN, "王丙", "IN-X1").status == "refused"
    assert notify(services, order, 10_000 * YUAN, "李丁", "IN-X2").status == "refused"
    assert balance(services, sale.bank) == 20_000 * YUAN
    assert len(open_dues(services, sale.court_id)) == 2
    sent_back: list[tuple[str | None, int]] = []
    real_send = services.gateway.send

    def send(instruction_id: str, back_to: str | None, amount: int, memo: str) -> str:
        sent_back.append((back_to, amount))
        return real_send(instruction_id, back_to, amount, memo)

    services.gateway.send = send  # type: ignore[method-assign]
    try:
        flows.send_due_refunds(services)
    finally:
        del services.gateway.send
    assert balance(services, sale.bank) == 0
    assert sorted(sent_back, key=str) == [("IN-X1", 10_000 * YUAN), ("IN-X2", 10_000 * YUAN)]
    assert open_dues(services, sale.court_id) == []


def test_repeated_notice_of_an_earlier_transfer_moves_no_money(
    services: Services, clock: Clock
) -> None:
    """The bank may deliver a notice again (at-least-once); a repeat of *any* transfer the
    court already booked is harmless, not a second transfer. Otherwise money the court
    never received is booked, and refunded (seed 001: the ledger matches the bank)."""
    sale = Sale(services, clock)
    who = support.bidder(services, "张甲")
    order = order_deposit(services, who, sale.auction_id)
    assert notify(services, order, 10_000 * YUAN, who.name, "IN-1").status == "confirmed"
    assert notify(services, order, 10_000 * YUAN, "王丙", "IN-2").status == "refused"
    assert balance(services, sale.bank) == 20_000 * YUAN
    # the bank repeats its notice of the first transfer
    again = notify(services, order, 10_000 * YUAN, who.name, "IN-1")
    assert balance(services, sale.bank) == 20_000 * YUAN  # no money booked twice
    assert again.status == "confirmed"  # the same answer as the first time
    # and of the third party's transfer
    notify(services, order, 10_000 * YUAN, "王丙", "IN-2")
    assert balance(services, sale.bank) == 20_000 * YUAN
    flows.send_due_refunds(services)
    assert balance(services, sale.bank) == 10_000 * YUAN


def test_repeated_notice_of_the_latest_transfer_moves_no_money(
    services: Services, clock: Clock
) -> None:
    """The same notice twice in a row gives the same answer and books nothing more."""
    sale = Sale(services, clock)
    who = support.bidder(services, "张甲")
    order = order_deposit(services, who, sale.auction_id)
    first = notify(services, order, 10_000 * YUAN, "王丙", "IN-1")
    second = notify(services, order, 10_000 * YUAN, "王丙", "IN-1")
    assert first == second
    assert balance(services, sale.bank) == 10_000 * YUAN
    assert len(open_dues(services, sale.court_id)) == 1
    flows.send_due_refunds(services)


def test_wrong_amount_and_late_deposit_are_refunded(services: Services, clock: Clock) -> None:
    """A transfer of the wrong amount is not a deposit; one confirmed after the close is
    too late (OJA Art 18); both are owed back."""
    sale = Sale(services, clock)
    who, late = support.bidder(services, "张甲"), support.bidder(services, "李乙")
    order = order_deposit(services, who, sale.auction_id)
    wrong = notify(services, order, 9_999 * YUAN, who.name, "IN-W")
    assert (wrong.status, wrong.reason) == ("refused", "wrong_amount")
    late_order = order_deposit(services, late, sale.auction_id)
    sale.close_at_end()
    outcome = notify(services, late_order, 10_000 * YUAN, late.name, "IN-L")
    assert (outcome.status, outcome.reason) == ("refused", "auction_closed")
    assert balance(services, sale.bank) == 19_999 * YUAN
    assert flows.send_due_refunds(services) == 2
    assert balances(services, sale.court_id) == {}


def test_overdue_refund_needs_an_alert(services: Services, clock: Clock) -> None:
    """A refund not sent within 24 hours (OJA Art 23) is a breach the check reports until
    the alert job has raised it on the deadline board."""
    sale = Sale(services, clock)
    who = support.bidder(services, "张甲")
    paid_at = clock()
    assert pay(services, who, sale.auction_id, "IN-X", payer="王丙").status == "refused"
    (due,) = open_dues(services, sale.court_id)
    assert due.due_at == paid_at + timedelta(hours=24)
    clock.set(due.due_at + timedelta(seconds=59))  # inside the alert job's grace
    assert problems_of(services) == []
    clock.set(due.due_at + timedelta(seconds=61))
    found = checks.check(services.db, clock())
    assert [p.check for p in found] == ["alerts"]
    assert f"due #{due.id}" in found[0].detail
    assert flows.raise_alerts(services) == 1
    assert problems_of(services) == []
    assert flows.raise_alerts(services) == 0  # one alert per due
    (still,) = open_dues(services, sale.court_id)
    assert still.alerted


# -- the bank statement ----------------------------------------------------------------


def _statement(rows: list[tuple[str, int, str, str]]) -> str:
    lines = ["booked_on,amount,bank_ref,counterparty"]
    lines += [f"{day},{format_yuan(fen)},{ref},{who}" for day, fen, ref, who in rows]
    return "\n".join(lines) + "\n"


def test_reconcile_matches_the_statement_with_the_ledger(services: Services, clock: Clock) -> None:
    """The bank's statement of the dedicated account is matched transfer by transfer
    (OJA Art 6(8)): what matches, what only the bank has, what only the books have, and
    where the amounts differ."""
    sale, _a, b = sold_sale(services, clock)
    sale.close_at_end()
    flows.send_due_refunds(services)
    assert pay_balance(services, b, sale.auction_id, "IN-BAL").status == "confirmed"
    with services.db.read() as tx:
        booked = tx.bank_transactions(sale.court_id)
    refs = [line.bank_ref for line in booked]
    assert all(refs)
    assert len(refs) == len(set(refs)) == 4  # two deposits, one refund, one balance
    outgoing = next(line for line in booked if line.amount < 0)
    rows = []
    for line in booked:
        if line.bank_ref == "IN-A":
            continue  # the bank's statement lacks it
        amount = line.amount - 1 if line is outgoing else line.amount
        rows.append((line.at.date().isoformat(), amount, line.bank_ref or "", "某某"))
    rows.append(("2026-12-03", 500 * YUAN, "EXTRA-1", "不明来款"))
    result = reconciliation.reconcile_as(services, sale.office, "stmt-1", _statement(rows))
    assert result.matched == 2
    assert [(s.bank_ref, s.amount) for s in result.only_in_statement] == [("EXTRA-1", 500 * YUAN)]
    assert result.only_in_statement[0].line == len(rows) + 1
    assert result.amount_differs == [(outgoing.bank_ref, outgoing.amount - 1, outgoing.amount)]
    assert result.only_in_ledger == [("IN-A", 10_000 * YUAN)]
    described = reconciliation.describe(result)
    assert described["only_in_ledger"] == [{"bank_ref": "IN-A", "amount": "10000.00"}]
    assert described["amount_differs"] == [
        {"bank_ref": outgoing.bank_ref, "statement": "-10000.01", "ledger": "-10000.00"}
    ]
    assert support.row_count(services, bank_statement_lines) == len(rows)


def test_reconcile_is_for_the_office(services: Services, clock: Clock) -> None:
    """Only the auction office imports the statement (issue 14 item 16)."""
    sale = Sale(services, clock)
    supervisor, _ = support.court_user(services, sale.court_id, "supervisor")
    for someone in (sale.enforcement, supervisor):
        with refused("role_not_allowed", Kind.FORBIDDEN):
            reconciliation.reconcile_as(services, someone, "s", _statement([]))
    assert support.row_count(services, bank_statement_lines) == 0


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("date,amount,ref,who\n2026-12-01,1.00,R1,x\n", 1),
        ("booked_on,amount,bank_ref,counterparty\n2026-12-01,1.00,R1,x\n2026-12-01,12,3,R2,x\n", 3),
        (
            'booked_on,amount,bank_ref,counterparty\n2026-12-01,1.00,R1,x\n2026-12-01,"12,3",R2,x\n',
            3,
        ),
        ("booked_on,amount,bank_ref,counterparty\n2026-12-01,1.00,R1\n", 2),
        ("booked_on,amount,bank_ref,counterparty\n2026-12-01,1.00,,x\n", 2),
        ("booked_on,amount,bank_ref,counterparty\n2026-12-01,abc,R1,x\n", 2),
        ("booked_on,amount,bank_ref,counterparty\n12-01,1.00,R1,x\n", 2),
        ("", 1),
    ],
)
def test_malformed_statement_is_refused_whole(
    services: Services, clock: Clock, text: str, line: int
) -> None:
    """A statement that cannot be read is refused with the line at fault; nothing of it
    is stored."""
    sale = Sale(services, clock)
    with pytest.raises(AppError) as caught:
        reconciliation.reconcile_as(services, sale.office, "bad", text)
    assert caught.value.kind is Kind.INVALID
    assert caught.value.code == "bad_statement"
    if line == 1:
        assert "first line" in caught.value.message_en
    else:
        assert f"line {line}" in caught.value.message_en
        assert f"第{line}行" in caught.value.message_zh
    assert support.row_count(services, bank_statement_lines) == 0


# -- the domain rules, without a database ------------------------------------------------


def test_check_refuses_transactions_that_create_or_lose_money() -> None:
    """A transaction's postings sum to zero, move whole non-zero fen, and are at least two."""
    P.check(P.transfer("bank:1", "deposit:1:1", 100))
    with pytest.raises(P.Unbalanced):
        P.check([])
    with pytest.raises(P.Unbalanced):
        P.check([P.Posting("bank:1", 100)])
    with pytest.raises(P.Unbalanced):
        P.check([P.Posting("bank:1", 0), P.Posting("deposit:1:1", 0)])
    with pytest.raises(P.Unbalanced):
        P.check([P.Posting("bank:1", 100), P.Posting("deposit:1:1", -99)])
    with pytest.raises(P.Unbalanced):
        P.check([P.Posting("bank:1", 100), P.Posting("a", -100), P.Posting("b", 0)])
    with pytest.raises(P.Unbalanced):
        P.check([P.Posting("bank:1", 1.5), P.Posting("a", -1.5)])  # type: ignore[arg-type]
    with pytest.raises(P.Unbalanced):
        P.check([P.Posting("bank:1", True), P.Posting("a", -1)])  # type: ignore[arg-type]
    assert P.reversal(P.transfer("a", "b", 5)) == [P.Posting("a", -5), P.Posting("b", 5)]


def test_apply_forfeiture_refuses_negative_amounts() -> None:
    with pytest.raises(ValueError, match="negative"):
        apply_forfeiture(1, 100, -1, 0, 0)


money = st.integers(min_value=0, max_value=10**9)


@given(amount=st.integers(min_value=1, max_value=10**9), costs=money, shortfall=money, debt=money)
def test_apply_forfeiture_follows_the_art_24_order(
    amount: int, costs: int, shortfall: int, debt: int
) -> None:
    """OJA Art 24: the forfeited deposit fills costs, then the shortfall, then the debtor's
    debt, and only the rest goes to other debts; nothing is created or lost."""
    postings = apply_forfeiture(7, amount, costs, shortfall, debt)
    P.check(postings)  # balanced, whole, non-zero
    assert postings[0] == P.Posting(P.forfeit(7), amount)
    got = dict.fromkeys(("costs", "shortfall", "creditor", "other"), 0)
    for p in postings[1:]:
        kind = p.account.split(":")[1]
        assert p.account == P.payable(kind, 7)
        assert p.amount < 0
        got[kind] -= p.amount
    owed = {"costs": costs, "shortfall": shortfall, "creditor": debt}
    assert sum(got.values()) == amount
    order = ["costs", "shortfall", "creditor", "other"]
    for n, kind in enumerate(order):
        if kind != "other":
            assert got[kind] <= owed[kind]
        if got[kind]:  # a later bucket gets money only if every earlier one is full
            assert all(got[k] == owed[k] for k in order[:n])
    assert got["costs"] == min(amount, costs)
    assert got["other"] == max(amount - costs - shortfall - debt, 0)
