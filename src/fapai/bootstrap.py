"""Picks the concrete adapters for the entry points (design.md: only here and in
``config`` is the environment read and are implementations chosen).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fapai.adapters import key_provider
from fapai.adapters.code_lists import PublishedCodeLists
from fapai.adapters.credentials import Argon2Totp
from fapai.adapters.documents import ReportlabRenderer
from fapai.adapters.holidays import ScheduleFolder, StatutoryCalendar
from fapai.adapters.key_provider import KeyProvider
from fapai.adapters.no_bank import NoBank
from fapai.adapters.pdfs import PypdfPdfs
from fapai.adapters.pictures import PillowPictures
from fapai.adapters.simulated_bank import SimulatedBank
from fapai.adapters.sms import SimulatedSms
from fapai.app.accounts.ports import RetentionPolicy
from fapai.app.ports import Clock, Publisher
from fapai.app.services import Services
from fapai.config import ConfigError, Settings
from fapai.domain.holiday_schedule import ScheduleError
from fapai.storage.database import SqlDatabase
from fapai.storage.migrate import upgrade


class EnvironmentKeys:
    """The key ring's secrets as ``config`` read them (environment or key file): the
    default ``KeyProvider`` (adapters/key_provider.py)."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    def current(self) -> bytes:
        return self._settings.secret_key

    def previous(self) -> Sequence[bytes]:
        return self._settings.old_secret_keys

    def bank(self) -> bytes | None:
        return self._settings.bank_key


def system_clock() -> datetime:
    return datetime.now(UTC)


def _nobody(auction_id: int, seq: int, kind: str, payload: str) -> None:
    """Where events go when no live server listens (CLI commands, the worker)."""


def build(
    settings: Settings,
    clock: Clock = system_clock,
    publish: Publisher = _nobody,
    migrate: bool = True,
    keys: KeyProvider | None = None,
) -> tuple[Services, SqlDatabase]:
    """The services over the configured database, migrated to the newest schema.

    On PostgreSQL, ``publish`` receives committed events through LISTEN/NOTIFY
    (from every process sharing the database); on SQLite the use cases call it
    in-process after each commit. ``keys`` replaces the environment's secrets with a
    KMS's (adapters/key_provider.py).
    """
    database = SqlDatabase(settings.database_url)
    cipher = key_provider.cipher(keys or EnvironmentKeys(settings))
    if migrate:
        upgrade(database.engine, cipher)
    if publish is not _nobody and database.deliver_events(publish):
        publish = _nobody
    token: Callable[[], str] = lambda: secrets.token_urlsafe(32)  # noqa: E731
    services = Services(
        db=database,
        clock=clock,
        cipher=cipher,
        gateway=SimulatedBank(cipher, clock) if settings.bank == "simulated" else NoBank(),
        publish=publish,
        randbelow=secrets.randbelow,
        token=token,
        code_lists=PublishedCodeLists(),
        credentials=Argon2Totp(),
        calendar=statutory_calendar(settings.data_dir),
        documents=ReportlabRenderer(),
        staff_policy=settings.staff,
        sms=SimulatedSms() if settings.sms == "simulated" else None,
        retention=RetentionPolicy(settings.retention_idle_days, settings.read_log_days),
        pictures=PillowPictures(),
        pdfs=PypdfPdfs(),
        bidder_session=timedelta(hours=settings.sessions.bidder_hours),
        platform=settings.platform,
    )
    _check_platform(services)
    return services, database


def _check_platform(services: Services) -> None:
    """A deployment operates a platform of the SPC's list (OJA Art 5), or none."""
    if services.platform in (None, "none"):
        return
    with services.db.read() as tx:
        listed = {p.code for p in tx.platforms() if p.listed_to is None}
    if services.platform not in listed:
        raise ConfigError(
            f"FAPAI_PLATFORM={services.platform} is not on the SPC's list of platforms "
            f"({', '.join(sorted(listed))}, or none)"
        )


def bank_key_warning(settings: Settings) -> str | None:
    """What ``fapai serve`` says at start when the bank's key is not set apart."""
    if settings.bank_key is not None:
        return None
    return (
        "fapai: warning: FAPAI_BANK_KEY is not set; bank notices are checked with a key "
        "derived from FAPAI_SECRET_KEY (set a separate key to rotate it on its own)"
    )


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


def platform_line(services: Services) -> str:
    """What the server says at start about where bidding happens (one line)."""
    if services.platform is None:
        return "fapai: platform: standing in for every listed platform (demo/test only)"
    if services.platform == "none":
        return "fapai: platform: none; every lot is handed over to its designated platform"
    return (
        f"fapai: platform: {services.platform}; lots designated to other platforms are "
        "handed over to them"
    )


def bank_line(services: Services) -> str:
    """What the server says at start about where money goes (one line)."""
    if simulated_bank(services) is not None:
        return "fapai: bank SIMULATED: payments are booked with no money moving (demo/test only)"
    return "fapai: bank none configured: deposit and balance orders are refused (503 no_bank)"
