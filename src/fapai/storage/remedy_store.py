"""Objections, their steps and papers, and complaints (app/remedies/ports.py)."""

from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime

from sqlalchemy import Connection, or_, select, update

from fapai.app.remedies.ports import (
    ComplaintRecord,
    ObjectionRecord,
    ObjectionStepRecord,
    PaperRecord,
)
from fapai.storage.rows import insert_id
from fapai.storage.tables import complaints, objection_papers, objection_steps, objections

_OBJECTION = [objections.c[f.name] for f in fields(ObjectionRecord)]
_STEP = [objection_steps.c[f.name] for f in fields(ObjectionStepRecord)]
_PAPER = [objection_papers.c[f.name] for f in fields(PaperRecord)]
_COMPLAINT = [complaints.c[f.name] for f in fields(ComplaintRecord)]


class RemedyStore:
    c: Connection
    lock_rows: bool

    def insert_objection(
        self, court_id: int, lot_id: int, kind: str, standing: str, grounds: str,
        account_id: int, filer_enc: bytes, at: datetime,
    ) -> int:  # fmt: skip
        return insert_id(
            self.c, objections, court_id=court_id, lot_id=lot_id, kind=kind, standing=standing,
            grounds=grounds, account_id=account_id, filer_enc=filer_enc, status="filed",
            filed_at=at,
        )  # fmt: skip

    def objection(self, objection_id: int) -> ObjectionRecord | None:
        row = self.c.execute(select(*_OBJECTION).where(objections.c.id == objection_id)).first()
        return ObjectionRecord(*row) if row else None

    def lock_objection(self, objection_id: int) -> ObjectionRecord | None:
        query = select(*_OBJECTION).where(objections.c.id == objection_id)
        if self.lock_rows:
            query = query.with_for_update()
        row = self.c.execute(query).first()
        return ObjectionRecord(*row) if row else None

    def objections(
        self, court_id: int | None = None, account_id: int | None = None
    ) -> list[ObjectionRecord]:
        query = select(*_OBJECTION).order_by(objections.c.id.desc())
        if court_id is not None:
            query = query.where(
                or_(objections.c.court_id == court_id, objections.c.reviewing_court_id == court_id)
            )
        if account_id is not None:
            query = query.where(objections.c.account_id == account_id)
        return [ObjectionRecord(*row) for row in self.c.execute(query)]

    def set_objection(
        self, objection_id: int, status: str, outcome: str | None, revoke_ground: str | None,
        reviewing_court_id: int | None,
    ) -> None:  # fmt: skip
        self.c.execute(
            update(objections).where(objections.c.id == objection_id).values(
                status=status, outcome=outcome, revoke_ground=revoke_ground,
                reviewing_court_id=reviewing_court_id,
            )
        )  # fmt: skip

    def add_objection_step(
        self, objection_id: int, step: str, details: str, actor: str, at: datetime
    ) -> int:
        return insert_id(
            self.c, objection_steps, objection_id=objection_id, step=step, details=details,
            actor=actor, at=at,
        )  # fmt: skip

    def objection_steps(self, objection_id: int) -> list[ObjectionStepRecord]:
        rows = self.c.execute(
            select(*_STEP)
            .where(objection_steps.c.objection_id == objection_id)
            .order_by(objection_steps.c.id)
        )
        return [ObjectionStepRecord(*row) for row in rows]

    def add_paper(
        self, objection_id: int, title: str, content_type: str, sha256: str, data: bytes,
        at: datetime,
    ) -> int:  # fmt: skip
        return insert_id(
            self.c, objection_papers, objection_id=objection_id, title=title,
            content_type=content_type, sha256=sha256, size=len(data), data=data, uploaded_at=at,
        )  # fmt: skip

    def papers(self, objection_id: int) -> list[PaperRecord]:
        rows = self.c.execute(
            select(*_PAPER)
            .where(objection_papers.c.objection_id == objection_id)
            .order_by(objection_papers.c.id)
        )
        return [PaperRecord(*row) for row in rows]

    def paper_data(self, paper_id: int) -> tuple[PaperRecord, bytes] | None:
        row = self.c.execute(
            select(*_PAPER, objection_papers.c.data).where(objection_papers.c.id == paper_id)
        ).first()
        return (PaperRecord(*row[:-1]), bytes(row[-1])) if row else None

    def insert_complaint(
        self, court_id: int, auction_id: int | None, subject: str, body: str,
        contact_enc: bytes | None, at: datetime, institution_id: int | None = None,
    ) -> int:  # fmt: skip
        return insert_id(
            self.c, complaints, court_id=court_id, auction_id=auction_id, subject=subject,
            body=body, contact_enc=contact_enc, filed_at=at, institution_id=institution_id,
        )  # fmt: skip

    def complaint(self, complaint_id: int) -> ComplaintRecord | None:
        row = self.c.execute(select(*_COMPLAINT).where(complaints.c.id == complaint_id)).first()
        return ComplaintRecord(*row) if row else None

    def complaints(self, court_id: int) -> list[ComplaintRecord]:
        rows = self.c.execute(
            select(*_COMPLAINT)
            .where(complaints.c.court_id == court_id)
            .order_by(complaints.c.id.desc())
        )
        return [ComplaintRecord(*row) for row in rows]

    def complaints_about(self, institution_id: int) -> list[ComplaintRecord]:
        rows = self.c.execute(
            select(*_COMPLAINT)
            .where(complaints.c.institution_id == institution_id)
            .order_by(complaints.c.id)
        )
        return [ComplaintRecord(*row) for row in rows]

    def set_complaint_deadline(self, complaint_id: int, respond_by: date) -> None:
        self.c.execute(
            update(complaints).where(complaints.c.id == complaint_id).values(respond_by=respond_by)
        )

    def answer_complaint(self, complaint_id: int, response: str, by: str, at: datetime) -> None:
        self.c.execute(
            update(complaints)
            .where(complaints.c.id == complaint_id)
            .values(response=response, responded_at=at, responded_by=by)
        )
