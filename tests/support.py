"""Test helpers: a settable clock, a live server in a thread, and ready-made
courts, auctions and bidders built through the ordinary use cases.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from sqlalchemy import func, select

from fapai.app.accounts import bidders, courts, principals
from fapai.app.accounts import phone as phone_codes
from fapai.app.accounts.principals import BidderPrincipal, CourtPrincipal
from fapai.app.auctions import registration, setup
from fapai.app.cases.panel import Panel
from fapai.app.lots import intake
from fapai.app.services import Services
from fapai.config import Limits
from fapai.demo import world
from fapai.demo.world import demo_id_number
from fapai.domain.money import parse_yuan
from fapai.web.app import create_app
from fapai.web.connections import HeaderTimeoutProtocol
from fapai.web.live import Broker

# Bidding opens at T0 in the tests' auctions and runs for one day.
T0 = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)


class Clock:
    """The tests' server clock: it stands still unless a test moves it (thread-safe)."""

    def __init__(self, now: datetime) -> None:
        self._now = now
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            return self._now

    def set(self, now: datetime) -> None:
        with self._lock:
            self._now = now

    def advance(self, **delta: float) -> datetime:
        with self._lock:
            self._now += timedelta(**delta)
            return self._now


@dataclass
class Bidder:
    name: str
    id_number: str
    phone: str
    token: str
    account_id: int


def office(services: Services, court_code: str = "sh-1zy") -> CourtPrincipal:
    """An online-auction-office user of a (new) court."""
    court_id = courts.create_court(services, court_code, f"{court_code} 人民法院", "上海")
    token = courts.create_court_user(services, court_id, f"{court_code}-office", "auction_office")
    who = principals.authenticate(services, token)
    assert isinstance(who, CourtPrincipal)
    return who


def court_user(services: Services, court_id: int, role: str) -> tuple[CourtPrincipal, str]:
    token = courts.create_court_user(services, court_id, f"{court_id}-{role}", role)
    who = principals.authenticate(services, token)
    assert isinstance(who, CourtPrincipal)
    return who, token


def auction(
    services: Services,
    who: CourtPrincipal,
    start: str = "100000.00",
    increment: str = "1000.00",
    deposit: str = "10000.00",
    starts_at: datetime = T0,
    hours: float = 24,
    allow_self_raise: bool = False,
) -> int:
    """A published first-round auction of a new real-estate lot."""
    lot = intake.create_lot(services, who, "测试房产", "real_estate", "上海市", {}, None)
    return setup.create_auction(
        services, who, lot, 1, parse_yuan(start) or 0, parse_yuan(increment) or 0,
        parse_yuan(deposit) or 0, starts_at, starts_at + timedelta(hours=hours), allow_self_raise,
    )  # fmt: skip


_serial = iter(range(10_000, 1_000_000))


def bidder(services: Services, name: str = "测试甲") -> Bidder:
    """A new bidder account with a unique, well-formed ID number and phone."""
    serial = next(_serial)
    id_number = demo_id_number(serial)
    phone = f"139{serial:08d}"
    _, session = bidders.create_account(
        services, name, id_number, phone, phone_code(services, phone)
    )
    who = principals.authenticate(services, session.token)
    assert isinstance(who, BidderPrincipal)
    return Bidder(name, id_number, phone, session.token, who.account_id)


def phone_code(services: Services, phone: str) -> str | None:
    """The code the simulated SMS sender texted to ``phone`` (issue 12)."""
    return phone_codes.send_code(services, phone).demo_code


def http_phone_code(http: httpx.Client, phone: str) -> str:
    """Step 1 of opening an account over HTTP: the simulated sender's code."""
    reply = http.post("/api/v1/accounts/phone-code", json={"phone": phone})
    assert reply.status_code == 201, reply.text
    code: str = reply.json()["demo_code"]
    return code


def pay_deposit(
    services: Services, someone: Bidder, auction_id: int, payer: str | None = None
) -> str:
    """Register ``someone`` and pay the deposit through the simulated bank; the outcome."""
    registration.register(services, someone.account_id, auction_id, True)
    order = registration.request_deposit(services, someone.account_id, auction_id)
    bank = services.gateway
    body, signature = bank.notice(  # type: ignore[attr-defined]
        order.order_ref, parse_yuan(order.amount), payer or someone.name, f"T-{order.order_ref}"
    )
    return registration.accept_bank_notice(services, body, signature).status


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# Rate limits off: the tests that are about something else (50 threads bidding from
# 127.0.0.1, say) must not meet them; tests/test_security_limits.py sets small ones.
NO_LIMITS = Limits(**{name: 0 for name in Limits.__dataclass_fields__ if "timeout" not in name})


class LiveServer:
    """The real app under uvicorn in a thread, on a free port, with the tests' clock."""

    def __init__(
        self, services: Services, broker: Broker, limits: Limits = NO_LIMITS, **options: Any
    ) -> None:
        app = create_app(services, broker, services.gateway, limits, **options)  # type: ignore[arg-type]
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            app, host="127.0.0.1", port=self.port, loop="uvloop", http=HeaderTimeoutProtocol,
            log_level="warning", access_log=True,
        )  # fmt: skip
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("test server did not start")
            time.sleep(0.01)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


FAPAI = Path(sys.executable).parent / "fapai"


class ServerProcess:
    """``fapai serve`` in its own process, on a free port."""

    def __init__(self, env: dict[str, str], log: Path, *options: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                [str(FAPAI), "serve", "--no-access-log", "--port", str(self.port), *options],
                env=env, stdout=out, stderr=subprocess.STDOUT,
            )  # fmt: skip

    def wait_ready(self, auction_id: int, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                if httpx.get(f"{self.url}/api/v1/auctions/{auction_id}").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise AssertionError(f"fapai serve did not start:\n{self.log.read_text()[-3000:]}")

    def kill(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


def row_count(services: Services, table: Any) -> int:
    """Rows in ``table``: a refused request must leave these unchanged."""
    with services.db.read() as tx:
        return int(tx.c.scalar(select(func.count()).select_from(table)))  # type: ignore[attr-defined]


CJK = re.compile(r"[\u4e00-\u9fff]")


def auth(who: Bidder | str) -> dict[str, str]:
    """The Authorization header of a bidder (or of a raw token)."""
    return {"Authorization": f"Bearer {who if isinstance(who, str) else who.token}"}


def take_in_lieu(http: Any, auction_id: int, claim: str, bureau: dict, director: dict) -> Any:
    """Over HTTP: the one applying creditor (rank 1) asks, the director approves (Shanghai
    item 5), the bureau records the taking (ASR Art 16); the taking's reply."""
    url = f"/api/v1/court/auctions/{auction_id}/in-lieu"
    asked = http.post(f"{url}/requests", json={"creditor": "申请执行人", "claim": claim, "rank": 1},
                      headers=bureau)  # fmt: skip
    assert asked.status_code == 201, asked.text
    approved = http.post(f"{url}/approval", headers=director)
    assert approved.status_code == 200, approved.text
    return http.post(url, headers=bureau)


def assert_error(reply: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """A refusal as the API promises it: the status, the code, a Chinese and an English
    sentence."""
    assert reply.status_code == status, reply.text
    body = reply.json()
    assert body["error"]["code"] == code, body
    assert CJK.search(body["error"]["message"]), body
    assert body["error"]["message_en"], body
    return dict(body)


def seed_demo(services: Services) -> world.Demo:
    """The demo as ``fapai serve --demo`` seeds it, with the simulated bank's signed notices:
    cases with lots in every stage and auctions in every status."""
    bank = services.gateway
    return world.seed(
        services,
        lambda ref, fen, name: bank.notice(ref, fen, name, f"T-{ref}"),  # type: ignore[attr-defined]
    )


# What confirming a preemptive-right holder takes besides the ID number and rank
# (OJA Arts 19, 27): the evidence of the right and the collegial panel's decision.
HOLDER_EVIDENCE = "房屋租赁合同（承租人）"
HOLDER_PANEL = Panel("合议庭评议（2026）第9号", date(2026, 1, 5), ("甲法官", "乙法官", "丙法官"))
HOLDER_BASIS = {
    "evidence": HOLDER_EVIDENCE,
    "panel": {"number": HOLDER_PANEL.number, "decided_on": "2026-01-05",
              "members": list(HOLDER_PANEL.members)},
}  # fmt: skip
