"""Who may register: the court's lists, the refusals' counts, the lot's conditions, the
eligibility commitment and proxies (app/auctions/admission.py)."""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime

from sqlalchemy import Connection, delete, func, insert, select, update

from fapai.app.auctions.ports import RegistrationRecord
from fapai.storage.tables import court_lists, lots, registration_refusals, registrations

_REGISTRATION = [registrations.c[f.name] for f in fields(RegistrationRecord)]


class AdmissionStore:
    c: Connection

    def listed_categories(self, court_id: int, id_number_index: str) -> set[str]:
        rows = self.c.execute(
            select(court_lists.c.category).where(
                court_lists.c.court_id == court_id,
                court_lists.c.id_number_index == id_number_index,
            )
        )
        return {row[0] for row in rows}

    def add_to_court_list(
        self, court_id: int, id_number_index: str, category: str, at: datetime
    ) -> bool:
        if category in self.listed_categories(court_id, id_number_index):
            return False
        self.c.execute(
            insert(court_lists).values(
                court_id=court_id, id_number_index=id_number_index, category=category,
                added_at=at,
            )
        )  # fmt: skip
        return True

    def remove_from_court_list(self, court_id: int, id_number_index: str, category: str) -> bool:
        done = self.c.execute(
            delete(court_lists).where(
                court_lists.c.court_id == court_id,
                court_lists.c.id_number_index == id_number_index,
                court_lists.c.category == category,
            )
        )
        return bool(done.rowcount)

    def court_list_counts(self, court_id: int) -> dict[str, int]:
        rows = self.c.execute(
            select(court_lists.c.category, func.count())
            .where(court_lists.c.court_id == court_id)
            .group_by(court_lists.c.category)
        )
        return {category: int(count) for category, count in rows}

    def insert_registration_refusal(self, auction_id: int, rule: str, at: datetime) -> None:
        self.c.execute(
            insert(registration_refusals).values(auction_id=auction_id, rule=rule, at=at)
        )

    def registration_refusals(self, auction_id: int) -> dict[str, int]:
        r = registration_refusals
        rows = self.c.execute(
            select(r.c.rule, func.count()).where(r.c.auction_id == auction_id).group_by(r.c.rule)
        )
        return {rule: int(count) for rule, count in rows}

    def lot_conditions(self, lot_id: int) -> tuple[bool, bool]:
        row = self.c.execute(
            select(lots.c.purchase_restricted, lots.c.consumption_restricted).where(
                lots.c.id == lot_id
            )
        ).first()
        return (bool(row[0]), bool(row[1])) if row else (False, False)

    def set_lot_conditions(
        self, lot_id: int, purchase_restricted: bool, consumption_restricted: bool
    ) -> None:
        self.c.execute(
            update(lots)
            .where(lots.c.id == lot_id)
            .values(
                purchase_restricted=purchase_restricted,
                consumption_restricted=consumption_restricted,
            )
        )

    def deposit_loans(self, lot_id: int) -> str:
        found = self.c.execute(select(lots.c.deposit_loans).where(lots.c.id == lot_id)).scalar()
        return str(found or "any")

    def set_deposit_loans(self, lot_id: int, deposit_loans: str) -> None:
        self.c.execute(update(lots).where(lots.c.id == lot_id).values(deposit_loans=deposit_loans))

    def set_funds(self, registration_id: int, funds: str) -> None:
        self._update_registration(registration_id, funds=funds)

    def registration_funds(self, registration_id: int) -> str | None:
        found = self.c.execute(
            select(registrations.c.funds).where(registrations.c.id == registration_id)
        ).scalar()
        return None if found is None else str(found)

    def set_eligibility_committed(self, registration_id: int, at: datetime) -> None:
        self._update_registration(registration_id, eligibility_committed_at=at)

    def set_proxy(self, registration_id: int, principal_index: str, ref: str) -> None:
        self._update_registration(
            registration_id, proxy_status="pending", proxy_principal_index=principal_index,
            proxy_ref=ref,
        )  # fmt: skip

    def registration_by_proxy_ref(self, ref: str) -> RegistrationRecord | None:
        row = self.c.execute(select(*_REGISTRATION).where(registrations.c.proxy_ref == ref)).first()
        return RegistrationRecord(*row) if row else None

    def proxy_principal(self, registration_id: int) -> str | None:
        found = self.c.execute(
            select(registrations.c.proxy_principal_index).where(
                registrations.c.id == registration_id
            )
        ).scalar()
        return None if found is None else str(found)

    def confirm_proxy(self, registration_id: int, at: datetime) -> None:
        self._update_registration(registration_id, proxy_status="confirmed", proxy_confirmed_at=at)

    def pending_proxies(self, auction_id: int) -> list[str]:
        rows = self.c.execute(
            select(registrations.c.proxy_ref)
            .where(
                registrations.c.auction_id == auction_id,
                registrations.c.proxy_status == "pending",
            )
            .order_by(registrations.c.proxy_ref)
        )
        return [row[0] for row in rows]

    def _update_registration(self, registration_id: int, **values: object) -> None:
        self.c.execute(
            update(registrations).where(registrations.c.id == registration_id).values(**values)
        )
