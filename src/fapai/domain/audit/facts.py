"""Digests of the facts the audit trail vouches for, and the comparison verify makes.

The chains hold the audit records; these hold the rows the records are about (bids,
live events, registrations, payments, ledger transactions and postings, lot steps).
A fact row's digest is SHA-256 over its table's name and its columns in a fixed
order, each value typed and length-prefixed (the chain's encoding). The audit record
written in the same transaction names the row and holds that digest (``facts`` in
its payload), so a row cannot change, vanish or appear without verify seeing that
it no longer matches a record that its chain still holds (docs/architecture.md).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from fapai.domain.audit.chain import digest_parts

FACTS = "facts"  # the payload key of the rows a record vouches for: [[table, key, digest], ...]
_MARK = f'"{FACTS}":'


def fact_digest(table: str, values: Iterable[object]) -> str:
    """The digest of one row: the table and its values in the table's fixed order."""
    return digest_parts([table, *(_TYPED[type(value)](value) for value in values)])


def _time(value: datetime) -> str:
    if value.tzinfo is not UTC:
        if value.tzinfo is None:
            raise ValueError("a fact's time must be aware")
        value = value.astimezone(UTC)
    return "t" + value.isoformat()


# One value as text with its type, so that None, 1, True and "1" all differ (by exact
# type: a lookup, as verify digests every fact row).
_TYPED: dict[type, Callable[[Any], str]] = {
    type(None): lambda _: "n",
    bool: lambda value: "b1" if value else "b0",
    int: lambda value: f"i{value}",
    str: lambda value: "s" + value,
    datetime: _time,
    date: lambda value: "d" + value.isoformat(),
}


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
