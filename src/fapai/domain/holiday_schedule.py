"""One year's rest days, and how far they can be trusted.

CPL Art 85 rolls a period's last day past statutory rest days, and which days those
are is settled year by year: 《全国年节及纪念日放假办法》 fixes the holidays (as
amended by State Council Decree No. 795, in force 2025-01-01), and each winter the
State Council's office publishes the next year's schedule, which groups them into
breaks by trading weekends for working days (调休). Courts count periods into a year
before that notice exists, so every schedule says where it comes from, and only a
published one (from the package's table or loaded by the operator) is official.

The operator's file is the published notice typed in as JSON; ``parse_schedule`` is
strict about it because a wrong day here silently moves every deadline of the year.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

SATURDAY = 5
ONE_DAY = timedelta(days=1)

FILE = "file"  # the published notice, loaded by the operator: official
PACKAGE = "package"  # chinesecalendar's table of published notices: official
STATUTE = "statute"  # the decree's holidays and its Art 6 substitute days only: provisional
WEEKENDS = "weekends"  # nothing known beyond Saturdays and Sundays: provisional
OFFICIAL_SOURCES = frozenset({FILE, PACKAGE})


class ScheduleError(ValueError):
    """A schedule file that cannot be used; the message says which entry and why."""


@dataclass(frozen=True, slots=True)
class YearSchedule:
    """The rest days of ``year``: weekends and ``holidays``, less ``working_days`` (调休)."""

    year: int
    source: str
    holidays: Mapping[date, str] = field(default_factory=dict)  # day -> the holiday's name
    working_days: frozenset[date] = frozenset()
    notice: str = ""  # the notice a loaded file was typed from, as the operator named it

    @property
    def official(self) -> bool:
        return self.source in OFFICIAL_SOURCES

    def is_rest_day(self, day: date) -> bool:
        if day in self.working_days:
            return False
        return day in self.holidays or day.weekday() >= SATURDAY


def statutory_schedule(year: int, festivals: Sequence[tuple[str, Sequence[date]]]) -> YearSchedule:
    """The decree's holidays of ``year`` with the substitute days its Art 6 owes.

    Art 6: a holiday of all citizens that falls on a Saturday or Sunday is made up on
    a working day (补假). Where it is made up is the yearly notice's choice; this puts
    it on the first working days after the festival, where the notices have put it.
    A day two festivals share is made up too, as the 2020 notice did when Mid-Autumn
    fell on 1 October.
    No 调休 is guessed: which weekends the notice will trade is not law.
    """
    holidays: dict[date, str] = {}
    owed: list[tuple[str, date, int]] = []
    for name, days in sorted(festivals, key=lambda festival: min(festival[1])):
        missing = 0
        for day in days:
            if day.weekday() >= SATURDAY or day in holidays:
                missing += 1
            holidays.setdefault(day, name)
        owed.append((name, max(days), missing))
    for name, last, missing in owed:
        day = last
        while missing:
            day += ONE_DAY
            if day.weekday() < SATURDAY and day not in holidays:
                holidays[day] = f"{name}（补假）"
                missing -= 1
    return YearSchedule(year, STATUTE, holidays)


def statutory_gaps(
    schedule: YearSchedule, festivals: Sequence[tuple[str, Sequence[date]]]
) -> list[str]:
    """The decree's holidays that ``schedule`` would have people work. Each is a typo:
    no notice has ever taken a statutory holiday away."""
    return [
        f"{day} ({name})"
        for name, days in festivals
        for day in days
        if not schedule.is_rest_day(day)
    ]


# --- the operator's file -------------------------------------------------------------------


def parse_schedule(text: str) -> YearSchedule:
    """A published notice typed in as JSON (format in docs/back-office.md)::

        {"year": 2027, "notice": "国办发明电〔2026〕N号",
         "holidays": [{"name": "元旦", "date": "2027-01-01"},
                      {"name": "春节", "from": "2027-02-05", "to": "2027-02-12"}],
         "working_days": ["2027-02-20"]}

    Every day must lie in ``year``; a day may be in one holiday only; a working day must
    be a Saturday or Sunday (the others are worked anyway) and no holiday.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ScheduleError(f"not JSON: {error.msg} (line {error.lineno})") from None
    _keys(data, "the file", {"year", "holidays", "working_days"}, {"notice"})
    year = data["year"]
    if type(year) is not int or not 2000 <= year <= 2199:
        raise ScheduleError(f"year must be a year like 2027, not {year!r}")
    notice = data.get("notice", "")
    if not isinstance(notice, str):
        raise ScheduleError("notice must be text")
    holidays: dict[date, str] = {}
    for index, entry in enumerate(_list(data, "holidays")):
        where = f"holidays[{index}]"
        _keys(entry, where, {"name"}, {"date", "from", "to"})
        name = entry["name"]
        if not isinstance(name, str) or not name.strip():
            raise ScheduleError(f"{where}: name must be the holiday's name, e.g. 春节")
        for day in _days(entry, where, year):
            if day in holidays:
                raise ScheduleError(f"{where}: {day} is already in {holidays[day]}")
            holidays[day] = name.strip()
    if not holidays:
        raise ScheduleError("holidays is empty: a published schedule names its holidays")
    working: set[date] = set()
    for index, value in enumerate(_list(data, "working_days")):
        where = f"working_days[{index}]"
        day = _day(value, where, year)
        if day in holidays:
            raise ScheduleError(f"{where}: {day} is also a holiday ({holidays[day]})")
        if day.weekday() < SATURDAY:
            raise ScheduleError(
                f"{where}: {day} is a weekday; only a Saturday or Sunday can be an adjusted"
                " working day (调休上班日)"
            )
        if day in working:
            raise ScheduleError(f"{where}: {day} is listed twice")
        working.add(day)
    return YearSchedule(year, FILE, holidays, frozenset(working), notice.strip())


def _keys(value: Any, where: str, required: set[str], optional: set[str]) -> None:
    if not isinstance(value, dict):
        raise ScheduleError(f"{where} must be an object")
    if missing := sorted(required - value.keys()):
        raise ScheduleError(f"{where} lacks {', '.join(missing)}")
    if unknown := sorted(value.keys() - required - optional):
        raise ScheduleError(f"{where} has unknown field {', '.join(unknown)}")


def _list(data: dict[str, Any], name: str) -> list[Any]:
    value = data[name]
    if not isinstance(value, list):
        raise ScheduleError(f"{name} must be a list")
    return value


def _days(entry: dict[str, Any], where: str, year: int) -> list[date]:
    """One day (``date``) or a range (``from``, ``to``, both included)."""
    if "date" in entry:
        if "from" in entry or "to" in entry:
            raise ScheduleError(f"{where}: give either date or from and to, not both")
        return [_day(entry["date"], f"{where}.date", year)]
    if "from" not in entry or "to" not in entry:
        raise ScheduleError(f"{where}: give date, or from and to")
    first = _day(entry["from"], f"{where}.from", year)
    last = _day(entry["to"], f"{where}.to", year)
    if last < first:
        raise ScheduleError(f"{where}: to ({last}) is before from ({first})")
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _day(value: Any, where: str, year: int) -> date:
    try:
        day = date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        day = None
    if day is None:
        raise ScheduleError(f"{where}: {value!r} is not a date like {year}-01-01")
    if day.year != year:
        raise ScheduleError(f"{where}: {day} is not in {year}")
    return day
