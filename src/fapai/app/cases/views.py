"""What court users read of their cases: the list, one case with its lots, their stages,
rounds and steps. The parties' names are shown in full to the case's own court (issue
16 item 10: the court knows its parties); each view is a read of personal data, logged
with the purpose of the court's own enforcement work (app/audit/reads.py). Bidders'
identities are another matter: none is read here."""

from __future__ import annotations

import json
from typing import Any

from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.audit import reads
from fapai.app.cases.ports import CaseRecord
from fapai.app.errors import not_found, other_court
from fapai.app.lots import materials
from fapai.app.lots.ports import LotRecord
from fapai.app.ports import Tx
from fapai.app.presenting import beijing, yuan
from fapai.app.services import Services
from fapai.domain.workflow.stages import STAGES

_PRIVATE = ("recipient",)  # encrypted names inside steps' details


def cases(services: Services, user: CourtPrincipal) -> dict[str, Any]:
    disclosure = _disclosure(services, user, "GET /api/v1/court/cases", "本院案件列表")
    with services.db.write() as tx:
        found = tx.cases(user.court_id)
        lots = tx.lots(user.court_id)
        by_case: dict[int, list[LotRecord]] = {}
        for lot in lots:
            by_case.setdefault(lot.case_id or 0, []).append(lot)
        listed = [
            {**_case(disclosure, case), "lots": [_lot_line(x) for x in by_case.get(case.id, [])]}
            for case in found
        ]
        disclosure.log(tx, services.clock())
    return {"cases": listed}


def case(services: Services, user: CourtPrincipal, case_id: int) -> dict[str, Any]:
    route = f"GET /api/v1/court/cases/{case_id}"
    disclosure = _disclosure(services, user, route, "本院案件")
    with services.db.write() as tx:
        found = tx.case(case_id)
        if found is None:
            raise not_found("案件", "Case")
        if found.court_id != user.court_id:
            raise other_court("案件")
        lots = [lot_detail(tx, lot) for lot in tx.lots(user.court_id, case_id)]
        shown = {**_case(disclosure, found), "lots": lots}
        disclosure.log(tx, services.clock())
    return shown


def _disclosure(
    services: Services, user: CourtPrincipal, route: str, note: str
) -> reads.Disclosure:
    reader = reads.Reader("court_user", user.user_id, "enforcement", note, route)
    return reads.Disclosure(services.cipher, reader, user.court_id)


def _case(disclosure: reads.Disclosure, case: CaseRecord) -> dict[str, Any]:
    record = f"case:{case.id}"
    return {
        "id": case.id,
        "number": case.number,
        "basis": case.basis,
        "applicant": disclosure.decrypt(record, "applicant", case.applicant_enc),
        "debtor": disclosure.decrypt(record, "debtor", case.debtor_enc),
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
    # every version of every document as issued, each kept and served as it was (issue 16)
    issued = [
        {
            "kind": d.kind, "party": d.party or None, "auction_id": d.auction_id,
            "version": d.version, "issued_on": d.issued_on.isoformat(),
            "issued_at": beijing(d.issued_at), "reason": d.reason or None,
            "issued_by": names.get(d.issued_by, d.issued_by), "sha256": d.sha256,
        }
        for d in tx.lot_issued_documents(lot.id)
        if d.lang == "zh" and d.format == "pdf"
    ]  # fmt: skip
    return {
        **_lot_line(lot), "rounds": rounds, "steps": steps, "materials": shown,
        "issued_documents": issued,
    }  # fmt: skip


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
