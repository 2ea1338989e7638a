"""Helpers for the back-office tests: a court with every role, a case, and a lot walked
through the ordinary use cases up to any stage, with the tests' clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from fapai.app.accounts import courts
from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.auctions import closing, registration
from fapai.app.auctions.bidding import place_bid
from fapai.app.auctions.ports import AuctionRecord
from fapai.app.cases import auction_terms, disposal, in_lieu, sale_approval
from fapai.app.cases.auction_terms import Panel, Terms
from fapai.app.errors import AppError
from fapai.app.services import Services
from fapai.domain.calendar import beijing_date
from fapai.domain.money import parse_yuan
from support import Bidder, Clock, court_user

PANEL_MEMBERS = ("张法官", "李法官", "王法官")
ROLES = ("auction_office", "enforcement", "director", "supervisor")


@dataclass
class Court:
    id: int
    office: CourtPrincipal
    bureau: CourtPrincipal
    director: CourtPrincipal
    supervisor: CourtPrincipal
    tokens: dict[str, str] = field(default_factory=dict)  # role -> bearer token

    def principal(self, role: str) -> CourtPrincipal:
        staff = (self.office, self.bureau, self.director, self.supervisor)
        return dict(zip(ROLES, staff, strict=True))[role]


def a_court(services: Services, code: str = "sh-1zy", parent: str | None = None) -> Court:
    court_id = courts.create_court(services, code, f"{code} 人民法院", "上海", parent)
    users = {role: court_user(services, court_id, role) for role in ROLES}
    return Court(court_id, *(users[role][0] for role in ROLES), {r: u[1] for r, u in users.items()})


def panel(clock: Clock, members: tuple[str, ...] = PANEL_MEMBERS) -> Panel:
    return Panel("合议庭评议（2026）第1号", beijing_date(clock()), members)


def open_case(services: Services, c: Court, number: str = "（2026）沪01执123号") -> int:
    return disposal.open_case(
        services,
        c.bureau,
        number,
        "（2025）沪01民初45号民事判决书",
        "上海某银行股份有限公司",
        "张三",
    )


_numbers = iter(range(1, 1_000_000))


def ruled_lot(
    services: Services, c: Court, clock: Clock, property_type: str = "real_estate",
    house: bool = False, case_id: int | None = None,
) -> int:  # fmt: skip
    """A lot of a (new) case that the bureau has ruled to auction today."""
    case_id = case_id or open_case(services, c, f"（2026）沪01执{next(_numbers)}号")
    lot = disposal.add_lot(
        services, c.bureau, case_id, "上海市某路1号101室", property_type, "上海市",
        {"occupancy": "空置", "encumbrances": "抵押", "taxes": "各自承担"}, house,
    )  # fmt: skip
    disposal.rule_to_auction(services, c.bureau, lot, "（2026）沪01执123号之一", today(clock))
    return lot


def priced_lot(
    services: Services,
    c: Court,
    clock: Clock,
    property_type: str = "real_estate",
    reference: int = 100_000_000,
    house: bool = False,
    case_id: int | None = None,
) -> int:
    lot = ruled_lot(services, c, clock, property_type, house, case_id)
    disposal.set_reference_price(services, c.office, lot, "appraisal", reference, today(clock))
    return lot


def terms(starts_at: datetime, start: int, deposit: int | None = None, hours: float = 24) -> Terms:
    return Terms(
        start, max(start // 100, 1), start // 10 if deposit is None else deposit, starts_at,
        starts_at + timedelta(hours=hours),
    )  # fmt: skip


def drafted_lot(
    services: Services, c: Court, clock: Clock, property_type: str = "real_estate",
    lead_days: int = 40, reference: int = 100_000_000, house: bool = False,
    starts_at: datetime | None = None, notices_days_ago: int = 4, case_id: int | None = None,
    platform: str = "taobao",
) -> tuple[int, int]:  # fmt: skip
    """A priced lot (of a new case, or ``case_id``) with its first round's terms, notices
    (served ``notices_days_ago``), platform and confirmed disclosure: everything but the
    announcement. (lot, auction)"""
    lot = priced_lot(services, c, clock, property_type, reference, house, case_id)
    start = starts_at or bidding_day(clock, lead_days)
    auction = auction_terms.set_terms(
        services, c.office, lot, terms(start, reference * 70 // 100), panel(clock)
    )
    notify_parties(services, c, clock, lot, notices_days_ago)
    auction_terms.choose_platform(services, c.office, lot, platform)
    auction_terms.confirm_disclosure(services, c.bureau, lot)
    return lot, auction


def announced_lot(
    services: Services, c: Court, clock: Clock, property_type: str = "real_estate",
    lead_days: int = 40, reference: int = 100_000_000, house: bool = False,
) -> tuple[int, int]:  # fmt: skip
    """A lot whose first auction is announced today and starts ``lead_days`` later
    (notices served 4 days ago); returns (lot, auction)."""
    lot, auction = drafted_lot(services, c, clock, property_type, lead_days, reference, house)
    auction_terms.announce(services, c.office, lot)
    return lot, auction


def next_round(
    services: Services, c: Court, clock: Clock, lot: int, start: int, starts_at: datetime,
    deposit: int | None = None, hours: float = 24, announce: bool = True,
) -> int:  # fmt: skip
    """The lot's next round (二拍, 变卖, or the re-auction after a default) drafted today,
    the parties notified (OJA Art 16), a 变卖 approved by the leader (Shanghai item 5), its
    disclosure confirmed and, unless told not to, announced; returns the auction."""
    auction = auction_terms.set_terms(
        services, c.office, lot, terms(starts_at, start, deposit, hours), panel(clock)
    )
    notify_parties(services, c, clock, lot, days_ago=10)  # clear of any holiday's roll
    if auction_of(services, auction).kind == "sale":
        sale_approval.approve_sale(services, c.director, lot)
    auction_terms.confirm_disclosure(services, c.bureau, lot)
    if announce:
        auction_terms.announce(services, c.office, lot)
    return auction


def notify_parties(services: Services, c: Court, clock: Clock, lot: int, days_ago: int = 4) -> None:
    served = today(clock) - timedelta(days=days_ago)
    for role, name in (("applicant", "上海某银行股份有限公司"), ("debtor", "张三")):
        auction_terms.record_notice(services, c.office, lot, role, name, "written", served)


def today(clock: Clock) -> date:
    return beijing_date(clock())


def bidding_day(clock: Clock, days: int) -> datetime:
    """10:00 Beijing time, ``days`` after today."""
    return on(today(clock) + timedelta(days=days))


def on(day: date, hour: int = 10) -> datetime:
    """``hour`` o'clock Beijing time on ``day``."""
    return datetime(day.year, day.month, day.day, hour - 8, 0, tzinfo=UTC)


def auction_of(services: Services, auction_id: int) -> AuctionRecord:
    with services.db.read() as tx:
        found = tx.auction(auction_id)
    assert found is not None
    return found


def stage(services: Services, lot: int) -> str | None:
    with services.db.read() as tx:
        found = tx.lot(lot)
    assert found is not None
    return found.stage


_keys = iter(range(1, 10_000_000))


def bid(services: Services, who: Bidder, auction_id: int, amount: str) -> Any:
    return place_bid(services, who.account_id, auction_id, amount, f"k{next(_keys)}")


def close_at_end(services: Services, clock: Clock, auction_id: int) -> AuctionRecord:
    """Move the clock to the auction's effective end and let the closer settle it."""
    clock.set(auction_of(services, auction_id).effective_end)
    assert closing.close_auction(services, auction_id)
    return auction_of(services, auction_id)


def to_balance_deadline(services: Services, clock: Clock, auction_id: int) -> datetime:
    """Move the clock to the moment the buyer's balance becomes late (24:00 Beijing time
    of the period's last day, CPL Art 85) and return it."""
    with services.db.read() as tx:
        (due,) = tx.dues(None, open_only=True, auction_id=auction_id, kind="balance")
    clock.set(due.due_at)
    return due.due_at


def pay_balance(services: Services, buyer: Bidder, auction_id: int) -> str:
    """The buyer pays the rest of the price through the simulated bank; the outcome."""
    order = registration.request_balance(services, buyer.account_id, auction_id)
    body, signature = services.gateway.notice(  # type: ignore[attr-defined]
        order.order_ref, parse_yuan(order.amount), buyer.name, f"T-{order.order_ref}"
    )
    return registration.accept_bank_notice(services, body, signature).status


def take_in_lieu(services: Services, c: Court, auction_id: int, claim: int) -> int:
    """The one applying creditor, first in rank, approved by the director, takes the
    property of the failed round (ASR Art 16, Shanghai item 5); the difference owed."""
    in_lieu.request_in_lieu(services, c.bureau, auction_id, "申请执行人", claim, 1)
    in_lieu.approve_in_lieu(services, c.director, auction_id)
    return in_lieu.take_in_lieu(services, c.bureau, auction_id)


def refused(call: Callable[[], object], code: str) -> AppError:
    """``call`` is refused with ``code``, in Chinese and English; the error."""
    with pytest.raises(AppError) as caught:
        call()
    assert caught.value.code == code, (caught.value.code, caught.value.message_en)
    assert caught.value.message_zh
    assert caught.value.message_en
    return caught.value
