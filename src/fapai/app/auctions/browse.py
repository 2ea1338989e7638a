"""What the public home page lists: a keyword search with facets and sorting.

Every filter and the order run in the database (``Tx.search``), so a page view reads
one page of listings however many auctions there are. Auctions not yet published
(``draft``) are never listed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from fapai.app.auctions.ports import NOT_HERE, AuctionFilter
from fapai.app.auctions.queries import snapshot
from fapai.app.lots import materials
from fapai.app.services import Services

SORTS = ("default", "ending", "newest", "price_asc", "price_desc")
HIDDEN_STATUSES = NOT_HERE
MAX_WORDS = 8


@dataclass(frozen=True, slots=True)
class Browse:
    text: str = ""
    status: str | None = None
    round: int | None = None
    kind: str | None = None  # "sale" (变卖)
    property_type: str | None = None
    court_code: str | None = None
    region: str | None = None
    min_price: int | None = None  # fen, on the current price (or the starting price)
    max_price: int | None = None
    sort: str = "default"
    page: int = 1
    per_page: int = 12


def _where(query: Browse) -> AuctionFilter:
    return AuctionFilter(
        status=query.status,
        property_type=query.property_type,
        court_code=query.court_code,
        round=query.round,
        min_price=query.min_price,
        max_price=query.max_price,
        kind=query.kind,
        words=tuple(query.text.split()[:MAX_WORDS]),
        region=query.region,
        order=query.sort if query.sort in SORTS else "default",
    )


def _choosing(query: Browse, facet: str, value: str) -> Browse:
    """The search with one facet set to ``value`` ("" for 全部), the other filters kept."""
    if facet == "status":
        return replace(query, status=value or None)
    if facet == "round":
        return replace(
            query, round=int(value) if value.isdigit() else None,
            kind="sale" if value == "sale" else None,
        )  # fmt: skip
    return replace(query, property_type=value or None)


def facet_counts(
    services: Services, query: Browse, options: dict[str, list[str]]
) -> dict[str, dict[str, int]]:
    """How many auctions each facet choice lists (its value, or "" for 全部), with the other
    filters as they are: the numbers beside the chips, as the big platforms show them."""
    now = services.clock()
    counts: dict[str, dict[str, int]] = {}
    with services.db.read() as tx:
        for facet, values in options.items():
            counts[facet] = {
                value: tx.search(_where(_choosing(query, facet, value)), now, 0, 1)[1]
                for value in ("", *values)
            }
    return counts


def browse(services: Services, query: Browse) -> dict[str, Any]:
    """One page of matching auctions as snapshots, with the facets' choices."""
    now = services.clock()
    where = _where(query)
    per_page = max(1, query.per_page)
    with services.db.read() as tx:
        rows, total = tx.search(where, now, (max(1, query.page) - 1) * per_page, per_page)
        pages = max(1, -(-total // per_page))
        page = min(max(1, query.page), pages)
        if page != max(1, query.page):  # past the end: the last page
            rows, total = tx.search(where, now, (page - 1) * per_page, per_page)
        courts, regions = tx.facets()
        covers = [materials.cover(tx.materials(row.auction.lot_id)) for row in rows]
    return {
        "items": [
            {**snapshot(row, now), "cover": cover} for row, cover in zip(rows, covers, strict=True)
        ],
        "total": total,
        "page": page,
        "pages": pages,
        "courts": courts,
        "regions": regions,
        "server_time": now,
    }
