"""Demonstration data for ``fapai serve --demo``: courts, users, lots and auctions in
every state, and demo bidders who keep the live auction moving.

The past is recorded by running the ordinary use cases with a clock set back,
so the demo's history is exactly what the live system would have produced.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from fapai.app import accounts, bidding, closing, court, registration
from fapai.app.accounts import BidderPrincipal, CourtPrincipal
from fapai.app.errors import AppError
from fapai.app.services import Services
from fapai.domain.identity import check_id_number
from fapai.domain.money import parse_yuan

# The bank's signed notice for (order reference, amount in fen, payer's name).
BankNotices = Callable[[str, int, str], tuple[bytes, str]]

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
DEMO_BIDDERS = ("王芳", "李强", "刘洋", "陈静", "杨帆", "赵磊")


def demo_id_number(serial: int) -> str:
    """A well-formed ID number of a fictitious person, different for every serial: the
    birth date counts days from 1980-01-01 per thousand serials."""
    born = date(1980, 1, 1) + timedelta(days=serial // 1000)
    body = f"310101{born:%Y%m%d}{serial % 1000:03d}"
    total = sum(int(d) * w for d, w in zip(body, _ID_WEIGHTS, strict=True))
    return check_id_number(body + "10X98765432"[total % 11])


@dataclass
class Demo:
    court_tokens: dict[str, str]
    bidders: dict[str, int]  # name -> account id
    live_auction: int
    budgets: dict[int, int]  # account id -> the most it will bid on the live auction


def _at(services: Services, when: datetime) -> Services:
    return replace(services, clock=lambda: when)


def seed(services: Services, bank: BankNotices) -> Demo:
    now = services.clock().replace(microsecond=0)
    past = _at(services, now - timedelta(days=40))

    def pay(account_id: int, name: str, auction_id: int) -> None:
        order = registration.request_deposit(past, account_id, auction_id)
        body, signature = bank(order.order_ref, parse_yuan(order.amount) or 0, name)
        registration.accept_bank_notice(past, body, signature)

    tokens: dict[str, str] = {}
    offices: dict[str, CourtPrincipal] = {}
    for code, name, region in (
        ("sh-1zy", "上海市第一中级人民法院", "上海"),
        ("bj-hd", "北京市海淀区人民法院", "北京"),
        ("gz-th", "广州市天河区人民法院", "广东"),
    ):
        court_id = court.create_court(past, code, name, region)
        for role in accounts.COURT_ROLES:
            token = court.create_court_user(past, court_id, f"{code}-{role}", role)
            tokens[f"{code}/{role}"] = token
            if role == "auction_office":
                who = accounts.authenticate(past, token)
                assert isinstance(who, CourtPrincipal)
                offices[code] = who
    bidders: dict[str, int] = {}
    for serial, name in enumerate(DEMO_BIDDERS):
        token = accounts.create_account(past, name, demo_id_number(serial), f"1380000{serial:04d}")
        who = accounts.authenticate(past, token)
        assert isinstance(who, BidderPrincipal)
        bidders[name] = who.account_id

    def lot(office: str, title: str, kind: str, place: str, reference: int) -> int:
        return court.create_lot(
            past, offices[office], title, kind, place,
            {
                "occupancy": "空置，无租赁" if kind == "real_estate" else "由法院保管",
                "arrears": "欠缴物业费约 3,200 元，由买受人承担",
                "taxes": "交易税费由买卖双方各自承担",
                "encumbrances": "抵押权已由执行法院通知解除",
                "clearing": "由执行法院负责清场交付",
                "leases": "无",
            },
            reference,
        )  # fmt: skip

    def auction(
        office: str, lot_id: int, round_: int, start: int, starts: datetime, hours: float
    ) -> int:
        return court.create_auction(
            past, offices[office], lot_id, round_, start, start // 100, start // 10,
            starts, starts + timedelta(hours=hours),
        )  # fmt: skip

    # Sold last month, after a short bidding war.
    sold_lot = lot(
        "sh-1zy",
        "上海市浦东新区某路 88 弄 3 号 502 室住宅",
        "real_estate",
        "上海市浦东新区",
        500_000_000,
    )
    sold = auction("sh-1zy", sold_lot, 1, 350_000_000, now - timedelta(days=10), 24)
    for name in DEMO_BIDDERS[:3]:
        registration.register(past, bidders[name], sold, True)
        pay(bidders[name], name, sold)
    t = now - timedelta(days=9, hours=0, minutes=20)
    for step, name in enumerate(DEMO_BIDDERS[:3] * 2):
        price = 350_000_000 + step * 3_500_000
        bidding.place_bid(
            _at(services, t + timedelta(minutes=step)),
            bidders[name],
            sold,
            _yuan(price),
            f"demo-{step}",
        )
    closing.close_auction(_at(services, now - timedelta(days=9)), sold)
    # Nobody bid (流拍), and its second round is announced.
    car_lot = lot("bj-hd", "奥迪 A6L 2019 款轿车一辆", "movable", "北京市海淀区", 18_000_000)
    unsold = auction("bj-hd", car_lot, 1, 12_600_000, now - timedelta(days=5), 24)
    closing.close_auction(_at(services, now - timedelta(days=3)), unsold)
    auction("bj-hd", car_lot, 2, 10_080_000, now + timedelta(days=12), 24)
    # Upcoming and running.
    equity = lot("gz-th", "某科技有限公司 15% 股权", "other_right", "广州市天河区", 80_000_000)
    auction("gz-th", equity, 1, 56_000_000, now + timedelta(days=2), 48)
    long_lot = lot(
        "gz-th", "广州市天河区某大厦 12 层办公用房", "real_estate", "广州市天河区", 900_000_000
    )
    long_running = auction("gz-th", long_lot, 1, 630_000_000, now - timedelta(hours=30), 72)
    # The live one ends a few minutes after the server starts.
    live_lot = lot(
        "sh-1zy", "上海市徐汇区某路 20 号 1101 室住宅", "real_estate", "上海市徐汇区", 600_000_000
    )
    live = auction(
        "sh-1zy", live_lot, 1, 420_000_000, now - timedelta(hours=24) + timedelta(minutes=4), 24
    )
    for name in DEMO_BIDDERS[3:]:
        for auction_id in (live, long_running):
            registration.register(past, bidders[name], auction_id, True)
            pay(bidders[name], name, auction_id)
    budgets = {
        bidders[name]: 420_000_000 + (6 + i * 4) * 4_200_000
        for i, name in enumerate(DEMO_BIDDERS[3:])
    }
    return Demo(tokens, bidders, live, budgets)


def _yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


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
            services, rng.choice(willing), demo.live_auction, _yuan(price), f"demo-live-{tick}"
        )
    except AppError:
        return False
    return True
