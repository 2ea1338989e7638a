"""The legal parameters the engine enforces, each citing its source.

Article references point at ``shared/rules.md`` (OJA = 法释〔2016〕18号,
最高人民法院关于人民法院网络司法拍卖若干问题的规定).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

#: OJA Art 20 (rules.md §1.8, §8 #18): a bid in the last five minutes moves
#: the end to that bid's time plus five minutes, with no cap on repeats.
SOFT_CLOSE_EXTENSION = timedelta(minutes=5)

#: OJA Art 20 (rules.md §8 #17): the bidding period lasts at least 24 hours.
MINIMUM_BIDDING_PERIOD = timedelta(hours=24)

#: Not a rule of law but a bound on input (issue 14): no round is set to bid for more
#: than a year, and every time a court enters falls within these years, so that no
#: computed time (an extension, a deadline, a page's countdown) leaves the calendar.
MAXIMUM_BIDDING_PERIOD = timedelta(days=366)
EARLIEST_YEAR, LATEST_YEAR = 2000, 2099


@dataclass(frozen=True, slots=True)
class BiddingRules:
    """How one auction's bidding runs.

    ``allow_self_raise`` is not in OJA: the large commercial platforms let the
    leader raise its own bid, and replays of their logs need it (replay spec).
    """

    extension: timedelta = SOFT_CLOSE_EXTENSION
    allow_self_raise: bool = False


@dataclass(frozen=True, slots=True)
class DisposalRules:
    """The numbers of a case's disposal, each with its source in ``shared/rules.md``.

    Percentages are whole numbers so that every comparison stays in integers.
    Day counts are counted by CPL Art 85 (``domain/calendar.py``).
    """

    first_start_min_percent: int = 70  # OJA Art 10 (§8 #3): ≥ 70% of the reference price
    second_start_min_percent: int = 80  # OJA Art 26 (§8 #4): cut ≤ 20% of the previous start
    deposit_min_percent: int = 5  # OJA Art 17 (§8 #12)
    deposit_max_percent: int = 20
    lead_days_movable: int = 15  # OJA Art 12 (§8 #5): announcement before bidding
    lead_days_immovable: int = 30  # OJA Art 12 (§8 #6): real estate and other rights
    relead_days_movable: int = 7  # OJA Art 26 (§8 #7): second auction
    relead_days_immovable: int = 15  # OJA Art 26 (§8 #8)
    notice_days: int = 3  # OJA Art 16 (§8 #10): notices ≥ 3 days before the announcement
    deemed_served_days: int = 5  # OJA Art 16 (§8 #11): published notice deemed served
    reauction_within_days: int = 30  # OJA Art 26 (§8 #9)
    resume_within_days: int = 5  # OJA Art 28 (§8 #22)
    reference_valid_months: int = 12  # REF Art 27 (§8 #59): one year, to the same day
    reference_grace_months: int = 6  # REF Art 27: the sale ≤ 6 months after expiry
    disposal_within_days: int = 10  # REF Art 30 (§8 #61): start disposal after the price
    ruling_within_days: int = 10  # ASR Art 20 (§8 #35): sale ruling after full payment
    delivery_within_days: int = 15  # ASR Art 27 (§8 #39): handover after the ruling
    sale_notice_within_days: int = 15  # 2017 SPC notice (§8 #42): 变卖 after a failed 2nd round
    sale_period_days: int = 60  # 2017 SPC notice (§8 #43)
    sale_lead_days_immovable: int = 15  # 2017 SPC notice (§8 #44); OJA Arts 26, 37(1)
    sale_lead_days_movable: int = 7  # OJA Art 37(1) applying Art 26 (the 2017 notice is silent)
    sale_countdown: timedelta = timedelta(hours=24)  # 2017 SPC notice (§8 #43)
    direct_price_max_per_piece: int = 1_000_000  # Shanghai item 17 (§8 #68): CNY 10,000


DISPOSAL = DisposalRules()
