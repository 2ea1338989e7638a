"""Outgoing payments behind the ``OutgoingTx`` port (mixed into ``SqlTx``): the
instructions recorded before the bank is called, and every attempt's answer."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from fapai.app.ledger.ports import Due, Outgoing
from fapai.storage.rows import insert_id
from fapai.storage.tables import outgoing_attempts, outgoing_payments

_COLUMNS = (
    outgoing_payments.c.id, outgoing_payments.c.instruction_id, outgoing_payments.c.court_id,
    outgoing_payments.c.auction_id, outgoing_payments.c.due_id, outgoing_payments.c.kind,
    outgoing_payments.c.account, outgoing_payments.c.amount, outgoing_payments.c.back_to,
    outgoing_payments.c.status, outgoing_payments.c.attempts,
    outgoing_payments.c.next_attempt_at,
)  # fmt: skip


def _record(row: Any) -> Outgoing:
    return Outgoing(**row._mapping)


class OutgoingStore:
    c: Connection
    lock_rows: bool

    def add_outgoing(
        self, instruction_id: str, due: Due, amount: int, back_to: str | None, at: datetime
    ) -> Outgoing:
        kind = "refund" if due.kind == "refund" else "payout"
        new_id = insert_id(self.c,
            outgoing_payments, instruction_id=instruction_id, court_id=due.court_id,
            auction_id=due.auction_id, due_id=due.id, kind=kind, account=due.account,
            amount=amount, back_to=back_to, status="new", attempts=0,
            next_attempt_at=at, created_at=at,
        )  # fmt: skip
        found = self.outgoing(new_id)
        assert found is not None
        return found

    def outgoing(self, outgoing_id: int, lock: bool = False) -> Outgoing | None:
        query = select(*_COLUMNS).where(outgoing_payments.c.id == outgoing_id)
        if lock and self.lock_rows:
            query = query.with_for_update()
        row = self.c.execute(query).first()
        return _record(row) if row else None

    def outgoing_for_due(self, due_id: int) -> Outgoing | None:
        row = self.c.execute(select(*_COLUMNS).where(outgoing_payments.c.due_id == due_id)).first()
        return _record(row) if row else None

    def outgoing_waiting(self, due_by: datetime | None) -> list[Outgoing]:
        query = (
            select(*_COLUMNS)
            .where(outgoing_payments.c.status != "executed")
            .order_by(outgoing_payments.c.id)
        )
        if due_by is not None:
            query = query.where(outgoing_payments.c.next_attempt_at <= due_by)
        return [_record(row) for row in self.c.execute(query)]

    def hold_outgoing(self, outgoing_id: int, until: datetime) -> None:
        self.c.execute(
            update(outgoing_payments)
            .where(outgoing_payments.c.id == outgoing_id)
            .values(status="sending", next_attempt_at=until)
        )

    def record_attempt(
        self, outgoing_id: int, outcome: str, bank_ref: str | None, detail: str,
        at: datetime, next_attempt_at: datetime,
    ) -> None:  # fmt: skip
        self.c.execute(
            insert(outgoing_attempts).values(
                outgoing_id=outgoing_id, outcome=outcome, bank_ref=bank_ref,
                detail=detail[:200], at=at,
            )
        )  # fmt: skip
        self.c.execute(
            update(outgoing_payments)
            .where(outgoing_payments.c.id == outgoing_id)
            .values(
                status=outcome,
                attempts=outgoing_payments.c.attempts + 1,
                next_attempt_at=next_attempt_at,
            )
        )

    def attempts(self, outgoing_id: int) -> list[tuple[str, str | None, str]]:
        rows = self.c.execute(
            select(
                outgoing_attempts.c.outcome, outgoing_attempts.c.bank_ref,
                outgoing_attempts.c.detail,
            )
            .where(outgoing_attempts.c.outgoing_id == outgoing_id)
            .order_by(outgoing_attempts.c.id)
        )  # fmt: skip
        return [(str(o), r, str(d)) for o, r, d in rows]
