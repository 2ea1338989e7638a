"""A lot's disposal as an explicit state machine (rules.md §1.16).

The lot is the seized property; its auctions are the rounds (一拍, 二拍, 变卖, and a
re-auction after a default). Each use case names its action; ``advance`` says which
stage it leads to from the current one, or that the action is not allowed there.
Closing a round (sold / unsold) is done by the closer, the other actions by the court
user whose duty it is (Shanghai items 9-11: 执拍分离).
"""

from __future__ import annotations

# stage -> Chinese label, for boards and messages
STAGES: dict[str, str] = {
    "seized": "已查封待裁定",
    "ruled": "已裁定拍卖",
    "priced": "已确定参考价",
    "terms_set": "已确定拍卖条件",
    "announced": "已公告",
    "paused": "暂缓/中止",
    "sold": "已成交待付款",
    "confirmed": "成交确认书已移交",
    "eligible": "购房资格已审核",
    "sale_ruled": "已作出成交裁定",
    "title_notice": "已发协助过户通知",
    "delivered": "已交付",
    "unsold": "流拍",
    "defaulted": "悔拍",
    "in_lieu": "以物抵债",
    "released": "已解除查封",
    "revoked": "已撤销",
    "sale_revoked": "成交后已撤销",
}

# action -> {from stage: to stage}
_MOVES: dict[str, dict[str, str]] = {
    "rule": {"seized": "ruled"},
    "price": {"ruled": "priced", "priced": "priced"},
    # terms for round 1 after pricing; for round 2 or 变卖 after a failure; the same terms
    # again after a default or after a pause that bids had already run into
    "set_terms": {
        "priced": "terms_set",
        "unsold": "terms_set",
        "defaulted": "terms_set",
        "paused": "terms_set",
        "sale_revoked": "terms_set",
    },
    "announce": {"terms_set": "announced"},
    "close_sold": {"announced": "sold"},
    "close_unsold": {"announced": "unsold"},
    "pause": {"terms_set": "paused", "announced": "paused"},
    "resume": {"paused": "announced"},
    "resume_draft": {"paused": "terms_set"},  # paused before its announcement
    "default": {"sold": "defaulted"},
    "confirm": {"sold": "confirmed"},
    "check_eligibility": {"confirmed": "eligible"},
    "rule_sale": {"confirmed": "sale_ruled", "eligible": "sale_ruled", "in_lieu": "sale_ruled"},
    "title_notice": {"sale_ruled": "title_notice"},
    "deliver": {"title_notice": "delivered"},
    "take_in_lieu": {"unsold": "in_lieu"},
    # the creditor did not pay the difference in time: the taking lapses, the round is
    # unsold again (a 变卖 or the release may follow)
    "in_lieu_default": {"in_lieu": "unsold"},
    "release": {"unsold": "released"},
    "revoke": {
        "ruled": "revoked",
        "priced": "revoked",
        "terms_set": "revoked",
        "announced": "revoked",
        "paused": "revoked",
        "unsold": "revoked",
        "defaulted": "revoked",
        "sale_revoked": "revoked",
    },
    # OBJ Art 21, OJA Art 31 after the sale: the sale is undone and the buyer's money goes
    # back; the lot may be auctioned again (the revoked round repeats) or, with the
    # revocation above, its disposal ends. Not after delivery: enforcement against the
    # property has then ended (OBJ Art 6).
    "revoke_sale": {
        "sold": "sale_revoked",
        "confirmed": "sale_revoked",
        "eligible": "sale_revoked",
        "sale_ruled": "sale_revoked",
        "title_notice": "sale_revoked",
    },
}

ACTIONS = tuple(_MOVES)


def advance(stage: str, action: str) -> str | None:
    """The stage ``action`` leads to from ``stage``; None when it is not allowed there."""
    return _MOVES[action].get(stage)


def allowed_from(action: str) -> tuple[str, ...]:
    """The stages ``action`` may start from, for messages."""
    return tuple(_MOVES[action])
