"""The statutory calendar: rest days from the best source that knows the year.

CPL Art 85 moves a deadline that ends on a statutory rest day to the next working
day (rules.md §4.6, §7 item 10). Which days those are, in order of trust:

1. a schedule the operator loaded from the State Council's notice
   (``fapai calendar load``, kept as DATA_DIR/calendar/YEAR.json): official;
2. ``chinesecalendar``'s table of published notices (2004–2026 in 1.11): official;
3. for 2025–2099, the holidays the decree fixes (``statutory_holidays``) with their
   Art 6 substitute days, and no 调休: provisional;
4. weekends only: provisional.

A provisional year still gives an answer, since periods must be counted into a year
before its notice is out; every deadline counted from it says so (``is_official``).
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import chinese_calendar  # type: ignore[import-untyped]

from fapai.adapters import statutory_holidays
from fapai.domain.holiday_schedule import (
    PACKAGE,
    WEEKENDS,
    ScheduleError,
    YearSchedule,
    parse_schedule,
    statutory_gaps,
    statutory_schedule,
)


def _published() -> dict[int, dict[date, str]]:
    """The package's days off by year, named in Chinese."""
    years: dict[int, dict[date, str]] = {}
    for day, name in chinese_calendar.holidays.items():
        years.setdefault(day.year, {})[day] = chinese_calendar.Holiday(name).chinese
    return years


_PUBLISHED = _published()


def _package_schedule(year: int) -> YearSchedule | None:
    if year not in _PUBLISHED:
        return None
    worked = frozenset(day for day in chinese_calendar.workdays if day.year == year)
    return YearSchedule(year, PACKAGE, _PUBLISHED[year], worked)


def _rule_schedule(year: int) -> YearSchedule:
    if statutory_holidays.FIRST_YEAR <= year <= statutory_holidays.LAST_YEAR:
        return statutory_schedule(year, statutory_holidays.festivals(year))
    return YearSchedule(year, WEEKENDS)


class StatutoryCalendar:
    """Rest days under the best-known schedule of each year: weekends and holidays,
    less 调休上班日. ``loaded`` are the operator's schedules, which win over the rest."""

    def __init__(self, loaded: dict[int, YearSchedule] | None = None) -> None:
        self._years: dict[int, YearSchedule] = dict(loaded or {})

    def schedule(self, year: int) -> YearSchedule:
        known = self._years.get(year)
        if known is None:
            known = _package_schedule(year) or _rule_schedule(year)
            self._years[year] = known
        return known

    def is_rest_day(self, day: date) -> bool:
        return self.schedule(day.year).is_rest_day(day)

    def is_official(self, day: date) -> bool:
        return self.schedule(day.year).official


class ScheduleFolder:
    """The schedules the operator loaded, one ``YEAR.json`` each, read at start."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def calendar(self) -> StatutoryCalendar:
        """The calendar with every loaded year; a file that no longer reads is an error
        naming it, since skipping it would quietly move that year's deadlines."""
        loaded: dict[int, YearSchedule] = {}
        for file in sorted(self.path.glob("*.json")):
            schedule = _read(file)
            if file.stem != str(schedule.year):
                raise ScheduleError(f"{file}: holds the year {schedule.year}, not {file.stem}")
            loaded[schedule.year] = schedule
        return StatutoryCalendar(loaded)

    def store(self, text: str) -> YearSchedule:
        """Check a notice typed in as JSON and keep it as the official schedule of its year
        (replacing an earlier one); all or nothing."""
        schedule = checked(text)
        self.path.mkdir(parents=True, exist_ok=True)
        target = self.path / f"{schedule.year}.json"
        partial = self.path / f".{schedule.year}.json.partial"
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, target)
        return schedule


def checked(text: str) -> YearSchedule:
    """``parse_schedule``, and every holiday the decree fixes must be a rest day in it."""
    schedule = parse_schedule(text)
    if statutory_holidays.FIRST_YEAR <= schedule.year <= statutory_holidays.LAST_YEAR:
        gaps = statutory_gaps(schedule, statutory_holidays.festivals(schedule.year))
        if gaps:
            raise ScheduleError(
                f"{', '.join(gaps)} would be worked, but 《全国年节及纪念日放假办法》"
                " makes it a holiday"
            )
    return schedule


def _read(file: Path) -> YearSchedule:
    try:
        return checked(file.read_text(encoding="utf-8"))
    except (ScheduleError, UnicodeDecodeError, OSError) as error:
        raise ScheduleError(f"{file}: {error}") from None
