"""An objection upheld after the sale (OBJ Art 21; CPL Art 236; issue 18 items 3-4): once
the ruling is final (the ten days for reconsideration run, or the objection closed after
the higher court's decision) the bureau files the after-sale revocation from it in one
click, with the ruling's ground and number; the director's approval returns the buyer's
money from every state it can be in (balance unpaid, paid, allocated, paid out), and the
fixtures check `fapai ledger check` and `fapai audit verify` after each test, on SQLite
and PostgreSQL. Also: a ruling and the revocation it sets off stand or fall together,
and a sale revoked already is not ended for good by a later objection."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from case_support import a_court, auction_of, pay_balance, refused, stage, today
from fapai.app.accounts import courts
from fapai.app.cases import after_sale, sale_revocation, settlement
from fapai.app.errors import conflict
from fapai.app.remedies import docket, views
from fapai.domain.ledger import postings as P
from fapai.domain.ledger.revocation import receivable
from support import Clock, bidder, court_user
from test_case_flows import sold_lot
from test_remedies_flows import file
from test_sale_revocation import (
    DEPOSIT,
    FIRST,
    Sold,
    allocate,
    balance,
    cashier,
    deposit_ref,
    sent_back,
    sold,
)


def upheld(s: Sold, ground: str = "collusion", standing: str = "party") -> tuple[int, str]:
    """A party's objection to the sold auction, docketed and upheld on ``ground``."""
    number = file(s.services, bidder(s.services, "异议人"), s.lot, "execution_act", standing)
    docket.docket(s.services, s.court.bureau, number)
    return number, docket.rule(s.services, s.court.bureau, number, "upheld", ground, "恶意串通")


def final(clock: Clock) -> None:
    """Past the tenth day after service (CPL Art 236): the ruling is final."""
    clock.set(clock() + timedelta(days=20))


def lot_steps(s: Sold, name: str) -> list[dict]:
    with s.services.db.read() as tx:
        return [json.loads(x.details) for x in tx.steps(s.lot) if x.step == name]


def case_number(s: Sold) -> str:
    with s.services.db.read() as tx:
        lot = tx.lot(s.lot)
        assert lot is not None
        assert lot.case_id is not None
        case = tx.case(lot.case_id)
        assert case is not None
        return case.number


@pytest.mark.parametrize("money", ["balance_unpaid", "paid", "allocated", "paid_out"])
def test_an_objection_upheld_after_the_sale_revokes_it_once_final_obj_art_21(
    services, clock, money: str
) -> None:
    """The ruling carries the objection's ground and number into the after-sale
    revocation; nothing moves until the director approves, then the money goes back."""
    s = sold(services, clock)
    if money != "balance_unpaid":
        assert pay_balance(s.services, s.buyer, s.auction) == "confirmed"
    if money in ("allocated", "paid_out"):
        allocate(s)
    if money == "paid_out":
        assert settlement.pay_out(s.services, cashier(s), s.auction, "fees") > 0
    number, effect = upheld(s, "unequal_conditions", "excluded_bidder")
    assert effect == "revocation_due"
    refused(lambda: docket.file_revocation(s.services, s.court.bureau, number),
            "ruling_not_final")  # fmt: skip
    assert lot_steps(s, "sale_revocation_requested") == []
    final(clock)
    refused(lambda: docket.file_revocation(s.services, s.court.office, number),
            "role_not_allowed")  # fmt: skip
    docket.file_revocation(s.services, s.court.bureau, number)
    refused(lambda: docket.file_revocation(s.services, s.court.bureau, number),
            "revocation_filed")  # fmt: skip
    assert stage(s.services, s.lot) == "sold"  # the director's approval comes first
    (asked,) = lot_steps(s, "sale_revocation_requested")
    assert asked["ground"] == "unequal_conditions"
    assert asked["ruling_number"] == f"{case_number(s)}（{number}）"
    assert f"第{number}号" in asked["reason"]
    (mine,) = [o for o in views.for_court(s.services, s.court.bureau) if o["id"] == number]
    assert mine["ruling"]["effect"] == "revocation_due"
    done = sale_revocation.approve(s.services, s.court.director, s.lot)
    assert stage(s.services, s.lot) == "sale_revoked"
    assert auction_of(s.services, s.auction).status == "revoked"
    if money == "balance_unpaid":
        assert sent_back(s) == [(DEPOSIT, deposit_ref(s))]
    elif money == "paid_out":
        fees = balance(s, receivable("fees", s.auction))
        assert done.receivable == {"fees": fees}
        assert done.refunded + done.owed == FIRST
    else:
        assert done.refunded == FIRST
    assert balance(s, P.proceeds(s.auction)) == 0


def test_a_ruling_under_reconsideration_is_not_final_until_the_higher_court_decided(
    services, clock
) -> None:
    """CPL Art 236: the objector applied to the next-higher court; the sale is not undone
    while it reviews, and is once the objection is closed on its decision."""
    higher = courts.create_court(services, "sh-gy", "上海高院", "上海")
    c = a_court(services, parent="sh-gy")
    lot, _, _ = sold_lot(services, c, clock)
    filer = bidder(services, "异议人")
    number = file(services, filer, lot)
    docket.docket(services, c.bureau, number)
    assert docket.rule(services, c.bureau, number, "upheld", "collusion", "串通") == (
        "revocation_due"
    )
    docket.reconsider(services, filer.account_id, number, "请求撤销全部拍卖")
    final(clock)
    refused(lambda: docket.file_revocation(services, c.bureau, number), "not_found")  # it is up
    higher_bureau = court_user(services, higher, "enforcement")[0]
    refused(lambda: docket.file_revocation(services, higher_bureau, number), "ruling_not_final")
    docket.close(services, higher_bureau, number, "复议驳回，维持异议裁定")
    docket.file_revocation(services, c.bureau, number)
    sale_revocation.approve(services, c.director, lot)
    assert stage(services, lot) == "sale_revoked"


def test_a_dismissed_objection_files_no_revocation(services, clock) -> None:
    s = sold(services, clock)
    number = file(s.services, bidder(s.services, "异议人"), s.lot)
    docket.docket(s.services, s.court.bureau, number)
    docket.rule(s.services, s.court.bureau, number, "dismissed", None, "理由不成立")
    final(clock)
    refused(lambda: docket.file_revocation(s.services, s.court.bureau, number),
            "no_revocation_due")  # fmt: skip


def test_an_objection_upheld_after_the_sale_was_revoked_leaves_the_lot_to_be_sold_again(
    services, clock
) -> None:
    """Attack review: the ruling used to revoke the lot's disposal for good (the stage
    `revoked`, no new round) when the sale stood revoked already — a decision the ruling
    never made. The auction is revoked already; the lot may still be auctioned again."""
    s = sold(services, clock)
    first, _ = upheld(s)
    final(clock)
    docket.file_revocation(s.services, s.court.bureau, first)
    sale_revocation.approve(s.services, s.court.director, s.lot)
    assert upheld(s, "procedure_breach")[1] == "revoked"
    assert stage(s.services, s.lot) == "sale_revoked"
    assert lot_steps(s, "revoked") == []


def test_after_the_delivery_an_upheld_objection_cannot_undo_the_sale_obj_art_6(
    services, clock
) -> None:
    """Enforcement against the property ended with the delivery: the ruling stands, the
    revocation is left to the court outside fapai (docs/remedies.md)."""
    s = sold(services, clock)
    pay_balance(s.services, s.buyer, s.auction)
    c, lot = s.court, s.lot
    number = file(s.services, bidder(s.services, "异议人"), lot)  # filed before the end
    docket.docket(s.services, c.bureau, number)
    after_sale.send_confirmation(s.services, c.office, lot)
    after_sale.rule_sale(s.services, c.bureau, lot, "（2026）沪01执123号之一", today(clock))
    after_sale.issue_title_notice(s.services, c.bureau, lot, "不动产登记中心", today(clock))
    after_sale.deliver(s.services, c.office, lot, today(clock))
    effect = docket.rule(s.services, c.bureau, number, "upheld", "collusion", "恶意串通")
    assert effect == "revocation_needed"
    assert stage(s.services, lot) == "delivered"
    assert lot_steps(s, "sale_revocation_requested") == []


@pytest.mark.parametrize("when", ["before_the_sale", "after_the_sale"])
def test_a_ruling_and_the_revocation_it_sets_off_stand_or_fall_together(
    services, clock, monkeypatch, when: str
) -> None:
    """Attack review: the revocation was committed before the ruling was written, so a
    ruling refused at that moment (another clerk's ruling came first) left the auction
    revoked under an objection that was dismissed. Now one transaction holds both."""
    from test_remedies_flows import live_lot

    if when == "before_the_sale":
        c, lot, _ = live_lot(services, clock)
        the_services = services
    else:
        s = sold(services, clock)
        c, lot, the_services = s.court, s.lot, s.services
    number = file(the_services, bidder(the_services, "异议人"), lot)
    docket.docket(the_services, c.bureau, number)
    before = stage(the_services, lot)
    real_move = docket.move

    def raced(*args, **kwargs):
        if args[2] == docket.Step.RULE:
            raise conflict("out_of_order", "已裁定。", "Ruled already.")
        return real_move(*args, **kwargs)

    monkeypatch.setattr(docket, "move", raced)
    refused(
        lambda: docket.rule(the_services, c.bureau, number, "upheld", "collusion", "串通"),
        "out_of_order",
    )
    monkeypatch.setattr(docket, "move", real_move)
    assert stage(the_services, lot) == before
    with the_services.db.read() as tx:
        assert not [x for x in tx.steps(lot) if "revo" in x.step]
    assert docket.rule(the_services, c.bureau, number, "dismissed", None, "理由不成立") == "none"
    assert stage(the_services, lot) == before
