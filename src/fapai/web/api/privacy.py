"""The personal-data read log, for the court's supervisor (issue 14 item 5)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from fapai.app.accounts import read_log
from fapai.web.auth import CourtDep, ServicesDep
from fapai.web.params import MAX_ID

router = APIRouter(prefix="/court", tags=["court"])


@router.get("/personal-data-reads", summary="Who read this court's personal data (supervisor)")
def personal_data_reads(
    user: CourtDep,
    services: ServicesDep,
    after: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
    limit: Annotated[int, Query(ge=1, le=read_log.MAX_PAGE)] = 50,
) -> dict[str, Any]:
    return read_log.review(services, user, after, limit)
