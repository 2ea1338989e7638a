"""围观次数 over HTTP (issue 16): a view counts once a Beijing day per browser, never for
a robot, a script or another site's request; only a number per auction is kept, and the
auction's snapshot shows it (web/page_views.py, app/auctions/page_views.py)."""

from __future__ import annotations

import httpx
from sqlalchemy import select

import support
from fapai.storage import tables

BROWSER = {"User-Agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0 Safari/537.36"}


def views(http: httpx.Client, auction_id: int, **headers: str) -> int:
    reply = http.post(f"/api/v1/auctions/{auction_id}/views", headers={**BROWSER, **headers})
    assert reply.status_code == 200, reply.text
    return int(reply.json()["view_count"])


def test_a_browser_counts_once_a_day_robots_and_other_sites_never(
    services, server, clock, http
) -> None:
    auction_id = support.auction(services, support.office(services))
    assert views(http, auction_id) == 1
    assert views(http, auction_id) == 1  # a refresh: its cookie says it was counted today
    assert http.cookies.get("fapai_viewed", path="/api/v1/auctions").endswith(f":{auction_id}")
    with httpx.Client(base_url=server.url) as other:  # another browser
        assert views(other, auction_id) == 2
        assert views(other, auction_id, **{"Sec-Fetch-Site": "same-origin"}) == 2
    for robot in ("Mozilla/5.0 (compatible; Baiduspider/2.0)", "curl/8.5.0",
                  "Mozilla/5.0 HeadlessChrome/120.0", ""):  # fmt: skip
        with httpx.Client(base_url=server.url) as client:
            assert views(client, auction_id, **{"User-Agent": robot}) == 2
    with httpx.Client(base_url=server.url) as elsewhere:  # a page on another site posting
        assert views(elsewhere, auction_id, **{"Sec-Fetch-Site": "cross-site"}) == 2
    clock.advance(days=1)
    assert views(http, auction_id) == 3  # the next day, the same browser again
    snapshot = http.get(f"/api/v1/auctions/{auction_id}").json()
    assert snapshot["view_count"] == 3
    with services.db.read() as tx:  # a number per auction, nothing of who viewed
        rows = tx.c.execute(select(tables.auction_views)).all()  # type: ignore[attr-defined]
    assert [tuple(r) for r in rows] == [(auction_id, 3)]
    assert http.post("/api/v1/auctions/999999/views", headers=BROWSER).status_code == 404
