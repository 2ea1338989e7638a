"""What accounts need from storage: courts, court users and bidder accounts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
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


class AccountTx(Protocol):
    """Courts, court users and bidder accounts: the accounts' part of a transaction."""

    def insert_court(self, code: str, name: str, region: str) -> int: ...
    def court_id_by_code(self, code: str) -> int | None: ...
    def insert_court_user(self, court_id: int, login: str, role: str, token_hash: str) -> int: ...
    def court_user_by_token(self, token_hash: str) -> CourtUserRecord | None: ...
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
