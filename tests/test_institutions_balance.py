"""The institution lottery's balance by load (Shanghai item 13; seed 001's 委托平衡机制):
over 1,000 draws of one lot's purpose, each institution is chosen in proportion to its
tickets, ``max_load - load + 1`` (chi-square against the weights)."""

from __future__ import annotations

import hashlib
from collections import Counter

from fapai.domain.assignment.lottery import Candidate, draw, weights

DRAWS = 1_000
#: chi-square, 2 degrees of freedom, p = 0.001: deterministic seeds, so never flaky
CRITICAL = 13.82


def test_institutions_are_drawn_in_proportion_to_how_little_they_carry() -> None:
    candidates = [
        Candidate("91310000MA00000001", 0),
        Candidate("91310000MA00000002", 2),
        Candidate("91310000MA00000003", 5),
    ]
    table = dict(weights(candidates))
    assert table == {"91310000MA00000001": 6, "91310000MA00000002": 4, "91310000MA00000003": 1}
    total = sum(table.values())
    chosen = Counter(
        draw(
            hashlib.sha256(f"seed {i}".encode()).digest(), "institution:lot:7:1", candidates
        ).chosen
        for i in range(DRAWS)
    )
    statistic = sum(
        (chosen[key] - DRAWS * weight / total) ** 2 / (DRAWS * weight / total)
        for key, weight in table.items()
    )
    assert statistic < CRITICAL, (chosen, statistic)
    assert (
        chosen["91310000MA00000001"] > chosen["91310000MA00000002"] > chosen["91310000MA00000003"]
    )
