"""What the institutions' use cases need from storage: selection rounds, the database,
the persons behind an institution (by blind index), agreements and designations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol


@dataclass(frozen=True, slots=True)
class RoundRecord:
    id: int
    court_id: int
    step: str
    media: str
    announced_on: date
    closes_on: date
    notice_from: date | None
    notice_ends: date | None
    decided_on: date | None
    decision_ref: str | None
    filing_due: date | None
    filed_on: date | None
    published_on: date | None


@dataclass(frozen=True, slots=True)
class InstitutionRecord:
    id: int
    court_id: int
    round_id: int
    credit_code: str
    name: str
    status: str  # applied | refused | proposed | struck | admitted | suspended | removed
    registered_capital: int
    declared: str  # JSON of the declared conditions and facts
    refusals: str  # JSON [[article, reason], ...]
    applied_on: date
    admitted_on: date | None
    removed_on: date | None
    grounds: str | None  # JSON [code, ...]
    report_due: date | None
    reported_on: date | None
    banned_until: date | None


@dataclass(frozen=True, slots=True)
class AgreementRecord:
    id: int
    court_id: int
    institution_id: int
    kind: str  # trial | after_trial | renewal
    starts_on: date
    ends_on: date
    signed_at: datetime


@dataclass(frozen=True, slots=True)
class DesignationRecord:
    id: int
    lot_id: int
    institution_id: int
    draw_id: int
    started_at: datetime
    ended_at: datetime | None
    end_reason: str | None
    files_due: date | None
    files_returned_on: date | None = None


@dataclass(frozen=True, slots=True)
class EvaluationRecord:
    id: int
    court_id: int
    institution_id: int
    period_from: date
    period_to: date
    result: str  # good | pass | fail
    figures: str  # JSON {figure: count or null}
    remarks: str
    recorded_by: str
    recorded_at: datetime


class InstitutionTx(Protocol):
    def insert_round(
        self, court_id: int, media: str, announced_on: date, closes_on: date
    ) -> int: ...
    def institution_round(self, round_id: int) -> RoundRecord | None: ...
    def institution_rounds(self, court_id: int) -> list[RoundRecord]: ...
    def update_round(self, round_id: int, **values: object) -> None: ...
    def insert_institution(
        self, court_id: int, round_id: int, credit_code: str, name: str, status: str,
        registered_capital: int, declared: str, refusals: str, applied_on: date,
    ) -> int: ...  # fmt: skip
    def institution(self, institution_id: int) -> InstitutionRecord | None: ...
    def institutions(self, court_ids: list[int]) -> list[InstitutionRecord]: ...
    def update_institution(self, institution_id: int, **values: object) -> None: ...
    def add_institution_person(
        self, institution_id: int, role: str, id_number_index: str, contracted: bool
    ) -> None: ...
    def institution_persons(self, institution_id: int) -> list[tuple[str, str, bool]]: ...
    def banned_institution(
        self, court_id: int, credit_code: str, indexes: list[str], day: date
    ) -> InstitutionRecord | None: ...
    def institution_ban_years(self, court_id: int) -> int | None: ...
    def set_institution_ban_years(self, court_id: int, years: int | None) -> None: ...
    def insert_agreement(
        self, court_id: int, institution_id: int, kind: str, starts_on: date, ends_on: date,
        at: datetime,
    ) -> int: ...  # fmt: skip
    def agreements(self, court_id: int) -> list[AgreementRecord]: ...
    def insert_designation(
        self, lot_id: int, institution_id: int, draw_id: int, at: datetime
    ) -> int: ...
    def designations(self, lot_id: int) -> list[DesignationRecord]: ...
    def open_designations(self, institution_id: int) -> list[DesignationRecord]: ...
    def end_designation(
        self, designation_id: int, at: datetime, reason: str, files_due: date | None
    ) -> None: ...
    def files_returned(self, designation_id: int, on: date) -> None:
        """Art 17: the office records the property, keys and files handed back."""
        ...

    def institution_loads(self, since: datetime) -> dict[int, int]: ...
    def institution_insider(self, lot_id: int, id_number_index: str) -> bool: ...
    def institution_designations(self, institution_id: int) -> list[DesignationRecord]: ...
    def insert_evaluation(
        self, court_id: int, institution_id: int, period_from: date, period_to: date,
        result: str, figures: str, remarks: str, by: str, at: datetime,
    ) -> int: ...  # fmt: skip
    def evaluations(self, institution_id: int) -> list[EvaluationRecord]: ...


@dataclass(frozen=True, slots=True)
class TaskRecord:
    """A task of seed 003 Art 3 given to the lot's designated institution."""

    id: int
    lot_id: int
    institution_id: int
    designation_id: int
    kind: str
    instructions: str
    due_on: date
    assignee_id: int
    state: str  # assigned | submitted | accepted | returned
    created_at: datetime
    created_by: str
    report: str | None  # JSON of what the submission reports
    submitted_at: datetime | None
    reviewed_at: datetime | None
    review_note: str | None


@dataclass(frozen=True, slots=True)
class TaskLogRecord:
    id: int
    task_id: int
    kind: str
    happened_at: datetime
    note: str
    user_id: int
    logged_at: datetime


@dataclass(frozen=True, slots=True)
class ViewingRecord:
    """A viewing asked for on the public page: tied to no account or bidder code."""

    id: int
    reference: str
    lot_id: int
    institution_id: int
    phone_enc: bytes
    preferred: str
    requested_at: datetime
    scheduled_for: datetime | None
    place: str | None
    scheduled_at: datetime | None


class DeskTx(Protocol):
    """The institution's desk: tasks, their log, viewing requests."""

    def insert_task(self, **values: object) -> int: ...
    def task(self, task_id: int) -> TaskRecord | None: ...
    def lot_tasks(self, lot_id: int) -> list[TaskRecord]: ...
    def institution_tasks(self, institution_id: int) -> list[TaskRecord]: ...
    def update_task(self, task_id: int, **values: object) -> None: ...
    def insert_task_log(
        self, task_id: int, kind: str, happened_at: datetime, note: str, user_id: int,
        logged_at: datetime,
    ) -> int: ...  # fmt: skip
    def task_log(self, task_id: int) -> list[TaskLogRecord]: ...
    def insert_viewing(
        self, reference: str, lot_id: int, institution_id: int, phone_enc: bytes,
        preferred: str, at: datetime,
    ) -> int: ...  # fmt: skip
    def viewing(self, viewing_id: int) -> ViewingRecord | None: ...
    def viewing_by_reference(self, reference: str) -> ViewingRecord | None: ...
    def lot_viewings(self, lot_ids: list[int]) -> list[ViewingRecord]: ...
    def update_viewing(self, viewing_id: int, **values: object) -> None: ...
