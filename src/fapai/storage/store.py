"""The use cases' ``Tx`` port over one SQLAlchemy connection (Core, not ORM: the bid
path runs a handful of statements and the ORM's unit of work would only add cost).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import fields
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Row,
    and_,
    bindparam,
    case,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)

from fapai.app.ports import (
    AccountRecord,
    AuctionFilter,
    AuctionListing,
    AuctionRecord,
    AuditRow,
    BidContext,
    BidRecord,
    CourtUserRecord,
    EventRecord,
    PaymentRecord,
    RegistrationRecord,
    SealRow,
)
from fapai.domain.audit.chain import GENESIS
from fapai.storage import bid_path, notifications
from fapai.storage.case_store import CaseStore
from fapai.storage.ledger_store import LedgerStore
from fapai.storage.tables import (
    accounts,
    applicants,
    auction_events,
    auctions,
    audit_heads,
    audit_marks,
    audit_records,
    audit_seals,
    bids,
    confirmations,
    court_users,
    courts,
    lots,
    payment_events,
    payments,
    preemptive_holders,
    registrations,
)

_AUCTION_FIELDS = [f.name for f in fields(AuctionRecord)]
_BID_FIELDS = [f.name for f in fields(BidRecord)]
_AUCTION_COLUMNS = [auctions.c[name] for name in _AUCTION_FIELDS]
_REGISTRATION_COLUMNS = [registrations.c[f.name] for f in fields(RegistrationRecord)]
_BID_COLUMNS = [bids.c[name] for name in _BID_FIELDS]
_LISTING_COLUMNS = [
    courts.c.code,
    courts.c.name,
    lots.c.title,
    lots.c.property_type,
    lots.c.location,
    lots.c.disclosure,
    lots.c.reference_price,
    auctions.c.announced_at,
    auctions.c.platform,
    auctions.c.pause,
    # the accepted bids (``auctions.bid_count`` counts refused ones too); only the rows
    # a page returns are counted
    select(func.count())
    .where(bids.c.auction_id == auctions.c.id, bids.c.reason.is_(None))
    .scalar_subquery(),
]
_LISTING_FROM = auctions.join(lots, lots.c.id == auctions.c.lot_id).join(
    courts, courts.c.id == auctions.c.court_id
)
_STATE_FIELDS = (
    "status", "price", "leader_registration_id", "leader_code", "leader_rank",
    "effective_end", "extensions", "seq", "bid_count", "closed_at",
)  # fmt: skip


_NOTIFY = select(func.pg_notify(notifications.CHANNEL, bindparam("message")))


def _auction(row: Row[Any]) -> AuctionRecord:
    return AuctionRecord(*row[: len(_AUCTION_COLUMNS)])


def _mentions(word: str) -> Any:
    """A search word in the lot's title or location or the court's name; ``#12`` is an
    auction's number."""
    if word.startswith("#") and word[1:].isdigit() and len(word) < 12:
        return auctions.c.id == int(word[1:])
    pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return or_(
        *(
            column.ilike(pattern, escape="\\")
            for column in (lots.c.title, lots.c.location, courts.c.name)
        )
    )


def _order(order: str, now: datetime, current: Any) -> list[Any]:
    a = auctions.c
    if order == "ending":
        return [a.effective_end, a.id]
    if order == "newest":
        return [a.id.desc()]
    if order == "price_asc":
        return [current, a.id]
    if order == "price_desc":
        return [current.desc(), a.id]
    open_ = a.status == "open"
    group = case(
        (and_(open_, a.starts_at <= now, a.effective_end > now), 0),
        (and_(open_, a.effective_end <= now), 1),
        (open_, 2),
        else_=3,
    )
    # live and settling ones end soonest first, coming ones start soonest first, the
    # ended ones newest first
    soonest = case((group == 2, a.starts_at), (group < 2, a.effective_end), else_=None)
    return [group, soonest, a.effective_end.desc(), a.id]


def _listing(row: Row[Any]) -> AuctionListing:
    return AuctionListing(_auction(row), *row[len(_AUCTION_COLUMNS) :])


class SqlTx(LedgerStore, CaseStore):
    def __init__(self, connection: Connection, lock_rows: bool) -> None:
        self.c = connection
        self.lock_rows = lock_rows
        self.locked: set[int] = set()  # auctions whose row lock this transaction holds

    # courts, users, lots, auctions -------------------------------------------------
    def insert_court(self, code: str, name: str, region: str) -> int:
        return self._insert(courts, code=code, name=name, region=region)

    def court_id_by_code(self, code: str) -> int | None:
        return self.c.scalar(select(courts.c.id).where(courts.c.code == code))

    def insert_court_user(self, court_id: int, login: str, role: str, token_hash: str) -> int:
        return self._insert(
            court_users, court_id=court_id, login=login, role=role, token_hash=token_hash
        )

    def court_user_by_token(self, token_hash: str) -> CourtUserRecord | None:
        users = court_users.c
        row = self.c.execute(
            select(users.id, users.court_id, users.login, users.role).where(
                users.token_hash == token_hash
            )
        ).first()
        return CourtUserRecord(*row) if row else None

    def insert_lot(
        self,
        court_id: int,
        title: str,
        property_type: str,
        location: str,
        region: str,
        disclosure: str,
        reference_price: int | None,
        at: datetime,
    ) -> int:
        return self._insert(
            lots, court_id=court_id, title=title, property_type=property_type,
            location=location, region=region, disclosure=disclosure,
            reference_price=reference_price, created_at=at,
        )  # fmt: skip

    def insert_auction(self, record: AuctionRecord, at: datetime) -> int:
        values = {name: getattr(record, name) for name in _AUCTION_FIELDS if name != "id"}
        auction_id = self._insert(auctions, created_at=at, **values)
        self.c.execute(
            insert(audit_heads).values(scope=f"auction:{auction_id}", seq=0, hash=GENESIS)
        )
        return auction_id

    def auction(self, auction_id: int) -> AuctionRecord | None:
        row = self.c.execute(select(*_AUCTION_COLUMNS).where(auctions.c.id == auction_id)).first()
        return _auction(row) if row else None

    def lock_auction(self, auction_id: int) -> AuctionRecord | None:
        query = select(*_AUCTION_COLUMNS).where(auctions.c.id == auction_id)
        if self.lock_rows:
            query = query.with_for_update()
            self.locked.add(auction_id)
        row = self.c.execute(query).first()
        return _auction(row) if row else None

    def listing(self, auction_id: int) -> AuctionListing | None:
        row = self.c.execute(
            select(*_AUCTION_COLUMNS, *_LISTING_COLUMNS)
            .select_from(_LISTING_FROM)
            .where(auctions.c.id == auction_id)
        ).first()
        return _listing(row) if row else None

    def search(
        self, where: AuctionFilter, now: datetime, offset: int, limit: int
    ) -> tuple[list[AuctionListing], int]:
        conditions: list[Any] = []
        open_ = auctions.c.status == "open"
        if where.status == "upcoming":
            conditions += [open_, auctions.c.starts_at > now]
        elif where.status == "live":
            conditions += [open_, auctions.c.starts_at <= now, auctions.c.effective_end > now]
        elif where.status == "closing":
            conditions += [open_, auctions.c.effective_end <= now]
        elif where.status is not None:
            conditions.append(auctions.c.status == where.status)
        if where.property_type is not None:
            conditions.append(lots.c.property_type == where.property_type)
        if where.court_code is not None:
            conditions.append(courts.c.code == where.court_code)
        if where.court_id is not None:
            conditions.append(auctions.c.court_id == where.court_id)
        else:  # a draft is public once announced
            conditions.append(auctions.c.status != "draft")
        if where.kind is not None:
            conditions.append(auctions.c.kind == where.kind)
        if where.round is not None:
            conditions.append(auctions.c.round == where.round)
        current = func.coalesce(auctions.c.price, auctions.c.start_price)
        if where.min_price is not None:
            conditions.append(current >= where.min_price)
        if where.max_price is not None:
            conditions.append(current <= where.max_price)
        if where.region is not None:
            conditions.append(lots.c.region == where.region)
        for word in where.words:
            conditions.append(_mentions(word))
        condition = and_(True, *conditions)
        total = self.c.scalar(select(func.count()).select_from(_LISTING_FROM).where(condition))
        rows = self.c.execute(
            select(*_AUCTION_COLUMNS, *_LISTING_COLUMNS)
            .select_from(_LISTING_FROM)
            .where(condition)
            .order_by(*_order(where.order, now, current))
            .offset(offset)
            .limit(limit)
        ).all()
        return [_listing(row) for row in rows], int(total or 0)

    def facets(self) -> tuple[list[tuple[str, str]], list[str]]:
        public = auctions.c.status != "draft"
        court_rows = self.c.execute(
            select(courts.c.code, courts.c.name)
            .where(courts.c.id.in_(select(auctions.c.court_id).where(public)))
            .order_by(courts.c.code)
        ).all()
        regions = self.c.scalars(
            select(lots.c.region)
            .distinct()
            .where(
                lots.c.id.in_(select(auctions.c.lot_id).where(public)), lots.c.region.is_not(None)
            )
            .order_by(lots.c.region)
        )
        return [(str(code), str(name)) for code, name in court_rows], [str(r) for r in regions]

    def save_bidding_state(self, record: AuctionRecord) -> None:
        self.c.execute(
            update(auctions)
            .where(auctions.c.id == record.id)
            .values({name: getattr(record, name) for name in _STATE_FIELDS})
        )

    def due_auctions(self, now: datetime, limit: int) -> list[int]:
        return list(
            self.c.scalars(
                select(auctions.c.id)
                .where(auctions.c.status == "open", auctions.c.effective_end <= now)
                .order_by(auctions.c.effective_end)
                .limit(limit)
            )
        )

    # bidders -------------------------------------------------------------------------
    def insert_account(
        self,
        token_hash: str,
        name_enc: bytes,
        id_number_enc: bytes,
        phone_enc: bytes,
        name_index: str,
        id_number_index: str,
        at: datetime,
    ) -> int:
        return self._insert(
            accounts, token_hash=token_hash, name_enc=name_enc, id_number_enc=id_number_enc,
            phone_enc=phone_enc, name_index=name_index, id_number_index=id_number_index,
            created_at=at,
        )  # fmt: skip

    def _account_where(self, condition: Any) -> AccountRecord | None:
        row = self.c.execute(
            select(
                accounts.c.id, accounts.c.name_enc, accounts.c.id_number_enc,
                accounts.c.phone_enc, accounts.c.name_index, accounts.c.id_number_index,
            ).where(condition)
        ).first()  # fmt: skip
        return AccountRecord(*row) if row else None

    def account_by_token(self, token_hash: str) -> AccountRecord | None:
        return self._account_where(accounts.c.token_hash == token_hash)

    def account_by_id_index(self, id_number_index: str) -> AccountRecord | None:
        return self._account_where(accounts.c.id_number_index == id_number_index)

    def account(self, account_id: int) -> AccountRecord | None:
        return self._account_where(accounts.c.id == account_id)

    def _registration_where(self, *conditions: Any) -> list[RegistrationRecord]:
        rows = self.c.execute(
            select(*_REGISTRATION_COLUMNS).where(*conditions).order_by(registrations.c.id)
        )
        return [RegistrationRecord(*row) for row in rows]

    def registration(self, auction_id: int, account_id: int) -> RegistrationRecord | None:
        found = self._registration_where(
            registrations.c.auction_id == auction_id, registrations.c.account_id == account_id
        )
        return found[0] if found else None

    def registration_by_id(self, registration_id: int) -> RegistrationRecord | None:
        found = self._registration_where(registrations.c.id == registration_id)
        return found[0] if found else None

    def registrations(self, auction_id: int) -> list[RegistrationRecord]:
        return self._registration_where(registrations.c.auction_id == auction_id)

    def codes(self, auction_id: int) -> set[str]:
        return set(
            self.c.scalars(
                select(registrations.c.code).where(registrations.c.auction_id == auction_id)
            )
        )

    def insert_registration(
        self,
        auction_id: int,
        account_id: int,
        code: str,
        preemptive_rank: int | None,
        barred: bool,
        at: datetime,
        deposit_required: int,
        deposit_status: str,
    ) -> int:
        return self._insert(
            registrations, auction_id=auction_id, account_id=account_id, code=code,
            preemptive_rank=preemptive_rank, barred=barred, deposit_status=deposit_status,
            warnings_acknowledged_at=at, created_at=at, deposit_required=deposit_required,
        )  # fmt: skip

    def insert_applicant(
        self, auction_id: int, id_number_index: str, claim: int, at: datetime
    ) -> None:
        self._insert(
            applicants, auction_id=auction_id, id_number_index=id_number_index, claim=claim,
            declared_at=at,
        )  # fmt: skip

    def applicant_claim(self, auction_id: int, id_number_index: str) -> int | None:
        return self.c.scalar(
            select(applicants.c.claim).where(
                applicants.c.auction_id == auction_id,
                applicants.c.id_number_index == id_number_index,
            )
        )

    def set_deposit_status(self, registration_id: int, status: str, at: datetime) -> None:
        values: dict[str, Any] = {"deposit_status": status}
        if status == "confirmed":
            values["deposit_confirmed_at"] = at
        self.c.execute(
            update(registrations).where(registrations.c.id == registration_id).values(values)
        )

    def set_preemptive(self, registration_id: int, code: str, rank: int) -> None:
        self.c.execute(
            update(registrations)
            .where(registrations.c.id == registration_id)
            .values(code=code, preemptive_rank=rank)
        )

    def insert_preemptive_holder(
        self, auction_id: int, id_number_index: str, rank: int, at: datetime
    ) -> None:
        self._insert(
            preemptive_holders, auction_id=auction_id, id_number_index=id_number_index,
            rank=rank, confirmed_at=at,
        )  # fmt: skip

    def preemptive_rank(self, auction_id: int, id_number_index: str) -> int | None:
        return self.c.scalar(
            select(preemptive_holders.c.rank).where(
                preemptive_holders.c.auction_id == auction_id,
                preemptive_holders.c.id_number_index == id_number_index,
            )
        )

    # payments ------------------------------------------------------------------------
    def insert_payment(
        self, order_ref: str, registration_id: int, amount: int, at: datetime, purpose: str
    ) -> int:
        return self._insert(
            payments, order_ref=order_ref, registration_id=registration_id, amount=amount,
            created_at=at, purpose=purpose,
        )  # fmt: skip

    def _payments(self, *conditions: Any) -> list[PaymentRecord]:
        def latest(column: Any) -> Any:
            return (
                select(column)
                .where(payment_events.c.payment_id == payments.c.id)
                .order_by(payment_events.c.id.desc())
                .limit(1)
                .scalar_subquery()
            )

        rows = self.c.execute(
            select(
                payments.c.id, payments.c.order_ref, payments.c.registration_id,
                payments.c.amount, latest(payment_events.c.status), payments.c.purpose,
            ).where(*conditions).order_by(payments.c.id)
        )  # fmt: skip
        return [PaymentRecord(*row) for row in rows]

    def payment_by_ref(self, order_ref: str) -> PaymentRecord | None:
        found = self._payments(payments.c.order_ref == order_ref)
        return found[0] if found else None

    def pending_payment(self, registration_id: int, purpose: str) -> PaymentRecord | None:
        found = self._payments(
            payments.c.registration_id == registration_id, payments.c.purpose == purpose
        )
        pending = [payment for payment in found if payment.status == "pending"]
        return pending[-1] if pending else None

    def transfer_outcome(self, payment_id: int, bank_ref: str) -> tuple[str, str] | None:
        row = self.c.execute(
            select(payment_events.c.status, payment_events.c.detail)
            .where(payment_events.c.payment_id == payment_id, payment_events.c.bank_ref == bank_ref)
            .order_by(payment_events.c.id)
            .limit(1)
        ).first()
        return (str(row[0]), str(row[1])) if row else None

    def insert_payment_event(
        self, payment_id: int, status: str, bank_ref: str | None, detail: str, at: datetime
    ) -> None:
        self._insert(
            payment_events, payment_id=payment_id, status=status, bank_ref=bank_ref,
            detail=detail, at=at,
        )  # fmt: skip

    # bids and live events ----------------------------------------------------------------
    def bid_context(self, auction_id: int, account_id: int, key: str) -> BidContext | None:
        if self.lock_rows and auction_id not in self.locked:
            bid_path.lock(self.c, auction_id)
            self.locked.add(auction_id)
        return bid_path.bid_context(self.c, auction_id, account_id, key)

    def record_bids(
        self,
        bids: list[BidRecord],
        events: list[tuple[int, str, datetime]],
        trail: list[AuditRow],
        after: AuctionRecord,
    ) -> None:
        bid_path.record_bids(self.c, bids, events, trail, after)

    def bids(self, auction_id: int, accepted_only: bool) -> list[BidRecord]:
        query = select(*_BID_COLUMNS).where(bids.c.auction_id == auction_id)
        if accepted_only:
            query = query.where(bids.c.reason.is_(None))
        return [BidRecord(*row) for row in self.c.execute(query.order_by(bids.c.number))]

    def insert_event(
        self, auction_id: int, seq: int, kind: str, payload: str, at: datetime
    ) -> None:
        self._insert(
            auction_events, auction_id=auction_id, seq=seq, kind=kind, payload=payload, at=at
        )
        if self.c.dialect.name == "postgresql":
            self.c.execute(
                _NOTIFY, {"message": notifications.message(auction_id, seq, kind, payload)}
            )

    def events_after(self, auction_id: int, seq: int) -> list[EventRecord]:
        rows = self.c.execute(
            select(auction_events.c.seq, auction_events.c.kind, auction_events.c.payload)
            .where(auction_events.c.auction_id == auction_id, auction_events.c.seq > seq)
            .order_by(auction_events.c.seq)
        )
        return [EventRecord(*row) for row in rows]

    def insert_confirmation(
        self, auction_id: int, registration_id: int, code: str, price: int, at: datetime
    ) -> None:
        self.c.execute(
            insert(confirmations).values(
                auction_id=auction_id, registration_id=registration_id, code=code,
                price=price, issued_at=at,
            )
        )  # fmt: skip

    # audit trail -------------------------------------------------------------------------
    def audit_head(self, scope: str) -> tuple[int, str]:
        query = select(audit_heads.c.seq, audit_heads.c.hash).where(audit_heads.c.scope == scope)
        if self.lock_rows:
            query = query.with_for_update()
        row = self.c.execute(query).first()
        if row is None:
            raise LookupError(f"no audit chain {scope!r}")
        return int(row[0]), str(row[1])

    def peek_head(self, scope: str) -> tuple[int, str]:
        row = self.c.execute(
            select(audit_heads.c.seq, audit_heads.c.hash).where(audit_heads.c.scope == scope)
        ).one()
        return int(row[0]), str(row[1])

    def append_audit(self, row: AuditRow) -> None:
        self.c.execute(
            insert(audit_records).values(
                scope=row.scope, seq=row.seq, at=row.at, actor=row.actor, action=row.action,
                payload=row.payload, prev_hash=row.prev_hash, hash=row.hash,
            )
        )  # fmt: skip
        self.c.execute(
            update(audit_heads)
            .where(audit_heads.c.scope == row.scope)
            .values(seq=row.seq, hash=row.hash)
        )

    def audit_scopes(self) -> list[str]:
        return list(self.c.scalars(select(audit_heads.c.scope).order_by(audit_heads.c.scope)))

    def audit_rows(self, scope: str) -> Iterator[AuditRow]:
        rows = self.c.execute(
            select(*audit_records.c)
            .where(audit_records.c.scope == scope)
            .order_by(audit_records.c.seq)
        )
        return (AuditRow(*row) for row in rows)

    def audit_row(self, scope: str, seq: int) -> AuditRow | None:
        row = self.c.execute(
            select(*audit_records.c).where(
                audit_records.c.scope == scope, audit_records.c.seq == seq
            )
        ).first()
        return AuditRow(*row) if row else None

    def unsealed_heads(self) -> dict[str, tuple[int, str]]:
        sealed = func.coalesce(audit_marks.c.sealed_seq, 0)
        rows = self.c.execute(
            select(audit_heads.c.scope, audit_heads.c.seq, audit_heads.c.hash)
            .select_from(
                audit_heads.outerjoin(audit_marks, audit_marks.c.scope == audit_heads.c.scope)
            )
            .where(audit_heads.c.seq > sealed)
        )
        return {scope: (seq, digest) for scope, seq, digest in rows}

    def seals(self) -> Sequence[SealRow]:
        rows = self.c.execute(select(*audit_seals.c).order_by(audit_seals.c.id))
        return [SealRow(*row) for row in rows]

    def last_seal(self) -> SealRow | None:
        row = self.c.execute(
            select(*audit_seals.c).order_by(audit_seals.c.id.desc()).limit(1)
        ).first()
        return SealRow(*row) if row else None

    def insert_seal(self, at: str, heads: str, prev_hash: str, hash_: str) -> None:
        self._insert(audit_seals, at=at, heads=heads, prev_hash=prev_hash, hash=hash_)
        marks = [
            {"scope": scope, "sealed_seq": seq} for scope, (seq, _) in json.loads(heads).items()
        ]
        self.c.execute(
            delete(audit_marks).where(audit_marks.c.scope.in_([m["scope"] for m in marks]))
        )
        self.c.execute(insert(audit_marks), marks)

    # -------------------------------------------------------------------------------------
    def _insert(self, table: Any, **values: Any) -> int:
        result = self.c.execute(insert(table).values(**values).returning(table.c.id))
        return int(result.scalar_one())
