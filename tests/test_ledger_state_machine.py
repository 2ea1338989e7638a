"""Random sequences of everything that moves money, checked against our own model.

Hypothesis drives one court through auctions, registrations, deposits paid in the
bidder's own name or someone else's or for the wrong amount (OJA Art 17), bids in and
out of the window (Art 20), closes (Art 22-23), refunds, balances (Art 25), defaults
and the forfeiture order (Art 24), the allocation and payouts (fees first, seed 003
Art 18) and alerts. After every step the ledger must hold:

* ``checks.check`` finds nothing (overdue dues may wait for the alert job);
* every account's balance sums to zero over the books (no money created or lost);
* the court's bank account holds exactly what arrived minus what was sent out, as this
  model counts every transfer and every refund and payout;
* each registration's deposit is held exactly as the model says, and every other
  account (refunds, proceeds, forfeits, payables) holds what the model says;
* no refund or payable account is ever positive (the court never owes less than 0).

The bank is a faulty one (``faulty_bank.py``): it declines, times out, pays and loses
its answer, or pays later, as the steps script it. The model counts what the bank told
fapai it paid; at the end of every example the bank's faults stop, time passes, and the
bank's own record of what it paid and the ledger must agree to the fen, with no refund
ever paid twice and no instruction sent again without asking the bank first.

Use cases only: the test writes no SQL. Refusals (``AppError``) are expected exactly
where the model says so, with the model's code; any other exception is a bug.
"""

from __future__ import annotations

import dataclasses
import itertools
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

import support
from fapai.app.accounts import bidders, courts, principals
from fapai.app.accounts.principals import BidderPrincipal
from fapai.app.auctions import bidding, closing, registration, setup
from fapai.app.cases import settlement
from fapai.app.errors import AppError
from fapai.app.ledger import checks, flows
from fapai.app.services import Services
from fapai.domain.calendar import WeekendCalendar, period_deadline
from fapai.domain.identity import check_character
from fapai.domain.ledger import postings as P
from fapai.domain.ledger.fees import auxiliary_fee_cap
from fapai.domain.rules import SOFT_CLOSE_EXTENSION
from faulty_bank import FAULTS, FaultyBank
from support import Bidder, Clock

START, INCREMENT = 1_000_00, 100_00  # fen: 1,000 yuan, steps of 100 yuan
DEPOSITS = (50_00, 100_00, 200_00)  # 5%, 10%, 20% of the start (OJA Art 17)
BALANCE_DAYS = 10
# The most days a period's end can move past rest days here (a weekend; the Spring
# Festival and National Day lie outside the tests' December), plus its last day.
LONGEST_ROLL = 4
REFUND_PERIOD = timedelta(hours=24)
PAID = ("confirmed", "applied", "released")
NAMES = ("张甲", "李乙", "王丙", "赵丁", "钱戊")
THIRD_PARTY = "孙案外"
TRANSFERS = st.sampled_from(["own", "own", "own", "third_party", "wrong_amount"])
# True: the enforcement user, False: the auction office (mostly the right one)
ROLE = st.sampled_from([True, False, False])
_courts = itertools.count(1)


@dataclass
class Auction:
    id: int
    deposit: int
    status: str = "open"
    price: int | None = None
    leader: int | None = None  # registration id
    effective_end: datetime = datetime.min
    balance_open: bool = False
    balance_amount: int = 0
    balance_due_at: datetime | None = None
    proceeds: int = 0
    forfeit: int = 0
    payable: dict[str, int] = field(default_factory=dict)
    payees: set[str] = field(default_factory=set)  # payable kinds with a named payee
    reauctioned: bool = False  # the lot auctioned again after a default, and closed


@dataclass
class Registration:
    id: int
    auction_id: int
    bidder: int  # index into the machine's bidders
    status: str = "unpaid"
    held: int = 0


@dataclass
class Payment:
    order_ref: str
    id: int
    registration: Registration
    purpose: str
    amount: int
    status: str = "pending"
    bank_ref: str | None = None
    notices: list[tuple[int, str, str]] = field(default_factory=list)  # amount, payer, ref


_people = itertools.count(1)


def new_bidder(services: Services, name: str) -> Bidder:
    """A bidder account with an ID number of its own (many examples share one database)."""
    n = next(_people)
    day = date(1990, 1, 1) + timedelta(days=n // 1000)
    body = f"110101{day:%Y%m%d}{n % 1000:03d}"
    id_number = body + check_character(body)
    phone = f"137{n:08d}"
    token = bidders.create_account(
        services, name, id_number, phone, support.phone_code(services, phone)
    )[1].token
    who = principals.authenticate(services, token)
    assert isinstance(who, BidderPrincipal)
    return Bidder(name, id_number, phone, token, who.account_id)


class LedgerMachine(RuleBasedStateMachine):
    def __init__(self, services: Services, clock: Clock) -> None:
        super().__init__()
        self.bank = FaultyBank(services.cipher, services.clock)
        # Each example runs in its own stretch of time, six weeks on, on a calendar of
        # weekends only: the same steps then meet the same weekdays and no holiday, so an
        # example behaves alike wherever it falls (Hypothesis replays the steps it chose
        # and stops as flaky when a period ends on another day the second time).
        self.services = dataclasses.replace(services, gateway=self.bank, calendar=WeekendCalendar())
        self.clock = clock
        clock.advance(days=42)
        number = next(_courts)
        self.office = support.office(services, f"lsm-{number}")
        self.court_id = self.office.court_id
        self.enforcement, _ = support.court_user(services, self.court_id, "enforcement")
        cashier = principals.authenticate(
            services,
            courts.create_court_user(services, self.court_id, f"lsm-{number}-2", "auction_office"),
        )
        self.cashier = cashier  # pays out what the office allocated (四眼原则)
        self.starts_at = clock() + timedelta(hours=1)
        self.auctions: dict[int, Auction] = {}
        self.bidders: list[Bidder] = []
        self.registrations: dict[tuple[int, int], Registration] = {}
        self.payments: dict[str, Payment] = {}
        self.refunds: dict[str, int] = {}  # refund account -> owed (positive)
        self.money_in = 0
        self.money_out = 0
        self.learned: set[str] = set()  # instruction ids whose payment the model looked at
        self.ours: set[str] = set()  # those paying this example's court's money
        self.refs = itertools.count(1)
        self.keys = itertools.count(1)

    # -- helpers ---------------------------------------------------------------------------

    def now(self) -> datetime:
        return self.clock()

    def expect(self, call, refusal: str | None):  # type: ignore[no-untyped-def]
        """Run ``call``: it must succeed when ``refusal`` is None (any exception is then a
        bug), else refuse with exactly that code and write nothing."""
        if refusal is None:
            return call()
        with pytest.raises(AppError) as caught:
            call()
        assert caught.value.code == refusal, (caught.value.code, refusal)
        return None

    def payments_in_order(self) -> list[Payment]:
        """The payments as they were ordered: their references are random, so sorting by
        them would pick another payment when Hypothesis replays the same steps."""
        return sorted(self.payments.values(), key=lambda p: p.id)

    def auction_ids(self) -> list[int]:
        return sorted(self.auctions)

    def pick(self, data: st.DataObject, wanted) -> Auction:  # type: ignore[no-untyped-def]
        """Mostly an auction where the step can succeed, sometimes any (to be refused)."""
        fitting = [a for a in sorted(self.auctions) if wanted(self.auctions[a])]
        choices = fitting if fitting and data.draw(st.integers(0, 3)) else self.auction_ids()
        return self.auctions[data.draw(st.sampled_from(choices))]

    def closed(self) -> list[int]:
        return sorted(a.id for a in self.auctions.values() if a.status != "open")

    def user(self, enforcement: bool):  # type: ignore[no-untyped-def]
        return self.enforcement if enforcement else self.office

    # -- setting up ------------------------------------------------------------------------

    @initialize(
        data=st.data(),
        deposit=st.sampled_from(DEPOSITS),
        people=st.integers(1, 3),
        paying=st.integers(0, 3),
        bids=st.integers(0, 3),
        stage=st.sampled_from(["bidding", "closed", "paid", "paid", "overdue", "overdue"]),
    )
    def one_auction_and_its_bidders(
        self, data: st.DataObject, deposit: int, people: int, paying: int, bids: int, stage: str
    ) -> None:
        """Examples start from an auction with registered bidders, some of whom have paid
        their deposits and bid, so that the random steps reach the close and beyond."""
        self.create_auction(deposit)
        (auction_id,) = self.auctions
        for _ in range(people):
            self.new_bidder()
            index = len(self.bidders) - 1
            created = registration.register(
                self.services, self.bidders[index].account_id, auction_id, True
            )
            self.registrations[auction_id, index] = Registration(created.id, auction_id, index)
        regs = list(self.registrations.values())
        for reg in regs[:paying]:
            order_ref = self._order_deposit(reg)
            assert order_ref is not None
            self._transfer(self.payments[order_ref], data, "own")
        paid = [reg for reg in regs if reg.status == "confirmed"]
        for n in range(bids if paid else 0):
            self._bid(paid[n % len(paid)], "least", data)
        if stage != "bidding":
            self.run_to_the_close(0)
        auction = self.auctions[auction_id]
        if stage == "paid" and auction.status == "sold":
            self.pay_balance(data, "own")
        if stage == "overdue":  # the balance deadline passes unpaid (OJA Art 24-25)
            self.clock.advance(days=BALANCE_DAYS + LONGEST_ROLL)

    @precondition(lambda self: len(self.auctions) < 3)
    @rule(deposit=st.sampled_from(DEPOSITS))
    def create_auction(self, deposit: int) -> None:
        auction_id = support.auction(
            self.services, self.office, start=f"{START / 100:.2f}",
            increment=f"{INCREMENT / 100:.2f}", deposit=f"{deposit / 100:.2f}",
            starts_at=self.starts_at,
        )  # fmt: skip
        self.auctions[auction_id] = Auction(
            auction_id, deposit, effective_end=self.starts_at + timedelta(hours=24)
        )

    @precondition(lambda self: len(self.bidders) < len(NAMES))
    @rule()
    def new_bidder(self) -> None:
        self.bidders.append(new_bidder(self.services, NAMES[len(self.bidders)]))

    @precondition(lambda self: self.auctions and self.bidders)
    @rule(data=st.data())
    def register(self, data: st.DataObject) -> None:
        auction = self.auctions[data.draw(st.sampled_from(self.auction_ids()))]
        index = data.draw(st.integers(0, len(self.bidders) - 1))
        who = self.bidders[index]
        existing = self.registrations.get((auction.id, index))
        closed = auction.status != "open" or self.now() >= auction.effective_end
        refusal = None if existing or not closed else "closed"
        created = self.expect(
            lambda: registration.register(self.services, who.account_id, auction.id, True),
            refusal,
        )
        if created is not None:
            if existing is not None:
                assert created.id == existing.id
            else:
                assert created.deposit_status == "unpaid"
                self.registrations[auction.id, index] = Registration(created.id, auction.id, index)

    # -- deposits and the bank's notices ---------------------------------------------------------

    @precondition(lambda self: self.registrations)
    @rule(data=st.data())
    def order_deposit(self, data: st.DataObject) -> None:
        self._order_deposit(
            self.registrations[data.draw(st.sampled_from(sorted(self.registrations)))]
        )

    def _order_deposit(self, reg: Registration) -> str | None:
        """request_deposit as the model expects it; the order's reference if one is open."""
        auction = self.auctions[reg.auction_id]
        who = self.bidders[reg.bidder]
        pending = [
            p
            for p in self.payments.values()
            if p.registration is reg and p.purpose == "deposit" and p.status == "pending"
        ]
        if reg.status in PAID:
            refusal = "deposit_already_paid"
        elif auction.status != "open" or self.now() >= auction.effective_end:
            refusal = "closed"
        else:
            refusal = None
        order = self.expect(
            lambda: registration.request_deposit(self.services, who.account_id, auction.id),
            refusal,
        )
        if order is None:
            return None
        if pending:
            assert order.order_ref == pending[-1].order_ref  # one open order at a time
            return order.order_ref
        assert order.order_ref not in self.payments
        self._new_payment(order.order_ref, reg, "deposit", auction.deposit)
        reg.status = "pending"
        return order.order_ref

    @precondition(lambda self: self.registrations)
    @rule(data=st.data(), how=TRANSFERS)
    def pay_deposit(self, data: st.DataObject, how: str) -> None:
        """Order the deposit and pay it at once (own name or not, right amount or not)."""
        unpaid = sorted(k for k, r in self.registrations.items() if r.status not in PAID)
        keys = unpaid if unpaid and data.draw(st.integers(0, 3)) else sorted(self.registrations)
        reg = self.registrations[data.draw(st.sampled_from(keys))]
        order_ref = self._order_deposit(reg)
        if order_ref is not None:
            self._transfer(self.payments[order_ref], data, how)

    def _new_payment(self, order_ref: str, reg: Registration, purpose: str, amount: int) -> None:
        with self.services.db.read() as tx:
            stored = tx.payment_by_ref(order_ref)
        assert stored is not None
        assert (stored.amount, stored.purpose) == (amount, purpose)
        self.payments[order_ref] = Payment(order_ref, stored.id, reg, purpose, amount)

    @precondition(lambda self: self.payments)
    @rule(data=st.data(), how=TRANSFERS)
    def bank_notice(self, data: st.DataObject, how: str) -> None:
        """A transfer arrives for an order: from the bidder or a third party, of the right
        amount or not; a second transfer on the same order has another bank reference."""
        pay = data.draw(st.sampled_from(self.payments_in_order()))
        self._transfer(pay, data, how)

    def _transfer(self, pay: Payment, data: st.DataObject, how: str) -> None:
        who = self.bidders[pay.registration.bidder]
        payer = THIRD_PARTY if how == "third_party" else who.name
        amount = pay.amount
        if how == "wrong_amount":
            amount += data.draw(st.sampled_from([-1, 1, 100_00]))
        self._deliver(pay, amount, payer, f"SM-{self.court_id}-{next(self.refs)}")

    @precondition(lambda self: any(p.notices for p in self.payments.values()))
    @rule(data=st.data())
    def bank_repeats_latest_notice(self, data: st.DataObject) -> None:
        """The bank delivers its latest notice for an order again: nothing moves."""
        pay = data.draw(st.sampled_from([p for p in self.payments_in_order() if p.notices]))
        amount, payer, ref = pay.notices[-1]
        self._deliver(pay, amount, payer, ref)

    @precondition(lambda self: any(len(p.notices) > 1 for p in self.payments.values()))
    @rule(data=st.data())
    def bank_repeats_an_earlier_notice(self, data: st.DataObject) -> None:
        """The bank delivers an earlier notice of an order again (at-least-once delivery):
        the transfer is already booked, so nothing moves."""
        pay = data.draw(
            st.sampled_from([p for p in self.payments_in_order() if len(p.notices) > 1])
        )
        amount, payer, ref = pay.notices[data.draw(st.integers(0, len(pay.notices) - 2))]
        self._deliver(pay, amount, payer, ref)

    def _deliver(self, pay: Payment, amount: int, payer: str, ref: str) -> None:
        body, signature = self.services.gateway.notice(  # type: ignore[attr-defined]
            pay.order_ref, amount, payer, ref
        )
        outcome = registration.accept_bank_notice(self.services, body, signature)
        if any(ref == seen for _a, _p, seen in pay.notices):  # a transfer already booked
            assert outcome.status in ("confirmed", "refused")
            return
        reason = self._refusal(pay, amount, payer)
        assert (outcome.status, outcome.reason) == (
            "refused" if reason else "confirmed",
            reason,
        ), (pay, amount, payer)
        pay.notices.append((amount, payer, ref))
        pay.status, pay.bank_ref = outcome.status, ref
        self.money_in += amount
        reg = pay.registration
        auction = self.auctions[reg.auction_id]
        if reason is not None:
            account = P.refused_transfer(self.court_id, ref)
            self.refunds[account] = self.refunds.get(account, 0) + amount
        elif pay.purpose == "balance":
            auction.proceeds += amount
            auction.balance_open = False
        else:
            reg.held = amount
        # a stranger's transfer leaves the registration as it was (issue 14 item 16)
        if pay.purpose == "deposit" and reg.status not in PAID and reason != "payer_not_bidder":
            reg.status = "refused" if reason else "confirmed"

    def _refusal(self, pay: Payment, amount: int, payer: str) -> str | None:
        reg = pay.registration
        auction = self.auctions[reg.auction_id]
        if payer != self.bidders[reg.bidder].name:
            return "payer_not_bidder"  # OJA Art 17: the bidder's own name
        if amount != pay.amount:
            return "wrong_amount"
        if pay.purpose == "balance":
            if auction.status != "sold" or auction.leader != reg.id:
                return "not_the_buyer"
            if pay.status == "confirmed" or not auction.balance_open:
                return "already_paid"
            return None
        if auction.status != "open" or self.now() >= auction.effective_end:
            return "auction_closed"  # OJA Art 18: confirmed before the close
        if reg.status in PAID or pay.status == "confirmed":
            return "already_paid"
        return None

    # -- bidding ----------------------------------------------------------------------------------

    @precondition(lambda self: self.registrations)
    @rule(
        data=st.data(),
        kind=st.sampled_from(["least", "least", "more", "low", "off_increment", "garbage"]),
    )
    def place_bid(self, data: st.DataObject, kind: str) -> None:
        paid = sorted(k for k, r in self.registrations.items() if r.status == "confirmed")
        everyone = sorted(self.registrations)
        key = data.draw(
            st.sampled_from(paid)
            if paid and data.draw(st.booleans())
            else st.sampled_from(everyone)
        )
        self._bid(self.registrations[key], kind, data)

    def _bid(self, reg: Registration, kind: str, data: st.DataObject) -> None:
        auction = self.auctions[reg.auction_id]
        if self.now() < self.starts_at:  # into the window first
            self.clock.set(self.starts_at + timedelta(minutes=data.draw(st.integers(0, 60))))
        now = self.now()
        least = START if auction.price is None else auction.price + INCREMENT
        amount = {
            "least": least,
            "more": least + INCREMENT * data.draw(st.integers(1, 5)),
            "low": least - INCREMENT,
            "off_increment": least + INCREMENT // 2,
            "garbage": None,
        }[kind]
        text = "1,000" if amount is None else f"{amount / 100:.2f}"
        if auction.status != "open":
            refusal = "closed"
        elif reg.status != "confirmed":
            refusal = "no_deposit"
        elif now >= auction.effective_end:
            refusal = "closed"
        else:
            refusal = None
        result = self.expect(
            lambda: bidding.place_bid(
                self.services,
                self.bidders[reg.bidder].account_id,
                auction.id,
                text,
                f"k{next(self.keys)}",
            ),
            refusal,
        )
        if result is None:
            return
        if amount is None:
            expected = "invalid_amount"
        elif auction.leader == reg.id:
            expected = "already_leading"
        elif auction.price is None and amount < START:
            expected = "below_start"
        elif amount < least:
            expected = "too_low"
        elif (amount - START) % INCREMENT:
            expected = "off_increment"
        else:
            expected = None
        assert result.bid.reason == expected, (result.bid.reason, expected, kind)
        if expected is None:
            auction.price, auction.leader = amount, reg.id
            auction.effective_end = max(auction.effective_end, now + SOFT_CLOSE_EXTENSION)
        assert result.auction.effective_end == auction.effective_end

    # -- time, the close and the refunds -----------------------------------------------------

    @rule(step=st.sampled_from([timedelta(minutes=1), timedelta(minutes=30), timedelta(hours=6)]))
    def advance_clock(self, step: timedelta) -> None:
        self.clock.advance(seconds=step.total_seconds())

    @precondition(lambda self: self.closed())
    @rule(
        step=st.sampled_from(
            [timedelta(hours=25), timedelta(days=BALANCE_DAYS),
             timedelta(days=BALANCE_DAYS + LONGEST_ROLL)]
        )
    )  # fmt: skip
    def days_pass(self, step: timedelta) -> None:
        """After a close: refunds fall due (24 h), the balance deadline nears or passes (10
        days, to the end of the last day and past a weekend or holiday, CPL Art 85)."""
        self.clock.advance(seconds=step.total_seconds())

    @rule()
    def close_due(self) -> None:
        now = self.now()
        expected = {
            a.id for a in self.auctions.values() if a.status == "open" and a.effective_end <= now
        }
        closed: set[int] = set()
        while batch := closing.close_due(self.services):
            closed |= set(batch)
        assert closed & set(self.auctions) == expected
        for auction_id in sorted(expected):
            self._close(self.auctions[auction_id], now)

    def _close(self, auction: Auction, now: datetime) -> None:
        """OJA Art 23: the buyer's deposit counts towards the price; the others come back
        within 24 hours; the balance is due by the announced deadline (Art 25)."""
        for reg in self.registrations.values():
            if reg.auction_id != auction.id or reg.status != "confirmed":
                continue
            if reg.id == auction.leader:
                reg.status, reg.held = "applied", 0
                auction.proceeds += auction.deposit
            else:
                reg.status, reg.held = "released", 0
                account = P.refund(f"registration:{reg.id}")
                self.refunds[account] = self.refunds.get(account, 0) + auction.deposit
        if auction.leader is None:
            auction.status = "unsold"
            return
        assert auction.price is not None
        auction.status = "sold"
        auction.balance_open = True
        auction.balance_amount = auction.price - auction.deposit
        auction.balance_due_at = period_deadline(self.services.calendar, now, BALANCE_DAYS)

    @precondition(lambda self: any(a.status == "open" for a in self.auctions.values()))
    @rule(minutes=st.integers(0, 30))
    def run_to_the_close(self, minutes: int) -> None:
        """Past the (extended) end of every open auction, then the closer runs."""
        end = max(a.effective_end for a in self.auctions.values() if a.status == "open")
        self.clock.set(max(self.now(), end + timedelta(minutes=minutes)))
        self.close_due()

    @rule()
    def send_due_refunds(self) -> None:
        trouble = bool(self.bank.faults or self.bank.unclear or self.bank.late)
        trouble = trouble or self._backing_off()  # (a snapshot: sending empties the queue)
        flows.send_due_refunds(self.services)
        self._learn()
        if not trouble:  # a bank that answers: every refund goes out at once
            with self.services.db.read() as tx:
                left = [d for d in tx.dues(self.court_id, open_only=True) if d.kind == "refund"]
            assert left == [], f"refund dues left open after the refunds were sent: {left}"

    def _backing_off(self) -> bool:
        with self.services.db.read() as tx:
            return bool(tx.outgoing_waiting(None))

    def _ours(self, account: str) -> bool:
        """Whether an account is this example's (the closer also settles the auctions
        earlier examples left open in the shared database, and refunds their deposits)."""
        if account.startswith("refund:"):
            return account in self.refunds
        return int(account.rsplit(":", 1)[1]) in self.auctions

    def _learn(self) -> None:
        """What the bank told fapai it paid is now on the ledger: count it out."""
        for instruction_id in sorted(set(self.bank.answered) - self.learned):
            self.learned.add(instruction_id)
            amount, account = self.bank.answered[instruction_id], self.bank.memo_of[instruction_id]
            if not self._ours(account):
                continue
            self.ours.add(instruction_id)
            self.money_out += amount
            if account.startswith("refund:"):
                self.refunds[account] -= amount
                if not self.refunds[account]:
                    del self.refunds[account]
            else:
                _payable, kind, auction_id = account.split(":")
                self.auctions[int(auction_id)].payable[kind] -= amount

    def _payout_in_progress(self, account: str) -> bool:
        return any(
            memo == account and instruction_id not in self.bank.answered
            for instruction_id, memo in self.bank.memo_of.items()
        )

    # -- the bank's troubles -----------------------------------------------------------------

    @rule(
        faults=st.lists(st.sampled_from(FAULTS), max_size=3),
        down=st.lists(st.sampled_from(["ok", "down"]), max_size=2),
    )
    def bank_trouble(self, faults: list[str], down: list[str]) -> None:
        """The bank's next answers: declined, lost on the way, paid with the answer lost,
        paid later; its status service down."""
        self.bank.faults.extend(faults)
        self.bank.status_faults.extend(down)

    @rule()
    def bank_pays_what_it_held_up(self) -> None:
        self.bank.deliver_late()

    def teardown(self) -> None:
        """The bank recovers, the open auctions close and time passes: what the bank paid
        and the ledger agree to the fen. (Nothing is left for the next example's bank to
        send, so each example's faults meet only its own money.)"""
        self.bank.faults.clear()
        self.bank.status_faults.clear()
        self.bank.deliver_late()
        if any(a.status == "open" for a in self.auctions.values()):
            self.run_to_the_close(0)
        for _ in range(5):
            self.clock.advance(hours=2)  # past the longest wait between attempts
            flows.send_due_refunds(self.services)
        self._learn()
        with self.services.db.read() as tx:
            assert tx.outgoing_waiting(None) == []
            bank_lines = tx.bank_transactions(self.court_id)
        assert self.bank.answered == {i: a for i, (a, _m, _t) in self.bank.executed.items()}
        court = P.bank(self.court_id)
        paid = {f"FB-{i}": a for i, (a, _m, _t) in self.bank.executed.items() if i in self.ours}
        assert self.money_out == sum(paid.values())
        booked = {
            line.bank_ref: -line.amount
            for line in bank_lines
            if line.account == court and line.amount < 0 and line.bank_ref in paid
        }
        assert booked == paid
        self.ledger_holds()

    # -- the balance and a default ----------------------------------------------------------

    @precondition(lambda self: self.registrations)
    @rule(data=st.data())
    def request_balance(self, data: st.DataObject) -> None:
        reg = self.registrations[data.draw(st.sampled_from(sorted(self.registrations)))]
        auction = self.auctions[reg.auction_id]
        if auction.status != "sold" or auction.leader != reg.id:
            refusal = "not_the_buyer"
        elif not auction.balance_open:
            refusal = "balance_paid"
        else:
            refusal = None
        order = self.expect(
            lambda: registration.request_balance(
                self.services, self.bidders[reg.bidder].account_id, auction.id
            ),
            refusal,
        )
        if order is None:
            return
        pending = [
            p
            for p in self.payments.values()
            if p.registration is reg and p.purpose == "balance" and p.status == "pending"
        ]
        if pending:
            assert order.order_ref == pending[-1].order_ref
        else:
            self._new_payment(order.order_ref, reg, "balance", auction.balance_amount)

    @precondition(lambda self: any(a.status == "sold" for a in self.auctions.values()))
    @rule(data=st.data(), how=TRANSFERS)
    def pay_balance(self, data: st.DataObject, how: str) -> None:
        """The buyer orders the balance and a transfer arrives for it (OJA Art 25)."""
        auction = data.draw(
            st.sampled_from([a for a in self.auctions.values() if a.status == "sold"])
        )
        reg = next(r for r in self.registrations.values() if r.id == auction.leader)
        order = self.expect(
            lambda: registration.request_balance(
                self.services, self.bidders[reg.bidder].account_id, auction.id
            ),
            None if auction.balance_open else "balance_paid",
        )
        if order is None:
            return
        if order.order_ref not in self.payments:
            self._new_payment(order.order_ref, reg, "balance", auction.balance_amount)
        self._transfer(self.payments[order.order_ref], data, how)

    @precondition(lambda self: self.closed())
    @rule(data=st.data(), enforcement=ROLE)
    def record_default(self, data: st.DataObject, enforcement: bool) -> None:
        auction = self.pick(data, lambda a: a.status == "sold" and a.balance_open)
        if not enforcement:
            refusal = "role_not_allowed"
        elif auction.status != "sold" or not auction.balance_open:
            refusal = "no_balance_due"
        elif auction.balance_due_at is not None and self.now() < auction.balance_due_at:
            refusal = "balance_not_yet_due"
        else:
            refusal = None
        self.expect(
            lambda: settlement.record_default(self.services, self.user(enforcement), auction.id),
            refusal,
        )
        if refusal is None:  # OJA Art 24: the deposit is not refunded
            auction.status = "defaulted"
            auction.balance_open = False
            auction.proceeds -= auction.deposit
            auction.forfeit += auction.deposit

    @precondition(lambda self: self.closed())
    @rule(
        data=st.data(),
        enforcement=ROLE,
        amounts=st.tuples(*[st.integers(-1, 250_00)] * 3),
    )
    def apply_forfeited_deposit(
        self, data: st.DataObject, enforcement: bool, amounts: tuple[int, int, int]
    ) -> None:
        auction = self.pick(data, lambda a: a.forfeit > 0)
        costs, shortfall, debt = amounts
        if min(amounts) < 0:
            refusal = "negative_amount"
        elif not enforcement:
            refusal = "role_not_allowed"
        elif auction.forfeit <= 0:
            refusal = "nothing_forfeited"
        elif not auction.reauctioned:
            refusal = "reauction_not_closed"  # OJA Art 24: its costs and shortfall first
        else:
            refusal = None
        self.expect(
            lambda: settlement.apply_forfeited_deposit(
                self.services, self.user(enforcement), auction.id, costs, shortfall, debt
            ),
            refusal,
        )
        if refusal is not None:
            return
        left = auction.forfeit  # OJA Art 24 order
        for kind, owed in (("costs", costs), ("shortfall", shortfall), ("creditor", debt)):
            part = min(left, owed)
            auction.payable[kind] = auction.payable.get(kind, 0) + part
            left -= part
        auction.payable["other"] = auction.payable.get("other", 0) + left
        auction.forfeit = 0

    @precondition(
        lambda self: any(
            a.status == "defaulted" and not a.reauctioned for a in self.auctions.values()
        )
    )
    @rule(data=st.data())
    def reauction(self, data: st.DataObject) -> None:
        """The lot of a defaulted auction is auctioned again and nobody bids (OJA Art 24)."""
        auction = data.draw(
            st.sampled_from(
                [a for a in self.auctions.values() if a.status == "defaulted" and not a.reauctioned]
            )
        )
        with self.services.db.read() as tx:
            record = tx.auction(auction.id)
        assert record is not None
        ends = self.now()
        setup.create_auction(
            self.services, self.office, record.lot_id, 1, START, INCREMENT, auction.deposit,
            ends - timedelta(days=1), ends,
        )  # fmt: skip
        self.close_due()
        auction.reauctioned = True

    @precondition(lambda self: self.closed())
    @rule(data=st.data(), kind=st.sampled_from(["costs", "shortfall", "creditor", "other"]))
    def name_payee(self, data: st.DataObject, kind: str) -> None:
        auction = self.pick(data, lambda a: any(a.payable.values()))
        payee = settlement.PayeeAccount(f"{kind} 收款人", "6222 0001")
        account = P.payable(kind, auction.id)
        if auction.payable.get(kind, 0) <= 0:
            refusal: str | None = "nothing_payable"
        elif self._payout_in_progress(account):  # the payee paid is the one the payer saw
            refusal = "payout_in_progress"
        else:
            refusal = None
        self.expect(
            lambda: settlement.name_payee(self.services, self.office, auction.id, kind, payee),
            refusal,
        )
        if refusal is None:
            auction.payees.add(kind)

    # -- allocation and payouts --------------------------------------------------------------

    @precondition(lambda self: self.closed())
    @rule(data=st.data(), enforcement=ROLE)
    def allocate_proceeds(self, data: st.DataObject, enforcement: bool) -> None:
        auction = self.pick(data, lambda a: a.status == "sold" and not a.balance_open)
        fees = data.draw(
            st.one_of(
                st.integers(0, max(auction.proceeds, 0)),
                st.just(auction.proceeds + 1),
                st.just(-1),
            )
        )
        if fees < 0:
            refusal = "negative_amount"
        elif enforcement:
            refusal = "role_not_allowed"
        elif auction.status != "sold" or auction.balance_open:
            refusal = "not_fully_paid"
        elif auction.proceeds <= 0:
            refusal = "nothing_to_allocate"
        elif fees > auction.proceeds:
            refusal = "fees_exceed_proceeds"
        elif fees > auxiliary_fee_cap(auction.price or 0, 0):
            refusal = "fees_over_cap"  # FEE Art 14's schedule on the price (seed 003 Art 18)
        else:
            refusal = None
        plan = settlement.Allocation(
            fees,
            settlement.PayeeAccount("辅助机构", "6222 0002"),
            [settlement.Creditor(settlement.PayeeAccount("申请执行人", "3100 0001"), 10**12)],
            None,
        )
        self.expect(
            lambda: settlement.allocate_proceeds(
                self.services, self.user(enforcement), auction.id, plan
            ),
            refusal,
        )
        if refusal is None:  # fees first (seed 003 Art 18), the rest to the creditor
            auction.payees |= {"fees", "creditor"}
            auction.payable["fees"] = auction.payable.get("fees", 0) + fees
            auction.payable["creditor"] = (
                auction.payable.get("creditor", 0) + auction.proceeds - fees
            )
            auction.proceeds = 0

    @precondition(lambda self: self.closed())
    @rule(
        data=st.data(),
        kind=st.sampled_from([*P.PAYABLE_KINDS, "bidder"]),
        enforcement=ROLE,
    )
    def pay_out(self, data: st.DataObject, kind: str, enforcement: bool) -> None:
        auction = self.pick(data, lambda a: any(a.payable.values()))
        owing = sorted(k for k, v in auction.payable.items() if v > 0)
        if owing and data.draw(st.booleans()):
            kind = data.draw(st.sampled_from(owing))
        owed = auction.payable.get(kind, 0)
        if kind not in P.PAYABLE_KINDS:
            refusal = "invalid_payee"
        elif enforcement:
            refusal = "role_not_allowed"
        elif owed <= 0:
            refusal = "nothing_payable"
        elif kind != "fees" and auction.payable.get("fees", 0) > 0:
            refusal = "fees_first"
        elif kind not in auction.payees:
            refusal = "no_payee"
        elif self._payout_in_progress(P.payable(kind, auction.id)):
            refusal = "payout_in_progress"
        else:
            refusal = None
        who = self.enforcement if enforcement else self.cashier
        paid = self.expect(
            lambda: settlement.pay_out(self.services, who, auction.id, kind), refusal
        )
        if refusal is None:
            assert paid == owed
            self._learn()  # paid now, or later once the bank answers

    # Gated twins of the steps above: eligible only when they can succeed, so that the
    # random runs reach the end of the money's way often.

    @precondition(
        lambda self: any(
            a.status == "sold" and a.balance_open and a.balance_due_at <= self.now()
            for a in self.auctions.values()
        )
    )
    @rule(data=st.data())
    def default_when_due(self, data: st.DataObject) -> None:
        self.record_default(data, True)

    @precondition(lambda self: any(a.forfeit > 0 and a.reauctioned for a in self.auctions.values()))
    @rule(data=st.data(), amounts=st.tuples(*[st.integers(0, 250_00)] * 3))
    def apply_what_was_forfeited(self, data: st.DataObject, amounts: tuple[int, int, int]) -> None:
        self.apply_forfeited_deposit(data, True, amounts)

    @precondition(lambda self: any(any(a.payable.values()) for a in self.auctions.values()))
    @rule(data=st.data())
    def pay_what_is_owed(self, data: st.DataObject) -> None:
        self.pay_out(data, "fees", False)

    @rule()
    def raise_alerts(self) -> None:
        flows.raise_alerts(self.services)
        problems = checks.check(self.services.db, self.now())
        assert problems == [], problems

    # -- what must hold after every step -----------------------------------------------------

    def expected_balances(self) -> dict[str, int]:
        expected = {P.bank(self.court_id): self.money_in - self.money_out}
        for reg in self.registrations.values():
            expected[P.deposit(reg.auction_id, reg.id)] = -reg.held
        for account, owed in self.refunds.items():
            expected[account] = -owed
        for auction in self.auctions.values():
            expected[P.proceeds(auction.id)] = -auction.proceeds
            expected[P.forfeit(auction.id)] = -auction.forfeit
            for kind, owed in auction.payable.items():
                expected[P.payable(kind, auction.id)] = -owed
        return {account: amount for account, amount in expected.items() if amount}

    @invariant()
    def ledger_holds(self) -> None:
        problems = [p for p in checks.check(self.services.db, self.now()) if p.check != "alerts"]
        assert problems == [], problems
        with self.services.db.read() as tx:
            everything = tx.balances(None)
            ours = {a: b for a, b in tx.balances(self.court_id).items() if b}
            stored = {reg.id: tx.registration_by_id(reg.id) for reg in self.registrations.values()}
            statuses = {a: tx.auction(a) for a in self.auctions}
        assert sum(everything.values()) == 0  # no money created or lost
        for account, amount in everything.items():
            if account.startswith(("refund:", "payable:")):
                assert amount <= 0, (account, amount)  # the court never owes less than 0
        # the bank holds what came in minus what went out; every account as modelled
        assert ours == self.expected_balances()
        for reg in self.registrations.values():
            found = stored[reg.id]
            assert found is not None
            assert found.deposit_status == reg.status, (reg, found)
        for auction_id, found in statuses.items():
            assert found is not None
            assert found.status == self.auctions[auction_id].status
        # the bank: nothing sent again blind, no refund paid twice, nothing booked unpaid
        assert self.bank.resent_blind == []
        refunds = [m for _a, m, _t in self.bank.executed.values() if m.startswith("refund:")]
        assert len(refunds) == len(set(refunds)), refunds
        assert set(self.bank.answered) <= set(self.bank.executed)


def test_ledger_state_machine(services: Services, clock: Clock) -> None:
    """Random money flows through the use cases keep the books exact (OJA Art 17, 23-25)."""
    run_state_machine_as_test(
        lambda: LedgerMachine(services, clock),
        settings=settings(
            max_examples=60,
            stateful_step_count=50,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
            database=None,
            # No shrinking: every replay adds to the shared database and the checks read
            # it all, so shrinking would take minutes; the failing steps are printed as run.
            phases=[Phase.explicit, Phase.generate],
        ),
    )
