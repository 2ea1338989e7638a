"""The court's desk: its auctions and watching one live. Lots and auctions are made only
through the case workflow (the back office), whose checks every published auction passes.

The pages are shells: the court user's token stays in the browser and every
court datum is read from the court API with it, so a page never holds what
its visitor may not see.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from fapai.web.auth import ServicesDep
from fapai.web.pages import court_back_office, court_labels
from fapai.web.pages.court_text import court_text
from fapai.web.pages.public import auction_and_bids, auction_id_of
from fapai.web.pages.rendering import error_page, language, render

router = APIRouter(include_in_schema=False)
router.include_router(court_back_office.router)


@router.get("/court", response_class=HTMLResponse)
def desk(request: Request) -> HTMLResponse:
    return render(request, "court/desk.html", court_text=court_text(language(request)))


@router.get("/court/admin", response_class=HTMLResponse)
def administration(request: Request) -> HTMLResponse:
    """Staff, roles and access for administrators; courts for system administrators."""
    return render(
        request, "court/admin.html", roles=court_labels.ROLES,
        court_text=court_text(language(request)), page_data={},
    )  # fmt: skip


@router.get("/court/auctions/{auction_id}", response_class=HTMLResponse)
async def watch(auction_id: str, request: Request, services: ServicesDep) -> HTMLResponse:
    number = auction_id_of(auction_id)
    snapshot, bids = (
        (None, [])
        if number is None
        else await run_in_threadpool(auction_and_bids, services, number)
    )
    if snapshot is None:
        return error_page(request, 404, "拍卖不存在。", "No such auction.")
    return render(
        request, "court/watch.html", s=snapshot, bids=bids,
        court_text=court_text(language(request)),
    )  # fmt: skip
