"""Postponing and suspending an auction (暂缓 / 中止), resuming it, and revoking it.

The enforcement bureau asks with one of the Shanghai item 18 grounds, its director
approves (items 19-20), and from that moment the auction takes no bids and its page
shows the reason (OJA Art 28). When the ground ends the bureau records it, and the
office resumes within five days: on the same auction when nobody had bid yet (the
registrations and deposits stand), otherwise as a fresh auction on the same terms
whose bids start anew, the paused one's deposits refunded (its bids were cut short;
re-running them on a new window would change their meaning). Revocation (OJA Art 31,
OBJ Art 21, and the debtor paying in full, ASR Art 19) ends the lot's disposal.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime

from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.auctions.availability import PAUSED
from fapai.app.auctions.closing import settle_deposits
from fapai.app.auctions.ports import AuctionRecord
from fapai.app.audit import trail
from fapai.app.cases.disposal import LotInCase, lot_in_case, not_after_today, refused, step, text
from fapai.app.errors import conflict, invalid
from fapai.app.ledger import flows
from fapai.app.lots.ports import StepRecord
from fapai.app.lots.stages import move
from fapai.app.ports import Tx
from fapai.app.presenting import beijing
from fapai.app.services import Services
from fapai.domain.calendar import WorkCalendar
from fapai.domain.workflow import checks
from fapai.domain.workflow.grounds import PAUSE_GROUNDS, PAUSE_KINDS, REVOKE_GROUNDS


def _current(tx: Tx, held: LotInCase) -> AuctionRecord:
    rounds = tx.lot_auctions(held.lot.id)
    if not rounds:
        raise conflict("no_auction", "该标的物尚无拍卖。", "The lot has no auction yet.")
    return rounds[-1]


def _pending(steps: list[StepRecord], auction_id: int) -> StepRecord | None:
    """The pause request of this auction still waiting for the director."""
    pending = None
    for s in steps:
        if s.auction_id != auction_id:
            continue
        if s.step == "pause_requested":
            pending = s
        elif s.step in ("pause_approved", "pause_withdrawn"):
            pending = None
    return pending


def request_pause(
    services: Services, user: CourtPrincipal, lot_id: int, kind: str, ground: str, reason: str
) -> None:
    if kind not in PAUSE_KINDS or ground not in PAUSE_GROUNDS:
        raise invalid(
            "invalid_ground", "暂缓/中止的种类或事由无效（上海高院实施细则第十八条）。",
            f"kind must be one of {', '.join(PAUSE_KINDS)}; ground one of "
            f"{', '.join(PAUSE_GROUNDS)} (Shanghai item 18).",
        )  # fmt: skip
    why = text(reason, "reason", 500)
    with services.db.write() as tx:
        held = lot_in_case(services, tx, user, lot_id, "enforcement")
        auction = _current(tx, held)
        if held.lot.stage not in ("terms_set", "announced") or auction.status not in (
            "draft",
            "open",
        ):
            raise conflict(
                "not_pausable", "只有尚未结束的拍卖可以暂缓或中止。",
                "Only an auction that has not ended may be paused.",
            )  # fmt: skip
        if _pending(tx.steps(lot_id), auction.id) is not None:
            raise conflict(
                "pause_pending", "已有待审批的暂缓/中止申请。", "A pause awaits approval already."
            )
        step(
            tx, user, held, auction.id, "pause_requested", held.today, kind=kind, ground=ground,
            reason=why,
        )  # fmt: skip


def approve_pause(services: Services, user: CourtPrincipal, lot_id: int) -> None:
    """The director approves: the auction stops taking bids now and shows the reason."""
    with services.db.write() as tx:
        held = lot_in_case(services, tx, user, lot_id, "director")
        auction = _current(tx, held)
        tx.lock_auction(auction.id)
        pending = _pending(tx.steps(lot_id), auction.id)
        if pending is None:
            raise conflict("no_pause_request", "没有待审批的申请。", "Nothing awaits approval.")
        now = held.now
        if auction.status == "open" and now >= auction.effective_end:
            raise conflict(
                "bidding_ended", "竞价已结束，不能再暂缓或中止。",
                "Bidding has ended; it can no longer be paused.",
            )  # fmt: skip
        asked = json.loads(pending.details)
        pause = {
            "kind": asked["kind"], "ground": asked["ground"], "reason": asked["reason"],
            "ground_text": PAUSE_GROUNDS[asked["ground"]][0], "at": beijing(now),
        }  # fmt: skip
        text_ = json.dumps(pause, ensure_ascii=False, sort_keys=True)
        # a draft stays a draft, paused: it is not public until it is announced
        status = asked["kind"] if tx.extras(auction.id).announced_at else "draft"
        tx.set_pause(auction.id, status, text_)
        flows.hold_through_pause(tx, auction.court_id, auction.id, now)
        move(tx, held.lot, "pause")
        step(tx, user, held, auction.id, "pause_approved", held.today, kind=asked["kind"])
        event = _event(tx, auction, "paused", pause, now)
    services.publish(*event)


Event = tuple[int, int, str, str]  # (auction, seq, kind, payload), published after commit


def _event(
    tx: Tx, auction: AuctionRecord, kind: str, body: dict[str, object], now: datetime
) -> Event:
    """The live event that tells the auction's watchers (its page shows a pause at once)."""
    current = tx.auction(auction.id) or auction
    seq = current.seq + 1
    payload = json.dumps({"seq": seq, **body}, ensure_ascii=False)
    tx.insert_event(auction.id, seq, kind, payload, now)
    tx.save_bidding_state(replace(current, seq=seq))
    return auction.id, seq, kind, payload


def lift_pause(services: Services, user: CourtPrincipal, lot_id: int, on_date: date) -> None:
    """The bureau records that the ground has ended; resumption is due in 5 days."""
    with services.db.write() as tx:
        held = lot_in_case(services, tx, user, lot_id, "enforcement")
        if held.lot.stage != "paused":
            raise conflict("not_paused", "该标的物未暂缓或中止。", "The lot is not paused.")
        not_after_today(on_date, held.today, "on_date")
        step(tx, user, held, _current(tx, held).id, "pause_lifted", on_date)


def resume(
    services: Services, user: CourtPrincipal, lot_id: int, starts_at: datetime,
    ends_at: datetime,
) -> int:  # fmt: skip
    """Resume the paused auction with a new bidding window; returns the auction that
    now takes bids (the same one, or its continuation when bids had been placed)."""
    refused(checks.bidding_window(starts_at, ends_at))
    with services.db.write() as tx:
        held = lot_in_case(services, tx, user, lot_id, "auction_office")
        paused = _current(tx, held)
        tx.lock_auction(paused.id)
        if held.lot.stage != "paused" or paused.status not in (*PAUSED, "draft"):
            raise conflict("not_paused", "该标的物未暂缓或中止。", "The lot is not paused.")
        if not any(
            s.step == "pause_lifted" and s.auction_id == paused.id for s in tx.steps(lot_id)
        ):
            raise conflict(
                "ground_not_ended",
                "暂缓或中止的事由尚未消灭，不能恢复拍卖（《网络司法拍卖规定》第二十八条）。",
                "The ground of the pause has not ended (OJA Art 28).",
            )
        if starts_at <= held.now:
            raise invalid(
                "starts_in_past",
                "竞价开始时间须晚于当前时间。",
                "Bidding must start in the future.",
            )
        extras = tx.extras(paused.id)
        flows.end_pause_holds(tx, paused.id, held.now)
        if paused.bid_count == 0 and paused.price is None:
            tx.set_window(paused.id, starts_at, ends_at)
            tx.set_pause(paused.id, "open" if extras.announced_at else "draft", None)
            resumed = paused.id
        else:
            resumed = _continuation(
                tx, paused, starts_at, ends_at, held.now, user, services.calendar
            )
        move(tx, held.lot, "resume" if extras.announced_at else "resume_draft")
        step(tx, user, held, resumed, "resumed", held.today, paused=paused.id)
        event = _event(tx, paused, "resumed", {"starts_at": beijing(starts_at)}, held.now)
    services.publish(*event)
    return resumed


def _continuation(
    tx: Tx, paused: AuctionRecord, starts_at: datetime, ends_at: datetime, now: datetime,
    user: CourtPrincipal, calendar: WorkCalendar,
) -> int:  # fmt: skip
    """A fresh auction on the same terms; the paused one ends and refunds its deposits."""
    settle_deposits(tx, paused, None, now, f"court_user:{user.login}", calendar)
    tx.save_bidding_state(replace(paused, closed_at=now))
    record = replace(
        paused, id=0, starts_at=starts_at, ends_at=ends_at, status="open", price=None,
        leader_registration_id=None, leader_code=None, leader_rank=None, effective_end=ends_at,
        extensions=0, seq=0, bid_count=0, closed_at=None,
    )  # fmt: skip
    auction_id = tx.insert_auction(record, now)
    extras = tx.extras(paused.id)
    tx.set_extras(auction_id, extras.platform, paused.id, tx.auction_balance_days(paused.id))
    tx.set_announced(auction_id, now)
    trail.record(
        tx, trail.auction_scope(auction_id), now, f"court_user:{user.login}",
        "auction.continued", paused=paused.id, starts_at=starts_at.isoformat(),
        ends_at=ends_at.isoformat(),
    )  # fmt: skip
    return auction_id


def revoke(services: Services, user: CourtPrincipal, lot_id: int, ground: str, reason: str) -> None:
    """Revoke the lot's disposal (撤回): an auction not yet settled ends now and every
    deposit comes back within 24 hours (OJA Art 23)."""
    if ground not in REVOKE_GROUNDS:
        raise invalid(
            "invalid_ground", "撤销事由无效（《网络司法拍卖规定》第三十一条）。",
            f"ground must be one of {', '.join(REVOKE_GROUNDS)} (OJA Art 31).",
        )  # fmt: skip
    why = text(reason, "reason", 500)
    with services.db.write() as tx:
        event = revoke_in(services, tx, user, lot_id, ground, why)
    if event is not None:
        services.publish(*event)


def revoke_in(
    services: Services, tx: Tx, user: CourtPrincipal, lot_id: int, ground: str, why: str
) -> Event | None:
    """``revoke`` inside the caller's transaction (an objection's ruling revokes in the
    same one as it is recorded); returns the live event to publish after the commit."""
    held = lot_in_case(services, tx, user, lot_id, "enforcement")
    rounds = tx.lot_auctions(lot_id)
    current = rounds[-1] if rounds else None
    move(tx, held.lot, "revoke")
    event = None
    if current is not None and current.status in ("draft", "open", *PAUSED):
        tx.lock_auction(current.id)
        flows.end_pause_holds(tx, current.id, held.now)
        settle_deposits(tx, current, None, held.now, f"court_user:{user.login}", services.calendar)
        tx.save_bidding_state(replace(current, status="revoked", closed_at=held.now))
        notice = {"kind": "revoked", "ground": ground, "reason": why, "at": beijing(held.now)}
        tx.set_pause(current.id, "revoked", json.dumps(notice, ensure_ascii=False))
        event = _event(tx, current, "closed", {"status": "revoked", "reason": why}, held.now)
    step(
        tx, user, held, current.id if current else None, "revoked", held.today,
        ground=ground, reason=why,
    )  # fmt: skip
    return event
