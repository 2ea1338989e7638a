"""The pure rules of the Art 9 round's order and of removal: the report within 3 working
days (Art 25), the ban's term to the day (Art 26; Shanghai item 23), the coded grounds."""

from __future__ import annotations

from datetime import date

import pytest

from fapai.adapters.holidays import StatutoryCalendar
from fapai.domain.institutions.procedure import STEPS, filing_due, next_step
from fapai.domain.institutions.removal import GROUNDS, ban_ends, report_due, unknown_grounds

CALENDAR = StatutoryCalendar()


@pytest.mark.parametrize(
    ("removed", "due"),
    [
        (date(2026, 12, 4), date(2026, 12, 9)),  # a Friday: Mon, Tue, Wed
        (date(2026, 9, 30), date(2026, 10, 10)),  # Golden Week; Sat 10-10 is a working day
        (date(2026, 10, 1), date(2026, 10, 10)),
    ],
)
def test_a_removal_is_reported_within_3_working_days_art_25(removed: date, due: date) -> None:
    assert report_due(CALENDAR, removed) == due


def test_the_ban_runs_to_the_day_5_or_3_years_art_26_shanghai_item_23() -> None:
    assert ban_ends(date(2026, 12, 4), 5) == date(2031, 12, 4)
    assert ban_ends(date(2026, 12, 4), 3) == date(2029, 12, 4)
    assert ban_ends(date(2028, 2, 29), 5) == date(2033, 2, 28)
    with pytest.raises(ValueError, match="ban term"):
        ban_ends(date(2026, 12, 4), 4)


def test_every_state_of_the_round_moves_only_to_the_next_art_9() -> None:
    for i, current in enumerate(STEPS):
        for j, wanted in enumerate(STEPS):
            allowed = j == i + 1 or current == wanted == "applications"
            assert (next_step(current, wanted) is None) is allowed, (current, wanted)


def test_filing_is_due_5_days_after_the_decision_art_9_6() -> None:
    assert filing_due(CALENDAR, date(2026, 12, 1)) == date(2026, 12, 7)  # Sun 12-06 rolls
    assert filing_due(CALENDAR, date(2026, 9, 28)) == date(2026, 10, 8)  # past Golden Week


def test_the_grounds_are_the_19_of_art_23_and_the_5_of_shanghai_item_23() -> None:
    assert len([g for g in GROUNDS if g.startswith("art23_")]) == 19
    assert len([g for g in GROUNDS if g.startswith("sh23_")]) == 5
    assert unknown_grounds(["art23_11", "art23_20"]) == ["art23_20"]
    assert unknown_grounds([]) == ["(none)"]
