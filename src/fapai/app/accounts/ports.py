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


@dataclass(frozen=True, slots=True)
class PhoneCodeRecord:
    id: int
    code_hash: str
    sent_at: datetime
    expires_at: datetime
    attempts: int
    used_at: datetime | None


class KeptDataTx(Protocol):
    """Phone codes, retention and key rotation over the stored personal data (issue 14
    items 12, 5 and 17)."""

    def insert_phone_code(
        self, phone_index: str, code_hash: str, sent_at: datetime, expires_at: datetime
    ) -> int: ...
    def phone_codes_since(self, phone_index: str, since: datetime) -> list[PhoneCodeRecord]: ...
    def count_phone_code_attempt(self, code_id: int) -> None: ...
    def use_phone_code(self, code_id: int, at: datetime) -> None: ...
    def delete_phone_codes_before(self, at: datetime) -> int: ...
    def idle_accounts(self, created_before: datetime, active_before: datetime) -> list[int]: ...
    def erase_account(self, account_id: int, at: datetime) -> None: ...
    def account_ciphertexts(self, after_id: int, limit: int) -> list[tuple[int, list[bytes]]]: ...
    def case_ciphertexts(self, after_id: int, limit: int) -> list[tuple[int, list[bytes]]]: ...
    def account_indexes(self) -> list[tuple[str, str]]: ...
    def party_indexes(self) -> list[str]: ...
    def rewrite_account(
        self, account_id: int, blobs: list[bytes], name_index: str, id_number_index: str
    ) -> None: ...
    def rewrite_case(self, case_id: int, blobs: list[bytes]) -> None: ...


class AccountTx(KeptDataTx, Protocol):
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


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    """How long personal data is kept (config: FAPAI_RETENTION_IDLE_DAYS,
    FAPAI_READ_LOG_DAYS); app/accounts/retention.py enforces it."""

    idle_days: int = 1095
    read_log_days: int = 3650


class SmsSender(Protocol):
    """Sends a text message to a mainland mobile number (issue 12; the notifications
    issue gives it a real carrier). ``simulated`` senders deliver nowhere: the demo and
    the tests read the code from the answer instead."""

    simulated: bool

    def send(self, phone: str, text: str) -> None: ...
