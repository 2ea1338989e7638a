"""Letters to people in the case: the notice to a party or preemptive-right holder before
the announcement (OJA Art 16) and the buyer's sale confirmation (OJA Art 22).
"""

from __future__ import annotations

from datetime import date

from fapai.app.documents.facts import (
    CaseFacts,
    DocumentContent,
    LotFacts,
    NoticeFacts,
    SaleFacts,
    TermsFacts,
)
from fapai.app.documents.parts import (
    _file_name,
    _footer,
    _in_case,
    _procedure,
    _signature,
    _terms_rows,
)
from fapai.app.documents.wording import _LABELS, _amount, _check_lang, _day, _moment, _period, _t
from fapai.domain.beijing_time import to_beijing


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
        court=case.court_name,
        title=_t(lang, f"{word}通知书", f"Notice of {word.capitalize()}"),
        number=case.case_number,
        addressee=_t(lang, f"{notice.recipient}：", f"To: {notice.recipient}"),
        sections=(("", intro), (_t(lang, "权利与义务", "Your rights"), rights)),
        table=((_t(lang, "标的物", "Property"), lot.title), *_terms_rows(terms, lang)),
        table_heading=_t(lang, f"{word}事项", f"The {word}"),
        signature=_signature(case, issued_on, lang),
        footer=_footer(case, lang),
        lang=lang,
        dated=issued_on or terms.decided_on,
        file_name=_file_name(
            case, "notice", f"{_procedure(terms, 'zh')}通知书", lang, to=notice.recipient
        ),
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
    closed_on = to_beijing(sale.closed_at).date()
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
        court=case.court_name,
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
        signature=_signature(case, closed_on, lang),
        footer=_footer(case, lang),
        lang=lang,
        dated=closed_on,
        file_name=_file_name(
            case, "confirmation_letter", f"网络司法{_procedure(terms, 'zh')}成交确认书", lang
        ),
    )
