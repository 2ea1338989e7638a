"""Names of statuses, property types, rounds and deposit states, as the pages show them.

Every code the lead engineer's court back office will add is named here already
(暂缓, 中止, 撤回, 悔拍, 以物抵债, 变卖), so the pages show them the day they appear; an
unknown code is shown as it is rather than failing.
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
    "revoked": N_("撤回"),
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


def status_label(code: str | None) -> str:
    return STATUS.get(code or "", code or "—")


def round_label(snapshot: dict[str, Any]) -> str:
    """一拍 / 二拍, or 变卖 for a sale at a price (snapshot ``kind`` = "sale")."""
    if snapshot.get("kind") == "sale":
        return SALE
    return ROUND.get(snapshot.get("round") or 0, str(snapshot.get("round", "")))
