"""The auxiliary institution's fee for a lot (seed 003 Arts 18-21, Shanghai item 15):
computed on the sale price or the in-lieu amount by the FEE Art 14 schedule, capped at
CNY 50,000 an item and CNY 100,000 a case and by the court's own rate; paid first out of
the proceeds, or by the accepting creditor outside the offset; none for a failed lot or
a court's pause; the applicant's approved costs; due within 10 working days of the
court's confirmation. `fapai ledger check` runs after every test (conftest), on SQLite
and PostgreSQL."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import pytest

from case_support import a_court, announced_lot, auction_of, close_at_end, refused, today
from fapai.adapters.holidays import StatutoryCalendar
from fapai.app.accounts import courts, principals
from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.cases import deadline_board, pauses, settlement
from fapai.app.institutions import designation
from fapai.app.institutions import fees as institution_fees
from fapai.app.ledger import flows, reconciliation
from fapai.domain.institutions.fees import compute, costs, payment_due
from fapai.domain.ledger import postings as P
from fapai.domain.money import format_yuan
from faulty_bank import FaultyBank
from institution_support import applicant, database
from test_case_flows import FIRST, sold_lot

YUAN = 100
ITEM, CASE = 50_000 * YUAN, 100_000 * YUAN


# --- the computation (domain) ---------------------------------------------------------


def test_the_fee_reaches_the_item_cap_exactly_and_a_fen_over_is_cut_art_18() -> None:
    """FEE Art 14 on 4,760,000 yuan is exactly 50,000 (7,400 + 1 % of 4,260,000): the fee;
    one yuan more puts the schedule one fen over the cap, and the fee stays 50,000."""
    at_cap = compute(4_760_000 * YUAN, 0)
    assert (at_cap.schedule, at_cap.amount) == (ITEM, ITEM)
    over = compute(4_760_001 * YUAN, 0)
    assert (over.schedule, over.amount) == (ITEM + 1, ITEM)
    assert "item cap ¥50,000.00" in over.memo("debtor")


def test_the_case_cap_of_100000_holds_exactly_and_a_fen_over_art_18() -> None:
    """A second item after 50,000 charged in the case may still take 50,000 (the case at
    exactly 100,000); after 50,000.01 it takes one fen less."""
    assert compute(8_000_000 * YUAN, ITEM).amount == ITEM
    assert compute(8_000_000 * YUAN, ITEM + 1).amount == ITEM - 1
    assert compute(8_000_000 * YUAN, CASE).amount == 0
    assert compute(8_000_000 * YUAN, CASE + 1).case_left == 0


def test_the_courts_own_lower_standard_bounds_the_fee_art_18() -> None:
    """A court's 10 per 1,000 on 700,000 yuan is 7,000, below the schedule's 9,400."""
    fee = compute(700_000 * YUAN, 0, 10)
    assert (fee.schedule, fee.by_court_rate, fee.amount) == (9_400_00, 7_000_00, 7_000_00)
    assert "court 10/1000" in fee.memo("debtor")


def test_approved_costs_stay_within_the_fees_bound_art_20() -> None:
    bound = compute(700_000 * YUAN, 0)
    assert costs(bound, bound.bound).amount == bound.bound  # type: ignore[union-attr]
    assert costs(bound, bound.bound + 1) is None
    assert costs(bound, 0) is None


@pytest.mark.parametrize(
    ("confirmed", "due"),
    [
        # Golden Week 2026 (Oct 1-7 off) and its 调休 Saturday Oct 10, which counts
        (date(2026, 9, 30), date(2026, 10, 20)),
        (date(2026, 9, 25), date(2026, 10, 15)),
        (date(2026, 11, 2), date(2026, 11, 16)),  # two plain weeks
    ],
)
def test_payment_is_due_on_the_10th_working_day_after_confirmation_art_21(
    confirmed: date, due: date
) -> None:
    assert payment_due(StatutoryCalendar(), confirmed) == due


# --- through the ledger ---------------------------------------------------------------


def _designate(services, c, lot: int) -> int:
    designation.schedule(services, c.office, lot, {})
    designation.run(services, c.office, lot)
    with services.db.read() as tx:
        return tx.designations(lot)[-1].institution_id


def _cashier(services, c) -> CourtPrincipal:
    token = courts.create_court_user(services, c.id, "fees-cashier", "auction_office")
    who = principals.authenticate(services, token)
    assert isinstance(who, CourtPrincipal)
    return who


def _plan(fees: int | None) -> settlement.Allocation:
    return settlement.Allocation(
        fees, settlement.PayeeAccount("某辅助机构", "6222 0001"),
        [settlement.Creditor(settlement.PayeeAccount("申请执行人", "6222 0002"), 500_000_00)],
        settlement.PayeeAccount("被执行人", "6222 0003"),
    )  # fmt: skip


def test_the_sale_pays_the_computed_fee_first_its_computation_on_the_ledger_art_18_21(
    services, clock
) -> None:
    """A lot sold at 700,000 yuan pays its institution 9,400 (FEE Art 14), first out of
    the proceeds; another amount is refused; the transaction's memo shows the
    computation. Confirming the work complete puts the payment on the deadline board,
    due on the 10th working day; paying the institution out meets it."""
    bank = FaultyBank(services.cipher, services.clock)
    services = dataclasses.replace(services, gateway=bank)
    c = a_court(services)
    database(services, c, clock, [applicant() for _ in range(3)])
    lot, auction, buyer = sold_lot(services, c, clock)
    institution = _designate(services, c, lot)
    from case_support import pay_balance

    assert pay_balance(services, buyer, auction) == "confirmed"
    refused(
        lambda: settlement.allocate_proceeds(services, c.office, auction, _plan(9_400_01)),
        "fee_is_computed",
    )
    refused(lambda: institution_fees.confirm_completion(services, c.office, lot), "no_fee_owed")
    settlement.allocate_proceeds(services, c.office, auction, _plan(None))
    with services.db.read() as tx:
        assert -tx.balance(P.payable("fees", auction)) == 9_400_00
        (allocated,) = [
            line for line in tx.lines(P.payable("fees", auction), c.id)
            if line.kind == "proceeds.allocated"
        ]  # fmt: skip
        trail = [json.loads(r.payload) for r in tx.audit_rows(f"auction:{auction}")
                 if r.action == "institution_fee.charged"]  # fmt: skip
    assert "FEE Art 14 on ¥700,000.00 = ¥9,400.00" in allocated.memo
    assert trail[0]["payer"] == "debtor"
    assert trail[0]["institution"] == institution
    assert trail[0]["amount"] == 9_400_00

    shown = institution_fees.view(services, c.supervisor, lot)
    assert shown["institution"]["id"] == institution
    assert shown["rounds"][-1]["fee"] == format_yuan(9_400_00)

    confirmed = institution_fees.confirm_completion(services, c.office, lot)
    assert confirmed["pay_by"] == payment_due(services.calendar, today(clock)).isoformat()
    refused(
        lambda: institution_fees.confirm_completion(services, c.office, lot), "already_confirmed"
    )
    rows = [r for r in deadline_board.board(services, c.id) if r.kind == "institution_fee"]
    assert [(r.article, r.due, r.state) for r in rows] == [
        ("seed 003 Art 21", confirmed["pay_by"], "open")
    ]
    settlement.pay_out(services, _cashier(services, c), auction, "fees")
    flows.send_due_refunds(services)
    done = [
        r for r in deadline_board.board(services, c.id, include_done=True)
        if r.kind == "institution_fee"
    ]  # fmt: skip
    assert [r.state for r in done] == ["done"]


def test_a_failed_lot_nobody_takes_and_a_courts_pause_owe_no_fee_arts_19_20(
    services, clock
) -> None:
    c = a_court(services)
    database(services, c, clock, [applicant() for _ in range(3)])
    lot, first = announced_lot(services, c, clock, "movable")
    _designate(services, c, lot)
    assert close_at_end(services, clock, first).status == "unsold"
    (shown,) = institution_fees.view(services, c.office, lot)["rounds"]
    assert shown["fee"] is None
    assert "Art 19" in shown["no_fee"]["en"]
    refused(lambda: institution_fees.confirm_completion(services, c.office, lot), "no_fee_owed")

    paused, _ = announced_lot(services, c, clock, "movable")
    _designate(services, c, paused)
    pauses.request_pause(services, c.bureau, paused, "postponed", "third_party_objection", "异议")
    pauses.approve_pause(services, c.director, paused)
    (shown,) = institution_fees.view(services, c.office, paused)["rounds"]
    assert shown["fee"] is None
    assert "Art 20" in shown["no_fee"]["en"]
    refused(  # the court paused: no costs either
        lambda: institution_fees.approve_costs(services, c.office, paused, 100_00, "看样费用"),
        "not_applicant_withdrawal",
    )


def test_the_applicant_withdrew_its_approved_costs_are_capped_and_owed_by_it_art_20(
    services, clock
) -> None:
    c = a_court(services)
    database(services, c, clock, [applicant() for _ in range(3)])
    lot, auction = announced_lot(services, c, clock, "movable")
    _designate(services, c, lot)
    pauses.request_pause(services, c.bureau, lot, "suspended", "applicant_consents", "撤回申请")
    pauses.approve_pause(services, c.director, lot)
    bound = compute(auction_of(services, auction).start_price, 0).bound
    refused(
        lambda: institution_fees.approve_costs(services, c.bureau, lot, bound, "实际支出"),
        "role_not_allowed",
    )
    refused(
        lambda: institution_fees.approve_costs(services, c.office, lot, bound + 1, "实际支出"),
        "costs_over_cap",
    )
    institution_fees.approve_costs(services, c.office, lot, bound, "现场勘验、拍照的实际支出")
    with services.db.read() as tx:
        assert tx.balance(P.payer("fees", auction)) == bound  # the applicant owes it
        assert -tx.balance(P.payable("fees", auction)) == bound
    refused(  # nothing was paid in: nothing to pay the institution from
        lambda: settlement.pay_out(services, _cashier(services, c), auction, "fees"),
        "fee_not_received",
    )
    statement = f"booked_on,amount,bank_ref,counterparty\n2026-12-20,{format_yuan(bound)},F-1,x\n"
    reconciliation.reconcile(services, c.id, "test", "statement", statement)
    refused(
        lambda: institution_fees.record_payment(services, c.office, auction, "F-1", bound - 1),
        "wrong_amount",
    )
    institution_fees.record_payment(services, c.office, auction, "F-1", bound)
    with services.db.read() as tx:
        assert tx.balance(P.payer("fees", auction)) == 0
    refused(
        lambda: institution_fees.approve_costs(services, c.office, lot, 1, "再次"),
        "costs_approved",
    )


def test_in_lieu_the_creditor_owes_the_fee_outside_the_offset_art_18(services, clock) -> None:
    """The creditor takes at the reserve (700,000 yuan) for its claim: no difference, and
    the institution's 9,400 is owed by it, not taken from the offset; if the taking
    lapses, so does the fee (Art 19)."""
    from case_support import take_in_lieu

    c = a_court(services)
    database(services, c, clock, [applicant() for _ in range(3)])
    lot, first = announced_lot(services, c, clock, "movable")
    _designate(services, c, lot)
    assert close_at_end(services, clock, first).status == "unsold"
    assert take_in_lieu(services, c, first, FIRST) == 0
    with services.db.read() as tx:
        assert tx.balance(P.payer("fees", first)) == 9_400_00
        assert -tx.balance(P.payable("fees", first)) == 9_400_00
        assert tx.balance(P.proceeds(first)) == 0  # the offset is the whole price
        charged = list(tx.lines(P.payer("fees", first), c.id))
    assert "paid by the creditor" in charged[0].memo
    confirmed = institution_fees.confirm_completion(services, c.office, lot)
    assert confirmed["fee"] == format_yuan(9_400_00)


def test_in_lieu_with_a_difference_the_proceeds_pay_no_fee_and_a_lapse_drops_it_arts_18_19(
    services, clock
) -> None:
    """The creditor's difference goes to the creditors whole: the allocation takes no
    fee out of it (the creditor owes it outside the offset). A second lot's taking that
    lapses for the unpaid difference takes its fee with it: nobody took the lot."""
    from case_support import take_in_lieu
    from fapai.app.cases import in_lieu

    c = a_court(services)
    database(services, c, clock, [applicant() for _ in range(3)])
    lot, first = announced_lot(services, c, clock, "movable")
    _designate(services, c, lot)
    assert close_at_end(services, clock, first).status == "unsold"
    difference = take_in_lieu(services, c, first, FIRST - 100_000_00)
    assert difference == 100_000_00
    statement = (
        f"booked_on,amount,bank_ref,counterparty\n2026-12-20,{format_yuan(difference)},D-1,x\n"
    )
    reconciliation.reconcile(services, c.id, "test", "statement", statement)
    in_lieu.record_in_lieu_payment(services, c.office, first, "D-1", difference)
    refused(
        lambda: settlement.allocate_proceeds(services, c.office, first, _plan(9_400_00)),
        "fee_outside_offset",
    )
    settlement.allocate_proceeds(services, c.office, first, _plan(None))
    with services.db.read() as tx:
        assert -tx.balance(P.payable("creditor", first)) == difference
        assert tx.balance(P.payer("fees", first)) == 9_400_00  # still the creditor's to pay

    other, second = announced_lot(services, c, clock, "movable")
    _designate(services, c, other)
    assert close_at_end(services, clock, second).status == "unsold"
    take_in_lieu(services, c, second, FIRST - 100_000_00)
    with services.db.read() as tx:
        assert tx.balance(P.payer("fees", second)) > 0
        (due,) = tx.dues(None, True, second, "in_lieu")
    clock.set(due.due_at)
    in_lieu.record_in_lieu_default(services, c.bureau, second)
    with services.db.read() as tx:
        assert tx.balance(P.payer("fees", second)) == 0
        assert tx.balance(P.payable("fees", second)) == 0
    (shown,) = institution_fees.view(services, c.office, other)["rounds"]
    assert "Art 19" in shown["no_fee"]["en"]


def test_a_sale_revoked_before_the_fee_is_paid_owes_no_fee_nor_its_clock_art_20(
    services, clock
) -> None:
    """The court withdraws the sale (OBJ Art 21) after confirming the work: the unpaid fee
    lapses with the allocation and its Art 21 clock leaves the deadline board."""
    from case_support import pay_balance
    from fapai.app.cases import sale_revocation

    c = a_court(services)
    database(services, c, clock, [applicant() for _ in range(3)])
    lot, auction, buyer = sold_lot(services, c, clock)
    _designate(services, c, lot)
    assert pay_balance(services, buyer, auction) == "confirmed"
    settlement.allocate_proceeds(services, c.office, auction, _plan(None))
    institution_fees.confirm_completion(services, c.office, lot)
    sale_revocation.request(
        services, c.bureau, lot, "collusion", "异议成立：竞买人恶意串通", "（2026）沪01执异5号"
    )
    sale_revocation.approve(services, c.director, lot)
    with services.db.read() as tx:
        assert tx.balance(P.payable("fees", auction)) == 0
        assert not tx.dues(c.id, True, auction, "institution_fee")
    flows.send_due_refunds(services)
