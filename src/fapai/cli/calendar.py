"""``fapai calendar``: the holiday schedules that periods are counted by (CPL Art 85).

The State Council publishes each year's schedule shortly before the year begins; an
operator types it in as JSON (docs/back-office.md) and loads it here, with no release.
"""

from __future__ import annotations

from pathlib import Path

import typer

from fapai.cli.common import fail, reported
from fapai.domain.holiday_schedule import FILE, PACKAGE, STATUTE, ScheduleError

calendar_app = typer.Typer(
    help="The State Council's holiday schedules that deadlines are counted by.",
    add_completion=False,
)

WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


@calendar_app.command("load")
def load_command(
    file: Path = typer.Argument(..., help="The year's published schedule as JSON."),
) -> None:
    """Check a year's published schedule and count by it from the next start of
    ``fapai serve`` and ``fapai worker`` on; the year becomes official. Exit status 2
    with one line on standard error when the file is refused."""
    from fapai import bootstrap, config

    try:
        text = file.read_text(encoding="utf-8")
        schedule = bootstrap.calendar_folder(config.data_directory()).store(text)
    except OSError as error:
        fail("calendar load", f"{file}: {error.strerror or error}")
    except (ScheduleError, UnicodeDecodeError) as error:
        fail("calendar load", f"{file}: {error}")
    typer.echo(
        f"{schedule.year}: official, {len(schedule.holidays)} days off and"
        f" {len(schedule.working_days)} working weekend days; restart the server and"
        " the worker to count by it"
    )


@calendar_app.command("show")
def show_command(year: int = typer.Argument(..., min=1900, max=2199)) -> None:
    """A year's holidays and adjusted working days (调休上班日), whether the year is
    official or provisional, and where its schedule comes from."""
    from fapai import bootstrap, config

    directory = config.data_directory()
    with reported("calendar show"):
        schedule = bootstrap.statutory_calendar(directory).schedule(year)
    source = {
        FILE: f"file {bootstrap.calendar_folder(directory).path / f'{year}.json'}",
        PACKAGE: "package chinesecalendar (the State Council's published schedules)",
        STATUTE: "statutory rule: the holidays of 《全国年节及纪念日放假办法》 (2025) and"
        " their Art 6 substitute days; no 调休 known",
    }.get(schedule.source, "weekends only: no schedule and no statutory rule for this year")
    status = "official" if schedule.official else "provisional"
    typer.echo(f"{year}: {status}, {source}" + (f"; {schedule.notice}" if schedule.notice else ""))
    listed = {**schedule.holidays, **dict.fromkeys(schedule.working_days, "调休上班日")}
    for day in sorted(listed):
        kind = "work" if day in schedule.working_days else "rest"
        typer.echo(f"{kind}  {day} {WEEKDAYS[day.weekday()]} {listed[day]}")
    typer.echo("Other Saturdays and Sundays are rest days; other weekdays are working days.")
