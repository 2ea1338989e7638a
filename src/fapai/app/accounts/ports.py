"""What accounts need from storage: courts, court staff and bidder accounts."""

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
class CourtRecord:
    id: int
    code: str
    name: str
    region: str
    parent_id: int | None


@dataclass(frozen=True, slots=True)
class StaffRecord:
    """A staff account (court_id None: a system administrator, of no court)."""

    id: int
    court_id: int | None
    login: str
    name: str
    password_hash: str | None
    totp_enc: bytes | None
    totp_last_step: int | None
    failures: int
    locked_until: datetime | None
    ended_at: datetime | None


@dataclass(frozen=True, slots=True)
class SessionRecord:
    """A staff member's session (court_sessions)."""

    id: int
    user_id: int
    started_at: datetime
    seen_at: datetime
    ended_at: datetime | None


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


@dataclass(frozen=True, slots=True)
class BidderSessionRecord:
    """A bidder's session (sessions), opened with the account's key."""

    account_id: int
    expires_at: datetime
    ended_at: datetime | None


@dataclass(frozen=True, slots=True)
class TokenRecord:
    id: int
    user_id: int
    scope: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None


class StaffTx(Protocol):
    """Courts, staff accounts, their roles, sessions and program tokens."""

    def insert_court(self, code: str, name: str, region: str, parent_id: int | None) -> int: ...
    def court_id_by_code(self, code: str) -> int | None: ...
    def court(self, court_id: int) -> CourtRecord | None: ...
    def all_courts(self) -> list[CourtRecord]: ...
    def insert_staff(
        self, court_id: int | None, login: str, name: str, password_hash: str | None,
        totp_enc: bytes | None,
    ) -> int: ...  # fmt: skip
    def staff(self, user_id: int) -> StaffRecord | None: ...
    def staff_by_login(self, login: str) -> StaffRecord | None: ...
    def staff_of_court(self, court_id: int | None) -> list[StaffRecord]: ...
    def set_sign_in_state(
        self, user_id: int, failures: int, locked_until: datetime | None, totp_last_step: int | None
    ) -> None: ...
    def set_credentials(
        self, user_id: int, password_hash: str, totp_enc: bytes, totp_last_step: int | None
    ) -> None:
        """New credentials: the failure count and any lock are cleared with them."""
        ...

    def end_staff(self, user_id: int, at: datetime) -> None: ...
    def roles_of(self, user_id: int) -> set[str]: ...
    def insert_role(self, user_id: int, role: str, at: datetime) -> None: ...
    def delete_role(self, user_id: int, role: str) -> bool: ...
    def insert_session(self, user_id: int, token_hash: str, at: datetime) -> int: ...
    def session_by_token(self, token_hash: str) -> SessionRecord | None: ...
    def touch_session(self, session_id: int, at: datetime) -> None: ...
    def end_sessions(self, user_id: int, at: datetime, session_id: int | None = None) -> int: ...
    def insert_token(
        self, user_id: int, token_hash: str, scope: str, at: datetime, expires_at: datetime
    ) -> int: ...
    def token_by_hash(self, token_hash: str) -> TokenRecord | None: ...
    def token(self, token_id: int) -> TokenRecord | None: ...
    def tokens_of(self, user_ids: list[int]) -> list[TokenRecord]: ...
    def revoke_tokens(
        self, user_id: int, at: datetime, token_id: int | None = None, scope: str | None = None
    ) -> int: ...
    def institution_of_staff(self, user_id: int) -> int | None:
        """The institution an institution's staff account belongs to (None: court staff)."""
        ...

    def insert_institution_staff(self, user_id: int, institution_id: int) -> None: ...
    def staff_of_institution(self, institution_id: int) -> list[StaffRecord]:
        """The institution's staff accounts still in post, by login."""
        ...


class AccountTx(StaffTx, KeptDataTx, Protocol):
    """Courts, court staff and bidder accounts: the accounts' part of a transaction."""

    def insert_bidder_session(
        self, token_hash: str, account_id: int, at: datetime, expires_at: datetime
    ) -> None: ...
    def bidder_session(self, token_hash: str) -> BidderSessionRecord | None: ...
    def end_bidder_session(self, token_hash: str, at: datetime) -> None: ...
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


class Credentials(Protocol):
    """Passwords and the second factor (adapters/credentials.py: argon2id and RFC 6238)."""

    def new_password(self) -> str: ...
    def hash_password(self, password: str) -> str: ...
    def password_matches(self, password_hash: str, password: str) -> bool: ...
    def new_totp_secret(self) -> str: ...
    def totp_uri(self, secret: str, login: str) -> str: ...
    def totp_step(self, secret: str, code: str, at: datetime) -> int | None:
        """The time step ``code`` is good for at ``at`` (one step either side), else None."""
        ...


@dataclass(frozen=True, slots=True)
class StaffPolicy:
    """How long a staff session lives and when repeated failures lock an account."""

    idle_minutes: float = 30.0  # a session unused this long has ended
    session_hours: float = 12.0  # and any session this old
    max_failures: int = 5  # the failure that reaches this locks the account
    lockout_minutes: float = 15.0
    token_days: int = 90  # a program token's life when its maker names none


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
