"""What court users read of their cases: the list, one case with its lots, their stages,
rounds and steps. Parties' names are shown masked; in full they appear only in the
generated documents, whose every generation is on the audit trail."""

from __future__ import annotations

import json
from typing import Any

from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.cases.ports import CaseRecord
from fapai.app.errors import not_found, other_court
from fapai.app.lots import materials
from fapai.app.lots.ports import LotRecord
from fapai.app.ports import Tx
from fapai.app.presenting import beijing, yuan
from fapai.app.services import Services
from fapai.domain.identity import mask_name
from fapai.domain.workflow.stages import STAGES

_PRIVATE = ("recipient",)  # encrypted names inside steps' details


def cases(services: Services, user: CourtPrincipal) -> dict[str, Any]:
    with services.db.read() as tx:
        found = tx.cases(user.court_id)
        lots = tx.lots(user.court_id)
    by_case: dict[int, list[LotRecord]] = {}
    for lot in lots:
        by_case.setdefault(lot.case_id or 0, []).append(lot)
    return {
        "cases": [
            {**_case(services, case), "lots": [_lot_line(lot) for lot in by_case.get(case.id, [])]}
            for case in found
        ]
    }


def case(services: Services, user: CourtPrincipal, case_id: int) -> dict[str, Any]:
    with services.db.read() as tx:
        found = tx.case(case_id)
        if found is None:
            raise not_found("案件", "Case")
        if found.court_id != user.court_id:
            raise other_court("案件")
        lots = [lot_detail(tx, lot) for lot in tx.lots(user.court_id, case_id)]
    return {**_case(services, found), "lots": lots}


def _case(services: Services, case: CaseRecord) -> dict[str, Any]:
    cipher = services.cipher
    return {
        "id": case.id,
        "number": case.number,
        "basis": case.basis,
        "applicant": mask_name(cipher.decrypt(case.applicant_enc)),
        "debtor": mask_name(cipher.decrypt(case.debtor_enc)),
    }


def _lot_line(lot: LotRecord) -> dict[str, Any]:
    return {
        "id": lot.id,
        "title": lot.title,
        "property_type": lot.property_type,
        "house": lot.house,
        "stage": lot.stage,
        "stage_label": STAGES.get(lot.stage or "", ""),
        "reference_price": yuan(lot.reference_price),
        "reference_method": lot.reference_method,
        "reference_valid_until": (
            lot.reference_valid_until.isoformat() if lot.reference_valid_until else None
        ),
    }


def lot_detail(tx: Tx, lot: LotRecord) -> dict[str, Any]:
    rounds = []
    for auction in tx.lot_auctions(lot.id):
        extras = tx.extras(auction.id)
        rounds.append(
            {
                "auction_id": auction.id,
                "round": auction.round,
                "kind": auction.kind,
                "status": auction.status,
                "start_price": yuan(auction.start_price),
                "deposit": yuan(auction.deposit),
                "starts_at": beijing(auction.starts_at),
                "ends_at": beijing(auction.ends_at),
                "announced_at": beijing(extras.announced_at),
                "platform": extras.platform,
                "previous_id": extras.previous_id,
                "pause": json.loads(extras.pause) if extras.pause else None,
            }
        )
    steps = []
    # the court reads who acted by name (issue 16); the trail keeps the login
    names = {f"court_user:{u.login}": u.name for u in tx.staff_of_court(lot.court_id)}
    for s in tx.steps(lot.id):
        details = {k: v for k, v in json.loads(s.details).items() if k not in _PRIVATE}
        steps.append(
            {
                "step": s.step,
                "on_date": s.on_date.isoformat(),
                "auction_id": s.auction_id,
                "actor": s.actor,
                "at": beijing(s.at),
                "details": details,
                "actor_name": names.get(s.actor),
            }
        )
    shown = materials.listed(tx.materials(lot.id))
    return {**_lot_line(lot), "rounds": rounds, "steps": steps, "materials": shown}


def platform_list(services: Services) -> list[dict[str, Any]]:
    """The platforms with their listing dates (OJA Art 4-5)."""
    with services.db.read() as tx:
        found = tx.platforms()
    return [
        {
            "code": p.code,
            "name": p.name,
            "site": p.site,
            "listed_from": p.listed_from.isoformat(),
            "listed_to": p.listed_to.isoformat() if p.listed_to else None,
            "listing_confirmed": p.listing_confirmed,
        }
        for p in found
    ]
