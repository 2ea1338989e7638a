"""What objections and complaints need from storage (storage/remedy_store.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol


@dataclass(frozen=True, slots=True)
class ObjectionRecord:
    id: int
    court_id: int
    lot_id: int
    kind: str  # domain.remedies.objections.ObjectionKind
    standing: str  # the standing the filer states; the court confirms it at docketing
    grounds: str
    account_id: int
    filer_enc: bytes
    status: str  # domain.remedies.docket.Status
    filed_at: datetime
    outcome: str | None
    revoke_ground: str | None
    reviewing_court_id: int | None


@dataclass(frozen=True, slots=True)
class ObjectionStepRecord:
    id: int
    objection_id: int
    step: str  # "filed" or a domain.remedies.docket.Step
    details: str  # canonical JSON
    actor: str
    at: datetime


@dataclass(frozen=True, slots=True)
class PaperRecord:
    """A paper filed with an objection, without its bytes."""

    id: int
    objection_id: int
    title: str
    content_type: str
    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class ComplaintRecord:
    id: int
    court_id: int
    auction_id: int | None
    subject: str
    body: str
    contact_enc: bytes | None
    filed_at: datetime
    respond_by: date | None
    response: str | None
    responded_at: datetime | None
    responded_by: str | None
    institution_id: int | None = None  # about an auxiliary institution (seed 003 Art 24)


class RemedyTx(Protocol):
    def insert_objection(
        self, court_id: int, lot_id: int, kind: str, standing: str, grounds: str,
        account_id: int, filer_enc: bytes, at: datetime,
    ) -> int: ...  # fmt: skip
    def objection(self, objection_id: int) -> ObjectionRecord | None: ...
    def lock_objection(self, objection_id: int) -> ObjectionRecord | None:
        """The objection, locked for this transaction (the court's acts on it queue)."""
        ...

    def objections(
        self, court_id: int | None = None, account_id: int | None = None
    ) -> list[ObjectionRecord]:
        """A court's objections (with those sent up to it for reconsideration), or an
        account's own; newest first."""
        ...

    def set_objection(
        self, objection_id: int, status: str, outcome: str | None, revoke_ground: str | None,
        reviewing_court_id: int | None,
    ) -> None: ...  # fmt: skip
    def add_objection_step(
        self, objection_id: int, step: str, details: str, actor: str, at: datetime
    ) -> int: ...
    def objection_steps(self, objection_id: int) -> list[ObjectionStepRecord]: ...
    def add_paper(
        self, objection_id: int, title: str, content_type: str, sha256: str, data: bytes,
        at: datetime,
    ) -> int: ...  # fmt: skip
    def papers(self, objection_id: int) -> list[PaperRecord]: ...
    def paper_data(self, paper_id: int) -> tuple[PaperRecord, bytes] | None: ...
    def insert_complaint(
        self, court_id: int, auction_id: int | None, subject: str, body: str,
        contact_enc: bytes | None, at: datetime, institution_id: int | None = None,
    ) -> int: ...  # fmt: skip
    def complaint(self, complaint_id: int) -> ComplaintRecord | None: ...
    def complaints_about(self, institution_id: int) -> list[ComplaintRecord]: ...
    def complaints(self, court_id: int) -> list[ComplaintRecord]: ...
    def set_complaint_deadline(self, complaint_id: int, respond_by: date) -> None: ...
    def answer_complaint(self, complaint_id: int, response: str, by: str, at: datetime) -> None: ...
