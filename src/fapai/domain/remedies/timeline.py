"""Which of an objection's clocks run, from when, until when, and whether they were met:
read off the objection's steps in order (OBJ Art 2; CPL Arts 85, 236, 238).

The docket clock starts at filing and starts again when papers the court asked for are
completed (it does not run while the court waits for them); the ruling clock runs from
filing (CPL Arts 236, 238: fifteen days from receiving the written objection); each
request for papers starts its own completion clock; the ruling, served on the filer's
desk when it is made, starts the kind's after-ruling clock, which reconsideration or the
objection's closing answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from fapai.domain.calendar import WorkCalendar
from fapai.domain.remedies.clocks import Clock, after_ruling_clock, clock_deadline
from fapai.domain.remedies.objections import ObjectionKind


@dataclass(frozen=True, slots=True)
class ClockState:
    clock: Clock
    started: datetime
    deadline: datetime
    done_at: datetime | None

    def state(self, now: datetime) -> str:
        """done | late | open | overdue, as the deadline board names them."""
        if self.done_at is not None:
            return "done" if self.done_at < self.deadline else "late"
        return "overdue" if now >= self.deadline else "open"


_ANSWERS: dict[Clock, frozenset[str]] = {
    Clock.DOCKET: frozenset({"docket", "rule"}),
    Clock.NOTICE: frozenset({"notify"}),
    Clock.COMPLETION: frozenset({"papers_completed", "rule"}),
    Clock.RULING: frozenset({"rule"}),
    Clock.RECONSIDERATION: frozenset({"reconsider", "close"}),
    Clock.SEPARATE_SUIT: frozenset({"close"}),
}


def clock_states(
    calendar: WorkCalendar, kind: ObjectionKind, steps: list[tuple[str, datetime]]
) -> list[ClockState]:
    """Every clock the steps (name, when; oldest first) started, with its answer."""
    started: list[tuple[Clock, datetime, int]] = []  # clock, from, index of the start
    for index, (name, at) in enumerate(steps):
        if name == "filed":
            started += [(Clock.DOCKET, at, index), (Clock.RULING, at, index)]
        elif name == "request_papers":
            started.append((Clock.COMPLETION, at, index))
            # the docket clock waits for the papers; completion starts it again
            started = [s for s in started if not (s[0] is Clock.DOCKET and _open(s, steps[:index]))]
        elif name == "papers_completed" and not any(
            n in ("docket", "rule") for n, _ in steps[:index]
        ):
            started.append((Clock.DOCKET, at, index))
        elif name == "docket":
            started.append((Clock.NOTICE, at, index))
        elif name == "rule":
            started.append((after_ruling_clock(kind), at, index))
    states = []
    for clock, at, index in started:
        done = next((when for n, when in steps[index + 1 :] if n in _ANSWERS[clock]), None)
        states.append(ClockState(clock, at, clock_deadline(calendar, clock, at), done))
    return states


def _open(start: tuple[Clock, datetime, int], steps: list[tuple[str, datetime]]) -> bool:
    """Whether the clock was still unanswered at the end of ``steps``."""
    clock, _, index = start
    return not any(n in _ANSWERS[clock] for n, _ in steps[index + 1 :])
