"""Live updates over Server-Sent Events, end to end and at the broker.

OJA Art 20 requires bids to be shown in real time and the bidding to follow
the server's clock: a watcher gets a snapshot (with the server time) on
connect, then every committed bid and the close with its ``seq`` as the event
id, and a heartbeat with the server time in quiet periods. A client that
drops off resumes with ``Last-Event-ID`` and misses nothing; one that reads
too slowly is cut off rather than allowed to hold up the others or the bids.

The watcher here is a raw socket, so a test controls exactly what is read and
when, and closing it always reaches the server at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import httpx
import pytest

import support
from fapai.app.auctions.closing import close_due
from fapai.app.presenting import beijing
from fapai.web import live
from fapai.web.live import Broker

START = 100_000_00  # fen
INCREMENT = 1_000_00


@dataclass(frozen=True)
class Event:
    id: str | None
    kind: str
    data: dict[str, Any]


class Watcher:
    """An SSE client on a raw socket: HTTP/1.1, chunked body, events parsed on demand."""

    def __init__(
        self,
        port: int,
        auction_id: int,
        last_event_id: bytes | None = None,
        receive_buffer: int | None = None,
    ) -> None:
        self.sock = socket.socket()
        if receive_buffer is not None:
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
        self.sock.connect(("127.0.0.1", port))
        head = (
            f"GET /api/v1/auctions/{auction_id}/events HTTP/1.1\r\n"
            f"Host: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\nConnection: close\r\n"
        ).encode()
        if last_event_id is not None:
            head += b"Last-Event-ID: " + last_event_id + b"\r\n"
        self.sock.sendall(head + b"\r\n")
        self.raw = b""  # as received, still chunk-encoded
        self.body = b""  # the event stream itself
        self.ended = False  # the server finished the response (or closed the socket)
        self.status = 0
        self.headers: dict[str, str] = {}

    def start(self, timeout: float = 5.0) -> Watcher:
        """Read the status line and headers; the caller checks ``status``."""
        deadline = time.monotonic() + timeout
        while b"\r\n\r\n" not in self.raw:
            if not self._fill(deadline):
                raise AssertionError(f"no response head: {self.raw!r}")
        head, _, self.raw = self.raw.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        self.status = int(lines[0].split()[1])
        for line in lines[1:]:
            name, _, value = line.partition(":")
            self.headers[name.strip().lower()] = value.strip()
        return self

    def _fill(self, deadline: float) -> bool:
        left = deadline - time.monotonic()
        if left <= 0 or self.ended:
            return False
        self.sock.settimeout(left)
        try:
            data = self.sock.recv(65536)
        except TimeoutError:
            return False
        if not data:
            self.ended = True
            return False
        self.raw += data
        if self.status:
            self._dechunk()
        return True

    def _dechunk(self) -> None:
        while True:
            line, found, rest = self.raw.partition(b"\r\n")
            if not found:
                return
            size = int(line, 16)
            if len(rest) < size + 2:
                return
            self.body += rest[:size]
            self.raw = rest[size + 2 :]
            if size == 0:
                self.ended = True
                return

    def next(self, timeout: float = 5.0, heartbeats: bool = False) -> Event | None:
        """The next event (heartbeats skipped unless asked for); None once the stream ended."""
        deadline = time.monotonic() + timeout
        if self.status and self.raw:
            self._dechunk()
        while True:
            while b"\n\n" in self.body:
                block, _, self.body = self.body.partition(b"\n\n")
                fields = {}
                for line in block.decode().split("\n"):
                    name, _, value = line.partition(":")
                    fields[name] = value.removeprefix(" ")
                if "event" not in fields:  # the `retry:` advice
                    continue
                if fields["event"] == "heartbeat" and not heartbeats:
                    continue
                return Event(fields.get("id"), fields["event"], json.loads(fields["data"]))
            if self.ended:
                return None
            if not self._fill(deadline):
                if self.ended:
                    continue
                raise AssertionError(f"no event within {timeout} s")

    def quiet(self, seconds: float = 0.3) -> bool:
        """True when no (non-heartbeat) event arrives within ``seconds``."""
        try:
            self.next(timeout=seconds)
        except AssertionError:
            return True
        return False

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)
        self.sock.close()


@pytest.fixture
def watchers(server: support.LiveServer) -> Iterator[list[Watcher]]:
    """Watchers opened by a test, all closed before the server stops."""
    opened: list[Watcher] = []
    yield opened
    for watcher in opened:
        watcher.close()


def watch(
    watchers: list[Watcher], server: support.LiveServer, auction_id: int, **options: Any
) -> Watcher:
    watcher = Watcher(server.port, auction_id, **options)
    watchers.append(watcher)
    watcher.start()
    assert watcher.status == 200, watcher.raw
    assert watcher.headers["content-type"].startswith("text/event-stream")
    return watcher


def live_auction(services: Any, clock: support.Clock) -> tuple[int, list[support.Bidder]]:
    """An auction in its bidding window with two bidders whose deposits are confirmed."""
    office = support.office(services)
    auction_id = support.auction(services, office)
    people = [support.bidder(services, "甲"), support.bidder(services, "乙")]
    for person in people:
        assert support.pay_deposit(services, person, auction_id) == "confirmed"
    clock.set(support.T0 + timedelta(hours=1))
    return auction_id, people


def bid(server: support.LiveServer, who: support.Bidder, auction_id: int, fen: int) -> dict:
    """A bid over HTTP; the accepted bid's JSON."""
    response = httpx.post(
        f"{server.url}/api/v1/auctions/{auction_id}/bids",
        json={"amount": f"{fen // 100}.{fen % 100:02d}"},
        headers={"Authorization": f"Bearer {who.token}", "Idempotency-Key": f"k{fen}"},
        timeout=30,
    )
    assert response.status_code == 201, response.text
    return response.json()["bid"]


def test_snapshot_then_every_bid_to_every_watcher(services, server, clock, watchers) -> None:
    """The first event is a snapshot (id = seq, with server time and price); then each
    accepted bid reaches every watcher with the new seq, price, leader and end (Art 20)."""
    auction_id, (a, b) = live_auction(services, clock)
    first, second = (watch(watchers, server, auction_id) for _ in range(2))
    for watcher in (first, second):
        snapshot = watcher.next()
        assert snapshot is not None
        assert (snapshot.kind, snapshot.id) == ("snapshot", "0")
        assert snapshot.data["seq"] == 0
        assert snapshot.data["price"] is None
        assert snapshot.data["server_time"] == beijing(clock())
        assert snapshot.data["status"] == "live"
    for seq, (who, fen) in enumerate([(a, START), (b, START + INCREMENT)], start=1):
        accepted = bid(server, who, auction_id, fen)
        assert accepted["seq"] == seq
        for watcher in (first, second):
            event = watcher.next()
            assert event is not None
            assert (event.kind, event.id) == ("bid", str(seq))
            assert event.data["seq"] == seq
            assert event.data["number"] == accepted["number"]
            assert event.data["price"] == accepted["amount"]
            assert event.data["leader"] == accepted["code"]
            assert event.data["effective_end"] == accepted["effective_end"]


def test_extension_reaches_watchers(services, server, clock, watchers) -> None:
    """A bid in the last five minutes moves the end (延时竞价, OJA Art 20); watchers get the
    new effective end with the bid, so every countdown shows it at once."""
    auction_id, (a, _) = live_auction(services, clock)
    end = support.T0 + timedelta(hours=24)
    clock.set(end - timedelta(seconds=60))
    watcher = watch(watchers, server, auction_id)
    snapshot = watcher.next()
    assert snapshot is not None
    assert snapshot.data["effective_end"] == beijing(end)
    accepted = bid(server, a, auction_id, START)
    assert accepted["extended"] is True
    event = watcher.next()
    assert event is not None
    assert event.data["effective_end"] == beijing(clock() + timedelta(minutes=5))
    assert event.data["effective_end"] == accepted["effective_end"]
    assert (event.data["extended"], event.data["extensions"]) == (True, 1)


def test_refused_bid_sends_no_event(services, server, clock, watchers) -> None:
    """Only committed changes are published: a refused bid changes nothing to show."""
    auction_id, (a, _) = live_auction(services, clock)
    watcher = watch(watchers, server, auction_id)
    assert watcher.next().kind == "snapshot"  # type: ignore[union-attr]
    response = httpx.post(
        f"{server.url}/api/v1/auctions/{auction_id}/bids",
        json={"amount": "1.00"},
        headers={"Authorization": f"Bearer {a.token}", "Idempotency-Key": "low"},
    )
    assert response.status_code == 409, response.text
    assert response.json()["error"]["code"] == "below_start"
    assert watcher.quiet()


def test_heartbeat_carries_server_time(services, server, clock, watchers) -> None:
    """In a quiet period a heartbeat with the server's time arrives at least every
    HEARTBEAT_SECONDS, so the bidder's countdown follows the server clock (Art 20),
    here the tests' clock, not the machine's."""
    auction_id, _ = live_auction(services, clock)
    clock.set(support.T0 + timedelta(hours=2, seconds=7))
    watcher = watch(watchers, server, auction_id)
    assert watcher.next().kind == "snapshot"  # type: ignore[union-attr]
    beat = watcher.next(timeout=live.HEARTBEAT_SECONDS + 1.0, heartbeats=True)
    assert beat is not None
    assert (beat.kind, beat.id) == ("heartbeat", None)
    assert beat.data == {"server_time": beijing(clock())}


def test_resume_gets_exactly_the_missed_events(services, server, clock, watchers) -> None:
    """Reconnecting with Last-Event-ID N replays the events after N, in order, without
    a snapshot, and then carries on live without repeating any."""
    auction_id, (a, b) = live_auction(services, clock)
    for k, who in enumerate([a, b, a]):
        bid(server, who, auction_id, START + k * INCREMENT)
    resumed = watch(watchers, server, auction_id, last_event_id=b"1")
    missed = [resumed.next(), resumed.next()]
    assert [(e.kind, e.id) for e in missed if e] == [("bid", "2"), ("bid", "3")]
    assert [e.data["price"] for e in missed if e] == ["101000.00", "102000.00"]
    from_start = watch(watchers, server, auction_id, last_event_id=b"0")
    assert [from_start.next().id for _ in range(3)] == ["1", "2", "3"]  # type: ignore[union-attr]
    current = watch(watchers, server, auction_id, last_event_id=b"3")
    assert current.quiet()  # up to date: nothing to replay, no snapshot
    bid(server, b, auction_id, START + 3 * INCREMENT)
    for watcher in (resumed, from_start, current):
        event = watcher.next()
        assert event is not None
        assert (event.kind, event.id) == ("bid", "4")
        assert watcher.quiet(0.2)


@pytest.mark.parametrize(
    "last_event_id",
    [
        b"99",  # beyond the current seq (e.g. a different database): start afresh
        b"abc",
        b"-1",
        b"2.0",
        b"",
        b" 1x",
        b"\xb2",  # latin-1 superscript two: str.isdigit() says yes, int() says no
        b"9" * 5000,  # more digits than int() converts by default
    ],
    ids=["too-large", "letters", "negative", "decimal", "empty", "mixed", "superscript", "huge"],
)
def test_unusable_last_event_id_gets_a_fresh_snapshot(
    services, server, clock, watchers, last_event_id: bytes
) -> None:
    """A Last-Event-ID the server cannot resume from is answered with a snapshot of the
    current state, never an error: the client must still see the live auction."""
    auction_id, (a, b) = live_auction(services, clock)
    bid(server, a, auction_id, START)
    leader = bid(server, b, auction_id, START + INCREMENT)
    watcher = watch(watchers, server, auction_id, last_event_id=last_event_id)
    snapshot = watcher.next()
    assert snapshot is not None
    assert (snapshot.kind, snapshot.id) == ("snapshot", "2")
    assert snapshot.data["price"] == "101000.00"
    assert snapshot.data["leader"] == leader["code"]


def test_close_reaches_watchers(services, server, clock, watchers) -> None:
    """At the close (OJA Art 22) watchers get a `closed` event with the outcome: sold to
    the leader, or unsold (流拍) when nobody bid."""
    auction_id, (a, _) = live_auction(services, clock)
    office = support.office(services, "bj-2zy")
    empty = support.auction(services, office)
    clock.set(support.T0 + timedelta(hours=1))
    sold_watcher = watch(watchers, server, auction_id)
    unsold_watcher = watch(watchers, server, empty)
    assert sold_watcher.next().kind == "snapshot"  # type: ignore[union-attr]
    assert unsold_watcher.next().kind == "snapshot"  # type: ignore[union-attr]
    accepted = bid(server, a, auction_id, START)
    assert sold_watcher.next().kind == "bid"  # type: ignore[union-attr]
    clock.set(support.T0 + timedelta(days=1))
    assert sorted(close_due(services)) == sorted([auction_id, empty])
    sold = sold_watcher.next()
    assert sold is not None
    assert (sold.kind, sold.id) == ("closed", "2")
    assert sold.data["status"] == "sold"
    assert sold.data["winner"] == accepted["code"]
    assert sold.data["price"] == "100000.00"
    unsold = unsold_watcher.next()
    assert unsold is not None
    assert (unsold.kind, unsold.id) == ("closed", "1")
    assert unsold.data["status"] == "unsold"
    assert unsold.data["winner"] is None
    late = watch(watchers, server, auction_id)
    snapshot = late.next()
    assert snapshot is not None
    assert (snapshot.kind, snapshot.id, snapshot.data["status"]) == ("snapshot", "2", "sold")


def test_unknown_auction_is_a_json_404(server, broker) -> None:
    """No stream for an auction that does not exist: the usual JSON error."""
    response = httpx.get(f"{server.url}/api/v1/auctions/999999/events", timeout=10)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["error"]["code"] == "not_found"
    assert not broker.subscribers.get(999999)  # the would-be subscriber was removed


def test_broker_drops_a_subscriber_that_falls_behind() -> None:
    """A subscriber that never reads is dropped once its queue holds queue_limit events,
    and removed; another subscriber on the same auction still gets every event."""

    async def scenario() -> None:
        broker = Broker(queue_limit=4)
        broker.loop = asyncio.get_running_loop()
        slow = broker.subscribe(7)
        fast = broker.subscribe(7)
        other = broker.subscribe(8)
        received: list[int] = []
        for seq in range(1, 11):
            broker.publish(7, seq, "bid", json.dumps({"seq": seq}))
            await asyncio.sleep(0)  # the loop runs the scheduled fan-out
            while fast.pending:
                received.append(fast.pending.popleft()[0])
        assert received == list(range(1, 11))
        assert not fast.dropped
        assert slow.dropped
        assert [seq for seq, _ in slow.pending] == [1, 2, 3, 4]
        assert broker.subscribers[7] == {fast}
        assert broker.dropped == 1
        assert not other.pending
        assert not other.dropped
        # The dropped subscriber's stream ends (the client resumes with Last-Event-ID)
        # after what it had already been sent.
        chunks = [c async for c in live._stream(broker, None, slow, [b"first"], 0)]  # type: ignore[arg-type]
        assert chunks == [b"retry: 1000\n\nfirst"]
        broker.unsubscribe(fast)
        assert 7 not in broker.subscribers

    asyncio.run(scenario())


def test_broker_publish_is_safe_from_other_threads() -> None:
    """The bid path publishes from worker threads after the commit: events published from
    many threads all arrive, once each."""

    async def scenario() -> None:
        broker = Broker(queue_limit=10_000)
        loop = asyncio.get_running_loop()
        broker.loop = loop
        subscriber = broker.subscribe(1)

        def publish_some(first: int) -> None:
            for seq in range(first, first + 100):
                broker.publish(1, seq, "bid", "{}")

        await asyncio.gather(*(loop.run_in_executor(None, publish_some, k * 100) for k in range(8)))
        for _ in range(100):
            if len(subscriber.pending) == 800:
                break
            await asyncio.sleep(0.01)
        assert sorted(seq for seq, _ in subscriber.pending) == list(range(800))
        assert not subscriber.dropped

    asyncio.run(scenario())


def test_slow_client_is_dropped_and_never_delays_others(
    services, server, clock, broker, watchers
) -> None:
    """End to end with a tiny queue: a client that stops reading (its socket buffers full)
    is dropped; meanwhile the other watcher receives every event in order and bids are
    still accepted. The dropped client's stream then ends, so it reconnects."""
    auction_id, (a, b) = live_auction(services, clock)
    broker.queue_limit = 4
    slow = watch(watchers, server, auction_id, receive_buffer=4096)
    fast = watch(watchers, server, auction_id)
    assert fast.next().kind == "snapshot"  # type: ignore[union-attr]
    first = bid(server, a, auction_id, START)
    assert fast.next().id == "1"  # type: ignore[union-attr]
    # Large events fill the slow client's socket and the server's write buffer; they go
    # through the broker exactly as the bid path publishes (the Publisher port).
    padding = json.dumps({"padding": "x" * 60_000})
    seq = 1
    while broker.dropped == 0:
        seq += 1
        assert seq < 2_000, "the slow client was never dropped"
        broker.publish(auction_id, seq, "padding", padding)
        event = fast.next(timeout=10)
        assert event is not None
        assert (event.kind, event.id) == ("padding", str(seq))
    assert len(broker.subscribers[auction_id]) == 1  # the fast watcher only
    # The bid path is not held up by the stuck client.
    second = bid(server, b, auction_id, START + INCREMENT)
    assert second["seq"] == 2
    # The slow client, reading at last, finds its stream ended before the last events.
    seen = []
    while (event := slow.next(timeout=10)) is not None:
        seen.append(event)
    assert slow.ended
    assert seen[0].kind == "snapshot"
    assert [int(e.id or 0) for e in seen[1:]] == list(range(1, len(seen)))
    assert len(seen) - 1 < seq
    assert first["seq"] == 1
