"""The pricing procedure, step by step (REF Arts 10-13, 15-16, 21-24): each platform's
online inquiry result, the price as their average, the appraisal agency drawn by the
public lottery, the report delivered to the parties and the parties' objections within
five days. Each step is a fact of the lot, on the trail; the price waits for the
objection window (``pricing_record.pricing_refusal``).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.assignment.lottery_file import record as draw_record
from fapai.app.cases import pricing_record
from fapai.app.cases.disposal import (
    LotInCase,
    lot_in_case,
    not_after_today,
    set_reference_price,
    step,
    text,
)
from fapai.app.errors import conflict, invalid
from fapai.app.ports import Tx
from fapai.app.services import Services
from fapai.domain.assignment.lottery import Candidate, commitment, draw
from fapai.domain.workflow.pricing_checks import objection_window_end, online_average

APPRAISAL_DRAW = "appraisal"
OBJECTION_ROLES = ("applicant", "debtor", "interested")
OUTCOMES = ("rejected", "corrected")


def _pricing(services: Services, tx: Tx, user: CourtPrincipal, lot_id: int) -> LotInCase:
    held = lot_in_case(services, tx, user, lot_id, "auction_office")
    if held.lot.stage not in ("ruled", "priced"):
        raise conflict(
            "not_pricing", "该标的物不在确定参考价阶段。", "The lot is not being priced."
        )
    return held


def record_inquiry(
    services: Services, user: CourtPrincipal, lot_id: int, platform: str, amount: int,
    delivered_on: date,
) -> None:  # fmt: skip
    """One platform's online inquiry result (REF Arts 10-11); one per platform."""
    name = text(platform, "platform", 32)
    if amount <= 0:
        raise invalid("invalid_amount", "询价结果须为正数。", "The result must be positive.")
    with services.db.write() as tx:
        held = _pricing(services, tx, user, lot_id)
        not_after_today(delivered_on, held.today, "delivered_on")
        if name in pricing_record.procedure(tx.steps(lot_id)).inquiries:
            raise conflict(
                "inquiry_recorded",
                "该平台的询价结果已记录。",
                "This platform's result is recorded.",
            )
        step(tx, user, held, None, pricing_record.INQUIRY, delivered_on, platform=name,
             amount=amount)  # fmt: skip


def online_reference(services: Services, user: CourtPrincipal, lot_id: int, fixed_on: date) -> int:
    """Fix the price as the average of the platforms' results (REF Art 13); returns it.
    The role and the court are checked before anything of the lot is told."""
    with services.db.read() as tx:
        lot_in_case(services, tx, user, lot_id, "auction_office")
        results = list(pricing_record.procedure(tx.steps(lot_id)).inquiries.values())
    if not results:
        raise conflict("no_inquiry", "尚无网络询价结果。", "No online inquiry result is recorded.")
    average = online_average(results)
    set_reference_price(services, user, lot_id, "online", average, fixed_on)
    return average


def schedule_appraisal_draw(
    services: Services, user: CourtPrincipal, lot_id: int, agencies: list[str]
) -> dict[str, Any]:
    """Fix and publish the lottery's seed and the candidate agencies (REF Art 16: failing
    the parties' agreement, the agency is drawn), each with an equal chance."""
    keys = sorted({text(a, "agency", 32) for a in agencies})
    if len(keys) < 2:
        raise invalid("too_few_agencies", "摇号须有至少两家机构。", "A draw needs two agencies.")
    with services.db.write() as tx:
        held = _pricing(services, tx, user, lot_id)
        if tx.draw(lot_id, APPRAISAL_DRAW) is not None:
            raise conflict("draw_exists", "评估机构摇号已安排。", "The draw is already scheduled.")
        seed = services.randbelow(2**256).to_bytes(32, "big")
        candidates = [{"key": k, "load": 0} for k in keys]
        sealed = commitment(seed)
        tx.insert_draw(lot_id, APPRAISAL_DRAW, seed.hex(), sealed, json.dumps(candidates), held.now)
        step(tx, user, held, None, "appraisal_draw_scheduled", held.today, seed=seed.hex(),
             commitment=sealed, candidates=candidates)  # fmt: skip
    return public_appraisal_draw(services, lot_id)


def run_appraisal_draw(services: Services, user: CourtPrincipal, lot_id: int) -> str:
    with services.db.write() as tx:
        held = _pricing(services, tx, user, lot_id)
        scheduled = tx.draw(lot_id, APPRAISAL_DRAW)
        if scheduled is None:
            raise conflict("no_draw", "尚未安排摇号。", "No draw is scheduled.")
        if scheduled.chosen is not None:
            raise conflict("already_drawn", "已摇号。", "The draw has taken place.")
        candidates = [Candidate(c["key"], c["load"]) for c in json.loads(scheduled.candidates)]
        result = draw(bytes.fromhex(scheduled.seed), _purpose(lot_id), candidates)
        tx.finish_draw(scheduled.id, result.chosen, result.ticket, held.now)
        step(tx, user, held, None, "appraisal_agency", held.today, agency=result.chosen,
             by="lottery", ticket=result.ticket, total=result.total)  # fmt: skip
    return result.chosen


def _purpose(lot_id: int) -> str:
    return f"appraisal:lot:{lot_id}"


def public_appraisal_draw(services: Services, lot_id: int) -> dict[str, Any]:
    """The draw as anyone may read it; once drawn, its ``fapai-lottery/1`` record."""
    with services.db.read() as tx:
        scheduled = tx.draw(lot_id, APPRAISAL_DRAW)
    if scheduled is None:
        raise conflict("no_draw", "尚未安排摇号。", "No draw is scheduled.")
    candidates = [Candidate(c["key"], c["load"]) for c in json.loads(scheduled.candidates)]
    seed = bytes.fromhex(scheduled.seed)
    record = None
    if scheduled.chosen is not None:
        record = draw_record(
            seed, _purpose(lot_id), candidates, draw(seed, _purpose(lot_id), candidates)
        )
    return {
        "purpose": _purpose(lot_id), "seed": scheduled.seed, "commitment": scheduled.commitment,
        "candidates": [c.key for c in candidates], "drawn": record is not None, "record": record,
    }  # fmt: skip


def report_delivered(
    services: Services, user: CourtPrincipal, lot_id: int, delivered_on: date
) -> date:
    """The report reached the parties (REF Art 21); returns the objection window's last
    day (REF Art 22: five days, CPL Art 85)."""
    with services.db.write() as tx:
        held = _pricing(services, tx, user, lot_id)
        not_after_today(delivered_on, held.today, "delivered_on")
        end = objection_window_end(services.calendar, delivered_on)
        step(tx, user, held, None, pricing_record.DELIVERED, delivered_on,
             objections_until=end.isoformat())  # fmt: skip
    return end


def record_objection(
    services: Services, user: CourtPrincipal, lot_id: int, role: str, on_date: date
) -> None:
    """A party's objection to the report, accepted within the window only (REF Art 24)."""
    if role not in OBJECTION_ROLES:
        raise invalid(
            "invalid_role", "异议人无效。", f"role is one of {', '.join(OBJECTION_ROLES)}."
        )
    with services.db.write() as tx:
        held = _pricing(services, tx, user, lot_id)
        not_after_today(on_date, held.today, "on_date")
        delivered = pricing_record.procedure(tx.steps(lot_id)).delivered_on
        if delivered is None:
            raise conflict("no_report", "报告尚未送达当事人。", "No report was delivered.")
        if on_date > objection_window_end(services.calendar, delivered):
            raise conflict(
                "objection_late",
                "逾期提出的异议不予受理（《确定财产处置参考价规定》第二十四条）。",
                "An objection after the five days is not accepted (REF Art 24).",
            )  # fmt: skip
        step(tx, user, held, None, pricing_record.OBJECTION, on_date, role=role)


def resolve_objection(services: Services, user: CourtPrincipal, lot_id: int, outcome: str) -> None:
    """An objection answered: rejected, or the report corrected (REF Art 23)."""
    if outcome not in OUTCOMES:
        raise invalid(
            "invalid_outcome", "处理结果无效。", f"outcome is one of {', '.join(OUTCOMES)}."
        )
    with services.db.write() as tx:
        held = _pricing(services, tx, user, lot_id)
        found = pricing_record.procedure(tx.steps(lot_id))
        if found.objections <= found.resolved:
            raise conflict("no_objection", "没有待处理的异议。", "No objection is pending.")
        step(tx, user, held, None, pricing_record.RESOLVED, held.today, outcome=outcome)
