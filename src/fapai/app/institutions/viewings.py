"""Viewings (看样, seed 003 Art 3(4), Art 16) asked for on the public lot page and
arranged by the lot's institution, without the institution learning who will bid.

The request holds a contact phone (encrypted) and a preferred time, and is tied to no
account, registration or bidder code: anyone may ask, signed in or not, and nothing
links the request to a later registration. The institution sees the phone masked
(138****5678) and a random reference; it sets the time and place on its desk, and fapai
texts the appointment to the phone (the institution never holds the number); the
requester also reads it with the reference. A viewer is not necessarily a bidder, and
a bidder need not have viewed (docs/institutions.md, "Decisions").
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fapai.app.accounts.phone import check_phone_number
from fapai.app.accounts.principals import InstitutionPrincipal
from fapai.app.audit import trail
from fapai.app.cases.disposal import text
from fapai.app.errors import conflict, invalid, not_found
from fapai.app.institutions.designation import current
from fapai.app.institutions.ports import ViewingRecord
from fapai.app.institutions.tasks import actor
from fapai.app.lots.intake import storable
from fapai.app.ports import Tx
from fapai.app.presenting import beijing
from fapai.app.services import Services
from fapai.domain.beijing_time import to_beijing
from fapai.domain.identity import mask_phone

_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read out on the phone
_LENGTH = 10
#: an auction's stored states in which a viewing still serves a bidder
_BEFORE_CLOSE = ("open", "postponed", "suspended")


def _reference(services: Services) -> str:
    return "KY" + "".join(_ALPHABET[services.randbelow(len(_ALPHABET))] for _ in range(_LENGTH))


def request(services: Services, auction_id: int, phone: str, preferred: str) -> str:
    """A viewing of the announced auction's lot; returns the reference (shown once)."""
    number = check_phone_number(services, phone)
    when = text(preferred, "preferred", 100)
    now = services.clock()
    with services.db.write() as tx:
        auction = tx.auction(auction_id)
        if auction is None or auction.status == "draft":
            raise not_found("拍卖", "Auction")
        if auction.status not in _BEFORE_CLOSE:
            raise conflict(
                "viewing_closed", "本次拍卖已结束，不再安排看样。",
                "This auction is over; no viewings are arranged for it.",
            )  # fmt: skip
        entrusted = current(tx, auction.lot_id)
        if entrusted is None:
            raise conflict(
                "no_viewing_service", "本标的物无受托辅助机构，请按公告所载方式联系法院预约看样。",
                "No institution serves this lot: ask the court as the announcement says.",
            )  # fmt: skip
        reference = _reference(services)
        viewing_id = tx.insert_viewing(
            reference, auction.lot_id, entrusted.institution_id,
            services.cipher.encrypt(number), when, now,
        )  # fmt: skip
        trail.record(
            tx, trail.SYSTEM, now, "anonymous", "viewing.requested", viewing=viewing_id,
            lot=auction.lot_id, institution=entrusted.institution_id,
        )  # fmt: skip
    return reference


def status(services: Services, reference: str) -> dict[str, Any]:
    """What the requester reads by the reference: the appointment, never the phone."""
    wanted = reference.strip().upper()
    with services.db.read() as tx:
        found = tx.viewing_by_reference(wanted) if storable(wanted) else None
        if found is None:
            raise not_found("看样预约", "Viewing request")
        lot = tx.lot(found.lot_id)
        assert lot is not None
    return {
        "reference": found.reference, "lot": lot.title, "preferred": found.preferred,
        "requested_at": beijing(found.requested_at), "scheduled_for": beijing(found.scheduled_for),
        "place": found.place,
    }  # fmt: skip


def for_desk(services: Services, who: InstitutionPrincipal) -> list[dict[str, Any]]:
    """The viewings asked for on the lots entrusted to the institution now: reference,
    masked phone, preferred time, the appointment if set. A viewing belongs to the lot:
    one asked before a replacement (Art 15) is the new institution's to arrange."""
    with services.db.read() as tx:
        lots = [d.lot_id for d in tx.institution_designations(who.institution_id)
                if d.ended_at is None]  # fmt: skip
        return [_shown(services, tx, v) for v in tx.lot_viewings(lots)]


def _entrusted(tx: Tx, viewing: ViewingRecord, institution_id: int) -> bool:
    entrusted = current(tx, viewing.lot_id)
    return entrusted is not None and entrusted.institution_id == institution_id


def _shown(services: Services, tx: Tx, viewing: ViewingRecord) -> dict[str, Any]:
    lot = tx.lot(viewing.lot_id)
    assert lot is not None
    return {
        "id": viewing.id, "reference": viewing.reference, "lot_id": viewing.lot_id,
        "lot": lot.title, "phone": mask_phone(services.cipher.decrypt(viewing.phone_enc)),
        "preferred": viewing.preferred, "requested_at": beijing(viewing.requested_at),
        "scheduled_for": beijing(viewing.scheduled_for), "place": viewing.place,
    }  # fmt: skip


def schedule(
    services: Services, who: InstitutionPrincipal, viewing_id: int, when: datetime, place: str
) -> None:
    """Set the appointment; fapai texts it to the requester's phone."""
    where = text(place, "place", 200)
    now = services.clock()
    if when.tzinfo is None or when <= now:
        raise invalid(
            "invalid_viewing_time", "看样时间须为将来的时间（带时区）。",
            "The viewing's time is an aware time in the future.",
        )  # fmt: skip
    with services.db.write() as tx:
        found = tx.viewing(viewing_id)
        if found is None or not _entrusted(tx, found, who.institution_id):
            raise not_found("看样预约", "Viewing request")
        lot = tx.lot(found.lot_id)
        assert lot is not None
        tx.update_viewing(viewing_id, scheduled_for=when, place=where, scheduled_at=now)
        trail.record(
            tx, trail.SYSTEM, now, actor(who), "viewing.scheduled", viewing=viewing_id,
            lot=found.lot_id, scheduled_for=when.isoformat(),
        )  # fmt: skip
        phone = services.cipher.decrypt(found.phone_enc)
    if services.sms is not None:
        moment = to_beijing(when).strftime("%Y-%m-%d %H:%M")
        services.sms.send(
            phone,
            f"【法拍】您预约的“{lot.title}”看样（{found.reference}）"
            f"安排在 {moment}，地点：{where}。",
        )
