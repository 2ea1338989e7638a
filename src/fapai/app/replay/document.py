"""Reading a ``fapai-replay/1`` document (docs/replay-format.md).

Every error in the file itself is a :class:`ReplayFormatError` naming the JSON
path, so the command can refuse the whole file with one precise line. A bad
*bid* is not a file error: it is kept as received and the engine refuses it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any, TypeGuard

from fapai.domain.beijing_time import to_beijing
from fapai.domain.bidding import AuctionTerms, Bidder
from fapai.domain.money import parse_yuan, yuan_to_fen
from fapai.domain.rules import SOFT_CLOSE_EXTENSION, BiddingRules

FORMAT = "fapai-replay/1"

# Bounds that keep every time and every extended end representable after
# conversion to Beijing time; no real auction comes near them.
_FIRST_YEAR, _LAST_YEAR = 1000, 9000
_MAX_EXTENSION_SECONDS = 366 * 24 * 3600


class ReplayFormatError(ValueError):
    """The file is not a valid replay document; ``path`` is a JSON path."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


@dataclass(frozen=True, slots=True)
class ReplayAuction:
    """The auction part of a replay file, as the engine needs it."""

    terms: AuctionTerms
    rules: BiddingRules


def decode_json(data: bytes) -> Any:
    """Parse JSON text, keeping non-integer numbers exactly as written.

    Numbers with a fraction or exponent become ``Decimal`` so that an invalid
    amount such as ``1e400`` can be echoed as received, not as infinity.
    """
    try:
        return json.loads(data, parse_float=Decimal, parse_constant=_refuse_constant)
    except json.JSONDecodeError as err:
        raise ReplayFormatError("$", f"not valid JSON: {err}") from None
    except UnicodeDecodeError as err:
        raise ReplayFormatError("$", f"not valid JSON: not UTF-8 text ({err.reason})") from None
    except (ValueError, RecursionError) as err:
        raise ReplayFormatError("$", f"not valid JSON: {err}") from None


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def read_header(doc: Any) -> tuple[ReplayAuction, dict[str, Bidder], list[Any]]:
    """Check everything but the events; return the auction, bidders and raw events."""
    if not isinstance(doc, dict):
        raise ReplayFormatError("$", f"must be a JSON object, got {_kind(doc)}")
    fmt = _required(doc, "format", "$")
    if fmt != FORMAT:
        raise ReplayFormatError("$.format", f'must be "{FORMAT}", got {_show(fmt)}')
    auction = read_auction(_object(_required(doc, "auction", "$"), "$.auction"))
    bidders = read_bidders(_required(doc, "bidders", "$"))
    events = _required(doc, "events", "$")
    if not isinstance(events, list):
        raise ReplayFormatError("$.events", f"must be an array, got {_kind(events)}")
    return auction, bidders, events


def read_auction(raw: dict[str, Any]) -> ReplayAuction:
    start_price = read_amount(_required(raw, "start_price", "$.auction"), "$.auction.start_price")
    increment = read_amount(_required(raw, "increment", "$.auction"), "$.auction.increment")
    starts_at = read_time(_required(raw, "starts_at", "$.auction"), "$.auction.starts_at")
    ends_at = read_time(_required(raw, "ends_at", "$.auction"), "$.auction.ends_at")
    if not starts_at < ends_at:
        raise ReplayFormatError("$.auction.ends_at", "must be after starts_at")
    extension = SOFT_CLOSE_EXTENSION
    if "extension_seconds" in raw:
        seconds = raw["extension_seconds"]
        if not _is_int(seconds) or seconds < 0:
            raise ReplayFormatError(
                "$.auction.extension_seconds", f"must be an integer >= 0, got {_show(seconds)}"
            )
        if seconds > _MAX_EXTENSION_SECONDS:
            raise ReplayFormatError(
                "$.auction.extension_seconds", f"must be at most {_MAX_EXTENSION_SECONDS}"
            )
        extension = timedelta(seconds=seconds)
    allow_self_raise = raw.get("allow_self_raise", False)
    if not isinstance(allow_self_raise, bool):
        raise ReplayFormatError(
            "$.auction.allow_self_raise", f"must be true or false, got {_show(allow_self_raise)}"
        )
    return ReplayAuction(
        AuctionTerms(start_price, increment, starts_at, ends_at),
        BiddingRules(extension=extension, allow_self_raise=allow_self_raise),
    )


def read_bidders(raw: Any) -> dict[str, Bidder]:
    if not isinstance(raw, list):
        raise ReplayFormatError("$.bidders", f"must be an array, got {_kind(raw)}")
    bidders: dict[str, Bidder] = {}
    for index, item in enumerate(raw):
        path = f"$.bidders[{index}]"
        entry = _object(item, path)
        code = _required(entry, "id", path)
        if not isinstance(code, str):
            raise ReplayFormatError(f"{path}.id", f"must be a string, got {_kind(code)}")
        if code in bidders:
            raise ReplayFormatError(f"{path}.id", f"repeats bidder {_show(code)}")
        rank = entry.get("preemptive_rank")
        if "preemptive_rank" in entry and not (_is_int(rank) and rank >= 1):
            raise ReplayFormatError(
                f"{path}.preemptive_rank", f"must be an integer >= 1, got {_show(rank)}"
            )
        bidders[code] = Bidder(
            code,
            deposit_paid=_flag(entry, "deposit_paid", path),
            barred=_flag(entry, "barred", path),
            preemptive_rank=rank,
        )
    return bidders


def read_amount(value: Any, path: str) -> int:
    """A required positive amount (a file error when invalid)."""
    fen = amount_fen(value)
    if fen is None:
        raise ReplayFormatError(
            path, f'must be a positive amount in yuan such as "123.45", got {_show(value)}'
        )
    return fen


def amount_fen(value: Any) -> int | None:
    """The fen of a bid's amount as the spec allows it, or None."""
    if isinstance(value, str):
        return parse_yuan(value)
    if _is_int(value):
        return yuan_to_fen(value)
    return None


def read_time(value: Any, path: str) -> datetime:
    """An ISO 8601 time that must carry a UTC offset, as Beijing time."""
    try:
        return parse_time(value)
    except ValueError as err:
        raise ReplayFormatError(path, str(err)) from None


def parse_time(value: Any) -> datetime:
    """Like :func:`read_time` without a path: ``ValueError`` says what is wrong.

    The replay loop calls this for every bid and builds the JSON path only
    when the time is bad.
    """
    if not isinstance(value, str):
        raise ValueError(f"must be an ISO 8601 time string, got {_kind(value)}")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"is not an ISO 8601 time: {_show(value)}") from None
    if moment.tzinfo is None:
        raise ValueError(f"has no UTC offset: {_show(value)}")
    try:
        moment = to_beijing(moment)
    except OverflowError:
        moment = datetime.min  # beyond what a datetime holds: refused below
    if not _FIRST_YEAR <= moment.year <= _LAST_YEAR:
        raise ValueError(f"is out of range (Beijing time, years {_FIRST_YEAR}-{_LAST_YEAR})")
    return moment


def _required(obj: dict[str, Any], key: str, path: str) -> Any:
    try:
        return obj[key]
    except KeyError:
        raise ReplayFormatError(f"{path}.{key}", "is missing") from None


def _object(value: Any, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ReplayFormatError(path, f"must be a JSON object, got {_kind(value)}")
    return value


def _flag(entry: dict[str, Any], key: str, path: str) -> bool:
    value = entry.get(key, False)
    if not isinstance(value, bool):
        raise ReplayFormatError(f"{path}.{key}", f"must be true or false, got {_show(value)}")
    return value


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, Decimal)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def _show(value: Any, limit: int = 40) -> str:
    """A short JSON rendering of a bad value for an error line."""
    text = (
        str(value)
        if isinstance(value, Decimal)
        else json.dumps(value, ensure_ascii=False, default=str)
    )
    return text if len(text) <= limit else text[: limit - 3] + "..."
