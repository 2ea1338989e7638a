"""The background jobs: settle due auctions, send due refunds, raise alerts for overdue
money, and seal the audit trail.

Both are idempotent, so several copies (``fapai serve`` and ``fapai worker``)
may run against one database.
"""

from __future__ import annotations

import logging
import threading

from fapai.app.accounts import retention
from fapai.app.auctions.closing import close_due
from fapai.app.audit import trail
from fapai.app.ledger import flows
from fapai.app.services import Services

log = logging.getLogger("fapai.worker")
CLOSE_EVERY = 0.2
SEAL_EVERY = 1.0


def run_once(services: Services) -> list[int]:
    closed = close_due(services)
    flows.send_due_refunds(services)
    flows.raise_alerts(services)
    trail.seal(services.db, services.clock())
    return closed


def run_forever(services: Services, stop: threading.Event) -> None:
    """Close due auctions every 0.2 s and seal the trail every second, until ``stop``."""
    since_seal = 0.0
    retained_on = None
    while not stop.is_set():
        try:
            for auction_id in close_due(services):
                log.info("auction %s settled", auction_id)
            since_seal += CLOSE_EVERY
            if since_seal >= SEAL_EVERY:
                flows.send_due_refunds(services)  # OJA Art 23: within 24 h; here within 1 s
                flows.raise_alerts(services)
                trail.seal(services.db, services.clock())
                since_seal = 0.0
                if retained_on != (today := services.clock().date()):
                    erased = retention.run(services)  # once a day, as the day turns
                    log.info(
                        "retention: %s accounts, %s read-log rows erased",
                        erased.accounts,
                        erased.reads,
                    )
                    retained_on = today
        except Exception:  # a database hiccup must not end the closer; it retries
            log.exception("closer round failed; retrying")
        stop.wait(CLOSE_EVERY)


def start(services: Services) -> tuple[threading.Thread, threading.Event]:
    stop = threading.Event()
    thread = threading.Thread(
        target=run_forever, args=(services, stop), name="fapai-closer", daemon=True
    )
    thread.start()
    return thread, stop
