"""Objections to an auction: who may file, until when, their clocks and what an upheld
ruling may revoke (CPL Arts 85, 236, 238; OBJ Arts 2, 5, 6, 21; rules.md §4.6).

Clocks are checked on the official calendar around National Day 2025, whose 调休
Sundays (09-28) and Saturdays (10-11) are working days, so both rolls are exercised.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from fapai.adapters.holidays import StatutoryCalendar
from fapai.domain.beijing_time import BEIJING
from fapai.domain.calendar import WeekendCalendar
from fapai.domain.remedies.clocks import (
    CLOCK_LABELS,
    CLOCK_RULES,
    Clock,
    after_ruling_clock,
    clock_deadline,
    is_overdue,
)
from fapai.domain.remedies.objections import (
    EnforcementState,
    ObjectionKind,
    ObjectionRefused,
    Standing,
    check_filing,
)
from fapai.domain.remedies.rulings import OBJECTION_REVOKE_GROUNDS, Outcome, check_ruling

OFFICIAL = StatutoryCalendar()
RUNNING = EnforcementState(procedure_ended=False, property_enforcement_ended=False)
ACT = ObjectionKind.EXECUTION_ACT
THIRD = ObjectionKind.THIRD_PARTY


def bj(day: str, hour: int = 10) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=BEIJING)


@pytest.mark.parametrize(
    ("kind", "standing"),
    [
        (ACT, Standing.PARTY),
        (ACT, Standing.EXCLUDED_BIDDER),  # OBJ Art 5(2)
        (ACT, Standing.PREEMPTIVE_HOLDER),  # OBJ Art 5(3)
        (THIRD, Standing.PROPERTY_CLAIMANT),  # CPL Art 238
    ],
)
def test_filers_with_standing_may_file(kind: ObjectionKind, standing: Standing) -> None:
    check_filing(kind, standing, "the lot was announced for only 5 days", RUNNING)


@pytest.mark.parametrize(
    ("kind", "standing", "article"),
    [
        (ACT, Standing.PROPERTY_CLAIMANT, "CPL Art 236; OBJ Art 5"),
        (THIRD, Standing.PARTY, "CPL Art 238"),
        (THIRD, Standing.EXCLUDED_BIDDER, "CPL Art 238"),
    ],
)
def test_a_filer_without_standing_is_refused(
    kind: ObjectionKind, standing: Standing, article: str
) -> None:
    with pytest.raises(ObjectionRefused) as refused:
        check_filing(kind, standing, "grounds", RUNNING)
    assert (refused.value.code, refused.value.article) == ("no_standing", article)


def test_an_objection_without_grounds_is_refused() -> None:
    with pytest.raises(ObjectionRefused) as refused:
        check_filing(ACT, Standing.PARTY, "  \n", RUNNING)
    assert refused.value.code == "no_grounds"


def test_filing_after_the_enforcement_ended_is_refused_citing_obj_art_6() -> None:
    ended = EnforcementState(procedure_ended=True, property_enforcement_ended=True)
    for kind, standing in ((ACT, Standing.PARTY), (THIRD, Standing.PROPERTY_CLAIMANT)):
        with pytest.raises(ObjectionRefused) as refused:
            check_filing(kind, standing, "grounds", ended)
        assert (refused.value.code, refused.value.article) == ("enforcement_ended", "OBJ Art 6")
        assert "OBJ Art 6" in str(refused.value)


def test_each_kind_closes_at_its_own_end_obj_art_6() -> None:
    property_done = EnforcementState(procedure_ended=False, property_enforcement_ended=True)
    check_filing(ACT, Standing.PARTY, "grounds", property_done)
    with pytest.raises(ObjectionRefused):
        check_filing(THIRD, Standing.PROPERTY_CLAIMANT, "grounds", property_done)


def test_the_clocks_run_the_days_the_law_gives() -> None:
    assert {clock: rule.days for clock, rule in CLOCK_RULES.items()} == {
        Clock.DOCKET: 3,
        Clock.NOTICE: 3,
        Clock.COMPLETION: 3,
        Clock.RULING: 15,
        Clock.RECONSIDERATION: 10,
        Clock.SEPARATE_SUIT: 15,
    }


@pytest.mark.parametrize(
    ("clock", "started", "last_day"),
    [
        # 09-29 + 3 = 10-02, in the National Day break: rolls to 10-09 (CPL Art 85).
        (Clock.DOCKET, "2025-09-29", "2025-10-09"),
        # 09-25 + 3 = Sunday 09-28, an adjusted working day (调休): no roll.
        (Clock.NOTICE, "2025-09-25", "2025-09-28"),
        (Clock.COMPLETION, "2025-10-10", "2025-10-13"),  # Monday, a plain working day
        # 09-26 + 15 = Saturday 10-11, a 调休 working day.
        (Clock.RULING, "2025-09-26", "2025-10-11"),
        (Clock.RECONSIDERATION, "2025-09-25", "2025-10-09"),  # 10-05 rolls past the break
        (Clock.SEPARATE_SUIT, "2025-09-27", "2025-10-13"),  # Sunday 10-12 rolls to Monday
    ],
)
def test_each_clock_ends_at_midnight_after_its_last_day(
    clock: Clock, started: str, last_day: str
) -> None:
    deadline = clock_deadline(OFFICIAL, clock, bj(started))
    assert deadline == bj(last_day, 0) + timedelta(days=1)
    assert not is_overdue(deadline, deadline - timedelta(microseconds=1), done=False)
    assert is_overdue(deadline, deadline, done=False)
    assert not is_overdue(deadline, deadline, done=True)


def test_a_weekend_only_calendar_would_miss_the_adjusted_saturday() -> None:
    assert clock_deadline(WeekendCalendar(), Clock.RULING, bj("2025-09-26")) == bj("2025-10-14", 0)


def test_a_clock_starting_late_at_night_counts_the_beijing_day() -> None:
    # 16:30 UTC on 09-28 is already 09-29 in Beijing, so the docket clock is 09-29's.
    started = datetime.fromisoformat("2025-09-28T16:30:00+00:00")
    assert clock_deadline(OFFICIAL, Clock.DOCKET, started) == bj("2025-10-10", 0)


def test_after_the_ruling_each_kind_has_its_own_remedy() -> None:
    assert after_ruling_clock(ACT) is Clock.RECONSIDERATION  # CPL Art 236
    assert after_ruling_clock(THIRD) is Clock.SEPARATE_SUIT  # CPL Art 238


def test_an_upheld_objection_revokes_only_on_an_obj_art_21_ground() -> None:
    for ground in (
        "collusion",
        "buyer_unqualified",
        "unequal_conditions",
        "not_announced",
        "procedure_breach",
    ):
        check_ruling(ACT, Outcome.UPHELD, ground)
    for bad in (None, "debtor_paid", "made_up"):
        with pytest.raises(ObjectionRefused) as refused:
            check_ruling(ACT, Outcome.UPHELD, bad)
        assert refused.value.article == "OBJ Art 21"
    assert "debtor_paid" not in OBJECTION_REVOKE_GROUNDS


@pytest.mark.parametrize(
    ("kind", "outcome"),
    [
        (ACT, Outcome.DISMISSED),
        (ACT, Outcome.NOT_ACCEPTED),
        (THIRD, Outcome.UPHELD),
        (THIRD, Outcome.DISMISSED),
    ],
)
def test_other_rulings_name_no_revocation_ground(kind: ObjectionKind, outcome: Outcome) -> None:
    check_ruling(kind, outcome, None)
    with pytest.raises(ObjectionRefused) as refused:
        check_ruling(kind, outcome, "collusion")
    assert refused.value.code == "revoke_ground_unused"


def test_every_clock_has_a_chinese_and_an_english_label_for_the_board() -> None:
    assert set(CLOCK_LABELS) == set(Clock)
    assert all(zh and en and zh != en for zh, en in CLOCK_LABELS.values())
