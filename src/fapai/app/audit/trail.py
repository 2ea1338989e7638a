"""Appending to, sealing and verifying the audit trail (全流程留痕).

Every use case that changes state calls ``record`` inside its transaction, so
the record commits with the change or not at all. Records carry codes and row
numbers, never a bidder's name, ID number or phone (OJA Art 18).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fapai.app.audit.ports import AuditRow
from fapai.app.ports import Database, Tx
from fapai.domain.audit.chain import (
    GENESIS,
    Break,
    canonical,
    record_hash,
    seal_hash,
    verify_scope,
)

SYSTEM = "system"


def auction_scope(auction_id: int) -> str:
    return f"auction:{auction_id}"


def record(tx: Tx, scope: str, at: datetime, actor: str, action: str, **payload: Any) -> None:
    """Append one record to ``scope``'s chain (the caller holds the scope's lock)."""
    tx.append_audit(next_record(tx.audit_head(scope), scope, at, actor, action, payload))


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
    problem: str | None  # the first broken record, in words; None when all holds


def verify(db: Database) -> Verification:
    """Recompute every chain and the seals; name the first record that does not hold."""
    with db.read() as tx:
        scopes = tx.audit_scopes()
        count = 0
        for scope in scopes:
            rows = list(tx.audit_rows(scope))
            count += len(rows)
            last_seq, last_hash, broken = verify_scope(rows)
            if broken is not None:
                return Verification(len(scopes), count, 0, _describe(broken))
            head_seq, head_hash = tx.peek_head(scope)
            if head_seq != last_seq:
                return Verification(
                    len(scopes),
                    count,
                    0,
                    f"scope {scope}: the chain ends at seq {last_seq} but its head says "
                    f"seq {head_seq} (records removed or the head altered)",
                )
            if head_hash != last_hash:
                return Verification(
                    len(scopes),
                    count,
                    0,
                    (
                        f"audit record #{rows[-1].id} (scope {scope}, seq {last_seq})"
                        if rows
                        else f"scope {scope}"
                    )
                    + ": its hash does not match the scope's head "
                    "(the record or the head was altered)",
                )
        prev, seals = GENESIS, tx.seals()
        for seal_row in seals:
            problem = _check_seal(tx, seal_row, prev)
            if problem:
                return Verification(len(scopes), count, len(seals), problem)
            prev = seal_row.hash
        return Verification(len(scopes), count, len(seals), None)


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
