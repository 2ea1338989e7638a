"""The designation lottery, ``fapai-lottery/1``: weighted, deterministic, re-checkable by anyone.

The court designates a platform when the applicant does not choose or several
applicants disagree (OJA Art 5), at random (统一随机指定, Shanghai detailed rules
item 12); auxiliary institutions are matched the same way (item 13). A random
pick nobody can re-run is a pick nobody can trust, so the chance comes from a
seed the court fixes and commits to beforehand (docs/lottery.md); this module
holds no randomness of its own, only the arithmetic that turns the seed into a
result. Whoever holds the public record can redo every step below.

Weights (seed 001: 委托平衡机制, platforms with fewer entrustments more likely)
---------------------------------------------------------------------------
``weight = max_load - load + 1``, where ``max_load`` is the largest load among
the candidates. Each candidate holds one ticket, plus one for every auction by
which it trails the busiest candidate. Why this formula:

- equal loads give every candidate one ticket: a plain uniform draw;
- only the gaps count: adding the same number of auctions to every candidate
  changes nothing, so the odds depend on how far behind a candidate is, not on
  how busy the market was;
- the busiest candidate keeps one ticket, so no one is ever excluded and the
  result stays a draw, never a rota that could be predicted;
- it is integer arithmetic a clerk can redo by hand, with no rounding.

The strength of the correction is set by the balance window the caller counts
loads over: a long window builds large gaps and a strong pull toward balance.

Algorithm
---------
Inputs: ``seed`` (at least 16 bytes), ``purpose`` (non-empty text naming the
case and what is designated), ``candidates`` (distinct keys, loads >= 0).
Keys and purpose may not contain control characters (Unicode category Cc) or
lone surrogates, so the JSON below needs no escapes except ``\\"`` and ``\\\\``
and every JSON library writes the same bytes.

1. Sort the candidates by key, in code-point order (the same as UTF-8 byte order).
2. Compute the weights above; ``total`` is their sum (at most 2**256).
3. ``k`` is the bit length of ``total - 1`` (0 when ``total`` is 1).
4. For ``counter`` = 0, 1, 2, ...:

   - ``message`` is the UTF-8 encoding of the JSON text
     ``{"candidates":[{"key":K,"load":L},...],"counter":N,"purpose":P}``,
     candidates in the order of step 1, object keys exactly in this order, no
     whitespace, non-ASCII characters written as themselves, integers in decimal;
   - ``block = HMAC-SHA256(key=seed, msg=message)``, 32 bytes;
   - ``x`` is the first ``k`` bits of ``block``: ``int.from_bytes(block, "big") >> (256 - k)``;
   - if ``x < total``, the ticket is ``x`` and ``rounds = counter + 1``; stop.
     Otherwise try the next counter.

5. The chosen candidate is the first, in the order of step 1, whose running sum
   of weights exceeds the ticket.

``x`` is uniform over ``[0, 2**k)``; keeping only values below ``total`` makes
the ticket exactly uniform over ``[0, total)`` (no modulo bias), and since
``2**k < 2 * total`` each round is accepted with probability above one half.
"""

from __future__ import annotations

import hashlib
import hmac
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from fapai.domain.audit.chain import canonical

ALGORITHM = "fapai-lottery/1"
MIN_SEED_BYTES = 16
_BLOCK_BITS = 256  # one HMAC-SHA256 output


@dataclass(frozen=True, slots=True)
class Candidate:
    """One platform or institution that may be designated, with its recent workload."""

    key: str
    load: int  # entrustments in the balance window, >= 0


@dataclass(frozen=True, slots=True)
class Draw:
    """A draw's result with everything needed to explain it."""

    chosen: str
    weights: tuple[tuple[str, int], ...]  # (key, weight), sorted by key
    total: int
    ticket: int  # in [0, total); picked ``chosen``
    rounds: int  # HMAC blocks consumed by rejection sampling


def commitment(seed: bytes) -> str:
    """SHA-256 of the seed, hex: published before the draw so the seed cannot be swapped."""
    _check_seed(seed)
    return hashlib.sha256(seed).hexdigest()


def weights(candidates: Sequence[Candidate]) -> tuple[tuple[str, int], ...]:
    """Each candidate's tickets, ``max_load - load + 1``, sorted by key."""
    ordered = _ordered(candidates)
    top = max(c.load for c in ordered)
    return tuple((c.key, top - c.load + 1) for c in ordered)


def hmac_message(purpose: str, candidates: Sequence[Candidate], counter: int) -> bytes:
    """The exact bytes HMAC-SHA256 signs in round ``counter`` (step 4), for re-implementers."""
    check_text(purpose, "purpose")
    if isinstance(counter, bool) or not isinstance(counter, int) or counter < 0:
        raise ValueError(f"counter must be an integer >= 0, got {counter!r}")
    return _message(purpose, _ordered(candidates), counter)


def draw(seed: bytes, purpose: str, candidates: Sequence[Candidate]) -> Draw:
    """Designate one candidate from the seed; the same inputs always give the same draw."""
    _check_seed(seed)
    check_text(purpose, "purpose")
    ordered = _ordered(candidates)
    table = weights(ordered)
    total = sum(weight for _, weight in table)
    if total > 1 << _BLOCK_BITS:
        raise ValueError(f"the weights add up to more than 2**{_BLOCK_BITS}")
    shift = _BLOCK_BITS - (total - 1).bit_length()
    counter = 0
    while True:
        block = hmac.new(seed, _message(purpose, ordered, counter), hashlib.sha256).digest()
        counter += 1
        ticket = int.from_bytes(block, "big") >> shift
        if ticket < total:
            break
    return Draw(_pick(table, ticket), table, total, ticket, counter)


def check_text(text: str, what: str) -> None:
    """Refuse text the algorithm does not accept as a key or purpose (see the module docstring)."""
    if not isinstance(text, str) or not text:
        raise ValueError(f"{what} must be a non-empty string, got {text!r}")
    for ch in text:
        if unicodedata.category(ch) in ("Cc", "Cs"):
            raise ValueError(
                f"{what} {text!r} contains U+{ord(ch):04X}, a control character or lone surrogate"
            )


def _message(purpose: str, ordered: Sequence[Candidate], counter: int) -> bytes:
    listed = [{"key": c.key, "load": c.load} for c in ordered]
    return canonical({"candidates": listed, "counter": counter, "purpose": purpose}).encode()


def _pick(table: Sequence[tuple[str, int]], ticket: int) -> str:
    running = 0
    for key, weight in table:
        running += weight
        if ticket < running:
            return key
    raise ValueError(f"ticket {ticket} is not below the total weight {running}")


def _ordered(candidates: Sequence[Candidate]) -> list[Candidate]:
    if not candidates:
        raise ValueError("there must be at least one candidate")
    seen: set[str] = set()
    for c in candidates:
        check_text(c.key, "candidate key")
        if c.key in seen:
            raise ValueError(f"candidate key {c.key!r} appears more than once")
        seen.add(c.key)
        if isinstance(c.load, bool) or not isinstance(c.load, int):
            raise ValueError(f"candidate {c.key!r}: load must be an integer, got {c.load!r}")
        if c.load < 0:
            raise ValueError(f"candidate {c.key!r}: load must be >= 0, got {c.load}")
    return sorted(candidates, key=lambda c: c.key)


def _check_seed(seed: bytes) -> None:
    if not isinstance(seed, bytes):
        raise ValueError(f"the seed must be bytes, got {type(seed).__name__}")
    if len(seed) < MIN_SEED_BYTES:
        raise ValueError(f"the seed must be at least {MIN_SEED_BYTES} bytes, got {len(seed)}")
