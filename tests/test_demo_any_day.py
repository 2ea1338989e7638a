"""``fapai serve --demo`` seeds on any day (issue 6): the days that once failed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from demo_support import EXPECTED, court_ids, stages_of
from fapai.app.cases import deadline_board
from fapai.app.services import Services
from support import Clock, seed_demo


@pytest.mark.parametrize(
    "now",
    [
        datetime(2026, 2, 24, 19, 30, tzinfo=UTC),  # just after the 2026 Spring Festival
        datetime(2026, 3, 15, 19, 30, tzinfo=UTC),  # a balance period across the festival
        datetime(2026, 10, 12, 21, 30, tzinfo=UTC),  # notices before National Day
    ],
    ids=["spring-festival", "balance-across-festival", "national-day"],
)
def test_the_demo_seeds_on_any_day(services: Services, clock: Clock, now: datetime) -> None:
    """The demo's days are worked out with the statutory calendar, so it seeds whenever
    ``fapai serve --demo`` starts, holidays included, with the same stages and no
    clock missed (these days once failed)."""
    clock.set(now)
    seeded = seed_demo(services)
    assert stages_of(services, seeded) == EXPECTED
    late = [
        (row.title, row.kind, row.state)
        for court_id in court_ids(services, seeded)
        for row in deadline_board.board(services, court_id, include_done=True)
        if row.state in ("late", "overdue") and row.lot_id != seeded.lots["priced"]
    ]
    assert late == []
