"""The Chinese names of the fields a court user, an institution or a bidder fills in, so
a refusal reads "签署日期不能晚于今天" rather than naming the API's ``signed_on`` (issue
16 item 10). Every field a use case checks with ``text`` or ``not_after_today`` is here
(tests/test_court_wording.py)."""

from __future__ import annotations

FIELD_ZH = {
    "number": "案号",
    "basis": "执行依据",
    "applicant": "申请执行人",
    "debtor": "被执行人",
    "ruling_number": "裁定书文号",
    "signed_on": "签署日期",
    "fixed_on": "确定日期",
    "served_on": "送达日期",
    "delivered_on": "送达日期",
    "on_date": "日期",
    "evidence": "证明材料",
    "registry": "登记机关",
    "reason": "理由",
    "recipient": "受送达人",
    "platform": "平台",
    "agency": "评估机构",
    "note": "说明",
    "payment_account": "收款账户",
    "contact": "联系方式",
    "supervision": "监督渠道",
    "viewing": "看样安排",
    "creditor": "债权人",
    "item": "财产名称",
    "witness": "见证人员",
    "grounds": "异议理由",
    "filer": "异议人",
    "subject": "投诉事项",
    "body": "投诉内容",
    "response": "答复",
    "media": "公告媒体",
    "name": "名称",
    "supervision_department": "监察部门",
    "decision_ref": "审判委员会决定文号",
    "recusal": "回避理由",
    "instructions": "工作要求",
    "remarks": "考核意见",
    "place": "看样地点",
    "preferred": "希望的时间",
}


def zh(field: str) -> str:
    return FIELD_ZH.get(field, field)
