"""The database of auxiliary institutions through the seven steps of Art 9 (seed 003),
the review's refusals each with its article, and the ban on a removed institution's
persons under a new name (Art 26), on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from case_support import a_court, refused, today
from fapai.app.auctions import admission
from fapai.app.institutions import removal, rounds
from fapai.domain.institutions.admission import MIN_REGISTERED_CAPITAL_FEN, months_later
from fapai.domain.institutions.procedure import STEPS, earliest_close
from institution_support import (
    applicant,
    database,
    open_round,
    person_number,
    to_day,
)


def _step(services, round_id: int) -> str:
    with services.db.read() as tx:
        found = tx.institution_round(round_id)
    assert found is not None
    return found.step


def _status(services, institution_id: int) -> tuple[str, list[list[str]]]:
    with services.db.read() as tx:
        found = tx.institution(institution_id)
    assert found is not None
    return found.status, json.loads(found.refusals)


def test_a_round_goes_through_the_seven_steps_in_order_art_9(services, clock) -> None:
    """Art 9: each act is the next step; one out of order is refused, and the round's
    record shows every state in the measure's order."""
    c = a_court(services)
    announced = today(clock)
    earliest = earliest_close(services.calendar, announced)
    refused(
        lambda: rounds.open_round(
            services, c.bureau, "日报", announced, earliest - timedelta(days=1)
        ),
        "announcement_too_short",
    )  # 5 days or more (Art 9(1)), to the day
    round_id = open_round(services, c, clock)
    seen = [_step(services, round_id)]
    refused(
        lambda: rounds.start_notice(services, c.bureau, round_id, today(clock)), "step_out_of_order"
    )
    refused(lambda: rounds.review(services, c.bureau, round_id, "监察室"), "step_out_of_order")
    rounds.apply(services, c.bureau, round_id, applicant())
    seen.append(_step(services, round_id))
    refused(lambda: rounds.review(services, c.bureau, round_id, "监察室"), "applications_open")
    to_day(clock, earliest + timedelta(days=1))
    refused(lambda: rounds.apply(services, c.bureau, round_id, applicant()), "applications_closed")
    refused(lambda: rounds.review(services, c.director, round_id, "监察室"), "role_not_allowed")
    rounds.review(services, c.bureau, round_id, "本院监察室")
    seen.append(_step(services, round_id))
    ends = rounds.start_notice(services, c.bureau, round_id, today(clock))
    seen.append(_step(services, round_id))
    to_day(clock, ends)
    refused(  # the notice's last day is still notice (Art 9(5): 公示期满)
        lambda: rounds.decide(services, c.director, round_id, today(clock), "审委会决定", []),
        "notice_running",
    )
    to_day(clock, ends + timedelta(days=1))
    refused(lambda: rounds.publish(services, c.bureau, round_id, today(clock)), "step_out_of_order")
    rounds.decide(services, c.director, round_id, today(clock), "审委会决定（2026）第1号", [])
    seen.append(_step(services, round_id))
    assert rounds.file_with_high_court(services, c.bureau, round_id, today(clock))
    seen.append(_step(services, round_id))
    assert len(rounds.publish(services, c.bureau, round_id, today(clock))) == 1
    seen.append(_step(services, round_id))
    assert tuple(seen) == STEPS


def test_the_proposed_list_is_on_notice_5_working_days_across_golden_week_art_9_4(
    services, clock
) -> None:
    """Art 9(4): notice from 2026-09-30 counts 9-30, 10-08, 10-09, 10-10 (a make-up
    working Saturday) and 10-12; the committee decides on 10-13 at the earliest."""
    c = a_court(services)
    to_day(clock, date(2026, 9, 10))
    round_id = open_round(services, c, clock)
    rounds.apply(services, c.bureau, round_id, applicant())
    to_day(clock, date(2026, 9, 30))
    rounds.review(services, c.bureau, round_id, "本院监察室")
    assert rounds.start_notice(services, c.bureau, round_id, date(2026, 9, 30)) == date(
        2026, 10, 12
    )
    to_day(clock, date(2026, 10, 12))
    refused(
        lambda: rounds.decide(services, c.director, round_id, date(2026, 10, 12), "决定", []),
        "notice_running",
    )
    to_day(clock, date(2026, 10, 13))
    rounds.decide(services, c.director, round_id, date(2026, 10, 13), "决定", [])
    # filing within 5 days (Art 9(6)): 10-18 is a Sunday, so the last day is 10-19
    to_day(clock, date(2026, 10, 20))
    assert not rounds.file_with_high_court(services, c.bureau, round_id, date(2026, 10, 20))


def test_the_review_refuses_each_application_with_its_articles_arts_6_to_8_13(
    services, clock
) -> None:
    """Capital of CNY 4,999,999.99 fails Art 6(2), 5,000,000 passes; unsigned commitments
    fail Art 8; staff without a contract Art 13; a penalty 6 months ago to the day no
    longer bars (Art 7(3)), a day less does; a legal representative the court has on its
    list of staff is caught blind (Art 7(1)) though the applicant declared no tie."""
    c = a_court(services)
    round_id = open_round(services, c, clock)
    staff_member = person_number()
    admission.add_person(services, c.office, staff_member, "court_staff")
    review_day = earliest_close(services.calendar, today(clock)) + timedelta(days=1)
    cases = {
        "short": (applicant(capital=MIN_REGISTERED_CAPITAL_FEN - 1), ["Art 6(2)"]),
        "enough": (applicant(capital=MIN_REGISTERED_CAPITAL_FEN), []),
        "unsigned": (applicant(signed=False), ["Art 8"]),
        "no_contract": (applicant(staff=(person_number(),), contracted=False), ["Art 13"]),
        "penalty_6m": (applicant(last_conduct_penalty=months_later(review_day, -6)), []),
        "penalty_less": (
            applicant(last_conduct_penalty=months_later(review_day, -6) + timedelta(days=1)),
            ["Art 7(3)"],
        ),
        "court_tie": (applicant(legal_representative=staff_member), ["Art 7(1)"]),
        "dishonest": (applicant(on_dishonest_list=True), ["Art 7(2)"]),
    }
    ids = {name: rounds.apply(services, c.bureau, round_id, a) for name, (a, _) in cases.items()}
    to_day(clock, review_day)
    rounds.review(services, c.bureau, round_id, "本院监察室")
    for name, (_, articles) in cases.items():
        status, found = _status(services, ids[name])
        assert [article for article, _ in found] == articles, name
        assert status == ("refused" if articles else "proposed"), name


def test_the_database_may_not_exceed_10_and_alerts_below_6_art_10(services, clock) -> None:
    c = a_court(services)
    round_id = open_round(services, c, clock)
    for _ in range(11):
        rounds.apply(services, c.bureau, round_id, applicant())
    with services.db.read() as tx:
        found = tx.institution_round(round_id)
    assert found is not None
    to_day(clock, found.closes_on + timedelta(days=1))
    rounds.review(services, c.bureau, round_id, "本院监察室")
    ends = rounds.start_notice(services, c.bureau, round_id, today(clock))
    to_day(clock, ends + timedelta(days=1))
    refused(
        lambda: rounds.decide(services, c.director, round_id, today(clock), "决定", []),
        "database_full",
    )
    with services.db.read() as tx:
        codes = [i.credit_code for i in tx.institutions([c.id])]
    alerts = rounds.decide(services, c.director, round_id, today(clock), "决定", codes[:6])
    assert alerts == ["database holds 5, fewer than 6"]


@pytest.mark.parametrize("years", [5, 3])
def test_a_removed_institutions_persons_under_a_new_name_are_barred_to_the_day_art_26(
    services, clock, years: int
) -> None:
    """Art 26 (5 years) or Shanghai item 23 (3 years), as the court sets it: the removed
    institution's legal representative, now behind a company of another name and credit
    code, is refused the day before the ban ends and may be admitted on that day; the
    same credit code under a new name is caught too."""
    c = a_court(services)
    removal.set_ban_term(services, c.director, years)
    boss = person_number()
    old = applicant(legal_representative=boss)
    ids = database(services, c, clock, [old])
    removed_on = today(clock)
    answer = removal.remove(services, c.director, ids[old.credit_code], ["art23_11"])
    ban_end = months_later(removed_on, 12 * years)
    assert answer["banned_until"] == ban_end.isoformat()
    for day, barred in ((ban_end - timedelta(days=1), True), (ban_end, False)):
        to_day(clock, day - timedelta(days=10))
        round_id = open_round(services, c, clock)
        renamed = rounds.apply(services, c.bureau, round_id, applicant(legal_representative=boss))
        same_code = rounds.apply(services, c.bureau, round_id, applicant(old.credit_code))
        with services.db.read() as tx:
            found = tx.institution_round(round_id)
        assert found is not None
        assert found.closes_on < day  # the review runs on the very day
        to_day(clock, day)
        rounds.review(services, c.bureau, round_id, "本院监察室")
        for institution_id in (renamed, same_code):
            _, found_refusals = _status(services, institution_id)
            assert (["Art 26"] if barred else []) == [a for a, _ in found_refusals]
