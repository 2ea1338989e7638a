"""The leader's approval of a disposal other than online auction (Shanghai item 5).

Online auction comes first; the 变卖 after a failed second round is another method, so
the court leader in charge of enforcement (the ``director`` role, who also approves
pauses) approves the drafted 变卖 before it is announced. The approval is a step of the
lot, on the audit trail with its approver and time; ``announce`` refuses a 变卖 without it.
"""

from __future__ import annotations

from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.cases.disposal import lot_in_case, step
from fapai.app.errors import conflict
from fapai.app.services import Services


def approve_sale(services: Services, user: CourtPrincipal, lot_id: int) -> int:
    """Approve the lot's drafted 变卖; returns its auction."""
    with services.db.write() as tx:
        held = lot_in_case(services, tx, user, lot_id, "director")
        rounds = tx.lot_auctions(lot_id)
        draft = rounds[-1] if rounds else None
        if draft is None or draft.status != "draft" or draft.kind != "sale":
            raise conflict(
                "no_sale_draft", "没有待批准的变卖。", "There is no drafted 变卖 to approve."
            )
        if any(s.step == "sale_approved" and s.auction_id == draft.id for s in tx.steps(lot_id)):
            return draft.id
        step(tx, user, held, draft.id, "sale_approved", held.today, rule="shanghai_item_5")
    return draft.id
