"""Complaints about the platform's service (not legal objections: those are filed under
CPL Arts 236, 238): anyone may complain about a court's auctions; the court's online
auction office and its supervisor both see the complaint, the office sets the day it
answers by (the deadline board watches it) and answers."""

from __future__ import annotations

from datetime import date
from typing import Any

from fapai.app.accounts.courts import require
from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.audit import reads, trail
from fapai.app.cases.disposal import actor, text
from fapai.app.errors import conflict, invalid, not_found, other_court
from fapai.app.ports import Tx
from fapai.app.presenting import beijing
from fapai.app.remedies.ports import ComplaintRecord
from fapai.app.services import Services
from fapai.domain.calendar import beijing_date

#: the court answers within this many days at most: a deadline is bounded at the edge
LONGEST_DAYS = 60


def file_complaint(
    services: Services, court_code: str | None, auction_id: int | None, subject: str,
    body: str, contact: str | None, institution_id: int | None = None,
) -> int:  # fmt: skip
    """A complaint to a court about its auctions' service; the contact, if given, is kept
    encrypted and shown only to that court. A complaint about an auxiliary institution
    (seed 003 Art 24's hotline) goes to the court that keeps its database, and counts in
    the institution's evaluation (Shanghai item 24)."""
    subject_, body_ = text(subject, "subject", 100), text(body, "body", 5000)
    reach = text(contact, "contact", 200) if contact else None
    with services.db.write() as tx:
        court_id = tx.court_id_by_code(court_code) if court_code else None
        if institution_id is not None:
            institution = tx.institution(institution_id)
            if (
                institution is None
                or institution.admitted_on is None
                or (court_code and institution.court_id != court_id)
            ):
                raise not_found("网拍辅助机构", "Institution")
            court_id = institution.court_id
        if court_id is None:
            raise not_found("法院", "Court")
        if auction_id is not None:
            auction = tx.auction(auction_id)
            if auction is None or auction.court_id != court_id:
                raise not_found("拍卖", "Auction")
        now = services.clock()
        complaint_id = tx.insert_complaint(
            court_id, auction_id, subject_, body_,
            services.cipher.encrypt(reach) if reach else None, now, institution_id,
        )  # fmt: skip
        trail.record(
            tx, trail.SYSTEM, now, "public", "complaint.filed", complaint=complaint_id,
            court=court_id, auction=auction_id, institution=institution_id,
        )  # fmt: skip
    return complaint_id


def listed(services: Services, user: CourtPrincipal) -> list[dict[str, Any]]:
    """The court's complaints, for its office and its supervisor; reading a complainant's
    contact is logged as a personal-data read (purpose: supervision review)."""
    require(user, "auction_office", "supervisor")
    reader = reads.Reader(
        "court_user", user.user_id, "supervision_review", "服务投诉", "complaints"
    )
    disclosure = reads.Disclosure(services.cipher, reader, user.court_id)
    with services.db.write() as tx:
        found = [
            {
                "id": c.id, "auction_id": c.auction_id, "institution_id": c.institution_id,
                "subject": c.subject, "body": c.body,
                "contact": disclosure.decrypt(f"complaint:{c.id}", "contact", c.contact_enc)
                if c.contact_enc else None,
                "filed_at": beijing(c.filed_at),
                "respond_by": c.respond_by.isoformat() if c.respond_by else None,
                "response": c.response,
                "responded_at": beijing(c.responded_at) if c.responded_at else None,
            }
            for c in tx.complaints(user.court_id)
        ]  # fmt: skip
        disclosure.log(tx, services.clock())
    return found


def set_deadline(
    services: Services, user: CourtPrincipal, complaint_id: int, respond_by: date
) -> None:
    """The office sets the day the complaint is answered by (at most 60 days ahead)."""
    require(user, "auction_office")
    with services.db.write() as tx:
        complaint = _of_court(tx, user, complaint_id)
        now = services.clock()
        today = beijing_date(now)
        if not today <= respond_by <= date.fromordinal(today.toordinal() + LONGEST_DAYS):
            raise invalid(
                "invalid_respond_by", f"答复期限须在今天至{LONGEST_DAYS}日内。",
                f"The answer is due between today and {LONGEST_DAYS} days ahead.",
            )  # fmt: skip
        tx.set_complaint_deadline(complaint.id, respond_by)
        trail.record(
            tx, trail.SYSTEM, now, actor(user), "complaint.deadline_set", complaint=complaint.id,
            respond_by=respond_by.isoformat(),
        )  # fmt: skip


def answer(services: Services, user: CourtPrincipal, complaint_id: int, response: str) -> None:
    require(user, "auction_office")
    said = text(response, "response", 5000)
    with services.db.write() as tx:
        complaint = _of_court(tx, user, complaint_id)
        if complaint.response is not None:
            raise conflict("already_answered", "该投诉已答复。", "The complaint is answered.")
        now = services.clock()
        tx.answer_complaint(complaint.id, said, actor(user), now)
        trail.record(
            tx, trail.SYSTEM, now, actor(user), "complaint.answered", complaint=complaint.id
        )


def _of_court(tx: Tx, user: CourtPrincipal, complaint_id: int) -> ComplaintRecord:
    complaint = tx.complaint(complaint_id)
    if complaint is None:
        raise not_found("投诉", "Complaint")
    if complaint.court_id != user.court_id:
        raise other_court("投诉")
    return complaint
