"""The facts the audit trail vouches for: which rows, named how, digested over what.

Every store method that appends a fact (or changes a registration) notes the row
here; the next audit record of the transaction takes the noted rows, read back
as stored, with their digests (``take_facts``), so the digest is made from the
very values verify will read. The bid path does not come through here: it
digests its bids and live events in Python as it judges them
(app/auctions/bidding.py), in the same column order as ``SPECS``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Column, Table, select

from fapai.app.auctions.ports import BidRecord
from fapai.app.audit.trail import next_record
from fapai.domain.audit.facts import FACTS, FactRow, fact_digest
from fapai.storage.audit_store import AuditStore
from fapai.storage.tables import (
    auction_events,
    bank_statement_lines,
    bank_statements,
    bids,
    ledger_payees,
    ledger_postings,
    ledger_transactions,
    lot_steps,
    payment_events,
    payments,
    registrations,
)

_STREAM = {"yield_per": 2000}
ADOPT_CHUNK = 500  # rows a migration's ``facts.adopted`` record vouches for at most


@dataclass(frozen=True, slots=True)
class Spec:
    """One kind of fact. ``numbered``: named by ``key`` within its auction (the bid path
    learns no ids); else by id. ``auction``: its records must be in that auction's scope.
    ``noted_by``: the column a noted row is found by (a posting by its transaction)."""

    table: Table
    key: Column[Any]
    columns: tuple[Column[Any], ...]
    auction: Column[Any] | None = None
    numbered: bool = False
    noted_by: Column[Any] | None = None


def _columns(table: Table, *names: str) -> tuple[Column[Any], ...]:
    return tuple(table.c[name] for name in names)


SPECS: dict[str, Spec] = {
    "bids": Spec(
        bids, bids.c.number, _columns(bids, *(f.name for f in fields(BidRecord))),
        bids.c.auction_id, numbered=True,
    ),
    "auction_events": Spec(
        auction_events, auction_events.c.seq,
        _columns(auction_events, "auction_id", "seq", "kind", "payload", "at"),
        auction_events.c.auction_id, numbered=True,
    ),
    # Not the account: a keyed commitment of it, which verify checks with the key
    # (a plain digest over an account id could be matched by trying every account).
    "registrations": Spec(
        registrations, registrations.c.id,
        _columns(
            registrations, "auction_id", "account_commitment", "code", "preemptive_rank",
            "barred", "deposit_status", "warnings_acknowledged_at", "deposit_confirmed_at",
            "deposit_required", "created_at",
        ),
        registrations.c.auction_id,
    ),
    "payments": Spec(
        payments, payments.c.id,
        _columns(payments, "order_ref", "registration_id", "amount", "purpose", "created_at"),
    ),
    "payment_events": Spec(
        payment_events, payment_events.c.id,
        _columns(payment_events, "payment_id", "status", "bank_ref", "detail", "at"),
    ),
    "ledger_transactions": Spec(
        ledger_transactions, ledger_transactions.c.id,
        _columns(
            ledger_transactions, "court_id", "auction_id", "kind", "memo", "bank_ref",
            "reverses_id", "actor", "at",
        ),
    ),
    "ledger_postings": Spec(
        ledger_postings, ledger_postings.c.id,
        _columns(ledger_postings, "transaction_id", "account", "amount"),
        noted_by=ledger_postings.c.transaction_id,
    ),
    "lot_steps": Spec(
        lot_steps, lot_steps.c.id,
        _columns(lot_steps, "lot_id", "auction_id", "step", "on_date", "details", "actor", "at"),
    ),
    # Who is paid: each version of a payee as named (a new name is a new row).
    "ledger_payees": Spec(
        ledger_payees, ledger_payees.c.id,
        _columns(
            ledger_payees, "account", "court_id", "name", "bank_account", "recorded_by", "at"
        ),
    ),
    # The bank's word that money moved, and who imported it (the four eyes' other pair).
    "bank_statements": Spec(
        bank_statements, bank_statements.c.id,
        _columns(bank_statements, "court_id", "digest", "name", "imported_by", "imported_at"),
    ),
    # A line named again when it is withdrawn: its latest digest holds.
    "bank_statement_lines": Spec(
        bank_statement_lines, bank_statement_lines.c.id,
        _columns(
            bank_statement_lines, "court_id", "import_id", "line", "booked_on", "amount",
            "bank_ref", "counterparty", "imported_at", "statement_id", "balance",
            "withdrawn_at", "withdrawn_by", "withdrawn_reason",
        ),
    ),
}  # fmt: skip


def fact_select(spec: Spec) -> Any:
    """Key, id, auction (or NULL) and the digested columns of a kind of fact."""
    auction = spec.auction if spec.auction is not None else spec.key.label("no_auction")
    return select(spec.key, spec.table.c.id, auction, *spec.columns)


def digest_row(name: str, row: Any) -> str:
    return fact_digest(name, row[3:])


class FactNotes:
    """What the stores that append facts share: noting the rows for the trail."""

    noted: dict[str, set[tuple[int, int]]]  # table -> (auction or 0, key) of rows to vouch for

    def note_fact(self, table: str, key: int, auction_id: int = 0) -> None:
        """Note a row: its id, a posting's transaction, or a numbered row's auction and key."""
        self.noted.setdefault(table, set()).add((auction_id, key))


class FactStore(FactNotes, AuditStore):
    home: str  # the scope of the auction the transaction was opened for, else the system's

    def take_facts(self, scope: str) -> list[list[Any]]:
        """The noted rows that belong in ``scope`` as [table, key, digest]; the rest stay
        noted. A row bound to an auction (a registration, a live event) belongs in that
        auction's scope, every other row in any scope."""
        facts: list[list[Any]] = []
        for name in sorted(self.noted):
            spec, noted = SPECS[name], self.noted.pop(name)
            by = spec.noted_by if spec.noted_by is not None else spec.key
            query = fact_select(spec).where(by.in_({key for _, key in noted}))
            if spec.numbered:
                query = query.where(spec.table.c.auction_id.in_({a for a, _ in noted}))
            left: set[tuple[int, int]] = set()
            for row in self.c.execute(query.order_by(spec.key)):
                if spec.numbered and (row[2], row[0]) not in noted:
                    continue
                if spec.auction is not None and scope != f"auction:{row[2]}":
                    left.add((row[2], row[0]) if spec.numbered else (0, row[0]))
                    continue
                facts.append([name, int(row[0]), digest_row(name, row)])
            if left:
                self.noted[name] = left
        return facts

    def finish_facts(self) -> None:
        """Before the commit: vouch for the rows no record of the transaction took, in
        a record of their own in the scope they belong in (for the unbound ones, the
        transaction's last scope, else the auction it was opened for, else the system's).
        Use cases record after they write, so this is for the rows written after the
        last record, and for code that writes through the ports alone (benchmarks)."""
        if not self.noted:
            return
        last = self.last_record
        at = datetime.fromisoformat(last.at) if last else datetime.now(UTC)
        actor = last.actor if last else "system"
        fallback = last.scope if last else self.home
        scopes = {fallback}
        for name, noted in self.noted.items():
            if SPECS[name].auction is not None:
                scopes.update(f"auction:{auction}" for auction in self._auctions(name, noted))
        for scope in sorted(scopes, key=lambda s: s != fallback):
            facts = self.take_facts(scope)
            if facts:
                row = next_record(
                    self.audit_head(scope), scope, at, actor, "facts.recorded", {FACTS: facts}
                )
                self.append_audit(row)

    def adopt_facts(self, scope: str, notes: list[tuple[str, int, int]], at: datetime) -> None:
        """Vouch for rows stored before the trail did (a migration's ``facts.adopted``
        records): ``notes`` as (table, key, auction or 0), at most ``ADOPT_CHUNK`` a record."""
        for start in range(0, len(notes), ADOPT_CHUNK):
            for name, key, auction_id in notes[start : start + ADOPT_CHUNK]:
                self.note_fact(name, key, auction_id)
            facts = self.take_facts(scope)
            head = self.audit_head(scope)
            self.append_audit(
                next_record(head, scope, at, "system", "facts.adopted", {FACTS: facts})
            )

    def _auctions(self, name: str, noted: set[tuple[int, int]]) -> set[int]:
        spec = SPECS[name]
        if spec.numbered:
            return {auction for auction, _ in noted}
        assert spec.auction is not None
        query = select(spec.auction).where(spec.key.in_({key for _, key in noted}))
        return {int(auction) for auction in self.c.scalars(query.distinct())}

    def fact_rows(self, name: str, auction_id: int | None = None) -> Iterator[FactRow]:
        """Every stored row of a kind of fact (of one auction, when numbered), by key."""
        spec = SPECS[name]
        query = fact_select(spec).order_by(spec.key).execution_options(**_STREAM)
        if auction_id is not None:
            query = query.where(spec.table.c.auction_id == auction_id)
        for row in self.c.execute(query):
            yield FactRow(int(row[0]), int(row[1]), digest_row(name, row))

    def registration_accounts(self) -> Iterator[tuple[int, int, int, str | None]]:
        """(id, auction, account, commitment) of every registration, for the keyed check."""
        query = select(
            registrations.c.id, registrations.c.auction_id, registrations.c.account_id,
            registrations.c.account_commitment,
        ).order_by(registrations.c.id).execution_options(**_STREAM)  # fmt: skip
        for row in self.c.execute(query):
            yield int(row[0]), int(row[1]), int(row[2]), row[3]
