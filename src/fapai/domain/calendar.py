"""Counting statutory periods: when a deadline in days ends.

Every clock a court runs in days (announcement periods, objection windows,
payment terms) is counted the way CPL Art 85 says (rules.md §4.6, §7 item 10):
the day the period starts is not counted, and a period whose last day is a
statutory rest day (法定休假日) ends on the first working day after it. In
judicial practice weekends count as rest days, while a weekend the State
Council has turned into a working day (调休上班日) does not. (No rule of the
disposal counts 工作日; the auxiliary institutions' measure does, and its
counting comes with it.)

Which days are rest days depends on the State Council's yearly schedule, so
the calendar is passed in: ``WeekendCalendar`` here for pure tests, the statutory
one in ``fapai.adapters.holidays``. A year whose schedule is not yet published is
counted all the same, and a deadline counted through such a year is provisional
(``Watched``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Protocol

from fapai.domain.beijing_time import BEIJING, to_beijing

ONE_DAY = timedelta(days=1)

#: Longest run of rest days a calendar may report before it is taken to be broken.
#: The longest official break (Spring Festival with adjoining weekends) is 9 days;
#: this bound only stops a wrong calendar from hanging a request.
MAX_REST_RUN = 366


class WorkCalendar(Protocol):
    """Which days courts and parties do not work (CPL Art 85 "法定休假日")."""

    def is_rest_day(self, day: date) -> bool:
        """A weekend or statutory holiday; never an adjusted working day (调休上班日)."""
        ...

    def is_official(self, day: date) -> bool:
        """Whether the State Council's holiday schedule for ``day.year`` is known.

        When it is not, rest days are a best guess (weekends and the holidays the law
        fixes) and a deadline may move once the schedule is published, which the UI
        must tell the user.
        """
        ...


@dataclass(frozen=True, slots=True)
class WeekendCalendar:
    """Saturdays and Sundays only, never official.

    Used where no holiday schedule is known (years the State Council has not yet
    published) and in domain tests, which must not depend on a third-party table.
    """

    def is_rest_day(self, day: date) -> bool:
        return day.weekday() >= 5

    def is_official(self, day: date) -> bool:
        return False


class Watched:
    """A calendar that notes whether it was asked about a day of a year it does not
    officially know. A deadline counted through it is provisional when it was: the
    State Council's notice for that year may still make that day a rest day or a
    working day, and so move the deadline (CPL Art 85 rolls the last day by it)."""

    __slots__ = ("_calendar", "_unofficial")

    def __init__(self, calendar: WorkCalendar) -> None:
        self._calendar = calendar
        self._unofficial = False

    def is_rest_day(self, day: date) -> bool:
        if not self._calendar.is_official(day):
            self._unofficial = True
        return self._calendar.is_rest_day(day)

    def is_official(self, day: date) -> bool:
        return self._calendar.is_official(day)

    def provisional(self) -> bool:
        """Whether a day asked about since the last call was unofficial; starts afresh."""
        seen, self._unofficial = self._unofficial, False
        return seen


def _check_days(days: int) -> None:
    if days < 0:
        raise ValueError(f"a period cannot run a negative number of days: {days}")


def _first_working_day_from(calendar: WorkCalendar, day: date) -> date:
    for _ in range(MAX_REST_RUN):
        if not calendar.is_rest_day(day):
            return day
        day += ONE_DAY
    raise ValueError(f"the calendar reports no working day within {MAX_REST_RUN} days")


def period_end(calendar: WorkCalendar, start: date, days: int) -> date:
    """The last day of a period of ``days`` days that starts on ``start`` (CPL Art 85).

    The start day is not counted, so the period ends on ``start + days``; if that is a
    rest day it ends on the first working day after. A rest day inside the period does
    not lengthen it, and a start on a rest day does not move the start. ``days == 0``
    gives ``start`` itself, rolled forward when it is a rest day.
    """
    _check_days(days)
    return _first_working_day_from(calendar, start + timedelta(days=days))


def working_days_after(calendar: WorkCalendar, day: date, days: int) -> date:
    """The ``days``-th working day (工作日) after ``day``, the day itself not counted: rest
    days (weekends, holidays) are skipped and an adjusted working day (调休上班日) counts.
    The measures on auxiliary institutions count so (seed 003 Arts 9(4), 21, 25)."""
    _check_days(days)
    counted = 0
    for _ in range(days * MAX_REST_RUN + 1):
        if counted == days:
            return day
        day += ONE_DAY
        if not calendar.is_rest_day(day):
            counted += 1
    raise ValueError(f"the calendar reports no working day within {MAX_REST_RUN} days")


def beijing_date(at: datetime) -> date:
    """The calendar day in Beijing time of the instant ``at``.

    Deadlines are counted in the court's days, not UTC days: 16:30 UTC is already the
    next morning in Beijing. A naive datetime is refused, since reading it would mean
    guessing the server's local zone.
    """
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("beijing_date needs an aware datetime")
    return to_beijing(at).date()


def period_deadline(calendar: WorkCalendar, at: datetime, days: int) -> datetime:
    """The instant an N-day period that starts at ``at`` has run: 24:00 Beijing time of its
    last day (CPL Art 85: the period's last day counts whole, and a last day that is a
    rest day moves to the next working day). A balance due "within 10 days" of a close
    on a Monday afternoon is late only once the tenth day is over."""
    last = period_end(calendar, beijing_date(at), days)
    return datetime.combine(last + ONE_DAY, time(0), tzinfo=BEIJING)
