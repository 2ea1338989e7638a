"""The court's money decisions after an auction: a default and its forfeiture (OJA Art
24), the allocation of the proceeds (fees first and bounded, seed 003 Art 18; then the
creditors in their legal order; the surplus to the debtor), and the payouts, each to
the payee account named when the money was allocated.

Each checks the court user's role and court, posts balanced transactions and
appends an audit record in the same database transaction. Allocating and paying
out are done by two different office users (四眼原则).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime

from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.auctions.ports import AuctionRecord
from fapai.app.audit import trail
from fapai.app.cases import auxiliary_fees
from fapai.app.errors import conflict, forbidden, invalid, not_found, other_court
from fapai.app.ledger import flows, sending
from fapai.app.lots.ports import LotRecord
from fapai.app.lots.stages import move
from fapai.app.ports import Tx
from fapai.app.services import Services
from fapai.domain.institutions.fees import FeeComputation
from fapai.domain.ledger.fees import auxiliary_fee_cap
from fapai.domain.ledger.postings import (
    Posting,
    forfeit,
    payable,
    proceeds,
    refund,
    transfer,
)
from fapai.domain.ledger.rules import apply_forfeiture
from fapai.domain.numerals import format_cny

# fees, the forfeiture's buckets (OJA Art 24), the creditors by rank ("creditor" is
# the first, "creditor-2" the next, ...) and the debtor's surplus.
PAYOUT_KIND = re.compile(r"fees|costs|shortfall|other|surplus|creditor(-[1-9][0-9]?)?")
CLOSED = ("sold", "unsold", "defaulted", "in_lieu")


def locked_auction(tx: Tx, user: CourtPrincipal, auction_id: int, *roles: str) -> AuctionRecord:
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
    """The buyer did not pay the balance in time (悔拍): what it deposited is forfeited.

    Only money held for the buyer's registration can be forfeited: an applicant whose
    claim covered the deposit (OJA Art 17) forfeits nothing, one that paid part of it
    forfeits that part; the rest of the deposit is recorded as the court's decision
    against the claim. In a 变卖 the prepayment is the whole price: an amount equal to
    the deposit is kept and the rest is refunded within 24 hours.
    """
    with services.db.write(auction_id) as tx:
        auction = locked_auction(tx, user, auction_id, "enforcement")
        due = flows.open_balance_due(tx, auction_id)
        now = services.clock()
        if auction.status != "sold" or due is None:
            raise conflict("no_balance_due", "本拍卖没有未付的尾款。", "No unpaid balance here.")
        if now < due.due_at:
            raise conflict(
                "balance_not_yet_due", "尾款期限尚未届满（《网络司法拍卖规定》第二十五条）。",
                "The balance is not yet due (OJA Art 25).",
            )  # fmt: skip
        assert auction.leader_registration_id is not None
        won = tx.registration_by_id(auction.leader_registration_id)
        assert won is not None
        paid = won.deposit_required if won.deposit_status == "applied" else 0
        kept = min(paid, _deposit_sized(tx, auction))
        returned = paid - kept
        postings: list[Posting] = []
        if kept:
            postings += transfer(proceeds(auction_id), forfeit(auction_id), kept)
        if returned:
            postings += transfer(proceeds(auction_id), refund(f"registration:{won.id}"), returned)
        posted = None
        if postings:
            posted = tx.post(
                auction.court_id, auction_id, "deposit.forfeited", "buyer default", postings,
                now, f"court_user:{user.login}",
            )  # fmt: skip
        if returned:
            tx.add_due(
                auction.court_id, auction_id, "refund", refund(f"registration:{won.id}"),
                returned, now + flows.REFUND_PERIOD, posted, now,
            )  # fmt: skip
        tx.settle(due.id, posted, now)  # the balance will not come; the due is closed
        tx.save_bidding_state(replace(auction, status="defaulted"))
        _bar_defaulter(tx, auction, now)
        trail.record(
            tx, trail.auction_scope(auction_id), now, f"court_user:{user.login}",
            "auction.defaulted", buyer=auction.leader_code, forfeited=kept, refunded=returned,
        )  # fmt: skip
        against_claim = auction.deposit - won.deposit_required if auction.kind != "sale" else 0
        if against_claim > 0:
            trail.record(
                tx, trail.auction_scope(auction_id), now, f"court_user:{user.login}",
                "default.against_claim", amount=against_claim,
                note="the deposit the applicant's claim covered: a court decision against "
                "the claim, not money on the court's account",
            )  # fmt: skip


def _deposit_sized(tx: Tx, auction: AuctionRecord) -> int:
    """What a default keeps: the deposit; in a 变卖, whose prepayment is the whole price,
    an amount equal to the deposit of the auction round it follows."""
    if auction.kind != "sale":
        return auction.deposit
    previous_id = tx.extras(auction.id).previous_id
    previous = tx.auction(previous_id) if previous_id is not None else None
    return previous.deposit if previous is not None else auction.deposit


def _bar_defaulter(tx: Tx, auction: AuctionRecord, now: datetime) -> None:
    """OJA Art 24: the defaulting buyer may not bid when the lot is auctioned again."""
    assert auction.leader_registration_id is not None
    won = tx.registration_by_id(auction.leader_registration_id)
    buyer = tx.account(won.account_id) if won is not None else None
    if buyer is not None:
        tx.bar(auction.lot_id, buyer.id_number_index, "defaulted", now)
    follow_round(tx, auction, "default")


def follow_round(tx: Tx, auction: AuctionRecord, action: str) -> LotRecord | None:
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
    debtor's other debts. The re-auction's costs and shortfall come first, so nothing
    is applied before the re-auction has closed and they are known."""
    if min(costs, shortfall, debtor_debt) < 0:
        raise invalid("negative_amount", "金额不得为负。", "Amounts cannot be negative.")
    with services.db.write(auction_id) as tx:
        auction = locked_auction(tx, user, auction_id, "enforcement")
        held = -tx.balance(forfeit(auction_id))
        if held <= 0:
            raise conflict("nothing_forfeited", "没有可处理的悔拍保证金。", "No forfeited deposit.")
        again = [a for a in tx.lot_auctions(auction.lot_id) if a.id > auction_id]
        if not any(a.closed_at is not None and a.status in CLOSED for a in again):
            raise conflict(
                "reauction_not_closed",
                "重新拍卖结束前不得处理悔拍保证金：其须先用于支付重新拍卖的费用和价款差额"
                "（《网络司法拍卖规定》第二十四条）。",
                "The forfeited deposit first pays the re-auction's costs and price "
                "shortfall (OJA Art 24): it is applied only once the re-auction has closed.",
            )  # fmt: skip
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


@dataclass(frozen=True, slots=True)
class PayeeAccount:
    name: str
    bank_account: str


@dataclass(frozen=True, slots=True)
class Creditor:
    """A creditor with its claim, in the legal order of payment (priority first)."""

    payee: PayeeAccount
    claim: int


@dataclass(frozen=True, slots=True)
class Allocation:
    fees: int | None  # None: the lot's institution's fee as computed (seed 003 Art 18)
    fees_payee: PayeeAccount | None
    creditors: list[Creditor]
    debtor: PayeeAccount | None  # where a surplus goes back


def allocate_proceeds(
    services: Services, user: CourtPrincipal, auction_id: int, plan: Allocation
) -> None:
    """Split a fully paid sale's proceeds: the auxiliary institutions' fees first, never
    above the bound of seed 003 Art 18; then each creditor up to its claim in the order
    given (the legal order); what is left returns to the debtor. Every share names the
    account it will be paid to."""
    if (plan.fees or 0) < 0 or any(c.claim <= 0 for c in plan.creditors):
        raise invalid("negative_amount", "金额不得为负。", "Amounts cannot be negative.")
    if not plan.creditors or len(plan.creditors) > 20:
        raise invalid(
            "no_creditor", "须列明受偿债权人（1至20名）。", "Name 1 to 20 creditors to be paid."
        )
    with services.db.write(auction_id) as tx:
        auction = locked_auction(tx, user, auction_id, "auction_office")
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
        if (plan.fees or 0) > held:
            raise invalid("fees_exceed_proceeds", "费用超过价款。", "Fees exceed the proceeds.")
        fees, memo, computed = _fees(tx, auction, plan.fees)
        if fees > held:
            raise invalid("fees_exceed_proceeds", "费用超过价款。", "Fees exceed the proceeds.")
        shares: list[tuple[str, int, PayeeAccount | None]] = [("fees", fees, plan.fees_payee)]
        left = held - fees
        for rank, creditor in enumerate(plan.creditors, start=1):
            part = min(left, creditor.claim)
            shares.append(("creditor" if rank == 1 else f"creditor-{rank}", part, creditor.payee))
            left -= part
        shares.append(("surplus", left, plan.debtor))
        postings: list[Posting] = []
        now = services.clock()
        actor = f"court_user:{user.login}"
        for kind, amount, payee in shares:
            if not amount:
                continue
            if payee is None:
                raise invalid(
                    "no_payee", f"须写明{kind}的收款账户。", f"Name the account {kind} is paid to."
                )
            account = payable(kind, auction_id)
            postings += transfer(proceeds(auction_id), account, amount)
            tx.set_payee(account, auction.court_id, payee.name, payee.bank_account, actor, now)
        tx.post(
            auction.court_id, auction_id, "proceeds.allocated",
            f"fees first ({memo}), then the creditors in order, the surplus to the debtor"[:300],
            postings, now, actor,
        )  # fmt: skip
        trail.record(
            tx, trail.auction_scope(auction_id), now, actor, "proceeds.allocated",
            **{kind: amount for kind, amount, _ in shares},
        )  # fmt: skip
        if computed is not None:
            trail.record(
                tx, trail.auction_scope(auction_id), now, actor, auxiliary_fees.CHARGED,
                payer="debtor", institution=auxiliary_fees.institution_of(tx, auction.lot_id),
                **computed.as_dict(),
            )  # fmt: skip


def _fees(
    tx: Tx, auction: AuctionRecord, given: int | None
) -> tuple[int, str, FeeComputation | None]:
    """The auxiliary fee paid first out of the proceeds (seed 003 Art 18) and how it came
    about. A lot entrusted to an institution pays its fee as computed, on the sale price;
    after a taking in lieu the creditor pays it outside the offset (booked at the
    taking), so nothing of it comes out of the proceeds. A lot with no institution pays
    what the office enters, within the same bound."""
    price = auction.price if auction.status == "sold" else auction.start_price
    if auxiliary_fees.institution_of(tx, auction.lot_id) is not None:
        if auction.status == "in_lieu":
            if given:
                raise invalid(
                    "fee_outside_offset",
                    "以物抵债的，辅助机构费用由承受债权人另行支付，不计入抵债数额，不从价款中扣除"
                    "（辅助机构办法第十八条）。",
                    "After a taking in lieu the accepting creditor pays the institution's fee "
                    "outside the offset: none comes out of the proceeds (seed 003 Art 18).",
                )  # fmt: skip
            return 0, "none out of the proceeds: the accepting creditor pays it (Art 18)", None
        computed = auxiliary_fees.lot_fee(tx, auction, price or 0)
        assert computed is not None
        if given is not None and given != computed.amount:
            raise invalid(
                "fee_is_computed",
                f"辅助机构费用按本院标准计算为{format_cny(computed.amount)}，不得另行填写"
                "（辅助机构办法第十八条）。",
                f"The institution's fee is computed: {format_cny(computed.amount)} "
                "(seed 003 Art 18); leave it out or give exactly that.",
            )  # fmt: skip
        return computed.amount, computed.memo("debtor"), computed
    fees = given or 0
    rate = tx.fee_rate(auction.court_id)
    cap = auxiliary_fee_cap(price or 0, auxiliary_fees.fees_in_case(tx, auction), rate)
    if fees > cap:
        own = "" if rate is None else f"，且不超过本院标准（价款的千分之{rate}）"
        own_en = "" if rate is None else f", and this court's own {rate} per 1,000"
        raise invalid(
            "fees_over_cap",
            f"辅助机构费用不得超过{format_cny(cap)}：按《诉讼费用交纳办法》第十四条的标准计算，"
            f"单件标的不超过5万元、单宗案件不超过10万元{own}。",
            f"Auxiliary fees may not exceed {format_cny(cap)}: the FEE Art 14 schedule on "
            f"the price, at most 50,000 per item and 100,000 per case (seed 003 Art 18)"
            f"{own_en}.",
        )  # fmt: skip
    return fees, f"entered, within {format_cny(cap)} (seed 003 Art 18)", None


def name_payee(
    services: Services, user: CourtPrincipal, auction_id: int, kind: str, payee: PayeeAccount
) -> None:
    """Name the account a forfeiture's share (costs, shortfall, the debtor's debts) is
    paid to; shares of the proceeds are named when they are allocated."""
    _check_kind(kind)
    with services.db.write(auction_id) as tx:
        auction = locked_auction(tx, user, auction_id, "auction_office")
        account = payable(kind, auction_id)
        if -tx.balance(account) <= 0:
            raise conflict("nothing_payable", "没有应付款项。", "Nothing is payable to them.")
        if sending.payout_open(tx, auction.court_id, auction_id, account):
            raise conflict(  # the payee it is being sent to is the one the payer saw
                "payout_in_progress", "该笔款项正在支付中，不能更改收款账户。",
                "This payout is being sent: its payee cannot change now.",
            )  # fmt: skip
        now = services.clock()
        actor = f"court_user:{user.login}"
        tx.set_payee(account, auction.court_id, payee.name, payee.bank_account, actor, now)
        trail.record(
            tx, trail.auction_scope(auction_id), now, actor, "payee.named", kind=kind,
            name=payee.name, bank_account=payee.bank_account,
        )  # fmt: skip


def _check_kind(kind: str) -> None:
    if not PAYOUT_KIND.fullmatch(kind):
        raise invalid(
            "invalid_payee", "收款类别无效。",
            "kind must be fees, costs, shortfall, creditor, creditor-N, other or surplus.",
        )  # fmt: skip


def _paid_before(kind: str) -> list[str]:
    """What is paid out before ``kind``: the fees first (seed 003 Art 18), the creditors
    in their order, the debtor's surplus last."""
    if kind == "fees":
        return []
    if kind == "surplus":
        return ["fees", "creditor", *(f"creditor-{n}" for n in range(2, 100))]
    if kind.startswith("creditor-"):
        rank = int(kind.removeprefix("creditor-"))
        return ["fees", "creditor", *(f"creditor-{n}" for n in range(2, rank))]
    return ["fees"]


def pay_out(services: Services, user: CourtPrincipal, auction_id: int, kind: str) -> int:
    """Send what is payable to ``kind`` out of the court's account, to the payee named
    for it, by an office user other than the one who named it; return the amount."""
    _check_kind(kind)
    with services.db.write(auction_id) as tx:
        auction = locked_auction(tx, user, auction_id, "auction_office")
        account = payable(kind, auction_id)
        owed = -tx.balance(account)
        if owed <= 0:
            raise conflict("nothing_payable", "没有应付款项。", "Nothing is payable to them.")
        earlier = next(
            (k for k in _paid_before(kind) if -tx.balance(payable(k, auction_id)) > 0), None
        )
        if earlier is not None:
            raise conflict(
                "fees_first" if earlier == "fees" else "order_of_payment",
                "应先支付辅助机构费用。" if earlier == "fees" else f"应先支付{earlier}。",
                f"{earlier} is paid first (seed 003 Art 18; the creditors' legal order).",
            )  # fmt: skip
        if kind == "fees" and auxiliary_fees.owed_by_payer(tx, auction_id) > 0:
            raise conflict(
                "fee_not_received",
                "承受债权人或申请执行人尚未交付辅助机构费用，不能支付（辅助机构办法第十八条、第二十条）。",
                "The creditor or applicant has not paid the institution's fee in yet "
                "(seed 003 Arts 18, 20): nothing to pay it from.",
            )  # fmt: skip
        payee = tx.payee(account)
        if payee is None:
            raise conflict(
                "no_payee", "尚未写明收款账户，不能支付。", "No payee account is named for this."
            )
        actor = f"court_user:{user.login}"
        if payee.recorded_by == actor:
            raise forbidden(
                "four_eyes", "分配与支付须由两名不同的网拍办人员办理（四眼原则）。",
                "The payee was named by you: another office user pays out (four eyes).",
            )  # fmt: skip
        now = services.clock()
        outgoing = sending.order_payout(
            services, tx, auction.court_id, auction_id, account, owed, payee
        )
        trail.record(
            tx, trail.auction_scope(auction_id), now, actor, "payout.ordered", kind=kind,
            amount=owed, instruction=outgoing.instruction_id, payee=payee.name,
            bank_account=payee.bank_account,
        )  # fmt: skip
    sending.attempt(services, outgoing.id)  # outside the transaction; the closer retries
    return owed
