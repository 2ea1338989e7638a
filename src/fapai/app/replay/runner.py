"""Re-running an auction from its replay file (docs/replay-format.md).

Anyone can take an exported auction and check its result here: the events go
through the same ``decide``/``evolve`` as the live bid path. Validation and
bidding run in one pass, and each bid's output text is prepared in that pass,
because a 200,000-bid file must replay in well under a second; nothing is
written until the whole file has proved valid.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from fapai.app.replay.document import (
    FORMAT,
    ReplayAuction,
    ReplayFormatError,
    amount_fen,
    parse_time,
    read_header,
)
from fapai.domain.bidding import Accepted, AuctionState, Bid, decide, evolve, open_auction
from fapai.domain.money import format_yuan, parse_yuan

#: One bid as received and judged, ready to print: (bidder code, amount as
#: JSON text, receipt time, receipt time as sent, refusal reason or None).
#: A plain tuple: a large replay keeps 200,000 of them in memory.
BidRecord = tuple[str, str, datetime, str, "str | None"]

_LINES_PER_WRITE = 4096


@dataclass(frozen=True, slots=True)
class ReplayOutcome:
    """The final state and every bid's verdict, in input order."""

    auction: ReplayAuction
    state: AuctionState
    bids: list[BidRecord]


def replay(doc: Any) -> ReplayOutcome:
    """Run every bid of a decoded replay document through the engine."""
    auction, bidders, events = read_header(doc)
    rules = auction.rules
    state = open_auction(auction.terms)
    records: list[BidRecord] = []
    append = records.append
    get_bidder = bidders.get
    last_text: Any = None
    last_at = auction.terms.starts_at
    for index, event in enumerate(events):
        if type(event) is not dict or event.get("type") != "bid":
            _reject_event_kind(event, index)
        try:
            at_text = event["at"]
            code = event["bidder"]
            raw_amount = event["amount"]
        except KeyError as missing:
            raise ReplayFormatError(f"$.events[{index}].{missing.args[0]}", "is missing") from None
        if at_text != last_text or type(at_text) is not str:
            try:
                at = parse_time(at_text)
            except ValueError as err:
                raise ReplayFormatError(f"$.events[{index}].at", str(err)) from None
            if index and at < last_at:
                raise ReplayFormatError(
                    f"$.events[{index}].at",
                    f"goes backwards: {at_text} is before the previous event's time",
                )
            last_text, last_at = at_text, at
        if type(code) is not str:
            raise ReplayFormatError(f"$.events[{index}].bidder", "must be a string")
        if type(raw_amount) is str:
            fen = parse_yuan(raw_amount)
            amount_text = (
                f'"{raw_amount}"'
                if fen is not None and _is_canonical_yuan(raw_amount)
                else _amount_json(raw_amount, fen)
            )
        else:
            fen = amount_fen(raw_amount)
            amount_text = _amount_json(raw_amount, fen)
        decision = decide(state, Bid(code, get_bidder(code), fen), last_at, rules)
        if isinstance(decision, Accepted):
            state = evolve(state, decision)
            append((code, amount_text, last_at, last_text, None))
        else:
            append((code, amount_text, last_at, last_text, decision.reason.value))
    return ReplayOutcome(auction, state, records)


def _reject_event_kind(event: Any, index: int) -> None:
    path = f"$.events[{index}]"
    if not isinstance(event, dict):
        raise ReplayFormatError(path, "must be a JSON object")
    if "type" not in event:
        raise ReplayFormatError(f"{path}.type", "is missing")
    raise ReplayFormatError(f"{path}.type", f"unknown event type {_json(event['type'])}")


def _amount_json(raw: Any, fen: int | None) -> str:
    """A valid amount as "123.45"; an invalid one echoed as received."""
    return f'"{format_yuan(fen)}"' if fen is not None else _json(raw)


def _is_canonical_yuan(text: str) -> bool:
    """Whether a *valid* amount was sent exactly as ``format_yuan`` writes it."""
    return len(text) > 3 and text[-3] == "." and text[0] != "0"


def render(outcome: ReplayOutcome, write: Callable[[str], object]) -> None:
    """Write the outcome document: stable key order, one bid per line, +08:00 times."""
    state = outcome.state
    leader = state.leader
    write(
        "{\n"
        f'  "format": "{FORMAT}",\n'
        f'  "status": "{"sold" if leader else "unsold"}",\n'
        f'  "winner": {_json(leader.code) if leader else "null"},\n'
        f'  "price": {_amount_json(None, state.price) if leader else "null"},\n'
        f'  "ends_at": "{state.ends_at.isoformat()}",\n'
        f'  "extensions": {state.extensions},\n'
    )
    if not outcome.bids:
        write('  "bids": []\n}\n')
        return
    write('  "bids": [\n')
    codes: dict[str, str] = {}
    last_at: datetime | None = None
    at_out = ""
    lines: list[str] = []
    separator = ""
    for seq, (code, amount, at, at_text, reason) in enumerate(outcome.bids, 1):
        code_json = codes.get(code)
        if code_json is None:
            code_json = codes[code] = _json(code)
        if at is not last_at:
            last_at = at
            at_out = at_text if _is_beijing_iso(at_text) else at.isoformat()
        verdict = (
            '"accepted": true, "reason": null'
            if reason is None
            else f'"accepted": false, "reason": "{reason}"'
        )
        lines.append(
            f'    {{"seq": {seq}, "bidder": {code_json}, "amount": {amount}, '
            f'"at": "{at_out}", {verdict}}}'
        )
        if len(lines) == _LINES_PER_WRITE:
            write(separator + ",\n".join(lines))
            separator = ",\n"
            lines.clear()
    write((separator + ",\n".join(lines) if lines else "") + "\n  ]\n}\n")


def _is_beijing_iso(text: str) -> bool:
    """Whether a *parsed* time was sent exactly as ``isoformat()`` writes it in +08:00.

    Such text is echoed as it is, saving the formatting of every bid's time.
    """
    size = len(text)
    return (
        (size == 25 or (size == 32 and text[19] == "." and text[20:26] != "000000"))
        and text.endswith("+08:00")
        and text[4] == "-"
        and text[7] == "-"
        and text[10] == "T"
        and text[13] == ":"
        and text[16] == ":"
    )


def _json(value: Any) -> str:
    """JSON for an echoed value; Decimals keep the digits they were read with."""
    if isinstance(value, str):
        return _json_string(value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(map(_json, value)) + "]"
    if isinstance(value, dict):
        items = (f"{_json_string(key)}: {_json(item)}" for key, item in value.items())
        return "{" + ", ".join(items) + "}"
    return json.dumps(value)


def _json_string(text: str) -> str:
    """A JSON string, in readable UTF-8 (Chinese as it is) unless it holds lone surrogates.

    JSON's ``\\ud800`` escapes can carry a lone surrogate, but UTF-8 cannot, so
    such a string is written with ASCII escapes to keep the output valid.
    """
    out = json.dumps(text, ensure_ascii=False)
    try:
        out.encode()
    except UnicodeEncodeError:
        return json.dumps(text)
    return out
