"""Bidder codes (竞买代码, OJA Art 18-19).

A bidder bids under a code drawn at random for each auction, so that a code
says nothing about the person and two auctions' codes cannot be linked. A
confirmed preemptive-right holder gets a priority code that shows its rank
(Art 19: "codes that encode the rank"), and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Container

_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I or O: they read as 1 and 0
_DIGITS = 4
_ATTEMPTS = 1000


def draw_code(
    randbelow: Callable[[int], int], taken: Container[str], preemptive_rank: int | None
) -> str:
    """A fresh code like ``H2515`` (or ``Y1-2515`` for a rank-1 holder) not in ``taken``.

    ``randbelow`` is the caller's random source (a CSPRNG in production), which
    keeps this function deterministic under test.
    """
    for _ in range(_ATTEMPTS):
        digits = f"{randbelow(10**_DIGITS):0{_DIGITS}d}"
        if preemptive_rank is None:
            code = _LETTERS[randbelow(len(_LETTERS))] + digits
        else:
            code = f"Y{preemptive_rank}-{digits}"
        if code not in taken:
            return code
    raise RuntimeError("no free bidder code after many draws")
