"""A connection that sends its request line and headers too slowly is closed.

uvicorn times out idle keep-alive connections but waits for a request's headers as
long as the client likes, so a few hundred slow clients ("slowloris") hold the
server's connections. This protocol starts a timer when a request begins (or the
connection opens) and closes the connection if its headers are not complete in time.
The body has its own timeout in ``limits.BodyLimit``.
"""

from __future__ import annotations

import asyncio

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol


class HeaderTimeoutProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with a deadline for each request's headers.

    The deadline is a class attribute, not an argument: uvicorn builds the protocol
    itself, and with several workers pickles its configuration, which a class made
    on the fly cannot survive. Each process sets it from its settings at start.
    """

    seconds: float = 10.0
    _deadline: asyncio.TimerHandle | None = None

    def _arm(self) -> None:
        self._disarm()
        if self.seconds:
            self._deadline = self.loop.call_later(self.seconds, self.transport.close)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._arm()

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)
