"""Who stands apart among the bidders of a case's auction: preemptive-right holders the
enforcement bureau confirmed on the panel's decision (OJA Arts 19, 21, 27) and the
enforcement applicant bidding on its claim (OJA Art 17).
"""

from __future__ import annotations

from datetime import datetime

from fapai.app.accounts.courts import require
from fapai.app.accounts.identities import person_index
from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.audit import trail
from fapai.app.cases.panel import Panel, checked
from fapai.app.errors import conflict, invalid, not_found, other_court
from fapai.app.ports import Tx
from fapai.app.services import Services
from fapai.domain.bidder_codes import draw_code
from fapai.domain.calendar import beijing_date

# Priority codes are ``Y`` and one digit (domain/bidder_codes.py); no case has more
# holders of distinct rank than that.
MAX_RANK = 9


def _before_bidding(
    services: Services, tx: Tx, user: CourtPrincipal, auction_id: int, who_zh: str, who_en: str
) -> datetime:
    """Lock this court's auction and make sure its bidding has not started; the time."""
    auction = tx.lock_auction(auction_id)
    if auction is None:
        raise not_found("拍卖", "Auction")
    if auction.court_id != user.court_id:
        raise other_court("拍卖")
    now = services.clock()
    if now >= auction.starts_at:
        raise conflict(
            "bidding_started", f"竞价开始后不能再确认{who_zh}。",
            f"The {who_en} must be confirmed before bidding starts.",
        )  # fmt: skip
    return now


def confirm_preemptive_holder(
    services: Services, user: CourtPrincipal, auction_id: int, id_number: str, rank: int,
    evidence: str, panel: Panel,
) -> None:  # fmt: skip
    """Record a holder the court confirmed (OJA Art 19); the ID number is kept only blind.


    A holder comes from the case: the evidence of the right (the title, lease or
    co-ownership it rests on) and the collegial panel's decision on the holders and
    their order (OJA Art 27) are required and recorded on the trail, so that naming an
    arbitrary ID number to see whether that person bids is an act with a record. The
    rank is 1 to 9 (a priority code shows one digit).
    """
    require(user, "enforcement")
    if not 1 <= rank <= MAX_RANK:
        raise invalid(
            "invalid_rank", f"优先顺位须为 1 至 {MAX_RANK}。", f"The rank must be 1 to {MAX_RANK}."
        )
    basis = evidence.strip()
    if not 0 < len(basis) <= 300:
        raise invalid(
            "evidence_required",
            "须写明优先购买权的依据（如不动产权证书、租赁合同），不超过 300 字。",
            "State the evidence of the preemptive right (title, lease), up to 300 characters.",
        )
    with services.db.write(auction_id) as tx:
        now = _before_bidding(services, tx, user, auction_id, "优先购买权人", "holders")
        index = person_index(services, id_number, now)
        decision = checked(panel, beijing_date(now))
        if tx.preemptive_rank(auction_id, index) is not None:
            raise conflict(
                "holder_already_confirmed", "该优先购买权人已确认。",
                "This holder is already confirmed for this auction.",
            )  # fmt: skip
        tx.insert_preemptive_holder(auction_id, index, rank, now)
        trail.record(
            tx, trail.auction_scope(auction_id), now, f"court_user:{user.login}",
            "preemptive_holder.confirmed", rank=rank, evidence=basis, panel=decision,
        )  # fmt: skip
        # A holder who registered before the confirmation gets the priority code now
        # (bidding has not started, so no bid carries the old code).
        account = tx.account_by_id_index(index)
        registered = tx.registration(auction_id, account.id) if account else None
        if registered is not None:
            code = draw_code(services.randbelow, tx.codes(auction_id), rank)
            tx.set_preemptive(registered.id, code, rank)
            trail.record(
                tx, trail.auction_scope(auction_id), now, "system", "registration.priority_code",
                registration=registered.id, code=code, rank=rank,
            )  # fmt: skip


def declare_applicant(
    services: Services, user: CourtPrincipal, auction_id: int, id_number: str, claim: int
) -> None:
    """Record the case's enforcement applicant and its claim: it may bid without a
    deposit, paying only the difference when its claim is smaller (OJA Art 17)."""
    require(user, "enforcement")
    if claim <= 0:
        raise invalid("invalid_claim", "债权金额须为正数。", "The claim must be positive.")
    with services.db.write(auction_id) as tx:
        now = _before_bidding(services, tx, user, auction_id, "申请执行人", "applicant")
        index = person_index(services, id_number, now)
        # Whether the applicant already registered is not looked at: answering that would
        # tell the court who bids (OJA Art 18). A registration made before the
        # declaration keeps its full deposit (docs/ledger.md).
        if tx.applicant_claim(auction_id, index) is not None:
            raise conflict(
                "applicant_already_declared", "申请执行人已确认。",
                "The applicant is already declared for this auction.",
            )  # fmt: skip
        tx.insert_applicant(auction_id, index, claim, now)
        trail.record(
            tx, trail.auction_scope(auction_id), now, f"court_user:{user.login}",
            "applicant.declared", claim=claim,
        )  # fmt: skip
