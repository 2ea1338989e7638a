"""The ruling that revokes an auction after its sale (OBJ Art 21, OJA Art 31), and the
line the documents it undoes (the confirmation letter, the sale ruling) carry from then
on, so that a copy printed later cannot pass for a live one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fapai.app.documents.facts import CaseFacts, DocumentContent, LotFacts, RulingFacts, SaleFacts
from fapai.app.documents.parts import _file_name, _footer, _in_case, _panel_signature, _parties
from fapai.app.documents.rulings import _sold_rows
from fapai.app.documents.wording import _amount, _check_lang, _day, _moment, _t
from fapai.domain.workflow.grounds import REVOKE_GROUNDS

_ARTICLES = {
    "OJA Art 31": ("《网络司法拍卖规定》第三十一条", "OJA Art 31"),
    "OBJ Art 21": ("《执行异议复议规定》第二十一条", "OBJ Art 21"),
}


@dataclass(frozen=True)
class RevocationFacts:
    ruling: RulingFacts  # its number, the day the director approved it, the panel
    ground: str  # a code of domain/workflow/grounds.REVOKE_GROUNDS
    article: str  # "OJA Art 31" or "OBJ Art 21"
    reason: str
    refunded: int  # fen sent back to the buyer now
    owed: int  # fen owed to the buyer until the payees return them


def revoked_note(revocation: RevocationFacts, lang: str) -> str:
    """The line a revoked confirmation letter or sale ruling carries at its head."""
    on = _day(revocation.ruling.signed_on, lang)
    number = revocation.ruling.ruling_number
    return _t(
        lang,
        f"本文书所涉拍卖已由本院{number}执行裁定于{on}撤销，本文书不再发生效力。",
        f"The auction this document records was revoked by the court's ruling {number} on "
        f"{on}; this document no longer has effect.",
    )


def revocation_ruling(
    case: CaseFacts, lot: LotFacts, sale: SaleFacts, revocation: RevocationFacts, lang: str = "zh",
    *, sale_ruling: str | None = None, issued_on: date | None = None,
) -> DocumentContent:  # fmt: skip
    """执行裁定书（撤销拍卖）: the sale is undone and the buyer's money returned."""
    _check_lang(lang)
    zh_ground, en_ground = REVOKE_GROUNDS[revocation.ground]
    zh_law, en_law = _ARTICLES.get(revocation.article, _ARTICLES["OJA Art 31"])
    facts = (
        _in_case(case, lang)
        + _t(
            lang,
            f"本院于{_moment(sale.closed_at, lang)}通过网络司法拍卖平台拍卖被执行人的{lot.title}，"
            f"{sale.buyer_name}（竞买代码{sale.buyer_code}）以{_amount(sale.price, lang)}竞得。",
            f" on {_moment(sale.closed_at, lang)} the court sold the debtor's {lot.title} by "
            f"online judicial auction; {sale.buyer_name} (bidder code {sale.buyer_code}) won "
            f"at {_amount(sale.price, lang)}.",
        ),
        _t(
            lang,
            f"经审查，{zh_ground}（{revocation.reason}）。",
            f"On review: {en_ground} ({revocation.reason}).",
        ),
        _t(
            lang,
            f"依照{zh_law}之规定，裁定如下：",
            f"Under {en_law}, the court rules:",
        ),
    )
    undone = (
        _t(lang, f"及{sale_ruling}执行裁定", f" and the sale ruling {sale_ruling}")
        if sale_ruling
        else ""
    )
    order = [
        _t(
            lang,
            f"一、撤销本院对被执行人{case.debtor}的{lot.title}的网络司法拍卖，"
            f"成交确认书{undone}同时撤销。",
            f"1. The online judicial auction of the debtor {case.debtor}'s {lot.title} is "
            f"revoked, and with it the confirmation letter{undone}.",
        ),
        _t(
            lang,
            f"二、买受人{sale.buyer_name}已交付的保证金及价款，原路退还"
            f"{_amount(revocation.refunded, lang)}。",
            f"2. Of the deposit and price the buyer {sale.buyer_name} paid, "
            f"{_amount(revocation.refunded, lang)} is returned along the transfers it came by.",
        ),
    ]
    if revocation.owed:
        order.append(
            _t(
                lang,
                f"三、已分配支付的{_amount(revocation.owed, lang)}，由收款人返还本院后退还买受人。",
                f"3. {_amount(revocation.owed, lang)} already paid out is to be returned to the "
                "court by its payees and then refunded to the buyer.",
            )
        )
    order.append(
        _t(
            lang,
            "本裁定送达后即发生法律效力。",
            "This ruling takes effect on service.",
        )
    )
    return DocumentContent(
        kind="revocation_ruling",
        court=case.court_name,
        title=_t(lang, "执行裁定书", "Enforcement Ruling: Revocation of the Auction"),
        number=revocation.ruling.ruling_number,
        addressee="",
        sections=(_parties(case, lang), ("", facts), ("", tuple(order))),
        table=_sold_rows(lot, sale, lang),
        table_heading=_t(lang, "被撤销的成交", "The sale revoked"),
        signature=_panel_signature(case, revocation.ruling, lang),
        footer=_footer(case, lang),
        lang=lang,
        dated=issued_on or revocation.ruling.signed_on,
        file_name=_file_name(case, "revocation_ruling", "执行裁定书（撤销拍卖）", lang),
    )
