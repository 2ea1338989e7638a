"""What the objector's desk and the court's objections list show: each objection with
its clocks (counted on the statutory calendar), its papers and its ruling."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from fapai.app.accounts.courts import require
from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.audit import reads
from fapai.app.errors import not_found, other_court
from fapai.app.ports import Tx
from fapai.app.presenting import beijing
from fapai.app.remedies.ports import ObjectionRecord
from fapai.app.services import Services
from fapai.domain.calendar import ONE_DAY, beijing_date
from fapai.domain.remedies.clocks import CLOCK_LABELS, CLOCK_RULES
from fapai.domain.remedies.objections import KIND_ARTICLE, ObjectionKind
from fapai.domain.remedies.timeline import clock_states

COURT_ROLES = ("enforcement", "director", "supervisor", "auction_office")


def _view(
    services: Services, tx: Tx, objection: ObjectionRecord, now: datetime,
    disclosure: reads.Disclosure | None,
) -> dict[str, Any]:  # fmt: skip
    """``disclosure``: the court's reader, who sees the objector's name (logged); None for
    the objector's own desk."""
    steps = tx.objection_steps(objection.id)
    kind = ObjectionKind(objection.kind)
    clocks = [
        {
            "clock": state.clock.value,
            "label": CLOCK_LABELS[state.clock][0],
            "article": CLOCK_RULES[state.clock].article,
            "last_day": (beijing_date(state.deadline) - ONE_DAY).isoformat(),
            "deadline": beijing(state.deadline),
            "done_at": beijing(state.done_at) if state.done_at else None,
            "state": state.state(now),
        }
        for state in clock_states(services.calendar, kind, [(s.step, s.at) for s in steps])
    ]
    lot = tx.lot(objection.lot_id)
    ruled = next((json.loads(s.details) for s in reversed(steps) if s.step == "rule"), None)
    ruling = (
        None
        if ruled is None
        else {"outcome": objection.outcome, "revoke_ground": objection.revoke_ground, **ruled}
    )
    view: dict[str, Any] = {
        "id": objection.id,
        "lot_id": objection.lot_id,
        "lot_title": lot.title if lot else None,
        "kind": objection.kind,
        "article": KIND_ARTICLE[kind],
        "standing": objection.standing,
        "grounds": objection.grounds,
        "status": objection.status,
        "filed_at": beijing(objection.filed_at),
        "outcome": objection.outcome,
        "ruling": ruling,
        "clocks": clocks,
        "steps": [{"step": s.step, "at": beijing(s.at)} for s in steps],
        "papers": [
            {
                "id": p.id,
                "title": p.title,
                "content_type": p.content_type,
                "size": p.size,
                "sha256": p.sha256,
            }
            for p in tx.papers(objection.id)
        ],
        "reviewing_court_id": objection.reviewing_court_id,
    }
    if disclosure is not None:
        # the person the objection is made in: the court reads the filing as on paper
        view["filer"] = disclosure.decrypt(
            f"objection:{objection.id}", "filer", objection.filer_enc
        )
    return view


def _court_reader(services: Services, user: CourtPrincipal, route: str) -> reads.Disclosure:
    """Handling an objection is enforcement work (执行实施): the court's reads of the
    objector's name are logged under that purpose (app/audit/reads.py)."""
    reader = reads.Reader("court_user", user.user_id, "enforcement", "执行异议", route)
    return reads.Disclosure(services.cipher, reader, user.court_id)


def mine(services: Services, account_id: int) -> list[dict[str, Any]]:
    """The objector's desk: the account's own objections, newest first."""
    with services.db.read() as tx:
        now = services.clock()
        return [_view(services, tx, o, now, None) for o in tx.objections(account_id=account_id)]


def for_court(services: Services, user: CourtPrincipal) -> list[dict[str, Any]]:
    """The court's objections list: its own, and those sent up to it for reconsideration."""
    require(user, *COURT_ROLES)
    disclosure = _court_reader(services, user, "objections")
    with services.db.write() as tx:
        now = services.clock()
        found = [
            _view(services, tx, o, now, disclosure) for o in tx.objections(court_id=user.court_id)
        ]
        disclosure.log(tx, now)
    return found


def one_for_court(services: Services, user: CourtPrincipal, objection_id: int) -> dict[str, Any]:
    require(user, *COURT_ROLES)
    disclosure = _court_reader(services, user, f"objection:{objection_id}")
    with services.db.write() as tx:
        objection = tx.objection(objection_id)
        if objection is None:
            raise not_found("异议", "Objection")
        if user.court_id not in (objection.court_id, objection.reviewing_court_id):
            raise other_court("异议")
        now = services.clock()
        found = _view(services, tx, objection, now, disclosure)
        disclosure.log(tx, now)
    return found


def paper_for_court(
    services: Services, user: CourtPrincipal, objection_id: int, paper_id: int
) -> tuple[str, bytes]:
    """A filed paper's type and bytes, for the court handling the objection. Papers carry
    personal data (identity papers, contracts): each read is logged as the name's is."""
    require(user, *COURT_ROLES)
    disclosure = _court_reader(services, user, f"objection:{objection_id}")
    with services.db.write() as tx:
        objection = tx.objection(objection_id)
        found = tx.paper_data(paper_id)
        if objection is None or found is None or found[0].objection_id != objection_id:
            raise not_found("异议材料", "Paper")
        if user.court_id not in (objection.court_id, objection.reviewing_court_id):
            raise other_court("异议")
        disclosure.saw(f"objection:{objection.id}", f"paper:{paper_id}")
        disclosure.log(tx, services.clock())
    return found[0].content_type, found[1]
