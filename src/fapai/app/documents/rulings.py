"""The court's rulings and what follows them: the ruling to auction, the sale ruling that
passes title when served (OJA Art 22), and the notice asking the registry to record it.
"""

from __future__ import annotations

from datetime import date

from fapai.app.documents.facts import (
    CaseFacts,
    DocumentContent,
    LotFacts,
    Row,
    RulingFacts,
    SaleFacts,
    TransferFacts,
)
from fapai.app.documents.parts import (
    _file_name,
    _footer,
    _in_case,
    _lot_rows,
    _measure,
    _panel_signature,
    _parties,
    _reference,
    _signature,
)
from fapai.app.documents.wording import (
    _amount,
    _aside,
    _check_lang,
    _day,
    _label,
    _moment,
    _said,
    _t,
)


def ruling_to_auction(
    case: CaseFacts, lot: LotFacts, ruling: RulingFacts, lang: str = "zh"
) -> DocumentContent:
    """执行裁定书（拍卖）: the ruling that puts a seized asset up for online auction."""
    _check_lang(lang)
    kind = _label("type", lot.property_type, lang)
    held = "frozen" if lot.property_type == "other_right" else "seized"
    facts = (
        _in_case(case, lang)
        + _t(
            lang,
            f"本院依法{_measure(lot, lang)}了被执行人的{lot.title}{_aside(lot.location)}，"
            "被执行人未在指定期间履行生效法律文书确定的义务。",
            f" the court has {held} the debtor's {lot.title} ({lot.location}, {kind}), "
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
            f"通过网络司法拍卖平台拍卖被执行人{case.debtor}的{lot.title}{_aside(lot.location)}。",
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
        court=case.court_name,
        title=_t(lang, "执行裁定书", "Enforcement Ruling: Auction"),
        number=ruling.ruling_number,
        addressee="",
        sections=(_parties(case, lang), ("", facts), ("", order)),
        table=_lot_rows(lot, lang),
        table_heading=_t(lang, "拍卖财产", "Property to be auctioned"),
        signature=_panel_signature(case, ruling, lang),
        footer=_footer(case, lang),
        lang=lang,
        dated=ruling.signed_on,
        file_name=_file_name(case, "ruling_to_auction", "", lang),
    )


def _sold_rows(lot: LotFacts, sale: SaleFacts, lang: str) -> tuple[Row, ...]:
    """The sale ruling and the registry's notice name the property and the buyer alike, so
    the registry can match one document to the other."""
    return (
        (_t(lang, "标的物", "Property"), lot.title),
        (_t(lang, "所在地", "Location"), lot.location),
        (_t(lang, "买受人", "Buyer"), sale.buyer_name),
        (_t(lang, "证件号码", "ID number"), sale.buyer_id_masked),
        (_t(lang, "成交价", "Price"), _amount(sale.price, lang)),
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
            f"{_aside(lot.location)}进行网络司法{word}，{sale.buyer_name}（证件号码"
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
            f"一、被执行人{case.debtor}的{lot.title}{_aside(lot.location)}归买受人"
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
            f"三、解除本院对上述财产的{_measure(lot, lang)}措施。",
            f"3. The court's {_measure(lot, lang)} of the property is released.",
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
        *_sold_rows(lot, sale, lang),
        (_t(lang, "成交时间", "Closed at"), _moment(sale.closed_at, lang)),
    )
    return DocumentContent(
        kind="sale_ruling",
        court=case.court_name,
        title=_t(lang, "执行裁定书", "Enforcement Ruling: Confirmation of Sale"),
        number=ruling.ruling_number,
        addressee="",
        sections=(_parties(case, lang), ("", facts), ("", order)),
        table=rows,
        table_heading=_t(lang, "成交财产", "The property sold"),
        signature=_panel_signature(case, ruling, lang),
        footer=_footer(case, lang),
        lang=lang,
        dated=ruling.signed_on,
        file_name=_file_name(case, "sale_ruling", "", lang),
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
            f"一、将{lot.title}{_aside(lot.location)}转移登记至买受人{sale.buyer_name}"
            f"（证件号码{sale.buyer_id_masked}）名下；",
            f"1. Register {lot.title} ({lot.location}) in the name of the buyer "
            f"{sale.buyer_name} (ID {sale.buyer_id_masked});",
        ),
        _t(
            lang,
            f"二、注销本院对该财产的{_measure(lot, lang)}登记；",
            f"2. Cancel this court's {_measure(lot, lang)} registered on the property;",
        ),
        _t(
            lang,
            "三、注销该财产上因拍卖而消灭的抵押权等担保物权登记（《拍卖、变卖财产规定》"
            "第二十八条第一款）。",
            "3. Cancel the mortgages and other security interests that ended with the sale "
            "(ASR Art 28(1)).",
        ),
    ]
    if lot.disclosure.get("taxes", "").strip():
        taxes = _said(lot.disclosure["taxes"], lang)
        items.append(_t(lang, f"过户所涉税费：{taxes}。", f"Transfer taxes: {taxes}."))
    items.append(
        _t(
            lang,
            f"附：{transfer.ruling_number}执行裁定书。",
            f"Enclosed: ruling {transfer.ruling_number}.",
        )
    )
    rows = (
        *_sold_rows(lot, sale, lang),
        (_t(lang, "成交裁定", "Sale ruling"), transfer.ruling_number),
        (_t(lang, "裁定送达买受人日期", "Served on the buyer"), served),
    )
    return DocumentContent(
        kind="title_transfer_notice",
        court=case.court_name,
        title=_t(lang, "协助执行通知书", "Notice of Assistance in Enforcement"),
        number=case.case_number,
        addressee=_t(lang, f"{transfer.registry}：", f"To: {transfer.registry}"),
        sections=(("", intro), ("", tuple(items))),
        table=rows,
        table_heading=_t(lang, "协助事项", "The transfer"),
        signature=_signature(case, issued_on, lang),
        footer=_footer(case, lang),
        lang=lang,
        dated=issued_on or transfer.served_on,
        file_name=_file_name(case, "title_transfer_notice", "协助执行通知书", lang),
    )
