"""A creditor taking the property in lieu of its debt (以物抵债) after a failed round,
and the difference it pays into the court's account.

The difference is received only as the bank reports it: the office names the
transfer by the bank's reference, and it must be a line of an imported bank
statement of the court's account with that amount, not yet booked on the ledger.
A difference still unpaid when its period has run out lets the bureau record the
creditor's default: the taking lapses and the round is unsold again.
"""

from __future__ import annotations

from dataclasses import replace

from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.audit import trail
from fapai.app.cases.disposal import LotInCase, step
from fapai.app.cases.settlement import follow_round, locked_auction
from fapai.app.errors import conflict, invalid
from fapai.app.ledger import reconciliation
from fapai.app.services import Services
from fapai.domain.calendar import beijing_date, period_deadline
from fapai.domain.ledger.postings import bank, proceeds, transfer


def take_in_lieu(services: Services, user: CourtPrincipal, auction_id: int, claim: int) -> int:
    """A creditor takes the property of a failed round in lieu of its debt (以物抵债) at
    that round's reserve price, paying any difference; returns it in fen. ASR Art 16
    allows it after any round nobody bought, first or second, but only the lot's latest
    round: once a later round is set, its own reserve price is the one that counts."""
    if claim <= 0:
        raise invalid("invalid_claim", "债权金额须为正数。", "The claim must be positive.")
    with services.db.write(auction_id) as tx:
        auction = locked_auction(tx, user, auction_id, "enforcement")
        if auction.status != "unsold":
            raise conflict(
                "not_a_failed_round", "仅拍卖流拍后方可以物抵债（《拍卖、变卖规定》第十六条）。",
                "Only after an auction nobody bought may a creditor take the property in lieu "
                "(ASR Art 16).",
            )  # fmt: skip
        later = [a for a in tx.lot_auctions(auction.lot_id) if a.id > auction.id]
        if later:
            raise conflict(
                "not_the_latest_round", "该标的物已有后续拍卖，须以最近一次流拍的保留价抵债。",
                "A later round of this lot exists: the latest failed round's reserve counts.",
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
        lot = follow_round(tx, auction, "take_in_lieu")
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
    """The creditor's difference arrived in the court's account, as the bank's statement
    shows it: never a reference typed from memory or one already booked."""
    with services.db.write(auction_id) as tx:
        auction = locked_auction(tx, user, auction_id, "auction_office")
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
        bank_ref = reconciliation.check_received(tx, auction.court_id, bank_ref, amount)
        now = services.clock()
        posted = tx.post(
            auction.court_id, auction_id, "in_lieu.received", "creditor's difference",
            transfer(bank(auction.court_id), proceeds(auction_id), amount), now,
            f"court_user:{user.login}", bank_ref,
        )  # fmt: skip
        tx.settle(due.id, posted, now)
        trail.record(
            tx, trail.auction_scope(auction_id), now, f"court_user:{user.login}",
            "in_lieu.received", amount=amount, bank_ref=bank_ref,
        )  # fmt: skip


def record_in_lieu_default(services: Services, user: CourtPrincipal, auction_id: int) -> None:
    """The creditor did not pay the difference by its deadline: the taking lapses, the
    due is closed with no money moving and the round is unsold again."""
    with services.db.write(auction_id) as tx:
        auction = locked_auction(tx, user, auction_id, "enforcement")
        found = tx.dues(auction.court_id, True, auction_id, "in_lieu")
        if auction.status != "in_lieu" or not found:
            raise conflict(
                "nothing_due", "没有待付的以物抵债差价。", "No in-lieu difference is due."
            )
        now = services.clock()
        if now < found[0].due_at:
            raise conflict(
                "difference_not_yet_due", "差价的交付期限尚未届满。",
                "The difference is not yet due.",
            )  # fmt: skip
        tx.settle(found[0].id, None, now)
        tx.save_bidding_state(replace(auction, status="unsold"))
        follow_round(tx, auction, "in_lieu_default")  # a lot of a case: unsold again
        trail.record(
            tx, trail.auction_scope(auction_id), now, f"court_user:{user.login}",
            "in_lieu.defaulted", difference=found[0].amount,
        )  # fmt: skip
