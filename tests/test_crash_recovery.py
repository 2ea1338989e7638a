"""A server killed in the middle of bidding loses nothing it has confirmed.

A bid is committed before it is answered (and before it is published), so a
bidder who got a 201 — or a 409 carrying a `bid`, a refusal that was recorded —
has a stored bid even if the process dies the next instant (OJA Art 20: the
server's record of bids is the auction; the export replays it). Here a real
``fapai serve`` process takes a load of bids from several threads and is
SIGKILLed mid-stream; after a restart on the same database every confirmed bid
is there under its Idempotency-Key and number, the numbers have no gaps, the
auction's state is the replay of its stored bids, a retried request gets its
own bid back rather than a second one, and ``fapai audit verify`` passes.

This test uses the real clock (the server is another process); the auction's
window contains the present. The conftest's end-of-test replay check also runs
on this database through the ``services`` fixture.
"""

from __future__ import annotations

import json
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx

import support
from fapai.app.auctions.export import export_auction
from fapai.app.replay.runner import render, replay
from fapai.app.services import Services
from fapai.domain.money import format_yuan

FAPAI = support.FAPAI
THREADS = 6
KILL_AFTER = 120  # answered requests before the kill
START = 100_000_00
INCREMENT = 1_000_00


@dataclass
class Load:
    """Every request sent, and what came of it."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    answered: int = 0
    confirmed: dict[str, dict[str, Any]] = field(default_factory=dict)  # key -> bid
    in_doubt: dict[str, tuple[int, int]] = field(default_factory=dict)  # key -> (thread, fen)
    other: list[str] = field(default_factory=list)  # anything neither 201 nor recorded 409


def audit_verify(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(FAPAI), "audit", "verify"], env=env, capture_output=True, text=True, timeout=60
    )


def replayed(services: Services, auction_id: int) -> dict[str, Any]:
    document = json.loads(json.dumps(export_auction(services.db, auction_id)), parse_float=Decimal)
    out: list[str] = []
    render(replay(document), out.append)
    return json.loads("".join(out))


def test_sigkill_mid_load_loses_no_confirmed_bid(real_services, tmp_path: Path) -> None:
    services, env = real_services
    now = datetime.now(UTC)
    office = support.office(services)
    auction_id = support.auction(services, office, starts_at=now - timedelta(hours=1), hours=25)
    people = [support.bidder(services, f"竞买人{i}") for i in range(THREADS)]
    for person in people:
        assert support.pay_deposit(services, person, auction_id) == "confirmed"

    load = Load()
    killed = threading.Event()

    def bidder(i: int) -> None:
        headers = {"Authorization": f"Bearer {people[i].token}"}
        with httpx.Client(base_url=first.url, headers=headers, timeout=30) as http:
            for r in range(5_000):
                key, fen = f"t{i}-r{r}", START + r * INCREMENT
                try:
                    response = http.post(
                        f"/api/v1/auctions/{auction_id}/bids",
                        json={"amount": format_yuan(fen)},
                        headers={"Idempotency-Key": key},
                    )
                except httpx.TransportError:
                    with load.lock:  # sent, maybe committed, never answered
                        load.in_doubt[key] = (i, fen)
                    return
                body = response.json()
                with load.lock:
                    load.answered += 1
                    if 200 <= response.status_code < 300 or (
                        response.status_code == 409 and "bid" in body
                    ):
                        load.confirmed[key] = body["bid"]
                    else:
                        load.other.append(f"{response.status_code} {response.text}")
                if killed.is_set():
                    return

    first = support.ServerProcess(env, tmp_path / "serve-1.log")
    second: support.ServerProcess | None = None
    try:
        first.wait_ready(auction_id)
        with ThreadPoolExecutor(THREADS) as pool:
            futures = [pool.submit(bidder, i) for i in range(THREADS)]
            deadline = time.monotonic() + 60
            while load.answered < KILL_AFTER and time.monotonic() < deadline:
                time.sleep(0.005)
            first.kill()  # SIGKILL: no shutdown, no flush, requests cut off mid-flight
            killed.set()
            for future in futures:
                future.result()
        assert load.answered >= KILL_AFTER, first.log.read_text()[-3000:]
        assert load.other == []
        assert load.in_doubt, "the kill cut off no request; nothing was tested mid-flight"

        # The trail a killed server left behind verifies as it is.
        crashed = audit_verify(env)
        assert crashed.returncode == 0, crashed.stderr

        second = support.ServerProcess(env, tmp_path / "serve-2.log")
        second.wait_ready(auction_id)
        with services.db.read() as tx:
            stored = tx.bids(auction_id, accepted_only=False)
            auction = tx.auction(auction_id)
        assert auction is not None
        by_key = {bid.idempotency_key: bid for bid in stored}
        # Every confirmed bid is stored, under its key, with its number and verdict.
        for key, answer in load.confirmed.items():
            assert key in by_key, f"confirmed bid {key} #{answer['number']} was lost"
            bid = by_key[key]
            assert (bid.number, bid.code, bid.reason) == (
                answer["number"], answer["code"], answer["reason"],
            )  # fmt: skip
        # Only requests that were sent are stored: confirmed ones and some of those cut off.
        assert set(by_key) <= set(load.confirmed) | set(load.in_doubt)
        assert [bid.number for bid in stored] == list(range(1, len(stored) + 1))
        assert auction.bid_count == len(stored)
        accepted = [bid for bid in stored if bid.reason is None]
        assert auction.seq == len(accepted)
        # The state equals the replay of the stored bids.
        again = replayed(services, auction_id)
        assert [b["reason"] for b in again["bids"]] == [bid.reason for bid in stored]
        assert again["winner"] == auction.leader_code == accepted[-1].code
        assert Decimal(again["price"]) * 100 == auction.price == accepted[-1].amount
        assert datetime.fromisoformat(again["ends_at"]) == auction.effective_end
        assert again["extensions"] == auction.extensions

        # Retrying on the restarted server: a confirmed request gets its own bid back, a
        # cut-off one either its stored bid (replayed) or, if it was lost, a new bid.
        retried = dict.fromkeys(load.confirmed, None) | dict.fromkeys(load.in_doubt, None)
        with httpx.Client(base_url=second.url, timeout=30) as http:
            for key in retried:
                thread = int(key[1 : key.index("-")])
                fen = START + int(key[key.index("-r") + 2 :]) * INCREMENT
                response = http.post(
                    f"/api/v1/auctions/{auction_id}/bids",
                    json={"amount": format_yuan(fen)},
                    headers={
                        "Authorization": f"Bearer {people[thread].token}",
                        "Idempotency-Key": key,
                    },
                )
                assert response.status_code in (201, 409), response.text
                bid = response.json()["bid"]
                if key in by_key:
                    assert response.headers.get("Idempotent-Replayed") == "true"
                    assert bid["number"] == by_key[key].number
                else:
                    assert "Idempotent-Replayed" not in response.headers
                    assert bid["number"] > len(stored)
        with services.db.read() as tx:
            after = tx.bids(auction_id, accepted_only=False)
        assert [bid.number for bid in after] == list(range(1, len(after) + 1))
        assert len(after) == len(stored) + len(set(load.in_doubt) - set(by_key))
    finally:
        first.kill()
        if second is not None:
            second.stop()
    verified = audit_verify(env)
    assert verified.returncode == 0, verified.stderr
    assert verified.stdout.startswith("ok:")
