"""Deadlines in days are counted as CPL Art 85 says (rules.md §4.6, §7 item 10).

The start day is not counted; a period ending on a rest day ends on the next working
day; adjusted working days (调休上班日) are working days. The official calendar comes
from the published State Council schedule; ``WeekendCalendar`` is the fallback, so the
same periods are checked against both to show where the schedule changes the answer.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fapai.adapters.holidays import StatutoryCalendar
from fapai.domain.beijing_time import BEIJING
from fapai.domain.calendar import (
    WeekendCalendar,
    WorkCalendar,
    beijing_date,
    period_deadline,
    period_end,
)

OFFICIAL = StatutoryCalendar()
WEEKENDS = WeekendCalendar()
SATURDAY = 5


# --- CPL Art 85: a period ending on a statutory holiday rolls to the next working day ---


def test_period_ending_in_spring_festival_2026_rolls_to_the_first_working_day_after() -> None:
    """CPL Art 85: 2026-02-20 is inside the 2026-02-15..23 break, so the period ends 02-24."""
    assert period_end(OFFICIAL, date(2026, 2, 5), 15) == date(2026, 2, 24)
    assert period_end(OFFICIAL, date(2026, 2, 8), 15) == date(2026, 2, 24)  # last day Mon 02-23
    # Weekends alone would end it on the holiday itself, a Friday.
    assert period_end(WEEKENDS, date(2026, 2, 5), 15) == date(2026, 2, 20)


def test_period_ending_in_national_day_2026_rolls_forward() -> None:
    """CPL Art 85: the 2026 National Day break is 10-01..07, so the first working day is 10-08."""
    assert period_end(OFFICIAL, date(2026, 9, 16), 15) == date(2026, 10, 8)
    assert period_end(OFFICIAL, date(2026, 9, 18), 15) == date(2026, 10, 8)  # last day Sat 10-03
    assert period_end(WEEKENDS, date(2026, 9, 16), 15) == date(2026, 10, 1)
    assert period_end(WEEKENDS, date(2026, 9, 18), 15) == date(2026, 10, 5)


@pytest.mark.parametrize("calendar", [OFFICIAL, WEEKENDS], ids=["official", "weekends"])
def test_a_period_starting_on_a_saturday_counts_from_the_next_day(calendar: WorkCalendar) -> None:
    """CPL Art 85: the start day is not counted, and a rest-day start is not moved to Monday."""
    saturday = date(2026, 3, 7)
    assert saturday.weekday() == SATURDAY
    assert period_end(calendar, saturday, 3) == date(2026, 3, 10)  # Tue, not Thu
    assert period_end(calendar, saturday, 1) == date(2026, 3, 9)  # Sun rolls to Mon
    assert period_end(calendar, saturday, 7) == date(2026, 3, 16)  # Sat 03-14 rolls to Mon


def test_a_period_ending_on_an_adjusted_working_saturday_does_not_roll() -> None:
    """CPL Art 85 rolls only rest days: 2026-02-14, 02-28 and 10-10 are 调休上班日."""
    for start, days, end in [
        (date(2026, 2, 7), 7, date(2026, 2, 14)),
        (date(2026, 2, 25), 3, date(2026, 2, 28)),
        (date(2026, 10, 5), 5, date(2026, 10, 10)),
    ]:
        assert end.weekday() == SATURDAY
        assert not OFFICIAL.is_rest_day(end)
        assert period_end(OFFICIAL, start, days) == end
        assert period_end(WEEKENDS, start, days) == end + timedelta(days=2)


# --- years whose schedule is not yet published ---


def test_unpublished_years_count_the_statutory_holidays_and_are_not_official() -> None:
    """No schedule for 2027 yet: its days are counted by the decree's holidays and the UI
    must say the deadline is provisional (暂定)."""
    assert OFFICIAL.is_official(date(2026, 12, 31))
    assert not OFFICIAL.is_official(date(2027, 1, 1))
    assert not OFFICIAL.is_official(date(2003, 12, 31))
    assert not WEEKENDS.is_official(date(2026, 2, 16))
    # 2027-02-08, a Monday, is the third day of the first lunar month: a statutory holiday
    # whatever 2027's notice will add around it (《全国年节及纪念日放假办法》 Art 2).
    assert OFFICIAL.is_rest_day(date(2027, 2, 8))
    assert OFFICIAL.is_rest_day(date(2027, 2, 6))
    assert not WEEKENDS.is_rest_day(date(2027, 2, 8))


def test_a_period_running_into_an_unpublished_year_is_computed_and_flagged() -> None:
    """CPL Art 85 across a year end: the 2027 end day is weekends-only and not official."""
    end = period_end(OFFICIAL, date(2026, 12, 18), 15)  # Sat 2027-01-02
    assert end == date(2027, 1, 4)
    assert not OFFICIAL.is_official(end)


# --- boundaries ---


@pytest.mark.parametrize("calendar", [OFFICIAL, WEEKENDS], ids=["official", "weekends"])
def test_zero_and_one_day_periods(calendar: WorkCalendar) -> None:
    """CPL Art 85 at the edges: 0 days ends on the start (rolled), 1 day on the next day."""
    thursday, friday, saturday, monday = (date(2026, 3, d) for d in (5, 6, 7, 9))
    assert period_end(calendar, thursday, 0) == thursday
    assert period_end(calendar, saturday, 0) == monday
    assert period_end(calendar, thursday, 1) == friday
    assert period_end(calendar, friday, 1) == monday


@pytest.mark.parametrize("count", [period_end])
def test_negative_periods_are_refused(count: Callable[[WorkCalendar, date, int], date]) -> None:
    """A period cannot run backwards; a negative length is a caller's bug, not a date."""
    with pytest.raises(ValueError, match="negative"):
        count(WEEKENDS, date(2026, 3, 5), -1)


class _NeverWorks:
    def is_rest_day(self, day: date) -> bool:
        return True

    def is_official(self, day: date) -> bool:
        return True


def test_a_calendar_without_working_days_is_an_error_not_a_hang() -> None:
    """A broken calendar must fail the request, not loop forever searching for a working day."""
    with pytest.raises(ValueError, match="no working day"):
        period_end(_NeverWorks(), date(2026, 3, 5), 1)


def test_beijing_date_is_the_court_day_not_the_utc_day() -> None:
    """Periods are counted in Beijing days: 16:30 UTC on 12-01 is 00:30 on 12-02 in Beijing."""
    assert beijing_date(datetime(2026, 12, 1, 16, 30, tzinfo=UTC)) == date(2026, 12, 2)
    assert beijing_date(datetime(2026, 12, 1, 15, 59, tzinfo=UTC)) == date(2026, 12, 1)
    with pytest.raises(ValueError, match="aware"):
        beijing_date(datetime(2026, 12, 1, 16, 30))


# --- properties of CPL Art 85 on both calendars, including unpublished years ---

STARTS = st.dates(min_value=date(2003, 1, 1), max_value=date(2028, 12, 31))
LENGTHS = st.integers(min_value=0, max_value=400)
CALENDARS = st.sampled_from([OFFICIAL, WEEKENDS])


@given(CALENDARS, STARTS, LENGTHS)
def test_period_end_is_the_nominal_end_or_the_next_working_day(
    calendar: WorkCalendar, start: date, days: int
) -> None:
    """CPL Art 85: never before start + n, never on a rest day, exactly start + n if that works."""
    nominal = start + timedelta(days=days)
    end = period_end(calendar, start, days)
    assert end >= nominal
    assert not calendar.is_rest_day(end)
    if not calendar.is_rest_day(nominal):
        assert end == nominal
    assert all(calendar.is_rest_day(nominal + timedelta(d)) for d in range((end - nominal).days))


def test_a_period_deadline_is_the_end_of_its_last_day_beijing_time() -> None:
    """CPL Art 85: a balance due within 10 days of a close is late only once the tenth day
    is over, in Beijing time, and a tenth day in the Spring Festival moves past it."""
    real = StatutoryCalendar()
    closed = datetime(2026, 3, 2, 15, 30, tzinfo=BEIJING)  # a Monday afternoon
    assert period_deadline(real, closed, 10) == datetime(2026, 3, 13, 0, 0, tzinfo=BEIJING)
    late_evening = datetime(2026, 3, 2, 16, 30, tzinfo=UTC)  # already Tuesday in Beijing
    assert period_deadline(real, late_evening, 10) == datetime(2026, 3, 14, 0, 0, tzinfo=BEIJING)
    before_festival = datetime(2026, 2, 6, 10, 0, tzinfo=BEIJING)  # +10 = 16 Feb, a holiday
    assert period_deadline(real, before_festival, 10) == datetime(2026, 2, 25, 0, 0, tzinfo=BEIJING)
