"""Suspension and removal of an institution on the coded grounds of Art 23 (or the
Shanghai rules' item 23), the report to the High Court within 3 working days (Art 25),
and the ban term the court follows (Art 26: 5 years; Shanghai item 23: 3 years).

Removal ends the institution's open entrustments (Art 25(2)); the office draws another
institution for those lots. The ban is applied at review (``rounds.review``): the
removed institution's credit code and its controlling persons, blind, for the term.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

from fapai.app.accounts.courts import require
from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.audit import trail
from fapai.app.errors import conflict, invalid, not_found, other_court
from fapai.app.institutions.ports import InstitutionRecord
from fapai.app.ports import Tx
from fapai.app.services import Services
from fapai.domain.calendar import beijing_date
from fapai.domain.institutions.removal import (
    BAN_YEARS,
    DEFAULT_BAN_YEARS,
    FILES_RETURN_DAYS,
    ban_ends,
    report_due,
    unknown_grounds,
)


def _own(tx: Tx, user: CourtPrincipal, institution_id: int) -> InstitutionRecord:
    found = tx.institution(institution_id)
    if found is None:
        raise not_found("网拍辅助机构", "Institution")
    if found.court_id != user.court_id:
        raise other_court("网拍辅助机构")
    return found


def _grounds(codes: list[str]) -> list[str]:
    bad = unknown_grounds(codes)
    if bad:
        raise invalid(
            "invalid_grounds", "请依办法第二十三条（或上海细则第二十三条）列明事由代码。",
            f"Give the grounds by code (art23_1..art23_19, sh23_1..sh23_5); not: {', '.join(bad)}.",
        )  # fmt: skip
    return sorted(set(codes))


def set_ban_term(services: Services, user: CourtPrincipal, years: int) -> None:
    """The director sets the court's ban term: 5 years (seed 003 Art 26) or 3 (Shanghai
    item 23)."""
    require(user, "director")
    if years not in BAN_YEARS:
        raise invalid(
            "invalid_ban_term", "禁入期限为5年（办法第二十六条）或3年（上海细则第二十三条）。",
            "The ban is 5 years (seed 003 Art 26) or 3 years (Shanghai item 23).",
        )  # fmt: skip
    with services.db.write() as tx:
        now = services.clock()
        tx.set_institution_ban_years(user.court_id, years)
        trail.record(
            tx, trail.SYSTEM, now, f"court_user:{user.login}", "institutions.ban_term",
            court=user.court_id, years=years, rule=BAN_YEARS[years],
        )  # fmt: skip


def suspend(
    services: Services, user: CourtPrincipal, institution_id: int, grounds: list[str]
) -> None:
    """Suspend a member on coded grounds: it is drawn for no new lot until reinstated."""
    require(user, "director")
    codes = _grounds(grounds)
    with services.db.write() as tx:
        now = services.clock()
        found = _own(tx, user, institution_id)
        if found.status != "admitted":
            raise conflict("not_admitted", "该机构不在名单库中。", "Not an admitted member.")
        tx.update_institution(institution_id, status="suspended", grounds=json.dumps(codes))
        trail.record(
            tx, trail.SYSTEM, now, f"court_user:{user.login}", "institutions.suspended",
            institution=institution_id, grounds=codes,
        )  # fmt: skip


def reinstate(services: Services, user: CourtPrincipal, institution_id: int) -> None:
    require(user, "director")
    with services.db.write() as tx:
        now = services.clock()
        if _own(tx, user, institution_id).status != "suspended":
            raise conflict("not_suspended", "该机构未被暂停。", "The institution is not suspended.")
        tx.update_institution(institution_id, status="admitted")
        trail.record(
            tx, trail.SYSTEM, now, f"court_user:{user.login}", "institutions.reinstated",
            institution=institution_id,
        )  # fmt: skip


def remove(
    services: Services, user: CourtPrincipal, institution_id: int, grounds: list[str]
) -> dict[str, str]:
    """Remove a member on coded grounds (Arts 23, 25-26): its open entrustments end, the
    report to the High Court is due on the third working day, the ban runs for the
    court's term. Returns the report's due day and the ban's end."""
    require(user, "director")
    codes = _grounds(grounds)
    with services.db.write() as tx:
        now = services.clock()
        today = beijing_date(now)
        found = _own(tx, user, institution_id)
        if found.status not in ("admitted", "suspended"):
            raise conflict("not_admitted", "该机构不在名单库中。", "Not a member of the database.")
        years = tx.institution_ban_years(user.court_id) or DEFAULT_BAN_YEARS
        due, until = report_due(services.calendar, today), ban_ends(today, years)
        tx.update_institution(
            institution_id, status="removed", removed_on=today, grounds=json.dumps(codes),
            report_due=due, banned_until=until,
        )  # fmt: skip
        ended = tx.open_designations(institution_id)
        for designation in ended:
            tx.end_designation(
                designation.id, now, "removed", today + timedelta(days=FILES_RETURN_DAYS)
            )  # Art 17
        trail.record(
            tx, trail.SYSTEM, now, f"court_user:{user.login}", "institutions.removed",
            institution=institution_id, grounds=codes, report_due=due.isoformat(),
            banned_until=until.isoformat(), ban_rule=BAN_YEARS[years],
            ended_lots=[d.lot_id for d in ended],
        )  # fmt: skip
    return {"report_due": due.isoformat(), "banned_until": until.isoformat()}


def record_report(
    services: Services, user: CourtPrincipal, institution_id: int, reported_on: date
) -> bool:
    """The removal reported to the High Court, the basic courts told and the removal
    published (Art 25); returns whether within the 3 working days."""
    require(user, "enforcement")
    with services.db.write() as tx:
        now = services.clock()
        found = _own(tx, user, institution_id)
        if found.status != "removed" or found.reported_on is not None:
            raise conflict("nothing_to_report", "无待报告的除名。", "No removal awaits its report.")
        assert found.removed_on is not None
        assert found.report_due is not None
        if not found.removed_on <= reported_on <= beijing_date(now):
            raise invalid(
                "invalid_reported_on", "报告日期须在除名之日与今天之间。",
                "The report's day is between the removal and today.",
            )  # fmt: skip
        tx.update_institution(institution_id, reported_on=reported_on)
        on_time = reported_on <= found.report_due
        trail.record(
            tx, trail.SYSTEM, now, f"court_user:{user.login}", "institutions.removal_reported",
            institution=institution_id, reported_on=reported_on.isoformat(), on_time=on_time,
        )  # fmt: skip
    return on_time
