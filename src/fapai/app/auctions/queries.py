"""What the public, bidders and court users read: lists, snapshots, histories, results.

Nothing here returns a bidder's identity before the close (OJA Art 18); after
it, only the confirmation names the buyer (Art 22), with the ID number masked.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from fapai.app.accounts.ports import AccountRecord
from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.auctions import publication
from fapai.app.auctions.ports import NOT_HERE, AuctionFilter, AuctionListing, AuctionRecord
from fapai.app.audit import reads
from fapai.app.errors import conflict, not_found, other_court
from fapai.app.ledger import flows
from fapai.app.lots import materials
from fapai.app.ports import Tx
from fapai.app.presenting import beijing, yuan
from fapai.app.services import Services
from fapai.domain.identity import mask_id_number

MAX_PAGE = 100
BIDS_PAGE = 1000  # the court's list of every bid, a page at a time
# Before the close (OJA Art 18): bidding not begun, going on, or paused.
UNSETTLED = ("draft", "open", "postponed", "suspended")


def public_status(auction: AuctionRecord, now: datetime) -> str:
    """upcoming / live / closing (ended, not yet settled) / sold / unsold."""
    if auction.status != "open":
        return auction.status
    if now < auction.starts_at:
        return "upcoming"
    return "live" if now < auction.effective_end else "closing"


def snapshot(listing: AuctionListing, now: datetime) -> dict[str, Any]:
    auction = listing.auction
    return {
        "id": auction.id,
        "title": listing.lot_title,
        "property_type": listing.property_type,
        "location": listing.location,
        "court": {"code": listing.court_code, "name": listing.court_name},
        "round": auction.round,
        "status": public_status(auction, now),
        "start_price": yuan(auction.start_price),
        "increment": yuan(auction.increment),
        "deposit": yuan(auction.deposit),
        "reference_price": yuan(listing.reference_price),
        "starts_at": beijing(auction.starts_at),
        "ends_at": beijing(auction.ends_at),
        "effective_end": beijing(auction.effective_end),
        "extension_seconds": auction.extension_seconds,
        "allow_self_raise": auction.allow_self_raise,
        "price": yuan(auction.price),
        "leader": auction.leader_code,
        "extensions": auction.extensions,
        "bid_count": auction.bid_count,  # every bid received, refused ones included
        "accepted_bid_count": listing.accepted_bids,
        "refused_bid_count": auction.bid_count - listing.accepted_bids,
        "seq": auction.seq,
        "server_time": beijing(now),
        "kind": auction.kind,
        "platform": listing.platform,
        "announced_at": beijing(listing.announced_at),
        "pause": json.loads(listing.pause) if listing.pause else None,
    }


def auction_snapshot(services: Services, auction_id: int) -> dict[str, Any]:
    with services.db.read() as tx:
        listing = tx.listing(auction_id)
        shown = materials.public_records(tx, listing.auction.lot_id) if listing else []
        steps = tx.steps(listing.auction.lot_id) if listing is not None else []
        registered, watching = tx.interest(auction_id)
        viewed = tx.views(auction_id)
        holders = tx.holder_count(auction_id)
    if listing is None or listing.auction.status in NOT_HERE:  # public once announced here
        raise not_found("拍卖", "Auction")
    result = snapshot(listing, services.clock())
    # counts, as the big platforms show them (报名人数, 关注人数); never who
    result["registration_count"] = registered
    result["watcher_count"] = watching
    result["view_count"] = viewed  # 围观次数 (app/auctions/page_views.py)
    # whether the court confirmed preemptive-right holders (OJA Art 16, 19), never whom
    result["preemptive_holders"] = holders > 0
    result["disclosure"] = json.loads(listing.disclosure)
    result["materials"] = materials.listed(shown)
    result["publication"] = publication.public(steps, auction_id)
    return result


def search(services: Services, where: AuctionFilter, page: int, per_page: int) -> dict[str, Any]:
    per_page = max(1, min(per_page, MAX_PAGE))
    page = max(1, page)
    now = services.clock()
    with services.db.read() as tx:
        rows, total = tx.search(where, now, (page - 1) * per_page, per_page)
    return {
        "items": [snapshot(row, now) for row in rows],
        "page": page,
        "per_page": per_page,
        "total": total,
    }


def bid_history(services: Services, auction_id: int) -> dict[str, Any]:
    """Every accepted bid by code, newest first (OJA Art 20: shown in real time)."""
    with services.db.read() as tx:
        found = tx.auction(auction_id)
        if found is None or found.status in NOT_HERE:  # public once announced here
            raise not_found("拍卖", "Auction")
        bids = tx.bids(auction_id, accepted_only=True)
    return {
        "auction_id": auction_id,
        "bids": [
            {
                "number": b.number,
                "code": b.code,
                "amount": yuan(b.amount),
                "at": beijing(b.received_at),
            }
            for b in reversed(bids)
        ],
    }


def all_bids(
    services: Services, court_id: int, auction_id: int, before: int | None = None,
    limit: int = BIDS_PAGE,
) -> dict[str, Any]:  # fmt: skip
    """Every bid received, refused ones with their reason: for the court and supervisors.

    A page at a time, the newest ``limit`` bids numbered below ``before``, listed oldest
    first; ``before`` of the answer asks for the page before it (None: no more). A
    flood of refused bids makes one answer no larger than a page (issue 14).
    """
    size = max(1, min(limit, BIDS_PAGE))
    with services.db.read() as tx:
        _court_auction(tx, court_id, auction_id)
        bids = tx.bids_before(auction_id, before, size)[::-1]
    return {
        "auction_id": auction_id,
        "before": bids[0].number if len(bids) == size else None,
        "bids": [
            {
                "number": b.number,
                "code": b.code,
                "amount": yuan(b.amount) if b.amount is not None else b.amount_text,
                "at": beijing(b.received_at),
                "accepted": b.reason is None,
                "reason": b.reason,
            }
            for b in bids
        ],
    }


def court_registrations(services: Services, court_id: int, auction_id: int) -> dict[str, Any]:
    """Until the close, only counts and sums: the court too must not know who bids (OJA
    Art 18), and a deposit's time or rank beside a code would tie the code to the payer
    the bank names (issue 14). After the close, every code with its deposit."""
    with services.db.read() as tx:
        auction = _court_auction(tx, court_id, auction_id)
        registrations = tx.registrations(auction_id)
    confirmed = [r for r in registrations if r.deposit_confirmed_at is not None]
    closed = auction.status not in UNSETTLED
    return {
        "auction_id": auction_id,
        "closed": closed,
        "summary": {
            "registrations": len(registrations),
            "deposits_confirmed": len(confirmed),
            "deposits_amount": yuan(sum(r.deposit_required for r in confirmed)),
        },
        "registrations": [
            {
                "code": r.code,
                "preemptive_rank": r.preemptive_rank,
                "deposit_status": r.deposit_status,
                "deposit_confirmed_at": beijing(r.deposit_confirmed_at),
            }
            for r in (registrations if closed else ())
        ],
    }


def _court_auction(tx: Tx, court_id: int, auction_id: int) -> AuctionRecord:
    auction = tx.auction(auction_id)
    if auction is None:
        raise not_found("拍卖", "Auction")
    if auction.court_id != court_id:
        raise other_court("拍卖")
    return auction


def court_user(services: Services, user: CourtPrincipal) -> dict[str, Any]:
    """The signed-in court user: what the desk needs to show only their role's acts."""
    with services.db.read() as tx:
        code, name = tx.court_names(user.court_id)
    return {
        "login": user.login, "name": user.name, "role": user.role, "admin": user.admin,
        "court": {"code": code, "name": name},
    }  # fmt: skip


def my_registration(services: Services, account_id: int, auction_id: int) -> dict[str, Any]:
    with services.db.read() as tx:
        auction = tx.auction(auction_id)
        registration = tx.registration(auction_id, account_id)
    if auction is None or auction.status in NOT_HERE:  # not there for bidders
        raise not_found("拍卖", "Auction")
    if registration is None:
        raise not_found("报名记录", "Registration")
    return {
        "auction_id": auction_id,
        "code": registration.code,
        "preemptive_rank": registration.preemptive_rank,
        "deposit_status": registration.deposit_status,
    }


def result(services: Services, auction_id: int, route: str = "") -> dict[str, Any]:
    """The outcome and the sale confirmation (成交确认书), published after the close; the
    buyer's name it shows is a read of personal data, logged as ``publication``."""
    with services.db.write() as tx:
        auction = tx.auction(auction_id)
        if auction is None:
            raise not_found("拍卖", "Auction")
        if auction.status in NOT_HERE:
            raise not_found("拍卖", "Auction")
        if auction.status in ("open", "postponed", "suspended"):
            raise conflict(
                "not_closed", "竞价尚未结束，结果未公布。", "Bidding has not closed; no result yet."
            )
        listing = tx.listing(auction_id)
        buyer = None
        # Only a sale names its buyer (OJA Art 22); a default (悔拍, Art 24) voids it, and
        # bidding the court revoked or that failed keeps its leader a code (OJA Art 18).
        if auction.status == "sold" and auction.leader_registration_id is not None:
            won = tx.registration_by_id(auction.leader_registration_id)
            buyer = tx.account(won.account_id) if won is not None else None
        assert listing is not None
        confirmation = None
        if buyer is not None:
            confirmation = _confirmation(services, tx, auction, listing, buyer, route)
    return {
        "auction_id": auction_id,
        "status": auction.status,
        "winner": auction.leader_code,
        "price": yuan(auction.price),
        "ends_at": beijing(auction.effective_end),
        "extensions": auction.extensions,
        "confirmation": confirmation,
    }


def _confirmation(
    services: Services, tx: Tx, auction: AuctionRecord, listing: AuctionListing,
    buyer: AccountRecord, route: str,
) -> dict[str, Any]:  # fmt: skip
    reader = reads.Reader("public", None, reads.PUBLICATION, None, route or "result")
    disclosure = reads.Disclosure(services.cipher, reader, auction.court_id)
    record = f"account:{buyer.id}"
    balance = flows.balance_of(tx, auction.id)
    confirmation = {
        "title": "网络司法拍卖成交确认书",
        "court": listing.court_name,
        "lot": listing.lot_title,
        "buyer_code": auction.leader_code,
        "buyer_name": disclosure.decrypt(record, "real_name", buyer.name_enc),
        "buyer_id_number": mask_id_number(
            disclosure.decrypt(record, "id_number", buyer.id_number_enc)
        ),
        "price": yuan(auction.price),
        "closed_at": beijing(auction.closed_at),
        # as the court's PDF has them (OJA Art 23, 25): the deposit counts towards the
        # price, the rest is due by the announced period's last day (CPL Art 85)
        "deposit_applied": yuan((auction.price or 0) - balance.amount),
        "balance": yuan(balance.amount),
        "balance_due": balance.last_day.isoformat() if balance.last_day else None,
        "note": "买受人应在拍卖公告确定的期限内将剩余价款交付人民法院指定账户"
        "（《网络司法拍卖规定》第二十二条、第二十五条）。",
    }
    disclosure.log(tx, services.clock())
    return confirmation
