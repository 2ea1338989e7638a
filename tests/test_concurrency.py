"""Many bidders racing on one auction: the lock makes the bids a single sequence.

OJA Art 20 has bids decided by the server in the order it receives them, and
the export must replay to the live result (replay-format.md: "events are in
server arrival order"). So under any concurrency each request gets exactly one
stored bid with its own number (1..N, no gaps, no duplicates), exactly one bid
wins each price level, the accepted amounts rise strictly, and the stored
sequence, decided again one by one, gives every verdict the server gave.

The bidders race at equal amounts on purpose: all of them send the same price
level at about the same time, so only the lock can keep a level from being
accepted twice. Each test runs on SQLite and on PostgreSQL (conftest), whose
locking differs (one writer vs. SELECT … FOR UPDATE).
"""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import httpx

import support
from fapai import bootstrap
from fapai.app.auctions import bidding
from fapai.app.auctions.closing import close_due
from fapai.app.auctions.export import export_auction
from fapai.app.errors import AppError
from fapai.app.replay.runner import render, replay
from fapai.app.services import Services
from fapai.config import Settings
from fapai.domain.money import format_yuan

THREADS = 50
ROUNDS = 20
START = 100_000_00  # fen
INCREMENT = 1_000_00
TOP = START + (ROUNDS - 1) * INCREMENT


@dataclass(frozen=True)
class Answer:
    """What one request got back: its stored bid's number, code and verdict."""

    thread: int
    key: str
    amount: int
    number: int
    code: str
    reason: str | None


def crowd(services: Services, clock: support.Clock, size: int) -> tuple[int, list[support.Bidder]]:
    """An auction in its bidding window and ``size`` bidders with confirmed deposits."""
    office = support.office(services)
    auction_id = support.auction(services, office)
    people = [support.bidder(services, f"竞买人{i}") for i in range(size)]
    for person in people:
        assert support.pay_deposit(services, person, auction_id) == "confirmed"
    clock.set(support.T0 + timedelta(hours=1))
    return auction_id, people


def race(work: Callable[[int, threading.Barrier], list[Answer]], threads: int) -> list[Answer]:
    """Run ``work(i, barrier)`` on ``threads`` threads released together; all answers."""
    barrier = threading.Barrier(threads)
    with ThreadPoolExecutor(threads) as pool:
        futures = [pool.submit(work, i, barrier) for i in range(threads)]
        return [answer for future in futures for answer in future.result()]


def level(r: int) -> int:
    return START + r * INCREMENT


def check_race(
    services: Services, auction_id: int, answers: list[Answer], threads: int = THREADS
) -> None:
    """The invariants of a race, checked against the database and a sequential model."""
    total = len(answers)
    assert total == threads * ROUNDS
    # One stored bid per answered request, numbered 1..N without gaps or repeats.
    assert sorted(a.number for a in answers) == list(range(1, total + 1))
    with services.db.read() as tx:
        stored = tx.bids(auction_id, accepted_only=False)
        auction = tx.auction(auction_id)
    assert auction is not None
    assert [b.number for b in stored] == list(range(1, total + 1))
    by_number = {b.number: b for b in stored}
    for answer in answers:
        bid = by_number[answer.number]
        assert (bid.idempotency_key, bid.amount, bid.code, bid.reason) == (
            answer.key, answer.amount, answer.code, answer.reason,
        )  # fmt: skip
    # Each thread is one bidder sending one request after another: its numbers rise.
    for thread in range(threads):
        own = [a for a in answers if a.thread == thread]
        assert len({a.code for a in own}) == 1
        assert [a.number for a in own] == sorted(a.number for a in own)
    assert len({a.code for a in answers}) == threads
    # Exactly one bid per price level; accepted amounts strictly rise to the top level.
    accepted = sorted((a for a in answers if a.reason is None), key=lambda a: a.number)
    amounts = [a.amount for a in accepted]
    assert len(amounts) == len(set(amounts)), "a price level was accepted twice"
    assert all(x < y for x, y in itertools.pairwise(amounts))
    assert amounts[0] == START
    assert amounts[-1] == TOP  # the others still bid the top level after any lower lead
    assert {a.reason for a in answers} <= {None, "too_low", "already_leading"}
    # The stored order, decided again one bid at a time, gives every verdict.
    price: int | None = None
    leader: str | None = None
    for bid in stored:
        if bid.code == leader:
            expected: str | None = "already_leading"
        elif price is None or (bid.amount is not None and bid.amount >= price + INCREMENT):
            expected = None
        else:
            expected = "too_low"
        assert bid.reason == expected, bid
        if expected is None:
            price, leader = bid.amount, bid.code
    assert (auction.price, auction.leader_code) == (TOP, accepted[-1].code) == (price, leader)
    assert auction.bid_count == total
    assert auction.seq == len(accepted)  # one live event per accepted bid
    # The export replays to the same winner, price and verdicts.
    document = json.loads(json.dumps(export_auction(services.db, auction_id)), parse_float=Decimal)
    out: list[str] = []
    render(replay(document), out.append)
    replayed = json.loads("".join(out))
    assert replayed["winner"] == auction.leader_code
    assert replayed["price"] == format_yuan(TOP)
    assert [b["reason"] for b in replayed["bids"]] == [b.reason for b in stored]
    assert [b["bidder"] for b in replayed["bids"]] == [b.code for b in stored]


def test_fifty_bidders_race_over_http(services, server, clock) -> None:
    """50 bidders × 20 price levels over real HTTP, all 50 sending each level at once:
    every answer is 201 or a recorded 409 (never 5xx), one winner per level."""
    auction_id, people = crowd(services, clock, THREADS)

    def work(i: int, barrier: threading.Barrier) -> list[Answer]:
        answers = []
        headers = {"Authorization": f"Bearer {people[i].token}"}
        with httpx.Client(base_url=server.url, headers=headers, timeout=120) as http:
            barrier.wait()
            for r in range(ROUNDS):
                key = f"t{i}-r{r}"
                response = http.post(
                    f"/api/v1/auctions/{auction_id}/bids",
                    json={"amount": format_yuan(level(r))},
                    headers={"Idempotency-Key": key},
                )
                assert response.status_code in (201, 409), response.text
                bid = response.json()["bid"]  # a 409 here is a recorded refusal
                assert bid["accepted"] is (response.status_code == 201)
                if response.status_code == 409:
                    assert response.json()["error"]["code"] == bid["reason"]
                assert bid["amount"] == format_yuan(level(r))
                answers.append(Answer(i, key, level(r), bid["number"], bid["code"], bid["reason"]))
        return answers

    check_race(services, auction_id, race(work, THREADS))


def test_fifty_bidders_race_on_the_use_case(services, clock) -> None:
    """The same race without HTTP in between, so the threads meet at the lock harder;
    then every request is sent again with its key at once: each gets its own bid back
    and nothing new is stored (a retried request is never a second bid)."""
    auction_id, people = crowd(services, clock, THREADS)

    def work(i: int, barrier: threading.Barrier) -> list[Answer]:
        answers = []
        barrier.wait()
        for r in range(ROUNDS):
            key = f"t{i}-r{r}"
            result = bidding.place_bid(
                services, people[i].account_id, auction_id, format_yuan(level(r)), key
            )
            assert not result.repeated
            bid = result.bid
            answers.append(Answer(i, key, level(r), bid.number, bid.code, bid.reason))
        return answers

    answers = race(work, THREADS)
    check_race(services, auction_id, answers)
    first = {a.key: a for a in answers}

    def again(i: int, barrier: threading.Barrier) -> list[Answer]:
        repeated = []
        barrier.wait()
        for r in reversed(range(ROUNDS)):
            key = f"t{i}-r{r}"
            result = bidding.place_bid(
                services, people[i].account_id, auction_id, format_yuan(level(r)), key
            )
            assert result.repeated
            bid = result.bid
            repeated.append(Answer(i, key, level(r), bid.number, bid.code, bid.reason))
        return repeated

    for answer in race(again, THREADS):
        assert answer == first[answer.key]
    with services.db.read() as tx:
        assert len(tx.bids(auction_id, accepted_only=False)) == THREADS * ROUNDS


def test_two_processes_race_on_one_auction(
    services, clock, database_url: str, tmp_path: Path
) -> None:
    """Several `fapai serve` processes may share one PostgreSQL database (docs/live.md).
    Each has its own in-process locks and bid combiner, so between them only the
    database's lock orders the bids: the race's invariants must hold all the same. Two
    independently built Services on the same database stand for the two processes."""
    threads = 20
    auction_id, people = crowd(services, clock, threads)
    other, database = bootstrap.build(Settings(database_url, bytes(32), tmp_path), clock=clock)
    errors: list[str] = []
    try:

        def work(i: int, barrier: threading.Barrier) -> list[Answer]:
            answers = []
            process = services if i % 2 == 0 else other
            barrier.wait()
            for r in range(ROUNDS):
                key = f"t{i}-r{r}"
                try:
                    result = bidding.place_bid(
                        process, people[i].account_id, auction_id, format_yuan(level(r)), key
                    )
                except Exception as error:  # a refusal would be a bug here too
                    errors.append(f"{type(error).__name__}: {str(error).splitlines()[0]}")
                    continue
                bid = result.bid
                answers.append(Answer(i, key, level(r), bid.number, bid.code, bid.reason))
            return answers

        answers = race(work, threads)
    finally:
        database.dispose()
    assert errors == [], f"{len(errors)} bids failed, e.g. {errors[0]}"
    check_race(services, auction_id, answers, threads)


def test_bids_racing_the_close(services, clock) -> None:
    """Bids keep coming while the clock passes the end and two closers (the embedded one
    and a worker) settle at once: the auction is settled exactly once, sold at the last
    accepted bid, and no bid is stored at or after the end (OJA Arts 20, 22)."""
    threads = 10
    auction_id, people = crowd(services, clock, threads)
    end = support.T0 + timedelta(hours=24)
    clock.set(end - timedelta(hours=1))
    stop = threading.Event()
    refusals: list[str | None] = [None] * threads

    def bidder_work(i: int, barrier: threading.Barrier) -> list[Answer]:
        answers = []
        barrier.wait()
        for r in range(10_000):
            if i == 0 and r == 20:
                stop.set()  # enough bids in: the main thread moves the clock on
            key = f"t{i}-r{r}"
            try:
                result = bidding.place_bid(
                    services, people[i].account_id, auction_id, format_yuan(level(r)), key
                )
            except AppError as refusal:
                refusals[i] = refusal.code
                break
            bid = result.bid
            answers.append(Answer(i, key, level(r), bid.number, bid.code, bid.reason))
        return answers

    settled: list[list[int]] = []

    def closer() -> None:
        stop.wait(30)
        clock.set(end + timedelta(days=1))
        settled.append(close_due(services))

    closers = [threading.Thread(target=closer) for _ in range(2)]
    for thread in closers:
        thread.start()
    answers = race(bidder_work, threads)
    for thread in closers:
        thread.join()
    assert sorted(settled, key=len) == [[], [auction_id]]
    # Every bidder was refused once bidding had closed: "closed" before the settlement;
    # after it the deposits are released or applied, and the deposit check comes first
    # (replay-format.md, checks 3 and 5).
    assert set(refusals) <= {"closed", "no_deposit"}, refusals
    with services.db.read() as tx:
        auction = tx.auction(auction_id)
        stored = tx.bids(auction_id, accepted_only=False)
    assert auction is not None
    assert auction.status == "sold"
    assert sorted(a.number for a in answers) == [b.number for b in stored]
    assert [b.number for b in stored] == list(range(1, len(stored) + 1))
    assert all(b.received_at < auction.effective_end for b in stored)
    last = max((b for b in stored if b.reason is None), key=lambda b: b.number)
    assert (auction.price, auction.leader_code) == (last.amount, last.code)
