"""Picks the concrete adapters for the entry points (design.md: only here and in
``config`` is the environment read and are implementations chosen).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fapai.adapters.cipher import AesCipher
from fapai.adapters.code_lists import PublishedCodeLists
from fapai.adapters.credentials import Argon2Totp
from fapai.adapters.documents import ReportlabRenderer
from fapai.adapters.holidays import ScheduleFolder, StatutoryCalendar
from fapai.adapters.pictures import PillowPictures
from fapai.adapters.simulated_bank import SimulatedBank
from fapai.app.ports import Clock, Publisher
from fapai.app.services import Services
from fapai.config import ConfigError, Settings
from fapai.domain.holiday_schedule import ScheduleError
from fapai.storage.database import SqlDatabase
from fapai.storage.migrate import upgrade


def system_clock() -> datetime:
    return datetime.now(UTC)


def _nobody(auction_id: int, seq: int, kind: str, payload: str) -> None:
    """Where events go when no live server listens (CLI commands, the worker)."""


def build(
    settings: Settings,
    clock: Clock = system_clock,
    publish: Publisher = _nobody,
    migrate: bool = True,
) -> tuple[Services, SqlDatabase]:
    """The services over the configured database, migrated to the newest schema.

    On PostgreSQL, ``publish`` receives committed events through LISTEN/NOTIFY
    (from every process sharing the database); on SQLite the use cases call it
    in-process after each commit.
    """
    database = SqlDatabase(settings.database_url)
    cipher = AesCipher(settings.secret_key)
    if migrate:
        upgrade(database.engine, cipher)
    if publish is not _nobody and database.deliver_events(publish):
        publish = _nobody
    token: Callable[[], str] = lambda: secrets.token_urlsafe(32)  # noqa: E731
    services = Services(
        db=database,
        clock=clock,
        cipher=cipher,
        gateway=SimulatedBank(cipher),
        publish=publish,
        randbelow=secrets.randbelow,
        token=token,
        code_lists=PublishedCodeLists(),
        credentials=Argon2Totp(),
        calendar=statutory_calendar(settings.data_dir),
        documents=ReportlabRenderer(),
        staff_policy=settings.staff,
        pictures=PillowPictures(),
        bidder_session=timedelta(hours=settings.sessions.bidder_hours),
    )
    return services, database


def calendar_folder(data_dir: Path) -> ScheduleFolder:
    """Where ``fapai calendar load`` keeps the State Council's schedules."""
    return ScheduleFolder(data_dir / "calendar")


def statutory_calendar(data_dir: Path) -> StatutoryCalendar:
    """The calendar with the loaded schedules; a file that no longer reads stops the start."""
    try:
        return calendar_folder(data_dir).calendar()
    except ScheduleError as error:
        raise ConfigError(str(error)) from None


def simulated_bank(services: Services) -> SimulatedBank | None:
    gateway = services.gateway
    return gateway if isinstance(gateway, SimulatedBank) else None
