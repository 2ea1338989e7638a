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


@dataclass(frozen=True, slots=True)
class BiddingRules:
    """How one auction's bidding runs.

    ``allow_self_raise`` is not in OJA: the large commercial platforms let the
    leader raise its own bid, and replays of their logs need it (replay spec).
    """

    extension: timedelta = SOFT_CLOSE_EXTENSION
    allow_self_raise: bool = False
