"""Rate limits per client address and per account, and a cap on open live streams.

A token bucket per key: it holds up to ``per_minute`` requests and refills at
``per_minute`` a minute, so a person's pace never meets it and a script's does.
A request over the limit is answered 429 with the usual error body and a
Retry-After header; nothing it asked for is done. The buckets live in the process
(each worker of ``fapai serve --workers N`` keeps its own, so a client may get up
to N times the rate; docs/security.md). Written for the event loop and worker
threads alike: one lock around a few dictionary operations.

Not slowapi: it limits by decorating routes, which would not reach the refused
bids counted inside the bid path nor the per-account keys known only after the
token is read, and it brings its own storage layer for a dictionary's work.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from fastapi import Request

from fapai.app.errors import AppError
from fapai.config import Limits

_MAX_KEYS = 100_000  # past this, full buckets are forgotten (they hold nothing)


class Throttled(Exception):
    """Over a limit: try again after ``retry_after`` seconds."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"retry after {retry_after:.0f} s")
        self.retry_after = max(1, math.ceil(retry_after))


@dataclass
class Buckets:
    per_minute: int
    clock: Callable[[], float] = time.monotonic
    _levels: dict[object, tuple[float, float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _level(self, key: object, now: float) -> float:
        level, at = self._levels.get(key, (float(self.per_minute), now))
        return min(float(self.per_minute), level + (now - at) * self.per_minute / 60)

    def take(self, key: object) -> None:
        """Count one request against ``key``; Throttled when none is left."""
        if not self.per_minute:
            return
        with self._lock:
            now = self.clock()
            level = self._level(key, now)
            if level < 1:
                raise Throttled((1 - level) * 60 / self.per_minute)
            if len(self._levels) >= _MAX_KEYS:
                self._forget_full(now)
            self._levels[key] = (level - 1, now)

    def check(self, key: object) -> None:
        """Throttled if ``key`` has nothing left, without counting this request."""
        if not self.per_minute:
            return
        with self._lock:
            level = self._level(key, self.clock())
        if level < 1:
            raise Throttled((1 - level) * 60 / self.per_minute)

    def _forget_full(self, now: float) -> None:
        for key in [k for k in self._levels if self._level(k, now) >= self.per_minute]:
            del self._levels[key]


class Throttle:
    """Every limit of ``config.Limits``, with the open live streams per address."""

    def __init__(self, limits: Limits, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        self.sign_in = Buckets(limits.sign_in_per_address, clock)
        self.sign_in_login = Buckets(limits.sign_in_per_login, clock)
        self.accounts = Buckets(limits.accounts_per_address, clock)
        self.registrations_address = Buckets(limits.registrations_per_address, clock)
        self.registrations_account = Buckets(limits.registrations_per_account, clock)
        self.bids_address = Buckets(limits.bids_per_address, clock)
        self.bids_account = Buckets(limits.bids_per_account, clock)
        self._streams: dict[str, int] = {}
        self._lock = threading.Lock()

    def bid(self, address: str, account_id: int) -> None:
        """A bid, accepted or refused: both are stored, so both count."""
        self.bids_address.take(address)
        self.bids_account.take(account_id)

    def registration(self, address: str, account_id: int) -> None:
        self.registrations_address.take(address)
        self.registrations_account.take(account_id)

    @contextmanager
    def failures(self, address: str, login: str | None = None) -> Iterator[None]:
        """A sign-in: refused while the address (or the login) has no failures left;
        only a failure counts (a person signs in now and then, a guesser keeps failing)."""
        self.sign_in.check(address)
        if login is not None:
            self.sign_in_login.check(login)
        try:
            yield
        except AppError:
            self.sign_in.take(address)
            if login is not None:
                self.sign_in_login.take(login)
            raise

    def open_stream(self, address: str) -> None:
        with self._lock:
            open_now = self._streams.get(address, 0)
            if self.limits.streams_per_address and open_now >= self.limits.streams_per_address:
                raise Throttled(5)
            self._streams[address] = open_now + 1

    def close_stream(self, address: str) -> None:
        with self._lock:
            left = self._streams.get(address, 1) - 1
            if left:
                self._streams[address] = left
            else:
                self._streams.pop(address, None)


def address(request: Request) -> str:
    """The client's address as the server saw it (behind a proxy, uvicorn's
    ``--forwarded-allow-ips`` makes this the client's own; docs/security.md)."""
    client = request.client
    return client.host if client else "-"


def throttle(request: Request) -> Throttle:
    found: Throttle = request.app.state.throttle
    return found
