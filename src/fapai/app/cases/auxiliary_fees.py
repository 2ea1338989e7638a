"""The auxiliary institution's fee as the back office's money acts see it (seed 003 Arts
18-20, Shanghai item 15): the lot's institution, what the case's other items were
charged, the fee computed on a base, and its booking on the ledger when a party other
than the debtor owes it.

The allocation of the proceeds (``settlement.py``) pays the debtor's fee first out of
the proceeds; a creditor taking the property in lieu owes it outside the offset
(``in_lieu.py``), and an applicant who withdrew owes the costs the court approved
(``app/institutions/fees.py``). Either owes it on ``payer:fees:{auction}``, an asset the
court collects from the statement, with the institution's share on
``payable:fees:{auction}``, paid out like every other share.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime

from fapai.app.auctions.ports import AuctionRecord
from fapai.app.audit import trail
from fapai.app.ports import Tx
from fapai.domain.institutions.fees import FeeComputation, compute
from fapai.domain.ledger.postings import payable, payer, transfer

CHARGED = "institution_fee.charged"
LAPSED = "institution_fee.lapsed"


def institution_of(tx: Tx, lot_id: int) -> int | None:
    """The institution that did the lot's work: the one designated now, else the latest
    (a removed or replaced institution is paid for the work it did)."""
    found = tx.designations(lot_id)
    standing = [d for d in found if d.ended_at is None]
    chosen = standing[-1] if standing else (found[-1] if found else None)
    return chosen.institution_id if chosen else None


def fees_in_case(tx: Tx, auction: AuctionRecord) -> int:
    """Auxiliary fees already charged to the case's other items (seed 003 Art 18). The
    case is locked first: allocations of two items at once would each read the other's
    fees as none and pass the case's cap together."""
    lot = tx.lot(auction.lot_id)
    if lot is None or lot.case_id is None:
        return 0
    tx.lock_case(lot.case_id)
    return sum(
        charged(tx, auction.court_id, sold.id)
        for other in tx.lots(auction.court_id, lot.case_id)
        for sold in tx.lot_auctions(other.id)
        if sold.id != auction.id
    )


def charged(tx: Tx, court_id: int, auction_id: int) -> int:
    """The institution's fee charged on the round, paid out or not (a lapse takes it
    back): what stands, whatever was sent already."""
    account = payable("fees", auction_id)
    return -sum(
        line.amount
        for line in tx.lines(account, court_id)
        if line.account == account and line.kind != "payout.sent"
    )


def lot_fee(tx: Tx, auction: AuctionRecord, base: int) -> FeeComputation | None:
    """The fee of the lot's institution on ``base``; None when no institution was
    entrusted with the lot (no fee is owed to anyone)."""
    if institution_of(tx, auction.lot_id) is None:
        return None
    return within_item(
        tx, auction, compute(base, fees_in_case(tx, auction), tx.fee_rate(auction.court_id))
    )


def within_item(tx: Tx, auction: AuctionRecord, computed: FeeComputation) -> FeeComputation:
    """The item's bound holds across its rounds (Art 18): what the lot's rounds were
    charged already (costs approved when the applicant withdrew, then the round resumed
    and sold, Art 20) comes off the fee, so the item never pays more than one fee."""
    standing = sum(charged(tx, auction.court_id, a.id) for a in tx.lot_auctions(auction.lot_id))
    if not standing:
        return computed
    item = compute(computed.base, 0, computed.court_rate_per_mille).bound
    left = max(min(computed.bound, item - standing), 0)
    return dataclasses.replace(computed, bound=left, amount=left)


def owed_by_payer(tx: Tx, auction_id: int) -> int:
    """What the creditor or the applicant still owes for the institution's fee."""
    return tx.balance(payer("fees", auction_id))


def book(
    tx: Tx, auction: AuctionRecord, computed: FeeComputation, who: str, actor: str,
    now: datetime,
) -> int:  # fmt: skip
    """Book a fee owed by ``who`` (creditor or applicant) outside the proceeds: the party
    owes it to the court, the court owes it to the institution; the transaction's memo
    and the trail show the computation. Returns the transaction's id."""
    posted = tx.post(
        auction.court_id, auction.id, CHARGED, computed.memo(who),
        transfer(payer("fees", auction.id), payable("fees", auction.id), computed.amount),
        now, actor,
    )  # fmt: skip
    trail.record(
        tx, trail.auction_scope(auction.id), now, actor, CHARGED, payer=who,
        institution=institution_of(tx, auction.lot_id),
        **computed.as_dict(),
    )  # fmt: skip
    return posted


def lapse(tx: Tx, auction: AuctionRecord, reason: str, actor: str, now: datetime) -> int:
    """The fee a party still owes lapses with what it was owed for (a creditor's taking
    that lapsed): no fee when the lot ends unsold (Art 19). Returns the amount."""
    owed = owed_by_payer(tx, auction.id)
    if owed > 0:
        tx.post(
            auction.court_id, auction.id, LAPSED, reason,
            transfer(payable("fees", auction.id), payer("fees", auction.id), owed), now, actor,
        )  # fmt: skip
        trail.record(
            tx, trail.auction_scope(auction.id), now, actor, LAPSED, amount=owed, reason=reason
        )
    return owed
