"""Request bodies over 64 KiB are refused before any handler sees them; a lot's photo
or video upload, and an objection's paper, may carry up to 20 MiB. A client that stops
sending its body for longer than the body timeout is answered 408 and its connection closed, so slow
senders cannot hold connections open."""

from __future__ import annotations

import asyncio
import json
import re

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY = 64 * 1024
MAX_UPLOAD = 20 * 1024 * 1024
_UPLOAD = re.compile(r"/api/v1/court/lots/\d+/materials|/api/v1/objections/\d+/papers")


def _refusal(size: str) -> bytes:
    return json.dumps(
        {
            "error": {
                "code": "body_too_large",
                "message": f"请求体超过 {size}。",
                "message_en": f"The request body is larger than {size}.",
            }
        },
        ensure_ascii=False,
    ).encode()


_REFUSALS = {MAX_BODY: _refusal("64 KiB"), MAX_UPLOAD: _refusal("20 MiB")}


class BodyLimit:
    def __init__(
        self, app: ASGIApp, limit: int = MAX_BODY, body_timeout: float | None = None
    ) -> None:
        self.app = app
        self.limit = limit
        self.body_timeout = body_timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        limit = MAX_UPLOAD if _UPLOAD.fullmatch(scope["path"]) else self.limit
        headers = dict(scope["headers"])
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _refuse(send, limit)
            return
        # Without a trustworthy length (chunked), read up to the limit before passing on.
        messages: list[Message] = []
        size = 0
        while True:
            try:
                async with asyncio.timeout(self.body_timeout):  # no task, unlike wait_for
                    message = await receive()
            except TimeoutError:
                await _send(send, 408, _TOO_SLOW)
                return
            messages.append(message)
            size += len(message.get("body", b""))
            if size > limit:
                await _refuse(send, limit)
                return
            if message["type"] != "http.request" or not message.get("more_body"):
                break

        async def replay() -> Message:
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)


_TOO_SLOW = json.dumps(
    {
        "error": {
            "code": "request_timeout",
            "message": "请求体发送过慢，连接已关闭。",
            "message_en": "The request body came too slowly; the connection is closed.",
        }
    },
    ensure_ascii=False,
).encode()


async def _refuse(send: Send, limit: int) -> None:
    await _send(send, 413, _REFUSALS.get(limit) or _refusal(f"{limit} B"))


async def _send(send: Send, status: int, body: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
