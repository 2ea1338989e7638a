"""What the use cases need from the outside world, as Protocols.

``storage/`` implements ``Database`` with SQLAlchemy; tests may pass fakes.
The records are plain values so that no use case ever holds a live row.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from fapai.app.case_ports import CaseTx
from fapai.domain.audit.chain import StoredRecord
from fapai.domain.ledger.postings import Posting

# The audit trail's records are the domain's own values; storage reads and writes them.
AuditRow = StoredRecord


class Clock(Protocol):
    def __call__(self) -> datetime: ...


class Cipher(Protocol):
    """Encryption of personal data at rest, and keyed hashes to compare it blind."""

    def encrypt(self, text: str) -> bytes: ...
    def decrypt(self, blob: bytes) -> str: ...
    def blind_index(self, kind: str, text: str) -> str: ...
    def sign(self, message: bytes) -> str: ...


class Publisher(Protocol):
    """Hands a committed auction event to live subscribers (called after commit)."""

    def __call__(self, auction_id: int, seq: int, kind: str, payload: str) -> None: ...


@dataclass(frozen=True, slots=True)
class AuctionRecord:
    id: int
    lot_id: int
    court_id: int
    round: int
    start_price: int
    increment: int
    deposit: int
    starts_at: datetime
    ends_at: datetime
    extension_seconds: int
    allow_self_raise: bool
    status: str
    price: int | None
    leader_registration_id: int | None
    leader_code: str | None
    leader_rank: int | None
    effective_end: datetime
    extensions: int
    seq: int
    bid_count: int
    closed_at: datetime | None
    kind: str = "auction"  # or "sale" (变卖): the first bid starts a 24-hour countdown


@dataclass(frozen=True, slots=True)
class AuctionListing:
    """An auction with the lot and court it belongs to, for lists and pages."""

    auction: AuctionRecord
    court_code: str
    court_name: str
    lot_title: str
    property_type: str
    location: str
    disclosure: str
    reference_price: int | None
    announced_at: datetime | None
    platform: str | None
    pause: str | None  # JSON of the pause in force (OJA Art 28: its reason is published)
    accepted_bids: int  # AuctionRecord.bid_count counts the refused ones too


@dataclass(frozen=True, slots=True)
class AuctionFilter:
    status: str | None = None  # upcoming | live | sold | unsold | closing
    property_type: str | None = None
    court_code: str | None = None
    round: int | None = None
    min_price: int | None = None
    max_price: int | None = None
    court_id: int | None = None  # a court's own list: drafts included
    kind: str | None = None  # auction | sale (变卖)
    words: tuple[str, ...] = ()  # each in the title, the location or the court's name
    region: str | None = None  # the lot's region (court.region_of)
    # default (live, then settling, then coming, then ended, newest first) | ending |
    # newest | price_asc | price_desc
    order: str = "default"


@dataclass(frozen=True, slots=True)
class RegistrationRecord:
    id: int
    auction_id: int
    account_id: int
    code: str
    preemptive_rank: int | None
    barred: bool
    deposit_status: str  # unpaid | pending | confirmed | exempt | refused | released | applied
    deposit_confirmed_at: datetime | None
    deposit_required: int  # fen: the auction's deposit, or less for the applicant (Art 17)


@dataclass(frozen=True, slots=True)
class BidRecord:
    auction_id: int
    number: int
    registration_id: int
    code: str
    amount: int | None
    amount_text: str | None
    received_at: datetime
    reason: str | None
    ends_at_after: datetime
    extended: bool
    event_seq: int | None
    idempotency_key: str


@dataclass(frozen=True, slots=True)
class AccountRecord:
    id: int
    name_enc: bytes
    id_number_enc: bytes
    phone_enc: bytes
    name_index: str
    id_number_index: str


@dataclass(frozen=True, slots=True)
class CourtUserRecord:
    id: int
    court_id: int
    login: str
    role: str


@dataclass(frozen=True, slots=True)
class PaymentRecord:
    id: int
    order_ref: str
    registration_id: int
    amount: int
    status: str  # the latest payment event: pending | confirmed | refused
    purpose: str  # deposit | balance


@dataclass(frozen=True, slots=True)
class EventRecord:
    seq: int
    kind: str
    payload: str


@dataclass(frozen=True, slots=True)
class SealRow:
    id: int
    at: str
    heads: str
    prev_hash: str
    hash: str


@dataclass(frozen=True, slots=True)
class Due:
    """Money that must move by ``due_at`` (a refund, a balance, a payout)."""

    id: int
    court_id: int
    auction_id: int | None
    kind: str  # refund | balance | payout
    account: str
    amount: int
    due_at: datetime
    settled: bool
    alerted: bool


@dataclass(frozen=True, slots=True)
class LedgerLine:
    """One posting with its transaction, for statements."""

    transaction_id: int
    at: datetime
    kind: str
    memo: str
    bank_ref: str | None
    account: str
    amount: int


@dataclass(frozen=True, slots=True)
class StatementLine:
    """One line of the bank's statement of the court's account."""

    line: int
    booked_on: str
    amount: int
    bank_ref: str
    counterparty: str


class LedgerTx(Protocol):
    """The ledger's part of a transaction (storage/ledger_store.py)."""

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
    ) -> int: ...
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
    ) -> int: ...
    def settle(self, due_id: int, transaction_id: int, at: datetime) -> None: ...
    def dues(
        self,
        court_id: int | None,
        open_only: bool,
        auction_id: int | None = None,
        kind: str | None = None,
        due_by: datetime | None = None,
    ) -> list[Due]:
        """Dues, soonest first, narrowed by court, auction, kind and latest due time."""
        ...

    def raise_alert(self, due_id: int, at: datetime) -> None: ...
    def transaction(self, transaction_id: int) -> tuple[int, int | None, list[Posting]] | None:
        """(court, auction, postings) of one ledger transaction."""
        ...

    def reversed_by(self, transaction_id: int) -> int | None: ...
    def balances(self, court_id: int | None, prefix: str = "") -> dict[str, int]: ...
    def balance(self, account: str) -> int: ...
    def lines(self, account_prefix: str, court_id: int | None = None) -> list[LedgerLine]: ...
    def unbalanced_transactions(self) -> list[int]: ...
    def drifted_balances(self) -> list[tuple[str, int, int]]: ...
    def bank_transactions(self, court_id: int) -> list[LedgerLine]: ...
    def add_statement(
        self, court_id: int, import_id: str, lines: Sequence[StatementLine], at: datetime
    ) -> None: ...
    def statement(self, court_id: int) -> list[StatementLine]: ...
    def auction_balance_days(self, auction_id: int) -> int: ...
    def registrations_of_account(self, account_id: int) -> list[tuple[int, int, str]]:
        """(auction, registration, code) of every registration of one bidder account."""
        ...

    def court_totals(self) -> dict[int, int]:
        """The sum of every kept balance, per court: zero when its books balance."""
        ...

    def deposit_states(self) -> list[tuple[int, int, int, str, int]]:
        """(court, auction, registration, deposit status, deposit required) of every
        registration."""
        ...


@dataclass(frozen=True, slots=True)
class BidContext:
    """The locked auction, the bidder's registration, an earlier bid with the same
    Idempotency-Key, and the head of the auction's audit chain."""

    auction: AuctionRecord
    registration: RegistrationRecord | None
    earlier: BidRecord | None
    audit_head: tuple[int, str]


class Tx(LedgerTx, CaseTx, Protocol):
    """One database transaction; committed when its block ends without error."""

    # courts, users, lots, auctions
    def insert_court(self, code: str, name: str, region: str) -> int: ...
    def court_id_by_code(self, code: str) -> int | None: ...
    def insert_court_user(self, court_id: int, login: str, role: str, token_hash: str) -> int: ...
    def court_user_by_token(self, token_hash: str) -> CourtUserRecord | None: ...
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
    ) -> int: ...
    def insert_auction(self, record: AuctionRecord, at: datetime) -> int: ...
    def auction(self, auction_id: int) -> AuctionRecord | None: ...
    def lock_auction(self, auction_id: int) -> AuctionRecord | None: ...
    def listing(self, auction_id: int) -> AuctionListing | None: ...
    def search(
        self, where: AuctionFilter, now: datetime, offset: int, limit: int
    ) -> tuple[list[AuctionListing], int]: ...
    def facets(self) -> tuple[list[tuple[str, str]], list[str]]:
        """The courts (code, name) and regions that have public auctions."""
        ...

    def save_bidding_state(self, record: AuctionRecord) -> None: ...
    def due_auctions(self, now: datetime, limit: int) -> list[int]: ...

    # bidders
    def insert_account(
        self,
        token_hash: str,
        name_enc: bytes,
        id_number_enc: bytes,
        phone_enc: bytes,
        name_index: str,
        id_number_index: str,
        at: datetime,
    ) -> int: ...
    def account_by_token(self, token_hash: str) -> AccountRecord | None: ...
    def account_by_id_index(self, id_number_index: str) -> AccountRecord | None: ...
    def account(self, account_id: int) -> AccountRecord | None: ...
    def registration(self, auction_id: int, account_id: int) -> RegistrationRecord | None: ...
    def registration_by_id(self, registration_id: int) -> RegistrationRecord | None: ...
    def registrations(self, auction_id: int) -> list[RegistrationRecord]: ...
    def codes(self, auction_id: int) -> set[str]: ...
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
    ) -> int: ...
    def insert_applicant(
        self, auction_id: int, id_number_index: str, claim: int, at: datetime
    ) -> None: ...
    def applicant_claim(self, auction_id: int, id_number_index: str) -> int | None: ...
    def set_deposit_status(self, registration_id: int, status: str, at: datetime) -> None: ...
    def set_preemptive(self, registration_id: int, code: str, rank: int) -> None: ...
    def insert_preemptive_holder(
        self, auction_id: int, id_number_index: str, rank: int, at: datetime
    ) -> None: ...
    def preemptive_rank(self, auction_id: int, id_number_index: str) -> int | None: ...

    # payments
    def insert_payment(
        self, order_ref: str, registration_id: int, amount: int, at: datetime, purpose: str
    ) -> int: ...
    def payment_by_ref(self, order_ref: str) -> PaymentRecord | None: ...
    def pending_payment(self, registration_id: int, purpose: str) -> PaymentRecord | None: ...
    def transfer_outcome(self, payment_id: int, bank_ref: str) -> tuple[str, str] | None:
        """(status, detail) this order's earlier notice of transfer ``bank_ref`` got."""
        ...

    def insert_payment_event(
        self, payment_id: int, status: str, bank_ref: str | None, detail: str, at: datetime
    ) -> None: ...

    # bids and live events
    def bid_context(self, auction_id: int, account_id: int, key: str) -> BidContext | None:
        """Lock the auction and read what judging a bid needs, in one statement."""
        ...

    def record_bids(
        self,
        bids: list[BidRecord],
        events: list[tuple[int, str, datetime]],
        trail: list[AuditRow],
        after: AuctionRecord,
    ) -> None:
        """Append a batch's bids, live events (seq, payload, time) and audit records,
        and save the auction's state after them."""
        ...

    def bids(self, auction_id: int, accepted_only: bool) -> list[BidRecord]: ...
    def insert_event(
        self, auction_id: int, seq: int, kind: str, payload: str, at: datetime
    ) -> None: ...
    def events_after(self, auction_id: int, seq: int) -> list[EventRecord]: ...
    def insert_confirmation(
        self, auction_id: int, registration_id: int, code: str, price: int, at: datetime
    ) -> None: ...

    # audit trail
    def audit_head(self, scope: str) -> tuple[int, str]: ...
    def append_audit(self, row: AuditRow) -> None: ...
    def audit_scopes(self) -> list[str]: ...
    def audit_rows(self, scope: str) -> Iterator[AuditRow]: ...
    def audit_row(self, scope: str, seq: int) -> AuditRow | None: ...
    def peek_head(self, scope: str) -> tuple[int, str]: ...
    def unsealed_heads(self) -> dict[str, tuple[int, str]]: ...
    def seals(self) -> Sequence[SealRow]: ...
    def last_seal(self) -> SealRow | None: ...
    def insert_seal(self, at: str, heads: str, prev_hash: str, hash_: str) -> None: ...


class Database(Protocol):
    def write(self, auction_id: int | None = None) -> AbstractContextManager[Tx]:
        """A write transaction; with ``auction_id`` the caller will lock that auction."""
        ...

    def read(self) -> AbstractContextManager[Tx]: ...


@dataclass(frozen=True, slots=True)
class BankNotice:
    """A bank's signed report that money arrived for a payment order."""

    order_ref: str
    bank_ref: str
    amount: int
    payer_name: str


class PaymentGateway(Protocol):
    """The bank or payment system that receives deposits into the court's account."""

    def instructions(self, order_ref: str, amount: int) -> dict[str, str]:
        """What the bidder needs to pay: the account, the reference, a payment page."""
        ...

    def read_notice(self, body: bytes, signature: str) -> BankNotice | None:
        """The notice, or None when the signature or the content is not the bank's."""
        ...

    def send(self, back_to: str | None, amount: int, memo: str) -> str:
        """Pay ``amount`` out of the court's account — back along the incoming transfer
        ``back_to`` (原路退回) when there is one — and return the bank's reference."""
        ...
