"""The documents of an objection (执行异议): the notice that it was docketed, sent to the
objector and to the parties, and the ruling on it — upheld, dismissed or not accepted —
with the remedy that follows (CPL Art 236: reconsideration at the next-higher court
within 10 days; CPL Art 238: a suit within 15 days)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fapai.app.documents.facts import CaseFacts, DocumentContent, RulingFacts
from fapai.app.documents.parts import _file_name, _footer, _panel_signature, _signature
from fapai.app.documents.wording import _check_lang, _day, _t

_KINDS = {
    "execution_act": ("执行行为异议", "objection to an execution act", "第二百三十六条", "236"),
    "third_party": ("案外人异议", "third party's objection", "第二百三十八条", "238"),
}


@dataclass(frozen=True)
class ObjectionFacts:
    number: int  # the objection's number on the court's docket
    kind: str  # execution_act | third_party
    objector: str
    lot_title: str
    grounds: str
    filed_on: date


@dataclass(frozen=True)
class ObjectionRuling:
    outcome: str  # upheld | dismissed | not_accepted
    reason: str
    revoke_ground: tuple[str, str] | None  # OBJ Art 21's ground, zh and en
    signed_on: date
    higher_court: str | None  # the next-higher court, for reconsideration


def _heading(facts: ObjectionFacts, lang: str) -> str:
    zh, en, _, _ = _KINDS[facts.kind]
    return _t(
        lang,
        f"{facts.objector}对本院执行{facts.lot_title}提出{zh}（第{facts.number}号），"
        f"于{_day(facts.filed_on, lang)}提交书面异议。",
        f"{facts.objector} filed a written {en} (No. {facts.number}) concerning the "
        f"enforcement against {facts.lot_title} on {_day(facts.filed_on, lang)}.",
    )


def docketing_notice(
    case: CaseFacts, facts: ObjectionFacts, docketed_on: date, to: str, lang: str = "zh"
) -> DocumentContent:
    """受理通知书: the objection is docketed; the court rules within 15 days of the
    filing (CPL Arts 236, 238); sent to the objector and the parties (OBJ Art 2)."""
    _check_lang(lang)
    _, _, zh_article, en_article = _KINDS[facts.kind]
    body = (
        _heading(facts, lang),
        _t(
            lang,
            f"本院已于{_day(docketed_on, lang)}立案审查。依照《中华人民共和国民事诉讼法》"
            f"{zh_article}的规定，本院自收到书面异议之日起十五日内审查并作出裁定。",
            f"The court docketed it on {_day(docketed_on, lang)}. Under CPL Art {en_article} "
            "it will review the objection and rule within 15 days of receiving it.",
        ),
    )
    return DocumentContent(
        kind="objection_notice",
        court=case.court_name,
        title=_t(lang, "执行异议受理通知书", "Notice of Docketing of an Execution Objection"),
        number=case.case_number,
        addressee=_t(lang, f"{to}：", f"To: {to}"),
        sections=(("", body),),
        table=(
            (_t(lang, "异议人", "Objector"), facts.objector),
            (_t(lang, "异议理由", "Grounds"), facts.grounds),
        ),
        table_heading=_t(lang, "异议", "The objection"),
        signature=_signature(case, docketed_on, lang),
        footer=_footer(case, lang),
        lang=lang,
        dated=docketed_on,
        file_name=_file_name(case, "objection_notice", "执行异议受理通知书", lang, to),
    )


def _decision(facts: ObjectionFacts, ruling: ObjectionRuling, lang: str) -> tuple[str, ...]:
    if ruling.outcome == "not_accepted":
        return (_t(lang, "对该异议不予受理。", "The objection is not accepted."),)
    if ruling.outcome == "dismissed":
        return (_t(lang, "驳回异议人的异议请求。", "The objection is dismissed."),)
    if facts.kind == "third_party":
        return (
            _t(
                lang,
                f"中止对{facts.lot_title}的执行（《中华人民共和国民事诉讼法》第二百三十八条）。",
                f"Enforcement against {facts.lot_title} is suspended (CPL Art 238).",
            ),
        )
    assert ruling.revoke_ground is not None
    zh, en = ruling.revoke_ground
    return (
        _t(
            lang,
            f"撤销对{facts.lot_title}的网络司法拍卖（《执行异议复议规定》第二十一条：{zh}）。",
            f"The online judicial auction of {facts.lot_title} is revoked (OBJ Art 21: {en}).",
        ),
    )


def _remedy(facts: ObjectionFacts, ruling: ObjectionRuling, lang: str) -> str:
    if facts.kind == "third_party":
        return _t(
            lang,
            "案外人、当事人对裁定不服，认为原判决、裁定错误的，依照审判监督程序办理；与原判决、"
            "裁定无关的，可以自本裁定送达之日起十五日内向人民法院提起诉讼"
            "（《中华人民共和国民事诉讼法》第二百三十八条）。",
            "A third party or a party who disagrees may, where the original judgment is not in "
            "question, bring a suit within 15 days of service of this ruling (CPL Art 238).",
        )
    higher = ruling.higher_court or _t(lang, "上一级人民法院", "the next-higher court")
    return _t(
        lang,
        f"如不服本裁定，可以自本裁定送达之日起十日内向{higher}申请复议"
        "（《中华人民共和国民事诉讼法》第二百三十六条）。",
        f"A party who disagrees may apply to {higher} for reconsideration within 10 days of "
        "service of this ruling (CPL Art 236).",
    )


def objection_ruling(
    case: CaseFacts, facts: ObjectionFacts, ruling: ObjectionRuling, lang: str = "zh"
) -> DocumentContent:
    """执行裁定书（执行异议）: the ruling on the objection and the remedy it opens."""
    _check_lang(lang)
    _, _, zh_article, en_article = _KINDS[facts.kind]
    reasoning = (
        _heading(facts, lang),
        _t(lang, f"本院经审查认为：{ruling.reason}", f"Having reviewed it: {ruling.reason}"),
        _t(
            lang,
            f"依照《中华人民共和国民事诉讼法》{zh_article}的规定，裁定如下：",
            f"Under CPL Art {en_article}, the court rules as follows:",
        ),
    )
    return DocumentContent(
        kind="objection_ruling",
        court=case.court_name,
        title=_t(lang, "执行裁定书", "Ruling on an Execution Objection"),
        number=f"{case.case_number}（{facts.number}）",
        addressee=_t(lang, f"异议人：{facts.objector}。", f"Objector: {facts.objector}."),
        sections=(
            ("", reasoning),
            ("", _decision(facts, ruling, lang)),
            ("", (_remedy(facts, ruling, lang),)),
        ),
        table=(
            (_t(lang, "异议人", "Objector"), facts.objector),
            (_t(lang, "异议理由", "Grounds"), facts.grounds),
        ),
        table_heading=_t(lang, "异议", "The objection"),
        signature=_panel_signature(case, RulingFacts("", ruling.signed_on), lang),
        footer=_footer(case, lang),
        lang=lang,
        dated=ruling.signed_on,
        file_name=_file_name(case, "objection_ruling", "执行裁定书", lang),
    )
