"""The seven steps of Art 9, in order, and the days between them (rules.md §6.2).

A selection round (择优选择) moves through the steps one way only; each act names the
step it performs and is refused when the round is not at the step before it, so the
record of a round is always the procedure in the order the measure lays down.
"""

from __future__ import annotations

from datetime import date

from fapai.domain.calendar import WorkCalendar, period_end

#: Art 9's steps, in order: announcement, applications, review, public notice of the
#: proposed list, the adjudication committee's decision, filing with the High Court,
#: publication.
STEPS = ("announced", "applications", "reviewed", "on_notice", "decided", "filed", "published")

#: Art 9(1): the announcement runs for 5 days or more.
ANNOUNCEMENT_MIN_DAYS = 5

#: Art 9(6): the decided list is filed with the provincial High Court within 5 days.
FILING_DAYS = 5

#: The article of each step, for refusals and the record.
ARTICLES = {step: f"Art 9({number})" for number, step in enumerate(STEPS, start=1)}


def next_step(current: str, wanted: str) -> str | None:
    """Why ``wanted`` cannot follow ``current``, or None when it is the next step.

    Step 2 repeats: every application is one act of the applications step.
    """
    if wanted not in STEPS or current not in STEPS:
        raise ValueError(f"unknown step: {current!r} -> {wanted!r}")
    if wanted == current == "applications":
        return None
    if STEPS.index(wanted) != STEPS.index(current) + 1:
        return f"{ARTICLES[wanted]}: the round is at {current}, not at the step before {wanted}"
    return None


def earliest_close(calendar: WorkCalendar, announced_on: date) -> date:
    """The first day applications may close: 5 days after the announcement (Art 9(1)),
    the day of publication not counted and a last day on a rest day moved to the next
    working day (CPL Art 85)."""
    return period_end(calendar, announced_on, ANNOUNCEMENT_MIN_DAYS)


def filing_due(calendar: WorkCalendar, decided_on: date) -> date:
    """The last day to file the decided list with the High Court (Art 9(6))."""
    return period_end(calendar, decided_on, FILING_DAYS)
