"""What an auction's pages say about how it ended, when the bidding alone does not tell:
a default (悔拍), a creditor taking the property (以物抵债), a revocation (已撤销).

Each is one sentence that cites its rule, shown under the title of the auction page and
of its result page. A sale and a failed auction (流拍) say it by their price and badge.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fapai.domain.workflow.grounds import REVOKE_GROUNDS, revoke_article
from fapai.web.i18n import N_
from fapai.web.pages import formatting

# the laws a revocation's ground comes from, as Chinese readers cite them
_REVOKE_ARTICLES_ZH = {
    "OJA Art 31": "《网络司法拍卖规定》第三十一条",
    "OBJ Art 21": "《执行异议复议规定》第二十一条",
    "ASR Art 19": "《拍卖变卖规定》第十九条",
}
DEFAULTED = N_(
    "竞买代码 %(code)s 的买受人未在拍卖公告确定的期限内交付价款。其交纳的保证金不予退还；"
    "重新拍卖的，原买受人不得参加竞买（《网络司法拍卖规定》第二十四条）。"
)
IN_LIEU = N_(
    "本轮无人出价，申请执行人或其他执行债权人以本轮起拍价 %(price)s 接受该财产抵偿债务"
    "（《拍卖变卖规定》第十六条）。"
)
# a sale at a price that nobody bought goes to a creditor at its sale price (ASR Art 32)
IN_LIEU_SALE = N_(
    "变卖期内无人出价，申请执行人或其他执行债权人以变卖价 %(price)s 接受该财产抵偿债务"
    "（《拍卖变卖规定》第十六条、第三十二条）。"
)
REVOKED = N_("%(ground)s。%(reason)s")


def revocation_ground(ground: str, lang: str) -> str:
    """The ground's sentence with the article it comes from, in ``lang``."""
    zh, en = REVOKE_GROUNDS.get(ground, (ground, ground))
    article = revoke_article(ground)
    if lang == "en":
        return en if article in en else f"{en} ({article})"
    if "《" in zh:  # the ground cites its law already
        return zh
    return f"{zh}（{_REVOKE_ARTICLES_ZH.get(article, article)}）"


def ending(snapshot: dict[str, Any], lang: str, _: Callable[[str], str]) -> str | None:
    """The sentence that says how the auction ended, or None when its badge says it."""
    status = snapshot["status"]
    if status == "defaulted":
        return _(DEFAULTED) % {"code": snapshot.get("leader") or "—"}
    if status == "in_lieu":
        worded = IN_LIEU_SALE if snapshot.get("kind") == "sale" else IN_LIEU
        return _(worded) % {"price": formatting.money(snapshot["start_price"])}
    if status == "revoked":
        pause = snapshot.get("pause") or {}
        ground = revocation_ground(str(pause.get("ground", "")), lang)
        text = _(REVOKED) % {"ground": ground, "reason": pause.get("reason") or ""}
        return text.strip()
    return None


def revoked_at(snapshot: dict[str, Any]) -> str | None:
    """When the court revoked the auction, from its published notice."""
    pause = snapshot.get("pause") or {}
    return pause.get("at") if snapshot["status"] == "revoked" else None
