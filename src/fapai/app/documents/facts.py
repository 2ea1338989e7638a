"""The facts a court document is built from, and the content a renderer lays out.

The facts are plain frozen values gathered by the caller (``app/cases/case_documents.py``) so
that the builders stay pure; ``DocumentRenderer`` is the port ``adapters/`` implements.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

Section = tuple[str, tuple[str, ...]]
Row = tuple[str, str]

#: What an announcement must disclose about the property (OJA Art 13(5), (9),
#: Art 14(3)); every key is required, "无" is an answer, silence is not.
DISCLOSURE_KEYS = ("occupancy", "leases", "arrears", "taxes", "encumbrances", "clearing", "other")


@dataclass(frozen=True)
class CaseFacts:
    court_name: str
    court_code: str
    case_number: str  # 案号, e.g. "（2026）沪01执123号"
    applicant: str
    debtor: str
    enforcement_basis: str  # 执行依据, e.g. "（2025）沪01民初45号民事判决书"


@dataclass(frozen=True)
class LotFacts:
    title: str
    property_type: str  # real_estate | movable | other_right
    location: str
    disclosure: Mapping[str, str]  # the DISCLOSURE_KEYS
    reference_price: int | None
    reference_method: str | None  # agreed | targeted | online | appraisal (REF Art 2)
    reference_date: date | None
    # No reference price yet on the document's day, and the court is to fix one (REF
    # Art 1): a ruling to auction signed before the pricing says so rather than naming a
    # market-price route or a price it could not have known (issue 16 item 3).
    reference_pending: bool = False


@dataclass(frozen=True)
class TermsFacts:
    round: int  # 1 or 2 (OJA Art 26)
    kind: str  # "auction" | "sale" (变卖, OJA Arts 26, 37)
    start_price: int
    increment: int
    deposit: int
    starts_at: datetime
    ends_at: datetime
    platform: str
    balance_days: int
    preemptive_holders: int  # holders the court has confirmed (OJA Art 19)
    house_eligibility_required: bool  # HSE Arts 1-3
    decided_on: date  # the collegial panel decided these terms (OJA Art 27)


@dataclass(frozen=True)
class SaleFacts:
    buyer_name: str
    buyer_id_masked: str
    buyer_code: str
    price: int
    closed_at: datetime
    balance_due: date | None


@dataclass(frozen=True)
class RulingFacts:
    ruling_number: str
    signed_on: date
    # The collegial panel that signs it, presiding judge first, as recorded with the
    # terms (OJA Art 27); empty when no panel is on record, and the court signs.
    panel: tuple[str, ...] = ()


@dataclass(frozen=True)
class NoticeFacts:
    recipient: str
    role: str  # "party" | "preemptive_holder"
    announced_on: date | None  # when the announcement is (to be) published


@dataclass(frozen=True)
class TransferFacts:
    registry: str  # e.g. "上海市不动产登记事务中心"
    ruling_number: str
    served_on: date  # the sale ruling reached the buyer: title passed (OJA Art 22)


@dataclass(frozen=True)
class Signature:
    """The block a document ends with. A ruling is signed by its panel, by role and
    name, with the clerk after the date; a letter or an announcement by the court in its
    own name (``signers`` is then one row with no role). ``seal`` marks where the court's
    seal goes: on the date, over the court's name where it signs."""

    signers: tuple[Row, ...]
    date: str
    seal: str
    clerk: Row | None = None


@dataclass(frozen=True)
class DocumentContent:
    """A document as headed paragraphs and one two-column table.

    ``court`` heads the first page, as court documents are headed. ``dated`` is the day
    the document speaks from, for the file's metadata: the date it is signed, or while
    the court leaves that line blank to date it when it seals, the day of the latest act
    the document records. ``file_name`` is the Chinese name a saved copy gets: the case
    number and the document's name.
    """

    kind: str
    court: str
    title: str
    number: str
    addressee: str
    sections: tuple[Section, ...]
    table: tuple[Row, ...]
    signature: Signature
    footer: str
    lang: str
    dated: date
    file_name: str
    table_heading: str = ""
    # set once the act the document records was revoked: the line says by which ruling
    revoked: str = ""


class DocumentRenderer(Protocol):
    def pdf(self, content: DocumentContent) -> bytes: ...

    def html(self, content: DocumentContent) -> str: ...
