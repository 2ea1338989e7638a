"""How a demo enforcement case is walked through the back office (``demo_cases``
tells each case's story with these acts).

A ``Walker`` does one act per method as its court would have: the bureau rules, the
office prices the lot and drafts the terms on the collegial panel's decision, the
parties are notified, the platform is chosen or drawn, the announcement keeps its
lead time, bidders pay deposits and bid, and so on to the ruling and the delivery.
Each method yields the moment of its act and then does it through the ordinary use
case, so every statutory check runs on the day it would have run, with the statutory
calendar. The names, numbers and parties are fictitious.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from fapai.app.auctions.ports import AuctionRecord
from fapai.app.cases import (
    after_sale,
    auction_terms,
    disposal,
    holders,
    pauses,
    publication,
    sale_approval,
    settlement,
)
from fapai.app.cases.auction_terms import Terms
from fapai.app.cases.panel import Panel
from fapai.app.ledger import flows
from fapai.app.lots import materials
from fapai.demo import appraisal
from fapai.domain.calendar import beijing_date
from fapai.domain.workflow.checks import announcement_lead_days
from fapai.domain.workflow.deadlines import latest_start

if TYPE_CHECKING:
    from fapai.app.services import Services
    from fapai.demo.timeline import World

Walk = Generator[datetime, None, None]

DAY = timedelta(days=1)
YUAN = 100
PREFIX = {"sh-1zy": "沪01", "bj-hd": "京0108", "gz-th": "粤0106"}  # in the case numbers
# what every demo announcement lists beside its terms (OJA Arts 12-16); made up
DEMO_ACCOUNT = "本院执行款专户（演示账户，请勿汇款）"
DEMO_CONTACT = "本院网拍办公室，工作日9:00-17:00（演示）"
DEMO_SUPERVISION = "12368诉讼服务热线；本院执行监督投诉渠道（演示）"
DEMO_VIEWING = "竞价开始前每周三上午，预约看样（演示）"
PANELS = {
    "sh-1zy": ("顾文斌", "沈佳怡", "陆志明"),
    "bj-hd": ("张立群", "李晓燕", "王建华"),
    "gz-th": ("陈国栋", "黄丽娟", "梁志强"),
}
HOLDER = "孙丽华"  # a lessee with a preemptive right, confirmed on one lot
INCREMENTS = (100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000)  # yuan
USUAL: dict[str, dict[str, str]] = {  # what the office discloses when nothing is special
    "real_estate": {
        "occupancy": "空置，本院已张贴封条",
        "leases": "经调查未发现租赁",
        "arrears": "物业费、水电燃气费欠费以相关单位结算为准，由买受人承担",
        "taxes": "过户所涉税费由买卖双方按照法律规定各自承担",
        "encumbrances": "设有抵押，抵押权人已申报债权；成交后由本院通知解除抵押及查封",
        "clearing": "由本院负责清场后交付",
    },
    "movable": {
        "occupancy": "已由本院扣押，存放于本院指定场所，可预约看样",
        "taxes": "交易税费由买卖双方按照法律规定各自承担",
        "encumbrances": "无抵押、质押",
        "clearing": "买受人凭成交裁定书到存放地点自行提取",
        "other": "按现状拍卖，瑕疵请竞买人自行查验",
    },
    "other_right": {
        "encumbrances": "已被本院冻结，无质押",
        "taxes": "股权变更所涉税费由买卖双方按照法律规定各自承担",
        "other": "买受人凭成交裁定书办理股权变更登记；公司其他股东已书面放弃优先购买权",
    },
}


@dataclass(frozen=True, slots=True)
class Lot:
    """An enforcement case and the property it disposes of."""

    stage: str  # its key in ``Demo.lots``
    court: str
    serial: int  # of the case number, e.g. （2026）沪01执1208号
    basis: str  # the enforcement basis (执行依据)
    parties: tuple[str, str]  # the applicant and the debtor
    title: str
    property_type: str
    location: str
    reference: int = 0  # yuan
    house: bool = False
    method: str = "appraisal"
    notes: tuple[tuple[str, str], ...] = ()  # disclosure that differs from ``USUAL``
    photos: str = ""  # the ``demo_albums`` album its listing shows, if any


class Walker:
    """One case's lot walked through the back office: every method yields the moment of
    its act, then does it with the clock at that moment."""

    def __init__(self, world: World, spec: Lot) -> None:
        self.world, self.spec = world, spec
        self.timeline = world.timeline
        self.desk = world.desks[spec.court]
        self.number = ""
        self.lot = self.auction = self.panels = 0
        self.panel: Panel | None = None

    @property
    def services(self) -> Services:
        return self.world.services

    def on(self, offset: int, floor: int) -> date:
        """A working day from ``floor`` to ``offset`` days from today (see ``workday``)."""
        return self.timeline.workday(self.timeline.day(offset), self.timeline.day(floor))

    def working(self, offset: int) -> date:
        """The last working day at most ``offset`` days from today: an announcement's day,
        from which the notices' 3 days are counted back (OJA Art 16)."""
        day = self.timeline.day(offset)
        return self.timeline.workday(day, day - 14 * DAY)

    def announce_by(self, starts_on: date, round_: int, kind: str) -> date:
        """The last working day an announcement may be made for bidding on ``starts_on``."""
        days = announcement_lead_days(self.spec.property_type, round_, kind)[0]
        latest = latest_start(self.timeline.calendar, starts_on, days)
        return self.timeline.workday(latest, latest - 14 * DAY)

    def notice_day(self, announced: date, floor: date) -> date:
        """The last working day from ``floor`` whose notices allow the announcement on
        ``announced`` (served 3 days before it, OJA Art 16), else ``floor``."""
        day = announced - 3 * DAY
        while day > floor and (
            self.timeline.calendar.is_rest_day(day) or self.timeline.after(day, 3) > announced
        ):
            day -= DAY
        return max(day, floor)

    def record(self) -> AuctionRecord:
        with self.services.db.read() as tx:
            found = tx.auction(self.auction)
        assert found is not None
        return found

    def open(self, day: date) -> Walk:
        """The bureau opens the case and places the seized property in it."""
        yield self.timeline.at(day, 9)
        spec, bureau = self.spec, self.desk.bureau
        self.number = f"（{day.year}）{PREFIX[spec.court]}执{spec.serial}号"
        case_id = disposal.open_case(self.services, bureau, self.number, spec.basis, *spec.parties)
        disclosure = {**USUAL[spec.property_type], **dict(spec.notes)}
        self.lot = disposal.add_lot(
            self.services, bureau, case_id, spec.title, spec.property_type, spec.location,
            disclosure, spec.house,
        )  # fmt: skip
        self.world.lots[spec.stage] = self.lot

    def rule(self, day: date) -> Walk:
        yield self.timeline.at(day, 15)
        disposal.rule_to_auction(
            self.services, self.desk.bureau, self.lot, f"{self.number}之一", day
        )

    def price(self, day: date) -> Walk:
        yield self.timeline.at(day, 10)
        record = "双方当事人在本院主持下书面议定参考价" if self.spec.method == "agreed" else None
        disposal.set_reference_price(
            self.services, self.desk.office, self.lot, self.spec.method,
            self.spec.reference * YUAN, day, record,
        )  # fmt: skip

    def draft(
        self, day: date, starts: datetime, start: int, hours: float = 24, deposit: int = 0
    ) -> Walk:
        """The office drafts the next round on the collegial panel's decision (OJA Art 27):
        the increment and a 10% deposit follow from the starting price."""
        yield self.timeline.at(day, 15)
        self.panels += 1
        self.panel = Panel(
            f"{self.number}合议庭评议笔录（{self.panels}）", day, PANELS[self.spec.court]
        )
        terms = Terms(
            start, _increment(start), deposit or start // 10 // (100 * YUAN) * (100 * YUAN),
            starts, starts + timedelta(hours=hours),
        )  # fmt: skip
        self.auction = auction_terms.set_terms(
            self.services, self.desk.office, self.lot, terms, self.panel
        )

    def photos(self, day: date) -> Walk:
        """The office photographs the property for the listing (OJA Art 13(5)), in the
        lot's own colours."""
        if not self.spec.photos:
            return
        yield self.timeline.at(day, 15, 30)
        self.world.photograph(self.spec.court, self.lot, self.spec.photos, self.spec.serial)

    def film(self, day: date) -> Walk:
        """The office films the property for the listing (OJA Art 13(5))."""
        yield self.timeline.at(day, 15, 45)
        self.world.film(self.spec.court, self.lot, self.spec.photos, self.spec.serial)

    def appraisal_report(self, day: date, valued_on: date) -> Walk:
        """The office publishes the appraisal report with the announcement, redacted
        (``demo/appraisal``)."""
        yield self.timeline.at(day, 15, 50)
        spec = self.spec
        content = appraisal.report(
            spec.title, spec.location, dict(spec.notes)["area"], spec.reference * YUAN, valued_on
        )
        assert self.services.documents is not None
        data = self.services.documents.pdf(content)
        materials.add(
            self.services, self.desk.office, self.lot, "application/pdf", "评估报告", data, True
        )

    def notify(self, day: date, holder: bool = False, published: bool = False) -> Walk:
        """The parties (and the holder the panel confirmed) are told of the auction (OJA
        Art 16): in writing, or for a debtor out of reach by publication on the platform."""
        yield self.timeline.at(day, 16)
        office, applicant, debtor = self.desk.office, *self.spec.parties
        notice = auction_terms.record_notice
        notice(self.services, office, self.lot, "applicant", applicant, "written", day)
        how = "published" if published else "written"
        notice(self.services, office, self.lot, "debtor", debtor, how, day)
        if holder:
            assert self.panel is not None  # the terms were decided before the notices
            holders.confirm_preemptive_holder(
                self.services, self.desk.bureau, self.auction, self.world.holder_id_number, 1,
                "房屋租赁合同（承租人）", self.panel,
            )  # fmt: skip
            notice(self.services, office, self.lot, "holder", HOLDER, "written", day)

    def platform(self, day: date, code: str | None, drawn: date, reason: str) -> Walk:
        """The applicant's platform, or when there is none a lottery whose seed is
        published the day before the draw (OJA Art 5)."""
        yield self.timeline.at(day, 16, 30)
        if code is not None:
            auction_terms.choose_platform(self.services, self.desk.office, self.lot, code)
            return
        auction_terms.schedule_platform_draw(self.services, self.desk.office, self.lot, reason)
        yield self.timeline.at(drawn, 9)
        auction_terms.run_platform_draw(self.services, self.desk.office, self.lot)

    def confirm(self, day: date, warnings: str = "", hour: int = 11) -> Walk:
        """The bureau confirms encumbrances, holders and special warnings (Shanghai 10(2))."""
        yield self.timeline.at(day, hour)
        auction_terms.confirm_disclosure(self.services, self.desk.bureau, self.lot, warnings)

    def announce(self, day: date) -> Walk:
        """The office enters what the announcement lists beside the terms, then
        publishes it (OJA Arts 12-16)."""
        yield self.timeline.at(day, 9, 30)
        publication.record_arrangements(
            self.services, self.desk.office, self.lot, DEMO_ACCOUNT, DEMO_CONTACT,
            DEMO_SUPERVISION, DEMO_VIEWING, True,
        )  # fmt: skip
        auction_terms.announce(self.services, self.desk.office, self.lot)

    def first_round(
        self, announced: date, starts: datetime, hours: float = 24, platform: str | None = "jd",
        holder: bool = False, warnings: str = "", reason: str = "none_chosen",
    ) -> Walk:  # fmt: skip
        """From the opening of the case to the first announcement on ``announced`` (a
        working day): the price at most 10 days before it (REF Art 30), the terms and
        written notices at least 3 days before it (OJA Art 16), starting at 70%."""
        a, tl = announced, self.timeline
        opened = tl.workday(a - 14 * DAY, a - 20 * DAY)
        priced = tl.workday(a - 9 * DAY, max(opened + DAY, a - 10 * DAY))
        drafted = tl.workday(a - 8 * DAY, priced)
        confirmed = tl.workday(a - 2 * DAY, drafted + DAY)
        yield from self.open(opened)
        yield from self.rule(opened)
        yield from self.price(priced)
        yield from self.draft(drafted, starts, percent_of(self.spec.reference * YUAN, 70), hours)
        yield from self.photos(drafted)
        yield from self.notify(drafted, holder)
        yield from self.platform(drafted, platform, confirmed, reason)
        yield from self.confirm(confirmed, warnings)
        yield from self.announce(a)

    def next_round(
        self, drafted: date, announced: date, starts: datetime, start: int, hours: float = 24,
        deposit: int = 0,
    ) -> Walk:  # fmt: skip
        """二拍, 变卖, or the re-auction after a default: the parties notified again at
        least 3 days before the announcement (OJA Art 16), a 变卖 approved by the leader
        in charge of enforcement (Shanghai item 5)."""
        yield from self.draft(drafted, starts, start, hours, deposit)
        yield from self.notify(drafted)
        if self.record().kind == "sale":
            yield self.timeline.at(drafted, 16, 45)
            sale_approval.approve_sale(self.services, self.desk.director, self.lot)
        yield from self.confirm(drafted, hour=17)
        yield from self.announce(announced)

    def to_sale(self, sale_starts: date, platform: str | None) -> Walk:
        """一拍 and 二拍 that nobody bids on, then the 变卖 from ``sale_starts`` for 60 days
        at the second round's starting price, prepaid in full (the 2017 SPC notice).
        Worked out backwards: each announcement on the last working day its lead time
        allows, each round drafted after the previous one failed, so the second auction
        bids within 30 days of the first's failure (OJA Art 26) and the 变卖 is announced
        within 15 days of the second's."""
        tl = self.timeline
        sale_announced = self.announce_by(sale_starts, 3, "sale")
        second = sale_announced - 8 * DAY  # it bids for a day and fails a week before
        second_announced = self.announce_by(second, 2, "auction")
        first = second_announced - 8 * DAY  # room for the notices' 3 days (OJA Art 16)
        price = percent_of(percent_of(self.spec.reference * YUAN, 70), 80)
        yield from self.first_round(
            self.announce_by(first, 1, "auction"), tl.at(first), platform=platform,
            reason="applicants_disagree",
        )  # fmt: skip
        drafted = self.notice_day(second_announced, first + DAY)
        yield from self.next_round(drafted, second_announced, tl.at(second), price)
        drafted = self.notice_day(sale_announced, second + DAY)
        yield from self.next_round(
            drafted, sale_announced, tl.at(sale_starts), price, 24 * 60, deposit=price
        )

    def register(self, day: date, *names: str) -> Walk:
        yield self.timeline.at(day, 11)
        for name in names:
            self.world.deposit(name, self.auction)

    def bidding(
        self, names: tuple[str, ...], count: int, late: bool = False, every: int = 53
    ) -> Walk:
        """``count`` bids by turns from 35 minutes after the start, one every ``every``
        minutes; with ``late`` the last comes 2 minutes before the end and extends it by
        the soft close (OJA Art 20). The last name to bid leads."""
        auction = self.record()
        for k in range(count):
            at = auction.starts_at + timedelta(minutes=35 + every * k)
            if late and k == count - 1:
                at = auction.ends_at - timedelta(minutes=2)
            yield at
            amount = auction.start_price + k * auction.increment
            self.world.bid(names[k % len(names)], self.auction, amount, f"demo-{self.auction}-{k}")

    def paid(self, day: date, buyer: str) -> Walk:
        """The buyer pays the balance; the office sends the confirmation letter on."""
        yield self.timeline.at(day, 14)
        self.world.balance(buyer, self.auction)
        yield self.timeline.at(day, 16, 30)
        after_sale.send_confirmation(self.services, self.desk.office, self.lot)

    def eligible(self, day: date) -> Walk:
        yield self.timeline.at(day, 10)
        after_sale.check_eligibility(
            self.services, self.desk.bureau, self.lot, True,
            "买受人提交的住房限购资格核验证明，经审核自付款至今持续符合购房条件",
        )  # fmt: skip

    def rule_sale(self, day: date) -> Walk:
        yield self.timeline.at(day, 15)
        after_sale.rule_sale(self.services, self.desk.bureau, self.lot, f"{self.number}之二", day)

    def title_notice(self, day: date, registry: str) -> Walk:
        yield self.timeline.at(day, 16)
        after_sale.issue_title_notice(self.services, self.desk.bureau, self.lot, registry, day)

    def default(self) -> Generator[datetime, None, date]:
        """The buyer lets the balance deadline pass (悔拍): on the next working day the
        bureau records it and the deposit is forfeited (OJA Art 24). Returns that day."""
        yield self.record().effective_end + timedelta(minutes=1)  # settled by then
        with self.services.db.read() as tx:
            due = flows.open_balance_due(tx, self.auction)
        assert due is not None
        day = self.timeline.after(beijing_date(due.due_at), 0)
        while self.timeline.at(day, 10) <= due.due_at:
            day = self.timeline.after(day, 1)
        yield self.timeline.at(day, 10)
        settlement.record_default(self.services, self.desk.bureau, self.auction)
        return day

    def pause(self, day: date, kind: str, ground: str, reason: str) -> Walk:
        """The bureau asks, the director approves the same afternoon (Shanghai 18-20)."""
        yield self.timeline.at(day, 10)
        pauses.request_pause(self.services, self.desk.bureau, self.lot, kind, ground, reason)
        yield self.timeline.at(day, 16)
        pauses.approve_pause(self.services, self.desk.director, self.lot)


def percent_of(amount: int, percent: int) -> int:
    """``percent`` of ``amount`` rounded up to whole hundreds of yuan, so never below it."""
    step = 100 * YUAN
    return -(-amount * percent // (100 * step)) * step


def _increment(start: int) -> int:
    """The largest round increment that takes at least 150 steps to double the price."""
    fitting = [step * YUAN for step in INCREMENTS if step * YUAN * 150 <= start]
    return fitting[-1] if fitting else INCREMENTS[0] * YUAN
