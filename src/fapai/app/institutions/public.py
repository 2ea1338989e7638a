"""What is published of the institutions: each court's database with its term and each
member's status (Art 9(7); removals are published too, Art 25), and what a court's staff
see of their own rounds, database and selection, with the size alerts (Arts 10, 27)."""

from __future__ import annotations

import json
from typing import Any

from fapai.app.accounts.courts import require
from fapai.app.accounts.principals import COURT_ROLES, CourtPrincipal
from fapai.app.institutions.agreements import database_courts, selection
from fapai.app.institutions.evaluation import shown
from fapai.app.institutions.rounds import MEMBERS
from fapai.app.services import Services
from fapai.domain.calendar import beijing_date
from fapai.domain.institutions.agreements import reselection_due
from fapai.domain.institutions.database import court_alerts, database_alerts

PUBLISHED = (*MEMBERS, "removed")


def database(services: Services) -> list[dict[str, Any]]:
    """Every court's published members, removed ones with the day of removal."""
    with services.db.read() as tx:
        courts = {c.id: c.name for c in tx.all_courts()}
        found = tx.institutions(list(courts))
    return [
        {
            "id": i.id, "court": courts[i.court_id], "name": i.name, "credit_code": i.credit_code,
            "status": i.status, "admitted_on": i.admitted_on.isoformat(),
            "term_ends": reselection_due(i.admitted_on).isoformat(),
            "removed_on": i.removed_on.isoformat() if i.removed_on else None,
        }
        for i in found
        if i.status in PUBLISHED and i.admitted_on is not None
    ]  # fmt: skip


def court_view(services: Services, user: CourtPrincipal) -> dict[str, Any]:
    """The court's rounds, the databases it selects from, its selection and alerts."""
    require(user, *COURT_ROLES)
    with services.db.read() as tx:
        today = beijing_date(services.clock())
        own = tx.institution_rounds(user.court_id)
        members = tx.institutions(database_courts(tx, user.court_id))
        chosen = selection(tx, user.court_id, today)
        years = tx.institution_ban_years(user.court_id)
        latest: dict[int, dict[str, Any] | None] = {  # the latest evaluation (SH item 24)
            i.id: next((shown(e) for e in reversed(tx.evaluations(i.id))), None)
            for i in members
            if i.court_id == user.court_id
        }
    removals = [i.removed_on for i in members if i.removed_on is not None]
    size = sum(i.status in MEMBERS for i in members if i.court_id == user.court_id)
    alerts = database_alerts(size) if own else []
    alerts += court_alerts(len(chosen), max(removals) if removals else today)
    return {
        "rounds": [
            {"id": r.id, "step": r.step, "announced_on": r.announced_on.isoformat(),
             "closes_on": r.closes_on.isoformat(),
             "notice_ends": r.notice_ends.isoformat() if r.notice_ends else None,
             "filing_due": r.filing_due.isoformat() if r.filing_due else None}
            for r in own
        ],
        "institutions": [
            {"id": i.id, "round_id": i.round_id, "credit_code": i.credit_code, "name": i.name,
             "status": i.status, "refusals": json.loads(i.refusals),
             "banned_until": i.banned_until.isoformat() if i.banned_until else None,
             "evaluation": latest.get(i.id)}
            for i in members
        ],
        "selection": [i.credit_code for i in chosen],
        "ban_years": years or 5,
        "alerts": [
            {"article": a.article, "reason": a.reason,
             "fill_by": a.fill_by.isoformat() if a.fill_by else None}
            for a in alerts
        ],
    }  # fmt: skip
