"""A creditor taking the property in lieu of its debt (以物抵债) after a failed round,
and the difference it pays into the court's account.

Each creditor's application is a step of the lot with its legal rank (ASR Art 16); the
first in rank takes, and creditors of equal rank are chosen by the platforms' lottery
(published seed, ``fapai lottery verify``). Taking in lieu is another method than online
auction, so the enforcement leader approves it first (Shanghai item 5). Names are kept
encrypted; the draw and the records name creditors by key (``creditor-1``, ...).

The difference is received only as the bank reports it: the office names the
transfer by the bank's reference, and it must be a line of an imported bank
statement of the court's account with that amount, not yet booked on the ledger.
A difference still unpaid when its period has run out lets the bureau record the
creditor's default: the taking lapses and the round is unsold again.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import replace
from typing import Any

from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.assignment.lottery_file import record as draw_record
from fapai.app.auctions.ports import AuctionRecord
from fapai.app.audit import trail
from fapai.app.cases import auxiliary_fees
from fapai.app.cases.disposal import LotInCase, step, text
from fapai.app.cases.settlement import follow_round, locked_auction
from fapai.app.errors import AppError, conflict, invalid, not_found
from fapai.app.ledger import statement_lines
from fapai.app.lots.ports import StepRecord
from fapai.app.ports import Tx
from fapai.app.services import Services
from fapai.domain.assignment.lottery import Candidate, commitment, draw
from fapai.domain.calendar import period_deadline
from fapai.domain.ledger.postings import bank, proceeds, transfer
from fapai.domain.money import MAX_FEN
from fapai.domain.workflow import stages


def request_in_lieu(
    services: Services, user: CourtPrincipal, auction_id: int, creditor: str, claim: int, rank: int
) -> str:
    """Record a creditor's application to take the property of a failed round in lieu of
    its debt (ASR Art 16), with its legal rank of payment (法定受偿顺位, 1 first); returns
    the creditor's key in this round (``creditor-1``, ...), which the draw and the
    records use so the name stays encrypted. ASR Art 16 allows it after any round
    nobody bought, first or second, but only the lot's latest round."""
    name = text(creditor, "creditor", 32)
    if claim <= 0 or claim > MAX_FEN:
        raise invalid("invalid_claim", "债权金额须为正数。", "The claim must be positive.")
    if not 1 <= rank <= 99:
        raise invalid("invalid_rank", "受偿顺位须为 1 至 99。", "The rank must be 1 to 99.")
    with services.db.write(auction_id) as tx:
        auction, held = _failed_round(services, tx, user, auction_id, "enforcement")
        if _approved_since_lapse(tx, auction):
            raise conflict(
                "in_lieu_approved", "以物抵债已获批准，不再接受申请。",
                "The taking is approved: no further applications.",
            )  # fmt: skip
        tie = _tie(tx, auction)
        if tie and rank == tie[0]["rank"] and tx.draw(auction.lot_id, _purpose(auction, tie)):
            raise conflict(  # a late equal would be left out of the draw already fixed
                "draw_exists", "抽签已安排，不再接受申请。",
                "The draw among the creditors is scheduled: no further applications.",
            )  # fmt: skip
        key = f"creditor-{len(_requests(tx, auction)) + 1}"
        sealed = base64.b64encode(services.cipher.encrypt(name)).decode()
        step(
            tx, user, held, auction_id, "in_lieu_request", held.today, creditor=key,
            name_enc=sealed, claim=claim, rank=rank, rule="asr_art_16",
        )  # fmt: skip
    return key


def schedule_in_lieu_draw(
    services: Services, user: CourtPrincipal, auction_id: int
) -> dict[str, Any]:
    """Creditors of the same rank drawn by lot (ASR Art 16), by the platforms' lottery:
    the seed fixed and published with the tied creditors first, each with one ticket."""
    with services.db.write(auction_id) as tx:
        auction, held = _failed_round(services, tx, user, auction_id, "auction_office")
        first = _first_in_priority(tx, auction)
        if len(first) < 2:
            raise conflict(
                "no_tie", "没有受偿顺位相同的申请人，无需抽签。",
                "No creditors share the first rank: there is nothing to draw.",
            )  # fmt: skip
        purpose = _purpose(auction, first)
        if tx.draw(auction.lot_id, purpose) is not None:
            raise conflict("draw_exists", "抽签已安排。", "The draw is already scheduled.")
        seed = services.randbelow(2**256).to_bytes(32, "big")
        candidates = [{"key": r["creditor"], "load": 0} for r in first]
        sealed = commitment(seed)
        listed = json.dumps(candidates)
        tx.insert_draw(auction.lot_id, purpose, seed.hex(), sealed, listed, held.now)
        step(tx, user, held, auction_id, "in_lieu_draw_scheduled", held.today, seed=seed.hex(),
             commitment=sealed, candidates=candidates)  # fmt: skip
    return public_in_lieu_draw(services, auction_id)


def run_in_lieu_draw(services: Services, user: CourtPrincipal, auction_id: int) -> str:
    with services.db.write(auction_id) as tx:
        auction, held = _failed_round(services, tx, user, auction_id, "auction_office")
        scheduled = tx.draw(auction.lot_id, _purpose(auction, _first_in_priority(tx, auction)))
        if scheduled is None:
            raise conflict("no_draw", "尚未安排抽签。", "No draw is scheduled.")
        if scheduled.chosen is not None:
            raise conflict("already_drawn", "已抽签。", "The draw has taken place.")
        candidates = [Candidate(c["key"], c["load"]) for c in json.loads(scheduled.candidates)]
        result = draw(bytes.fromhex(scheduled.seed), scheduled.purpose, candidates)
        tx.finish_draw(scheduled.id, result.chosen, result.ticket, held.now)
        step(tx, user, held, auction_id, "in_lieu_drawn", held.today, creditor=result.chosen,
             ticket=result.ticket, total=result.total)  # fmt: skip
    return result.chosen


def public_in_lieu_draw(services: Services, auction_id: int) -> dict[str, Any]:
    """The draw as anyone may read it: creditors by key only; once drawn, its
    ``fapai-lottery/1`` record to re-check with ``fapai lottery verify``."""
    with services.db.read() as tx:
        auction = tx.auction(auction_id)
        tie = [] if auction is None else _tie(tx, auction)
        scheduled = tx.draw(auction.lot_id, _purpose(auction, tie)) if auction and tie else None
    if scheduled is None:
        raise conflict("no_draw", "尚未安排抽签。", "No draw is scheduled.")
    candidates = [Candidate(c["key"], c["load"]) for c in json.loads(scheduled.candidates)]
    seed = bytes.fromhex(scheduled.seed)
    record = None
    if scheduled.chosen is not None:
        result = draw(seed, scheduled.purpose, candidates)
        record = draw_record(seed, scheduled.purpose, candidates, result)
    return {
        "purpose": scheduled.purpose, "seed": scheduled.seed, "commitment": scheduled.commitment,
        "candidates": [c.key for c in candidates], "drawn": record is not None, "record": record,
    }  # fmt: skip


def approve_in_lieu(services: Services, user: CourtPrincipal, auction_id: int) -> str:
    """The enforcement leader approves the taking by the creditor first in priority (or
    drawn): another method than online auction (Shanghai item 5). Returns its key."""
    with services.db.write(auction_id) as tx:
        auction, held = _failed_round(services, tx, user, auction_id, "director")
        chosen = _chosen(tx, auction)
        if any(
            s.step == "in_lieu_approved" and json.loads(s.details)["creditor"] == chosen["creditor"]
            for s in _steps(tx, auction)
        ):
            return str(chosen["creditor"])
        step(tx, user, held, auction_id, "in_lieu_approved", held.today,
             creditor=chosen["creditor"], rule="shanghai_item_5")  # fmt: skip
    return str(chosen["creditor"])


def take_in_lieu(services: Services, user: CourtPrincipal, auction_id: int) -> int:
    """The approved creditor takes the property in lieu of its debt (以物抵债) at the
    failed round's reserve price, paying any difference; returns it in fen."""
    with services.db.write(auction_id) as tx:
        auction, held = _failed_round(services, tx, user, auction_id, "enforcement")
        chosen = _chosen(tx, auction)
        creditor, claim = str(chosen["creditor"]), int(chosen["claim"])
        if not any(
            s.step == "in_lieu_approved" and json.loads(s.details)["creditor"] == creditor
            for s in _steps(tx, auction)
        ):
            raise conflict(
                "in_lieu_not_approved", "以物抵债须经分管执行工作的院领导批准（上海细则第五条）。",
                "Taking in lieu needs the enforcement leader's approval (Shanghai item 5).",
            )  # fmt: skip
        now = held.now
        difference = max(auction.start_price - claim, 0)
        if difference:
            tx.add_due(
                auction.court_id, auction_id, "in_lieu", proceeds(auction_id), difference,
                period_deadline(services.calendar, now, tx.auction_balance_days(auction_id)),
                None, now,
            )  # fmt: skip
        tx.save_bidding_state(replace(auction, status="in_lieu"))
        follow_round(tx, auction, "take_in_lieu")
        # seed 003 Art 18: the institution's fee on the in-lieu amount, owed by the
        # creditor outside the offset
        fee = auxiliary_fees.lot_fee(tx, auction, auction.start_price)
        if fee is not None and fee.amount:
            auxiliary_fees.book(tx, auction, fee, "creditor", f"court_user:{user.login}", now)
        # a fact of the lot: with no difference, ASR Art 20 runs from it
        step(tx, user, held, auction_id, "in_lieu", held.today, creditor=creditor, claim=claim,
             difference=difference)  # fmt: skip
        trail.record(
            tx, trail.auction_scope(auction_id), now, f"court_user:{user.login}",
            "auction.in_lieu", price=auction.start_price, creditor=creditor, claim=claim,
            difference=difference,
        )  # fmt: skip
    return difference


def _failed_round(
    services: Services, tx: Tx, user: CourtPrincipal, auction_id: int, role: str
) -> tuple[AuctionRecord, LotInCase]:
    """The locked latest round of a lot of a case, which nobody bought, with the time."""
    found = tx.auction(auction_id)
    if found is None:
        raise not_found("拍卖", "Auction")
    lot = tx.lock_lot(found.lot_id)  # the lot's lock first, as the lot's other acts take it
    auction = locked_auction(tx, user, auction_id, role)
    assert lot is not None
    held = LotInCase(lot, services.clock())
    if auction.status != "unsold":
        raise conflict(
            "not_a_failed_round", "仅拍卖流拍后方可以物抵债（《拍卖、变卖规定》第十六条）。",
            "Only after an auction nobody bought may a creditor take the property in lieu "
            "(ASR Art 16).",
        )  # fmt: skip
    if any(a.id > auction.id for a in tx.lot_auctions(auction.lot_id)):
        raise conflict(
            "not_the_latest_round", "该标的物已有后续拍卖，须以最近一次流拍的保留价抵债。",
            "A later round of this lot exists: the latest failed round's reserve counts.",
        )  # fmt: skip
    if lot.stage is not None and stages.advance(lot.stage, "take_in_lieu") is None:
        raise conflict(
            "wrong_stage", "该标的物当前不能以物抵债。",
            "The lot is not at a stage where it may be taken in lieu.",
        )  # fmt: skip
    return auction, held


def _steps(tx: Tx, auction: AuctionRecord) -> list[StepRecord]:
    return [s for s in tx.steps(auction.lot_id) if s.auction_id == auction.id]


def _requests(tx: Tx, auction: AuctionRecord) -> list[dict[str, Any]]:
    return [json.loads(s.details) for s in _steps(tx, auction) if s.step == "in_lieu_request"]


def _first_in_priority(tx: Tx, auction: AuctionRecord) -> list[dict[str, Any]]:
    """The applications still standing that share the best legal rank (ASR Art 16): a
    creditor whose earlier taking of this round lapsed (ASR Art 19's default) is out."""
    lapsed = {json.loads(s.details)["creditor"] for s in _steps(tx, auction) if s.step == "in_lieu"}
    standing = [r for r in _requests(tx, auction) if r["creditor"] not in lapsed]
    if not standing:
        raise conflict(
            "no_in_lieu_request", "没有债权人申请以物抵债。",
            "No creditor has applied to take the property in lieu.",
        )  # fmt: skip
    best = min(r["rank"] for r in standing)
    return [r for r in standing if r["rank"] == best]


def _chosen(tx: Tx, auction: AuctionRecord) -> dict[str, Any]:
    first = _first_in_priority(tx, auction)
    if len(first) == 1:
        return first[0]
    scheduled = tx.draw(auction.lot_id, _purpose(auction, first))
    if scheduled is None or scheduled.chosen is None:
        raise conflict(
            "draw_needed", "受偿顺位相同的债权人须抽签决定承受人（《拍卖、变卖规定》第十六条）。",
            "Creditors of the same rank are chosen by drawing lots (ASR Art 16).",
        )  # fmt: skip
    chosen = [r for r in first if r["creditor"] == scheduled.chosen]
    if not chosen:  # the draw was among others than those now first: draw again
        raise conflict(
            "draw_needed", "受偿顺位相同的债权人须抽签决定承受人（《拍卖、变卖规定》第十六条）。",
            "Creditors of the same rank are chosen by drawing lots (ASR Art 16).",
        )  # fmt: skip
    return chosen[0]


def _approved_since_lapse(tx: Tx, auction: AuctionRecord) -> bool:
    """Whether the director approved a taking that has not lapsed since: after a
    creditor's default the round takes applications again (ASR Art 19)."""
    state = False
    for s in _steps(tx, auction):
        if s.step == "in_lieu_approved":
            state = True
        elif s.step == "in_lieu":  # a taking: if it lapsed, this round is open again
            state = False
    return state


def _tie(tx: Tx, auction: AuctionRecord) -> list[dict[str, Any]]:
    """The creditors first in rank when two or more share it; else none."""
    try:
        first = _first_in_priority(tx, auction)
    except AppError:
        return []
    return first if len(first) > 1 else []


def _purpose(auction: AuctionRecord, tie: list[dict[str, Any]]) -> str:
    """One draw per set of tied creditors: a better-ranked creditor applying after a draw
    among lower ranks, or a drawn creditor's taking lapsing, makes a new set and a new
    draw; the same set never draws twice."""
    keys = ",".join(sorted(str(r["creditor"]) for r in tie))
    return f"in_lieu:auction:{auction.id}:{hashlib.sha256(keys.encode()).hexdigest()[:16]}"


def record_in_lieu_payment(
    services: Services, user: CourtPrincipal, auction_id: int, bank_ref: str, amount: int
) -> None:
    """The creditor's difference arrived in the court's account, as the bank's statement
    shows it: never a reference typed from memory or one already booked."""
    with services.db.write(auction_id) as tx:
        auction = locked_auction(tx, user, auction_id, "auction_office")
        found = tx.dues(auction.court_id, True, auction_id, "in_lieu")
        due = found[0] if found else None
        if due is None:
            raise conflict(
                "nothing_due", "没有待付的以物抵债差价。", "No in-lieu difference is due."
            )
        if amount != due.amount:
            raise invalid(
                "wrong_amount", "金额与应付差价不符。", "The amount is not the difference due."
            )
        actor = f"court_user:{user.login}"
        bank_ref = statement_lines.received(tx, auction.court_id, bank_ref, amount, actor)
        now = services.clock()
        posted = tx.post(
            auction.court_id, auction_id, "in_lieu.received", "creditor's difference",
            transfer(bank(auction.court_id), proceeds(auction_id), amount), now,
            f"court_user:{user.login}", bank_ref,
        )  # fmt: skip
        tx.settle(due.id, posted, now)
        trail.record(
            tx, trail.auction_scope(auction_id), now, f"court_user:{user.login}",
            "in_lieu.received", amount=amount, bank_ref=bank_ref,
        )  # fmt: skip


def record_in_lieu_default(services: Services, user: CourtPrincipal, auction_id: int) -> None:
    """The creditor did not pay the difference by its deadline: the taking lapses, the
    due is closed with no money moving and the round is unsold again."""
    with services.db.write(auction_id) as tx:
        auction = locked_auction(tx, user, auction_id, "enforcement")
        found = tx.dues(auction.court_id, True, auction_id, "in_lieu")
        if auction.status != "in_lieu" or not found:
            raise conflict(
                "nothing_due", "没有待付的以物抵债差价。", "No in-lieu difference is due."
            )
        now = services.clock()
        if now < found[0].due_at:
            raise conflict(
                "difference_not_yet_due", "差价的交付期限尚未届满。",
                "The difference is not yet due.",
            )  # fmt: skip
        tx.settle(found[0].id, None, now)
        auxiliary_fees.lapse(  # the taking lapses: no fee when nobody takes it (Art 19)
            tx, auction, "the taking in lieu lapsed (seed 003 Art 19)",
            f"court_user:{user.login}", now,
        )  # fmt: skip
        tx.save_bidding_state(replace(auction, status="unsold"))
        follow_round(tx, auction, "in_lieu_default")  # a lot of a case: unsold again
        trail.record(
            tx, trail.auction_scope(auction_id), now, f"court_user:{user.login}",
            "in_lieu.defaulted", difference=found[0].amount,
        )  # fmt: skip
