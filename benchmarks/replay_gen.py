"""Generate a large, realistic ``fapai-replay/1`` file for the replay benchmark.

One auction, 200 bidders plus one preemptive-right holder, bids spread over
the 24-hour window with the usual mix of refusals, then a burst of bids in the
last minutes that extends the end again and again.
"""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta, timezone

BEIJING = timezone(timedelta(hours=8))
START = datetime(2026, 12, 1, 10, 0, tzinfo=BEIJING)
END = START + timedelta(hours=24)
START_FEN = 100_000_000  # 1,000,000.00 yuan
INCREMENT_FEN = 100_000  # 1,000.00 yuan


def yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


def generate(bids: int = 200_000, bidders: int = 200, seed: int = 2026) -> dict[str, object]:
    rng = random.Random(seed)
    codes = [f"B{n:03d}" for n in range(bidders)]
    unpaid = set(rng.sample(codes, 5))
    people = [{"id": c, "deposit_paid": c not in unpaid} for c in codes]
    people.append({"id": "P1", "deposit_paid": True, "preemptive_rank": 1})
    burst = bids // 10
    calm = bids - burst
    # Calm phase: strictly increasing times across the day, before the last 5 minutes.
    span = (END - START - timedelta(minutes=6)) / calm
    events = []
    price = None
    leader = None
    at = START
    for n in range(bids):
        if n < calm:
            at = START + span * n
        else:
            at += timedelta(seconds=rng.uniform(0.5, 4.0))  # the burst keeps extending
        bidder = rng.choice(codes)
        roll = rng.random()
        accepted = bidder not in unpaid
        if price is None:
            amount = START_FEN
        elif roll < 0.02:
            bidder, amount = "P1", price  # a preemptive match at the same price
            accepted = leader != "P1"
        elif roll < 0.05:
            amount, accepted = price, False  # too low for an ordinary bidder
        elif roll < 0.07:
            amount, accepted = price + INCREMENT_FEN + 50, False  # off the increment grid
        elif roll < 0.08:
            bidder, amount, accepted = leader or bidder, price + INCREMENT_FEN, False
        else:
            amount = price + INCREMENT_FEN * rng.choice((1, 1, 1, 2, 3))
        if accepted and bidder != leader:
            price, leader = amount, bidder
        events.append(
            {
                "type": "bid",
                "at": at.isoformat(timespec="microseconds"),
                "bidder": bidder,
                "amount": yuan(amount),
            }
        )
    return {
        "format": "fapai-replay/1",
        "auction": {
            "start_price": yuan(START_FEN),
            "increment": yuan(INCREMENT_FEN),
            "starts_at": START.isoformat(),
            "ends_at": END.isoformat(),
            "extension_seconds": 300,
        },
        "bidders": people,
        "events": events,
    }


def write(path: str, bids: int = 200_000) -> None:
    with open(path, "w", encoding="utf-8") as out:
        json.dump(generate(bids), out, ensure_ascii=False, separators=(",", ":"))
