"""Who may join the auxiliary-institution database, and when its notice ends.

An application is refused with the article it fails, so the review record
(Art 9 step 3) says why; conditions are Art 6, exclusions Art 7 (rules.md §6.2).
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date

from fapai.domain.calendar import ONE_DAY, WorkCalendar, working_days_after

#: Art 6 item 2: registered capital of at least CNY 5 million, in fen.
MIN_REGISTERED_CAPITAL_FEN = 5_000_000 * 100

#: Art 7 item 3: a conduct penalty bars the institution for six months.
PENALTY_BAR_MONTHS = 6

#: Art 9 step 4: the proposed list is on public notice for 5 working days.
PROPOSED_LIST_WORKING_DAYS = 5


@dataclass(frozen=True, slots=True)
class Application:
    """What the applicant declares and the bureau checks (Arts 6-7)."""

    registered_capital_fen: int
    has_internal_rules: bool
    has_premises_and_equipment: bool
    has_experienced_staff: bool
    offers_storage_transport: bool
    has_storage_transport_capacity: bool
    weekly_service_0830_2200: bool
    keeps_full_logs: bool
    court_staff_tie: bool
    on_dishonest_list: bool
    last_conduct_penalty: date | None
    criminal_conviction: bool


@dataclass(frozen=True, slots=True)
class Refusal:
    article: str
    reason: str


def months_later(day: date, months: int) -> date:
    """The same day ``months`` later, or that month's last day when it has none."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def refusals(app: Application, today: date) -> list[Refusal]:
    """Every Art 6 condition unmet and Art 7 exclusion met; empty means admissible."""
    checks = [
        (
            app.registered_capital_fen < MIN_REGISTERED_CAPITAL_FEN,
            "Art 6(2)",
            "registered capital below CNY 5 million",
        ),
        (not app.has_internal_rules, "Art 6(3)", "no sound internal rules"),
        (not app.has_premises_and_equipment, "Art 6(4)", "no fixed premises and equipment"),
        (not app.has_experienced_staff, "Art 6(5)", "no fixed, experienced staff"),
        (
            app.offers_storage_transport and not app.has_storage_transport_capacity,
            "Art 6(6)",
            "offers storage and transport without the capacity",
        ),
        (not app.weekly_service_0830_2200, "Art 6(7)", "no online service 08:30-22:00 every day"),
        (
            not app.keeps_full_logs,
            "Art 6(8)",
            "no full logs of visits, calls, viewings and deliveries",
        ),
        (
            app.court_staff_tie,
            "Art 7(1)",
            "court staff (incl. retired) or close relatives hold a controlling role",
        ),
        (app.on_dishonest_list, "Art 7(2)", "on the dishonest-debtor list"),
        (
            app.last_conduct_penalty is not None
            and today < months_later(app.last_conduct_penalty, PENALTY_BAR_MONTHS),
            "Art 7(3)",
            "conduct penalty less than 6 months ago",
        ),
        (app.criminal_conviction, "Art 7(4)", "criminal conviction"),
    ]
    return [Refusal(article, reason) for failed, article, reason in checks if failed]


def proposed_list_notice_end(calendar: WorkCalendar, first_day: date) -> date:
    """Last day of the Art 9 step 4 notice: 5 working days counting ``first_day`` if it works.

    The measure counts 工作日 itself, so rest days are skipped rather than rolled
    only at the end as CPL Art 85 does for calendar-day periods.
    """
    return working_days_after(calendar, first_day - ONE_DAY, PROPOSED_LIST_WORKING_DAYS)
