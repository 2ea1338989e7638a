"""The court documents of a lot, generated from its facts (``app/documents/`` words
them, the renderer makes PDF or HTML). Generating one reads the parties' and the
buyer's names, so each generation is recorded on the audit trail: who, which document,
and the names read are written to the personal-data read log with the purpose the court
user gave (app/audit/reads.py); without a purpose nothing is generated.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from typing import Any, Literal

from fapai.app import documents
from fapai.app.accounts.courts import require
from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.auctions.ports import AuctionRecord
from fapai.app.audit import reads, trail
from fapai.app.errors import conflict, not_found, other_court
from fapai.app.lots.ports import LotRecord, StepRecord
from fapai.app.ports import Tx
from fapai.app.services import Services
from fapai.domain.calendar import beijing_date
from fapai.domain.identity import mask_id_number

Kind = Literal[
    "ruling_to_auction", "notice", "announcement", "confirmation_letter", "sale_ruling",
    "title_transfer_notice", "revocation_ruling",
]  # fmt: skip
# the step a document needs before it can be made
_NEEDS = {
    "ruling_to_auction": "ruled",
    "notice": "terms",
    "announcement": "terms",
    "confirmation_letter": None,
    "sale_ruling": "sale_ruled",
    "title_transfer_notice": "title_notice",
    "revocation_ruling": "sale_revoked",
}


def generate(
    services: Services, user: CourtPrincipal, lot_id: int, kind: str, fmt: str, lang: str,
    auction_id: int | None = None, party: str = "applicant",
    purpose: str | None = None, note: str | None = None, route: str = "",
) -> tuple[bytes, str]:  # fmt: skip
    """The document as PDF bytes or UTF-8 HTML, and its file name (Chinese, case number);
    refused without a ``purpose`` (app/audit/reads.py) as every document names a person."""
    require(user, "auction_office", "enforcement", "director", "supervisor")
    reader = reads.Reader(
        "court_user", user.user_id, purpose, note, route or f"document:{lot_id}:{kind}"
    )
    disclosure = reads.Disclosure(services.cipher, reader, user.court_id)
    renderer = services.documents
    if renderer is None:
        raise conflict("documents_unavailable", "文书服务未配置。", "No document renderer.")
    with services.db.write() as tx:
        now = services.clock()
        lot = tx.lot(lot_id)
        if lot is None or lot.case_id is None:
            raise not_found("案件标的物", "Lot of a case")
        if lot.court_id != user.court_id:
            raise other_court("案件")
        content = _content(disclosure, tx, lot, kind, lang, auction_id, party)
        disclosure.log(tx, now)
        trail.record(
            tx, trail.SYSTEM, now, f"court_user:{user.login}", "document.generated",
            lot=lot_id, kind=kind, format=fmt,
        )  # fmt: skip
    data = renderer.pdf(content) if fmt == "pdf" else renderer.html(content).encode()
    return data, content.file_name.removesuffix(".pdf") + f".{fmt}"


def _content(
    disclosure: reads.Disclosure, tx: Tx, lot: LotRecord, kind: str, lang: str,
    auction_id: int | None, party: str,
) -> documents.DocumentContent:  # fmt: skip
    steps = tx.steps(lot.id)
    rounds = tx.lot_auctions(lot.id)
    auction = next((a for a in rounds if a.id == auction_id), None) if auction_id else None
    auction = auction or (rounds[-1] if rounds else None)
    needed = _NEEDS[kind]
    found = _last(steps, needed, auction) if needed else None
    sold = (
        auction is not None
        and auction.leader_registration_id is not None
        and auction.closed_at is not None
    )
    if (needed and found is None) or (kind == "confirmation_letter" and not sold):
        raise conflict(
            "document_not_ready", "该文书所依据的程序尚未完成。",
            "The act this document records has not happened yet.",
        )  # fmt: skip
    case = _case(disclosure, tx, lot)
    facts = _lot(lot)
    if kind == "ruling_to_auction":
        assert found is not None
        return documents.ruling_to_auction(case, facts, _ruling(found), lang)
    assert auction is not None
    # the panel's decision on this round's terms, or on the paused round it continues
    decided = _last(steps, "terms", auction) or _last(steps, "terms", None)
    assert decided is not None
    terms = _terms(tx, lot, auction, decided)
    announced = tx.extras(auction.id).announced_at
    if kind == "announcement":
        on = beijing_date(announced) if announced else None
        return documents.announcement(case, facts, terms, lang, issued_on=on)
    if kind == "notice":
        recipient = case.applicant if party == "applicant" else case.debtor
        notice = documents.NoticeFacts(
            recipient, "party", beijing_date(announced) if announced else None
        )
        return documents.notice_to_party(case, facts, terms, notice, lang)
    sale = _sale(disclosure, tx, auction)
    panel = tuple(json.loads(decided.details)["panel"]["members"])
    revoked = _last(steps, "sale_revoked", auction)
    revocation = _revocation(revoked, panel) if revoked is not None else None
    ruled = _last(steps, "sale_ruled", auction)
    if kind == "revocation_ruling":
        assert revocation is not None
        number = json.loads(ruled.details)["ruling_number"] if ruled is not None else None
        return documents.revocation_ruling(case, facts, sale, revocation, lang, sale_ruling=number)
    content = _undone(case, facts, terms, sale, ruled, found, panel, kind, lang)
    if revocation is not None:  # every document of the sale says it was revoked
        content = replace(content, revoked=documents.revoked_note(revocation, lang))
    return content


def _undone(
    case: documents.CaseFacts, facts: documents.LotFacts, terms: documents.TermsFacts,
    sale: documents.SaleFacts, ruled: StepRecord | None, found: StepRecord | None,
    panel: tuple[str, ...], kind: str, lang: str,
) -> documents.DocumentContent:  # fmt: skip
    """The documents of the sale and after it, which a later revocation marks."""
    if kind == "confirmation_letter":
        return documents.confirmation_letter(case, facts, terms, sale, lang)
    assert ruled is not None
    if kind == "sale_ruling":
        return documents.sale_ruling(case, facts, sale, replace(_ruling(ruled), panel=panel), lang)
    assert found is not None
    details = json.loads(found.details)
    transfer = documents.TransferFacts(
        details["registry"], json.loads(ruled.details)["ruling_number"], found.on_date
    )
    return documents.title_transfer_notice(
        case, facts, sale, transfer, lang, issued_on=beijing_date(found.at)
    )


def _revocation(step: StepRecord, panel: tuple[str, ...]) -> documents.RevocationFacts:
    """The revocation after the sale as its approval recorded it (app/cases/sale_revocation)."""
    details = json.loads(step.details)
    return documents.RevocationFacts(
        documents.RulingFacts(details["ruling_number"], step.on_date, panel),
        details["ground"], details["article"], details["reason"], details["refunded"],
        details["owed"],
    )  # fmt: skip


def _last(steps: list[StepRecord], name: str, auction: AuctionRecord | None) -> StepRecord | None:
    for s in reversed(steps):
        if s.step == name and (
            s.auction_id is None or auction is None or s.auction_id == auction.id
        ):
            return s
    return None


def _ruling(step: StepRecord) -> documents.RulingFacts:
    return documents.RulingFacts(json.loads(step.details)["ruling_number"], step.on_date)


def _case(disclosure: reads.Disclosure, tx: Tx, lot: LotRecord) -> documents.CaseFacts:
    assert lot.case_id is not None
    case = tx.case(lot.case_id)
    assert case is not None
    code, name = tx.court_names(lot.court_id)
    record = f"case:{case.id}"
    return documents.CaseFacts(
        name, code, case.number, disclosure.decrypt(record, "applicant", case.applicant_enc),
        disclosure.decrypt(record, "debtor", case.debtor_enc), case.basis,
    )  # fmt: skip


def _lot(lot: LotRecord) -> documents.LotFacts:
    disclosure: dict[str, Any] = json.loads(lot.disclosure)
    return documents.LotFacts(
        lot.title, lot.property_type, lot.location,
        {key: str(disclosure.get(key, "")) for key in documents.DISCLOSURE_KEYS},
        lot.reference_price, lot.reference_method, lot.reference_date,
    )  # fmt: skip


def _terms(
    tx: Tx, lot: LotRecord, auction: AuctionRecord, decided: StepRecord
) -> documents.TermsFacts:
    code = tx.extras(auction.id).platform
    names = {p.code: p.name for p in tx.platforms()}
    return documents.TermsFacts(
        min(auction.round, 2), auction.kind, auction.start_price, auction.increment,
        auction.deposit, auction.starts_at, auction.ends_at,
        names.get(code or "", "待定"), tx.auction_balance_days(auction.id),
        tx.holder_count(auction.id), lot.house, decided.on_date,
    )  # fmt: skip


def _sale(disclosure: reads.Disclosure, tx: Tx, auction: AuctionRecord) -> documents.SaleFacts:
    assert auction.leader_registration_id is not None
    assert auction.price is not None
    won = tx.registration_by_id(auction.leader_registration_id)
    buyer = tx.account(won.account_id) if won is not None else None
    assert buyer is not None
    assert auction.closed_at is not None
    due = beijing_date(auction.closed_at) + timedelta(days=tx.auction_balance_days(auction.id))
    record = f"account:{buyer.id}"
    return documents.SaleFacts(
        disclosure.decrypt(record, "real_name", buyer.name_enc),
        mask_id_number(disclosure.decrypt(record, "id_number", buyer.id_number_enc)),
        auction.leader_code or "", auction.price, auction.closed_at, due,
    )  # fmt: skip
