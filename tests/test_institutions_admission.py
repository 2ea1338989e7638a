from dataclasses import replace
from datetime import date

from fapai.domain.calendar import WeekendCalendar
from fapai.domain.institutions.admission import (
    MIN_REGISTERED_CAPITAL_FEN,
    Application,
    proposed_list_notice_end,
    refusals,
)

GOOD = Application(
    registered_capital_fen=MIN_REGISTERED_CAPITAL_FEN,
    has_internal_rules=True,
    has_premises_and_equipment=True,
    has_experienced_staff=True,
    offers_storage_transport=False,
    has_storage_transport_capacity=False,
    weekly_service_0830_2200=True,
    keeps_full_logs=True,
    court_staff_tie=False,
    on_dishonest_list=False,
    last_conduct_penalty=None,
    criminal_conviction=False,
)
TODAY = date(2026, 12, 4)


def articles(app: Application) -> list[str]:
    return [r.article for r in refusals(app, TODAY)]


def test_an_institution_meeting_art_6_with_no_art_7_bar_is_admissible() -> None:
    assert refusals(GOOD, TODAY) == []


def test_art_6_2_capital_one_fen_short_is_refused() -> None:
    assert articles(replace(GOOD, registered_capital_fen=MIN_REGISTERED_CAPITAL_FEN - 1)) == [
        "Art 6(2)"
    ]


def test_art_6_6_storage_needs_capacity_only_when_offered() -> None:
    assert articles(replace(GOOD, offers_storage_transport=True)) == ["Art 6(6)"]


def test_art_7_exclusions_each_name_their_item() -> None:
    bad = replace(GOOD, court_staff_tie=True, on_dishonest_list=True, criminal_conviction=True)
    assert articles(bad) == ["Art 7(1)", "Art 7(2)", "Art 7(4)"]


def test_art_7_3_penalty_bars_for_six_months_then_lifts() -> None:
    assert articles(replace(GOOD, last_conduct_penalty=date(2026, 6, 5))) == ["Art 7(3)"]
    assert articles(replace(GOOD, last_conduct_penalty=date(2026, 6, 4))) == []


def test_art_9_step_4_notice_counts_five_working_days_skipping_weekends() -> None:
    # Friday 2026-12-04 + Mon-Thu of the next week.
    assert proposed_list_notice_end(WeekendCalendar(), date(2026, 12, 4)) == date(2026, 12, 10)
    # Starting on a Saturday: Mon-Fri.
    assert proposed_list_notice_end(WeekendCalendar(), date(2026, 12, 5)) == date(2026, 12, 11)
