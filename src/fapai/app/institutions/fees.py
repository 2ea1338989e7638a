"""The auxiliary institution's fee for a lot, beyond what the allocation books (seed 003
Arts 18-21, Shanghai item 15; docs/institutions.md "Fees").

- What is owed and why, round by round, with its computation (``view``): the debtor's
  fee out of the proceeds of a sale, the accepting creditor's outside the offset of a
  taking in lieu, the applicant's approved costs; no fee for a round nobody bought and
  nobody took in lieu (Art 19), nor for one the court postponed, suspended or withdrew
  (Art 20).
- The applicant withdrew: the office approves the reasonable actual costs, with the
  reason, within the bound of a fee on the round's reserve (Art 20).
- The court confirms the work complete: the fee is due within 10 working days on the
  statutory calendar (Art 21), a clock on the deadline board met when the payout is sent.
- The creditor or the applicant pays its share into the court's account, booked from the
  bank's statement; only then is the institution paid.
"""

from __future__ import annotations

import json
from datetime import datetime, time
from typing import Any

from fapai.app.accounts.courts import require
from fapai.app.accounts.principals import COURT_ROLES, CourtPrincipal
from fapai.app.auctions.ports import AuctionRecord
from fapai.app.audit import trail
from fapai.app.cases import auxiliary_fees
from fapai.app.cases.disposal import lot_in_case, step, text
from fapai.app.cases.settlement import locked_auction
from fapai.app.errors import conflict, invalid, not_found, other_court
from fapai.app.ledger import statement_lines
from fapai.app.ports import Tx
from fapai.app.presenting import beijing, yuan
from fapai.app.services import Services
from fapai.domain.beijing_time import BEIJING
from fapai.domain.calendar import ONE_DAY
from fapai.domain.institutions.fees import compute, costs, payment_due
from fapai.domain.ledger.postings import bank, payable, payer, transfer
from fapai.domain.money import MAX_FEN

#: the rounds' outcomes that owe no fee, and the article (seed 003 Arts 19-20)
NO_FEE = {
    "unsold": ("无人竞买且无人以物抵债，不收取费用（第十九条）",
               "nobody bought it and nobody took it in lieu (Art 19)"),
    "postponed": ("法院暂缓拍卖，不收取费用（第二十条）", "postponed by the court (Art 20)"),
    "suspended": ("法院中止拍卖，不收取费用（第二十条）", "suspended by the court (Art 20)"),
    "revoked": ("法院撤回拍卖，不收取费用（第二十条）", "withdrawn by the court (Art 20)"),
    "defaulted": ("买受人悔拍，本轮不收取费用", "the buyer defaulted: this round owes none"),
}  # fmt: skip


def view(services: Services, user: CourtPrincipal, lot_id: int) -> dict[str, Any]:
    """The lot's institution and, for each round, what its fee is, who bears it, how it
    was computed (the ledger's memo), what is still owed and the Art 21 clock."""
    with services.db.read() as tx:
        held = _lot(tx, user, lot_id)
        rounds = [_round(tx, auction) for auction in tx.lot_auctions(held)]
        institution = auxiliary_fees.institution_of(tx, held)
        found = tx.institution(institution) if institution is not None else None
    return {
        "lot_id": lot_id,
        "institution": {"id": found.id, "name": found.name} if found else None,
        "rounds": rounds,
    }


def _lot(tx: Tx, user: CourtPrincipal, lot_id: int) -> int:
    require(user, *COURT_ROLES)
    lot = tx.lot(lot_id)
    if lot is None:
        raise not_found("标的物", "Lot")
    if lot.court_id != user.court_id:
        raise other_court("标的物")
    return lot.id


def _round(tx: Tx, auction: AuctionRecord) -> dict[str, Any]:
    account = payable("fees", auction.id)
    booked = [
        line for line in tx.lines(account, auction.court_id)
        if line.account == account and line.kind != "payout.sent"
    ]  # fmt: skip
    charged = -sum(line.amount for line in booked)
    paid_out = -tx.balance(account) == 0 and charged > 0
    dues = tx.dues(auction.court_id, False, auction.id, "institution_fee")
    reason = None if charged else NO_FEE.get(auction.status)
    return {
        "auction_id": auction.id,
        "status": auction.status,
        "fee": yuan(charged) if charged else None,
        "computation": [line.memo for line in booked if line.memo],
        "owed_by_payer": yuan(max(auxiliary_fees.owed_by_payer(tx, auction.id), 0)),
        "paid_out": paid_out,
        "due": beijing(dues[-1].due_at) if dues else None,
        "no_fee": {"zh": reason[0], "en": reason[1]} if reason else None,
    }


def approve_costs(
    services: Services, user: CourtPrincipal, lot_id: int, amount: int, reason: str
) -> dict[str, Any]:
    """Art 20: the applicant withdrew (a pause on the ground ``applicant_consents``): the
    office approves the institution's reasonable actual costs, borne by the applicant,
    never above a fee on the round's reserve (FEE Art 14, 50,000 an item, 100,000 a
    case, the court's own rate)."""
    why = text(reason, "reason", 500)
    if not 0 < amount <= MAX_FEN:
        raise invalid("invalid_amount", "金额须为正数。", "The amount must be positive.")
    with services.db.write() as tx:
        held = lot_in_case(services, tx, user, lot_id, "auction_office")
        rounds = tx.lot_auctions(lot_id)
        if not rounds or auxiliary_fees.institution_of(tx, lot_id) is None:
            raise conflict(
                "no_institution", "该标的物未委托网拍辅助机构。",
                "No auxiliary institution was entrusted with this lot.",
            )  # fmt: skip
        auction = locked_auction(tx, user, rounds[-1].id, "auction_office")
        if not _applicant_withdrew(tx, lot_id, auction.id):
            raise conflict(
                "not_applicant_withdrawal",
                "仅申请执行人撤回申请（暂缓、中止事由为申请执行人同意暂缓或撤回申请）时，"
                "方可批准辅助机构的合理实际支出（辅助机构办法第二十条）；法院暂缓、中止或撤回的，不收取费用。",
                "Costs are approved only when the applicant withdrew (a pause on the ground "
                "applicant_consents, seed 003 Art 20); when the court pauses or withdraws "
                "there is no fee.",
            )  # fmt: skip
        if auxiliary_fees.owed_by_payer(tx, auction.id) or auxiliary_fees.charged(
            tx, auction.court_id, auction.id
        ):  # owed, standing or already paid out: once (Art 20)
            raise conflict("costs_approved", "费用已核定。", "A fee or costs stand already.")
        bound = auxiliary_fees.within_item(tx, auction, compute(
            auction.start_price, auxiliary_fees.fees_in_case(tx, auction),
            tx.fee_rate(auction.court_id),
        ))  # fmt: skip
        approved = costs(bound, amount)
        if approved is None:
            raise invalid(
                "costs_over_cap",
                f"合理实际支出不得超过{yuan(bound.bound)}元（按保留价依执行费标准计算，单件不超过5万元、"
                "单宗案件不超过10万元，且不超过本院标准）。",
                f"The costs may not exceed {yuan(bound.bound)} yuan: the FEE Art 14 schedule "
                "on the reserve, 50,000 an item, 100,000 a case, this court's own rate "
                "(seed 003 Arts 18, 20).",
            )  # fmt: skip
        actor = f"court_user:{user.login}"
        auxiliary_fees.book(tx, auction, approved, "applicant", actor, held.now)
        step(tx, user, held, auction.id, "institution_costs_approved", held.today,
             amount=amount, reason=why, bound=bound.bound, rule="seed003_art_20")  # fmt: skip
    return {"auction_id": auction.id, "costs": yuan(amount), "bound": yuan(bound.bound)}


def _applicant_withdrew(tx: Tx, lot_id: int, auction_id: int) -> bool:
    """Whether the round's latest approved pause was asked on the applicant's ground."""
    asked = ground = None
    for s in tx.steps(lot_id):
        if s.auction_id != auction_id:
            continue
        if s.step == "pause_requested":
            asked = json.loads(s.details)["ground"]
        elif s.step == "pause_approved":
            ground = asked
    return ground == "applicant_consents"


def confirm_completion(services: Services, user: CourtPrincipal, lot_id: int) -> dict[str, Any]:
    """Art 21: the court confirms the institution's work complete; the fee booked for the
    lot's latest round with one is due within 10 working days (statutory calendar)."""
    with services.db.write() as tx:
        held = lot_in_case(services, tx, user, lot_id, "auction_office")
        auction = next(
            (a for a in reversed(tx.lot_auctions(lot_id)) if -tx.balance(payable("fees", a.id))),
            None,
        )
        if auction is None or auxiliary_fees.institution_of(tx, lot_id) is None:
            raise conflict(
                "no_fee_owed",
                "没有应付辅助机构的费用（成交价款分配、以物抵债或核定支出后方产生）。",
                "No fee is owed to the institution: it arises with the allocation, a taking "
                "in lieu or approved costs.",
            )  # fmt: skip
        locked_auction(tx, user, auction.id, "auction_office")
        if tx.dues(auction.court_id, False, auction.id, "institution_fee"):
            raise conflict("already_confirmed", "已确认辅助工作完成。", "Completion is confirmed.")
        last_day = payment_due(services.calendar, held.today)
        due_at = datetime.combine(last_day + ONE_DAY, time(0), tzinfo=BEIJING)
        owed = -tx.balance(payable("fees", auction.id))
        tx.add_due(
            auction.court_id, auction.id, "institution_fee", payable("fees", auction.id), owed,
            due_at, None, held.now,
        )  # fmt: skip
        step(tx, user, held, auction.id, "institution_work_confirmed", held.today,
             fee=owed, pay_by=last_day.isoformat(), rule="seed003_art_21")  # fmt: skip
    return {"auction_id": auction.id, "fee": yuan(owed), "pay_by": last_day.isoformat()}


def record_payment(
    services: Services, user: CourtPrincipal, auction_id: int, bank_ref: str, amount: int
) -> None:
    """The creditor or the applicant paid the institution's fee into the court's account,
    as the bank's statement shows it (four eyes on the statement's line)."""
    with services.db.write(auction_id) as tx:
        auction = locked_auction(tx, user, auction_id, "auction_office")
        owed = auxiliary_fees.owed_by_payer(tx, auction_id)
        if owed <= 0:
            raise conflict("nothing_due", "没有待交的辅助机构费用。", "No fee is owed by a party.")
        if amount != owed:
            raise invalid("wrong_amount", "金额与应交费用不符。", "The amount is not the fee owed.")
        if tx.dues(auction.court_id, True, auction_id, "in_lieu"):
            raise conflict(  # a taking that may still lapse owes no fee yet (Art 19)
                "in_lieu_difference_unpaid",
                "承受债权人尚未交付以物抵债差价，抵债可能失效，暂不收取辅助机构费用（辅助机构办法第十九条）。",
                "The accepting creditor has not paid the difference yet: the taking may still "
                "lapse, and the institution's fee is taken in only once it stands (seed 003 "
                "Art 19).",
            )  # fmt: skip
        actor = f"court_user:{user.login}"
        bank_ref = statement_lines.received(tx, auction.court_id, bank_ref, amount, actor)
        now = services.clock()
        tx.post(
            auction.court_id, auction_id, "institution_fee.received", "the party's fee (Art 18)",
            transfer(bank(auction.court_id), payer("fees", auction_id), amount), now, actor,
            bank_ref,
        )  # fmt: skip
        trail.record(
            tx, trail.auction_scope(auction_id), now, actor, "institution_fee.received",
            amount=amount, bank_ref=bank_ref,
        )  # fmt: skip
