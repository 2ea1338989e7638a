"""The enforcement-fee schedule and the bound it puts on auxiliary institutions' fees.

FEE Art 14(1) (诉讼费用交纳办法) charges an enforcement application fee by tranche of
the enforced amount, each tranche at its own rate (分段累计). The seed city measure
(seed 003, CITY Art 18) lets a court charge auxiliary institutions' fees on the sale
price at a rate no higher than this schedule, and never more than CNY 50,000 for one
item or CNY 100,000 for one case. Amounts are whole fen; fractions of a fen are cut,
since the result is a ceiling that must never be exceeded.
"""

from __future__ import annotations

YUAN = 100

# (upper bound of the tranche in fen, rate as parts per 1,000): FEE Art 14(1).
FEE_TRANCHES: tuple[tuple[int | None, int], ...] = (
    (500_000 * YUAN, 15),
    (5_000_000 * YUAN, 10),
    (10_000_000 * YUAN, 5),
    (None, 1),
)
FLAT_UP_TO = 10_000 * YUAN  # up to 10,000 yuan: a flat 50 yuan per case
FLAT_FEE = 50 * YUAN

ITEM_CAP = 50_000 * YUAN  # CITY Art 18: per item (单件标的)
CASE_CAP = 100_000 * YUAN  # CITY Art 18: per case (单宗案件)


def enforcement_fee(amount: int) -> int:
    """FEE Art 14(1): the enforcement fee on an enforced ``amount`` (fen), in fen.

    50 yuan up to 10,000; then 1.5 % of the part to 500,000, 1 % to 5,000,000,
    0.5 % to 10,000,000 and 0.1 % above. An enforcement with no amount (50-500 yuan
    per case) is the court's decision, not this schedule's.
    """
    if amount < 0:
        raise ValueError("an enforced amount is never negative")
    fee_thousandths = FLAT_FEE * 1000
    lower = FLAT_UP_TO
    for upper, rate in FEE_TRANCHES:
        if amount <= lower:
            break
        part = (amount if upper is None else min(amount, upper)) - lower
        fee_thousandths += part * rate
        if upper is None:
            break
        lower = upper
    return fee_thousandths // 1000


def auxiliary_fee_cap(
    price: int, charged_in_case: int, court_rate_per_mille: int | None = None
) -> int:
    """CITY Art 18: the most an item sold at ``price`` may pay auxiliary institutions,
    when other items of the same case were already charged ``charged_in_case``. A court
    may set its own standard, a rate on the price (parts per 1,000): it can only lower
    the bound, never raise it above the schedule and the caps."""
    cap = min(enforcement_fee(price), ITEM_CAP, CASE_CAP - charged_in_case)
    if court_rate_per_mille is not None:
        cap = min(cap, price * court_rate_per_mille // 1000)
    return max(cap, 0)


MAX_COURT_RATE_PER_MILLE = 15  # the schedule's highest rate: a court's own is not above it
