"""A designation draw's public record (``fapai-lottery/1`` JSON) and its re-check.

The record carries the seed, so anyone can redo the draw (docs/lottery.md) and
compare it with what the court announced; every mismatch or malformed field is
a :class:`LotteryFileError` naming the JSON path, like the replay format's errors.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from fapai.domain.assignment.lottery import (
    ALGORITHM,
    MIN_SEED_BYTES,
    Candidate,
    Draw,
    check_text,
    commitment,
    draw,
)

FIELDS = (
    "algorithm",
    "purpose",
    "seed",
    "commitment",
    "candidates",
    "weights",
    "total",
    "ticket",
    "rounds",
    "chosen",
)
_HEX = re.compile(r"(?:[0-9a-f]{2})+")


class LotteryFileError(ValueError):
    """The record is malformed or does not match its own draw; ``path`` is a JSON path."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


def record(
    seed: bytes, purpose: str, candidates: Sequence[Candidate], result: Draw
) -> dict[str, Any]:
    """The public record of ``result``; refuses a result that is not the draw of these inputs,
    so a record the court publishes always passes :func:`recheck`."""
    if draw(seed, purpose, candidates) != result:
        raise ValueError("the result is not the draw of this seed, purpose and candidates")
    ordered = sorted(candidates, key=lambda c: c.key)
    return {
        "algorithm": ALGORITHM,
        "purpose": purpose,
        "seed": seed.hex(),
        "commitment": commitment(seed),
        "candidates": [{"key": c.key, "load": c.load} for c in ordered],
        "weights": [{"key": key, "weight": weight} for key, weight in result.weights],
        "total": result.total,
        "ticket": result.ticket,
        "rounds": result.rounds,
        "chosen": result.chosen,
    }


def recheck(document: Any) -> Draw:
    """Redo the draw from the record alone; return it when every recorded result matches."""
    doc = _fields(document)
    if doc["algorithm"] != ALGORITHM:
        raise LotteryFileError("$.algorithm", f'must be "{ALGORITHM}", got {doc["algorithm"]!r}')
    purpose = _text(doc["purpose"], "$.purpose", "purpose")
    seed = _seed(doc["seed"])
    digest = commitment(seed)
    if doc["commitment"] != digest:
        raise LotteryFileError(
            "$.commitment", f"{doc['commitment']!r} is not the SHA-256 of $.seed ({digest})"
        )
    candidates = _candidates(doc["candidates"])
    try:
        result = draw(seed, purpose, candidates)
    except ValueError as err:  # what is left once every field is checked: the total's bound
        raise LotteryFileError("$.candidates", str(err)) from None
    recorded_weights = [{"key": key, "weight": weight} for key, weight in result.weights]
    for field, recomputed in (
        ("ticket", result.ticket),
        ("chosen", result.chosen),
        ("total", result.total),
        ("rounds", result.rounds),
        ("weights", recorded_weights),
    ):
        if not _same(doc[field], recomputed):
            raise LotteryFileError(
                f"$.{field}",
                f"recorded {doc[field]!r}; the seed, purpose and candidates give {recomputed!r}",
            )
    return result


def _fields(document: Any) -> dict[str, Any]:
    if not isinstance(document, dict):
        raise LotteryFileError("$", f"must be a JSON object, got {_kind(document)}")
    for name in document:
        if name not in FIELDS:
            raise LotteryFileError(f"$.{name}", f"not a field of a {ALGORITHM} record")
    for name in FIELDS:
        if name not in document:
            raise LotteryFileError(f"$.{name}", "missing")
    return document


def _seed(value: Any) -> bytes:
    text = _string(value, "$.seed")
    if not _HEX.fullmatch(text):
        raise LotteryFileError("$.seed", "must be lowercase hexadecimal, two digits per byte")
    if len(text) < 2 * MIN_SEED_BYTES:
        raise LotteryFileError("$.seed", f"must be at least {MIN_SEED_BYTES} bytes")
    return bytes.fromhex(text)


def _candidates(value: Any) -> list[Candidate]:
    if not isinstance(value, list):
        raise LotteryFileError("$.candidates", f"must be an array, got {_kind(value)}")
    if not value:
        raise LotteryFileError("$.candidates", "must list at least one candidate")
    result: list[Candidate] = []
    seen: set[str] = set()
    for index, item in enumerate(value):
        path = f"$.candidates[{index}]"
        if not isinstance(item, dict):
            raise LotteryFileError(path, f"must be an object, got {_kind(item)}")
        if set(item) != {"key", "load"}:
            raise LotteryFileError(path, f'must have exactly "key" and "load", got {sorted(item)}')
        key = _text(item["key"], f"{path}.key", "candidate key")
        if key in seen:
            raise LotteryFileError(f"{path}.key", f"{key!r} appears more than once")
        seen.add(key)
        load = item["load"]
        if isinstance(load, bool) or not isinstance(load, int) or load < 0:
            raise LotteryFileError(f"{path}.load", f"must be an integer >= 0, got {load!r}")
        result.append(Candidate(key, load))
    return result


def _text(value: Any, path: str, what: str) -> str:
    text = _string(value, path)
    try:
        check_text(text, what)
    except ValueError as err:
        raise LotteryFileError(path, str(err)) from None
    return text


def _same(recorded: Any, recomputed: Any) -> bool:
    """JSON equality without Python's ``True == 1`` or ``Decimal("1") == 1``."""
    if type(recorded) is not type(recomputed):
        return False
    if isinstance(recorded, list):
        return len(recorded) == len(recomputed) and all(
            _same(a, b) for a, b in zip(recorded, recomputed, strict=True)
        )
    if isinstance(recorded, dict):
        return recorded.keys() == recomputed.keys() and all(
            _same(recorded[k], recomputed[k]) for k in recorded
        )
    return bool(recorded == recomputed)


def _string(value: Any, path: str) -> str:
    if not isinstance(value, str):
        raise LotteryFileError(path, f"must be a string, got {_kind(value)}")
    return value


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    return "a number"
