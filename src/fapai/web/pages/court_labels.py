"""Names the back office's pages show: court roles, the steps of a lot's timeline, and
the laws the deadline board cites.

The stages, reference methods, notice roles and methods and draw reasons are named by
the use cases (in Chinese only); ``FROM_BACK_OFFICE`` repeats them for the catalog so
that their English translations are kept, and a test checks it has every one. The
grounds of a pause or a revocation and the board's clocks come with their English
from the domain and the use cases.
"""

from __future__ import annotations

from fapai.web.i18n import N_

ROLES = {
    "auction_office": N_("网拍办"),
    "enforcement": N_("执行局"),
    "director": N_("执行局局长"),
    "supervisor": N_("监督人员"),
}
# the roles that act on no case: administrators, and a staff member with no role yet
STAFF_ROLES = {
    "admin": N_("管理员"),
    "system_admin": N_("系统管理员"),
    "none": N_("无业务角色"),
    "institution": N_("网拍辅助机构工作人员"),  # an institution's account (its desk only)
}

# a lot's steps (``app/cases.step``), as its timeline names them
STEPS = {
    "ruled": N_("裁定拍卖"),
    "priced": N_("确定参考价"),
    "terms": N_("确定拍卖条件"),
    "notice": N_("通知"),
    "platform_draw_scheduled": N_("公布摇号种子"),
    "platform": N_("确定拍卖平台"),
    "disclosure_confirmed": N_("执行局确认权利负担和特别提示"),
    "announced": N_("发布拍卖公告"),
    "pause_requested": N_("申请暂缓/中止"),
    "pause_approved": N_("批准暂缓/中止"),
    "pause_lifted": N_("暂缓/中止事由消灭"),
    "resumed": N_("恢复拍卖"),
    "revoked": N_("撤销拍卖"),
    "sale_revocation_requested": N_("决定成交后撤销拍卖"),
    "sale_revoked": N_("批准成交后撤销拍卖"),
    "confirmation_sent": N_("移交成交确认书"),
    "eligibility": N_("审核购房资格"),
    "sale_ruled": N_("作出成交裁定"),
    "title_notice": N_("发出协助过户通知"),
    "delivered": N_("交付"),
    "released": N_("解除查封"),
    "in_lieu": N_("以物抵债"),
    "in_lieu_request": N_("申请以物抵债"),
    "in_lieu_draw_scheduled": N_("公布以物抵债抽签种子"),
    "in_lieu_drawn": N_("抽签确定承受人"),
    "in_lieu_approved": N_("批准以物抵债"),
    "handed_over": N_("移交指定平台拍卖"),
    "debtor_consents_all": N_("被执行人同意全部拍卖"),
    "sold_together": N_("合并拍卖"),
}

# the board's clock states; "overdue" is also marked by its row's class
BOARD_STATES = {
    "overdue": N_("逾期"),
    "late": N_("逾期完成"),
    "open": N_("未到期"),
    "done": N_("已完成"),
}

# documents of a lot (``app/case_documents.Kind``)
DOCUMENTS = {
    "ruling_to_auction": N_("拍卖裁定书"),
    "notice": N_("拍卖通知书"),
    "announcement": N_("拍卖公告"),
    "confirmation_letter": N_("成交确认书"),
    "sale_ruling": N_("成交裁定书"),
    "title_transfer_notice": N_("协助办理过户通知书"),
    "revocation_ruling": N_("撤销拍卖裁定书"),
}

# The laws the board's ``article`` codes name, as Chinese readers cite them; English
# readers see the code itself ("OJA Art 16").
LAW_NAMES_ZH = {
    "OJA": "《网络司法拍卖规定》",
    "ASR": "《拍卖变卖规定》",
    "REF": "《确定财产处置参考价规定》",
    "HSE": "《司法拍卖房产竞买人资格规定》",
    "OBJ": "《执行异议复议规定》",
    "CPL": "《民事诉讼法》",
    "seed 003": "《网拍辅助工作管理办法》",
    "2017 SPC notice": "最高人民法院关于网络司法变卖的通知（2017）",
}

FROM_BACK_OFFICE = (
    # domain/workflow/stages.STAGES
    N_("已查封待裁定"),
    N_("已裁定拍卖"),
    N_("已确定参考价"),
    N_("已确定拍卖条件"),
    N_("已公告"),
    N_("暂缓/中止"),
    N_("已成交待付款"),
    N_("成交确认书已移交"),
    N_("购房资格已审核"),
    N_("已作出成交裁定"),
    N_("已发协助过户通知"),
    N_("已交付"),
    N_("流拍"),
    N_("悔拍"),
    N_("以物抵债"),
    N_("已解除查封"),
    N_("已撤销"),
    N_("成交后已撤销"),
    # app/cases.REFERENCE_METHODS
    N_("当事人议价"),
    N_("定向询价"),
    N_("网络询价"),
    N_("委托评估"),
    N_("不经评估直接确定（动产单件一万元以下）"),
    # app/auction_terms.NOTICE_ROLES, NOTICE_METHODS, DRAW_REASONS
    N_("申请执行人"),
    N_("被执行人"),
    N_("优先购买权人"),
    N_("书面送达"),
    N_("网络平台公示送达"),
    N_("书面放弃"),
    N_("申请执行人未选择"),
    N_("申请执行人选择不一致"),
)
