"""Settings from the environment. Only this module and ``bootstrap`` read it.

FAPAI_DATABASE_URL   sqlite:///path or postgresql+psycopg://user@host/db
                     (default: SQLite in FAPAI_DATA_DIR/fapai.sqlite3)
FAPAI_SECRET_KEY     base64 of at least 32 random bytes; encrypts personal data.
                     When unset, a key is made once in FAPAI_DATA_DIR/secret.key.
FAPAI_OLD_SECRET_KEYS  comma-separated base64 keys that used to be FAPAI_SECRET_KEY: they
                     still decrypt until ``fapai keys rotate`` has moved every row off them
FAPAI_BANK_KEY       base64 of at least 32 bytes: checks the bank's notice signatures.
                     When unset, one is derived from FAPAI_SECRET_KEY (with a warning).
FAPAI_SMS            ``simulated`` to send phone codes to the server log (demo, tests);
                     unset, account opening answers ``sms_unavailable``
FAPAI_RETENTION_IDLE_DAYS  days an account with no auction activity keeps its personal
                     data (default 1095, three years); see ``fapai retention run``
FAPAI_READ_LOG_DAYS  days the personal-data read log is kept (default 3650)
FAPAI_DATA_DIR       where the default database and key live (default ./var), and the
                     holiday schedules the operator loaded (calendar/YEAR.json)

Court staff (docs/back-office.md, "Staff, roles and sign-in"):
FAPAI_STAFF_IDLE_MINUTES     a session unused this long ends (default 30)
FAPAI_STAFF_SESSION_HOURS    any session ends this long after sign-in (default 12)
FAPAI_STAFF_MAX_FAILURES     failed sign-ins in a row that lock the account (default 5)
FAPAI_STAFF_LOCKOUT_MINUTES  how long it stays locked (default 15)
FAPAI_STAFF_TOKEN_DAYS       a program token's life when none is named (default 90)
FAPAI_BANK           the payment gateway: unset or "none" (no bank: deposit orders are
                     refused with 503 no_bank) or "simulated" (no money moves; the
                     demo's and the tests' bank)
FAPAI_ALLOW_SIMULATED_BANK=1
                     needed for FAPAI_BANK=simulated outside `fapai serve --demo`
FAPAI_PLATFORM       the code of the SPC-listed platform this deployment operates (run by
                     its operator, or by the court system, e.g. rmfysszc), or ``none``
                     (the default): the court's system alone. A lot designated to a
                     platform not operated here is handed over to it at its announcement
                     and never bid on here (OJA Arts 4-5). ``--demo`` stands in for every
                     listed platform instead
FAPAI_RECORD_RETENTION_YEARS
                     how long auction records are kept before `fapai records
                     export-expired` packages them (default 10; OJA Art 29 forbids less)

Bidders' sessions and limits (docs/security.md lists each with its default):
FAPAI_SESSION_HOURS        a bidder's session lives this long (default 12)
FAPAI_TOKEN_CACHE_SECONDS  how long a process trusts a bidder's session it looked up
                           (default 2, at most 2)
FAPAI_LIMIT_*              requests per minute per address or account, see ``Limits``
"""

from __future__ import annotations

import base64
import binascii
import os
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from fapai.app.accounts.ports import StaffPolicy
from fapai.domain.retention import MIN_RETENTION_YEARS, retention_refusal


class ConfigError(Exception):
    """A setting that cannot be used; the message names it."""


BANKS = ("none", "simulated")


@dataclass(frozen=True, slots=True)
class Limits:
    """How much one address or one account may ask for (issue 14: rate limits).

    Rates are per minute with a burst of the same size (a token bucket); zero turns a
    limit off. The defaults are a person's pace with a wide margin: a bidder in a
    closing minute bids a few times, never hundreds.
    """

    sign_in_per_address: int = 30  # failed sign-ins and bad tokens
    sign_in_per_login: int = 10  # failed staff sign-ins and password changes per login
    accounts_per_address: int = 10
    registrations_per_address: int = 60
    registrations_per_account: int = 30
    bids_per_address: int = 600  # several bidders behind one NAT
    bids_per_account: int = 120  # refused bids count too
    streams_per_address: int = 20  # open live-update streams at once
    header_timeout: float = 10.0  # seconds for a request's line and headers
    body_timeout: float = 30.0  # seconds between two parts of a request body


# A bidder's session ended through another process is refused here within this time
# (staff are looked up on every request).
MAX_CACHE_SECONDS = 2.0


@dataclass(frozen=True, slots=True)
class Sessions:
    """Bidders' sessions (court staff's are ``StaffPolicy``)."""

    bidder_hours: float = 12.0
    cache_seconds: float = MAX_CACHE_SECONDS


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str
    secret_key: bytes
    data_dir: Path
    staff: StaffPolicy = field(default_factory=StaffPolicy)
    # "none" or "simulated"; the simulated bank books payments no money backs, so it is
    # chosen explicitly (the demo and the tests), never by default
    bank: str = "none"
    old_secret_keys: tuple[bytes, ...] = ()
    bank_key: bytes | None = None
    sms: str | None = None
    retention_idle_days: int = 1095
    read_log_days: int = 3650
    retention_years: int = MIN_RETENTION_YEARS
    sessions: Sessions = Sessions()
    limits: Limits = Limits()
    access_log: bool = True
    # the listed platform operated here, "none", or None: standing in for every listed
    # platform (the demo and the tests only; ``load`` never gives it outside --demo)
    platform: str | None = None


def load(
    data_dir: Path | None = None, database_url: str | None = None, demo: bool = False
) -> Settings:
    directory = data_dir or data_directory()
    url = database_url or os.environ.get("FAPAI_DATABASE_URL")
    if not url:
        directory.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{directory.resolve() / 'fapai.sqlite3'}"
    elif not url.startswith(("sqlite:", "postgresql+psycopg:")):
        raise ConfigError("FAPAI_DATABASE_URL must start with sqlite:/// or postgresql+psycopg://")
    return Settings(
        url, _secret_key(directory), directory, _staff(), "simulated" if demo else _bank(),
        tuple(_key(t, "FAPAI_OLD_SECRET_KEYS") for t in _listed("FAPAI_OLD_SECRET_KEYS")),
        _optional_key("FAPAI_BANK_KEY"), _sms(),
        _days("FAPAI_RETENTION_IDLE_DAYS", 1095), _days("FAPAI_READ_LOG_DAYS", 3650),
        retention_years(),
        sessions=_sessions(), limits=_limits(),
        access_log=os.environ.get("FAPAI_ACCESS_LOG", "1") != "0",
        platform=None if demo else _platform(),
    )  # fmt: skip


def _staff() -> StaffPolicy:
    values: dict[str, float] = {}
    for name, default in StaffPolicy.__dataclass_fields__.items():
        variable = f"FAPAI_STAFF_{name.upper()}"
        text = os.environ.get(variable)
        if text is None:
            continue
        try:
            value = float(text) if isinstance(default.default, float) else int(text)
        except ValueError:
            raise ConfigError(f"{variable} must be a number") from None
        if not 0 < value <= 10**6:
            raise ConfigError(f"{variable} must be above 0 and at most 1000000")
        values[name] = value
    return StaffPolicy(**values)  # type: ignore[arg-type]


def _listed(name: str) -> list[str]:
    return [part.strip() for part in os.environ.get(name, "").split(",") if part.strip()]


def _optional_key(name: str) -> bytes | None:
    text = os.environ.get(name)
    return _key(text, name) if text else None


def _sms() -> str | None:
    value = os.environ.get("FAPAI_SMS") or None
    if value not in (None, "simulated"):
        raise ConfigError("FAPAI_SMS must be 'simulated' or unset")
    return value


def _days(name: str, default: int) -> int:
    text = os.environ.get(name)
    if not text:
        return default
    if not text.isdigit() or int(text) < 1:
        raise ConfigError(f"{name} must be a positive number of days")
    return int(text)


def retention_years() -> int:
    """FAPAI_RECORD_RETENTION_YEARS: whole years, at least OJA Art 29's ten."""
    text = os.environ.get("FAPAI_RECORD_RETENTION_YEARS", str(MIN_RETENTION_YEARS)).strip()
    if not text.isdigit():
        raise ConfigError("FAPAI_RECORD_RETENTION_YEARS must be a whole number of years")
    refusal = retention_refusal(int(text))
    if refusal is not None:
        raise ConfigError(f"FAPAI_RECORD_RETENTION_YEARS: {refusal}")
    return int(text)


def data_directory() -> Path:
    """FAPAI_DATA_DIR, creating nothing: for commands that need no database or key."""
    return Path(os.environ.get("FAPAI_DATA_DIR", "var"))


def _platform() -> str:
    value = os.environ.get("FAPAI_PLATFORM") or "none"
    if not re.fullmatch(r"[a-z0-9_]{1,32}", value):
        raise ConfigError("FAPAI_PLATFORM must be a listed platform's code (e.g. jd) or none")
    return value


def _bank() -> str:
    bank = os.environ.get("FAPAI_BANK", "none") or "none"
    if bank not in BANKS:
        raise ConfigError("FAPAI_BANK must be none or simulated")
    if bank == "simulated" and os.environ.get("FAPAI_ALLOW_SIMULATED_BANK") != "1":
        raise ConfigError(
            "FAPAI_BANK=simulated books payments no money backs; outside --demo it needs"
            " FAPAI_ALLOW_SIMULATED_BANK=1"
        )
    return bank


def _number(name: str, default: float, integer: bool = False, most: float = 10**6) -> float:
    text = os.environ.get(name)
    if text is None:
        return default
    try:
        value = int(text) if integer else float(text)
    except ValueError:
        raise ConfigError(f"{name} must be a number") from None
    if not 0 <= value <= most:
        raise ConfigError(f"{name} must be between 0 and {most:g}")
    return value


def _sessions() -> Sessions:
    defaults = Sessions()
    return Sessions(
        _number("FAPAI_SESSION_HOURS", defaults.bidder_hours),
        _number("FAPAI_TOKEN_CACHE_SECONDS", defaults.cache_seconds, most=MAX_CACHE_SECONDS),
    )


def _limits() -> Limits:
    """``FAPAI_LIMIT_`` and the field's name in capitals, e.g. FAPAI_LIMIT_BIDS_PER_ACCOUNT."""
    values: dict[str, float] = {}
    for name in Limits.__dataclass_fields__:
        default = getattr(Limits(), name)
        values[name] = _number(
            f"FAPAI_LIMIT_{name.upper()}", default, integer=isinstance(default, int)
        )
    return Limits(**values)  # type: ignore[arg-type]


def _secret_key(directory: Path) -> bytes:
    text = os.environ.get("FAPAI_SECRET_KEY")
    if text is None:
        path = directory / "secret.key"
        if not path.exists():
            directory.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(base64.b64encode(secrets.token_bytes(32)).decode())
        text = path.read_text().strip()
    return _key(text, "FAPAI_SECRET_KEY")


def _key(text: str, name: str) -> bytes:
    try:
        key = base64.b64decode(text, validate=True)
    except binascii.Error:
        raise ConfigError(f"{name} is not base64") from None
    if len(key) < 32:
        raise ConfigError(f"{name} must decode to at least 32 bytes")
    return key
