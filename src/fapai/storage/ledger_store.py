"""The ledger's tables behind the ``LedgerTx`` port (mixed into ``SqlTx``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from fapai.app.errors import conflict
from fapai.app.ledger.ports import Due, LedgerLine, Payee, ReversalRequest, StatementLine
from fapai.domain.ledger.postings import Posting, check
from fapai.storage.fact_store import FactNotes
from fapai.storage.rows import insert_id
from fapai.storage.tables import (
    auctions,
    bank_statement_lines,
    bank_statements,
    courts,
    ledger_alerts,
    ledger_balances,
    ledger_dues,
    ledger_payees,
    ledger_postings,
    ledger_reversal_requests,
    ledger_settlements,
    ledger_transactions,
    payment_events,
    payments,
    registrations,
)

_LINE = (
    ledger_transactions.c.id, ledger_transactions.c.at, ledger_transactions.c.kind,
    ledger_transactions.c.memo, ledger_transactions.c.bank_ref, ledger_postings.c.account,
    ledger_postings.c.amount, ledger_transactions.c.auction_id, ledger_transactions.c.payee,
)  # fmt: skip
_LINES_FROM = ledger_postings.join(
    ledger_transactions, ledger_transactions.c.id == ledger_postings.c.transaction_id
)


# Built once: constructing these statements cost more than running them (the ledger
# benchmark measured 1.4-4.4x more postings per second this way).
_INSERT_TRANSACTION = insert(ledger_transactions).returning(ledger_transactions.c.id)
_INSERT_POSTINGS = insert(ledger_postings)


def _add_to_balance(dialect: Any) -> Any:
    upsert = dialect.insert(ledger_balances)
    return upsert.on_conflict_do_update(
        index_elements=[ledger_balances.c.account],
        set_={"balance": ledger_balances.c.balance + upsert.excluded.balance},
    )


_ADD_TO_BALANCE = {"postgresql": _add_to_balance(postgresql), "sqlite": _add_to_balance(sqlite)}

_DUES_FROM = ledger_dues.outerjoin(
    ledger_settlements, ledger_settlements.c.due_id == ledger_dues.c.id
).outerjoin(ledger_alerts, ledger_alerts.c.due_id == ledger_dues.c.id)


class LedgerStore(FactNotes):
    c: Connection

    def post(
        self,
        court_id: int,
        auction_id: int | None,
        kind: str,
        memo: str,
        postings: Sequence[Posting],
        at: datetime,
        actor: str,
        bank_ref: str | None = None,
        reverses: int | None = None,
        payee: str | None = None,
    ) -> int:
        check(postings)  # the database never sees an unbalanced transaction
        values = {
            "court_id": court_id, "auction_id": auction_id, "kind": kind, "memo": memo,
            "bank_ref": bank_ref, "reverses_id": reverses, "actor": actor, "at": at,
            "payee": payee,
        }  # fmt: skip
        try:
            transaction_id = int(self.c.execute(_INSERT_TRANSACTION, values).scalar_one())
        except IntegrityError:
            if reverses is None:
                raise
            # the unique reverses_id: another process corrected it first (the whole
            # database transaction is rolled back by the refusal)
            raise conflict(
                "already_reversed", "该笔账目已更正。", "This entry was already corrected."
            ) from None
        self.c.execute(
            _INSERT_POSTINGS,
            [
                {"transaction_id": transaction_id, "account": p.account, "amount": p.amount}
                for p in postings
            ],
        )
        self.note_fact("ledger_transactions", transaction_id)
        self.note_fact("ledger_postings", transaction_id)
        totals: dict[str, int] = {}
        for p in postings:
            totals[p.account] = totals.get(p.account, 0) + p.amount
        self.c.execute(
            _ADD_TO_BALANCE[self.c.dialect.name],
            [
                {"account": account, "court_id": court_id, "balance": amount}
                for account, amount in sorted(totals.items())  # one lock order: no deadlocks
            ],
        )
        return transaction_id

    def add_due(
        self,
        court_id: int,
        auction_id: int | None,
        kind: str,
        account: str,
        amount: int,
        due_at: datetime,
        created_by: int | None,
        at: datetime,
    ) -> int:
        return int(
            self.c.execute(
                insert(ledger_dues)
                .values(
                    court_id=court_id, auction_id=auction_id, kind=kind, account=account,
                    amount=amount, due_at=due_at, created_by=created_by, created_at=at,
                )
                .returning(ledger_dues.c.id)
            ).scalar_one()
        )  # fmt: skip

    def settle(self, due_id: int, transaction_id: int | None, at: datetime) -> None:
        self.c.execute(
            insert(ledger_settlements).values(due_id=due_id, transaction_id=transaction_id, at=at)
        )

    def dues(
        self,
        court_id: int | None,
        open_only: bool,
        auction_id: int | None = None,
        kind: str | None = None,
        due_by: datetime | None = None,
    ) -> list[Due]:
        settled = ledger_settlements.c.due_id.is_not(None)
        alerted = ledger_alerts.c.due_id.is_not(None)
        query = (
            select(
                ledger_dues.c.id, ledger_dues.c.court_id, ledger_dues.c.auction_id,
                ledger_dues.c.kind, ledger_dues.c.account, ledger_dues.c.amount,
                ledger_dues.c.due_at, settled, alerted,
            )
            .select_from(_DUES_FROM)
            .order_by(ledger_dues.c.due_at, ledger_dues.c.id)
        )  # fmt: skip
        if court_id is not None:
            query = query.where(ledger_dues.c.court_id == court_id)
        if open_only:
            query = query.where(ledger_settlements.c.due_id.is_(None))
        if auction_id is not None:
            query = query.where(ledger_dues.c.auction_id == auction_id)
        if kind is not None:
            query = query.where(ledger_dues.c.kind == kind)
        if due_by is not None:
            query = query.where(ledger_dues.c.due_at <= due_by)
        return [Due(*row) for row in self.c.execute(query)]

    def transaction(self, transaction_id: int) -> tuple[int, int | None, list[Posting]] | None:
        head = self.c.execute(
            select(ledger_transactions.c.court_id, ledger_transactions.c.auction_id).where(
                ledger_transactions.c.id == transaction_id
            )
        ).first()
        if head is None:
            return None
        rows = self.c.execute(
            select(ledger_postings.c.account, ledger_postings.c.amount)
            .where(ledger_postings.c.transaction_id == transaction_id)
            .order_by(ledger_postings.c.id)
        )
        return int(head[0]), head[1], [Posting(account, int(amount)) for account, amount in rows]

    def reversed_by(self, transaction_id: int) -> int | None:
        return self.c.scalar(
            select(ledger_transactions.c.id).where(
                ledger_transactions.c.reverses_id == transaction_id
            )
        )

    def transaction_kind(self, transaction_id: int) -> tuple[str, str | None]:
        row = self.c.execute(
            select(ledger_transactions.c.kind, ledger_transactions.c.bank_ref).where(
                ledger_transactions.c.id == transaction_id
            )
        ).one()
        return str(row[0]), row[1]

    def request_reversal(
        self, transaction_id: int, reason: str, requested_by: str, at: datetime
    ) -> None:
        self.c.execute(
            delete(ledger_reversal_requests).where(
                ledger_reversal_requests.c.transaction_id == transaction_id
            )
        )
        self.c.execute(
            insert(ledger_reversal_requests).values(
                transaction_id=transaction_id, reason=reason, requested_by=requested_by,
                requested_at=at,
            )
        )  # fmt: skip

    def reversal_request(self, transaction_id: int) -> ReversalRequest | None:
        r = ledger_reversal_requests.c
        row = self.c.execute(
            select(r.reason, r.requested_by).where(r.transaction_id == transaction_id)
        ).first()
        return None if row is None else ReversalRequest(*row)

    def set_payee(
        self, account: str, court_id: int, name: str, bank_account: str, by: str, at: datetime
    ) -> None:
        payee_id = insert_id(self.c,
            ledger_payees, account=account, court_id=court_id, name=name,
            bank_account=bank_account, recorded_by=by, at=at,
        )  # fmt: skip
        self.note_fact("ledger_payees", payee_id)

    def payee(self, account: str) -> Payee | None:
        p = ledger_payees.c
        row = self.c.execute(
            select(p.name, p.bank_account, p.recorded_by)
            .where(p.account == account)
            .order_by(p.id.desc())
            .limit(1)
        ).first()
        return None if row is None else Payee(*row)

    def raise_alert(self, due_id: int, at: datetime) -> None:
        self.c.execute(insert(ledger_alerts).values(due_id=due_id, raised_at=at))

    def balances(self, court_id: int | None, prefix: str = "") -> dict[str, int]:
        if "\x00" in prefix:
            return {}  # PostgreSQL cannot compare text with a NUL; no account name holds one
        query = select(ledger_balances.c.account, ledger_balances.c.balance)
        if court_id is not None:
            query = query.where(ledger_balances.c.court_id == court_id)
        if prefix:
            query = query.where(ledger_balances.c.account.startswith(prefix, autoescape=True))
        return {account: int(balance) for account, balance in self.c.execute(query)}

    def balance(self, account: str) -> int:
        value = self.c.scalar(
            select(ledger_balances.c.balance).where(ledger_balances.c.account == account)
        )
        return int(value or 0)

    def lines(self, account_prefix: str, court_id: int | None = None) -> list[LedgerLine]:
        query = (
            select(*_LINE)
            .select_from(_LINES_FROM)
            .where(ledger_postings.c.account.startswith(account_prefix, autoescape=True))
            .order_by(ledger_postings.c.id)
        )
        if court_id is not None:
            query = query.where(ledger_transactions.c.court_id == court_id)
        return [LedgerLine(*row) for row in self.c.execute(query)]

    def unbalanced_transactions(self) -> list[int]:
        rows = self.c.execute(
            select(ledger_postings.c.transaction_id)
            .group_by(ledger_postings.c.transaction_id)
            .having(func.sum(ledger_postings.c.amount) != 0)
            .order_by(ledger_postings.c.transaction_id)
        )
        return [int(row[0]) for row in rows]

    def drifted_balances(self) -> list[tuple[str, int, int]]:
        """Accounts whose kept balance differs from the sum of their postings."""
        sums = (
            select(ledger_postings.c.account, func.sum(ledger_postings.c.amount).label("total"))
            .group_by(ledger_postings.c.account)
            .subquery()
        )
        kept = func.coalesce(ledger_balances.c.balance, 0)
        total = func.coalesce(sums.c.total, 0)
        both = sums.outerjoin(
            ledger_balances, ledger_balances.c.account == sums.c.account, full=True
        )
        rows = self.c.execute(
            select(func.coalesce(sums.c.account, ledger_balances.c.account), kept, total)
            .select_from(both)
            .where(kept != total)
        )
        return [(str(a), int(k), int(t)) for a, k, t in rows]

    def bank_transactions(self, court_id: int) -> list[LedgerLine]:
        return self.lines(f"bank:{court_id}", court_id)

    def add_statement(
        self,
        court_id: int,
        digest: str,
        name: str,
        by: str,
        lines: Sequence[StatementLine],
        at: datetime,
    ) -> bool:
        known = self.c.scalar(
            select(bank_statements.c.id).where(
                bank_statements.c.court_id == court_id, bank_statements.c.digest == digest
            )
        )
        if known is not None:
            return False
        try:  # the same file imported at the same moment elsewhere: stored there, once
            with self.c.begin_nested():
                statement_id = self.c.execute(
                    insert(bank_statements)
                    .values(
                        court_id=court_id,
                        digest=digest,
                        name=name,
                        imported_by=by,
                        imported_at=at,
                    )
                    .returning(bank_statements.c.id)
                ).scalar_one()
        except IntegrityError:
            return False
        rows: list[dict[str, Any]] = [
            {
                "court_id": court_id, "import_id": name, "line": line.line,
                "booked_on": line.booked_on, "amount": line.amount, "bank_ref": line.bank_ref,
                "counterparty": line.counterparty, "imported_at": at,
                "statement_id": statement_id, "balance": line.balance,
            }
            for line in lines
        ]  # fmt: skip
        self.note_fact("bank_statements", statement_id)
        if rows:
            self.c.execute(insert(bank_statement_lines), rows)
            s = bank_statement_lines.c
            for line_id in self.c.scalars(select(s.id).where(s.statement_id == statement_id)):
                self.note_fact("bank_statement_lines", line_id)
        return True

    def statement(self, court_id: int) -> list[StatementLine]:
        s = bank_statement_lines.c
        rows = self.c.execute(
            select(
                s.line,
                s.booked_on,
                s.amount,
                s.bank_ref,
                s.counterparty,
                s.balance,
                s.id,
                bank_statements.c.imported_by,
            )
            .select_from(bank_statement_lines.outerjoin(bank_statements))
            .where(s.court_id == court_id, s.withdrawn_at.is_(None))
            .order_by(s.id)
        )
        return [StatementLine(*row) for row in rows]

    def lock_statement_line(self, line_id: int) -> None:
        s = bank_statement_lines.c
        self.c.execute(select(s.id).where(s.id == line_id).with_for_update())

    def withdraw_statement_line(
        self, court_id: int, line_id: int, by: str, reason: str, at: datetime
    ) -> bool:
        s = bank_statement_lines.c
        done = self.c.execute(
            update(bank_statement_lines)
            .where(s.id == line_id, s.court_id == court_id, s.withdrawn_at.is_(None))
            .values(withdrawn_at=at, withdrawn_by=by, withdrawn_reason=reason)
        )
        if not done.rowcount:
            return False
        self.note_fact("bank_statement_lines", line_id)
        return True

    def registrations_of_account(self, account_id: int) -> list[tuple[int, int, str]]:
        rows = self.c.execute(
            select(registrations.c.auction_id, registrations.c.id, registrations.c.code)
            .where(registrations.c.account_id == account_id)
            .order_by(registrations.c.id)
        )
        return [(int(a), int(r), str(c)) for a, r, c in rows]

    def refused_transfers_of_account(self, account_id: int) -> list[tuple[int, str]]:
        rows = self.c.execute(
            select(registrations.c.auction_id, payment_events.c.bank_ref)
            .select_from(
                payment_events.join(payments, payments.c.id == payment_events.c.payment_id).join(
                    registrations, registrations.c.id == payments.c.registration_id
                )
            )
            .where(
                registrations.c.account_id == account_id,
                payment_events.c.status == "refused",
                payment_events.c.bank_ref.is_not(None),
            )
            .order_by(payment_events.c.id)
        )
        return [(int(a), str(ref)) for a, ref in rows]

    def court_totals(self) -> dict[int, int]:
        rows = self.c.execute(
            select(ledger_balances.c.court_id, func.sum(ledger_balances.c.balance)).group_by(
                ledger_balances.c.court_id
            )
        )
        return {int(court): int(total) for court, total in rows}

    def deposit_states(self) -> list[tuple[int, int, int, str, int]]:
        rows = self.c.execute(
            select(
                auctions.c.court_id, registrations.c.auction_id, registrations.c.id,
                registrations.c.deposit_status, registrations.c.deposit_required,
            ).select_from(registrations.join(auctions, auctions.c.id == registrations.c.auction_id))
        )  # fmt: skip
        return [(int(c), int(a), int(r), str(s), int(d)) for c, a, r, s, d in rows]

    def auction_balance_days(self, auction_id: int) -> int:
        return int(
            self.c.scalar(select(auctions.c.balance_days).where(auctions.c.id == auction_id)) or 10
        )

    def fee_rate(self, court_id: int) -> int | None:
        found = self.c.scalar(select(courts.c.fee_rate_per_mille).where(courts.c.id == court_id))
        return None if found is None else int(found)

    def set_fee_rate(self, court_id: int, rate_per_mille: int | None) -> None:
        self.c.execute(
            update(courts).where(courts.c.id == court_id).values(fee_rate_per_mille=rate_per_mille)
        )
