"""The enforcement-fee schedule (FEE Art 14(1)) at every tranche boundary, and the bound
it puts on auxiliary institutions' fees (seed 003, CITY Art 18)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fapai.domain.ledger.fees import auxiliary_fee_cap, enforcement_fee

YUAN = 100


@pytest.mark.parametrize(
    ("amount", "fee"),
    [
        (0, 50 * YUAN),  # FEE Art 14(1): up to 10,000 yuan, 50 yuan a case
        (10_000 * YUAN, 50 * YUAN),
        (10_000 * YUAN + 100, 50 * YUAN + 1),  # 1.5 % of the first yuan above: 1.5 fen -> 1
        (300_000 * YUAN, 4_400 * YUAN),  # rules.md §3's worked examples
        (500_000 * YUAN, 7_400 * YUAN),
        (500_000 * YUAN + 100, 7_400 * YUAN + 1),  # 1 % above 500,000
        (700_000 * YUAN, 9_400 * YUAN),
        (2_000_000 * YUAN, 22_400 * YUAN),
        (5_000_000 * YUAN, 52_400 * YUAN),
        (5_000_000 * YUAN + 200, 52_400 * YUAN + 1),  # 0.5 % above 5,000,000
        (8_000_000 * YUAN, 67_400 * YUAN),
        (10_000_000 * YUAN, 77_400 * YUAN),
        (10_000_000 * YUAN + 1000, 77_400 * YUAN + 1),  # 0.1 % above 10,000,000
        (20_000_000 * YUAN, 87_400 * YUAN),
    ],
)
def test_enforcement_fee_by_tranche(amount: int, fee: int) -> None:
    """FEE Art 14(1), cumulative by tranche (分段累计), in whole fen rounded down."""
    assert enforcement_fee(amount) == fee


def test_enforcement_fee_refuses_a_negative_amount() -> None:
    with pytest.raises(ValueError, match="never negative"):
        enforcement_fee(-1)


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=1, max_value=10**6))
def test_enforcement_fee_never_falls_as_the_amount_grows(amount: int, more: int) -> None:
    assert enforcement_fee(amount) <= enforcement_fee(amount + more)


@pytest.mark.parametrize(
    ("price", "charged", "cap"),
    [
        (700_000 * YUAN, 0, 9_400 * YUAN),  # the schedule is the bound
        (4_000_000 * YUAN, 0, 42_400 * YUAN),
        (8_000_000 * YUAN, 0, 50_000 * YUAN),  # CITY Art 18: 50,000 per item
        (8_000_000 * YUAN, 60_000 * YUAN, 40_000 * YUAN),  # 100,000 per case
        (8_000_000 * YUAN, 100_000 * YUAN, 0),
    ],
)
def test_auxiliary_fee_cap(price: int, charged: int, cap: int) -> None:
    assert auxiliary_fee_cap(price, charged) == cap
