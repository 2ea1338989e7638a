"""Request bodies over 64 KiB are refused before any handler sees them; a lot's photo
or video upload may carry up to 20 MiB."""

from __future__ import annotations

import json
import re

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY = 64 * 1024
MAX_UPLOAD = 20 * 1024 * 1024
_UPLOAD = re.compile(r"/api/v1/court/lots/\d+/materials")


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
    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

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
            message = await receive()
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


async def _refuse(send: Send, limit: int) -> None:
    body = _REFUSALS.get(limit) or _refusal(f"{limit} B")
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
