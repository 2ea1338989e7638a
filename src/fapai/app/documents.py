"""The court documents of one judicial auction, as content ready to render.

Each builder turns the facts of a case into what the law says the document must
tell its reader, citing the article that requires it, in Chinese (the operative
text) or English (a translation for convenience). The builders are pure: no
clock, no files, no framework, so the same facts always give the same document
and a renderer (``DocumentRenderer``, implemented in ``adapters/``) only lays it
out. Money is fen, written in figures and in capital numerals (大写) so that a
changed digit is caught by the words; times are shown in Beijing time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from fapai.domain.beijing_time import to_beijing
from fapai.domain.numerals import capital_numerals, chinese_date, format_cny

Section = tuple[str, tuple[str, ...]]
Row = tuple[str, str]

#: What an announcement must disclose about the property (OJA Art 13(5), (9),
#: Art 14(3)); every key is required, "无" is an answer, silence is not.
DISCLOSURE_KEYS = ("occupancy", "leases", "arrears", "taxes", "encumbrances", "clearing", "other")


@dataclass(frozen=True)
class CaseFacts:
    court_name: str
    court_code: str
    case_number: str  # 案号, e.g. "（2026）沪01执123号"
    applicant: str
    debtor: str
    enforcement_basis: str  # 执行依据, e.g. "（2025）沪01民初45号民事判决书"


@dataclass(frozen=True)
class LotFacts:
    title: str
    property_type: str  # real_estate | movable | other_right
    location: str
    disclosure: Mapping[str, str]  # the DISCLOSURE_KEYS
    reference_price: int | None
    reference_method: str | None  # agreed | targeted | online | appraisal (REF Art 2)
    reference_date: date | None


@dataclass(frozen=True)
class TermsFacts:
    round: int  # 1 or 2 (OJA Art 26)
    kind: str  # "auction" | "sale" (变卖, OJA Arts 26, 37)
    start_price: int
    increment: int
    deposit: int
    starts_at: datetime
    ends_at: datetime
    platform: str
    balance_days: int
    preemptive_holders: int  # holders the court has confirmed (OJA Art 19)
    house_eligibility_required: bool  # HSE Arts 1-3


@dataclass(frozen=True)
class SaleFacts:
    buyer_name: str
    buyer_id_masked: str
    buyer_code: str
    price: int
    closed_at: datetime
    balance_due: date | None


@dataclass(frozen=True)
class RulingFacts:
    ruling_number: str
    signed_on: date


@dataclass(frozen=True)
class NoticeFacts:
    recipient: str
    role: str  # "party" | "preemptive_holder"
    announced_on: date | None  # when the announcement is (to be) published


@dataclass(frozen=True)
class TransferFacts:
    registry: str  # e.g. "上海市不动产登记事务中心"
    ruling_number: str
    served_on: date  # the sale ruling reached the buyer: title passed (OJA Art 22)


@dataclass(frozen=True)
class DocumentContent:
    """A document as headed paragraphs and one two-column table.

    ``signature`` is (court name, date line); renderers also head the first page
    with that court's name, as court documents are headed.
    """

    kind: str
    title: str
    number: str
    addressee: str
    sections: tuple[Section, ...]
    table: tuple[Row, ...]
    signature: tuple[str, str]
    footer: str
    lang: str
    table_heading: str = ""


class DocumentRenderer(Protocol):
    def pdf(self, content: DocumentContent) -> bytes: ...

    def html(self, content: DocumentContent) -> str: ...


# --- words and figures ----------------------------------------------------------

_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "type": {
        "real_estate": ("不动产", "real property"),
        "movable": ("动产", "movable property"),
        "other_right": ("其他财产权", "other property right"),
    },
    "method": {
        "agreed": ("当事人议价", "agreement of the parties"),
        "targeted": ("定向询价", "targeted inquiry"),
        "online": ("网络询价", "online inquiry"),
        "appraisal": ("委托评估", "appraisal"),
    },
    "kind": {"auction": ("拍卖", "auction"), "sale": ("变卖", "sale")},
    "round": {"1": ("第一次拍卖", "first auction"), "2": ("第二次拍卖", "second auction")},
    "role": {"party": ("当事人", "party"), "preemptive_holder": ("优先购买权人", "holder")},
    "disclosure": {
        "occupancy": ("占有使用情况", "Occupancy and use"),
        "leases": ("租赁情况", "Leases"),
        "arrears": ("欠费情况", "Arrears"),
        "taxes": ("税费负担", "Taxes and who bears them"),
        "encumbrances": ("权利负担", "Encumbrances"),
        "clearing": ("腾退交付", "Vacating and handover"),
        "other": ("其他说明", "Other"),
    },
}
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_ABBREVIATIONS = {
    "zh": (
        "本文书所称《网络司法拍卖规定》指《最高人民法院关于人民法院网络司法拍卖若干问题的"
        "规定》（法释〔2016〕18号），《拍卖、变卖财产规定》指《最高人民法院关于人民法院民事"
        "执行中拍卖、变卖财产的规定》，《民事诉讼法解释》指《最高人民法院关于适用〈中华人民"
        "共和国民事诉讼法〉的解释》，《房产竞买人资格规定》指《最高人民法院关于人民法院司法"
        "拍卖房产竞买人资格若干问题的规定》，《财产处置参考价规定》指《最高人民法院关于人民"
        "法院确定财产处置参考价若干问题的规定》。"
    ),
    "en": (
        "OJA: SPC Provisions on Online Judicial Auctions by the People's Courts (Fa Shi "
        "[2016] No. 18). ASR: SPC Provisions on Auction and Sale of Property in Civil "
        "Enforcement. CPL: Civil Procedure Law. CPLI: SPC Interpretation on Applying the "
        "CPL. HSE: SPC Provisions on Bidder Eligibility in Judicial House Auctions. REF: "
        "SPC Provisions on Reference Prices for the Disposal of Property."
    ),
}


def _check_lang(lang: str) -> None:
    if lang not in _ABBREVIATIONS:
        raise ValueError(f"documents are written in 'zh' or 'en', not {lang!r}")


def _t(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


def _label(group: str, key: str, lang: str) -> str:
    try:
        zh, en = _LABELS[group][key]
    except KeyError:
        raise ValueError(f"unknown {group} {key!r}") from None
    return _t(lang, zh, en)


def _amount(fen: int, lang: str) -> str:
    """¥1,234,567.89（大写：人民币壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分）."""
    figures, words = format_cny(fen), capital_numerals(fen)
    return _t(lang, f"{figures}（大写：人民币{words}）", f"{figures} (in capitals: {words})")


def _day(on: date, lang: str) -> str:
    return _t(
        lang, f"{on.year}年{on.month}月{on.day}日", f"{on.day} {_MONTHS[on.month - 1]} {on.year}"
    )


def _moment(at: datetime, lang: str) -> str:
    local = to_beijing(at)
    return _day(local.date(), lang) + _t(lang, "", " ") + f"{local:%H:%M}"


def _period(start: datetime, end: datetime, lang: str) -> str:
    return _t(
        lang,
        f"{_moment(start, lang)}起至{_moment(end, lang)}止（北京时间）",
        f"{_moment(start, lang)} to {_moment(end, lang)} (Beijing time)",
    )


# --- pieces every document shares -------------------------------------------------


def _signature(case: CaseFacts, on: date | None, lang: str) -> tuple[str, str]:
    """A missing date leaves the line blank, for the court to date when it seals."""
    if on is None:
        return case.court_name, _t(lang, "　　年　　月　　日", "Date: ____________")
    return case.court_name, chinese_date(on) if lang == "zh" else _day(on, lang)


def _footer(case: CaseFacts, lang: str) -> str:
    return _t(
        lang,
        f"{case.court_name}（法院代码：{case.court_code}）。本文书以加盖本院印章的文本为准。"
        + _ABBREVIATIONS["zh"],
        f"{case.court_name} (court code {case.court_code}). This English text is a "
        "translation; the Chinese text sealed by the court prevails. " + _ABBREVIATIONS["en"],
    )


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
    if lot.reference_price is None or lot.reference_method is None:
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


def _disclosure(lot: LotFacts) -> Mapping[str, str]:
    """OJA Arts 13-14: an announcement silent on any of these would mislead bidders."""
    missing = [key for key in DISCLOSURE_KEYS if key not in lot.disclosure]
    unknown = sorted(set(lot.disclosure) - set(DISCLOSURE_KEYS))
    if missing or unknown:
        raise ValueError(f"disclosure: missing {missing}, unknown {unknown}")
    return lot.disclosure


def _procedure(terms: TermsFacts, lang: str) -> str:
    """拍卖, or 变卖 run by the auction rules (OJA Art 37); online auctions have two rounds
    before a sale (OJA Art 26)."""
    if terms.round not in (1, 2):
        raise ValueError(f"online auctions have rounds 1 and 2, not {terms.round}")
    return _label("kind", terms.kind, lang)


def _art14_warnings(terms: TermsFacts, disclosure: Mapping[str, str], lang: str) -> Section:
    """OJA Art 14: the seven special warnings, published on the announcement day."""
    defects = _t(
        lang,
        f"权利负担：{disclosure['encumbrances']}；占有使用：{disclosure['occupancy']}；"
        f"租赁：{disclosure['leases']}；欠费：{disclosure['arrears']}",
        f"encumbrances: {disclosure['encumbrances']}; occupancy: {disclosure['occupancy']}; "
        f"leases: {disclosure['leases']}; arrears: {disclosure['arrears']}",
    )
    forfeit = ""
    if terms.kind == "sale":
        forfeit = _t(
            lang,
            "（变卖中从预缴款中扣除相当于保证金的数额）",
            " (in a sale, an amount equal to the deposit is kept from the prepayment)",
        )
    return _t(lang, "五、特别提示", "5. Special warnings"), (
        _t(
            lang,
            "依照《网络司法拍卖规定》第十四条，本院特别提示：",
            "Under OJA Art 14 the court gives these special warnings:",
        ),
        _t(
            lang,
            "（一）竞买人应当具备完全民事行为能力，法律、行政法规和司法解释对买受人资格或者"
            "条件有特殊规定的，竞买人应当具备规定的资格或者条件；",
            "(1) Bidders must have full civil capacity, and any qualification or condition "
            "that laws, administrative regulations or judicial interpretations require of a "
            "buyer;",
        ),
        _t(
            lang,
            "（二）委托他人代为竞买的，应当在竞价程序开始前经本院确认，并通知网络服务提供者；",
            "(2) Bidding through an agent must be confirmed by the court before bidding starts, "
            "and the platform must be told;",
        ),
        _t(
            lang,
            f"（三）拍卖财产已知瑕疵和权利负担：{defects}；",
            f"(3) Known defects and encumbrances of the property: {defects};",
        ),
        _t(
            lang,
            "（四）拍卖财产以实物现状为准，竞买人可以申请实地看样；",
            "(4) The property is sold as it is; bidders may ask to view it on site;",
        ),
        _t(
            lang,
            "（五）竞买人决定参与竞买的，视为对拍卖财产完全了解，并接受拍卖财产一切已知和"
            "未知瑕疵；",
            "(5) A bidder who takes part is deemed to know the property fully and to accept "
            "all its known and unknown defects;",
        ),
        _t(
            lang,
            "（六）载明买受人真实身份的拍卖成交确认书在网络司法拍卖平台上公示；",
            "(6) The sale confirmation naming the buyer's real identity is published on the "
            "platform;",
        ),
        _t(
            lang,
            f"（七）买受人悔拍后保证金不予退还{forfeit}。",
            f"(7) A buyer who reneges loses the deposit{forfeit}.",
        ),
        _t(
            lang,
            "本院已依照第十三条、第十四条予以公示和特别提示，不能保证拍卖财产的真伪或者品质，"
            "不承担瑕疵担保责任（第十五条）。",
            "Having made the Art 13 and Art 14 disclosures, the court cannot guarantee the "
            "authenticity or quality of the property and gives no warranty against defects "
            "(OJA Art 15).",
        ),
    )


def _bidding_rules(terms: TermsFacts, lang: str) -> Section:
    start = _amount(terms.start_price, lang)
    if terms.preemptive_holders:
        holders = _t(
            lang,
            f"经本院确认的优先购买权人共{terms.preemptive_holders}名，以优先竞买代码参与竞买，"
            "可以与其他竞买人以相同的价格出价，没有更高出价的，由优先购买权人竞得；顺序不同的"
            "由顺序在先者竞得，顺序相同的由出价在先者竞得（第十九条、第二十一条）。",
            f"{terms.preemptive_holders} preemptive-right holder(s) confirmed by the court bid "
            "with priority codes and may bid the same price as another bidder, winning if "
            "nobody bids higher; between holders the higher rank wins, and at the same rank "
            "the earlier bid (OJA Arts 19, 21).",
        )
    else:
        holders = _t(
            lang,
            "截至本公告发布之日，本院未确认优先购买权人（第十三条第（六）项）。",
            "The court has confirmed no preemptive-right holder (OJA Art 13(6)).",
        )
    soft_close = _t(
        lang,
        "竞价程序结束前五分钟内有出价的，竞价时间自该出价时点顺延五分钟；出价时间以进入"
        "平台服务系统的时间为准（《网络司法拍卖规定》第二十条）。",
        "A bid in the last five minutes moves the end to five minutes after that bid; a bid's "
        "time is when it enters the platform's system (OJA Art 20).",
    )
    if terms.kind == "sale":
        return _t(lang, "二、变卖价与竞价规则", "2. Sale price and bidding"), (
            _t(
                lang,
                f"变卖价为{start}，加价幅度为{_amount(terms.increment, lang)}。",
                f"The sale price is {start}; the increment is {_amount(terms.increment, lang)}.",
            ),
            _t(
                lang,
                "变卖期为六十日。竞买人须预缴全部变卖价款后方可取得竞买资格；变卖期内首位"
                "竞买人出价后，进入二十四小时竞价程序，其他取得竞买资格的竞买人可以在此期间"
                "加价竞买；二十四小时内无人加价的，由首位出价人以变卖价竞得；变卖期届满无人"
                "出价的，变卖不成交（参照《网络司法拍卖规定》第三十七条；最高人民法院关于网络司法"
                "拍卖与网络司法变卖衔接工作的通知）。",
                "The sale period is 60 days. A bidder qualifies only by prepaying the full sale "
                "price. The first bid in the period starts a 24-hour countdown in which other "
                "qualified bidders may raise; if nobody raises in those 24 hours, the first "
                "bidder buys at the sale price; if nobody bids in the period, nothing is sold "
                "(OJA Art 37; SPC notice on linking online auctions and online sales).",
            ),
            soft_close,
            holders,
        )
    return _t(lang, "二、起拍价与竞价规则", "2. Starting price and bidding"), (
        _t(
            lang,
            f"起拍价为{start}，保留价即为起拍价；加价幅度为{_amount(terms.increment, lang)}"
            "（《网络司法拍卖规定》第十条、第二十条）。",
            f"The starting price is {start} and is the reserve; the increment is "
            f"{_amount(terms.increment, lang)} (OJA Arts 10, 20).",
        ),
        _t(
            lang,
            "竞买人以低于起拍价出价的无效。一人参与竞拍，出价不低于起拍价的，拍卖成交"
            "（第十一条、第二十条）。竞价时间不少于二十四小时。",
            "A bid below the starting price is void. One bidder at or above the starting price "
            "is enough for a sale (OJA Arts 11, 20). Bidding lasts at least 24 hours.",
        ),
        soft_close,
        holders,
    )


def _deposit_rules(terms: TermsFacts, lang: str) -> Section:
    deposit = _amount(terms.deposit, lang)
    secrecy = _t(
        lang,
        "竞价程序结束前，本院及平台对竞买人身份及其他能够确认竞买人真实身份的信息、密码"
        "予以保密（《网络司法拍卖规定》第十八条）。",
        "Until bidding closes, the court and the platform keep secret the bidders' identities, "
        "anything that could reveal them, and their passwords (OJA Art 18).",
    )
    if terms.kind == "sale":
        return _t(lang, "三、预缴款与保证金", "3. Prepayment and deposit"), (
            _t(
                lang,
                f"竞买人须以本人实名预缴全部变卖价款{_amount(terms.start_price, lang)}；买受人"
                f"悔拍的，预缴款中相当于保证金数额{deposit}的部分不予退还，其余退还。",
                f"Bidders prepay the full sale price, {_amount(terms.start_price, lang)}, in "
                f"their real names; a buyer who reneges loses an amount equal to the deposit, "
                f"{deposit}, and the rest is refunded.",
            ),
            _t(
                lang,
                "未成交竞买人的预缴款在竞价程序结束后二十四小时内退还或者解冻（第二十三条）。",
                "Other bidders' prepayments are refunded or unfrozen within 24 hours after "
                "bidding closes (OJA Art 23).",
            ),
            secrecy,
        )
    return _t(lang, "三、保证金", "3. Deposit"), (
        _t(
            lang,
            f"保证金为{deposit}。竞买人应当在竞价程序结束前以本人实名交纳保证金，经本院或者"
            "平台确认后取得竞买资格及竞买代码、参拍密码，以竞买代码参与竞买；未交纳的，不得"
            "参加竞买（第十七条、第十八条）。",
            f"The deposit is {deposit}. Bidders pay it in their real names before bidding "
            "closes; once the court or the platform confirms it they receive a bidder code and "
            "password and bid under the code; without a deposit there is no bidding (OJA "
            "Arts 17, 18).",
        ),
        _t(
            lang,
            "申请执行人参加竞买的，可以不交保证金；但债权数额小于保证金数额的，按差额部分交纳"
            "（第十七条）。",
            "The applicant may bid without a deposit, but pays the difference if its claim is "
            "smaller than the deposit (OJA Art 17).",
        ),
        _t(
            lang,
            "拍卖成交后，买受人交纳的保证金充抵价款；其他竞买人的保证金在竞价程序结束后"
            "二十四小时内退还或者解冻；拍卖未成交的，亦同（第二十三条）。",
            "After a sale the buyer's deposit counts towards the price; other deposits are "
            "refunded or unfrozen within 24 hours after bidding closes, as they are when "
            "nothing sells (OJA Art 23).",
        ),
        secrecy,
    )


def _bidder_conditions(terms: TermsFacts, lang: str) -> Section:
    lines = [
        _t(
            lang,
            "竞买人应当具备完全民事行为能力；法律、行政法规和司法解释对买受人资格或者条件有"
            "特殊规定的，应当具备规定的资格或者条件（《网络司法拍卖规定》第十四条）。",
            "Bidders need full civil capacity and any qualification the law requires of a "
            "buyer (OJA Art 14).",
        ),
    ]
    if terms.house_eligibility_required:
        lines.append(
            _t(
                lang,
                "本标的为房产。竞买人应当符合房产所在地关于购房资格的规定，不具备购房资格的，不得"
                "参与竞买；竞买人报名时应当承诺具备购房资格，并自行承担不具备资格的法律后果"
                "（《房产竞买人资格规定》第一条、第二条）。成交后、成交裁定作出前，本院审查买受人"
                "自报名时起持续具备购房资格的证明，不具备的，不作出成交裁定（第三条）。",
                "This is a house. Bidders must meet the local house-purchase eligibility rules and "
                "may not bid without eligibility; at registration each bidder commits that it is "
                "eligible and bears the legal consequences if not (HSE Arts 1, 2). After the sale "
                "and before the ruling the court checks proof that the buyer stayed eligible since "
                "registration; if not, no sale ruling issues (HSE Art 3).",
            )
        )
    lines.append(
        _t(
            lang,
            "负责执行的人民法院、网络服务提供者、承担拍卖辅助工作的社会机构或者组织，及其工作"
            "人员和近亲属，不得竞买并不得委托他人代为竞买（《网络司法拍卖规定》第三十四条）。",
            "The enforcing court, the platform, the auxiliary institution, their staff and close "
            "relatives may not bid or have others bid for them (OJA Art 34).",
        )
    )
    return _t(lang, "四、竞买人条件", "4. Who may bid"), tuple(lines)


def _payment_and_handover(terms: TermsFacts, disclosure: Mapping[str, str], lang: str) -> Section:
    paid_zh, paid_en = ("预缴款", "prepayment") if terms.kind == "sale" else ("保证金", "deposit")
    return _t(lang, "六、价款支付与财产交付", "6. Payment and handover"), (
        _t(
            lang,
            f"成交后，买受人应当在成交之日起{terms.balance_days}日内将剩余价款交付本院指定"
            f"账户；平台在成交后二十四小时内将冻结的买受人{paid_zh}划入本院指定账户"
            "（《网络司法拍卖规定》第二十五条）。",
            f"The buyer pays the balance into the court's account within {terms.balance_days} "
            f"days of the sale; the platform moves the buyer's frozen {paid_en} to that account "
            "within 24 hours of the sale (OJA Art 25).",
        ),
        _t(
            lang,
            "平台以买受人的真实身份自动生成成交确认书并公示（第二十二条）。本院于价款全额交付"
            "后十日内作出成交裁定并送达买受人（《拍卖、变卖财产规定》第二十条）；财产所有权自"
            "成交裁定送达买受人时转移（《网络司法拍卖规定》第二十二条）；本院于裁定送达后"
            "十五日内移交财产，依法不能移交的除外（《拍卖、变卖财产规定》第二十七条）。",
            "The platform generates and publishes the sale confirmation in the buyer's real "
            "name (OJA Art 22). The court serves the sale ruling within 10 days after full "
            "payment (ASR Art 20); ownership passes when it is served (OJA Art 22); the court "
            "hands the property over within 15 days after service unless the law prevents it "
            "(ASR Art 27).",
        ),
        _t(
            lang,
            f"产权转移可能产生的税费及承担方式：{disclosure['taxes']}"
            "（《网络司法拍卖规定》第十三条、第三十条）。",
            f"Taxes the transfer may trigger, and who bears them: {disclosure['taxes']} "
            "(OJA Arts 13, 30).",
        ),
        _t(
            lang,
            "财产上原有的担保物权及其他优先受偿权，因拍卖而消灭；原有的租赁权及其他用益物权，"
            "不因拍卖而消灭，但对在先的担保物权或者其他优先受偿权的实现有影响的，本院依法将其"
            "除去后进行拍卖（《拍卖、变卖财产规定》第二十八条）。",
            "Security interests and other priority rights end with the sale; leases and "
            "usufructs survive unless they would prejudice an earlier security interest, in "
            "which case the court removes them before the sale (ASR Art 28).",
        ),
        _t(
            lang,
            f"腾退与交付：{disclosure['clearing']}。",
            f"Vacating and handover: {disclosure['clearing']}.",
        ),
    )


def _liability(terms: TermsFacts, lang: str) -> Section:
    lines = [
        _t(
            lang,
            "买受人悔拍的，交纳的保证金不予退还，依次用于支付拍卖产生的费用损失、弥补重新拍卖"
            "价款低于原拍卖价款的差价、冲抵本案被执行人的债务以及与拍卖财产相关的被执行人的"
            "债务；悔拍后重新拍卖的，原买受人不得参加竞买（《网络司法拍卖规定》第二十四条）。",
            "A buyer who reneges loses the deposit, which pays in order the costs of the "
            "auction, any shortfall of the re-auction, the debtor's debt in this case and the "
            "debtor's other debts related to the property; the buyer may not bid in the "
            "re-auction (OJA Art 24).",
        ),
        _t(
            lang,
            "竞买人之间、竞买人与网络服务提供者之间恶意串通，或者买受人不具备法定竞买资格的，"
            "当事人、利害关系人请求撤销拍卖，本院应当支持（第三十一条）。",
            "Collusion among bidders or with the platform, or a buyer without the legal "
            "qualification, is a ground on which a party may have the auction revoked "
            "(OJA Art 31).",
        ),
    ]
    if terms.house_eligibility_required:
        lines.append(
            _t(
                lang,
                "竞买人虚假承诺具备购房资格的，拍卖无效，竞买人应当承担赔偿责任；以虚假承诺、恶意"
                "串通等方式妨害司法拍卖的，本院依法予以罚款、拘留，构成犯罪的，依法追究刑事责任"
                "（《房产竞买人资格规定》第四条、第六条）。",
                "A false eligibility commitment makes the auction void and the bidder liable for "
                "damages; false commitments or collusion are punished by fine or detention, and "
                "prosecuted where criminal (HSE Arts 4, 6).",
            )
        )
    return _t(lang, "七、法律责任", "7. Legal liability"), tuple(lines)


def _announcement_sections(
    case: CaseFacts, lot: LotFacts, terms: TermsFacts, disclosure: Mapping[str, str], lang: str
) -> tuple[Section, ...]:
    when = _period(terms.starts_at, terms.ends_at, lang)
    word = _procedure(terms, lang)
    if terms.kind == "sale":
        intro = [
            _t(
                lang,
                f"{lot.title}经两次网络司法拍卖均流拍，本院决定在同一平台{terms.platform}依法变卖"
                f"（《网络司法拍卖规定》第二十六条第二款、第三十七条）。变卖期为六十日，自{when}。"
                "现将有关事项公告如下：",
                f"{lot.title} failed to sell at two online judicial auctions; the court will sell "
                f"it at a price on the same platform, {terms.platform} (OJA Arts 26(2), 37). The "
                f"sale period is 60 days, {when}. The court announces:",
            )
        ]
    else:
        intro = [
            _t(
                lang,
                f"本院定于{when}（延时的除外）在{terms.platform}对{lot.title}进行公开网络司法拍卖"
                f"（{_label('round', str(terms.round), lang)}）。依照《网络司法拍卖规定》第十二条、"
                "第十三条，现将有关事项公告如下：",
                f"The court will hold a public online judicial auction "
                f"({_label('round', str(terms.round), lang)}) of {lot.title} on {terms.platform}, "
                f"{when}, subject to extensions. Under OJA Arts 12 and 13 the court announces:",
            )
        ]
        if terms.round == 2:
            intro.append(
                _t(
                    lang,
                    "本次拍卖为第二次拍卖。该财产第一次网络司法拍卖流拍，依照《网络司法拍卖规定》"
                    "第二十六条在同一平台再次拍卖，起拍价降价幅度不超过前次起拍价的百分之二十。",
                    "This is the second auction: the first online auction failed, and under OJA "
                    "Art 26 the property is auctioned again on the same platform with the starting "
                    "price cut by no more than 20% of the previous one.",
                )
            )
    lot_section = (
        _t(lang, f"一、{word}财产", "1. The property"),
        (
            _t(
                lang,
                f"{lot.title}，位于{lot.location}，财产类别为"
                f"{_label('type', lot.property_type, lang)}。财产现状、权利负担等详见所附{word}财产"
                "情况表及平台公示资料（《网络司法拍卖规定》第十三条）。",
                f"{lot.title}, at {lot.location}, {_label('type', lot.property_type, lang)}. Its "
                "condition and encumbrances are in the table below and the platform's published "
                "materials (OJA Art 13).",
            ),
            _reference(lot, lang),
        ),
    )
    other = (
        _t(lang, "八、其他事项", "8. Other matters"),
        (
            _t(lang, f"其他说明：{disclosure['other']}。", f"Other: {disclosure['other']}."),
            _t(
                lang,
                "当事人、利害关系人认为网络司法拍卖行为违法侵害其合法权益的，可以提出执行异议；"
                "案外人对拍卖标的提出异议的，依照《中华人民共和国民事诉讼法》的规定处理"
                "（《网络司法拍卖规定》第三十六条）。",
                "A party or interested party who holds the auction unlawful may file an execution "
                "objection; a third party's objection to the property is handled under the CPL "
                "(OJA Art 36).",
            ),
            _t(
                lang,
                f"执行法院：{case.court_name}；执行依据：{case.enforcement_basis}"
                "（第十三条第（二）项、第（十）项）。",
                f"Enforcing court: {case.court_name}; enforcement basis: {case.enforcement_basis} "
                "(OJA Art 13(2), (10)).",
            ),
        ),
    )
    return (
        ("", tuple(intro)),
        lot_section,
        _bidding_rules(terms, lang),
        _deposit_rules(terms, lang),
        _bidder_conditions(terms, lang),
        _art14_warnings(terms, disclosure, lang),
        _payment_and_handover(terms, disclosure, lang),
        _liability(terms, lang),
        other,
    )


# --- the six documents ----------------------------------------------------------


def ruling_to_auction(
    case: CaseFacts, lot: LotFacts, ruling: RulingFacts, lang: str = "zh"
) -> DocumentContent:
    """执行裁定书（拍卖）: the ruling that puts a seized asset up for online auction."""
    _check_lang(lang)
    kind = _label("type", lot.property_type, lang)
    facts = (
        _in_case(case, lang)
        + _t(
            lang,
            f"本院依法查封（扣押、冻结）了被执行人的{lot.title}（{lot.location}），"
            "被执行人未在指定期间履行生效法律文书确定的义务。",
            f" the court has seized the debtor's {lot.title} ({lot.location}, {kind}), "
            "and the debtor has not performed within the period set.",
        ),
        _reference(lot, lang)
        + (
            _t(
                lang,
                "起拍价由本院参照参考价确定，不得低于参考价的百分之七十（《网络司法拍卖规定》"
                "第十条）。",
                " The starting price is set by reference to it and may not be below 70% of "
                "it (OJA Art 10).",
            )
            if lot.reference_price is not None
            else ""
        ),
        _t(
            lang,
            "拍卖平台由申请执行人从最高人民法院确定的网络服务提供者名单库中选择；未选择或者"
            "多个申请执行人的选择不一致的，由本院指定（《网络司法拍卖规定》第五条）。",
            "The applicant chooses the platform from the SPC list; the court designates one "
            "if none is chosen or several applicants choose differently (OJA Art 5).",
        ),
        _t(
            lang,
            "依照《中华人民共和国民事诉讼法》第二百五十五条、第二百五十八条，"
            "《网络司法拍卖规定》第二条之规定，裁定如下：",
            "Under CPL Arts 255 and 258 and OJA Art 2, the court rules:",
        ),
    )
    order = (
        _t(
            lang,
            f"通过网络司法拍卖平台拍卖被执行人{case.debtor}的{lot.title}（{lot.location}）。",
            f"The debtor {case.debtor}'s {lot.title} ({lot.location}) is to be sold by "
            "online judicial auction.",
        ),
        _t(
            lang,
            "本裁定送达后即发生法律效力。当事人、利害关系人认为本裁定违法的，可以依照"
            "《中华人民共和国民事诉讼法》第二百三十六条向本院提出书面异议。",
            "This ruling takes effect on service. A party or interested party who holds it "
            "unlawful may object to this court in writing (CPL Art 236).",
        ),
    )
    return DocumentContent(
        kind="ruling_to_auction",
        title=_t(lang, "执行裁定书", "Enforcement Ruling: Auction"),
        number=ruling.ruling_number,
        addressee="",
        sections=(_parties(case, lang), ("", facts), ("", order)),
        table=_lot_rows(lot, lang),
        table_heading=_t(lang, "拍卖财产", "Property to be auctioned"),
        signature=_signature(case, ruling.signed_on, lang),
        footer=_footer(case, lang),
        lang=lang,
    )


def notice_to_party(
    case: CaseFacts,
    lot: LotFacts,
    terms: TermsFacts,
    notice: NoticeFacts,
    lang: str = "zh",
    *,
    issued_on: date | None = None,
) -> DocumentContent:
    """拍卖通知书: OJA Art 16 notice to a party or known preemptive-right holder,
    due at least three days before the announcement."""
    _check_lang(lang)
    word = _procedure(terms, lang)
    if notice.role not in _LABELS["role"]:
        raise ValueError(f"unknown role {notice.role!r}")
    sale = terms.kind == "sale"
    price = _amount(terms.start_price, lang)
    when = ""
    if notice.announced_on is not None:
        when = _t(
            lang,
            f"{word}公告将于{_day(notice.announced_on, lang)}在上述平台发布。",
            f" The announcement will be published on the platform on "
            f"{_day(notice.announced_on, lang)}.",
        )
    intro = (
        _in_case(case, lang)
        + _t(
            lang,
            f"本院决定于{_period(terms.starts_at, terms.ends_at, lang)}在{terms.platform}"
            f"对{lot.title}进行网络司法{word}，{'变卖价' if sale else '起拍价'}{price}。"
            f"依照《网络司法拍卖规定》第十六条，现于{word}公告发布三日前通知如下。",
            f" the court will {'sell' if sale else 'auction'} {lot.title} on {terms.platform}, "
            f"{_period(terms.starts_at, terms.ends_at, lang)}, "
            f"{'sale price' if sale else 'starting price'} {price}. Under OJA Art 16 you are "
            "notified at least three days before the announcement is published.",
        )
        + when,
    )
    if notice.role == "preemptive_holder":
        rights = (
            _t(
                lang,
                "你（单位）是已知的优先购买权人。经本院确认后，取得优先竞买资格及优先竞买"
                "代码、参拍密码，并以优先竞买代码参与竞买；未经确认的，不得以优先购买权人"
                "身份参与竞买（第十九条）。",
                "You are a known holder of a preemptive right. Once the court confirms you, "
                "you receive a priority bidder code and password and bid with that code; "
                "unconfirmed, you cannot bid as a holder (OJA Art 19).",
            ),
            _t(
                lang,
                "优先购买权人可以与其他竞买人以相同的价格出价，没有更高出价的，拍卖财产由"
                "优先购买权人竞得（第二十一条）。",
                "A holder may bid the same price as another bidder and wins if nobody bids "
                "higher (OJA Art 21).",
            ),
            _t(
                lang,
                "优先购买权人经通知未参与竞买的，视为放弃优先购买权（第十六条第二款）。",
                "A holder who has been notified and does not take part is deemed to have "
                "waived the preemptive right (OJA Art 16(2)).",
            ),
        )
    else:
        rights = (
            _t(
                lang,
                "申请执行人、被执行人可以参加竞买（《拍卖、变卖财产规定》第十二条）。"
                "申请执行人参加竞买的，可以不交保证金；债权数额小于保证金数额的，按差额"
                "部分交纳（《网络司法拍卖规定》第十七条）。",
                "The applicant and the debtor may bid (ASR Art 12). The applicant may bid "
                "without a deposit, paying the difference if its claim is smaller (OJA Art 17).",
            ),
            _t(
                lang,
                "被执行人在拍卖日之前向本院提交足额金钱清偿债务的，可以要求停止拍卖，但应当"
                "负担因拍卖支出的必要费用（《拍卖、变卖财产规定》第十九条）。",
                "If the debtor pays the full debt to the court before the auction day it may "
                "ask for the auction to stop, bearing the necessary costs so far (ASR Art 19).",
            ),
            _t(
                lang,
                "认为拍卖行为违法侵害合法权益的，可以提出执行异议（《网络司法拍卖规定》"
                "第三十六条）。",
                "A party who holds the auction unlawful may file an execution objection "
                "(OJA Art 36).",
            ),
        )
    return DocumentContent(
        kind="notice_to_party",
        title=_t(lang, f"{word}通知书", f"Notice of {word.capitalize()}"),
        number=case.case_number,
        addressee=_t(lang, f"{notice.recipient}：", f"To: {notice.recipient}"),
        sections=(("", intro), (_t(lang, "权利与义务", "Your rights"), rights)),
        table=((_t(lang, "标的物", "Property"), lot.title), *_terms_rows(terms, lang)),
        table_heading=_t(lang, f"{word}事项", f"The {word}"),
        signature=_signature(case, issued_on, lang),
        footer=_footer(case, lang),
        lang=lang,
    )


def announcement(
    case: CaseFacts,
    lot: LotFacts,
    terms: TermsFacts,
    lang: str = "zh",
    *,
    issued_on: date | None = None,
) -> DocumentContent:
    """拍卖公告 with the OJA Art 12 contents and the Art 14 special warnings."""
    _check_lang(lang)
    disclosure = _disclosure(lot)
    sale = terms.kind == "sale"
    word = _procedure(terms, lang)
    if sale:
        title = _t(lang, "变卖公告", "Announcement of Online Judicial Sale")
    else:
        title = _t(lang, "拍卖公告", "Auction Announcement") + (
            _t(lang, "（第二次拍卖）", " (Second Auction)") if terms.round == 2 else ""
        )
    holders = (
        _t(lang, f"经本院确认{terms.preemptive_holders}名", f"{terms.preemptive_holders} confirmed")
        if terms.preemptive_holders
        else _t(lang, "本院未确认", "none confirmed")
    )
    rows = (
        *_lot_rows(lot, lang),
        *_terms_rows(terms, lang),
        (
            _t(lang, "余款支付期限", "Balance due"),
            _t(lang, f"成交之日起{terms.balance_days}日内", f"within {terms.balance_days} days"),
        ),
        (_t(lang, "优先购买权人", "Preemptive-right holders"), holders),
        *((_label("disclosure", k, lang), disclosure[k]) for k in DISCLOSURE_KEYS),
    )
    return DocumentContent(
        kind="announcement",
        title=title,
        number=case.case_number,
        addressee="",
        sections=_announcement_sections(case, lot, terms, disclosure, lang),
        table=rows,
        table_heading=_t(lang, f"{word}财产情况", f"The property and the {word}"),
        signature=_signature(case, issued_on, lang),
        footer=_footer(case, lang),
        lang=lang,
    )


def _balance(terms: TermsFacts, sale: SaleFacts) -> tuple[int, int]:
    """What the buyer already paid counts towards the price (OJA Art 23): the deposit,
    or in a 变卖 the prepaid sale price."""
    paid = terms.start_price if terms.kind == "sale" else terms.deposit
    return paid, max(sale.price - paid, 0)


def confirmation_letter(
    case: CaseFacts, lot: LotFacts, terms: TermsFacts, sale: SaleFacts, lang: str = "zh"
) -> DocumentContent:
    """网络司法拍卖成交确认书: OJA Art 22, published with the buyer's real identity."""
    _check_lang(lang)
    word = _procedure(terms, lang)
    paid, balance = _balance(terms, sale)
    closed = _moment(sale.closed_at, lang)
    deadline = (
        _t(
            lang,
            f"于{_day(sale.balance_due, lang)}（含当日）前",
            f"by {_day(sale.balance_due, lang)} (inclusive)",
        )
        if sale.balance_due
        else _t(
            lang,
            f"在成交之日起{terms.balance_days}日内（拍卖公告确定的期限）",
            f"within {terms.balance_days} days of the sale (the period in the announcement)",
        )
    )
    buyer = _t(
        lang,
        f"买受人{sale.buyer_name}（证件号码{sale.buyer_id_masked}，竞买代码{sale.buyer_code}）"
        f"于{closed}在{terms.platform}对{lot.title}的网络司法{word}中以最高应价胜出，"
        f"成交价为{_amount(sale.price, lang)}。",
        f"The buyer {sale.buyer_name} (ID {sale.buyer_id_masked}, bidder code "
        f"{sale.buyer_code}) won the online judicial {word} of {lot.title} on "
        f"{terms.platform} at {closed} with the highest bid, {_amount(sale.price, lang)}.",
    )
    money = (
        _t(
            lang,
            f"买受人已交纳的{'预缴款' if terms.kind == 'sale' else '保证金'}"
            f"{_amount(paid, lang)}充抵价款，剩余价款为{_amount(balance, lang)}"
            "（《网络司法拍卖规定》第二十三条）。",
            f"The {'prepayment' if terms.kind == 'sale' else 'deposit'} already paid, "
            f"{_amount(paid, lang)}, counts towards the price; the balance is "
            f"{_amount(balance, lang)} (OJA Art 23).",
        ),
        _t(
            lang,
            f"买受人应当{deadline}将剩余价款交付{case.court_name}指定账户（第二十五条）。",
            f"The buyer must pay the balance into the account of {case.court_name} "
            f"{deadline} (OJA Art 25).",
        ),
        _t(
            lang,
            "买受人逾期未交付价款的，本院可以裁定重新拍卖，原买受人不得参加竞买"
            "（《拍卖、变卖财产规定》第二十二条）；悔拍的，保证金不予退还（《网络司法拍卖"
            "规定》第二十四条）。",
            "If the buyer does not pay in time the court may order a new auction, which the "
            "buyer may not join (ASR Art 22); a buyer who reneges loses the deposit "
            "(OJA Art 24).",
        ),
    )
    after = [
        _t(
            lang,
            "标的物最终成交以本院作出的成交裁定为准。本院于价款全额交付后十日内将裁定送达"
            "买受人（《拍卖、变卖财产规定》第二十条）；财产所有权自成交裁定送达买受人时"
            "转移（《网络司法拍卖规定》第二十二条第二款）。",
            "The sale is final only with the court's sale ruling, served on the buyer within "
            "10 days after full payment (ASR Art 20); ownership passes when it is served "
            "(OJA Art 22(2)).",
        ),
    ]
    if terms.house_eligibility_required:
        after.append(
            _t(
                lang,
                "本标的为房产。成交裁定作出前，买受人应当提交自报名时起持续具备购房资格的证明；"
                "不具备的，本院不作出成交裁定（《房产竞买人资格规定》第三条）。",
                "This is a house: before the ruling the buyer must prove continuous purchase "
                "eligibility since registration, or no ruling issues (HSE Art 3).",
            )
        )
    rows = (
        (_t(lang, "买受人", "Buyer"), sale.buyer_name),
        (_t(lang, "证件号码", "ID number"), sale.buyer_id_masked),
        (_t(lang, "竞买代码", "Bidder code"), sale.buyer_code),
        (_t(lang, "标的物", "Property"), lot.title),
        (_t(lang, "成交价", "Price"), _amount(sale.price, lang)),
        (_t(lang, "成交时间", "Closed at"), closed),
        (_t(lang, "剩余价款", "Balance"), _amount(balance, lang)),
        (_t(lang, "付款期限", "Balance due"), deadline),
    )
    return DocumentContent(
        kind="confirmation_letter",
        title=_t(
            lang, f"网络司法{word}成交确认书", f"Confirmation of Online Judicial {word.title()}"
        ),
        number=case.case_number,
        addressee=_t(lang, f"{sale.buyer_name}：", f"To: {sale.buyer_name}"),
        sections=(
            (
                "",
                (
                    buyer,
                    _t(
                        lang,
                        "本确认书以买受人的真实身份生成并在平台公示（第二十二条）。",
                        "This letter names the buyer's real identity and is published on "
                        "the platform (OJA Art 22).",
                    ),
                ),
            ),
            (_t(lang, "成交价款", "Price and payment"), money),
            (_t(lang, "后续程序", "What follows"), tuple(after)),
        ),
        table=rows,
        table_heading=_t(lang, "成交信息", "The sale"),
        signature=_signature(case, to_beijing(sale.closed_at).date(), lang),
        footer=_footer(case, lang),
        lang=lang,
    )


def sale_ruling(
    case: CaseFacts,
    lot: LotFacts,
    sale: SaleFacts,
    ruling: RulingFacts,
    lang: str = "zh",
    *,
    kind: str = "auction",
) -> DocumentContent:
    """执行裁定书（成交）: title passes when this is served on the buyer (OJA Art 22)."""
    _check_lang(lang)
    word = _label("kind", kind, lang)
    right = _t(
        lang,
        "财产权" if lot.property_type == "other_right" else "所有权",
        "the right" if lot.property_type == "other_right" else "ownership",
    )
    facts = (
        _in_case(case, lang)
        + _t(
            lang,
            f"本院于{_moment(sale.closed_at, lang)}通过网络司法拍卖平台对被执行人的{lot.title}"
            f"（{lot.location}）进行网络司法{word}，{sale.buyer_name}（证件号码"
            f"{sale.buyer_id_masked}，竞买代码{sale.buyer_code}）以最高应价"
            f"{_amount(sale.price, lang)}竞得，并已交付全部价款。",
            f" on {_moment(sale.closed_at, lang)} the court sold the debtor's {lot.title} "
            f"({lot.location}) by online judicial {word}; {sale.buyer_name} (ID "
            f"{sale.buyer_id_masked}, bidder code {sale.buyer_code}) won with the highest "
            f"bid, {_amount(sale.price, lang)}, and has paid in full.",
        ),
        _t(
            lang,
            "依照《中华人民共和国民事诉讼法》第二百五十八条，《网络司法拍卖规定》第二十二条，"
            "《民事诉讼法解释》第四百九十一条，《拍卖、变卖财产规定》第二十条、第二十六条、"
            "第二十八条之规定，裁定如下：",
            "Under CPL Art 258, OJA Art 22, CPLI Art 491 and ASR Arts 20, 26 and 28, the "
            "court rules:",
        ),
    )
    order = (
        _t(
            lang,
            f"一、被执行人{case.debtor}的{lot.title}（{lot.location}）归买受人"
            f"{sale.buyer_name}所有，{right}自本裁定送达买受人时起转移。",
            f"1. The debtor {case.debtor}'s {lot.title} ({lot.location}) belongs to the buyer "
            f"{sale.buyer_name}; {right} passes when this ruling is served on the buyer.",
        ),
        _t(
            lang,
            "二、该财产需要办理权属登记的，买受人可持本裁定书向登记机构办理转移登记手续。",
            "2. Where the property is registered, the buyer may have the title transferred "
            "with this ruling.",
        ),
        _t(
            lang,
            "三、解除本院对上述财产的查封（扣押、冻结）措施。",
            "3. The court's seizure of the property is released.",
        ),
        _t(
            lang,
            "四、上述财产上原有的担保物权及其他优先受偿权，因拍卖而消灭，所得价款优先清偿"
            "其债权，但当事人另有约定的除外；原有的租赁权及其他用益物权，除本院依法除去的"
            "以外，不因拍卖而消灭（《拍卖、变卖财产规定》第二十八条）。",
            "4. Security interests and other priority rights in the property end with the sale "
            "and are paid first from the price unless the parties agreed otherwise; leases and "
            "usufructs survive unless the court removed them (ASR Art 28).",
        ),
        _t(
            lang,
            "本院于本裁定送达后十五日内将上述财产移交买受人，但依法不能移交的除外"
            "（《拍卖、变卖财产规定》第二十七条）。本裁定送达后即发生法律效力；当事人、"
            "利害关系人认为本裁定违法的，可以依照《中华人民共和国民事诉讼法》第二百三十六条"
            "向本院提出书面异议。",
            "The court hands the property over within 15 days after service unless the law "
            "prevents it (ASR Art 27). This ruling takes effect on service; a party or "
            "interested party may object to this court in writing (CPL Art 236).",
        ),
    )
    rows = (
        (_t(lang, "标的物", "Property"), lot.title),
        (_t(lang, "所在地", "Location"), lot.location),
        (_t(lang, "买受人", "Buyer"), sale.buyer_name),
        (_t(lang, "证件号码", "ID number"), sale.buyer_id_masked),
        (_t(lang, "成交价", "Price"), _amount(sale.price, lang)),
        (_t(lang, "成交时间", "Closed at"), _moment(sale.closed_at, lang)),
    )
    return DocumentContent(
        kind="sale_ruling",
        title=_t(lang, "执行裁定书", "Enforcement Ruling: Confirmation of Sale"),
        number=ruling.ruling_number,
        addressee="",
        sections=(_parties(case, lang), ("", facts), ("", order)),
        table=rows,
        table_heading=_t(lang, "成交财产", "The property sold"),
        signature=_signature(case, ruling.signed_on, lang),
        footer=_footer(case, lang),
        lang=lang,
    )


def title_transfer_notice(
    case: CaseFacts,
    lot: LotFacts,
    sale: SaleFacts,
    transfer: TransferFacts,
    lang: str = "zh",
    *,
    issued_on: date | None = None,
) -> DocumentContent:
    """协助执行通知书: asks the registry to move title (CPL Art 262; OJA Art 6(7))."""
    _check_lang(lang)
    served = _day(transfer.served_on, lang)
    intro = (
        _in_case(case, lang)
        + _t(
            lang,
            f"本院作出的{transfer.ruling_number}执行裁定已于{served}送达买受人"
            f"{sale.buyer_name}，{lot.title}的所有权自该日起转移至买受人（《网络司法拍卖规定》"
            "第二十二条第二款，《民事诉讼法解释》第四百九十一条）。依照《中华人民共和国民事"
            "诉讼法》第二百六十二条、《网络司法拍卖规定》第六条第（七）项的规定，请协助执行"
            "下列事项：",
            f" the court's ruling {transfer.ruling_number} was served on the buyer "
            f"{sale.buyer_name} on {served}, and ownership of {lot.title} passed to the buyer "
            "on that day (OJA Art 22(2); CPLI Art 491). Under CPL Art 262 and OJA Art 6(7), "
            "please assist as follows:",
        ),
    )
    items = [
        _t(
            lang,
            f"一、将{lot.title}（{lot.location}）转移登记至买受人{sale.buyer_name}"
            f"（证件号码{sale.buyer_id_masked}）名下；",
            f"1. Register {lot.title} ({lot.location}) in the name of the buyer "
            f"{sale.buyer_name} (ID {sale.buyer_id_masked});",
        ),
        _t(
            lang,
            "二、注销本院对该财产的查封（扣押、冻结）登记；",
            "2. Cancel this court's seizure registered on the property;",
        ),
        _t(
            lang,
            "三、注销该财产上因拍卖而消灭的抵押权等担保物权登记（《拍卖、变卖财产规定》"
            "第二十八条第一款）。",
            "3. Cancel the mortgages and other security interests that ended with the sale "
            "(ASR Art 28(1)).",
        ),
    ]
    taxes = lot.disclosure.get("taxes")
    if taxes:
        items.append(_t(lang, f"过户所涉税费：{taxes}。", f"Transfer taxes: {taxes}."))
    items.append(
        _t(
            lang,
            f"附：{transfer.ruling_number}执行裁定书。",
            f"Enclosed: ruling {transfer.ruling_number}.",
        )
    )
    rows = (
        (_t(lang, "标的物", "Property"), lot.title),
        (_t(lang, "所在地", "Location"), lot.location),
        (_t(lang, "买受人", "Buyer"), sale.buyer_name),
        (_t(lang, "证件号码", "ID number"), sale.buyer_id_masked),
        (_t(lang, "成交价", "Price"), _amount(sale.price, lang)),
        (_t(lang, "成交裁定", "Sale ruling"), transfer.ruling_number),
        (_t(lang, "裁定送达买受人日期", "Served on the buyer"), served),
    )
    return DocumentContent(
        kind="title_transfer_notice",
        title=_t(lang, "协助执行通知书", "Notice of Assistance in Enforcement"),
        number=case.case_number,
        addressee=_t(lang, f"{transfer.registry}：", f"To: {transfer.registry}"),
        sections=(("", intro), ("", tuple(items))),
        table=rows,
        table_heading=_t(lang, "协助事项", "The transfer"),
        signature=_signature(case, issued_on, lang),
        footer=_footer(case, lang),
        lang=lang,
    )
