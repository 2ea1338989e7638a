"""The background jobs: settle due auctions, raise alerts for overdue money and seal the
audit trail (the closer), and send refunds and payouts (the sender).

Each job fails alone (issue 13: one failing refund held up every other refund, the
alerts and the seals for a day): the closer runs each job in its own ``try``, and the
bank is only ever called from the sender's own thread, so a slow or failing bank never
delays a close, an alert or a seal. Every job is idempotent, so several copies
(``fapai serve`` and ``fapai worker``) may run against one database.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from fapai.app.accounts import retention
from fapai.app.auctions.closing import close_due
from fapai.app.audit import trail
from fapai.app.ledger import flows
from fapai.app.services import Services

log = logging.getLogger("fapai.worker")
CLOSE_EVERY = 0.2
SEAL_EVERY = 1.0
SEND_EVERY = 1.0  # OJA Art 23: refunds within 24 h; here within a second or two


def run_once(services: Services) -> list[int]:
    closed = close_due(services)
    flows.send_due_refunds(services)
    flows.raise_alerts(services)
    trail.seal(services.db, services.clock())
    return closed


def _alone(job: Callable[[], object], name: str) -> None:
    """Run one job; a failure is logged and the next job runs all the same."""
    try:
        job()
    except Exception:  # a database hiccup must not end the worker; the job runs again
        log.exception("%s failed; retrying", name)


def _close(services: Services) -> None:
    for auction_id in close_due(services):
        log.info("auction %s settled", auction_id)


def _retain(services: Services) -> None:
    erased = retention.run(services)
    log.info("retention: %s accounts, %s read-log rows erased", erased.accounts, erased.reads)


def run_forever(services: Services, stop: threading.Event) -> None:
    """Close due auctions every 0.2 s; raise alerts and seal the trail every second."""
    since_seal = 0.0
    retained_on = None
    while not stop.is_set():
        _alone(lambda: _close(services), "closing")
        since_seal += CLOSE_EVERY
        if since_seal >= SEAL_EVERY:
            _alone(lambda: flows.raise_alerts(services), "alerts")
            _alone(lambda: trail.seal(services.db, services.clock()), "sealing")
            since_seal = 0.0
            if retained_on != (today := services.clock().date()):
                _alone(lambda: _retain(services), "retention")  # once a day, as the day turns
                retained_on = today
        stop.wait(CLOSE_EVERY)


def send_forever(services: Services, stop: threading.Event) -> None:
    """Order due refunds and send what waits (each instruction backs off on its own)."""
    while not stop.is_set():
        _alone(lambda: flows.send_due_refunds(services), "sending")
        stop.wait(SEND_EVERY)


def start(services: Services) -> tuple[threading.Thread, threading.Event]:
    stop = threading.Event()
    thread = threading.Thread(
        target=run_forever, args=(services, stop), name="fapai-closer", daemon=True
    )
    thread.start()
    threading.Thread(
        target=send_forever, args=(services, stop), name="fapai-sender", daemon=True
    ).start()
    return thread, stop
