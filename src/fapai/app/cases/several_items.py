"""Several items of one case (ASR Arts 14-15): the case's enforcement amount, so that no
more of the debtor's property is sold than the debt needs; the debtor's consent to
selling all of it anyway; and items sold together because they are one in use.

The amount is the enforcement bureau's: the debt the title names with the interest and
the costs the debtor bears. ``announce`` reads it (``realised``) before any round of a
lot whose case has already realised that much elsewhere.
"""

from __future__ import annotations

from datetime import date

from fapai.app.accounts.courts import require
from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.audit import trail
from fapai.app.cases.disposal import LotInCase, actor, lot_in_case, not_after_today, step, text
from fapai.app.errors import conflict, invalid, not_found, other_court
from fapai.app.lots.ports import LotRecord
from fapai.app.ports import Tx
from fapai.app.services import Services
from fapai.domain.money import MAX_FEN

# ASR Art 15: why the items go together
TOGETHER = {
    "inseparable": "在使用上不可分",
    "value_loss": "分别拍卖可能严重减损其价值",
}


def set_enforcement_amount(
    services: Services, user: CourtPrincipal, case_id: int, amount: int
) -> None:
    """The amount the sales must realise: the debt, its interest and the costs (fen)."""
    require(user, "enforcement")
    if not 0 < amount <= MAX_FEN:
        raise invalid(
            "invalid_enforcement_amount", "执行标的额须为正数。",
            "The enforcement amount must be positive.",
        )  # fmt: skip
    with services.db.write() as tx:
        case = tx.case(case_id)
        if case is None:
            raise not_found("案件", "Case")
        if case.court_id != user.court_id:
            raise other_court("案件")
        now = services.clock()
        tx.set_enforcement_amount(case_id, amount)
        trail.record(
            tx, trail.SYSTEM, now, actor(user), "case.enforcement_amount", case=case_id,
            amount=amount,
        )  # fmt: skip


def record_debtor_consent(
    services: Services, user: CourtPrincipal, lot_id: int, signed_on: date
) -> None:
    """The debtor agrees in writing that all its property be auctioned (ASR Art 14)."""
    with services.db.write() as tx:
        held = lot_in_case(services, tx, user, lot_id, "enforcement")
        not_after_today(signed_on, held.today, "signed_on")
        step(tx, user, held, None, "debtor_consents_all", signed_on, rule="asr_art_14")


def record_sold_together(
    services: Services, user: CourtPrincipal, lot_id: int, items: list[str], reason: str
) -> None:
    """The lot is several items auctioned together (ASR Art 15), with the reason."""
    if reason not in TOGETHER:
        raise invalid(
            "invalid_reason",
            "合并拍卖的理由无效。",
            f"reason must be one of {', '.join(TOGETHER)}.",
        )
    named = [text(item, "item", 200) for item in items]
    if not 2 <= len(named) <= 100 or len(set(named)) != len(named):
        raise invalid(
            "invalid_items", "合并拍卖须列明两项以上不同的财产。",
            "A sale together names at least two different items.",
        )  # fmt: skip
    with services.db.write() as tx:
        held = lot_in_case(services, tx, user, lot_id, "enforcement")
        if any(a.status != "draft" for a in tx.lot_auctions(lot_id)):
            raise conflict(
                "already_announced", "拍卖公告发布后不得再合并拍卖。",
                "The lot's sale is announced: it can no longer be combined.",
            )  # fmt: skip
        step(tx, user, held, None, "sold_together", held.today, items=named, reason=reason,
             rule="asr_art_15")  # fmt: skip


def realised(tx: Tx, held: LotInCase) -> tuple[int | None, int]:
    """The case's enforcement amount, and what its other lots' standing sales realised:
    a sale's price, or the reserve a creditor took the property at."""
    lot: LotRecord = held.lot
    assert lot.case_id is not None
    case = tx.case(lot.case_id)
    assert case is not None
    total = 0
    for other in tx.lots(lot.court_id, lot.case_id):
        if other.id == lot.id:
            continue
        for auction in tx.lot_auctions(other.id):
            if auction.status == "sold" and auction.price is not None:
                total += auction.price
            elif auction.status == "in_lieu":
                total += auction.start_price
    return case.enforcement_amount, total
