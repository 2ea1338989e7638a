"""Auxiliary institutions: rounds, the database, persons by blind index, agreements and
designations (app/institutions/)."""

from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Select, and_, func, insert, or_, select, update

from fapai.app.institutions.ports import (
    AgreementRecord,
    DesignationRecord,
    EvaluationRecord,
    InstitutionRecord,
    RoundRecord,
)
from fapai.storage.rows import insert_id
from fapai.storage.tables import (
    courts,
    institution_agreements,
    institution_designations,
    institution_evaluations,
    institution_persons,
    institution_rounds,
    institutions,
)

_ROUND = [institution_rounds.c[f.name] for f in fields(RoundRecord)]
_INSTITUTION = [institutions.c[f.name] for f in fields(InstitutionRecord)]
_AGREEMENT = [institution_agreements.c[f.name] for f in fields(AgreementRecord)]
_DESIGNATION = [institution_designations.c[f.name] for f in fields(DesignationRecord)]
_EVALUATION = [institution_evaluations.c[f.name] for f in fields(EvaluationRecord)]
#: the persons Art 26 names: a new entity of any of them is caught by the ban
_CONTROLLING = ("legal_representative", "principal", "shareholder", "controller")


class InstitutionStore:
    c: Connection

    def insert_round(self, court_id: int, media: str, announced_on: date, closes_on: date) -> int:
        return insert_id(
            self.c, institution_rounds, court_id=court_id, step="announced", media=media,
            announced_on=announced_on, closes_on=closes_on,
        )  # fmt: skip

    def institution_round(self, round_id: int) -> RoundRecord | None:
        row = self.c.execute(select(*_ROUND).where(institution_rounds.c.id == round_id)).first()
        return RoundRecord(*row) if row else None

    def institution_rounds(self, court_id: int) -> list[RoundRecord]:
        rows = self.c.execute(
            select(*_ROUND)
            .where(institution_rounds.c.court_id == court_id)
            .order_by(institution_rounds.c.id)
        )
        return [RoundRecord(*row) for row in rows]

    def update_round(self, round_id: int, **values: object) -> None:
        self.c.execute(
            update(institution_rounds).where(institution_rounds.c.id == round_id).values(**values)
        )

    def insert_institution(
        self, court_id: int, round_id: int, credit_code: str, name: str, status: str,
        registered_capital: int, declared: str, refusals: str, applied_on: date,
    ) -> int:  # fmt: skip
        return insert_id(
            self.c, institutions, court_id=court_id, round_id=round_id, credit_code=credit_code,
            name=name, status=status, registered_capital=registered_capital, declared=declared,
            refusals=refusals, applied_on=applied_on,
        )  # fmt: skip

    def institution(self, institution_id: int) -> InstitutionRecord | None:
        row = self.c.execute(select(*_INSTITUTION).where(institutions.c.id == institution_id))
        found = row.first()
        return InstitutionRecord(*found) if found else None

    def institutions(self, court_ids: list[int]) -> list[InstitutionRecord]:
        rows = self.c.execute(
            select(*_INSTITUTION)
            .where(institutions.c.court_id.in_(court_ids))
            .order_by(institutions.c.id)
        )
        return [InstitutionRecord(*row) for row in rows]

    def update_institution(self, institution_id: int, **values: object) -> None:
        self.c.execute(
            update(institutions).where(institutions.c.id == institution_id).values(**values)
        )

    def add_institution_person(
        self, institution_id: int, role: str, id_number_index: str, contracted: bool
    ) -> None:
        self.c.execute(
            insert(institution_persons).values(
                institution_id=institution_id, role=role, id_number_index=id_number_index,
                contracted=contracted,
            )
        )  # fmt: skip

    def institution_persons(self, institution_id: int) -> list[tuple[str, str, bool]]:
        p = institution_persons.c
        rows = self.c.execute(
            select(p.role, p.id_number_index, p.contracted)
            .where(p.institution_id == institution_id)
            .order_by(p.id)
        )
        return [(str(role), str(index), bool(contracted)) for role, index, contracted in rows]

    def banned_institution(
        self, court_id: int, credit_code: str, indexes: list[str], day: date
    ) -> InstitutionRecord | None:
        persons = institution_persons.c
        same_persons = (
            select(persons.institution_id)
            .where(persons.role.in_(_CONTROLLING), persons.id_number_index.in_(indexes))
            .scalar_subquery()
        )
        row = self.c.execute(
            select(*_INSTITUTION)
            .where(
                institutions.c.court_id == court_id,
                institutions.c.status == "removed",
                institutions.c.banned_until > day,
                or_(institutions.c.credit_code == credit_code, institutions.c.id.in_(same_persons)),
            )
            .order_by(institutions.c.id)
        ).first()
        return InstitutionRecord(*row) if row else None

    def institution_ban_years(self, court_id: int) -> int | None:
        found = self.c.execute(
            select(courts.c.institution_ban_years).where(courts.c.id == court_id)
        ).scalar()
        return None if found is None else int(found)

    def set_institution_ban_years(self, court_id: int, years: int | None) -> None:
        self.c.execute(
            update(courts).where(courts.c.id == court_id).values(institution_ban_years=years)
        )

    def insert_agreement(
        self, court_id: int, institution_id: int, kind: str, starts_on: date, ends_on: date,
        at: datetime,
    ) -> int:  # fmt: skip
        return insert_id(
            self.c, institution_agreements, court_id=court_id, institution_id=institution_id,
            kind=kind, starts_on=starts_on, ends_on=ends_on, signed_at=at,
        )  # fmt: skip

    def agreements(self, court_id: int) -> list[AgreementRecord]:
        rows = self.c.execute(
            select(*_AGREEMENT)
            .where(institution_agreements.c.court_id == court_id)
            .order_by(institution_agreements.c.id)
        )
        return [AgreementRecord(*row) for row in rows]

    def insert_designation(
        self, lot_id: int, institution_id: int, draw_id: int, at: datetime
    ) -> int:
        return insert_id(
            self.c, institution_designations, lot_id=lot_id, institution_id=institution_id,
            draw_id=draw_id, started_at=at,
        )  # fmt: skip

    def designations(self, lot_id: int) -> list[DesignationRecord]:
        rows = self.c.execute(
            select(*_DESIGNATION)
            .where(institution_designations.c.lot_id == lot_id)
            .order_by(institution_designations.c.id)
        )
        return [DesignationRecord(*row) for row in rows]

    def open_designations(self, institution_id: int) -> list[DesignationRecord]:
        d = institution_designations.c
        rows = self.c.execute(
            select(*_DESIGNATION)
            .where(d.institution_id == institution_id, d.ended_at.is_(None))
            .order_by(d.id)
        )
        return [DesignationRecord(*row) for row in rows]

    def end_designation(
        self, designation_id: int, at: datetime, reason: str, files_due: date | None
    ) -> None:
        self.c.execute(
            update(institution_designations)
            .where(institution_designations.c.id == designation_id)
            .values(ended_at=at, end_reason=reason, files_due=files_due)
        )

    def files_returned(self, designation_id: int, on: date) -> None:
        self.c.execute(
            update(institution_designations)
            .where(institution_designations.c.id == designation_id)
            .values(files_returned_on=on)
        )

    def institution_loads(self, since: datetime) -> dict[int, int]:
        d = institution_designations.c
        rows = self.c.execute(
            select(d.institution_id, func.count())
            .where(d.started_at >= since)
            .group_by(d.institution_id)
        )
        return {int(key): int(count) for key, count in rows}

    def institution_insider(self, lot_id: int, id_number_index: str) -> bool:
        return self.c.execute(insider_of_lot(lot_id, id_number_index)).first() is not None

    def institution_designations(self, institution_id: int) -> list[DesignationRecord]:
        d = institution_designations.c
        rows = self.c.execute(
            select(*_DESIGNATION).where(d.institution_id == institution_id).order_by(d.id)
        )
        return [DesignationRecord(*row) for row in rows]

    def insert_evaluation(
        self, court_id: int, institution_id: int, period_from: date, period_to: date,
        result: str, figures: str, remarks: str, by: str, at: datetime,
    ) -> int:  # fmt: skip
        return insert_id(
            self.c, institution_evaluations, court_id=court_id, institution_id=institution_id,
            period_from=period_from, period_to=period_to, result=result, figures=figures,
            remarks=remarks, recorded_by=by, recorded_at=at,
        )  # fmt: skip

    def evaluations(self, institution_id: int) -> list[EvaluationRecord]:
        e = institution_evaluations.c
        rows = self.c.execute(
            select(*_EVALUATION).where(e.institution_id == institution_id).order_by(e.period_from)
        )
        return [EvaluationRecord(*row) for row in rows]


def insider_of_lot(lot_id: Any, id_number_index: Any) -> Select[Any]:
    """Is the person one of the institution entrusted with the lot now (seed 003 Art 8(5))?
    Also used inside the bid path's statement, with columns for the arguments."""
    d, p = institution_designations.c, institution_persons.c
    return select(p.id).where(
        p.id_number_index == id_number_index,
        p.institution_id.in_(
            select(d.institution_id).where(and_(d.lot_id == lot_id, d.ended_at.is_(None)))
        ),
    )
