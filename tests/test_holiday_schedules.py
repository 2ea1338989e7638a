"""Years beyond the package's table: the decree's fixed holidays, the operator's loaded
schedule, and deadlines that say they are provisional.

CPL Art 85 rolls a period's last day past statutory rest days. 《全国年节及纪念日放假办法》
(as amended by State Council Decree No. 795, in force 2025-01-01) fixes those holidays
every year (Art 2) and makes up on a working day a holiday falling on a weekend (Art 6);
the yearly notice of the State Council's office adds the 调休 on top, and until it is
loaded a year is provisional.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import chinese_calendar
import pytest
from lunardate import LunarDate

from fapai import bootstrap
from fapai.adapters.holidays import ScheduleFolder, StatutoryCalendar
from fapai.adapters.statutory_holidays import festivals, qingming
from fapai.cli.main import main
from fapai.config import ConfigError
from fapai.domain.beijing_time import BEIJING
from fapai.domain.calendar import WeekendCalendar, period_deadline, period_end
from fapai.domain.holiday_schedule import ScheduleError, parse_schedule, statutory_schedule
from fapai.domain.workflow.deadlines import LotFacts, RoundFacts, clocks
from support import FAPAI

CALENDAR = StatutoryCalendar()
DAY = timedelta(days=1)


def days(first: date, last: date) -> list[date]:
    return [first + n * DAY for n in range((last - first).days + 1)]


# --- the acceptance case -----------------------------------------------------------


def test_a_30_day_period_ending_on_new_years_day_2027_rolls_to_monday_4_january() -> None:
    """CPL Art 85 with the decree's Art 2 (元旦, 1 January): 2026-12-02 + 30 days is
    2027-01-01, New Year's Day, then a weekend, so the period ends on 2027-01-04; counted
    by weekends alone it ended on the holiday and a buyer defaulted three days early."""
    assert date(2026, 12, 2) + 30 * DAY == date(2027, 1, 1)
    assert period_end(CALENDAR, date(2026, 12, 2), 30) == date(2027, 1, 4)
    assert period_end(WeekendCalendar(), date(2026, 12, 2), 30) == date(2027, 1, 1)
    closed = datetime(2026, 12, 2, 15, 0, tzinfo=BEIJING)
    assert period_deadline(CALENDAR, closed, 30) == datetime(2027, 1, 5, tzinfo=BEIJING)
    assert not CALENDAR.is_official(date(2027, 1, 4))


def test_the_spring_festival_2027_is_counted_as_rest_days() -> None:
    """Decree Art 2: lunar New Year's Eve and the first three days of the first month;
    Art 6: the two of them on the weekend are made up on the next working days."""
    assert LunarDate.from_solar_date(2027, 2, 6) == LunarDate(2027, 1, 1)
    eve = date(2027, 2, 5)
    assert LunarDate.from_solar_date(2027, 2, 5) == LunarDate(2026, 12, 29)  # a short 12th month
    assert all(CALENDAR.is_rest_day(day) for day in days(eve, date(2027, 2, 10)))
    assert not CALENDAR.is_rest_day(date(2027, 2, 4))
    assert not CALENDAR.is_rest_day(date(2027, 2, 11))
    # a period whose last day is the third day of the year rolls past the made-up days
    assert period_end(CALENDAR, date(2027, 1, 25), 14) == date(2027, 2, 11)
    assert period_end(WeekendCalendar(), date(2027, 1, 25), 14) == date(2027, 2, 8)


def test_every_fixed_holiday_of_2027_is_a_rest_day_and_the_year_is_provisional() -> None:
    """Decree Art 2's seven holidays (11 days) fall where lunardate and the solar term
    put them; none is official until the notice is loaded."""
    named = dict(festivals(2027))
    assert named == {
        "元旦": [date(2027, 1, 1)],
        "春节": days(date(2027, 2, 5), date(2027, 2, 8)),
        "清明节": [date(2027, 4, 5)],
        "劳动节": [date(2027, 5, 1), date(2027, 5, 2)],
        "端午节": [date(2027, 6, 9)],
        "中秋节": [date(2027, 9, 15)],
        "国庆节": days(date(2027, 10, 1), date(2027, 10, 3)),
    }
    schedule = CALENDAR.schedule(2027)
    assert (schedule.source, schedule.official) == ("statute", False)
    assert all(schedule.is_rest_day(day) for ds in named.values() for day in ds)
    # Art 6: May 1–2 and October 2–3 fall on weekends and are made up after them
    assert {day for day, name in schedule.holidays.items() if "补假" in name} == {
        date(2027, 2, 9), date(2027, 2, 10), date(2027, 5, 3), date(2027, 5, 4),
        date(2027, 10, 4), date(2027, 10, 5),
    }  # fmt: skip
    assert not schedule.working_days  # no 调休 is guessed


def test_a_day_two_festivals_share_is_made_up_too() -> None:
    """2028: National Day starts on a Sunday and Mid-Autumn is 3 October, a National Day
    holiday; Art 6 owes a working day for each, so 4 and 5 October are rest days too."""
    rest = [day for day in days(date(2028, 9, 29), date(2028, 10, 9)) if CALENDAR.is_rest_day(day)]
    weekend = [date(2028, 10, 7), date(2028, 10, 8)]
    assert rest == [date(2028, 9, 30), *days(date(2028, 10, 1), date(2028, 10, 5)), *weekend]


def test_the_rule_agrees_with_the_published_2025_and_2026_notices() -> None:
    """Every day the decree (with Art 6) makes a rest day in 2025 and 2026 is one in the
    State Council's notices as the package holds them."""
    for year in (2025, 2026):
        assert CALENDAR.schedule(year).source == "package"
        rule = statutory_schedule(year, festivals(year))
        missing = [day for day in rule.holidays if not chinese_calendar.is_holiday(day)]
        assert not missing, (year, missing)
        assert len(rule.holidays) > 11  # Art 6 owed substitute days in both years


def test_years_in_the_package_are_counted_exactly_as_before() -> None:
    """The published years 2004–2026 keep the package's answer, day by day."""
    for day in days(date(2004, 1, 1), date(2026, 12, 31)):
        assert CALENDAR.is_rest_day(day) is not chinese_calendar.is_workday(day), day
        assert CALENDAR.is_official(day)
    assert not CALENDAR.is_official(date(2003, 12, 31))
    assert not CALENDAR.is_rest_day(date(2003, 12, 31))  # a Wednesday: weekends only
    assert CALENDAR.schedule(2100).source == "weekends"  # beyond lunardate


# --- Qingming ------------------------------------------------------------------------------


def _sun_longitude(jde: float) -> float:
    """The sun's apparent longitude in degrees (Meeus, Astronomical Algorithms ch. 25,
    about 0.01°, i.e. a quarter of an hour of the sun's motion)."""
    t = (jde - 2451545.0) / 36525
    mean = 280.46646 + 36000.76983 * t + 0.0003032 * t * t
    anomaly = math.radians(357.52911 + 35999.05029 * t - 0.0001537 * t * t)
    centre = (
        (1.914602 - 0.004817 * t - 0.000014 * t * t) * math.sin(anomaly)
        + (0.019993 - 0.000101 * t) * math.sin(2 * anomaly)
        + 0.000289 * math.sin(3 * anomaly)
    )
    node = math.radians(125.04 - 1934.136 * t)
    return (mean + centre - 0.00569 - 0.00478 * math.sin(node)) % 360


def _qingming_moment(year: int) -> float:
    """Days since 0001-01-01 00:00 Beijing time when the sun reaches 15° (清明)."""
    jd = date(year, 4, 4).toordinal() + 1721424.5
    for _ in range(10):
        jd -= ((_sun_longitude(jd) - 15 + 180) % 360 - 180) / 0.9856
    delta_t = 62.92 + 0.32217 * (year - 2000) + 0.005589 * (year - 2000) ** 2  # seconds
    return jd - delta_t / 86400 + 8 / 24 - 1721424.5


def test_qingming_is_the_day_the_sun_reaches_15_degrees_from_2000_to_2099() -> None:
    """Decree Art 2 (清明节, the solar term's day): checked against an independent solar
    position for every year, except the few where the term falls within half an hour
    of midnight, finer than that check can tell."""
    close_calls = []
    for year in range(2000, 2100):
        moment = _qingming_moment(year)
        if min(moment % 1, 1 - moment % 1) < 1 / 48:
            close_calls.append(year)
            continue
        assert qingming(year) == date.fromordinal(int(moment)), year
    assert len(close_calls) <= 8, close_calls


def test_qingming_matches_the_published_years() -> None:
    """The notices of 2020–2026 gave Qingming on these days (inside each year's break)."""
    known = {2020: 4, 2021: 4, 2022: 5, 2023: 5, 2024: 4, 2025: 4, 2026: 5}
    for year, day in known.items():
        assert qingming(year) == date(year, 4, day)
        detail = chinese_calendar.get_holiday_detail(qingming(year))
        assert detail == (True, "Tomb-sweeping Day"), year


# --- the operator's file -------------------------------------------------------------------

SCHEDULE_2027: dict[str, Any] = {
    "year": 2027,
    "notice": "国务院办公厅关于2027年部分节假日安排的通知",
    "holidays": [
        {"name": "元旦", "date": "2027-01-01"},
        {"name": "春节", "from": "2027-02-05", "to": "2027-02-13"},
        {"name": "清明节", "from": "2027-04-03", "to": "2027-04-05"},
        {"name": "劳动节", "from": "2027-05-01", "to": "2027-05-05"},
        {"name": "端午节", "from": "2027-06-09", "to": "2027-06-11"},
        {"name": "中秋节", "from": "2027-09-15", "to": "2027-09-17"},
        {"name": "国庆节", "from": "2027-10-01", "to": "2027-10-07"},
    ],
    "working_days": ["2027-02-20", "2027-04-24", "2027-09-26", "2027-10-09"],
}  # a made-up notice: the real one is not published yet


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``fapai calendar ARGS`` as an operator runs it."""
    env = {**os.environ, "FAPAI_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [str(FAPAI), "calendar", *args], capture_output=True, text=True, env=env, timeout=60
    )


Cli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    """The same command in this process (the entry point, its exit status and output),
    which spares the many refusals below a Python start each."""

    def call(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
        monkeypatch.setenv("FAPAI_DATA_DIR", str(data_dir))
        monkeypatch.setattr(sys, "argv", ["fapai", "calendar", *args])
        with pytest.raises(SystemExit) as exited:
            main()
        out = capsys.readouterr()
        return subprocess.CompletedProcess(args, int(exited.value.code or 0), out.out, out.err)

    return call


def write(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False) if not isinstance(data, str) else data)
    return path


def test_a_loaded_schedule_makes_its_year_official_and_its_adjusted_saturday_a_working_day(
    tmp_path: Path,
) -> None:
    """CPL Art 85 rolls only rest days: once the 2027 notice is loaded, 2027-02-20, a
    Saturday worked in exchange for the break, no longer rolls, and the year is official."""
    data = tmp_path / "var"
    saturday = date(2027, 2, 20)
    assert CALENDAR.is_rest_day(saturday)
    result = run(data, "load", str(write(tmp_path / "2027.json", SCHEDULE_2027)))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("2027: official")
    loaded = bootstrap.statutory_calendar(data)
    assert loaded.is_official(saturday)
    assert not loaded.is_rest_day(saturday)
    assert loaded.is_rest_day(date(2027, 2, 12))  # a Friday inside the break
    assert period_end(loaded, date(2027, 2, 13), 7) == saturday
    assert period_end(CALENDAR, date(2027, 2, 13), 7) == date(2027, 2, 22)
    assert loaded.is_rest_day(date(2026, 10, 7))  # the package's years are untouched
    shown = run(data, "show", "2027")
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0].startswith("2027: official, file ")
    assert "work  2027-02-20 周六 调休上班日" in lines
    assert "rest  2027-02-13 周六 春节" in lines


def test_show_names_the_source_of_each_year(tmp_path: Path, cli: Cli) -> None:
    """Official from the package, provisional by the statutory rule."""
    heads = {year: cli(tmp_path, "show", year).stdout.splitlines()[0] for year in ("2026", "2028")}
    assert heads["2026"].startswith("2026: official, package chinesecalendar")
    assert heads["2028"].startswith("2028: provisional, statutory rule")
    assert not (tmp_path / "calendar").exists()


def _changed(**changes: Any) -> dict[str, Any]:
    return {**SCHEDULE_2027, **changes}


BAD = {
    "not_json": ("{year: 2027", "not JSON"),
    "unknown_field": (_changed(extra=1), "unknown field extra"),
    "no_year": ({k: v for k, v in SCHEDULE_2027.items() if k != "year"}, "lacks year"),
    "year_text": (_changed(year="2027"), "year must be"),
    "outside_year": (
        _changed(working_days=["2026-12-26"]),
        "working_days[0]: 2026-12-26 is not in 2027",
    ),
    "holiday_and_working": (
        _changed(working_days=["2027-02-06"]),
        "2027-02-06 is also a holiday (春节)",
    ),
    "weekday_worked": (_changed(working_days=["2027-02-22"]), "2027-02-22 is a weekday"),
    "overlap": (
        _changed(holidays=[*SCHEDULE_2027["holidays"], {"name": "x", "date": "2027-10-02"}]),
        "2027-10-02 is already in 国庆节",
    ),
    "backwards": (
        _changed(holidays=[{"name": "春节", "from": "2027-02-13", "to": "2027-02-05"}]),
        "is before from",
    ),
    "not_a_date": (
        _changed(holidays=[{"name": "元旦", "date": "2027-02-30"}]),
        "is not a date like",
    ),
    "statutory_day_worked": (
        _changed(holidays=SCHEDULE_2027["holidays"][1:]),
        "2027-01-01 (元旦) would be worked",
    ),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_a_bad_schedule_is_refused_with_exit_2_and_one_line(
    tmp_path: Path, cli: Cli, case: str
) -> None:
    """A wrong day would silently move a year of deadlines (CPL Art 85): refuse the file
    whole, name the entry, keep nothing."""
    data, expected = BAD[case]
    result = cli(tmp_path / "var", "load", str(write(tmp_path / "in.json", data)))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("fapai calendar load: error: ")
    assert expected in lines[0]
    assert not (tmp_path / "var" / "calendar").exists() or not any(
        (tmp_path / "var" / "calendar").iterdir()
    )


def test_a_missing_file_is_refused_with_exit_2(tmp_path: Path, cli: Cli) -> None:
    result = cli(tmp_path, "load", str(tmp_path / "nowhere.json"))
    assert (result.returncode, result.stderr.count("\n")) == (2, 1)
    assert "No such file" in result.stderr


def test_a_stored_file_that_no_longer_reads_stops_the_start(tmp_path: Path, cli: Cli) -> None:
    """Skipping it would count the year's deadlines by a guess without saying so."""
    folder = ScheduleFolder(tmp_path / "calendar")
    folder.store(json.dumps(SCHEDULE_2027))
    (tmp_path / "calendar" / "2028.json").write_text(json.dumps(SCHEDULE_2027))
    with pytest.raises(ConfigError, match=r"2028\.json: holds the year 2027"):
        bootstrap.statutory_calendar(tmp_path)
    (tmp_path / "calendar" / "2028.json").write_text("[]")
    result = cli(tmp_path, "show", "2027")
    assert result.returncode == 2
    assert "2028.json: the file must be an object" in result.stderr


def test_parse_accepts_the_documented_example() -> None:
    """The example in docs/back-office.md is a valid file."""
    text = (Path(__file__).parents[1] / "docs" / "back-office.md").read_text()
    example = text.split("```json\n", 1)[1].split("```", 1)[0]
    schedule = parse_schedule(example)
    assert schedule.year == 2027
    with pytest.raises(ScheduleError):
        parse_schedule(example.replace('"year": 2027', '"year": 2028'))


# --- provisional deadlines -----------------------------------------------------------------


class _PublishedTo2026(WeekendCalendar):
    """Weekends only, official up to 2026: a stand-in for the State Council's table."""

    def is_official(self, day: date) -> bool:
        return day.year <= 2026


def _lot(priced_on: date, starts_on: date, paid_on: date | None) -> LotFacts:
    first = RoundFacts(1, 1, "auction", "sold", starts_on, None, starts_on)
    return LotFacts(
        7, "movable", priced_on, None, (first,), (), paid_on, None, None, None, None, "sold"
    )


def test_a_deadline_counted_into_an_unpublished_year_is_provisional() -> None:
    """CPL Art 85 counts the last day by the year's schedule: a clock due in 2027, or
    whose counting looked at a 2027 day, may still move and must say so; one counted
    only through 2026 days is firm."""
    found = {
        d.kind: d
        for d in clocks(_PublishedTo2026(), _lot(date(2026, 11, 2), date(2027, 1, 11), None))
    }
    assert found["disposal_start"].due == date(2026, 11, 12)
    assert not found["disposal_start"].provisional
    # the announcement must come 15 days before bidding on 11 January: its latest day is
    # in 2026, but whether it is late enough depends on 2027's rest days
    assert found["announcement"].due == date(2026, 12, 27)
    assert found["announcement"].provisional
    assert found["notices"].provisional
    paid_late = _lot(date(2026, 11, 2), date(2026, 12, 1), date(2026, 12, 28))
    sale_ruling = next(d for d in clocks(_PublishedTo2026(), paid_late) if d.kind == "sale_ruling")
    assert (sale_ruling.due, sale_ruling.provisional) == (date(2027, 1, 7), True)
    paid_early = _lot(date(2026, 11, 2), date(2026, 12, 1), date(2026, 12, 1))
    assert not any(d.provisional for d in clocks(_PublishedTo2026(), paid_early))
