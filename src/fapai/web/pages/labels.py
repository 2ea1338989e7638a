"""Names of statuses, property types, rounds and deposit states, as the pages show them.

Every status the court's back office gives an auction is named (暂缓, 中止, 已撤销, 悔拍,
以物抵债, and 变卖 for the kind); an unknown code is shown as it is rather than failing.
A revoked auction is 已撤销 wherever it appears, the name of the lot's stage after the
court's act 撤销拍卖 (domain/workflow/stages.py).
"""

from __future__ import annotations

from typing import Any

from fapai.web.i18n import N_

STATUS = {
    "upcoming": N_("即将开始"),
    "live": N_("正在进行"),
    "closing": N_("结算中"),
    "sold": N_("已成交"),
    "unsold": N_("流拍"),
    "draft": N_("未发布"),
    "postponed": N_("暂缓"),
    "suspended": N_("中止"),
    "revoked": N_("已撤销"),
    "defaulted": N_("悔拍"),
    "in_lieu": N_("以物抵债"),
}
# Viewings (看样) are arranged only before the close (app/institutions/viewings._BEFORE_CLOSE)
VIEWINGS = frozenset({"upcoming", "live", "postponed", "suspended"})
# The 状态 facet, in the order bidders expect it.
STATUS_FACET = ("upcoming", "live", "sold", "unsold", "suspended", "revoked", "postponed")

PROPERTY_TYPE = {
    "real_estate": N_("不动产"),
    "movable": N_("动产"),
    "other_right": N_("其他财产权"),
}

ROUND = {1: N_("一拍"), 2: N_("二拍")}
SALE = N_("变卖")

DEPOSIT = {
    "unpaid": N_("未缴纳"),
    "pending": N_("待到账确认"),
    "confirmed": N_("已到账"),
    "exempt": N_("免交（申请执行人）"),
    "refused": N_("付款未被接受"),
    "released": N_("已退还"),
    "applied": N_("已抵作价款"),
}

SORT = {
    "default": N_("综合排序"),
    "ending": N_("即将结束"),
    "newest": N_("最新发布"),
    "price_asc": N_("价格从低到高"),
    "price_desc": N_("价格从高到低"),
}


# after the close the price is what the sale was made at, also when the buyer then
# defaulted (悔拍, OJA Art 24); the leader of a sale is its buyer (买受人)
SOLD = frozenset({"sold", "defaulted"})


def price_label(snapshot: dict[str, Any]) -> str:
    """What the big price is: 成交价, 当前价, 起拍价 (变卖价 in a 变卖), or 流拍 (mirrored in
    live.js)."""
    status = snapshot.get("status")
    if status in SOLD:
        return N_("成交价")
    if status == "unsold":
        return N_("流拍")
    if status == "revoked" and snapshot.get("price"):
        return N_("撤销时最高出价")
    if snapshot.get("price"):
        return N_("当前价")
    return N_("变卖价") if snapshot.get("kind") == "sale" else N_("起拍价")


def leader_label(snapshot: dict[str, Any]) -> str:
    """Whose code stands beside the price: the buyer's once sold, the leader's before."""
    if snapshot.get("status") in SOLD:
        return N_("买受人竞买代码")
    return N_("领先竞买代码") if snapshot.get("status") != "revoked" else N_("最高出价竞买代码")


def first_bid_label(status: str) -> str:
    """What the highest accepted bid is in the history (mirrored in live.js)."""
    if status == "sold":
        return N_("成交")
    if status == "defaulted":
        return N_("悔拍")
    return N_("最高出价") if status == "revoked" else N_("领先")


def status_label(code: str | None) -> str:
    return STATUS.get(code or "", code or "—")


def round_label(snapshot: dict[str, Any]) -> str:
    """一拍 / 二拍, or 变卖 for a sale at a price (snapshot ``kind`` = "sale")."""
    if snapshot.get("kind") == "sale":
        return SALE
    return ROUND.get(snapshot.get("round") or 0, str(snapshot.get("round", "")))


# The bidder centre's money lines, by the ledger's kind of transaction (app/ledger)
MONEY_KIND = {
    "deposit.received": N_("保证金到账"),
    "transfer.refused": N_("付款未被接受，将原路退回"),
    "deposit.released": N_("保证金转入退款"),
    "deposit.applied": N_("保证金抵作价款"),
    "deposit.forfeited": N_("保证金不予退还"),
    "refund.sent": N_("退款已汇出"),
    "bank.returned": N_("银行退回"),
}

# What the bidder does or waits for next (app/auctions/centre.py ``_next``)
NEXT_STEP = {
    "pay_deposit": N_("缴纳保证金，到账确认后方可出价（《网络司法拍卖规定》第十七条）。"),
    "bid": N_("保证金已到账，可在竞价期间出价。"),
    "closing": N_("竞价已结束，正在确认结果。"),
    "pay_balance": N_(
        "请于缴款期限（含当日）前将剩余价款交付法院指定账户；逾期未付的，保证金不予退还，"
        "法院可以重新拍卖（《网络司法拍卖规定》第二十四条、第二十五条）。"
    ),
    "balance_paid": N_(
        "价款已付清。法院于价款全额交付后十日内作出拍卖成交裁定并送达您（《拍卖变卖规定》"
        "第二十条），标的物所有权自裁定送达时起转移，随后办理交付。"
    ),
    "forfeit": N_("未在期限内交付价款，保证金不予退还（《网络司法拍卖规定》第二十四条）。"),
    "refund_due": N_(
        "保证金将于竞价结束后二十四小时内原路退还（《网络司法拍卖规定》第二十三条）。"
    ),
    "refund_sending": N_("退款已提交银行，正在汇出。"),
    "refund_sent": N_("保证金已原路退还。"),
    "nothing_held": N_("您未缴纳保证金，无需退款。"),
}

REFUND_STATE = {
    "due": N_("待退还"),
    "sending": N_("退款中"),
    "sent": N_("已退还"),
}
