"""What the public searches and reads of the listings: words, region, kind and order run
in the database, so a page reads one page of listings, not a scan.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Row,
    and_,
    case,
    func,
    or_,
    select,
)

from fapai.app.auctions.ports import (
    NOT_HERE,
    AuctionFilter,
    AuctionListing,
)
from fapai.storage.rows import AUCTION_COLUMNS, auction_record
from fapai.storage.tables import (
    auctions,
    bids,
    courts,
    lots,
)


def _mentions(word: str) -> Any:
    """A search word in the lot's title or location or the court's name; ``#12`` is an
    auction's number."""
    if word.startswith("#") and word[1:].isdigit() and len(word) < 12:
        return auctions.c.id == int(word[1:])
    pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return or_(
        *(
            column.ilike(pattern, escape="\\")
            for column in (lots.c.title, lots.c.location, courts.c.name)
        )
    )


def _order(order: str, now: datetime, current: Any) -> list[Any]:
    a = auctions.c
    if order == "ending":
        return [a.effective_end, a.id]
    if order == "newest":
        return [a.id.desc()]
    if order == "price_asc":
        return [current, a.id]
    if order == "price_desc":
        return [current.desc(), a.id]
    open_ = a.status == "open"
    group = case(
        (and_(open_, a.starts_at <= now, a.effective_end > now), 0),
        (and_(open_, a.effective_end <= now), 1),
        (open_, 2),
        else_=3,
    )
    # live and settling ones end soonest first, coming ones start soonest first, the
    # ended ones newest first
    soonest = case((group == 2, a.starts_at), (group < 2, a.effective_end), else_=None)
    return [group, soonest, a.effective_end.desc(), a.id]


def _listing(row: Row[Any]) -> AuctionListing:
    return AuctionListing(auction_record(row), *row[len(AUCTION_COLUMNS) :])


_LISTING_COLUMNS = [
    courts.c.code,
    courts.c.name,
    lots.c.title,
    lots.c.property_type,
    lots.c.location,
    lots.c.disclosure,
    lots.c.reference_price,
    auctions.c.announced_at,
    auctions.c.platform,
    auctions.c.pause,
    # the accepted bids (``auctions.bid_count`` counts refused ones too); only the rows
    # a page returns are counted
    select(func.count())
    .where(bids.c.auction_id == auctions.c.id, bids.c.reason.is_(None))
    .scalar_subquery(),
]


_LISTING_FROM = auctions.join(lots, lots.c.id == auctions.c.lot_id).join(
    courts, courts.c.id == auctions.c.court_id
)


class SearchStore:
    c: Connection

    def listing(self, auction_id: int) -> AuctionListing | None:
        row = self.c.execute(
            select(*AUCTION_COLUMNS, *_LISTING_COLUMNS)
            .select_from(_LISTING_FROM)
            .where(auctions.c.id == auction_id)
        ).first()
        return _listing(row) if row else None

    def search(
        self, where: AuctionFilter, now: datetime, offset: int, limit: int
    ) -> tuple[list[AuctionListing], int]:
        asked = (*where.words, where.status, where.property_type, where.court_code, where.kind,
                 where.region)  # fmt: skip
        if any("\x00" in text for text in asked if text):
            return [], 0  # PostgreSQL cannot compare text with a NUL; nothing stored holds one
        conditions: list[Any] = []
        open_ = auctions.c.status == "open"
        if where.status == "upcoming":
            conditions += [open_, auctions.c.starts_at > now]
        elif where.status == "live":
            conditions += [open_, auctions.c.starts_at <= now, auctions.c.effective_end > now]
        elif where.status == "closing":
            conditions += [open_, auctions.c.effective_end <= now]
        elif where.status is not None:
            conditions.append(auctions.c.status == where.status)
        if where.property_type is not None:
            conditions.append(lots.c.property_type == where.property_type)
        if where.court_code is not None:
            conditions.append(courts.c.code == where.court_code)
        if where.court_id is not None:
            conditions.append(auctions.c.court_id == where.court_id)
        else:  # public once announced, and only where held here (app/auctions/availability)
            conditions.append(auctions.c.status.not_in(NOT_HERE))
        if where.kind is not None:
            conditions.append(auctions.c.kind == where.kind)
        if where.round is not None:
            conditions.append(auctions.c.round == where.round)
        current = func.coalesce(auctions.c.price, auctions.c.start_price)
        if where.min_price is not None:
            conditions.append(current >= where.min_price)
        if where.max_price is not None:
            conditions.append(current <= where.max_price)
        if where.region is not None:
            conditions.append(lots.c.region == where.region)
        for word in where.words:
            conditions.append(_mentions(word))
        condition = and_(True, *conditions)
        total = self.c.scalar(select(func.count()).select_from(_LISTING_FROM).where(condition))
        rows = self.c.execute(
            select(*AUCTION_COLUMNS, *_LISTING_COLUMNS)
            .select_from(_LISTING_FROM)
            .where(condition)
            .order_by(*_order(where.order, now, current))
            .offset(offset)
            .limit(limit)
        ).all()
        return [_listing(row) for row in rows], int(total or 0)

    def facets(self) -> tuple[list[tuple[str, str]], list[str]]:
        public = auctions.c.status.not_in(NOT_HERE)
        court_rows = self.c.execute(
            select(courts.c.code, courts.c.name)
            .where(courts.c.id.in_(select(auctions.c.court_id).where(public)))
            .order_by(courts.c.code)
        ).all()
        regions = self.c.scalars(
            select(lots.c.region)
            .distinct()
            .where(
                lots.c.id.in_(select(auctions.c.lot_id).where(public)), lots.c.region.is_not(None)
            )
            .order_by(lots.c.region)
        )
        return [(str(code), str(name)) for code, name in court_rows], [str(r) for r in regions]
