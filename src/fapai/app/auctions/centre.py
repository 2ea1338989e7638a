"""The bidder centre (issue 16 item 6): what one bidder sees of their own auctions — each
registration with its code, the deposit and its refund with the bank's references, a
won lot's balance with its statutory due day and what comes next — and the watchlist,
kept on the server so that it follows the bidder to any browser.

Every function is given the signed-in bidder's account and reads only that account's
registrations; the API serves them to a bidder's session alone, so nothing here ties a
code to a person for anyone but that person (OJA Art 18: codes stay anonymous).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fapai.app.auctions.ports import AuctionListing, RegistrationRecord
from fapai.app.auctions.queries import UNSETTLED, public_status
from fapai.app.errors import conflict, not_found
from fapai.app.ledger import flows, views
from fapai.app.ports import Tx
from fapai.app.presenting import beijing, yuan
from fapai.app.services import Services
from fapai.domain.ledger.postings import refund

MAX_WATCHED = 200  # a watchlist is a bidder's short list, not a copy of the search


def overview(services: Services, account_id: int) -> dict[str, Any]:
    """Every registration of the bidder, newest first, and the watchlist."""
    money = _money_by_auction(services, account_id)
    now = services.clock()
    with services.db.read() as tx:
        mine = tx.registrations_of_account(account_id)
        entries = [
            _entry(tx, now, auction_id, account_id, money.get(auction_id, []))
            for auction_id, _, _ in reversed(mine)
        ]
        watched = _watchlist(tx, now, account_id)
    return {"registrations": [e for e in entries if e is not None], "watchlist": watched}


def watchlist(services: Services, account_id: int) -> list[dict[str, Any]]:
    """The auctions the bidder watches, oldest first."""
    with services.db.read() as tx:
        return _watchlist(tx, services.clock(), account_id)


def one(services: Services, account_id: int, auction_id: int) -> dict[str, Any]:
    """The bidder's own entry for one auction (the auction page shows it after the close);
    404 when the bidder did not register for it."""
    money = _money_by_auction(services, account_id).get(auction_id, [])
    with services.db.read() as tx:
        found = _entry(tx, services.clock(), auction_id, account_id, money)
    if found is None:
        raise not_found("报名记录", "Registration")
    return found


def watch(services: Services, account_id: int, auction_id: int, on: bool) -> list[int]:
    """Watch or stop watching a published auction; the watchlist afterwards."""
    with services.db.write() as tx:
        auction = tx.auction(auction_id)
        if auction is None or auction.status == "draft":  # one answer for both
            raise not_found("拍卖", "Auction")
        watched = tx.watched(account_id)
        if on and auction_id not in watched and len(watched) >= MAX_WATCHED:
            raise conflict(
                "watchlist_full",
                f"关注列表最多{MAX_WATCHED}项，请先取消部分关注。",
                f"A watchlist holds at most {MAX_WATCHED} auctions; remove some first.",
            )
        if on:
            tx.watch(account_id, auction_id, services.clock())
        else:
            tx.unwatch(account_id, auction_id)
        return tx.watched(account_id)


def _money_by_auction(services: Services, account_id: int) -> dict[int, list[dict[str, Any]]]:
    """The bidder's ledger lines (views.bidder_statement), by auction: one line per
    transaction, as a move between two of the bidder's own accounts (the deposit released
    to the refund) is one event to the bidder, not two of the same amount."""
    grouped: dict[int, list[dict[str, Any]]] = {}
    seen: set[int] = set()
    for line in views.bidder_statement(services, account_id)["entries"]:
        if line["transaction"] in seen:
            continue
        seen.add(line["transaction"])
        grouped.setdefault(line["auction_id"], []).append(line)
    return grouped


def _summary(listing: AuctionListing, now: datetime) -> dict[str, Any]:
    auction = listing.auction
    return {
        "auction_id": auction.id,
        "title": listing.lot_title,
        "court": listing.court_name,
        "status": public_status(auction, now),
        "price": yuan(auction.price),
        "starts_at": beijing(auction.starts_at),
        "effective_end": beijing(auction.effective_end),
    }


def _watchlist(tx: Tx, now: datetime, account_id: int) -> list[dict[str, Any]]:
    listings = [tx.listing(auction_id) for auction_id in tx.watched(account_id)]
    return [_summary(x, now) for x in listings if x is not None and x.auction.status != "draft"]


def _entry(
    tx: Tx, now: datetime, auction_id: int, account_id: int, money: list[dict[str, Any]]
) -> dict[str, Any] | None:
    listing = tx.listing(auction_id)
    registration = tx.registration(auction_id, account_id)
    if listing is None or registration is None or listing.auction.status == "draft":
        return None
    summary = _summary(listing, now)
    auction = listing.auction
    mine = auction.leader_registration_id == registration.id
    won = _won(tx, listing) if auction.status == "sold" and mine else None
    refunded = _refund(tx, auction_id, registration)
    return {
        **summary,
        "code": registration.code,
        "preemptive_rank": registration.preemptive_rank,
        "deposit": {
            "amount": yuan(registration.deposit_required),
            "status": registration.deposit_status,
        },
        "money": money,
        "refund": refunded,
        "won": won,
        "next": _next(
            summary["status"], auction.status not in UNSETTLED, registration, mine, won, refunded
        ),
    }


def _won(tx: Tx, listing: AuctionListing) -> dict[str, Any]:
    """The balance and the day it is due by, as the ledger's due holds it (the announced
    period counted by CPL Art 85)."""
    auction = listing.auction
    price = auction.price or 0
    balance = flows.balance_of(tx, auction.id)
    return {
        "price": yuan(price),
        "deposit_applied": yuan(price - balance.amount),
        "balance": yuan(balance.amount),
        "due_day": balance.last_day.isoformat() if balance.last_day else None,
        "paid": balance.paid,
        "court": listing.court_name,
    }


def _refund(tx: Tx, auction_id: int, registration: RegistrationRecord) -> dict[str, Any] | None:
    """The deposit owed back (OJA Art 23: within 24 hours of the close): its due, and
    whether the court's bank has sent it (the reference is in the money lines)."""
    account = refund(f"registration:{registration.id}")
    dues = [d for d in tx.dues(None, False, auction_id, "refund") if d.account == account]
    if not dues:
        return None
    due = dues[0]
    sending = tx.outgoing_for_due(due.id)
    state = "sent" if due.settled else ("sending" if sending is not None else "due")
    return {"amount": yuan(due.amount), "due_at": beijing(due.due_at), "state": state}


def _next(
    status: str, settled: bool, registration: RegistrationRecord, mine: bool,
    won: dict[str, Any] | None, refunded: dict[str, Any] | None,
) -> str:  # fmt: skip
    """What the bidder does or waits for next, as a key the pages word."""
    if won is not None:
        return "balance_paid" if won["paid"] else "pay_balance"
    if status == "defaulted" and mine:
        return "forfeit"
    if settled or status == "closing":
        if refunded is not None:
            return f"refund_{refunded['state']}"
        return "nothing_held" if settled else "closing"
    if registration.deposit_status in ("confirmed", "exempt"):
        return "bid"
    return "pay_deposit"
