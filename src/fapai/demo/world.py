"""Demonstration data for ``fapai serve --demo``: courts and their staff, bidders,
enforcement cases with a lot in every stage of its disposal (``demo/cases``; every
auction belongs to one, as on the real platforms), and demo bidders who keep the
closing auction moving.

The past is recorded by running the ordinary use cases with a clock set back. Each
part of the demo is a story that yields the moment of its next act; the timeline
runs the stories in time order and meanwhile does what the server's closer would
have done (settle auctions at their end, send the refunds, raise alerts), so the
demo's history is exactly what the live system would have produced.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from fapai.app.accounts import bidders as bidder_accounts
from fapai.app.accounts import courts, principals, staff
from fapai.app.accounts import phone as phone_codes
from fapai.app.accounts.principals import BidderPrincipal, CourtPrincipal
from fapai.app.auctions import bidding
from fapai.app.errors import AppError
from fapai.app.services import Services
from fapai.demo import cases, institutions
from fapai.demo.timeline import (
    HISTORY,
    BankNotices,
    Desk,
    Timeline,
    World,
    yuan_text,
)
from fapai.domain.identity import check_character

DEMO_BIDDERS = ("王芳", "李强", "刘洋", "陈静", "杨帆", "赵磊")


# who holds each court's program tokens, shown on the desk where a person acted; made up
STAFF = {
    "sh-1zy": {"auction_office": "沈晓雯", "enforcement": "陆建华", "director": "顾明远",
               "supervisor": "周敏", "cashier": "钱丽萍"},
    "bj-hd": {"auction_office": "赵雅琴", "enforcement": "孙立新", "director": "王振国",
              "supervisor": "郭慧", "cashier": "高红梅"},
    "gz-th": {"auction_office": "何婉仪", "enforcement": "梁国华", "director": "黄伟强",
              "supervisor": "林静", "cashier": "冯秀英"},
}  # fmt: skip

COURTS = (
    ("sh-1zy", "上海市第一中级人民法院", "上海"),
    ("bj-hd", "北京市海淀区人民法院", "北京"),
    ("gz-th", "广州市天河区人民法院", "广东"),
)


def demo_id_number(serial: int) -> str:
    """A valid ID number of a fictitious adult, different for every serial: region 310101
    (上海市黄浦区, GB/T 2260), born 1980-01-01 plus one day per thousand serials."""
    born = date(1980, 1, 1) + timedelta(days=serial // 1000)
    body = f"310101{born:%Y%m%d}{serial % 1000:03d}"
    return body + check_character(body)


@dataclass
class Demo:
    court_tokens: dict[str, str]
    bidders: dict[str, int]  # name -> account id
    live_auction: int
    budgets: dict[int, int]  # account id -> the most it will bid on the live auction
    # a system administrator who signs in at /court with password and TOTP code
    admin: staff.NewCredentials
    lots: dict[str, int] = field(default_factory=dict)  # demo case's stage key -> lot id
    # the staff account of the institution entrusted with the lot "terms_set" (/institution)
    institution: institutions.DeskLogin | None = None


def seed(services: Services, bank: BankNotices) -> Demo:
    timeline = Timeline(services, services.clock().replace(microsecond=0))
    tokens, desks = _courts(timeline.services)
    bidders: dict[str, int] = {}
    for serial, name in enumerate(DEMO_BIDDERS):
        phone = f"1380000{serial:04d}"
        sent = phone_codes.send_code(timeline.services, phone)
        _, session = bidder_accounts.create_account(
            timeline.services, name, demo_id_number(serial), phone, sent.demo_code
        )
        who = principals.authenticate(timeline.services, session.token)
        assert isinstance(who, BidderPrincipal)
        bidders[name] = who.account_id
    world = World(timeline, desks, bidders, bank, demo_id_number(len(DEMO_BIDDERS)))
    timeline.run([*cases.stories(world), institutions.story(world, demo_id_number)])
    admin = staff.add_staff(
        timeline.services, None, None, "demo-admin", "演示管理员", [principals.SYSTEM_ADMIN]
    )
    entrusted = institutions.desk(world)
    closing, budgets = _closing(timeline.services, world.lots["closing"])
    return Demo(tokens, bidders, closing, budgets, admin, world.lots, entrusted)


# The demo's tokens are made at the start of its history and must still work for a while.
TOKEN_DAYS = HISTORY.days + 90


def _courts(services: Services) -> tuple[dict[str, str], dict[str, Desk]]:
    tokens: dict[str, str] = {}
    desks: dict[str, Desk] = {}
    for code, name, region in COURTS:
        court_id = courts.create_court(services, code, name, region)
        staff: dict[str, CourtPrincipal] = {}
        for role in principals.COURT_ROLES:
            token = courts.create_court_user(
                services, court_id, f"{code}-{role}", role, TOKEN_DAYS, STAFF[code][role]
            )
            tokens[f"{code}/{role}"] = token
            who = principals.authenticate(services, token)
            assert isinstance(who, CourtPrincipal)
            staff[role] = who
        cashier_token = courts.create_court_user(
            services, court_id, f"{code}-cashier", "auction_office", name=STAFF[code]["cashier"]
        )
        cashier = principals.authenticate(services, cashier_token)
        assert isinstance(cashier, CourtPrincipal)
        desks[code] = Desk(
            code, staff["auction_office"], staff["enforcement"], staff["director"], cashier
        )
    return tokens, desks


def _closing(services: Services, lot_id: int) -> tuple[int, dict[int, int]]:
    """The auction the demo bidders keep moving (``demo/cases``: the lot "closing"), and
    how far each of its bidders will go: some increments apart, so the bidding war lasts
    a minute or two and ends with one of them leading."""
    with services.db.read() as tx:
        auction = tx.lot_auctions(lot_id)[-1]
        registered = sorted({reg.account_id for reg in tx.registrations(auction.id)})
    return auction.id, {
        account: auction.start_price + (12 + i * 8) * auction.increment
        for i, account in enumerate(registered)
    }


def bid_once(services: Services, demo: Demo, rng: random.Random, tick: int) -> bool:
    """One demo bidder outbids the leader if its budget allows; False when none will."""
    with services.db.read() as tx:
        auction = tx.auction(demo.live_auction)
        leader_id = None
        if auction is not None and auction.leader_registration_id is not None:
            won = tx.registration_by_id(auction.leader_registration_id)
            leader_id = won.account_id if won else None
    if auction is None or auction.status != "open":
        return False
    price = auction.price + auction.increment if auction.price is not None else auction.start_price
    willing = [a for a, budget in demo.budgets.items() if a != leader_id and budget >= price]
    if not willing:
        return False
    try:
        bidding.place_bid(
            services, rng.choice(willing), demo.live_auction, yuan_text(price), f"demo-live-{tick}"
        )
    except AppError:
        return False
    return True
