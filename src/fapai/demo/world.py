"""Demonstration data for ``fapai serve --demo``: courts, users, lots and auctions in
every state, enforcement cases with a lot in every stage of its disposal
(``demo/cases``), and demo bidders who keep the live auction moving.

The past is recorded by running the ordinary use cases with a clock set back. Each
part of the demo is a story that yields the moment of its next act; the timeline
runs the stories in time order and meanwhile does what the server's closer would
have done (settle auctions at their end, send the refunds, raise alerts), so the
demo's history is exactly what the live system would have produced.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from fapai.app.accounts import bidders as bidder_accounts
from fapai.app.accounts import courts, principals, staff
from fapai.app.accounts import phone as phone_codes
from fapai.app.accounts.principals import BidderPrincipal, CourtPrincipal
from fapai.app.auctions import bidding, setup
from fapai.app.errors import AppError
from fapai.app.lots import intake
from fapai.app.services import Services
from fapai.demo import cases, institutions
from fapai.demo.timeline import (
    HISTORY,
    BankNotices,
    Desk,
    Story,
    Timeline,
    World,
    yuan_text,
)
from fapai.domain.identity import check_character

DEMO_BIDDERS = ("王芳", "李强", "刘洋", "陈静", "杨帆", "赵磊")


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
    market = _Market()
    timeline.run(
        [_market(world, market), *cases.stories(world), institutions.story(world, demo_id_number)]
    )
    admin = staff.add_staff(
        timeline.services, None, None, "demo-admin", "演示管理员", [principals.SYSTEM_ADMIN]
    )
    entrusted = institutions.desk(world)
    return Demo(tokens, bidders, market.live, market.budgets, admin, world.lots, entrusted)


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
                services, court_id, f"{code}-{role}", role, days=TOKEN_DAYS
            )
            tokens[f"{code}/{role}"] = token
            who = principals.authenticate(services, token)
            assert isinstance(who, CourtPrincipal)
            staff[role] = who
        cashier = principals.authenticate(
            services,
            courts.create_court_user(services, court_id, f"{code}-cashier", "auction_office"),
        )
        assert isinstance(cashier, CourtPrincipal)
        desks[code] = Desk(
            code, staff["auction_office"], staff["enforcement"], staff["director"], cashier
        )
    return tokens, desks


@dataclass
class _Market:
    live: int = 0
    budgets: dict[int, int] = field(default_factory=dict)


def _market(world: World, out: _Market) -> Story:
    """Auctions of lots outside any case: one sold last month after a short bidding war,
    one unsold (流拍) with its second round announced, one upcoming, one running, and the
    live one that ends a few minutes after the server starts."""
    now = world.timeline.end
    yield now - timedelta(days=40)
    services = world.services

    def lot(
        office: str, title: str, kind: str, place: str, reference: int,
        about: dict[str, str] | None = None,
    ) -> int:  # fmt: skip
        return intake.create_lot(
            services, world.desks[office].office, title, kind, place,
            {
                "occupancy": "空置，无租赁" if kind == "real_estate" else "由法院保管",
                "arrears": "欠缴物业费约 3,200 元，由买受人承担",
                "taxes": "交易税费由买卖双方各自承担",
                "encumbrances": "抵押权已由执行法院通知解除",
                "clearing": "由执行法院负责清场交付",
                "leases": "无",
                **(about or {}),
            },
            reference,
        )  # fmt: skip

    def auction(
        office: str, lot_id: int, round_: int, start: int, starts: datetime, hours: float
    ) -> int:
        return setup.create_auction(
            services, world.desks[office].office, lot_id, round_, start, start // 100,
            start // 10, starts, starts + timedelta(hours=hours),
        )  # fmt: skip

    sold_lot = lot(
        "sh-1zy",
        "上海市浦东新区某路 88 弄 3 号 502 室住宅",
        "real_estate",
        "上海市浦东新区",
        500_000_000,
    )
    sold = auction("sh-1zy", sold_lot, 1, 350_000_000, now - timedelta(days=10), 24)
    for name in DEMO_BIDDERS[:3]:
        world.deposit(name, sold)
    car_lot = lot(
        "bj-hd", "奥迪 A6L 2019 款轿车一辆", "movable", "北京市海淀区", 18_000_000,
        {"use": "非营运小型轿车", "certificate": "机动车登记证书（演示）",
         "description": "2019年10月初次登记，表显里程约 8.6 万公里，黑色，自动挡；"
                        "车钥匙一把，无行驶证。"},
    )  # fmt: skip
    auction("bj-hd", car_lot, 1, 12_600_000, now - timedelta(days=5), 24)  # nobody bids
    auction("bj-hd", car_lot, 2, 10_080_000, now + timedelta(days=12), 24)
    equity = lot("gz-th", "某科技有限公司 15% 股权", "other_right", "广州市天河区", 80_000_000)
    auction("gz-th", equity, 1, 56_000_000, now + timedelta(days=2), 48)
    long_lot = lot(
        "gz-th", "广州市天河区某大厦 12 层办公用房", "real_estate", "广州市天河区", 900_000_000
    )
    long_running = auction("gz-th", long_lot, 1, 630_000_000, now - timedelta(hours=30), 72)
    live_lot = lot(
        "sh-1zy", "上海市徐汇区某路 20 号 1101 室住宅", "real_estate", "上海市徐汇区", 600_000_000,
        {"area": "建筑面积 89.52 平方米", "use": "住宅",
         "certificate": "沪（2018）徐字不动产权第 0123456 号（演示）",
         "description": "1998年竣工的 18 层钢混结构住宅的第 11 层，两室一厅一厨一卫，"
                        "南北朝向，简单装修；小区内有地面停车位，不随房屋拍卖。"},
    )  # fmt: skip
    world.photograph("sh-1zy", live_lot, "flat", 1)
    world.film("sh-1zy", live_lot, "flat", 1)
    out.live = auction(
        "sh-1zy", live_lot, 1, 420_000_000, now - timedelta(hours=24) + timedelta(minutes=4), 24
    )
    for name in DEMO_BIDDERS[3:]:
        for auction_id in (out.live, long_running):
            world.deposit(name, auction_id)
    out.budgets = {
        world.bidders[name]: 420_000_000 + (6 + i * 4) * 4_200_000
        for i, name in enumerate(DEMO_BIDDERS[3:])
    }
    bids_from = now - timedelta(days=9, minutes=20)
    for step, name in enumerate(DEMO_BIDDERS[:3] * 2):
        yield bids_from + timedelta(minutes=step)
        world.bid(name, sold, 350_000_000 + step * 3_500_000, f"demo-{step}")


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
