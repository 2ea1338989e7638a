"""The court documents of a lot, generated from its facts (``app/documents/`` words
them, the renderer makes PDF or HTML). Generating one reads the parties' and the
buyer's names, so each generation is recorded on the audit trail: who, which document,
and the names read are written to the personal-data read log with the purpose the court
user gave (app/audit/reads.py); without a purpose nothing is generated.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any, Literal

from fapai.app import documents
from fapai.app.accounts.courts import require
from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.auctions.ports import AuctionRecord
from fapai.app.audit import reads, trail
from fapai.app.cases import issued_documents
from fapai.app.cases.disposal import text
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
# the reason of a sale's document issued again once the sale was revoked
REVOKED = "拍卖成交后被撤销，重新出具并注明"
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
    reissue: str | None = None, version: int | None = None,
) -> tuple[bytes, str]:  # fmt: skip
    """The document as PDF bytes or UTF-8 HTML, and its file name (Chinese, case number);
    refused without a ``purpose`` (app/audit/reads.py) as every document names a person.
    Once the document has its own day it is served as issued (app/cases/issued_documents.py);
    ``reissue`` (the reason) makes the next version, for the bureau or the office;
    ``version`` serves an earlier version as it was issued (the latest by default)."""
    require(user, "auction_office", "enforcement", "director", "supervisor")
    reason = ""
    if reissue is not None:
        require(user, "auction_office", "enforcement")
        reason = text(reissue, "reason", 500)
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
        plan = _plan(tx, lot, kind, auction_id, party, beijing_date(now))

        def content(language: str) -> documents.DocumentContent:
            return _content(disclosure, tx, lot, kind, language, plan, party)

        words = content(lang)  # every request reads the names, and is logged
        issued = None
        if version is not None and not reason:
            kept = issued_documents.version(tx, plan.key, version)
            if not kept:
                raise not_found("该版本的文书", "That version of the document")
            issued = issued_documents.served(tx, services.cipher, kept, lang, fmt)
        elif plan.dated is not None:
            found = issued_documents.latest(tx, plan.key)
            if (
                found
                and not reason
                and found[0].reason != REVOKED
                and _revoked_since(plan, found[0].issued_at)
            ):
                reason = REVOKED  # the copy the court serves must say the sale was revoked
            if not found or reason:
                day = plan.dated if not found else beijing_date(now)
                how = issued_documents.Issue(day, now, f"court_user:{user.login}", reason)
                found = issued_documents.issue(
                    tx, services.cipher, renderer, plan.key, content, how
                )
            issued = issued_documents.served(tx, services.cipher, found, lang, fmt)
        elif reason:
            raise conflict(
                "not_issued", "该文书尚未出具，无须重新出具。",
                "This document has not been issued yet; there is nothing to re-issue.",
            )  # fmt: skip
        disclosure.log(tx, now)
        trail.record(
            tx, trail.SYSTEM, now, f"court_user:{user.login}", "document.generated",
            lot=lot_id, kind=kind, format=fmt,
            version=issued[1].version if issued else None,
            sha256=issued[1].sha256 if issued else None,
        )  # fmt: skip
    if issued is not None:
        return issued[0], issued[1].file_name
    data = renderer.pdf(words) if fmt == "pdf" else renderer.html(words).encode()
    return data, words.file_name.removesuffix(".pdf") + f".{fmt}"


def public_announcement(services: Services, auction_id: int) -> tuple[bytes, str]:
    """The announcement as issued, in Chinese, as PDF: the formal document the public page
    offers once the round is announced (OJA Art 12). It names no party, so reading it is
    no read of personal data; the first request issues it if the court has not yet."""
    renderer = services.documents
    with services.db.read() as tx:  # once issued, serving it writes nothing
        auction = tx.auction(auction_id)
        found = (
            issued_documents.latest(
                tx, issued_documents.DocumentKey(auction.lot_id, auction_id, "announcement", "")
            )
            if auction is not None
            else []
        )
        if found:
            data, record = issued_documents.served(tx, services.cipher, found, "zh", "pdf")
            return data, record.file_name
    with services.db.write() as tx:
        now = services.clock()
        auction = tx.auction(auction_id)
        lot = tx.lot(auction.lot_id) if auction is not None else None
        announced = tx.extras(auction_id).announced_at if lot is not None else None
        if renderer is None or lot is None or lot.case_id is None or announced is None:
            raise not_found("拍卖公告", "Announcement")
        plan = _plan(tx, lot, "announcement", auction_id, "", beijing_date(now))
        found = issued_documents.latest(tx, plan.key)
        if not found:
            how = issued_documents.Issue(beijing_date(announced), now, "system:publication")
            found = issued_documents.issue(
                tx, services.cipher, renderer, plan.key,
                lambda language: _content(None, tx, lot, "announcement", language, plan, ""),
                how,
            )  # fmt: skip
        data, record = issued_documents.served(tx, services.cipher, found, "zh", "pdf")
    return data, record.file_name


@dataclass(frozen=True, slots=True)
class _Plan:
    """What a document rests on: the round, the act it records, its own day (None for a
    draft, which is not issued) and the day whose facts it is worded from."""

    steps: list[StepRecord]
    auction: AuctionRecord | None
    found: StepRecord | None
    dated: date | None
    as_of: date
    key: issued_documents.DocumentKey


def _revoked_since(plan: _Plan, issued_at: datetime) -> bool:
    """Whether the round's sale was revoked after this document was issued: a document
    of the sale is then issued again, marked revoked (app/cases/sale_revocation.py)."""
    return any(
        s.step == "sale_revoked" and plan.auction is not None
        and s.auction_id == plan.auction.id and s.at >= issued_at
        for s in plan.steps
    )  # fmt: skip


def _plan(
    tx: Tx, lot: LotRecord, kind: str, auction_id: int | None, party: str, today: date
) -> _Plan:
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
    dated = _dated(tx, steps, kind, auction, found, party)
    key = issued_documents.DocumentKey(
        lot.id, None if kind == "ruling_to_auction" or auction is None else auction.id, kind,
        party if kind == "notice" else "",
    )  # fmt: skip
    return _Plan(steps, auction, found, dated, dated or today, key)


def _dated(
    tx: Tx, steps: list[StepRecord], kind: str, auction: AuctionRecord | None,
    found: StepRecord | None, party: str,
) -> date | None:  # fmt: skip
    """The document's own day: the act it records, or its publication or service."""
    if kind in ("ruling_to_auction", "sale_ruling", "revocation_ruling"):
        return found.on_date if found else None
    if kind == "title_transfer_notice":
        return beijing_date(found.at) if found else None
    assert auction is not None
    if kind == "confirmation_letter":
        return beijing_date(auction.closed_at) if auction.closed_at else None
    if kind == "announcement":
        announced = tx.extras(auction.id).announced_at
        return beijing_date(announced) if announced else None
    sent = [
        s for s in steps
        if s.step == "notice" and s.auction_id == auction.id
        and json.loads(s.details).get("role") == party
    ]  # fmt: skip
    return sent[-1].on_date if sent else None


def _content(
    disclosure: reads.Disclosure | None, tx: Tx, lot: LotRecord, kind: str, lang: str,
    plan: _Plan, party: str,
) -> documents.DocumentContent:  # fmt: skip
    """The document worded from the facts as of its own day (a draft: today's)."""
    steps, auction, found = plan.steps, plan.auction, plan.found
    case = _case(disclosure, tx, lot)
    facts = _lot(lot, steps, plan.as_of)
    if kind == "ruling_to_auction":
        assert found is not None
        return documents.ruling_to_auction(case, facts, _ruling(found), lang)
    assert auction is not None
    # the panel's decision on this round's terms, or on the paused round it continues
    decided = _last(steps, "terms", auction) or _last(steps, "terms", None)
    assert decided is not None
    terms = _terms(tx, lot, auction, decided)
    if kind == "announcement":
        return documents.announcement(case, facts, terms, lang, issued_on=plan.dated)
    if kind == "notice":
        announced = tx.extras(auction.id).announced_at
        recipient = case.applicant if party == "applicant" else case.debtor
        notice = documents.NoticeFacts(
            recipient, "party", beijing_date(announced) if announced else None
        )
        return documents.notice_to_party(case, facts, terms, notice, lang, issued_on=plan.dated)
    assert disclosure is not None
    sale = _sale(disclosure, tx, auction)
    panel = tuple(json.loads(decided.details)["panel"]["members"])
    revoked = _last(steps, "sale_revoked", auction)
    revocation = _revocation(revoked, panel) if revoked is not None else None
    ruled = _last(steps, "sale_ruled", auction)
    if kind == "revocation_ruling":
        assert revocation is not None
        number = json.loads(ruled.details)["ruling_number"] if ruled is not None else None
        return documents.revocation_ruling(
            case, facts, sale, revocation, lang, sale_ruling=number, issued_on=plan.dated
        )
    content = _undone(case, facts, terms, sale, ruled, found, panel, kind, lang, plan.dated)
    if revocation is not None:  # every document of the sale says it was revoked
        content = replace(content, revoked=documents.revoked_note(revocation, lang))
    return content


def _undone(
    case: documents.CaseFacts, facts: documents.LotFacts, terms: documents.TermsFacts,
    sale: documents.SaleFacts, ruled: StepRecord | None, found: StepRecord | None,
    panel: tuple[str, ...], kind: str, lang: str, dated: date | None,
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
    return documents.title_transfer_notice(case, facts, sale, transfer, lang, issued_on=dated)


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


def _case(disclosure: reads.Disclosure | None, tx: Tx, lot: LotRecord) -> documents.CaseFacts:
    """The case; without a ``disclosure`` (the public announcement, which names no party)
    the parties' names are not read at all."""
    assert lot.case_id is not None
    case = tx.case(lot.case_id)
    assert case is not None
    code, name = tx.court_names(lot.court_id)
    record = f"case:{case.id}"
    applicant = disclosure.decrypt(record, "applicant", case.applicant_enc) if disclosure else ""
    debtor = disclosure.decrypt(record, "debtor", case.debtor_enc) if disclosure else ""
    return documents.CaseFacts(name, code, case.number, applicant, debtor, case.basis)


def _lot(lot: LotRecord, steps: list[StepRecord], as_of: date) -> documents.LotFacts:
    """The lot with the reference price in force on ``as_of``: the last one fixed on or
    before that day (a ruling signed before the pricing cites none: issue 16 item 3)."""
    disclosure: dict[str, Any] = json.loads(lot.disclosure)
    priced = [s for s in steps if s.step == "priced" and s.on_date <= as_of]
    price = json.loads(priced[-1].details) if priced else None
    return documents.LotFacts(
        lot.title, lot.property_type, lot.location,
        {key: str(disclosure.get(key, "")) for key in documents.DISCLOSURE_KEYS},
        price["amount"] if price else None, price["method"] if price else None,
        priced[-1].on_date if priced else None, reference_pending=price is None,
    )  # fmt: skip


def _terms(
    tx: Tx, lot: LotRecord, auction: AuctionRecord, decided: StepRecord
) -> documents.TermsFacts:
    extras = tx.extras(auction.id)
    names = {p.code: p.name for p in tx.platforms()}
    # a 变卖's own "deposit" is the whole price, prepaid; what the documents call its
    # deposit is what a buyer who reneges forfeits: the deposit of the round before it
    # (as app/cases/settlement.py keeps it)
    before = tx.auction(extras.previous_id) if extras.previous_id is not None else None
    deposit = before.deposit if auction.kind == "sale" and before is not None else auction.deposit
    return documents.TermsFacts(
        min(auction.round, 2), auction.kind, auction.start_price, auction.increment,
        deposit, auction.starts_at, auction.ends_at,
        names.get(extras.platform or "", "待定"), tx.auction_balance_days(auction.id),
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
