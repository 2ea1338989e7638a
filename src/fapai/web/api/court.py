"""The court's API for live auctions. Codes only: until the close the court, like
everyone, must not know who is bidding (OJA Art 18).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from fapai.app.auctions import queries
from fapai.app.auctions.ports import AuctionFilter
from fapai.app.audit.trail import verify
from fapai.app.cases import holders, panel
from fapai.app.errors import forbidden
from fapai.web.auth import CourtDep, ServicesDep
from fapai.web.params import MAX_ID, AuctionId, Day, fen

router = APIRouter(prefix="/court", tags=["court"])


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Disclosure(Body):
    """What the court discloses about the property (OJA Art 13-14)."""

    occupancy: Annotated[str, Field(max_length=2000, description="占有使用情况")] = ""
    leases: Annotated[str, Field(max_length=2000, description="租赁情况")] = ""
    arrears: Annotated[str, Field(max_length=2000, description="欠费情况")] = ""
    taxes: Annotated[str, Field(max_length=2000, description="税费及承担方式")] = ""
    encumbrances: Annotated[str, Field(max_length=2000, description="权利负担")] = ""
    clearing: Annotated[str, Field(max_length=2000, description="清场交付责任")] = ""
    other: Annotated[str, Field(max_length=2000, description="其他说明")] = ""
    # 标的物介绍 (app/lots/intake.DESCRIPTION_FIELDS)
    area: Annotated[str, Field(max_length=200, description="面积，如：建筑面积 89.5 平方米")] = ""
    use: Annotated[str, Field(max_length=200, description="用途，如：住宅")] = ""
    certificate: Annotated[str, Field(max_length=500, description="权属证书及其编号")] = ""
    description: Annotated[str, Field(max_length=2000, description="标的物概况")] = ""


class Panel(Body):
    """The collegial panel's decision (OJA Art 27)."""

    number: Annotated[str, Field(min_length=1, max_length=80)]
    decided_on: Day
    members: Annotated[list[Annotated[str, Field(max_length=40)]], Field(max_length=15)]

    def decision(self) -> panel.Panel:
        return panel.Panel(self.number, self.decided_on, tuple(self.members))


class Holder(Body):
    id_number: Annotated[str, Field(max_length=32)]
    rank: Annotated[int, Field(ge=1, le=holders.MAX_RANK)]
    evidence: Annotated[
        str, Field(max_length=300, description="what the right rests on: title, lease, …")
    ]
    panel: Annotated[Panel, Field(description="the collegial panel's decision (OJA Art 27)")]


@router.post(
    "/auctions/{auction_id}/preemptive-holders", status_code=204, summary="Confirm a holder"
)
def confirm_holder(
    auction_id: AuctionId, body: Holder, user: CourtDep, services: ServicesDep
) -> None:
    holders.confirm_preemptive_holder(
        services, user, auction_id, body.id_number, body.rank, body.evidence,
        body.panel.decision(),
    )  # fmt: skip


@router.get("/me", summary="Who this token is: login, role and court")
def me(user: CourtDep, services: ServicesDep) -> dict[str, Any]:
    return queries.court_user(services, user)


@router.get("/auctions", summary="This court's auctions")
def court_auctions(
    user: CourtDep,
    services: ServicesDep,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 20,
) -> dict[str, Any]:
    return queries.search(services, AuctionFilter(court_id=user.court_id), page, per_page)


@router.get("/auctions/{auction_id}/registrations", summary="Registrations by code")
def registrations(auction_id: AuctionId, user: CourtDep, services: ServicesDep) -> dict[str, Any]:
    return queries.court_registrations(services, user.court_id, auction_id)


@router.get("/auctions/{auction_id}/bids", summary="Every bid, refused ones included")
def every_bid(
    auction_id: AuctionId,
    user: CourtDep,
    services: ServicesDep,
    before: Annotated[int | None, Query(ge=1, le=MAX_ID, description="the page's cursor")] = None,
    limit: Annotated[int, Query(ge=1, le=queries.BIDS_PAGE)] = queries.BIDS_PAGE,
) -> dict[str, Any]:
    """The newest ``limit`` bids (oldest first in the page); ``before`` in the answer
    asks for the page before it, null when there is none."""
    return queries.all_bids(services, user.court_id, auction_id, before, limit)


@router.get("/audit/verify", summary="Check the audit chains (supervisors)")
def audit_verify(user: CourtDep, services: ServicesDep) -> dict[str, Any]:
    if user.role != "supervisor":
        raise forbidden(
            "role_not_allowed", "仅监督人员可校验审计链。", "Only supervisors may do this."
        )
    result = verify(services)
    return {
        "ok": result.problem is None,
        "scopes": result.scopes,
        "records": result.records,
        "seals": result.seals,
        "facts": result.facts,
        "problem": result.problem,
    }


class Applicant(Body):
    id_number: Annotated[str, Field(max_length=32)]
    claim: Annotated[str, Field(description="yuan: the applicant's claim in this case")]


@router.post(
    "/auctions/{auction_id}/applicant", status_code=204, summary="Declare the enforcement applicant"
)
def declare_applicant(
    auction_id: AuctionId, body: Applicant, user: CourtDep, services: ServicesDep
) -> None:
    holders.declare_applicant(services, user, auction_id, body.id_number, fen(body.claim, "claim"))
