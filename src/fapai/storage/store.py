"""The use cases' ``Tx`` port over one SQLAlchemy connection (Core, not ORM: the bid
path runs a handful of statements and the ORM's unit of work would only add cost).
"""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Connection,
    bindparam,
    func,
    insert,
    select,
    update,
)

from fapai.app.auctions.ports import (
    AuctionRecord,
    BidContext,
    BidRecord,
    EventRecord,
    PaymentRecord,
    RegistrationRecord,
)
from fapai.app.audit.ports import AuditRow
from fapai.app.audit.trail import SYSTEM
from fapai.domain.audit.chain import GENESIS
from fapai.storage import bid_path, notifications
from fapai.storage.account_store import AccountStore
from fapai.storage.admission_store import AdmissionStore
from fapai.storage.case_store import CaseStore
from fapai.storage.desk_store import DeskStore
from fapai.storage.document_store import DocumentStore
from fapai.storage.fact_store import FactStore
from fapai.storage.institution_store import InstitutionStore
from fapai.storage.ledger_store import LedgerStore
from fapai.storage.outgoing_store import OutgoingStore
from fapai.storage.privacy_store import PrivacyStore
from fapai.storage.remedy_store import RemedyStore
from fapai.storage.rows import AUCTION_COLUMNS, AUCTION_FIELDS, auction_record, insert_id
from fapai.storage.search_store import SearchStore
from fapai.storage.tables import (
    applicants,
    auction_events,
    auctions,
    audit_heads,
    bids,
    confirmations,
    lots,
    payment_events,
    payments,
    preemptive_holders,
    registrations,
    supervision_flags,
)
from fapai.storage.watch_store import WatchStore

_BID_FIELDS = [f.name for f in fields(BidRecord)]
_REGISTRATION_COLUMNS = [registrations.c[f.name] for f in fields(RegistrationRecord)]
_BID_COLUMNS = [bids.c[name] for name in _BID_FIELDS]
_STATE_FIELDS = (
    "status", "price", "leader_registration_id", "leader_code", "leader_rank",
    "effective_end", "extensions", "seq", "bid_count", "closed_at",
)  # fmt: skip


_NOTIFY = select(func.pg_notify(notifications.CHANNEL, bindparam("message")))


class SqlTx(
    AccountStore,
    AdmissionStore,
    FactStore,
    CaseStore,
    InstitutionStore,
    DeskStore,
    DocumentStore,
    LedgerStore,
    OutgoingStore,
    PrivacyStore,
    RemedyStore,
    SearchStore,
    WatchStore,
):
    def __init__(self, connection: Connection, lock_rows: bool, home: str = SYSTEM) -> None:
        self.c = connection
        self.lock_rows = lock_rows
        self.home = home  # the scope of the auction the transaction was opened for
        self.locked: set[int] = set()  # auctions whose row lock this transaction holds
        self.noted: dict[str, set[tuple[int, int]]] = {}
        self.last_record: AuditRow | None = None

    # courts, users, lots, auctions -------------------------------------------------

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
        return insert_id(self.c,
            lots, court_id=court_id, title=title, property_type=property_type,
            location=location, region=region, disclosure=disclosure,
            reference_price=reference_price, created_at=at,
        )  # fmt: skip

    def insert_auction(self, record: AuctionRecord, at: datetime) -> int:
        values = {name: getattr(record, name) for name in AUCTION_FIELDS if name != "id"}
        auction_id = insert_id(self.c, auctions, created_at=at, **values)
        self.c.execute(
            insert(audit_heads).values(scope=f"auction:{auction_id}", seq=0, hash=GENESIS)
        )
        return auction_id

    def auction(self, auction_id: int) -> AuctionRecord | None:
        row = self.c.execute(select(*AUCTION_COLUMNS).where(auctions.c.id == auction_id)).first()
        return auction_record(row) if row else None

    def lock_auction(self, auction_id: int) -> AuctionRecord | None:
        query = select(*AUCTION_COLUMNS).where(auctions.c.id == auction_id)
        if self.lock_rows:
            query = query.with_for_update()
            self.locked.add(auction_id)
        row = self.c.execute(query).first()
        return auction_record(row) if row else None

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

    def closed_before(self, at: datetime) -> list[int]:
        return list(
            self.c.scalars(
                select(auctions.c.id)
                .where(auctions.c.closed_at.is_not(None), auctions.c.closed_at < at)
                .order_by(auctions.c.id)
            )
        )

    # bidders -------------------------------------------------------------------------

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
        account_commitment: str,
    ) -> int:
        registration_id = insert_id(self.c,
            registrations, auction_id=auction_id, account_id=account_id, code=code,
            preemptive_rank=preemptive_rank, barred=barred, deposit_status=deposit_status,
            warnings_acknowledged_at=at, created_at=at, deposit_required=deposit_required,
            account_commitment=account_commitment,
        )  # fmt: skip
        self.note_fact("registrations", registration_id)
        return registration_id

    def insert_applicant(
        self, auction_id: int, id_number_index: str, claim: int, at: datetime
    ) -> None:
        insert_id(self.c,
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
        self.note_fact("registrations", registration_id)

    def set_preemptive(self, registration_id: int, code: str, rank: int) -> None:
        self.c.execute(
            update(registrations)
            .where(registrations.c.id == registration_id)
            .values(code=code, preemptive_rank=rank)
        )
        self.note_fact("registrations", registration_id)

    def insert_preemptive_holder(
        self, auction_id: int, id_number_index: str, rank: int, at: datetime
    ) -> None:
        insert_id(self.c,
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
        payment_id = insert_id(self.c,
            payments, order_ref=order_ref, registration_id=registration_id, amount=amount,
            created_at=at, purpose=purpose,
        )  # fmt: skip
        self.note_fact("payments", payment_id)
        return payment_id

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
        self, payment_id: int, status: str, bank_ref: str | None, detail: str, at: datetime,
        payer: tuple[bytes, str, str] | None = None,
    ) -> None:  # fmt: skip
        account, bank, kind = payer or (None, None, None)
        event_id = insert_id(self.c,
            payment_events, payment_id=payment_id, status=status, bank_ref=bank_ref,
            detail=detail, at=at, payer_account=account, payer_bank=bank, account_kind=kind,
        )  # fmt: skip
        self.note_fact("payment_events", event_id)

    def flag_payment(
        self, court_id: int, auction_id: int, payment_id: int, kind: str, detail: str,
        at: datetime,
    ) -> None:  # fmt: skip
        insert_id(self.c,
            supervision_flags, court_id=court_id, auction_id=auction_id,
            payment_id=payment_id, kind=kind, detail=detail[:300], raised_at=at,
        )  # fmt: skip

    def payment_flags(self, court_id: int) -> list[tuple[int, int, str, str, datetime]]:
        rows = self.c.execute(
            select(
                supervision_flags.c.auction_id, supervision_flags.c.payment_id,
                supervision_flags.c.kind, supervision_flags.c.detail,
                supervision_flags.c.raised_at,
            )
            .where(supervision_flags.c.court_id == court_id)
            .order_by(supervision_flags.c.id)
        )  # fmt: skip
        return [(int(a), int(p), str(k), str(d), r) for a, p, k, d, r in rows]

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

    def bids_before(self, auction_id: int, before: int | None, limit: int) -> list[BidRecord]:
        """Up to ``limit`` bids numbered below ``before`` (all when None), newest first."""
        query = select(*_BID_COLUMNS).where(bids.c.auction_id == auction_id)
        if before is not None:
            query = query.where(bids.c.number < before)
        query = query.order_by(bids.c.number.desc()).limit(limit)
        return [BidRecord(*row) for row in self.c.execute(query)]

    def insert_event(
        self, auction_id: int, seq: int, kind: str, payload: str, at: datetime
    ) -> None:
        insert_id(
            self.c,
            auction_events,
            auction_id=auction_id,
            seq=seq,
            kind=kind,
            payload=payload,
            at=at,
        )
        self.note_fact("auction_events", seq, auction_id)
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
