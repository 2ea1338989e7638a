"""The pricing procedure's recorded steps, read (REF Arts 10-13, 15, 22-23): the
platforms' online inquiry results since the last price, the report delivered to the
parties and the objections to it. ``disposal.set_reference_price`` asks here whether
the price may be fixed; ``pricing_steps`` records the steps."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from fapai.app.lots.ports import StepRecord
from fapai.domain.calendar import WorkCalendar
from fapai.domain.numerals import format_cny
from fapai.domain.workflow.checks import REF, Refusal
from fapai.domain.workflow.pricing_checks import objections_settled, online_average

INQUIRY = "online_inquiry"
DELIVERED = "report_delivered"
OBJECTION = "report_objection"
RESOLVED = "report_objection_resolved"


@dataclass(frozen=True, slots=True)
class Procedure:
    """What happened since the lot was last priced."""

    inquiries: dict[str, int]  # platform -> result in fen
    delivered_on: date | None
    objections: int
    resolved: int


def procedure(steps: list[StepRecord]) -> Procedure:
    inquiries: dict[str, int] = {}
    delivered: date | None = None
    objections = resolved = 0
    for s in steps:
        if s.step == "priced":
            inquiries, delivered, objections, resolved = {}, None, 0, 0
        elif s.step == INQUIRY:
            found = json.loads(s.details)
            inquiries[found["platform"]] = found["amount"]
        elif s.step == DELIVERED:
            delivered = s.on_date
        elif s.step == OBJECTION:
            objections += 1
        elif s.step == RESOLVED:
            resolved += 1
    return Procedure(inquiries, delivered, objections, resolved)


def objections_until(steps: list[StepRecord]) -> date | None:
    """The last day of the objection window of a report delivered since the last price."""
    delivered = procedure(steps).delivered_on
    found = [s for s in steps if s.step == DELIVERED and s.on_date == delivered]
    return date.fromisoformat(json.loads(found[-1].details)["objections_until"]) if found else None


def pricing_refusal(
    calendar: WorkCalendar, steps: list[StepRecord], method: str, amount: int, today: date
) -> Refusal | None:
    """Why the price cannot be fixed now: a report's objection window still open or an
    objection unresolved (REF Art 22), or an online price that is not the platforms'
    average (REF Art 13)."""
    found = procedure(steps)
    if method in ("online", "appraisal") and found.delivered_on is not None:
        pending = found.objections - found.resolved
        refusal = objections_settled(calendar, found.delivered_on, today, pending)
        if refusal is not None:
            return refusal
    if method == "online" and found.inquiries:
        average = online_average(list(found.inquiries.values()))
        if amount != average:
            return Refusal(
                "not_the_average",
                f"网络询价的参考价为各平台询价结果的平均值{format_cny(average)}（{REF}第十三条）。",
                f"An online-inquiry price is the platforms' average, "
                f"{format_cny(average)} (REF Art 13).",
            )
    return None
