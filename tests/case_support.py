"""Helpers for the back-office tests: a court with every role, a case, and a lot walked
through the ordinary use cases up to any stage, with the tests' clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from fapai.app import auction_terms, cases, court
from fapai.app.accounts import CourtPrincipal
from fapai.app.auction_terms import Panel, Terms
from fapai.app.services import Services
from fapai.domain.calendar import beijing_date
from support import Clock, court_user

PANEL_MEMBERS = ("张法官", "李法官", "王法官")


@dataclass
class Court:
    id: int
    office: CourtPrincipal
    bureau: CourtPrincipal
    director: CourtPrincipal
    supervisor: CourtPrincipal


def a_court(services: Services, code: str = "sh-1zy") -> Court:
    court_id = court.create_court(services, code, f"{code} 人民法院", "上海")
    roles = [court_user(services, court_id, role)[0] for role in (
        "auction_office", "enforcement", "director", "supervisor")]  # fmt: skip
    return Court(court_id, *roles)


def panel(clock: Clock) -> Panel:
    return Panel("合议庭评议（2026）第1号", beijing_date(clock()), PANEL_MEMBERS)


def open_case(services: Services, c: Court, number: str = "（2026）沪01执123号") -> int:
    return cases.open_case(
        services,
        c.bureau,
        number,
        "（2025）沪01民初45号民事判决书",
        "上海某银行股份有限公司",
        "张三",
    )


def priced_lot(
    services: Services,
    c: Court,
    clock: Clock,
    property_type: str = "real_estate",
    reference: int = 100_000_000,
    house: bool = False,
    case_id: int | None = None,
) -> int:
    case_id = case_id or open_case(services, c)
    lot = cases.add_lot(
        services, c.bureau, case_id, "上海市某路1号101室", property_type, "上海市",
        {"occupancy": "空置", "encumbrances": "抵押", "taxes": "各自承担"}, house,
    )  # fmt: skip
    today = beijing_date(clock())
    cases.rule_to_auction(services, c.bureau, lot, "（2026）沪01执123号之一", today)
    cases.set_reference_price(services, c.office, lot, "appraisal", reference, today)
    return lot


def terms(starts_at: datetime, start: int, deposit: int | None = None, hours: float = 24) -> Terms:
    return Terms(
        start, max(start // 100, 1), start // 10 if deposit is None else deposit, starts_at,
        starts_at + timedelta(hours=hours),
    )  # fmt: skip


def announced_lot(
    services: Services, c: Court, clock: Clock, property_type: str = "real_estate",
    lead_days: int = 40, reference: int = 100_000_000, house: bool = False,
) -> tuple[int, int]:  # fmt: skip
    """A lot whose first auction is announced today and starts ``lead_days`` later
    (notices served 4 days ago); returns (lot, auction)."""
    lot = priced_lot(services, c, clock, property_type, reference, house)
    start = bidding_day(clock, lead_days)
    auction = auction_terms.set_terms(
        services, c.office, lot, terms(start, reference * 70 // 100), panel(clock)
    )
    notify_parties(services, c, clock, lot)
    auction_terms.choose_platform(services, c.office, lot, "taobao")
    auction_terms.confirm_disclosure(services, c.bureau, lot)
    auction_terms.announce(services, c.office, lot)
    return lot, auction


def notify_parties(services: Services, c: Court, clock: Clock, lot: int, days_ago: int = 4) -> None:
    served = beijing_date(clock()) - timedelta(days=days_ago)
    for role, name in (("applicant", "上海某银行股份有限公司"), ("debtor", "张三")):
        auction_terms.record_notice(services, c.office, lot, role, name, "written", served)


def bidding_day(clock: Clock, days: int) -> datetime:
    """10:00 Beijing time, ``days`` after today."""
    day = beijing_date(clock()) + timedelta(days=days)
    return datetime(day.year, day.month, day.day, 2, 0, tzinfo=UTC)


def on(day: date) -> datetime:
    """10:00 Beijing time on ``day``."""
    return datetime(day.year, day.month, day.day, 2, 0, tzinfo=UTC)
