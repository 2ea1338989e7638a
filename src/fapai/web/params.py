"""Path parameters shared by the routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from fapai.app.errors import not_found

# Row ids are 32-bit on PostgreSQL; a larger number names no auction. The
# dependencies here and in auth.py are ``async`` so that FastAPI runs them on the
# event loop instead of hopping to a worker thread for each one.
MAX_ID = 2**31 - 1


async def _auction_id(auction_id: int) -> int:
    if not 1 <= auction_id <= MAX_ID:
        raise not_found("拍卖", "Auction")
    return auction_id


AuctionId = Annotated[int, Depends(_auction_id)]
