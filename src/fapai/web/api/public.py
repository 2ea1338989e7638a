"""What anyone may read: auctions, their live state, bid histories by code, results."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from fapai.app.auctions import page_views, publication, queries
from fapai.app.auctions.export import export_auction
from fapai.app.auctions.ports import AuctionFilter
from fapai.app.cases import case_documents
from fapai.app.errors import conflict, invalid
from fapai.app.presenting import beijing
from fapai.domain.calendar import beijing_date
from fapai.domain.money import MAX_FEN, parse_yuan
from fapai.web import page_views as viewing
from fapai.web.auth import ServicesDep
from fapai.web.params import AuctionId
from fapai.web.responses import attachment

router = APIRouter(tags=["public"])

Status = Literal[
    "upcoming", "live", "closing", "sold", "unsold", "defaulted", "in_lieu", "postponed",
    "suspended", "revoked",
]  # fmt: skip
Kind = Literal["auction", "sale"]
Sort = Literal["default", "ending", "newest", "price_asc", "price_desc"]
PropertyType = Literal["real_estate", "movable", "other_right"]


def _price(text: str | None, name: str) -> int | None:
    if text is None:
        return None
    fen = parse_yuan(text)
    if fen is None or fen > MAX_FEN:
        raise invalid(
            "invalid_price",
            f"{name} 须为金额，如 1000.00。",
            f"{name} must be an amount like 1000.00.",
        )
    return fen


@router.get("/auctions", summary="Search auctions")
def search_auctions(
    services: ServicesDep,
    status: Status | None = None,
    property_type: PropertyType | None = None,
    court: Annotated[str | None, Query(max_length=32)] = None,
    round: Annotated[int | None, Query(ge=1, le=3, description="1, 2, or 3 for 变卖")] = None,
    kind: Annotated[Kind | None, Query(description="auction, or sale (变卖)")] = None,
    q: Annotated[str, Query(max_length=100, description="words in the title, place or court")] = "",
    region: Annotated[str | None, Query(max_length=40, description="e.g. 上海市")] = None,
    sort: Sort = "ending",
    min_price: Annotated[str | None, Query(description="yuan, e.g. 100000.00")] = None,
    max_price: Annotated[str | None, Query(description="yuan")] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=queries.MAX_PAGE)] = 20,
) -> dict[str, Any]:
    where = AuctionFilter(
        status,
        property_type,
        court,
        round,
        _price(min_price, "min_price"),
        _price(max_price, "max_price"),
        kind=kind,
        words=tuple(q.split()[:8]),
        region=region,
        order=sort,
    )
    return queries.search(services, where, page, per_page)


@router.get("/auctions/{auction_id}", summary="An auction's snapshot")
def get_auction(auction_id: AuctionId, services: ServicesDep) -> dict[str, Any]:
    return queries.auction_snapshot(services, auction_id)


@router.post("/auctions/{auction_id}/views", summary="Count a view of the page (围观次数)")
def count_view(
    auction_id: AuctionId, request: Request, response: Response, services: ServicesDep
) -> dict[str, int]:
    """The auction page's script reports its view; a browser is counted once a day per
    auction, robots and other sites' requests not at all (web/page_views.py)."""
    today = beijing_date(services.clock())
    counted = viewing.counts(request, auction_id, today)
    views = page_views.count(services, auction_id, counted)
    if counted:
        viewing.remember(request, response, auction_id, today)
    return {"view_count": views}


@router.get("/auctions/{auction_id}/publication", summary="The announcement as published")
def get_publication(auction_id: AuctionId, services: ServicesDep) -> dict[str, Any]:
    """The current version and every earlier one, each with its date (corrections)."""
    return publication.read(services, auction_id)


@router.get(
    "/auctions/{auction_id}/announcement.pdf",
    summary="The announcement as issued (PDF)",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}},
)
def get_announcement(auction_id: AuctionId, services: ServicesDep) -> Response:
    """The court's formal announcement (拍卖公告 or 变卖公告) as issued, once the round is
    announced (OJA Art 12). It names no party; the same bytes the court keeps."""
    data, name = case_documents.public_announcement(services, auction_id)
    return Response(
        data, media_type="application/pdf",
        headers={"Content-Disposition": attachment(f"announcement-{auction_id}.pdf", name)},
    )  # fmt: skip


@router.get("/auctions/{auction_id}/bids", summary="Accepted bids by bidder code")
def get_bids(auction_id: AuctionId, services: ServicesDep) -> dict[str, Any]:
    return queries.bid_history(services, auction_id)


@router.get("/auctions/{auction_id}/result", summary="Outcome and sale confirmation")
def get_result(auction_id: AuctionId, services: ServicesDep) -> dict[str, Any]:
    return queries.result(services, auction_id, f"GET /api/v1/auctions/{auction_id}/result")


# Bidding that ran to its end, whatever came after it (a default, a creditor taking the
# property): the file replays to the verdict of that end. A revoked auction's bidding was
# cut short by the court, so it has no verdict to check.
EXPORTED_STATUSES = frozenset({"sold", "unsold", "defaulted", "in_lieu"})


@router.get("/auctions/{auction_id}/export", summary="The auction as a fapai-replay/1 file")
async def get_export(auction_id: AuctionId, services: ServicesDep) -> dict[str, Any]:
    snapshot = await run_in_threadpool(queries.auction_snapshot, services, auction_id)
    if snapshot["status"] == "revoked":
        raise conflict(
            "revoked", "拍卖已撤销，竞价未完成，不提供竞价记录文件。",
            "The auction was revoked before its bidding ended; there is no file to check.",
        )  # fmt: skip
    if snapshot["status"] not in EXPORTED_STATUSES:
        raise conflict(
            "not_closed", "竞价结束后方可导出。", "The export is published after the close."
        )
    return await run_in_threadpool(export_auction, services.db, auction_id)


@router.get("/time", summary="Server time (Beijing)")
def server_time(services: ServicesDep) -> dict[str, Any]:
    return {"server_time": beijing(services.clock())}
