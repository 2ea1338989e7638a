"""An auxiliary institution's fee for one lot, with its computation (seed 003 Arts 18-21,
Shanghai item 15).

The fee is computed on the sale price, or on the in-lieu amount, by the enforcement-fee
schedule (FEE Art 14(1), ``domain/ledger/fees.py``), capped at CNY 50,000 an item and at
what is left of CNY 100,000 for the case, and at the court's own published rate where
that is lower. The computation is kept whole, so the ledger's transaction and the court's
page show how the amount came about. When the applicant withdraws, the court may approve
the reasonable actual costs instead (Art 20), bounded the same way. Payment is due
within 10 working days after the court confirms the work complete (Art 21).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from fapai.domain.calendar import WorkCalendar, working_days_after
from fapai.domain.ledger.fees import CASE_CAP, ITEM_CAP, auxiliary_fee_cap, enforcement_fee
from fapai.domain.numerals import format_cny

#: Art 21: the fee is paid within this many working days after completion is confirmed.
PAYMENT_WORKING_DAYS = 10

#: Who bears the fee (Arts 18-20): the debtor out of the proceeds; the creditor who takes
#: the property in lieu, outside the offset; the applicant who withdrew, its costs.
PAYERS = ("debtor", "creditor", "applicant")


@dataclass(frozen=True, slots=True)
class FeeComputation:
    """How one lot's fee (or costs' bound) came about, every amount in fen."""

    base: int  # the sale price or the in-lieu amount (Art 18)
    schedule: int  # FEE Art 14(1) on the base
    item_cap: int  # CNY 50,000
    case_left: int  # CNY 100,000 less what the case's other items were charged
    court_rate_per_mille: int | None  # the court's own standard, if any
    by_court_rate: int | None  # the base at that rate
    bound: int  # the least of the above
    amount: int  # the fee (= bound), or the approved costs (<= bound)

    def memo(self, payer: str) -> str:
        """One line for the ledger transaction (at most 300 characters)."""
        rate = (
            f"; court {self.court_rate_per_mille}/1000 = {format_cny(self.by_court_rate or 0)}"
            if self.court_rate_per_mille is not None
            else ""
        )
        return (
            f"seed 003 Art 18, paid by the {payer}: FEE Art 14 on {format_cny(self.base)} = "
            f"{format_cny(self.schedule)}; item cap {format_cny(self.item_cap)}; case left "
            f"{format_cny(self.case_left)}{rate}; fee {format_cny(self.amount)}"
        )[:300]

    def as_dict(self) -> dict[str, int | None]:
        return asdict(self)


def compute(
    base: int, charged_in_case: int, court_rate_per_mille: int | None = None
) -> FeeComputation:
    """Art 18: the fee on ``base`` when the case's other items were charged
    ``charged_in_case``; never negative, never above any of the bounds."""
    if base < 0 or charged_in_case < 0:
        raise ValueError("a base or a charge is never negative")
    schedule = enforcement_fee(base)
    case_left = max(CASE_CAP - charged_in_case, 0)
    by_rate = None if court_rate_per_mille is None else base * court_rate_per_mille // 1000
    bound = auxiliary_fee_cap(base, charged_in_case, court_rate_per_mille)
    return FeeComputation(
        base, schedule, ITEM_CAP, case_left, court_rate_per_mille, by_rate, bound, bound
    )


def costs(computed: FeeComputation, amount: int) -> FeeComputation | None:
    """Art 20: reasonable actual costs the court approves when the applicant withdraws,
    within the bound of a fee on the same base; None when above it."""
    if not 0 < amount <= computed.bound:
        return None
    return FeeComputation(
        computed.base, computed.schedule, computed.item_cap, computed.case_left,
        computed.court_rate_per_mille, computed.by_court_rate, computed.bound, amount,
    )  # fmt: skip


def payment_due(calendar: WorkCalendar, confirmed_on: date) -> date:
    """Art 21: the 10th working day after the court confirmed the work complete, the
    day of confirmation not counted (statutory calendar: Golden Week and 调休)."""
    return working_days_after(calendar, confirmed_on, PAYMENT_WORKING_DAYS)
