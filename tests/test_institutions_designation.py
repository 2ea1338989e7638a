"""A lot's auxiliary institution: agreements (Arts 11-12), the court's selection, the
draw by the platform's re-checkable lottery with recusal and balance by load, the same
institution after a postponement (Shanghai item 19), replacement (Art 15), removal
(Arts 23, 25) and the entrusted institution's people refused at registration (Art 8(5)),
on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta

from case_support import a_court, announced_lot, auction_of, bid, on, refused, ruled_lot, today
from fapai.app.assignment.lottery_file import recheck
from fapai.app.auctions import admission, registration
from fapai.app.cases import deadline_board
from fapai.app.institutions import agreements, designation, public, removal
from fapai.app.institutions.rounds import Person
from fapai.domain.institutions.admission import months_later
from fapai.domain.institutions.removal import report_due
from fapai.domain.money import format_yuan
from fapai.storage import tables
from institution_support import applicant, database, person_number
from support import bidder, pay_deposit, row_count

# announced_lot's first round: 70% of a reference of CNY 1,000,000
START = 100_000_000 * 70 // 100


def _designated(services, lot: int) -> list[tuple[int, str | None]]:
    with services.db.read() as tx:
        return [(d.institution_id, d.end_reason) for d in tx.designations(lot)]


def test_agreements_run_a_trial_year_then_2_years_then_renewals_of_3_art_12(
    services, clock
) -> None:
    c = a_court(services)
    ids = database(services, c, clock, [applicant()])  # each signed a one-year trial
    (institution,) = ids.values()
    with services.db.read() as tx:
        (trial,) = tx.agreements(c.id)
    start = trial.ends_on + timedelta(days=1)
    refused(
        lambda: agreements.sign(
            services, c.director, institution, start, months_later(start, 24) + timedelta(days=1)
        ),
        "agreement_term",
    )
    assert (
        agreements.sign(services, c.director, institution, start, months_later(start, 24))
        == "after_trial"
    )
    again = months_later(start, 24) + timedelta(days=1)
    refused(
        lambda: agreements.sign(
            services, c.director, institution, again, months_later(again, 36) + timedelta(days=1)
        ),
        "agreement_term",
    )
    refused(
        lambda: agreements.sign(services, c.office, institution, again, months_later(again, 36)),
        "role_not_allowed",
    )
    assert (
        agreements.sign(services, c.director, institution, again, months_later(again, 36))
        == "renewal"
    )


def test_the_draw_is_recheckable_excludes_the_recused_and_weighs_by_load(services, clock) -> None:
    """The lottery's record passes ``fapai lottery verify``'s check; the recused institution
    is no candidate and the record keeps the reason; an institution with a lot already
    carries that load, so the others hold more tickets (balance by load)."""
    c = a_court(services)
    ids = database(services, c, clock, [applicant() for _ in range(4)])
    lot = ruled_lot(services, c, clock)
    refused(lambda: designation.schedule(services, c.bureau, lot, {}), "role_not_allowed")
    designation.schedule(services, c.office, lot, {})
    winner = designation.run(services, c.office, lot)
    conflicted = next(code for code in sorted(ids) if code != winner)
    other = ruled_lot(services, c, clock)
    published = designation.schedule(
        services, c.office, other, {conflicted: "其股东系本案被执行人"}
    )
    (scheduled,) = published["draws"]
    keys = {item["key"]: item["load"] for item in scheduled["candidates"]}
    assert conflicted not in keys
    assert keys[winner] == 1
    assert sum(keys.values()) == 1
    with services.db.read() as tx:
        details = [
            json.loads(s.details) for s in tx.steps(other) if s.step == "institution_draw_scheduled"
        ]
    assert details[0]["recusals"] == {conflicted: "其股东系本案被执行人"}
    chosen = designation.run(services, c.office, other)
    record = designation.public_record(services, other)["draws"][0]["record"]
    result = recheck(record)
    assert result.chosen == chosen
    assert dict(result.weights)[winner] == 1
    assert all(weight == 2 for key, weight in result.weights if key != winner)


def test_the_same_institution_continues_until_replaced_shanghai_item_19_art_15(
    services, clock
) -> None:
    """The designation is the lot's: a second draw is refused while it stands (after a
    postponement the same institution continues); once replaced, on the court's decision
    with a day for the files, the next draw leaves the replaced institution out."""
    c = a_court(services)
    ids = database(services, c, clock, [applicant() for _ in range(3)])
    lot = ruled_lot(services, c, clock)
    designation.schedule(services, c.office, lot, {})
    chosen = designation.run(services, c.office, lot)
    refused(lambda: designation.schedule(services, c.office, lot, {}), "institution_continues")
    refused(
        lambda: designation.replace(
            services,
            c.office,
            lot,
            "court_decision",
            "逾期未完成现场看样",
            today(clock) - timedelta(days=1),
        ),
        "invalid_files_due",
    )
    designation.replace(
        services,
        c.office,
        lot,
        "court_decision",
        "逾期未完成现场看样",
        today(clock) + timedelta(days=7),
    )
    again = designation.schedule(services, c.office, lot, {})
    assert chosen not in {item["key"] for item in again["draws"][1]["candidates"]}
    replacement = designation.run(services, c.office, lot)
    assert replacement != chosen
    assert _designated(services, lot) == [
        (ids[chosen], "replaced:court_decision"),
        (ids[replacement], None),
    ]
    assert [d["drawn"] for d in designation.public_record(services, lot)["draws"]] == [True, True]


def test_removal_ends_the_entrustments_and_is_reported_in_3_working_days_art_25(
    services, clock
) -> None:
    c = a_court(services)
    ids = database(services, c, clock, [applicant() for _ in range(3)])
    lot = ruled_lot(services, c, clock)
    designation.schedule(services, c.office, lot, {})
    chosen = designation.run(services, c.office, lot)
    refused(
        lambda: removal.remove(services, c.director, ids[chosen], ["art23_20"]), "invalid_grounds"
    )
    refused(lambda: removal.remove(services, c.director, ids[chosen], []), "invalid_grounds")
    due = removal.remove(services, c.director, ids[chosen], ["art23_9", "sh23_3"])["report_due"]
    assert due == report_due(services.calendar, today(clock)).isoformat()
    assert _designated(services, lot) == [(ids[chosen], "removed")]
    designation.schedule(services, c.office, lot, {})
    assert designation.run(services, c.office, lot) != chosen
    with services.db.read() as tx:
        found = tx.institution(ids[chosen])
    assert found is not None
    assert found.report_due is not None
    clock.set(clock() + timedelta(days=(found.report_due - today(clock)).days + 1))
    assert not removal.record_report(services, c.bureau, ids[chosen], today(clock))


def test_the_entrusted_institutions_people_may_not_register_for_its_lot_art_8_5(
    services, clock
) -> None:
    """Seed 003 Art 8(5), Art 23(11): the entrusted institution's staff member is refused
    at registration with the OJA Art 34 sentence, counted only; the same person registers
    for a lot entrusted to another institution, and another institution's staff for this one."""
    c = a_court(services)
    staff_a, staff_b = bidder(services, "甲机构员工"), bidder(services, "乙机构员工")
    a = applicant(staff=(staff_a.id_number,))
    b = applicant(staff=(staff_b.id_number,))
    third = applicant()
    database(services, c, clock, [a, b, third])
    lot, auction = announced_lot(services, c, clock)
    other_lot, other_auction = announced_lot(services, c, clock)
    designation.schedule(
        services, c.office, lot, {b.credit_code: "回避", third.credit_code: "回避"}
    )
    assert designation.run(services, c.office, lot) == a.credit_code
    designation.schedule(
        services, c.office, other_lot, {a.credit_code: "回避", third.credit_code: "回避"}
    )
    assert designation.run(services, c.office, other_lot) == b.credit_code
    before = row_count(services, tables.registrations)
    error = refused(
        lambda: registration.register(services, staff_a.account_id, auction, True),
        "excluded_person",
    )
    assert "第三十四条" in error.message_zh
    assert row_count(services, tables.registrations) == before
    assert admission.refusals(services, c.office, auction) == {"oja_art_34": 1}
    assert registration.register(services, staff_b.account_id, auction, True).code
    assert registration.register(services, staff_a.account_id, other_auction, True).code


def test_a_designation_after_registering_stops_the_institutions_people_bidding_art_8_5(
    services, clock
) -> None:
    """The check holds until the close: a staff member registered before the lot was
    entrusted to the institution is refused at the bid, and no count tells the court."""
    c = a_court(services)
    staff = bidder(services, "丙机构员工")
    other = bidder(services)
    only = applicant(staff=(staff.id_number,))
    database(services, c, clock, [only])
    lot, auction = announced_lot(services, c, clock)
    for person in (staff, other):
        assert pay_deposit(services, person, auction) == "confirmed"
    designation.schedule(services, c.office, lot, {})
    assert designation.run(services, c.office, lot) == only.credit_code
    clock.set(auction_of(services, auction).starts_at + timedelta(hours=1))
    refused(lambda: bid(services, staff, auction, format_yuan(START)), "excluded_person")
    assert bid(services, other, auction, format_yuan(START)).bid.reason is None
    assert admission.refusals(services, c.office, auction) == {"oja_art_34": 0}


def test_an_expiring_agreement_and_a_removals_report_are_on_the_deadline_board(
    services, clock
) -> None:
    """Art 12: 90 days before an agreement ends the board shows it, until the next is
    signed; Art 25: a removal's report is open until recorded."""
    c = a_court(services)
    ids = database(services, c, clock, [applicant() for _ in range(2)])
    first, second = ids.values()
    with services.db.read() as tx:
        ends = tx.agreements(c.id)[0].ends_on
    clock.set(on(ends - timedelta(days=91)))
    assert not [
        r for r in deadline_board.board(services, c.id) if r.kind == "institution_agreement"
    ]
    clock.set(on(ends - timedelta(days=90)))
    rows = [r for r in deadline_board.board(services, c.id) if r.kind == "institution_agreement"]
    assert [(r.due, r.state) for r in rows] == [(ends.isoformat(), "open")] * 2
    start = ends + timedelta(days=1)
    agreements.sign(services, c.director, first, start, months_later(start, 24))
    rows = [r for r in deadline_board.board(services, c.id) if r.kind == "institution_agreement"]
    assert len(rows) == 1
    removal.remove(services, c.director, second, ["sh23_4"])
    (report,) = [r for r in deadline_board.board(services, c.id) if r.kind == "institution_report"]
    assert report.article == "seed 003 Art 25"
    assert report.state == "open"
    removal.record_report(services, c.bureau, second, today(clock))
    assert not [r for r in deadline_board.board(services, c.id) if r.kind == "institution_report"]


def test_the_entrustment_letter_names_the_court_the_procedure_and_the_scope_art_14(
    services, clock
) -> None:
    c = a_court(services)
    chosen = applicant()
    database(services, c, clock, [chosen])
    lot = ruled_lot(services, c, clock)
    refused(lambda: designation.letter(services, c.office, lot, "html", "zh"), "no_institution")
    designation.schedule(services, c.office, lot, {})
    designation.run(services, c.office, lot)
    html, name = designation.letter(services, c.bureau, lot, "html", "zh")
    text = html.decode()
    assert name.endswith("委托书（" + chosen.name + "）.html")
    for words in ("委托单位", "第十四条", chosen.credit_code, "1.5分钟", "8张", "3日内", "第八条"):
        assert words in text, words
    english, _ = designation.letter(services, c.office, lot, "html", "en")
    assert "Art 14" in english.decode()
    assert "90 seconds" in english.decode()
    pdf, pdf_name = designation.letter(services, c.office, lot, "pdf", "zh")
    assert pdf.startswith(b"%PDF")
    assert pdf_name.endswith(".pdf")


def test_a_suspended_institution_is_drawn_for_no_lot_until_reinstated_art_23(
    services, clock
) -> None:
    c = a_court(services)
    ids = database(services, c, clock, [applicant() for _ in range(2)])
    resting, working = ids
    refused(
        lambda: removal.suspend(services, c.bureau, ids[resting], ["art23_7"]), "role_not_allowed"
    )
    removal.suspend(services, c.director, ids[resting], ["art23_7"])
    lot = ruled_lot(services, c, clock)
    scheduled = designation.schedule(services, c.office, lot, {})
    assert [item["key"] for item in scheduled["draws"][0]["candidates"]] == [working]
    removal.reinstate(services, c.director, ids[resting])
    other = ruled_lot(services, c, clock)
    again = designation.schedule(services, c.office, other, {})
    assert {item["key"] for item in again["draws"][0]["candidates"]} == {resting, working}


def test_the_institutions_people_may_not_bid_through_an_agent_either_art_23_12(
    services, clock
) -> None:
    """Art 23(11)-(12): the office refuses to confirm a proxy whose principal is one of
    the entrusted institution's people, counted like any OJA Art 34 refusal."""
    c = a_court(services)
    shareholder = person_number()
    member = applicant()
    member = replace(member, persons=[*member.persons, Person("shareholder", shareholder)])
    database(services, c, clock, [member])
    lot, auction = announced_lot(services, c, clock)
    designation.schedule(services, c.office, lot, {})
    designation.run(services, c.office, lot)
    agent = bidder(services)
    registration.register(services, agent.account_id, auction, True)
    ref = admission.declare_proxy(services, agent.account_id, auction, shareholder)
    refused(lambda: admission.confirm_proxy(services, c.office, auction, ref), "excluded_person")
    assert admission.refusals(services, c.office, auction) == {"oja_art_34": 1}


def test_a_court_left_below_3_is_alerted_to_fill_the_gap_in_3_months_arts_10_27(
    services, clock
) -> None:
    c = a_court(services)
    ids = database(services, c, clock, [applicant() for _ in range(3)])
    assert [
        a for a in public.court_view(services, c.office)["alerts"] if "27" in a["article"]
    ] == []
    removal.remove(services, c.director, next(iter(ids.values())), ["art23_3"])
    (alert,) = [a for a in public.court_view(services, c.office)["alerts"] if "27" in a["article"]]
    assert alert["reason"] == "court selects 2, fewer than 3"
    assert alert["fill_by"] == months_later(today(clock), 3).isoformat()


def test_the_property_keys_and_files_come_back_in_3_days_on_a_clock_until_recorded_art_17(
    services, clock
) -> None:
    """Seed 003 Art 17: an institution removed mid-entrustment hands the property, keys
    and files back within 3 days; a replaced one by Art 15's day. Each is a clock on the
    court's board, overdue the day after, done when the office records the return."""
    c = a_court(services)
    ids = database(services, c, clock, [applicant() for _ in range(3)])
    lot, other = ruled_lot(services, c, clock), ruled_lot(services, c, clock)
    designation.schedule(services, c.office, lot, {})
    chosen = designation.run(services, c.office, lot)
    refused(lambda: designation.files_returned(services, c.office, lot), "no_files_owed")
    removal.remove(services, c.director, ids[chosen], ["art23_9"])
    designation.schedule(services, c.office, other, {})
    designation.run(services, c.office, other)
    replaced_on = today(clock) + timedelta(days=10)
    designation.replace(services, c.office, other, "institution_request", "人员不足", replaced_on)

    def files() -> list[tuple[int | None, str, str]]:
        rows = deadline_board.board(services, c.id, include_done=True)
        return [(r.lot_id, r.due, r.state) for r in rows if r.kind == "institution_files"]

    removed_due = (today(clock) + timedelta(days=3)).isoformat()
    replaced_due = (today(clock) + timedelta(days=10)).isoformat()
    assert sorted(files()) == sorted([(lot, removed_due, "open"), (other, replaced_due, "open")])
    clock.set(clock() + timedelta(days=4))
    assert (lot, removed_due, "overdue") in files()
    refused(lambda: designation.files_returned(services, c.bureau, lot), "role_not_allowed")
    designation.files_returned(services, c.office, lot)
    assert (lot, removed_due, "late") in files()  # recorded a day after the third
    open_rows = deadline_board.board(services, c.id)
    assert lot not in [r.lot_id for r in open_rows if r.kind == "institution_files"]
    refused(lambda: designation.files_returned(services, c.office, lot), "no_files_owed")
