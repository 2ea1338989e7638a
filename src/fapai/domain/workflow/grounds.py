"""The grounds a court may give to pause or revoke an auction, each a stable code.

Pausing (暂缓 / 中止): the eight grounds of the Shanghai detailed rules, item 18
(seed 002). Revoking (撤销): OJA Art 31's six grounds, OBJ Art 21's "not announced
as the law requires", and the debtor paying in full before the sale (ASR Art 19),
which stops the sale the same way.
"""

from __future__ import annotations

PAUSE_KINDS = {"postponed": ("暂缓", "postponed"), "suspended": ("中止", "suspended")}

PAUSE_GROUNDS: dict[str, tuple[str, str]] = {
    "applicant_consents": (
        "申请执行人同意暂缓执行或者撤回执行申请",
        "the applicant agrees to defer enforcement or withdraws the application",
    ),
    "debtor_performed": ("被执行人已全部履行完毕", "the debtor has performed in full"),
    "basis_suspended": (
        "执行依据被裁定中止执行或者被撤销",
        "enforcement of the basis document is suspended or the document is revoked",
    ),
    "bankruptcy": (
        "人民法院已受理以被执行人为债务人的破产申请",
        "a bankruptcy application against the debtor has been accepted",
    ),
    "award_challenged": (
        "被执行人申请撤销或不予执行仲裁裁决、公证债权文书已被受理",
        "the debtor's application to set aside an arbitral award or notarised debt "
        "instrument has been accepted",
    ),
    "third_party_objection": (
        "案外人对拍卖财产提出确有理由的异议",
        "a third party has a justified objection to the property",
    ),
    "support_obligee_died": (
        "追索赡养费、扶养费、抚养费案件的权利人死亡",
        "the obligee in a support or maintenance case has died",
    ),
    "other": ("其他应当暂缓或者中止的情形", "another ground to postpone or suspend"),
}

REVOKE_GROUNDS: dict[str, tuple[str, str]] = {
    "untrue_description": (
        "拍卖财产的文字说明、视频或照片展示以及瑕疵说明严重失实",
        "the description, video, photos or defect statement were seriously untrue",
    ),
    "system_fault": (
        "因系统故障、病毒入侵、黑客攻击、数据错误等原因致使拍卖结果错误",
        "a system fault, virus, attack or data error made the result wrong",
    ),
    "collusion": ("竞买人之间，竞买人与网络司法拍卖服务提供者之间恶意串通", "malicious collusion"),
    "buyer_unqualified": (
        "买受人不具备法律、行政法规和司法解释规定的竞买资格",
        "the buyer lacks a bidding qualification required by law",
    ),
    "unequal_conditions": (
        "违法限制竞买人参加竞买或者对不同的竞买人规定不同竞买条件",
        "bidders were unlawfully excluded or given different conditions",
    ),
    "procedure_breach": (
        "其他严重违反网络司法拍卖程序且损害当事人或其他竞买人利益的情形",
        "another serious procedural breach that harmed a party or bidders",
    ),
    "not_announced": (
        "未按照法律规定进行公告",
        "the property was not announced as the law requires",
    ),
    "debtor_paid": (
        "被执行人在拍卖前全部履行了义务（《拍卖变卖规定》第十九条）",
        "the debtor paid in full before the sale (ASR Art 19)",
    ),
}

_ARTICLE_OF = {"not_announced": "OBJ Art 21", "debtor_paid": "ASR Art 19"}


def revoke_article(ground: str) -> str:
    """The article a revocation ground comes from (OJA Art 31 unless listed)."""
    return _ARTICLE_OF.get(ground, "OJA Art 31")
