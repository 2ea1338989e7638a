"""Checks of the pricing procedure and of a sale that may leave nothing for the
applicant: REF Arts 13, 22 and ASR Art 6, each refusal citing its article."""

from __future__ import annotations

from datetime import date

from fapai.domain.calendar import WorkCalendar, period_end
from fapai.domain.numerals import format_cny
from fapai.domain.workflow.checks import ASR, REF, Refusal

OBJECTION_DAYS = 5  # REF Art 22 (rules.md §4.2): objections within 5 days of receipt


def leaves_nothing(start_price: int, prior_claims: int, costs: int) -> bool:
    """ASR Art 6: at the reserve, nothing is left after the prior claims and the costs."""
    return start_price <= prior_claims + costs


def no_surplus_notice(
    start_price: int, prior_claims: int, costs: int, notified: bool
) -> Refusal | None:
    if not leaves_nothing(start_price, prior_claims, costs) or notified:
        return None
    total = format_cny(prior_claims + costs)
    return Refusal(
        "no_surplus_notice_missing",
        f"起拍价不超过优先债权和强制执行费用合计{total}，拍卖前须通知申请执行人（{ASR}第六条）。",
        f"The starting price does not exceed the prior claims and costs ({total}): "
        "notify the applicant before the sale (ASR Art 6).",
    )


def online_average(results: list[int]) -> int:
    """REF Art 13: the reference price is the average of the platforms' results, in
    whole fen, rounded half up."""
    assert results
    return (2 * sum(results) + len(results)) // (2 * len(results))


def objection_window_end(calendar: WorkCalendar, delivered_on: date) -> date:
    """REF Art 22: the last day a party may object to a report (CPL Art 85 counting)."""
    return period_end(calendar, delivered_on, OBJECTION_DAYS)


def objections_settled(
    calendar: WorkCalendar, delivered_on: date, today: date, pending: int
) -> Refusal | None:
    end = objection_window_end(calendar, delivered_on)
    if today <= end:
        return Refusal(
            "objection_window_open",
            f"当事人可在收到报告之日起五日内（至{end.isoformat()}）提出异议，期满前不得确定参考价"
            f"（{REF}第二十二条）。",
            f"The parties may object to the report until {end.isoformat()}; the price waits "
            "until then (REF Art 22).",
        )
    if pending:
        return Refusal(
            "objections_pending",
            f"对报告的异议尚未处理完毕（{REF}第二十二条、第二十三条）。",
            "Objections to the report are still pending (REF Arts 22-23).",
        )
    return None
