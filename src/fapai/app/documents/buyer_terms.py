"""Sections 5 to 7 of the announcement: what a bidder is warned of (OJA Art 14), what the
buyer pays and receives, and what a buyer who breaks the rules answers for.
"""

from __future__ import annotations

from collections.abc import Mapping

from fapai.app.documents.facts import Section, TermsFacts
from fapai.app.documents.wording import _said, _t


def _art14_warnings(terms: TermsFacts, disclosure: Mapping[str, str], lang: str) -> Section:
    """OJA Art 14: the seven special warnings, published on the announcement day."""
    said = {key: _said(answer, lang) for key, answer in disclosure.items()}
    defects = _t(
        lang,
        f"权利负担：{said['encumbrances']}；占有使用：{said['occupancy']}；"
        f"租赁：{said['leases']}；欠费：{said['arrears']}",
        f"encumbrances: {said['encumbrances']}; occupancy: {said['occupancy']}; "
        f"leases: {said['leases']}; arrears: {said['arrears']}",
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


def _payment_and_handover(terms: TermsFacts, disclosure: Mapping[str, str], lang: str) -> Section:
    paid_zh, paid_en = ("预缴款", "prepayment") if terms.kind == "sale" else ("保证金", "deposit")
    taxes, clearing = _said(disclosure["taxes"], lang), _said(disclosure["clearing"], lang)
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
            f"产权转移可能产生的税费及承担方式：{taxes}"
            "（《网络司法拍卖规定》第十三条、第三十条）。",
            f"Taxes the transfer may trigger, and who bears them: {taxes} (OJA Arts 13, 30).",
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
            f"腾退与交付：{clearing}。",
            f"Vacating and handover: {clearing}.",
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
