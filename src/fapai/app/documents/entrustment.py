"""委托书: the court's letter entrusting a lot's auxiliary work to the institution drawn
for it (seed 003 Art 14): the entrusting court; the legal procedure and what is to be
done; the scope of the work and its requirements (Art 3); other matters (the Art 8
commitments, Art 17's three days on withdrawal, Art 15's replacement).

The letter names no party: the parties' particulars go to the institution with the
files handed over (Art 14), so generating it reads no personal data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fapai.app.documents.facts import CaseFacts, DocumentContent, LotFacts
from fapai.app.documents.parts import _file_name, _footer, _lot_rows, _signature
from fapai.app.documents.wording import _check_lang, _t

MEASURE_ZH = "《网络司法拍卖辅助机构管理办法》"


@dataclass(frozen=True)
class EntrustmentFacts:
    institution: str
    credit_code: str
    designated_on: date
    ticket: int
    total: int
    purpose: str  # the lottery's purpose, to find its public record


#: Art 3's delegable work, (zh, en)
SCOPE = (
    ("制作拍卖财产文字说明及视频、照片等资料，视频一般不少于1.5分钟、照片一般不少于8张，"
     "有条件的制作VR全景（第三条第一项）", "describe the property with video (generally at least "
     "90 seconds), photos (generally at least 8) and, where possible, VR (Art 3(1))"),
    ("调查拍卖财产的现状、瑕疵、权属转移条件及欠费欠税情况（第三条第二项）",
     "check its status, defects, transfer conditions and arrears (Art 3(2))"),
    ("在拍卖财产现场张贴公告并上传至拍卖平台（第三条第三项）",
     "post the notices on site and upload them to the platform (Art 3(3))"),
    ("接受咨询、引领看样、封存样品、保管、运输（第三条第四项）",
     "answer enquiries, arrange viewings, seal samples, store and transport (Art 3(4))"),
    ("协助审核竞买人资格，于拍卖公告发布3日前通知当事人和优先购买权人（第三条第五项）",
     "help check bidders' qualification; notify the parties and preemptive-right holders "
     "3 days before the announcement (Art 3(5))"),
    ("协助交付拍卖、变卖或抵债财产（第三条第七项）",
     "help deliver the property sold or taken in lieu (Art 3(7))"),
)  # fmt: skip


def entrustment_letter(
    case: CaseFacts, lot: LotFacts, facts: EntrustmentFacts, lang: str = "zh"
) -> DocumentContent:
    """网络司法拍卖辅助工作委托书 (seed 003 Art 14)."""
    _check_lang(lang)
    procedure = _t(
        lang,
        f"本院在执行{case.case_number}一案中，依法对下列财产进行网络司法拍卖。经本院通过电脑"
        f"随机摇号（中签号{facts.ticket}/{facts.total}，摇号记录“{facts.purpose}”已公开，"
        "可复核），现委托你单位承担该财产的网拍辅助工作（第十四条）。",
        f"In enforcement case {case.case_number} the court is selling the property below by "
        f"online judicial auction. Drawn by the court's computer lottery (ticket "
        f"{facts.ticket} of {facts.total}; the public record “{facts.purpose}” can be "
        "re-checked), your institution is entrusted with its auxiliary work (seed 003 Art 14).",
    )
    scope = tuple(_t(lang, f"{i}. {zh}", f"{i}. {en}") for i, (zh, en) in enumerate(SCOPE, 1))
    other = (
        _t(lang, "法律、司法解释规定应当由人民法院进行的事项，不在委托范围之内（第三条）。",
           "Work the law reserves to the court is not entrusted (Art 3)."),
        _t(lang, "你单位应当遵守入库时作出的承诺：不得转包或分包，不得使用拍卖财产，不得参与或"
           "变相参与与本辅助工作相关的竞买，严格保守司法秘密、商业秘密和个人信息（第八条）。",
           "Keep the commitments made on admission: no subcontracting, no use of the property, "
           "no bidding, direct or indirect, on it, and confidentiality (Art 8)."),
        _t(lang, "本院决定撤回拍卖的，你单位应当在3日内交还拍卖财产或其钥匙及档案资料"
           "（第十七条）。",
           "If the court withdraws the auction, return the property or its keys and the files "
           "within 3 days (Art 17)."),
        _t(lang, "未按要求完成辅助工作的，本院可以更换受托机构，你单位应在指定期限内交回资料"
           "（第十五条）。",
           "Work not done as required may lead the court to replace your institution, which "
           "then returns the files by the day the court sets (Art 15)."),
    )  # fmt: skip
    rows = (
        (_t(lang, "委托单位", "Entrusting court"), case.court_name),
        (_t(lang, "受托机构", "Institution"), facts.institution),
        (_t(lang, "统一社会信用代码", "Credit code"), facts.credit_code),
        (_t(lang, "案号", "Case"), case.case_number),
        *_lot_rows(lot, lang),
    )
    title = _t(lang, "网络司法拍卖辅助工作委托书", "Letter of Entrustment of Auxiliary Work")
    return DocumentContent(
        kind="entrustment_letter",
        court=case.court_name,
        title=title,
        number=case.case_number,
        addressee=_t(lang, f"{facts.institution}：", f"To: {facts.institution}"),
        sections=(
            (_t(lang, "一、委托事项", "1. The entrustment"), (procedure,)),
            (_t(lang, "二、辅助工作范围及要求", "2. Scope and requirements"), scope),
            (_t(lang, "三、其他事项", "3. Other matters"), other),
        ),
        table=rows,
        signature=_signature(case, facts.designated_on, lang),
        footer=_footer(case, lang),
        lang=lang,
        dated=facts.designated_on,
        file_name=_file_name(case, "entrustment_letter", title, lang, facts.institution),
        table_heading=_t(lang, "受托事项", "Entrusted"),
    )
