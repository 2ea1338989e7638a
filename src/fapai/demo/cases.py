"""The demo's enforcement cases: in the three demo courts, a lot in every stage of its
disposal, from the seizure to the delivery and through every branch (rules.md §1.16).

``STORIES`` is the table of cases; each has its story, which walks its lot through the
back office's use cases with the acts of ``demo_walker.Walker``. The days are worked
out from today with the statutory calendar: backwards from a round that must be
running now, forwards from an announcement already made. The names, numbers and
parties are fictitious.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING

from fapai.app.cases import after_sale, in_lieu, pauses, sale_revocation, settlement
from fapai.demo.walker import DAY, YUAN, Lot, Walk, Walker, percent_of
from fapai.domain.calendar import beijing_date

# The enforcement applicant's account, where the proceeds are paid.
CREDITOR = settlement.PayeeAccount("广州某银行股份有限公司", "4400 1234 5678 9012")

if TYPE_CHECKING:
    from fapai.demo.timeline import Story, World


def _seized(k: Walker) -> Walk:
    yield from k.open(k.on(-2, -6))


def _ruled(k: Walker) -> Walk:
    opened = k.on(-9, -13)
    yield from k.open(opened)
    yield from k.rule(k.timeline.workday(k.timeline.day(-3), opened + DAY))


def _priced(k: Walker) -> Walk:
    """Priced three weeks ago and not yet announced: REF Art 30's 10 days are overdue."""
    opened = k.on(-28, -32)
    yield from k.open(opened)
    yield from k.rule(opened)
    yield from k.price(k.timeline.workday(k.timeline.day(-21), opened + DAY))


def _terms_set(k: Walker) -> Walk:
    """Terms drafted, the debtor notified by publication, the platform drawn: a draft."""
    tl = k.timeline
    opened = k.on(-12, -16)
    priced = tl.workday(tl.day(-4), max(opened + DAY, tl.day(-6)))
    drafted = tl.workday(tl.day(-3), priced)
    yield from k.open(opened)
    yield from k.rule(opened)
    yield from k.price(priced)
    yield from k.draft(drafted, tl.at(tl.day(60)), percent_of(k.spec.reference * YUAN, 70))
    yield from k.photos(drafted)
    yield from k.notify(drafted, published=True)
    yield from k.platform(drafted, None, tl.workday(tl.day(-1), drafted + DAY), "none_chosen")


def _announced(k: Walker) -> Walk:
    """Announced, bidding in about a month; a lessee holds a preemptive right (OJA Art 19),
    confirmed by the panel and notified like the parties."""
    tl = k.timeline
    announced = k.working(-6)
    yield from k.first_round(
        announced, tl.at(tl.after(announced, 30) + 4 * DAY), holder=True,
        warnings="该房屋已出租，承租人孙某享有同等条件下的优先购买权，本院已书面通知；"
        "租赁期内买受人不得要求承租人腾退。",
    )  # fmt: skip
    yield from k.register(tl.workday(tl.day(-2), announced + DAY), "李强")


def _live(k: Walker) -> Walk:
    """Bidding since three hours ago, for 27 hours, three bidders in it."""
    started = k.timeline.end - timedelta(hours=3)
    starts = started.replace(minute=started.minute // 5 * 5, second=0)
    announced = k.announce_by(beijing_date(starts), 1, "auction")
    yield from k.first_round(announced, starts, hours=27)
    registered = k.timeline.workday(announced + 3 * DAY, announced + DAY)
    yield from k.register(registered, "王芳", "李强", "刘洋")
    yield from k.bidding(("王芳", "李强", "刘洋"), 4, every=40)


# who bids on the closing auction while the server runs (``demo/bidders``)
CLOSING_BIDDERS = ("陈静", "杨帆", "赵磊")


def _closing(k: Walker) -> Walk:
    """Bidding since a day ago and ending four minutes after the server starts: the demo
    bidders (``demo/bidders``) keep outbidding each other on it, and the soft close
    extends it while they do (OJA Art 20). Its listing has photos, a video and the
    appraisal report."""
    tl = k.timeline
    starts = tl.end - timedelta(hours=24) + timedelta(minutes=4)
    announced = k.announce_by(beijing_date(starts), 1, "auction")
    yield from k.first_round(announced, starts)
    yield from k.film(announced)
    yield from k.appraisal_report(announced, announced - 12 * DAY)
    yield from k.register(tl.workday(announced + 2 * DAY, announced + DAY), *CLOSING_BIDDERS)


def _upcoming_with_bidder(k: Walker, before: int, lead: int, platform: str, bidder: str) -> Walk:
    """Announced on a working day about ``before`` days ago, bidding ``lead`` days after
    the 30 days; one bidder has paid the deposit."""
    tl = k.timeline
    announced = k.working(-before)
    starts = tl.at(tl.after(announced, 30) + lead * DAY)
    yield from k.first_round(announced, starts, platform=platform)
    yield from k.register(tl.workday(announced + 3 * DAY, announced + DAY), bidder)


def _postponed(k: Walker) -> Walk:
    """暂缓 on a third party's objection; the registration and deposit stand meanwhile."""
    yield from _upcoming_with_bidder(k, 12, 2, "taobao", "刘洋")
    yield from k.pause(
        k.on(-2, -5), "postponed", "third_party_objection",
        "案外人王某以其系该房屋的实际买受人为由提出执行异议，本院已立案审查，暂缓拍卖。",
    )  # fmt: skip


def _suspended(k: Walker) -> Walk:
    """中止 nine days ago; the ground ended two days ago and resumption is due in 5 days."""
    yield from _upcoming_with_bidder(k, 20, 1, "gpai", "王芳")
    asked = k.on(-9, -12)
    yield from k.pause(
        asked, "suspended", "award_challenged",
        "被执行人向本院申请不予执行公证债权文书，本院已立案审查，中止拍卖。",
    )  # fmt: skip
    lifted = k.timeline.workday(k.timeline.day(-2), asked + DAY)
    yield k.timeline.at(lifted, 10)
    pauses.lift_pause(k.services, k.desk.bureau, k.lot, lifted)


def _sold_on(k: Walker, starts: int, names: tuple[str, ...], bids: int, late: bool = False) -> Walk:
    """A first round bidding ``starts`` days from today for a day, and sold."""
    tl = k.timeline
    day = tl.day(starts)
    announced = k.announce_by(day, 1, "auction")
    yield from k.first_round(announced, tl.at(day), platform="taobao")
    yield from k.register(tl.workday(announced + 5 * DAY, announced + DAY), *names)
    yield from k.bidding(names, bids, late)


def _sold(k: Walker) -> Walk:
    """Sold three days ago after a soft-close extension; the balance is due in 10 days."""
    yield from _sold_on(k, -4, ("王芳", "李强", "陈静"), 7, late=True)


def _confirmed(k: Walker) -> Walk:
    yield from _sold_on(k, -13, ("李强", "刘洋"), 4)
    yield from k.paid(k.on(-6, -8), "刘洋")


def _eligible(k: Walker) -> Walk:
    yield from _sold_on(k, -11, ("陈静", "杨帆"), 5)
    paid = k.on(-5, -7)
    yield from k.paid(paid, "陈静")
    yield from k.eligible(k.timeline.workday(k.timeline.day(-2), paid + DAY))


def _sale_ruled(k: Walker) -> Walk:
    tl = k.timeline
    yield from _sold_on(k, -19, ("赵磊", "王芳"), 3)
    paid = k.on(-13, -17)
    checked = tl.workday(tl.day(-11), paid + DAY)
    yield from k.paid(paid, "赵磊")
    yield from k.eligible(checked)
    yield from k.rule_sale(tl.workday(tl.day(-9), checked))


def _title_notice(k: Walker) -> Walk:
    tl = k.timeline
    yield from _sold_on(k, -21, ("刘洋", "李强", "赵磊"), 5)
    paid = k.on(-15, -19)
    ruled = tl.workday(tl.day(-10), paid + DAY)
    yield from k.paid(paid, "李强")
    yield from k.rule_sale(ruled)
    yield from k.title_notice(tl.workday(tl.day(-8), ruled), "上海市公安局交通警察总队车辆管理所")


def _delivered(k: Walker) -> Walk:
    """The whole path: sold, paid, eligibility, ruling, title notice, delivery, and the
    proceeds paid out, the appraiser's fee first (seed 003 Art 18)."""
    tl = k.timeline
    yield from _sold_on(k, -46, ("杨帆", "陈静"), 6, late=True)
    paid = k.on(-39, -44)
    checked = tl.workday(paid + 2 * DAY, paid + DAY)
    ruled = tl.workday(checked + 2 * DAY, checked)
    delivered = tl.workday(ruled + 10 * DAY, ruled + DAY)
    yield from k.paid(paid, "陈静")
    yield from k.eligible(checked)
    yield from k.rule_sale(ruled)
    yield from k.title_notice(ruled, "广州市不动产登记中心")
    yield tl.at(delivered, 10)
    after_sale.deliver(k.services, k.desk.office, k.lot, delivered)
    yield tl.at(tl.workday(delivered + 2 * DAY, delivered + DAY), 10)
    plan = settlement.Allocation(
        18_600 * YUAN,
        settlement.PayeeAccount("广州某拍卖辅助服务有限公司", "6222 0000 1111 2222"),
        [settlement.Creditor(CREDITOR, 100_000_000 * YUAN)],
        None,
    )
    settlement.allocate_proceeds(k.services, k.desk.office, k.auction, plan)
    for payee in ("fees", "creditor"):
        settlement.pay_out(k.services, k.desk.cashier, k.auction, payee)


def _unsold(k: Walker) -> Walk:
    """Nobody bid; the second auction is due within 30 days (OJA Art 26)."""
    day = k.timeline.day(-3)
    announced = k.announce_by(day, 1, "auction")
    yield from k.first_round(announced, k.timeline.at(day), platform="rmfysszc")


def _defaulted(k: Walker) -> Walk:
    """The buyer let the balance deadline pass: the deposit is forfeited (OJA Art 24)."""
    yield from _sold_on(k, -25, ("赵磊", "刘洋"), 3)
    yield from k.default()


def _reauction(k: Walker) -> Walk:
    """悔拍, then the same terms again, the parties notified again, the defaulter barred."""
    tl = k.timeline
    yield from _sold_on(k, -40, ("杨帆", "王芳"), 3)
    defaulted = yield from k.default()
    start = k.record().start_price
    drafted = tl.after(defaulted, 1)
    announced = tl.after(drafted, 4)
    starts = tl.at(tl.after(announced, 30) + 2 * DAY)
    yield from k.next_round(drafted, announced, starts, start)
    yield from k.register(tl.workday(announced + 2 * DAY, announced + DAY), "王芳")


def _second_round(k: Walker) -> Walk:
    """一拍 failed last week; 二拍 announced at 80% of its starting price, the parties
    notified again 3 days before (OJA Art 16)."""
    tl = k.timeline
    first = tl.day(-10)
    yield from k.first_round(k.announce_by(first, 1, "auction"), tl.at(first))
    drafted = tl.workday(tl.day(-8), first + DAY)
    announced = tl.after(drafted, 3)
    second = tl.at(tl.after(announced, 15) + 2 * DAY)
    yield from k.next_round(drafted, announced, second, percent_of(k.record().start_price, 80))


def _sale(k: Walker) -> Walk:
    """The 变卖 has run for 10 days; the applicants disagreed on the platform: drawn."""
    yield from k.to_sale(k.timeline.day(-10), None)


def _in_lieu(k: Walker) -> Walk:
    """The 变卖 ran out unsold; the applicant asks to take the property at its price
    against its claim, the enforcement leader approves (Shanghai item 5) and the
    applicant owes the difference (ASR Art 16)."""
    yield from k.to_sale(k.timeline.day(-66), "rmfysszc")
    yield k.timeline.at(k.on(-3, -5), 10)
    desk = k.desk
    in_lieu.request_in_lieu(k.services, desk.bureau, k.auction, "申请执行人", 5_000_000 * YUAN, 1)
    in_lieu.approve_in_lieu(k.services, desk.director, k.auction)
    in_lieu.take_in_lieu(k.services, desk.bureau, k.auction)


def _released(k: Walker) -> Walk:
    """No round sold it and no creditor takes it: the seizure is lifted (ASR Arts 24-25)."""
    yield from k.to_sale(k.timeline.day(-65), "gpai")
    yield k.timeline.at(k.on(-2, -4), 10)
    after_sale.release(
        k.services, k.desk.bureau, k.lot,
        "变卖期满无人竞买，申请执行人不同意以物抵债，解除查封，财产退还被执行人。",
    )  # fmt: skip


def _revoked(k: Walker) -> Walk:
    """The debtor paid in full before the sale (ASR Art 19): the auction is withdrawn and
    the bidder's deposit goes back."""
    yield from _upcoming_with_bidder(k, 10, 3, "jd", "陈静")
    day = k.on(-1, -3)
    yield k.timeline.at(day, 15)
    paid = k.timeline.workday(day - DAY, day - 3 * DAY)
    pauses.revoke(
        k.services, k.desk.bureau, k.lot, "debtor_paid",
        f"被执行人已于{paid.year}年{paid.month}月{paid.day}日履行生效法律文书确定的全部义务，本院撤回拍卖。",
    )  # fmt: skip


def _sale_revoked(k: Walker) -> Walk:
    """Sold and paid, then revoked after the sale on an objection upheld (OBJ Art 21): the
    buyer's deposit and balance go back along their transfers; the lot may be auctioned
    again."""
    yield from _sold_on(k, -15, ("杨帆", "李强"), 4)
    yield from k.paid(k.on(-8, -10), "李强")
    yield k.timeline.at(k.on(-2, -4), 10)
    sale_revocation.request(
        k.services, k.desk.bureau, k.lot, "collusion",
        "案外人提出执行异议，经审查竞买人之间恶意串通，异议成立。", "（2025）京0108执异88号",
    )  # fmt: skip
    sale_revocation.approve(k.services, k.desk.director, k.lot)


ESTATE, MOVABLE, RIGHT = "real_estate", "movable", "other_right"
SH, BJ, GZ = "sh-1zy", "bj-hd", "gz-th"
STORIES: tuple[tuple[Lot, Callable[[Walker], Walk]], ...] = (
    (Lot("seized", SH, 1208, "（2025）沪01民初1187号民事判决书",
         ("上海某商业银行股份有限公司闵行支行", "周建国"),
         "上海市闵行区某路288弄15号402室住宅", ESTATE, "上海市闵行区", house=True), _seized),
    (Lot("ruled", BJ, 23415, "（2025）京0108民初18876号民事判决书",
         ("北京某科技小额贷款有限公司", "北京某信息技术有限公司"),
         "北京某信息技术有限公司持有的北京某软件有限公司30%股权", RIGHT, "北京市海淀区"), _ruled),
    (Lot("priced", GZ, 8812, "（2025）粤0106民初24567号民事判决书",
         ("广州某银行股份有限公司天河支行", "林志伟"),
         "广州市天河区某路28号1801房", ESTATE, "广州市天河区", 4_500_000, house=True), _priced),
    (Lot("terms_set", SH, 1156, "（2025）沪01民初2263号民事判决书",
         ("上海某融资租赁有限公司", "上海某精密机械制造有限公司"),
         "上海市松江区某工业园区3号厂房及所占土地使用权", ESTATE, "上海市松江区", 28_600_000,
         notes=(("occupancy", "被执行人仍在使用，成交后由本院负责腾退"),), photos="factory"),
     _terms_set),
    (Lot("announced", BJ, 21876, "（2025）京0108民初9932号民事判决书",
         ("北京某银行股份有限公司中关村支行", "刘建军"),
         "北京市海淀区某小区5号楼2单元601室住宅", ESTATE, "北京市海淀区", 9_800_000, house=True,
         notes=(("occupancy", "承租人居住使用"), ("leases", "已出租，租期至2027年8月31日"),
                ("clearing", "带租约拍卖，租赁期内本院不负责清场"),
                ("area", "建筑面积 96.30 平方米"), ("use", "住宅"),
                ("certificate", "京（2016）海淀区不动产权第 0098765 号（演示）"),
                ("description", "6 层砖混结构住宅的第 6 层，两室一厅，东西朝向，2004年竣工。")),
         photos="flat"),
     _announced),
    (Lot("live", BJ, 24102, "（2025）京0108民初21045号民事判决书",
         ("北京某设备租赁有限公司", "北京某数据服务有限公司"),
         "服务器及网络设备一批（共86台）", MOVABLE, "北京市海淀区", 680_000, method="online",
         photos="servers"), _live),
    (Lot("closing", SH, 1251, "（2025）沪01民初2018号民事判决书",
         ("上海某银行股份有限公司徐汇支行", "钱志刚"),
         "上海市徐汇区某路20号1101室住宅", ESTATE, "上海市徐汇区", 6_000_000, house=True,
         notes=(("area", "建筑面积 89.52 平方米"), ("use", "住宅"),
                ("certificate", "沪（2018）徐字不动产权第 0123456 号（演示）"),
                ("description", "1998年竣工的 18 层钢混结构住宅的第 11 层，两室一厅一厨一卫，"
                                "南北朝向，简单装修；小区内有地面停车位，不随房屋拍卖。")),
         photos="flat"),
     _closing),
    (Lot("postponed", SH, 987, "（2024）沪01民终9876号民事判决书",
         ("某资产管理股份有限公司上海市分公司", "陈志明、林慧"),
         "上海市徐汇区某路66号1203室住宅", ESTATE, "上海市徐汇区", 8_200_000, house=True),
     _postponed),
    (Lot("suspended", GZ, 7739, "（2025）粤广州南方第12345号公证债权文书及执行证书",
         ("广州某融资担保有限公司", "广州某贸易有限公司"),
         "广州市天河区某路168号3层301商铺", ESTATE, "广州市天河区", 9_000_000), _suspended),
    (Lot("sold", SH, 1034, "（2025）沪01民初875号民事调解书",
         ("上海某实业发展有限公司", "上海某投资管理有限公司"),
         "上海市长宁区某路1088号23层2301室办公用房", ESTATE, "上海市长宁区", 12_500_000,
         photos="office"), _sold),
    (Lot("confirmed", GZ, 8025, "广州仲裁委员会（2025）穗仲案字第3321号裁决书",
         ("广州某供应链管理有限公司", "广州某科技有限公司"),
         "广州某科技有限公司持有的广州某餐饮管理有限公司40%股权", RIGHT, "广州市天河区",
         3_000_000), _confirmed),
    (Lot("eligible", SH, 1077, "（2025）沪01民初1456号民事判决书",
         ("上海某小额贷款股份有限公司", "吴海涛"),
         "上海市闵行区某路99弄8号601室住宅", ESTATE, "上海市闵行区", 5_600_000, house=True),
     _eligible),
    (Lot("sale_ruled", BJ, 19864, "（2025）京0108民初7781号民事判决书",
         ("某信托有限责任公司", "王志强、赵敏"),
         "北京市海淀区某路8号院2号楼1502室住宅", ESTATE, "北京市海淀区", 7_600_000, house=True),
     _sale_ruled),
    (Lot("title_notice", SH, 1102, "上海仲裁委员会（2025）沪仲案字第1234号裁决书",
         ("上海某汽车租赁有限公司", "郑凯"),
         "宝马530Li轿车一辆（2020年款，沪A号牌）", MOVABLE, "上海市闵行区", 186_000,
         method="online"),
     _title_notice),
    (Lot("delivered", GZ, 6680, "（2025）粤0106民初15890号民事判决书",
         ("广州某小额贷款有限公司", "陈伟"),
         "广州市天河区某花园6栋1202房", ESTATE, "广州市天河区", 5_200_000, house=True), _delivered),
    (Lot("unsold", BJ, 22930, "（2025）京0108民初15320号民事调解书",
         ("北京某物业管理有限公司", "何晓东"),
         "北京市海淀区某园3号楼地下一层B1-05车位", ESTATE, "北京市海淀区", 450_000,
         method="targeted"), _unsold),
    (Lot("defaulted", BJ, 20577, "北京仲裁委员会（2025）京仲裁字第1123号裁决书",
         ("北京某汽车销售服务有限公司", "马超"),
         "奔驰E300L轿车一辆（2021年款，京牌）", MOVABLE, "北京市海淀区", 280_000, method="online"),
     _defaulted),
    (Lot("reauction", SH, 945, "（2024）沪东证经字第5678号公证债权文书及执行证书",
         ("上海某融资担保有限公司", "黄立新"),
         "上海市金山区某路77弄5号302室住宅", ESTATE, "上海市金山区", 3_100_000, house=True),
     _reauction),
    (Lot("second_round", SH, 911, "（2024）沪01民初3390号民事判决书",
         ("上海某建设工程有限公司", "上海某置业有限公司"),
         "上海市奉贤区某路500号2号楼101室商业用房", ESTATE, "上海市奉贤区", 6_200_000),
     _second_round),
    (Lot("sale", GZ, 6123, "（2024）粤0106民初33012号民事判决书",
         ("某资产管理股份有限公司广东省分公司", "广州某实业投资有限公司"),
         "广州市天河区某大厦15层1501-1505房（办公）", ESTATE, "广州市天河区", 24_000_000), _sale),
    (Lot("in_lieu", BJ, 17342, "（2024）京0108民初30211号民事判决书",
         ("北京某农村商业银行股份有限公司海淀支行", "北京某餐饮管理有限公司"),
         "北京市海淀区某路3号院1号楼1层101室底商", ESTATE, "北京市海淀区", 11_000_000), _in_lieu),
    (Lot("released", GZ, 6351, "（2024）粤0106民初28876号民事调解书",
         ("广州某纺织品有限公司", "广州某服饰有限公司"),
         "库存服装一批（约1.2万件）", MOVABLE, "广州市天河区", 360_000, method="agreed"),
     _released),
    (Lot("revoked", BJ, 22011, "（2025）京0108民初12764号民事判决书",
         ("北京某投资有限公司", "冯刚"),
         "北京市海淀区某小区9号楼1单元302室住宅", ESTATE, "北京市海淀区", 6_500_000, house=True),
     _revoked),
    (Lot("sale_revoked", BJ, 21460, "（2025）京0108民初9031号民事判决书",
         ("北京某小额贷款有限公司", "孙立"),
         "北京市海淀区某路18号院2号楼5层501室办公用房", ESTATE, "北京市海淀区", 4_800_000),
     _sale_revoked),
)  # fmt: skip


def stories(world: World) -> list[Story]:
    """Every demo case, to run on the demo's timeline."""
    return [walk(Walker(world, lot)) for lot, walk in STORIES]
