"""Settling auctions whose bidding has ended (OJA Arts 22-23).

The clock decides the close: a bid at or after the effective end is refused
under the lock whether or not this has run. Closing is idempotent, so the
embedded closer in ``fapai serve`` and a separate ``fapai worker`` may both
run: whichever takes the lock first settles the auction, the other finds it
settled.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime

from fapai.app.auctions.ports import AuctionRecord
from fapai.app.audit import trail
from fapai.app.ledger import flows
from fapai.app.lots.stages import move
from fapai.app.ports import Tx
from fapai.app.presenting import beijing, yuan
from fapai.app.services import Services
from fapai.domain.calendar import WorkCalendar

BATCH = 100


def close_due(services: Services) -> list[int]:
    """Settle every auction due now; return the ids this call settled."""
    with services.db.read() as tx:
        due = tx.due_auctions(services.clock(), BATCH)
    return [auction_id for auction_id in due if close_auction(services, auction_id)]


def close_auction(services: Services, auction_id: int) -> bool:
    """Sold to the leader, or unsold (流拍); deposits released or applied at once."""
    with services.db.write(auction_id) as tx:
        auction = tx.lock_auction(auction_id)
        now = services.clock()
        if auction is None or auction.status != "open" or now < auction.effective_end:
            return False
        sold = auction.leader_registration_id is not None
        scope = trail.auction_scope(auction_id)
        settle_deposits(
            tx, auction, auction.leader_registration_id, now, "system:closer", services.calendar
        )
        closed = replace(
            auction, status="sold" if sold else "unsold", seq=auction.seq + 1, closed_at=now
        )
        if sold:
            assert auction.leader_registration_id is not None
            assert auction.price is not None
            # OJA Art 22: the confirmation is generated automatically at the close.
            tx.insert_confirmation(
                auction_id, auction.leader_registration_id, auction.leader_code or "",
                auction.price, now,
            )  # fmt: skip
        payload = json.dumps(
            {
                "seq": closed.seq,
                "status": closed.status,
                "winner": closed.leader_code,
                "price": yuan(closed.price),
                "ends_at": beijing(closed.effective_end),
                "extensions": closed.extensions,
            }
        )
        tx.insert_event(auction_id, closed.seq, "closed", payload, now)
        tx.save_bidding_state(closed)
        lot = tx.lot(auction.lot_id)
        if lot is not None and lot.stage == "announced":  # a lot of a case follows its round
            move(tx, lot, "close_sold" if sold else "close_unsold")
        trail.record(
            tx, scope, now, "system:closer", f"auction.{closed.status}",
            winner=closed.leader_code, price=closed.price, ends_at=closed.effective_end.isoformat(),
        )  # fmt: skip
    services.publish(auction_id, closed.seq, "closed", payload)
    return True


def settle_deposits(
    tx: Tx, auction: AuctionRecord, winner: int | None, now: datetime, actor: str,
    calendar: WorkCalendar,
) -> None:  # fmt: skip
    """The buyer's deposit counts towards the price; the others' come back within 24
    hours (OJA Art 23). With no winner (unsold, revoked, ended by a pause) every
    deposit comes back."""
    scope = trail.auction_scope(auction.id)
    for registration in tx.registrations(auction.id):
        won = registration.id == winner
        held = registration.deposit_required
        if won and registration.deposit_status == "exempt":
            # The applicant bought on its claim without a deposit (OJA Art 17):
            # nothing to apply, the whole price is the balance.
            assert auction.price is not None
            flows.apply_deposit(
                tx, auction.court_id, auction.id, registration.id, 0, auction.price, now, calendar
            )
            continue
        if registration.deposit_status != "confirmed":
            continue
        status = "applied" if won else "released"
        tx.set_deposit_status(registration.id, status, now)
        if won:
            assert auction.price is not None
            flows.apply_deposit(
                tx, auction.court_id, auction.id, registration.id, held, auction.price, now,
                calendar,
            )  # fmt: skip
        else:
            flows.release_deposit(tx, auction.court_id, auction.id, registration.id, held, now)
        trail.record(
            tx, scope, now, actor, f"deposit.{status}",
            registration=registration.id, code=registration.code, amount=held,
        )  # fmt: skip
