"""The texts the back office's scripts show, in the page's language.

Only the court's pages carry them (``#court-text``), so a bidder's page stays as
small as it was. The labels named by the use cases in Chinese go through the
catalog; the grounds and the board's clocks bring their own English.
"""

from __future__ import annotations

from fapai.app.cases.auction_terms import DRAW_REASONS, NOTICE_METHODS, NOTICE_ROLES
from fapai.app.cases.deadline_board import CLOCKS
from fapai.app.cases.disposal import REFERENCE_METHODS
from fapai.domain.workflow.grounds import PAUSE_GROUNDS, REVOKE_GROUNDS
from fapai.domain.workflow.stages import STAGES
from fapai.web import i18n
from fapai.web.i18n import N_
from fapai.web.pages import court_labels, labels
from fapai.web.pages.court_acts import ACTS

COURT_TEXT: dict[str, str] = {
    "who.signed_in": N_("{name}（{role}）"),
    "done": N_("已办理：{act}。"),
    "done.terms": N_("已确定拍卖条件，拍卖编号 {id}（待公告）。"),
    "done.reference": N_("参考价已确定，有效期至 {date}（《确定财产处置参考价规定》第二十七条）。"),
    "done.notice": N_("已记录通知，视为送达日 {date}。"),
    "done.announce": N_("公告已发布，拍卖编号 {id}，竞买人现在可以在首页找到它。"),
    "done.draw_run": N_("摇号结果：{platform}。"),
    "done.resume": N_("已恢复拍卖，竞价的拍卖编号 {id}。"),
    "done.case": N_("已立案：{number}。"),
    "case.others": N_("由{role}办理：{acts}"),
    "material.report": N_("评估报告（PDF）"),
    "material.withdraw": N_("撤下"),
    "material.withdraw_reason": N_("撤下“{title}”：请写明理由（记入操作记录）"),
    "material.withdrawn": N_("已撤下：{title}。"),
    "case.pending": N_("待审批：{kind}，事由：{ground}；{reason}"),
    "pause.text": N_("{kind}：{ground}；{reason}（{at}）"),
    "step.by_lottery": N_("摇号确定，中签号 {ticket}/{total}"),
    "step.by_applicant": N_("申请执行人选择"),
    "step.served": N_("视为送达 {date}"),
    "step.eligible": N_("具备购房资格"),
    "step.ineligible": N_("不具备购房资格"),
    "step.paused_round": N_("原拍卖编号 {id}"),
    "step.panel": N_("合议庭成员：{members}；评议：{number}"),
    "step.warnings": N_("特别提示：{text}"),
    "step.valid_until": N_("有效期至 {date}"),
    "step.difference": N_("债权 {claim}，补交差价 {difference}"),
    "doc.failed": N_("文书未能生成：{reason}"),
    "desk.draft": N_("未公告：在案件中办理"),
    # a refused bid on the court's watch page, in the court's words (the bidder was told
    # domain/bidding/messages.py's sentence)
    "court.refused": N_("无效：{reason}"),
    "refused.unknown_bidder": N_("未报名"),
    "refused.barred": N_("不得参加本次竞买"),
    "refused.no_deposit": N_("保证金未到账"),
    "refused.not_started": N_("竞价尚未开始"),
    "refused.closed": N_("竞价已结束"),
    "refused.invalid_amount": N_("金额无法识别"),
    "refused.already_leading": N_("出价人已领先，不得自行加价"),
    "refused.below_start": N_("低于起拍价（变卖时为变卖价）"),
    "refused.too_low": N_("低于当前价加一个加价幅度"),
    "refused.off_increment": N_("不是起拍价加整数倍加价幅度"),
    "draw.pending": N_("种子已公布，尚未摇号。"),
    "draw.chosen": N_("{platform}（中签号 {ticket}，共 {total}）"),
    "doc.to_applicant": N_("（致申请执行人）"),
    "doc.to_debtor": N_("（致被执行人）"),
    "board.summary": N_("共 {total} 项，其中逾期 {overdue} 项。"),
    "error.int": N_("{field}须为正整数。"),
    "error.time": N_("{field}须为日期和时间。"),
    "password.changed": N_("密码已修改，请用新密码登录。"),
    "admin.grant": N_("授予"),
    "admin.revoke": N_("撤销"),
    "admin.end": N_("终止权限"),
    "admin.end_confirm": N_("终止{name}的全部权限？其会话和程序令牌将立即失效。"),
    "admin.active": N_("在职"),
    "admin.ended": N_("已终止"),
    "admin.locked": N_("已锁定"),
    "admin.granted": N_("已授予{name}：{role}。"),
    "admin.revoked": N_("已撤销{name}的角色：{role}。"),
    "admin.ended_done": N_("已终止{name}的权限。"),
    "admin.court_added": N_("已添加法院：{name}。"),
    "admin.token": N_("#{id} {role}，至 {until}"),
    "admin.token_revoked": N_("已撤销令牌 #{id}。"),
    # documents as issued and issued again (app/cases/issued_documents.py, issue 16)
    "doc.issued": N_("已出具第{version}版（{date}）"),
    "doc.reissued": N_("已出具第{version}版（{date}重新出具，{by}；理由：{reason}）"),
    "doc.earlier": N_("此前各版（仍按出具时的内容保存）："),
    "doc.reissue": N_("重新出具"),
    "doc.reissue_reason": N_("重新出具的理由"),
    "doc.reissue_hint": N_(
        "将出具新的一版，日期为今天；此前各版原样保存、仍可下载，重新出具及其理由记入留痕。"
    ),
    "doc.reissue_done": N_("已重新出具第{version}版。"),
    # the designated institution's tasks on the lot (app/institutions/tasks.py, issue 17)
    "task.institution": N_("受托辅助机构：{name}"),
    "task.head": N_("期限 {due}，承办人 {assignee}"),
    "task.state.assigned": N_("已交办"),
    "task.state.submitted": N_("已提交，待验收"),
    "task.state.accepted": N_("已验收"),
    "task.state.returned": N_("已退回"),
    "task.log": N_("工作记录（办法第六条第八项）："),
    "task.report": N_("提交报告（{at}）：{text}"),
    "task.report_counts": N_("照片 {photos} 张，视频 {seconds} 秒"),
    "task.review_note": N_("退回理由：{reason}"),
    "task.accept": N_("验收"),
    "task.return": N_("退回"),
    "task.return_reason": N_("退回理由"),
    "task.accepted": N_("已验收该任务。"),
    "task.returned": N_("已退回该任务。"),
    "task.give": N_("交办任务"),
    "task.given": N_("已交办任务。"),
    "task.kind": N_("任务类型"),
    "task.instructions": N_("工作要求"),
    "task.due_on": N_("完成期限"),
    "task.assignee": N_("承办人"),
    "task.announce_on": N_("拟发布拍卖公告日期"),
    "task.announce_hint": N_("通知当事人须在公告发布前3日完成（办法第三条第五项）。"),
    "task.files_owed": N_("{name}应于 {due} 前交回财产、钥匙和资料（办法第十五条、第十七条）。"),
    "task.files_returned": N_("记录已交回"),
    "task.files_returned_done": N_("已记录交回财产、钥匙和资料。"),
}


def court_text(lang: str) -> dict[str, str]:
    """Everything the back office's scripts name, keyed as they look it up."""
    _ = i18n.gettext(lang)
    english = 1 if lang == "en" else 0
    texts = {key: _(text) for key, text in COURT_TEXT.items()}
    named = {
        "stage": STAGES, "role": {**court_labels.ROLES, **court_labels.STAFF_ROLES},
        "step": court_labels.STEPS,
        "act": {name: act.label for name, act in ACTS.items()},
        "method": REFERENCE_METHODS, "notice_role": NOTICE_ROLES,
        "notice_method": NOTICE_METHODS, "draw_reason": DRAW_REASONS,
        "board": court_labels.BOARD_STATES, "doc": court_labels.DOCUMENTS,
        "type": labels.PROPERTY_TYPE,
        "round_status": {"open": N_("已发布"), "elsewhere": N_("在指定平台进行")},
    }  # fmt: skip
    for prefix, names in named.items():
        texts.update({f"{prefix}.{code}": _(text) for code, text in names.items()})
    paired = {"ground": PAUSE_GROUNDS, "revoke": REVOKE_GROUNDS, "clock": CLOCKS}
    for prefix, pairs in paired.items():
        texts.update({f"{prefix}.{code}": pair[english] for code, pair in pairs.items()})
    if not english:
        texts.update({f"law.{code}": name for code, name in court_labels.LAW_NAMES_ZH.items()})
    return texts
