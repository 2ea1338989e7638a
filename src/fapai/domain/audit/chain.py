"""Hash chains over audit records.

Each record's hash covers its own fields and the previous record's hash, so
altering, removing or reordering any stored record breaks every hash after it.
Records are chained per scope (one auction, or the system); a seal chain links
the heads of all scopes, which gives one global order without a global lock on
the bid path (docs/architecture.md).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


def canonical(payload: Mapping[str, Any]) -> str:
    """One byte-exact text per payload: sorted keys, no spaces, UTF-8 kept."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def digest_parts(parts: Iterable[str]) -> str:
    """SHA-256 over texts, each length-prefixed so none can bleed into another."""
    chunks: list[bytes] = []
    for part in parts:
        data = part.encode()
        chunks += (len(data).to_bytes(8, "big"), data)
    return hashlib.sha256(b"".join(chunks)).hexdigest()


def record_hash(
    prev_hash: str, scope: str, seq: int, at: str, actor: str, action: str, payload: str
) -> str:
    """The hash of one record: its fields and the previous record's hash."""
    return digest_parts((prev_hash, scope, str(seq), at, actor, action, payload))


@dataclass(frozen=True, slots=True)
class StoredRecord:
    """An audit record as stored: appended by the use cases, read back to verify."""

    id: int
    scope: str
    seq: int
    at: str
    actor: str
    action: str
    payload: str
    prev_hash: str
    hash: str


@dataclass(frozen=True, slots=True)
class Break:
    """The first record where a chain does not hold, and why."""

    record_id: int
    scope: str
    seq: int
    problem: str


def verify_scope(records: Iterable[StoredRecord]) -> tuple[int, str, Break | None]:
    """Walk one scope's records in ``seq`` order; return (last seq, head hash, first break)."""
    prev_hash, expected_seq = GENESIS, 1
    for rec in records:
        if rec.seq != expected_seq:
            return (
                expected_seq - 1,
                prev_hash,
                Break(rec.id, rec.scope, rec.seq, f"sequence gap: expected {expected_seq}"),
            )
        if rec.prev_hash != prev_hash:
            return (
                expected_seq - 1,
                prev_hash,
                Break(rec.id, rec.scope, rec.seq, "previous-hash link does not match"),
            )
        digest = record_hash(
            rec.prev_hash, rec.scope, rec.seq, rec.at, rec.actor, rec.action, rec.payload
        )
        if digest != rec.hash:
            return (
                expected_seq - 1,
                prev_hash,
                Break(rec.id, rec.scope, rec.seq, "content does not match its hash"),
            )
        prev_hash, expected_seq = rec.hash, expected_seq + 1
    return expected_seq - 1, prev_hash, None


def seal_hash(prev_hash: str, at: str, heads: str) -> str:
    """The hash of one seal: the previous seal and the scope heads it fixes."""
    return record_hash(prev_hash, "seal", 0, at, "", "seal", heads)
