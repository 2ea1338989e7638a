"""What a live auction needs from storage: auctions, registrations, payments, bids and
live events, as plain records and the auctions' part of a transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from fapai.app.audit.ports import AuditRow

# Not public, no registrations, no bids: a draft, and an auction handed over to the
# platform it was designated to (app/auctions/availability.held_here).
NOT_HERE = frozenset({"draft", "elsewhere"})


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
    proxy_status: str | None = None  # bidding as agent: pending | confirmed (OJA Art 14(2))


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
class BidContext:
    """The locked auction, the bidder's registration, an earlier bid with the same
    Idempotency-Key, and the head of the auction's audit chain."""

    auction: AuctionRecord
    registration: RegistrationRecord | None
    earlier: BidRecord | None
    audit_head: tuple[int, str]
    # on the court's OJA Art 34 list, perhaps entered after registering: the rule holds
    # until the close, not only at the door
    excluded: bool = False


class AuctionTx(Protocol):
    """Auctions, registrations, payments, bids and live events: the auctions' part of a
    transaction (storage/store.py, storage/bid_path.py).
    """

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

    def watch(self, account_id: int, auction_id: int, at: datetime) -> None:
        """Add to the bidder's watchlist; watching twice keeps one entry."""
        ...

    def unwatch(self, account_id: int, auction_id: int) -> None: ...
    def watched(self, account_id: int) -> list[int]:
        """The bidder's watchlist, oldest first."""
        ...

    def interest(self, auction_id: int) -> tuple[int, int]:
        """(registrations, watchers) of one auction: counts, never who."""
        ...

    def count_view(self, auction_id: int) -> None:
        """One more view of the auction's page (围观次数)."""
        ...

    def views(self, auction_id: int) -> int:
        """How often the auction's page was viewed; 0 before the first."""
        ...

    def save_bidding_state(self, record: AuctionRecord) -> None: ...
    def due_auctions(self, now: datetime, limit: int) -> list[int]: ...
    def closed_before(self, at: datetime) -> list[int]:
        """Auctions that closed before ``at``, oldest id first (OJA Art 29's retention)."""
        ...

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
        account_commitment: str,
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

    # who may register (app/auctions/admission.py)
    def listed_categories(self, court_id: int, id_number_index: str) -> set[str]: ...
    def add_to_court_list(
        self, court_id: int, id_number_index: str, category: str, at: datetime
    ) -> bool:
        """False when the person is on the list in that category already."""
        ...

    def remove_from_court_list(
        self, court_id: int, id_number_index: str, category: str
    ) -> bool: ...
    def court_list_counts(self, court_id: int) -> dict[str, int]: ...
    def insert_registration_refusal(self, auction_id: int, rule: str, at: datetime) -> None: ...
    def registration_refusals(self, auction_id: int) -> dict[str, int]: ...
    def deposit_loans(self, lot_id: int) -> str:
        """The lot's term on borrowed deposits: any, banks or forbidden (seed 001)."""
        ...

    def set_deposit_loans(self, lot_id: int, deposit_loans: str) -> None: ...
    def set_funds(self, registration_id: int, funds: str) -> None: ...
    def registration_funds(self, registration_id: int) -> str | None: ...
    def proxy_principal(self, registration_id: int) -> str | None:
        """The blind index of the principal a registration declared it bids for."""
        ...

    def lot_conditions(self, lot_id: int) -> tuple[bool, bool]:
        """(purchase_restricted, consumption_restricted) as the court marked the lot."""
        ...

    def set_lot_conditions(
        self, lot_id: int, purchase_restricted: bool, consumption_restricted: bool
    ) -> None: ...
    def set_eligibility_committed(self, registration_id: int, at: datetime) -> None: ...
    def set_proxy(self, registration_id: int, principal_index: str, ref: str) -> None: ...
    def registration_by_proxy_ref(self, ref: str) -> RegistrationRecord | None: ...
    def confirm_proxy(self, registration_id: int, at: datetime) -> None: ...
    def pending_proxies(self, auction_id: int) -> list[str]:
        """The references of the declarations still waiting for the office."""
        ...

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
        self, payment_id: int, status: str, bank_ref: str | None, detail: str, at: datetime,
        payer: tuple[bytes, str, str] | None = None,
    ) -> None:  # fmt: skip
        """One state of a payment; ``payer`` is the paying account (encrypted number, bank,
        kind) as the bank's notice gave it."""
        ...

    def flag_payment(
        self, court_id: int, auction_id: int, payment_id: int, kind: str, detail: str,
        at: datetime,
    ) -> None:  # fmt: skip
        """A supervision flag on a payment (seed 001: a house bought with a loan)."""
        ...

    def payment_flags(self, court_id: int) -> list[tuple[int, int, str, str, datetime]]:
        """(auction, payment, kind, detail, raised at) of a court's flags, oldest first."""
        ...

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
    def bids_before(self, auction_id: int, before: int | None, limit: int) -> list[BidRecord]: ...
    def insert_event(
        self, auction_id: int, seq: int, kind: str, payload: str, at: datetime
    ) -> None: ...
    def events_after(self, auction_id: int, seq: int) -> list[EventRecord]: ...
    def insert_confirmation(
        self, auction_id: int, registration_id: int, code: str, price: int, at: datetime
    ) -> None: ...
