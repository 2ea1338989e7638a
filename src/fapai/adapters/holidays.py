"""The State Council's holiday schedule (国务院办公厅节假日安排), from ``chinesecalendar``.

CPL Art 85 moves a deadline that ends on a statutory rest day to the next working
day (rules.md §4.6, §7 item 10); which days those are is published year by year,
with weekends traded for working days (调休). The package holds the published
years (2004–2026 in 1.11) and refuses the others; for those this calendar falls
back to weekends only and says so through ``is_official``, so the UI can warn
"该年度节假日安排尚未公布，按周末计算" (schedule not yet published, weekends only).
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import chinese_calendar  # type: ignore[import-untyped]

from fapai.domain.calendar import WeekendCalendar

_FALLBACK = WeekendCalendar()


@lru_cache(maxsize=8192)
def _official_workday(day: date) -> bool | None:
    """Whether ``day`` is a working day under the published schedule; None if unpublished."""
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:  # the package's way of saying "year not in my table"
        return None


class StatutoryCalendar:
    """Rest days under the published schedule: weekends and holidays, less 调休上班日."""

    def is_rest_day(self, day: date) -> bool:
        workday = _official_workday(day)
        if workday is None:
            return _FALLBACK.is_rest_day(day)
        return not workday

    def is_official(self, day: date) -> bool:
        return _official_workday(day) is not None
