"""The demo's simulated bidders: they keep the live demo auction moving."""

from __future__ import annotations

import random
import threading

from fapai.app.services import Services
from fapai.demo.world import Demo, bid_once


def run(services: Services, demo: Demo, stop: threading.Event) -> None:
    """Every 4-12 s one of them outbids the leader, until their budgets run out."""
    rng = random.Random()
    tick = 0
    while not stop.wait(rng.uniform(4, 12)):
        tick += 1
        bid_once(services, demo, rng, tick)


def start(services: Services, demo: Demo) -> threading.Event:
    stop = threading.Event()
    threading.Thread(
        target=run, args=(services, demo, stop), name="demo-bidders", daemon=True
    ).start()
    return stop
