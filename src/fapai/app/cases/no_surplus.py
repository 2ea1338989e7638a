"""A sale that would leave nothing for the applicant (无益拍卖, ASR Art 6).

The office records the claims that rank before the applicant's (security interests and
other priority rights, ASR Art 28) and the enforcement costs. When a round's starting
price does not exceed them, the applicant is told before the announcement; the notice
is recorded with its date, and the announcement waits for it. The applicant's answer
(to continue at a reserve above the claims within five days, or not) is the court's
decision on the next terms, which the office sets as usual.
"""

from __future__ import annotations

import json
from datetime import date

from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.auctions.ports import AuctionRecord
from fapai.app.cases.disposal import LotInCase, lot_in_case, not_after_today, refused, step, text
from fapai.app.errors import invalid
from fapai.app.lots.ports import StepRecord
from fapai.app.ports import Tx
from fapai.app.services import Services
from fapai.domain.workflow.pricing_checks import no_surplus_notice

CLAIMS_STEP = "prior_claims"
NOTICE_STEP = "no_surplus_notice"


def record_prior_claims(
    services: Services, user: CourtPrincipal, lot_id: int, prior_claims: int, costs: int,
    note: str,
) -> None:  # fmt: skip
    """The claims ranking before the applicant's and the costs, in fen; the latest counts."""
    if prior_claims < 0 or costs < 0:
        raise invalid("invalid_amount", "金额不能为负数。", "Amounts cannot be negative.")
    what = text(note, "note", 500)
    with services.db.write() as tx:
        held = lot_in_case(services, tx, user, lot_id, "auction_office")
        step(
            tx, user, held, None, CLAIMS_STEP, held.today, prior_claims=prior_claims,
            costs=costs, note=what,
        )  # fmt: skip


def record_notice(services: Services, user: CourtPrincipal, lot_id: int, on_date: date) -> None:
    """The applicant was told, on ``on_date``, that the sale may leave nothing for it."""
    with services.db.write() as tx:
        held = lot_in_case(services, tx, user, lot_id, "auction_office")
        not_after_today(on_date, held.today, "on_date")
        step(tx, user, held, None, NOTICE_STEP, on_date, article="ASR Art 6")


def check_before_announcement(held: LotInCase, auction: AuctionRecord, tx: Tx) -> None:
    """Refuse the announcement of a round that leaves nothing, until the notice given
    after the latest claims on record."""
    claims: StepRecord | None = None
    notified = False
    for s in tx.steps(held.lot.id):
        if s.step == CLAIMS_STEP:
            claims, notified = s, False
        elif s.step == NOTICE_STEP and claims is not None:
            notified = True
    if claims is None:
        return
    found = json.loads(claims.details)
    refused(no_surplus_notice(auction.start_price, found["prior_claims"], found["costs"], notified))
