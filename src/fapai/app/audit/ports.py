"""What the audit trail needs from storage: its records, heads and seals."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from fapai.domain.audit.chain import StoredRecord
from fapai.domain.audit.facts import FactRow

# The audit trail's records are the domain's own values; storage reads and writes them.
AuditRow = StoredRecord


@dataclass(frozen=True, slots=True)
class SealRow:
    id: int
    at: str
    heads: str
    prev_hash: str
    hash: str


@dataclass(frozen=True, slots=True)
class PersonalReadRow:
    """One read of personal data (app/audit/reads.py)."""

    id: int
    at: datetime
    principal_kind: str
    principal_id: int | None
    court_id: int | None
    record: str
    fields: str
    purpose: str
    note: str
    route: str


class PersonalReadTx(Protocol):
    """The read log's part of a transaction: rows are added, listed and, past their
    retention, deleted; never changed."""

    def insert_personal_read(self, row: PersonalReadRow) -> None: ...
    def personal_reads(
        self, court_id: int | None, after_id: int, limit: int
    ) -> list[PersonalReadRow]: ...
    def delete_personal_reads_before(self, at: datetime) -> int: ...


class AuditTx(PersonalReadTx, Protocol):
    """The audit trail's part of a transaction, with the personal-data read log."""

    def audit_head(self, scope: str) -> tuple[int, str]: ...
    def append_audit(self, row: AuditRow) -> None: ...
    def audit_scopes(self) -> list[str]: ...
    def audit_rows(self, scope: str) -> Iterator[AuditRow]: ...
    def audit_row(self, scope: str, seq: int) -> AuditRow | None: ...
    def audit_rows_naming(self, scope: str, action: str, fragment: str) -> list[AuditRow]: ...
    def peek_head(self, scope: str) -> tuple[int, str]: ...
    def unsealed_heads(self) -> dict[str, tuple[int, str]]: ...
    def seals(self) -> Sequence[SealRow]: ...
    def last_seal(self) -> SealRow | None: ...
    def insert_seal(self, at: str, heads: str, prev_hash: str, hash_: str) -> None: ...
    # the fact rows the trail vouches for (storage/fact_store.py)
    def take_facts(self, scope: str) -> list[list[Any]]: ...
    def fact_rows(self, name: str, auction_id: int | None = None) -> Iterator[FactRow]: ...
    def registration_accounts(self) -> Iterator[tuple[int, int, int, str | None]]: ...
