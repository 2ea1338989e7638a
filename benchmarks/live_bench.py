"""Live bidding over HTTP against a real ``fapai serve``: bids/s, latency and SSE fan-out.

Sets up a database (SQLite in a temporary directory and/or a fresh PostgreSQL
database) through the use cases: a court, auctions live on the real clock, and
bidders with deposits paid through the simulated bank. Then it starts
``fapai serve`` as a subprocess and drives it from one asyncio process (uvloop,
raw HTTP/1.1 on keep-alive connections, so the load generator costs as little
CPU as possible: it shares the machine with the server and the database).

  * bids/s (accepted and refused together) and p50/p99 latency, 64 concurrent
    bidders racing on one hot auction, then spread over 1,000 auctions;
  * SSE fan-out: 5,000 watchers on one auction, the time from just before a
    bid's POST to each watcher receiving that bid's event;
  * the reference: PostgreSQL itself on one hot row (pgbench, a custom script).

Prints a table and one JSON line (the last line of stdout); progress goes to stderr.

    .venv/bin/python benchmarks/live_bench.py                  # both backends, fan-out
    .venv/bin/python benchmarks/live_bench.py --quick          # ~30 s, for CI
    .venv/bin/python benchmarks/live_bench.py --backend postgresql --skip-fanout
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import json
import os
import re
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

FAPAI = Path(sys.executable).parent / "fapai"
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
CLK_TCK = os.sysconf("SC_CLK_TCK")

START_FEN = 10_000_000  # 100,000.00 yuan
INCREMENT_FEN = 100_000  # 1,000.00 yuan
DEPOSIT_FEN = 1_000_000  # 10% of the start (OJA Art 17: 5% to 20%)
NAME = "竞买人"

TARGETS = (
    # (key, what, bids/s at least, p99 ms at most)
    ("postgresql.hot", "PostgreSQL hot auction >= 1,000 bids/s, p99 <= 100 ms", 1000, 100.0),
    ("postgresql.spread", "PostgreSQL over 1,000 auctions >= 2,500 bids/s", 2500, None),
    ("sqlite.hot", "SQLite hot auction >= 1,500 bids/s", 1500, None),
)
FANOUT_TARGET_MS = 1000.0


def log(message: str) -> None:
    print(f"[live_bench] {message}", file=sys.stderr, flush=True)


# -- CPU accounting ----------------------------------------------------------------------


def _proc_ticks(pid: int) -> int:
    """utime + stime of one process (all its threads), in clock ticks; 0 when gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            data = handle.read()
    except OSError:
        return 0
    rest = data[data.rfind(b")") + 2 :].split()
    return int(rest[11]) + int(rest[12])


def _group_ticks(pgid: int) -> int:
    """utime + stime of every process in process group ``pgid`` (the server and its
    worker processes), in clock ticks."""
    total = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                data = handle.read()
        except OSError:
            continue
        rest = data[data.rfind(b")") + 2 :].split()
        if int(rest[2]) == pgid:
            total += int(rest[11]) + int(rest[12])
    return total


def _postgres_pids() -> list[int]:
    pids = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/comm", "rb") as handle:
                    if handle.read().strip() == b"postgres":
                        pids.append(int(entry.name))
            except OSError:
                continue
    return pids


def _machine_busy_ticks() -> int:
    with open("/proc/stat", "rb") as handle:
        values = [int(v) for v in handle.readline().split()[1:]]
    return sum(values) - values[3] - values[4]  # all but idle and iowait


class CpuMeter:
    """CPU used by the server, PostgreSQL (every postgres process), this client and
    the whole machine between ``start`` and ``stop``, in cores (CPU s per wall s)."""

    def __init__(self, server_pid: int) -> None:
        self.server_pid = server_pid
        self.first: dict[str, float] = {}
        self.pg: dict[int, int] = {}

    def _sample(self) -> dict[str, float]:
        times = os.times()
        return {
            "wall": time.perf_counter(),
            "server": _group_ticks(self.server_pid) / CLK_TCK,
            "client": times.user + times.system,
            "machine": _machine_busy_ticks() / CLK_TCK,
        }

    def start(self) -> None:
        self.pg = {pid: _proc_ticks(pid) for pid in _postgres_pids()}
        self.first = self._sample()

    def stop(self) -> dict[str, float]:
        last = self._sample()
        wall = last["wall"] - self.first["wall"]
        pg = sum(_proc_ticks(pid) - self.pg.get(pid, 0) for pid in _postgres_pids()) / CLK_TCK
        cores = {k: (last[k] - self.first[k]) / wall for k in ("server", "client", "machine")}
        cores["postgres"] = pg / wall
        return {f"{k}_cores": round(v, 2) for k, v in cores.items()}


# -- setting up the data through the use cases ---------------------------------------------

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_number(serial: int) -> str:
    """A well-formed, unique 18-character ID number (born 1980 + serial // 1000 days)."""
    born = datetime(1980, 1, 1) + timedelta(days=serial // 1000)
    body = f"310101{born:%Y%m%d}{serial % 1000:03d}"
    total = sum(int(d) * w for d, w in zip(body, _ID_WEIGHTS, strict=True))
    return body + "10X98765432"[total % 11]


@dataclass
class Fixture:
    hot: int
    spread: list[int]
    fanout: int
    tokens: list[str]  # bidder i's bearer token
    plans: list[list[int]]  # bidder i's auctions in the spread scenario
    fanout_tokens: list[str]  # two bidders taking turns (a leader may not raise itself)
    setup_s: float


def populate(
    url: str, key: bytes, data_dir: Path, bidders: int, auctions: int, per_auction: int
) -> Fixture:
    """Court, auctions and paid-up bidders, created through the ordinary use cases."""
    from fapai import bootstrap
    from fapai.app.accounts import bidders as bidder_accounts
    from fapai.app.accounts import courts, principals
    from fapai.app.accounts import phone as phone_codes
    from fapai.app.auctions import registration, setup
    from fapai.app.lots import intake
    from fapai.config import Settings

    started = time.perf_counter()
    services, database = bootstrap.build(
        Settings(url, key, data_dir, bank="simulated", sms="simulated")
    )
    bank = bootstrap.simulated_bank(services)
    assert bank is not None
    try:
        court_id = courts.create_court(services, "bench-1zy", "基准测试人民法院", "上海")
        office_token = courts.create_court_user(
            services, court_id, "bench-office", "auction_office"
        )
        office = principals.authenticate(services, office_token)
        now = datetime.now(UTC)

        def new_auction() -> int:
            lot = intake.create_lot(services, office, "基准房产", "real_estate", "上海市", {}, None)
            return setup.create_auction(
                services, office, lot, 1, START_FEN, INCREMENT_FEN, DEPOSIT_FEN,
                now - timedelta(hours=1), now + timedelta(days=1),
            )  # fmt: skip

        def pay(account_id: int, auction_id: int) -> None:
            registration.register(services, account_id, auction_id, True)
            order = registration.request_deposit(services, account_id, auction_id)
            body, signature = bank.notice(order.order_ref, DEPOSIT_FEN, NAME, "BENCH")
            outcome = registration.accept_bank_notice(services, body, signature)
            assert outcome.status == "confirmed", outcome

        tokens, account_ids = [], []
        for serial in range(bidders + 2):
            phone = f"139{serial:08d}"
            code = phone_codes.send_code(services, phone).demo_code
            _, session = bidder_accounts.create_account(
                services, NAME, id_number(serial), phone, code
            )
            token = session.token
            who = principals.authenticate(services, token)
            tokens.append(token)
            account_ids.append(who.account_id)  # type: ignore[union-attr]
        fanout_tokens, fanout_accounts = tokens[bidders:], account_ids[bidders:]
        del tokens[bidders:], account_ids[bidders:]

        hot = new_auction()
        fanout = new_auction()
        for account_id in fanout_accounts:
            pay(account_id, fanout)
        plans: list[list[int]] = [[] for _ in range(bidders)]

        def spread_auction(index: int) -> tuple[int, list[int]]:
            auction_id = new_auction()
            who = sorted(
                {(index + k * bidders // per_auction) % bidders for k in range(per_auction)}
            )
            for b in who:
                pay(account_ids[b], auction_id)
            return auction_id, who

        # PostgreSQL takes writes to different auctions in parallel; SQLite has one writer.
        workers = 1 if url.startswith("sqlite") else 6
        with ThreadPoolExecutor(workers) as pool:
            hot_paid = pool.map(lambda b: pay(account_ids[b], hot), range(bidders))
            list(hot_paid)
            spread = []
            for auction_id, who in pool.map(spread_auction, range(auctions)):
                spread.append(auction_id)
                for b in who:
                    plans[b].append(auction_id)
    finally:
        database.dispose()
    return Fixture(hot, spread, fanout, tokens, plans, fanout_tokens, time.perf_counter() - started)


# -- the server ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """``fapai serve --no-access-log`` in a subprocess; stopped by ``stop`` whatever happens."""

    def __init__(self, url: str, key: bytes, data_dir: Path, workers: int = 1) -> None:
        self.port = free_port()
        self.log_path = data_dir / "server.log"
        env = {
            **os.environ,
            "FAPAI_DATABASE_URL": url,
            "FAPAI_SECRET_KEY": base64.b64encode(key).decode(),
            "FAPAI_DATA_DIR": str(data_dir),
            # every client here is one address: the rate limits and the stream cap
            # (docs/security.md) are off, as a load test from many addresses would not meet them
            **{f"FAPAI_LIMIT_{name}": "0" for name in (
                "SIGN_IN_PER_ADDRESS", "ACCOUNTS_PER_ADDRESS", "REGISTRATIONS_PER_ADDRESS",
                "REGISTRATIONS_PER_ACCOUNT", "BIDS_PER_ADDRESS", "BIDS_PER_ACCOUNT",
                "STREAMS_PER_ADDRESS",
            )},
        }  # fmt: skip
        command = [str(FAPAI), "serve", "--no-access-log", "--host", "127.0.0.1"]
        if workers > 1:
            command += ["--workers", str(workers)]
        with self.log_path.open("wb") as out:
            self.process = subprocess.Popen(
                [*command, "--port", str(self.port)],
                env=env, cwd=data_dir, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip

    def wait_ready(self, probe: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"fapai serve exited early:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{probe}", timeout=2):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"fapai serve did not answer in {timeout} s:\n{self.log_tail()}")

    def log_tail(self) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-30:])
        except OSError:
            return ""

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


# -- a minimal HTTP/1.1 client --------------------------------------------------------------


class Http(asyncio.Protocol):
    """One keep-alive connection, one request at a time; responses need a Content-Length."""

    def __init__(self) -> None:
        self.buffer = bytearray()
        self.waiter: asyncio.Future[tuple[int, bytes]] | None = None
        self.transport: asyncio.Transport | None = None
        self.closed = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if self.waiter is None:
            return
        end = self.buffer.find(b"\r\n\r\n")
        if end < 0:
            return
        head = bytes(self.buffer[:end]).lower()
        at = head.find(b"\r\ncontent-length:")
        if at < 0:
            self._fail(ConnectionError("response without Content-Length"))
            return
        stop = head.find(b"\r\n", at + 2)
        length = int(head[at + 17 : stop if stop > 0 else len(head)])
        total = end + 4 + length
        if len(self.buffer) < total:
            return
        body = bytes(self.buffer[end + 4 : total])
        del self.buffer[:total]
        waiter, self.waiter = self.waiter, None
        if not waiter.done():
            waiter.set_result((int(head[9:12]), body))

    def _fail(self, error: Exception) -> None:
        waiter, self.waiter = self.waiter, None
        if waiter is not None and not waiter.done():
            waiter.set_exception(error)
        if self.transport is not None:
            self.transport.close()

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        self._fail(ConnectionError(f"connection lost: {exc}"))

    async def request(self, data: bytes) -> tuple[int, bytes]:
        if self.closed or self.transport is None:
            raise ConnectionError("connection closed")
        self.waiter = asyncio.get_running_loop().create_future()
        self.transport.write(data)
        return await self.waiter


async def connect(port: int) -> Http:
    _, protocol = await asyncio.get_running_loop().create_connection(Http, "127.0.0.1", port)
    return protocol


def bid_request(auction_id: int, token: str, amount_fen: int, key: str) -> bytes:
    body = b'{"amount": "%d.%02d"}' % divmod(amount_fen, 100)
    return (
        f"POST /api/v1/auctions/{auction_id}/bids HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Authorization: Bearer {token}\r\nIdempotency-Key: {key}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode() + body


# -- bidding ------------------------------------------------------------------------------


@dataclass
class Tally:
    """What came back; 201 and 409-with-a-recorded-bid are the two good answers."""

    accepted: int = 0
    refused: int = 0
    latencies: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    server_errors: int = 0  # 5xx
    other_status: int = 0  # anything else that is neither accepted nor recorded-refused
    connection_errors: int = 0
    samples: list[str] = field(default_factory=list)

    def wrong(self, status: int, body: bytes) -> None:
        if status >= 500:
            self.server_errors += 1
        else:
            self.other_status += 1
        if len(self.samples) < 5:
            self.samples.append(f"{status} {body[:300]!r}")


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


async def bid_phase(
    port: int, server_pid: int, plans: list[tuple[str, list[int]]], warmup: float, duration: float
) -> dict[str, Any]:
    """Every bidder bids, in a closed loop, the price it last saw plus one increment.

    The price a bidder sees is the highest bid it or any other bidder of this
    process had accepted (as a page showing the live stream would); racing
    bidders send the same amount, one wins and the rest are refused as too low.
    Only answers that arrive inside the measured window count.
    """
    loop = asyncio.get_running_loop()
    tally = Tally()
    known: dict[int, int] = {}
    begin = loop.time() + warmup
    end = begin + duration
    run = secrets.token_hex(4)

    async def bidder(index: int, token: str, auctions: list[int]) -> None:
        http = await connect(port)
        n = 0
        while loop.time() < end:
            auction_id = auctions[n % len(auctions)]
            n += 1
            price = known.get(auction_id)
            amount = START_FEN if price is None else price + INCREMENT_FEN
            data = bid_request(auction_id, token, amount, f"{run}-{index}-{n}")
            sent = time.perf_counter()
            try:
                status, body = await http.request(data)
            except (ConnectionError, OSError):
                tally.connection_errors += 1
                await asyncio.sleep(0.05)
                with contextlib.suppress(ConnectionError, OSError):
                    http = await connect(port)
                continue
            took = time.perf_counter() - sent
            if status == 201 and known.get(auction_id, 0) < amount:
                known[auction_id] = amount
            counted = begin <= loop.time() <= end
            if status == 201:
                tally.accepted += counted
            elif status == 409 and b'"bid":' in body:
                tally.refused += counted
            else:
                tally.wrong(status, body)
                continue
            if counted:
                tally.latencies.append(took)
        if http.transport is not None:
            http.transport.close()

    async def meter() -> dict[str, float]:
        await asyncio.sleep(max(0.0, begin - loop.time()))
        cpu = CpuMeter(server_pid)
        cpu.start()
        await asyncio.sleep(max(0.0, end - loop.time()))
        return cpu.stop()

    metering = asyncio.ensure_future(meter())
    await asyncio.gather(*(bidder(i, tok, auctions) for i, (tok, auctions) in enumerate(plans)))
    cpu = await metering
    done = tally.accepted + tally.refused
    # CPU the server spends per answered bid: what bounds one process on one core (the GIL).
    cpu["server_ms_per_bid"] = round(cpu["server_cores"] * 1000 * duration / max(done, 1), 3)
    if tally.samples:
        log(f"unexpected answers: {tally.samples}")
    return {
        "bids_per_s": round(done / duration, 1),
        "accepted": tally.accepted,
        "refused": tally.refused,
        "p50_ms": round(percentile(tally.latencies, 0.50) * 1000, 2),
        "p99_ms": round(percentile(tally.latencies, 0.99) * 1000, 2),
        "max_ms": round(max(tally.latencies, default=0.0) * 1000, 2),
        "server_errors": tally.server_errors,
        "other_status": tally.other_status,
        "connection_errors": tally.connection_errors,
        **cpu,
    }


# -- SSE fan-out ----------------------------------------------------------------------------

_BID_EVENT = re.compile(rb"id: (\d+)\nevent: bid\n")


class FanOut:
    def __init__(self, watchers: int) -> None:
        self.watchers = watchers
        self.ready = 0
        self.lost = 0
        self.bad_status = 0
        self.received: Counter[int] = Counter()
        self.all_ready = asyncio.Event()
        self.waiting: dict[int, asyncio.Event] = {}
        self.closing = False


class Watcher(asyncio.Protocol):
    """One SSE client; notes when each bid event arrives (parsing only what it must)."""

    def __init__(self, shared: FanOut, request: bytes) -> None:
        self.shared = shared
        self.request = request
        self.buffer = b""
        self.started = False
        self.snapshot = False
        self.arrivals: dict[int, float] = {}
        self.transport: asyncio.BaseTransport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport
        transport.write(self.request)  # type: ignore[attr-defined]

    def data_received(self, data: bytes) -> None:
        now = time.perf_counter()
        shared = self.shared
        buffer = self.buffer + data
        if not self.started:
            if len(buffer) < 12:
                self.buffer = buffer
                return
            self.started = True
            if not buffer.startswith(b"HTTP/1.1 200"):
                shared.bad_status += 1
        cut = buffer.rfind(b"\n\n")
        if cut < 0:
            self.buffer = buffer
            return
        frames, self.buffer = buffer[:cut], buffer[cut + 2 :]
        if not self.snapshot and b"event: snapshot" in frames:
            self.snapshot = True
            shared.ready += 1
            if shared.ready == shared.watchers:
                shared.all_ready.set()
        for match in _BID_EVENT.finditer(frames):
            seq = int(match[1])
            self.arrivals[seq] = now
            shared.received[seq] += 1
            waiting = shared.waiting.get(seq)
            if waiting is not None and shared.received[seq] >= shared.ready:
                waiting.set()

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.shared.closing:
            self.shared.lost += 1


async def fanout_phase(
    port: int, server_pid: int, auction_id: int, tokens: list[str], watchers: int, bids: int
) -> dict[str, Any]:
    loop = asyncio.get_running_loop()
    shared = FanOut(watchers)
    request = (
        f"GET /api/v1/auctions/{auction_id}/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Accept: text/event-stream\r\n\r\n"
    ).encode()
    gate = asyncio.Semaphore(256)  # connects in flight, well inside the server's backlog
    connect_errors = 0

    async def open_one() -> Watcher | None:
        nonlocal connect_errors
        async with gate:
            try:
                _, watcher = await loop.create_connection(
                    lambda: Watcher(shared, request), "127.0.0.1", port
                )
            except OSError:
                connect_errors += 1
                return None
            return watcher

    started = time.perf_counter()
    opened = [w for w in await asyncio.gather(*(open_one() for _ in range(watchers))) if w]
    shared.watchers = len(opened)
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(shared.all_ready.wait(), timeout=60 + watchers / 50)
    connected_s = time.perf_counter() - started
    log(f"fan-out: {shared.ready}/{watchers} watchers have the snapshot after {connected_s:.1f} s")

    cpu = CpuMeter(server_pid)
    cpu.start()
    latencies: list[float] = []
    per_bid: list[dict[str, float]] = []
    missed = 0
    post_errors = 0
    http = await connect(port)
    run = secrets.token_hex(4)
    for n in range(bids):
        await asyncio.sleep(0.5)  # spaced: each bid's fan-out on its own
        waiting = asyncio.Event()
        sent = time.perf_counter()
        status, body = await http.request(
            bid_request(auction_id, tokens[n % 2], START_FEN + n * INCREMENT_FEN, f"fan-{run}-{n}")
        )
        posted = time.perf_counter() - sent
        if status != 201:
            post_errors += 1
            log(f"fan-out bid refused: {status} {body[:300]!r}")
            continue
        seq = json.loads(body)["bid"]["seq"]
        shared.waiting[seq] = waiting
        if shared.received[seq] < shared.ready:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(waiting.wait(), timeout=30)
        these = [w.arrivals[seq] - sent for w in opened if seq in w.arrivals]
        missed += shared.ready - len(these)
        latencies += these
        per_bid.append(
            {
                "post_ms": round(posted * 1000, 1),
                "p99_ms": round(percentile(these, 0.99) * 1000, 1),
                "max_ms": round(max(these, default=0.0) * 1000, 1),
            }
        )
    usage = cpu.stop()
    http.transport.close()  # type: ignore[union-attr]
    shared.closing = True
    for watcher in opened:
        if watcher.transport is not None:
            watcher.transport.close()
    await asyncio.sleep(0.2)
    return {
        "watchers": watchers,
        "connected": shared.ready,
        "connect_s": round(connected_s, 2),
        "bids": bids,
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 1),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
        "max_ms": round(max(latencies, default=0.0) * 1000, 1),
        "per_bid": per_bid,
        "missed_events": missed,
        "lost_connections": shared.lost,
        "connect_errors": connect_errors + shared.bad_status + (watchers - len(opened)),
        "post_errors": post_errors,
        **usage,
    }


# -- PostgreSQL itself on one hot row ------------------------------------------------------------

HOT_ROW_SCRIPT = """\
BEGIN;
SELECT price FROM bench_hot_row WHERE id = 1 FOR UPDATE;
INSERT INTO bench_hot_log (client, at) VALUES (:client_id, now());
UPDATE bench_hot_row SET price = price + 1 WHERE id = 1;
COMMIT;
"""


def pg_reference(dsn: str, dbname: str, clients: int, seconds: float, work: Path) -> dict[str, Any]:
    """One hot row, the bid path's skeleton (lock, insert, update), by pgbench if present."""
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS bench_hot_row, bench_hot_log")
        conn.execute("CREATE TABLE bench_hot_row (id int PRIMARY KEY, price bigint NOT NULL)")
        conn.execute("INSERT INTO bench_hot_row VALUES (1, 0)")
        conn.execute(
            "CREATE TABLE bench_hot_log (id bigserial PRIMARY KEY, client int, at timestamptz)"
        )
    pgbench = shutil.which("pgbench")
    if pgbench is None:
        return _python_hot_row(dsn, clients, seconds)
    script = work / "hot_row.sql"
    script.write_text(HOT_ROW_SCRIPT)
    logs = work / "pgbench"
    logs.mkdir(exist_ok=True)
    result = subprocess.run(
        [pgbench, "-n", "-h", "127.0.0.1", "-p", "5432", "-U", "postgres", "-c", str(clients),
         "-j", "2", "-T", str(max(1, round(seconds))), "-f", str(script), "-l",
         "--log-prefix", str(logs / "tx"), dbname],
        capture_output=True, text=True, timeout=seconds + 60,
    )  # fmt: skip
    if result.returncode != 0:
        raise RuntimeError(f"pgbench failed: {result.stderr}")
    tps = float(re.search(r"tps = ([\d.]+)", result.stdout)[1])  # type: ignore[index]
    latencies = [
        int(line.split()[2]) / 1000
        for path in logs.iterdir()
        for line in path.read_text().splitlines()
    ]
    return {
        "tool": "pgbench",
        "clients": clients,
        "tps": round(tps, 1),
        "p50_ms": round(percentile(latencies, 0.50), 2),
        "p99_ms": round(percentile(latencies, 0.99), 2),
    }


def _python_hot_row(dsn: str, clients: int, seconds: float) -> dict[str, Any]:
    import threading

    import psycopg

    deadline = time.perf_counter() + seconds
    latencies: list[float] = []

    def client(n: int) -> None:
        with psycopg.connect(dsn, autocommit=True) as conn:
            while (started := time.perf_counter()) < deadline:
                with conn.transaction():
                    conn.execute("SELECT price FROM bench_hot_row WHERE id = 1 FOR UPDATE")
                    conn.execute("INSERT INTO bench_hot_log (client, at) VALUES (%s, now())", [n])
                    conn.execute("UPDATE bench_hot_row SET price = price + 1 WHERE id = 1")
                latencies.append((time.perf_counter() - started) * 1000)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {
        "tool": "psycopg threads",
        "clients": clients,
        "tps": round(len(latencies) / seconds, 1),
        "p50_ms": round(percentile(latencies, 0.50), 2),
        "p99_ms": round(percentile(latencies, 0.99), 2),
    }


# -- databases --------------------------------------------------------------------------------


def pg_answers(dsn: str = PG_ADMIN) -> bool:
    try:
        import psycopg

        with psycopg.connect(dsn, connect_timeout=3):
            return True
    except Exception:
        return False


@contextlib.contextmanager
def pg_database() -> Iterator[str]:
    import psycopg

    name = f"fapai_bench_{os.getpid()}_{secrets.token_hex(3)}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# -- running it all ------------------------------------------------------------------------------


@dataclass
class Plan:
    quick: bool
    bidders: int
    auctions: int
    per_auction: int
    warmup: float
    duration: float
    watchers: int
    fanout_bids: int
    pg_clients: int
    pg_seconds: float
    pg_workers: int = 1


def run_backend(
    backend: str, plan: Plan, fanout: bool, stack: contextlib.ExitStack
) -> dict[str, Any]:
    work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix=f"live-{backend}-")))
    key = secrets.token_bytes(32)
    result: dict[str, Any] = {}
    if backend == "sqlite":
        url = f"sqlite:///{work / 'bench.sqlite3'}"
    else:
        dbname = stack.enter_context(pg_database())
        url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{dbname}"
        log(f"postgresql: PostgreSQL itself on one hot row, {plan.pg_clients} clients")
        result["reference"] = pg_reference(
            f"postgresql://postgres@127.0.0.1:5432/{dbname}", dbname,
            plan.pg_clients, plan.pg_seconds, work,
        )  # fmt: skip
    log(f"{backend}: setting up {plan.auctions + 2} auctions and {plan.bidders} bidders")
    fixture = populate(url, key, work, plan.bidders, plan.auctions, plan.per_auction)
    result["setup_s"] = round(fixture.setup_s, 1)
    log(f"{backend}: set up in {fixture.setup_s:.1f} s; starting fapai serve")
    workers = plan.pg_workers if backend == "postgresql" else 1
    result["server_processes"] = workers
    server = Server(url, key, work, workers)
    stack.callback(server.stop)
    server.wait_ready(f"/api/v1/auctions/{fixture.hot}")
    pid = server.process.pid
    hot = [(token, [fixture.hot]) for token in fixture.tokens]
    spread = [(token, plan_) for token, plan_ in zip(fixture.tokens, fixture.plans, strict=True)]
    log(f"{backend}: {plan.bidders} bidders on one hot auction")
    result["hot"] = run_async(bid_phase(server.port, pid, hot, plan.warmup, plan.duration))
    log(f"{backend}: {plan.bidders} bidders over {plan.auctions} auctions")
    result["spread"] = run_async(bid_phase(server.port, pid, spread, plan.warmup, plan.duration))
    if fanout:
        log(f"{backend}: fan-out to {plan.watchers} watchers")
        result["fanout"] = run_async(
            fanout_phase(
                server.port, pid, fixture.fanout, fixture.fanout_tokens,
                plan.watchers, plan.fanout_bids,
            )
        )  # fmt: skip
    server.stop()
    if server.process.returncode not in (0, -signal.SIGTERM, -signal.SIGKILL):
        log(f"{backend}: server exit status {server.process.returncode}:\n{server.log_tail()}")
    return result


def run_async(coroutine: Any) -> Any:
    import uvloop

    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        return runner.run(coroutine)


def revision() -> str:
    """The code measured: the commit, marked dirty when the working tree has changes."""
    try:
        return subprocess.run(
            ["git", "describe", "--always", "--dirty"], cwd=Path(__file__).parent,
            capture_output=True, text=True, timeout=10,
        ).stdout.strip()  # fmt: skip
    except OSError:
        return "unknown"


def raise_fd_limit(wanted: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < wanted:
        top = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (top, hard))
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < wanted:
        log(f"file descriptors limited to {soft}; fan-out may fail to connect")


def errors_of(results: dict[str, Any]) -> int:
    total = 0
    for backend in ("sqlite", "postgresql"):
        for scenario in ("hot", "spread"):
            r = (results.get(backend) or {}).get(scenario)
            if r:
                total += r["server_errors"] + r["other_status"] + r["connection_errors"]
    fan = results.get("fanout")
    if fan:
        total += fan["missed_events"] + fan["lost_connections"]
        total += fan["connect_errors"] + fan["post_errors"]
    return total


def judge(results: dict[str, Any], plan: Plan) -> list[dict[str, Any]]:
    """MET/MISSED per target; ``met`` is None when the run is smaller than the target's."""
    verdicts = []
    for path, what, rate, p99 in TARGETS:
        backend, scenario = path.split(".")
        r = (results.get(backend) or {}).get(scenario)
        if r is None:
            continue
        full = plan.bidders >= 64 and (scenario == "hot" or plan.auctions >= 1000)
        met = r["bids_per_s"] >= rate and (p99 is None or r["p99_ms"] <= p99)
        measured = f"{r['bids_per_s']:,.0f} bids/s" + (f", p99 {r['p99_ms']} ms" if p99 else "")
        verdicts.append({"target": what, "measured": measured, "met": met if full else None})
    fan = results.get("fanout")
    if fan:
        met = fan["p99_ms"] <= FANOUT_TARGET_MS and fan["connected"] == fan["watchers"]
        verdicts.append(
            {
                "target": "fan-out to 5,000 watchers p99 <= 1 s",
                "measured": f"p99 {fan['p99_ms']:,.0f} ms, {fan['connected']:,} watchers",
                "met": met if fan["watchers"] >= 5000 else None,
            }
        )
    return verdicts


def print_table(results: dict[str, Any], plan: Plan) -> None:
    print(
        f"fapai live bidding: {plan.bidders} concurrent bidders, {plan.duration:g} s measured after"
        f" {plan.warmup:g} s warm-up; {os.cpu_count()} cores; code {results['revision']};"
        f" load average before"
        f" {results['load_before']}"
    )
    print(
        f"{'backend':<11} {'scenario':<16} {'bids/s':>8} {'accepted':>9} {'refused':>8}"
        f" {'p50 ms':>7} {'p99 ms':>7} {'errors':>6}  server CPU ms/bid |"
        " CPU cores: server postgres client machine"
    )
    for backend in ("sqlite", "postgresql"):
        for scenario, label in (("hot", "hot auction"), ("spread", f"{plan.auctions} auctions")):
            r = (results.get(backend) or {}).get(scenario)
            if not r:
                continue
            errors = r["server_errors"] + r["other_status"] + r["connection_errors"]
            pg = f"{r['postgres_cores']:8.2f}" if backend == "postgresql" else f"{'-':>8}"
            print(
                f"{backend:<11} {label:<16} {r['bids_per_s']:8,.0f} {r['accepted']:9,}"
                f" {r['refused']:8,} {r['p50_ms']:7.1f} {r['p99_ms']:7.1f} {errors:6}"
                f"  {r['server_ms_per_bid']:17.2f} | {r['server_cores']:16.2f} {pg}"
                f" {r['client_cores']:6.2f}"
                f" {r['machine_cores']:7.2f}"
            )
    ref = (results.get("postgresql") or {}).get("reference")
    if ref:
        print(
            f"reference   PostgreSQL itself on one hot row ({ref['tool']},"
            f" {ref['clients']} clients, SELECT FOR UPDATE; INSERT; UPDATE):"
            f" {ref['tps']:,.0f} tx/s,"
            f" p50 {ref['p50_ms']} ms, p99 {ref['p99_ms']} ms"
        )
    fan = results.get("fanout")
    if fan:
        print(
            f"fan-out     {fan['backend']}: {fan['connected']:,}/{fan['watchers']:,} watchers"
            f" (connected in {fan['connect_s']} s), {fan['bids']} bids: POST to event"
            f" p50 {fan['p50_ms']:,.0f} ms, p99 {fan['p99_ms']:,.0f} ms,"
            f" max {fan['max_ms']:,.0f} ms;"
            f" missed {fan['missed_events']}, lost {fan['lost_connections']};"
            f" CPU server {fan['server_cores']}, client {fan['client_cores']}"
        )
    print("targets:")
    for verdict in results["targets"]:
        met = verdict["met"]
        mark = "n/a (smaller run)" if met is None else "MET" if met else "MISSED"
        print(f"  {verdict['target']:<62} {verdict['measured']:<28} {mark}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small and short (~30 s), for CI")
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--skip-fanout", action="store_true")
    parser.add_argument("--duration", type=float, help="measured seconds per scenario (10)")
    parser.add_argument("--warmup", type=float, help="seconds before measuring (2)")
    parser.add_argument("--bidders", type=int, help="concurrent bidders (64)")
    parser.add_argument("--auctions", type=int, help="auctions in the spread scenario (1000)")
    parser.add_argument("--watchers", type=int, help="SSE watchers (5000)")
    parser.add_argument("--json-only", action="store_true", help="print only the JSON line")
    parser.add_argument(
        "--pg-workers", type=int, default=1, help="fapai serve processes on PostgreSQL (1)"
    )
    args = parser.parse_args()
    quick = args.quick
    plan = Plan(
        quick=quick,
        bidders=args.bidders or (16 if quick else 64),
        auctions=args.auctions or (40 if quick else 1000),
        per_auction=2,
        warmup=args.warmup if args.warmup is not None else (0.5 if quick else 2.0),
        duration=args.duration or (1.5 if quick else 10.0),
        watchers=args.watchers or (200 if quick else 5000),
        fanout_bids=3 if quick else 5,
        pg_clients=16,
        pg_seconds=2 if quick else 10,
        pg_workers=args.pg_workers,
    )
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    results: dict[str, Any] = {
        "quick": quick,
        "bidders": plan.bidders,
        "auctions": plan.auctions,
        "warmup_s": plan.warmup,
        "duration_s": plan.duration,
        "revision": revision(),
        "cores": os.cpu_count(),
        "load_before": [round(x, 2) for x in os.getloadavg()],
        "skipped": [],
    }
    if "postgresql" in backends and not pg_answers():
        if args.backend == "postgresql":
            raise SystemExit("PostgreSQL does not answer on 127.0.0.1:5432")
        log("PostgreSQL does not answer on 127.0.0.1:5432: skipping it")
        backends.remove("postgresql")
        results["skipped"].append("postgresql")
    raise_fd_limit(plan.watchers * 2 + 1024)
    for backend in backends:
        fanout = not args.skip_fanout and backend == backends[-1]
        with contextlib.ExitStack() as stack:
            results[backend] = run_backend(backend, plan, fanout, stack)
        if fanout:
            results["fanout"] = {"backend": backend, **results[backend].pop("fanout")}
    results["targets"] = judge(results, plan)
    results["errors"] = errors_of(results)
    if not args.json_only:
        print_table(results, plan)
    print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main()
