"""The demo's clock and its actors: the timeline runs the stories of the demo's past in
time order with the ordinary use cases and a clock set back, doing meanwhile what the
server's closer would have done; the world is what the stories act on (desks, bidders,
the bank).
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta

from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.auctions import bidding, closing, registration
from fapai.app.auctions.registration import PaymentOrder
from fapai.app.ledger import flows
from fapai.app.lots import materials
from fapai.app.services import Services
from fapai.demo.albums import album
from fapai.demo.film import film
from fapai.domain.beijing_time import BEIJING
from fapai.domain.calendar import ONE_DAY, beijing_date, period_end
from fapai.domain.money import parse_yuan

# The bank's signed notice for (order reference, amount in fen, payer's name).
BankNotices = Callable[[str, int, str], tuple[bytes, str]]


# A part of the demo's past: it yields the moment of its next act, then acts.
Story = Generator[datetime, None, None]


# The courts, their users and the bidders exist before the oldest demo case opens.
HISTORY = timedelta(days=240)


SECOND = timedelta(seconds=1)


def services_at(services: Services, when: datetime) -> Services:
    return replace(services, clock=lambda: when)


class Timeline:
    """The demo's clock, from ``HISTORY`` ago up to ``end`` (the present)."""

    def __init__(self, services: Services, end: datetime) -> None:
        self.base = services
        self.calendar = services.calendar
        self.end = end
        self.today = beijing_date(end)
        self.now = end - HISTORY
        self.services = replace(services, clock=lambda: self.now)

    def day(self, offset: int) -> date:
        return self.today + timedelta(days=offset)

    def at(self, day: date, hour: int = 10, minute: int = 0) -> datetime:
        """``hour:minute`` Beijing time on ``day``."""
        return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BEIJING).astimezone(UTC)

    def workday(self, target: date, floor: date) -> date:
        """The latest working day from ``floor`` to ``target`` (courts act on working days
        where the law leaves the day to them), else ``target`` itself; never before ``floor``."""
        target = day = max(target, floor)
        while day >= floor:
            if not self.calendar.is_rest_day(day):
                return day
            day -= ONE_DAY
        return target

    def after(self, day: date, days: int) -> date:
        """The end of a period of ``days`` from ``day`` (CPL Art 85)."""
        return period_end(self.calendar, day, days)

    def run(self, stories: Iterable[Story]) -> None:
        """Run the stories in time order, then settle what is due by the present."""
        queue: list[tuple[datetime, int, Story]] = []
        for index, story in enumerate(stories):
            self._next(queue, index, story, self.now)
        while queue:
            when, index, story = heapq.heappop(queue)
            self._advance(when)
            self._next(queue, index, story, when)
        self._advance(self.end)

    def _next(
        self, queue: list[tuple[datetime, int, Story]], index: int, story: Story, since: datetime
    ) -> None:
        """Let the story act now, up to the moment of its next act."""
        when = next(story, None)
        self._refunds()
        if when is None:
            return
        if not since <= when <= self.end:
            raise ValueError(f"demo story {index} acts at {when}, outside {since}..{self.end}")
        heapq.heappush(queue, (when, index, story))

    def _advance(self, when: datetime) -> None:
        """Move the clock to ``when``, settling on the way every auction that ends."""
        while True:
            with self.base.db.read() as tx:
                due = tx.due_auctions(when, 1)
                ending = tx.auction(due[0]) if due else None
            if ending is None:
                break
            self.now = max(self.now, ending.effective_end)
            closing.close_auction(self.services, ending.id)
            self._refunds()
        self.now = max(self.now, when)
        flows.raise_alerts(self.services)

    def _refunds(self) -> None:
        """Deposits released by an act go back at once (OJA Art 23), as the closer does."""
        later = min(self.now + SECOND, self.end)
        if flows.send_due_refunds(services_at(self.base, later)):
            self.now = later


@dataclass(frozen=True, slots=True)
class Desk:
    """A demo court's staff (执拍分离: each act is done by the role whose duty it is)."""

    code: str
    office: CourtPrincipal
    bureau: CourtPrincipal
    director: CourtPrincipal
    cashier: CourtPrincipal  # a second office user: pays out what the office allocated


@dataclass
class World:
    """What every demo story acts with."""

    timeline: Timeline
    desks: dict[str, Desk]
    bidders: dict[str, int]  # name -> account id
    bank: BankNotices
    holder_id_number: str  # a fictitious preemptive-right holder's, who has no account
    lots: dict[str, int] = field(default_factory=dict)

    @property
    def services(self) -> Services:
        return self.timeline.services

    def deposit(self, name: str, auction_id: int) -> None:
        """``name`` registers, acknowledging the special warnings, and pays the deposit."""
        registration.register(self.services, self.bidders[name], auction_id, True)
        self._pay(name, registration.request_deposit(self.services, self.bidders[name], auction_id))

    def balance(self, name: str, auction_id: int) -> None:
        """The buyer pays the rest of the price (OJA Art 25)."""
        self._pay(name, registration.request_balance(self.services, self.bidders[name], auction_id))

    def _pay(self, name: str, order: PaymentOrder) -> None:
        body, signature = self.bank(order.order_ref, parse_yuan(order.amount) or 0, name)
        outcome = registration.accept_bank_notice(self.services, body, signature)
        if outcome.status != "confirmed":
            raise RuntimeError(f"demo payment {order.order_ref} refused: {outcome.reason}")

    def photograph(self, court_code: str, lot_id: int, name: str, tone: int) -> None:
        """The office uploads album ``name`` as the lot's photos for its listing (OJA Art 13(5))."""
        office = self.desks[court_code].office
        for caption, data in album(name, tone):
            materials.add(self.services, office, lot_id, "image/png", caption, data)

    def film(self, court_code: str, lot_id: int, name: str, tone: int) -> None:
        """The office uploads album ``name`` as the lot's viewing video (demo/film.py)."""
        office = self.desks[court_code].office
        materials.add(self.services, office, lot_id, "video/mp4", "看样视频", film(name, tone))

    def bid(self, name: str, auction_id: int, amount: int, key: str) -> None:
        placed = bidding.place_bid(
            self.services, self.bidders[name], auction_id, yuan_text(amount), key
        )
        if placed.bid.reason is not None:
            raise RuntimeError(f"demo bid {key} refused: {placed.bid.reason}")


def yuan_text(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"
