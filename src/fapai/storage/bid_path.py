"""The statements of the bid path, built once (design.md: the hot path).

Building a SQLAlchemy statement costs more than running it on SQLite, so these
are constructed at import and only their parameters change. On PostgreSQL the
bid costs two round trips: one read of everything the engine needs, and one
statement that appends the bid, its live event and its audit record and saves
the auction's state (data-modifying CTEs); the lock and the commit are shared
by the batch of bids that app/combining.py gathers.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, bindparam, exists, insert, or_, select, text, update

from fapai.app.auctions.admission import ART34
from fapai.app.auctions.ports import AuctionRecord, BidContext, BidRecord, RegistrationRecord
from fapai.app.audit.ports import AuditRow
from fapai.storage import notifications
from fapai.storage.institution_store import insider_of_lot
from fapai.storage.tables import (
    UtcDateTime,
    accounts,
    auction_events,
    auctions,
    audit_heads,
    audit_records,
    bids,
    court_lists,
    registrations,
)

_AUCTION = [auctions.c[f.name] for f in fields(AuctionRecord)]
_REGISTRATION = [registrations.c[f.name].label(f"r_{f.name}") for f in fields(RegistrationRecord)]
_BID = [bids.c[f.name].label(f"b_{f.name}") for f in fields(BidRecord)]
_A, _R = len(_AUCTION), len(_REGISTRATION)
_B = len(_BID)

_ACCOUNT_INDEX = (
    select(accounts.c.id_number_index).where(accounts.c.id == bindparam("account_id"))
).scalar_subquery()
# the bidder, or the principal it bids for (OJA Art 34: nor have anyone bid for you), on
# the court's list or among the persons of the institution entrusted with the lot (seed
# 003 Art 8(5)): a designation made after the registration still stops the bids
_LISTED = or_(
    exists().where(
        court_lists.c.court_id == auctions.c.court_id,
        court_lists.c.category.in_(tuple(ART34)),
        or_(
            court_lists.c.id_number_index == _ACCOUNT_INDEX,
            court_lists.c.id_number_index == registrations.c.proxy_principal_index,
        ),
    ),
    insider_of_lot(auctions.c.lot_id, _ACCOUNT_INDEX).exists(),
    insider_of_lot(auctions.c.lot_id, registrations.c.proxy_principal_index).exists(),
)
_CONTEXT = (
    select(*_AUCTION, *_REGISTRATION, *_BID, _LISTED, audit_heads.c.seq, audit_heads.c.hash)
    .select_from(
        auctions.join(audit_heads, audit_heads.c.scope == bindparam("scope"))
        .outerjoin(
            registrations,
            and_(
                registrations.c.auction_id == auctions.c.id,
                registrations.c.account_id == bindparam("account_id"),
            ),
        )
        .outerjoin(
            bids,
            and_(
                bids.c.registration_id == registrations.c.id,
                bids.c.idempotency_key == bindparam("key"),
            ),
        )
    )
    .where(auctions.c.id == bindparam("auction_id"))
)
# PostgreSQL's READ COMMITTED re-reads only the locked row when a lock wait ends,
# so the lock is taken by its own statement first; the context query after it then
# sees everything committed before the lock was granted.
_LOCK = select(auctions.c.id).where(auctions.c.id == bindparam("auction_id")).with_for_update()

_STATE = (
    "status", "price", "leader_registration_id", "leader_code", "leader_rank",
    "effective_end", "extensions", "seq", "bid_count", "closed_at",
)  # fmt: skip
_INSERT_BID = insert(bids)
_INSERT_EVENT = insert(auction_events)
_INSERT_AUDIT = insert(audit_records)
_UPDATE_HEAD = (
    update(audit_heads)
    .where(audit_heads.c.scope == bindparam("h_scope"))
    .values(seq=bindparam("h_seq"), hash=bindparam("h_hash"))
)
_UPDATE_AUCTION = (
    update(auctions)
    .where(auctions.c.id == bindparam("a_id"))
    .values({name: bindparam(f"a_{name}") for name in _STATE})
)

_BID_COLUMNS = [f.name for f in fields(BidRecord)]
_AUDIT_COLUMNS = ["scope", "seq", "at", "actor", "action", "payload", "prev_hash", "hash"]
_EVENT_COLUMNS = ["auction_id", "seq", "kind", "payload", "at"]


def _pg_write(with_event: bool) -> Any:
    """One statement: append the bid, event and audit record; save state and head."""
    ctes = [
        f"b AS (INSERT INTO bids ({', '.join(_BID_COLUMNS)}) "
        f"VALUES ({', '.join(':b_' + c for c in _BID_COLUMNS)}))",
        f"r AS (INSERT INTO audit_records ({', '.join(_AUDIT_COLUMNS)}) "
        f"VALUES ({', '.join(':r_' + c for c in _AUDIT_COLUMNS)}))",
        "h AS (UPDATE audit_heads SET seq = :r_seq, hash = :r_hash WHERE scope = :r_scope)",
    ]
    notify = ""
    if with_event:
        ctes.append(
            f"e AS (INSERT INTO auction_events ({', '.join(_EVENT_COLUMNS)}) "
            f"VALUES ({', '.join(':e_' + c for c in _EVENT_COLUMNS)}))"
        )
        # A SELECT in a CTE runs only when referenced: the UPDATE joins it.
        ctes.append(f"n AS (SELECT pg_notify('{notifications.CHANNEL}', :n_message))")
        notify = " FROM n"
    sets = ", ".join(f"{name} = :a_{name}" for name in _STATE)
    statement = text(
        f"WITH {', '.join(ctes)} UPDATE auctions SET {sets}{notify} WHERE auctions.id = :a_id"
    )
    stamps = ["b_received_at", "b_ends_at_after", "a_effective_end", "a_closed_at"]
    if with_event:
        stamps.append("e_at")
    return statement.bindparams(*(bindparam(name, type_=UtcDateTime) for name in stamps))


_PG_WRITE = {True: _pg_write(True), False: _pg_write(False)}
_NOTIFY_MANY = text(
    f"SELECT pg_notify('{notifications.CHANNEL}', m) FROM unnest(CAST(:messages AS text[])) AS m"
)


def lock(connection: Connection, auction_id: int) -> None:
    """Take the auction's row lock (PostgreSQL) for the rest of the transaction."""
    connection.execute(_LOCK, {"auction_id": auction_id})


def bid_context(
    connection: Connection, auction_id: int, account_id: int, key: str
) -> BidContext | None:
    row = connection.execute(
        _CONTEXT,
        {
            "scope": f"auction:{auction_id}",
            "account_id": account_id,
            "key": key,
            "auction_id": auction_id,
        },
    ).first()
    if row is None:
        return None
    registration = (row[_A] is not None and RegistrationRecord(*row[_A : _A + _R])) or None
    earlier = (row[_A + _R] is not None and BidRecord(*row[_A + _R : _A + _R + _B])) or None
    head = (int(row[-2]), str(row[-1]))
    excluded = bool(row[-3])
    return BidContext(AuctionRecord(*row[:_A]), registration, earlier, head, excluded)


def record_bids(
    connection: Connection,
    bids: list[BidRecord],
    events: list[tuple[int, str, datetime]],
    trail: list[AuditRow],
    after: AuctionRecord,
) -> None:
    postgres = connection.dialect.name == "postgresql"
    if postgres and len(bids) == 1:
        _record_one(connection, bids[0], events[0] if events else None, trail[0], after)
        return
    connection.execute(
        _INSERT_BID, [{name: getattr(b, name) for name in _BID_COLUMNS} for b in bids]
    )
    if events:
        connection.execute(
            _INSERT_EVENT,
            [
                {"auction_id": after.id, "seq": seq, "kind": "bid", "payload": payload, "at": at}
                for seq, payload, at in events
            ],
        )
        if postgres:
            messages = [notifications.message(after.id, seq, "bid", p) for seq, p, _ in events]
            connection.execute(_NOTIFY_MANY, {"messages": messages})
    connection.execute(
        _INSERT_AUDIT, [{name: getattr(row, name) for name in _AUDIT_COLUMNS} for row in trail]
    )
    last = trail[-1]
    connection.execute(
        _UPDATE_HEAD, {"h_scope": last.scope, "h_seq": last.seq, "h_hash": last.hash}
    )
    values = {f"a_{name}": getattr(after, name) for name in _STATE}
    connection.execute(_UPDATE_AUCTION, {**values, "a_id": after.id})


def _record_one(
    connection: Connection,
    bid: BidRecord,
    event: tuple[int, str, datetime] | None,
    trail: AuditRow,
    after: AuctionRecord,
) -> None:
    """PostgreSQL, one bid: everything in one statement, one round trip."""
    params: dict[str, Any] = {f"b_{name}": getattr(bid, name) for name in _BID_COLUMNS}
    params.update({f"r_{name}": getattr(trail, name) for name in _AUDIT_COLUMNS})
    params.update({f"a_{name}": getattr(after, name) for name in _STATE})
    params["a_id"] = after.id
    if event is not None:
        seq, payload, at = event
        params.update(
            e_auction_id=after.id, e_seq=seq, e_kind="bid", e_payload=payload, e_at=at,
            n_message=notifications.message(after.id, seq, "bid", payload),
        )  # fmt: skip
    connection.execute(_PG_WRITE[event is not None], params)
