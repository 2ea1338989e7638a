"""Back-office routes for what the law asks to be on record: the announcement's
published facts and their corrections (OJA Arts 12-16), the claims before the
applicant's and the notice of a sale that leaves nothing (ASR Art 6)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter
from pydantic import Field

from fapai.app.cases import no_surplus, publication
from fapai.web.api.cases import Body, Text500
from fapai.web.auth import CourtDep, ServicesDep
from fapai.web.params import LotId, fen

router = APIRouter(prefix="/court", tags=["back office"])


class Arrangements(Body):
    payment_account: Annotated[Text500, Field(description="法院专用账户")]
    contact: Annotated[Text500, Field(description="咨询方式")]
    supervision: Annotated[Text500, Field(description="监督（投诉）渠道")]
    viewing: Annotated[Text500, Field(description="看样安排")]
    report_published: bool


@router.post(
    "/lots/{lot_id}/publication-facts", status_code=204,
    summary="The announcement's account, contact, supervision and viewing (office)",
)  # fmt: skip
def arrangements(lot_id: LotId, body: Arrangements, user: CourtDep, services: ServicesDep) -> None:
    publication.record_arrangements(
        services, user, lot_id, body.payment_account, body.contact, body.supervision,
        body.viewing, body.report_published,
    )  # fmt: skip


class Correction(Body):
    reason: Text500
    payment_account: Text500 | None = None
    contact: Text500 | None = None
    supervision: Text500 | None = None
    viewing: Text500 | None = None
    special_warnings: Annotated[str, Field(max_length=2000)] | None = None
    report_published: bool | None = None


@router.post(
    "/lots/{lot_id}/publication-corrections", status_code=201,
    summary="Publish a correction (更正) of the announcement (office)",
)  # fmt: skip
def correction(
    lot_id: LotId, body: Correction, user: CourtDep, services: ServicesDep
) -> dict[str, int]:
    changes = body.model_dump(exclude_none=True, exclude={"reason"})
    return {"version": publication.correct(services, user, lot_id, body.reason, changes)}


class PriorClaims(Body):
    prior_claims: Annotated[str, Field(description="优先债权（元）", examples=["800000.00"])]
    costs: Annotated[str, Field(description="强制执行费用（元）", examples=["10000.00"])]
    note: Text500


@router.post(
    "/lots/{lot_id}/prior-claims", status_code=204,
    summary="Claims ranking before the applicant's, and the costs (office, ASR Art 6)",
)  # fmt: skip
def prior_claims(lot_id: LotId, body: PriorClaims, user: CourtDep, services: ServicesDep) -> None:
    no_surplus.record_prior_claims(
        services, user, lot_id, fen(body.prior_claims, "prior_claims"), fen(body.costs, "costs"),
        body.note,
    )  # fmt: skip


class OnDate(Body):
    on_date: date


@router.post(
    "/lots/{lot_id}/no-surplus-notice", status_code=204,
    summary="The applicant was told the sale may leave nothing (office, ASR Art 6)",
)  # fmt: skip
def surplus_notice(lot_id: LotId, body: OnDate, user: CourtDep, services: ServicesDep) -> None:
    no_surplus.record_notice(services, user, lot_id, body.on_date)
