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
