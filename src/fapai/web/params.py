"""Path parameters shared by the routes."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from fastapi import Depends
from pydantic import AfterValidator, AwareDatetime, Field

from fapai.app.errors import invalid, not_found
from fapai.domain.money import MAX_FEN, parse_yuan
from fapai.domain.rules import EARLIEST_YEAR, LATEST_YEAR

# Row ids are 32-bit on PostgreSQL; a larger number names no auction. The
# dependencies here and in auth.py are ``async`` so that FastAPI runs them on the
# event loop instead of hopping to a worker thread for each one.
MAX_ID = 2**31 - 1


def _in_years(moment: datetime) -> datetime:
    if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        raise ValueError(f"must fall between {EARLIEST_YEAR} and {LATEST_YEAR}")
    return moment


# Every day and time a request gives, within the years fapai computes with (issue 14:
# a time in year 9999 broke every page that computed from it).
Day = Annotated[date, Field(ge=date(EARLIEST_YEAR, 1, 1), le=date(LATEST_YEAR, 12, 31))]
Moment = Annotated[AwareDatetime, AfterValidator(_in_years)]


async def _auction_id(auction_id: int) -> int:
    if not 1 <= auction_id <= MAX_ID:
        raise not_found("拍卖", "Auction")
    return auction_id


AuctionId = Annotated[int, Depends(_auction_id)]


async def _lot_id(lot_id: int) -> int:
    if not 1 <= lot_id <= MAX_ID:
        raise not_found("标的物", "Lot")
    return lot_id


async def _case_id(case_id: int) -> int:
    if not 1 <= case_id <= MAX_ID:
        raise not_found("案件", "Case")
    return case_id


LotId = Annotated[int, Depends(_lot_id)]
CaseId = Annotated[int, Depends(_case_id)]


def fen(text: str, name: str) -> int:
    """A positive amount of yuan given as text ("1000.00"), in fen; a 422 otherwise."""
    amount = parse_yuan(text)
    if amount is None or amount > MAX_FEN:
        raise invalid(
            "invalid_amount",
            f"{name} 须为金额，如 1000.00。",
            f"{name} must be an amount like 1000.00.",
        )
    return amount
