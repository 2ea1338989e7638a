"""The roles table of docs/back-office.md ("Who does what") is the contract: this test
reads it, and every act it lists is tried over HTTP as each court role. A role the table
does not give an act is refused 403 `role_not_allowed` and nothing is written; a role it
gives is never refused for its role. A route the table names must exist, and every act
of the back office's routers must be in the table (issue 14: an RBAC matrix generated
from the documentation, so that the two cannot drift apart).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute

from case_support import a_court, drafted_lot
from fapai.web.api import cases, court, institutions, lawful, remedies
from support import bidder
from test_api_cases import COURT, ROUTES, as_, written

DOC = Path(__file__).resolve().parents[1] / "docs" / "back-office.md"
ROLES = ("auction_office", "enforcement", "director", "supervisor")
WHO = {
    "enforcement": {"enforcement"},
    "office": {"auction_office"},
    "director": {"director"},
    "enforcement or office": {"enforcement", "auction_office"},
    "office or supervisor": {"auction_office", "supervisor"},
    "any court role": set(ROLES),
}
_ROOTS = (
    "cases",
    "lots",
    "auctions",
    "excluded-persons",
    "deadlines",
    "objections",
    "complaints",
    "institutions",
)
_CALL = re.compile(r"^(?:(GET|POST) )?(\S+?)(?:\?\S*)?$")


def documented() -> list[tuple[str, str, frozenset[str]]]:
    """(method, path with `{}` for each id, roles) for every API route of the table."""
    text = DOC.read_text(encoding="utf-8")
    table = text.split("## Who does what", 1)[1].split("\n## ", 1)[0]
    found = []
    for line in table.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 4 or cells[2] in ("—", "API (`/api/v1/court/...`)") or "---" in cells[2]:
            continue
        roles = WHO.get(cells[1])
        assert roles is not None, f"unknown role in the table: {cells[1]!r}"
        method, base = "POST", ""
        for call in re.findall(r"`([^`]+)`", cells[2]):
            match = _CALL.match(call)
            assert match is not None, call
            method = match.group(1) or method
            path = match.group(2)
            if path.startswith("..."):
                path = base + path[3:]  # `.../run`: the previous path's continuation
            elif path.split("/")[1] not in _ROOTS:
                path = base.rsplit("/", 1)[0] + path  # `/forfeiture`: the first's sibling
            else:
                base = path
            found.append((method, re.sub(r"\{[^}]+\}", "{}", path), frozenset(roles)))
    return found


def routes() -> dict[tuple[str, str], APIRoute]:
    """The back office's acts in the code, by (method, path with `{}` for each id)."""
    found = {}
    for router in (cases.router, lawful.router, court.router, remedies.court, institutions.router):
        for route in router.routes:
            if isinstance(route, APIRoute) and "/court" in router.prefix + route.path:
                path = re.sub(r"\{[^}]+\}", "{}", route.path.removeprefix("/court"))
                for method in route.methods:
                    found[(method, path)] = route
    return found


def test_the_table_and_the_routes_are_the_same_acts() -> None:
    table = {(method, path) for method, path, _ in documented()}
    code = set(routes())
    missing_in_code = {(m, p) for m, p in table if (m, p) not in code and not _ledger(p)}
    assert not missing_in_code, f"the table names routes that do not exist: {missing_in_code}"
    undocumented = {
        (m, p) for m, p in code if m == "POST" and (m, p) not in table and "materials" not in p
    }
    assert not undocumented, f"acts missing from docs/back-office.md's table: {undocumented}"


def _ledger(path: str) -> bool:
    """The ledger's acts (default, forfeiture, in lieu) live in web/api/ledger.py."""
    return "/in-lieu" in path or path.rsplit("/", 1)[-1] in ("default", "forfeiture")


# A well-formed body for each act the table lists (the role check must be what answers,
# not the body's validation); test_api_cases.py's ROUTES give most of them.
BODIES: dict[str, dict[str, Any]] = {
    re.sub(r"\{[^}]+\}", "{}", path): body for path, body, _ in ROUTES
} | {
    "/lots/{}/sale-approval": {},
    "/cases/{}/enforcement-amount": {"amount": "1000000.00"},
    "/lots/{}/debtor-consent": {"signed_on": "2026-11-30"},
    "/lots/{}/sold-together": {"items": ["车位", "储藏室"], "reason": "inseparable"},
    "/lots/{}/documents/{}/reissue": {"reason": "更正", "purpose": "sale_documents"},
    "/lots/{}/sale-revocation": {
        "ground": "collusion", "reason": "异议成立", "ruling_number": "（2026）沪01执异5号",
    },
    "/lots/{}/sale-revocation/approval": {},
    "/auctions/{}/clawbacks/{}": {"bank_ref": "B-1"},
    "/lots/{}/publication-facts": {
        "payment_account": "法院账户", "contact": "021-1", "supervision": "监督电话",
        "viewing": "预约看样", "report_published": True,
    },
    "/lots/{}/publication-corrections": {"reason": "更正", "contact": "021-2"},
    "/lots/{}/prior-claims": {"prior_claims": "1.00", "costs": "1.00", "note": "无"},
    "/lots/{}/no-surplus-notice": {"on_date": "2026-11-30"},
    "/lots/{}/online-inquiries": {
        "platform": "jd", "amount": "1000000.00", "delivered_on": "2026-11-30",
    },
    "/lots/{}/online-reference": {"fixed_on": "2026-11-30"},
    "/lots/{}/appraisal-draw": {"agencies": ["A", "B"]},
    "/lots/{}/appraisal-draw/run": {},
    "/lots/{}/report-delivery": {"delivered_on": "2026-11-30"},
    "/lots/{}/report-objections": {"role": "debtor", "on_date": "2026-11-30"},
    "/lots/{}/report-objections/resolution": {"outcome": "rejected"},
    "/excluded-persons": {"id_number": "", "category": "court_staff"},
    "/excluded-persons/removal": {"id_number": "", "category": "court_staff"},
    "/auctions/{}/proxies/{}/confirmation": {},
    "/auctions/{}/preemptive-holders": {
        "id_number": "", "rank": 1, "evidence": "租赁合同",
        "panel": {"number": "合议庭评议（2026）第2号", "decided_on": "2026-11-30",
                  "members": ["张法官", "李法官", "王法官"]},
    },
    "/auctions/{}/applicant": {"id_number": "", "claim": "100000.00"},
    "/auctions/{}/default": {},
    "/auctions/{}/forfeiture": {"costs": "1.00", "shortfall": "1.00", "debtor_debt": "1.00"},
    "/auctions/{}/in-lieu/requests": {"creditor": "甲公司", "claim": "1000000.00", "rank": 1},
    "/auctions/{}/in-lieu/draw": {},
    "/auctions/{}/in-lieu/draw/run": {},
    "/auctions/{}/in-lieu/approval": {},
    "/auctions/{}/in-lieu": {},
    "/objections/{}/papers-request": {"missing": "身份证明"},
    "/objections/{}/docket": {},
    "/objections/{}/notice": {"recipients": "异议人"},
    "/objections/{}/ruling": {"outcome": "dismissed", "reason": "理由不成立"},
    "/objections/{}/pause": {"kind": "suspended", "reason": "案外人异议"},
    "/objections/{}/closing": {"note": "结案"},
    "/objections/{}/revocation": {},
    "/complaints/{}/deadline": {"respond_by": "2026-12-05"},
    "/complaints/{}/answer": {"response": "已处理"},
    "/institutions/rounds": {"media": "日报", "announced_on": "2026-11-30",
                             "closes_on": "2026-12-07"},
    "/institutions/rounds/{}/applications": {
        "credit_code": "91310000MA00000001", "name": "某机构", "registered_capital": "5000000.00",
        "declared": dict.fromkeys((
            "has_internal_rules", "has_premises_and_equipment", "has_experienced_staff",
            "offers_storage_transport", "has_storage_transport_capacity",
            "weekly_service_0830_2200", "keeps_full_logs", "court_staff_tie",
            "on_dishonest_list", "criminal_conviction"), False),
        "commitments_signed": True,
        "persons": [{"role": "legal_representative", "id_number": "X"}],
    },
    "/institutions/rounds/{}/review": {"supervision": "监察室"},
    "/institutions/rounds/{}/notice": {"first_day": "2026-11-30"},
    "/institutions/rounds/{}/decision": {"decided_on": "2026-11-30", "decision_ref": "决定"},
    "/institutions/rounds/{}/filing": {"filed_on": "2026-11-30"},
    "/institutions/rounds/{}/publication": {"published_on": "2026-11-30"},
    "/institutions/{}/agreements": {"starts_on": "2026-11-30", "ends_on": "2027-11-30"},
    "/institutions/{}/suspension": {"grounds": ["art23_7"]},
    "/institutions/{}/reinstatement": {},
    "/institutions/{}/removal": {"grounds": ["art23_7"]},
    "/institutions/{}/removal-report": {"reported_on": "2026-11-30"},
    "/institutions/ban-term": {"years": 3},
    "/lots/{}/institution-draw": {"recusals": {}},
    "/lots/{}/institution-draw/run": {},
    "/lots/{}/institution-replacement": {
        "by": "court_decision", "reason": "逾期", "files_due": "2026-12-07",
    },
    "/lots/{}/institution-tasks": {
        "kind": "status_check", "instructions": "核实", "due_on": "2026-12-07", "assignee": "x",
    },
    "/institutions/tasks/{}/review": {"accept": True},
    "/lots/{}/institution-costs": {"amount": "100.00", "reason": "实际支出"},
    "/lots/{}/institution-fee/completion": {},
    "/lots/{}/institution-files-return": {},
    "/auctions/{}/institution-fee/payment": {"bank_ref": "F-1", "amount": "100.00"},
    "/institutions/{}/evaluations": {
        "period_from": "2026-01-01", "period_to": "2026-06-30", "result": "pass",
        "remarks": "合格",
    },
}  # fmt: skip


def target(path: str, case: int, lot: int, auction: int) -> str:
    """The act's URL for this court's case, lot or auction (and a document's kind)."""
    first = case if path.startswith("/cases") else lot if path.startswith("/lots") else auction
    ids = iter((first, "announcement" if "documents" in path else "P-none"))
    return COURT + re.sub(r"\{\}", lambda _: str(next(ids)), path)


def test_each_act_answers_only_the_roles_the_table_gives_it(services, clock, http) -> None:
    """Shanghai items 7-11 (执拍分离): every act of the table, as every court role."""
    c = a_court(services)
    lot, auction = drafted_lot(services, c, clock)
    with services.db.read() as tx:
        case = tx.lot(lot).case_id
    someone = bidder(services, "某人")

    def url(path: str) -> str:
        return target(path, case, lot, auction)

    def body(path: str) -> dict[str, Any]:
        found = dict(BODIES[path])
        if "id_number" in found:
            found["id_number"] = someone.id_number
        return found

    acts = documented()
    missing = sorted({path for method, path, _ in acts if method == "POST"} - set(BODIES))
    assert not missing, f"give these acts a body in BODIES: {missing}"
    before = written(services)
    refused = 0
    for method, path, allowed in acts:
        for role in sorted(set(ROLES) - allowed):
            sent = body(path) if method == "POST" else None
            reply = http.request(method, url(path), json=sent, headers=as_(c, role))
            assert reply.status_code == 403, (path, role, reply.status_code, reply.text)
            assert reply.json()["error"]["code"] == "role_not_allowed", (path, role)
            refused += 1
    assert written(services) == before
    assert refused > 60  # the table's POST acts, each refused to the roles it lacks
    for method, path, allowed in acts:
        if method != "GET":
            continue
        for role in sorted(allowed):
            reply = http.get(url(path), headers=as_(c, role))
            assert reply.status_code != 403, (path, role, reply.text)


@pytest.mark.parametrize("role", ROLES)
def test_a_role_the_table_gives_an_act_is_not_refused_for_it(services, clock, http, role) -> None:
    """The other side of the table: each act its role may do answers with anything but a
    role refusal (the act may still be refused for the lot's stage, with its own code)."""
    c = a_court(services)
    lot, auction = drafted_lot(services, c, clock)
    with services.db.read() as tx:
        case = tx.lot(lot).case_id
    for method, path, allowed in documented():
        if role not in allowed or method != "POST":
            continue
        reply = http.post(target(path, case, lot, auction), json=BODIES[path], headers=as_(c, role))
        if reply.status_code == 403:
            assert reply.json()["error"]["code"] != "role_not_allowed", (path, role)
