"""From the sale to the delivery (Shanghai item 11's hand-offs): the office sends the
confirmation letter to the bureau once the price is paid, the bureau checks a house
buyer's purchase eligibility (HSE Art 3), makes the sale ruling (ASR Art 20: within 10
days of payment) and the title-transfer notice, and the office delivers the property
(ASR Art 27: within 15 days of the ruling). A lot no round could sell is released.
"""

from __future__ import annotations

import json
from datetime import date

from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.auctions.ports import AuctionRecord
from fapai.app.cases.disposal import lot_in_case, not_after_today, step, text
from fapai.app.errors import conflict
from fapai.app.lots.stages import move
from fapai.app.ports import Tx
from fapai.app.services import Services


def _last_round(tx: Tx, lot_id: int) -> AuctionRecord:
    rounds = tx.lot_auctions(lot_id)
    if not rounds:  # asked too early: nothing was auctioned yet
        raise conflict("no_auction", "该标的物尚无拍卖。", "The lot has no auction yet.")
    return rounds[-1]


def _paid(tx: Tx, auction: AuctionRecord) -> bool:
    """The whole price (or the in-lieu difference) is in the court's account."""
    return not any(
        due.kind in ("balance", "in_lieu")
        for due in tx.dues(auction.court_id, open_only=True, auction_id=auction.id)
    )


def send_confirmation(services: Services, user: CourtPrincipal, lot_id: int) -> None:
    """The price is paid: the office hands the confirmation letter to the bureau."""
    with services.db.write() as tx:
        held = lot_in_case(services, tx, user, lot_id, "auction_office")
        auction = _last_round(tx, lot_id)
        if held.lot.stage == "sold" and not _paid(tx, auction):
            raise conflict(
                "balance_unpaid", "买受人尚未付清成交价款（《网络司法拍卖规定》第二十五条）。",
                "The buyer has not paid the whole price yet (OJA Art 25).",
            )  # fmt: skip
        move(tx, held.lot, "confirm")
        step(tx, user, held, auction.id, "confirmation_sent", held.today)


def check_eligibility(
    services: Services, user: CourtPrincipal, lot_id: int, eligible: bool, evidence: str
) -> None:
    """HSE Art 3: the bureau checks the house buyer's proof of continuous eligibility
    between the payment and the ruling; without it no ruling issues. HSE Art 5: a
    creditor taking a house in lieu needs the same eligibility."""
    proof = text(evidence, "evidence", 500)
    with services.db.write() as tx:
        held = lot_in_case(services, tx, user, lot_id, "enforcement")
        if not held.lot.house:
            raise conflict(
                "not_a_house", "仅住房须审核买受人购房资格。", "Only a house needs this check."
            )
        if held.lot.stage == "in_lieu":
            pass  # the creditor's proof is recorded; the ruling looks for it
        elif eligible or held.lot.stage != "confirmed":
            move(tx, held.lot, "check_eligibility")  # a refusal keeps the lot where it is
        auction = _last_round(tx, lot_id)
        step(
            tx, user, held, auction.id, "eligibility", held.today, eligible=eligible, evidence=proof
        )


def rule_sale(
    services: Services, user: CourtPrincipal, lot_id: int, ruling_number: str, signed_on: date
) -> None:
    """The ruling that transfers ownership once served on the buyer (OJA Art 22, CPLI
    Art 491); for a lot taken in lieu, once the creditor paid any difference."""
    number = text(ruling_number, "ruling_number", 80)
    with services.db.write() as tx:
        held = lot_in_case(services, tx, user, lot_id, "enforcement")
        not_after_today(signed_on, held.today, "signed_on")
        auction = _last_round(tx, lot_id)
        if held.lot.house and held.lot.stage == "confirmed":
            raise conflict(
                "eligibility_unchecked",
                "住房买受人的购房资格未经审核通过，不得作出成交裁定（《司法拍卖房产竞买人资格规定》第三条）。",
                "A house buyer's purchase eligibility must be checked before the ruling "
                "(HSE Art 3).",
            )
        if held.lot.house and held.lot.stage == "in_lieu" and not _creditor_eligible(tx, lot_id):
            raise conflict(
                "eligibility_unchecked",
                "取得住房抵债的债权人须具备购房资格，经审核通过后方可作出裁定"
                "（《司法拍卖房产竞买人资格规定》第五条）。",
                "A creditor taking a house in lieu must prove its purchase eligibility "
                "first (HSE Art 5).",
            )
        if held.lot.stage == "in_lieu" and not _paid(tx, auction):
            raise conflict(
                "difference_unpaid", "以物抵债的差价尚未付清（《拍卖变卖规定》第十六条）。",
                "The in-lieu difference is not paid yet (ASR Art 16).",
            )  # fmt: skip
        move(tx, held.lot, "rule_sale")
        step(tx, user, held, auction.id, "sale_ruled", signed_on, ruling_number=number)


def _creditor_eligible(tx: Tx, lot_id: int) -> bool:
    """The last eligibility check after the taking in lieu said yes."""
    verdict = False
    taken = False
    for s in tx.steps(lot_id):
        if s.step == "in_lieu":
            taken, verdict = True, False
        elif s.step == "eligibility" and taken:
            verdict = bool(json.loads(s.details)["eligible"])
    return verdict


def issue_title_notice(
    services: Services, user: CourtPrincipal, lot_id: int, registry: str, served_on: date
) -> None:
    """The notice asking the registry to transfer the title (OJA Art 6(7))."""
    office = text(registry, "registry", 200)
    with services.db.write() as tx:
        held = lot_in_case(services, tx, user, lot_id, "enforcement")
        not_after_today(served_on, held.today, "served_on")
        move(tx, held.lot, "title_notice")
        step(tx, user, held, _last_round(tx, lot_id).id, "title_notice", served_on, registry=office)


def deliver(services: Services, user: CourtPrincipal, lot_id: int, on_date: date) -> None:
    """The office hands the property over (Shanghai item 11; ASR Art 27)."""
    with services.db.write() as tx:
        held = lot_in_case(services, tx, user, lot_id, "auction_office")
        not_after_today(on_date, held.today, "on_date")
        _no_claim_pending(tx, held.lot.court_id, lot_id)
        move(tx, held.lot, "deliver")
        step(tx, user, held, _last_round(tx, lot_id).id, "delivered", on_date)


def _no_claim_pending(tx: Tx, court_id: int, lot_id: int) -> None:
    """A third party's claim to the property, docketed or upheld and not closed, holds the
    delivery back: enforcement against the property is suspended once it is upheld (CPL
    Art 238), and handing it over while the court reviews the claim would decide it
    (OJA Art 36; docs/remedies.md)."""
    for o in tx.objections(court_id=court_id):
        claim = o.lot_id == lot_id and o.kind == "third_party"
        if claim and (o.status == "docketed" or (o.status == "ruled" and o.outcome == "upheld")):
            raise conflict(
                "third_party_claim",
                f"案外人对该标的物的执行异议（第{o.id}号）尚在审查或已成立，不能交付（《民事诉讼法》第二百三十八条）。",
                f"A third party's claim to the property (objection {o.id}) is under review or "
                "upheld: it is not handed over (CPL Art 238).",
            )  # fmt: skip


def release(services: Services, user: CourtPrincipal, lot_id: int, reason: str) -> None:
    """No round sold it and no creditor takes it in lieu: the seizure is lifted and the
    property goes back to the debtor (ASR Arts 24-25)."""
    why = text(reason, "reason", 500)
    with services.db.write() as tx:
        held = lot_in_case(services, tx, user, lot_id, "enforcement")
        auction = _last_round(tx, lot_id)
        if auction.round < 2:
            raise conflict(
                "second_round_first", "一拍流拍后应当再次拍卖（《网络司法拍卖规定》第二十六条）。",
                "A failed first auction is auctioned again (OJA Art 26).",
            )  # fmt: skip
        move(tx, held.lot, "release")
        step(tx, user, held, auction.id, "released", held.today, reason=why)
