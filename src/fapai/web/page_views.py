"""Which views of an auction's page count towards its 围观次数 (app/auctions/page_views.py).

The page's script reports a view once it has loaded (``POST /api/v1/auctions/{id}/views``),
so a robot that reads the HTML without running its script is not counted, nor a
prefetch. Of the rest, these are left out, and the count stays what it was:

- a browser's repeat view of the same auction on the same Beijing day: a first-party
  cookie (``fapai_viewed``: the day and the auctions counted that day, nothing else, no
  identifier) says it was counted; refreshing, the back button or a second tab add
  nothing;
- a request another site made (``Sec-Fetch-Site`` other than ``same-origin``), so no page
  elsewhere can inflate a count through its visitors' browsers;
- a client naming itself a robot, a crawler, a script's library or a headless browser.

Nothing of the viewer is stored on the server; a person who clears cookies is counted
again, which is as near as a count without personal data can be.
"""

from __future__ import annotations

import re
from datetime import date

from fastapi import Request, Response

COOKIE = "fapai_viewed"
_MAX_REMEMBERED = 200  # auctions a browser is remembered to have viewed today
_ROBOT = re.compile(
    r"bot|spider|crawl|slurp|curl|wget|python|httpx|aiohttp|go-http|java/|okhttp|headless"
    r"|phantom|lighthouse|preview",
    re.IGNORECASE,
)


def _seen(request: Request, today: date) -> set[int]:
    """The auctions this browser was counted for today, from its cookie."""
    day, _, ids = request.cookies.get(COOKIE, "").partition(":")
    if day != today.strftime("%Y%m%d"):
        return set()
    return {int(i) for i in ids.split(".") if i.isdigit() and len(i) <= 10}


def counts(request: Request, auction_id: int, today: date) -> bool:
    """Whether this request is a view that counts."""
    if request.headers.get("sec-fetch-site", "same-origin") != "same-origin":
        return False
    if _ROBOT.search(request.headers.get("user-agent", "")) or not request.headers.get(
        "user-agent"
    ):
        return False
    return auction_id not in _seen(request, today)


def remember(request: Request, response: Response, auction_id: int, today: date) -> None:
    """Note the view in the browser's cookie, until the end of the day at most."""
    seen = sorted(_seen(request, today) | {auction_id})[-_MAX_REMEMBERED:]
    value = today.strftime("%Y%m%d") + ":" + ".".join(str(i) for i in seen)
    response.set_cookie(
        COOKIE, value, max_age=86_400, path="/api/v1/auctions", httponly=True,
        samesite="strict", secure=request.url.scheme == "https",
    )  # fmt: skip
