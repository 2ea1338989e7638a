"""The statutory clocks of an objection, counted by CPL Art 85 (rules.md §4.6).

Each clock starts at an event of the docket (filing, docketing, a request for papers,
service of the ruling) and runs a number of days; ``period_deadline`` counts them on the
calendar passed in, so holidays and adjusted working days (调休) move the end exactly as
they move every other deadline of the court.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from fapai.domain.calendar import WorkCalendar, period_deadline
from fapai.domain.remedies.objections import ObjectionKind


class Clock(StrEnum):
    DOCKET = "docket"
    NOTICE = "notice"
    COMPLETION = "completion"
    RULING = "ruling"
    RECONSIDERATION = "reconsideration"
    SEPARATE_SUIT = "separate_suit"


@dataclass(frozen=True, slots=True)
class ClockRule:
    days: int
    starts_at: str
    article: str


CLOCK_RULES: dict[Clock, ClockRule] = {
    Clock.DOCKET: ClockRule(3, "filed", "OBJ Art 2"),
    Clock.NOTICE: ClockRule(3, "docketed", "OBJ Art 2"),
    Clock.COMPLETION: ClockRule(3, "papers_requested", "OBJ Art 2"),
    Clock.RULING: ClockRule(15, "filed", "CPL Arts 236, 238"),
    Clock.RECONSIDERATION: ClockRule(10, "ruling_served", "CPL Art 236; OBJ Art 2"),
    Clock.SEPARATE_SUIT: ClockRule(15, "ruling_served", "CPL Art 238"),
}


def after_ruling_clock(kind: ObjectionKind) -> Clock:
    """What a party may do once the ruling is served: an execution-act objection goes to
    reconsideration at the next-higher court, a third-party one to a separate suit."""
    return Clock.RECONSIDERATION if kind is ObjectionKind.EXECUTION_ACT else Clock.SEPARATE_SUIT


def clock_deadline(calendar: WorkCalendar, clock: Clock, started: datetime) -> datetime:
    """The instant ``clock`` has run when its event happened at ``started``."""
    return period_deadline(calendar, started, CLOCK_RULES[clock].days)


def is_overdue(deadline: datetime, now: datetime, done: bool) -> bool:
    """A clock raises an alert once its deadline passed with its step not done."""
    return not done and now >= deadline


#: What each clock asks for, zh then en, as the deadline board names its clocks.
CLOCK_LABELS: dict[Clock, tuple[str, str]] = {
    Clock.DOCKET: ("执行异议立案", "docket the objection"),
    Clock.NOTICE: ("通知异议人及相关当事人", "notify the objector and the parties"),
    Clock.COMPLETION: ("异议人补正材料", "the objector completes the papers"),
    Clock.RULING: ("审查并作出异议裁定", "review the objection and rule"),
    Clock.RECONSIDERATION: (
        "向上一级法院申请复议",
        "apply to the next-higher court for reconsideration",
    ),
    Clock.SEPARATE_SUIT: ("提起案外人执行异议之诉", "bring the third party's separate suit"),
}
