"""Several ``fapai serve`` processes on one PostgreSQL database (design.md: servers
share PostgreSQL; live events cross processes through LISTEN/NOTIFY).

Bids land on whichever process the kernel hands the connection to; a watcher
connected to one process must still see every accepted bid, in order, with no
gap in ``seq`` (OJA Art 20: bids shown in real time). SQLite has one writer, so
asking it for several processes is refused with one line.
"""

from __future__ import annotations

import json
import socket
import subprocess
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

import support
from fapai.domain.money import format_yuan


def _watch(port: int, auction_id: int, want: int, seen: list[dict], ready: threading.Event) -> None:
    """Read bid events from a raw SSE connection until ``want`` of them arrived."""
    with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
        sock.sendall(
            f"GET /api/v1/auctions/{auction_id}/events HTTP/1.1\r\nHost: x\r\n\r\n".encode()
        )
        buffer = b""
        while len(seen) < want:
            chunk = sock.recv(65536)
            if not chunk:
                return
            buffer += chunk
            while b"\n\n" in buffer:
                event, buffer = buffer.split(b"\n\n", 1)
                lines = dict(
                    line.split(": ", 1) for line in event.decode().splitlines() if ": " in line
                )
                if lines.get("event") == "snapshot":
                    ready.set()
                elif lines.get("event") == "bid":
                    seen.append(json.loads(lines["data"]))


def test_two_processes_share_bids_and_live_events(
    real_services, database_url: str, tmp_path: Path
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("several server processes need PostgreSQL")
    services, env = real_services
    now = datetime.now(UTC)
    office = support.office(services)
    auction_id = support.auction(services, office, starts_at=now - timedelta(hours=1), hours=25)
    people = [support.bidder(services, f"多进程{i}") for i in range(2)]
    for person in people:
        assert support.pay_deposit(services, person, auction_id) == "confirmed"
    server = support.ServerProcess(env, tmp_path / "serve.log", "--workers", "2")
    port, log = server.port, server.log
    try:
        server.wait_ready(auction_id)
        rounds = 20
        seen: list[dict] = []
        ready = threading.Event()
        watcher = threading.Thread(
            target=_watch, args=(port, auction_id, rounds, seen, ready), daemon=True
        )
        watcher.start()
        assert ready.wait(20), log.read_text()[-2000:]
        for r in range(rounds):
            person = people[r % 2]
            # A new connection per bid, so bids are spread over both processes.
            reply = httpx.post(
                f"{server.url}/api/v1/auctions/{auction_id}/bids",
                json={"amount": format_yuan(100_000_00 + r * 1_000_00)},
                headers={"Authorization": f"Bearer {person.token}", "Idempotency-Key": f"m{r}"},
            )
            assert reply.status_code == 201, reply.text
        watcher.join(20)
        assert [event["seq"] for event in seen] == list(range(1, rounds + 1))
        assert seen[-1]["price"] == format_yuan(100_000_00 + (rounds - 1) * 1_000_00)
    finally:
        server.stop()


def test_several_processes_on_sqlite_are_refused(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(support.FAPAI), "serve", "--workers", "2"],
        env={"FAPAI_DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}", "PATH": ""},
        capture_output=True, text=True, timeout=60, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "needs PostgreSQL" in result.stderr
