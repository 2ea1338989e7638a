"""The statutory numbers of a disposal, each checked with a message that cites it.

Every check returns ``None`` when the rule holds, or a ``Refusal`` whose two
sentences name the rule and its article, so a court user sees why and where
the law says so. Amounts are fen; lead times and deadlines are counted by CPL
Art 85 (``period_end``): "at least N days before D" holds when D is on or after
the end of an N-day period starting on the earlier day; "within N days of S"
holds when the act is on or before the end of the N-day period from S.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from fapai.domain.calendar import WorkCalendar, period_end
from fapai.domain.numerals import format_cny
from fapai.domain.rules import (
    DISPOSAL,
    EARLIEST_YEAR,
    LATEST_YEAR,
    MAXIMUM_BIDDING_PERIOD,
    MINIMUM_BIDDING_PERIOD,
    DisposalRules,
)

OJA = "《网络司法拍卖规定》"
REF = "《确定财产处置参考价规定》"
ASR = "《拍卖变卖财产规定》"


@dataclass(frozen=True, slots=True)
class Refusal:
    code: str
    zh: str
    en: str


def _at_least(amount: int, base: int, percent: int) -> bool:
    return amount * 100 >= base * percent


def first_start_price(
    start: int, reference: int, rules: DisposalRules = DISPOSAL
) -> Refusal | None:
    pct = rules.first_start_min_percent
    if _at_least(start, reference, pct):
        return None
    return Refusal(
        "start_below_reference",
        f"起拍价不得低于参考价（评估价）的{pct}%，即不得低于"
        f"{format_cny(_ceil_percent(reference, pct))}（{OJA}第十条）。",
        f"The starting price must be at least {pct}% of the reference price, "
        f"{format_cny(_ceil_percent(reference, pct))} (OJA Art 10).",
    )


def second_start_price(start: int, first: int, rules: DisposalRules = DISPOSAL) -> Refusal | None:
    pct = rules.second_start_min_percent
    if _at_least(start, first, pct):
        return None
    return Refusal(
        "second_start_too_low",
        f"再次拍卖的起拍价降价幅度不得超过前次起拍价的{100 - pct}%，即不得低于"
        f"{format_cny(_ceil_percent(first, pct))}（{OJA}第二十六条）。",
        f"The second auction's starting price may be at most {100 - pct}% below the first, "
        f"so at least {format_cny(_ceil_percent(first, pct))} (OJA Art 26).",
    )


def deposit(amount: int, start: int, rules: DisposalRules = DISPOSAL) -> Refusal | None:
    low, high = rules.deposit_min_percent, rules.deposit_max_percent
    if start * low <= amount * 100 <= start * high:
        return None
    return Refusal(
        "deposit_out_of_range",
        f"保证金须为起拍价的{low}%至{high}%（{OJA}第十七条）。",
        f"The deposit must be {low}% to {high}% of the starting price (OJA Art 17).",
    )


def bidding_window(starts_at: datetime, ends_at: datetime) -> Refusal | None:
    if not EARLIEST_YEAR <= starts_at.year <= ends_at.year <= LATEST_YEAR:
        return Refusal(
            "date_out_of_range",
            f"竞价时间须在 {EARLIEST_YEAR} 年至 {LATEST_YEAR} 年之间。",
            f"Bidding times must fall between {EARLIEST_YEAR} and {LATEST_YEAR}.",
        )
    if ends_at - starts_at > MAXIMUM_BIDDING_PERIOD:
        return Refusal(
            "bidding_period_too_long", "竞价时间不得超过一年。",
            "The bidding period may not be longer than a year.",
        )  # fmt: skip
    if ends_at - starts_at >= MINIMUM_BIDDING_PERIOD:
        return None
    return Refusal(
        "bidding_period_too_short",
        f"竞价时间不得少于二十四小时（{OJA}第二十条）。",
        "The bidding period must be at least 24 hours (OJA Art 20).",
    )


def positive_prices(start: int, increment: int) -> Refusal | None:
    if start > 0 and increment > 0:
        return None
    return Refusal(
        "invalid_price",
        "起拍价和加价幅度须为正数。",
        "Starting price and increment must be positive.",
    )


def announcement_lead_days(
    property_type: str, round_: int, kind: str, rules: DisposalRules = DISPOSAL
) -> tuple[int, str, str]:
    """Days the announcement must precede bidding, and the article (zh, en)."""
    movable = property_type == "movable"
    if kind == "sale":  # OJA Art 37(1): the provisions apply to 变卖, Art 26's days at least
        if movable:
            return (
                rules.sale_lead_days_movable,
                f"{OJA}第三十七条、第二十六条",
                "OJA Arts 37(1), 26",
            )
        return (
            rules.sale_lead_days_immovable,
            f"变卖规则；{OJA}第三十七条",
            "the 2017 SPC notice; OJA Art 37(1)",
        )
    if round_ >= 2:
        days = rules.relead_days_movable if movable else rules.relead_days_immovable
        return days, f"{OJA}第二十六条", "OJA Art 26"
    days = rules.lead_days_movable if movable else rules.lead_days_immovable
    return days, f"{OJA}第十二条", "OJA Art 12"


def announcement_lead(
    calendar: WorkCalendar,
    announced_on: date,
    starts_on: date,
    property_type: str,
    round_: int,
    kind: str,
    rules: DisposalRules = DISPOSAL,
) -> Refusal | None:
    days, article_zh, article_en = announcement_lead_days(property_type, round_, kind, rules)
    earliest = period_end(calendar, announced_on, days)
    if starts_on >= earliest:
        return None
    what = "动产" if property_type == "movable" else "不动产或其他财产权"
    return Refusal(
        "announcement_too_late",
        f"{what}的拍卖公告须在竞价开始{days}日前发布，{announced_on.isoformat()}发布的公告，"
        f"竞价最早于{earliest.isoformat()}开始（{article_zh}；期间按《民事诉讼法》第八十五条计算）。",
        f"The announcement must precede bidding by {days} days: announced on "
        f"{announced_on.isoformat()}, bidding may start on {earliest.isoformat()} at the "
        f"earliest ({article_en}; days counted by CPL Art 85).",
    )


def notices_served(
    calendar: WorkCalendar,
    served_on: list[date],
    announced_on: date,
    rules: DisposalRules = DISPOSAL,
) -> Refusal | None:
    """Every party and known holder must be served ≥ 3 days before the announcement."""
    if not served_on:
        return Refusal(
            "notices_missing",
            f"发布拍卖公告前须通知当事人和已知的优先购买权人（{OJA}第十六条）。",
            "Notify the parties and known preemptive-right holders before the "
            "announcement (OJA Art 16).",
        )
    latest = max(served_on)
    earliest = period_end(calendar, latest, rules.notice_days)
    if announced_on >= earliest:
        return None
    return Refusal(
        "notice_too_late",
        f"拍卖公告须在通知送达{rules.notice_days}日后发布：最后一份通知于"
        f"{latest.isoformat()}送达，公告最早于{earliest.isoformat()}发布（{OJA}第十六条）。",
        f"The announcement must come {rules.notice_days} days after the notices are served: "
        f"the last was served on {latest.isoformat()}, so the announcement may be published "
        f"on {earliest.isoformat()} at the earliest (OJA Art 16).",
    )


def leader_approval(kind: str, approved: bool) -> Refusal | None:
    """Shanghai item 5: online auction first; another method (here the 变卖) only with the
    approval of the court leader in charge of enforcement."""
    if kind != "sale" or approved:
        return None
    return Refusal(
        "sale_unapproved",
        "以拍卖以外的方式（变卖）处置财产，须经分管执行工作的院领导批准（《上海高院网络司法拍卖实施细则》第五条）。",
        "Disposal by a method other than online auction (the 变卖) needs the approval of "
        "the court leader in charge of enforcement (Shanghai item 5).",
    )


def claims_not_yet_met(
    enforcement_amount: int | None, realised: int, debtor_consents: bool
) -> Refusal | None:
    """ASR Art 14: once what other items of the case sold for pays the debt and the costs
    the debtor bears, the rest of its property is not auctioned, unless the debtor agrees
    to selling all of it. A case with no enforcement amount on record is not checked."""
    if enforcement_amount is None or realised < enforcement_amount or debtor_consents:
        return None
    return Refusal(
        "claims_already_met",
        f"本案已处置财产所得 {format_cny(realised)} 已足以清偿执行标的额 "
        f"{format_cny(enforcement_amount)}，剩余财产应停止拍卖，被执行人同意全部拍卖的除外"
        "（《最高人民法院关于人民法院民事执行中拍卖、变卖财产的规定》第十四条）。",
        f"What the case's other items sold for ({format_cny(realised)}) already pays the "
        f"enforcement amount ({format_cny(enforcement_amount)}): the rest is not auctioned "
        "unless the debtor agrees to selling all (ASR Art 14).",
    )


def reference_valid(
    valid_until: date, announced_on: date, starts_on: date, first_round: bool,
    rules: DisposalRules = DISPOSAL,
) -> Refusal | None:  # fmt: skip
    """REF Art 27: the first announcement within the validity, the sale at most six
    months after it expired."""
    if first_round and announced_on > valid_until:
        return Refusal(
            "reference_expired",
            f"参考价已于{valid_until.isoformat()}超过有效期，须重新确定参考价（{REF}第二十七条）。",
            f"The reference price expired on {valid_until.isoformat()}; set it again (REF Art 27).",
        )
    grace = add_months(valid_until, rules.reference_grace_months)
    if starts_on > grace:
        return Refusal(
            "reference_expired",
            f"拍卖须在参考价有效期届满后{rules.reference_grace_months}个月内进行（至"
            f"{grace.isoformat()}），须重新确定参考价（{REF}第二十七条）。",
            f"The sale must take place within {rules.reference_grace_months} months after "
            f"the reference price expired (by {grace.isoformat()}) (REF Art 27).",
        )
    return None


def within(
    calendar: WorkCalendar, since: date, done_on: date, days: int,
    code: str, what_zh: str, what_en: str, article_zh: str, article_en: str,
) -> Refusal | None:  # fmt: skip
    """An act that must happen within ``days`` of ``since``."""
    due = period_end(calendar, since, days)
    if done_on <= due:
        return None
    return Refusal(
        code,
        f"{what_zh}须在{since.isoformat()}后{days}日内（至{due.isoformat()}）进行（{article_zh}）。",
        f"{what_en} must happen within {days} days of {since.isoformat()}, by "
        f"{due.isoformat()} ({article_en}).",
    )


def direct_price(
    property_type: str, per_piece: int, rules: DisposalRules = DISPOSAL
) -> Refusal | None:
    """Shanghai item 17: without appraisal only movables of low value (≤ CNY 10,000 a
    piece), unless the parties agreed the value in writing (method ``agreed``)."""
    if property_type == "movable" and per_piece <= rules.direct_price_max_per_piece:
        return None
    return Refusal(
        "direct_price_not_allowed",
        "不经评估直接拍卖仅限单件价值一万元以下的动产（《上海高院网络司法拍卖实施细则》第十七条）；"
        "其他财产须经当事人议价、询价或评估确定参考价。",
        "Only movables worth at most CNY 10,000 a piece may be auctioned without appraisal "
        "(Shanghai item 17); otherwise agree, inquire or appraise a reference price.",
    )


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it has fewer days."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def _ceil_percent(base: int, percent: int) -> int:
    return -(-base * percent // 100)
