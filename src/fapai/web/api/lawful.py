"""Back-office routes for what the law asks to be on record: the announcement's
published facts and their corrections (OJA Arts 12-16)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter
from pydantic import Field

from fapai.app.cases import publication
from fapai.web.api.cases import Body, Text500
from fapai.web.auth import CourtDep, ServicesDep
from fapai.web.params import LotId

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
