"""Live updates over Server-Sent Events (OJA Art 20: bids shown in real time).

A client gets a snapshot on connect (or, resuming with ``Last-Event-ID``, the
events it missed), then every committed change with its ``seq`` as the event
id, and a heartbeat with the server time at least every five seconds so its
countdown follows the server's clock. Each client has a bounded queue; one
that falls behind is disconnected (it resumes from its last id), so a slow
reader never holds up the others or the bid path.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections import defaultdict, deque
from collections.abc import AsyncIterator, Callable
from typing import Annotated

from fastapi import APIRouter, Header, Request
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from fapai.app.auctions.queries import auction_snapshot
from fapai.app.presenting import beijing
from fapai.app.services import Services
from fapai.web.auth import ServicesDep
from fapai.web.params import AuctionId
from fapai.web.throttle import address, throttle

HEARTBEAT_SECONDS = 4.0
_EVENT_ID = re.compile(r"[0-9]{1,18}")
QUEUE_LIMIT = 256


class Subscriber:
    __slots__ = ("auction_id", "dropped", "heartbeat", "pending", "wake")

    def __init__(self, auction_id: int) -> None:
        self.auction_id = auction_id
        self.pending: deque[tuple[int, bytes]] = deque()
        self.wake = asyncio.Event()
        self.dropped = False
        self.heartbeat = False


def frame(seq: int | None, kind: str, data: str) -> bytes:
    head = f"id: {seq}\n" if seq is not None else ""
    return f"{head}event: {kind}\ndata: {data}\n\n".encode()


class Broker:
    """Fans committed events out to this process's subscribers.

    ``publish`` is the app's Publisher port: the bid path calls it from a
    worker thread after the commit, so it only schedules the fan-out on the
    event loop and returns.
    """

    def __init__(self, queue_limit: int = QUEUE_LIMIT) -> None:
        self.loop: asyncio.AbstractEventLoop | None = None
        self.heartbeat = b""
        self.queue_limit = queue_limit
        self.subscribers: dict[int, set[Subscriber]] = defaultdict(set)
        self.dropped = 0

    def publish(self, auction_id: int, seq: int, kind: str, payload: str) -> None:
        loop = self.loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._fan_out, auction_id, seq, frame(seq, kind, payload))

    def _fan_out(self, auction_id: int, seq: int, data: bytes) -> None:
        subscribers = self.subscribers.get(auction_id)
        if not subscribers:
            return
        for subscriber in tuple(subscribers):
            if len(subscriber.pending) >= self.queue_limit:
                subscriber.dropped = True
                subscribers.discard(subscriber)
                self.dropped += 1
            else:
                subscriber.pending.append((seq, data))
            subscriber.wake.set()

    def subscribe(self, auction_id: int) -> Subscriber:
        subscriber = Subscriber(auction_id)
        self.subscribers[auction_id].add(subscriber)
        return subscriber

    def unsubscribe(self, subscriber: Subscriber) -> None:
        subscribers = self.subscribers.get(subscriber.auction_id)
        if subscribers is not None:
            subscribers.discard(subscriber)
            if not subscribers:
                del self.subscribers[subscriber.auction_id]

    async def run_heartbeats(self, services: Services) -> None:
        """Wake every subscriber with one shared heartbeat frame per period."""
        while True:
            await asyncio.sleep(HEARTBEAT_SECONDS)
            self.heartbeat = heartbeat_frame(services)
            for subscribers in tuple(self.subscribers.values()):
                for subscriber in subscribers:
                    subscriber.heartbeat = True
                    subscriber.wake.set()


def heartbeat_frame(services: Services) -> bytes:
    return frame(None, "heartbeat", json.dumps({"server_time": beijing(services.clock())}))


router = APIRouter()


@router.get(
    "/auctions/{auction_id}/events",
    summary="Live updates (Server-Sent Events)",
    response_class=StreamingResponse,
)
async def auction_events(
    auction_id: AuctionId,
    request: Request,
    services: ServicesDep,
    last_event_id: Annotated[str | None, Header()] = None,
) -> StreamingResponse:
    broker: Broker = request.app.state.broker
    streams, client = throttle(request), address(request)
    streams.open_stream(client)  # a cap per address: each stream holds a connection
    subscriber = broker.subscribe(auction_id)  # before reading, so nothing falls between
    try:
        first, last_seq = await run_in_threadpool(_opening, services, auction_id, last_event_id)
    except BaseException:
        broker.unsubscribe(subscriber)
        streams.close_stream(client)
        raise
    return StreamingResponse(
        _stream(
            broker, services, subscriber, first, last_seq, lambda: streams.close_stream(client)
        ),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


def _opening(
    services: Services, auction_id: int, last_event_id: str | None
) -> tuple[list[bytes], int]:
    """The snapshot, or the events after ``last_event_id`` when the client resumes."""
    snapshot = auction_snapshot(services, auction_id)  # raises not found
    seq = int(snapshot["seq"])
    usable = last_event_id is not None and _EVENT_ID.fullmatch(last_event_id)
    resume = int(last_event_id) if usable and last_event_id else None
    if resume is not None and resume <= seq:
        with services.db.read() as tx:
            missed = [e for e in tx.events_after(auction_id, resume) if e.seq <= seq]
        if len(missed) == seq - resume:  # every event since the client's last one is stored
            return [frame(e.seq, e.kind, e.payload) for e in missed], seq
    return [frame(seq, "snapshot", json.dumps(snapshot, ensure_ascii=False))], seq


async def _stream(
    broker: Broker,
    services: Services,
    subscriber: Subscriber,
    first: list[bytes],
    last_seq: int,
    closed: Callable[[], None] = lambda: None,
) -> AsyncIterator[bytes]:
    try:
        yield b"retry: 1000\n\n" + b"".join(first)
        while True:
            if not subscriber.pending and not subscriber.dropped:
                subscriber.wake.clear()
                await subscriber.wake.wait()
            if subscriber.dropped:
                return  # too slow: the client reconnects with Last-Event-ID
            chunk = []
            while subscriber.pending:
                seq, data = subscriber.pending.popleft()
                if seq > last_seq:
                    chunk.append(data)
                    last_seq = seq
            if subscriber.heartbeat:
                subscriber.heartbeat = False
                chunk.append(broker.heartbeat or heartbeat_frame(services))
            if chunk:
                yield b"".join(chunk)
    finally:
        broker.unsubscribe(subscriber)
        closed()
