"""Pieces every document shares: the parties, the case opening, the lot and terms tables,
the signature and the footer, so that one fact reads the same in every document.
"""

from __future__ import annotations

from datetime import date

from fapai.app.documents.facts import (
    CaseFacts,
    LotFacts,
    Row,
    RulingFacts,
    Section,
    Signature,
    TermsFacts,
)
from fapai.app.documents.wording import (
    _ABBREVIATIONS,
    _amount,
    _aside,
    _day,
    _label,
    _period,
    _t,
)
from fapai.domain.numerals import chinese_date

_SEAL = ("（院印）", "(court seal)")
_ROLES = {
    "presiding": ("审　判　长", "Presiding Judge"),
    "judge": ("审　判　员", "Judge"),
    "clerk": ("书　记　员", "Clerk"),
}
#: What each kind of document is called in a file name; both rulings are 执行裁定书.
_FILE_NAMES = {
    "entrustment_letter": "委托书",
    "ruling_to_auction": "执行裁定书（拍卖）",
    "sale_ruling": "执行裁定书（成交）",
    "objection_notice": "执行异议受理通知书",
    "objection_ruling": "执行裁定书（执行异议）",
}


def _date_line(on: date | None, lang: str) -> str:
    """A missing date leaves the line blank, for the court to date when it seals."""
    if on is None:
        return _t(lang, "　　年　　月　　日", "Date: ____________")
    return chinese_date(on) if lang == "zh" else _day(on, lang)


def _signature(case: CaseFacts, on: date | None, lang: str) -> Signature:
    """The court signs a letter, a notice or an announcement in its own name."""
    return Signature((("", case.court_name),), _date_line(on, lang), _t(lang, *_SEAL))


def _panel_signature(case: CaseFacts, ruling: RulingFacts, lang: str) -> Signature:
    """A ruling is signed by the judges who made it and the clerk, and sealed by the court
    (CPL, the article on rulings: Art 157 of the 2021 text). The presiding judge is the
    panel's first member; the clerk is not on record, so the line waits for the clerk's
    hand. Without a panel on record the court signs, rather than names invented here."""
    if not ruling.panel:
        return _signature(case, ruling.signed_on, lang)
    presiding, *judges = ruling.panel
    return Signature(
        (
            (_t(lang, *_ROLES["presiding"]), presiding),
            *((_t(lang, *_ROLES["judge"]), judge) for judge in judges),
        ),
        _date_line(ruling.signed_on, lang),
        _t(lang, *_SEAL),
        clerk=(_t(lang, *_ROLES["clerk"]), ""),
    )


def _file_name(case: CaseFacts, kind: str, title: str, lang: str, to: str = "") -> str:
    """（2026）沪01执123号-执行裁定书（成交）.pdf: the case number first, so a case's
    files sort together; a letter adds its addressee, an English text says it is the
    translation. Path separators cannot come through a case number or a name."""
    zh_title = _FILE_NAMES.get(kind, title)
    name = f"{case.case_number}-{zh_title}"
    if to:
        name += _aside(to)
    if lang == "en":
        name += "（英文译本）"
    return name.translate({ord(c): "-" for c in '/\\:*?"<>|'}) + ".pdf"


def _footer(case: CaseFacts, lang: str) -> str:
    return _t(
        lang,
        f"{case.court_name}。本文书以加盖本院印章的文本为准。" + _ABBREVIATIONS["zh"],
        f"{case.court_name}. This English text is a translation; the Chinese text sealed "
        "by the court prevails. " + _ABBREVIATIONS["en"],
    )


def _measure(lot: LotFacts, lang: str) -> str:
    """What the court did to hold the property: rights are frozen (冻结), land, buildings
    and movables seized (查封). The record does not say whether a movable was taken into
    the court's custody (扣押), so 查封, the measure the others rest on, is written."""
    if lot.property_type == "other_right":
        return _t(lang, "冻结", "freeze")
    return _t(lang, "查封", "seizure")


def _parties(case: CaseFacts, lang: str) -> Section:
    return "", (
        _t(lang, f"申请执行人：{case.applicant}。", f"Applicant: {case.applicant}."),
        _t(lang, f"被执行人：{case.debtor}。", f"Debtor: {case.debtor}."),
    )


def _in_case(case: CaseFacts, lang: str) -> str:
    """The opening every document shares; the caller continues the sentence in English."""
    return _t(
        lang,
        f"本院在执行{case.case_number}申请执行人{case.applicant}与被执行人{case.debtor}一案中，"
        f"执行依据为{case.enforcement_basis}。",
        f"In enforcement case {case.case_number} between the applicant {case.applicant} "
        f"and the debtor {case.debtor}, on the basis of {case.enforcement_basis},",
    )


def _reference(lot: LotFacts, lang: str) -> str:
    if lot.reference_pending:
        return _t(
            lang,
            "该财产的处置参考价由本院依照《最高人民法院关于人民法院确定财产处置参考价若干问题的"
            "规定》另行确定（第一条、第二条）；起拍价参照参考价确定，不得低于参考价的百分之七十"
            "（《网络司法拍卖规定》第十条）。",
            "The court will fix the disposal reference price under the SPC rules on "
            "reference prices (REF Arts 1, 2); the starting price is set by reference to "
            "it and may not be below 70% of it (OJA Art 10).",
        )
    if lot.reference_price is None or lot.reference_method is None:
        return _t(
            lang,
            "该财产未确定处置参考价，起拍价由本院参照市价确定，并征询当事人意见"
            "（《网络司法拍卖规定》第十条）。",
            "No reference price was fixed; the court sets the starting price by the "
            "market price after asking the parties (OJA Art 10).",
        )
    method = _label("method", lot.reference_method, lang)
    when = ""
    if lot.reference_date is not None:
        when = _t(lang, "，确定日为", ", fixed on ") + _day(lot.reference_date, lang)
    return _t(
        lang,
        f"该财产的处置参考价为{_amount(lot.reference_price, lang)}，经{method}确定{when}"
        "（《财产处置参考价规定》第二条）。",
        f"The reference price is {_amount(lot.reference_price, lang)}, set by {method}{when} "
        "(REF Art 2).",
    )


def _lot_rows(lot: LotFacts, lang: str) -> tuple[Row, ...]:
    if lot.reference_pending:
        reference, method = _t(lang, "待确定", "to be fixed"), "—"
    elif lot.reference_price is None or lot.reference_method is None:
        reference, method = _t(lang, "未确定", "none"), "—"
    else:
        reference = _amount(lot.reference_price, lang)
        method = _label("method", lot.reference_method, lang)
    return (
        (_t(lang, "标的物", "Property"), lot.title),
        (_t(lang, "财产类别", "Type"), _label("type", lot.property_type, lang)),
        (_t(lang, "所在地", "Location"), lot.location),
        (_t(lang, "处置参考价", "Reference price"), reference),
        (_t(lang, "参考价确定方式", "How it was set"), method),
    )


def _terms_rows(terms: TermsFacts, lang: str) -> tuple[Row, ...]:
    sale = terms.kind == "sale"
    rows = [
        (
            _t(lang, "变卖价" if sale else "起拍价", "Sale price" if sale else "Starting price"),
            _amount(terms.start_price, lang),
        ),
        (_t(lang, "加价幅度", "Increment"), _amount(terms.increment, lang)),
        (_t(lang, "保证金", "Deposit"), _amount(terms.deposit, lang)),
    ]
    if sale:
        rows.append((_t(lang, "预缴款", "Prepayment"), _amount(terms.start_price, lang)))
    rows.append(
        (
            _t(lang, "变卖期" if sale else "竞价时间", "Sale period" if sale else "Bidding"),
            _period(terms.starts_at, terms.ends_at, lang),
        )
    )
    rows.append((_t(lang, "网络平台", "Platform"), terms.platform))
    if not sale:
        rows.append((_t(lang, "拍卖次数", "Round"), _label("round", str(terms.round), lang)))
    return tuple(rows)


def _procedure(terms: TermsFacts, lang: str) -> str:
    """拍卖, or 变卖 run by the auction rules (OJA Art 37); online auctions have two rounds
    before a sale (OJA Art 26)."""
    if terms.round not in (1, 2):
        raise ValueError(f"online auctions have rounds 1 and 2, not {terms.round}")
    return _label("kind", terms.kind, lang)
