"""The holidays 《全国年节及纪念日放假办法》 fixes for every year (Art 2, as amended by
State Council Decree No. 795, in force 2025-01-01).

Four of them follow the lunar calendar or a solar term, so their days differ each
year; ``lunardate`` converts lunar dates (lunar years 1900–2099) and chinesecalendar's
solar-term formula gives Qingming (清明, the day the sun reaches 15° longitude, Beijing
time), both checked in tests/test_holiday_schedules.py. Only the 2025 text is
modelled: the years before 2025 are in chinesecalendar's table of published notices
(2004–2026), and a year outside both is counted as weekends only.
"""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar  # type: ignore[import-untyped]
from lunardate import LunarDate

#: The years this module can give: the decree's first year to lunardate's last.
FIRST_YEAR = 2025
LAST_YEAR = 2099
QINGMING = "清明"


def festivals(year: int) -> list[tuple[str, list[date]]]:
    """Each holiday of all citizens in ``year`` with its days (Art 2)."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"the statutory holidays are known for {FIRST_YEAR}–{LAST_YEAR}")
    spring = LunarDate(year, 1, 1).to_solar_date()
    return [
        ("元旦", [date(year, 1, 1)]),
        # lunar New Year's Eve and the first three days of the first month
        ("春节", [spring + timedelta(days=n) for n in range(-1, 3)]),
        ("清明节", [qingming(year)]),
        ("劳动节", [date(year, 5, 1), date(year, 5, 2)]),
        ("端午节", [LunarDate(year, 5, 5).to_solar_date()]),
        ("中秋节", [LunarDate(year, 8, 15).to_solar_date()]),
        ("国庆节", [date(year, 10, d) for d in (1, 2, 3)]),
    ]


def qingming(year: int) -> date:
    """The day of the solar term 清明 in ``year`` (4 or 5 April)."""
    terms = chinese_calendar.get_solar_terms(date(year, 4, 1), date(year, 4, 30))
    return next(day for day, name in terms if name == QINGMING)  # type: ignore[no-any-return]
