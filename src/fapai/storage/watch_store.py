"""The watchlist's part of ``SqlTx``: the auctions a bidder follows (issue 16 item 6), and
the counts an auction page shows (报名人数, 关注人数, 围观次数)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, delete, func, select
from sqlalchemy.dialects import postgresql, sqlite

from fapai.storage.tables import auction_views, registrations, watchlist

# a second click (or a request racing it) leaves the one row there is: never a failure
_WATCH = {
    name: dialect.insert(watchlist).on_conflict_do_nothing()
    for name, dialect in (("postgresql", postgresql), ("sqlite", sqlite))
}

# one more view: the row is made by the first and counted up by the rest, in one statement
_VIEW = {
    name: dialect.insert(auction_views)
    .values(views=1)
    .on_conflict_do_update(
        index_elements=[auction_views.c.auction_id], set_={"views": auction_views.c.views + 1}
    )
    for name, dialect in (("postgresql", postgresql), ("sqlite", sqlite))
}


class WatchStore:
    c: Connection

    def watch(self, account_id: int, auction_id: int, at: datetime) -> None:
        self.c.execute(
            _WATCH[self.c.dialect.name],
            {"account_id": account_id, "auction_id": auction_id, "added_at": at},
        )

    def unwatch(self, account_id: int, auction_id: int) -> None:
        self.c.execute(
            delete(watchlist).where(
                watchlist.c.account_id == account_id, watchlist.c.auction_id == auction_id
            )
        )

    def watched(self, account_id: int) -> list[int]:
        rows = self.c.execute(
            select(watchlist.c.auction_id)
            .where(watchlist.c.account_id == account_id)
            .order_by(watchlist.c.added_at, watchlist.c.auction_id)
        )
        return [int(auction_id) for (auction_id,) in rows]

    def interest(self, auction_id: int) -> tuple[int, int]:
        """(registrations, watchers) of one auction."""
        registered = self.c.scalar(
            select(func.count()).where(registrations.c.auction_id == auction_id)
        )
        watching = self.c.scalar(select(func.count()).where(watchlist.c.auction_id == auction_id))
        return int(registered or 0), int(watching or 0)

    def count_view(self, auction_id: int) -> None:
        self.c.execute(_VIEW[self.c.dialect.name], {"auction_id": auction_id})

    def views(self, auction_id: int) -> int:
        found = self.c.scalar(
            select(auction_views.c.views).where(auction_views.c.auction_id == auction_id)
        )
        return int(found or 0)
