"""What the seized property needs from storage: lots, their disposal's facts (steps),
photos, video and documents, and who is barred from a lot.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    pass


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
class MaterialRecord:
    """A photo, video or document (a PDF such as the appraisal report) of a lot, without
    its bytes."""

    id: int
    lot_id: int
    kind: str  # photo | video | document
    title: str
    content_type: str
    sha256: str
    size: int


class Pictures(Protocol):
    """Re-encodes a photo with its pixels only (adapters/pictures.py): the EXIF of a
    camera's picture tells where and when it was taken."""

    def clean(self, content_type: str, data: bytes) -> bytes | None: ...


class Pdfs(Protocol):
    """Rewrites a PDF with its pages only (adapters/pdfs.py): a report's document info,
    XMP, earlier revisions, annotations and scripts may name the parties or run code."""

    def clean(
        self, data: bytes
    ) -> bytes | Literal["encrypted", "unreadable", "covered", "too_long"]: ...


class LotTx(Protocol):
    """The lots' part of a transaction (storage/case_store.py)."""

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
    def add_material(
        self, lot_id: int, kind: str, title: str, content_type: str, sha256: str, data: bytes,
        by: str, at: datetime,
    ) -> int: ...  # fmt: skip
    def materials(self, lot_id: int) -> list[MaterialRecord]: ...
    def material_data(self, material_id: int) -> tuple[MaterialRecord, bytes] | None: ...
    def remove_material(self, material_id: int) -> None: ...
    def bar(self, lot_id: int, id_number_index: str, reason: str, at: datetime) -> None: ...
    def barred(self, lot_id: int, id_number_index: str) -> bool: ...
