"""What the court's back office needs from storage: cases, lots in a case, the facts of
their disposal (steps), platforms and lottery draws, and who is barred from a lot.

Kept apart from ``ports.py`` (the live auction's ports) so that each stays one concept;
``ports.Tx`` includes this protocol, so one transaction covers both.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from fapai.app.ports import AuctionRecord


@dataclass(frozen=True, slots=True)
class CaseRecord:
    id: int
    court_id: int
    number: str
    basis: str
    applicant_enc: bytes
    debtor_enc: bytes
    created_at: datetime


@dataclass(frozen=True, slots=True)
class LotRecord:
    id: int
    court_id: int
    title: str
    property_type: str
    location: str
    disclosure: str
    reference_price: int | None
    case_id: int | None
    stage: str | None
    house: bool
    reference_method: str | None
    reference_date: date | None
    reference_valid_until: date | None


@dataclass(frozen=True, slots=True)
class StepRecord:
    id: int
    lot_id: int
    auction_id: int | None
    step: str
    on_date: date
    details: str  # canonical JSON
    actor: str
    at: datetime


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
class MaterialRecord:
    """A photo or video of a lot, without its bytes."""

    id: int
    lot_id: int
    kind: str  # photo | video
    title: str
    content_type: str
    sha256: str
    size: int


class CaseTx(Protocol):
    def insert_case(
        self, court_id: int, number: str, basis: str, applicant_enc: bytes,
        debtor_enc: bytes, at: datetime,
    ) -> int: ...  # fmt: skip
    def case(self, case_id: int) -> CaseRecord | None: ...
    def case_by_number(self, court_id: int, number: str) -> CaseRecord | None: ...
    def cases(self, court_id: int) -> list[CaseRecord]: ...
    def court_names(self, court_id: int) -> tuple[str, str]:
        """The court's code and full name."""
        ...

    def lot(self, lot_id: int) -> LotRecord | None: ...
    def lock_lot(self, lot_id: int) -> LotRecord | None:
        """The lot, locked for this transaction (its acts are taken one at a time)."""
        ...

    def lots(self, court_id: int, case_id: int | None = None) -> list[LotRecord]:
        """The lots of a court that belong to a case (of one case when given)."""
        ...

    def place_in_case(self, lot_id: int, case_id: int, house: bool) -> None: ...
    def set_lot_stage(self, lot_id: int, stage: str) -> None: ...
    def set_reference(
        self, lot_id: int, amount: int, method: str, on_date: date, valid_until: date
    ) -> None: ...
    def add_step(
        self, lot_id: int, auction_id: int | None, step: str, on_date: date, details: str,
        actor: str, at: datetime,
    ) -> int: ...  # fmt: skip
    def steps(self, lot_id: int) -> list[StepRecord]: ...
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
    def paid_at(self, auction_id: int) -> datetime | None:
        """When the last of the price (balance or in-lieu difference) arrived; None while
        some is still due or none was ever due."""
        ...

    def add_material(
        self, lot_id: int, kind: str, title: str, content_type: str, sha256: str, data: bytes,
        by: str, at: datetime,
    ) -> int: ...  # fmt: skip
    def materials(self, lot_id: int) -> list[MaterialRecord]: ...
    def material_data(self, material_id: int) -> tuple[MaterialRecord, bytes] | None: ...
    def bar(self, lot_id: int, id_number_index: str, reason: str, at: datetime) -> None: ...
    def barred(self, lot_id: int, id_number_index: str) -> bool: ...
