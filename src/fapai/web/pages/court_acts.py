"""The back office's acts as the court's desk offers them: the role whose duty each is
(执拍分离, Shanghai items 9-11), the stages of the lot it may start from (the state
machine of ``domain/workflow/stages.py``) and the API route that does it.

The desk shows a user only the acts of their role at the lot's stage. The use cases
check both again, so a hidden form spares the user a refusal; it is never the guard.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fapai.domain.workflow.stages import allowed_from
from fapai.web.i18n import N_

OFFICE, BUREAU, DIRECTOR = "auction_office", "enforcement", "director"
# acts on the draft round before its announcement (the use cases' ``_draft``)
DRAFTING = ("terms_set",)


@dataclass(frozen=True, slots=True)
class Act:
    label: str
    roles: tuple[str, ...]
    path: str  # under /api/v1, with {case} or {lot}
    stages: tuple[str, ...] | None = None  # None: not an act on a lot


def _on_lot(label: str, role: str, route: str, stages: tuple[str, ...]) -> Act:
    return Act(label, (role,), f"/court/lots/{{lot}}/{route}", stages)


# a paused lot whose bids had started goes on by its resumption (a continuation), so
# the terms are offered for a first round, a second round and a re-auction only
_TERMS_FROM = tuple(stage for stage in allowed_from("set_terms") if stage != "paused")

ACTS: dict[str, Act] = {
    "open_case": Act(N_("立案录入执行案件"), (BUREAU,), "/court/cases"),
    "add_lot": Act(N_("添加标的物"), (BUREAU, OFFICE), "/court/cases/{case}/lots"),
    "ruling": _on_lot(N_("裁定拍卖"), BUREAU, "ruling", allowed_from("rule")),
    "reference_price": _on_lot(N_("确定参考价"), OFFICE, "reference-price", allowed_from("price")),
    "terms": _on_lot(N_("确定拍卖条件（合议庭评议）"), OFFICE, "terms", _TERMS_FROM),
    "platform": _on_lot(N_("申请执行人选择平台"), OFFICE, "platform", DRAFTING),
    "draw": _on_lot(N_("摇号指定平台：确定并公布种子"), OFFICE, "platform-draw", DRAFTING),
    "draw_run": _on_lot(N_("摇号指定平台：摇号"), OFFICE, "platform-draw/run", DRAFTING),
    "notice": _on_lot(N_("通知当事人及优先购买权人"), OFFICE, "notices", DRAFTING),
    # the announcement's account, contact (承办人 and phone), supervision and viewing
    # (OJA Arts 12-13): what the public page shows as 公告事项 (issue 16)
    "arrangements": _on_lot(
        N_("填写公告事项：专用账户、咨询方式、监督渠道、看样安排"),
        OFFICE,
        "publication-facts",
        DRAFTING,
    ),
    "disclosure": _on_lot(
        N_("确认权利负担、优先购买权人和特别提示"), BUREAU, "disclosure-confirmation", DRAFTING
    ),
    "sale_approval": _on_lot(N_("批准以变卖方式处置"), DIRECTOR, "sale-approval", DRAFTING),
    "announce": _on_lot(N_("发布拍卖公告"), OFFICE, "announcement", allowed_from("announce")),
    "pause": _on_lot(N_("申请暂缓或中止"), BUREAU, "pause", allowed_from("pause")),
    "approve": _on_lot(N_("批准暂缓或中止"), DIRECTOR, "pause/approval", allowed_from("pause")),
    "lift": _on_lot(N_("记录暂缓/中止事由消灭"), BUREAU, "pause/lifted", ("paused",)),
    "resume": _on_lot(N_("恢复拍卖"), OFFICE, "resumption", allowed_from("resume")),
    "revoke": _on_lot(N_("撤销拍卖"), BUREAU, "revocation", allowed_from("revoke")),
    "revoke_sale": _on_lot(
        N_("成交后撤销拍卖"), BUREAU, "sale-revocation", allowed_from("revoke_sale")
    ),
    "approve_sale_revocation": _on_lot(
        N_("批准成交后撤销拍卖"), DIRECTOR, "sale-revocation/approval", allowed_from("revoke_sale")
    ),
    "confirmation": _on_lot(
        N_("向执行局移交成交确认书"), OFFICE, "confirmation", allowed_from("confirm")
    ),
    "eligibility": _on_lot(
        N_("审核买受人购房资格"), BUREAU, "eligibility", allowed_from("check_eligibility")
    ),
    "sale_ruling": _on_lot(N_("作出成交裁定"), BUREAU, "sale-ruling", allowed_from("rule_sale")),
    "title_notice": _on_lot(
        N_("发出协助过户通知"), BUREAU, "title-notice", allowed_from("title_notice")
    ),
    "delivery": _on_lot(N_("交付拍卖财产"), OFFICE, "delivery", allowed_from("deliver")),
    "release": _on_lot(N_("解除查封"), BUREAU, "release", allowed_from("release")),
}


def for_page(gettext: Callable[[str], str]) -> dict[str, dict[str, Any]]:
    """The table as the desk's script reads it, with the acts' names translated."""
    return {
        name: {
            "label": gettext(act.label),
            "roles": list(act.roles),
            "path": act.path,
            "stages": None if act.stages is None else list(act.stages),
        }
        for name, act in ACTS.items()
    }
