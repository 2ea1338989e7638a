"""Rows and records every store shares: the auction's columns as its record, and inserting
a row for its new id."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from sqlalchemy import Connection, Row, insert

from fapai.app.auctions.ports import AuctionRecord
from fapai.storage.tables import auctions

AUCTION_FIELDS = [f.name for f in fields(AuctionRecord)]
AUCTION_COLUMNS = [auctions.c[name] for name in AUCTION_FIELDS]


def auction_record(row: Row[Any]) -> AuctionRecord:
    return AuctionRecord(*row[: len(AUCTION_COLUMNS)])


def insert_id(connection: Connection, table: Any, **values: Any) -> int:
    """Insert one row and return its id."""
    result = connection.execute(insert(table).values(**values).returning(table.c.id))
    return int(result.scalar_one())
