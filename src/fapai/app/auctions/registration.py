"""Registering for an auction and paying the deposit (OJA Arts 17-19).

A bidder acknowledges the special warnings, gets a random code for this
auction, and pays the deposit to the court's account through the payment
gateway. The bank's signed notice confirms it; money from an account in
anyone else's name is refused (OJA Art 17: deposits in the bidder's own
name; seed 001 on lent deposits). Confirmation may come at any time before
the close (Art 18).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from fapai.app.accounts.bidders import id_number_indexes
from fapai.app.auctions import admission
from fapai.app.auctions.availability import PAUSED, unavailable
from fapai.app.auctions.ports import NOT_HERE, AuctionRecord, PaymentRecord, RegistrationRecord
from fapai.app.audit import trail
from fapai.app.errors import AppError, Kind, conflict, forbidden, invalid, not_found
from fapai.app.ledger import flows
from fapai.app.ledger.ports import BankNotice
from fapai.app.ports import Tx
from fapai.app.presenting import yuan
from fapai.app.services import Services
from fapai.domain.bidder_codes import draw_code
from fapai.domain.identity import normalize_name
from fapai.domain.ledger.rules import FUNDS, funds_allowed
from fapai.domain.money import in_range

PAID = frozenset({"confirmed", "applied", "released"})
# No (further) deposit is needed: paid, or the applicant's claim covers it (OJA Art 17).
SETTLED = PAID | {"exempt"}


def register(
    services: Services, account_id: int, auction_id: int, acknowledged: bool,
    eligibility_committed: bool = False, funds: str = "own",
) -> RegistrationRecord:  # fmt: skip
    if not acknowledged:
        raise invalid(
            "warnings_not_acknowledged",
            "报名前须阅读并确认特别提示（《网络司法拍卖规定》第十四条）。",
            "Read and acknowledge the special warnings before registering (OJA Art 14).",
        )
    if funds not in FUNDS:
        raise invalid(
            "invalid_funds", "保证金来源无效。", f"funds must be one of {', '.join(FUNDS)}."
        )
    # OJA Art 34, HSE Art 2, LIM Art 3: the court's lists and the lot's conditions
    admission.admit(services, account_id, auction_id, eligibility_committed)
    with services.db.write(auction_id) as tx:
        auction = tx.lock_auction(auction_id)
        if auction is None:
            raise not_found("拍卖", "Auction")
        existing = tx.registration(auction_id, account_id)
        if existing is not None:
            return existing
        now = services.clock()
        stopped = unavailable(auction, now)
        if stopped is not None:
            raise stopped
        account = tx.account(account_id)
        if account is None:
            raise AppError(Kind.UNAUTHORIZED, "unauthorized", "请先登录。", "Please sign in.")
        indexes = id_number_indexes(services, account)
        rank = _first(tx.preemptive_rank(auction_id, index) for index in indexes)
        # OJA Art 24: the buyer who defaulted may not bid when the lot is sold again.
        barred = any(tx.barred(auction.lot_id, index) for index in indexes)
        if barred:
            raise forbidden(
                "barred",
                "悔拍的原买受人不得参加该标的物的重新拍卖（《网络司法拍卖规定》第二十四条）。",
                "The buyer who defaulted may not take part when the lot is auctioned again "
                "(OJA Art 24).",
            )
        if not funds_allowed(tx.deposit_loans(auction.lot_id), funds):  # seed 001
            raise forbidden(
                "loan_not_allowed",
                "本标的物的拍卖条件不允许以该类借款交纳保证金。",
                "The court's terms for this lot do not allow a deposit borrowed this way.",
            )  # fmt: skip
        code = draw_code(services.randbelow, tx.codes(auction_id), rank)
        claim = _first(tx.applicant_claim(auction_id, index) for index in indexes)
        # OJA Art 17: the enforcement applicant bids without a deposit, paying only the
        # difference when its claim is smaller than the deposit.
        required = auction.deposit if claim is None else max(auction.deposit - claim, 0)
        commitment = trail.account_commitment(services.cipher, auction_id, account_id)
        registration_id = tx.insert_registration(
            auction_id, account_id, code, rank, barred, now, required,
            "exempt" if required == 0 else "unpaid", commitment,
        )  # fmt: skip
        trail.record(
            tx, trail.auction_scope(auction_id), now, f"bidder:{code}", "registration.created",
            registration=registration_id, preemptive_rank=rank, account=commitment, funds=funds,
        )  # fmt: skip
        admission.record_commitment(tx, auction, registration_id, code, eligibility_committed, now)
        tx.set_funds(registration_id, funds)
        created = tx.registration_by_id(registration_id)
    assert created is not None
    return created


def _first(values: Iterable[int | None]) -> int | None:
    return next((value for value in values if value is not None), None)


@dataclass(frozen=True, slots=True)
class PaymentOrder:
    order_ref: str
    amount: str
    instructions: dict[str, str]


def request_deposit(services: Services, account_id: int, auction_id: int) -> PaymentOrder:
    """A payment order for the deposit; the bank's notice will confirm it."""
    with services.db.write(auction_id) as tx:
        auction = tx.lock_auction(auction_id)
        if auction is None or auction.status in NOT_HERE:  # one answer for both
            raise not_found("拍卖", "Auction")
        registration = _own_registration(tx, auction_id, account_id)
        if registration.deposit_status in SETTLED:
            raise conflict(
                "deposit_already_paid", "保证金已缴纳或无需缴纳。",
                "The deposit is already paid, or none is needed.",
            )  # fmt: skip
        now = services.clock()
        stopped = unavailable(auction, now)
        if stopped is not None:
            raise stopped
        pending = tx.pending_payment(registration.id, "deposit")
        if pending is not None:  # one open order at a time: a second deposit is never taken
            return PaymentOrder(
                pending.order_ref,
                yuan(pending.amount) or "",
                services.gateway.instructions(pending.order_ref, pending.amount),
            )
        order_ref = f"D-{services.token()[:24]}"  # no auction in it: the bank sees the ref
        required = registration.deposit_required
        # asked before anything is written: with no bank configured, nothing is ordered
        instructions = services.gateway.instructions(order_ref, required)
        payment_id = tx.insert_payment(order_ref, registration.id, required, now, "deposit")
        tx.insert_payment_event(payment_id, "pending", None, "order created", now)
        tx.set_deposit_status(registration.id, "pending", now)
        trail.record(
            tx, trail.auction_scope(auction_id), now, f"bidder:{registration.code}",
            "deposit.ordered", order=order_ref, amount=required,
        )  # fmt: skip
    return PaymentOrder(order_ref, yuan(required) or "", instructions)


def _own_registration(tx: Tx, auction_id: int, account_id: int) -> RegistrationRecord:
    registration = tx.registration(auction_id, account_id)
    if registration is None:
        raise forbidden(
            "not_registered", "您未报名参加本次拍卖。", "You are not registered for this auction."
        )
    return registration


@dataclass(frozen=True, slots=True)
class NoticeOutcome:
    order_ref: str
    status: str  # confirmed | refused
    reason: str | None


def accept_bank_notice(services: Services, body: bytes, signature: str) -> NoticeOutcome:
    """Settle a payment order from the bank's signed notice; repeating a notice is harmless."""
    notice = services.gateway.read_notice(body, signature)
    if notice is None:
        raise AppError(
            Kind.UNAUTHORIZED,
            "bad_signature",
            "银行通知签名无效。",
            "The bank notice is not signed.",
        )
    with services.db.read() as tx:
        payment = tx.payment_by_ref(notice.order_ref)
        registration = tx.registration_by_id(payment.registration_id) if payment else None
    if payment is None or registration is None:
        raise not_found("支付订单", "Payment order")
    if not in_range(notice.amount):  # no real transfer; 4xx, so the bank stops retrying
        raise invalid(
            "invalid_amount",
            "通知金额超出范围。",
            "The notice's amount is not a possible transfer.",
        )
    with services.db.write(registration.auction_id) as tx:
        auction = tx.lock_auction(registration.auction_id)
        payment = tx.payment_by_ref(notice.order_ref)
        assert auction is not None
        assert payment is not None
        earlier = tx.transfer_outcome(payment.id, notice.bank_ref)
        if earlier is not None:
            # The bank repeating its notice of a transfer already booked: the same
            # answer again, and no money moves twice.
            status, detail = earlier
            return NoticeOutcome(
                payment.order_ref, status, None if status == "confirmed" else detail
            )
        registration = tx.registration_by_id(registration.id) or registration
        now = services.clock()
        account = tx.account(registration.account_id)
        assert account is not None
        payer_indexes = services.cipher.blind_indexes("name", normalize_name(notice.payer_name))
        reason = None
        if account.name_index not in payer_indexes:
            reason = "payer_not_bidder"  # OJA Art 17: the bidder's own name only
        elif notice.amount != payment.amount:
            reason = "wrong_amount"
        elif payment.purpose == "balance":
            reason = _balance_refusal(tx, auction, registration, payment)
        elif auction.status in PAUSED:
            reason = "auction_paused"  # OJA Art 28: no registrations or bids meanwhile
        elif auction.status != "open" or now >= auction.effective_end:
            reason = "auction_closed"  # Art 18: confirmed before the close, or not at all
        elif registration.deposit_status in SETTLED or payment.status == "confirmed":
            reason = "already_paid"  # one deposit per registration; the bank returns this one
        status = "refused" if reason else "confirmed"
        payer = (
            services.cipher.encrypt(notice.payer_account),
            notice.payer_bank,
            notice.account_kind,
        )
        tx.insert_payment_event(payment.id, status, notice.bank_ref, reason or "paid", now, payer)
        if reason is None and payment.purpose == "deposit":
            _flag_loan(tx, auction, payment, notice, now)
        court_id = auction.court_id
        if reason is not None:
            flows.transfer_refused(
                tx, court_id, auction.id, payment.id, notice.amount, notice.bank_ref, reason, now
            )
        elif payment.purpose == "balance":
            flows.balance_received(
                tx, court_id, auction.id, registration.id, notice.amount, notice.bank_ref, now
            )
        else:
            flows.deposit_received(
                tx, court_id, auction.id, registration.id, notice.amount, notice.bank_ref, now
            )
        # A refusal never undoes a paid deposit; and a stranger's transfer leaves the
        # registration as it was: anyone who learns an order reference can pay into it,
        # which must not mark the bidder's own deposit refused (the money goes back).
        if (
            payment.purpose == "deposit"
            and registration.deposit_status not in SETTLED
            and reason != "payer_not_bidder"
        ):
            tx.set_deposit_status(registration.id, "refused" if reason else "confirmed", now)
        trail.record(
            tx, trail.auction_scope(auction.id), now, "bank", f"{payment.purpose}.{status}",
            order=payment.order_ref, amount=notice.amount, reason=reason,
        )  # fmt: skip
    return NoticeOutcome(payment.order_ref, status, reason)


def _flag_loan(
    tx: Tx, auction: AuctionRecord, payment: PaymentRecord, notice: BankNotice, now: datetime
) -> None:
    """Seed 001: a deposit paid from a lender's escrow account in the bidder's name is a
    loan. It is kept (the court decides) and flagged for supervision when it buys a house
    (首付贷), goes against the lot's term on loans, or contradicts the bidder's own
    declaration that the money is theirs."""
    lot = tx.lot(auction.lot_id)
    if notice.account_kind != "lender_escrow" or lot is None:
        return
    declared = tx.registration_funds(payment.registration_id)
    reasons = [
        why for why, holds in (
            ("real estate", lot.property_type == "real_estate"),
            (f"the lot's term on loans is {tx.deposit_loans(lot.id)}",
             tx.deposit_loans(lot.id) != "any"),
            ("the bidder declared its own funds", declared in (None, "own")),
        ) if holds
    ]  # fmt: skip
    if not reasons:
        return
    tx.flag_payment(
        auction.court_id,
        auction.id,
        payment.id,
        "deposit_from_lender",
        f"deposit {payment.order_ref} paid from a lender's escrow account"
        f" at {notice.payer_bank or 'an unnamed bank'}: {'; '.join(reasons)}",
        now,
    )
    trail.record(
        tx, trail.auction_scope(auction.id), now, "bank", "deposit.flagged",
        order=payment.order_ref, kind="deposit_from_lender",
    )  # fmt: skip


def _balance_refusal(
    tx: Tx, auction: AuctionRecord, registration: RegistrationRecord, payment: PaymentRecord
) -> str | None:
    """Why a balance transfer cannot be kept, if it cannot: only the buyer pays it, once."""
    if auction.status != "sold" or auction.leader_registration_id != registration.id:
        return "not_the_buyer"
    if payment.status == "confirmed" or flows.open_balance_due(tx, auction.id) is None:
        return "already_paid"
    return None


def request_balance(services: Services, account_id: int, auction_id: int) -> PaymentOrder:
    """A payment order for the rest of the price, due by the announced deadline (Art 25)."""
    with services.db.write(auction_id) as tx:
        auction = tx.lock_auction(auction_id)
        if auction is None:
            raise not_found("拍卖", "Auction")
        registration = _own_registration(tx, auction_id, account_id)
        if auction.status != "sold" or auction.leader_registration_id != registration.id:
            raise forbidden("not_the_buyer", "您不是本次拍卖的买受人。", "You are not the buyer.")
        due = flows.open_balance_due(tx, auction_id)
        if due is None:
            raise conflict("balance_paid", "尾款已付清。", "The balance is paid.")
        now = services.clock()
        pending = tx.pending_payment(registration.id, "balance")
        if pending is not None:
            order_ref, amount = pending.order_ref, pending.amount
        else:
            order_ref, amount = f"B{auction_id}-{services.token()[:20]}", due.amount
            services.gateway.instructions(order_ref, amount)  # refused here without a bank
            payment_id = tx.insert_payment(order_ref, registration.id, amount, now, "balance")
            tx.insert_payment_event(payment_id, "pending", None, "order created", now)
            trail.record(
                tx, trail.auction_scope(auction_id), now, f"bidder:{registration.code}",
                "balance.ordered", order=order_ref, amount=amount,
            )  # fmt: skip
    return PaymentOrder(
        order_ref, yuan(amount) or "", services.gateway.instructions(order_ref, amount)
    )
