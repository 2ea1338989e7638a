"""Money sent out through a bank that fails, times out, pays and loses its answer, or
pays later (issue 13): each refund and payout is paid once, the ledger records what the
bank paid to the fen, one failing payment holds up nothing else, and the server takes
no payments with no bank configured. Driven through the use cases, on both databases.
"""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import httpx
import pytest

import support
from fapai import bootstrap, config
from fapai.adapters.no_bank import NoBank
from fapai.app.auctions import registration, setup
from fapai.app.cases import settlement
from fapai.app.errors import Kind
from fapai.app.ledger import flows, views
from fapai.app.lots import intake
from fapai.app.services import Services
from fapai.domain.ledger import postings as P
from fapai.domain.money import MAX_FEN
from fapai.storage.tables import audit_seals, payment_events
from fapai.worker import closer
from faulty_bank import FaultyBank
from support import T0, Clock
from test_cli_live import env_for, fapai
from test_ledger_flows import (
    YUAN,
    Sale,
    balance,
    balances,
    open_dues,
    order_deposit,
    pay,
    pay_balance,
    refused,
    registration_of,
    sold_sale,
)


def faulty(services: Services) -> tuple[Services, FaultyBank]:
    bank = FaultyBank(services.cipher, services.clock)
    return dataclasses.replace(services, gateway=bank), bank


def sending_of(services: Services, account: str) -> dict:
    """The alert's view of the payment of ``account`` (attempts, last answer)."""
    found = [a for a in views.alerts(services, None) if a["account"] == account]
    assert len(found) == 1, found
    return found[0]


def refund_of(services: Services, who: support.Bidder, auction_id: int) -> str:
    return P.refund(f"registration:{registration_of(services, who, auction_id).id}")


def test_refund_paid_by_the_bank_with_its_answer_lost_is_booked_once(
    services: Services, clock: Clock
) -> None:
    """Issue 13: the bank executed the refund but its reply was lost. The next try asks
    the bank what became of the instruction id and books it; nothing is sent again."""
    services, bank = faulty(services)
    sale, a, _b = sold_sale(services, clock)
    closed_at = sale.close_at_end()
    refund_a = refund_of(services, a, sale.auction_id)
    bank.faults.append("lost")
    assert flows.send_due_refunds(services) == 0
    assert list(bank.executed_amounts()) == [10_000 * YUAN]
    assert balance(services, sale.bank) == 20_000 * YUAN  # not booked: no answer yet
    shown = sending_of(services, refund_a)  # alerted at the first failure, before 24 h
    assert shown["alerted"]
    assert shown["sending"]["status"] == "unknown"
    assert flows.send_due_refunds(services) == 0  # backing off: the bank is not called
    assert (bank.sends, bank.queries) == (1, 0)
    clock.set(closed_at + timedelta(seconds=2))
    assert flows.send_due_refunds(services) == 1
    assert (bank.sends, bank.queries) == (1, 1)  # asked, not sent again
    assert bank.paid_to(refund_a) == [10_000 * YUAN]
    assert balance(services, sale.bank) == 10_000 * YUAN
    assert balance(services, refund_a) == 0
    assert bank.resent_blind == []
    clock.set(closed_at + timedelta(hours=1))
    assert flows.send_due_refunds(services) == 0
    assert bank.sends == 1


def test_refund_that_never_reached_the_bank_is_sent_again_under_its_id(
    services: Services, clock: Clock
) -> None:
    """A timeout before the bank paid: the status query finds nothing, so the same
    instruction id is sent again; a payment the bank holds up and executes later is
    still paid once (the id is the bank's idempotency key)."""
    services, bank = faulty(services)
    sale, a, _b = sold_sale(services, clock)
    closed_at = sale.close_at_end()
    bank.faults.extend(["timeout", "late"])
    assert flows.send_due_refunds(services) == 0
    clock.set(closed_at + timedelta(seconds=2))
    assert flows.send_due_refunds(services) == 0  # absent, sent again, held up
    clock.set(closed_at + timedelta(seconds=6))
    assert flows.send_due_refunds(services) == 1  # absent again; sent; paid now
    bank.deliver_late()  # the held-up payment of the same id goes through: nothing more
    assert len(bank.memo_of) == 1  # one instruction id, however often it was sent
    assert bank.paid_to(refund_of(services, a, sale.auction_id)) == [10_000 * YUAN]
    assert bank.resent_blind == []
    assert balance(services, sale.bank) == 10_000 * YUAN


def test_a_sender_that_died_mid_call_leaves_the_next_to_ask_first(
    services: Services, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The process sending a refund dies after the bank paid, before the answer was
    recorded: after the hold (2 minutes) the next sender asks the bank and books it."""
    services, bank = faulty(services)
    sale, a, _b = sold_sale(services, clock)
    closed_at = sale.close_at_end()
    pays = bank.send

    def pays_then_dies(*args: object) -> str:
        pays(*args)  # type: ignore[arg-type]
        raise SystemExit("killed")

    monkeypatch.setattr(bank, "send", pays_then_dies)
    with pytest.raises(SystemExit):
        flows.send_due_refunds(services)
    monkeypatch.undo()
    assert flows.send_due_refunds(services) == 0  # another sender holds it
    clock.set(closed_at + timedelta(minutes=2))
    assert flows.send_due_refunds(services) == 1
    assert (bank.sends, bank.queries) == (1, 1)
    assert bank.paid_to(refund_of(services, a, sale.auction_id)) == [10_000 * YUAN]
    assert balance(services, sale.bank) == 10_000 * YUAN


def test_one_refused_refund_holds_up_no_other_refund_alert_or_seal(
    services: Services, clock: Clock
) -> None:
    """Issue 13: one refund the bank keeps refusing was retried 24 times in 5 s and held
    up every other refund, alert and seal. Now it fails alone, backing off, each attempt
    recorded, with an alert at its first failure."""
    services, bank = faulty(services)
    sale = Sale(services, clock)
    people = [support.bidder(services, name) for name in ("张甲", "李乙", "王丙")]
    for n, who in enumerate(people):
        assert pay(services, who, sale.auction_id, f"IN-{n}").status == "confirmed"
    closed_at = sale.close_at_end()  # unsold: every deposit comes back (OJA Art 23)
    stuck = refund_of(services, people[0], sale.auction_id)
    bank.refusing.add(stuck)
    seals = support.row_count(services, audit_seals)
    closer.run_once(services)
    assert support.row_count(services, audit_seals) == seals + 1
    assert balances(services, sale.court_id) == {sale.bank: 10_000 * YUAN, stuck: -10_000 * YUAN}
    assert sending_of(services, stuck)["sending"]["last"] == (
        "declined: the payee's account is closed"
    )
    waits = []
    for _ in range(4):
        shown = sending_of(services, stuck)["sending"]
        waits.append(shown["attempts"])
        closer.run_once(services)  # at the same moment: nothing is tried again
        clock.set(clock() + timedelta(hours=1))
        closer.run_once(services)
    assert waits == [1, 2, 3, 4]  # one attempt per pause, not one per round
    bank.refusing.clear()
    clock.set(clock() + timedelta(hours=1))
    closer.run_once(services)
    assert balances(services, sale.court_id) == {}
    assert bank.paid_to(stuck) == [10_000 * YUAN]
    assert clock() - closed_at < timedelta(hours=24)  # still inside OJA Art 23's day


def test_payout_with_a_lost_answer_is_paid_once_and_blocks_a_second(
    services: Services, clock: Clock
) -> None:
    """A payout is recorded with its instruction id before the bank is called; while
    its outcome is unknown the same money cannot be ordered again."""
    services, bank = faulty(services)
    sale, _a, b = sold_sale(services, clock)
    closed_at = sale.close_at_end()
    flows.send_due_refunds(services)
    assert pay_balance(services, b, sale.auction_id, "IN-BAL").status == "confirmed"
    plan = settlement.Allocation(
        1_000 * YUAN, settlement.PayeeAccount("某辅助机构", "6222 0001"),
        [settlement.Creditor(settlement.PayeeAccount("申请执行人", "6222 0002"), 10**12)],
        settlement.PayeeAccount("被执行人", "6222 0003"),
    )  # fmt: skip
    settlement.allocate_proceeds(services, sale.office, sale.auction_id, plan)
    payer, _ = support.court_user(services, sale.office.court_id, "auction_office")  # four eyes
    fees = P.payable("fees", sale.auction_id)
    bank.faults.append("lost")
    assert settlement.pay_out(services, payer, sale.auction_id, "fees") == 1_000 * YUAN
    assert balance(services, fees) == -1_000 * YUAN  # sent, not yet known to be paid
    with refused("payout_in_progress", Kind.CONFLICT):
        settlement.pay_out(services, payer, sale.auction_id, "fees")
    with refused("fees_first", Kind.CONFLICT):
        settlement.pay_out(services, payer, sale.auction_id, "creditor")
    clock.set(closed_at + timedelta(days=1))
    flows.send_due_refunds(services)
    assert balance(services, fees) == 0
    assert bank.paid_to(fees) == [1_000 * YUAN]
    assert settlement.pay_out(services, payer, sale.auction_id, "creditor") == 119_000 * YUAN
    assert balances(services, sale.court_id) == {}
    assert sum(bank.executed_amounts()) == 10_000 * YUAN + 120_000 * YUAN
    assert [d.kind for d in open_dues(services, sale.court_id)] == []


def test_no_bank_configured_refuses_deposit_orders(services: Services, clock: Clock) -> None:
    """Issue 13: the simulated bank booked deposits no money backed. Without a bank, a
    deposit order is refused (HTTP 503 ``no_bank``) and nothing is written."""
    sale = Sale(services, clock)
    who = support.bidder(services)
    registration.register(services, who.account_id, sale.auction_id, True)
    without = dataclasses.replace(services, gateway=NoBank())
    with refused("no_bank", Kind.UNAVAILABLE):
        registration.request_deposit(without, who.account_id, sale.auction_id)
    assert registration_of(services, who, sale.auction_id).deposit_status == "unpaid"
    assert support.row_count(services, payment_events) == 0


def test_the_simulated_bank_only_where_configured(
    monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    """No bank by default; the simulated one by FAPAI_BANK=simulated, allowed outside the
    demo only by FAPAI_ALLOW_SIMULATED_BANK=1; ``fapai serve --demo`` always has it."""
    monkeypatch.delenv("FAPAI_BANK", raising=False)
    monkeypatch.delenv("FAPAI_ALLOW_SIMULATED_BANK", raising=False)
    monkeypatch.setenv("FAPAI_SECRET_KEY", "A" * 44)
    assert config.load(tmp_path).bank == "none"
    assert config.load(tmp_path, demo=True).bank == "simulated"
    monkeypatch.setenv("FAPAI_BANK", "simulated")
    with pytest.raises(config.ConfigError, match="FAPAI_ALLOW_SIMULATED_BANK=1"):
        config.load(tmp_path)
    monkeypatch.setenv("FAPAI_ALLOW_SIMULATED_BANK", "1")
    assert config.load(tmp_path).bank == "simulated"
    monkeypatch.setenv("FAPAI_BANK", "icbc")
    with pytest.raises(config.ConfigError, match="FAPAI_BANK must be"):
        config.load(tmp_path)
    settings = config.Settings(f"sqlite:///{tmp_path / 'x.sqlite3'}", bytes(32), tmp_path)
    built, database = bootstrap.build(settings)
    try:
        assert isinstance(built.gateway, NoBank)
        assert bootstrap.simulated_bank(built) is None  # and /sim-bank/pay answers 404
        assert "no_bank" in bootstrap.bank_line(built)
    finally:
        database.dispose()


def test_a_command_refuses_the_simulated_bank_unless_allowed(tmp_path) -> None:
    """On a production setup, FAPAI_BANK=simulated alone stops the command: exit 2 and
    one line naming the setting that allows it."""
    env = env_for(f"sqlite:///{tmp_path / 'db.sqlite3'}", tmp_path, FAPAI_BANK="simulated")
    env.pop("FAPAI_ALLOW_SIMULATED_BANK", None)
    done = fapai(env, tmp_path, "worker", "--once")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "fapai worker: error: FAPAI_BANK=simulated books payments no money backs; outside"
        " --demo it needs FAPAI_ALLOW_SIMULATED_BANK=1"
    ]


@pytest.mark.parametrize("amount", [-100, 0, MAX_FEN + 1, 2**63])
def test_notice_amount_out_of_range_is_refused(
    services: Services, clock: Clock, amount: int
) -> None:
    """Issue 13: −100 fen posted a refund that never settles, 0 and 2^63 gave 500s (the
    bank retries those for ever), 92 quadrillion yuan overflowed the ledger's sums. Such a
    notice is refused with 422 and moves nothing."""
    sale = Sale(services, clock)
    who = support.bidder(services)
    order = order_deposit(services, who, sale.auction_id)
    body, signature = services.gateway.notice(  # type: ignore[attr-defined]
        order, amount, who.name, "IN-X"
    )
    with refused("invalid_amount", Kind.INVALID):
        registration.accept_bank_notice(services, body, signature)
    assert balances(services, sale.court_id) == {}


def test_notice_amount_out_of_range_over_http(
    services: Services, clock: Clock, http: httpx.Client
) -> None:
    """The bank is answered 422 (it does not retry), never 500."""
    sale = Sale(services, clock)
    who = support.bidder(services)
    order = order_deposit(services, who, sale.auction_id)
    body, signature = services.gateway.notice(  # type: ignore[attr-defined]
        order, 2**63, who.name, "IN-X"
    )
    reply = http.post(
        "/api/v1/payments/notify", content=body, headers={"X-Bank-Signature": signature}
    )
    support.assert_error(reply, 422, "invalid_amount")


@pytest.mark.parametrize(
    ("kind", "funds", "flagged"),
    [("real_estate", "bank_loan", True), ("movable", "bank_loan", False), ("movable", "own", True)],
)
def test_a_house_deposit_from_a_lenders_escrow_is_kept_and_flagged(
    services: Services, clock: Clock, kind: str, funds: str, flagged: bool
) -> None:
    """Seed 001: a deposit lent by a lender arrives from its escrow account in the
    bidder's name. For a house (首付贷) it is flagged for supervision, not refused: the
    court decides; so is a loan the bidder declared as its own money. The notice's payer
    account is kept encrypted."""
    sale = Sale(services, clock)
    if kind != "real_estate":
        lot = intake.create_lot(services, sale.office, "测试车辆", kind, "上海市", {}, None)
        sale.auction_id = setup.create_auction(
            services, sale.office, lot, 1, 100_000 * YUAN, 1_000 * YUAN, 10_000 * YUAN, T0,
            T0 + timedelta(hours=24), False,
        )  # fmt: skip
    who = support.bidder(services)
    registration.register(services, who.account_id, sale.auction_id, True, funds=funds)
    order = registration.request_deposit(services, who.account_id, sale.auction_id).order_ref
    body, signature = services.gateway.notice(  # type: ignore[attr-defined]
        order, 10_000 * YUAN, who.name, "IN-LOAN", payer_account="6217000011112222",
        payer_bank="某小贷公司监管账户开户行", account_kind="lender_escrow",
    )  # fmt: skip
    assert registration.accept_bank_notice(services, body, signature).status == "confirmed"
    with services.db.read() as tx:
        flags = tx.payment_flags(sale.court_id)
    assert [f[2] for f in flags] == (["deposit_from_lender"] if flagged else [])
    shown = views.supervision_flags(services, sale.office)
    assert len(shown) == (1 if flagged else 0)
    with services.db.engine.connect() as connection:  # type: ignore[attr-defined]
        stored = connection.execute(payment_events.select()).all()
    assert all(b"6217000011112222" not in (row.payer_account or b"") for row in stored)
