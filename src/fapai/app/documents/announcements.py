"""拍卖公告 / 变卖公告: the announcement bidders rely on, with every disclosure the law
requires (OJA Arts 12-14) and sections 2 to 7 from ``bidding_rules`` and ``buyer_terms``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from fapai.app.documents.bidding_rules import _bidder_conditions, _bidding_rules, _deposit_rules
from fapai.app.documents.buyer_terms import _art14_warnings, _liability, _payment_and_handover
from fapai.app.documents.facts import (
    DISCLOSURE_KEYS,
    CaseFacts,
    DocumentContent,
    LotFacts,
    Section,
    TermsFacts,
)
from fapai.app.documents.parts import (
    _file_name,
    _footer,
    _lot_rows,
    _procedure,
    _reference,
    _signature,
    _terms_rows,
)
from fapai.app.documents.wording import _check_lang, _label, _period, _said, _t


def _disclosure(lot: LotFacts) -> Mapping[str, str]:
    """OJA Arts 13-14: an announcement silent on any of these would mislead bidders."""
    missing = [key for key in DISCLOSURE_KEYS if key not in lot.disclosure]
    unknown = sorted(set(lot.disclosure) - set(DISCLOSURE_KEYS))
    if missing or unknown:
        raise ValueError(f"disclosure: missing {missing}, unknown {unknown}")
    return lot.disclosure


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
    remarks = _said(disclosure["other"], lang) if disclosure["other"].strip() else ""
    other = (
        _t(lang, "八、其他事项", "8. Other matters"),
        (
            # 其他说明 is the one disclosure with nothing to say unless something is special
            *((_t(lang, f"其他说明：{remarks}。", f"Other: {remarks}."),) if remarks else ()),
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


def _title(terms: TermsFacts, lang: str) -> str:
    if terms.kind == "sale":
        return _t(lang, "变卖公告", "Announcement of Online Judicial Sale")
    return _t(lang, "拍卖公告", "Auction Announcement") + (
        _t(lang, "（第二次拍卖）", " (Second Auction)") if terms.round == 2 else ""
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
    word = _procedure(terms, lang)
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
        *(
            (_label("disclosure", k, lang), _said(disclosure[k], lang))
            for k in DISCLOSURE_KEYS
            if k != "other" or disclosure[k].strip()
        ),
    )
    return DocumentContent(
        kind="announcement",
        court=case.court_name,
        title=_title(terms, lang),
        number=case.case_number,
        addressee="",
        sections=_announcement_sections(case, lot, terms, disclosure, lang),
        table=rows,
        table_heading=_t(lang, f"{word}财产情况", f"The property and the {word}"),
        signature=_signature(case, issued_on, lang),
        footer=_footer(case, lang),
        lang=lang,
        dated=issued_on or terms.decided_on,
        file_name=_file_name(case, "announcement", _title(terms, "zh"), lang),
    )
