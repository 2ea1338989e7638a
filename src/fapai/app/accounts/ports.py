"""What accounts need from storage: courts, court users and bidder accounts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol


@dataclass(frozen=True, slots=True)
class AccountRecord:
    id: int
    name_enc: bytes
    id_number_enc: bytes
    phone_enc: bytes
    name_index: str
    id_number_index: str


@dataclass(frozen=True, slots=True)
class CourtUserRecord:
    id: int
    court_id: int
    login: str
    role: str


@dataclass(frozen=True, slots=True)
class SessionRecord:
    account_id: int | None
    court_user_id: int | None
    expires_at: datetime
    ended_at: datetime | None


@dataclass(frozen=True, slots=True)
class SessionLifetimes:
    """How long a session lasts (config.Sessions gives them; docs/security.md)."""

    bidder: timedelta = timedelta(hours=12)
    court: timedelta = timedelta(hours=12)


class AccountTx(Protocol):
    """Courts, court users and bidder accounts: the accounts' part of a transaction."""

    def insert_court(self, code: str, name: str, region: str) -> int: ...
    def court_id_by_code(self, code: str) -> int | None: ...
    def insert_court_user(self, court_id: int, login: str, role: str, token_hash: str) -> int: ...
    def court_user(self, user_id: int) -> CourtUserRecord | None: ...
    def insert_session(
        self,
        token_hash: str,
        account_id: int | None,
        court_user_id: int | None,
        at: datetime,
        expires_at: datetime,
    ) -> None: ...
    def session(self, token_hash: str) -> SessionRecord | None: ...
    def end_session(self, token_hash: str, at: datetime) -> None: ...
    def insert_account(
        self,
        token_hash: str,
        name_enc: bytes,
        id_number_enc: bytes,
        phone_enc: bytes,
        name_index: str,
        id_number_index: str,
        at: datetime,
    ) -> int: ...
    def account_by_token(self, token_hash: str) -> AccountRecord | None: ...
    def account_by_id_index(self, id_number_index: str) -> AccountRecord | None: ...
    def account(self, account_id: int) -> AccountRecord | None: ...
