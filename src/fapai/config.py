"""Settings from the environment. Only this module and ``bootstrap`` read it.

FAPAI_DATABASE_URL   sqlite:///path or postgresql+psycopg://user@host/db
                     (default: SQLite in FAPAI_DATA_DIR/fapai.sqlite3)
FAPAI_SECRET_KEY     base64 of at least 32 random bytes; encrypts personal data.
                     When unset, a key is made once in FAPAI_DATA_DIR/secret.key.
FAPAI_DATA_DIR       where the default database and key live (default ./var), and the
                     holiday schedules the operator loaded (calendar/YEAR.json)
FAPAI_RECORD_RETENTION_YEARS
                     how long auction records are kept before `fapai records
                     export-expired` packages them (default 10; OJA Art 29 forbids less)
"""

from __future__ import annotations

import base64
import binascii
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from fapai.domain.retention import MIN_RETENTION_YEARS, retention_refusal


class ConfigError(Exception):
    """A setting that cannot be used; the message names it."""


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str
    secret_key: bytes
    data_dir: Path
    retention_years: int = MIN_RETENTION_YEARS


def load(data_dir: Path | None = None, database_url: str | None = None) -> Settings:
    directory = data_dir or data_directory()
    url = database_url or os.environ.get("FAPAI_DATABASE_URL")
    if not url:
        directory.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{directory.resolve() / 'fapai.sqlite3'}"
    elif not url.startswith(("sqlite:", "postgresql+psycopg:")):
        raise ConfigError("FAPAI_DATABASE_URL must start with sqlite:/// or postgresql+psycopg://")
    return Settings(url, _secret_key(directory), directory, retention_years())


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
    try:
        key = base64.b64decode(text, validate=True)
    except binascii.Error:
        raise ConfigError("FAPAI_SECRET_KEY is not base64") from None
    if len(key) < 32:
        raise ConfigError("FAPAI_SECRET_KEY must decode to at least 32 bytes")
    return key
