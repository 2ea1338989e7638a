"""What the court's back office needs from storage: cases, the rounds of a lot, platforms
and lottery draws.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from fapai.app.auctions.ports import AuctionRecord


@dataclass(frozen=True, slots=True)
class CaseRecord:
    id: int
    court_id: int
    number: str
    basis: str
    applicant_enc: bytes
    debtor_enc: bytes
    created_at: datetime
    enforcement_amount: int | None  # fen, with the costs: met, the rest is not sold


@dataclass(frozen=True, slots=True)
class AuctionExtras:
    """An auction's place in its lot's disposal, beyond its bidding state."""

    announced_at: datetime | None
    platform: str | None
    previous_id: int | None
    pause: str | None  # JSON of the pause in force


@dataclass(frozen=True, slots=True)
class PlatformRecord:
    code: str
    name: str
    site: str
    listed_from: date
    listed_to: date | None
    listing_confirmed: bool = True  # False: the listing date is not confirmed (§9.4)


@dataclass(frozen=True, slots=True)
class DrawRecord:
    id: int
    lot_id: int
    purpose: str
    seed: str  # hex
    commitment: str
    candidates: str  # JSON [{key, load}]
    scheduled_at: datetime
    drawn_at: datetime | None
    chosen: str | None
    ticket: int | None


@dataclass(frozen=True, slots=True)
class IssuedDocumentRecord:
    """One rendering of one version of a court document as issued (its bytes apart)."""

    id: int
    lot_id: int
    auction_id: int | None
    kind: str
    party: str  # the addressee of a notice, "" for the other documents
    version: int
    lang: str
    format: str
    issued_on: date
    issued_at: datetime
    issued_by: str
    reason: str
    file_name: str
    sha256: str
    size: int


class CaseTx(Protocol):
    def insert_case(
        self, court_id: int, number: str, basis: str, applicant_enc: bytes,
        debtor_enc: bytes, at: datetime,
    ) -> int: ...  # fmt: skip
    def case(self, case_id: int) -> CaseRecord | None: ...
    def set_enforcement_amount(self, case_id: int, amount: int) -> None: ...
    def lock_case(self, case_id: int) -> None:
        """Hold the case until the transaction ends (acts bounded per case)."""
        ...

    def case_by_number(self, court_id: int, number: str) -> CaseRecord | None: ...
    def cases(self, court_id: int) -> list[CaseRecord]: ...
    def court_names(self, court_id: int) -> tuple[str, str]:
        """The court's code and full name."""
        ...

    def lot_auctions(self, lot_id: int) -> list[AuctionRecord]:
        """The lot's auctions, oldest first."""
        ...

    def extras(self, auction_id: int) -> AuctionExtras: ...
    def set_extras(
        self,
        auction_id: int,
        platform: str | None,
        previous_id: int | None,
        balance_days: int | None,
    ) -> None:
        """The platform, the round it follows and, unless None, the balance period."""
        ...

    def holder_count(self, auction_id: int) -> int:
        """Preemptive-right holders the bureau confirmed for the auction (OJA Art 19)."""
        ...

    def set_announced(self, auction_id: int, at: datetime) -> None: ...
    def hand_over(self, auction_id: int) -> None:
        """The auction is held on the platform it was designated to, not here."""
        ...

    def set_pause(self, auction_id: int, status: str, pause: str | None) -> None:
        """Set the auction's status with the pause in force (None lifts it)."""
        ...

    def set_window(self, auction_id: int, starts_at: datetime, ends_at: datetime) -> None: ...
    def platforms(self) -> list[PlatformRecord]: ...
    def platform_loads(self, since: datetime) -> dict[str, int]:
        """Auctions announced per platform since a time: the entrustment balance."""
        ...

    def insert_draw(
        self, lot_id: int, purpose: str, seed: str, commitment: str, candidates: str,
        at: datetime,
    ) -> int: ...  # fmt: skip
    def draw(self, lot_id: int, purpose: str) -> DrawRecord | None: ...
    def finish_draw(self, draw_id: int, chosen: str, ticket: int, at: datetime) -> None: ...
    def issued_documents(
        self, lot_id: int, auction_id: int | None, kind: str, party: str
    ) -> list[IssuedDocumentRecord]:
        """Every rendering of the document as issued, oldest version first."""
        ...

    def lot_issued_documents(self, lot_id: int) -> list[IssuedDocumentRecord]:
        """Every rendering of every document of the lot as issued, by kind and version."""
        ...

    def issued_document_data(self, document_id: int) -> bytes:
        """The encrypted bytes of one rendering."""
        ...

    def add_issued_document(self, record: IssuedDocumentRecord, data_enc: bytes) -> int: ...
    def paid_at(self, auction_id: int) -> datetime | None:
        """When the last of the price (balance or in-lieu difference) arrived; None while
        some is still due or none was ever due."""
        ...
