"""What every response carries, and the one access-log line per request.

Security headers go on every response (pages set a stricter Content-Security-Policy
of their own). A request that carries a token is answered with ``no-store``: what
it gets back is someone's (their identity, a court's statement or documents) and
must not stay in a shared browser's or a proxy's cache.

The access log names no one: no client address (an address beside the pages a
person opens links them across auctions) and no query string; a path segment that
is a payment order's reference is masked. uvicorn's own access log is off.
"""

from __future__ import annotations

import logging
import re
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

ACCESS_LOG = logging.getLogger("fapai.access")

_ALWAYS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
)
_NO_STORE = (b"cache-control", b"no-store")
_HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")
# Paths whose segment after the prefix is a payment order's reference.
_ORDER = re.compile(r"^(/sim-bank/pay/)[^/]+")


def log_path(path: str) -> str:
    """The path as the access log writes it: an order reference is not kept."""
    return _ORDER.sub(r"\1…", path)


class Guard:
    def __init__(self, app: ASGIApp, access_log: bool = True) -> None:
        self.app = app
        self.access_log = access_log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        personal = any(name == b"authorization" for name, _ in scope["headers"])
        https = scope.get("scheme") == "https"
        started = time.perf_counter()
        status = 0

        async def guarded(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", ()))
                present = {name.lower() for name, _ in headers}
                headers += [pair for pair in _ALWAYS if pair[0] not in present]
                if personal:
                    headers = [pair for pair in headers if pair[0].lower() != b"cache-control"]
                    headers.append(_NO_STORE)
                if https:
                    headers.append(_HSTS)
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, guarded)
        finally:
            if self.access_log:
                ACCESS_LOG.info(
                    '"%s %s" %d %.1fms', scope["method"], log_path(scope["path"]), status,
                    (time.perf_counter() - started) * 1000,
                )  # fmt: skip
