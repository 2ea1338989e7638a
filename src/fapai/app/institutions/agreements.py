"""A court's entrustment agreements with institutions of its database (Arts 11-12) and
its selection: the members with an agreement in force, from which a lot's institution
is drawn (Art 10: at least 3).

The first agreement of a court with an institution is the one-year trial, the next runs
at most 2 years, every later one is a renewal of at most 3 (``domain/institutions/
agreements.py``). A court draws from the database of its own court or of a court above
it (the city's intermediate court keeps the database its basic courts select from).
"""

from __future__ import annotations

from datetime import date

from fapai.app.accounts.courts import require
from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.audit import trail
from fapai.app.errors import conflict, invalid, not_found
from fapai.app.institutions.ports import InstitutionRecord
from fapai.app.ports import Tx
from fapai.app.services import Services
from fapai.domain.calendar import beijing_date
from fapai.domain.institutions.agreements import term_refusal


def database_courts(tx: Tx, court_id: int) -> list[int]:
    """The court and every court above it: whose databases it may select from."""
    chain: list[int] = []
    current: int | None = court_id
    while current is not None and current not in chain:
        chain.append(current)
        found = tx.court(current)
        current = found.parent_id if found else None
    return chain


def member(tx: Tx, court_id: int, institution_id: int) -> InstitutionRecord:
    """An institution of a database the court may select from, or not found."""
    found = tx.institution(institution_id)
    if found is None or found.court_id not in database_courts(tx, court_id):
        raise not_found("网拍辅助机构", "Institution")
    return found


def selection(tx: Tx, court_id: int, today: date) -> list[InstitutionRecord]:
    """The court's selected institutions today: admitted, with an agreement in force."""
    in_force = {
        a.institution_id for a in tx.agreements(court_id) if a.starts_on <= today <= a.ends_on
    }
    return [
        i for i in tx.institutions(database_courts(tx, court_id))
        if i.id in in_force and i.status == "admitted"
    ]  # fmt: skip


def sign(
    services: Services, user: CourtPrincipal, institution_id: int, starts_on: date, ends_on: date
) -> str:
    """Record the court's agreement with an admitted institution; returns its kind
    (trial, after_trial or renewal), refused with Art 11/12 when the term is not allowed."""
    require(user, "director")
    with services.db.write() as tx:
        now = services.clock()
        found = member(tx, user.court_id, institution_id)
        if found.status != "admitted":
            raise conflict(
                "not_admitted", "该机构不在名单库中（已除名、暂停或未入库）。",
                "The institution is not an admitted member of the database.",
            )  # fmt: skip
        earlier = [a for a in tx.agreements(user.court_id) if a.institution_id == institution_id]
        if earlier and starts_on <= earlier[-1].ends_on:
            raise conflict(
                "agreement_overlaps", f"新协议须在原协议届满（{earlier[-1].ends_on}）后开始。",
                f"A new agreement starts after the last one ends ({earlier[-1].ends_on}).",
            )  # fmt: skip
        kind = (
            "trial" if not earlier else "after_trial" if earlier[-1].kind == "trial" else "renewal"
        )
        why = term_refusal(
            starts_on, ends_on, renewal=kind == "renewal", after_trial=kind == "after_trial"
        )
        if why is not None:
            raise invalid("agreement_term", f"协议期限不符合办法第十二条：{why}", why)
        tx.insert_agreement(user.court_id, institution_id, kind, starts_on, ends_on, now)
        trail.record(
            tx, trail.SYSTEM, now, f"court_user:{user.login}", "institutions.agreement",
            court=user.court_id, institution=institution_id, kind=kind,
            starts_on=starts_on.isoformat(), ends_on=ends_on.isoformat(),
        )  # fmt: skip
    return kind


def court_selection(services: Services, user: CourtPrincipal) -> list[dict[str, object]]:
    """The court's selection today, with each agreement's end."""
    require(user, "auction_office", "enforcement", "director", "supervisor")
    with services.db.read() as tx:
        today = beijing_date(services.clock())
        ends = {
            a.institution_id: a.ends_on
            for a in tx.agreements(user.court_id) if a.starts_on <= today <= a.ends_on
        }  # fmt: skip
        return [
            {"id": i.id, "credit_code": i.credit_code, "name": i.name,
             "agreement_ends": ends[i.id].isoformat()}
            for i in selection(tx, user.court_id, today)
        ]  # fmt: skip
