"""The platform's own emergency postponement (OJA Art 28(2)): on a system fault or a
security hazard the platform may postpone an auction by itself, and must report to the
court at once.

This is the platform's act, not a court user's: the operator runs it (``fapai platform
fault``), the auction stops taking bids and its page shows the reason (Art 28(3)), and
the court's deadline board shows the report as due that very day until the bureau
records that the ground has ended (then Art 28(4)'s five days to resume run, as for any
pause) or revokes the sale.
"""

from __future__ import annotations

import json

from fapai.app.audit import trail
from fapai.app.cases.disposal import text
from fapai.app.cases.pauses import _event
from fapai.app.errors import conflict, not_found
from fapai.app.ledger import flows
from fapai.app.lots.stages import move
from fapai.app.presenting import beijing
from fapai.app.services import Services
from fapai.domain.calendar import beijing_date

ACTOR = "platform:fapai"
GROUND = "platform_fault"
GROUND_TEXT = "网络服务提供者发现系统故障、安全隐患等紧急情况，暂缓拍卖"
STEP = "platform_postponed"


def postpone_for_fault(services: Services, auction_id: int, reason: str) -> None:
    """Postpone the announced auction now, with the fault as its reason; the report to
    the court is the step and the board's row this writes in the same transaction."""
    why = text(reason, "reason", 500)
    with services.db.write() as tx:
        found = tx.auction(auction_id)
        lot = tx.lock_lot(found.lot_id) if found is not None else None
        auction = tx.lock_auction(auction_id)
        if auction is None or lot is None or lot.case_id is None or auction.status == "draft":
            raise not_found("拍卖", "Auction")
        now = services.clock()
        if auction.status != "open" or now >= auction.effective_end:
            raise conflict(
                "not_pausable", "只有尚未结束的拍卖可以暂缓。",
                "Only an announced auction that has not ended may be postponed.",
            )  # fmt: skip
        pause: dict[str, object] = {
            "kind": "postponed", "ground": GROUND, "ground_text": GROUND_TEXT,
            "reason": why, "at": beijing(now), "by": "platform", "reported_to_court": True,
        }  # fmt: skip
        tx.set_pause(auction.id, "postponed", json.dumps(pause, ensure_ascii=False, sort_keys=True))
        flows.hold_through_pause(tx, auction.court_id, auction.id, now)  # as any pause holds
        move(tx, lot, "pause")
        details = {"reason": why, "article": "OJA Art 28(2)"}
        tx.add_step(
            lot.id, auction.id, STEP, beijing_date(now),
            json.dumps(details, ensure_ascii=False, sort_keys=True), ACTOR, now,
        )  # fmt: skip
        trail.record(
            tx, trail.auction_scope(auction.id), now, ACTOR, f"lot.{STEP}", lot=lot.id,
            on_date=beijing_date(now).isoformat(), **details,
        )  # fmt: skip
        event = _event(tx, auction, "paused", pause, now)
    services.publish(*event)
