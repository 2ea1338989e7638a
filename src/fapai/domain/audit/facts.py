"""Digests of the facts the audit trail vouches for, and the comparison verify makes.

The chains hold the audit records; these hold the rows the records are about (bids,
live events, registrations, payments, ledger transactions and postings, lot steps, the
payee accounts money is paid to, the imported bank statements and their lines).
A fact row's digest is SHA-256 over the canonical JSON (the payloads' encoding, made
by the C encoder in one call: verify digests every fact row) of its table's name and
its columns in a fixed order. The audit record written in the same transaction names
the row and holds that digest (``facts`` in its payload), so a row cannot change,
vanish or appear without verify seeing that it no longer matches a record that its
chain still holds (docs/architecture.md).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

FACTS = "facts"  # the payload key of the rows a record vouches for: [[table, key, digest], ...]
_MARK = f'"{FACTS}":'


def fact_digest(table: str, values: Iterable[object]) -> str:
    """The digest of one row: SHA-256 over the canonical JSON of the table's name and the
    row's values in the table's fixed order (JSON tells None, 1, True and "1" apart; a
    time is its UTC ISO text, a date its ISO text)."""
    text = json.dumps([table, *values], separators=(",", ":"), ensure_ascii=False, default=_text)
    return hashlib.sha256(text.encode()).hexdigest()


def _text(value: object) -> str:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("a fact's time must be aware")
        return (value if value.tzinfo is UTC else value.astimezone(UTC)).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"no fact encoding for {type(value).__name__}")


def named_facts(payload: str) -> list[tuple[str, int, str]]:
    """The (table, key, digest) of every row a record's payload vouches for."""
    if _MARK not in payload:
        return []
    return [(str(t), int(k), str(d)) for t, k, d in json.loads(payload).get(FACTS, [])]


@dataclass(frozen=True, slots=True)
class FactRow:
    """A stored fact as verify reads it: the key the trail names it by, its id, its digest."""

    key: int  # a bid's number or a live event's seq within its auction; else the row id
    id: int
    digest: str


def compare(
    table: str, vouched: dict[int, str], rows: Iterable[FactRow], auction: int | None = None
) -> Iterator[str]:
    """Each row that differs from what the trail vouches for, in words; empties ``vouched``.

    ``auction`` is given for the tables named by number within an auction (bids, live
    events), whose deleted rows have no id left to name.
    """
    key_name = "number" if table == "bids" else "seq"
    for row in rows:
        where = f"{table}#{row.id}" + (
            f" (auction {auction}, {key_name} {row.key})" if auction is not None else ""
        )
        expected = vouched.pop(row.key, None)
        if expected is None:
            yield f"{where}: no audit record names this row (inserted)"
        elif expected != row.digest:
            yield f"{where}: its content does not match the digest its audit record holds (changed)"
    for key in sorted(vouched):
        where = f"{table} (auction {auction}, {key_name} {key})" if auction else f"{table}#{key}"
        yield f"{where}: the audit trail names this row but it is missing (deleted)"
    vouched.clear()
