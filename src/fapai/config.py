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
"""

from __future__ import annotations

import base64
import binascii
import os
import secrets
from dataclasses import dataclass
from pathlib import Path


class ConfigError(Exception):
    """A setting that cannot be used; the message names it."""


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str
    secret_key: bytes
    data_dir: Path
    old_secret_keys: tuple[bytes, ...] = ()
    bank_key: bytes | None = None
    sms: str | None = None
    retention_idle_days: int = 1095
    read_log_days: int = 3650


def load(data_dir: Path | None = None, database_url: str | None = None) -> Settings:
    directory = data_dir or data_directory()
    url = database_url or os.environ.get("FAPAI_DATABASE_URL")
    if not url:
        directory.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{directory.resolve() / 'fapai.sqlite3'}"
    elif not url.startswith(("sqlite:", "postgresql+psycopg:")):
        raise ConfigError("FAPAI_DATABASE_URL must start with sqlite:/// or postgresql+psycopg://")
    return Settings(
        url, _secret_key(directory), directory,
        tuple(_key(t, "FAPAI_OLD_SECRET_KEYS") for t in _listed("FAPAI_OLD_SECRET_KEYS")),
        _optional_key("FAPAI_BANK_KEY"), _sms(),
        _days("FAPAI_RETENTION_IDLE_DAYS", 1095), _days("FAPAI_READ_LOG_DAYS", 3650),
    )  # fmt: skip


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


def data_directory() -> Path:
    """FAPAI_DATA_DIR, creating nothing: for commands that need no database or key."""
    return Path(os.environ.get("FAPAI_DATA_DIR", "var"))


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
