"""The benchmark's yardstick: a plain, direct Python reading of the replay spec.

Written the obvious way (Decimal amounts, a dict per bid, ``json.dumps`` with
indentation) so that ``replay_bench.py`` can show what fapai's replay gains
over it on the same file. It also cross-checks fapai's outcome.
Usage: python plain_replay.py FILE
"""

from __future__ import annotations

import json
import re
import sys
from datetime import datetime, timedelta, timezone
from decimal import Decimal

AMOUNT = re.compile(r"[0-9]+(\.[0-9]{1,2})?")
BEIJING = timezone(timedelta(hours=8))


def to_amount(value: object) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value) if value > 0 else None
    if isinstance(value, str) and AMOUNT.fullmatch(value) and Decimal(value) > 0:
        return Decimal(value)
    return None


def main(path: str) -> None:
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    print(json.dumps(replay(doc), ensure_ascii=False, indent=2))


def replay(doc: dict) -> dict:
    """The outcome document of a valid replay file (file errors are not checked here)."""
    auction = doc["auction"]
    start = Decimal(auction["start_price"])
    step = Decimal(auction["increment"])
    opens = datetime.fromisoformat(auction["starts_at"])
    end = datetime.fromisoformat(auction["ends_at"])
    extension = timedelta(seconds=auction.get("extension_seconds", 300))
    self_raise = auction.get("allow_self_raise", False)
    people = {b["id"]: b for b in doc["bidders"]}
    price = leader = None
    extensions = 0
    out = []
    for seq, event in enumerate(doc["events"], 1):
        at = datetime.fromisoformat(event["at"])
        who = people.get(event["bidder"])
        amount = to_amount(event["amount"])
        reason = None
        if who is None:
            reason = "unknown_bidder"
        elif who.get("barred"):
            reason = "barred"
        elif not who.get("deposit_paid"):
            reason = "no_deposit"
        elif at < opens:
            reason = "not_started"
        elif at >= end:
            reason = "closed"
        elif amount is None:
            reason = "invalid_amount"
        elif leader == who["id"] and not self_raise:
            reason = "already_leading"
        elif price is None and amount < start:
            reason = "below_start"
        elif price is not None and amount < least(price, step, who, people.get(leader)):
            reason = "too_low"
        elif (amount - start) % step:
            reason = "off_increment"
        if reason is None:
            price, leader = amount, who["id"]
            if at + extension > end:
                end, extensions = at + extension, extensions + 1
        out.append(
            {
                "seq": seq,
                "bidder": event["bidder"],
                "amount": f"{amount:.2f}" if amount is not None else event["amount"],
                "at": at.astimezone(BEIJING).isoformat(),
                "accepted": reason is None,
                "reason": reason,
            }
        )
    return {
        "format": "fapai-replay/1",
        "status": "sold" if leader else "unsold",
        "winner": leader,
        "price": f"{price:.2f}" if price is not None else None,
        "ends_at": end.astimezone(BEIJING).isoformat(),
        "extensions": extensions,
        "bids": out,
    }


def least(price: Decimal, step: Decimal, who: dict, leader: dict | None) -> Decimal:
    rank, top = who.get("preemptive_rank"), (leader or {}).get("preemptive_rank")
    if rank is not None and leader is not who and (top is None or top > rank):
        return price
    return price + step


if __name__ == "__main__":
    main(sys.argv[1])
