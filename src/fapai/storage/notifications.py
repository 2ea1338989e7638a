"""Live events across processes on PostgreSQL: ``pg_notify`` in the committing
transaction, ``LISTEN`` in every server process (design.md: several servers share
PostgreSQL). A notification is delivered only if its transaction commits, and in
commit order, so listeners see exactly the committed events.

SQLite has one process by design; there the app publishes in-process after commit.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import psycopg

CHANNEL = "fapai_events"
log = logging.getLogger("fapai.notifications")

Deliver = Callable[[int, int, str, str], None]


def message(auction_id: int, seq: int, kind: str, payload: str) -> str:
    return f"{auction_id} {seq} {kind} {payload}"


def _parse(text: str) -> tuple[int, int, str, str]:
    auction_id, seq, kind, payload = text.split(" ", 3)
    return int(auction_id), int(seq), kind, payload


class Listener:
    """A thread holding one connection that LISTENs and hands each event to ``deliver``."""

    def __init__(self, dsn: str, deliver: Deliver) -> None:
        self._dsn = dsn
        self._deliver = deliver
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="fapai-listen", daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("could not LISTEN on PostgreSQL")

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                with psycopg.connect(self._dsn, autocommit=True) as connection:
                    connection.execute(f"LISTEN {CHANNEL}")
                    self._ready.set()
                    while not self._stop.is_set():
                        for note in connection.notifies(timeout=0.5):
                            self._deliver(*_parse(note.payload))
            except psycopg.Error:  # the database restarted: listen again shortly
                log.warning("lost the PostgreSQL notification connection; reconnecting")
                self._stop.wait(0.5)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
