"""The court's part of a live auction: setting up courts, users, lots and auctions,
and confirming preemptive-right holders. The full back office (cases, prices,
announcements, rounds) grows on this in the court back-office issue.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from typing import Any

from fapai.app import audit
from fapai.app.accounts import COURT_ROLES, CourtPrincipal, token_hash
from fapai.app.errors import conflict, forbidden, invalid, not_found, other_court
from fapai.app.panel import Panel, checked
from fapai.app.ports import AuctionRecord, Tx
from fapai.app.services import Services
from fapai.domain.bidder_codes import draw_code
from fapai.domain.calendar import beijing_date
from fapai.domain.identity import IdentityError, check_id_number
from fapai.domain.rules import SOFT_CLOSE_EXTENSION
from fapai.domain.workflow import checks

PROPERTY_TYPES = ("real_estate", "movable", "other_right")
_REGION = re.compile(r"^(.{2,}?(?:特别行政区|自治区|省|市))")
# The disclosure a lot's page must carry (OJA Art 13-14; Shanghai item 15), with labels.
DISCLOSURE_FIELDS = {
    "occupancy": "占有使用情况",
    "leases": "租赁情况",
    "arrears": "欠费情况（物业费、水电燃气费等）",
    "taxes": "税费及承担方式",
    "encumbrances": "权利负担（抵押、查封等）",
    "clearing": "清场交付责任",
    "other": "其他说明",
}


def create_court(services: Services, code: str, name: str, region: str) -> int:
    now = services.clock()
    with services.db.write() as tx:
        if tx.court_id_by_code(code) is not None:
            raise conflict("court_exists", "法院代码已存在。", "A court with this code exists.")
        court_id = tx.insert_court(code, name, region)
        audit.record(tx, audit.SYSTEM, now, "system", "court.created", court=court_id, code=code)
    return court_id


def create_court_user(services: Services, court_id: int, login: str, role: str) -> str:
    """A court user with one role; returns the user's token (shown once)."""
    if role not in COURT_ROLES:
        raise invalid(
            "invalid_role", "角色无效。", f"Role must be one of {', '.join(COURT_ROLES)}."
        )
    token = services.token()
    now = services.clock()
    with services.db.write() as tx:
        user_id = tx.insert_court_user(court_id, login, role, token_hash(token))
        audit.record(
            tx, audit.SYSTEM, now, "system", "court_user.created",
            user=user_id, court=court_id, role=role,
        )  # fmt: skip
    return token


def require(user: CourtPrincipal, *roles: str) -> None:
    if user.role not in roles:
        raise forbidden(
            "role_not_allowed",
            "您的角色无权进行此操作（执拍分离）。",
            f"Your role ({user.role}) may not do this; it needs: {', '.join(roles)}.",
        )


def storable(text: str) -> bool:
    """No NUL (PostgreSQL cannot store it) and no lone surrogate (not encodable)."""
    return "\x00" not in text and not any("\ud800" <= ch <= "\udfff" for ch in text)


def create_lot(
    services: Services,
    user: CourtPrincipal,
    title: str,
    property_type: str,
    location: str,
    disclosure: dict[str, Any],
    reference_price: int | None,
) -> int:
    require(user, "auction_office")
    text = checked_disclosure(title, property_type, location, disclosure)
    now = services.clock()
    with services.db.write() as tx:
        lot_id = tx.insert_lot(
            user.court_id,
            title,
            property_type,
            location,
            region_of(location),
            text,
            reference_price,
            now,
        )
        audit.record(tx, audit.SYSTEM, now, f"court_user:{user.login}", "lot.created", lot=lot_id)
    return lot_id


def region_of(location: str) -> str:
    """The province or city a property's location starts with (上海市徐汇区 -> 上海市),
    the region a bidder searches by."""
    found = _REGION.match(location.strip())
    return found.group(1) if found else location.strip()[:3]


def checked_disclosure(
    title: str, property_type: str, location: str, disclosure: dict[str, Any]
) -> str:
    """The lot's disclosure as stored JSON, after checking what a lot must be."""
    if not all(storable(text) for text in (title, location, *disclosure.values())):
        raise invalid(
            "unreadable_text", "文本含有不可识别的字符。", "The text has unreadable characters."
        )
    unknown = sorted(set(disclosure) - set(DISCLOSURE_FIELDS))
    if unknown:
        raise invalid(
            "invalid_disclosure", f"未知的披露项：{', '.join(unknown)}。",
            f"Unknown disclosure items: {', '.join(unknown)}.",
        )  # fmt: skip
    if property_type not in PROPERTY_TYPES:
        raise invalid(
            "invalid_property_type", "财产类型无效。",
            f"property_type must be one of {', '.join(PROPERTY_TYPES)}.",
        )  # fmt: skip
    return json.dumps(disclosure, ensure_ascii=False, sort_keys=True)


def create_auction(
    services: Services,
    user: CourtPrincipal,
    lot_id: int,
    round_: int,
    start_price: int,
    increment: int,
    deposit: int,
    starts_at: datetime,
    ends_at: datetime,
    allow_self_raise: bool = False,
    extension: timedelta = SOFT_CLOSE_EXTENSION,
) -> int:
    require(user, "auction_office")
    for refusal in (
        checks.positive_prices(start_price, increment),
        checks.deposit(deposit, start_price),
        checks.bidding_window(starts_at, ends_at),
    ):
        if refusal is not None:
            raise invalid(refusal.code, refusal.zh, refusal.en)
    if round_ not in (1, 2):
        raise invalid("invalid_round", "拍卖轮次须为1或2。", "The round must be 1 or 2.")
    now = services.clock()
    with services.db.write() as tx:
        lot = tx.lot(lot_id)
        if lot is None:
            raise not_found("标的物", "Lot")
        if lot.case_id is not None:
            raise conflict(
                "lot_in_case", "案件中的标的物须按拍卖程序确定拍卖条件并发布公告。",
                "A lot of a case is auctioned through its case: terms, notices, announcement.",
            )  # fmt: skip
        if lot.court_id != user.court_id:
            raise other_court("标的物")
        record = AuctionRecord(
            0, lot_id, user.court_id, round_, start_price, increment, deposit, starts_at,
            ends_at, int(extension.total_seconds()), allow_self_raise, "open", None, None,
            None, None, ends_at, 0, 0, 0, None,
        )  # fmt: skip
        auction_id = tx.insert_auction(record, now)
        audit.record(
            tx, audit.auction_scope(auction_id), now, f"court_user:{user.login}",
            "auction.created", lot=lot_id, round=round_, start_price=start_price,
            increment=increment, deposit=deposit, starts_at=starts_at.isoformat(),
            ends_at=ends_at.isoformat(), allow_self_raise=allow_self_raise,
        )  # fmt: skip
    return auction_id


def _party_index(services: Services, id_number: str, now: datetime) -> str:
    """The blind index of a party the enforcement bureau names by ID number."""
    try:
        number = check_id_number(id_number, services.code_lists, beijing_date(now))
    except IdentityError as error:
        raise invalid(error.code, error.message_zh, error.message_en) from None
    return services.cipher.blind_index("id_number", number)


def _before_bidding(
    services: Services, tx: Tx, user: CourtPrincipal, auction_id: int, who_zh: str, who_en: str
) -> datetime:
    """Lock this court's auction and make sure its bidding has not started; the time."""
    auction = tx.lock_auction(auction_id)
    if auction is None:
        raise not_found("拍卖", "Auction")
    if auction.court_id != user.court_id:
        raise other_court("拍卖")
    now = services.clock()
    if now >= auction.starts_at:
        raise conflict(
            "bidding_started", f"竞价开始后不能再确认{who_zh}。",
            f"The {who_en} must be confirmed before bidding starts.",
        )  # fmt: skip
    return now


def confirm_preemptive_holder(
    services: Services, user: CourtPrincipal, auction_id: int, id_number: str, rank: int,
    panel: Panel | None = None,
) -> None:  # fmt: skip
    """Record a holder the court confirmed (OJA Art 19); the ID number is kept only blind.
    For a lot of a case the collegial panel's decision is required and recorded (OJA Art
    27); auctions outside a case keep the single confirmation they always had."""
    require(user, "enforcement")
    if rank < 1:
        raise invalid("invalid_rank", "优先顺位须为正整数。", "The rank must be 1 or more.")
    with services.db.write(auction_id) as tx:
        now = _before_bidding(services, tx, user, auction_id, "优先购买权人", "holders")
        index = _party_index(services, id_number, now)
        decision = None
        auction = tx.auction(auction_id)
        lot = tx.lot(auction.lot_id) if auction else None
        if lot is not None and lot.case_id is not None:
            if panel is None:
                raise invalid(
                    "panel_required",
                    "优先购买权人的资格和顺序须经合议庭评议（《网络司法拍卖规定》第二十七条）。",
                    "The holders and their order are decided by a collegial panel (OJA Art 27).",
                )
            decision = checked(panel, beijing_date(now))
        if tx.preemptive_rank(auction_id, index) is not None:
            raise conflict(
                "holder_already_confirmed", "该优先购买权人已确认。",
                "This holder is already confirmed for this auction.",
            )  # fmt: skip
        tx.insert_preemptive_holder(auction_id, index, rank, now)
        audit.record(
            tx, audit.auction_scope(auction_id), now, f"court_user:{user.login}",
            "preemptive_holder.confirmed", rank=rank, panel=decision,
        )  # fmt: skip
        # A holder who registered before the confirmation gets the priority code now
        # (bidding has not started, so no bid carries the old code).
        account = tx.account_by_id_index(index)
        registered = tx.registration(auction_id, account.id) if account else None
        if registered is not None:
            code = draw_code(services.randbelow, tx.codes(auction_id), rank)
            tx.set_preemptive(registered.id, code, rank)
            audit.record(
                tx, audit.auction_scope(auction_id), now, "system", "registration.priority_code",
                registration=registered.id, code=code, rank=rank,
            )  # fmt: skip


def declare_applicant(
    services: Services, user: CourtPrincipal, auction_id: int, id_number: str, claim: int
) -> None:
    """Record the case's enforcement applicant and its claim: it may bid without a
    deposit, paying only the difference when its claim is smaller (OJA Art 17)."""
    require(user, "enforcement")
    if claim <= 0:
        raise invalid("invalid_claim", "债权金额须为正数。", "The claim must be positive.")
    with services.db.write(auction_id) as tx:
        now = _before_bidding(services, tx, user, auction_id, "申请执行人", "applicant")
        index = _party_index(services, id_number, now)
        # Whether the applicant already registered is not looked at: answering that would
        # tell the court who bids (OJA Art 18). A registration made before the
        # declaration keeps its full deposit (docs/ledger.md).
        if tx.applicant_claim(auction_id, index) is not None:
            raise conflict(
                "applicant_already_declared", "申请执行人已确认。",
                "The applicant is already declared for this auction.",
            )  # fmt: skip
        tx.insert_applicant(auction_id, index, claim, now)
        audit.record(
            tx, audit.auction_scope(auction_id), now, f"court_user:{user.login}",
            "applicant.declared", claim=claim,
        )  # fmt: skip
