"""Correcting the court's ledger: nothing is edited or deleted.

A wrong decision of the court (an allocation, a forfeiture's application) is undone
by a reversing transaction, asked for by one office user with its reason and posted
only when a second one approves it (四眼原则). Money the bank has already moved is
never reversed: when the bank returns a transfer (退票), that is an entry of its own
with the bank's reference, and the money is owed again. A transaction is corrected
at most once: the database's unique constraint says so, whatever runs concurrently.
"""

from __future__ import annotations

from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.audit import trail
from fapai.app.errors import conflict, forbidden, invalid, not_found
from fapai.app.ledger import flows, sending, statement_lines
from fapai.app.ledger.checks import OWED_PREFIXES
from fapai.app.ports import Tx
from fapai.app.services import Services
from fapai.domain.ledger.postings import Posting, bank, reversal, transfer

# The court's own decisions, with no state kept elsewhere that a reversal would leave
# behind; everything else is corrected by the use case that owns it.
REVERSIBLE = frozenset({"proceeds.allocated", "forfeiture.applied"})
RETURNABLE = frozenset({"payout.sent", "refund.sent"})  # money the court sent out
APPROVERS = ("auction_office", "director")


def _office(user: CourtPrincipal, roles: tuple[str, ...] = ("auction_office",)) -> str:
    if user.role not in roles:
        raise forbidden(
            "role_not_allowed", "仅网拍办可更正账目。", "Only the auction office may correct."
        )
    return f"court_user:{user.login}"


def _entry(
    tx: Tx, user: CourtPrincipal, transaction_id: int
) -> tuple[int, int | None, list[Posting]]:
    found = tx.transaction(transaction_id)
    if found is None or found[0] != user.court_id:
        raise not_found("账目", "Ledger transaction")
    if tx.reversed_by(transaction_id) is not None:
        raise conflict("already_reversed", "该笔账目已更正。", "This entry was already corrected.")
    return found


def _reversible(
    tx: Tx, transaction_id: int, court_id: int, auction_id: int | None, postings: list[Posting]
) -> None:
    """Only a decision the bank has not acted on is reversed: not money the bank moved,
    and not an allocation whose share is being paid (``_still_held`` refuses one whose
    money has moved on since)."""
    kind, bank_ref = tx.transaction_kind(transaction_id)
    if bank_ref is not None:
        raise conflict(
            "bank_executed", "银行已执行的交易不能冲正；银行退票的，另行登记退票。",
            "The bank executed this transaction: it is never reversed; record the bank's "
            "return (退票) instead.",
        )  # fmt: skip
    if kind not in REVERSIBLE:
        raise conflict(
            "not_reversible", "该笔账目不能冲正，须通过相应的业务操作更正。",
            f"A {kind} entry is not reversed; the use case that made it corrects it.",
        )  # fmt: skip
    for posting in postings:
        if not posting.account.startswith("payable:") or auction_id is None:
            continue
        if sending.payout_open(tx, court_id, auction_id, posting.account):
            raise conflict(
                "payout_in_progress", "该笔款项正在支付中，不能冲正；待银行结果后再处理。",
                "A share of this entry is being paid out: it cannot be reversed now.",
            )  # fmt: skip


def _went_to(
    tx: Tx, court_id: int, auction_id: int | None, transaction_id: int, owed: Posting,
    counterparty: str,
) -> bool:  # fmt: skip
    """Whether the returned payment went to ``counterparty``, as the bank names it: a
    payout to its payee ("name account", fixed when it was ordered); a refund to the
    payer of the transfer it went back along, as the bank's statement named that
    transfer (the office has seen that line already: comparing tells it nothing new
    about a bidder)."""
    if not counterparty:
        return False
    kind, _ = tx.transaction_kind(transaction_id)
    if kind == "payout.sent":
        sent = [x for x in tx.lines(owed.account, court_id) if x.transaction_id == transaction_id]
        payee = sent[0].payee if sent else None
        return payee is not None and (payee == counterparty or payee.startswith(counterparty + " "))
    ref = sending.incoming_ref(tx, court_id, auction_id, owed.account)
    came = [x for x in tx.statement(court_id) if ref and x.bank_ref == ref]
    return bool(came) and came[0].counterparty.strip() == counterparty


def _still_held(tx: Tx, postings: list[Posting]) -> None:
    """A reversal takes the money back from where the entry put it: refused once it has
    moved on (paid out, or returned to the buyer when the sale was revoked), which would
    leave an account the court owes from in debit."""
    for posting in reversal(postings):
        if (
            posting.account.startswith(OWED_PREFIXES)
            and -tx.balance(posting.account) < posting.amount
        ):
            raise conflict(
                "moved_on", "该笔款项已被支付或已随撤销拍卖退还，不能冲正。",
                "The money this entry moved has moved on since (paid out, or returned when "
                "the sale was revoked): it is not reversed.",
            )  # fmt: skip


def request_reversal(
    services: Services, user: CourtPrincipal, transaction_id: int, reason: str
) -> None:
    """The first office user asks for a reversal, with the reason; nothing moves yet."""
    reason = reason.strip()
    if not reason or len(reason) > 200 or "\x00" in reason:
        raise invalid("invalid_reason", "须写明更正理由。", "Give the reason for the correction.")
    actor = _office(user)
    with services.db.write() as tx:
        court_id, auction_id, postings = _entry(tx, user, transaction_id)
        _reversible(tx, transaction_id, court_id, auction_id, postings)
        _still_held(tx, postings)
        now = services.clock()
        tx.request_reversal(transaction_id, reason, actor, now)
        trail.record(
            tx, trail.SYSTEM, now, actor, "ledger.reversal_requested",
            transaction=transaction_id, reason=reason,
        )  # fmt: skip


def approve_reversal(services: Services, user: CourtPrincipal, transaction_id: int) -> int:
    """A second user (another office user or the director) approves: the reversing
    transaction is posted, once. Returns its id."""
    actor = _office(user, APPROVERS)
    with services.db.write() as tx:
        court_id, auction_id, postings = _entry(tx, user, transaction_id)
        _reversible(tx, transaction_id, court_id, auction_id, postings)
        _still_held(tx, postings)
        asked = tx.reversal_request(transaction_id)
        if asked is None:
            raise conflict(
                "no_reversal_request", "尚无更正申请。", "Nobody has asked for this correction."
            )
        if asked.requested_by == actor:
            raise forbidden(
                "four_eyes", "更正须由另一人批准（四眼原则）。",
                "Another user approves the correction you asked for (four eyes).",
            )  # fmt: skip
        now = services.clock()
        posted = tx.post(
            court_id, auction_id, "reversal", asked.reason, reversal(postings), now, actor,
            reverses=transaction_id,
        )  # fmt: skip
        trail.record(
            tx, trail.SYSTEM, now, actor, "ledger.reversed", transaction=transaction_id,
            reversal=posted, reason=asked.reason, requested_by=asked.requested_by,
        )  # fmt: skip
    return posted


def record_bank_return(
    services: Services, user: CourtPrincipal, transaction_id: int, bank_ref: str
) -> int:
    """The bank returned a payout or a refund (退票): the money is back on the court's
    account and owed again (a refund is due again within the refund period). Only the
    bank's statement says money came back: a return one office user typed would have the
    refund or payout sent a second time."""
    bank_ref = bank_ref.strip()
    if not bank_ref or len(bank_ref) > 64:
        raise invalid("invalid_bank_ref", "银行流水号无效。", "The bank reference is not valid.")
    actor = _office(user)
    with services.db.write() as tx:
        court_id, auction_id, postings = _entry(tx, user, transaction_id)
        kind, _ = tx.transaction_kind(transaction_id)
        if kind not in RETURNABLE:
            raise conflict(
                "not_returnable", "仅已支付的款项可登记退票。",
                "Only a payout or a refund the bank sent can come back.",
            )  # fmt: skip
        owed = next(p for p in postings if p.account != bank(court_id))
        missing = conflict(
            "not_on_statement",
            "退票须与已导入的银行对账单中同一流水号、同一金额的入账一致。",
            "A return is booked only as the imported bank statement shows it: a credit "
            "with this reference and this amount.",
        )
        line = statement_lines.consume(tx, court_id, bank_ref, owed.amount, actor, missing)
        if not _went_to(tx, court_id, auction_id, transaction_id, owed, line.counterparty.strip()):
            raise conflict(
                "not_this_payment", "退票的对方户名与该笔款项的收款人不符，不能据此登记。",
                "The return's counterparty is not who this payment went to: it returns "
                "another payment.",
            )  # fmt: skip
        now = services.clock()
        posted = tx.post(
            court_id, auction_id, "bank.returned", owed.account,
            transfer(bank(court_id), owed.account, owed.amount), now, actor, bank_ref,
            reverses=transaction_id,
        )  # fmt: skip
        if kind == "refund.sent":
            tx.add_due(
                court_id, auction_id, "refund", owed.account, owed.amount,
                now + flows.REFUND_PERIOD, posted, now,
            )  # fmt: skip
        trail.record(
            tx, trail.SYSTEM, now, actor, "ledger.bank_returned", transaction=transaction_id,
            returned=posted, bank_ref=bank_ref, amount=owed.amount,
        )  # fmt: skip
    return posted
