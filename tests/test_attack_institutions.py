"""An outside attacker's review of the auxiliary institutions (issue 17): money paid to
an institution twice or for a taking that lapsed (seed 003 Arts 18-20). `fapai ledger
check` runs after every test (conftest) and stays green in both cases: only these
assertions catch them."""

from __future__ import annotations

import dataclasses

from case_support import a_court, announced_lot, auction_of, close_at_end, refused, take_in_lieu
from fapai.app.cases import in_lieu, pauses, settlement
from fapai.app.institutions import fees as institution_fees
from fapai.app.institutions import tasks as institution_tasks
from fapai.app.ledger import flows, reconciliation
from fapai.domain.institutions.fees import compute
from fapai.domain.ledger import postings as P
from fapai.domain.money import format_yuan
from faulty_bank import FaultyBank
from institution_support import applicant, database
from test_case_flows import FIRST
from test_institution_fees import _cashier, _designate

PAYEE = settlement.PayeeAccount("某辅助机构", "6222 0001")


def _statement(services, c, amount: int, ref: str) -> None:
    text = f"booked_on,amount,bank_ref,counterparty\n2026-12-20,{format_yuan(amount)},{ref},x\n"
    reconciliation.reconcile(services, c.id, "test", ref, text)


def test_approved_costs_once_paid_out_cannot_be_approved_again_art_20(services, clock) -> None:
    """Finding 1: after the applicant paid the approved costs and the institution was
    paid, the fee accounts are back at zero and ``approve_costs`` took that for "no
    costs yet": a second approval, a second payment, the institution paid twice (each
    within the bound, together above it)."""
    services = dataclasses.replace(services, gateway=FaultyBank(services.cipher, services.clock))
    c = a_court(services)
    database(services, c, clock, [applicant() for _ in range(3)])
    lot, auction = announced_lot(services, c, clock, "movable")
    _designate(services, c, lot)
    pauses.request_pause(services, c.bureau, lot, "suspended", "applicant_consents", "撤回申请")
    pauses.approve_pause(services, c.director, lot)
    bound = compute(auction_of(services, auction).start_price, 0).bound
    institution_fees.approve_costs(services, c.office, lot, bound, "现场勘验的实际支出")
    _statement(services, c, bound, "F-1")
    institution_fees.record_payment(services, c.office, auction, "F-1", bound)
    settlement.name_payee(services, c.office, auction, "fees", PAYEE)
    settlement.pay_out(services, _cashier(services, c), auction, "fees")
    flows.send_due_refunds(services)
    with services.db.read() as tx:
        assert tx.balance(P.payable("fees", auction)) == 0  # paid out
    refused(
        lambda: institution_fees.approve_costs(services, c.office, lot, bound, "再次核定"),
        "costs_approved",
    )


def test_the_creditors_fee_is_taken_only_once_its_taking_stands_arts_18_19(services, clock) -> None:
    """Finding 2: the creditor could pay the institution's fee while its difference was
    still unpaid; when the taking then lapsed (ASR Art 19), the lapse found nothing owed
    and kept the fee for the institution, for a lot nobody took (seed 003 Art 19), and a
    second creditor's taking of the same round booked the fee again: two fees for one
    item. The fee is taken in only once the difference is paid."""
    c = a_court(services)
    database(services, c, clock, [applicant() for _ in range(3)])
    lot, first = announced_lot(services, c, clock, "movable")
    _designate(services, c, lot)
    assert close_at_end(services, clock, first).status == "unsold"
    difference = take_in_lieu(services, c, first, FIRST - 100_000_00)
    with services.db.read() as tx:
        fee = tx.balance(P.payer("fees", first))
    assert difference
    assert fee
    _statement(services, c, fee, "F-1")
    refused(
        lambda: institution_fees.record_payment(services, c.office, first, "F-1", fee),
        "in_lieu_difference_unpaid",
    )
    with services.db.read() as tx:
        (due,) = tx.dues(None, True, first, "in_lieu")
    clock.set(due.due_at)
    in_lieu.record_in_lieu_default(services, c.bureau, first)
    with services.db.read() as tx:  # the taking lapsed: no fee stands, none was paid in
        assert tx.balance(P.payable("fees", first)) == 0
        assert tx.balance(P.payer("fees", first)) == 0


def test_the_creditors_fee_is_paid_in_once_the_difference_is_paid_art_18(services, clock) -> None:
    c = a_court(services)
    database(services, c, clock, [applicant() for _ in range(3)])
    lot, first = announced_lot(services, c, clock, "movable")
    _designate(services, c, lot)
    assert close_at_end(services, clock, first).status == "unsold"
    difference = take_in_lieu(services, c, first, FIRST - 100_000_00)
    with services.db.read() as tx:
        fee = tx.balance(P.payer("fees", first))
    _statement(services, c, difference, "D-1")
    in_lieu.record_in_lieu_payment(services, c.office, first, "D-1", difference)
    _statement(services, c, fee, "F-1")
    institution_fees.record_payment(services, c.office, first, "F-1", fee)
    with services.db.read() as tx:
        assert tx.balance(P.payer("fees", first)) == 0
        assert -tx.balance(P.payable("fees", first)) == fee


def test_costs_then_a_resumed_sale_stay_within_the_items_bound_arts_18_20(services, clock) -> None:
    """Finding 3: the applicant withdrew, the office approved the costs (up to the fee's
    bound), then the ground ended and the round resumed and sold: the allocation took
    the full fee again on top of the costs, so the item paid its institution twice the
    FEE Art 14 bound. Across the item's rounds the total stays within the bound."""
    from datetime import timedelta

    from case_support import bid, pay_balance, today
    from support import bidder, pay_deposit
    from test_institution_fees import _plan

    c = a_court(services)
    database(services, c, clock, [applicant() for _ in range(3)])
    lot, auction = announced_lot(services, c, clock)
    _designate(services, c, lot)
    pauses.request_pause(services, c.bureau, lot, "suspended", "applicant_consents", "撤回申请")
    pauses.approve_pause(services, c.director, lot)
    start = auction_of(services, auction).start_price
    bound = compute(start, 0).bound
    institution_fees.approve_costs(services, c.office, lot, bound, "现场勘验的实际支出")
    pauses.lift_pause(services, c.bureau, lot, today(clock))
    window = auction_of(services, auction)
    starts = services.clock() + timedelta(days=1)
    resumed = pauses.resume(
        services, c.office, lot, starts, starts + (window.ends_at - window.starts_at)
    )
    buyer = bidder(services, "买受人")
    assert pay_deposit(services, buyer, resumed) == "confirmed"
    clock.set(auction_of(services, resumed).starts_at + timedelta(hours=1))
    assert bid(services, buyer, resumed, format_yuan(start)).bid.reason is None
    assert close_at_end(services, clock, resumed).status == "sold"
    assert pay_balance(services, buyer, resumed) == "confirmed"
    settlement.allocate_proceeds(services, c.office, resumed, _plan(None))
    with services.db.read() as tx:
        charged = sum(-tx.balance(P.payable("fees", a.id)) for a in tx.lot_auctions(lot))
    assert charged <= compute(start, 0).bound


def test_a_step_cannot_be_dated_before_the_lot_was_entrusted_art_6_8(services, clock) -> None:
    """Finding 4: the trace took any past time: a site visit "made" years before the
    institution was entrusted with the lot, a trace the court reads as true (Art 6(8))."""
    from datetime import timedelta

    from institution_support import desk_user, entrusted
    from test_institution_desk import _give

    c = a_court(services)
    e = entrusted(services, c, clock)
    task = _give(services, c, e)
    mine = desk_user(services, e.tokens[0])
    with services.db.read() as tx:
        since = next(d for d in tx.designations(e.lots[0]) if d.ended_at is None).started_at
    refused(
        lambda: institution_tasks.log_step(
            services, mine, task, "site_visit", since - timedelta(days=400), "现场勘查"
        ),
        "invalid_happened_at",
    )
    institution_tasks.log_step(services, mine, task, "site_visit", since, "现场勘查")


def test_a_viewing_asked_before_a_replacement_reaches_the_new_institution_art_15(
    services, clock
) -> None:
    """Finding 5: a viewing belongs to the lot; one asked before the lot's institution was
    replaced (Art 15) is on the new institution's desk, once."""
    from datetime import timedelta

    from case_support import today
    from fapai.app.institutions import designation, viewings
    from institution_support import desk_user, entrusted

    c = a_court(services)
    e = entrusted(services, c, clock)
    viewings.request(services, e.auctions[0], "13912345678", "周六上午")
    designation.replace(
        services, c.office, e.lots[0], "court_decision", "未按期完成",
        today(clock) + timedelta(days=3),
    )  # fmt: skip
    designation.schedule(services, c.office, e.lots[0], {})
    designation.run(services, c.office, e.lots[0])
    with services.db.read() as tx:
        now = next(d for d in tx.designations(e.lots[0]) if d.ended_at is None)
    new = e.institutions.index(now.institution_id)
    shown = viewings.for_desk(services, desk_user(services, e.tokens[new]))
    assert [v["lot_id"] for v in shown].count(e.lots[0]) == 1
