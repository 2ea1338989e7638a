"""The court's money decisions after an auction: a default and its forfeiture (OJA Art
24), the allocation of the proceeds (fees first, seed 003 Art 18), the payouts, and a
creditor taking the property in lieu of its debt (以物抵债) after a failed second round.

Each checks the court user's role and court, posts balanced transactions and
appends an audit record in the same database transaction.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.auctions.ports import AuctionRecord
from fapai.app.audit import trail
from fapai.app.cases.disposal import LotInCase, step
from fapai.app.errors import conflict, forbidden, invalid, not_found, other_court
from fapai.app.ledger import flows, sending
from fapai.app.lots.ports import LotRecord
from fapai.app.lots.stages import move
from fapai.app.ports import Tx
from fapai.app.services import Services
from fapai.domain.calendar import beijing_date, period_deadline
from fapai.domain.ledger.postings import (
    PAYABLE_KINDS,
    bank,
    forfeit,
    payable,
    proceeds,
    reversal,
    transfer,
)
from fapai.domain.ledger.rules import apply_forfeiture


def _auction(tx: Tx, user: CourtPrincipal, auction_id: int, *roles: str) -> AuctionRecord:
    if user.role not in roles:
        raise forbidden(
            "role_not_allowed", "您的角色无权进行此操作（执拍分离）。",
            f"Your role ({user.role}) may not do this; it needs: {', '.join(roles)}.",
        )  # fmt: skip
    auction = tx.lock_auction(auction_id)
    if auction is None:
        raise not_found("拍卖", "Auction")
    if auction.court_id != user.court_id:
        raise other_court("拍卖")
    return auction


def record_default(services: Services, user: CourtPrincipal, auction_id: int) -> None:
    """The buyer did not pay the balance in time (悔拍): the deposit is forfeited."""
    with services.db.write(auction_id) as tx:
        auction = _auction(tx, user, auction_id, "enforcement")
        due = flows.open_balance_due(tx, auction_id)
        now = services.clock()
        if auction.status != "sold" or due is None:
            raise conflict("no_balance_due", "本拍卖没有未付的尾款。", "No unpaid balance here.")
        if now < due.due_at:
            raise conflict(
                "balance_not_yet_due", "尾款期限尚未届满（《网络司法拍卖规定》第二十五条）。",
                "The balance is not yet due (OJA Art 25).",
            )  # fmt: skip
        posted = tx.post(
            auction.court_id, auction_id, "deposit.forfeited", "buyer default",
            transfer(proceeds(auction_id), forfeit(auction_id), auction.deposit), now,
            f"court_user:{user.login}",
        )  # fmt: skip
        tx.settle(due.id, posted, now)  # the balance will not come; the due is closed
        tx.save_bidding_state(replace(auction, status="defaulted"))
        _bar_defaulter(tx, auction, now)
        trail.record(
            tx, trail.auction_scope(auction_id), now, f"court_user:{user.login}",
            "auction.defaulted", buyer=auction.leader_code, forfeited=auction.deposit,
        )  # fmt: skip


def _bar_defaulter(tx: Tx, auction: AuctionRecord, now: datetime) -> None:
    """OJA Art 24: the defaulting buyer may not bid when the lot is auctioned again."""
    assert auction.leader_registration_id is not None
    won = tx.registration_by_id(auction.leader_registration_id)
    buyer = tx.account(won.account_id) if won is not None else None
    if buyer is not None:
        tx.bar(auction.lot_id, buyer.id_number_index, "defaulted", now)
    _follow(tx, auction, "default")


def _follow(tx: Tx, auction: AuctionRecord, action: str) -> LotRecord | None:
    """A lot of a case follows what happened to its round (domain/workflow/stages)."""
    lot = tx.lot(auction.lot_id)
    if lot is None or lot.stage is None:
        return None
    move(tx, lot, action)
    return lot


def apply_forfeited_deposit(
    services: Services,
    user: CourtPrincipal,
    auction_id: int,
    costs: int,
    shortfall: int,
    debtor_debt: int,
) -> None:
    """Apply the forfeited deposit in the OJA Art 24 order; what is left goes to the
    debtor's other debts."""
    if min(costs, shortfall, debtor_debt) < 0:
        raise invalid("negative_amount", "金额不得为负。", "Amounts cannot be negative.")
    with services.db.write(auction_id) as tx:
        auction = _auction(tx, user, auction_id, "enforcement")
        held = -tx.balance(forfeit(auction_id))
        if held <= 0:
            raise conflict("nothing_forfeited", "没有可处理的悔拍保证金。", "No forfeited deposit.")
        now = services.clock()
        tx.post(
            auction.court_id, auction_id, "forfeiture.applied", "OJA Art 24 order",
            apply_forfeiture(auction_id, held, costs, shortfall, debtor_debt), now,
            f"court_user:{user.login}",
        )  # fmt: skip
        trail.record(
            tx, trail.auction_scope(auction_id), now, f"court_user:{user.login}",
            "forfeiture.applied", amount=held, costs=costs, shortfall=shortfall,
            debtor_debt=debtor_debt,
        )  # fmt: skip


def allocate_proceeds(services: Services, user: CourtPrincipal, auction_id: int, fees: int) -> None:
    """Split a fully paid sale's proceeds: the auxiliary institutions' fees first
    (seed 003 Art 18), the rest to the creditor side of the case."""
    if fees < 0:
        raise invalid("negative_amount", "金额不得为负。", "Amounts cannot be negative.")
    with services.db.write(auction_id) as tx:
        auction = _auction(tx, user, auction_id, "auction_office")
        unpaid = any(
            d.kind in ("balance", "in_lieu")
            for d in tx.dues(auction.court_id, open_only=True, auction_id=auction_id)
        )
        if auction.status not in ("sold", "in_lieu") or unpaid:
            raise conflict(
                "not_fully_paid", "成交价款尚未付清，不能分配。", "The price is not fully paid yet."
            )
        held = -tx.balance(proceeds(auction_id))
        if held <= 0:
            raise conflict("nothing_to_allocate", "没有可分配的价款。", "Nothing left to allocate.")
        if fees > held:
            raise invalid("fees_exceed_proceeds", "费用超过价款。", "Fees exceed the proceeds.")
        postings = (
            [] if not fees else transfer(proceeds(auction_id), payable("fees", auction_id), fees)
        )
        if held - fees:
            postings += transfer(proceeds(auction_id), payable("creditor", auction_id), held - fees)
        now = services.clock()
        tx.post(
            auction.court_id, auction_id, "proceeds.allocated", "fees first, then creditor",
            postings, now, f"court_user:{user.login}",
        )  # fmt: skip
        trail.record(
            tx, trail.auction_scope(auction_id), now, f"court_user:{user.login}",
            "proceeds.allocated", fees=fees, creditor=held - fees,
        )  # fmt: skip


def pay_out(services: Services, user: CourtPrincipal, auction_id: int, kind: str) -> int:
    """Send what is payable to ``kind`` out of the court's account; return the amount."""
    if kind not in PAYABLE_KINDS:
        raise invalid(
            "invalid_payee", "收款类别无效。", f"kind must be one of {', '.join(PAYABLE_KINDS)}."
        )
    with services.db.write(auction_id) as tx:
        auction = _auction(tx, user, auction_id, "auction_office")
        account = payable(kind, auction_id)
        owed = -tx.balance(account)
        if owed <= 0:
            raise conflict("nothing_payable", "没有应付款项。", "Nothing is payable to them.")
        if kind != "fees" and -tx.balance(payable("fees", auction_id)) > 0:
            raise conflict(
                "fees_first", "应先支付辅助机构费用。", "The fees are paid first (seed 003 Art 18)."
            )
        now = services.clock()
        outgoing = sending.order_payout(services, tx, auction.court_id, auction_id, account, owed)
        trail.record(
            tx, trail.auction_scope(auction_id), now, f"court_user:{user.login}",
            "payout.ordered", kind=kind, amount=owed, instruction=outgoing.instruction_id,
        )  # fmt: skip
    sending.attempt(services, outgoing.id)  # outside the transaction; the closer retries
    return owed


def take_in_lieu(services: Services, user: CourtPrincipal, auction_id: int, claim: int) -> int:
    """A creditor takes the property of a failed second round in lieu of its debt
    (以物抵债) at that round's reserve price, paying any difference; returns it in fen."""
    if claim <= 0:
        raise invalid("invalid_claim", "债权金额须为正数。", "The claim must be positive.")
    with services.db.write(auction_id) as tx:
        auction = _auction(tx, user, auction_id, "enforcement")
        if auction.status != "unsold" or auction.round < 2:
            raise conflict(
                "not_after_second_round", "仅二拍流拍后方可以物抵债。",
                "Only after a failed second auction may a creditor take the property in lieu.",
            )  # fmt: skip
        now = services.clock()
        difference = max(auction.start_price - claim, 0)
        if difference:
            tx.add_due(
                auction.court_id, auction_id, "in_lieu", proceeds(auction_id), difference,
                period_deadline(services.calendar, now, tx.auction_balance_days(auction_id)),
                None, now,
            )  # fmt: skip
        tx.save_bidding_state(replace(auction, status="in_lieu"))
        lot = _follow(tx, auction, "take_in_lieu")
        if lot is not None:  # a fact of the lot: with no difference, ASR Art 20 runs from it
            step(
                tx, user, LotInCase(lot, now), auction_id, "in_lieu", beijing_date(now),
                claim=claim, difference=difference,
            )  # fmt: skip
        trail.record(
            tx, trail.auction_scope(auction_id), now, f"court_user:{user.login}",
            "auction.in_lieu", price=auction.start_price, claim=claim, difference=difference,
        )  # fmt: skip
    return difference


def record_in_lieu_payment(
    services: Services, user: CourtPrincipal, auction_id: int, bank_ref: str, amount: int
) -> None:
    """The creditor's difference arrived in the court's account (the bank's reference is
    what the statement will show, so reconciliation checks this entry)."""
    if not bank_ref.strip() or len(bank_ref) > 64:
        raise invalid("invalid_bank_ref", "银行流水号无效。", "The bank reference is not valid.")
    with services.db.write(auction_id) as tx:
        auction = _auction(tx, user, auction_id, "auction_office")
        found = tx.dues(auction.court_id, True, auction_id, "in_lieu")
        due = found[0] if found else None
        if due is None:
            raise conflict(
                "nothing_due", "没有待付的以物抵债差价。", "No in-lieu difference is due."
            )
        if amount != due.amount:
            raise invalid(
                "wrong_amount", "金额与应付差价不符。", "The amount is not the difference due."
            )
        now = services.clock()
        posted = tx.post(
            auction.court_id, auction_id, "in_lieu.received", "creditor's difference",
            transfer(bank(auction.court_id), proceeds(auction_id), amount), now,
            f"court_user:{user.login}", bank_ref.strip(),
        )  # fmt: skip
        tx.settle(due.id, posted, now)
        trail.record(
            tx, trail.auction_scope(auction_id), now, f"court_user:{user.login}",
            "in_lieu.received", amount=amount, bank_ref=bank_ref.strip(),
        )  # fmt: skip


def reverse(services: Services, user: CourtPrincipal, transaction_id: int, reason: str) -> int:
    """Correct a wrong entry the only way the ledger allows: a new transaction that undoes
    it, with the reason; nothing is edited or deleted. Returns the new transaction's id."""
    reason = reason.strip()
    if not reason or len(reason) > 200 or "\x00" in reason:
        raise invalid("invalid_reason", "须写明更正理由。", "Give the reason for the correction.")
    if user.role != "auction_office":
        raise forbidden(
            "role_not_allowed", "仅网拍办可更正账目。", "Only the auction office may correct."
        )
    with services.db.write() as tx:
        found = tx.transaction(transaction_id)
        if found is None or found[0] != user.court_id:
            raise not_found("账目", "Ledger transaction")
        court_id, auction_id, postings = found
        if tx.reversed_by(transaction_id) is not None:
            raise conflict(
                "already_reversed", "该笔账目已更正。", "This entry was already reversed."
            )
        now = services.clock()
        posted = tx.post(
            court_id, auction_id, "reversal", reason, reversal(postings), now,
            f"court_user:{user.login}", reverses=transaction_id,
        )  # fmt: skip
        trail.record(
            tx, trail.SYSTEM, now, f"court_user:{user.login}", "ledger.reversed",
            transaction=transaction_id, reversal=posted, reason=reason,
        )  # fmt: skip
    return posted
