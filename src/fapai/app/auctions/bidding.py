"""Placing a bid: the hot path of design.md.

Lock the auction, read the clock after the lock, let the foundation's engine
decide, append the bid (accepted or not) with its audit record and the new
state, commit, and only then publish. A refusal that is not about the bid
itself (not registered, no deposit, the auction closed, a bad request) writes
nothing and raises ``AppError``.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field, fields, replace
from datetime import datetime, timedelta

from fapai.app.auctions.admission import EXCLUDED, PROXY_UNCONFIRMED
from fapai.app.auctions.availability import unavailable
from fapai.app.auctions.ports import NOT_HERE, AuctionRecord, BidRecord
from fapai.app.audit import trail as audit
from fapai.app.audit.ports import AuditRow
from fapai.app.errors import AppError, conflict, forbidden, invalid, not_found
from fapai.app.ports import Tx
from fapai.app.presenting import beijing, yuan
from fapai.app.services import Services
from fapai.domain.audit.facts import FACTS, fact_digest
from fapai.domain.bidding.engine import decide
from fapai.domain.bidding.model import (
    Accepted,
    AuctionState,
    AuctionTerms,
    Bid,
    Bidder,
    Reason,
)
from fapai.domain.money import MAX_FEN, parse_yuan
from fapai.domain.rules import DISPOSAL, BiddingRules

log = logging.getLogger("fapai.bidding")
MAX_AMOUNT_TEXT = 64
_KEY = re.compile(r"[\x21-\x7e]{1,128}")


@dataclass(frozen=True, slots=True)
class BidResult:
    bid: BidRecord
    auction: AuctionRecord
    repeated: bool  # the same Idempotency-Key was seen before: this is that bid
    event: str | None  # the live event to publish once committed (accepted bids)


def engine_state(auction: AuctionRecord) -> tuple[AuctionState, BiddingRules]:
    """The engine's view of a stored auction (the same view ``fapai replay`` builds)."""
    terms = AuctionTerms(auction.start_price, auction.increment, auction.starts_at, auction.ends_at)
    leader = None
    if auction.leader_code is not None:
        leader = Bidder(auction.leader_code, True, False, auction.leader_rank)
    state = AuctionState(terms, auction.price, leader, auction.effective_end, auction.extensions)
    rules = BiddingRules(
        extension=timedelta(seconds=auction.extension_seconds),
        allow_self_raise=auction.allow_self_raise,
    )
    return state, rules


def place_bid(
    services: Services, account_id: int, auction_id: int, amount_text: str, key: str
) -> BidResult:
    if not _KEY.fullmatch(key):
        raise invalid(
            "invalid_idempotency_key",
            "Idempotency-Key 须为 1 至 128 个可见 ASCII 字符。",
            "Idempotency-Key must be 1 to 128 visible ASCII characters.",
        )
    if len(amount_text) > MAX_AMOUNT_TEXT:
        raise invalid("amount_too_long", "出价金额过长。", "The amount is too long.")
    if not amount_text.isprintable():  # NUL, controls, lone surrogates: not storable text
        raise invalid(
            "amount_unreadable",
            "出价金额含有不可识别的字符。",
            "The amount has unreadable characters.",
        )
    amount = parse_yuan(amount_text, most=None)
    if amount is not None and amount > MAX_FEN:
        raise invalid("amount_too_large", "出价金额超出上限。", "The amount is beyond any price.")
    request = _Request(account_id, amount_text, amount, key)
    outcome: BidResult = services.bid_batches.submit(
        auction_id, request, lambda batch: _run_batch(services, auction_id, batch)
    )
    return outcome


@dataclass(frozen=True, slots=True)
class _Request:
    account_id: int
    amount_text: str
    amount: int | None
    key: str


def _run_batch(
    services: Services, auction_id: int, batch: list[_Request]
) -> list[BidResult | BaseException]:
    """Judge a batch of bids in arrival order in one transaction; publish after the commit."""
    outcomes: list[BidResult | BaseException] = []
    with services.db.write(auction_id) as tx:
        written = _Written()
        for request in batch:
            try:
                outcomes.append(_judge(services, tx, auction_id, request, written))
            except AppError as refusal:  # refusals write nothing; the others go on
                outcomes.append(refusal)
        if written.auction is not None and written.bids:
            tx.record_bids(written.bids, written.events, written.trail, written.auction)
    for outcome in outcomes:
        if isinstance(outcome, BidResult) and outcome.event is not None:
            try:
                services.publish(auction_id, outcome.auction.seq, "bid", outcome.event)
            except Exception:  # committed bids stand; watchers resync from the snapshot
                log.exception("could not publish bid event %s/%s", auction_id, outcome.auction.seq)
    return outcomes


@dataclass(slots=True)
class _Written:
    """What a batch has judged so far, written in one go before the commit. Later bids
    of the batch are judged against this state, not the row read from the database."""

    auction: AuctionRecord | None = None
    head: tuple[int, str] | None = None
    bids: list[BidRecord] = field(default_factory=list)
    events: list[tuple[int, str, datetime]] = field(default_factory=list)
    trail: list[AuditRow] = field(default_factory=list)
    keys: dict[tuple[int, str], BidRecord] = field(default_factory=dict)


def _judge(
    services: Services, tx: Tx, auction_id: int, request: _Request, written: _Written
) -> BidResult:
    """One bid under the auction's lock: the steps of design.md's bid path."""
    account_id, amount, amount_text, key = (
        request.account_id, request.amount, request.amount_text, request.key,
    )  # fmt: skip
    context = tx.bid_context(auction_id, account_id, key)
    if context is None or context.auction.status in NOT_HERE:  # one answer for both
        raise not_found("拍卖", "Auction")
    auction = written.auction or context.auction
    registration = context.registration
    if registration is None:
        raise forbidden(
            "not_registered",
            "您未报名参加本次拍卖。",
            "You are not registered for this auction.",
        )
    earlier = context.earlier or written.keys.get((registration.id, key))
    if earlier is not None:
        if (earlier.amount, earlier.amount_text) != (amount, _if_invalid(amount, amount_text)):
            raise conflict(
                "idempotency_key_reused",
                "该 Idempotency-Key 已用于另一笔出价。",
                "This Idempotency-Key was already used for a different bid.",
            )
        return BidResult(earlier, auction, True, None)
    stopped = unavailable(auction, None)  # settled or paused: say so, whatever the standing
    if stopped is not None:
        raise stopped
    if registration.barred:
        raise forbidden("barred", "您不得参加本次竞买。", "You may not bid in this auction.")
    if context.excluded:  # OJA Art 34: listed after registering
        raise forbidden(EXCLUDED.code, EXCLUDED.zh, EXCLUDED.en)
    if registration.proxy_status == "pending":  # OJA Art 14(2)
        raise forbidden(*PROXY_UNCONFIRMED)
    if registration.deposit_status not in ("confirmed", "exempt"):  # OJA Art 17
        raise forbidden(
            "no_deposit",
            "保证金尚未确认到账，暂不能出价（《网络司法拍卖规定》第十七条）。",
            "Your deposit is not confirmed yet, so you cannot bid (OJA Art 17).",
        )
    now = services.clock()  # the bid's server receipt time (OJA Art 20)
    if now >= auction.effective_end:
        raise conflict("closed", "竞价已结束。", "Bidding has closed.")
    state, rules = engine_state(auction)
    bidder = Bidder(registration.code, True, False, registration.preemptive_rank)
    decision = decide(state, Bid(registration.code, bidder, amount), now, rules)
    number = auction.bid_count + 1
    payload = None
    if isinstance(decision, Accepted):
        ends_at, extended = decision.ends_at, decision.extended
        if auction.kind == "sale" and auction.price is None:
            # 变卖: the first bid at the price starts the 24-hour countdown in which others
            # may still raise (the 2017 SPC notice); the export states this end.
            ends_at, extended = now + DISPOSAL.sale_countdown, False
        after = replace(
            auction,
            price=decision.amount,
            leader_registration_id=registration.id,
            leader_code=registration.code,
            leader_rank=registration.preemptive_rank,
            effective_end=ends_at,
            extensions=auction.extensions + int(extended),
            seq=auction.seq + 1,
            bid_count=number,
        )
        bid = BidRecord(
            auction_id, number, registration.id, registration.code, amount, None, now,
            None, ends_at, extended, after.seq, key,
        )  # fmt: skip
        payload = bid_event(bid, after)
    else:
        assert decision.reason is not Reason.CLOSED  # refused above, under the lock
        after = replace(auction, bid_count=number)
        bid = BidRecord(
            auction_id, number, registration.id, registration.code, amount,
            _if_invalid(amount, amount_text), now, decision.reason.value,
            auction.effective_end, False, None, key,
        )  # fmt: skip
    trail = audit.next_record(
        written.head or context.audit_head,
        audit.auction_scope(auction_id),
        now,
        f"bidder:{registration.code}",
        "bid.accepted" if bid.reason is None else "bid.rejected",
        {
            "number": number,
            "amount": amount,
            "amount_text": bid.amount_text,
            "reason": bid.reason,
            "ends_at": bid.ends_at_after.isoformat(),
            FACTS: _facts(bid, payload),
        },
    )
    written.auction, written.head = after, (trail.seq, trail.hash)
    written.bids.append(bid)
    written.trail.append(trail)
    written.keys[registration.id, key] = bid
    if payload is not None:
        written.events.append((after.seq, payload, now))
    return BidResult(bid, after, False, payload)


_BID_FIELDS = tuple(f.name for f in fields(BidRecord))


def _facts(bid: BidRecord, event: str | None) -> list[list[object]]:
    """The rows the bid's audit record vouches for, digested here in the same pass (no
    read back on the hot path), column for column as storage/fact_store.py reads them."""
    facts: list[list[object]] = [
        ["bids", bid.number, fact_digest("bids", [getattr(bid, name) for name in _BID_FIELDS])]
    ]
    if event is not None:
        values = (bid.auction_id, bid.event_seq, "bid", event, bid.received_at)
        facts.append(["auction_events", bid.event_seq, fact_digest("auction_events", values)])
    return facts


def _if_invalid(amount: int | None, text: str) -> str | None:
    """Invalid amounts are kept as sent, so the export can echo them (replay spec)."""
    return text if amount is None else None


def bid_event(bid: BidRecord, after: AuctionRecord) -> str:
    """The live event for an accepted bid: the bid and the state it produced."""
    return json.dumps(
        {
            "seq": after.seq,
            "number": bid.number,
            "code": bid.code,
            "amount": yuan(bid.amount),
            "at": beijing(bid.received_at),
            "price": yuan(after.price),
            "leader": after.leader_code,
            "effective_end": beijing(after.effective_end),
            "extensions": after.extensions,
            "extended": bid.extended,
        },
        ensure_ascii=False,
    )
