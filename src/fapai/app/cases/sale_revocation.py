"""Revoking an auction after its sale (OBJ Art 21, OJA Art 31), with the buyer's money.

An upheld objection can undo a sale that has already happened: the enforcement bureau
decides with the coded ground and its ruling's number, the director approves (as a
pause is approved, Shanghai items 19-20), and on approval the sale is undone in one
database transaction: the buyer's deposit and balance are owed back along the
transfers they came by (原路退回) and each refund's instruction is recorded before the
bank is called; allocations not paid out are undone (an auxiliary fee not paid lapses:
seed 003 Art 20, no fee when the court withdraws); what was paid out stays owed to the
buyer and becomes the court's receivable from each payee, on the deadline board and
alerted at once. The confirmation letter and the sale ruling then show that they are
revoked, and the lot may be auctioned again (the revoked round repeats) or released
from auction by the ordinary revocation.

Not after the delivery: enforcement against the property has ended (OBJ Art 6), and
the stage machine refuses it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.auctions.ports import AuctionRecord
from fapai.app.audit import trail
from fapai.app.cases.disposal import LotInCase, lot_in_case, step, text
from fapai.app.cases.settlement import locked_auction
from fapai.app.errors import conflict, invalid
from fapai.app.ledger import flows, sending, statement_lines
from fapai.app.ledger.ports import Outgoing
from fapai.app.lots.ports import StepRecord
from fapai.app.lots.stages import allowed, move
from fapai.app.ports import Tx
from fapai.app.presenting import beijing
from fapai.app.services import Services
from fapai.domain.ledger.postings import bank, payable, proceeds, refund, transfer
from fapai.domain.ledger.revocation import MoneyMismatch, SaleMoney, receivable, undo_sale
from fapai.domain.workflow.grounds import REVOKE_GROUNDS, revoke_article

# ASR Art 19 (the debtor paying before the sale) stops a sale that has not happened
AFTER_SALE_GROUNDS = tuple(g for g in REVOKE_GROUNDS if g != "debtor_paid")
REQUESTED, REVOKED = "sale_revocation_requested", "sale_revoked"
# the bank moved these on a payable account: money that left the court's account
_BANK_KINDS = ("payout.sent", "bank.returned")


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the approval did with the buyer's money, in fen."""

    refunded: int  # owed back now, its instructions recorded
    owed: int  # owed back once the payees return it
    receivable: dict[str, int]  # payable kind -> to claw back


def request(
    services: Services, user: CourtPrincipal, lot_id: int, ground: str, reason: str,
    ruling_number: str,
) -> None:  # fmt: skip
    """The bureau decides to revoke the sold auction, citing its ground and the number
    of the ruling that revokes it; nothing moves until the director approves."""
    if ground not in AFTER_SALE_GROUNDS:
        raise invalid(
            "invalid_ground",
            "成交后撤销拍卖的事由无效（《执行异议复议规定》第二十一条、《网络司法拍卖规定》第三十一条）。",
            f"ground must be one of {', '.join(AFTER_SALE_GROUNDS)} (OBJ Art 21, OJA Art 31).",
        )  # fmt: skip
    why = text(reason, "reason", 500)
    number = text(ruling_number, "ruling_number", 80)
    with services.db.write() as tx:
        request_in(services, tx, user, lot_id, ground, why, number)


def request_in(
    services: Services, tx: Tx, user: CourtPrincipal, lot_id: int, ground: str, why: str,
    number: str,
) -> None:  # fmt: skip
    """``request`` inside the caller's transaction: an objection's final ruling files it
    in the same one as the objection's step (docs/remedies.md)."""
    held = lot_in_case(services, tx, user, lot_id, "enforcement")
    auction = _sold_round(tx, held)
    if _pending(tx.steps(lot_id), auction.id) is not None:
        raise conflict(
            "revocation_pending", "已有待审批的撤销申请。", "A revocation awaits approval already."
        )
    step(
        tx, user, held, auction.id, REQUESTED, held.today, ground=ground, reason=why,
        ruling_number=number, article=revoke_article(ground),
    )  # fmt: skip


def approve(services: Services, user: CourtPrincipal, lot_id: int) -> Outcome:
    """The director approves: the sale is undone and its refunds are sent (outside the
    transaction, each once; the closer's sender retries what the bank did not pay)."""
    with services.db.write() as tx:
        held = lot_in_case(services, tx, user, lot_id, "director")
        auction = _sold_round(tx, held)
        tx.lock_auction(auction.id)
        asked = _pending(tx.steps(lot_id), auction.id)
        if asked is None:
            raise conflict(
                "no_revocation_request", "没有待审批的申请。", "Nothing awaits approval."
            )
        if tx.dues(auction.court_id, True, auction.id, "payout"):
            raise conflict(
                "payout_in_progress",
                "有款项正在支付中，待银行答复后方可撤销。",
                "A payout is being sent: revoke once the bank has answered.",
            )  # fmt: skip
        outcome, sent = _undo_money(services, tx, auction, f"court_user:{user.login}")
        details = json.loads(asked.details)
        notice = {
            "kind": "revoked", "ground": details["ground"], "reason": details["reason"],
            "at": beijing(held.now), "after_sale": True,
        }  # fmt: skip
        tx.set_pause(auction.id, "revoked", json.dumps(notice, ensure_ascii=False))
        move(tx, held.lot, "revoke_sale")
        step(
            tx, user, held, auction.id, REVOKED, held.today, ground=details["ground"],
            reason=details["reason"], ruling_number=details["ruling_number"],
            article=details["article"],
            refunded=outcome.refunded, owed=outcome.owed, receivable=outcome.receivable,
            instructions=[o.instruction_id for o in sent],
        )  # fmt: skip
    for outgoing in sent:
        sending.attempt(services, outgoing.id)
    return outcome


def _sold_round(tx: Tx, held: LotInCase) -> AuctionRecord:
    """The lot's sold round, at a stage the revocation may start from."""
    if held.lot.stage == "sale_revoked":
        raise conflict(
            "already_revoked", "该拍卖已于成交后撤销。", "This sale has been revoked already."
        )
    allowed(held.lot, "revoke_sale")
    auction = tx.lot_auctions(held.lot.id)[-1]
    if auction.status != "sold" or auction.leader_registration_id is None:
        raise conflict(
            "not_an_auction_sale", "该标的物不是经拍卖成交的（如以物抵债），不适用成交后撤销拍卖。",
            "The lot was not sold at auction (it was taken in lieu, say): there is no sale "
            "to revoke.",
        )  # fmt: skip
    return auction


def _pending(steps: list[StepRecord], auction_id: int) -> StepRecord | None:
    pending = None
    for s in steps:
        if s.auction_id == auction_id and s.step in (REQUESTED, REVOKED):
            pending = s if s.step == REQUESTED else None
    return pending


def _undo_money(
    services: Services, tx: Tx, auction: AuctionRecord, actor: str
) -> tuple[Outcome, list[Outgoing]]:
    now = services.clock()
    money = _sale_money(tx, auction)
    try:
        undoing = undo_sale(money)
    except MoneyMismatch as error:  # never expected: the ledger check would show it too
        raise conflict(
            "ledger_mismatch", "本拍卖的账目与买受人的付款不符，请先核对账目。",
            f"The sale's accounts do not add up ({error}); check the ledger first.",
        ) from error  # fmt: skip
    posted = None
    if undoing.postings:
        posted = tx.post(
            auction.court_id, auction.id, "sale.revoked",
            "sale revoked (OBJ Art 21): the buyer's money back", undoing.postings, now, actor,
        )  # fmt: skip
    balance_due = flows.open_balance_due(tx, auction.id)
    if balance_due is not None:
        tx.settle(balance_due.id, posted, now)  # the balance will not be asked for
    if -tx.balance(payable("fees", auction.id)) <= 0:  # the unpaid fee lapsed (Art 20)
        for fee_due in tx.dues(auction.court_id, True, auction.id, "institution_fee"):
            tx.settle(fee_due.id, posted, now)
    sent: list[Outgoing] = []
    for reference, fen in undoing.refunds:
        account = refund(reference)
        due_id = tx.add_due(
            auction.court_id, auction.id, "refund", account, fen, now + flows.REFUND_PERIOD,
            posted, now,
        )  # fmt: skip
        due = next(
            d for d in tx.dues(auction.court_id, True, auction.id, "refund") if d.id == due_id
        )
        sent.append(sending.order_refund(services, tx, due))
    for kind, fen in undoing.receivables:
        # no rule gives a payee time to return it: due at once, and alerted at once
        due_id = tx.add_due(
            auction.court_id, auction.id, "clawback", receivable(kind, auction.id), fen, now,
            posted, now,
        )  # fmt: skip
        tx.raise_alert(due_id, now)
    assert auction.leader_registration_id is not None
    won = tx.registration_by_id(auction.leader_registration_id)
    if won is not None and won.deposit_status == "applied":
        tx.set_deposit_status(won.id, "released", now)
    outcome = Outcome(
        sum(fen for _, fen in undoing.refunds), sum(fen for _, fen in undoing.owed),
        dict(undoing.receivables),
    )  # fmt: skip
    return outcome, sent


def _sale_money(tx: Tx, auction: AuctionRecord) -> SaleMoney:
    """What the buyer paid, transfer by transfer, and where it is now."""
    account = proceeds(auction.id)
    received: list[tuple[str, int]] = []
    for line in tx.lines(account, auction.court_id):
        if line.account != account:
            continue
        if line.kind == "deposit.applied":
            received.append((f"registration:{auction.leader_registration_id}", -line.amount))
        elif line.kind == "balance.received":
            received.append((f"transfer:{auction.court_id}:{line.bank_ref}", -line.amount))
    held: dict[str, int] = {}
    paid_out: dict[str, int] = {}
    shares = re.compile(rf"payable:(.+):{auction.id}")
    for line in tx.lines("payable:", auction.court_id):
        found = shares.fullmatch(line.account)
        if found is None:
            continue
        kind = found.group(1)
        held[kind] = -tx.balance(line.account)
        if line.kind in _BANK_KINDS:
            paid_out[kind] = paid_out.get(kind, 0) + line.amount
    return SaleMoney(auction.id, received, -tx.balance(account), held, paid_out)


def record_clawback(
    services: Services, user: CourtPrincipal, auction_id: int, kind: str, bank_ref: str
) -> int:
    """A payee returned what a revoked sale paid it (the office books it from the bank's
    statement, like any transfer in): the receivable is settled and the money goes on
    to the buyer, whose refund of it was owed; returns the fen refunded."""
    with services.db.write(auction_id) as tx:
        auction = locked_auction(tx, user, auction_id, "auction_office")
        account = receivable(kind, auction_id)
        due = next(
            (d for d in tx.dues(auction.court_id, True, auction_id, "clawback")
             if d.account == account),
            None,
        )  # fmt: skip
        if due is None:
            raise conflict(
                "nothing_receivable", "没有应追回的款项。", "Nothing is to be recovered from them."
            )
        amount = tx.balance(account)
        actor = f"court_user:{user.login}"
        bank_ref = statement_lines.received(tx, auction.court_id, bank_ref, amount, actor)
        now = services.clock()
        postings = transfer(bank(auction.court_id), account, amount)
        passing_on: list[tuple[str, int]] = []
        left = amount
        lines = tx.lines("owed:", auction.court_id)
        for waiting in dict.fromkeys(x.account for x in lines if x.auction_id == auction_id):
            part = min(-tx.balance(waiting), left)
            if part <= 0:
                continue
            passing_on.append((waiting, part))
            left -= part
            postings += transfer(waiting, refund(waiting.removeprefix("owed:")), part)
        posted = tx.post(
            auction.court_id, auction_id, "clawback.received", f"{kind} returned", postings,
            now, actor, bank_ref,
        )  # fmt: skip
        tx.settle(due.id, posted, now)
        sent = []
        for owed_account, part in passing_on:
            due_id = tx.add_due(
                auction.court_id, auction_id, "refund",
                refund(owed_account.removeprefix("owed:")), part, now + flows.REFUND_PERIOD,
                posted, now,
            )  # fmt: skip
            refund_due = next(
                d for d in tx.dues(auction.court_id, True, auction_id, "refund") if d.id == due_id
            )
            sent.append(sending.order_refund(services, tx, refund_due))
        trail.record(
            tx, trail.auction_scope(auction_id), now, actor, "clawback.received", kind=kind,
            amount=amount, bank_ref=bank_ref, refunded=amount - left,
            instructions=[o.instruction_id for o in sent],
        )  # fmt: skip
    for outgoing in sent:
        sending.attempt(services, outgoing.id)
    return amount - left
