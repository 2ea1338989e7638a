"""The periodic evaluation of each auxiliary institution (Shanghai item 24), with figures
read from the record, and the court's result: failing it is a ground for suspension or
removal (Shanghai item 23(4), ``sh23_4``).

The figures are counts the storage gives for the period: lots designated to the
institution, designations the court ended by replacing it (Art 15) or on removal,
complaints about it through the hotline (seed 003 Art 24) and those still unanswered,
late tasks and work the office sent back (the task trace of issue 17 item 4).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from fapai.app.accounts.courts import require
from fapai.app.accounts.principals import COURT_ROLES, CourtPrincipal
from fapai.app.audit import trail
from fapai.app.cases.disposal import actor, text
from fapai.app.errors import conflict, invalid, not_found, other_court
from fapai.app.institutions.ports import EvaluationRecord, InstitutionRecord
from fapai.app.ports import Tx
from fapai.app.presenting import beijing
from fapai.app.services import Services
from fapai.domain.calendar import beijing_date

#: the court's results (优秀 / 合格 / 不合格); ``fail`` opens ground ``sh23_4``
RESULTS = ("good", "pass", "fail")

Figure = Callable[[Tx, int, date, date], int | None]


def _in(at: datetime, start: date, end: date) -> bool:
    return start <= beijing_date(at) <= end


def _designations(tx: Tx, institution_id: int, start: date, end: date) -> int:
    return sum(_in(d.started_at, start, end) for d in tx.institution_designations(institution_id))


def _ended_by_court(reason: str) -> Figure:
    def count(tx: Tx, institution_id: int, start: date, end: date) -> int:
        return sum(
            d.ended_at is not None and _in(d.ended_at, start, end) and d.end_reason == reason
            for d in tx.institution_designations(institution_id)
        )

    return count


def _complaints(tx: Tx, institution_id: int, start: date, end: date) -> int:
    return sum(_in(c.filed_at, start, end) for c in tx.complaints_about(institution_id))


def _unanswered(tx: Tx, institution_id: int, start: date, end: date) -> int:
    return sum(
        _in(c.filed_at, start, end) and c.response is None
        for c in tx.complaints_about(institution_id)
    )


def _late_tasks(tx: Tx, institution_id: int, start: date, end: date) -> int:
    """Tasks due in the period whose accepted work was submitted after the day, or still
    open past it on the period's last day (as the deadline board counts them)."""
    late = 0
    for task in tx.institution_tasks(institution_id):
        if not start <= task.due_on <= end:
            continue
        if task.state == "accepted":
            late += task.submitted_at is not None and beijing_date(task.submitted_at) > task.due_on
        else:
            late += task.due_on < end
    return late


def _returned_work(tx: Tx, institution_id: int, start: date, end: date) -> int:
    """Each time the office sent the institution's work back in the period (the lot's
    steps keep every return, though the task itself shows only its latest state)."""
    tasks = {t.id: t.lot_id for t in tx.institution_tasks(institution_id)}
    return sum(
        step.step == "institution_task_returned" and start <= step.on_date <= end
        and json.loads(step.details).get("task") in tasks
        for lot_id in set(tasks.values()) for step in tx.steps(lot_id)
    )  # fmt: skip


#: figure -> how it is counted for (institution, first day, last day)
FIGURES: dict[str, Figure] = {
    "designations": _designations,
    "replaced_by_court": _ended_by_court("replaced:court_decision"),
    "replaced_on_request": _ended_by_court("replaced:institution_request"),
    "complaints": _complaints,
    "complaints_unanswered": _unanswered,
    "late_tasks": _late_tasks,
    "returned_work": _returned_work,
}


def _figures(tx: Tx, institution_id: int, start: date, end: date) -> dict[str, int | None]:
    return {name: count(tx, institution_id, start, end) for name, count in FIGURES.items()}


def _kept(tx: Tx, user: CourtPrincipal, institution_id: int) -> InstitutionRecord:
    found = tx.institution(institution_id)
    if found is None or found.admitted_on is None:
        raise not_found("网拍辅助机构", "Institution")
    if found.court_id != user.court_id:
        raise other_court("网拍辅助机构")
    return found


def _period(start: date, end: date, today: date) -> None:
    if not start <= end <= today:
        raise invalid(
            "invalid_period", "考核期间须起止有序且不晚于今天。",
            "The period's first day comes before its last, which is not after today.",
        )  # fmt: skip


def figures(
    services: Services, user: CourtPrincipal, institution_id: int, start: date, end: date
) -> dict[str, int | None]:
    """The figures for a period, as they stand now (before the court records a result)."""
    require(user, *COURT_ROLES)
    with services.db.read() as tx:
        _kept(tx, user, institution_id)
        _period(start, end, beijing_date(services.clock()))
        return _figures(tx, institution_id, start, end)


def record(
    services: Services, user: CourtPrincipal, institution_id: int, start: date, end: date,
    result: str, remarks: str,
) -> dict[str, Any]:  # fmt: skip
    """The court keeping the database records the evaluation of a period that overlaps
    none evaluated before, with the figures read now (Shanghai item 24)."""
    require(user, "auction_office")
    if result not in RESULTS:
        raise invalid(
            "invalid_result", "考核结果须为优秀、合格或不合格。",
            f"The result is one of {', '.join(RESULTS)}.",
        )  # fmt: skip
    said = text(remarks, "remarks", 2000)
    with services.db.write() as tx:
        institution = _kept(tx, user, institution_id)
        now = services.clock()
        _period(start, end, beijing_date(now))
        if any(
            e.period_from <= end and start <= e.period_to for e in tx.evaluations(institution.id)
        ):
            raise conflict(
                "period_evaluated", "该期间已有考核记录。",
                "An evaluation covers part of this period already.",
            )  # fmt: skip
        counted = _figures(tx, institution.id, start, end)
        number = tx.insert_evaluation(
            user.court_id, institution.id, start, end, result,
            json.dumps(counted, sort_keys=True), said, actor(user), now,
        )  # fmt: skip
        trail.record(
            tx, trail.SYSTEM, now, actor(user), "institution.evaluated", institution=institution.id,
            period_from=start.isoformat(), period_to=end.isoformat(), result=result, **counted,
        )  # fmt: skip
    return {
        "id": number, "result": result, "figures": counted,
        "grounds_open": ["sh23_4"] if result == "fail" else [],
    }  # fmt: skip


def listed(services: Services, user: CourtPrincipal, institution_id: int) -> list[dict[str, Any]]:
    require(user, *COURT_ROLES)
    with services.db.read() as tx:
        _kept(tx, user, institution_id)
        return [shown(e) for e in tx.evaluations(institution_id)]


def shown(e: EvaluationRecord) -> dict[str, Any]:
    return {
        "id": e.id, "period_from": e.period_from.isoformat(), "period_to": e.period_to.isoformat(),
        "result": e.result, "figures": json.loads(e.figures), "remarks": e.remarks,
        "recorded_by": e.recorded_by, "recorded_at": beijing(e.recorded_at),
    }  # fmt: skip
