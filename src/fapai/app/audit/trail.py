"""Appending to, sealing and verifying the audit trail (全流程留痕).

Every use case that changes state calls ``record`` inside its transaction, so
the record commits with the change or not at all. Records carry codes and row
numbers, never a bidder's name, ID number or phone (OJA Art 18). A record also
vouches for the fact rows its transaction wrote (their digests, domain/audit/
facts.py), and verify checks every such row against the record that names it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fapai.app.audit.ports import AuditRow
from fapai.app.ports import Cipher, Database, Tx
from fapai.app.services import Services
from fapai.domain.audit.chain import (
    GENESIS,
    Break,
    canonical,
    record_hash,
    seal_hash,
    verify_scope,
)
from fapai.domain.audit.facts import FACTS, compare, named_facts

SYSTEM = "system"
NUMBERED = ("bids", "auction_events")  # named by number or seq within their auction's scope
BY_ID = (
    "registrations", "payments", "payment_events", "ledger_transactions", "ledger_postings",
    "lot_steps", "ledger_payees", "bank_statements", "bank_statement_lines",
)  # fmt: skip


def auction_scope(auction_id: int) -> str:
    return f"auction:{auction_id}"


def record(tx: Tx, scope: str, at: datetime, actor: str, action: str, **payload: Any) -> None:
    """Append one record to ``scope``'s chain (the caller holds the scope's lock), vouching
    for the fact rows written so far in the transaction that belong in ``scope``."""
    facts = tx.take_facts(scope)
    if facts:
        payload[FACTS] = facts
    tx.append_audit(next_record(tx.audit_head(scope), scope, at, actor, action, payload))


def account_commitment(cipher: Cipher, auction_id: int, account_id: int) -> str:
    """The keyed commitment to a registration's account: it vouches for the account
    without naming it (a plain hash of an account id could be found by trying them all)."""
    return cipher.blind_index("registration", f"{auction_id}:{account_id}")


def next_record(
    head: tuple[int, str], scope: str, at: datetime, actor: str, action: str, payload: Any
) -> AuditRow:
    """The record that follows ``head`` (its seq and hash) in ``scope``'s chain."""
    seq, prev = head
    at_text = at.isoformat()
    text = canonical(payload)
    digest = record_hash(prev, scope, seq + 1, at_text, actor, action, text)
    return AuditRow(0, scope, seq + 1, at_text, actor, action, text, prev, digest)


def seal(db: Database, at: datetime) -> int:
    """Fix the current head of every scope that moved in one new seal; return how many."""
    with db.write() as tx:
        tx.audit_head(SYSTEM)  # taken for its lock: one sealer at a time
        moved = tx.unsealed_heads()
        if not moved:
            return 0
        last = tx.last_seal()
        prev = last.hash if last else GENESIS
        heads = canonical({scope: [seq, digest] for scope, (seq, digest) in moved.items()})
        at_text = at.isoformat()
        tx.insert_seal(at_text, heads, prev, seal_hash(prev, at_text, heads))
        return len(moved)


@dataclass(frozen=True, slots=True)
class Verification:
    scopes: int
    records: int
    seals: int
    problem: str | None  # the first broken record or fact row, in words; None when all holds
    facts: int = 0  # fact rows checked against the records that name them


def verify(services: Services) -> Verification:
    """Recompute every chain and the seals, and check every fact row against the record
    that names it; name the first record or row that does not hold."""
    with services.db.read() as tx:
        scopes = tx.audit_scopes()
        by_id: dict[str, dict[int, str]] = {name: {} for name in BY_ID}
        records = facts = 0

        def result(problem: str | None, seals: int = 0) -> Verification:
            return Verification(len(scopes), records, seals, problem, facts)

        for scope in scopes:
            walk = _Walk(tx.audit_rows(scope), by_id)
            problem = _check_scope(tx, scope, walk)
            records += walk.count
            if problem:
                return result(problem)
            auction_id = int(scope.removeprefix("auction:")) if scope != SYSTEM else None
            for name in NUMBERED:
                vouched = walk.numbered[name]
                facts += len(vouched)
                rows = tx.fact_rows(name, auction_id) if auction_id is not None else ()
                problem = next(compare(name, vouched, rows, auction_id or 0), None)
                if problem:
                    return result(problem)
        for name in BY_ID:
            facts += len(by_id[name])
            problem = next(compare(name, by_id[name], tx.fact_rows(name)), None)
            if problem:
                return result(problem)
        problem = _check_accounts(services.cipher, tx.registration_accounts())
        if problem:
            return result(problem)
        prev, seals = GENESIS, tx.seals()
        for seal_row in seals:
            problem = _check_seal(tx, seal_row, prev)
            if problem:
                return result(problem, len(seals))
            prev = seal_row.hash
        return result(None, len(seals))


class _Walk:
    """A scope's records as they stream past the chain check, gathering the facts they
    name (a registration named again later: its latest digest holds)."""

    def __init__(self, rows: Iterable[AuditRow], by_id: dict[str, dict[int, str]]) -> None:
        self.rows, self.by_id = rows, by_id
        self.numbered: dict[str, dict[int, str]] = {name: {} for name in NUMBERED}
        self.count, self.last_id = 0, 0

    def __iter__(self) -> Iterator[AuditRow]:
        for row in self.rows:
            self.count, self.last_id = self.count + 1, row.id
            for table, key, digest in named_facts(row.payload):
                named = self.numbered if table in self.numbered else self.by_id
                named.setdefault(table, {})[key] = digest
            yield row


def _check_scope(tx: Tx, scope: str, walk: _Walk) -> str | None:
    last_seq, last_hash, broken = verify_scope(walk)
    if broken is not None:
        return _describe(broken)
    head_seq, head_hash = tx.peek_head(scope)
    if head_seq != last_seq:
        return (
            f"scope {scope}: the chain ends at seq {last_seq} but its head says "
            f"seq {head_seq} (records removed or the head altered)"
        )
    if head_hash != last_hash:
        return (
            f"audit record #{walk.last_id} (scope {scope}, seq {last_seq})"
            if walk.count
            else f"scope {scope}"
        ) + ": its hash does not match the scope's head (the record or the head was altered)"
    return None


def _check_accounts(cipher: Cipher, rows: Iterable[tuple[int, int, int, str | None]]) -> str | None:
    """Each registration's account against its keyed commitment (which the trail vouches for)."""
    for registration_id, auction_id, account_id, commitment in rows:
        if commitment != account_commitment(cipher, auction_id, account_id):
            return (
                f"registrations#{registration_id}: its account does not match the keyed "
                "commitment the audit trail vouches for (changed)"
            )
    return None


def _check_seal(tx: Tx, row: Any, prev: str) -> str | None:
    if row.prev_hash != prev or seal_hash(row.prev_hash, row.at, row.heads) != row.hash:
        return f"seal #{row.id}: the seal chain is broken"
    for scope, (seq, digest) in json.loads(row.heads).items():
        sealed = tx.audit_row(scope, seq)
        if sealed is None or sealed.hash != digest:
            return f"seal #{row.id}: {scope} seq {seq} no longer matches what was sealed"
    return None


def _describe(broken: Break) -> str:
    return (
        f"audit record #{broken.record_id} (scope {broken.scope}, seq {broken.seq}): "
        f"{broken.problem}"
    )
